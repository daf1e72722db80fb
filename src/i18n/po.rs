//! Gettext PO files: a strict reader that reports every problem with its line, and a writer.

use crate::diagnostic::Diagnostic;
use std::fmt::Write as _;
use std::path::Path;

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
enum Field {
    None,
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
    PreviousId,
}

/// Reads a quoted PO string (`"…"`), resolving escapes.
fn unquote(text: &str) -> Result<String, String> {
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

/// The number of plural forms a `Plural-Forms` header declares, or why it is broken.
pub fn plural_count(value: &str) -> Result<usize, String> {
    let mut nplurals = None;
    let mut plural = None;
    for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((k, v)) if k.trim() == "nplurals" => {
                nplurals = Some(
                    v.trim()
                        .parse::<usize>()
                        .map_err(|_| format!("nplurals=`{}` is not a number", v.trim()))?,
                )
            }
            Some((k, v)) if k.trim() == "plural" => plural = Some(v.trim().to_string()),
            _ => {
                return Err(format!(
                    "`{part}` is neither nplurals=N nor plural=EXPRESSION"
                ));
            }
        }
    }
    let n = nplurals.ok_or("it has no nplurals=N")?;
    let expression = plural.ok_or("it has no plural=EXPRESSION")?;
    if n == 0 || n > 6 {
        return Err(format!("nplurals={n} is outside 1–6"));
    }
    let allowed =
        |c: char| c.is_ascii_digit() || c.is_whitespace() || "n()?:<>=!&|%+-*/".contains(c);
    if expression.is_empty() || !expression.chars().all(allowed) {
        return Err(format!(
            "plural=`{expression}` is not a C expression over n"
        ));
    }
    let depth = expression.chars().try_fold(0i32, |d, c| match c {
        '(' => Some(d + 1),
        ')' if d > 0 => Some(d - 1),
        ')' => None,
        _ => Some(d),
    });
    if depth != Some(0) {
        return Err(format!("plural=`{expression}` has unbalanced parentheses"));
    }
    Ok(n)
}

/// An error about one entry, at its msgid's line.
fn entry_error(display: &Path, entry: &PoEntry, message: &str, hint: &str) -> Diagnostic {
    Diagnostic::error(
        display,
        entry.line,
        format!("msgid \"{}\" {message}", entry.msgid),
    )
    .with_hint(hint)
}

/// The state of reading one PO file: the entry being read and what is done.
struct Reader<'a> {
    display: &'a Path,
    file: PoFile,
    diagnostics: Vec<Diagnostic>,
    entry: PoEntry,
    started: bool,
    seen_header: bool,
}

impl Reader<'_> {
    /// Ends the entry being read: the header, a message, or an error about it.
    fn finish(&mut self) {
        if !self.started {
            return;
        }
        let done = std::mem::take(&mut self.entry);
        self.started = false;
        if done.msgstr.is_empty() {
            self.diagnostics.push(entry_error(
                self.display,
                &done,
                "has no msgstr",
                "add `msgstr \"\"` after it",
            ));
            return;
        }
        if done.msgid.is_empty() && done.msgctxt.is_none() && !done.obsolete {
            if self.seen_header {
                self.diagnostics.push(
                    Diagnostic::error(
                        self.display,
                        done.line,
                        "a second header entry (empty msgid)",
                    )
                    .with_hint("remove it; only the first entry may have an empty msgid"),
                );
                return;
            }
            self.seen_header = true;
            self.file.header_comments = done.translator_comments.clone();
            self.file.header_flags = done.flags.clone();
            for line in done.msgstr[0].lines() {
                match line.split_once(':') {
                    Some((k, v)) => self
                        .file
                        .header
                        .push((k.trim().to_string(), v.trim().to_string())),
                    None if line.trim().is_empty() => {}
                    None => self.diagnostics.push(
                        Diagnostic::error(
                            self.display,
                            done.line,
                            format!("header line `{line}` is not `Name: value`"),
                        )
                        .with_hint("write header fields as `Name: value\\n`"),
                    ),
                }
            }
            return;
        }
        if !done.obsolete
            && self
                .file
                .find(done.msgctxt.as_deref(), &done.msgid)
                .is_some()
        {
            self.diagnostics.push(entry_error(
                self.display,
                &done,
                "appears twice",
                "keep one entry per message (msgctxt and msgid)",
            ));
            return;
        }
        self.file.entries.push(done);
    }
}

