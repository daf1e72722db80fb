//! Tests of chapter parsing: blocks, links, markers and their errors.

use super::*;
use crate::model::BlockBody;

fn parse(text: &str) -> (ParsedChapter, Vec<Diagnostic>) {
    parse_chapter(Path::new("a.md"), Path::new("src/a.md"), text)
}

const QUIZ: &str = "# Chapter {#chapter}\n\nIntro.\n\n{{#quiz good-reply}}\n\n### Writing a good reply\n\nShould you write:\n\n- [ ] First\n- [x] Second,\n  on two lines\n\n  > Right: it is kind.\n- [ ] Third\n\nB) is best.\n\n{{/quiz}}\n\nAfter.\n";

#[test]
fn quiz_parts() {
    let (chapter, diags) = parse(QUIZ);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(chapter.blocks.len(), 1);
    let block = &chapter.blocks[0];
    assert_eq!(block.id, "good-reply");
    assert_eq!(block.line, 5);
    assert_eq!(block.title.as_ref().unwrap().text, "Writing a good reply");
    assert_eq!(
        &QUIZ[block.span.clone()],
        &QUIZ[QUIZ.find("{{#quiz").unwrap()..QUIZ.find("\n\nAfter").unwrap()]
    );
    let BlockBody::Quiz(quiz) = &block.body else {
        panic!()
    };
    assert_eq!(quiz.prompt.get(QUIZ), "Should you write:");
    let texts: Vec<_> = quiz.options.iter().map(|o| o.markdown(QUIZ)).collect();
    assert_eq!(texts, ["First", "Second,\non two lines", "Third"]);
    assert_eq!(
        quiz.options[1].feedback(QUIZ).as_deref(),
        Some("Right: it is kind.")
    );
    assert!(quiz.options[1].correct && !quiz.options[0].correct);
    assert_eq!(quiz.explanation.get(QUIZ), "B) is best.");
    // An option on one line is its span of the chapter, one on several is de-indented.
    assert!(matches!(
        quiz.options[0].markdown(QUIZ),
        std::borrow::Cow::Borrowed(_)
    ));
    assert!(matches!(
        quiz.options[1].markdown(QUIZ),
        std::borrow::Cow::Owned(_)
    ));
    assert_eq!(chapter.anchors[0].id, "chapter");
}

#[test]
fn links_keep_their_text() {
    let text = "See [the *glossary*](glossary:revdel) and [H8](section:h8-doxxing).\n";
    let (chapter, _) = parse(text);
    assert_eq!(chapter.links.len(), 2);
    assert_eq!(chapter.links[0].text.get(text), "the *glossary*");
    assert_eq!(chapter.links[0].id, "revdel");
    assert_eq!(chapter.links[1].target, LinkTarget::Section);
}

#[test]
fn structural_errors_have_lines() {
    let (_, diags) = parse(
        "{{#quiz a}}\n\n- [ ] x\n\n{{#scenario b}}\n\n{{/quiz}}\n\n{{/scenario}}\n\n{{#poll c}}\n\n{{#quiz Bad_Id}}\n",
    );
    let lines: Vec<_> = diags.iter().map(|d| (d.line, d.message.clone())).collect();
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 3 && m.contains("no best answer")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 5 && m.contains("do not nest")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 9 && m.contains("never opened")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 11 && m.contains("unknown block kind")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 13 && m.contains("not a valid block ID")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 13 && m.contains("never closed")),
        "{lines:?}"
    );
}

#[test]
fn marker_must_be_alone() {
    let (_, diags) = parse("Text\n{{#quiz a}}\n\n- [x] y\n\n{{/quiz}}\n");
    assert!(
        diags
            .iter()
            .any(|d| d.line == 2 && d.message.contains("not alone")),
        "{diags:?}"
    );
}

#[test]
fn ids() {
    assert!(is_valid_id("a-1"));
    assert!(!is_valid_id("-a"));
    assert!(!is_valid_id("A"));
    assert_eq!(
        slugify("What counts as 'actionable'?"),
        "what-counts-as-actionable"
    );
}

#[test]
fn replies_and_content_notes() {
    let text = "# C\n\n{{#content-note skip=later}}\n\nHard things ahead.\n\n{{/content-note}}\n\n{{#quiz q}}\n\n- [ ] No\n- [x] {reply} Hello, thank you.\n\n{{/quiz}}\n\n{{#reply thanks}}\n\nThank you for writing.\n\n{{/reply}}\n\n## Later {#later}\n";
    let (chapter, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:?}");
    let BlockBody::ContentNote { markdown, skip } = &chapter.blocks[0].body else {
        panic!("{:?}", chapter.blocks[0])
    };
    assert_eq!(
        (markdown.get(text), skip.as_deref()),
        ("Hard things ahead.", Some("later"))
    );
    let BlockBody::Quiz(quiz) = &chapter.blocks[1].body else {
        panic!()
    };
    assert!(quiz.options[1].reply && !quiz.options[0].reply);
    assert_eq!(quiz.options[1].markdown(text), "Hello, thank you.");
    assert!(matches!(chapter.blocks[2].body, BlockBody::Reply { .. }));
    let (_, diags) = parse("# C\n\n{{#content-note later}}\n\nNote.\n\n{{/content-note}}\n");
    assert!(
        diags[0].message.contains("is not `skip=HEADING-ID`"),
        "{diags:?}"
    );
}
