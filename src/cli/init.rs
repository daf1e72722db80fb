//! `init`: a new module, or what the tool needs added to a book; says what it wrote.

use anyhow::Result;
use mdbook_training::init::init;
use std::path::Path;
use std::process::ExitCode;

/// `init --library`: a new library with one module.
pub fn run_library(dir: &Path) -> Result<ExitCode> {
    use mdbook_training::library::{FIRST_MODULE, LibraryInit, init_library};
    let shown = super::shown(dir);
    match init_library(dir)? {
        LibraryInit::Created => {
            eprintln!(
                "wrote a new library in {shown}: library.toml and the module {FIRST_MODULE}/"
            );
            eprintln!(
                "next: rename the module's folder and list it in {shown}/library.toml, add modules with `mdbook-training init {shown}/NAME`, then `mdbook-training check {shown}`"
            );
        }
        LibraryInit::Unchanged => eprintln!("{shown} is a library already; nothing changed"),
    }
    Ok(ExitCode::SUCCESS)
}

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
        let library = dir
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .filter(|parent| mdbook_training::library::is_library(parent));
        match (library, dir.file_name()) {
            // A new module in a library's folder joins the library once listed.
            (Some(library), Some(name)) => eprintln!(
                "next: give it its own title in {shown}/book.toml, add \"{}\" to `modules` in {}/library.toml, then `mdbook-training serve {}`",
                name.to_string_lossy(),
                super::shown(library),
                super::shown(library)
            ),
            _ => eprintln!(
                "next: edit {shown}/src/first-chapter.md, then `mdbook-training serve {shown}`"
            ),
        }
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
