//! The tool's own interface strings, which every edition can translate.

use crate::i18n::plural::{PluralForms, PluralRule};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Words the tool itself puts on a page, in the edition's language.
/// `{name}` placeholders are filled in by the tool or the runtime.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct UiStrings {
    pub test_yourself: String,
    pub what_would_you_do: String,
    pub choose_best_answer: String,
    pub select_all_that_apply: String,
    pub ready_to_see_answer: String,
    /// `{answer}`: the letter of the best answer.
    pub best_answer_is: String,
    /// `{answers}`: the letters of the best answers.
    pub best_answers_are: String,
    pub discuss_question: String,
    pub discuss_scenario: String,
    pub your_notes: String,
    pub notes_stay_here: String,
    /// Ends a glossary term's popover: how to reach the whole entry.
    pub glossary_hint: String,
    /// Said beside a scenario's notes once they are kept.
    pub saved_here: String,
    /// Said instead inside a learning platform's package: the platform keeps the note.
    pub saved_in_platform: String,
    /// Said of a note the platform's record has no room for.
    pub device_only: String,
    /// On a module's first page inside a learning platform: what the platform records.
    pub platform_records: String,
    /// Said instead while private reading is on.
    pub kept_in_tab: String,
    /// Said where an answer or a note could not be kept: the device's storage is full, or the
    /// browser keeps nothing for the site.
    pub not_saved_full: String,
    pub not_saved_off: String,
    pub check: String,
    pub reveal: String,
    pub retry: String,
    pub correct: String,
    pub incorrect: String,
    /// Said after "Not quite.": the best answer is not given away.
    pub try_again_or_show: String,
    /// `{answer}`: the best answer's letter; heads the explanation.
    pub why_best: String,
    /// `{answers}`: the best answers' letters; heads the explanation.
    pub why_best_many: String,
    pub next_question: String,
    /// Heads the answers gathered at the end of a printed page.
    pub answers_heading: String,
    pub next_chapter: String,
    pub choose_first: String,
    pub best_label: String,
    pub chosen_label: String,
    /// `{chapters}`, `{questions}`, `{scenarios}`: what the module holds, on its first page.
    pub module_holds: String,
    /// The first page's link to the first chapter.
    pub start: String,
    pub recap_needs_script: String,
    pub progress_caption: String,
    pub chapter: String,
    pub answered: String,
    pub right: String,
    /// Column of the progress page: scenarios with notes, of the chapter's scenarios.
    pub notes_column: String,
    /// `{chapter}`: the first chapter with a question not yet answered.
    pub next_unanswered: String,
    pub all_answered: String,
    pub no_notes: String,
    pub download: String,
    pub notes_file_title: String,
    pub notes_file_name: String,
    pub clear: String,
    pub clear_question: String,
    pub clear_confirm: String,
    pub cancel: String,
    pub cleared: String,
    pub type_answer: String,
    pub type_first: String,
    pub answer_field: String,
    /// `{answer}`: the expected answer.
    pub accepted_answer_is: String,
    /// `{right}` of `{total}` questions of a set answered right.
    pub set_score: String,
    pub search: String,
    /// `{query}`: what the reader typed.
    pub search_no_results: String,
    pub search_loading: String,
    pub search_unavailable: String,
    pub search_placeholder: String,
    /// Label of the language picker.
    pub languages: String,
    /// In a library: before the next module's title, at the end of a module's last chapter.
    pub next_module: String,
    /// A library's page: the heading of its list of modules, and each module's buttons.
    pub library_modules: String,
    pub library_start: String,
    pub library_continue: String,
    /// `{language}`: the name of the language a module is shown in when it has no edition in
    /// the page's language.
    pub library_other_language: String,
    /// Heading of the library's editions in other languages.
    pub library_editions: String,
    /// The first link of a library's page, as on every page.
    pub skip_to_content: String,
    /// The quick-exit button, and how to leave by keyboard.
    pub leave_site: String,
    pub leave_site_hint: String,
    /// Kicker of a content note, its button that shows the chapter, and its skip link
    /// (`{heading}`: the heading it skips to).
    pub content_note: String,
    pub continue_reading: String,
    pub skip_to: String,
    /// Kicker of a reply to reuse, its Copy button and what Copy says.
    pub reply_kicker: String,
    pub copy: String,
    pub copied: String,
    pub copy_failed: String,
    /// `{chapter}`: where a reply on the replies page comes from.
    pub reply_from: String,
    pub replies_locked: String,
    /// Private reading: the switch, what each page then says, and the question before stored
    /// answers and notes are removed.
    pub private_reading: String,
    pub private_on: String,
    pub private_confirm: String,
    /// The same in a library, where the switch holds for every module.
    pub private_confirm_library: String,
    /// Taking progress to another device: save, load, and what loading a file says.
    pub progress_save: String,
    pub progress_load: String,
    pub progress_file_name: String,
    /// `{book}`: the title of the module the file was saved from.
    pub progress_other_book: String,
    pub progress_damaged: String,
    /// `{size}`: what this module's answers and notes take in the browser's storage.
    pub storage_used: String,
    /// Offline reading, offered on the first and progress pages: the offer (`{size}`: what it
    /// will take), what happens, and what a page not kept says offline.
    pub offline_keep: String,
    pub offline_storing: String,
    pub offline_kept: String,
    pub offline_updated: String,
    pub offline_remove: String,
    pub offline_removed: String,
    pub offline_refused: String,
    pub offline_failed: String,
    pub offline_private: String,
    pub offline_unavailable: String,
    pub offline_unavailable_hint: String,
}