/// Parses a PO file. Every problem is reported with `display`'s line; the file is usable only
/// when no error was reported.
pub fn parse_po(display: &Path, text: &str) -> (PoFile, Vec<Diagnostic>) {
    let mut reader = Reader {
        display,
        file: PoFile::default(),
        diagnostics: Vec::new(),
        entry: PoEntry::default(),
        started: false,
        seen_header: false,
    };
    let mut field = Field::None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() {
            reader.finish();
            field = Field::None;
            continue;
        }
        let (obsolete, body) = match trimmed.strip_prefix("#~") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        if let Some(comment) = body.strip_prefix('#') {
            if obsolete && !comment.starts_with('|') {
                // An obsolete entry's comments carry nothing a build needs.
                continue;
            }
            if field != Field::None && field != Field::PreviousId && !comment.starts_with('|') {
                // A comment after a message's strings starts the next message.
                reader.finish();
                field = Field::None;
            }
            match comment.chars().next() {
                Some('.') => reader
                    .entry
                    .extracted_comments
                    .push(comment[1..].trim().to_string()),
                Some(':') => reader
                    .entry
                    .references
                    .extend(comment[1..].split_whitespace().map(str::to_string)),
                Some(',') => reader.entry.flags.extend(
                    comment[1..]
                        .split(',')
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty()),
                ),
                Some('|') => {
                    let previous = comment[1..].trim();
                    if let Some(value) = previous.strip_prefix("msgid ") {
                        match unquote(value.trim()) {
                            Ok(v) => {
                                reader.entry.previous_msgid = Some(v);
                                field = Field::PreviousId;
                            }
                            Err(e) => reader
                                .diagnostics
                                .push(Diagnostic::error(display, line_no, e)),
                        }
                    } else if previous.starts_with('"')
                        && field == Field::PreviousId
                        && let (Ok(v), Some(p)) =
                            (unquote(previous), reader.entry.previous_msgid.as_mut())
                    {
                        p.push_str(&v);
                    }
                }
                _ => reader
                    .entry
                    .translator_comments
                    .push(comment.strip_prefix(' ').unwrap_or(comment).to_string()),
            }
            continue;
        }
        let (keyword, value) = match body.find(|c: char| c.is_whitespace()) {
            Some(at) if !body.starts_with('"') => (&body[..at], body[at..].trim()),
            _ => ("", body),
        };
        let string = match unquote(value) {
            Ok(s) => s,
            Err(e) => {
                reader
                    .diagnostics
                    .push(Diagnostic::error(display, line_no, e).with_hint(
                        "PO strings are written in double quotes, with `\\\"` and `\\n` escapes",
                    ));
                continue;
            }
        };
        let next = match keyword {
            "" => {
                match field {
                    Field::Ctxt => reader
                        .entry
                        .msgctxt
                        .get_or_insert_default()
                        .push_str(&string),
                    Field::Id => reader.entry.msgid.push_str(&string),
                    Field::IdPlural => reader
                        .entry
                        .msgid_plural
                        .get_or_insert_default()
                        .push_str(&string),
                    Field::Str(n) => reader.entry.msgstr[n].push_str(&string),
                    Field::None | Field::PreviousId => reader.diagnostics.push(
                        Diagnostic::error(display, line_no, "a string continues no keyword")
                            .with_hint("start the message with `msgid`"),
                    ),
                }
                continue;
            }
            "msgctxt" => {
                if matches!(field, Field::Str(_)) {
                    reader.finish();
                }
                reader.entry.msgctxt = Some(string);
                Field::Ctxt
            }
            "msgid" => {
                if matches!(field, Field::Str(_)) {
                    reader.finish();
                }
                if matches!(field, Field::Id | Field::IdPlural) {
                    reader.diagnostics.push(
                        Diagnostic::error(
                            display,
                            line_no,
                            "a msgid follows a msgid without a msgstr",
                        )
                        .with_hint("add `msgstr \"\"` to the message above"),
                    );
                }
                reader.entry.msgid = string;
                reader.entry.line = line_no;
                reader.entry.obsolete = obsolete;
                reader.started = true;
                Field::Id
            }
            "msgid_plural" if field == Field::Id => {
                reader.entry.msgid_plural = Some(string);
                Field::IdPlural
            }
            "msgstr" if matches!(field, Field::Id) => {
                reader.entry.msgstr = vec![string];
                Field::Str(0)
            }
            k if k.starts_with("msgstr[")
                && k.ends_with(']')
                && reader.entry.msgid_plural.is_some() =>
            {
                match k[7..k.len() - 1].parse::<usize>() {
                    Ok(n) if n == reader.entry.msgstr.len() => {
                        reader.entry.msgstr.push(string);
                        Field::Str(n)
                    }
                    _ => {
                        reader.diagnostics.push(
                            Diagnostic::error(display, line_no, format!("`{k}` is out of order"))
                                .with_hint("number plural forms msgstr[0], msgstr[1], … in order"),
                        );
                        continue;
                    }
                }
            }
            k => {
                reader.diagnostics.push(
                    Diagnostic::error(display, line_no, format!("`{k}` is not expected here"))
                        .with_hint("an entry is `msgid \"…\"` then `msgstr \"…\"` (plural: `msgid_plural` and `msgstr[N]`)"),
                );
                continue;
            }
        };
        field = next;
    }
    reader.finish();

    if !reader.seen_header {
        reader.diagnostics.push(Diagnostic::error(display, 1, "the file has no header entry").with_hint("start it with `msgid \"\"` and `msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"`"));
    } else {
        match reader.file.header_value("Content-Type") {
            Some(ct) if ct.to_ascii_lowercase().contains("charset=utf-8") => {}
            Some(ct) => reader.diagnostics.push(
                Diagnostic::error(display, 1, format!("Content-Type `{ct}` is not UTF-8"))
                    .with_hint("write `Content-Type: text/plain; charset=UTF-8`"),
            ),
            None => reader.diagnostics.push(
                Diagnostic::error(display, 1, "the header has no Content-Type")
                    .with_hint("add `Content-Type: text/plain; charset=UTF-8`"),
            ),
        }
        let plural_forms = reader.file.header_value("Plural-Forms").map(plural_count);
        match plural_forms {
            Some(Err(why)) => reader.diagnostics.push(
                Diagnostic::error(
                    display,
                    1,
                    format!("the Plural-Forms header is broken: {why}"),
                )
                .with_hint("write e.g. `Plural-Forms: nplurals=2; plural=(n > 1);`"),
            ),
            Some(Ok(n)) => {
                for entry in reader
                    .file
                    .entries
                    .iter()
                    .filter(|e| e.msgid_plural.is_some() && !e.obsolete)
                {
                    if entry.msgstr.len() != n {
                        reader.diagnostics.push(Diagnostic::error(display, entry.line, format!("this plural message has {} forms, but Plural-Forms says nplurals={n}", entry.msgstr.len())).with_hint(format!("give it msgstr[0] to msgstr[{}]", n - 1)));
                    }
                }
            }
            None => {
                if let Some(entry) = reader
                    .file
                    .entries
                    .iter()
                    .find(|e| e.msgid_plural.is_some() && !e.obsolete)
                {
                    reader.diagnostics.push(
                        Diagnostic::error(
                            display,
                            entry.line,
                            "a plural message, but the header has no Plural-Forms",
                        )
                        .with_hint(
                            "add e.g. `Plural-Forms: nplurals=2; plural=(n != 1);` to the header",
                        ),
                    );
                }
            }
        }
    }
    (reader.file, reader.diagnostics)
}

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

    #[test]
    fn plural_forms() {
        assert_eq!(
            plural_count(
                "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
            ),
            Ok(6)
        );
        assert!(plural_count("nplurals=2; plural=(n > 1").is_err());
        assert!(plural_count("nplurals=2").is_err());
    }
}
