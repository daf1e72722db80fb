//! Rendering: the block model to HTML through the handlebars templates of `theme/blocks/`.

mod reuse;
mod views;

use crate::diagnostic::Diagnostic;
use crate::escape::escape_single_quoted;
use crate::model::{Block, BlockBody, GlossaryTerm, Quiz, RecapKind, Text};
use crate::templates::Templates;
use views::*;

use crate::ui::Edition;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
pub use reuse::{ReplyChapter, ReplyEntry, SkipLink};
use serde_json::json;
use std::path::{Component, Path};
pub use views::{RecapChapter, RecapScenario};

const QUIZ_TEMPLATE: &str = include_str!("../../theme/blocks/quiz.hbs");
const SCENARIO_TEMPLATE: &str = include_str!("../../theme/blocks/scenario.hbs");
const GLOSSARY_LINK_TEMPLATE: &str = include_str!("../../theme/blocks/glossary-link.hbs");
const SECTION_LINK_TEMPLATE: &str = include_str!("../../theme/blocks/section-link.hbs");
const SHORT_ANSWER_TEMPLATE: &str = include_str!("../../theme/blocks/short-answer.hbs");
const RECAP_TEMPLATE: &str = include_str!("../../theme/blocks/recap.hbs");
const READING_TIME_TEMPLATE: &str = include_str!("../../theme/blocks/reading-time.hbs");
const REPLY_TEMPLATE: &str = include_str!("../../theme/blocks/reply.hbs");
const REPLIES_TEMPLATE: &str = include_str!("../../theme/blocks/replies.hbs");
const CONTENT_NOTE_TEMPLATE: &str = include_str!("../../theme/blocks/content-note.hbs");
const OFFLINE_TEMPLATE: &str = include_str!("../../theme/blocks/offline.hbs");

/// The templates of `theme/blocks/` that render chapters, by name.
pub const BLOCK_TEMPLATES: [(&str, &str); 11] = [
    ("quiz", QUIZ_TEMPLATE),
    ("scenario", SCENARIO_TEMPLATE),
    ("glossary-link", GLOSSARY_LINK_TEMPLATE),
    ("section-link", SECTION_LINK_TEMPLATE),
    ("recap", RECAP_TEMPLATE),
    ("short-answer", SHORT_ANSWER_TEMPLATE),
    ("reading-time", READING_TIME_TEMPLATE),
    ("reply", REPLY_TEMPLATE),
    ("replies", REPLIES_TEMPLATE),
    ("content-note", CONTENT_NOTE_TEMPLATE),
    ("offline", OFFLINE_TEMPLATE),
];

/// Characters left as they are in `{id}` and `{title}`: RFC 3986's unreserved set.
const URL_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What every block's template gets besides its own content.
struct Frame<'a> {
    dom_id: String,
    title: &'a str,
    discussion: String,
}

/// Renders blocks and links with the edition's interface strings.
pub struct Renderer {
    templates: Templates,
    edition: Edition,
}

/// `text` without white space at its end, in the same string.
pub fn trimmed_end(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text
}

/// `A`, `B`, … `Z`, then `27`, `28`, … for very long option lists.
pub fn option_letter(index: usize) -> String {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map(|i| char::from(b'A' + i).to_string())
        .unwrap_or_else(|| (index + 1).to_string())
}

/// Joins letters as "A, C", which reads the same in every language's sentence.
fn join_letters(letters: &[String]) -> String {
    letters.join(", ")
}

/// A link from the chapter at `from` to the chapter at `to` (both relative to `src/`), with a fragment.
pub fn relative_href(from: &Path, to: &Path, fragment: &str) -> String {
    if from == to {
        return format!("#{fragment}");
    }
    let depth = from
        .parent()
        .map(|p| {
            p.components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .count()
        })
        .unwrap_or(0);
    let target = to.with_extension("html");
    let mut href = String::with_capacity(3 * depth + target.as_os_str().len() + fragment.len() + 1);
    for _ in 0..depth {
        href.push_str("../");
    }
    let parts = target.components().filter_map(|c| match c {
        Component::Normal(part) => Some(part.to_string_lossy()),
        _ => None,
    });
    for (i, part) in parts.enumerate() {
        if i > 0 {
            href.push('/');
        }
        href.push_str(&part);
    }
    href.push('#');
    href.push_str(fragment);
    href
}

