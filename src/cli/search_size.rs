//! `search-size`: how much a reader downloads to search, against mdBook's built-in index.

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use mdbook_training::build::{BuildOptions, NoProgress, build};
use mdbook_training::preprocessors::training::TrainingPreprocessor;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

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
    writeln!(out, "{:<14} {:>12} {:>12}", "index", "raw", "gzipped")?;
    let mut editions: Vec<_> = vec![(String::from("source"), site.join("search-index.json"))];
    for entry in fs::read_dir(&site)? {
        let path = entry?.path();
        if path.join("search-index.json").exists() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            editions.push((name, path.join("search-index.json")));
        }
    }
    editions[1..].sort();
    for (name, path) in &editions {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        writeln!(
            out,
            "{:<14} {:>12} {:>12}",
            format!("this tool, {name}"),
            kb(bytes.len()),
            kb(gzipped(&bytes)?)
        )?;
    }

    // mdBook's own index of the same chapters (English pipeline), for comparison.
    let mut book = super::load_book(book_dir)?;
    book.config.set("output.html.search.enable", true)?;
    book.config.build.build_dir = workspace.path().join("mdbook");
    book.with_preprocessor(TrainingPreprocessor::default());
    book.build()?;
    let baseline = fs::read_dir(workspace.path().join("mdbook"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy().starts_with("searchindex")
                    && n.to_string_lossy().ends_with(".js")
            })
        });
    if let Some(path) = baseline {
        let bytes = fs::read(&path)?;
        writeln!(
            out,
            "{:<14} {:>12} {:>12}",
            "mdBook, source",
            kb(bytes.len()),
            kb(gzipped(&bytes)?)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
