//! The `[preprocessor.training]` table of `book.toml`.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Keys that belong to mdBook itself in any `[preprocessor.*]` table.
const MDBOOK_KEYS: &[&str] = &["command", "before", "after", "renderers", "optional"];
/// Keys this tool reads.
const OWN_KEYS: &[&str] = &[
    "discussion-url",
    "glossary",
    "languages",
    "quick-exit",
    "private-reading",
    "progress-file",
    "mastery-score",
    "olx",
    "offline",
];

/// Settings of the training preprocessor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct TrainingConfig {
    /// Discussion page address; `{id}` and `{title}` are replaced, URL-encoded.
    pub discussion_url: Option<String>,
    /// The glossary chapter, relative to the book's `src/`.
    pub glossary: Option<PathBuf>,
    /// Where the "Leave this site" button goes: an `http(s)` page that draws no attention.
    pub quick_exit: Option<String>,
    /// Offer readers "Don't keep my answers and notes on this device".
    #[serde(default)]
    pub private_reading: bool,
    /// Offer saving answers and notes to a file, and loading one, on the progress page.
    #[serde(default)]
    pub progress_file: bool,
    /// Offer readers "Keep this module for offline reading" on the first and progress pages.
    #[serde(default)]
    pub offline: bool,
    /// In a learning platform's record: the score (0 to 100, the questions right at the first
    /// check) from which the module is passed rather than failed.
    pub mastery_score: Option<u8>,
    /// `[preprocessor.training.olx]`: the Open edX course's key and dates.
    #[serde(default)]
    pub olx: OlxConfig,
    /// Settings of each language edition, by language tag.
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, LanguageConfig>,
    /// In a library: its glossary, in this edition's language. Not a setting of `book.toml`.
    #[serde(skip)]
    pub shared_glossary: Option<std::sync::Arc<crate::glossary::SharedGlossary>>,
}

/// `[preprocessor.training.languages.LANG]`: what differs in one language edition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LanguageConfig {
    /// The edition's own discussion page address; the source's when absent.
    pub discussion_url: Option<String>,
}

/// `[preprocessor.training.olx]`: what `export olx` cannot know from the book itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OlxConfig {
    /// The organisation in the course's key; from the book's first author, or `Training`.
    pub org: Option<String>,
    /// The course's code; from the book's title.
    pub course: Option<String>,
    /// The run; the edition's language by default, so that each language is a run of its own.
    pub run: Option<String>,
    /// When the course opens and closes, as dates or RFC 3339 times.
    pub start: Option<String>,
    pub end: Option<String>,
    /// The course's image, from the book's folder; a plain one in the theme's colour otherwise.
    pub course_image: Option<PathBuf>,
}

impl TrainingConfig {
    /// The discussion page address for an edition in `language`.
    pub fn discussion_url_for(&self, language: &str) -> Option<&str> {
        self.languages
            .get(language)
            .and_then(|l| l.discussion_url.as_deref())
            .or(self.discussion_url.as_deref())
    }
}

impl TrainingConfig {
    /// Removes every discussion or quick-exit address that is not `http://` or `https://`, with
    /// an error for each: a `javascript:` or `data:` address would run in the reader's page.
    fn drop_unsafe_urls(&mut self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut check = |key: String, url: &mut Option<String>| {
            let Some(value) = url.as_deref() else {
                return;
            };
            let lower = value.trim().to_ascii_lowercase();
            if !lower.starts_with("https://") && !lower.starts_with("http://") {
                problems.push(
                    Diagnostic::error("book.toml", 0, format!("{key} `{value}` is not an http or https address"))
                        .with_hint(if key == "quick-exit" {
                            "write the address of a page that draws no attention, such as `https://www.wikipedia.org/`"
                        } else {
                            "write the talk page's address, such as `https://meta.wikimedia.org/wiki/Talk:My_module#{id}`"
                        }),
                );
                *url = None;
            }
        };
        check("discussion-url".into(), &mut self.discussion_url);
        check("quick-exit".into(), &mut self.quick_exit);
        for (language, settings) in &mut self.languages {
            check(
                format!("[preprocessor.training.languages.{language}] discussion-url"),
                &mut settings.discussion_url,
            );
        }
        problems
    }

