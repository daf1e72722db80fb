//! `import`: a Meta-Wiki draft into a book, never overwriting what the author changed.

use anyhow::{Context, Result};
use mdbook_driver::config::Config;
use mdbook_training::config::TrainingConfig;
use mdbook_training::files::write_all_or_nothing;
use mdbook_training::glossary::parse_glossary;
use mdbook_training::import::{ImportOptions, import_draft};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Records what the last import wrote, so a later import can tell the author's edits apart.
const MANIFEST: &str = ".mdbook-training-import.json";

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The target book's glossary, when it already has one.
fn existing_glossary(book_dir: &Path) -> Result<ImportOptions> {
    let config_path = book_dir.join("book.toml");
    if !config_path.exists() {
        return Ok(ImportOptions::default());
    }
    let config = Config::from_disk(&config_path)
        .with_context(|| format!("cannot read {}", config_path.display()))?;
    let (training, _) = TrainingConfig::from_book_config(&config);
    let Some(glossary) = training.glossary else {
        return Ok(ImportOptions::default());
    };
    let display = config.book.src.join(&glossary);
    let path = book_dir.join(&display);
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(ImportOptions::default());
    };
    let (terms, _) = parse_glossary(&display, &text);
    Ok(ImportOptions {
        glossary: terms,
        glossary_text: Some(text),
        discussion_url: training.discussion_url,
    })
}

pub fn run(
    draft: &Path,
    book_dir: &Path,
    force: bool,
    discussion_url: Option<String>,
) -> Result<ExitCode> {
    let text = fs::read_to_string(draft)
        .with_context(|| format!("cannot read the draft {}", draft.display()))?;
    let mut options = existing_glossary(book_dir)?;
    if discussion_url.is_some() {
        options.discussion_url = discussion_url;
    }
    let imported = import_draft(draft, &text, &options);
    for warning in &imported.warnings {
        eprintln!("{warning}");
    }

    let manifest_path = book_dir.join(MANIFEST);
    let mut manifest: BTreeMap<PathBuf, String> = match fs::read_to_string(&manifest_path) {
        Ok(json) => serde_json::from_str(&json).with_context(|| {
            format!(
                "{} is damaged; delete it and import with --force",
                manifest_path.display()
            )
        })?,
        Err(_) => BTreeMap::new(),
    };
    let mut skipped = Vec::new();
    let mut to_write: Vec<(PathBuf, &str)> = Vec::new();
    for (relative, content) in &imported.files {
        let target = book_dir.join(relative);
        if let Ok(current) = fs::read_to_string(&target) {
            if current == *content {
                manifest.insert(relative.clone(), digest(content));
                continue;
            }
            let untouched = manifest
                .get(relative)
                .is_some_and(|d| *d == digest(&current));
            if !untouched && !force {
                skipped.push(relative.display().to_string());
                continue;
            }
        }
        manifest.insert(relative.clone(), digest(content));
        to_write.push((target, content));
    }
    let written = to_write.len();
    let manifest_text = serde_json::to_string_pretty(&manifest)? + "\n";
    to_write.push((manifest_path, &manifest_text));
    // Every file or none: a failed import leaves the book as it was.
    write_all_or_nothing(&to_write).with_context(|| {
        format!(
            "cannot write the book into {}; nothing was written",
            super::shown(book_dir)
        )
    })?;

    eprintln!(
        "imported {}, {} and {} into {} ({} written)",
        super::counted(imported.chapters, "chapter", "chapters"),
        super::counted(imported.quizzes, "quiz", "quizzes"),
        super::counted(imported.scenarios, "scenario", "scenarios"),
        super::shown(book_dir),
        super::counted(written, "file", "files"),
    );
    if !skipped.is_empty() {
        eprintln!(
            "skipped, because they changed since the last import (use --force to overwrite): {}",
            skipped.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}
