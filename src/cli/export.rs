//! `export scorm` and `export olx`: the library's packages and courses, with what was written
//! and any problem told.

use anyhow::Result;
use mdbook_training::build::{BuildError, NoProgress};
use mdbook_training::olx::{OlxOptions, export_library_olx, export_olx};
use mdbook_training::scorm::{
    ExportOptions, ExportReport, ScormVersion, export_library_scorm, export_scorm,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run_scorm(
    book: &Path,
    version: &str,
    languages: Vec<String>,
    dest: Option<PathBuf>,
) -> Result<ExitCode> {
    let Some(version) = ScormVersion::parse(version) else {
        eprintln!("error: `--scorm {version}` is not a SCORM version; give 1.2 or 2004");
        return Ok(ExitCode::from(2));
    };
    let options = ExportOptions {
        version,
        languages,
        dest,
    };
    let exported = match mdbook_training::library::is_library(book) {
        true => export_library_scorm(book, &options, &NoProgress),
        false => export_scorm(book, &options, &NoProgress),
    };
    told(exported)
}

pub fn run_olx(book: &Path, languages: Vec<String>, dest: Option<PathBuf>) -> Result<ExitCode> {
    let options = OlxOptions { languages, dest };
    let exported = match mdbook_training::library::is_library(book) {
        true => export_library_olx(book, &options),
        false => export_olx(book, &options),
    };
    told(exported)
}

/// What an export wrote, or why it wrote nothing.
fn told(exported: Result<ExportReport, BuildError>) -> Result<ExitCode> {
    match exported {
        Ok(report) => {
            super::report(&report.warnings);
            for package in &report.packages {
                eprintln!("wrote {}", super::shown(package));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            super::report_failure(&error);
            Ok(ExitCode::FAILURE)
        }
    }
}
