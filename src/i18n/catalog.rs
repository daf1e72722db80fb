//! Templates and catalogs: extracting a book's messages, merging a template into a
//! translation, and counting what is translated.

use crate::diagnostic::Diagnostic;
use crate::i18n::language::plural_forms;
use crate::i18n::plural::PluralForms;
use crate::i18n::po::{PoEntry, PoFile};
use crate::parse::is_marker_line;
use crate::ui::{THEME_STRINGS, UiStrings, placeholders};
use std::path::{Path, PathBuf};

/// Context of the tool's own interface strings in PO files.
pub const UI_CONTEXT: &str = "ui";

/// The template's `Plural-Forms`: English's, which a translation replaces with its language's.
pub const ENGLISH_PLURAL_FORMS: &str = "nplurals=2; plural=(n != 1);";

/// A source file whose messages are extracted: its path relative to the book and its text.
pub struct SourceText<'a> {
    pub display: PathBuf,
    pub text: &'a str,
}

fn add_message(
    template: &mut PoFile,
    msgctxt: Option<&str>,
    msgid: &str,
    reference: String,
    comment: &str,
) {
    match template
        .entries
        .iter_mut()
        .find(|e| e.key() == (msgctxt, msgid))
    {
        Some(entry) => {
            if !entry.references.contains(&reference) {
                entry.references.push(reference);
            }
            if !comment.is_empty() && !entry.extracted_comments.iter().any(|c| c == comment) {
                entry.extracted_comments.push(comment.to_string());
            }
        }
        None => {
            let mut entry = PoEntry::new(msgctxt, msgid);
            entry.references.push(reference);
            if !comment.is_empty() {
                entry.extracted_comments.push(comment.to_string());
            }
            template.entries.push(entry);
        }
    }
}

/// The header field that tools built on polib (mdbook-gettext) require in every PO file.
pub const POT_CREATION_DATE: &str = "POT-Creation-Date";

/// The template of a book: SUMMARY titles, every chapter message (not block markers), and the
/// interface strings of the tool and its page template under msgctxt `ui`.
pub fn extract_template(title: &str, sources: &[SourceText<'_>]) -> (PoFile, Vec<Diagnostic>) {
    let mut template = PoFile {
        header_comments: vec![
            format!("Messages of \"{title}\", for translation."),
            "Made by `mdbook-training i18n extract`; do not edit, translate po/LANG.po."
                .to_string(),
        ],
        header_flags: vec!["fuzzy".into()],
        header: vec![
            ("Project-Id-Version".into(), title.to_string()),
            // polib, and so mdbook-gettext, cannot read a file without it; no date, so that
            // extracting the same sources gives the same template.
            (POT_CREATION_DATE.into(), "YEAR-MO-DA HO:MI+ZONE".into()),
            ("PO-Revision-Date".into(), "YEAR-MO-DA HO:MI+ZONE".into()),
            ("Last-Translator".into(), "FULL NAME <EMAIL@ADDRESS>".into()),
            ("Language-Team".into(), "LANGUAGE <LL@li.org>".into()),
            ("Language".into(), String::new()),
            ("MIME-Version".into(), "1.0".into()),
            ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ("Content-Transfer-Encoding".into(), "8bit".into()),
            ("Plural-Forms".into(), ENGLISH_PLURAL_FORMS.into()),
        ],
        entries: Vec::new(),
    };
    let mut diagnostics = Vec::new();
    for source in sources {
        if let Some(problem) = crate::limits::nesting_error(&source.display, source.text) {
            diagnostics.push(problem);
            continue;
        }
        match mdbook_i18n_helpers::extract_messages(source.text) {
            Ok(messages) => {
                let is_summary = source.display.ends_with("SUMMARY.md");
                for (line, mut message) in messages {
                    if is_marker_line(&message.message) {
                        continue;
                    }
                    // As mdbook-xgettext offers them: a SUMMARY entry is its title, not its link.
                    if is_summary {
                        message.message = without_links(&message.message);
                    }
                    let reference =
                        format!("{}:{line}", source.display.display()).replace('\\', "/");
                    add_message(
                        &mut template,
                        None,
                        &message.message,
                        reference,
                        &message.comment,
                    );
                }
            }
            Err(err) => diagnostics.push(Diagnostic::error(
                &source.display,
                0,
                format!("cannot extract messages: {err}"),
            )),
        }
    }
    for (key, text) in UiStrings::default().entries() {
        let mut comment = format!("Interface: {key}.");
        let names = placeholders(&text);
        if !names.is_empty() {
            comment.push_str(&format!(" Keep {} as written.", names.join(" and ")));
        }
        add_message(
            &mut template,
            Some(UI_CONTEXT),
            &text,
            "src/ui.rs".into(),
            &comment,
        );
    }
    for (key, one, other, count) in crate::ui::COUNTED {
        let names = placeholders(other).join(" and ");
        let mut entry = PoEntry::new(Some(UI_CONTEXT), one);
        entry.msgid_plural = Some(other.to_string());
        entry.msgstr = vec![String::new(); 2];
        entry.references.push("src/ui.rs".into());
        entry.extracted_comments.push(format!(
            "Interface: {key}, with a form for each count. Keep {names} as written; a form may leave out {{{count}}}."
        ));
        template.entries.push(entry);
    }
    for text in THEME_STRINGS {
        add_message(
            &mut template,
            Some(UI_CONTEXT),
            text,
            "theme/index.hbs".into(),
            "Page template: buttons, labels and menus.",
        );
    }
    (template, diagnostics)
}

/// `text` with its links' text kept and their targets dropped (`[Basics](basics.md)` is
/// `Basics`), as mdbook-xgettext writes SUMMARY entries.
pub(crate) fn without_links(text: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let events: Vec<_> = mdbook_i18n_helpers::extract_events(text, None)
        .into_iter()
        .filter(|(_, event)| {
            !matches!(
                event,
                Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)
            )
        })
        .collect();
    mdbook_i18n_helpers::reconstruct_markdown(&events, None)
        .map_or_else(|_| text.to_string(), |(markdown, _)| markdown)
}

