//! `check`: every check of a build, nothing written.

use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(book_dir: &Path) -> Result<ExitCode> {
    let book = super::load_book(book_dir)?;
    let diagnostics = super::check_book(&book);
    if super::report(&diagnostics) {
        return Ok(ExitCode::FAILURE);
    }
    eprintln!("{}: no problems found", book_dir.display());
    Ok(ExitCode::SUCCESS)
}
