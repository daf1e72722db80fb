//! Search: an edition's index, built from its pages with its language's pipeline.
//!
//! Words are cut on Unicode word boundaries (every letter kept; Chinese, Japanese and Korean
//! runs become overlapping pairs of characters), then go through the language's stop-word
//! filter and stemmer from elasticlunr-rs where it has one. The browser cuts and stems the
//! query the same way, with the lunr-languages stemmer the elasticlunr-rs one is ported from.

use elasticlunr::lang::Language;
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Section,
    Question,
    Scenario,
    Term,
}

/// One searchable part of a page: from a heading to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Page and anchor, relative to the edition's root.
    pub url: String,
    pub title: String,
    pub page_title: String,
    pub body: String,
    pub kind: DocKind,
}

/// Characters of scripts written without spaces between words (Chinese, Japanese, Korean,
/// Thai, Lao, Myanmar, Khmer, Tai Tham): their runs are indexed as overlapping pairs of
/// characters, since no rule that the index and the browser share finds their words.
fn is_continuous(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3100..=0x312F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F | 0x20000..=0x2FA1F
        | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x19E0..=0x19FF | 0x1A20..=0x1AAF
        | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F)
}

/// Cuts text into lower-case words by Unicode's word boundaries (UAX #29), each also cut at
/// apostrophes so that `l’été` gives `été`; runs of scripts written without spaces become
/// overlapping pairs of characters (grapheme clusters, so a vowel sign stays with its letter).
/// `theme/search.js` cuts queries by the same rules with `Intl.Segmenter`, and
/// `tests/fixtures/words.json` holds cases both are tested against.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let continuous = is_continuous(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_continuous(c) != continuous)
            .map_or(rest.len(), |(at, _)| at);
        let (run, after) = rest.split_at(end);
        if continuous {
            let clusters: Vec<&str> = run.graphemes(true).collect();
            match clusters.len() {
                1 => tokens.push(clusters[0].to_string()),
                _ => tokens.extend(clusters.windows(2).map(|pair| pair.concat())),
            }
        } else {
            let words = run
                .unicode_words()
                .flat_map(|word| word.split(['\'', '\u{2019}']));
            tokens.extend(words.filter(|w| !w.is_empty()).map(str::to_lowercase));
        }
        rest = after;
    }
    tokens
}

/// The elasticlunr-rs language for an edition, and the name of its browser-side stemmer.
pub fn stemmer_for(language: &str) -> Option<(Box<dyn Language>, &'static str)> {
    let base = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let (code, name): (&str, &'static str) = match base.as_str() {
        "en" => ("en", "en"),
        "ar" => ("ar", "ar"),
        "da" => ("da", "da"),
        "de" => ("de", "de"),
        "nl" => ("du", "du"),
        "es" => ("es", "es"),
        "fi" => ("fi", "fi"),
        "fr" => ("fr", "fr"),
        "hu" => ("hu", "hu"),
        "it" => ("it", "it"),
        "no" | "nb" | "nn" => ("no", "no"),
        "pt" => ("pt", "pt"),
        "ro" => ("ro", "ro"),
        "ru" => ("ru", "ru"),
        "sv" => ("sv", "sv"),
        "tr" => ("tr", "tr"),
        _ => return None,
    };
    elasticlunr::lang::from_code(code).map(|l| (l, name))
}

/// Tokens of `text` after the language's stop-word filter and stemmer (its trimmer is not
/// needed: tokens are already whole words).
pub struct Analyzer {
    pipeline: Option<elasticlunr::pipeline::Pipeline>,
    pub stemmer: Option<&'static str>,
}

impl Analyzer {
    pub fn new(language: &str) -> Self {
        match stemmer_for(language) {
            Some((lang, name)) => {
                let mut pipeline = lang.make_pipeline();
                pipeline.queue.retain(|f| !f.name().starts_with("trimmer"));
                Analyzer {
                    pipeline: Some(pipeline),
                    stemmer: Some(name),
                }
            }
            None => Analyzer {
                pipeline: None,
                stemmer: None,
            },
        }
    }

    pub fn terms(&self, text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        match &self.pipeline {
            Some(pipeline) => pipeline.run(tokens),
            None => tokens,
        }
    }

