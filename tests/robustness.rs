//! Arbitrary Markdown never panics the pipeline, and every diagnostic points at a line of the
//! file it names.

use mdbook_training::config::TrainingConfig;
use mdbook_training::pipeline::{ChapterInput, process_chapters};
use mdbook_training::ui::Edition;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Pieces that exercise block markers, task lists, links and headings in random orders.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{#quiz q}}".to_string()),
        Just("{{#quiz Q!}}".to_string()),
        Just("{{/quiz}}".to_string()),
        Just("{{#scenario s}}".to_string()),
        Just("{{/scenario}}".to_string()),
        Just("{{#progress}}".to_string()),
        Just("{{#notes x}}".to_string()),
        Just("{{#poll p}}".to_string()),
        Just("- [ ] option".to_string()),
        Just("- [x] best".to_string()),
        Just("  > feedback".to_string()),
        Just("### Title {#t}".to_string()),
        Just("## Term {#term}".to_string()),
        Just("[a](glossary:term)".to_string()),
        Just("[b](section:t)".to_string()),
        Just("[c](section:nowhere)".to_string()),
        Just("[^1]: note".to_string()),
        Just("> quote".to_string()),
        Just("```".to_string()),
        Just("<div>".to_string()),
        Just("".to_string()),
        "[ -~]{0,30}",
        "\\PC{0,12}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_markdown_never_panics_and_lines_are_in_the_file(chapter in document(), glossary in document()) {
        let config = TrainingConfig { discussion_url: Some("https://example.org/T#{id}".into()), glossary: Some(PathBuf::from("glossary.md")), ..TrainingConfig::default() };
        let inputs = vec![
            ChapterInput { name: "Chapter".into(), path: PathBuf::from("sub/ch.md"), content: chapter.clone() },
            ChapterInput { name: "Glossary".into(), path: PathBuf::from("glossary.md"), content: glossary.clone() },
        ];
        let outcome = process_chapters(&config, Path::new("src"), inputs, &Edition::default());
        for d in &outcome.diagnostics.0 {
            let text = if d.path == Path::new("src/sub/ch.md") { &chapter } else if d.path == Path::new("src/glossary.md") { &glossary } else { continue };
            let lines = text.lines().count().max(1);
            prop_assert!(d.line >= 1 && d.line <= lines, "{d} is outside a file of {lines} lines");
        }
        if !outcome.diagnostics.has_errors() {
            prop_assert_eq!(outcome.contents.len(), 2);
        }
    }
}
