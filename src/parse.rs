//! Parsing: a chapter's Markdown into the block model, with byte spans and lines.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{
    Anchor, Block, BlockBody, BlockKind, Link, LinkTarget, ParsedChapter, Quiz, QuizOption, Recap,
    RecapKind, Text, Title,
};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
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

#[derive(Debug, Clone, PartialEq)]
enum TopKind {
    Paragraph,
    Heading,
    List,
    Other,
}

#[derive(Debug, Clone, Default)]
struct ItemInfo {
    range: Range<usize>,
    task: Option<(bool, Range<usize>)>,
    last_child: Option<(bool, Range<usize>)>,
}

#[derive(Debug, Clone)]
struct TopElement {
    kind: TopKind,
    range: Range<usize>,
    heading_text: String,
    items: Vec<ItemInfo>,
}

#[derive(Debug)]
struct ParagraphInfo {
    range: Range<usize>,
    top_level: bool,
}

struct OpenLink {
    target: LinkTarget,
    id: String,
    link_type: LinkType,
    start: usize,
    text: Option<Range<usize>>,
}

/// A `glossary:` or `section:` link: target, id, span, span of its text, and its Markdown form.
type ScannedLink = (
    LinkTarget,
    String,
    Range<usize>,
    Option<Range<usize>>,
    LinkType,
);

struct Scan {
    top: Vec<TopElement>,
    paragraphs: Vec<ParagraphInfo>,
    links: Vec<ScannedLink>,
    anchors: Vec<(String, u8, String, usize)>,
}

fn scan(text: &str) -> Scan {
    let mut out = Scan {
        top: Vec::new(),
        paragraphs: Vec::new(),
        links: Vec::new(),
        anchors: Vec::new(),
    };
    let mut depth = 0usize;
    let mut current: Option<TopElement> = None;
    let mut paragraph_starts: Vec<(usize, bool)> = Vec::new();
    let mut open_links: Vec<OpenLink> = Vec::new();
    let mut heading: Option<(Option<String>, u8, String, usize)> = None;

    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        for link in open_links.iter_mut() {
            let own_end = matches!(event, Event::End(TagEnd::Link)) && range.start == link.start;
            if !own_end {
                let r = link.text.get_or_insert(range.clone());
                r.start = r.start.min(range.start);
                r.end = r.end.max(range.end);
            }
        }
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Paragraph => TopKind::Paragraph,
                        Tag::Heading { .. } => TopKind::Heading,
                        Tag::List(_) => TopKind::List,
                        _ => TopKind::Other,
                    };
                    current = Some(TopElement {
                        kind,
                        range: range.clone(),
                        heading_text: String::new(),
                        items: Vec::new(),
                    });
                }
                if let Some(top) = current.as_mut().filter(|t| t.kind == TopKind::List) {
                    if depth == 1 && matches!(tag, Tag::Item) {
                        top.items.push(ItemInfo {
                            range: range.clone(),
                            ..ItemInfo::default()
                        });
                    } else if depth == 2
                        && let Some(item) = top.items.last_mut()
                    {
                        item.last_child = Some((matches!(tag, Tag::BlockQuote(_)), range.clone()));
                    }
                }
                match tag {
                    Tag::Paragraph => paragraph_starts.push((range.start, depth == 0)),
                    Tag::Heading { level, id, .. } => {
                        heading = Some((
                            id.as_ref().map(|id| id.to_string()),
                            *level as u8,
                            String::new(),
                            range.start,
                        ));
                    }
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        let target = if let Some(id) = dest_url.strip_prefix("glossary:") {
                            Some((LinkTarget::Glossary, id))
                        } else {
                            dest_url
                                .strip_prefix("section:")
                                .map(|id| (LinkTarget::Section, id))
                        };
                        if let Some((target, id)) = target {
                            open_links.push(OpenLink {
                                target,
                                id: id.to_string(),
                                link_type: *link_type,
                                start: range.start,
                                text: None,
                            });
                        }
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(tag_end) => {
                depth = depth.saturating_sub(1);
                match tag_end {
                    TagEnd::Paragraph => {
                        if let Some((start, top_level)) = paragraph_starts.pop() {
                            out.paragraphs.push(ParagraphInfo {
                                range: start..range.end,
                                top_level,
                            });
                        }
                    }
                    TagEnd::Heading(_) => {
                        if let Some((id, level, text, start)) = heading.take() {
                            if let Some(top) = current.as_mut().filter(|_| depth == 0) {
                                top.heading_text = text.clone();
                            }
                            if let Some(id) = id {
                                out.anchors.push((id, level, text, start));
                            }
                        }
                    }
                    TagEnd::Link => {
                        if open_links.last().is_some_and(|l| l.start == range.start)
                            && let Some(link) = open_links.pop()
                        {
                            out.links.push((
                                link.target,
                                link.id,
                                range.clone(),
                                link.text,
                                link.link_type,
                            ));
                        }
                    }
                    _ => {}
                }
                if depth == 0
                    && let Some(mut top) = current.take()
                {
                    top.range = range.clone();
                    out.top.push(top);
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = current
                    .as_mut()
                    .filter(|t| t.kind == TopKind::List)
                    .and_then(|t| t.items.last_mut())
                    .filter(|i| i.task.is_none())
                {
                    item.task = Some((*checked, range.clone()));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.2.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.2.push(' ');
                }
            }
            _ => {
                if depth == 0 {
                    out.top.push(TopElement {
                        kind: TopKind::Other,
                        range: range.clone(),
                        heading_text: String::new(),
                        items: Vec::new(),
                    });
                }
            }
        }
    }
    out.paragraphs.sort_by_key(|p| p.range.start);
    out
}

