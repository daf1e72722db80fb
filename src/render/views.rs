//! What each block template and the runtime read: one struct per template, with the edition's
//! interface strings each needs.

use crate::escape::escape_single_quoted;
use crate::ui::UiStrings;

/// The interface strings a question's runtime uses, in `data-training-quiz`.
#[derive(serde::Serialize)]
pub(super) struct QuizUi<'a> {
    pub(super) answers_heading: &'a str,
    pub(super) best_answer_is: &'a str,
    pub(super) best_answers_are: &'a str,
    pub(super) best_label: &'a str,
    pub(super) check: &'a str,
    pub(super) choose_first: &'a str,
    pub(super) chosen_label: &'a str,
    pub(super) correct: &'a str,
    pub(super) incorrect: &'a str,
    pub(super) next_chapter: &'a str,
    pub(super) next_question: &'a str,
    pub(super) not_saved_full: &'a str,
    pub(super) not_saved_off: &'a str,
    pub(super) retry: &'a str,
    pub(super) reveal: &'a str,
    pub(super) set_score: &'a str,
    pub(super) try_again_or_show: &'a str,
    pub(super) why_best: &'a str,
    pub(super) why_best_many: &'a str,
}

/// The interface strings a typed answer's runtime uses.
#[derive(serde::Serialize)]
pub(super) struct ShortAnswerUi<'a> {
    pub(super) accepted_answer_is: &'a str,
    pub(super) answers_heading: &'a str,
    pub(super) answer_field: &'a str,
    pub(super) check: &'a str,
    pub(super) correct: &'a str,
    pub(super) incorrect: &'a str,
    pub(super) next_chapter: &'a str,
    pub(super) next_question: &'a str,
    pub(super) not_saved_full: &'a str,
    pub(super) not_saved_off: &'a str,
    pub(super) retry: &'a str,
    pub(super) reveal: &'a str,
    pub(super) set_score: &'a str,
    pub(super) try_again_or_show: &'a str,
    pub(super) type_first: &'a str,
}

impl<'a> QuizUi<'a> {
    pub(super) fn of(ui: &'a UiStrings) -> Self {
        QuizUi {
            answers_heading: &ui.answers_heading,
            best_answer_is: &ui.best_answer_is,
            best_answers_are: &ui.best_answers_are,
            best_label: &ui.best_label,
            check: &ui.check,
            choose_first: &ui.choose_first,
            chosen_label: &ui.chosen_label,
            correct: &ui.correct,
            incorrect: &ui.incorrect,
            next_chapter: &ui.next_chapter,
            next_question: &ui.next_question,
            not_saved_full: &ui.not_saved_full,
            not_saved_off: &ui.not_saved_off,
            retry: &ui.retry,
            reveal: &ui.reveal,
            set_score: &ui.set_score,
            try_again_or_show: &ui.try_again_or_show,
            why_best: &ui.why_best,
            why_best_many: &ui.why_best_many,
        }
    }
}

impl<'a> ShortAnswerUi<'a> {
    pub(super) fn of(ui: &'a UiStrings) -> Self {
        ShortAnswerUi {
            accepted_answer_is: &ui.accepted_answer_is,
            answers_heading: &ui.answers_heading,
            answer_field: &ui.answer_field,
            check: &ui.check,
            correct: &ui.correct,
            incorrect: &ui.incorrect,
            next_chapter: &ui.next_chapter,
            next_question: &ui.next_question,
            not_saved_full: &ui.not_saved_full,
            not_saved_off: &ui.not_saved_off,
            retry: &ui.retry,
            reveal: &ui.reveal,
            set_score: &ui.set_score,
            try_again_or_show: &ui.try_again_or_show,
            type_first: &ui.type_first,
        }
    }
}

/// A block's data for the runtime: JSON, escaped for the single-quoted `data-training-*`
/// attribute the templates write it in.
pub(super) fn runtime_data(
    data: &impl serde::Serialize,
) -> Result<String, handlebars::RenderError> {
    serde_json::to_string(data)
        .map(|json| escape_single_quoted(&json))
        .map_err(|err| handlebars::RenderErrorReason::SerdeError(err).into())
}

/// What the runtime reads from a quiz's `data-training-quiz` (fields in name order).
#[derive(serde::Serialize)]
pub(super) struct QuizData<'a> {
    pub(super) answers: Vec<usize>,
    pub(super) book: &'a str,
    pub(super) id: &'a str,
    pub(super) lang: &'a str,
    pub(super) multiple: bool,
    pub(super) ui: QuizUi<'a>,
}

