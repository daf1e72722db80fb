//! A book's messages as gettext files: its template read from its sources, and its
//! translations read from `po/`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::catalog::{
    SourceText, add_string_messages, extract_template, translation_languages,
};
use crate::i18n::po::{PoFile, parse_po};
use crate::i18n::translate::po_path;
use crate::quiz_file;
use mdbook_driver::MDBook;
use std::fs;
use std::path::{Path, PathBuf};

/// The book's template, from its SUMMARY and chapter sources as they are on disk, with the
/// problems found on the way.
pub fn book_template(book: &MDBook) -> (PoFile, Vec<Diagnostic>) {
    let src = book.config.book.src.clone();
    let summary_path = src.join("SUMMARY.md");
    let summary = fs::read_to_string(book.root.join(&summary_path)).unwrap_or_default();
    // Chapters as mdBook gives them to a renderer: `{{#include}}`d text is offered too.
    let included = with_includes(book);
    let inputs = crate::pipeline::chapter_inputs(included.as_ref().unwrap_or(&book.book));
    let chapters: Vec<(PathBuf, String)> = inputs
        .iter()
        .map(|c| (src.join(&c.path), c.content.clone()))
        .collect();
    let mut sources = vec![SourceText {
        display: summary_path,
        text: &summary,
    }];
    sources.extend(chapters.iter().map(|(display, text)| SourceText {
        display: display.clone(),
        text,
    }));
    let title = book.config.book.title.clone().unwrap_or_default();
    let (mut template, mut problems) = extract_template(&title, &sources);
    // Questions of mdbook-quiz files, referenced to their TOML file and question.
    for chapter in &inputs {
        for (file, _) in quiz_file::referenced_files(&chapter.path, &chapter.content) {
            let display = src.join(&file);
            let Ok(text) = fs::read_to_string(book.root.join(&display)) else {
                continue;
            };
            let (questions, issues) = quiz_file::parse_quiz_file(&display, &text);
            problems.extend(issues);
            for (line, markdown) in quiz_file::translatable_strings(&questions) {
                add_string_messages(&mut template, &display, line, &markdown);
            }
        }
    }
    (template, problems)
}

/// The book with mdBook's `{{#include}}`, `{{#rustdoc_include}}` and `{{#playground}}` lines
/// replaced by what they include (the book's sources were checked to include nothing outside
/// it); `None` when mdBook's links preprocessor fails, and the raw chapters are used.
fn with_includes(book: &MDBook) -> Option<mdbook_driver::book::Book> {
    use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
    use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
    let context =
        PreprocessorContext::new(book.root.clone(), book.config.clone(), "html".to_string());
    LinkPreprocessor::new()
        .run(&context, book.book.clone())
        .ok()
}

/// Every `po/LANG.po` of the book at `book_dir`, read, with their problems.
pub fn read_translations(book_dir: &Path) -> (Vec<(String, PoFile)>, Diagnostics) {
    let mut all = Vec::new();
    let mut problems = Diagnostics::default();
    for language in translation_languages(&book_dir.join("po")) {
        let relative = po_path(&language);
        let text = match read_po_file(book_dir, &language) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let (po, diagnostics) = parse_po(&relative, &text);
        problems.extend(diagnostics);
        all.push((language, po));
    }
    problems.sort();
    (all, problems)
}

/// The text of `po/LANG.po` in the book at `book_dir`; bytes that are not UTF-8 are replaced,
/// so that the PO reader reports the file's problems at their lines.
pub fn read_po_file(book_dir: &Path, language: &str) -> Result<String, Diagnostic> {
    let relative = po_path(language);
    fs::read(book_dir.join(&relative))
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| Diagnostic::error(&relative, 0, format!("cannot be read: {e}")))
}
