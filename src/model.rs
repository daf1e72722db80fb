//! The block model: what a chapter's Markdown means to this tool.

use std::ops::Range;
use std::path::PathBuf;

/// Kinds of block an author can open with `{{#KIND ID}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Quiz,
    Scenario,
    /// `{{#short-answer ID}}`: a question answered by typing (from mdbook-quiz files, or written by hand).
    #[serde(rename = "short-answer")]
    ShortAnswer,
}

impl BlockKind {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "quiz" => Some(BlockKind::Quiz),
            "scenario" => Some(BlockKind::Scenario),
            "short-answer" => Some(BlockKind::ShortAnswer),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Quiz => "quiz",
            BlockKind::Scenario => "scenario",
            BlockKind::ShortAnswer => "short-answer",
        }
    }
}

/// Text the parser took from a chapter: a span of the chapter's Markdown where it is one, or
/// the text it rewrote (de-indented, unquoted). A book's parsed chapters are all held until
/// the book is rendered, and spans keep them small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Span(Range<usize>),
    Rewritten(Box<str>),
}

impl Text {
    /// The span of `source` at `range` without its surrounding white space.
    pub fn trimmed(source: &str, range: Range<usize>) -> Self {
        let Some(slice) = source.get(range.clone()) else {
            return Text::Span(range.start..range.start);
        };
        let start = range.start + (slice.len() - slice.trim_start().len());
        Text::Span(start..start + slice.trim().len())
    }

    /// The text, in `source`: the chapter's Markdown this text was parsed from.
    pub fn get<'a>(&'a self, source: &'a str) -> &'a str {
        match self {
            Text::Span(range) => source.get(range.clone()).unwrap_or_default(),
            Text::Rewritten(text) => text,
        }
    }
}

/// A heading at the very start of a block: its Markdown source and plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub markdown: Text,
    pub text: String,
}

/// One answer option of a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizOption {
    /// The option's Markdown, de-indented, without its `- [ ]` marker and feedback.
    pub markdown: Text,
    /// Whether the author marked it `[x]`.
    pub correct: bool,
    /// Feedback shown for this option: the option's trailing blockquote, without `>`.
    pub feedback: Option<Text>,
    pub line: usize,
}

/// The parts of a quiz block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    pub prompt: Text,
    pub options: Vec<QuizOption>,
    pub explanation: Text,
}

impl Quiz {
    /// More than one `[x]`: "select all that apply".
    pub fn is_multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }
}

/// What a block holds besides its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockBody {
    Quiz(Quiz),
    Scenario {
        markdown: Text,
    },
    /// A typed answer: the prompt, the accepted answers (plain text) and the explanation.
    ShortAnswer {
        prompt: Text,
        accepted: Vec<String>,
        explanation: Text,
    },
}

/// A `{{#KIND ID}}` … `{{/KIND}}` block found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub id: String,
    pub title: Option<Title>,
    pub body: BlockBody,
    /// Bytes of the chapter from the opening marker to the end of the closing marker.
    pub span: Range<usize>,
    /// Line of the opening marker.
    pub line: usize,
}

/// Where a `glossary:` or `section:` link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    Glossary,
    Section,
}

/// A link whose destination this tool resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: LinkTarget,
    pub id: String,
    /// Markdown source of the link text.
    pub text: Text,
    /// Bytes of the whole link in the chapter.
    pub span: Range<usize>,
    pub line: usize,
}

/// A heading with an explicit `{#id}`: a target for section links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub level: u8,
    pub text: String,
    pub line: usize,
}

/// What a recap marker shows, built in the reader's browser from their own saved answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecapKind {
    /// `{{#progress}}`: questions answered and answered right, per chapter.
    Progress,
    /// `{{#notes}}`: the reader's scenario notes, with links back.
    Notes,
}

impl RecapKind {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "progress" => Some(RecapKind::Progress),
            "notes" => Some(RecapKind::Notes),
            _ => None,
        }
    }
}

/// A `{{#progress}}` or `{{#notes}}` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recap {
    pub kind: RecapKind,
    pub span: Range<usize>,
    pub line: usize,
}

/// Everything the parser learned from one chapter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedChapter {
    /// Path of the chapter relative to the book's `src/`.
    pub path: PathBuf,
    /// Path relative to the book root, used in diagnostics.
    pub display_path: PathBuf,
    pub blocks: Vec<Block>,
    pub recaps: Vec<Recap>,
    pub links: Vec<Link>,
    pub anchors: Vec<Anchor>,
    /// End of the chapter's opening heading, when it starts with one.
    pub first_heading_end: Option<usize>,
}

/// A glossary entry: `## Term {#id}` and the definition that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryTerm {
    pub id: String,
    pub term: String,
    /// Other names readers and authors use for the term (`*Also:* a, b`).
    pub aliases: Vec<String>,
    /// The definition as plain text, for tooltips and popovers.
    pub definition: String,
    pub line: usize,
}
