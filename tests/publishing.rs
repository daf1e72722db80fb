//! Publishing: byte-identical rebuilds, every internal link checked, progress lines, and
//! canonical links and a sitemap when the site's address is known.

mod common;

use common::*;
use std::fs;

#[test]
fn two_builds_are_byte_identical_and_every_link_resolves() {
    let book = module_with_editions();
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("one"), out.path().join("two"));
    for dest in [&first, &second] {
        let output = build_site(book.path(), dest, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let err = stderr(&output);
        for language in ["en", "fr", "ar"] {
            assert!(
                err.contains(&format!("built the {language} edition: 22 pages in ")),
                "{err}"
            );
        }
    }
    let (a, b) = (snapshot(&first), snapshot(&second));
    assert!(a.len() > 100);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two builds");
    }

    let check = run(&["check", "--site", first.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("66 pages, every internal link and anchor resolves"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn check_site_reports_a_planted_broken_link_with_its_page() {
    let book = module_with_editions();
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["--quiet"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "", "--quiet prints nothing on success");
    let page = site.join("fr/basics.html");
    let html = fs::read_to_string(&page).unwrap().replacen(
        "</main>",
        "<a href=\"../glossary.html#no-such-term\">x</a><a href=\"missing.html\">y</a></main>",
        1,
    );
    fs::write(&page, html).unwrap();
    let check = run(&["check", "--site", site.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(err.contains("fr/basics.html: broken link `../glossary.html#no-such-term`: glossary.html has no anchor #no-such-term"), "{err}");
    assert!(
        err.contains("fr/basics.html: broken link `missing.html`: there is no fr/missing.html"),
        "{err}"
    );
    assert!(err.contains("2 broken links"), "{err}");
}

#[test]
fn site_url_gives_canonical_links_a_sitemap_and_a_404_that_works_at_any_depth() {
    let book = module_with_editions();
    let toml = fs::read_to_string(book.path().join("book.toml"))
        .unwrap()
        .replacen(
            "[output.html]\n",
            "[output.html]\nsite-url = \"https://training.example.org/harassment/\"\n",
            1,
        );
    fs::write(book.path().join("book.toml"), toml).unwrap();
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let fr = fs::read_to_string(site.join("fr/basics.html")).unwrap();
    assert!(fr.contains(
        "<link rel=\"canonical\" href=\"https://training.example.org/harassment/fr/basics.html\">"
    ));
    assert!(fr.contains("<link rel=\"alternate\" hreflang=\"ar\" href=\"https://training.example.org/harassment/ar/basics.html\">"));
    let sitemap = fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://training.example.org/harassment/ar/glossary.html</loc>")
    );
    assert!(sitemap.contains(
        "hreflang=\"fr\" href=\"https://training.example.org/harassment/fr/glossary.html\""
    ));
    assert!(!sitemap.contains("404.html") && !sitemap.contains("print.html"));
    assert_eq!(sitemap.matches("<url>").count(), 3 * 19);
    assert!(
        fs::read_to_string(site.join("fr/404.html"))
            .unwrap()
            .contains("<base href=\"https://training.example.org/harassment/fr/\">")
    );
    assert!(
        fs::read_to_string(site.join("404.html"))
            .unwrap()
            .contains("<base href=\"https://training.example.org/harassment/\">")
    );
}

#[test]
fn a_themes_head_and_header_partials_reach_every_page_of_every_edition() {
    let book = module_with_editions();
    fs::write(
        book.path().join("theme/head.hbs"),
        "<meta name=\"training-test\" content=\"{{ language }}\">\n",
    )
    .unwrap();
    fs::write(
        book.path().join("theme/header.hbs"),
        "<p class=\"training-test-banner\">Sample</p>\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = build_site(book.path(), out.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (page, language) in [
        ("basics.html", "en"),
        ("fr/basics.html", "fr"),
        ("ar/basics.html", "ar"),
        ("ar/print.html", "ar"),
    ] {
        let html = fs::read_to_string(out.path().join(page)).unwrap();
        assert!(
            html.contains(&format!(
                "<meta name=\"training-test\" content=\"{language}\">"
            )),
            "{page} lacks the theme's head.hbs"
        );
        assert!(
            html.contains("<p class=\"training-test-banner\">Sample</p>"),
            "{page} lacks the theme's header.hbs"
        );
    }
}
