//! Parsing: a chapter's Markdown into the block model, with byte spans and lines: one pass of
//! pulldown-cmark over the chapter (`scan`), its block markers read in order (here), each block's
//! parts (`block`).

mod block;
mod scan;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{
    Anchor, Block, BlockKind, Link, LinkTarget, ParsedChapter, Recap, RecapKind, Text,
};
pub use block::REPLY_MARKER;
use block::{OpenBlock, build_block, exact};
use pulldown_cmark::{LinkType, Options};
use scan::{ParagraphInfo, Scan, TopKind, scan};
use std::ops::Range;
use std::path::Path;

/// The Markdown extensions mdBook enables, so spans here match what mdBook renders.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// mdBook's own `{{#…}}` helpers, which its `links` preprocessor handles before this tool runs.
const MDBOOK_HELPERS: &[&str] = &["include", "rustdoc_include", "playground", "title"];

/// A block id: `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Lower-cases and joins words with `-`, giving a valid id for a suggestion.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[derive(Debug)]
enum Marker {
    Open { kind: String, arg: String },
    Close { kind: String },
}

/// A block as Markdown: `{{#KIND ID}}`, `body`, `{{/KIND}}`, each in a paragraph of its own.
/// The importer and the quiz-file expansion write blocks with it.
pub fn block_markdown(kind: &str, id: &str, body: &str) -> String {
    format!("{{{{#{kind} {id}}}}}\n\n{body}\n\n{{{{/{kind}}}}}")
}

/// Whether a line is a block marker (`{{#KIND …}}` or `{{/KIND}}`), which is structure, not text.
pub fn is_marker_line(line: &str) -> bool {
    parse_marker(line.trim()).is_some()
}

/// The marker a trimmed line opens with when text follows it on the line (`{{#scenario x}} Story`):
/// such a line would otherwise reach the page as text. mdBook's own helpers may have text after.
fn marker_with_text(line: &str) -> Option<String> {
    if !line.starts_with("{{#") && !line.starts_with("{{/") {
        return None;
    }
    let end = line.find("}}")? + 2;
    if end == line.len() {
        return None;
    }
    match parse_marker(&line[..end])? {
        Marker::Open { kind, .. } | Marker::Close { kind }
            if MDBOOK_HELPERS.contains(&kind.as_str()) =>
        {
            None
        }
        _ => Some(line[..end].to_string()),
    }
}

/// Reads `{{#KIND ARG}}` or `{{/KIND}}` from a trimmed line.
fn parse_marker(line: &str) -> Option<Marker> {
    let inner = line.strip_prefix("{{")?.strip_suffix("}}")?;
    if let Some(rest) = inner.strip_prefix('#') {
        let (kind, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if kind.is_empty()
            || !kind
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        return Some(Marker::Open {
            kind: kind.to_string(),
            arg: arg.trim().to_string(),
        });
    }
    let kind = inner.strip_prefix('/')?.trim();
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some(Marker::Close {
        kind: kind.to_string(),
    })
}

/// Parses one chapter. `path` is relative to the book's `src/`, `display_path` to the book root.
pub fn parse_chapter(
    path: &Path,
    display_path: &Path,
    text: &str,
) -> (ParsedChapter, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let scan = scan(text);
    let mut diagnostics = Vec::new();
    let mut chapter = ParsedChapter {
        path: path.to_path_buf(),
        display_path: display_path.to_path_buf(),
        links: Vec::with_capacity(scan.links.len()),
        anchors: Vec::with_capacity(scan.anchors.len()),
        ..ParsedChapter::default()
    };
    let error = |offset: usize, message: String| {
        Diagnostic::error(display_path, lines.line(offset), message)
    };

    chapter.first_heading_end = scan
        .top
        .first()
        .filter(|e| e.kind == TopKind::Heading)
        .map(|e| e.range.start + text[e.range.clone()].trim_end().len());

    for (id, level, text_, start) in &scan.anchors {
        chapter.anchors.push(Anchor {
            id: id.clone(),
            level: *level,
            text: text_.trim().to_string(),
            line: lines.line(*start),
        });
    }

    for (target, id, range, text_range, link_type) in &scan.links {
        let link_text = match (link_type, text_range) {
            (LinkType::Autolink | LinkType::Email, _) | (_, None) => Text::default(),
            (_, Some(r)) => Text::new(r.clone()),
        };
        if link_text.get(text).trim().is_empty() {
            let scheme = match target {
                LinkTarget::Glossary => "glossary",
                LinkTarget::Section => "section",
            };
            diagnostics.push(
                error(range.start, format!("link to `{id}` has no text")).with_hint(format!(
                    "write the words readers see, e.g. `[text]({scheme}:{id})`"
                )),
            );
        }
        chapter.links.push(Link {
            target: *target,
            id: id.clone(),
            text: link_text,
            span: range.clone(),
            line: lines.line(range.start),
        });
    }

    let mut markers = Markers {
        text,
        lines: &lines,
        scan: &scan,
        display_path,
        open: None,
        blocks: Vec::new(),
        recaps: Vec::new(),
        diagnostics,
    };
    for paragraph in &scan.paragraphs {
        markers.paragraph(paragraph);
    }
    let (blocks, recaps, mut diagnostics) = markers.finish();
    let top = chapter.first_heading_end.unwrap_or(0);
    for note in blocks.iter().filter(|b| b.kind == BlockKind::ContentNote) {
        if text
            .get(top..note.span.start)
            .is_none_or(|before| !before.trim().is_empty())
        {
            diagnostics.push(
                Diagnostic::error(display_path, note.line, "a content note must come first in its chapter, before any text")
                    .with_hint("move `{{#content-note}}` … `{{/content-note}}` up, right under the chapter's title"),
            );
        }
    }
    chapter.blocks = exact(blocks);
    chapter.recaps = exact(recaps);
    (chapter, diagnostics)
}

/// The block markers of a chapter, read paragraph by paragraph: blocks and recaps built, every
/// misplaced or mismatched marker said.
struct Markers<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    scan: &'a Scan,
    display_path: &'a Path,
    open: Option<OpenBlock>,
    blocks: Vec<Block>,
    recaps: Vec<Recap>,
    diagnostics: Vec<Diagnostic>,
}

