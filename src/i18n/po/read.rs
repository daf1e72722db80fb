//! Reading a PO file line by line, every problem reported at its line.

use super::{Field, PoEntry, PoFile, unquote};
use crate::diagnostic::Diagnostic;
use crate::i18n::plural::PluralForms;
use std::collections::HashSet;
use std::path::Path;

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
    /// The string a continuation line adds to.
    field: Field,
    file: PoFile,
    diagnostics: Vec<Diagnostic>,
    entry: PoEntry,
    started: bool,
    seen_header: bool,
    /// The keys (msgctxt, msgid) of the messages read so far, to find one that appears twice
    /// without going through every message before it.
    keys: HashSet<(Option<String>, String)>,
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
        if !done.obsolete && !self.keys.insert((done.msgctxt.clone(), done.msgid.clone())) {
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
        field: Field::None,
        file: PoFile::default(),
        diagnostics: Vec::new(),
        entry: PoEntry::default(),
        started: false,
        seen_header: false,
        keys: HashSet::new(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.lines().enumerate() {
        reader.line(index + 1, raw.trim_end_matches('\r').trim());
    }
    reader.finish();
    reader.check_header();
    (reader.file, reader.diagnostics)
}

impl Reader<'_> {
    /// One line of the file, trimmed.
    fn line(&mut self, line_no: usize, trimmed: &str) {
        if trimmed.is_empty() {
            self.finish();
            self.field = Field::None;
            return;
        }
        let (obsolete, body) = match trimmed.strip_prefix("#~") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        match body.strip_prefix('#') {
            Some(comment) => self.comment(line_no, obsolete, comment),
            None => self.keyword(line_no, obsolete, body),
        }
    }

    /// A `#` comment line: translator and extracted comments, references, flags, the previous
    /// msgid of a fuzzy message.
    fn comment(&mut self, line_no: usize, obsolete: bool, comment: &str) {
        if obsolete && !comment.starts_with('|') {
            // An obsolete entry's comments carry nothing a build needs.
        }
        if self.field != Field::None && self.field != Field::PreviousId && !comment.starts_with('|')
        {
            // A comment after a message's strings starts the next message.
            self.finish();
            self.field = Field::None;
        }
        match comment.chars().next() {
            Some('.') => self
                .entry
                .extracted_comments
                .push(comment[1..].trim().to_string()),
            Some(':') => self
                .entry
                .references
                .extend(comment[1..].split_whitespace().map(str::to_string)),
            Some(',') => self.entry.flags.extend(
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
                            self.entry.previous_msgid = Some(v);
                            self.field = Field::PreviousId;
                        }
                        Err(e) => {
                            self.diagnostics
                                .push(Diagnostic::error(self.display, line_no, e))
                        }
                    }
                } else if previous.starts_with('"')
                    && self.field == Field::PreviousId
                    && let (Ok(v), Some(p)) =
                        (unquote(previous), self.entry.previous_msgid.as_mut())
                {
                    p.push_str(&v);
                }
            }
            _ => self
                .entry
                .translator_comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_string()),
        }
    }

    /// A keyword line (`msgid "…"`) or a string continuing the previous one.
    fn keyword(&mut self, line_no: usize, obsolete: bool, body: &str) {
        let (keyword, value) = match body.find(|c: char| c.is_whitespace()) {
            Some(at) if !body.starts_with('"') => (&body[..at], body[at..].trim()),
            _ => ("", body),
        };
        let string = match unquote(value) {
            Ok(s) => s,
            Err(e) => {
                self.diagnostics
                    .push(Diagnostic::error(self.display, line_no, e).with_hint(
                        "PO strings are written in double quotes, with `\\\"` and `\\n` escapes",
                    ));
                return;
            }
        };
        let next = match keyword {
            "" => {
                match self.field {
                    Field::Ctxt => self.entry.msgctxt.get_or_insert_default().push_str(&string),
                    Field::Id => self.entry.msgid.push_str(&string),
                    Field::IdPlural => self
                        .entry
                        .msgid_plural
                        .get_or_insert_default()
                        .push_str(&string),
                    Field::Str(n) => self.entry.msgstr[n].push_str(&string),
                    Field::None | Field::PreviousId => self.diagnostics.push(
                        Diagnostic::error(self.display, line_no, "a string continues no keyword")
                            .with_hint("start the message with `msgid`"),
                    ),
                }
                return;
            }
            "msgctxt" => {
                if matches!(self.field, Field::Str(_)) {
                    self.finish();
                }
                self.entry.msgctxt = Some(string);
                Field::Ctxt
            }
            "msgid" => {
                if matches!(self.field, Field::Str(_)) {
                    self.finish();
                }
                if matches!(self.field, Field::Id | Field::IdPlural) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            self.display,
                            line_no,
                            "a msgid follows a msgid without a msgstr",
                        )
                        .with_hint("add `msgstr \"\"` to the message above"),
                    );
                }
                self.entry.msgid = string;
                self.entry.line = line_no;
                self.entry.obsolete = obsolete;
                self.started = true;
                Field::Id
            }
            "msgid_plural" if self.field == Field::Id => {
                self.entry.msgid_plural = Some(string);
                Field::IdPlural
            }
            "msgstr" if matches!(self.field, Field::Id) => {
                self.entry.msgstr = vec![string];
                Field::Str(0)
            }
            k if k.starts_with("msgstr[")
                && k.ends_with(']')
                && self.entry.msgid_plural.is_some() =>
            {
                match k[7..k.len() - 1].parse::<usize>() {
                    Ok(n) if n == self.entry.msgstr.len() => {
                        self.entry.msgstr.push(string);
                        Field::Str(n)
                    }
                    _ => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                self.display,
                                line_no,
                                format!("`{k}` is out of order"),
                            )
                            .with_hint("number plural forms msgstr[0], msgstr[1], … in order"),
                        );
                        return;
                    }
                }
            }
            k => {
                self.diagnostics.push(
                Diagnostic::error(self.display, line_no, format!("`{k}` is not expected here"))
                    .with_hint("an entry is `msgid \"…\"` then `msgstr \"…\"` (plural: `msgid_plural` and `msgstr[N]`)"),
            );
                return;
            }
        };
        self.field = next;
    }

    /// The header's Content-Type and Plural-Forms, and every plural message against them.
    fn check_header(&mut self) {
        if !self.seen_header {
            self.diagnostics.push(Diagnostic::error(self.display, 1, "the file has no header entry").with_hint("start it with `msgid \"\"` and `msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"`"));
        } else {
            match self.file.header_value("Content-Type") {
                Some(ct) if ct.to_ascii_lowercase().contains("charset=utf-8") => {}
                Some(ct) => self.diagnostics.push(
                    Diagnostic::error(self.display, 1, format!("Content-Type `{ct}` is not UTF-8"))
                        .with_hint("write `Content-Type: text/plain; charset=UTF-8`"),
                ),
                None => self.diagnostics.push(
                    Diagnostic::error(self.display, 1, "the header has no Content-Type")
                        .with_hint("add `Content-Type: text/plain; charset=UTF-8`"),
                ),
            }
            let plural_forms = self
                .file
                .header_value("Plural-Forms")
                .map(|value| PluralForms::parse(value).map(|forms| forms.count));
            match plural_forms {
                Some(Err(why)) => self.diagnostics.push(
                    Diagnostic::error(
                        self.display,
                        1,
                        format!("the Plural-Forms header is broken: {why}"),
                    )
                    .with_hint("write e.g. `Plural-Forms: nplurals=2; plural=(n > 1);`"),
                ),
                Some(Ok(n)) => {
                    for entry in self
                        .file
                        .entries
                        .iter()
                        .filter(|e| e.msgid_plural.is_some() && !e.obsolete)
                    {
                        if entry.msgstr.len() != n {
                            self.diagnostics.push(Diagnostic::warning(self.display, entry.line, format!("this plural message has {} forms, but Plural-Forms says nplurals={n}; the English text is used", entry.msgstr.len())).with_hint(format!("give it msgstr[0] to msgstr[{}]", n - 1)));
                        }
                    }
                }
                None => {
                    if let Some(entry) = self
                        .file
                        .entries
                        .iter()
                        .find(|e| e.msgid_plural.is_some() && !e.obsolete)
                    {
                        self.diagnostics.push(
                            Diagnostic::warning(
                                self.display,
                                entry.line,
                                "a plural message, but the header has no Plural-Forms; the English text is used",
                            )
                            .with_hint(
                                "add e.g. `Plural-Forms: nplurals=2; plural=(n != 1);` to the header",
                            ),
                        );
                    }
                }
            }
        }
    }
}
