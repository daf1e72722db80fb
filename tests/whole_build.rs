//! Arbitrary text in every script, with entities, HTML, tables and code, through the whole
//! build of a one-chapter book and its translated edition: never a panic, and `check` fails
//! exactly when `build` fails, with the same message.

#[path = "common/one_chapter.rs"]
mod one_chapter;

use one_chapter::{build_and_check, write_one_chapter_book};
use proptest::prelude::*;

/// Pieces of ordinary text that broke builds before: entities next to other scripts, markup,
/// tables, code, and any printable Unicode.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1 < 2 ééééé".to_string()),
        Just("&gt;──┐ &lt;مرحبا &amp;".to_string()),
        Just("| a | b |\n|---|---|\n| &lt; | ü |".to_string()),
        Just("```\n<script>&x;</script>\n```".to_string()),
        Just("`&lt;` **ß** _ñ_ [l](https://e.org)".to_string()),
        Just("# Title {#t}".to_string()),
        Just("{{#quiz q}}\n\n- [x] &amp; ✓\n- [ ] 中文\n\n{{/quiz}}".to_string()),
        Just("<div>&nbsp;</div>".to_string()),
        Just("".to_string()),
        "\\PC{0,24}",
        "[&<>;#x0-9a-zé─ب中 ]{0,24}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..8).prop_map(|parts| parts.join("\n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_builds_or_fails_cleanly_in_both_editions(chapter in text(), translation in text()) {
        let dir = tempfile::tempdir().unwrap();
        write_one_chapter_book(dir.path(), &chapter, &translation);
        let (built, checked) = build_and_check(dir.path());
        let built = built.map_err(|e| e.to_string());
        if let Err(e) = &built {
            prop_assert!(!e.contains(mdbook_training::build::MDBOOK_STOPPED), "{}", e);
        }
        let checked = checked.map_err(|e| e.to_string());
        prop_assert_eq!(built, checked);
    }
}

#[test]
fn an_entity_before_multibyte_text_builds() {
    let dir = tempfile::tempdir().unwrap();
    write_one_chapter_book(
        dir.path(),
        "# Chapter\n\n1 < 2 ééééé\n\n&gt;──┐ <مرحبا\n",
        "1 < 2 ééééé",
    );
    let (built, checked) = build_and_check(dir.path());
    assert!(built.is_ok(), "{}", built.unwrap_err());
    assert!(checked.is_ok(), "{}", checked.unwrap_err());
    let index = std::fs::read_to_string(dir.path().join("site/search-index.js")).unwrap();
    assert!(index.contains("ééééé"), "{index}");
}
