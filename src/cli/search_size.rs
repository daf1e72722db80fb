//! `search-size`: how much a reader downloads to search, against mdBook's built-in index.

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use mdbook_training::build::{BuildOptions, NoProgress, build};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};

fn gzipped(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

pub fn run(book_dir: &Path) -> Result<ExitCode> {
    let workspace = tempfile::tempdir()?;
    let ours = workspace.path().join("ours");
    let options = BuildOptions {
        dest: Some(ours),
        ..BuildOptions::default()
    };
    let site = match build(book_dir, &options, &NoProgress) {
        Ok(report) => report.dest,
        Err(error) => {
            super::report_failure(&error);
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{:<24} {:>12} {:>12}", "index", "raw", "gzipped")?;
    let mut editions: Vec<_> = vec![(String::from("source"), site.join("search-index.js"))];
    for entry in fs::read_dir(&site)? {
        let path = entry?.path();
        if path.join("search-index.js").exists() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            editions.push((name, path.join("search-index.js")));
        }
    }
    editions[1..].sort();
    for (name, path) in &editions {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        writeln!(
            out,
            "{:<24} {:>12} {:>12}",
            format!("this tool, {name}"),
            kb(bytes.len()),
            kb(gzipped(&bytes)?)
        )?;
    }

    // The index the `mdbook` program itself writes for the same book, this tool as its
    // preprocessor: what a reader of a plain mdBook site downloads to search.
    match mdbook_index(book_dir, &workspace.path().join("mdbook")) {
        Some((version, bytes)) => writeln!(
            out,
            "{:<24} {:>12} {:>12}",
            format!("{version}, source"),
            kb(bytes.len()),
            kb(gzipped(&bytes)?)
        )?,
        None => eprintln!(
            "no `mdbook` program on PATH to compare with: install mdBook 0.5 with `cargo install mdbook`"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `mdbook build` of the book into `dest` with its search on: mdBook's version and the bytes of
/// its `searchindex*.js`, or `None` when no `mdbook` program runs.
fn mdbook_index(book_dir: &Path, dest: &Path) -> Option<(String, Vec<u8>)> {
    let version = Command::new("mdbook").arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    // mdBook runs this program as the book's preprocessor.
    let own_dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(own_dir).chain(std::env::split_paths(&std::env::var_os("PATH")?)),
    )
    .ok()?;
    let built = Command::new("mdbook")
        .arg("build")
        .arg(book_dir)
        .arg("--dest-dir")
        .arg(dest)
        .env("PATH", path)
        .env("MDBOOK_OUTPUT__HTML__SEARCH__ENABLE", "true")
        .output()
        .ok()?;
    if !built.status.success() {
        return None;
    }
    let index = fs::read_dir(dest).ok()?.filter_map(|e| e.ok()).find(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("searchindex") && name.ends_with(".js")
    })?;
    Some((version, fs::read(index.path()).ok()?))
}
