//! A one-chapter book with a French edition whose every message is translated by given text,
//! built through the whole library build: shared by the property test and the fuzz target.

use mdbook_training::build::{BuildError, BuildOptions, NoProgress, build, check};
use mdbook_training::i18n::catalog::{SourceText, extract_template};
use mdbook_training::i18n::po::write_po;
use std::fs;
use std::path::{Path, PathBuf};

/// Writes the book into `dir`: `chapter` as its one chapter, and `po/fr.po` giving each of
/// the chapter's messages (and every interface string) a piece of `translation` in turn.
pub fn write_one_chapter_book(dir: &Path, chapter: &str, translation: &str) {
    let files = [
        (
            "book.toml",
            "[book]\ntitle = \"T\"\nlanguage = \"en\"\n\n[preprocessor.training]\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n[Chapter](chapter.md)\n"),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        let _ = fs::create_dir_all(path.parent().unwrap_or(dir));
        let _ = fs::write(path, text);
    }
    let _ = fs::write(dir.join("src/chapter.md"), chapter);
    let source = SourceText {
        display: PathBuf::from("src/chapter.md"),
        text: chapter,
    };
    let (mut po, _) = extract_template("T", &[source]);
    po.set_header("Language", "fr");
    let pieces: Vec<&str> = translation.split("\n\n\n").collect();
    for (n, entry) in po.entries.iter_mut().enumerate() {
        entry.msgstr = vec![pieces[n % pieces.len()].to_string(); entry.msgstr.len()];
    }
    po.header_flags.clear();
    let _ = fs::create_dir_all(dir.join("po"));
    let _ = fs::write(dir.join("po/fr.po"), write_po(&po));
}

/// `build` and `check` of the book in `dir`, the site going to `dir/site`.
pub fn build_and_check(dir: &Path) -> (Result<(), BuildError>, Result<(), BuildError>) {
    let options = BuildOptions {
        dest: Some(dir.join("site")),
        ..BuildOptions::default()
    };
    (
        build(dir, &options, &NoProgress).map(|_| ()),
        check(dir).map(|_| ()),
    )
}
