//! The training stage of a build: parse every chapter, validate the book, render and splice.

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::glossary::parse_glossary;
use crate::model::{BlockBody, BlockKind, LinkTarget, ParsedChapter, RecapKind};
use crate::parse::parse_chapter;
use crate::render::{RecapChapter, RecapScenario, Renderer, ReplyChapter, SkipLink, relative_href};
use crate::ui::Edition;
use crate::validate::{BookModel, validate};
use rayon::prelude::*;
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
}

/// Replaces each range of `text` by its text; ranges must not overlap (an empty range, an
/// insertion, may touch another).
pub fn splice(text: &str, mut replacements: Vec<(Range<usize>, String)>) -> String {
    replacements.sort_by_key(|(r, _)| (r.start, r.end));
    let added: usize = replacements.iter().map(|(_, s)| s.len()).sum();
    let removed: usize = replacements.iter().map(|(r, _)| r.len()).sum();
    let mut out = String::with_capacity((text.len() + added).saturating_sub(removed));
    let mut at = 0;
    for (range, replacement) in replacements {
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The chapters of a book that have a source file, in reading order.
pub fn chapter_inputs(book: &mdbook_preprocessor::book::Book) -> Vec<ChapterInput> {
    book.iter()
        .filter_map(|item| match item {
            mdbook_preprocessor::book::BookItem::Chapter(ch) => {
                ch.path.as_ref().map(|path| ChapterInput {
                    name: ch.name.clone(),
                    path: path.clone(),
                    content: ch.content.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Parses and validates every chapter: all diagnostics, nothing rendered.
pub fn check_chapters(
    config: &TrainingConfig,
    src_dir: &Path,
    chapters: &[ChapterInput],
) -> (BookModel, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut model = BookModel::default();
    let problems: Vec<Vec<Diagnostic>>;
    (model.chapters, problems) = chapters
        .par_iter()
        .map(|chapter| {
            let display = src_dir.join(&chapter.path);
            match crate::limits::nesting_error(&display, &chapter.content) {
                Some(problem) => (parse_chapter(&chapter.path, &display, "").0, vec![problem]),
                None => parse_chapter(&chapter.path, &display, &chapter.content),
            }
        })
        .unzip();
    diagnostics.extend(problems.into_iter().flatten());
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
    model.shared = config.shared_glossary.clone();
    diagnostics.extend(validate(&model, config, &glossary_display));
    diagnostics.sort();
    (model, diagnostics)
}

/// Words a reader reads per minute, for reading-time estimates.
const WORDS_PER_MINUTE: usize = 200;

const SPACE: u8 = 0;
const ALPHANUMERIC: u8 = 1;
const CJK: u8 = 2;
const OTHER: u8 = 3;

/// What each ASCII character is to [`word_count`].
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [OTHER; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        classes[byte] = if b.is_ascii_whitespace() || b == 0x0B {
            SPACE
        } else if b.is_ascii_alphanumeric() {
            ALPHANUMERIC
        } else {
            OTHER
        };
        byte += 1;
    }
    classes
};

/// Words in a chapter's Markdown; CJK text, written without spaces, counts two characters a word.
pub fn word_count(markdown: &str) -> usize {
    let cjk = |c: char| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF);
    // One pass: a run of non-space characters is a word when it holds a letter or digit
    // outside CJK; CJK characters are counted on their own. ASCII, most of any chapter's
    // Markdown, is read a byte at a time.
    let (mut words, mut cjk_chars, mut in_word, mut counted) = (0, 0, false, false);
    let bytes = markdown.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let class = if byte.is_ascii() {
            at += 1;
            ASCII_CLASS[usize::from(byte)]
        } else {
            let c = markdown[at..].chars().next().unwrap_or_default();
            at += c.len_utf8();
            if c.is_whitespace() {
                SPACE
            } else if cjk(c) {
                CJK
            } else if c.is_alphanumeric() {
                ALPHANUMERIC
            } else {
                OTHER
            }
        };
        if class == SPACE {
            in_word = false;
            continue;
        }
        if !in_word {
            in_word = true;
            counted = false;
        }
        if class == CJK {
            cjk_chars += 1;
        } else if !counted && class == ALPHANUMERIC {
            counted = true;
            words += 1;
        }
    }
    words + cjk_chars / 2
}

pub(crate) fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// The whole training stage. `src_dir` is the book's source folder relative to its root. Each
/// chapter's source is dropped once the chapter is rendered, so that the sources, their model
/// and the rendered book are never all held at once.
pub fn process_chapters(
    config: &TrainingConfig,
    src_dir: &Path,
    chapters: Vec<ChapterInput>,
    edition: &Edition,
) -> Outcome {
    let (mut model, mut diagnostics) = check_chapters(config, src_dir, &chapters);
    if diagnostics.has_errors() {
        return Outcome {
            contents: Vec::new(),
            diagnostics,
        };
    }
    let renderer = match Renderer::new(edition.clone()) {
        Ok(r) => r,
        Err(err) => {
            diagnostics.push(err);
            return Outcome {
                contents: Vec::new(),
                diagnostics,
            };
        }
    };
    let word_counts: Vec<usize> = chapters
        .par_iter()
        .map(|c| word_count(&c.content))
        .collect();
    let landing = landing_summary(&model, &chapters, minutes(word_counts.iter().sum()));
    let recap_listing = recap_listing(&model, &chapters);
    let reply_listing = replies::reply_listing(&model, &chapters);
    // Each chapter's parse is dropped once the chapter is rendered, so the model and the
    // rendered book are not all held at once.
    let parsed_chapters = std::mem::take(&mut model.chapters);
    let rendered: Vec<Result<String, Box<Diagnostic>>> = chapters
        .into_par_iter()
        .zip(parsed_chapters)
        .enumerate()
        .map(|(index, (chapter, parsed))| {
            let is_reading =
                Some(&chapter.path) != model.glossary_chapter.as_ref() && parsed.recaps.is_empty();
            let reading = is_reading.then(|| {
                (
                    minutes(word_counts[index]),
                    landing.as_ref().filter(|_| index == 0),
                )
            });
            let page = ChapterPage {
                chapter: &chapter,
                recap_listing: &recap_listing,
                reply_listing: &reply_listing,
                reading,
            };
            let rendered = render_chapter(&renderer, config, &model, &page, &parsed, src_dir)
                .map_err(|err| {
                    Box::new(Diagnostic::error(
                        &parsed.display_path,
                        0,
                        format!("rendering failed: {err}"),
                    ))
                })?;
            // The chapter's own string takes its rendered text: the memory its source held is
            // reused rather than left behind, with no spare room.
            let mut content = chapter.content;
            content.clear();
            content.reserve_exact(rendered.len());
            content.push_str(&rendered);
            Ok(content)
        })
        .collect();
    // Collected in the list the results were in (an error is boxed so that a result is no
    // larger than the text it holds).
    let contents = rendered
        .into_iter()
        .filter_map(|result| result.map_err(|d| diagnostics.push(*d)).ok())
        .collect();
    Outcome {
        contents,
        diagnostics,
    }
}

/// The term a `glossary:ID` link in the chapter at `from` names, and the link's address: the
/// book's own glossary first, then its library's.
fn glossary_target<'a>(
    model: &'a BookModel,
    from: &Path,
    id: &str,
) -> Option<(&'a crate::model::GlossaryTerm, String)> {
    if let (Some(term), Some(glossary)) = (model.term(id), &model.glossary_chapter) {
        return Some((term, relative_href(from, glossary, &term.id)));
    }
    let term = model.shared_term(id)?;
    let shared = model.shared.as_ref()?;
    let depth = from.components().count().saturating_sub(1);
    Some((
        term,
        format!("{}{}#{}", "../".repeat(depth), shared.page, term.id),
    ))
}

/// One chapter to render, with what it needs from the rest of the book.
struct ChapterPage<'a> {
    chapter: &'a ChapterInput,
    /// The chapters the progress and notes pages list, when the book has such pages.
    recap_listing: &'a [RecapChapter],
    /// Every reply of the book, when a page lists them.
    reply_listing: &'a [ReplyChapter],
    /// Minutes to read this chapter, and what the module holds on the first page.
    reading: Option<(usize, Option<&'a LandingSummary>)>,
}

/// What the first page says of the module: its reading chapters, questions, scenarios, reading
/// time, and where to start.
pub struct LandingSummary {
    pub chapters: usize,
    pub questions: usize,
    pub scenarios: usize,
    pub minutes: usize,
    /// The second chapter in reading order, relative to the first page.
    pub start: Option<String>,
}

/// Counts what the module holds: chapters after the first that are neither the glossary nor a
/// progress or notes page, and their questions and scenarios. `None` for a book with no such
/// chapter, whose first page is a chapter like any other.
fn landing_summary(
    model: &crate::validate::BookModel,
    chapters: &[ChapterInput],
    minutes: usize,
) -> Option<LandingSummary> {
    use crate::model::BlockKind;
    let first = chapters.first()?;
    let reading: Vec<&crate::model::ParsedChapter> = model
        .chapters
        .iter()
        .skip(1)
        .filter(|c| Some(&c.path) != model.glossary_chapter.as_ref() && c.recaps.is_empty())
        .collect();
    let next = reading.first()?;
    let href = crate::render::relative_href(&first.path, &next.path, "");
    let blocks = || model.chapters.iter().flat_map(|c| c.blocks.iter());
    Some(LandingSummary {
        chapters: reading.len(),
        questions: blocks()
            .filter(|b| matches!(b.kind, BlockKind::Quiz | BlockKind::ShortAnswer))
            .count(),
        scenarios: blocks().filter(|b| b.kind == BlockKind::Scenario).count(),
        minutes,
        start: Some(href.trim_end_matches('#').to_string()),
    })
}

/// Every chapter with questions or scenarios, as the recap pages list them (hrefs relative to
/// `src/`); empty when no page shows a recap.
fn recap_listing(model: &BookModel, chapters: &[ChapterInput]) -> Vec<RecapChapter> {
    if model.chapters.iter().all(|c| c.recaps.is_empty()) {
        return Vec::new();
    }
    model
        .chapters
        .iter()
        .zip(chapters)
        .filter(|(parsed, _)| !parsed.blocks.is_empty())
        .map(|(parsed, input)| {
            // Each question with what its stored answer can hold: its options (1 typed answer).
            let (quizzes, options) = parsed
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Quiz | BlockKind::ShortAnswer))
                .map(|b| match &b.body {
                    BlockBody::Quiz(quiz) => (b.id.clone(), quiz.options.len()),
                    _ => (b.id.clone(), 1),
                })
                .unzip();
            RecapChapter {
                title: input.name.clone(),
                href: parsed.path.to_string_lossy().replace('\\', "/"),
                quizzes,
                options,
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

/// The recap listing with each chapter's link made relative to the page at `from`.
fn recap_chapters(listing: &[RecapChapter], from: &Path) -> Vec<RecapChapter> {
    listing
        .iter()
        .map(|entry| {
            let href = relative_href(from, Path::new(&entry.href), "");
            RecapChapter {
                href: href.trim_end_matches('#').to_string(),
                ..entry.clone()
            }
        })
        .collect()
}

/// A content note's link to the heading `id`, from the chapter at `from`.
fn skip_link<'a>(model: &'a BookModel, from: &Path, id: &str) -> Option<SkipLink<'a>> {
    let target = model.anchor_chapter(id)?;
    Some(SkipLink {
        href: relative_href(from, target, id),
        heading: model.anchor_text(id)?,
    })
}

fn render_chapter(
    renderer: &Renderer,
    config: &TrainingConfig,
    model: &BookModel,
    page: &ChapterPage<'_>,
    parsed: &ParsedChapter,
    src_dir: &Path,
) -> Result<String, handlebars::RenderError> {
    let chapter = page.chapter;
    // Links first: they never add lines, so blocks re-parsed from the result keep their lines.
    let mut link_replacements = Vec::new();
    for link in &parsed.links {
        let html = match link.target {
            LinkTarget::Glossary => {
                let Some((term, href)) = glossary_target(model, &chapter.path, &link.id) else {
                    continue;
                };
                renderer.render_glossary_link(term, &href, link.text.get(&chapter.content))?
            }
            LinkTarget::Section => {
                let Some(target) = model.anchor_chapter(&link.id) else {
                    continue;
                };
                renderer.render_section_link(
                    &relative_href(&chapter.path, target, &link.id),
                    link.text.get(&chapter.content),
                )?
            }
        };
        link_replacements.push((link.span.clone(), html));
    }
    // Blocks whose text holds a link are read again from the linked text, so their fields carry
    // the link's HTML; otherwise the first parse stands, and links and blocks are spliced into
    // the chapter at once.
    let link_in_block = link_replacements.iter().any(|(span, _)| {
        parsed
            .blocks
            .iter()
            .any(|b| span.start < b.span.end && b.span.start < span.end)
    });
    let linked;
    let reparsed;
    // The parse the blocks are rendered from, and the Markdown its spans are in.
    let (with_links, source, mut replacements) = if link_in_block {
        linked = splice(&chapter.content, link_replacements);
        reparsed = parse_chapter(&chapter.path, &src_dir.join(&chapter.path), &linked).0;
        (&reparsed, linked.as_str(), Vec::new())
    } else {
        (parsed, chapter.content.as_str(), link_replacements)
    };
    let discussion = renderer
        .edition()
        .discussion_url
        .as_deref()
        .or(config.discussion_url.as_deref());
    for block in &with_links.blocks {
        let skip = match &block.body {
            BlockBody::ContentNote { skip: Some(id), .. } => skip_link(model, &chapter.path, id),
            _ => None,
        };
        replacements.push((
            block.span.clone(),
            renderer.render_block(block, source, discussion, skip)?,
        ));
    }
    if !with_links.recaps.is_empty() {
        let listed = recap_chapters(page.recap_listing, &chapter.path);
        for recap in &with_links.recaps {
            let mut html = match recap.kind {
                RecapKind::Replies => renderer.render_replies(page.reply_listing, &chapter.path)?,
                kind => renderer.render_recap(kind, &listed, config.progress_file)?,
            };
            if recap.kind == RecapKind::Progress && config.offline {
                html = format!("{html}\n\n{}", offline_offer(renderer, &chapter.path)?);
            }
            replacements.push((recap.span.clone(), html));
        }
    }
    if let Some((minutes, module)) = page.reading {
        let html = match module {
            Some(landing) if config.offline => format!(
                "{}\n\n{}",
                renderer.render_landing(landing)?,
                offline_offer(renderer, &chapter.path)?
            ),
            Some(landing) => renderer.render_landing(landing)?,
            None => renderer.render_reading_time(minutes)?,
        };
        let (at, text) = match with_links.first_heading_end {
            Some(end) => (end, format!("\n\n{html}")),
            None => (0, format!("{html}\n\n")),
        };
        replacements.push((at..at, text));
    }
    Ok(splice(source, replacements))
}

/// The offline offer on the page of the chapter at `path`.
fn offline_offer(renderer: &Renderer, path: &Path) -> Result<String, handlebars::RenderError> {
    let depth = path.components().count().saturating_sub(1);
    renderer.render_offline(&"../".repeat(depth))
}

mod replies;
#[cfg(test)]
mod tests;
