//! The subcommands of `mdbook-training`: the only code that touches files and the process.

pub mod build;
pub mod check;
pub mod i18n;
pub mod import;
pub mod search_size;
pub mod serve;

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use mdbook_training::config::TrainingConfig;
use mdbook_training::diagnostic::Diagnostics;
use mdbook_training::pipeline::check_chapters;
use mdbook_training::preprocessors::training::{chapter_inputs, expand_quiz_files_in_book};
use std::path::Path;

/// Loads a book without ever writing into its sources (mdBook would create missing chapters).
pub fn load_book(book_dir: &Path) -> Result<MDBook> {
    let config_path = book_dir.join("book.toml");
    let mut config = if config_path.exists() {
        Config::from_disk(&config_path)
            .with_context(|| format!("cannot read {}", config_path.display()))?
    } else {
        anyhow::bail!(
            "{} has no book.toml; give the folder of a book",
            book_dir.display()
        );
    };
    config.update_from_env()?;
    config.build.create_missing = false;
    MDBook::load_with_config(book_dir, config)
        .with_context(|| format!("cannot load the book in {}", book_dir.display()))
}

/// Every check of a build, in memory: configuration, blocks, links and glossary. Rendering is
/// left to the build: the block templates are part of this program, not of the book.
pub fn check_book(book: &MDBook) -> Diagnostics {
    let (config, mut problems) = TrainingConfig::from_book_config(&book.config);
    let mut expanded = book.book.clone();
    problems.extend(expand_quiz_files_in_book(
        &mut expanded,
        &book.root,
        &book.config.book.src,
    ));
    let inputs = chapter_inputs(&expanded);
    let (_, checked) = check_chapters(&config, &book.config.book.src, &inputs);
    let mut diagnostics = Diagnostics(problems);
    diagnostics.extend(checked.0);
    diagnostics.sort();
    diagnostics
}

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
