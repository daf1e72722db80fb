//! Source chapters cut once per build into mdbook-i18n-helpers' groups (what to translate,
//! what to keep), shared by every edition.
//!
//! Cutting a chapter finds the translatable comments and strings of its code blocks through
//! syntect, which took about 40% of each translated edition's build; it depends on the source
//! text alone, so the editions of one build share the result. The groups are the library's own
//! (`group_events`), kept with owned events and with each message's text, which is the same
//! in every edition; each edition then looks the messages up and reassembles the chapter.

use mdbook_i18n_helpers::{Group, extract_events, group_events, reconstruct_markdown};
use pulldown_cmark::Event;
use pulldown_cmark_to_cmark::{CodeBlockKind, State};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One group of a chapter's events: to translate (a message), or to keep as it is.
pub struct CutGroup {
    pub events: Vec<(usize, Event<'static>)>,
    pub translatable: bool,
    /// The message: the group's Markdown, as a PO file's `msgid` has it (empty when kept).
    pub msgid: String,
    /// How a translation of this group is read back into events.
    pub read_as: ReadAs,
}

/// How a translated message is read back into events: what the Markdown writer's state after
/// the groups before it says, and all that `extract_events` asks of that state (keeping the
/// whole state, 312 bytes a group, held most of the cache's memory).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReadAs {
    Markdown,
    /// Lines of a code block.
    CodeLines,
    /// The text of a table cell.
    TableCell,
}

impl ReadAs {
    fn of(state: &Option<State<'_>>) -> Self {
        match state {
            Some(state) if state.is_in_code_block() => ReadAs::CodeLines,
            Some(state) if state.in_table_cell => ReadAs::TableCell,
            _ => ReadAs::Markdown,
        }
    }

    /// A writer's state that `extract_events` reads as this.
    pub fn state(self) -> Option<State<'static>> {
        let mut state = State::default();
        match self {
            ReadAs::Markdown => return None,
            ReadAs::CodeLines => state.code_block = Some(CodeBlockKind::Fenced),
            ReadAs::TableCell => state.in_table_cell = true,
        }
        Some(state)
    }
}

/// A chapter's groups, in order.
pub type CutChapter = Arc<Vec<CutGroup>>;

/// The groups of every chapter text met in this build, by the text itself.
#[derive(Default)]
pub struct GroupCache {
    chapters: Mutex<HashMap<String, CutChapter>>,
}

impl GroupCache {
    /// `text` cut into groups: from the cache, or cut now and kept for the other editions.
    pub fn groups(&self, text: &str) -> Result<CutChapter, String> {
        if let Some(found) = self.lock().get(text) {
            return Ok(Arc::clone(found));
        }
        // Cut outside the lock, so editions building in parallel do not wait on each other.
        let cut = Arc::new(cut(text)?);
        self.lock().insert(text.to_string(), Arc::clone(&cut));
        Ok(cut)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CutChapter>> {
        // A panic while holding the lock leaves the map whole: its entries are inserted whole.
        self.chapters
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `text` cut into groups, as mdbook-i18n-helpers' `translate_events` cuts it, each message
/// written out as it does.
pub fn cut(text: &str) -> Result<Vec<CutGroup>, String> {
    let events = extract_events(text, None);
    let groups = group_events(&events).map_err(|e| e.to_string())?;
    let mut state: Option<State<'static>> = None;
    let mut cut = Vec::with_capacity(groups.len());
    for group in groups {
        let (events, translatable) = match group {
            Group::Translate { events, .. } => (events, true),
            Group::Skip(events) => (events, false),
        };
        let events: Vec<(usize, Event<'static>)> = events
            .into_iter()
            .map(|(line, event)| (line, event.into_static()))
            .collect();
        let (msgid, next) =
            reconstruct_markdown(&events, state.clone()).map_err(|e| e.to_string())?;
        cut.push(CutGroup {
            msgid: if translatable { msgid } else { String::new() },
            events,
            translatable,
            read_as: ReadAs::of(&state),
        });
        state = Some(next);
    }
    Ok(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_is_read_back_as_its_place_says() {
        let cut =
            cut("Text.\n\n```rust\n// A comment.\n```\n\n| A | B |\n|---|---|\n| cell | x |\n")
                .unwrap();
        let read_as = |msgid: &str| cut.iter().find(|g| g.msgid == msgid).map(|g| g.read_as);
        assert_eq!(read_as("Text."), Some(ReadAs::Markdown));
        assert_eq!(read_as("cell"), Some(ReadAs::TableCell));
        assert!(
            cut.iter()
                .any(|g| g.read_as == ReadAs::CodeLines && g.translatable),
            "{:?}",
            cut.iter()
                .map(|g| (&g.msgid, g.read_as))
                .collect::<Vec<_>>()
        );
        let state = ReadAs::CodeLines.state().unwrap();
        assert!(state.is_in_code_block() && !state.in_table_cell);
        assert!(ReadAs::TableCell.state().unwrap().in_table_cell);
    }

    #[test]
    fn a_chapter_is_cut_once_and_shared() {
        let cache = GroupCache::default();
        let text = "# Title\n\nText.\n\n```rust\n// A comment.\nlet s = \"a string\";\n```\n";
        let first = cache.groups(text).unwrap();
        let second = cache.groups(text).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert!(first.iter().filter(|g| g.translatable).count() >= 3);
        assert_eq!(cache.lock().len(), 1);
    }
}
