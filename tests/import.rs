//! `import`: the seed draft becomes the shipped book (plus the hand edits in book/NOTES.md),
//! variant drafts import without loss, and re-imports respect the author's edits.

mod common;

use common::*;
use mdbook_training::glossary::parse_glossary;
use mdbook_training::import::{ImportOptions, ImportedBook, import_draft};
use std::fs;
use std::path::{Path, PathBuf};

fn seed() -> String {
    fs::read_to_string(repo_root().join("tests/fixtures/draft/first-draft.txt")).unwrap()
}

/// The `| file | draft | book |` rows of book/NOTES.md: typo fixes and additions.
fn typo_fixes() -> Vec<(String, String, String)> {
    let notes = fs::read_to_string(repo_root().join("book/NOTES.md")).unwrap();
    notes
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            match cells.as_slice() {
                ["", file, draft, book, _, ""]
                    if file.starts_with("`src/") || *file == "`book.toml`" =>
                {
                    // `\n` in a cell is a line break.
                    let cell = |c: &str| c.trim_matches('`').replace("\\n", "\n");
                    Some((cell(file), cell(draft), cell(book)))
                }
                _ => None,
            }
        })
        .collect()
}

#[test]
fn import_reproduces_the_book() {
    let book = repo_root().join("book");
    let glossary_text = fs::read_to_string(book.join("src/glossary.md")).unwrap();
    let (glossary, _) = parse_glossary(Path::new("src/glossary.md"), &glossary_text);
    let options = ImportOptions {
        glossary,
        glossary_text: Some(glossary_text),
        discussion_url: None,
    };
    let mut imported = import_draft(Path::new("first-draft.txt"), &seed(), &options);

    let fixes = typo_fixes();
    assert!(fixes.len() >= 10, "NOTES.md lists {} fixes", fixes.len());
    for (file, draft, fixed) in &fixes {
        // An empty draft cell: a file the draft does not have.
        if draft.is_empty() {
            imported.files.insert(PathBuf::from(file), fixed.clone());
            continue;
        }
        let text = imported
            .files
            .get_mut(&PathBuf::from(file))
            .unwrap_or_else(|| panic!("{file} not imported"));
        assert_eq!(
            text.matches(draft.as_str()).count(),
            1,
            "`{draft}` should occur once in {file}"
        );
        *text = text.replace(draft.as_str(), fixed);
    }
    // The glossary is written by hand (NOTES.md); the importer only proposes a stub for DCMA.
    imported.files.remove(Path::new("src/glossary.md"));
    for (path, content) in &imported.files {
        let shipped = fs::read_to_string(book.join(path))
            .unwrap_or_else(|_| panic!("book/{} is missing", path.display()));
        // The book's theme is the project's own; an import's copies name the version first.
        let content = match path.starts_with("theme") {
            true => {
                let (first, rest) = content.split_once('\n').unwrap();
                assert!(first.contains("Written by mdbook-training"), "{first}");
                rest
            }
            false => content.as_str(),
        };
        assert_eq!(
            shipped,
            content,
            "book/{} differs from the import plus NOTES.md",
            path.display()
        );
    }
    let mut chapters: Vec<_> = fs::read_dir(book.join("src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    chapters.sort();
    let expected: usize = imported
        .files
        .keys()
        .filter(|p| p.starts_with("src"))
        .count()
        + 1;
    assert_eq!(
        chapters.len(),
        expected,
        "book/src holds files the importer does not make: {chapters:?}"
    );
}

fn import_into(draft: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let draft_path = dir.path().join("draft.txt");
    fs::write(&draft_path, draft).unwrap();
    let book = dir.path().join("book");
    let output = run(&[
        "import",
        draft_path.to_str().unwrap(),
        "--into",
        book.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    (dir, stderr(&output))
}

fn check(dir: &tempfile::TempDir) -> String {
    let output = run(&["check", dir.path().join("book").to_str().unwrap()]);
    assert!(
        output.status.success(),
        "the imported book does not check clean:\n{}",
        stderr(&output)
    );
    stderr(&output)
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    fs::read_to_string(dir.path().join("book").join(path)).unwrap()
}

#[test]
fn seed_imports_into_a_book_that_checks_clean() {
    let (dir, report) = import_into(&seed());
    assert!(
        report.contains("imported 14 chapters, 5 quizzes and 3 scenarios"),
        "{report}"
    );
    check(&dir);
    let summary = read(&dir, "src/SUMMARY.md");
    assert_eq!(summary.matches("\n- [").count(), 14);
    let support = read(&dir, "src/providing-support-and-advice.md");
    assert!(support.contains("[DCMA](glossary:dcma)"));
    assert!(support.contains("[^6]: While the Support & Safety team is multilingual"));
    assert!(read(&dir, "src/image-based-problems.md").contains("[personally identifying information](section:doxxing-or-release-of-personally-identifying-information)"));
    assert!(read(&dir, "src/basics.md").contains("[^5]: Shankbone, David"));
    let glossary = read(&dir, "src/glossary.md");
    assert!(glossary.contains("## DCMA {#dcma}") && glossary.contains("needs a definition"));
    for chrome in [
        "Jump to content",
        "From Meta, a Wikimedia",
        "Click to expand",
        "(Discuss this question)",
        "This module will periodically present you",
    ] {
        for (name, text) in fs::read_dir(dir.path().join("book/src")).unwrap().map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), fs::read_to_string(p).unwrap())
        }) {
            assert!(
                !text.contains(chrome),
                "{name} keeps the page chrome `{chrome}`"
            );
        }
    }
    assert!(
        read(&dir, "book.toml")
            .contains("Talk:Training_modules/Dealing_with_online_harassment#{id}")
    );

    // The imported book carries the theme it needs: it builds with questions, runtime and search.
    let site = dir.path().join("site");
    let build = build_site(&dir.path().join("book"), &site, &["-q"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = fs::read_to_string(site.join("handling-harassment-reports.html")).unwrap();
    assert!(page.contains("data-training-quiz="));
    assert!(page.contains("src=\"theme/training-") && page.contains("id=\"training-search\""));
    assert!(site.join("search-index.js").exists());
}

const VARIANT: &str = "Jump to content\n\nTraining modules/Variant/Draft\n\nFrom Meta, a Wikimedia project coordination wiki\nÜbung: Umgang mit Belästigung\n\nDies ist eine Einführung mit Umlauten – und „Anführungszeichen“.\n\nH1: Erste Schritte\n\n\nA paragraph that points to [Section link to H3|the last part] and uses a [Glossarylink|Sockpuppet].[1]\n\nTest yourself!\n#1: Three options\nThis module will periodically present you with multiple-choice questions.\nPick one:\nWhich option would you choose?\n  1. Один\n  2. Two\n  3. Three\n\nReady to see the correct answer?\nClick to expand! (click to expand or collapse)\nThe correct answer is: C) because three.\n(Discuss this question)\n\nH2: Inserted later\n\n\nTest yourself!\n#2: Six options\nWhich option would you choose?\n  1. a\n  2. b\n  3. c\n  4. d\n  5. e\n  6. f\n\nReady to see the correct answer?\nThe correct answer is: Answer F is best.\n(Discuss this question)\n\nTest yourself!\n#3: No answer given\nWhat now?\n  1. This\n  2. That\n\n(Discuss this question)\n\nH3: Renumbered end\n\n\nWhat would you do?\n#1: A story\nThis module will periodically present you with “what would you do?” scenarios.\nSomething happens.\n\nIf you were in this situation... what would you do?\n\nClick to expand! (click to expand or collapse)\n\n  1. A reference.\n";

#[test]
fn variant_draft_imports_without_loss() {
    let (dir, report) = import_into(VARIANT);
    check(&dir);
    assert!(
        report.contains("imported 3 chapters, 2 quizzes and 2 scenarios"),
        "{report}"
    );
    // The question without "The correct answer is" warns with its line and becomes a scenario.
    assert!(
        report.contains("draft.txt:46: warning: the question “No answer given” has no"),
        "{report}"
    );
    // Text the importer cannot place is kept, with a warning naming its line.
    assert!(
        report.contains("draft.txt:64: warning: could not tell what"),
        "{report}"
    );
    let first = read(&dir, "src/erste-schritte.md");
    assert!(first.contains("# Erste Schritte {#erste-schritte}"));
    assert!(first.contains("[the last part](section:renumbered-end)"));
    assert!(first.contains("- [ ] Один\n- [ ] Two\n- [x] Three"));
    assert!(first.contains("[^1]: A reference."));
    let second = read(&dir, "src/inserted-later.md");
    assert!(second.contains("- [ ] e\n- [x] f"));
    assert!(second.contains("{{#scenario no-answer-given}}"));
    assert!(read(&dir, "src/index.md").contains("„Anführungszeichen“"));
    assert!(
        read(&dir, "src/SUMMARY.md")
            .starts_with("# Summary\n\n[Übung: Umgang mit Belästigung](index.md)")
    );
    assert!(read(&dir, "src/renumbered-end.md").contains("Click to expand!"));
}

#[test]
fn windows_line_endings_import_the_same() {
    let unix = import_draft(Path::new("d.txt"), VARIANT, &ImportOptions::default());
    let windows = import_draft(
        Path::new("d.txt"),
        &VARIANT.replace('\n', "\r\n"),
        &ImportOptions::default(),
    );
    let files = |b: &ImportedBook| b.files.clone();
    assert_eq!(files(&unix), files(&windows));
}

#[test]
fn reimport_keeps_the_authors_edits_unless_forced() {
    let (dir, _) = import_into(VARIANT);
    let chapter = dir.path().join("book/src/erste-schritte.md");
    fs::write(
        &chapter,
        "# Erste Schritte {#erste-schritte}\n\nRewritten by the author.\n",
    )
    .unwrap();
    let draft = dir.path().join("draft.txt");
    let book = dir.path().join("book");
    let again = run(&[
        "import",
        draft.to_str().unwrap(),
        "--into",
        book.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("skipped, because they changed since the last import"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("src/erste-schritte.md"));
    assert!(
        fs::read_to_string(&chapter)
            .unwrap()
            .contains("Rewritten by the author.")
    );

    let forced = run(&[
        "import",
        draft.to_str().unwrap(),
        "--into",
        book.to_str().unwrap(),
        "--force",
    ]);
    assert!(forced.status.success());
    assert!(
        !fs::read_to_string(&chapter)
            .unwrap()
            .contains("Rewritten by the author.")
    );
}

/// A small draft with one section per title, each holding `body`.
fn draft_with_sections(titles: &[&str], body: &str) -> String {
    let mut draft = String::from("Dealing with online harassment\n\nIntro text.\n\n");
    for (n, title) in titles.iter().enumerate() {
        draft.push_str(&format!("H{}: {title}\n\n\n{body} {n}\n\n", n + 1));
    }
    draft
}

#[test]
fn draft_directives_are_written_as_text_with_a_warning() {
    let body = "See {{#include /etc/passwd}} and {{ #rustdoc_include /etc/hosts }}.\n\n{{#title Evil}}\n\n{{#quiz fake}}";
    let (dir, err) = import_into(&draft_with_sections(&["Basics"], body));
    assert!(
        err.contains("draft.txt:8: warning: `See {{#include /etc/passwd}}"),
        "{err}"
    );
    assert!(
        err.contains("draft.txt:12: warning: `{{#quiz fake}} 0` is written as text"),
        "{err}"
    );
    check(&dir);
    let site = dir.path().join("site");
    let output = build_site(&dir.path().join("book"), &site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(site.join("basics.html")).unwrap();
    assert!(page.contains("{{#include /etc/passwd}}"), "shown literally");
    assert!(page.contains("{{#quiz fake}}"));
    let hostname = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = hostname.lines().next().unwrap_or("root:x:0:0");
    assert!(!page.contains(first), "no file was included");
}

#[test]
fn section_titles_never_collide_with_the_books_own_pages_or_overflow() {
    let long = "Long ".repeat(200);
    let titles = [
        "index",
        "Glossary",
        "progress",
        "notes",
        "SUMMARY",
        long.trim(),
    ];
    let (dir, _) = import_into(&draft_with_sections(&titles, "Text of section"));
    check(&dir);
    for n in 0..titles.len() {
        let found = files_under(&dir.path().join("book/src"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .any(|p| {
                fs::read_to_string(dir.path().join("book/src").join(&p))
                    .unwrap()
                    .contains(&format!("Text of section {n}"))
            });
        assert!(found, "section {n} kept its text");
    }
    for path in files_under(&dir.path().join("book/src")) {
        assert!(path.to_string_lossy().len() < 80, "{}", path.display());
    }
}

#[test]
fn an_import_that_cannot_write_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let draft_path = dir.path().join("draft.txt");
    fs::write(
        &draft_path,
        draft_with_sections(&["Basics", "More"], "Text"),
    )
    .unwrap();
    let book = dir.path().join("book");
    fs::create_dir_all(book.join("src/basics.md")).unwrap(); // a folder where a chapter goes
    let output = run(&[
        "import",
        draft_path.to_str().unwrap(),
        "--into",
        book.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("nothing was written"),
        "{}",
        stderr(&output)
    );
    let left: Vec<_> = files_under(&book);
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_import_report_reads_as_a_sentence() {
    let (_dir, err) = import_into(&draft_with_sections(&["Basics"], "Text"));
    assert!(
        err.contains("imported 1 chapter, 0 quizzes and 0 scenarios into "),
        "{err}"
    );
    assert!(!err.contains("/./"), "{err}");
}