impl Renderer {
    /// The edition's renderer, with the book's own block templates where it has them.
    pub fn new(edition: Edition) -> Result<Self, Diagnostic> {
        let templates = match &edition.theme {
            Some(theme) => Templates::with_overrides(
                &BLOCK_TEMPLATES,
                Some(&theme.root.join(&theme.dir)),
                &theme.dir,
            )?,
            None => Templates::with_overrides(&BLOCK_TEMPLATES, None, Path::new("theme"))?,
        };
        Ok(Renderer { templates, edition })
    }

    pub fn edition(&self) -> &Edition {
        &self.edition
    }

    pub(crate) fn discussion_href(template: Option<&str>, block: &Block) -> String {
        let Some(template) = template else {
            return String::new();
        };
        let title = block
            .title
            .as_ref()
            .map(|t| t.text.as_str())
            .unwrap_or(&block.id);
        template
            .replace(
                "{id}",
                &utf8_percent_encode(&block.id, URL_COMPONENT).to_string(),
            )
            .replace(
                "{title}",
                &utf8_percent_encode(title, URL_COMPONENT).to_string(),
            )
    }

    /// The HTML and Markdown that replace a block in its chapter; `source` is the chapter's
    /// Markdown the block was parsed from, `skip` where a content note's skip link goes.
    pub fn render_block(
        &self,
        block: &Block,
        source: &str,
        discussion_url: Option<&str>,
        skip: Option<SkipLink<'_>>,
    ) -> Result<String, handlebars::RenderError> {
        let frame = Frame {
            dom_id: format!("{}-{}", block.kind.name(), block.id),
            title: block
                .title
                .as_ref()
                .map(|t| t.markdown.get(source))
                .unwrap_or_default(),
            discussion: Self::discussion_href(discussion_url, block),
        };
        let html = match &block.body {
            BlockBody::Quiz(quiz) => self.render_quiz(block, quiz, source, &frame)?,
            BlockBody::ShortAnswer {
                prompt,
                accepted,
                explanation,
            } => {
                self.render_short_answer(block, (prompt, accepted, explanation), source, &frame)?
            }
            BlockBody::Scenario { markdown } => {
                self.render_scenario(block, markdown, source, &frame)?
            }
            BlockBody::Reply { markdown } => self.render_reply(block, markdown, source, &frame)?,
            BlockBody::ContentNote { markdown, .. } => {
                self.render_content_note(markdown, source, skip)?
            }
        };
        Ok(trimmed_end(html))
    }

    fn render_quiz(
        &self,
        block: &Block,
        quiz: &Quiz,
        source: &str,
        frame: &Frame<'_>,
    ) -> Result<String, handlebars::RenderError> {
        let letters: Vec<String> = (0..quiz.options.len()).map(option_letter).collect();
        let best: Vec<String> = quiz
            .options
            .iter()
            .zip(&letters)
            .filter(|(o, _)| o.correct)
            .map(|(_, l)| l.clone())
            .collect();
        let best_answer = if best.len() == 1 {
            self.edition.ui.best_answer_is.replace("{answer}", &best[0])
        } else {
            self.edition
                .ui
                .best_answers_are
                .replace("{answers}", &join_letters(&best))
        };
        let options: Vec<_> = quiz
            .options
            .iter()
            .zip(&letters)
            .enumerate()
            .map(|(i, (o, letter))| OptionView {
                letter,
                letter_lower: letter.to_lowercase(),
                number: i + 1,
                markdown: o.markdown(source),
            })
            .collect();
        let feedback: Vec<_> = quiz
            .options
            .iter()
            .zip(&letters)
            .filter_map(|(o, letter)| {
                o.feedback(source)
                    .map(|markdown| FeedbackView { letter, markdown })
            })
            .collect();
        let data = QuizData {
            answers: quiz
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect(),
            book: &self.edition.book,
            id: &block.id,
            lang: &self.edition.language,
            multiple: quiz.is_multiple(),
            ui: QuizUi::of(&self.edition.ui),
        };
        let instruction = if quiz.is_multiple() {
            &self.edition.ui.select_all_that_apply
        } else {
            &self.edition.ui.choose_best_answer
        };
        self.templates.render(
            "quiz",
            &QuizView {
                dom_id: &frame.dom_id,
                data: &runtime_data(&data)?,
                ui: &self.edition.ui,
                title: frame.title,
                prompt: quiz.prompt.get(source),
                instruction,
                options,
                best_answer: &best_answer,
                feedback,
                explanation: quiz.explanation.get(source),
                discussion_url: &frame.discussion,
            },
        )
    }

