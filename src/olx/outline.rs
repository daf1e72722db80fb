//! A chapter's Markdown cut into Open edX units at its `##` headings, each unit a list of text
//! runs and the chapter's blocks, as pulldown-cmark events waiting for their links to be known.

use crate::model::ParsedChapter;
use crate::pipeline::splice;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One unit of a chapter before it is rendered.
#[derive(Debug)]
pub struct UnitDraft<'a> {
    /// The heading that opens it, as plain text; `None` for the text before the first `##`.
    pub title: Option<String>,
    /// Its url_name: made from the chapter's path and the heading's id (or its place), so that
    /// an export made again names it the same.
    pub url_name: String,
    /// The heading ids in the unit, which links to them reach it by.
    pub anchors: Vec<String>,
    pub parts: Vec<Part<'a>>,
}

/// A run of the chapter's text, or one of its blocks (by its index in the chapter's parse).
#[derive(Debug)]
pub enum Part<'a> {
    Text(Vec<Event<'a>>),
    Block(usize),
}

/// A chapter's units, and its footnotes' definitions by label (each goes with the text that
/// refers to it).
#[derive(Debug)]
pub struct ChapterDraft<'a> {
    pub path: PathBuf,
    pub url_name: String,
    pub units: Vec<UnitDraft<'a>>,
    pub footnotes: HashMap<String, Vec<Event<'a>>>,
}

/// What marks a block's place in the chapter's text; `N` is its index in the chapter's parse.
const MARKER_START: &str = "<!--olx-block-";

/// The chapter's Markdown with each block replaced by a marker of its own and its opening
/// heading left out (the unit's name says it).
pub fn marked_source(content: &str, parsed: &ParsedChapter) -> String {
    let mut replacements: Vec<(std::ops::Range<usize>, String)> = parsed
        .blocks
        .iter()
        .enumerate()
        .map(|(n, block)| (block.span.clone(), format!("\n\n{MARKER_START}{n}-->\n\n")))
        .collect();
    if let Some(end) = parsed.first_heading_end {
        replacements.push((0..end, String::new()));
    }
    splice(content, replacements)
}

/// `text` as a url_name: ASCII letters, digits, `-` and `_`.
pub fn url_name(text: &str) -> String {
    let name: String = text
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
            _ => '-',
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() { "x".into() } else { name }
}

/// A chapter's url_name, from its path in `src/`: `part/two.md` is `part_two`.
pub fn chapter_url_name(path: &Path) -> String {
    let without = path.with_extension("");
    let parts: Vec<String> = without
        .components()
        .map(|c| url_name(&c.as_os_str().to_string_lossy()))
        .collect();
    parts.join("_")
}

/// Cuts `marked` (see [`marked_source`]) into units.
pub fn draft_chapter<'a>(path: &Path, marked: &'a str) -> ChapterDraft<'a> {
    let chapter = chapter_url_name(path);
    let mut draft = ChapterDraft {
        path: path.to_path_buf(),
        url_name: chapter.clone(),
        units: vec![new_unit(None, format!("{chapter}_intro"))],
        footnotes: HashMap::new(),
    };
    let mut depth = 0usize;
    let mut footnote: Option<(String, Vec<Event<'a>>)> = None;
    let mut heading: Option<String> = None;
    let mut ordinal = 1;
    for event in without_marker_blocks(Parser::new_ext(marked, crate::parse::markdown_options())) {
        match &event {
            Event::Start(Tag::FootnoteDefinition(label)) if depth == 0 => {
                footnote = Some((label.to_string(), Vec::new()));
                depth += 1;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) if depth == 1 && footnote.is_some() => {
                if let Some((label, events)) = footnote.take() {
                    draft.footnotes.insert(label, events);
                }
                depth -= 1;
                continue;
            }
            _ => {}
        }
        if let Some((_, events)) = &mut footnote {
            track_depth(&event, &mut depth);
            events.push(event);
            continue;
        }
        if let Some(n) = marker_index(&event).filter(|_| depth == 0) {
            current(&mut draft).parts.push(Part::Block(n));
            continue;
        }
        if let Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            ..
        }) = &event
            && depth == 0
        {
            ordinal += 1;
            let anchor = id.as_ref().map(|id| id.to_string());
            let name = match &anchor {
                Some(id) => format!("{chapter}_{}", url_name(id)),
                None => format!("{chapter}_{ordinal}"),
            };
            heading = Some(String::new());
            draft.units.push(new_unit(anchor, name));
        }
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = &event {
            current(&mut draft).anchors.push(id.to_string());
        }
        track_depth(&event, &mut depth);
        // The heading that opens a unit is its name, which Open edX shows above it.
        if let Some(title) = &mut heading {
            match &event {
                Event::Text(t) | Event::Code(t) => title.push_str(t),
                Event::End(TagEnd::Heading(HeadingLevel::H2)) if depth == 0 => {
                    current(&mut draft).title = Some(title.trim().to_string());
                    heading = None;
                }
                _ => {}
            }
            continue;
        }
        push_text(current(&mut draft), event);
    }
    // The text before the first `##` is a unit when there is any, or when there is no other.
    let first = draft.units.remove(0);
    if !first.parts.is_empty() || draft.units.is_empty() {
        draft.units.insert(0, first);
    }
    draft
}

fn new_unit<'a>(anchor: Option<String>, url_name: String) -> UnitDraft<'a> {
    UnitDraft {
        title: None,
        url_name,
        anchors: anchor.into_iter().collect(),
        parts: Vec::new(),
    }
}

fn current<'d, 'a>(draft: &'d mut ChapterDraft<'a>) -> &'d mut UnitDraft<'a> {
    let last = draft.units.len() - 1;
    &mut draft.units[last]
}

fn track_depth(event: &Event<'_>, depth: &mut usize) {
    match event {
        Event::Start(_) => *depth += 1,
        Event::End(_) => *depth = depth.saturating_sub(1),
        _ => {}
    }
}

/// Adds `event` to the unit's last text run, opening one after a block.
fn push_text<'a>(unit: &mut UnitDraft<'a>, event: Event<'a>) {
    if let Some(Part::Text(events)) = unit.parts.last_mut() {
        events.push(event);
    } else if !matches!(&event, Event::SoftBreak | Event::HardBreak)
        && !matches!(&event, Event::Text(t) if t.trim().is_empty())
    {
        unit.parts.push(Part::Text(vec![event]));
    }
}

/// The events with each marker's HTML block left out around it: the marker stands alone.
fn without_marker_blocks<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut after_marker = false;
    for event in events {
        match &event {
            Event::End(TagEnd::HtmlBlock) if after_marker => {
                after_marker = false;
                continue;
            }
            _ if marker_index(&event).is_some() => {
                if matches!(out.last(), Some(Event::Start(Tag::HtmlBlock))) {
                    out.pop();
                    after_marker = true;
                }
            }
            _ => after_marker = false,
        }
        out.push(event);
    }
    out
}

/// The block a marker event stands for.
fn marker_index(event: &Event<'_>) -> Option<usize> {
    let (Event::Html(text) | Event::InlineHtml(text)) = event else {
        return None;
    };
    text.trim()
        .strip_prefix(MARKER_START)?
        .strip_suffix("-->")?
        .parse()
        .ok()
}

/// Whether a text run holds anything to show: more than the markers' blank lines.
pub fn is_blank(events: &[Event<'_>]) -> bool {
    events.iter().all(|e| match e {
        Event::Text(t) | Event::Html(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    })
}