impl Markers<'_> {
    fn error(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::error(self.display_path, self.lines.line(offset), message)
    }

    /// Block markers: alone in a top-level paragraph, or an error saying how to fix them.
    fn paragraph(&mut self, paragraph: &ParagraphInfo) {
        let mut offset = paragraph.range.start;
        for line in self.text[paragraph.range.clone()].split_inclusive('\n') {
            if let Some(shown) = marker_with_text(line.trim()) {
                self.diagnostics.push(
                self.error(offset, format!("the block marker `{shown}` has text after it on its line"))
                    .with_hint("put the marker on a line of its own, with a blank line before and after it, and the text below"),
            );
            }
            offset += line.len();
        }
        let source = self.text[paragraph.range.clone()].trim();
        let marker_lines: Vec<(usize, Marker)> = source
            .lines()
            .enumerate()
            .filter_map(|(i, l)| parse_marker(l.trim()).map(|m| (i, m)))
            .filter(|(_, m)| match m {
                Marker::Open { kind, .. } | Marker::Close { kind } => {
                    !MDBOOK_HELPERS.contains(&kind.as_str())
                }
            })
            .collect();
        if marker_lines.is_empty() {
            return;
        }
        let alone = source.lines().count() == 1;
        if !paragraph.top_level || !alone {
            let (offset_line, marker) = &marker_lines[0];
            let offset = self.text[paragraph.range.clone()]
                .lines()
                .take(*offset_line)
                .map(|l| l.len() + 1)
                .sum::<usize>()
                + paragraph.range.start;
            let shown = match marker {
                Marker::Open { kind, arg } => format!("{{{{#{kind} {arg}}}}}"),
                Marker::Close { kind } => format!("{{{{/{kind}}}}}"),
            };
            let why = if paragraph.top_level {
                "is not alone in its paragraph"
            } else {
                "is inside a list, quote or other block"
            };
            self.diagnostics.push(self.error(offset, format!("the block marker `{shown}` {why}")).with_hint(
            "put each `{{#…}}` and `{{/…}}` line at the start of a line, with a blank line before and after it",
        ));
            return;
        }
        let start = paragraph.range.start;
        let end = start + self.text[paragraph.range.clone()].trim_end().len();
        match &marker_lines[0].1 {
            Marker::Open { kind, arg } if RecapKind::from_name(kind).is_some() => {
                self.recap(kind, arg, start..end)
            }
            Marker::Open { kind, arg } => self.open_block(kind, arg, start, end),
            Marker::Close { kind } => self.close_block(kind, start, end),
        }
    }

    fn recap(&mut self, kind: &str, arg: &str, span: Range<usize>) {
        let (start, end) = (span.start, span.end);
        if let Some(outer) = &self.open {
            self.diagnostics.push(
                self.error(
                    start,
                    format!(
                        "`{{{{#{kind}}}}}` cannot stand inside `{{{{#{} {}}}}}` opened at line {}",
                        outer.kind.name(),
                        outer.id,
                        outer.line
                    ),
                )
                .with_hint(format!(
                    "close the block with `{{{{/{}}}}}` first",
                    outer.kind.name()
                )),
            );
        } else if !arg.is_empty() {
            self.diagnostics.push(
                self.error(start, format!("`{{{{#{kind} {arg}}}}}` takes no argument"))
                    .with_hint(format!("write `{{{{#{kind}}}}}` alone on its line")),
            );
        } else if let Some(recap) = RecapKind::from_name(kind) {
            self.recaps.push(Recap {
                kind: recap,
                span: start..end,
                line: self.lines.line(start),
            });
        }
    }

    fn open_block(&mut self, kind: &str, arg: &str, start: usize, end: usize) {
        let Some(block_kind) = BlockKind::from_name(kind) else {
            self.diagnostics.push(
                self.error(start, format!("unknown block kind `{kind}` in `{{{{#{kind} {arg}}}}}`"))
                    .with_hint("write `{{#quiz ID}}` for a \"Test yourself!\" question, `{{#short-answer ID}}` for a typed answer, `{{#scenario ID}}` for a \"What would you do?\" scenario, `{{#reply ID}}` for a reply to reuse, `{{#content-note}}` before a chapter's text, or `{{#progress}}` / `{{#notes}}` / `{{#replies}}` for the reader's pages"),
            );
            return;
        };
        if let Some(outer) = &self.open {
            self.diagnostics.push(
                self.error(
                    start,
                    format!(
                        "blocks do not nest: `{{{{#{kind} {arg}}}}}` starts inside `{{{{#{} {}}}}}` opened at line {}",
                        outer.kind.name(),
                        outer.id,
                        outer.line
                    ),
                )
                .with_hint(format!(
                    "close the first block with `{{{{/{}}}}}` before starting another",
                    outer.kind.name()
                )),
            );
            return;
        }
        if block_kind == BlockKind::Quiz && arg.ends_with(".toml") {
            // Quiz files are expanded before parsing; one left here could not be read.
            self.diagnostics.push(
                self.error(start, format!("the quiz file `{arg}` was not included"))
                    .with_hint("check that the file exists, relative to this chapter"),
            );
            return;
        }
        let arg = if block_kind == BlockKind::ContentNote {
            self.skip_target(arg, start)
        } else {
            arg
        };
        if arg.is_empty() && block_kind == BlockKind::ContentNote {
            // A content note needs no id.
        } else if arg.is_empty() {
            self.diagnostics.push(
                self.error(start, format!("`{{{{#{kind}}}}}` has no ID"))
                    .with_hint(format!(
                        "give it an id made of a-z, 0-9 and `-`, e.g. `{{{{#{kind} my-{kind}}}}}`"
                    )),
            );
        } else if !is_valid_id(arg) {
            let suggestion = slugify(arg);
            let example = if suggestion.is_empty() {
                format!("my-{kind}")
            } else {
                suggestion
            };
            self.diagnostics.push(
                self.error(start, format!("`{arg}` is not a valid block ID"))
                    .with_hint(format!("an ID is a-z, 0-9 and `-`, starting with a letter or digit, e.g. `{{{{#{kind} {example}}}}}`")),
            );
        }
        self.open = Some(OpenBlock {
            kind: block_kind,
            id: arg.to_string(),
            start,
            body_start: end,
            line: self.lines.line(start),
        });
    }

    /// A content note's argument: nothing, or `skip=HEADING-ID`; the heading id is returned.
    fn skip_target<'t>(&mut self, arg: &'t str, start: usize) -> &'t str {
        match arg.strip_prefix("skip=") {
            _ if arg.is_empty() => arg,
            Some(id) => id.trim(),
            None => {
                self.diagnostics.push(
                    self.error(start, format!("`{{{{#content-note {arg}}}}}` is not `skip=HEADING-ID`"))
                        .with_hint("write `{{#content-note}}`, or `{{#content-note skip=ID}}` with the `{#ID}` of the heading readers may skip to"),
                );
                ""
            }
        }
    }

    fn close_block(&mut self, kind: &str, start: usize, end: usize) {
        let Some(current) = self.open.take() else {
            self.diagnostics.push(
                self.error(
                    start,
                    format!("`{{{{/{kind}}}}}` closes a block that was never opened"),
                )
                .with_hint(format!(
                    "add `{{{{#{kind} ID}}}}` where the block starts, or remove this line"
                )),
            );
            return;
        };
        if current.kind.name() != kind {
            self.diagnostics.push(
                self.error(
                    start,
                    format!(
                        "`{{{{/{kind}}}}}` closes `{{{{#{} {}}}}}` opened at line {}",
                        current.kind.name(),
                        current.id,
                        current.line
                    ),
                )
                .with_hint(format!("write `{{{{/{}}}}}`", current.kind.name())),
            );
            return;
        }
        let (block, mut problems) = build_block(
            self.text,
            self.lines,
            &self.scan.top,
            current,
            start,
            end,
            self.display_path,
        );
        self.diagnostics.append(&mut problems);
        if let Some(block) = block {
            self.blocks.push(block);
        }
    }

    /// The blocks and recaps found, with the problems, a block never closed among them.
    fn finish(mut self) -> (Vec<Block>, Vec<Recap>, Vec<Diagnostic>) {
        if let Some(current) = self.open.take() {
            self.diagnostics.push(
            Diagnostic::error(
                self.display_path,
                current.line,
                format!(
                    "`{{{{#{} {}}}}}` is never closed",
                    current.kind.name(),
                    current.id
                ),
            )
            .with_hint(format!(
                "end the block with a line `{{{{/{}}}}}`, with a blank line before and after it",
                current.kind.name()
            )),
        );
        }
        (self.blocks, self.recaps, self.diagnostics)
    }
}

#[cfg(test)]
mod tests;
