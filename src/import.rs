//! Import: a Meta-Wiki draft page, as its text is copied from the wiki, into book sources.

use crate::diagnostic::Diagnostic;
use crate::model::GlossaryTerm;
use crate::parse::slugify;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Lines of a copied wiki page that belong to the page, not to the module.
const PAGE_CHROME: &[&str] = &["Jump to content", "(Discuss this question)"];
/// The explanation the wiki repeats before every question and scenario.
const BOILERPLATE_PREFIX: &str = "This module will periodically present you with";
const QUIZ_START: &str = "Test yourself!";
const SCENARIO_START: &str = "What would you do?";
const QUIZ_ASK: &str = "Which option would you choose?";
const ANSWER_INTRO: &[&str] = &[
    "Ready to see the correct answer?",
    "Click to expand! (click to expand or collapse)",
];
const CORRECT_ANSWER: &str = "The correct answer is:";
const SCENARIO_END: &str = "If you were in this situation... what would you do?";
const META_WIKI: &str = "https://meta.wikimedia.org/wiki/";

/// Choices the author makes for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Discussion page address for `book.toml`; derived from the module's title when absent.
    pub discussion_url: Option<String>,
    /// The target book's glossary, when it has one: its terms are linked on first use.
    pub glossary: Vec<GlossaryTerm>,
    /// The target book's glossary chapter text, to which stubs for new terms are added.
    pub glossary_text: Option<String>,
}

