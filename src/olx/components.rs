//! A chapter's units as Open edX components: its text as `html` components, its questions as
//! `problem` components and its scenarios, replies and content notes as `html` again, each
//! through a template of `theme/olx/`, which a book's own theme can replace.

use super::links::{Assets, Targets};
use super::outline::{ChapterDraft, Part, UnitDraft, is_blank, url_name};
use crate::diagnostic::Diagnostic;
use crate::model::{Block, BlockBody, ParsedChapter, Quiz};
use crate::pipeline::ChapterInput;
use crate::render::Renderer;
use crate::templates::Templates;
use crate::ui::UiStrings;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The templates of `theme/olx/`, built in.
pub const OLX_TEMPLATES: [(&str, &str); 6] = [
    (
        "problem-choice",
        include_str!("../../theme/olx/problem-choice.hbs"),
    ),
    (
        "problem-typed",
        include_str!("../../theme/olx/problem-typed.hbs"),
    ),
    ("scenario", include_str!("../../theme/olx/scenario.hbs")),
    ("reply", include_str!("../../theme/olx/reply.hbs")),
    (
        "content-note",
        include_str!("../../theme/olx/content-note.hbs"),
    ),
    ("text", include_str!("../../theme/olx/text.hbs")),
];

/// One component of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Component {
    Html {
        url_name: String,
        title: String,
        html: String,
    },
    Problem {
        url_name: String,
        title: String,
        xml: String,
    },
}

/// A unit of the course, ready to be written.
#[derive(Debug, Clone)]
pub struct Unit {
    pub url_name: String,
    pub title: String,
    pub components: Vec<Component>,
}

/// What every component of an edition is made with.
pub struct Making<'a> {
    pub templates: &'a Templates,
    pub targets: &'a Targets,
    pub model: &'a crate::validate::BookModel,
    pub ui: &'a UiStrings,
    pub language: &'a str,
    pub right_to_left: bool,
    pub discussion_url: Option<&'a str>,
}

/// One chapter being made: its source, parse and the images its pages show.
struct Chapter<'c> {
    input: &'c ChapterInput,
    parsed: &'c ParsedChapter,
    assets: &'c mut Assets,
}