/// Adds the messages of a Markdown string found at `line` of `display` (a string of a quiz
/// file, say) to a template.
pub fn add_string_messages(template: &mut PoFile, display: &Path, line: usize, markdown: &str) {
    // Too deep to extract safely; the build reports it where the quiz file is included.
    if crate::limits::too_deep(markdown).is_some() {
        return;
    }
    if let Ok(messages) = mdbook_i18n_helpers::extract_messages(markdown) {
        for (_, message) in messages {
            let reference = format!("{}:{line}", display.display()).replace('\\', "/");
            add_message(
                template,
                None,
                &message.message,
                reference,
                &message.comment,
            );
        }
    }
}

/// What share of a template one translation covers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub language: String,
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    pub total: usize,
    /// Translated messages whose `http(s)` link targets differ from the source's, to review.
    pub changed_links: usize,
}

impl Status {
    pub fn percent(count: usize, total: usize) -> f64 {
        if total == 0 {
            100.0
        } else {
            (count as f64) * 100.0 / (total as f64)
        }
    }
}

/// Counts, against the template, the messages a translation has translated, fuzzy or missing.
pub fn status(language: &str, template: &PoFile, translation: &PoFile) -> Status {
    let mut status = Status {
        language: language.to_string(),
        translated: 0,
        fuzzy: 0,
        untranslated: 0,
        total: template.entries.len(),
        changed_links: 0,
    };
    let by_key: std::collections::HashMap<_, _> = translation
        .entries
        .iter()
        .rev()
        .filter(|e| !e.obsolete)
        .map(|e| (e.key(), e))
        .collect();
    for entry in &template.entries {
        match by_key.get(&entry.key()) {
            Some(t) if t.is_translated() => {
                status.translated += 1;
                status.changed_links +=
                    crate::i18n::checks::changed_web_links(&t.msgid, &t.msgstr[0]);
            }
            Some(t) if t.is_fuzzy() && t.msgstr.iter().any(|s| !s.is_empty()) => status.fuzzy += 1,
            _ => status.untranslated += 1,
        }
    }
    status
}

