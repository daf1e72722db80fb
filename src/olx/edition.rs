//! One edition of a book as the course export reads it: its chapters after mdBook's own
//! preprocessors (includes), its quiz files and its translation, parsed and checked by the
//! site's own stages, with the edition's words.

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::book::read_po_file;
use crate::i18n::translate::{Translation, markdown_line_text, po_path};
use crate::pipeline::{ChapterInput, check_chapters};
use crate::preprocessors::training::{
    expand_quiz_files_in_book, take_chapter_inputs, translate_book,
};
use crate::ui::{BookTheme, Edition};
use crate::validate::BookModel;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::Path;

/// An edition's chapters and their model, with what the edition says and in which language.
pub struct EditionSource {
    pub language: String,
    /// The book's title in the edition's words.
    pub title: String,
    pub edition: Edition,
    pub chapters: Vec<ChapterInput>,
    pub model: BookModel,
    pub right_to_left: bool,
}

/// Leaves the book as mdBook's other preprocessors made it: the course export does this tool's
/// part itself.
struct Untouched;

impl Preprocessor for Untouched {
    fn name(&self) -> &str {
        "training"
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        Ok(book)
    }
}

/// The edition of the book at `root` in `language` (`None`: the source), with its warnings;
/// its errors (a translation that breaks a block) come back as diagnostics too.
pub fn load_edition(
    root: &Path,
    config: &TrainingConfig,
    language: Option<&str>,
) -> Result<(Option<EditionSource>, Diagnostics), anyhow::Error> {
    let mut found = Diagnostics::default();
    let mut md = crate::build::reload_book(root).map_err(|e| anyhow::anyhow!("{e}"))?;
    md.with_preprocessor(Untouched);
    let site = mdbook_driver::builtin_renderers::CmdRenderer::new("html".into(), "true".into());
    let (mut book, _) = md.preprocess_book(&site)?;
    let src = md.config.book.src.clone();
    expand_quiz_files_in_book(&mut book, root, &src);
    let title = md.config.book.title.clone().unwrap_or_default();
    let source_language = md.config.book.language.clone().unwrap_or("en".into());
    let language_now = language.unwrap_or(&source_language).to_string();
    let mut edition = Edition::new(Some(&title), Some(&language_now));
    edition.theme = Some(BookTheme::of(root, &md.config));
    edition.discussion_url = config.discussion_url_for(&language_now).map(str::to_string);
    let mut shown_title = title.clone();
    if let Some(language) = language {
        let Some(translation) = translation(root, language, &mut found) else {
            return Ok((None, found));
        };
        found.extend(translate_book(&mut book, &translation));
        edition.ui = translation.ui_strings(&edition.ui);
        if let Ok(text) = translation.translate_markdown(&title) {
            let plain = markdown_line_text(&text);
            if !plain.is_empty() {
                shown_title = plain;
            }
        }
    }
    let chapters = take_chapter_inputs(&mut book);
    // Open edX names every course: a book without a title is named by its first chapter.
    if shown_title.trim().is_empty() {
        shown_title = chapters
            .first()
            .map_or("Training".into(), |c| c.name.clone());
    }
    let (model, problems) = check_chapters(config, &src, &chapters);
    found.extend(in_edition(language, problems));
    let right_to_left = crate::i18n::language::is_right_to_left(&language_now);
    let source = EditionSource {
        language: language_now,
        title: shown_title,
        edition,
        chapters,
        model,
        right_to_left,
    };
    Ok((Some(source), found))
}

/// The checked translation `po/LANG.po`, its problems told to `found`.
fn translation(root: &Path, language: &str, found: &mut Diagnostics) -> Option<Translation> {
    let (translation, problems) = match read_po_file(root, language) {
        Ok(text) => Translation::load(&po_path(language), language, &text),
        Err(problem) => (None, vec![problem]),
    };
    found.extend(problems);
    translation
}

/// A translated edition's errors in its pages are the translation's, named by its PO file; the
/// source's problems were told by the book's own checks.
fn in_edition(language: Option<&str>, problems: Diagnostics) -> Vec<Diagnostic> {
    let Some(language) = language else {
        return Vec::new();
    };
    problems
        .0
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|d| {
            let message = format!("in {}: {}", d.path.display(), d.message);
            Diagnostic::error(po_path(language), 0, message)
        })
        .collect()
}

/// Adds a library's glossary (in the edition's language) to a module's course as a section of
/// its own, after the module's chapters, so that the module's links to the library's terms
/// reach their units; the module's own terms come first.
pub fn add_shared_glossary(
    source: &mut EditionSource,
    glossary: &crate::library::glossary::GlossaryEdition,
    file: &Path,
) {
    let path = std::path::PathBuf::from("library-glossary.md");
    let name = glossary
        .markdown
        .lines()
        .find_map(|line| line.strip_prefix("# "))
        .map_or_else(|| "Glossary".to_string(), |title| title.trim().to_string());
    let (parsed, _) = crate::parse::parse_chapter(&path, file, &glossary.markdown);
    source.chapters.push(ChapterInput {
        name,
        path,
        content: glossary.markdown.clone(),
    });
    source.model.chapters.push(parsed);
    for term in glossary.terms.iter() {
        if source.model.term(&term.id).is_none() {
            source.model.glossary.push(term.clone());
        }
    }
}