struct OpenBlock {
    kind: BlockKind,
    id: String,
    start: usize,
    body_start: usize,
    line: usize,
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

    // Block markers: alone in a top-level paragraph, or an error saying how to fix them.
    let mut open: Option<OpenBlock> = None;
    for paragraph in &scan.paragraphs {
        let mut offset = paragraph.range.start;
        for line in text[paragraph.range.clone()].split_inclusive('\n') {
            if let Some(shown) = marker_with_text(line.trim()) {
                diagnostics.push(
                    error(offset, format!("the block marker `{shown}` has text after it on its line"))
                        .with_hint("put the marker on a line of its own, with a blank line before and after it, and the text below"),
                );
            }
            offset += line.len();
        }
        let source = text[paragraph.range.clone()].trim();
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
            continue;
        }
        let alone = source.lines().count() == 1;
        if !paragraph.top_level || !alone {
            let (offset_line, marker) = &marker_lines[0];
            let offset = text[paragraph.range.clone()]
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
            diagnostics.push(error(offset, format!("the block marker `{shown}` {why}")).with_hint(
                "put each `{{#…}}` and `{{/…}}` line at the start of a line, with a blank line before and after it",
            ));
            continue;
        }
        let start = paragraph.range.start;
        let end = start + text[paragraph.range.clone()].trim_end().len();
        match &marker_lines[0].1 {
            Marker::Open { kind, arg } if RecapKind::from_name(kind).is_some() => {
                if let Some(outer) = &open {
                    diagnostics.push(
                        error(start, format!("`{{{{#{kind}}}}}` cannot stand inside `{{{{#{} {}}}}}` opened at line {}", outer.kind.name(), outer.id, outer.line))
                            .with_hint(format!("close the block with `{{{{/{}}}}}` first", outer.kind.name())),
                    );
                } else if !arg.is_empty() {
                    diagnostics.push(
                        error(start, format!("`{{{{#{kind} {arg}}}}}` takes no argument"))
                            .with_hint(format!("write `{{{{#{kind}}}}}` alone on its line")),
                    );
                } else if let Some(recap) = RecapKind::from_name(kind) {
                    chapter.recaps.push(Recap {
                        kind: recap,
                        span: start..end,
                        line: lines.line(start),
                    });
                }
            }
            Marker::Open { kind, arg } => {
                let Some(block_kind) = BlockKind::from_name(kind) else {
                    diagnostics.push(
                        error(start, format!("unknown block kind `{kind}` in `{{{{#{kind} {arg}}}}}`"))
                            .with_hint("write `{{#quiz ID}}` for a \"Test yourself!\" question, `{{#short-answer ID}}` for a typed answer, `{{#scenario ID}}` for a \"What would you do?\" scenario, or `{{#progress}}` / `{{#notes}}` for the reader's recap pages"),
                    );
                    continue;
                };
                if let Some(outer) = &open {
                    diagnostics.push(
                        error(
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
                    continue;
                }
                if block_kind == BlockKind::Quiz && arg.ends_with(".toml") {
                    // Quiz files are expanded before parsing; one left here could not be read.
                    diagnostics.push(
                        error(start, format!("the quiz file `{arg}` was not included"))
                            .with_hint("check that the file exists, relative to this chapter"),
                    );
                    continue;
                }
                if arg.is_empty() {
                    diagnostics.push(error(start, format!("`{{{{#{kind}}}}}` has no ID")).with_hint(
                        format!("give it an id made of a-z, 0-9 and `-`, e.g. `{{{{#{kind} my-{kind}}}}}`"),
                    ));
                } else if !is_valid_id(arg) {
                    let suggestion = slugify(arg);
                    let example = if suggestion.is_empty() {
                        format!("my-{kind}")
                    } else {
                        suggestion
                    };
                    diagnostics.push(
                        error(start, format!("`{arg}` is not a valid block ID"))
                            .with_hint(format!("an ID is a-z, 0-9 and `-`, starting with a letter or digit, e.g. `{{{{#{kind} {example}}}}}`")),
                    );
                }
                open = Some(OpenBlock {
                    kind: block_kind,
                    id: arg.clone(),
                    start,
                    body_start: end,
                    line: lines.line(start),
                });
            }
            Marker::Close { kind } => {
                let Some(current) = open.take() else {
                    diagnostics.push(
                        error(
                            start,
                            format!("`{{{{/{kind}}}}}` closes a block that was never opened"),
                        )
                        .with_hint(format!(
                            "add `{{{{#{kind} ID}}}}` where the block starts, or remove this line"
                        )),
                    );
                    continue;
                };
                if current.kind.name() != kind {
                    diagnostics.push(
                        error(
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
                    continue;
                }
                let (block, mut problems) =
                    build_block(text, &lines, &scan.top, current, start, end, display_path);
                diagnostics.append(&mut problems);
                if let Some(block) = block {
                    chapter.blocks.push(block);
                }
            }
        }
    }
    if let Some(current) = open {
        diagnostics.push(
            Diagnostic::error(
                display_path,
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
    chapter.blocks = exact(chapter.blocks);
    chapter.recaps = exact(chapter.recaps);
    (chapter, diagnostics)
}

/// `items` in an allocation of their size. A book's parsed chapters are all held until it is
/// rendered: a list grown step by step keeps spare room, and shrinking it in place leaves a
/// gap beside it that little else fits; a fresh allocation of the right size does neither.
fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    if items.len() == items.capacity() {
        return items;
    }
    let mut sized = Vec::with_capacity(items.len());
    sized.append(&mut items);
    sized
}

fn build_block(
    text: &str,
    lines: &LineIndex,
    top: &[TopElement],
    open: OpenBlock,
    close_start: usize,
    close_end: usize,
    display_path: &Path,
) -> (Option<Block>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let inner: Vec<&TopElement> = top
        .iter()
        .filter(|e| e.range.start >= open.body_start && e.range.end <= close_start)
        .collect();
    let mut body_start = open.body_start;
    let title = match inner.first() {
        Some(first) if first.kind == TopKind::Heading => {
            body_start = first.range.end;
            Some(Title {
                markdown: Text::trimmed(text, first.range.clone()),
                text: first.heading_text.trim().to_string(),
            })
        }
        _ => None,
    };
    let slice = |r: Range<usize>| Text::trimmed(text, r);
    let body = match open.kind {
        BlockKind::Scenario => BlockBody::Scenario {
            markdown: slice(body_start..close_start),
        },
        BlockKind::ShortAnswer => {
            let Some(list) = inner.iter().find(|e| e.kind == TopKind::List) else {
                diagnostics.push(
                    Diagnostic::error(
                        display_path,
                        open.line,
                        format!(
                            "short-answer question `{}` has no accepted answers",
                            open.id
                        ),
                    )
                    .with_hint(
                        "list the accepted answers after the prompt, one `- answer` per line",
                    ),
                );
                return (None, diagnostics);
            };
            let accepted = list
                .items
                .iter()
                .map(|item| {
                    let item_text = text[item.range.clone()].trim();
                    item_text
                        .trim_start_matches(['-', '*', '+'])
                        .trim()
                        .to_string()
                })
                .filter(|a| !a.is_empty())
                .collect();
            let accepted = exact(accepted);
            BlockBody::ShortAnswer {
                prompt: slice(body_start..list.range.start),
                accepted,
                explanation: slice(list.range.end..close_start),
            }
        }
        BlockKind::Quiz => {
            let options_list = inner.iter().find(|e| {
                e.kind == TopKind::List && e.items.first().is_some_and(|i| i.task.is_some())
            });
            let Some(list) = options_list else {
                diagnostics.push(
                    Diagnostic::error(display_path, open.line, format!("quiz `{}` has no options", open.id))
                        .with_hint("write the options as a task list, one `- [ ] option` per line, and mark the best answer `- [x]`"),
                );
                return (None, diagnostics);
            };
            let mut options = Vec::new();
            for item in &list.items {
                let item_line = lines.line(item.range.start);
                let Some((correct, marker)) = item.task.clone() else {
                    diagnostics.push(
                        Diagnostic::error(
                            display_path,
                            item_line,
                            format!("an option of quiz `{}` has no checkbox", open.id),
                        )
                        .with_hint(
                            "start every option with `- [ ]`, or `- [x]` for the best answer",
                        ),
                    );
                    continue;
                };
                let indent = marker.start - lines.line_start(marker.start);
                let content_start = marker.end
                    + text[marker.end..]
                        .find(|c: char| c != ' ' && c != '\t')
                        .unwrap_or(0);
                let (body_end, quote) = match &item.last_child {
                    Some((true, quote)) if quote.start > content_start => {
                        (quote.start, Some(Text::new(quote.clone())))
                    }
                    _ => (item.range.end, None),
                };
                options.push(QuizOption {
                    body: Text::new(content_start..body_end.max(content_start)),
                    quote,
                    indent,
                    correct,
                    line: item_line,
                });
            }
            if !options.is_empty() && !options.iter().any(|o| o.correct) {
                diagnostics.push(
                    Diagnostic::error(
                        display_path,
                        lines.line(list.range.start),
                        format!("quiz `{}` has no best answer", open.id),
                    )
                    .with_hint(
                        "mark the best answer `- [x]` (mark several for \"select all that apply\")",
                    ),
                );
            }
            BlockBody::Quiz(Quiz {
                prompt: slice(body_start..list.range.start),
                options: exact(options),
                explanation: slice(list.range.end..close_start),
            })
        }
    };
    let block = Block {
        kind: open.kind,
        id: open.id,
        title,
        body,
        span: open.start..close_end,
        line: open.line,
    };
    (Some(block), diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (ParsedChapter, Vec<Diagnostic>) {
        parse_chapter(Path::new("a.md"), Path::new("src/a.md"), text)
    }

    const QUIZ: &str = "# Chapter {#chapter}\n\nIntro.\n\n{{#quiz good-reply}}\n\n### Writing a good reply\n\nShould you write:\n\n- [ ] First\n- [x] Second,\n  on two lines\n\n  > Right: it is kind.\n- [ ] Third\n\nB) is best.\n\n{{/quiz}}\n\nAfter.\n";

    #[test]
    fn quiz_parts() {
        let (chapter, diags) = parse(QUIZ);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(chapter.blocks.len(), 1);
        let block = &chapter.blocks[0];
        assert_eq!(block.id, "good-reply");
        assert_eq!(block.line, 5);
        assert_eq!(block.title.as_ref().unwrap().text, "Writing a good reply");
        assert_eq!(
            &QUIZ[block.span.clone()],
            &QUIZ[QUIZ.find("{{#quiz").unwrap()..QUIZ.find("\n\nAfter").unwrap()]
        );
        let BlockBody::Quiz(quiz) = &block.body else {
            panic!()
        };
        assert_eq!(quiz.prompt.get(QUIZ), "Should you write:");
        let texts: Vec<_> = quiz.options.iter().map(|o| o.markdown(QUIZ)).collect();
        assert_eq!(texts, ["First", "Second,\non two lines", "Third"]);
        assert_eq!(
            quiz.options[1].feedback(QUIZ).as_deref(),
            Some("Right: it is kind.")
        );
        assert!(quiz.options[1].correct && !quiz.options[0].correct);
        assert_eq!(quiz.explanation.get(QUIZ), "B) is best.");
        // An option on one line is its span of the chapter, one on several is de-indented.
        assert!(matches!(
            quiz.options[0].markdown(QUIZ),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            quiz.options[1].markdown(QUIZ),
            std::borrow::Cow::Owned(_)
        ));
        assert_eq!(chapter.anchors[0].id, "chapter");
    }

    #[test]
    fn links_keep_their_text() {
        let text = "See [the *glossary*](glossary:revdel) and [H8](section:h8-doxxing).\n";
        let (chapter, _) = parse(text);
        assert_eq!(chapter.links.len(), 2);
        assert_eq!(chapter.links[0].text.get(text), "the *glossary*");
        assert_eq!(chapter.links[0].id, "revdel");
        assert_eq!(chapter.links[1].target, LinkTarget::Section);
    }

    #[test]
    fn structural_errors_have_lines() {
        let (_, diags) = parse(
            "{{#quiz a}}\n\n- [ ] x\n\n{{#scenario b}}\n\n{{/quiz}}\n\n{{/scenario}}\n\n{{#poll c}}\n\n{{#quiz Bad_Id}}\n",
        );
        let lines: Vec<_> = diags.iter().map(|d| (d.line, d.message.clone())).collect();
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("no best answer")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 5 && m.contains("do not nest")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 9 && m.contains("never opened")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 11 && m.contains("unknown block kind")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 13 && m.contains("not a valid block ID")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 13 && m.contains("never closed")),
            "{lines:?}"
        );
    }

    #[test]
    fn marker_must_be_alone() {
        let (_, diags) = parse("Text\n{{#quiz a}}\n\n- [x] y\n\n{{/quiz}}\n");
        assert!(
            diags
                .iter()
                .any(|d| d.line == 2 && d.message.contains("not alone")),
            "{diags:?}"
        );
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("a-1"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("A"));
        assert_eq!(
            slugify("What counts as 'actionable'?"),
            "what-counts-as-actionable"
        );
    }
}
