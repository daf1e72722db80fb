//! The `training` preprocessor: quizzes, scenarios, glossary and section links.

use crate::config::TrainingConfig;
use crate::diagnostic::Diagnostics;
use crate::pipeline::{ChapterInput, process_chapters};
use crate::ui::Edition;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::HashMap;
use std::path::PathBuf;

/// Renders the training blocks and links of a book.
#[derive(Debug, Default, Clone)]
pub struct TrainingPreprocessor {
    /// The edition being built; taken from `book.toml` when absent.
    pub edition: Option<Edition>,
}

/// The chapters of a book that have a source file, in reading order.
pub fn chapter_inputs(book: &Book) -> Vec<ChapterInput> {
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(ch) => ch.path.as_ref().map(|path| ChapterInput {
                name: ch.name.clone(),
                path: path.clone(),
                content: ch.content.clone(),
            }),
            _ => None,
        })
        .collect()
}

impl Preprocessor for TrainingPreprocessor {
    fn name(&self) -> &str {
        "training"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let (config, config_problems) = TrainingConfig::from_book_config(&ctx.config);
        let inputs = chapter_inputs(&book);
        let edition = self.edition.clone().unwrap_or_else(|| {
            Edition::new(ctx.config.book.title.as_deref(), ctx.config.book.language.as_deref())
        });
        let mut outcome = process_chapters(&config, &ctx.config.book.src, &inputs, &edition);
        let mut diagnostics = Diagnostics(config_problems);
        diagnostics.extend(outcome.diagnostics.0.drain(..));
        diagnostics.sort();
        for warning in diagnostics.warnings() {
            eprintln!("{warning}");
        }
        if diagnostics.has_errors() {
            anyhow::bail!(diagnostics.error_report());
        }
        // Matched by path: mdBook visits chapters in another order than `Book::iter`.
        let mut contents: HashMap<PathBuf, String> = inputs
            .into_iter()
            .map(|input| input.path)
            .zip(outcome.contents)
            .collect();
        book.for_each_chapter_mut(|chapter| {
            if let Some(content) = chapter.path.as_ref().and_then(|p| contents.remove(p)) {
                chapter.content = content;
            }
        });
        Ok(book)
    }
}
