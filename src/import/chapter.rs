//! The second stage of an import: a chapter's lines as Markdown blocks (headings, lists,
//! questions, scenarios), with glossary terms linked and footnotes collected.

use super::lines::*;
use crate::diagnostic::Diagnostic;
use crate::model::GlossaryTerm;
use crate::parse::slugify;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A glossary term as the importer matches it in running text.
pub(super) struct TermMatcher {
    pub(super) id: String,
    /// Lower-cased names, longest first.
    pub(super) names: Vec<String>,
}

/// What the importer tracks while it writes one chapter.
pub(super) struct ChapterState<'a> {
    pub(super) terms: &'a [TermMatcher],
    pub(super) linked_terms: HashSet<String>,
    pub(super) footnotes: Vec<usize>,
}

pub(super) struct Importer<'a> {
    pub(super) display: &'a Path,
    pub(super) lines: Vec<(usize, Line<'a>)>,
    pub(super) section_ids: BTreeMap<u32, String>,
    pub(super) footnotes: Vec<String>,
    pub(super) known_terms: Vec<GlossaryTerm>,
    pub(super) stubs: Vec<(String, String)>,
    pub(super) block_ids: HashSet<String>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) quizzes: usize,
    pub(super) scenarios: usize,
}

impl<'a> Importer<'a> {
    pub(super) fn warn(
        &mut self,
        line: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.warnings
            .push(Diagnostic::warning(self.display, line, message).with_hint(hint));
    }

    pub(super) fn unique_block_id(&mut self, title: &str, kind: &str) -> String {
        let base = match slugify(title) {
            s if s.is_empty() => kind.to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.block_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    pub(super) fn glossary_id(&mut self, term: &str) -> String {
        let lower = term.to_lowercase();
        if let Some(known) = self.known_terms.iter().find(|t| {
            t.term.to_lowercase() == lower || t.aliases.iter().any(|a| a.to_lowercase() == lower)
        }) {
            return known.id.clone();
        }
        let id = slugify(term);
        if !self.stubs.iter().any(|(i, _)| *i == id) {
            self.stubs.push((id.clone(), term.to_string()));
        }
        id
    }

    /// Plain draft text to Markdown: footnotes, wiki links, escapes and first glossary uses.
    pub(super) fn inline(
        &mut self,
        raw: &str,
        state: &mut ChapterState<'_>,
        link_terms: bool,
        line: usize,
    ) -> String {
        let mut out = String::new();
        let mut plain = String::new();
        let mut rest = raw;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']').map(|c| c + open) else {
                break;
            };
            let inside = &rest[open + 1..close];
            let replacement = if let Ok(n) = inside.parse::<usize>() {
                (n >= 1 && n <= self.footnotes.len()).then(|| {
                    if !state.footnotes.contains(&n) {
                        state.footnotes.push(n);
                    }
                    format!("[^{n}]")
                })
            } else if let Some(term) = inside.strip_prefix("Glossarylink|") {
                let id = self.glossary_id(term.trim());
                state.linked_terms.insert(id.clone());
                Some(format!(
                    "[{}](glossary:{id})",
                    escape_markdown(term.trim(), false)
                ))
            } else if let Some(link) = inside.strip_prefix("Section link to H") {
                let (number, text) = link.split_once('|').unwrap_or((link, link));
                match number
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .and_then(|n| self.section_ids.get(&n))
                {
                    Some(id) => Some(format!(
                        "[{}](section:{id})",
                        escape_markdown(text.trim(), false)
                    )),
                    None => {
                        self.warn(
                            line,
                            format!("`[{inside}]` links to a section the draft does not have"),
                            "the text is kept without a link; add `[text](section:ID)` by hand",
                        );
                        Some(escape_markdown(text.trim(), false))
                    }
                }
            } else {
                None
            };
            match replacement {
                Some(markdown) => {
                    plain.push_str(&rest[..open]);
                    self.flush_plain(&mut out, &mut plain, state, link_terms);
                    out.push_str(&markdown);
                }
                None => plain.push_str(&rest[..=close]),
            }
            rest = &rest[close + 1..];
        }
        plain.push_str(rest);
        self.flush_plain(&mut out, &mut plain, state, link_terms);
        out
    }