    fn render_short_answer(
        &self,
        block: &Block,
        (prompt, accepted, explanation): (&Text, &[String], &Text),
        source: &str,
        frame: &Frame<'_>,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let data = ShortAnswerData {
            accepted,
            book: &self.edition.book,
            id: &block.id,
            lang: &self.edition.language,
            ui: ShortAnswerUi::of(&self.edition.ui),
        };
        let accepted_answer = ui.accepted_answer_is.replace(
            "{answer}",
            accepted.first().map(String::as_str).unwrap_or_default(),
        );
        self.templates.render(
            "short-answer",
            &ShortAnswerView {
                dom_id: &frame.dom_id,
                data: &runtime_data(&data)?,
                ui: &self.edition.ui,
                title: frame.title,
                prompt: prompt.get(source),
                accepted: &accepted_answer,
                explanation: explanation.get(source),
                discussion_url: &frame.discussion,
            },
        )
    }

    fn render_scenario(
        &self,
        block: &Block,
        markdown: &Text,
        source: &str,
        frame: &Frame<'_>,
    ) -> Result<String, handlebars::RenderError> {
        self.templates.render(
            "scenario",
            &ScenarioView {
                dom_id: &frame.dom_id,
                data: &runtime_data(&ScenarioData {
                    book: &self.edition.book,
                    id: &block.id,
                    lang: &self.edition.language,
                    title: block
                        .title
                        .as_ref()
                        .map(|t| t.text.as_str())
                        .unwrap_or(&block.id),
                    ui: NotesUi::of(&self.edition.ui),
                })?,
                ui: &self.edition.ui,
                title: frame.title,
                body: markdown.get(source),
                discussion_url: &frame.discussion,
            },
        )
    }

    /// The progress or notes recap, filled in the reader's browser from their saved answers;
    /// with `progress_file`, the progress page offers saving them to a file and loading one.
    pub fn render_recap(
        &self,
        kind: RecapKind,
        chapters: &[RecapChapter],
        progress_file: bool,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let data = json!({
            "kind": kind,
            "progress_file": progress_file,
            "book": self.edition.book,
            "lang": self.edition.language,
            "chapters": chapters,
            "file_name": ui.notes_file_name,
            "ui": {
                "progress_caption": ui.progress_caption, "chapter": ui.chapter, "answered": ui.answered,
                "right": ui.right, "progress_summary": self.edition.counted.progress_summary, "no_notes": ui.no_notes,
                "download": ui.download, "notes_file_title": ui.notes_file_title, "clear": ui.clear,
                "clear_question": ui.clear_question, "clear_confirm": ui.clear_confirm,
                "cancel": ui.cancel, "cleared": ui.cleared, "notes_column": ui.notes_column,
                "next_unanswered": ui.next_unanswered, "all_answered": ui.all_answered,
                "progress_save": ui.progress_save, "progress_load": ui.progress_load,
                "progress_file_name": ui.progress_file_name, "progress_damaged": ui.progress_damaged,
                "progress_other_book": ui.progress_other_book,
                "progress_loaded": self.edition.counted.progress_loaded,
                "progress_unused": self.edition.counted.progress_unused,
                "storage_used": ui.storage_used, "not_saved_full": ui.not_saved_full,
                "not_saved_off": ui.not_saved_off,
            },
        });
        let html = self.templates.render(
            "recap",
            &json!({ "kind": kind, "data": escape_single_quoted(&data.to_string()), "ui": { "recap_needs_script": ui.recap_needs_script } }),
        )?;
        Ok(trimmed_end(html))
    }

    /// "About N min read."
    pub fn render_reading_time(&self, minutes: usize) -> Result<String, handlebars::RenderError> {
        let html = self.templates.render(
            "reading-time",
            &ReadingTimeView {
                chapter: Some(self.edition.counted.reading_time.fill("minutes", minutes)),
                landing: None,
            },
        )?;
        Ok(trimmed_end(html))
    }

    /// The offer to keep the module for offline reading, on a page `root` away from the
    /// edition's root (`../` from a chapter in a folder), where its service worker is.
    pub fn render_offline(&self, root: &str) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let data = serde_json::json!({
            "root": root,
            "ui": {
                "keep": ui.offline_keep, "storing": ui.offline_storing, "kept": ui.offline_kept,
                "updated": ui.offline_updated, "removed": ui.offline_removed,
                "refused": ui.offline_refused, "failed": ui.offline_failed,
                "private": ui.offline_private,
            },
        });
        let data = crate::escape::escape_single_quoted(&data.to_string());
        let html = self
            .templates
            .render("offline", &serde_json::json!({ "data": data, "ui": ui }))?;
        Ok(trimmed_end(html))
    }

    /// The first page's account of the module: what it holds, how long it takes, where to start.
    pub fn render_landing(
        &self,
        landing: &crate::pipeline::LandingSummary,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let fill = |text: &str, name: &str, value: usize| text.replace(name, &value.to_string());
        let html = self.templates.render(
            "reading-time",
            &ReadingTimeView {
                chapter: None,
                landing: Some(LandingView {
                    holds: fill(
                        &fill(
                            &fill(&ui.module_holds, "{chapters}", landing.chapters),
                            "{questions}",
                            landing.questions,
                        ),
                        "{scenarios}",
                        landing.scenarios,
                    ),
                    time: (self.edition.counted.module_reading_time)
                        .fill("minutes", landing.minutes),
                    start_href: landing.start.clone(),
                    start: ui.start.clone(),
                }),
            },
        )?;
        Ok(trimmed_end(html))
    }

    pub fn render_glossary_link(
        &self,
        term: &GlossaryTerm,
        href: &str,
        text: &str,
    ) -> Result<String, handlebars::RenderError> {
        self.templates.render(
            "glossary-link",
            &GlossaryLinkView {
                href,
                id: &term.id,
                term: &term.term,
                definition: &term.definition,
                text,
                hint: &self.edition.ui.glossary_hint,
            },
        )
    }

    pub fn render_section_link(
        &self,
        href: &str,
        text: &str,
    ) -> Result<String, handlebars::RenderError> {
        self.templates
            .render("section-link", &SectionLinkView { href, text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_hrefs() {
        assert_eq!(
            relative_href(Path::new("a.md"), Path::new("b.md"), "x"),
            "b.html#x"
        );
        assert_eq!(
            relative_href(Path::new("sub/a.md"), Path::new("b.md"), "x"),
            "../b.html#x"
        );
        assert_eq!(
            relative_href(Path::new("a.md"), Path::new("sub/b.md"), "x"),
            "sub/b.html#x"
        );
        assert_eq!(
            relative_href(Path::new("a.md"), Path::new("a.md"), "x"),
            "#x"
        );
    }

    #[test]
    fn letters() {
        assert_eq!(option_letter(0), "A");
        assert_eq!(option_letter(25), "Z");
        assert_eq!(option_letter(26), "27");
        assert_eq!(
            join_letters(&["A".into(), "B".into(), "D".into()]),
            "A, B, D"
        );
    }
}