    /// What the pipeline makes of one word: its stem, or nothing for a stop word.
    fn term(&self, token: &str) -> Option<String> {
        match &self.pipeline {
            Some(pipeline) => pipeline.run(vec![token.to_string()]).pop(),
            None => Some(token.to_string()),
        }
    }
}

/// An analyzer that remembers each word's term, numbered: a book repeats its words, and
/// stemming is the costly part of indexing. The pipeline's steps (stop words, stemmer) each
/// look at one word, so a word always gives the same term.
struct TermNumbers {
    analyzer: Analyzer,
    /// Each word seen, and the number of its term (none for a stop word).
    words: std::collections::HashMap<String, Option<u32>>,
    /// Each term's number.
    numbers: std::collections::HashMap<String, u32>,
    /// Each number's term.
    terms: Vec<String>,
}

impl TermNumbers {
    fn new(language: &str) -> Self {
        TermNumbers {
            analyzer: Analyzer::new(language),
            words: std::collections::HashMap::new(),
            numbers: std::collections::HashMap::new(),
            terms: Vec::new(),
        }
    }

    /// The numbers of the terms in `text`, in order, pushed onto `out`.
    fn read(&mut self, text: &str, out: &mut Vec<u32>) {
        for word in tokenize(text) {
            let number = match self.words.get(&word) {
                Some(number) => *number,
                None => {
                    let number = self.analyzer.term(&word).map(|term| {
                        let next = self.terms.len() as u32;
                        *self.numbers.entry(term).or_insert_with_key(|term| {
                            self.terms.push(term.clone());
                            next
                        })
                    });
                    self.words.insert(word, number);
                    number
                }
            };
            out.extend(number);
        }
    }
}

#[derive(Serialize)]
struct IndexFile<'a> {
    lang: &'a str,
    stemmer: Option<&'a str>,
    /// `[url, title, page title, body, kind]`.
    docs: Vec<(&'a str, &'a str, &'a str, &'a str, DocKind)>,
    /// Each term's postings, flattened: document number, score, document number, score…
    terms: BTreeMap<String, Vec<u32>>,
    /// In a library's index: the modules' titles, and each document's module by number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    modules: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    module_of: Vec<u32>,
}

/// Weight of a word in a title against one in the body.
const TITLE_WEIGHT: u32 = 5;

/// The edition's index as JSON: documents for result teasers and each term's postings.
pub fn build_index(language: &str, docs: &[SearchDoc]) -> String {
    let docs: Vec<&SearchDoc> = docs.iter().collect();
    index_json(language, &docs, Vec::new(), Vec::new())
}

/// A library's index of one language: every module's documents (addresses from the folder the
/// index sits in), each labelled with its module's title in the results.
pub fn build_library_index(language: &str, modules: &[(String, Vec<SearchDoc>)]) -> String {
    let docs: Vec<&SearchDoc> = modules.iter().flat_map(|(_, docs)| docs).collect();
    let titles = modules.iter().map(|(title, _)| title.as_str()).collect();
    let module_of = modules
        .iter()
        .enumerate()
        .flat_map(|(n, (_, docs))| std::iter::repeat_n(n as u32, docs.len()))
        .collect();
    index_json(language, &docs, titles, module_of)
}

fn index_json(
    language: &str,
    docs: &[&SearchDoc],
    modules: Vec<&str>,
    module_of: Vec<u32>,
) -> String {
    let mut numbers = TermNumbers::new(language);
    // Each term's postings in document order: document number and score.
    let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut found = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let n = n as u32;
        for (text, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.body, 1)] {
            found.clear();
            numbers.read(text, &mut found);
            for &term in &found {
                let term = term as usize;
                if postings.len() <= term {
                    postings.resize_with(term + 1, Vec::new);
                }
                match postings[term].last_mut() {
                    Some((doc, score)) if *doc == n => *score += weight,
                    _ => postings[term].push((n, weight)),
                }
            }
        }
    }
    let terms: BTreeMap<String, Vec<u32>> = numbers
        .terms
        .iter()
        .zip(&postings)
        .map(|(term, list)| {
            (
                term.clone(),
                list.iter().flat_map(|&(d, s)| [d, s]).collect(),
            )
        })
        .collect();
    let file = IndexFile {
        lang: language,
        stemmer: numbers.analyzer.stemmer,
        docs: docs
            .iter()
            .map(|d| {
                (
                    d.url.as_str(),
                    d.title.as_str(),
                    d.page_title.as_str(),
                    d.body.as_str(),
                    d.kind,
                )
            })
            .collect(),
        terms,
        modules,
        module_of,
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Classes whose text is interface, not content, and stays out of the index.
const SKIPPED_CLASSES: &[&str] = &[
    "training-kicker",
    "training-instruction",
    "training-best",
    "training-feedback-letter",
    "training-notes",
    "training-discuss",
    "training-reading-time",
    "training-noscript",
    "training-recap",
];

/// Elements whose text is no reading text.
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "template", "textarea", "summary"];

