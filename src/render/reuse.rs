//! Rendering what readers take with them or meet first: replies to reuse, the page that lists
//! them, and a chapter's content note.

use super::views::runtime_data;
use super::{Frame, Renderer, relative_href, trimmed_end};
use crate::model::{Block, Text};
use serde_json::json;
use std::path::Path;

/// One chapter's replies, as the replies page lists them (hrefs relative to `src/`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReplyChapter {
    pub title: String,
    pub href: String,
    pub replies: Vec<ReplyEntry>,
}

/// A reply: a `{{#reply}}` block, or a quiz option marked `{reply}` (shown once answered).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReplyEntry {
    pub title: Option<String>,
    pub markdown: String,
    /// The block's element id in its chapter.
    pub fragment: String,
    /// The question whose answer this reply is.
    pub quiz: Option<String>,
}

/// Where a content note's skip link goes, and the heading's words.
pub struct SkipLink<'a> {
    pub href: String,
    pub heading: &'a str,
}

impl Renderer {
    pub(super) fn render_reply(
        &self,
        block: &Block,
        markdown: &Text,
        source: &str,
        frame: &Frame<'_>,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let data =
            json!({ "id": block.id, "ui": { "copied": ui.copied, "copy_failed": ui.copy_failed } });
        self.templates.render(
            "reply",
            &json!({
                "dom_id": frame.dom_id, "data": runtime_data(&data)?, "ui": ui,
                "title": frame.title, "body": markdown.get(source),
            }),
        )
    }

    /// A content note, with its skip link when it has one.
    pub(super) fn render_content_note(
        &self,
        markdown: &Text,
        source: &str,
        skip: Option<SkipLink<'_>>,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let html = self.templates.render(
            "content-note",
            &json!({
                "ui": ui, "body": markdown.get(source),
                "skip_href": skip.as_ref().map(|s| s.href.as_str()),
                "skip_label": skip.as_ref().map(|s| ui.skip_to.replace("{heading}", s.heading)),
            }),
        )?;
        Ok(trimmed_end(html))
    }

    /// The replies page: every chapter's replies, each linking back, for the page at `from`.
    pub fn render_replies(
        &self,
        listing: &[ReplyChapter],
        from: &Path,
    ) -> Result<String, handlebars::RenderError> {
        let ui = &self.edition.ui;
        let chapters: Vec<_> = listing
            .iter()
            .map(|chapter| {
                let replies: Vec<_> = chapter
                    .replies
                    .iter()
                    .map(|reply| {
                        let href = relative_href(from, Path::new(&chapter.href), &reply.fragment);
                        json!({
                            "title": reply.title, "markdown": reply.markdown, "quiz": reply.quiz,
                            "href": href, "from": ui.reply_from.replace("{chapter}", &chapter.title),
                        })
                    })
                    .collect();
                json!({ "title": chapter.title, "replies": replies })
            })
            .collect();
        let locked = listing
            .iter()
            .flat_map(|c| &c.replies)
            .any(|r| r.quiz.is_some());
        let data = json!({
            "book": self.edition.book,
            "ui": { "copied": ui.copied, "copy_failed": ui.copy_failed },
        });
        let html = self.templates.render(
            "replies",
            &json!({ "data": runtime_data(&data)?, "ui": ui, "chapters": chapters, "locked": locked }),
        )?;
        Ok(trimmed_end(html))
    }
}
