//! HTML escaping: text made safe for element content and attribute values, the one escape the
//! project and its templates use.

/// Text made safe for HTML element content and for attribute values in either quote; the
/// templates' escape too.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text, |byte| match byte {
        b'"' => Some("&quot;"),
        _ => markup_entity(byte),
    });
    out
}

/// Text made safe for an attribute value in single quotes. JSON's many `"` stay as they are,
/// where an attribute in double quotes would carry each as `&quot;`.
pub fn escape_single_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text, markup_entity);
    out
}

/// The entity for `&`, `<`, `>`, `'` and line breaks, which no escaped text keeps: a blank line
/// would end the raw HTML block that a rendered block is in the chapter's Markdown.
fn markup_entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'\n' => Some("&#10;"),
        b'\r' => Some("&#13;"),
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// `text` at the end of `out`, each byte that `entity` names written as that entity.
fn escape_into(out: &mut String, text: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let Some(entity) = entity(byte) else {
            continue;
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_text_and_either_attribute_quote() {
        assert_eq!(
            escape_html(r#"a & b <c> "d" 'e' é"#),
            "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; é"
        );
        assert_eq!(escape_html("plain"), "plain");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn single_quoted_attributes_keep_double_quotes() {
        assert_eq!(
            escape_single_quoted(r#"{"a":"it's <b> & \"c\""}"#),
            r#"{"a":"it&#39;s &lt;b&gt; &amp; \"c\""}"#
        );
    }
}
