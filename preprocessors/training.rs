//! The `training` preprocessor: quizzes, scenarios, glossary and section links.

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::translate::{Translation, po_path};
use crate::pipeline::{ChapterInput, process_chapters};
use crate::ui::{BookTheme, Edition};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Renders the training blocks and links of a book, translating it first for a language edition.
#[derive(Default, Clone)]
pub struct TrainingPreprocessor {
    /// The edition being built; taken from `book.toml` when absent.
    pub edition: Option<Edition>,
    /// The edition's checked translation; without one, `po/LANG.po` for the book's language is
    /// used when it exists (so `MDBOOK_BOOK__LANGUAGE=fr mdbook build` builds French).
    pub translation: Option<Arc<Translation>>,
    /// Print warnings to stderr: mdBook's protocol has no other way to show them. The library's
    /// build collects them in its checks instead.
    pub print_warnings: bool,
    /// The book's own theme, for its block templates; read from the context when absent.
    pub theme: Option<BookTheme>,
    /// This tool's own build of an edition (`build::build`, not plain mdBook): the edition's
    /// own problems (its translation's warnings, the errors of its pages) go here; the book's
    /// are the build's checks' to tell.
    pub found: Option<Arc<Mutex<Vec<Diagnostic>>>>,
    /// In a library: its glossary in this edition's language, for terms the book lacks.
    pub shared_glossary: Option<Arc<crate::glossary::SharedGlossary>>,
}

impl TrainingPreprocessor {
    /// The preprocessor as plain `mdbook build` runs it.
    pub fn for_mdbook() -> Self {
        TrainingPreprocessor {
            print_warnings: true,
            ..TrainingPreprocessor::default()
        }
    }
}

/// Replaces every `{{#quiz PATH.toml}}` line by the questions of that mdbook-quiz file, read
/// from `root/src_dir`; never writes into the book's sources.
pub fn expand_quiz_files_in_book(
    book: &mut Book,
    root: &std::path::Path,
    src_dir: &std::path::Path,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut diagnostics = Vec::new();
    let read =
        |relative: &std::path::Path| std::fs::read_to_string(root.join(src_dir).join(relative));
    book.for_each_chapter_mut(|chapter| {
        if let Some(path) = chapter.path.clone() {
            let (text, problems) =
                crate::quiz_file::expand_quiz_files(&path, src_dir, &chapter.content, &read);
            chapter.content = text;
            diagnostics.extend(problems);
        }
    });
    diagnostics
}

/// Translates every chapter's text and title; a chapter that cannot be translated keeps its
/// source text, with a warning.
pub fn translate_book(book: &mut Book, translation: &Translation) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    book.for_each_mut(|item| match item {
        BookItem::Chapter(chapter) => {
            match translation.translate_chapter(&chapter.content) {
                Ok(text) => chapter.content = text,
                Err(err) => warnings.push(Diagnostic::warning(
                    po_path(&translation.language),
                    0,
                    format!(
                        "cannot translate {} ({err}); it keeps its source text",
                        chapter.path.as_deref().unwrap_or(Path::new("")).display()
                    ),
                )),
            }
            if let Ok(name) = translation.translate_markdown(&chapter.name) {
                chapter.name = name.trim().to_string();
            }
        }
        BookItem::PartTitle(title) => {
            if let Ok(text) = translation.translate_markdown(title) {
                *title = text.trim().to_string();
            }
        }
        _ => {}
    });
    warnings
}

/// The chapters of a book that have a source file, in reading order, their sources moved out
/// of the book (left empty) rather than copied.
pub fn take_chapter_inputs(book: &mut Book) -> Vec<ChapterInput> {
    let mut inputs = Vec::new();
    // Reading order is `Book::iter`'s; mdBook's mutable visit goes in another.
    let order: HashMap<PathBuf, usize> = book
        .iter()
        .filter_map(|item| match item {
            BookItem::Chapter(ch) => ch.path.clone(),
            _ => None,
        })
        .enumerate()
        .map(|(n, path)| (path, n))
        .collect();
    book.for_each_chapter_mut(|ch| {
        if let Some(path) = &ch.path {
            inputs.push((
                order.get(path).copied().unwrap_or(usize::MAX),
                ChapterInput {
                    name: ch.name.clone(),
                    path: path.clone(),
                    content: std::mem::take(&mut ch.content),
                },
            ));
        }
    });
    inputs.sort_by_key(|(n, _)| *n);
    inputs.into_iter().map(|(_, input)| input).collect()
}

/// `po/LANG.po` of the book at `root`, checked, when it exists, with its problems.
fn load_translation(root: &Path, language: &str) -> (Option<Translation>, Vec<Diagnostic>) {
    let relative = po_path(language);
    let Ok(text) = std::fs::read_to_string(root.join(&relative)) else {
        return (None, Vec::new());
    };
    Translation::load(&relative, language, &text)
}

