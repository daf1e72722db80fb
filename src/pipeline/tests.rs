//! Tests of `pipeline`.
use super::*;

fn chapter(path: &str, content: &str) -> ChapterInput {
    ChapterInput {
        name: path.into(),
        path: PathBuf::from(path),
        content: content.into(),
    }
}

fn quiz(id: &str, option: &str) -> String {
    format!(
        "{{{{#quiz {id}}}}}\n\nWhich?\n\n- [ ] {option}\n- [x] Yes.\n\nBecause.\n\n{{{{/quiz}}}}\n"
    )
}

fn render(chapters: &[ChapterInput]) -> Vec<String> {
    let config = TrainingConfig {
        glossary: Some("glossary.md".into()),
        discussion_url: Some("https://example.org/Talk#{id}".into()),
        ..TrainingConfig::default()
    };
    let outcome = process_chapters(
        &config,
        Path::new("src"),
        chapters.to_vec(),
        &Edition::default(),
    );
    assert!(
        !outcome.diagnostics.has_errors(),
        "{:?}",
        outcome.diagnostics
    );
    outcome.contents
}

fn section(page: &str) -> &str {
    let start = page.find("<section").unwrap_or(0);
    let end = page
        .find("</section>")
        .map_or(page.len(), |e| e + "</section>".len());
    &page[start..end]
}

#[test]
fn every_block_template_renders() {
    // This book reaches every template of `theme/blocks/` and each branch in them.
    let pages = render(&[
        chapter(
            "a.md",
            "# A & \"B\" {#a}\n\nSee [B's <term>](glossary:diff) and [there](section:diff).\n\n\
             {{#quiz many}}\n\n### Pick 'two' {#pick}\n\nWhich <b>two</b>?\n\n\
             - [x] One & only\n\n  > Right, \"one\".\n- [ ] Two\n- [x] Three\n\n  > Also.\n\n\
             Because.\n\n{{/quiz}}\n\n{{#short-answer name}}\n\nName it?\n\n- revdel\n- rev del\n\n\
             Daily.\n\n{{/short-answer}}\n\n{{#scenario what}}\n\n### What now?\n\nThink.\n\n{{/scenario}}\n",
        ),
        chapter("progress.md", "# Progress\n\n{{#progress}}\n"),
        chapter("notes.md", "# Notes\n\n{{#notes}}\n"),
        chapter(
            "glossary.md",
            "# Glossary\n\n## Diff {#diff}\n\nA 'change'.\n",
        ),
    ]);
    assert!(pages[0].contains("training-reading-time"));
    for marker in [
        "training-term",
        "training-section-link",
        "data-training-quiz",
        "data-training-short-answer",
        "data-training-scenario",
    ] {
        assert!(pages[0].contains(marker), "{marker}: {}", pages[0]);
    }
    assert!(
        pages[1].contains("training-recap-progress") && pages[2].contains("training-recap-notes")
    );
}

#[test]
fn words_are_counted_in_every_script() {
    // `[x]` holds a letter: a word, as a reader skimming the source would count it.
    assert_eq!(word_count("One two,  three\n- [x] four 5 -- ** !"), 6);
    assert_eq!(word_count("Привет мир"), 2);
    assert_eq!(word_count("騷擾問題"), 2);
    assert_eq!(word_count("Harassment 騷擾問題 report"), 4);
    assert_eq!(word_count(""), 0);
}

proptest::proptest! {
    #[test]
    fn words_are_counted_as_character_by_character(text in "(\\PC|[ \t\n\x0B\x0C\r])*") {
        // The plain rule, one character at a time, that the byte-wise count follows.
        let cjk = |c: char| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF);
        let (mut words, mut cjk_chars, mut in_word, mut counted) = (0, 0, false, false);
        for c in text.chars() {
            if c.is_whitespace() {
                in_word = false;
                continue;
            }
            if !in_word {
                in_word = true;
                counted = false;
            }
            if cjk(c) {
                cjk_chars += 1;
            } else if !counted && c.is_alphanumeric() {
                counted = true;
                words += 1;
            }
        }
        proptest::prop_assert_eq!(word_count(&text), words + cjk_chars / 2);
    }
}

#[test]
fn reading_time_goes_before_a_link_that_opens_a_chapter_without_heading() {
    let glossary = chapter(
        "glossary.md",
        "# Glossary\n\n## Diff {#diff}\n\nA change.\n",
    );
    let page = render(&[
        chapter("a.md", "[Diffs](glossary:diff) matter.\n"),
        glossary,
    ])
    .remove(0);
    assert!(
        page.starts_with("<p class=\"training-reading-time\">About 1 min read"),
        "{page}"
    );
    assert!(
        page.contains("</p>\n\n<a class=\"training-term\""),
        "{page}"
    );
}

#[test]
fn links_around_and_inside_blocks_leave_blocks_whole() {
    let glossary = chapter(
        "glossary.md",
        "# Glossary\n\n## Diff {#diff}\n\nA change.\n",
    );
    let term = "<a class=\"training-term\" href=\"glossary.html#diff\" data-term=\"diff\" data-term-name=\"Diff\" data-term-hint=\"Follow the link, or tap it again, for the glossary entry.\" title=\"A change.\">diff</a>";
    // Links before and after the block: the first parse is reused with moved offsets.
    let around = format!(
        "# Title [diff](glossary:diff)\n\nSee [the glossary](section:diff) first.\n\n{}\nAfter [diff](glossary:diff).\n",
        quiz("q", "No.")
    );
    // No link at all.
    let plain = format!("# Title\n\n{}", quiz("q", "No."));
    // A link inside the block: the block is read again from the linked text.
    let inside = format!("# Title\n\n{}", quiz("q", "No, see [diff](glossary:diff)."));
    let pages: Vec<String> = [around, plain, inside]
        .iter()
        .map(|text| render(&[chapter("a.md", text), glossary.clone()]).remove(0))
        .collect();
    assert_eq!(section(&pages[0]), section(&pages[1]));
    assert!(section(&pages[0]).ends_with("</section>"));
    assert!(pages[0].starts_with(&format!(
        "# Title {term}\n\n<p class=\"training-reading-time\">"
    )));
    assert!(
        pages[0].trim_end().ends_with(&format!("After {term}.")),
        "{}",
        pages[0]
    );
    assert!(section(&pages[2]).contains(&format!("No, see {term}.")));
    for page in &pages {
        assert!(
            !page.contains("{{") && !page.contains("glossary:"),
            "{page}"
        );
    }
}
