//! Translating an edition: a PO file checked message by message, then applied to chapters.

use crate::diagnostic::Diagnostic;
use crate::i18n::catalog::UI_CONTEXT;
use crate::i18n::po::{PoFile, parse_po};
use crate::parse::markdown_options;
use crate::ui::{UiStrings, placeholders};
use polib::catalog::Catalog;
use polib::message::Message;
use polib::metadata::CatalogMetadata;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A checked translation, ready to apply to a book.
pub struct Translation {
    pub language: String,
    /// Chapter messages whose translations passed every check.
    catalog: Catalog,
    /// Interface strings of the tool and the page template, by English text.
    ui: HashMap<String, String>,
}

/// Link destinations and raw HTML of a Markdown message, which a translation must keep.
fn structure(markdown: &str) -> (Vec<String>, Vec<String>) {
    let mut links = Vec::new();
    let mut html = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string())
            }
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.trim().to_string()),
            _ => {}
        }
    }
    links.sort();
    html.sort();
    (links, html)
}

/// The `{#id .class key=value}` attributes `text` gets when it stands as a heading, as mdBook
/// reads them: a translation may not add or change them (an id, a class, an event handler).
fn heading_attributes(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let heading = format!("# {first_line}");
    for event in Parser::new_ext(&heading, markdown_options()) {
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        {
            return format!("{id:?} {classes:?} {attrs:?}");
        }
    }
    String::new()
}

/// The kinds of block `markdown` is made of, in order: a translation keeps the message's shape.
fn block_shape(markdown: &str) -> Vec<std::mem::Discriminant<Tag<'_>>> {
    Parser::new_ext(markdown, markdown_options())
        .filter_map(|event| match event {
            Event::Start(tag) if !is_inline(&tag) => Some(std::mem::discriminant(&tag)),
            _ => None,
        })
        .collect()
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Why a translation may not replace its source text, if it may not.
fn check_message(msgid: &str, msgstr: &str) -> Option<String> {
    if let Some(line) = crate::limits::too_deep(msgstr) {
        return Some(format!(
            "line {line} of the translation nests quotes or lists more than {} deep",
            crate::limits::MAX_NESTING
        ));
    }
    if crate::limits::too_long(msgid, msgstr) {
        return Some(format!(
            "the translation is {} bytes long, far more than its source needs",
            msgstr.len()
        ));
    }
    if heading_attributes(msgid) != heading_attributes(msgstr) {
        return Some(
            "the translation adds or changes heading attributes (`{#id .class …}`)".into(),
        );
    }
    if block_shape(msgid) != block_shape(msgstr) {
        return Some(
            "the translation changes the message's shape (paragraphs, lists, code blocks, headings)"
                .into(),
        );
    }
    let markers = |s: &str| {
        s.lines()
            .filter(|l| crate::parse::is_marker_line(l))
            .count()
            + s.matches("{{#").count()
            + s.matches("{{/").count()
    };
    if markers(msgstr) != markers(msgid) {
        return Some("the translation adds or removes a block marker (`{{#…}}`/`{{/…}}`)".into());
    }
    let (source_links, source_html) = structure(msgid);
    let (links, html) = structure(msgstr);
    if let Some(extra) = html.iter().find(|h| !source_html.contains(h)) {
        return Some(format!(
            "the translation adds markup the source does not have: `{extra}`"
        ));
    }
    if html.len() != source_html.len() {
        return Some("the translation drops markup the source has".into());
    }
    if links != source_links {
        let added: Vec<_> = links.iter().filter(|l| !source_links.contains(l)).collect();
        return Some(match added.first() {
            Some(l) => format!("the translation changes a link target to `{l}`"),
            None => "the translation drops a link of the source".into(),
        });
    }
    None
}

