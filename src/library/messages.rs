//! A library's own messages for translators: its title and its glossary, with the interface
//! words of its pages, as `po/messages.pot` beside `library.toml`.

use super::{LIBRARY_TOML, load_library};
use crate::diagnostic::Diagnostic;
use crate::i18n::catalog::{SourceText, extract_template};
use crate::i18n::po::PoFile;
use std::path::{Path, PathBuf};

/// The template of the library at `root`; `None` when `library.toml` has errors.
pub fn library_template(root: &Path) -> (Option<PoFile>, Vec<Diagnostic>) {
    let (library, mut problems) = load_library(root);
    let Some(library) = library else {
        return (None, problems);
    };
    // The title as a heading, so that it is one message, as a book's title is.
    let title = format!("# {}\n", library.title);
    let glossary = library
        .glossary
        .as_ref()
        .and_then(|file| Some((file.clone(), std::fs::read_to_string(root.join(file)).ok()?)));
    let mut sources = vec![SourceText {
        display: PathBuf::from(LIBRARY_TOML),
        text: &title,
    }];
    if let Some((display, text)) = &glossary {
        sources.push(SourceText {
            display: display.clone(),
            text,
        });
    }
    let (template, found) = extract_template(&library.title, &sources);
    problems.extend(found);
    (Some(template), problems)
}
