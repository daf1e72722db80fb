//! Translating an edition: a PO file checked message by message, then applied to chapters.

use crate::diagnostic::Diagnostic;
use crate::i18n::catalog::UI_CONTEXT;
use crate::i18n::checks::check_message;
use crate::i18n::groups::{CutGroup, GroupCache, cut};
use crate::i18n::plural::{PluralForms, PluralRule};
use crate::i18n::po::{PoFile, parse_po};
use crate::ui::{Counted, CountedStrings, UiStrings, placeholders};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A checked translation, ready to apply to a book.
pub struct Translation {
    pub language: String,
    /// Chapter messages whose translations passed every check: each translation by its
    /// `msgid` (a map of its own rather than a PO catalog, which holds every message's comments
    /// and flags too: 21 of them were a third of a large build's memory).
    messages: HashMap<String, String>,
    /// Interface strings of the tool and the page template, by English text.
    ui: HashMap<String, String>,
    /// Interface strings with a count: each form, by the English singular.
    counted: HashMap<String, Vec<String>>,
    /// The file's `Plural-Forms`, which picks a form for a count.
    plural: Option<PluralForms>,
    /// The book's own language: a paragraph left untranslated is marked as written in it.
    pub source_language: Option<String>,
    /// The build's source chapters cut into groups, shared by its editions.
    pub groups: Option<Arc<GroupCache>>,
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
        let mut messages = HashMap::new();
        let mut ui = HashMap::new();
        let mut counted = HashMap::new();
        let plural = po
            .header_value("Plural-Forms")
            .and_then(|value| PluralForms::parse(value).ok());
        let forms = plural.as_ref().map_or(0, |p| p.count);
        for entry in &po.entries {
            if entry.msgid_plural.is_some() {
                if let Some(forms) = counted_forms(display, entry, forms, &mut diagnostics) {
                    counted.insert(entry.msgid.clone(), forms);
                }
                continue;
            }
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
            let cleaned = without_bidi_overrides(&cleaned);
            if msgstr.chars().any(is_bidi_override) {
                diagnostics.push(
                    Diagnostic::warning(
                        display,
                        entry.line,
                        "the translation holds bidirectional embedding or override controls (U+202A–U+202E), which make text read in another order than it is written; they are left out",
                    )
                    .with_hint("give a passage its direction with `<bdi>`, `<span dir>` or the isolates U+2066–U+2069"),
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
                if let Some(why) = file_name_problem(&entry.msgid, msgstr) {
                    diagnostics.push(
                        Diagnostic::warning(display, entry.line, format!("the translation of \"{}\" names the file a reader saves, but {why}; the English name is used", entry.msgid))
                            .with_hint("write one file name without folders, ending as the English name ends"),
                    );
                    continue;
                }
                ui.insert(entry.msgid.clone(), msgstr.to_string());
                continue;
            }
            match check_message(&entry.msgid, msgstr) {
                Ok(notes) => diagnostics.extend(notes.into_iter().map(|note| {
                    Diagnostic::warning(
                        display,
                        entry.line,
                        format!("{note}; the translation is used"),
                    )
                    .with_hint("check that the new target is right for readers of this language")
                })),
                Err(why) => {
                    diagnostics.push(
                        Diagnostic::warning(display, entry.line, format!("{why}; the source text is used"))
                            .with_hint("translate the words only: keep links, markup and block markers as in the msgid; `<bdi>`, `<bdo dir>` and `<span dir>`/`<span lang>` may be added"),
                    );
                    continue;
                }
            }
            if !msgstr.is_empty() {
                messages.insert(entry.msgid.clone(), msgstr.to_string());
            }
        }
        messages.shrink_to_fit();
        (
            Translation {
                language: language.to_string(),
                messages,
                ui,
                counted,
                plural,
                source_language: None,
                groups: None,
            },
            diagnostics,
        )
    }

    /// The tool's interface strings in this language (English where untranslated).
    pub fn ui_strings(&self, source: &UiStrings) -> UiStrings {
        source.translated(|text| self.ui.get(text).cloned())
    }

