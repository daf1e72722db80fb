//! The replies page's listing: every reply of the book, read from each chapter with the tool's
//! own links turned into their words (a glossary or section link would not resolve there).

use super::{ChapterInput, splice};
use crate::model::{BlockBody, ParsedChapter, RecapKind};
use crate::parse::parse_chapter;
use crate::render::{ReplyChapter, ReplyEntry};
use crate::validate::BookModel;

/// The chapters with replies, in reading order; empty when no page lists them.
pub(super) fn reply_listing(model: &BookModel, chapters: &[ChapterInput]) -> Vec<ReplyChapter> {
    let listed = |c: &ParsedChapter| c.recaps.iter().any(|r| r.kind == RecapKind::Replies);
    if !model.chapters.iter().any(listed) {
        return Vec::new();
    }
    model
        .chapters
        .iter()
        .zip(chapters)
        .filter_map(|(parsed, input)| {
            let replies = chapter_replies(parsed, input);
            (!replies.is_empty()).then(|| ReplyChapter {
                title: input.name.clone(),
                href: parsed.path.to_string_lossy().replace('\\', "/"),
                replies,
            })
        })
        .collect()
}

fn chapter_replies(parsed: &ParsedChapter, input: &ChapterInput) -> Vec<ReplyEntry> {
    let has_reply = parsed.blocks.iter().any(|b| match &b.body {
        BlockBody::Reply { .. } => true,
        BlockBody::Quiz(quiz) => quiz.options.iter().any(|o| o.reply),
        _ => false,
    });
    if !has_reply {
        return Vec::new();
    }
    let text = splice(
        &input.content,
        parsed
            .links
            .iter()
            .map(|l| (l.span.clone(), l.text.get(&input.content).to_string()))
            .collect(),
    );
    let (plain, _) = parse_chapter(&parsed.path, &parsed.display_path, &text);
    let mut replies = Vec::new();
    for block in &plain.blocks {
        let title = block.title.as_ref().map(|t| t.text.clone());
        match &block.body {
            BlockBody::Reply { markdown } => replies.push(ReplyEntry {
                title,
                markdown: markdown.get(&text).to_string(),
                fragment: format!("reply-{}", block.id),
                quiz: None,
            }),
            BlockBody::Quiz(quiz) => replies.extend(quiz.options.iter().filter(|o| o.reply).map(
                |option| ReplyEntry {
                    title: title.clone(),
                    markdown: option.markdown(&text).into_owned(),
                    fragment: format!("quiz-{}", block.id),
                    quiz: Some(block.id.clone()),
                },
            )),
            _ => {}
        }
    }
    replies
}
