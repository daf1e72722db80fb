//! Validation: ids, answers, glossary and section references across the whole book.

use crate::config::TrainingConfig;
use crate::diagnostic::Diagnostic;
use crate::model::{GlossaryTerm, LinkTarget, ParsedChapter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The whole book as the parser saw it.
#[derive(Debug, Default)]
pub struct BookModel {
    pub chapters: Vec<ParsedChapter>,
    pub glossary: Vec<GlossaryTerm>,
    /// Glossary chapter, relative to `src/`, when the book has one.
    pub glossary_chapter: Option<PathBuf>,
    /// In a library: its glossary, for the terms the book's own lacks.
    pub shared: Option<std::sync::Arc<crate::glossary::SharedGlossary>>,
    /// Which chapter holds each heading id (the first, when an id is used twice), and the
    /// heading's words.
    anchors: HashMap<String, (usize, String)>,
    /// Each chapter's path relative to `src/`, kept when rendering takes the chapters away.
    paths: Vec<PathBuf>,
}

impl BookModel {
    /// The library's term `id`, when the book's own glossary lacks it.
    pub fn shared_term(&self, id: &str) -> Option<&GlossaryTerm> {
        match self.term(id) {
            Some(_) => None,
            None => self.shared.as_ref()?.term(id),
        }
    }

    pub fn term(&self, id: &str) -> Option<&GlossaryTerm> {
        self.glossary.iter().find(|t| t.id == id)
    }

    /// The chapter (relative to `src/`) holding the heading `{#id}`.
    pub fn anchor_chapter(&self, id: &str) -> Option<&Path> {
        self.anchors.get(id).map(|(n, _)| self.paths[*n].as_path())
    }

    /// The words of the heading `{#id}`.
    pub fn anchor_text(&self, id: &str) -> Option<&str> {
        self.anchors.get(id).map(|(_, text)| text.as_str())
    }

    /// Indexes the chapters' heading ids; call once the chapters are all in.
    pub fn index_anchors(&mut self) {
        self.anchors.clear();
        self.paths = self.chapters.iter().map(|c| c.path.clone()).collect();
        for (n, chapter) in self.chapters.iter().enumerate() {
            for anchor in &chapter.anchors {
                self.anchors
                    .entry(anchor.id.clone())
                    .or_insert_with(|| (n, anchor.text.clone()));
            }
        }
    }
}

/// The known id closest to `wanted`, to suggest in a message.
fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::normalized_damerau_levenshtein(wanted, k), k))
        .filter(|(score, _)| *score > 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn location(path: &Path, line: usize) -> String {
    format!("{}:{line}", path.display())
}

/// Every cross-chapter check; chapter-local structure was checked by the parser.
pub fn validate(
    model: &BookModel,
    config: &TrainingConfig,
    glossary_display: &Path,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();

    let block_count = unique_ids(model, &mut diagnostics);
    unique_terms(model, glossary_display, &mut diagnostics);
    terms_shadowing_the_library(model, glossary_display, &mut diagnostics);
    links_resolve(model, glossary_display, &mut diagnostics);
    skips_resolve(model, &mut diagnostics);
    if block_count > 0 {
        match &config.discussion_url {
            None => diagnostics.push(
                Diagnostic::warning("book.toml", 0, "[preprocessor.training] has no `discussion-url`, so quizzes and scenarios get no discussion link")
                    .with_hint("add e.g. `discussion-url = \"https://meta.wikimedia.org/wiki/Talk:Your_module#{id}\"`"),
            ),
            Some(url) if !url.contains("{id}") && !url.contains("{title}") => diagnostics.push(
                Diagnostic::warning("book.toml", 0, "`discussion-url` has neither `{id}` nor `{title}`, so every block links to the same place")
                    .with_hint("put `{id}` where the block's id belongs, e.g. `…/Talk:Module#{id}`"),
            ),
            _ => {}
        }
    }
    diagnostics
}

/// Block ids and heading ids are each unique in the book; returns how many blocks there are.
fn unique_ids(model: &BookModel, diagnostics: &mut Vec<Diagnostic>) -> usize {
    let mut block_ids: HashMap<&str, (&Path, usize)> = HashMap::new();
    let mut anchor_ids: HashMap<&str, (&Path, usize)> = HashMap::new();
    let mut block_count = 0;
    for chapter in &model.chapters {
        for block in &chapter.blocks {
            if block.kind == crate::model::BlockKind::ContentNote {
                continue;
            }
            block_count += 1;
            if let Some((path, line)) = block_ids.get(block.id.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        &chapter.display_path,
                        block.line,
                        format!(
                            "block ID `{}` is already used at {}",
                            block.id,
                            location(path, *line)
                        ),
                    )
                    .with_hint(format!(
                        "give this {} an ID of its own, e.g. `{}-2`",
                        block.kind.name(),
                        block.id
                    )),
                );
            } else {
                block_ids.insert(&block.id, (&chapter.display_path, block.line));
            }
        }
        for anchor in &chapter.anchors {
            if let Some((path, line)) = anchor_ids.get(anchor.id.as_str()) {
                diagnostics.push(
                    Diagnostic::error(&chapter.display_path, anchor.line, format!("heading id `{{#{}}}` is already used at {}", anchor.id, location(path, *line)))
                        .with_hint("section links need each `{#id}` to be unique in the book; choose another id"),
                );
            } else {
                anchor_ids.insert(&anchor.id, (&chapter.display_path, anchor.line));
            }
        }
    }

    block_count
}

