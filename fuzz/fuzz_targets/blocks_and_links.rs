//! Fuzzes the block parser, the link resolver and rendering: no input may panic, and every
//! diagnostic must point at a line of the chapter it names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_training::config::TrainingConfig;
use mdbook_training::pipeline::{ChapterInput, process_chapters};
use mdbook_training::ui::Edition;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first half is a chapter, the second the glossary, so links can resolve.
    let split = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    let (chapter, glossary) = text.split_at(split);
    let config = TrainingConfig {
        discussion_url: Some("https://example.org/T#{id}-{title}".into()),
        glossary: Some(PathBuf::from("glossary.md")),
        ..TrainingConfig::default()
    };
    let inputs = vec![
        ChapterInput { name: "Chapter".into(), path: PathBuf::from("sub/ch.md"), content: chapter.to_string() },
        ChapterInput { name: "Glossary".into(), path: PathBuf::from("glossary.md"), content: glossary.to_string() },
    ];
    let outcome = process_chapters(&config, Path::new("src"), inputs, &Edition::default());
    for d in &outcome.diagnostics.0 {
        let source = if d.path == Path::new("src/sub/ch.md") {
            chapter
        } else if d.path == Path::new("src/glossary.md") {
            glossary
        } else {
            continue;
        };
        let lines = source.split('\n').count();
        assert!(d.line <= lines, "{d} is past the end of a {lines}-line file");
    }
});
