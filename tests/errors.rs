//! Every error kind of the authoring contract: a small broken book, the message naming its file
//! and line, a non-zero exit, and nothing written.

mod common;

use common::*;
use std::fs;

const BOOK_TOML: &str = "[book]\ntitle = \"Broken\"\n\n[preprocessor.training]\ndiscussion-url = \"https://example.org/Talk#{id}\"\nglossary = \"glossary.md\"\n";
const GLOSSARY: &str = "# Glossary\n\n## Steward {#steward}\n\nA global role.\n";

/// A book whose chapter `ch.md` holds `chapter`, with `other.md` and a glossary beside it.
fn book_with(chapter: &str, other: &str) -> tempfile::TempDir {
    write_book(&[
        ("book.toml", BOOK_TOML),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [Chapter](ch.md)\n- [Other](sub/other.md)\n- [Glossary](glossary.md)\n",
        ),
        ("src/ch.md", chapter),
        ("src/sub/other.md", other),
        ("src/glossary.md", GLOSSARY),
    ])
}

/// Runs `check` and returns stderr, asserting it failed and wrote nothing.
fn check_fails(book: &tempfile::TempDir) -> String {
    let output = run(&["check", book.path().to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "check should fail:\n{err}");
    assert!(!book.path().join("book").exists(), "check wrote a site");
    err
}

fn assert_reports(err: &str, location: &str, words: &str) {
    assert!(
        err.lines()
            .any(|l| l.starts_with(location) && l.contains(words)),
        "expected a line starting `{location}` mentioning `{words}`, got:\n{err}"
    );
}

#[test]
fn unclosed_block() {
    let book = book_with("# C\n\n{{#quiz q}}\n\n- [x] a\n", "# O\n");
    let err = check_fails(&book);
    assert_reports(&err, "src/ch.md:3: ", "is never closed");
    assert!(
        err.contains("{{/quiz}}"),
        "the hint says what to write: {err}"
    );
}

#[test]
fn close_without_open() {
    let err = check_fails(&book_with("# C\n\ntext\n\n{{/scenario}}\n", "# O\n"));
    assert_reports(&err, "src/ch.md:5: ", "never opened");
}

#[test]
fn unknown_kind() {
    let err = check_fails(&book_with(
        "# C\n\n{{#poll p}}\n\nQ?\n\n{{/poll}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "unknown block kind `poll`");
}

#[test]
fn duplicate_id_across_chapters() {
    let scenario = "{{#scenario same}}\n\nStory.\n\n{{/scenario}}\n";
    let err = check_fails(&book_with(
        &format!("# C\n\n{scenario}"),
        &format!("# O\n\ntext\n\n{scenario}"),
    ));
    assert_reports(&err, "src/sub/other.md:5: ", "already used at src/ch.md:3");
}

#[test]
fn malformed_id() {
    let err = check_fails(&book_with(
        "# C\n\n{{#scenario Bad Id!}}\n\nStory.\n\n{{/scenario}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "not a valid block ID");
    assert!(err.contains("bad-id"), "suggests a valid id: {err}");
}

#[test]
fn quiz_without_options() {
    let err = check_fails(&book_with(
        "# C\n\n{{#quiz q}}\n\nJust a question?\n\n- a plain list\n\n{{/quiz}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "has no options");
}

#[test]
fn quiz_without_best_answer() {
    let err = check_fails(&book_with(
        "# C\n\n{{#quiz q}}\n\nQ?\n\n- [ ] a\n- [ ] b\n\n{{/quiz}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:7: ", "has no best answer");
}

#[test]
fn nested_blocks() {
    let err = check_fails(&book_with(
        "# C\n\n{{#scenario outer}}\n\n{{#quiz inner}}\n\n- [x] a\n\n{{/quiz}}\n\n{{/scenario}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:5: ", "do not nest");
}

#[test]
fn marker_not_alone() {
    let err = check_fails(&book_with(
        "# C\n\nIntro\n{{#scenario s}}\n\nStory.\n\n{{/scenario}}\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:4: ", "not alone in its paragraph");
}

#[test]
fn unknown_glossary_term() {
    let err = check_fails(&book_with(
        "# C\n\nA [stewart](glossary:stewart) acts.\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "unknown glossary term `stewart`");
    assert!(
        err.contains("glossary:steward"),
        "suggests the close term: {err}"
    );
}

#[test]
fn unknown_section() {
    let err = check_fails(&book_with(
        "# C {#c}\n\nSee [it](section:nowhere).\n",
        "# O {#o}\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "unknown section `nowhere`");
}

#[test]
fn glossary_link_without_glossary() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"No glossary\"\n[preprocessor.training]\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [Chapter](ch.md)\n"),
        ("src/ch.md", "# C\n\nA [term](glossary:x).\n"),
    ]);
    let err = check_fails(&book);
    assert_reports(&err, "src/ch.md:3: ", "the book has no glossary");
}

#[test]
fn every_error_of_a_run_is_reported() {
    let err = check_fails(&book_with(
        "# C\n\n[a](glossary:nope) and [b](section:nope)\n\n{{#quiz q}}\n\n- [ ] a\n\n{{/quiz}}\n",
        "# O\n\n{{/quiz}}\n",
    ));
    assert!(err.contains("src/ch.md:3: unknown glossary term"));
    assert!(err.contains("src/ch.md:3: unknown section"));
    assert!(err.contains("src/ch.md:7: quiz `q` has no best answer"));
    assert!(err.contains("src/sub/other.md:3: "));
    assert!(err.contains("4 errors found"), "{err}");
}

/// Builds a good book, breaks it with `break_book`, builds again into the same place: the
/// second build must fail with `expected` in its report, leaving the first site byte for byte
/// and no working folder beside it.
fn assert_failed_rebuild_keeps_site(break_book: impl FnOnce(&std::path::Path), expected: &str) {
    let book = book_with("# C\n\nGood.\n", "# O\n");
    let site = book.path().join("site");
    let ok = build_site(book.path(), &site, &[]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let before = snapshot(&site);
    assert!(before.contains_key("ch.html"));

    break_book(book.path());
    let listed_before = listing(book.path());
    let failed = build_site(book.path(), &site, &[]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    assert!(stderr(&failed).contains(expected), "{}", stderr(&failed));
    assert_eq!(snapshot(&site), before, "the previous site changed");
    assert_eq!(
        listing(book.path()),
        listed_before,
        "a working folder was left behind"
    );
}

#[test]
fn failed_build_leaves_previous_site_intact() {
    assert_failed_rebuild_keeps_site(
        |book| fs::write(book.join("src/ch.md"), "# C\n\n{{#quiz broken}}\n").unwrap(),
        "src/ch.md:3: ",
    );
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_is_clean_and_silent_on_a_good_book() {
    let book = book_with("# C\n\nA [steward](glossary:steward).\n", "# O\n");
    let output = run(&["check", book.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!book.path().join("book").exists());
}

#[test]
fn a_build_failing_after_the_checks_leaves_the_previous_site_and_no_working_folders() {
    // The chapters pass every check; mdBook itself fails on the page template.
    assert_failed_rebuild_keeps_site(
        |book| {
            fs::create_dir_all(book.join("theme")).unwrap();
            fs::write(book.join("theme/index.hbs"), "{{#if}}\n").unwrap();
        },
        "previous site is unchanged",
    );
}

#[test]
fn link_without_text() {
    let err = check_fails(&book_with(
        "# C\n\nSee [](glossary:steward) and [ ](section:c).\n",
        "# O\n",
    ));
    assert_reports(&err, "src/ch.md:3: ", "link to `steward` has no text");
    assert_reports(&err, "src/ch.md:3: ", "link to `c` has no text");
    assert!(
        err.contains("[text](glossary:steward)"),
        "the hint says what to write: {err}"
    );
}

/// `check` and `build` both fail, build says what check says, and neither wrote a site.
fn check_and_build_fail(book: &tempfile::TempDir) -> String {
    let err = build_and_check_fail(book.path(), &[]);
    assert!(!book.path().join("book").exists(), "a site was written");
    err
}

#[test]
fn a_marker_with_text_on_its_line() {
    let err = check_and_build_fail(&book_with(
        "# C\n\n{{#scenario s}} Story\n\nMore.\n\n{{/scenario}}\n",
        "# O\n",
    ));
    assert_reports(
        &err,
        "src/ch.md:3: ",
        "`{{#scenario s}}` has text after it on its line",
    );
}

#[test]
fn a_discussion_address_that_is_not_http() {
    let book = book_with("# C\n", "# O\n");
    fs::write(
        book.path().join("book.toml"),
        BOOK_TOML.replace("https://example.org/Talk#{id}", "javascript:alert(1)//{id}"),
    )
    .unwrap();
    let err = check_and_build_fail(&book);
    assert_reports(
        &err,
        "book.toml:5: ",
        "`javascript:alert(1)//{id}` is not an http or https address",
    );
}

#[test]
fn a_quiz_file_that_is_not_utf8() {
    let book = book_with("# C\n\n{{#quiz quiz.toml}}\n", "# O\n");
    fs::write(
        book.path().join("src/quiz.toml"),
        b"[[questions]]\ntype = \"\xff\xfe\"\n",
    )
    .unwrap();
    let err = check_and_build_fail(&book);
    assert_reports(&err, "src/quiz.toml: ", "is not UTF-8 text");
}

#[test]
fn a_block_marker_inside_a_quiz_files_text() {
    let book = book_with("# C\n\n{{#quiz quiz.toml}}\n", "# O\n");
    let quiz = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"Pick\"\nanswer.answer = \"A\"\nprompt.distractors = [\"B\"]\ncontext = \"\"\"\nBecause.\n\n{{/quiz}}\n\nAfter.\n\"\"\"\n";
    fs::write(book.path().join("src/quiz.toml"), quiz).unwrap();
    let err = check_and_build_fail(&book);
    assert_reports(
        &err,
        "src/quiz.toml:1: ",
        "holds the block marker line `{{/quiz}}`",
    );
    assert!(!err.contains("src/ch.md"), "{err}");
}

#[test]
fn a_books_own_block_template_is_used_and_a_broken_one_is_named() {
    let book = book_with(
        "# C\n\n{{#scenario s}}\n\nStory.\n\n{{/scenario}}\n",
        "# O\n",
    );
    let own = "<section class=\"my-scenario\" id=\"{{dom_id}}\">{{{title}}}{{{body}}}</section>\n";
    fs::create_dir_all(book.path().join("theme/blocks")).unwrap();
    fs::write(book.path().join("theme/blocks/scenario.hbs"), own).unwrap();
    let site = book.path().join("site");
    let built = build_site(book.path(), &site, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = fs::read_to_string(site.join("ch.html")).unwrap();
    assert!(
        page.contains("<section class=\"my-scenario\" id=\"scenario-s\">"),
        "{page}"
    );

    fs::write(
        book.path().join("theme/blocks/scenario.hbs"),
        "<section>\n{{#if title}}\n{{title}}\n",
    )
    .unwrap();
    let err = check_and_build_fail(&book);
    assert_reports(
        &err,
        "theme/blocks/scenario.hbs:",
        "this block template does not compile",
    );
    assert!(site.join("ch.html").is_file(), "the previous site is left");
}

#[test]
fn content_note_skips_to_an_unknown_heading() {
    let chapter = "# C\n\n{{#content-note skip=handling-pii}}\n\nThis chapter describes threats.\n\n{{/content-note}}\n\n## Handling PII {#handling-pii-on-wiki}\n\nText.\n";
    let err = check_fails(&book_with(chapter, "# O\n"));
    assert_reports(
        &err,
        "src/ch.md:3: ",
        "skips to `handling-pii`, which is no heading's id",
    );
    assert!(
        err.contains("skip=handling-pii-on-wiki"),
        "the hint names the near heading: {err}"
    );
}

#[test]
fn content_note_after_the_chapters_text() {
    let chapter = "# C\n\nText first.\n\n{{#content-note}}\n\nA note.\n\n{{/content-note}}\n";
    let err = check_fails(&book_with(chapter, "# O\n"));
    assert_reports(&err, "src/ch.md:5: ", "must come first in its chapter");
}

#[test]
fn reply_id_used_twice() {
    let reply = |id: &str| {
        format!("{{{{#reply {id}}}}}\n\nHello, thank you for writing.\n\n{{{{/reply}}}}\n")
    };
    let err = check_fails(&book_with(
        &format!("# C\n\n{}", reply("thanks")),
        &format!("# O\n\n{}", reply("thanks")),
    ));
    assert_reports(
        &err,
        "src/sub/other.md:3: ",
        "block ID `thanks` is already used at src/ch.md:3",
    );
}

#[test]
fn quick_exit_that_is_not_a_web_address() {
    let book = book_with("# C\n", "# O\n");
    let toml = format!("{BOOK_TOML}quick-exit = \"javascript:history.back()\"\n");
    fs::write(book.path().join("book.toml"), toml).unwrap();
    let err = check_and_build_fail(&book);
    assert_reports(
        &err,
        "book.toml:7: ",
        "quick-exit `javascript:history.back()` is not an http or https address",
    );
}
