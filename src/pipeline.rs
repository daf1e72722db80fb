//! The training stage of a build: parse every chapter, validate the book, render and splice.

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::glossary::parse_glossary;
use crate::model::LinkTarget;
use crate::parse::parse_chapter;
use crate::render::{Renderer, relative_href};
use crate::ui::UiStrings;
use crate::validate::{BookModel, validate};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One chapter's source, as mdBook hands it over.
#[derive(Debug, Clone)]
pub struct ChapterInput {
    /// Path relative to the book's `src/`.
    pub path: PathBuf,
    pub content: String,
}

/// The result of the training stage: new chapter contents, valid only without errors.
#[derive(Debug, Default)]
pub struct Outcome {
    pub contents: Vec<String>,
    pub diagnostics: Diagnostics,
    pub model: BookModel,
}

/// Replaces each range of `text` by its text; ranges must not overlap.
pub fn splice(text: &str, mut replacements: Vec<(Range<usize>, String)>) -> String {
    replacements.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(
        text.len() + replacements.iter().map(|(_, s)| s.len()).sum::<usize>(),
    );
    let mut at = 0;
    for (range, replacement) in replacements {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Parses and validates every chapter: all diagnostics, nothing rendered.
pub fn check_chapters(
    config: &TrainingConfig,
    src_dir: &Path,
    chapters: &[ChapterInput],
) -> (BookModel, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut model = BookModel::default();
    for chapter in chapters {
        let display = src_dir.join(&chapter.path);
        let (parsed, problems) = parse_chapter(&chapter.path, &display, &chapter.content);
        diagnostics.extend(problems);
        model.chapters.push(parsed);
    }
    let glossary_display = config
        .glossary
        .as_ref()
        .map(|g| src_dir.join(g))
        .unwrap_or_else(|| PathBuf::from("book.toml"));
    if let Some(glossary) = &config.glossary {
        match chapters.iter().find(|c| &c.path == glossary) {
            Some(chapter) => {
                let (terms, problems) = parse_glossary(&glossary_display, &chapter.content);
                diagnostics.extend(problems);
                model.glossary = terms;
                model.glossary_chapter = Some(glossary.clone());
            }
            None => diagnostics.push(
                Diagnostic::error(
                    "book.toml",
                    0,
                    format!(
                        "the glossary chapter `{}` is not in the book",
                        glossary.display()
                    ),
                )
                .with_hint(format!(
                    "list `{}` in src/SUMMARY.md, or correct `glossary` in [preprocessor.training]",
                    glossary.display()
                )),
            ),
        }
    }
    diagnostics.extend(validate(&model, config, &glossary_display));
    diagnostics.sort();
    (model, diagnostics)
}

/// The whole training stage. `src_dir` is the book's source folder relative to its root.
pub fn process_chapters(
    config: &TrainingConfig,
    src_dir: &Path,
    chapters: &[ChapterInput],
    ui: &UiStrings,
) -> Outcome {
    let (model, mut diagnostics) = check_chapters(config, src_dir, chapters);
    if diagnostics.has_errors() {
        return Outcome {
            contents: Vec::new(),
            diagnostics,
            model,
        };
    }
    let renderer = match Renderer::new(ui.clone()) {
        Ok(r) => r,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                "theme/blocks",
                0,
                format!("a block template is broken: {err}"),
            ));
            return Outcome {
                contents: Vec::new(),
                diagnostics,
                model,
            };
        }
    };
    let mut contents = Vec::with_capacity(chapters.len());
    for (chapter, parsed) in chapters.iter().zip(&model.chapters) {
        match render_chapter(&renderer, config, &model, chapter, src_dir) {
            Ok(text) => contents.push(text),
            Err(err) => diagnostics.push(Diagnostic::error(
                &parsed.display_path,
                0,
                format!("rendering failed: {err}"),
            )),
        }
    }
    Outcome {
        contents,
        diagnostics,
        model,
    }
}

fn render_chapter(
    renderer: &Renderer,
    config: &TrainingConfig,
    model: &BookModel,
    chapter: &ChapterInput,
    src_dir: &Path,
) -> Result<String, handlebars::RenderError> {
    let display = src_dir.join(&chapter.path);
    let (parsed, _) = parse_chapter(&chapter.path, &display, &chapter.content);
    if parsed.links.is_empty() && parsed.blocks.is_empty() {
        return Ok(chapter.content.clone());
    }
    // Links first: they never add lines, so blocks re-parsed from the result keep their lines.
    let mut link_replacements = Vec::new();
    for link in &parsed.links {
        let html = match link.target {
            LinkTarget::Glossary => {
                let (Some(term), Some(glossary)) = (model.term(&link.id), &model.glossary_chapter)
                else {
                    continue;
                };
                renderer.render_glossary_link(
                    term,
                    &relative_href(&chapter.path, glossary, &term.id),
                    &link.text,
                )?
            }
            LinkTarget::Section => {
                let Some(target) = model.anchor_chapter(&link.id) else {
                    continue;
                };
                renderer.render_section_link(
                    &relative_href(&chapter.path, target, &link.id),
                    &link.text,
                )?
            }
        };
        link_replacements.push((link.span.clone(), html));
    }
    let linked = splice(&chapter.content, link_replacements);
    let (with_links, _) = parse_chapter(&chapter.path, &display, &linked);
    let mut block_replacements = Vec::new();
    for block in &with_links.blocks {
        block_replacements.push((
            block.span.clone(),
            renderer.render_block(block, config.discussion_url.as_deref())?,
        ));
    }
    Ok(splice(&linked, block_replacements))
}
