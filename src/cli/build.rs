//! `build`: the site, built beside its destination and swapped in only when complete.

use anyhow::{Context, Result};
use mdbook_training::preprocessors::training::TrainingPreprocessor;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(book_dir: &Path, dest: Option<&Path>) -> Result<ExitCode> {
    match build_site(book_dir, dest)? {
        Some(dest) => {
            eprintln!("built {}", dest.display());
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(ExitCode::FAILURE),
    }
}

/// Builds the book; `Ok(None)` when the book has errors (already reported).
pub fn build_site(book_dir: &Path, dest: Option<&Path>) -> Result<Option<PathBuf>> {
    let book = super::load_book(book_dir)?;
    let diagnostics = super::check_book(&book);
    if super::report(&diagnostics) {
        return Ok(None);
    }
    build_checked(book, dest).map(Some)
}

/// Builds for the preview: the report of a failed build comes back as text to show on the page.
pub fn build_site_reporting(
    book_dir: &Path,
    dest: Option<&Path>,
) -> std::result::Result<(), String> {
    let book = super::load_book(book_dir).map_err(|e| format!("{e:#}"))?;
    let diagnostics = super::check_book(&book);
    for warning in diagnostics.warnings() {
        eprintln!("{warning}");
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.error_report());
    }
    build_checked(book, dest)
        .map(|_| ())
        .map_err(|e| format!("{e:#}"))
}

fn build_checked(mut book: mdbook_driver::MDBook, dest: Option<&Path>) -> Result<PathBuf> {
    let dest = match dest {
        Some(dest) => dest.to_path_buf(),
        None => book.root.join(&book.config.build.build_dir),
    };
    let dest = absolute(&dest)?;
    let parent = dest
        .parent()
        .context("the destination has no parent folder")?;
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dest
        .file_name()
        .context("the destination has no name")?
        .to_string_lossy()
        .into_owned();
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);

    book.config.build.build_dir = staging.clone();
    book.with_preprocessor(TrainingPreprocessor::default());
    if let Err(err) = book.build() {
        let _ = fs::remove_dir_all(&staging);
        return Err(err.context("the build failed; the previous site is unchanged"));
    }
    swap_in(&staging, &dest)?;
    Ok(dest)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Replaces `dest` by `staging` with two renames, so readers never see half a site.
fn swap_in(staging: &Path, dest: &Path) -> Result<()> {
    if dest.exists() {
        let old = dest.with_file_name(format!(
            ".{}.old-{}",
            dest.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&old);
        fs::rename(dest, &old)
            .with_context(|| format!("cannot move the previous site {} aside", dest.display()))?;
        if let Err(err) = fs::rename(staging, dest) {
            let _ = fs::rename(&old, dest);
            return Err(err)
                .with_context(|| format!("cannot move the new site into {}", dest.display()));
        }
        fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    } else {
        fs::rename(staging, dest)
            .with_context(|| format!("cannot move the new site into {}", dest.display()))?;
    }
    Ok(())
}