    /// The interface strings with a count in this language: its plural forms where translated,
    /// an older file's one-form translation for every count, English otherwise.
    pub fn counted_strings(&self) -> CountedStrings {
        CountedStrings::from_fn(|one, other| {
            let rule = self.plural.as_ref().map(|p| p.rule.clone());
            match (self.counted.get(one), rule, self.ui.get(one)) {
                (Some(forms), Some(rule), _) => Counted {
                    forms: forms.clone(),
                    rule,
                },
                (_, _, Some(single)) => Counted {
                    forms: vec![single.clone()],
                    rule: PluralRule::Number(0),
                },
                _ => Counted {
                    forms: vec![one.to_string(), other.to_string()],
                    rule: PluralForms::english().rule,
                },
            }
        })
    }

    /// An interface string of the page template in this language, if translated.
    pub fn theme_string(&self, english: &str) -> Option<&str> {
        self.ui.get(english).map(String::as_str)
    }

    /// A title in this language.
    pub fn translate_markdown(&self, text: &str) -> Result<String, String> {
        self.translated_groups(&cut(text)?, false)
    }

    /// One chapter's Markdown in this language, as mdbook-i18n-helpers' `translate_events`
    /// does it, except that a paragraph left in the source language says so: its text is
    /// wrapped in `<span class="training-untranslated" lang=… dir="ltr|rtl">`, so that it is
    /// read, and its full stops placed, as the language it is written in.
    pub fn translate_chapter(&self, text: &str) -> Result<String, String> {
        let groups = match &self.groups {
            Some(cache) => cache.groups(text)?,
            None => Arc::new(cut(text)?),
        };
        self.translated_groups(&groups, true)
    }

    /// Groups of source events reassembled in this language: each message's translation in
    /// place of its events, as `translate_events` does.
    fn translated_groups(&self, groups: &[CutGroup], mark: bool) -> Result<String, String> {
        use mdbook_i18n_helpers::{extract_events, reconstruct_markdown, trim_paragraph};
        let mut out = Vec::new();
        for group in groups {
            let events = &group.events;
            match self.translated(group) {
                Some(msgstr) => out.extend_from_slice(trim_paragraph(
                    &extract_events(msgstr, group.read_as.state()),
                    events,
                )),
                None if mark && group.translatable => {
                    out.extend(self.marked_untranslated(events.clone(), &group.msgid))
                }
                None => out.extend(events.iter().cloned()),
            }
        }
        let (markdown, _) = reconstruct_markdown(&out, None).map_err(|e| e.to_string())?;
        Ok(markdown)
    }

    fn translated(&self, group: &CutGroup) -> Option<&str> {
        if !group.translatable {
            return None;
        }
        self.messages.get(&group.msgid).map(String::as_str)
    }

    /// A whole paragraph left in the source language, its text marked as such; anything else
    /// (a cell, an option's first line, a block marker) as it is.
    fn marked_untranslated<'a>(
        &self,
        events: Vec<(usize, pulldown_cmark::Event<'a>)>,
        msgid: &str,
    ) -> Vec<(usize, pulldown_cmark::Event<'a>)> {
        use pulldown_cmark::{Event, Tag, TagEnd};
        let whole_paragraph = matches!(events.first(), Some((_, Event::Start(Tag::Paragraph))))
            && matches!(events.last(), Some((_, Event::End(TagEnd::Paragraph))));
        let Some(source) = self.source_language.as_deref() else {
            return events;
        };
        if !whole_paragraph || events.len() < 3 || crate::parse::is_marker_line(msgid) {
            return events;
        }
        let dir = if crate::i18n::language::is_right_to_left(source) {
            "rtl"
        } else {
            "ltr"
        };
        // The book's `language` is the author's text: escaped like every attribute.
        let lang = crate::escape::escape_html(source);
        let line = events[0].0;
        let open = format!("<span class=\"training-untranslated\" lang=\"{lang}\" dir=\"{dir}\">");
        let mut marked = Vec::with_capacity(events.len() + 2);
        marked.push(events[0].clone());
        marked.push((line, Event::InlineHtml(open.into())));
        marked.extend_from_slice(&events[1..events.len() - 1]);
        marked.push((line, Event::InlineHtml("</span>".into())));
        marked.push(events[events.len() - 1].clone());
        marked
    }
}

