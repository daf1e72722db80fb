//! The first stage of an import: the draft's text as typed lines, and the small rules for
//! turning its words into Markdown and its titles into file names.

use crate::diagnostic::Diagnostic;
use crate::parse::slugify;
use std::path::Path;

/// Lines of a copied wiki page that belong to the page, not to the module.
pub(super) const PAGE_CHROME: &[&str] = &["Jump to content", "(Discuss this question)"];
/// The explanation the wiki repeats before every question and scenario.
pub(super) const BOILERPLATE_PREFIX: &str = "This module will periodically present you with";
pub(super) const QUIZ_START: &str = "Test yourself!";
pub(super) const SCENARIO_START: &str = "What would you do?";
pub(super) const QUIZ_ASK: &str = "Which option would you choose?";
pub(super) const ANSWER_INTRO: &[&str] = &[
    "Ready to see the correct answer?",
    "Click to expand! (click to expand or collapse)",
];
pub(super) const CORRECT_ANSWER: &str = "The correct answer is:";
pub(super) const SCENARIO_END: &str = "If you were in this situation... what would you do?";
pub(super) const META_WIKI: &str = "https://meta.wikimedia.org/wiki/";

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Line<'a> {
    Blank,
    Section { number: u32, title: &'a str },
    Bullet { depth: usize, text: &'a str },
    Numbered { text: &'a str },
    Indented(&'a str),
    Text(&'a str),
}

pub(super) fn classify(line: &str) -> Line<'_> {
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

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'
}

/// Escapes plain text so Markdown shows it as written.
pub(super) fn escape_markdown(text: &str, at_line_start: bool) -> String {
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

/// A list item's marker: a quiz option's checkbox, or `plain` outside a question.
pub(super) fn item_marker(
    task: Option<&[bool]>,
    index: usize,
    plain: &'static str,
) -> &'static str {
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
pub(super) fn is_stray_block_line(text: &str) -> bool {
    ANSWER_INTRO.contains(&text)
        || text.starts_with(CORRECT_ANSWER)
        || text == QUIZ_ASK
        || text.starts_with(BOILERPLATE_PREFIX)
        || (text.starts_with('#')
            && text[1..]
                .split_once(':')
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit())))
}

pub(super) fn draft_note(text: &str) -> String {
    format!("> [!NOTE]\n> **Draft:** {text}")
}

/// Turns a draft's text into a book. `display` names the draft in warnings.
/// Names no chapter file may take: the pages an import writes and the files mdBook writes.
pub(super) const RESERVED_PAGES: &[&str] = &[
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
pub(super) fn short_slug(title: &str) -> String {
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
pub(super) fn directive_lines(display: &Path, draft: &str) -> Vec<Diagnostic> {
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
