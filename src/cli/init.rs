//! `init`: a new module, or what the tool needs added to a book; says what it wrote.

use anyhow::Result;
use mdbook_training::init::init;
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: &Path) -> Result<ExitCode> {
    let report = init(dir)?;
    let shown = super::shown(dir);
    let list = |paths: &[std::path::PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if report.new_module {
        eprintln!(
            "wrote a new module in {shown}: {}",
            super::counted(report.created.len(), "file", "files")
        );
        eprintln!("next: edit {shown}/src/first-chapter.md, then `mdbook-training serve {shown}`");
        return Ok(ExitCode::SUCCESS);
    }
    if !report.changed.is_empty() {
        eprintln!("added mdbook-training's settings to {shown}/book.toml");
    }
    if !report.created.is_empty() {
        eprintln!("added to {shown}: {}", list(&report.created));
    }
    if !report.refreshed.is_empty() {
        eprintln!(
            "refreshed {} (unchanged copies of an earlier version) to this version",
            list(&report.refreshed)
        );
    }
    if !report.kept.is_empty() {
        eprintln!(
            "kept the book's own {} (changed since mdbook-training wrote them, or never its own)",
            list(&report.kept)
        );
    }
    if !report.beside.is_empty() {
        eprintln!(
            "wrote this version beside them, to compare and merge: {}",
            list(&report.beside)
        );
    }
    if [
        &report.changed,
        &report.created,
        &report.refreshed,
        &report.beside,
    ]
    .iter()
    .all(|list| list.is_empty())
    {
        eprintln!("{shown} already has everything mdbook-training needs; nothing changed");
    }
    Ok(ExitCode::SUCCESS)
}