/// Elements after which the text goes on as a new piece: a space keeps words apart.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "li",
    "div",
    "section",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
];

/// The searchable parts of one page's `<main>`, split at every heading with an id; read from
/// the page's DOM (html5ever, through scraper), so entities and markup are the browser's.
pub fn page_docs(page_url: &str, main_html: &str, is_glossary: bool) -> Vec<SearchDoc> {
    let fragment = scraper::Html::parse_fragment(main_html);
    let mut split = PageSplit {
        page_url,
        is_glossary,
        docs: Vec::new(),
        current: SearchDoc {
            url: page_url.to_string(),
            title: String::new(),
            page_title: String::new(),
            body: String::new(),
            kind: DocKind::Section,
        },
    };
    split.visit(*fragment.root_element(), None);
    let PageSplit {
        mut docs, current, ..
    } = split;
    docs.push(current);
    let page_title = docs
        .iter()
        .find(|d| !d.title.is_empty())
        .map(|d| d.title.clone())
        .unwrap_or_default();
    for doc in &mut docs {
        doc.body = doc.body.split_whitespace().collect::<Vec<_>>().join(" ");
        doc.page_title = page_title.clone();
    }
    docs.retain(|d| !d.title.is_empty() || !d.body.is_empty());
    docs
}

/// A page being cut into its searchable parts.
struct PageSplit<'a> {
    page_url: &'a str,
    is_glossary: bool,
    docs: Vec<SearchDoc>,
    current: SearchDoc,
}

impl PageSplit<'_> {
    /// Adds the text under `node` to the current part; a heading with an id starts a new part,
    /// of the kind of the block it is in (`block`).
    fn visit(&mut self, node: ego_tree::NodeRef<'_, scraper::Node>, block: Option<DocKind>) {
        for child in node.children() {
            match child.value() {
                scraper::Node::Text(text) => self.current.body.push_str(text),
                scraper::Node::Element(element) => {
                    if is_skipped(element) {
                        continue;
                    }
                    let block = block_kind(element).or(block);
                    let name = element.name();
                    if let (true, Some(id)) = (is_heading(name), element.id()) {
                        self.start(id, name, heading_text(child), block);
                        continue;
                    }
                    self.visit(child, block);
                    if self.current.kind == DocKind::Term && is_also_line(child) {
                        // A glossary entry's other names, set apart from its definition.
                        self.current.body.push_str(" — ");
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        self.current.body.push(' ');
                    }
                }
                _ => {}
            }
        }
    }

    /// Ends the current part and starts one at heading `id`.
    fn start(&mut self, id: &str, heading: &str, title: String, block: Option<DocKind>) {
        let kind = match block {
            Some(kind) => kind,
            None if self.is_glossary && heading == "h2" => DocKind::Term,
            None => DocKind::Section,
        };
        let next = SearchDoc {
            url: format!("{}#{id}", self.page_url),
            title,
            page_title: String::new(),
            body: String::new(),
            kind,
        };
        let finished = std::mem::replace(&mut self.current, next);
        self.docs.push(finished);
    }
}