    pub(super) fn flush_plain(
        &self,
        out: &mut String,
        plain: &mut String,
        state: &mut ChapterState<'_>,
        link_terms: bool,
    ) {
        let text = std::mem::take(plain);
        if text.is_empty() {
            return;
        }
        let at_start = out.is_empty();
        if !link_terms {
            out.push_str(&escape_markdown(&text, at_start));
            return;
        }
        let lower = text.to_lowercase();
        let mut written = 0;
        let mut i = 0;
        while i < text.len() {
            if !text.is_char_boundary(i)
                || (i > 0 && text[..i].chars().next_back().is_some_and(is_word_char))
            {
                i += 1;
                continue;
            }
            // The longest name that starts here wins, so "range block" beats "block".
            let found = state
                .terms
                .iter()
                .filter(|t| !state.linked_terms.contains(&t.id))
                .flat_map(|term| term.names.iter().map(move |name| (term, name)))
                .filter_map(|(term, name)| {
                    if lower.len() != text.len() || !lower[i..].starts_with(name.as_str()) {
                        return None;
                    }
                    let mut end = i + name.len();
                    if lower[end..].starts_with("es") && !lower[end + 2..].starts_with(is_word_char)
                    {
                        end += 2;
                    } else if lower[end..].starts_with('s')
                        && !lower[end + 1..].starts_with(is_word_char)
                    {
                        end += 1;
                    }
                    (!lower[end..].starts_with(is_word_char)).then(|| (term.id.clone(), end))
                })
                .max_by_key(|(_, end)| *end);
            match found {
                Some((id, end)) => {
                    out.push_str(&escape_markdown(
                        &text[written..i],
                        at_start && written == 0,
                    ));
                    out.push_str(&format!(
                        "[{}](glossary:{id})",
                        escape_markdown(&text[i..end], false)
                    ));
                    state.linked_terms.insert(id);
                    written = end;
                    i = end;
                }
                None => i += 1,
            }
        }
        out.push_str(&escape_markdown(&text[written..], at_start && written == 0));
    }