impl Translation {
    /// Reads and checks `po_text`. Syntax errors are errors; a message whose translation would
    /// change the page's structure or add markup is a warning, and its source text is used.
    pub fn load(
        display: &Path,
        language: &str,
        po_text: &str,
    ) -> (Option<Translation>, Vec<Diagnostic>) {
        let (po, mut diagnostics) = parse_po(display, po_text);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return (None, diagnostics);
        }
        let (translation, warnings) = Translation::from_po(display, language, &po);
        diagnostics.extend(warnings);
        (Some(translation), diagnostics)
    }

    pub fn from_po(display: &Path, language: &str, po: &PoFile) -> (Translation, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut catalog = Catalog::new(CatalogMetadata::new());
        let mut ui = HashMap::new();
        for entry in &po.entries {
            let Some(msgstr) = entry.translation() else {
                continue;
            };
            if entry.obsolete {
                continue;
            }
            let cleaned = without_control_characters(msgstr);
            if cleaned.len() != msgstr.len() {
                diagnostics.push(
                    Diagnostic::warning(
                        display,
                        entry.line,
                        "the translation holds control characters (such as NUL); they are left out",
                    )
                    .with_hint("save the file again as plain UTF-8 text"),
                );
            }
            let msgstr = cleaned.as_str();
            if entry.msgctxt.as_deref() == Some(UI_CONTEXT) {
                if placeholders(msgstr) != placeholders(&entry.msgid) {
                    diagnostics.push(
                        Diagnostic::warning(display, entry.line, format!("the translation of \"{}\" changes its placeholders; the English text is used", entry.msgid))
                            .with_hint(match placeholders(&entry.msgid) {
                                names if names.is_empty() => "the English text has no `{…}` placeholder: write none".to_string(),
                                names => format!("keep {} exactly as written", names.join(" and ")),
                            }),
                    );
                    continue;
                }
                ui.insert(entry.msgid.clone(), msgstr.to_string());
                continue;
            }
            if let Some(why) = check_message(&entry.msgid, msgstr) {
                diagnostics.push(
                    Diagnostic::warning(display, entry.line, format!("{why}; the source text is used"))
                        .with_hint("translate the words only: keep links, markup and block markers as in the msgid"),
                );
                continue;
            }
            catalog.append_or_update(
                Message::build_singular()
                    .with_msgid(entry.msgid.clone())
                    .with_msgstr(msgstr.to_string())
                    .done(),
            );
        }
        mdbook_i18n_helpers::gettext::add_stripped_summary_translations(&mut catalog);
        (
            Translation {
                language: language.to_string(),
                catalog,
                ui,
            },
            diagnostics,
        )
    }

    /// The tool's interface strings in this language (English where untranslated).
    pub fn ui_strings(&self, source: &UiStrings) -> UiStrings {
        source.translated(|text| self.ui.get(text).cloned())
    }

    /// An interface string of the page template in this language, if translated.
    pub fn theme_string(&self, english: &str) -> Option<&str> {
        self.ui.get(english).map(String::as_str)
    }

    /// One chapter's Markdown (or title) in this language.
    pub fn translate_markdown(&self, text: &str) -> Result<String, String> {
        let events = mdbook_i18n_helpers::extract_events(text, None);
        let translated = mdbook_i18n_helpers::translate_events(&events, &self.catalog)
            .map_err(|e| e.to_string())?;
        let (markdown, _) = mdbook_i18n_helpers::reconstruct_markdown(&translated, None)
            .map_err(|e| e.to_string())?;
        Ok(markdown)
    }
}

/// `text` without the control characters no page may hold: all but tab and line breaks.
fn without_control_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect()
}

/// `po/LANG.po` of a book, relative to the book's root.
pub fn po_path(language: &str) -> PathBuf {
    PathBuf::from("po").join(format!("{language}.po"))
}

/// Replaces the page template's English words by their translations, HTML-escaped.
pub fn translate_template(template: &str, translation: &Translation) -> String {
    let mut out = template.to_string();
    for english in crate::ui::THEME_STRINGS {
        if let Some(text) = translation.theme_string(english) {
            // Text, never template syntax: braces are written as character references.
            let text = crate::escape::escape_html(text)
                .replace('{', "&#123;")
                .replace('}', "&#125;");
            out = out
                .replace(&format!("\"{english}\""), &format!("\"{text}\""))
                .replace(&format!(">{english}<"), &format!(">{text}<"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Hello [world](glossary:world).\"\nmsgstr \"Bonjour [monde](glossary:world).\"\n\nmsgid \"Safe.\"\nmsgstr \"Sûr <script>alert(1)</script>.\"\n\nmsgid \"Linked [here](section:here).\"\nmsgstr \"Lié [ici](javascript:alert(1)).\"\n\nmsgid \"Plain.\"\nmsgstr \"<img src=x onerror=alert(1)>\"\n\nmsgid \"Block.\"\nmsgstr \"Bloc.\\n\\n{{#quiz evil}}\"\n\nmsgctxt \"ui\"\nmsgid \"The best answer is {answer}.\"\nmsgstr \"La meilleure réponse est {réponse}.\"\n\nmsgctxt \"ui\"\nmsgid \"Check\"\nmsgstr \"Vérifier\"\n";

    #[test]
    fn hostile_messages_fall_back_to_the_source() {
        let (translation, diags) = Translation::load(Path::new("po/fr.po"), "fr", PO);
        let translation = translation.unwrap();
        let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [7, 10, 13, 16, 20], "{diags:?}");
        assert!(diags.iter().all(|d| !d.is_error()));
        let out = translation.translate_markdown("Hello [world](glossary:world).\n\nSafe.\n\nLinked [here](section:here).\n\nPlain.\n\nBlock.\n").unwrap();
        assert!(out.contains("Bonjour [monde](glossary:world)."), "{out}");
        assert!(out.contains("Safe.") && !out.contains("script"));
        assert!(out.contains("(section:here)") && !out.contains("javascript"));
        assert!(!out.contains("onerror") && !out.contains("evil"));
        let ui = translation.ui_strings(&UiStrings::default());
        assert_eq!(ui.check, "Vérifier");
        assert_eq!(ui.best_answer_is, "The best answer is {answer}.");
    }

    #[test]
    fn structure_survives_translation() {
        let (translation, _) = Translation::load(
            Path::new("po/fr.po"),
            "fr",
            "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Two\"\nmsgstr \"Deux\"\n",
        );
        let source = "# Title {#title}\n\n{{#quiz q}}\n\n- [ ] One\n- [x] Two\n\n  > Why\n\n{{/quiz}}\n\nText[^1].\n\n[^1]: Note.\n";
        let out = translation.unwrap().translate_markdown(source).unwrap();
        let (parsed, problems) =
            crate::parse::parse_chapter(Path::new("a.md"), Path::new("src/a.md"), &out);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(parsed.anchors[0].id, "title", "{out}");
        assert_eq!(parsed.blocks.len(), 1);
        assert!(
            out.contains("{{#quiz q}}") && out.contains("{{/quiz}}"),
            "{out}"
        );
        assert!(out.contains("[x] Deux"), "{out}");
        assert!(out.contains("[^1]"), "{out}");
    }
}
