//! `i18n update` against gettext's `msgmerge`, side by side on the same files:
//! `cargo bench --bench i18n_update`. See BENCHMARKS.md.
//!
//! A generated book of 500 chapters (4,500 messages) with 21 translations, all translated;
//! then (a) one chapter in ten changed and (b) every paragraph changed, and each tool merges
//! the new template into all 21 files: `mdbook-training i18n update BOOK` against
//! `msgmerge --previous` over the template that `i18n extract` writes.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[path = "text.rs"]
mod text;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-training");
const LANGUAGES: [&str; 21] = [
    "fr", "de", "es", "it", "pt-BR", "nl", "sv", "da", "fi", "pl", "cs", "hu", "ro", "tr", "ru",
    "uk", "ar", "fa", "he", "ja", "zh-Hans",
];

/// A paragraph made of the word list, different for every chapter and paragraph.
fn paragraph(chapter: usize, n: usize) -> String {
    format!("{}.", text::sentence(chapter, n, text::length(chapter, n)))
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The book and its 21 translations, every message translated.
fn generated_book(dir: &Path) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("po")).unwrap();
    fs::write(dir.join("book.toml"), "[book]\ntitle = \"Big\"\n\n[preprocessor.training]\ndiscussion-url = \"https://example.org/T#{id}\"\n").unwrap();
    let mut summary = String::from("# Summary\n\n");
    let mut messages = Vec::new();
    for c in 0..500 {
        let _ = writeln!(summary, "- [Chapter {c}](c{c:03}.md)");
        let paragraphs: Vec<String> = (0..8).map(|n| paragraph(c, n)).collect();
        fs::write(
            dir.join(format!("src/c{c:03}.md")),
            format!("# Chapter {c}\n\n{}\n", paragraphs.join("\n\n")),
        )
        .unwrap();
        messages.push(format!("Chapter {c}"));
        messages.extend(paragraphs);
    }
    fs::write(dir.join("src/SUMMARY.md"), summary).unwrap();
    for language in LANGUAGES {
        let mut po = format!(
            "msgid \"\"\nmsgstr \"\"\n\"Language: {language}\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        );
        for message in &messages {
            let _ = write!(
                po,
                "\nmsgid {}\nmsgstr {}\n",
                quoted(message),
                quoted(&format!("[{language}] {message}"))
            );
        }
        fs::write(dir.join(format!("po/{language}.po")), po).unwrap();
    }
}

/// Rewrites every chapter's text with `change`.
fn change_chapters(dir: &Path, change: impl Fn(usize, &str) -> String) {
    for c in 0..500 {
        let path = dir.join(format!("src/c{c:03}.md"));
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, change(c, &text)).unwrap();
    }
}

fn seconds(command: &mut Command) -> f64 {
    let started = Instant::now();
    let status = command.status().expect("the command runs");
    assert!(status.success(), "{command:?} failed");
    started.elapsed().as_secs_f64()
}

/// Times both tools on copies of `book`, and says how many messages each left translated or
/// fuzzy in the French file.
fn side_by_side(label: &str, book: &Path, work: &Path) {
    let ours = work.join("ours");
    let theirs = work.join("theirs");
    for copy in [&ours, &theirs] {
        let _ = fs::remove_dir_all(copy);
        assert!(
            Command::new("cp")
                .arg("-r")
                .arg(book)
                .arg(copy)
                .status()
                .unwrap()
                .success()
        );
    }
    let our_time = seconds(
        Command::new(BIN)
            .args(["i18n", "update"])
            .arg(&ours)
            .stderr(std::process::Stdio::null()),
    );
    seconds(
        Command::new(BIN)
            .args(["i18n", "extract"])
            .arg(&theirs)
            .stderr(std::process::Stdio::null()),
    );
    let started = Instant::now();
    for language in LANGUAGES {
        let po = theirs.join(format!("po/{language}.po"));
        seconds(
            Command::new("msgmerge")
                .args(["--previous", "--quiet", "--update", "--backup=off"])
                .arg(&po)
                .arg(theirs.join("po/messages.pot")),
        );
    }
    let their_time = started.elapsed().as_secs_f64();
    println!(
        "{label}\n  mdbook-training i18n update: {our_time:6.1} s   {}\n  msgmerge --previous (21 files): {their_time:6.1} s   {}",
        statistics(&ours),
        statistics(&theirs)
    );
}

/// `msgfmt --statistics` of the French file.
fn statistics(book: &Path) -> String {
    let out = Command::new("msgfmt")
        .args(["--statistics", "-o", "/dev/null"])
        .arg(book.join("po/fr.po"))
        .output()
        .expect("msgfmt runs");
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let book = work.path().join("book");
    generated_book(&book);
    change_chapters(&book, |c, text| {
        if c % 10 == 0 {
            text.replace("part 3)", "part three)")
        } else {
            text.to_string()
        }
    });
    side_by_side("(a) one chapter in ten changed", &book, work.path());
    change_chapters(&book, |_, text| text.replace(").\n", ") now.\n"));
    side_by_side("(b) every paragraph changed", &book, work.path());
}