/// What the runtime reads from a typed answer's `data-training-quiz`.
#[derive(serde::Serialize)]
pub(super) struct ShortAnswerData<'a> {
    pub(super) accepted: &'a [String],
    pub(super) book: &'a str,
    pub(super) id: &'a str,
    pub(super) lang: &'a str,
    pub(super) ui: ShortAnswerUi<'a>,
}

/// What the runtime reads from a scenario's `data-training-scenario`.
#[derive(serde::Serialize)]
pub(super) struct ScenarioData<'a> {
    pub(super) book: &'a str,
    pub(super) id: &'a str,
    pub(super) lang: &'a str,
    pub(super) title: &'a str,
    pub(super) ui: NotesUi<'a>,
}

/// The interface strings a scenario's notes field uses: where its note is kept, or why not.
#[derive(serde::Serialize)]
pub(super) struct NotesUi<'a> {
    pub(super) kept_in_tab: &'a str,
    pub(super) not_saved_full: &'a str,
    pub(super) not_saved_off: &'a str,
    pub(super) saved_here: &'a str,
    pub(super) saved_in_platform: &'a str,
    pub(super) device_only: &'a str,
}

impl<'a> NotesUi<'a> {
    pub(super) fn of(ui: &'a UiStrings) -> Self {
        NotesUi {
            kept_in_tab: &ui.kept_in_tab,
            not_saved_full: &ui.not_saved_full,
            not_saved_off: &ui.not_saved_off,
            saved_here: &ui.saved_here,
            saved_in_platform: &ui.saved_in_platform,
            device_only: &ui.device_only,
        }
    }
}

/// What `quiz.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct QuizView<'a> {
    pub(super) dom_id: &'a str,
    pub(super) data: &'a str,
    pub(super) ui: &'a UiStrings,
    pub(super) title: &'a str,
    pub(super) prompt: &'a str,
    pub(super) instruction: &'a str,
    pub(super) options: Vec<OptionView<'a>>,
    pub(super) best_answer: &'a str,
    pub(super) feedback: Vec<FeedbackView<'a>>,
    pub(super) explanation: &'a str,
    pub(super) discussion_url: &'a str,
}

/// One of a question's options.
#[derive(serde::Serialize)]
pub(super) struct OptionView<'a> {
    pub(super) letter: &'a str,
    pub(super) letter_lower: String,
    pub(super) number: usize,
    pub(super) markdown: std::borrow::Cow<'a, str>,
}

/// What an option says to a reader who chose it.
#[derive(serde::Serialize)]
pub(super) struct FeedbackView<'a> {
    pub(super) letter: &'a str,
    pub(super) markdown: String,
}

/// What `short-answer.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct ShortAnswerView<'a> {
    pub(super) dom_id: &'a str,
    pub(super) data: &'a str,
    pub(super) ui: &'a UiStrings,
    pub(super) title: &'a str,
    pub(super) prompt: &'a str,
    pub(super) accepted: &'a str,
    pub(super) explanation: &'a str,
    pub(super) discussion_url: &'a str,
}

/// What `scenario.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct ScenarioView<'a> {
    pub(super) dom_id: &'a str,
    pub(super) data: &'a str,
    pub(super) ui: &'a UiStrings,
    pub(super) title: &'a str,
    pub(super) body: &'a str,
    pub(super) discussion_url: &'a str,
}

/// What `glossary-link.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct GlossaryLinkView<'a> {
    pub(super) href: &'a str,
    pub(super) id: &'a str,
    /// The glossary's name for the term, which the popover shows above the definition.
    pub(super) term: &'a str,
    pub(super) definition: &'a str,
    pub(super) text: &'a str,
    pub(super) hint: &'a str,
}

/// What `section-link.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct SectionLinkView<'a> {
    pub(super) href: &'a str,
    pub(super) text: &'a str,
}

/// What `reading-time.hbs` reads.
#[derive(serde::Serialize)]
pub(super) struct ReadingTimeView {
    pub(super) chapter: Option<String>,
    pub(super) landing: Option<LandingView>,
}

/// The first page's account of the module.
#[derive(serde::Serialize)]
pub(super) struct LandingView {
    pub(super) holds: String,
    pub(super) time: String,
    pub(super) start_href: Option<String>,
    pub(super) start: String,
}

/// One chapter as the progress and notes pages list it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecapChapter {
    pub title: String,
    pub href: String,
    pub quizzes: Vec<String>,
    /// How many options each of `quizzes` has (1 for a typed answer): what the reader's stored
    /// answer to it can hold.
    pub options: Vec<usize>,
    pub scenarios: Vec<RecapScenario>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RecapScenario {
    pub id: String,
    pub title: String,
}