/// A new translation of `template` for `language`, with nothing translated yet.
pub fn new_translation(template: &PoFile, language: &str) -> PoFile {
    let mut po = template.clone();
    po.header_comments = vec![format!("Translation into {language}.")];
    po.header_flags.clear();
    po.set_header("Language", language);
    po.set_header("Plural-Forms", plural_forms(language));
    for entry in &mut po.entries {
        entry.msgstr = vec![String::new(); entry.msgstr.len().max(1)];
    }
    fit_plural_forms(&mut po, language);
    po
}

/// Gives `po` its language's `Plural-Forms` when it has none, and each untranslated or fuzzy
/// plural message as many forms as that header declares, as `msginit` and `msgmerge` do (a
/// fuzzy one repeats its first form for the translator to rewrite).
pub fn fit_plural_forms(po: &mut PoFile, language: &str) {
    if po.header_value("Plural-Forms").is_none() {
        po.set_header("Plural-Forms", plural_forms(language));
    }
    let Some(Ok(forms)) = po.header_value("Plural-Forms").map(PluralForms::parse) else {
        return;
    };
    let plural = |e: &&mut PoEntry| e.msgid_plural.is_some() && !e.obsolete;
    for entry in po.entries.iter_mut().filter(plural) {
        if entry.msgstr.len() != forms.count
            && (entry.is_fuzzy() || entry.msgstr.iter().all(String::is_empty))
        {
            let first = entry.msgstr.first().cloned().unwrap_or_default();
            entry.msgstr.resize(forms.count, first);
        }
    }
}

/// Reads `po/LANG.po` names: the language tags of a book's translations.
pub fn translation_languages(po_dir: &Path) -> Vec<String> {
    let mut languages: Vec<String> = std::fs::read_dir(po_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".po").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    languages.sort();
    languages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::merge::merge;

    fn template() -> PoFile {
        let (t, d) = extract_template(
            "Book",
            &[SourceText {
                display: "src/a.md".into(),
                text: "# Title\n\n{{#quiz q}}\n\n- [x] Yes\n\n{{/quiz}}\n\n<!-- i18n:comment Greeting -->\nHello.\n\nHello.\n",
            }],
        );
        assert!(d.is_empty());
        t
    }

    #[test]
    fn extraction_skips_markers_and_merges_references() {
        let t = template();
        assert!(t.find(None, "{{#quiz q}}").is_none());
        let hello = t.find(None, "Hello.").unwrap();
        assert_eq!(hello.references, ["src/a.md:10", "src/a.md:12"]);
        assert_eq!(hello.extracted_comments, ["Greeting"]);
        assert!(t.find(Some("ui"), "Test yourself!").is_some());
        assert!(t.find(Some("ui"), "Previous chapter").is_some());
        let best = t.find(Some("ui"), "The best answer is {answer}.").unwrap();
        assert!(best.extracted_comments[0].contains("Keep {answer} as written"));
    }

    #[test]
    fn merge_keeps_marks_fuzzy_and_obsoletes() {
        let mut fr = new_translation(&template(), "fr");
        for entry in &mut fr.entries {
            if entry.msgid == "Hello." {
                entry.msgstr = vec!["Bonjour.".into()];
            }
            if entry.msgid == "Title" {
                entry.msgstr = vec!["Titre".into()];
            }
        }
        let (new_template, _) = extract_template(
            "Book",
            &[SourceText {
                display: "src/a.md".into(),
                text: "# Titles\n\nHello.\n",
            }],
        );
        let merged = merge(&new_template, &fr, "fr");
        assert_eq!(
            merged.find(None, "Hello.").unwrap().translation(),
            Some("Bonjour.")
        );
        let titles = merged.find(None, "Titles").unwrap();
        assert!(titles.is_fuzzy() && titles.previous_msgid.as_deref() == Some("Title"));
        assert!(
            merged
                .entries
                .iter()
                .all(|e| !e.obsolete || e.msgid != "Hello.")
        );
        let s = status("fr", &new_template, &merged);
        assert_eq!((s.translated, s.fuzzy), (1, 1));
        assert_eq!(s.total, new_template.entries.len());
    }
}
