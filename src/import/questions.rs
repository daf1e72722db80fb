//! Questions and scenarios of a draft: "Test yourself!" blocks with their options and best
//! answer, "What would you do?" blocks, as the book's block Markdown.

use super::chapter::{ChapterState, Importer};
use super::lines::*;
use crate::parse::block_markdown;

impl Importer<'_> {
    pub(super) fn quiz(
        &mut self,
        start: usize,
        end: usize,
        state: &mut ChapterState<'_>,
    ) -> (String, usize) {
        let start_line = self.lines[start].0;
        let (mut i, title) = match self.block_title(start, end) {
            Some((j, title)) => (j + 1, Some(title)),
            None => (start + 1, None),
        };
        let mut prompt = Vec::new();
        while i < end {
            match self.lines[i].1.clone() {
                Line::Text(t) if t.starts_with(BOILERPLATE_PREFIX) || t == QUIZ_ASK => i += 1,
                Line::Blank => i += 1,
                Line::Text(t) => {
                    prompt.push(self.inline(t, state, true, self.lines[i].0));
                    i += 1;
                }
                _ => break,
            }
        }
        let options_start = i;
        // The best answer is known only after the options; read ahead for it.
        let mut j = options_start;
        while j < end
            && matches!(
                self.lines[j].1,
                Line::Numbered { .. } | Line::Bullet { .. } | Line::Indented(_) | Line::Blank
            )
        {
            j += 1;
        }
        let option_count = (options_start..j)
            .filter(|&k| matches!(self.lines[k].1, Line::Numbered { .. } | Line::Bullet { .. }))
            .count();
        let mut explanation_lines = Vec::new();
        let mut k = j;
        let mut found_answer_line = false;
        while k < end {
            match self.lines[k].1 {
                Line::Text(t) if ANSWER_INTRO.contains(&t) => k += 1,
                Line::Text("(Discuss this question)") => {
                    k += 1;
                    break;
                }
                Line::Text(t)
                    if t == QUIZ_START || t == SCENARIO_START || self.is_heading(k, t) =>
                {
                    break;
                }
                Line::Section { .. } => break,
                Line::Text(t) if t.starts_with(CORRECT_ANSWER) => {
                    found_answer_line = true;
                    explanation_lines.push(k);
                    k += 1;
                }
                Line::Blank => k += 1,
                _ if found_answer_line => {
                    explanation_lines.push(k);
                    k += 1;
                }
                _ => break,
            }
        }
        let first_explanation = explanation_lines.first().map(|&k| match self.lines[k].1 {
            Line::Text(t) => t.trim_start_matches(CORRECT_ANSWER).trim(),
            _ => "",
        });
        let best = first_explanation.and_then(|text| best_answer_letter(text, option_count));
        let title_text = title.unwrap_or("Question");
        let id = self.unique_block_id(title_text, "quiz");
        let heading = title
            .map(|t| format!("### {}\n\n", escape_markdown(t, false)))
            .unwrap_or_default();
        let prompt = prompt.join("\n\n");
        let Some(best) = best else {
            self.warn(
                start_line,
                format!("the question “{title_text}” has no “{CORRECT_ANSWER} X)” line naming its best answer"),
                "it is imported as a scenario; turn it into `{{#quiz …}}` and mark the best answer `- [x]`",
            );
            let (options, _) = self.list(options_start, j, state, None);
            let explanation = self.explanation(&explanation_lines, state);
            self.scenarios += 1;
            let body = [prompt, options, explanation]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            return (
                block_markdown("scenario", &id, &format!("{heading}{body}")),
                k,
            );
        };
        let mut correct = vec![false; option_count];
        correct[best] = true;
        let (options, _) = self.list(options_start, j, state, Some(&correct));
        let explanation = self.explanation(&explanation_lines, state);
        self.quizzes += 1;
        let body = [prompt, options, explanation]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        (block_markdown("quiz", &id, &format!("{heading}{body}")), k)
    }

    pub(super) fn explanation(&mut self, lines: &[usize], state: &mut ChapterState<'_>) -> String {
        let mut paragraphs = Vec::new();
        for &k in lines {
            let (line_no, line) = self.lines[k].clone();
            let text = match line {
                Line::Text(t) | Line::Indented(t) => t.trim_start_matches(CORRECT_ANSWER).trim(),
                Line::Bullet { text, .. } | Line::Numbered { text } => text,
                _ => continue,
            };
            paragraphs.push(self.inline(text, state, true, line_no));
        }
        paragraphs.join("\n\n")
    }

    pub(super) fn scenario(
        &mut self,
        start: usize,
        end: usize,
        state: &mut ChapterState<'_>,
    ) -> (String, usize) {
        let (body_start, title) = match self.block_title(start, end) {
            Some((j, title)) => (j + 1, Some(title)),
            None => (start + 1, None),
        };
        let mut stop = body_start;
        let mut closing = None;
        while stop < end {
            match self.lines[stop].1 {
                Line::Text(SCENARIO_END) => {
                    closing = Some(stop);
                    break;
                }
                Line::Text(t)
                    if t == QUIZ_START || t == SCENARIO_START || self.is_heading(stop, t) =>
                {
                    break;
                }
                Line::Section { .. } => break,
                _ => stop += 1,
            }
        }
        let body_lines: Vec<usize> = (body_start..stop)
            .filter(
                |&k| !matches!(self.lines[k].1, Line::Text(t) if t.starts_with(BOILERPLATE_PREFIX)),
            )
            .collect();
        let first = body_lines.first().copied().unwrap_or(stop);
        let mut body = self.blocks(first, stop, state);
        let next = match closing {
            Some(k) => {
                body.push(escape_markdown(SCENARIO_END, true));
                k + 1
            }
            None => stop,
        };
        let title_text = title.unwrap_or("Scenario");
        let id = self.unique_block_id(title_text, "scenario");
        let heading = title
            .map(|t| format!("### {}\n\n", escape_markdown(t, false)))
            .unwrap_or_default();
        self.scenarios += 1;
        (
            block_markdown("scenario", &id, &format!("{heading}{}", body.join("\n\n"))),
            next,
        )
    }
}