/// The files of an imported book, relative to its root, and what the importer noticed.
#[derive(Debug, Default)]
pub struct ImportedBook {
    pub files: BTreeMap<PathBuf, String>,
    pub warnings: Vec<Diagnostic>,
    pub quizzes: usize,
    pub scenarios: usize,
    pub chapters: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Section { number: u32, title: &'a str },
    Bullet { depth: usize, text: &'a str },
    Numbered { text: &'a str },
    Indented(&'a str),
    Text(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    if let Some(rest) = trimmed.strip_prefix('H')
        && let Some((number, title)) = rest.split_once(':')
        && let Ok(number) = number.parse::<u32>()
        && !title.trim().is_empty()
        && line.starts_with('H')
    {
        return Line::Section {
            number,
            title: title.trim(),
        };
    }
    let indent = line.len() - line.trim_start().len();
    if let Some(text) = trimmed.strip_prefix('•') {
        return Line::Bullet {
            depth: indent.saturating_sub(2) / 2,
            text: text.trim(),
        };
    }
    if indent > 0
        && let Some((number, text)) = trimmed.split_once(". ")
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
    {
        return Line::Numbered { text: text.trim() };
    }
    if indent >= 4 {
        return Line::Indented(trimmed);
    }
    Line::Text(trimmed)
}

/// A glossary term as the importer matches it in running text.
struct TermMatcher {
    id: String,
    /// Lower-cased names, longest first.
    names: Vec<String>,
}

/// What the importer tracks while it writes one chapter.
struct ChapterState<'a> {
    terms: &'a [TermMatcher],
    linked_terms: HashSet<String>,
    footnotes: Vec<usize>,
}

struct Importer<'a> {
    display: &'a Path,
    lines: Vec<(usize, Line<'a>)>,
    section_ids: BTreeMap<u32, String>,
    footnotes: Vec<String>,
    terms: Vec<TermMatcher>,
    known_terms: Vec<GlossaryTerm>,
    stubs: Vec<(String, String)>,
    block_ids: HashSet<String>,
    warnings: Vec<Diagnostic>,
    quizzes: usize,
    scenarios: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'
}

/// Escapes plain text so Markdown shows it as written.
fn escape_markdown(text: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `{{` would open mdBook's `{{#include …}}` and the like, or a block marker.
        let doubled_brace = c == '{' && (previous == Some('{') || chars.peek() == Some(&'{'));
        if doubled_brace || matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '`' | '~') {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    if at_line_start {
        let first = out.chars().next();
        if matches!(first, Some('#' | '>' | '+' | '-' | '=')) {
            out.insert(0, '\\');
        }
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

impl<'a> Importer<'a> {
    fn warn(&mut self, line: usize, message: impl Into<String>, hint: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(self.display, line, message).with_hint(hint));
    }

    fn unique_block_id(&mut self, title: &str, kind: &str) -> String {
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

    fn glossary_id(&mut self, term: &str) -> String {
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
    fn inline(
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

    fn flush_plain(
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
    fn blocks(&mut self, start: usize, end: usize, state: &mut ChapterState<'_>) -> Vec<String> {
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

    fn next_content(&self, from: usize, end: usize) -> Option<usize> {
        (from..end).find(|&j| !matches!(self.lines[j].1, Line::Blank))
    }

    fn blanks_after(&self, i: usize) -> usize {
        self.lines[i + 1..]
            .iter()
            .take_while(|(_, l)| *l == Line::Blank)
            .count()
    }

    /// A heading: a short line followed by two blank lines, or one just before a question.
    fn is_heading(&self, i: usize, text: &str) -> bool {
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
    fn list(
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
    fn item_text(
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
    fn block_title(&self, i: usize, end: usize) -> Option<(usize, &'a str)> {
        let j = self.next_content(i + 1, end)?;
        match self.lines[j].1 {
            Line::Text(t) if t.starts_with('#') => {
                let title = t.split_once(':').map_or(t, |(_, title)| title).trim();
                Some((j, title))
            }
            _ => None,
        }
    }

    fn quiz(&mut self, start: usize, end: usize, state: &mut ChapterState<'_>) -> (String, usize) {
        let start_line = self.lines[start].0;
        let (mut i, title) = match self.block_title(start, end) {
            Some((j, title)) => (j + 1, Some(title)),
            None => (start + 1, None),
        };
        let mut prompt = Vec::new();
        while i < end {
            match self.lines[i].1.clone() {
                Line::Text(t) if t.starts_with(BOILERPLATE_PREFIX) || t == QUIZ_ASK => i += 1,
                Line::Blank => i += 1,
                Line::Text(t) => {
                    prompt.push(self.inline(t, state, true, self.lines[i].0));
                    i += 1;
                }
                _ => break,
            }
        }
        let options_start = i;
        // The best answer is known only after the options; read ahead for it.
        let mut j = options_start;
        while j < end
            && matches!(
                self.lines[j].1,
                Line::Numbered { .. } | Line::Bullet { .. } | Line::Indented(_) | Line::Blank
            )
        {
            j += 1;
        }
        let option_count = (options_start..j)
            .filter(|&k| matches!(self.lines[k].1, Line::Numbered { .. } | Line::Bullet { .. }))
            .count();
        let mut explanation_lines = Vec::new();
        let mut k = j;
        let mut found_answer_line = false;
        while k < end {
            match self.lines[k].1 {
                Line::Text(t) if ANSWER_INTRO.contains(&t) => k += 1,
                Line::Text("(Discuss this question)") => {
                    k += 1;
                    break;
                }
                Line::Text(t)
                    if t == QUIZ_START || t == SCENARIO_START || self.is_heading(k, t) =>
                {
                    break;
                }
                Line::Section { .. } => break,
                Line::Text(t) if t.starts_with(CORRECT_ANSWER) => {
                    found_answer_line = true;
                    explanation_lines.push(k);
                    k += 1;
                }
                Line::Blank => k += 1,
                _ if found_answer_line => {
                    explanation_lines.push(k);
                    k += 1;
                }
                _ => break,
            }
        }
        let first_explanation = explanation_lines.first().map(|&k| match self.lines[k].1 {
            Line::Text(t) => t.trim_start_matches(CORRECT_ANSWER).trim(),
            _ => "",
        });
        let best = first_explanation.and_then(|text| best_answer_letter(text, option_count));
        let title_text = title.unwrap_or("Question");
        let id = self.unique_block_id(title_text, "quiz");
        let heading = title
            .map(|t| format!("### {}\n\n", escape_markdown(t, false)))
            .unwrap_or_default();
        let prompt = prompt.join("\n\n");
        let Some(best) = best else {
            self.warn(
                start_line,
                format!("the question “{title_text}” has no “{CORRECT_ANSWER} X)” line naming its best answer"),
                "it is imported as a scenario; turn it into `{{#quiz …}}` and mark the best answer `- [x]`",
            );
            let (options, _) = self.list(options_start, j, state, None);
            let explanation = self.explanation(&explanation_lines, state);
            self.scenarios += 1;
            let body = [prompt, options, explanation]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            return (
                format!("{{{{#scenario {id}}}}}\n\n{heading}{body}\n\n{{{{/scenario}}}}"),
                k,
            );
        };
        let mut correct = vec![false; option_count];
        correct[best] = true;
        let (options, _) = self.list(options_start, j, state, Some(&correct));
        let explanation = self.explanation(&explanation_lines, state);
        self.quizzes += 1;
        let body = [prompt, options, explanation]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        (
            format!("{{{{#quiz {id}}}}}\n\n{heading}{body}\n\n{{{{/quiz}}}}"),
            k,
        )
    }

    fn explanation(&mut self, lines: &[usize], state: &mut ChapterState<'_>) -> String {
        let mut paragraphs = Vec::new();
        for &k in lines {
            let (line_no, line) = self.lines[k].clone();
            let text = match line {
                Line::Text(t) | Line::Indented(t) => t.trim_start_matches(CORRECT_ANSWER).trim(),
                Line::Bullet { text, .. } | Line::Numbered { text } => text,
                _ => continue,
            };
            paragraphs.push(self.inline(text, state, true, line_no));
        }
        paragraphs.join("\n\n")
    }

    fn scenario(
        &mut self,
        start: usize,
        end: usize,
        state: &mut ChapterState<'_>,
    ) -> (String, usize) {
        let (body_start, title) = match self.block_title(start, end) {
            Some((j, title)) => (j + 1, Some(title)),
            None => (start + 1, None),
        };
        let mut stop = body_start;
        let mut closing = None;
        while stop < end {
            match self.lines[stop].1 {
                Line::Text(SCENARIO_END) => {
                    closing = Some(stop);
                    break;
                }
                Line::Text(t)
                    if t == QUIZ_START || t == SCENARIO_START || self.is_heading(stop, t) =>
                {
                    break;
                }
                Line::Section { .. } => break,
                _ => stop += 1,
            }
        }
        let body_lines: Vec<usize> = (body_start..stop)
            .filter(
                |&k| !matches!(self.lines[k].1, Line::Text(t) if t.starts_with(BOILERPLATE_PREFIX)),
            )
            .collect();
        let first = body_lines.first().copied().unwrap_or(stop);
        let mut body = self.blocks(first, stop, state);
        let next = match closing {
            Some(k) => {
                body.push(escape_markdown(SCENARIO_END, true));
                k + 1
            }
            None => stop,
        };
        let title_text = title.unwrap_or("Scenario");
        let id = self.unique_block_id(title_text, "scenario");
        let heading = title
            .map(|t| format!("### {}\n\n", escape_markdown(t, false)))
            .unwrap_or_default();
        self.scenarios += 1;
        (
            format!(
                "{{{{#scenario {id}}}}}\n\n{heading}{}\n\n{{{{/scenario}}}}",
                body.join("\n\n")
            ),
            next,
        )
    }
}

/// A list item's marker: a quiz option's checkbox, or `plain` outside a question.
fn item_marker(task: Option<&[bool]>, index: usize, plain: &'static str) -> &'static str {
    match task {
        Some(correct) if correct.get(index).copied().unwrap_or(false) => "- [x] ",
        Some(_) => "- [ ] ",
        None => plain,
    }
}

/// The letter named by "The correct answer is: …" (`B)`, `Answer C`, `answer is D`), as an index.
pub fn best_answer_letter(text: &str, option_count: usize) -> Option<usize> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (n, word) in words.iter().enumerate() {
        let letter = word.trim_end_matches([')', ',', '.', ':', ';']);
        let mut chars = letter.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        if !c.is_ascii_uppercase() {
            continue;
        }
        let index = (c as u8 - b'A') as usize;
        if index >= option_count {
            continue;
        }
        let prev = n.checked_sub(1).map(|p| words[p].to_lowercase());
        let prev2 = n.checked_sub(2).map(|p| words[p].to_lowercase());
        let after_answer = prev.as_deref() == Some("answer")
            || (prev.as_deref() == Some("is") && prev2.as_deref() == Some("answer"));
        if word.ends_with(')') || after_answer || (n == 0 && word.len() > 1) {
            return Some(index);
        }
    }
    None
}

/// A line that belongs inside a question or scenario, found outside one.
fn is_stray_block_line(text: &str) -> bool {
    ANSWER_INTRO.contains(&text)
        || text.starts_with(CORRECT_ANSWER)
        || text == QUIZ_ASK
        || text.starts_with(BOILERPLATE_PREFIX)
        || (text.starts_with('#')
            && text[1..]
                .split_once(':')
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())))
}

fn draft_note(text: &str) -> String {
    format!("> [!NOTE]\n> **Draft:** {text}")
}

fn toml_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
}

/// Turns a draft's text into a book. `display` names the draft in warnings.
/// Names no chapter file may take: the pages an import writes and the files mdBook writes.
const RESERVED_PAGES: &[&str] = &[
    "index",
    "glossary",
    "progress",
    "notes",
    "summary",
    "print",
    "toc",
    "404",
    "search",
    "searchindex",
    "sitemap",
];

/// The longest file name stem a chapter gets from its title, in bytes.
const MAX_SLUG: usize = 60;

/// `slugify(title)` cut to [`MAX_SLUG`] bytes at a word's end.
fn short_slug(title: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG]
            .rfind('-')
            .filter(|&at| at > 0)
            .unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    slug
}

/// A warning for each draft line holding `{{#…}}` or `{{/…}}`: written as text, never run.
fn directive_lines(display: &Path, draft: &str) -> Vec<Diagnostic> {
    draft
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices("{{").any(|(at, _)| {
                matches!(line[at + 2..].trim_start().chars().next(), Some('#' | '/'))
            })
        })
        .map(|(n, line)| {
            Diagnostic::warning(
                display,
                n + 1,
                format!(
                    "`{}` is written as text: a draft cannot include files or open blocks",
                    line.trim()
                ),
            )
            .with_hint("if the book needs it, write it into the chapter by hand")
        })
        .collect()
}

pub fn import_draft(display: &Path, draft: &str, options: &ImportOptions) -> ImportedBook {
    let normalized = draft.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<(usize, Line<'_>)> = normalized
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, classify(l)))
        .collect();

    let mut terms: Vec<TermMatcher> = options
        .glossary
        .iter()
        .map(|t| {
            let mut names: Vec<String> = std::iter::once(&t.term)
                .chain(&t.aliases)
                .map(|n| n.to_lowercase())
                .collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            TermMatcher {
                id: t.id.clone(),
                names,
            }
        })
        .collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.names.first().map_or(0, String::len)));

    let sections: Vec<(usize, u32, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, (_, l))| match l {
            Line::Section { number, title } => Some((i, *number, *title)),
            _ => None,
        })
        .collect();
    let directive_warnings = directive_lines(display, &normalized);
    let mut importer = Importer {
        display,
        section_ids: BTreeMap::new(),
        footnotes: Vec::new(),
        terms: Vec::new(),
        known_terms: options.glossary.clone(),
        stubs: Vec::new(),
        block_ids: HashSet::new(),
        warnings: Vec::new(),
        quizzes: 0,
        scenarios: 0,
        lines,
    };
    // The pages every import writes, and mdBook's own, are never a chapter's file.
    let mut used_ids: HashSet<String> = RESERVED_PAGES.iter().map(|p| p.to_string()).collect();
    let chapter_ids: Vec<String> = sections
        .iter()
        .map(|(_, number, title)| {
            let base = match short_slug(title) {
                s if s.is_empty() => format!("section-{number}"),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used_ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        })
        .collect();
    for ((_, number, _), id) in sections.iter().zip(&chapter_ids) {
        importer.section_ids.insert(*number, id.clone());
    }

    // The numbered reference list that ends the page holds the footnotes.
    let mut content_end = importer.lines.len();
    while content_end > 0 && importer.lines[content_end - 1].1 == Line::Blank {
        content_end -= 1;
    }
    let mut refs_start = content_end;
    while refs_start > 0 && matches!(importer.lines[refs_start - 1].1, Line::Numbered { .. }) {
        refs_start -= 1;
    }
    let has_markers = normalized.contains("[1]");
    if refs_start < content_end
        && has_markers
        && sections.last().is_some_and(|(i, _, _)| *i < refs_start)
    {
        importer.footnotes = (refs_start..content_end)
            .filter_map(|k| match importer.lines[k].1 {
                Line::Numbered { text } => Some(text.trim().to_string()),
                _ => None,
            })
            .collect();
        content_end = refs_start;
    }

    // Page chrome and title before the first section.
    let first_section = sections.first().map_or(content_end, |(i, _, _)| *i);
    let mut page_title = None;
    let mut module_title = None;
    let mut intro_start = first_section;
    for k in 0..first_section {
        let Line::Text(text) = importer.lines[k].1 else {
            continue;
        };
        if PAGE_CHROME.contains(&text)
            || text.starts_with("From Meta")
            || text.starts_with("Drafts:")
        {
            continue;
        }
        if page_title.is_none() && text.contains('/') && !text.contains(". ") {
            page_title = Some(text);
        } else if module_title.is_none() && text.chars().count() < 100 && !text.ends_with('.') {
            module_title = Some(text);
        } else {
            intro_start = k;
            break;
        }
    }
    let module_title = module_title
        .or_else(|| page_title.and_then(|p| p.split('/').nth(1)))
        .unwrap_or("Training module")
        .to_string();

    let mut book = ImportedBook::default();
    let mut summary = format!(
        "# Summary\n\n[{}](index.md)\n\n",
        escape_markdown(&module_title, false)
    );

    // The intro, with a credit to the draft's page and licence.
    let terms_for_chapters: Vec<TermMatcher> = std::mem::take(&mut terms);
    importer.terms = Vec::new();
    let mut intro_state = ChapterState {
        terms: &[],
        linked_terms: HashSet::new(),
        footnotes: Vec::new(),
    };
    let intro_blocks = importer.blocks(intro_start, first_section, &mut intro_state);
    let mut intro = format!(
        "# {}\n\n{}",
        escape_markdown(&module_title, false),
        intro_blocks.join("\n\n")
    );
    if let Some(page) = page_title {
        let url = format!("{META_WIKI}{}", page.replace(' ', "_"));
        intro.push_str(&format!(
            "\n\n---\n\n*Source:* this module is converted from the draft page [{}]({url}) on Meta-Wiki. \
             Its text is available under the [Creative Commons Attribution-ShareAlike License (CC BY-SA)](https://creativecommons.org/licenses/by-sa/4.0/).",
            escape_markdown(page, false)
        ));
    }
    intro.push('\n');
    book.files.insert(PathBuf::from("src/index.md"), intro);

    for (n, ((start, _, title), id)) in sections.iter().zip(&chapter_ids).enumerate() {
        let end = sections.get(n + 1).map_or(content_end, |(i, _, _)| *i);
        let mut state = ChapterState {
            terms: &terms_for_chapters,
            linked_terms: HashSet::new(),
            footnotes: Vec::new(),
        };
        let blocks = importer.blocks(start + 1, end, &mut state);
        let mut chapter = format!(
            "# {} {{#{id}}}\n\n{}\n",
            escape_markdown(title, false),
            blocks.join("\n\n")
        );
        if !state.footnotes.is_empty() {
            chapter.push('\n');
            let mut notes = state.footnotes.clone();
            notes.sort_unstable();
            for number in notes {
                let text = importer.footnotes[number - 1].clone();
                let mut plain = ChapterState {
                    terms: &[],
                    linked_terms: HashSet::new(),
                    footnotes: Vec::new(),
                };
                chapter.push_str(&format!(
                    "[^{number}]: {}\n",
                    importer.inline(&text, &mut plain, false, 0)
                ));
            }
        }
        summary.push_str(&format!("- [{}]({id}.md)\n", escape_markdown(title, false)));
        book.files
            .insert(PathBuf::from(format!("src/{id}.md")), chapter);
    }
    summary.push_str(
        "\n[Glossary](glossary.md)\n[Your progress](progress.md)\n[Your notes](notes.md)\n",
    );
    book.files.insert(
        PathBuf::from("src/progress.md"),
        "# Your progress\n\n{{#progress}}\n".to_string(),
    );
    book.files.insert(
        PathBuf::from("src/notes.md"),
        "# Your notes\n\n{{#notes}}\n".to_string(),
    );
    book.files.insert(PathBuf::from("src/SUMMARY.md"), summary);

    let glossary_text = options
        .glossary_text
        .clone()
        .unwrap_or_else(|| "# Glossary\n".to_string());
    if options.glossary_text.is_none() || !importer.stubs.is_empty() {
        let mut glossary = glossary_text.trim_end().to_string();
        glossary.push('\n');
        for (id, term) in &importer.stubs {
            glossary.push_str(&format!(
                "\n## {} {{#{id}}}\n\n{}\n",
                escape_markdown(term, false),
                draft_note("This term needs a definition: write one or two plain sentences here.")
            ));
        }
        book.files
            .insert(PathBuf::from("src/glossary.md"), glossary);
    }

    let discussion = options.discussion_url.clone().unwrap_or_else(|| {
        format!(
            "{META_WIKI}Talk:Training_modules/{}#{{id}}",
            module_title.replace(' ', "_")
        )
    });
    book.files.insert(
        PathBuf::from("book.toml"),
        format!(
            "[book]\ntitle = {}\nlanguage = \"en\"\n\n[preprocessor.training]\n# {{id}} is the block's id, {{title}} its title, URL-encoded\ndiscussion-url = {}\nglossary = \"glossary.md\"\n\n{}",
            toml_string(&module_title),
            toml_string(&discussion),
            crate::theme::HTML_OUTPUT_CONFIG
        ),
    );
    for (path, content) in crate::theme::BOOK_ASSETS {
        book.files.insert(PathBuf::from(path), content.to_string());
    }

    if sections.is_empty() {
        importer.warn(
            0,
            "the draft has no `Hn: Title` section lines",
            "the whole text is imported into the intro page",
        );
    }
    book.chapters = sections.len();
    book.quizzes = importer.quizzes;
    book.scenarios = importer.scenarios;
    book.warnings = directive_warnings;
    book.warnings.extend(importer.warnings);
    book.warnings.sort_by_key(|w| w.line);
    book
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_answer_forms() {
        assert_eq!(best_answer_letter("B) is the best response", 4), Some(1));
        assert_eq!(best_answer_letter("Answer C, which makes", 4), Some(2));
        assert_eq!(
            best_answer_letter("the most effective is answer B.", 4),
            Some(1)
        );
        assert_eq!(best_answer_letter("the best answer is D: take", 4), Some(3));
        assert_eq!(best_answer_letter("A good reply is kind.", 4), None);
        assert_eq!(best_answer_letter("Answer E", 4), None);
    }

    #[test]
    fn escapes_keep_text_literal() {
        assert_eq!(escape_markdown("a *b* [c]", false), "a \\*b\\* \\[c\\]");
        assert_eq!(escape_markdown("2004. A year", true), "2004\\. A year");
        assert_eq!(
            escape_markdown("# not a heading", true),
            "\\# not a heading"
        );
    }
}
