//! A library's shared glossary: `glossary.md` beside `library.toml`, read in the library's
//! language and in each of its own translations (`po/LANG.po`), whose terms every module's
//! `glossary:ID` links reach when the module's own glossary lacks them.

use super::Library;
use crate::diagnostic::Diagnostic;
use crate::glossary::parse_glossary;
use crate::i18n::book::read_po_file;
use crate::i18n::catalog::translation_languages;
use crate::i18n::translate::{Translation, po_path};
use crate::model::GlossaryTerm;
use std::path::Path;
use std::sync::Arc;

/// The page the glossary becomes, in each language's folder of the site.
pub const GLOSSARY_PAGE: &str = "glossary.html";

/// The library's glossary in one language: its Markdown and its terms.
#[derive(Debug, Clone)]
pub struct GlossaryEdition {
    pub language: String,
    pub markdown: String,
    pub terms: Arc<Vec<GlossaryTerm>>,
}

/// The glossary in the library's language, then in each language its `po/` translates it
/// into; empty when the library has none. Problems of the source are errors at their line; a
/// translation's are the translation's warnings, and its problems leave that language out.
pub fn read_glossaries(library: &Library) -> (Vec<GlossaryEdition>, Vec<Diagnostic>) {
    let Some(file) = &library.glossary else {
        return (Vec::new(), Vec::new());
    };
    let text = match std::fs::read_to_string(library.root.join(file)) {
        Ok(text) => text,
        Err(e) => {
            let problem = Diagnostic::error(file, 0, format!("cannot be read: {e}"));
            return (Vec::new(), vec![problem]);
        }
    };
    let (terms, mut problems) = parse_glossary(file, &text);
    if terms.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::warning(file, 1, "the library's glossary has no terms").with_hint(
                "write each term as a `## Term {#id}` heading with its definition under it",
            ),
        );
    }
    let mut editions = vec![GlossaryEdition {
        language: library.language.clone(),
        markdown: text.clone(),
        terms: Arc::new(terms),
    }];
    for language in translation_languages(&library.root.join("po")) {
        if language == library.language {
            continue;
        }
        let (edition, found) = translated(&library.root, &language, file, &text);
        problems.extend(found);
        editions.extend(edition);
    }
    (editions, problems)
}

/// The glossary translated by the library's `po/LANG.po`: the translation's warnings, and
/// its errors as warnings too, since a broken translation leaves only its language out.
fn translated(
    root: &Path,
    language: &str,
    file: &Path,
    text: &str,
) -> (Option<GlossaryEdition>, Vec<Diagnostic>) {
    let po = match read_po_file(root, language) {
        Ok(po) => po,
        Err(problem) => return (None, vec![problem]),
    };
    let (translation, mut problems) = Translation::load(&po_path(language), language, &po);
    let markdown = translation.and_then(|t| t.translate_markdown(text).ok());
    for problem in &mut problems {
        problem.severity = crate::diagnostic::Severity::Warning;
    }
    let Some(markdown) = markdown else {
        return (None, problems);
    };
    let (terms, found) = parse_glossary(file, &markdown);
    // A translation that loses a term's id would break links: the source stands instead.
    if !found.is_empty() {
        let why = format!(
            "the {language} translation of the library's glossary loses a term's id; the glossary is shown in the library's language"
        );
        problems.push(Diagnostic::warning(po_path(language), 0, why));
        return (None, problems);
    }
    let edition = GlossaryEdition {
        language: language.to_string(),
        markdown,
        terms: Arc::new(terms),
    };
    (Some(edition), problems)
}

/// The glossary's entries for a module's placement: each language's terms and page from the
/// site's root.
pub fn placement_glossary(
    editions: &[GlossaryEdition],
    library: &Library,
) -> Vec<(String, String, Arc<Vec<GlossaryTerm>>)> {
    editions
        .iter()
        .map(|e| {
            let folder = match e.language == library.language {
                true => String::new(),
                false => format!("{}/", e.language),
            };
            let page = format!("{folder}{GLOSSARY_PAGE}");
            (e.language.clone(), page, Arc::clone(&e.terms))
        })
        .collect()
}