/// A glossary entry's `*Also:* …` line: a paragraph that opens with emphasis ending in a colon.
fn is_also_line(node: ego_tree::NodeRef<'_, scraper::Node>) -> bool {
    let is_paragraph = node.value().as_element().is_some_and(|e| e.name() == "p");
    let first = node
        .children()
        .find(|c| !matches!(c.value(), scraper::Node::Text(t) if t.trim().is_empty()));
    let opens_with_label = first.is_some_and(|c| {
        c.value().as_element().is_some_and(|e| e.name() == "em") && heading_text(c).ends_with(':')
    });
    is_paragraph && opens_with_label
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Whether an element's text is interface or no text at all, and stays out of the index.
fn is_skipped(element: &scraper::node::Element) -> bool {
    SKIPPED_ELEMENTS.contains(&element.name())
        || element.classes().any(|c| SKIPPED_CLASSES.contains(&c))
}

/// The kind of search result a block element's headings give.
fn block_kind(element: &scraper::node::Element) -> Option<DocKind> {
    let class = element.attr("class").unwrap_or("");
    if class.contains("training-quiz") {
        Some(DocKind::Question)
    } else if class.contains("training-scenario") {
        Some(DocKind::Scenario)
    } else {
        None
    }
}

/// A heading's text, without what is skipped, its white space folded.
fn heading_text(heading: ego_tree::NodeRef<'_, scraper::Node>) -> String {
    let mut text = String::new();
    for node in heading.descendants() {
        let hidden = node
            .ancestors()
            .any(|a| a.value().as_element().is_some_and(is_skipped));
        if let (scraper::Node::Text(t), false) = (node.value(), hidden) {
            text.push_str(t);
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_every_letter_and_pair_cjk() {
        assert_eq!(
            tokenize("L’été, café — Émilie!"),
            ["l", "été", "café", "émilie"]
        );
        assert_eq!(tokenize("Привет, мир"), ["привет", "мир"]);
        assert_eq!(tokenize("آزار و اذیت"), ["آزار", "و", "اذیت"]);
        assert_eq!(tokenize("网络骚扰 test"), ["网络", "络骚", "骚扰", "test"]);
        assert_eq!(tokenize("हिन्दी"), ["हिन्दी"]);
    }

    /// The cases `theme/search.js` is tested against in Chromium, in the same file.
    #[test]
    fn words_are_cut_as_the_shared_fixture_says() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../tests/fixtures/words.json")).unwrap();
        for case in cases {
            let text = case["text"].as_str().unwrap();
            let expected: Vec<String> = serde_json::from_value(case["words"].clone()).unwrap();
            assert_eq!(tokenize(text), expected, "{text}");
        }
    }

    #[test]
    fn stemming_follows_the_language() {
        let fr = Analyzer::new("fr");
        assert_eq!(fr.terms("harcèlements"), fr.terms("harcèlement"));
        assert!(fr.terms("le la les").is_empty());
        let ru = Analyzer::new("ru");
        assert_eq!(ru.terms("преследования"), ru.terms("преследование"));
        let fa = Analyzer::new("fa");
        assert_eq!(fa.terms("آزار"), ["آزار"]);
        let en = Analyzer::new("en");
        assert_eq!(en.terms("threats"), en.terms("threat"));
    }

    #[test]
    fn pages_split_at_headings_and_skip_interface_text() {
        let html = "<h1 id=\"ch\"><a class=\"header\" href=\"#ch\">Chapter</a></h1>\n<p class=\"training-reading-time\">About 3 min read</p><p>Intro &amp; more.</p>\
            <section class=\"training-block training-quiz\" id=\"quiz-q\"><p class=\"training-kicker\">Test yourself!</p><h3 id=\"q\">Question</h3><p>Prompt.</p><details><summary>Ready?</summary><p>Explained.</p></details></section>";
        let docs = page_docs("a.html", html, false);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].url, "a.html#ch");
        assert_eq!(docs[0].body, "Intro & more.");
        assert_eq!(docs[1].title, "Question");
        assert_eq!(docs[1].kind, DocKind::Question);
        assert_eq!(docs[1].body, "Prompt. Explained.");
        assert_eq!(docs[1].page_title, "Chapter");
    }

    #[test]
    fn a_glossary_entrys_other_names_are_set_apart_from_its_definition() {
        let main = "<h2 id=\"admin\">Administrator</h2>\n<p><em>Also:</em> admin, sysop</p>\n<p>A volunteer with extra tools.</p>";
        let docs = page_docs("glossary.html", main, true);
        let term = docs.iter().find(|d| d.kind == DocKind::Term).unwrap();
        assert_eq!(
            term.body,
            "Also: admin, sysop — A volunteer with extra tools."
        );
        // Elsewhere a paragraph opening with emphasis is just text.
        let docs = page_docs(
            "a.html",
            "<h2 id=\"x\">X</h2><p><em>Note:</em> one</p><p>two</p>",
            false,
        );
        assert_eq!(docs[0].body, "Note: one two");
    }
}
