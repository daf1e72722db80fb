//! Gettext PO files: a strict reader that reports every problem with its line, and a writer.

use std::fmt::Write as _;

/// One message of a PO file or template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoEntry {
    /// Translator comments (`# …`).
    pub translator_comments: Vec<String>,
    /// Comments for translators extracted from the sources (`#. …`).
    pub extracted_comments: Vec<String>,
    /// Source references (`#: file:line`).
    pub references: Vec<String>,
    /// Flags (`#, fuzzy`).
    pub flags: Vec<String>,
    /// The previous msgid of a fuzzy entry (`#| msgid …`).
    pub previous_msgid: Option<String>,
    pub msgctxt: Option<String>,
    pub msgid: String,
    pub msgid_plural: Option<String>,
    /// `msgstr`, or `msgstr[0..n]` for plural messages.
    pub msgstr: Vec<String>,
    /// An obsolete entry (`#~`), kept for its translation.
    pub obsolete: bool,
    /// Line of the `msgid` keyword, for diagnostics.
    pub line: usize,
}

impl PoEntry {
    pub fn new(msgctxt: Option<&str>, msgid: &str) -> Self {
        PoEntry {
            msgctxt: msgctxt.map(str::to_string),
            msgid: msgid.to_string(),
            msgstr: vec![String::new()],
            ..PoEntry::default()
        }
    }

    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// Translated: every msgstr filled and not fuzzy.
    pub fn is_translated(&self) -> bool {
        !self.is_fuzzy() && !self.msgstr.is_empty() && self.msgstr.iter().all(|s| !s.is_empty())
    }

    /// The translation to use, when there is one.
    pub fn translation(&self) -> Option<&str> {
        self.is_translated().then(|| self.msgstr[0].as_str())
    }

    pub fn key(&self) -> (Option<&str>, &str) {
        (self.msgctxt.as_deref(), self.msgid.as_str())
    }
}

/// A whole PO file: its header entry's fields and its messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoFile {
    /// Comments before the header (`# …`).
    pub header_comments: Vec<String>,
    /// Flags of the header entry (a template's is `fuzzy`).
    pub header_flags: Vec<String>,
    /// Header fields in order, e.g. `("Language", "fr")`.
    pub header: Vec<(String, String)>,
    pub entries: Vec<PoEntry>,
}

