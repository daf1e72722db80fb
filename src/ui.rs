//! The tool's own interface strings, which every edition can translate.

use serde::Serialize;

/// Words the tool itself puts on a page, in the edition's language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UiStrings {
    pub test_yourself: String,
    pub what_would_you_do: String,
    pub choose_best_answer: String,
    pub select_all_that_apply: String,
    pub ready_to_see_answer: String,
    /// `{answer}` is the letter of the best answer.
    pub best_answer_is: String,
    /// `{answers}` lists the letters of the best answers.
    pub best_answers_are: String,
    pub discuss_question: String,
    pub discuss_scenario: String,
    pub your_notes: String,
    pub notes_stay_here: String,
}

impl Default for UiStrings {
    fn default() -> Self {
        UiStrings {
            test_yourself: "Test yourself!".into(),
            what_would_you_do: "What would you do?".into(),
            choose_best_answer: "Choose the best answer.".into(),
            select_all_that_apply: "Select all that apply.".into(),
            ready_to_see_answer: "Ready to see the correct answer?".into(),
            best_answer_is: "The best answer is {answer}.".into(),
            best_answers_are: "The best answers are {answers}.".into(),
            discuss_question: "Discuss this question".into(),
            discuss_scenario: "Discuss this scenario".into(),
            your_notes: "Your notes".into(),
            notes_stay_here: "Your notes are kept only in this browser, on this device. They are never sent anywhere.".into(),
        }
    }
}
