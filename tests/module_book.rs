//! The module shipped in `book/`: it checks clean, builds without warnings, renders every
//! question and scenario, keeps the draft's text, and builds through mdBook's own protocol.

mod common;

use common::*;
use mdbook_driver::MDBook;
use std::fs;

fn book_dir() -> std::path::PathBuf {
    repo_root().join("book")
}

#[test]
fn module_checks_clean() {
    let output = run(&["check", book_dir().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
}

#[test]
fn module_site_shows_every_block_and_no_raw_syntax() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build_site(&book_dir(), &site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));

    let mut quizzes = 0;
    let mut scenarios = 0;
    let mut question_links = 0;
    let mut scenario_links = 0;
    let pages = html_pages(&site);
    for page in &pages {
        let html = fs::read_to_string(site.join(page)).unwrap();
        let main = main_of(&html);
        for raw in ["{{#", "{{/", "glossary:", "section:"] {
            assert!(
                !main.contains(raw),
                "{} still shows `{raw}`",
                page.display()
            );
        }
        if page.to_str() == Some("print.html") {
            continue;
        }
        quizzes += main
            .matches("class=\"training-block training-quiz\"")
            .count();
        scenarios += main
            .matches("class=\"training-block training-scenario\"")
            .count();
        question_links += main.matches(">Discuss this question</a>").count();
        scenario_links += main.matches(">Discuss this scenario</a>").count();
        for class in ["class=\"training-term\"", "class=\"training-section-link\""] {
            for href in attribute_values(&html, class, "href") {
                assert_link_resolves(&site, page, &href);
            }
        }
    }
    assert_eq!((quizzes, scenarios), (5, 3));
    assert_eq!((question_links, scenario_links), (5, 3));
    let doxxing = fs::read_to_string(
        site.join("doxxing-or-release-of-personally-identifying-information.html"),
    )
    .unwrap();
    assert!(
        doxxing.contains("href=\"#handling-pii-on-wiki\">Skip to “Handling PII on-wiki”</a>"),
        "the content note links the heading it skips to"
    );
    let reply = fs::read_to_string(site.join("handling-harassment-reports.html")).unwrap();
    assert!(reply.contains("https://meta.wikimedia.org/wiki/Talk:Training_modules/Dealing_with_online_harassment#writing-a-good-reply"));
    assert!(reply.contains("The best answer is B."));
    // Fourteen section chapters, an intro, a glossary with anchored entries, the replies page,
    // progress and notes.
    assert_eq!(
        pages
            .iter()
            .filter(|p| !matches!(p.to_str(), Some("404.html" | "print.html" | "toc.html")))
            .count(),
        19
    );
    let glossary = fs::read_to_string(site.join("glossary.html")).unwrap();
    assert!(glossary.matches("<h2 id=\"").count() >= 25);
    let intro = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        intro.contains("Meta-Wiki")
            && intro.contains("CC BY-SA")
            && intro.contains("Support and Safety team")
    );
}

/// The draft's sentences, without the wiki page's own interface text.
fn draft_sentences(draft: &str) -> Vec<String> {
    const CHROME: &[&str] = &[
        "Jump to content",
        "From Meta,",
        "Drafts:",
        "Training modules/",
        "Test yourself!",
        "What would you do?",
        "This module will periodically present you",
        "Which option would you choose?",
        "Ready to see the correct answer?",
        "Click to expand!",
        "(Discuss this question)",
    ];
    let mut sentences = Vec::new();
    for line in draft.lines() {
        let line = line.trim().trim_start_matches('•').trim();
        if line.is_empty() || CHROME.iter().any(|c| line.starts_with(c)) || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("The correct answer is:").unwrap_or(line);
        let line = match line.split_once(": ") {
            Some((h, rest)) if h.len() <= 3 && h.starts_with('H') => rest,
            _ => line,
        };
        let line = line
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim();
        let mut sentence = String::new();
        for c in line.chars() {
            sentence.push(c);
            if matches!(c, '.' | '?' | '!') {
                let s = sentence.trim().to_string();
                if s.len() > 1 {
                    sentences.push(s);
                }
                sentence.clear();
            }
        }
        if sentence.trim().len() > 1 {
            sentences.push(sentence.trim().to_string());
        }
    }
    sentences
}

/// Book text as a reader sees it: link syntax, escapes and footnote markers removed.
fn readable(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        let before = &rest[..at];
        let open = before.rfind('[').unwrap_or(0);
        let is_footnote = before[open..].starts_with("[^");
        out.push_str(&before[..open]);
        out.push_str(if is_footnote {
            &before[open..]
        } else {
            &before[open + 1..]
        });
        let close = rest[at..].find(')').map_or(rest.len(), |c| at + c + 1);
        rest = &rest[close..];
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        text.push(c);
    }
    let text = text.replace("[^", "[");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn book_keeps_the_drafts_text() {
    let draft = fs::read_to_string(repo_root().join("tests/fixtures/draft/first-draft.txt"))
        .expect("the draft");
    let mut book_text = String::new();
    for page in fs::read_dir(book_dir().join("src")).unwrap() {
        book_text.push_str(&fs::read_to_string(page.unwrap().path()).unwrap());
        book_text.push('\n');
    }
    let book_text = readable(&book_text);
    let sentences = draft_sentences(&draft);
    let missing: Vec<&String> = sentences
        .iter()
        .filter(|s| !book_text.contains(&s.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    let kept = sentences.len() - missing.len();
    let share = kept as f64 / sentences.len() as f64;
    eprintln!(
        "{kept} of {} draft sentences kept ({:.1}%)",
        sentences.len(),
        share * 100.0
    );
    for m in &missing {
        eprintln!("missing: {m}");
    }
    assert!(
        sentences.len() > 400,
        "only {} sentences found in the draft",
        sentences.len()
    );
    assert!(
        share >= 0.97,
        "only {:.1}% of the draft's sentences are in book/src",
        share * 100.0
    );
}

#[test]
fn plain_mdbook_build_runs_the_preprocessor_through_its_protocol() {
    // mdBook's driver spawns the installed command, exactly as `mdbook build book` does.
    let mut config =
        mdbook_driver::config::Config::from_disk(book_dir().join("book.toml")).unwrap();
    config.set("preprocessor.training.command", bin()).unwrap();
    let out = tempfile::tempdir().unwrap();
    config.build.build_dir = out.path().join("site");
    config.build.create_missing = false;
    let book = MDBook::load_with_config(book_dir(), config).unwrap();
    book.build()
        .expect("mdBook builds the module through the protocol");
    let page = fs::read_to_string(out.path().join("site/closing-cases.html")).unwrap();
    assert_eq!(
        page.matches("class=\"training-block training-quiz\"")
            .count(),
        2
    );
    assert!(!main_of(&page).contains("{{#"));

    let supports = run(&["supports", "html"]);
    assert!(supports.status.success());
}