impl Making<'_> {
    /// The chapter's units; a question whose HTML is not XML is an error at its line.
    pub fn units(
        &self,
        draft: &ChapterDraft<'_>,
        input: &ChapterInput,
        parsed: &ParsedChapter,
        assets: &mut Assets,
    ) -> Result<Vec<Unit>, Vec<Diagnostic>> {
        let mut chapter = Chapter {
            input,
            parsed,
            assets,
        };
        let mut problems = Vec::new();
        let units = draft
            .units
            .iter()
            .map(|unit| self.unit(unit, draft, &mut chapter, &mut problems))
            .collect();
        match problems.is_empty() {
            true => Ok(units),
            false => Err(problems),
        }
    }

    /// One unit's components, a content note first: it is read before the text it warns of.
    fn unit(
        &self,
        unit: &UnitDraft<'_>,
        draft: &ChapterDraft<'_>,
        chapter: &mut Chapter<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> Unit {
        let parsed = chapter.parsed;
        let is_note = |part: &Part<'_>| match part {
            Part::Block(n) => parsed
                .blocks
                .get(*n)
                .is_some_and(|b| matches!(b.body, BlockBody::ContentNote { .. })),
            Part::Text(_) => false,
        };
        let mut parts: Vec<(usize, &Part<'_>)> = unit.parts.iter().enumerate().collect();
        parts.sort_by_key(|(_, part)| !is_note(part));
        let mut components = Vec::new();
        for (k, part) in parts {
            let made = match part {
                Part::Text(events) if is_blank(events) => continue,
                Part::Text(events) => {
                    let name = format!("{}_text{}", unit.url_name, k + 1);
                    self.text(events, draft, chapter, name).transpose()
                }
                Part::Block(n) => parsed
                    .blocks
                    .get(*n)
                    .map(|block| self.block(block, &unit.url_name, chapter)),
            };
            match made {
                Some(Ok(component)) => components.push(component),
                Some(Err(problem)) => problems.push(*problem),
                None => {}
            }
        }
        let title = unit
            .title
            .clone()
            .unwrap_or_else(|| chapter.input.name.clone());
        // A heading with nothing under it, or an empty chapter, still shows its name: Open
        // edX has no use for an empty unit.
        if components.is_empty() {
            let html = format!("<h2>{}</h2>", crate::escape::escape_html(&title));
            match self.render(chapter, 0, "text", &json!({ "html": html })) {
                Ok(html) => components.push(Component::Html {
                    url_name: format!("{}_text1", unit.url_name),
                    title: title.clone(),
                    html,
                }),
                Err(problem) => problems.push(*problem),
            }
        }
        Unit {
            url_name: unit.url_name.clone(),
            title,
            components,
        }
    }

    fn text(
        &self,
        events: &[Event<'_>],
        draft: &ChapterDraft<'_>,
        chapter: &mut Chapter<'_>,
        url_name: String,
    ) -> Result<Option<Component>, Box<Diagnostic>> {
        let mut all: Vec<Event<'_>> = events.to_vec();
        // Each footnote goes with the text that refers to it.
        let labels: BTreeSet<String> = events
            .iter()
            .filter_map(|e| match e {
                Event::FootnoteReference(label) => Some(label.to_string()),
                _ => None,
            })
            .collect();
        for label in labels {
            if let Some(definition) = draft.footnotes.get(&label) {
                all.push(Event::Start(Tag::FootnoteDefinition(label.into())));
                all.extend(definition.iter().cloned());
                all.push(Event::End(TagEnd::FootnoteDefinition));
            }
        }
        let Some(html) = balanced(&self.html_of(all, chapter)) else {
            return Ok(None);
        };
        let html = self.render(chapter, 0, "text", &json!({ "html": html }))?;
        Ok(Some(Component::Html {
            url_name,
            title: chapter.input.name.clone(),
            html,
        }))
    }

    /// `events` as HTML, their links and images pointed into the course.
    fn html_of(&self, events: Vec<Event<'_>>, chapter: &mut Chapter<'_>) -> String {
        let from = chapter.input.path.clone();
        let mapped = events
            .into_iter()
            .map(|e| self.targets.map_event(e, &from, chapter.assets));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, mapped);
        html.trim_end().to_string()
    }

    /// A piece of a block's Markdown as HTML.
    fn markdown(&self, markdown: &str, chapter: &mut Chapter<'_>) -> String {
        let events = Parser::new_ext(markdown, crate::parse::markdown_options()).collect();
        self.html_of(events, chapter)
    }

    /// The same, without the paragraph around it when it is one paragraph.
    fn inline(&self, markdown: &str, chapter: &mut Chapter<'_>) -> String {
        let html = self.markdown(markdown, chapter);
        match html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    fn render(
        &self,
        chapter: &Chapter<'_>,
        line: usize,
        template: &str,
        data: &Value,
    ) -> Result<String, Box<Diagnostic>> {
        let mut data = data.clone();
        data["lang"] = json!(self.language);
        data["dir"] = json!(self.right_to_left.then_some("rtl"));
        self.templates.render(template, &data).map_err(|e| {
            let at = &chapter.parsed.display_path;
            Box::new(Diagnostic::error(
                at,
                line,
                format!("the course's {template} template failed: {e}"),
            ))
        })
    }

    fn block(
        &self,
        block: &Block,
        unit: &str,
        chapter: &mut Chapter<'_>,
    ) -> Result<Component, Box<Diagnostic>> {
        let source = chapter.input.content.as_str();
        let title_text = block.title.as_ref().map(|t| t.text.clone());
        let title = block.title.as_ref().map(|t| {
            self.inline(
                t.markdown.get(source).trim_start_matches('#').trim(),
                chapter,
            )
        });
        let discussion = Renderer::discussion_href(self.discussion_url, block);
        let html = |kind: &str, component: String, html: String| Component::Html {
            url_name: component,
            title: title_text.clone().unwrap_or_else(|| kind.to_string()),
            html,
        };
        let name = url_name(&block.id);
        match &block.body {
            BlockBody::Quiz(quiz) => self.quiz(block, quiz, chapter, (title, discussion)),
            BlockBody::ShortAnswer {
                prompt,
                accepted,
                explanation,
            } => {
                let (label, before) = self.prompt(prompt.get(source), title.as_deref(), chapter);
                let data = json!({
                    "title": self.problem_title(block),
                    "label": label,
                    "prompt_before": before,
                    "answer": accepted.first(),
                    "additional": accepted.iter().skip(1).collect::<Vec<_>>(),
                    "explanation": self.markdown(explanation.get(source), chapter),
                    "discussion": (!discussion.is_empty()).then_some(discussion),
                    "discuss_label": self.ui.discuss_question,
                });
                let xml = self.render(chapter, block.line, "problem-typed", &data)?;
                self.problem(block, chapter, xml)
            }
            BlockBody::Scenario { markdown } => {
                let data = json!({
                    "kicker": self.ui.what_would_you_do,
                    "title": title,
                    "html": self.markdown(markdown.get(source), chapter),
                    "discussion": (!discussion.is_empty()).then_some(discussion),
                    "discuss_label": self.ui.discuss_scenario,
                });
                let out = self.render(chapter, block.line, "scenario", &data)?;
                Ok(html(&self.ui.what_would_you_do, name, out))
            }
            BlockBody::Reply { markdown } => {
                let data = json!({
                    "kicker": self.ui.reply_kicker,
                    "title": title,
                    "html": self.markdown(markdown.get(source), chapter),
                });
                let out = self.render(chapter, block.line, "reply", &data)?;
                Ok(html(&self.ui.reply_kicker, name, out))
            }
            BlockBody::ContentNote { markdown, skip } => {
                let target = skip.as_deref().and_then(|id| self.targets.anchor(id));
                let heading = skip.as_deref().and_then(|id| self.model.anchor_text(id));
                let data = json!({
                    "kicker": self.ui.content_note,
                    "html": self.markdown(markdown.get(source), chapter),
                    "skip_href": target,
                    "skip_label": self.ui.skip_to.replace("{heading}", heading.unwrap_or_default()),
                });
                let out = self.render(chapter, block.line, "content-note", &data)?;
                Ok(html(&self.ui.content_note, format!("{unit}_note"), out))
            }
        }
    }

    fn quiz(
        &self,
        block: &Block,
        quiz: &Quiz,
        chapter: &mut Chapter<'_>,
        (title, discussion): (Option<String>, String),
    ) -> Result<Component, Box<Diagnostic>> {
        let source = chapter.input.content.as_str();
        let (label, before) = self.prompt(quiz.prompt.get(source), title.as_deref(), chapter);
        let options: Vec<Value> = quiz
            .options
            .iter()
            .enumerate()
            .map(|(n, option)| {
                let feedback = option.feedback(source);
                json!({
                    "letter": crate::render::option_letter(n),
                    "html": self.inline(&option.markdown(source), chapter),
                    "feedback": feedback.map(|f| self.inline(&f, chapter)),
                    "correct": option.correct,
                })
            })
            .collect();
        let data = json!({
            "title": self.problem_title(block),
            "label": label,
            "prompt_before": before,
            "multiple": quiz.is_multiple(),
            "options": options,
            "explanation": self.markdown(quiz.explanation.get(source), chapter),
            "discussion": (!discussion.is_empty()).then_some(discussion),
            "discuss_label": self.ui.discuss_question,
        });
        let xml = self.render(chapter, block.line, "problem-choice", &data)?;
        self.problem(block, chapter, xml)
    }

    /// A question's prompt: its `label` when it is one paragraph; otherwise the prompt comes
    /// before the answers, and the question's title labels them.
    fn prompt(
        &self,
        markdown: &str,
        title: Option<&str>,
        chapter: &mut Chapter<'_>,
    ) -> (String, String) {
        let html = self.markdown(markdown, chapter);
        let inline = self.inline(markdown, chapter);
        if inline != html || html.is_empty() {
            return (inline, String::new());
        }
        let label = title.unwrap_or(&self.ui.test_yourself).to_string();
        (label, html)
    }

    fn problem_title(&self, block: &Block) -> String {
        block
            .title
            .as_ref()
            .map_or_else(|| self.ui.test_yourself.clone(), |t| t.text.clone())
    }

    /// The problem, once its XML is known to be well formed: Open edX parses it as XML.
    fn problem(
        &self,
        block: &Block,
        chapter: &Chapter<'_>,
        xml: String,
    ) -> Result<Component, Box<Diagnostic>> {
        if let Err(err) = roxmltree::Document::parse(&xml) {
            let at = &chapter.parsed.display_path;
            return Err(Box::new(
                Diagnostic::error(at, block.line, format!("the question `{}` is not well-formed XML in the course: {err}", block.id))
                    .with_hint("Open edX reads questions as XML: close every HTML tag the question's text holds (`<br/>`), and write characters rather than HTML entities such as `&nbsp;`"),
            ));
        }
        Ok(Component::Problem {
            url_name: url_name(&block.id),
            title: self.problem_title(block),
            xml,
        })
    }
}

/// `html` with every element closed and no stray end tag, as an HTML parser reads it: a run of
/// text between two blocks may hold half of an element that wraps them (a quiz file's set);
/// `None` when nothing of it shows.
fn balanced(html: &str) -> Option<String> {
    let fragment = scraper::Html::parse_fragment(html);
    let root = fragment.root_element();
    let shows = root.text().any(|t| !t.trim().is_empty())
        || root.descendants().any(|node| {
            node.value().as_element().is_some_and(|e| {
                matches!(
                    e.name(),
                    "img" | "video" | "audio" | "iframe" | "svg" | "object" | "embed" | "hr"
                )
            })
        });
    shows.then(|| root.inner_html())
}

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn text_between_blocks_is_whole_html_or_nothing() {
        assert_eq!(balanced("<div class=\"set\">\n"), None);
        assert_eq!(balanced("</div>"), None);
        assert_eq!(
            balanced("<p>Text</p>\n</div>").as_deref(),
            Some("<p>Text</p>\n")
        );
        assert_eq!(
            balanced("<div><p>Open").as_deref(),
            Some("<div><p>Open</p></div>")
        );
        assert!(balanced("<p><img src=\"/static/a.png\" alt=\"\"></p>").is_some());
    }
}
