//! The glossary chapter: one `## Term {#id}` heading per term, then its definition.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::GlossaryTerm;
use crate::parse::markdown_options;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::Path;

/// Prefix of the optional line naming a term's other names: `*Also:* revdel, RevDel`.
const ALSO: &str = "Also:";

struct Building {
    term: GlossaryTerm,
    paragraphs: Vec<String>,
}

/// Reads the terms of a glossary chapter. `display_path` is used in diagnostics.
pub fn parse_glossary(display_path: &Path, text: &str) -> (Vec<GlossaryTerm>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let mut terms = Vec::new();
    let mut diagnostics = Vec::new();
    let mut current: Option<Building> = None;
    let mut in_heading: Option<(Option<String>, usize, String)> = None;
    let mut paragraph: Option<String> = None;

    let finish = |building: Building, terms: &mut Vec<GlossaryTerm>| {
        let mut term = building.term;
        let mut paragraphs = building.paragraphs.into_iter().peekable();
        if let Some(aliases) = paragraphs.peek().and_then(|p| p.strip_prefix(ALSO)) {
            term.aliases = aliases
                .split(',')
                .map(|a| a.trim().trim_end_matches('.').to_string())
                .filter(|a| !a.is_empty())
                .collect();
            paragraphs.next();
        }
        term.definition = paragraphs.collect::<Vec<_>>().join(" ");
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
            }
            Event::End(TagEnd::Paragraph) => {
                if let (Some(p), Some(building)) = (paragraph.take(), current.as_mut()) {
                    building.paragraphs.push(p.trim().to_string());
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
}
