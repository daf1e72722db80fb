//! The checks a translated message passes before it replaces its source text: the same
//! shape, heading attributes, block markers, markup and links. Translations are untrusted: what
//! could run, redirect or break the page is refused; bidirectional-text markup and a changed
//! `http(s)` link target are accepted, the latter with a warning.

use crate::parse::markdown_options;
use pulldown_cmark::{Event, Parser, Tag};

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

/// Whether a translation may replace its source text: `Ok` with notes for the translator to
/// review (each `http(s)` link target it changed), or `Err` with why the source text is used.
pub fn check_message(msgid: &str, msgstr: &str) -> Result<Vec<String>, String> {
    if let Some(line) = crate::limits::too_deep(msgstr) {
        return Err(format!(
            "line {line} of the translation nests quotes or lists more than {} deep",
            crate::limits::MAX_NESTING
        ));
    }
    if crate::limits::too_long(msgid, msgstr) {
        return Err(format!(
            "the translation is {} bytes long, far more than its source needs",
            msgstr.len()
        ));
    }
    if heading_attributes(msgid) != heading_attributes(msgstr) {
        return Err("the translation adds or changes heading attributes (`{#id .class …}`)".into());
    }
    if block_shape(msgid) != block_shape(msgstr) {
        return Err(
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
        return Err("the translation adds or removes a block marker (`{{#…}}`/`{{/…}}`)".into());
    }
    let reply = crate::parse::REPLY_MARKER;
    if msgstr.matches(reply).count() != msgid.matches(reply).count() {
        return Err(format!(
            "the translation adds or removes the `{reply}` marker of a reply to reuse"
        ));
    }
    let (source_links, source_html) = structure(msgid);
    let (links, html) = structure(msgstr);
    let html: Vec<String> = html.into_iter().filter(|h| !is_bidi_markup(h)).collect();
    let source_html: Vec<String> = source_html
        .into_iter()
        .filter(|h| !is_bidi_markup(h))
        .collect();
    if let Some(extra) = html.iter().find(|h| !source_html.contains(h)) {
        return Err(format!(
            "the translation adds markup the source does not have: `{extra}`"
        ));
    }
    if html.len() != source_html.len() {
        return Err("the translation drops markup the source has".into());
    }
    link_changes(&source_links, &links)
}

/// What a translation did to the source's links: `Ok` with a note per `http(s)` target it
/// changed (or a link it repeats), `Err` for any other change.
fn link_changes(source: &[String], translated: &[String]) -> Result<Vec<String>, String> {
    let removed = without(source, translated);
    let added = without(translated, source);
    let mut notes = Vec::new();
    for (old, new) in removed.iter().zip(&added) {
        if !(is_web(old) && is_web(new)) {
            return Err(format!(
                "the translation changes a link target from `{old}` to `{new}` (only an http(s) address may be changed, to another)"
            ));
        }
        notes.push(format!(
            "the translation changes a link target from `{old}` to `{new}`"
        ));
    }
    if let Some(new) = added.get(removed.len()) {
        if source.contains(new) {
            notes.push(format!(
                "the translation links `{new}` more times than the source does"
            ));
        } else {
            return Err(format!(
                "the translation adds a link to `{new}`, which the source does not have"
            ));
        }
    }
    if let Some(old) = removed.get(added.len()) {
        if !translated.contains(old) {
            return Err(format!("the translation drops the link to `{old}`"));
        }
        notes.push(format!(
            "the translation links `{old}` fewer times than the source does"
        ));
    }
    Ok(notes)
}

/// How many `http(s)` link targets a translation changed, for review in `i18n status`.
pub fn changed_web_links(msgid: &str, msgstr: &str) -> usize {
    match check_message(msgid, msgstr) {
        Ok(notes) => notes
            .iter()
            .filter(|n| n.contains("changes a link target"))
            .count(),
        Err(_) => 0,
    }
}

/// The items of `list` left after taking out, one for one, those of `taken` (both sorted).
fn without(list: &[String], taken: &[String]) -> Vec<String> {
    let mut rest = taken.to_vec();
    list.iter()
        .filter(|item| match rest.iter().position(|t| t == *item) {
            Some(at) => {
                rest.remove(at);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn is_web(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Markup for bidirectional text, which cannot run or go anywhere: `<bdi>`, `<bdo dir>`,
/// `<span dir>` and `<span lang>` (with nothing else), and their closing tags. Translators of
/// Arabic, Persian and Hebrew set Latin terms apart with them.
fn is_bidi_markup(html: &str) -> bool {
    let Some(inner) = html.strip_prefix('<').and_then(|h| h.strip_suffix('>')) else {
        return false;
    };
    if let Some(name) = inner.strip_prefix('/') {
        return matches!(name.trim(), "bdi" | "bdo" | "span");
    }
    let mut parts = inner.split_whitespace();
    let name = parts.next().unwrap_or("");
    let attributes: Vec<&str> = parts.collect();
    let allowed = |attribute: &&str| match attribute.split_once('=') {
        Some(("dir", value)) => matches!(value.trim_matches(['"', '\'']), "ltr" | "rtl" | "auto"),
        Some(("lang", value)) => {
            let value = value.trim_matches(['"', '\'']);
            !value.is_empty()
                && value.len() <= 35
                && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        }
        _ => false,
    };
    match name {
        "bdi" => attributes.iter().all(allowed),
        "bdo" | "span" => !attributes.is_empty() && attributes.iter().all(allowed),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_marker_is_kept_as_it_is() {
        assert_eq!(
            check_message("{reply} Hello.", "{reply} Bonjour."),
            Ok(vec![])
        );
        let why = check_message("{reply} Hello.", "Bonjour.").unwrap_err();
        assert!(why.contains("`{reply}`"), "{why}");
        assert!(check_message("Hello.", "{reply} Bonjour.").is_err());
    }

    #[test]
    fn bidirectional_markup_is_accepted_and_anything_else_refused() {
        for ok in [
            "<span dir=\"ltr\">Wikipedia</span> در",
            "<bdi>Wikipedia</bdi> در",
            "<bdo dir='rtl'>abc</bdo>",
            "<span lang=\"en\">Wikipedia</span> <span dir=\"ltr\" lang=\"en-GB\">Meta</span>",
        ] {
            assert_eq!(check_message("Wikipedia on Meta", ok), Ok(vec![]), "{ok}");
        }
        for bad in [
            "<span dir=\"ltr\" onclick=\"x()\">W</span>",
            "<span style=\"color:red\">W</span>",
            "<span>W</span>",
            "<bdo>W</bdo>",
            "<span lang=\"x()\">W</span>",
            "<a href=\"https://evil.example\">W</a>",
        ] {
            let why = check_message("Wikipedia", bad).expect_err(bad);
            assert!(why.contains("adds markup"), "{bad}: {why}");
        }
    }

    #[test]
    fn a_changed_web_link_is_used_with_a_note_naming_both_targets() {
        let notes = check_message(
            "Read [the policy](https://meta.wikimedia.org/wiki/Policy).",
            "Lisez [la règle](https://meta.wikimedia.org/wiki/Policy/fr).",
        )
        .unwrap();
        assert_eq!(
            notes,
            [
                "the translation changes a link target from `https://meta.wikimedia.org/wiki/Policy` to `https://meta.wikimedia.org/wiki/Policy/fr`"
            ]
        );
        assert_eq!(
            changed_web_links("[a](https://a.example)", "[a](https://b.example)"),
            1
        );
    }

    #[test]
    fn each_other_link_change_is_named_for_what_it_is() {
        let refused = |msgid: &str, msgstr: &str| check_message(msgid, msgstr).unwrap_err();
        assert!(refused("See [x](https://a.example).", "Voir [x](javascript:alert(1)).").contains("changes a link target from `https://a.example` to `javascript:alert(1)` (only an http(s) address"));
        assert!(
            refused("See [x](section:intro).", "Voir [x](section:other).")
                .contains("changes a link target from `section:intro` to `section:other`")
        );
        assert!(
            refused("See x.", "Voir [x](https://a.example).")
                .contains("adds a link to `https://a.example`")
        );
        assert!(
            refused("See [x](https://a.example).", "Voir x.")
                .contains("drops the link to `https://a.example`")
        );
        // Two links for one to the same place is no dropped link: used, with a note.
        let notes = check_message(
            "See [x and y](glossary:x).",
            "Voir [x](glossary:x) et [y](glossary:x).",
        )
        .unwrap();
        assert_eq!(
            notes,
            ["the translation links `glossary:x` more times than the source does"]
        );
    }
}
