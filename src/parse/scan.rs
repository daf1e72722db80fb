//! One pass of pulldown-cmark over a chapter: its top-level elements, paragraphs, training links
//! and heading anchors, each with its byte span.

use super::markdown_options;
use crate::model::LinkTarget;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum TopKind {
    Paragraph,
    Heading,
    List,
    Other,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ItemInfo {
    pub(super) range: Range<usize>,
    pub(super) task: Option<(bool, Range<usize>)>,
    pub(super) last_child: Option<(bool, Range<usize>)>,
}

#[derive(Debug, Clone)]
pub(super) struct TopElement {
    pub(super) kind: TopKind,
    pub(super) range: Range<usize>,
    pub(super) heading_text: String,
    pub(super) items: Vec<ItemInfo>,
}

#[derive(Debug)]
pub(super) struct ParagraphInfo {
    pub(super) range: Range<usize>,
    pub(super) top_level: bool,
}

pub(super) struct OpenLink {
    pub(super) target: LinkTarget,
    pub(super) id: String,
    pub(super) link_type: LinkType,
    pub(super) start: usize,
    pub(super) text: Option<Range<usize>>,
}

/// A `glossary:` or `section:` link: target, id, span, span of its text, and its Markdown form.
pub(super) type ScannedLink = (
    LinkTarget,
    String,
    Range<usize>,
    Option<Range<usize>>,
    LinkType,
);

pub(super) struct Scan {
    pub(super) top: Vec<TopElement>,
    pub(super) paragraphs: Vec<ParagraphInfo>,
    pub(super) links: Vec<ScannedLink>,
    pub(super) anchors: Vec<(String, u8, String, usize)>,
}

/// The state of the one pass over a chapter's events.
struct Scanner {
    out: Scan,
    depth: usize,
    current: Option<TopElement>,
    paragraph_starts: Vec<(usize, bool)>,
    open_links: Vec<OpenLink>,
    heading: Option<(Option<String>, u8, String, usize)>,
}

pub(super) fn scan(text: &str) -> Scan {
    let mut scanner = Scanner {
        out: Scan {
            top: Vec::new(),
            paragraphs: Vec::new(),
            links: Vec::new(),
            anchors: Vec::new(),
        },
        depth: 0,
        current: None,
        paragraph_starts: Vec::new(),
        open_links: Vec::new(),
        heading: None,
    };
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        scanner.grow_link_texts(&event, &range);
        match &event {
            Event::Start(tag) => scanner.start(tag, &range),
            Event::End(tag_end) => scanner.end(tag_end, &range),
            Event::TaskListMarker(checked) => scanner.task(*checked, &range),
            Event::Text(t) | Event::Code(t) => scanner.heading_text(t),
            Event::SoftBreak | Event::HardBreak => scanner.heading_text(" "),
            _ => scanner.other(&range),
        }
    }
    let mut out = scanner.out;
    out.paragraphs.sort_by_key(|p| p.range.start);
    out
}

impl Scanner {
    /// Every open training link's text covers the events inside it.
    fn grow_link_texts(&mut self, event: &Event<'_>, range: &Range<usize>) {
        for link in self.open_links.iter_mut() {
            let own_end = matches!(event, Event::End(TagEnd::Link)) && range.start == link.start;
            if !own_end {
                let r = link.text.get_or_insert(range.clone());
                r.start = r.start.min(range.start);
                r.end = r.end.max(range.end);
            }
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: &Range<usize>) {
        if self.depth == 0 {
            let kind = match tag {
                Tag::Paragraph => TopKind::Paragraph,
                Tag::Heading { .. } => TopKind::Heading,
                Tag::List(_) => TopKind::List,
                _ => TopKind::Other,
            };
            self.current = Some(TopElement {
                kind,
                range: range.clone(),
                heading_text: String::new(),
                items: Vec::new(),
            });
        }
        if let Some(top) = self.current.as_mut().filter(|t| t.kind == TopKind::List) {
            if self.depth == 1 && matches!(tag, Tag::Item) {
                top.items.push(ItemInfo {
                    range: range.clone(),
                    ..ItemInfo::default()
                });
            } else if self.depth == 2
                && let Some(item) = top.items.last_mut()
            {
                item.last_child = Some((matches!(tag, Tag::BlockQuote(_)), range.clone()));
            }
        }
        match tag {
            Tag::Paragraph => self.paragraph_starts.push((range.start, self.depth == 0)),
            Tag::Heading { level, id, .. } => {
                self.heading = Some((
                    id.as_ref().map(|id| id.to_string()),
                    *level as u8,
                    String::new(),
                    range.start,
                ));
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let target = if let Some(id) = dest_url.strip_prefix("glossary:") {
                    Some((LinkTarget::Glossary, id))
                } else {
                    dest_url
                        .strip_prefix("section:")
                        .map(|id| (LinkTarget::Section, id))
                };
                if let Some((target, id)) = target {
                    self.open_links.push(OpenLink {
                        target,
                        id: id.to_string(),
                        link_type: *link_type,
                        start: range.start,
                        text: None,
                    });
                }
            }
            _ => {}
        }
        self.depth += 1;
    }

    fn end(&mut self, tag_end: &TagEnd, range: &Range<usize>) {
        self.depth = self.depth.saturating_sub(1);
        match tag_end {
            TagEnd::Paragraph => {
                if let Some((start, top_level)) = self.paragraph_starts.pop() {
                    self.out.paragraphs.push(ParagraphInfo {
                        range: start..range.end,
                        top_level,
                    });
                }
            }
            TagEnd::Heading(_) => {
                if let Some((id, level, text, start)) = self.heading.take() {
                    if let Some(top) = self.current.as_mut().filter(|_| self.depth == 0) {
                        top.heading_text = text.clone();
                    }
                    if let Some(id) = id {
                        self.out.anchors.push((id, level, text, start));
                    }
                }
            }
            TagEnd::Link => {
                if self
                    .open_links
                    .last()
                    .is_some_and(|l| l.start == range.start)
                    && let Some(link) = self.open_links.pop()
                {
                    self.out.links.push((
                        link.target,
                        link.id,
                        range.clone(),
                        link.text,
                        link.link_type,
                    ));
                }
            }
            _ => {}
        }
        if self.depth == 0
            && let Some(mut top) = self.current.take()
        {
            top.range = range.clone();
            self.out.top.push(top);
        }
    }

    fn task(&mut self, checked: bool, range: &Range<usize>) {
        if let Some(item) = self
            .current
            .as_mut()
            .filter(|t| t.kind == TopKind::List)
            .and_then(|t| t.items.last_mut())
            .filter(|i| i.task.is_none())
        {
            item.task = Some((checked, range.clone()));
        }
    }

    fn heading_text(&mut self, text: &str) {
        if let Some(h) = self.heading.as_mut() {
            h.2.push_str(text);
        }
    }

    fn other(&mut self, range: &Range<usize>) {
        if self.depth == 0 {
            self.out.top.push(TopElement {
                kind: TopKind::Other,
                range: range.clone(),
                heading_text: String::new(),
                items: Vec::new(),
            });
        }
    }
}