/// Glossary term ids are unique in the glossary.
fn unique_terms(model: &BookModel, glossary_display: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let mut term_ids: HashMap<&str, usize> = HashMap::new();
    for term in &model.glossary {
        if let Some(line) = term_ids.insert(&term.id, term.line) {
            diagnostics.push(
                Diagnostic::error(
                    glossary_display,
                    term.line,
                    format!(
                        "glossary term id `{}` is already used at line {line}",
                        term.id
                    ),
                )
                .with_hint("give each term its own `{#id}`"),
            );
        }
    }
}

/// A term of the book's own glossary with the id of one of its library's: the book's links
/// reach its own, which is worth saying.
fn terms_shadowing_the_library(
    model: &BookModel,
    glossary_display: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(shared) = &model.shared else {
        return;
    };
    for term in model
        .glossary
        .iter()
        .filter(|t| shared.term(&t.id).is_some())
    {
        diagnostics.push(
            Diagnostic::warning(
                glossary_display,
                term.line,
                format!(
                    "the term `{}` is also in the library's glossary ({}); this module's links reach its own",
                    term.id,
                    shared.file.display()
                ),
            )
            .with_hint("remove one of them, or give this module's term another id"),
        );
    }
}

/// Every glossary and section link names a term or heading of the book.
/// A content note's `skip=ID` names a heading of the book, as a section link does.
fn skips_resolve(model: &BookModel, diagnostics: &mut Vec<Diagnostic>) {
    for chapter in &model.chapters {
        for block in &chapter.blocks {
            let crate::model::BlockBody::ContentNote { skip: Some(id), .. } = &block.body else {
                continue;
            };
            if model.anchor_chapter(id).is_some() {
                continue;
            }
            let own = chapter.anchors.iter().map(|a| a.id.as_str());
            let hint = match closest(id, own) {
                Some(near) => format!("did you mean `skip={near}`?"),
                None => format!(
                    "add `{{#{id}}}` to the heading readers may skip to, e.g. `## Title {{#{id}}}`"
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    &chapter.display_path,
                    block.line,
                    format!("the content note skips to `{id}`, which is no heading's id"),
                )
                .with_hint(hint),
            );
        }
    }
}

fn links_resolve(model: &BookModel, glossary_display: &Path, diagnostics: &mut Vec<Diagnostic>) {
    for chapter in &model.chapters {
        for link in &chapter.links {
            let at = |message: String| Diagnostic::error(&chapter.display_path, link.line, message);
            match link.target {
                LinkTarget::Glossary if model.shared_term(&link.id).is_some() => {}
                LinkTarget::Glossary
                    if model.glossary_chapter.is_none() && model.shared.is_none() =>
                {
                    diagnostics.push(at(format!("glossary link to `{}`, but the book has no glossary", link.id)).with_hint(
                        "set `glossary = \"glossary.md\"` in [preprocessor.training] of book.toml and list that chapter in SUMMARY.md",
                    ));
                }
                LinkTarget::Glossary if model.term(&link.id).is_none() => {
                    let shared = model.shared.iter().flat_map(|g| g.terms.iter());
                    let known = model.glossary.iter().chain(shared).map(|t| t.id.as_str());
                    let glossary_display = match (&model.glossary_chapter, &model.shared) {
                        (None, Some(shared)) => shared.file.as_path(),
                        _ => glossary_display,
                    };
                    let hint = match closest(&link.id, known) {
                        Some(near) => format!(
                            "did you mean `glossary:{near}`? Otherwise add `## Term {{#{}}}` to {}",
                            link.id,
                            glossary_display.display()
                        ),
                        None => format!(
                            "add a `## Term {{#{}}}` entry to {}",
                            link.id,
                            glossary_display.display()
                        ),
                    };
                    diagnostics
                        .push(at(format!("unknown glossary term `{}`", link.id)).with_hint(hint));
                }
                LinkTarget::Section if model.anchor_chapter(&link.id).is_none() => {
                    let all = model
                        .chapters
                        .iter()
                        .flat_map(|c| c.anchors.iter().map(|a| a.id.as_str()));
                    let hint = match closest(&link.id, all) {
                        Some(near) => format!("did you mean `section:{near}`?"),
                        None => format!(
                            "add `{{#{}}}` to the heading you mean, e.g. `## Title {{#{}}}`",
                            link.id, link.id
                        ),
                    };
                    diagnostics.push(at(format!("unknown section `{}`", link.id)).with_hint(hint));
                }
                _ => {}
            }
        }
    }
}