impl Default for UiStrings {
    fn default() -> Self {
        let s = |text: &str| text.to_string();
        UiStrings {
            test_yourself: s("Test yourself!"),
            what_would_you_do: s("What would you do?"),
            choose_best_answer: s("Choose the best answer."),
            select_all_that_apply: s("Select all that apply."),
            ready_to_see_answer: s("Ready to see the correct answer?"),
            best_answer_is: s("The best answer is {answer}."),
            best_answers_are: s("The best answers are {answers}."),
            discuss_question: s("Discuss this question"),
            discuss_scenario: s("Discuss this scenario"),
            your_notes: s("Your notes"),
            notes_stay_here: s(
                "Your notes are kept only in this browser, on this device. They are never sent anywhere.",
            ),
            glossary_hint: s("Follow the link, or tap it again, for the glossary entry."),
            saved_here: s("Saved on this device."),
            saved_in_platform: s("Saved in your learning platform's record."),
            device_only: s(
                "Your learning platform's record is full: this note is kept on this device only.",
            ),
            platform_records: s(
                "Your learning platform records the pages you open, your answers and your score, and keeps your answers and notes for your next visit.",
            ),
            kept_in_tab: s("Kept in this tab only."),
            not_saved_full: s(
                "Not saved: this device's storage is full. It is kept until you leave this page.",
            ),
            not_saved_off: s(
                "Not saved: this browser keeps nothing for this site. It is kept until you leave this page.",
            ),
            check: s("Check"),
            reveal: s("Show answer"),
            retry: s("Try again"),
            correct: s("Correct!"),
            incorrect: s("Not quite."),
            try_again_or_show: s("Try again, or show the answer."),
            why_best: s("Why {answer} is best"),
            why_best_many: s("Why {answers} are best"),
            next_question: s("Next question"),
            answers_heading: s("Answers"),
            next_chapter: s("Next chapter"),
            choose_first: s("Choose an answer first."),
            best_label: s("Best answer"),
            chosen_label: s("Your answer"),
            module_holds: s(
                "Chapters: {chapters}. Questions: {questions}. Scenarios: {scenarios}.",
            ),
            start: s("Start"),
            recap_needs_script: s(
                "Your answers and notes are kept only in this browser. Turn on JavaScript to see them here.",
            ),
            progress_caption: s("Your answers, chapter by chapter"),
            chapter: s("Chapter"),
            answered: s("Answered"),
            right: s("Right"),
            notes_column: s("Notes"),
            next_unanswered: s("Next unanswered question: {chapter}"),
            all_answered: s("You have answered every question."),
            no_notes: s(
                "You have not written any notes yet. Each “What would you do?” scenario has a place for them.",
            ),
            download: s("Download my notes as a text file"),
            notes_file_title: s("My notes"),
            notes_file_name: s("my-notes.txt"),
            clear: s("Clear my answers and notes"),
            clear_question: s(
                "This removes every answer and note of this module saved in this browser. Clear them?",
            ),
            clear_confirm: s("Yes, clear them"),
            cancel: s("Cancel"),
            cleared: s("Your answers and notes were cleared."),
            type_answer: s("Type your answer."),
            type_first: s("Type an answer first."),
            answer_field: s("Your answer"),
            accepted_answer_is: s("The answer is {answer}."),
            set_score: s("Score: {right} of {total}"),
            search: s("Search"),
            search_no_results: s("No results for “{query}”"),
            search_loading: s("Loading the search index…"),
            search_unavailable: s("Search is not available: the search index could not be loaded."),
            search_placeholder: s("Search this book ..."),
            languages: s("Languages"),
            next_module: s("Next module:"),
            library_modules: s("Modules"),
            library_start: s("Start"),
            library_continue: s("Continue"),
            library_other_language: s("In {language}"),
            library_editions: s("In other languages"),
            skip_to_content: s("Skip to content"),
            leave_site: s("Leave this site"),
            leave_site_hint: s(
                "Or press Escape twice. This page is replaced, so Back does not return to it.",
            ),
            content_note: s("Content note"),
            continue_reading: s("Continue to the chapter"),
            skip_to: s("Skip to “{heading}”"),
            reply_kicker: s("A reply you can use"),
            copy: s("Copy"),
            copied: s("Copied. Paste it where you write your reply."),
            copy_failed: s("Copying is not available here: select the text and copy it."),
            reply_from: s("From “{chapter}”"),
            replies_locked: s(
                "Replies that are the answers to questions appear here once you have answered them.",
            ),
            private_reading: s("Don't keep my answers and notes on this device"),
            private_on: s(
                "Private reading: your answers and notes are kept only in this tab and are gone when you close it.",
            ),
            private_confirm: s(
                "This removes the answers and notes of this module saved in this browser. Continue?",
            ),
            private_confirm_library: s(
                "This removes the answers and notes of every module of this library saved in this browser. Continue?",
            ),
            progress_save: s("Save my answers and notes to a file"),
            progress_load: s("Load answers and notes from a file"),
            progress_file_name: s("my-training-progress.json"),
            progress_other_book: s(
                "This file holds the answers of another module (“{book}”), so nothing was loaded.",
            ),
            progress_damaged: s(
                "This file is not saved progress, or it is damaged, so nothing was loaded. Your answers and notes are unchanged.",
            ),
            storage_used: s("Your answers and notes of this module take {size} in this browser."),
            offline_keep: s("Keep this module for offline reading (about {size})"),
            offline_storing: s("Keeping the module on this device…"),
            offline_kept: s(
                "This module is kept on this device: its pages, search and glossary work without a connection.",
            ),
            offline_updated: s("Updated for offline reading."),
            offline_remove: s("Remove from this device"),
            offline_removed: s(
                "Removed from this device: nothing of the module is kept for offline reading.",
            ),
            offline_refused: s(
                "This browser does not let this site keep pages for offline reading (a module opened as files, or a private window, cannot).",
            ),
            offline_failed: s(
                "The module could not be kept for offline reading; nothing was kept. Try again with a connection.",
            ),
            offline_private: s("Offline reading is not offered while private reading is on."),
            offline_unavailable: s("This page is not available offline"),
            offline_unavailable_hint: s(
                "Only the module kept on this device can be read without a connection. Go back to it:",
            ),
        }
    }
}

