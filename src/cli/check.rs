//! `check`: every check of a build, nothing written.

use anyhow::{Context, Result};
use mdbook_training::site_check::{Page, check_site};
use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(book_dir: &Path) -> Result<ExitCode> {
    let checked = match mdbook_training::library::is_library(book_dir) {
        true => mdbook_training::library::check_library(book_dir),
        false => mdbook_training::build::check(book_dir),
    };
    match checked {
        Ok(warnings) => {
            super::report(&warnings);
            eprintln!("{}: no problems found", super::shown(book_dir));
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            super::report_failure(&error);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `check --site DIR`: every internal link and anchor of a built site.
pub fn run_site(site: &Path) -> Result<ExitCode> {
    let mut files = HashSet::new();
    let mut pages = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let dir = site.join(&relative);
        for entry in fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_some_and(|e| e == "html") {
                let html = fs::read_to_string(site.join(&path))?;
                pages.push(Page {
                    path: path.clone(),
                    html,
                });
            }
            files.insert(path);
        }
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let broken = check_site(&pages, &files);
    for link in &broken {
        eprintln!("{link}");
    }
    if broken.is_empty() {
        eprintln!(
            "{}: {} pages, every internal link and anchor resolves",
            site.display(),
            pages.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{} broken links", broken.len());
        Ok(ExitCode::FAILURE)
    }
}
