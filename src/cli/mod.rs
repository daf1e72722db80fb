//! The subcommands of `mdbook-training`: the only code that touches files and the process.

pub mod build;
pub mod check;
pub mod export;
pub mod i18n;
pub mod import;
pub mod init;
pub mod search_size;
pub mod serve;

use mdbook_training::build::BuildError;
use mdbook_training::diagnostic::Diagnostics;
use std::path::Path;

pub use mdbook_training::build::load_book;

/// Prints warnings and errors to stderr; true when there were errors.
pub fn report(diagnostics: &Diagnostics) -> bool {
    for warning in diagnostics.warnings() {
        eprintln!("{warning}");
    }
    if diagnostics.has_errors() {
        eprintln!("{}", diagnostics.error_report());
        true
    } else {
        false
    }
}

/// Prints why a build or check failed, after its warnings.
pub fn report_failure(error: &BuildError) {
    for warning in error.warnings() {
        eprintln!("{warning}");
    }
    eprintln!("{error}");
}

/// A path as the user would write it: relative to the current folder when inside it.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = mdbook_training::build::dest::normalise(&cwd, path);
    match path.strip_prefix(&cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".to_string(),
        Ok(relative) => relative.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// `1 chapter`, `2 chapters`: a count as a sentence says it.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
