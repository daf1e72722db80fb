//! The training stage of a build: parse every chapter, validate the book, render and splice.

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::glossary::parse_glossary;
use crate::model::{BlockBody, BlockKind, LinkTarget};
use crate::parse::parse_chapter;
use crate::render::{RecapChapter, RecapScenario, Renderer, relative_href};
use crate::ui::Edition;
use crate::validate::{BookModel, validate};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One chapter's source, as mdBook hands it over.
#[derive(Debug, Clone)]
pub struct ChapterInput {
    /// The chapter's title in SUMMARY.md.
    pub name: String,
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
    model.index_anchors();
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

/// Words a reader reads per minute, for reading-time estimates.
const WORDS_PER_MINUTE: usize = 200;

/// Words in a chapter's Markdown; CJK text, written without spaces, counts two characters a word.
pub fn word_count(markdown: &str) -> usize {
    let cjk = |c: char| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF);
    let words = markdown
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric() && !cjk(c)))
        .count();
    words + markdown.chars().filter(|c| cjk(*c)).count() / 2
}

fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// The whole training stage. `src_dir` is the book's source folder relative to its root.
pub fn process_chapters(
    config: &TrainingConfig,
    src_dir: &Path,
    chapters: &[ChapterInput],
    edition: &Edition,
) -> Outcome {
    let (model, mut diagnostics) = check_chapters(config, src_dir, chapters);
    if diagnostics.has_errors() {
        return Outcome {
            contents: Vec::new(),
            diagnostics,
            model,
        };
    }
    let renderer = match Renderer::new(edition.clone()) {
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
    let word_counts: Vec<usize> = chapters.iter().map(|c| word_count(&c.content)).collect();
    let module_minutes = minutes(word_counts.iter().sum());
    let mut contents = Vec::with_capacity(chapters.len());
    for (index, (chapter, parsed)) in chapters.iter().zip(&model.chapters).enumerate() {
        let is_reading =
            Some(&chapter.path) != model.glossary_chapter.as_ref() && parsed.recaps.is_empty();
        let reading = is_reading.then(|| {
            (
                minutes(word_counts[index]),
                (index == 0).then_some(module_minutes),
            )
        });
        let page = ChapterPage {
            chapter,
            chapters,
            reading,
        };
        match render_chapter(&renderer, config, &model, &page, parsed, src_dir) {
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

/// One chapter to render, with what it needs from the rest of the book.
struct ChapterPage<'a> {
    chapter: &'a ChapterInput,
    chapters: &'a [ChapterInput],
    /// Minutes to read this chapter, and the whole module's on the first page.
    reading: Option<(usize, Option<usize>)>,
}

/// Every chapter with questions or scenarios, as the recap pages list them, linked from `from`.
fn recap_chapters(model: &BookModel, chapters: &[ChapterInput], from: &Path) -> Vec<RecapChapter> {
    model
        .chapters
        .iter()
        .zip(chapters)
        .filter(|(parsed, _)| !parsed.blocks.is_empty())
        .map(|(parsed, input)| {
            let href = relative_href(from, &parsed.path, "");
            RecapChapter {
                title: input.name.clone(),
                href: href.trim_end_matches('#').to_string(),
                quizzes: parsed
                    .blocks
                    .iter()
                    .filter(|b| matches!(b.kind, BlockKind::Quiz | BlockKind::ShortAnswer))
                    .map(|b| b.id.clone())
                    .collect(),
                scenarios: parsed
                    .blocks
                    .iter()
                    .filter(|b| matches!(b.body, BlockBody::Scenario { .. }))
                    .map(|b| RecapScenario {
                        id: b.id.clone(),
                        title: b
                            .title
                            .as_ref()
                            .map_or_else(|| b.id.clone(), |t| t.text.clone()),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn render_chapter(
    renderer: &Renderer,
    config: &TrainingConfig,
    model: &BookModel,
    page: &ChapterPage<'_>,
    parsed: &crate::model::ParsedChapter,
    src_dir: &Path,
) -> Result<String, handlebars::RenderError> {
    let chapter = page.chapter;
    let display = src_dir.join(&chapter.path);
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
    let mut replacements = Vec::new();
    for block in &with_links.blocks {
        let discussion = renderer
            .edition()
            .discussion_url
            .as_deref()
            .or(config.discussion_url.as_deref());
        replacements.push((
            block.span.clone(),
            renderer.render_block(block, discussion)?,
        ));
    }
    if !with_links.recaps.is_empty() {
        let listed = recap_chapters(model, page.chapters, &chapter.path);
        for recap in &with_links.recaps {
            replacements.push((
                recap.span.clone(),
                renderer.render_recap(recap.kind, &listed)?,
            ));
        }
    }
    if let Some((minutes, module)) = page.reading {
        let html = renderer.render_reading_time(minutes, module)?;
        let (at, text) = match with_links.first_heading_end {
            Some(end) => (end, format!("\n\n{html}")),
            None => (0, format!("{html}\n\n")),
        };
        replacements.push((at..at, text));
    }
    Ok(splice(&linked, replacements))
}