impl Preprocessor for TrainingPreprocessor {
    fn name(&self) -> &str {
        "training"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let (mut config, mut config_problems) = TrainingConfig::from_book_config(&ctx.config);
        config.shared_glossary = self.shared_glossary.clone();
        if self.print_warnings {
            let theme_dir = ctx
                .config
                .html_config()
                .unwrap_or_default()
                .theme_dir(&ctx.root);
            config_problems.extend(crate::theme::copies::copy_warnings(&ctx.root, &theme_dir));
        }
        config_problems.extend(expand_quiz_files_in_book(
            &mut book,
            &ctx.root,
            &ctx.config.book.src,
        ));
        let language = ctx.config.book.language.as_deref().unwrap_or("en");
        let translation = match &self.translation {
            Some(t) => Some(Arc::clone(t)),
            None => {
                let (translation, problems) = load_translation(&ctx.root, language);
                config_problems.extend(problems);
                translation.map(Arc::new)
            }
        };
        let translated = match &translation {
            Some(translation) => translate_book(&mut book, translation),
            None => Vec::new(),
        };
        let inputs = take_chapter_inputs(&mut book);
        let paths: Vec<PathBuf> = inputs.iter().map(|input| input.path.clone()).collect();
        let mut edition = self.edition.clone().unwrap_or_else(|| {
            let mut edition = Edition::new(ctx.config.book.title.as_deref(), Some(language));
            if let Some(t) = &translation {
                edition.ui = t.ui_strings(&edition.ui);
            }
            edition.discussion_url = config.discussion_url_for(language).map(str::to_string);
            edition
        });
        edition.theme = Some(
            self.theme
                .clone()
                .unwrap_or_else(|| BookTheme::of(&ctx.root, &ctx.config)),
        );
        let mut outcome = process_chapters(&config, &ctx.config.book.src, inputs, &edition);
        let pages = std::mem::take(&mut outcome.diagnostics.0);
        let mut diagnostics = match &self.found {
            Some(found) => {
                let own = edition_problems(self.translation.as_deref(), translated, pages);
                let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
                found.extend(own.iter().cloned());
                Diagnostics(own)
            }
            None => Diagnostics(
                config_problems
                    .into_iter()
                    .chain(translated)
                    .chain(pages)
                    .collect(),
            ),
        };
        diagnostics.sort();
        if self.print_warnings {
            for warning in diagnostics.warnings() {
                eprintln!("{warning}");
            }
        }
        if diagnostics.has_errors() {
            match self.found {
                Some(_) => anyhow::bail!("the edition has errors"),
                None => anyhow::bail!(diagnostics.error_report()),
            }
        }
        // Matched by path: mdBook visits chapters in another order than `Book::iter`.
        let mut contents: HashMap<PathBuf, String> =
            paths.into_iter().zip(outcome.contents).collect();
        book.for_each_chapter_mut(|chapter| {
            if let Some(content) = chapter.path.as_ref().and_then(|p| contents.remove(p)) {
                chapter.content = content;
            }
        });
        Ok(book)
    }
}

/// What an edition built by `build::build` tells of itself: its translation's warnings and the
/// errors of its pages, named by the PO file (the translation made them, not the source); the
/// source edition's and the pages' warnings are the book's, which its checks tell once.
fn edition_problems(
    translation: Option<&Translation>,
    translated: Vec<Diagnostic>,
    pages: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let errors = pages.into_iter().filter(Diagnostic::is_error);
    match translation {
        Some(translation) => translated
            .into_iter()
            .chain(errors.map(|d| in_edition(&translation.language, d)))
            .collect(),
        None => errors.collect(),
    }
}

/// A problem of a page of the `language` edition, said to be of its PO file.
fn in_edition(language: &str, d: Diagnostic) -> Diagnostic {
    let at = if d.line > 0 {
        format!("{}:{}", d.path.display(), d.line)
    } else {
        d.path.display().to_string()
    };
    let mut problem = Diagnostic::error(
        po_path(language),
        0,
        format!("in the {language} edition, {at}: {}", d.message),
    );
    problem.hint = d.hint;
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_tells_its_translation_and_its_pages_errors_once() {
        let po = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n";
        let (translation, problems) = Translation::load(Path::new("po/fr.po"), "fr", po);
        let translation = translation.unwrap_or_else(|| panic!("{problems:?}"));
        let translated = vec![Diagnostic::warning("po/fr.po", 0, "cannot translate a.md")];
        let pages = vec![
            Diagnostic::error("src/a.md", 3, "a question without a best answer")
                .with_hint("mark one"),
            Diagnostic::warning("src/a.md", 5, "the source's own warning"),
        ];
        let told = edition_problems(Some(&translation), translated.clone(), pages.clone());
        assert_eq!(told.len(), 2, "{told:?}");
        assert_eq!(told[0].message, "cannot translate a.md");
        assert!(told[1].is_error());
        assert_eq!(told[1].path, Path::new("po/fr.po"));
        assert_eq!(
            told[1].message,
            "in the fr edition, src/a.md:3: a question without a best answer"
        );
        assert_eq!(told[1].hint.as_deref(), Some("mark one"));
        // The source edition's pages are the book's: only an error would be its own.
        let source = edition_problems(None, Vec::new(), pages);
        assert_eq!(source.len(), 1);
        assert_eq!(source[0].path, Path::new("src/a.md"));
    }
}
