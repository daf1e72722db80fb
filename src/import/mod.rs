//! Import: a Meta-Wiki draft page, as its text is copied from the wiki, into book sources, in
//! three stages: the draft's lines (`lines`), each chapter's Markdown (`chapter`), the book's
//! files (here).

mod chapter;
mod lines;
mod questions;

use crate::diagnostic::Diagnostic;
use crate::model::GlossaryTerm;
use chapter::{ChapterState, Importer, TermMatcher};
use lines::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub use lines::best_answer_letter;

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

/// Turns a draft's text into a book's files; `display` names the draft in warnings.
pub fn import_draft(display: &Path, draft: &str, options: &ImportOptions) -> ImportedBook {
    let normalized = draft.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<(usize, Line<'_>)> = normalized
        .split('\n')
        .enumerate()
        .map(|(n, l)| (n + 1, classify(l)))
        .collect();
    let sections: Vec<(usize, u32, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, (_, l))| match l {
            Line::Section { number, title } => Some((i, *number, *title)),
            _ => None,
        })
        .collect();
    let mut importer = Importer {
        display,
        section_ids: BTreeMap::new(),
        footnotes: Vec::new(),
        known_terms: options.glossary.clone(),
        stubs: Vec::new(),
        block_ids: HashSet::new(),
        warnings: directive_lines(display, &normalized),
        quizzes: 0,
        scenarios: 0,
        lines,
    };
    let chapter_ids = chapter_ids(&sections);
    for ((_, number, _), id) in sections.iter().zip(&chapter_ids) {
        importer.section_ids.insert(*number, id.clone());
    }
    let last_section = sections.last().map(|(i, _, _)| *i);
    let content_end = take_footnotes(&mut importer, normalized.contains("[1]"), last_section);
    let first_section = sections.first().map_or(content_end, |(i, _, _)| *i);
    let titles = Titles::read(&importer.lines, first_section);

    let mut book = ImportedBook::default();
    let intro = intro_page(&mut importer, &titles, first_section);
    book.files.insert(PathBuf::from("src/index.md"), intro);
    let terms = term_matchers(&options.glossary);
    let mut summary = format!(
        "# Summary\n\n[{}](index.md)\n\n",
        escape_markdown(&titles.module, false)
    );
    for (n, ((start, _, title), id)) in sections.iter().zip(&chapter_ids).enumerate() {
        let end = sections.get(n + 1).map_or(content_end, |(i, _, _)| *i);
        let chapter = chapter_page(&mut importer, &terms, (start + 1, end), title, id);
        summary.push_str(&format!("- [{}]({id}.md)\n", escape_markdown(title, false)));
        book.files
            .insert(PathBuf::from(format!("src/{id}.md")), chapter);
    }
    summary.push_str(
        "\n[Glossary](glossary.md)\n[Your progress](progress.md)\n[Your notes](notes.md)\n",
    );
    book.files.insert(PathBuf::from("src/SUMMARY.md"), summary);
    for (path, text) in [
        ("src/progress.md", "# Your progress\n\n{{#progress}}\n"),
        ("src/notes.md", "# Your notes\n\n{{#notes}}\n"),
    ] {
        book.files.insert(PathBuf::from(path), text.to_string());
    }
    if let Some(glossary) = glossary_page(options, &importer.stubs) {
        book.files
            .insert(PathBuf::from("src/glossary.md"), glossary);
    }
    book.files.insert(
        PathBuf::from("book.toml"),
        book_toml(&titles.module, options),
    );
    for asset in crate::theme::book_assets() {
        book.files.insert(PathBuf::from(asset.path), asset.written);
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
    book.warnings = importer.warnings;
    book.warnings.sort_by_key(|w| w.line);
    book
}

/// The book's glossary terms as they are matched in running text, longest names first.
fn term_matchers(glossary: &[GlossaryTerm]) -> Vec<TermMatcher> {
    let mut terms: Vec<TermMatcher> = glossary
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
    terms
}

/// Each section's chapter file name: from its title, short, unique, never one of the book's
/// own pages.
fn chapter_ids(sections: &[(usize, u32, &str)]) -> Vec<String> {
    let mut used: HashSet<String> = RESERVED_PAGES.iter().map(|p| p.to_string()).collect();
    sections
        .iter()
        .map(|(_, number, title)| {
            let base = match short_slug(title) {
                s if s.is_empty() => format!("section-{number}"),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        })
        .collect()
}

/// Takes the numbered reference list that ends the page as the footnotes, when the text has
/// footnote markers; returns where the content ends.
fn take_footnotes(
    importer: &mut Importer<'_>,
    has_markers: bool,
    last_section: Option<usize>,
) -> usize {
    let lines = &importer.lines;
    let mut content_end = lines.len();
    while content_end > 0 && lines[content_end - 1].1 == Line::Blank {
        content_end -= 1;
    }
    let mut refs_start = content_end;
    while refs_start > 0 && matches!(lines[refs_start - 1].1, Line::Numbered { .. }) {
        refs_start -= 1;
    }
    if refs_start < content_end && has_markers && last_section.is_some_and(|i| i < refs_start) {
        importer.footnotes = (refs_start..content_end)
            .filter_map(|k| match lines[k].1 {
                Line::Numbered { text } => Some(text.trim().to_string()),
                _ => None,
            })
            .collect();
        content_end = refs_start;
    }
    content_end
}

/// What the lines before the first section say: the wiki page's title, the module's title, and
/// where the introduction starts (page chrome before it is dropped).
struct Titles<'a> {
    page: Option<&'a str>,
    module: String,
    intro_start: usize,
}

impl<'a> Titles<'a> {
    fn read(lines: &[(usize, Line<'a>)], first_section: usize) -> Self {
        let (mut page, mut module, mut intro_start) = (None, None, first_section);
        for (k, (_, line)) in lines.iter().enumerate().take(first_section) {
            let Line::Text(text) = *line else {
                continue;
            };
            if PAGE_CHROME.contains(&text)
                || text.starts_with("From Meta")
                || text.starts_with("Drafts:")
            {
                continue;
            }
            if page.is_none() && text.contains('/') && !text.contains(". ") {
                page = Some(text);
            } else if module.is_none() && text.chars().count() < 100 && !text.ends_with('.') {
                module = Some(text);
            } else {
                intro_start = k;
                break;
            }
        }
        let module = module
            .or_else(|| page.and_then(|p| p.split('/').nth(1)))
            .unwrap_or("Training module")
            .to_string();
        Titles {
            page,
            module,
            intro_start,
        }
    }
}

/// The intro page: the text before the first section, with a credit to the draft's page and
/// its licence.
fn intro_page(importer: &mut Importer<'_>, titles: &Titles<'_>, first_section: usize) -> String {
    let mut state = ChapterState {
        terms: &[],
        linked_terms: HashSet::new(),
        footnotes: Vec::new(),
    };
    let blocks = importer.blocks(titles.intro_start, first_section, &mut state);
    let mut intro = format!(
        "# {}\n\n{}",
        escape_markdown(&titles.module, false),
        blocks.join("\n\n")
    );
    if let Some(page) = titles.page {
        let url = format!("{META_WIKI}{}", page.replace(' ', "_"));
        intro.push_str(&format!(
            "\n\n---\n\n*Source:* this module is converted from the draft page [{}]({url}) on Meta-Wiki. \
             Its text is available under the [Creative Commons Attribution-ShareAlike License (CC BY-SA)](https://creativecommons.org/licenses/by-sa/4.0/).",
            escape_markdown(page, false)
        ));
    }
    intro.push('\n');
    intro
}

/// One section's chapter: its heading, its blocks from lines `start..end`, its footnotes.
fn chapter_page(
    importer: &mut Importer<'_>,
    terms: &[TermMatcher],
    (start, end): (usize, usize),
    title: &str,
    id: &str,
) -> String {
    let mut state = ChapterState {
        terms,
        linked_terms: HashSet::new(),
        footnotes: Vec::new(),
    };
    let blocks = importer.blocks(start, end, &mut state);
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
            let note = importer.inline(&text, &mut plain, false, 0);
            chapter.push_str(&format!("[^{number}]: {note}\n"));
        }
    }
    chapter
}

/// The glossary with a stub for each new term, when the book has none or there are new terms.
fn glossary_page(options: &ImportOptions, stubs: &[(String, String)]) -> Option<String> {
    if options.glossary_text.is_some() && stubs.is_empty() {
        return None;
    }
    let text = options.glossary_text.as_deref().unwrap_or("# Glossary\n");
    let mut glossary = text.trim_end().to_string();
    glossary.push('\n');
    for (id, term) in stubs {
        glossary.push_str(&format!(
            "\n## {} {{#{id}}}\n\n{}\n",
            escape_markdown(term, false),
            draft_note("This term needs a definition: write one or two plain sentences here.")
        ));
    }
    Some(glossary)
}

/// `book.toml`, written with `toml_edit` so that values are quoted by TOML's rules and the
/// discussion address keeps its explaining comment; with the same settings `init` adds.
fn book_toml(module_title: &str, options: &ImportOptions) -> String {
    use toml_edit::{DocumentMut, Item, Table, value};
    let discussion = options.discussion_url.clone().unwrap_or_else(|| {
        format!(
            "{META_WIKI}Talk:Training_modules/{}#{{id}}",
            module_title.replace(' ', "_")
        )
    });
    let mut document = DocumentMut::new();
    let mut book = Table::new();
    book.insert("title", value(module_title));
    book.insert("language", value("en"));
    document.insert("book", Item::Table(book));
    let mut training = Table::new();
    training.insert("discussion-url", value(discussion));
    if let Some(mut key) = training.key_mut("discussion-url") {
        key.leaf_decor_mut()
            .set_prefix("# {id} is the block's id, {title} its title, URL-encoded\n");
    }
    training.insert("glossary", value("glossary.md"));
    let mut preprocessor = Table::new();
    preprocessor.set_implicit(true);
    preprocessor.insert("training", Item::Table(training));
    document.insert("preprocessor", Item::Table(preprocessor));
    let text = document.to_string();
    crate::init::with_tool_settings(&text).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_toml_keeps_any_title_and_address() {
        let title = "Quotes \" and \\ back\nslash";
        let options = ImportOptions {
            discussion_url: Some("https://example.org/Talk:\"x\"#{id}".into()),
            ..ImportOptions::default()
        };
        let text = book_toml(title, &options);
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(parsed["book"]["title"].as_str(), Some(title));
        assert_eq!(
            parsed["preprocessor"]["training"]["discussion-url"].as_str(),
            options.discussion_url.as_deref()
        );
        assert!(text.contains("# {id} is the block's id"));
    }
}
