//! Fixture books built through the real pipeline; each page's `<main>` is compared with an
//! expected file. `TRAINING_BLESS=1 cargo test` rewrites the expected files.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Builds fixture `name` into a new folder, which holds the site in `site/`.
fn build_fixture(name: &str) -> tempfile::TempDir {
    let fixture = repo_root().join("tests/fixtures").join(name);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build_site(&fixture, &site, &[]);
    assert!(
        output.status.success(),
        "{name} failed to build:\n{}",
        stderr(&output)
    );
    assert!(
        !stderr(&output).contains("warning"),
        "{name} built with warnings:\n{}",
        stderr(&output)
    );
    out
}

/// Builds fixture `name` and compares each page's `<main>` with its expected file, or writes the
/// expected files with `TRAINING_BLESS`. Only one test per fixture calls this, so that blessing
/// writes each file once however the tests run.
fn check_fixture(name: &str) {
    let fixture = repo_root().join("tests/fixtures").join(name);
    let out = build_fixture(name);
    let site = out.path().join("site");
    let expected_dir = fixture.join("expected");
    let bless = std::env::var_os("TRAINING_BLESS").is_some();
    let pages: Vec<_> = html_pages(&site)
        .into_iter()
        .filter(|p| !matches!(p.to_str(), Some("404.html" | "print.html" | "toc.html")))
        .collect();
    if bless {
        let _ = fs::remove_dir_all(&expected_dir);
    }
    for page in &pages {
        let actual = main_of(&fs::read_to_string(site.join(page)).unwrap());
        let expected_path = expected_dir.join(page);
        if bless {
            fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "no expected file {}; run with TRAINING_BLESS=1",
                expected_path.display()
            )
        });
        assert_eq!(
            actual,
            expected,
            "<main> of {} differs from {}",
            page.display(),
            expected_path.display()
        );
    }
    // An expected file with no page means the fixture lost a page: stale expectations fail.
    for expected in html_pages(&expected_dir) {
        assert!(
            pages.contains(&expected),
            "stale expected file {}",
            expected_dir.join(&expected).display()
        );
    }
}

#[test]
fn nested_fixture_matches_expected_pages() {
    check_fixture("nested");
}

#[test]
fn nested_fixture_structure() {
    let out = build_fixture("nested");
    let site = out.path().join("site");
    let one = fs::read_to_string(site.join("part/one.html")).unwrap();

    // Options in the order written, lettered, and exactly the marked answers flagged.
    let letters = attribute_values(&one, "class=\"training-option\"", "data-letter");
    assert_eq!(letters, ["A", "B", "C", "D"]);
    let texts: Vec<usize> = [
        "A home address",
        "A public username",
        "A phone number",
        "An edit summary",
    ]
    .iter()
    .map(|t| one.find(t).expect("option text present"))
    .collect();
    assert!(
        texts.windows(2).all(|w| w[0] < w[1]),
        "options out of order"
    );
    assert!(
        one.contains("&quot;answers&quot;:[0,2]"),
        "answers A and C flagged"
    );
    assert!(one.contains("&quot;multiple&quot;:true"));
    assert!(one.contains("Select all that apply."));
    assert!(one.contains("The best answers are A, C."));
    // Per-option feedback and the explanation sit behind the <details>.
    let details = &one[one.find("<details").unwrap()..one.find("</details>").unwrap()];
    assert!(details.contains("Yes: a home address locates a person."));
    assert!(details.contains("No: an edit summary is public by design."));
    assert!(details.contains("A and C are personal information"));
    assert!(one.contains("href=\"https://meta.wikimedia.org/wiki/Talk:Fixture#pick-all-Which%20of%20these%20are%20private%3F\""));

    // Every glossary and section link resolves to an existing anchor, from every depth.
    let mut checked = 0;
    for page in html_pages(&site) {
        let html = fs::read_to_string(site.join(&page)).unwrap();
        for class in ["class=\"training-term\"", "class=\"training-section-link\""] {
            for href in attribute_values(&html, class, "href") {
                assert_link_resolves(&site, &page, &href);
                checked += 1;
            }
        }
    }
    assert!(checked >= 7, "only {checked} links checked");

    let deep = fs::read_to_string(site.join("part/deeper/two.html")).unwrap();
    assert!(deep.contains("Ответить с сочувствием"));
    assert!(deep.contains("يتصل بك مستخدم"));
    assert!(deep.contains("title=\"Information that identifies a real person.\""));
    assert!(Path::new(&site.join("part/glossary.html")).exists());
}

#[test]
fn mdbook_quiz_fixture_matches_expected_pages() {
    check_fixture("mdbook-quiz");
}