/// The forms of a translated interface string with a count, when each keeps the English
/// placeholders (the count itself may be left out, as in "one minute").
fn counted_forms(
    display: &Path,
    entry: &crate::i18n::po::PoEntry,
    forms: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    if entry.obsolete
        || entry.msgctxt.as_deref() != Some(UI_CONTEXT)
        || !entry.is_translated()
        || entry.msgstr.len() != forms
    {
        return None;
    }
    let count = crate::ui::COUNTED
        .iter()
        .find(|c| c.1 == entry.msgid)
        .map(|c| format!("{{{}}}", c.3));
    let wanted = placeholders(entry.msgid_plural.as_deref().unwrap_or_default());
    let fits = |form: &String| {
        let have = placeholders(form);
        wanted
            .iter()
            .all(|name| have.contains(name) || Some(*name) == count.as_deref())
            && have.iter().all(|name| wanted.contains(name))
    };
    if entry.msgstr.iter().all(fits) {
        return Some(
            entry
                .msgstr
                .iter()
                .map(|f| without_control_characters(f))
                .collect(),
        );
    }
    diagnostics.push(
        Diagnostic::warning(
            display,
            entry.line,
            format!(
                "a form of \"{}\" changes its placeholders; the English text is used",
                entry.msgid
            ),
        )
        .with_hint(format!(
            "keep {} exactly as written in every form",
            wanted.join(" and ")
        )),
    );
    None
}

/// `text` without the control characters no page may hold: all but tab and line breaks.
fn without_control_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect()
}

/// Bidirectional embedding and override controls (LRE, RLE, PDF, LRO, RLO).
fn is_bidi_override(c: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&c)
}

fn without_bidi_overrides(text: &str) -> String {
    text.chars().filter(|c| !is_bidi_override(*c)).collect()
}

/// Why `name`, the translation of an interface string that names a file the reader saves
/// (`my-notes.txt`), cannot be that file's name; `None` when it can.
fn file_name_problem(msgid: &str, name: &str) -> Option<String> {
    let defaults = crate::ui::UiStrings::default();
    if msgid != defaults.progress_file_name && msgid != defaults.notes_file_name {
        return None;
    }
    let extension = msgid.rsplit_once('.').map_or("", |(_, e)| e);
    let Some(stem) = name.strip_suffix(&format!(".{extension}")) else {
        return Some(format!("it does not end in .{extension}"));
    };
    let unsafe_char = |c: char| c.is_control() || is_bidi_override(c) || "/\\:*?\"<>|".contains(c);
    if stem.trim().is_empty() || stem.starts_with('.') || stem.chars().count() > 100 {
        return Some("it is empty, hidden or too long".to_string());
    }
    stem.chars()
        .any(unsafe_char)
        .then(|| "it holds a folder separator or a character file systems refuse".to_string())
}

/// The plain text of one line of Markdown (a translated title): its words, unescaped, without
/// markup, so that a title is escaped once, where it is written into a page.
pub fn markdown_line_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.to_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect::<String>()
        .trim()
        .to_string()
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

    #[test]
    fn a_paragraph_left_untranslated_is_marked_as_the_source_language() {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Done.\"\nmsgstr \"Fait.\"\n";
        let (translation, _) = Translation::load(Path::new("po/ar.po"), "ar", po);
        let mut translation = translation.unwrap();
        translation.source_language = Some("en".into());
        let out = translation
            .translate_chapter(
                "# Title\n\nDone.\n\nNot yet.\n\n{{#quiz q}}\n\n- [ ] Option\n\n{{/quiz}}\n",
            )
            .unwrap();
        assert!(out.contains("\nFait.\n"), "{out}");
        assert!(
            out.contains(
                "<span class=\"training-untranslated\" lang=\"en\" dir=\"ltr\">Not yet.</span>"
            ),
            "{out}"
        );
        assert!(
            out.contains("\n{{#quiz q}}\n") && out.contains("- [ ] Option"),
            "markers and options untouched: {out}"
        );
        assert!(out.contains("# Title"), "headings untouched: {out}");
    }

    #[test]
    fn the_books_language_cannot_add_attributes_to_an_untranslated_paragraph() {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n";
        let (translation, _) = Translation::load(Path::new("po/fr.po"), "fr", po);
        let mut translation = translation.unwrap();
        translation.source_language = Some("en\" onmouseover=\"alert(1)".into());
        let out = translation.translate_chapter("Not yet.\n").unwrap();
        assert!(!out.contains("\" onmouseover"), "{out}");
        assert!(
            out.contains("lang=\"en&quot; onmouseover=&quot;alert(1)\""),
            "{out}"
        );
    }
}
