//! `serve`: the live preview, stopped by Ctrl-C or SIGTERM with its working folder removed.

use anyhow::{Context, Result};
use mdbook_training::preview::Preview;
use std::path::Path;
use std::process::ExitCode;

pub fn run(book_dir: &Path, port: u16, languages: &[String]) -> Result<ExitCode> {
    let book_dir = std::fs::canonicalize(book_dir)
        .with_context(|| format!("cannot find the book {}", book_dir.display()))?;
    let preview = Preview::start(&book_dir, languages, |line| eprintln!("{line}"))?;
    let workspace = preview.workspace().to_path_buf();
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&workspace);
        std::process::exit(0);
    })
    .context("cannot listen for Ctrl-C")?;
    eprintln!(
        "serving {} on http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        super::shown(&book_dir)
    );
    preview.serve(port)?;
    Ok(ExitCode::SUCCESS)
}
