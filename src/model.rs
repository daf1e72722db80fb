//! The block model: what a chapter's Markdown means to this tool.

use std::borrow::Cow;
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
    /// `{{#reply ID}}`: a message a volunteer may send, with a Copy button.
    Reply,
    /// `{{#content-note}}` (or `{{#content-note skip=HEADING-ID}}`) at the top of a chapter: shown
    /// before the chapter's text. It has no id of its own.
    #[serde(rename = "content-note")]
    ContentNote,
}

impl BlockKind {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "quiz" => Some(BlockKind::Quiz),
            "scenario" => Some(BlockKind::Scenario),
            "short-answer" => Some(BlockKind::ShortAnswer),
            "reply" => Some(BlockKind::Reply),
            "content-note" => Some(BlockKind::ContentNote),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Quiz => "quiz",
            BlockKind::Scenario => "scenario",
            BlockKind::ShortAnswer => "short-answer",
            BlockKind::Reply => "reply",
            BlockKind::ContentNote => "content-note",
        }
    }
}

/// A span of a chapter's Markdown that the parser found. A book's parsed chapters are all held
/// until the book is rendered; holding spans rather than copies of the text keeps them small.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Text {
    start: u32,
    end: u32,
}

impl Text {
    /// The span at `range` (offsets past 4 GiB, which no chapter reaches, are cut short).
    pub fn new(range: Range<usize>) -> Self {
        let at = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Text {
            start: at(range.start),
            end: at(range.end),
        }
    }

    /// The span of `source` at `range` without its surrounding white space.
    pub fn trimmed(source: &str, range: Range<usize>) -> Self {
        let Some(slice) = source.get(range.clone()) else {
            return Text::new(range.start..range.start);
        };
        let start = range.start + (slice.len() - slice.trim_start().len());
        Text::new(start..start + slice.trim().len())
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text, in `source`: the chapter's Markdown this span was found in.
    pub fn get(self, source: &str) -> &str {
        source.get(self.range()).unwrap_or_default()
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
    /// The option's Markdown after its `- [ ]` marker, up to its feedback.
    pub body: Text,
    /// The option's trailing blockquote, `>` markers included.
    pub quote: Option<Text>,
    /// Columns of list indentation on the option's lines after the first.
    pub indent: usize,
    /// Whether the author marked it `[x]`.
    pub correct: bool,
    /// Marked `{reply}` after its checkbox: a reply to reuse, listed on the replies page.
    pub reply: bool,
    pub line: usize,
}

impl QuizOption {
    /// The option's Markdown, de-indented, without its marker and feedback.
    pub fn markdown<'a>(&self, source: &'a str) -> Cow<'a, str> {
        dedent(self.body.get(source), self.indent)
    }

    /// Feedback shown for this option: its trailing blockquote, de-indented, without `>`.
    pub fn feedback(&self, source: &str) -> Option<String> {
        self.quote
            .map(|quote| unquote(&dedent(quote.get(source), self.indent)))
    }
}

/// `text` with the first `indent` columns of every line after the first removed, trimmed.
fn dedent(text: &str, indent: usize) -> Cow<'_, str> {
    if indent == 0 || !text.split('\n').skip(1).any(|l| l.starts_with(' ')) {
        return Cow::Borrowed(text.trim());
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            let strip = line
                .char_indices()
                .take_while(|(n, c)| *c == ' ' && *n < indent)
                .count();
            out.push_str(&line[strip..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out.trim().to_string())
}

/// Removes a blockquote's `>` markers, leaving the quoted Markdown.
fn unquote(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix('>') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None => trimmed,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
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
    /// A message to reuse, with a Copy button.
    Reply {
        markdown: Text,
    },
    /// A note read before the chapter, with the heading its skip link goes to.
    ContentNote {
        markdown: Text,
        skip: Option<String>,
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
    /// `{{#replies}}`: every reply of the book, by chapter, filled in when the book is built.
    Replies,
}

impl RecapKind {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "progress" => Some(RecapKind::Progress),
            "notes" => Some(RecapKind::Notes),
            "replies" => Some(RecapKind::Replies),
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