    /// Converts lines `[start, end)` into Markdown blocks.
    pub(super) fn blocks(
        &mut self,
        start: usize,
        end: usize,
        state: &mut ChapterState<'_>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let mut i = start;
        let mut blank_run = 0;
        let mut last_was_paragraph = false;
        while i < end {
            let (line_no, line) = self.lines[i].clone();
            match line {
                Line::Blank => {
                    blank_run += 1;
                    i += 1;
                    continue;
                }
                Line::Text(text) if PAGE_CHROME.contains(&text) => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let lost_heading = !out.is_empty()
                && (blank_run >= 3
                    || (blank_run == 2 && last_was_paragraph && matches!(line, Line::Text(_))));
            if lost_heading && !matches!(line, Line::Text(t) if self.is_heading(i, t)) {
                out.push(draft_note(
                    "The draft has no heading for the text that follows; one was probably lost.",
                ));
            }
            blank_run = 0;
            last_was_paragraph = false;
            match line {
                Line::Text(QUIZ_START) => {
                    let (markdown, next) = self.quiz(i, end, state);
                    out.push(markdown);
                    i = next;
                }
                Line::Text(SCENARIO_START) => {
                    let (markdown, next) = self.scenario(i, end, state);
                    out.push(markdown);
                    i = next;
                }
                Line::Text(text) if self.is_heading(i, text) => {
                    out.push(format!("## {}", escape_markdown(text, false)));
                    if self.next_content(i + 1, end).is_none_or(
                        |j| matches!(self.lines[j].1, Line::Text(t) if self.is_heading(j, t)),
                    ) {
                        out.push(draft_note("The draft has this heading but none of its content; the text or list of links under it was lost."));
                    }
                    i += 1;
                }
                Line::Bullet { .. } | Line::Numbered { .. } => {
                    let (markdown, next) = self.list(i, end, state, None);
                    out.push(markdown);
                    i = next;
                }
                Line::Text(text) | Line::Indented(text) => {
                    if is_stray_block_line(text) {
                        self.warn(
                            line_no,
                            format!(
                                "could not tell what “{text}” belongs to; it is kept as a paragraph"
                            ),
                            "check the question or scenario around it in the draft",
                        );
                    }
                    out.push(self.inline(text, state, true, line_no));
                    last_was_paragraph = true;
                    i += 1;
                }
                Line::Section { .. } | Line::Blank => i += 1,
            }
        }
        out
    }

    pub(super) fn next_content(&self, from: usize, end: usize) -> Option<usize> {
        (from..end).find(|&j| !matches!(self.lines[j].1, Line::Blank))
    }

    pub(super) fn blanks_after(&self, i: usize) -> usize {
        self.lines[i + 1..]
            .iter()
            .take_while(|(_, l)| *l == Line::Blank)
            .count()
    }

    /// A heading: a short line followed by two blank lines, or one just before a question.
    pub(super) fn is_heading(&self, i: usize, text: &str) -> bool {
        if text == QUIZ_START
            || text == SCENARIO_START
            || text.chars().count() > 120
            || text.contains("[Glossarylink|")
            || text.contains("[Section link")
        {
            return false;
        }
        // A footnote marker after a sentence's full stop does not make it a heading.
        let text = text.trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
        let blanks = self.blanks_after(i);
        let next_is_block = self.lines.get(i + 1 + blanks).is_some_and(
            |(_, l)| matches!(l, Line::Text(t) if *t == QUIZ_START || *t == SCENARIO_START),
        );
        (blanks >= 2 && !text.ends_with('.'))
            || (blanks == 1 && next_is_block && !text.ends_with(['.', ':']))
    }

    /// A bullet or numbered list, with continuation lines and paragraphs. `task` makes quiz options.
    pub(super) fn list(
        &mut self,
        start: usize,
        end: usize,
        state: &mut ChapterState<'_>,
        task: Option<&[bool]>,
    ) -> (String, usize) {
        let mut items: Vec<String> = Vec::new();
        let mut i = start;
        let mut item_index = 0;
        while i < end {
            let (line_no, line) = self.lines[i].clone();
            match line {
                Line::Bullet { depth, text } => {
                    let indent = "  ".repeat(depth);
                    let marker = item_marker(task, item_index, "- ");
                    item_index += 1;
                    let body = self.item_text(text, state, line_no, &format!("{indent}  "));
                    items.push(format!("{indent}{marker}{body}"));
                    i += 1;
                }
                Line::Numbered { text } => {
                    let marker = item_marker(task, item_index, "1. ");
                    item_index += 1;
                    let continuation = " ".repeat(marker.len().clamp(2, 3));
                    let body = self.item_text(text, state, line_no, &continuation);
                    items.push(format!("{marker}{body}"));
                    i += 1;
                }
                Line::Text(text)
                    if !items.is_empty()
                        && i > start
                        && self.lines[i - 1].1 != Line::Blank
                        && text != QUIZ_START
                        && text != SCENARIO_START
                        && !PAGE_CHROME.contains(&text) =>
                {
                    // A wiki paragraph indented under the item above it (":" markup lost in the copy).
                    let para = self.inline(text, state, true, line_no);
                    if let Some(last) = items.last_mut() {
                        last.push_str(&format!("\n\n  {para}"));
                    }
                    i += 1;
                }
                Line::Blank => {
                    let next = self.next_content(i, end);
                    match next.map(|j| self.lines[j].clone()) {
                        Some((n, Line::Indented(text))) if !items.is_empty() => {
                            let para = self.inline(text, state, true, n);
                            let pad = if task.is_some() { "  " } else { "   " };
                            if let Some(last) = items.last_mut() {
                                last.push_str(&format!("\n\n{pad}{para}"));
                            }
                            i = next.map_or(end, |j| j + 1);
                        }
                        Some((_, Line::Numbered { .. } | Line::Bullet { .. }))
                            if task.is_some() =>
                        {
                            i += 1
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        (items.join("\n"), i)
    }

    /// An item's text, with a wiki `**` sub-item (a lost line break) turned into a nested item.
    pub(super) fn item_text(
        &mut self,
        text: &str,
        state: &mut ChapterState<'_>,
        line: usize,
        indent: &str,
    ) -> String {
        match text.split_once("** ") {
            Some((head, tail)) if !head.is_empty() && !head.ends_with(' ') => format!(
                "{}\n{indent}- {}",
                self.inline(head, state, true, line),
                self.inline(tail, state, true, line)
            ),
            _ => self.inline(text, state, true, line),
        }
    }

    /// `#1: Title` after a block's first line.
    pub(super) fn block_title(&self, i: usize, end: usize) -> Option<(usize, &'a str)> {
        let j = self.next_content(i + 1, end)?;
        match self.lines[j].1 {
            Line::Text(t) if t.starts_with('#') => {
                let title = t.split_once(':').map_or(t, |(_, title)| title).trim();
                Some((j, title))
            }
            _ => None,
        }
    }
}