/// An interface string that holds a count, in each plural form of its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    pub forms: Vec<String>,
    pub rule: PluralRule,
}

impl Counted {
    /// The form that `n` takes, with `{name}` replaced by `n`.
    pub fn fill(&self, name: &str, n: usize) -> String {
        let form = self.rule.index(n as u64);
        let text = self.forms.get(form).or(self.forms.last());
        text.map(|t| t.replace(&format!("{{{name}}}"), &n.to_string()))
            .unwrap_or_default()
    }
}

/// Interface strings with a count: key, English singular and plural, and the count's name.
pub const COUNTED: &[(&str, &str, &str, &str)] = &[
    (
        "reading_time",
        "About {minutes} min read",
        "About {minutes} min read",
        "minutes",
    ),
    (
        "module_reading_time",
        "Reading the whole module takes about {minutes} minute.",
        "Reading the whole module takes about {minutes} minutes.",
        "minutes",
    ),
    (
        "progress_summary",
        "You have answered {answered} of {questions} question, {right} of them right.",
        "You have answered {answered} of {questions} questions, {right} of them right.",
        "questions",
    ),
    (
        "search_results",
        "{count} result for “{query}”",
        "{count} results for “{query}”",
        "count",
    ),
    (
        "progress_loaded",
        "Loaded {count} answer or note from the file.",
        "Loaded {count} answers and notes from the file.",
        "count",
    ),
    (
        "progress_unused",
        "{count} entry of the file was not used: it does not fit this module.",
        "{count} entries of the file were not used: they do not fit this module.",
        "count",
    ),
    (
        "library_chapters",
        "{count} chapter",
        "{count} chapters",
        "count",
    ),
    (
        "library_questions",
        "{count} question",
        "{count} questions",
        "count",
    ),
    (
        "library_scenarios",
        "{count} scenario",
        "{count} scenarios",
        "count",
    ),
    (
        "library_progress",
        "{answered} of {questions} question answered",
        "{answered} of {questions} questions answered",
        "questions",
    ),
];

