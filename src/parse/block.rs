//! A block's parts from its span of the chapter: title, prompt, options and feedback, or a
//! scenario's text.

use super::scan::{TopElement, TopKind};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{Block, BlockBody, BlockKind, Quiz, QuizOption, Text, Title};
use std::ops::Range;
use std::path::Path;

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
