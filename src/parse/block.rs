//! A block's parts from its span of the chapter: title, prompt, options and feedback, or a
//! scenario's text.

use super::scan::{ItemInfo, TopElement, TopKind};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{Block, BlockBody, BlockKind, Quiz, QuizOption, Text, Title};
use std::ops::Range;
use std::path::Path;

/// Written after an option's checkbox (`- [x] {reply} Hello…`): the option is a reply to reuse.
pub const REPLY_MARKER: &str = "{reply}";

pub(super) struct OpenBlock {
    pub(super) kind: BlockKind,
    pub(super) id: String,
    pub(super) start: usize,
    pub(super) body_start: usize,
    pub(super) line: usize,
}

/// `items` in an allocation of their size. A book's parsed chapters are all held until it is
/// rendered: a list grown step by step keeps spare room, and shrinking it in place leaves a
/// gap beside it that little else fits; a fresh allocation of the right size does neither.
pub(super) fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    if items.len() == items.capacity() {
        return items;
    }
    let mut sized = Vec::with_capacity(items.len());
    sized.append(&mut items);
    sized
}

pub(super) fn build_block(
    text: &str,
    lines: &LineIndex,
    top: &[TopElement],
    open: OpenBlock,
    close_start: usize,
    close_end: usize,
    display_path: &Path,
) -> (Option<Block>, Vec<Diagnostic>) {
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
    let mut source = BlockSource {
        text,
        lines,
        display_path,
        open: &open,
        body: body_start..close_start,
        diagnostics: Vec::new(),
    };
    let body = match open.kind {
        BlockKind::Scenario => Some(BlockBody::Scenario {
            markdown: Text::trimmed(text, body_start..close_start),
        }),
        BlockKind::ShortAnswer => source.short_answer(&inner),
        BlockKind::Quiz => source.quiz(&inner).map(BlockBody::Quiz),
        BlockKind::Reply => Some(BlockBody::Reply {
            markdown: Text::trimmed(text, body_start..close_start),
        }),
        BlockKind::ContentNote => Some(BlockBody::ContentNote {
            markdown: Text::trimmed(text, body_start..close_start),
            skip: Some(open.id.clone()).filter(|id| !id.is_empty()),
        }),
    };
    let diagnostics = source.diagnostics;
    let block = body.map(|body| Block {
        kind: open.kind,
        // A content note's argument is where it skips to, kept in its body; it has no id.
        id: if open.kind == BlockKind::ContentNote {
            String::new()
        } else {
            open.id
        },
        title,
        body,
        span: open.start..close_end,
        line: open.line,
    });
    (block, diagnostics)
}

/// One block's part of the chapter, after its title, with what is found wrong in it.
struct BlockSource<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    display_path: &'a Path,
    open: &'a OpenBlock,
    /// From after the title to the closing marker.
    body: Range<usize>,
    diagnostics: Vec<Diagnostic>,
}

impl BlockSource<'_> {
    fn slice(&self, range: Range<usize>) -> Text {
        Text::trimmed(self.text, range)
    }

    /// A typed answer: the prompt, the list of accepted answers, the explanation.
    fn short_answer(&mut self, inner: &[&TopElement]) -> Option<BlockBody> {
        let Some(list) = inner.iter().find(|e| e.kind == TopKind::List) else {
            self.diagnostics.push(
                Diagnostic::error(
                    self.display_path,
                    self.open.line,
                    format!(
                        "short-answer question `{}` has no accepted answers",
                        self.open.id
                    ),
                )
                .with_hint("list the accepted answers after the prompt, one `- answer` per line"),
            );
            return None;
        };
        let accepted = list
            .items
            .iter()
            .map(|item| {
                let item_text = self.text[item.range.clone()].trim();
                item_text
                    .trim_start_matches(['-', '*', '+'])
                    .trim()
                    .to_string()
            })
            .filter(|a| !a.is_empty())
            .collect();
        Some(BlockBody::ShortAnswer {
            prompt: self.slice(self.body.start..list.range.start),
            accepted: exact(accepted),
            explanation: self.slice(list.range.end..self.body.end),
        })
    }

    /// A question: the prompt, the options of its first task list, the explanation.
    fn quiz(&mut self, inner: &[&TopElement]) -> Option<Quiz> {
        let options_list = inner
            .iter()
            .find(|e| e.kind == TopKind::List && e.items.first().is_some_and(|i| i.task.is_some()));
        let Some(list) = options_list else {
            self.diagnostics.push(
                Diagnostic::error(self.display_path, self.open.line, format!("quiz `{}` has no options", self.open.id))
                    .with_hint("write the options as a task list, one `- [ ] option` per line, and mark the best answer `- [x]`"),
            );
            return None;
        };
        let options: Vec<QuizOption> = list
            .items
            .iter()
            .filter_map(|item| self.option(item))
            .collect();
        if !options.is_empty() && !options.iter().any(|o| o.correct) {
            self.diagnostics.push(
                Diagnostic::error(
                    self.display_path,
                    self.lines.line(list.range.start),
                    format!("quiz `{}` has no best answer", self.open.id),
                )
                .with_hint(
                    "mark the best answer `- [x]` (mark several for \"select all that apply\")",
                ),
            );
        }
        Some(Quiz {
            prompt: self.slice(self.body.start..list.range.start),
            options: exact(options),
            explanation: self.slice(list.range.end..self.body.end),
        })
    }

    /// One option: its checkbox, its text and the feedback quote that ends it, if any.
    fn option(&mut self, item: &ItemInfo) -> Option<QuizOption> {
        let item_line = self.lines.line(item.range.start);
        let Some((correct, marker)) = item.task.clone() else {
            self.diagnostics.push(
                Diagnostic::error(
                    self.display_path,
                    item_line,
                    format!("an option of quiz `{}` has no checkbox", self.open.id),
                )
                .with_hint("start every option with `- [ ]`, or `- [x]` for the best answer"),
            );
            return None;
        };
        let indent = marker.start - self.lines.line_start(marker.start);
        let skip_blanks = |at: usize| {
            at + self.text[at..]
                .find(|c: char| c != ' ' && c != '\t')
                .unwrap_or(0)
        };
        let mut content_start = skip_blanks(marker.end);
        let reply = self.text[content_start..].starts_with(REPLY_MARKER);
        if reply {
            content_start = skip_blanks(content_start + REPLY_MARKER.len());
        }
        let (body_end, quote) = match &item.last_child {
            Some((true, quote)) if quote.start > content_start => {
                (quote.start, Some(Text::new(quote.clone())))
            }
            _ => (item.range.end, None),
        };
        Some(QuizOption {
            body: Text::new(content_start..body_end.max(content_start)),
            quote,
            indent,
            correct,
            reply,
            line: item_line,
        })
    }
}