    /// A mastery score above 100 is an error, and is dropped.
    fn drop_bad_mastery(&mut self) -> Option<Diagnostic> {
        let score = self.mastery_score.filter(|s| *s > 100)?;
        self.mastery_score = None;
        Some(
            Diagnostic::error("book.toml", 0, format!("mastery-score `{score}` is not a score from 0 to 100"))
                .with_hint("write the percentage of questions right at the first check from which the module is passed, such as `mastery-score = 80`"),
        )
    }

    /// Dates Open edX could not read are errors, and are dropped; the others are written as
    /// Open edX writes them.
    fn read_olx_dates(&mut self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (key, value) in [("start", &mut self.olx.start), ("end", &mut self.olx.end)] {
            let Some(text) = value.take() else { continue };
            match crate::olx::course_date(&text) {
                Some(date) => *value = Some(date),
                None => problems.push(
                    Diagnostic::error("book.toml", 0, format!("olx {key} `{text}` is not a date"))
                        .with_hint("write a date such as `2027-01-31`, or a time such as `2027-01-31T09:00:00Z`"),
                ),
            }
        }
        problems
    }

    /// Reads the table, reporting unknown keys (a typo would otherwise pass silently).
    pub fn from_book_config(
        config: &mdbook_preprocessor::config::Config,
    ) -> (Self, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let raw: BTreeMap<String, serde_json::Value> = match config.get("preprocessor.training") {
            Ok(Some(table)) => table,
            Ok(None) => BTreeMap::new(),
            Err(err) => {
                diagnostics.push(
                    Diagnostic::error("book.toml", 0, format!("[preprocessor.training] is not a table: {err:#}"))
                        .with_hint("write it as a table: `[preprocessor.training]` followed by `key = \"value\"` lines"),
                );
                return (TrainingConfig::default(), diagnostics);
            }
        };
        for key in raw.keys() {
            if !OWN_KEYS.contains(&key.as_str()) && !MDBOOK_KEYS.contains(&key.as_str()) {
                diagnostics.push(
                    Diagnostic::warning(
                        "book.toml",
                        0,
                        format!("unknown key `{key}` in [preprocessor.training]"),
                    )
                    .with_hint(format!("known keys are {}", OWN_KEYS.join(", "))),
                );
            }
        }
        let own: serde_json::Map<String, serde_json::Value> = raw
            .into_iter()
            .filter(|(k, _)| OWN_KEYS.contains(&k.as_str()))
            .collect();
        match serde_json::from_value::<TrainingConfig>(serde_json::Value::Object(own)) {
            Ok(mut parsed) => {
                diagnostics.extend(parsed.drop_unsafe_urls());
                diagnostics.extend(parsed.drop_bad_mastery());
                diagnostics.extend(parsed.read_olx_dates());
                (parsed, diagnostics)
            }
            Err(err) => {
                diagnostics.push(
                    Diagnostic::error("book.toml", 0, format!("[preprocessor.training]: {err}"))
                        .with_hint("`discussion-url`, `glossary` and `quick-exit` are strings, `private-reading`, `progress-file` and `offline` are true or false, `mastery-score` a whole number from 0 to 100; `[preprocessor.training.languages.LANG]` tables hold `discussion-url`; `[preprocessor.training.olx]` holds `org`, `course`, `run`, `start`, `end` and `course-image`"),
                );
                (TrainingConfig::default(), diagnostics)
            }
        }
    }
}

/// Gives each problem of `book.toml` reported without a line (the settings arrive parsed) the
/// line of the key its message starts with, read from the file itself.
pub fn locate_in_book_toml(problems: &mut [Diagnostic], book_toml: &str) {
    for problem in problems
        .iter_mut()
        .filter(|p| p.line == 0 && p.path == std::path::Path::new("book.toml"))
    {
        let Some(key) = OWN_KEYS.iter().find(|k| problem.message.starts_with(*k)) else {
            continue;
        };
        let assigns = |line: &str| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        };
        if let Some(n) = book_toml.lines().position(assigns) {
            problem.line = n + 1;
        }
    }
}
