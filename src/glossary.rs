//! The glossary chapter: one `## Term {#id}` heading per term, then its definition.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::GlossaryTerm;
use crate::parse::markdown_options;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::Path;

/// A library's glossary, which every module's `glossary:ID` links reach when the module's own
/// glossary lacks the term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedGlossary {
    pub terms: Vec<GlossaryTerm>,
    /// The glossary's page from an edition's root: `../glossary.html`, `../../fr/glossary.html`.
    pub page: String,
    /// Its file, for diagnostics: `glossary.md` beside `library.toml`.
    pub file: std::path::PathBuf,
}

impl SharedGlossary {
    pub fn term(&self, id: &str) -> Option<&GlossaryTerm> {
        self.terms.iter().find(|t| t.id == id)
    }
}

struct Building {
    term: GlossaryTerm,
    /// Plain text of each paragraph, and whether it opens with an emphasized label ending in
    /// `:`, as the `*Also:* revdel, RevDel` line does in every language.
    paragraphs: Vec<(String, Option<usize>)>,
}

/// Reads the terms of a glossary chapter. `display_path` is used in diagnostics.
pub fn parse_glossary(display_path: &Path, text: &str) -> (Vec<GlossaryTerm>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let mut terms = Vec::new();
    let mut diagnostics = Vec::new();
    let mut current: Option<Building> = None;
    let mut in_heading: Option<(Option<String>, usize, String)> = None;
    let mut paragraph: Option<String> = None;
    // Inside a paragraph's opening emphasis: where the label ends, once known.
    let mut label: Option<Option<usize>> = None;
    let mut label_end: Option<usize> = None;

    let finish = |building: Building, terms: &mut Vec<GlossaryTerm>| {
        let mut term = building.term;
        let mut paragraphs = building.paragraphs.into_iter().peekable();
        if let Some((text, Some(label_end))) = paragraphs.peek() {
            term.aliases = text[*label_end..]
                .split([',', '،', '、'])
                .map(|a| a.trim().trim_end_matches('.').to_string())
                .filter(|a| !a.is_empty())
                .collect();
            paragraphs.next();
        }
        term.definition = paragraphs
            .map(|(text, _)| text)
            .collect::<Vec<_>>()
            .join(" ");
        terms.push(term);
    };

    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if level <= HeadingLevel::H2 => {
                if let Some(building) = current.take() {
                    finish(building, &mut terms);
                }
                if level == HeadingLevel::H2 {
                    in_heading = Some((id.map(|i| i.to_string()), range.start, String::new()));
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((id, start, text_)) = in_heading.take() {
                    let line = lines.line(start);
                    let term_text = text_.trim().to_string();
                    match id {
                        Some(id) => {
                            current = Some(Building {
                                term: GlossaryTerm {
                                    id,
                                    term: term_text,
                                    aliases: Vec::new(),
                                    definition: String::new(),
                                    line,
                                },
                                paragraphs: Vec::new(),
                            });
                        }
                        None => diagnostics.push(
                            Diagnostic::error(
                                display_path,
                                line,
                                format!("glossary term `{term_text}` has no id"),
                            )
                            .with_hint(format!(
                                "write `## {term_text} {{#{}}}` so links can point to it",
                                crate::parse::slugify(&term_text)
                            )),
                        ),
                    }
                }
            }
            Event::Start(Tag::Paragraph) if current.is_some() && in_heading.is_none() => {
                paragraph = Some(String::new());
                label_end = None;
            }
            Event::Start(Tag::Emphasis) if paragraph.as_deref() == Some("") => label = Some(None),
            Event::End(TagEnd::Emphasis) if label.is_some() => {
                label = None;
                if let Some(p) = paragraph.as_ref().filter(|p| p.trim_end().ends_with(':')) {
                    label_end = Some(p.len());
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let (Some(p), Some(building)) = (paragraph.take(), current.as_mut()) {
                    let trimmed_start = p.len() - p.trim_start().len();
                    let end = label_end.take().map(|e| e.saturating_sub(trimmed_start));
                    building.paragraphs.push((p.trim().to_string(), end));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = in_heading.as_mut() {
                    h.2.push_str(&t);
                } else if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    if let Some(building) = current.take() {
        finish(building, &mut terms);
    }
    (terms, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_aliases_and_definitions() {
        let text = "# Glossary\n\n## Revision deletion {#revision-deletion}\n\n*Also:* revdel, RevDel.\n\nHiding a *revision* from\nthe public.\n\n## Steward {#steward}\n\nA global role.\n\n## No id\n\nText.\n";
        let (terms, diags) = parse_glossary(Path::new("src/glossary.md"), text);
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].id, "revision-deletion");
        assert_eq!(terms[0].aliases, ["revdel", "RevDel"]);
        assert_eq!(terms[0].definition, "Hiding a revision from the public.");
        assert_eq!(terms[1].definition, "A global role.");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 14);
    }

    #[test]
    fn the_aliases_line_is_recognised_in_any_language() {
        let text = "# Glossaire\n\n## Blocage {#block}\n\n_Aussi :_ blocages, bloqué\n\nUne mesure.\n\n## منع {#ban}\n\n_أيضًا:_ عمليات المنع، ممنوع\n\nإجراء.\n";
        let (terms, _) = parse_glossary(Path::new("src/glossary.md"), text);
        assert_eq!(terms[0].aliases, ["blocages", "bloqué"]);
        assert_eq!(terms[0].definition, "Une mesure.");
        assert_eq!(terms[1].aliases, ["عمليات المنع", "ممنوع"]);
        assert_eq!(terms[1].definition, "إجراء.");
    }
}