/// The interface strings with a count, each in its edition's plural forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedStrings {
    /// `{minutes}` to read a chapter.
    pub reading_time: Counted,
    /// `{minutes}` to read the whole module.
    pub module_reading_time: Counted,
    /// `{answered}` of `{questions}`, `{right}` right: the reader's totals.
    pub progress_summary: Counted,
    /// `{count}` results for `{query}`.
    pub search_results: Counted,
    /// `{count}` answers and notes loaded from a progress file.
    pub progress_loaded: Counted,
    /// `{count}` entries of a progress file that do not fit the module.
    pub progress_unused: Counted,
    /// A library's page: what each module holds, and the reader's progress in it.
    pub library_chapters: Counted,
    pub library_questions: Counted,
    pub library_scenarios: Counted,
    pub library_progress: Counted,
}

impl CountedStrings {
    /// The strings as `forms_of(singular, plural)` gives them, for each entry of [`COUNTED`].
    pub fn from_fn(forms_of: impl Fn(&str, &str) -> Counted) -> Self {
        let of = |key: &str| {
            let (_, one, other, _) = COUNTED
                .iter()
                .find(|entry| entry.0 == key)
                .copied()
                .unwrap_or_default();
            forms_of(one, other)
        };
        CountedStrings {
            reading_time: of("reading_time"),
            module_reading_time: of("module_reading_time"),
            progress_summary: of("progress_summary"),
            search_results: of("search_results"),
            progress_loaded: of("progress_loaded"),
            progress_unused: of("progress_unused"),
            library_chapters: of("library_chapters"),
            library_questions: of("library_questions"),
            library_scenarios: of("library_scenarios"),
            library_progress: of("library_progress"),
        }
    }

    pub fn english() -> Self {
        CountedStrings::from_fn(|one, other| Counted {
            forms: vec![one.to_string(), other.to_string()],
            rule: PluralForms::english().rule,
        })
    }
}

/// English words of the page template (`theme/index.hbs`, from mdBook's) that each edition
/// translates; they appear there as attribute values or element text.
pub const THEME_STRINGS: &[&str] = &[
    "Toggle Table of Contents",
    "Change theme",
    "Themes",
    "Auto",
    "Light",
    "Rust",
    "Coal",
    "Navy",
    "Ayu",
    "Search",
    "Search (`/`)",
    "Search this book ...",
    "Print this book",
    "Previous chapter",
    "Next chapter",
    "Page navigation",
    "Table of contents",
    "Keyboard shortcuts",
    "Languages",
    "Skip to content",
    "Skip to the first question",
];

impl UiStrings {
    /// Every string with its key, in a stable order.
    pub fn entries(&self) -> BTreeMap<String, String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                .collect(),
            _ => BTreeMap::new(),
        }
    }

    /// These strings with each one replaced where `translate` has a translation.
    pub fn translated(&self, translate: impl Fn(&str) -> Option<String>) -> UiStrings {
        let map: serde_json::Map<String, serde_json::Value> = self
            .entries()
            .into_iter()
            .map(|(k, v)| {
                let t = translate(&v).unwrap_or(v);
                (k, serde_json::Value::String(t))
            })
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).unwrap_or_else(|_| self.clone())
    }
}

/// The placeholders (`{name}`) in an interface string.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .match_indices('{')
        .filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..at + end + 1]))
        .collect();
    names.sort_unstable();
    names
}

/// The edition being built: which book and language, for storage keys and interface strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// A stable key for the book, so two books on one host keep separate progress.
    pub book: String,
    /// BCP 47 tag of the edition's language.
    pub language: String,
    pub ui: UiStrings,
    pub counted: CountedStrings,
    /// Discussion page address for this edition, when it has its own.
    pub discussion_url: Option<String>,
    /// The book's theme, whose `blocks/NAME.hbs` override the built-in block templates.
    pub theme: Option<BookTheme>,
}

/// Where a book's theme is: its root and the theme folder as book.toml names it (`theme`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookTheme {
    pub root: std::path::PathBuf,
    pub dir: std::path::PathBuf,
}

impl BookTheme {
    /// The theme of the book at `root` with settings `config`.
    pub fn of(root: &std::path::Path, config: &mdbook_preprocessor::config::Config) -> Self {
        let dir = config
            .html_config()
            .and_then(|html| html.theme)
            .unwrap_or_else(|| "theme".into());
        BookTheme {
            root: root.to_path_buf(),
            dir,
        }
    }
}

impl Edition {
    /// The edition of a book titled `title` in `language`, with the default interface strings.
    pub fn new(title: Option<&str>, language: Option<&str>) -> Self {
        let book = crate::parse::slugify(title.unwrap_or_default());
        Edition {
            book: if book.is_empty() {
                "book".to_string()
            } else {
                book
            },
            language: language.unwrap_or("en").to_string(),
            ui: UiStrings::default(),
            counted: CountedStrings::english(),
            discussion_url: None,
            theme: None,
        }
    }
}

impl Default for Edition {
    fn default() -> Self {
        Edition::new(None, None)
    }
}
