//! Language editions against mdBook with mdbook-gettext, side by side in one run:
//! `cargo bench --bench editions`. See BENCHMARKS.md (issue 24).
//!
//! A generated book of 500 chapters (text, and in four chapters of five a Rust code block with
//! comments and string literals) with 21 PO files, each translating every other message of the
//! template `i18n extract` writes, as real translations are about half done. One side is
//! `mdbook-training build` (all 22 editions, one process); the other is plain `mdbook build`
//! with mdbook-i18n-helpers' `mdbook-gettext` preprocessor, once per language (22 processes, one
//! after another). Both programs must be on PATH: `cargo install mdbook mdbook-i18n-helpers`.
//!
//! Every build is a child process: its CPU time (user + system), wall time and peak resident
//! memory (`wait4`) are its own. The sides alternate over the rounds; medians are printed.

use polib::catalog::Catalog;
use polib::message::{MessageMutView, MessageView};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

// Shared with `i18n_update`, which uses all of it.
#[allow(dead_code)]
#[path = "text.rs"]
mod text;

#[path = "measure.rs"]
mod measure;
use measure::{Usage, measure, median};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-training");
const LANGUAGES: [&str; 21] = [
    "ar", "bn", "da", "de", "el", "es", "fa", "fr", "id", "it", "ja", "ko", "nl", "pl", "pt", "ru",
    "sv", "tr", "uk", "vi", "zh",
];
const ROUNDS: usize = 3;

/// A chapter: a title, five paragraphs and, in four chapters of five, a code block.
fn chapter(c: usize) -> String {
    let mut markdown = format!("# Chapter {c}\n\n");
    for n in 0..5 {
        let _ = write!(markdown, "{}.\n\n", text::sentence(c, n, 14 + (c + n) % 17));
        if n == 2 && c % 5 != 4 {
            let _ = write!(
                markdown,
                "```rust\n// {}\nfn report_{c}(reporter: &str) -> String {{\n    // {}\n    let reply = \"{}\";\n    format!(\"{{reply}}, {{reporter}}\")\n}}\n```\n\n",
                text::sentence(c, 10, 8),
                text::sentence(c, 11, 6),
                text::sentence(c, 12, 7),
            );
        }
    }
    markdown
}

/// The book, its template and 21 half-translated PO files, in `dir`.
fn generated_book(dir: &Path) {
    fs::create_dir_all(dir.join("src")).unwrap();
    let mut summary = String::from("# Summary\n\n");
    for c in 0..500 {
        let _ = writeln!(summary, "- [Chapter {c}](c{c:03}.md)");
        fs::write(dir.join(format!("src/c{c:03}.md")), chapter(c)).unwrap();
    }
    fs::write(dir.join("src/SUMMARY.md"), summary).unwrap();
    fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Editions\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let extract = Command::new(BIN)
        .args(["i18n", "extract", dir.to_str().unwrap()])
        .output()
        .expect("mdbook-training runs");
    assert!(extract.status.success(), "{extract:?}");
    for language in LANGUAGES {
        let mut catalog: Catalog = polib::po_file::parse(&dir.join("po/messages.pot")).unwrap();
        catalog.metadata.language = language.to_string();
        for (n, mut message) in catalog.messages_mut().enumerate() {
            if n % 2 == 0 && !message.is_plural() && message.msgctxt() != "ui" {
                let translated = format!("[{language}] {}", message.msgid());
                message.set_msgstr(translated).unwrap();
            }
        }
        polib::po_file::write(&catalog, &dir.join(format!("po/{language}.po"))).unwrap();
    }
}

/// The same book for plain mdBook: its sources and translations, with mdbook-gettext.
fn gettext_book(book: &Path, dir: &Path) {
    for folder in ["src", "po"] {
        fs::create_dir_all(dir.join(folder)).unwrap();
        for entry in fs::read_dir(book.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, dir.join(folder).join(path.file_name().unwrap())).unwrap();
        }
    }
    fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Editions\"\nlanguage = \"en\"\n\n[preprocessor.gettext]\nafter = [\"links\"]\n",
    )
    .unwrap();
}

/// The tool measured: this build's, or another (`EDITIONS_TOOL=PATH`, an earlier version's
/// binary, for before-and-after figures in one run's conditions).
fn tool() -> std::ffi::OsString {
    std::env::var_os("EDITIONS_TOOL").unwrap_or_else(|| BIN.into())
}

/// All editions by this tool, in one process.
fn ours(book: &Path, dest: &Path) -> Usage {
    let _ = fs::remove_dir_all(dest);
    measure(Command::new(tool()).args([
        "build",
        book.to_str().unwrap(),
        "--dest",
        dest.to_str().unwrap(),
        "--quiet",
        "--force",
    ]))
}

/// The same editions by plain mdBook with mdbook-gettext, one process per language: CPU and
/// wall time summed, peak memory the largest.
fn plain(book: &Path, dest: &Path) -> Usage {
    let mut total = Usage::default();
    for language in std::iter::once("en").chain(LANGUAGES) {
        let out = dest.join(language);
        let usage = measure(
            Command::new("mdbook")
                .args(["build", "--dest-dir", out.to_str().unwrap()])
                .arg(book)
                .env("MDBOOK_BOOK__LANGUAGE", language)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null()),
        );
        total.cpu += usage.cpu;
        total.wall += usage.wall;
        total.memory_mb = total.memory_mb.max(usage.memory_mb);
    }
    total
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    for program in ["mdbook", "mdbook-gettext"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {program}")])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "{program} is not on PATH: cargo install mdbook mdbook-i18n-helpers"
        );
    }
    // `EDITIONS_BOOK=DIR cargo bench --bench editions` only writes the book, to profile a build.
    if let Some(dir) = std::env::var_os("EDITIONS_BOOK") {
        generated_book(Path::new(&dir));
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let book = work.path().join("book");
    generated_book(&book);
    let plain_book = work.path().join("gettext-book");
    gettext_book(&book, &plain_book);
    let (mut ours_runs, mut plain_runs) = (Vec::new(), Vec::new());
    // Each round's sites are removed once measured: thousands of files left behind would slow
    // the file system for the rounds after.
    for round in 0..ROUNDS {
        let dest = work.path().join(format!("ours-{round}"));
        ours_runs.push(ours(&book, &dest));
        let _ = fs::remove_dir_all(&dest);
        let dest = work.path().join(format!("plain-{round}"));
        plain_runs.push(plain(&plain_book, &dest));
        let _ = fs::remove_dir_all(&dest);
    }
    let pick = |runs: &[Usage], f: fn(&Usage) -> f64| median(runs.iter().map(f).collect());
    let (cpu, wall, memory) = (
        (pick(&ours_runs, |u| u.cpu), pick(&plain_runs, |u| u.cpu)),
        (pick(&ours_runs, |u| u.wall), pick(&plain_runs, |u| u.wall)),
        (
            pick(&ours_runs, |u| u.memory_mb),
            pick(&plain_runs, |u| u.memory_mb),
        ),
    );
    println!(
        "500 chapters, 22 editions ({ROUNDS} rounds, medians): CPU {:.1} s vs {:.1} s, ratio {:.2}; wall {:.1} s vs {:.1} s, ratio {:.2}; peak memory {:.0} MB vs the largest plain build's {:.0} MB, ratio {:.2}",
        cpu.0,
        cpu.1,
        cpu.0 / cpu.1,
        wall.0,
        wall.1,
        wall.0 / wall.1,
        memory.0,
        memory.1,
        memory.0 / memory.1
    );
}