impl PoFile {
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn set_header(&mut self, name: &str, value: &str) {
        match self
            .header
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            Some(field) => field.1 = value.to_string(),
            None => self.header.push((name.to_string(), value.to_string())),
        }
    }

    pub fn find(&self, msgctxt: Option<&str>, msgid: &str) -> Option<&PoEntry> {
        self.entries
            .iter()
            .find(|e| !e.obsolete && e.key() == (msgctxt, msgid))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Field {
    None,
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
    PreviousId,
}

/// Reads a quoted PO string (`"…"`), resolving escapes.
pub(crate) fn unquote(text: &str) -> Result<String, String> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| format!("`{text}` is not a quoted string"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('v') => out.push('\u{b}'),
                Some(other) => return Err(format!("unknown escape `\\{other}`")),
                None => return Err("the string ends with a lone `\\`".to_string()),
            },
            '"' => return Err("an unescaped `\"` inside the string; write `\\\"`".to_string()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Writes `text` as a PO string, split after newlines the way gettext tools do.
fn quote(text: &str) -> String {
    let escaped = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    };
    let parts: Vec<&str> = text.split_inclusive('\n').collect();
    if parts.len() <= 1 {
        return format!("\"{}\"", escaped(text));
    }
    let mut out = String::from("\"\"");
    for part in parts {
        let _ = write!(out, "\n\"{}\"", escaped(part));
    }
    out
}

mod read;

pub use read::parse_po;

/// Writes a PO file in the layout gettext's tools produce.
pub fn write_po(file: &PoFile) -> String {
    let mut out = String::new();
    for comment in &file.header_comments {
        let _ = writeln!(out, "# {comment}");
    }
    if !file.header_flags.is_empty() {
        let _ = writeln!(out, "#, {}", file.header_flags.join(", "));
    }
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for (name, value) in &file.header {
        let _ = writeln!(out, "{}", quote(&format!("{name}: {value}\n")));
    }
    for entry in file.entries.iter().filter(|e| !e.obsolete) {
        out.push('\n');
        write_entry(&mut out, entry, "");
    }
    for entry in file.entries.iter().filter(|e| e.obsolete) {
        out.push('\n');
        write_entry(&mut out, entry, "#~ ");
    }
    out
}

fn write_entry(out: &mut String, entry: &PoEntry, prefix: &str) {
    if prefix.is_empty() {
        for c in &entry.translator_comments {
            let _ = writeln!(out, "# {c}");
        }
        for c in &entry.extracted_comments {
            let _ = writeln!(out, "#. {c}");
        }
        for r in &entry.references {
            let _ = writeln!(out, "#: {r}");
        }
        if !entry.flags.is_empty() {
            let _ = writeln!(out, "#, {}", entry.flags.join(", "));
        }
        if let Some(previous) = &entry.previous_msgid {
            for (i, line) in quote(previous).lines().enumerate() {
                let _ = writeln!(out, "#| {}{line}", if i == 0 { "msgid " } else { "" });
            }
        }
    }
    let mut field = |keyword: &str, value: &str| {
        for (i, line) in quote(value).lines().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{prefix}{keyword} {line}");
            } else {
                let _ = writeln!(out, "{prefix}{line}");
            }
        }
    };
    if let Some(ctxt) = &entry.msgctxt {
        field("msgctxt", ctxt);
    }
    field("msgid", &entry.msgid);
    match &entry.msgid_plural {
        Some(plural) => {
            field("msgid_plural", plural);
            for (n, s) in entry.msgstr.iter().enumerate() {
                field(&format!("msgstr[{n}]"), s);
            }
        }
        None => field(
            "msgstr",
            entry.msgstr.first().map(String::as_str).unwrap_or(""),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const GOOD: &str = "# French sample\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n#. ui: test_yourself\n#: src/a.md:3\n#, fuzzy\nmsgctxt \"ui\"\nmsgid \"Test yourself!\"\nmsgstr \"Testez-vous !\"\n\nmsgid \"\"\n\"Two\\n\"\n\"lines\"\nmsgstr \"Deux \\\"lignes\\\"\"\n\n#~ msgid \"Old\"\n#~ msgstr \"Vieux\"\n";

    #[test]
    fn reads_and_writes_back() {
        let (file, diags) = parse_po(Path::new("po/fr.po"), GOOD);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.header_value("Language"), Some("fr"));
        assert_eq!(file.entries.len(), 3);
        let ui = &file.entries[0];
        assert_eq!(ui.msgctxt.as_deref(), Some("ui"));
        assert!(ui.is_fuzzy() && ui.translation().is_none());
        assert_eq!(ui.line, 12);
        assert_eq!(file.entries[1].msgid, "Two\nlines");
        assert_eq!(file.entries[1].translation(), Some("Deux \"lignes\""));
        assert!(file.entries[2].obsolete);
        let written = write_po(&file);
        let (again, diags) = parse_po(Path::new("po/fr.po"), &written);
        assert!(diags.is_empty(), "{diags:?}\n{written}");
        assert_eq!(again, file);
    }

    #[test]
    fn malformed_files_name_their_lines() {
        let cases = [
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a\nmsgstr \"b\"\n",
                4,
                "not a quoted string",
            ),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a\"\nmsgstr \"b\\q\"\n",
                5,
                "unknown escape",
            ),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgstr \"b\"\n",
                4,
                "not expected here",
            ),
            ("msgid \"a\"\nmsgstr \"b\"\n", 1, "no header"),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n",
                1,
                "not UTF-8",
            ),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=two; plural=n;\\n\"\n",
                1,
                "Plural-Forms header is broken",
            ),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\nmsgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\n",
                4,
                "has 1 forms",
            ),
            (
                "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"\n",
                7,
                "appears twice",
            ),
        ];
        for (text, line, words) in cases {
            let (_, diags) = parse_po(Path::new("po/x.po"), text);
            assert!(
                diags
                    .iter()
                    .any(|d| d.line == line && d.message.contains(words)),
                "{words}: {diags:?}"
            );
        }
    }
}
