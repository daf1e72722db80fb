//! A library's site, built through the real pipeline: its pages in every language, each
//! module in its folder with the way back and on, search across modules, the shared glossary,
//! the library's settings, and every error with the previous site left as it was.

mod common;

use common::library::{edit, three_module_library};
use common::*;
use std::fs;
use std::path::Path;

fn built(library: &Path) -> std::path::PathBuf {
    let site = library.join("site");
    let output = run(&["build", library.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    site
}

/// The JSON of `attr` on the element whose opening tag holds `marker`, quoted either way.
fn data_of(html: &str, marker: &str, attr: &str) -> serde_json::Value {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    let at = tag.find(&format!("{attr}=")).unwrap() + attr.len() + 1;
    let quote = &tag[at..at + 1];
    let value = &tag[at + 1..at + 1 + tag[at + 1..].find(quote).unwrap()];
    let text = value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

fn page(site: &Path, path: &str) -> String {
    fs::read_to_string(site.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_library_is_one_site_in_every_language() {
    let library = three_module_library();
    let sources = snapshot(library.path());
    let site = built(library.path());
    for path in [
        "index.html",
        "glossary.html",
        "fr/index.html",
        "fr/glossary.html",
        "harassment/index.html",
        "private/introduction.html",
        "events/before.html",
        "fr/events/before.html",
        "theme/library.js",
    ] {
        assert!(site.join(path).is_file(), "{path}");
    }
    // Modules without French have no French folder; the library's French page links them.
    assert!(!site.join("fr/harassment").exists());
    let home = page(&site, "index.html");
    let titles: Vec<usize> = [
        "My training module",
        "Private information",
        "Keeping events safe",
    ]
    .iter()
    .map(|t| {
        home.find(&format!(">{t}</a></h3>"))
            .unwrap_or_else(|| panic!("{t}"))
    })
    .collect();
    assert!(titles.windows(2).all(|w| w[0] < w[1]), "in reading order");
    assert!(home.contains("For volunteers who take harassment reports."));
    assert!(
        home.contains("1 chapter · 1 question · 1 scenario"),
        "{home}"
    );
    assert!(home.contains("href=\"fr/index.html\" hreflang=\"fr\""));
    assert!(home.contains("href=\"glossary.html\">Shared terms</a>"));

    let french = page(&site, "fr/index.html");
    assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(
        french.contains("<h1 class=\"training-library-title\">Formation Soutien et sécurité</h1>")
    );
    assert!(
        french.contains("<a href=\"events/index.html\">Des événements sûrs</a>"),
        "{french}"
    );
    assert!(french.contains(
        "<a href=\"../harassment/index.html\" hreflang=\"en\" lang=\"en\">My training module</a>"
    ));
    assert!(
        french.contains("In English"),
        "the module's own language is said"
    );
    assert!(page(&site, "fr/glossary.html").contains("Termes partagés"));
    assert_eq!(
        snapshot(library.path()).len(),
        sources.len() + files_under(&site).len()
    );
}

#[test]
fn modules_lead_back_to_the_library_and_on_to_the_next() {
    let library = three_module_library();
    let site = built(library.path());
    let chapter = page(&site, "harassment/first-chapter.html");
    assert!(chapter.contains("<a class=\"training-library-home\" href=\"../index.html\">Support and Safety training</a>"), "{chapter}");
    let french = page(&site, "fr/events/before.html");
    assert!(french.contains("class=\"training-library-home\" href=\"../index.html\">Formation Soutien et sécurité</a>"), "{french}");
    // The last chapter offers the next module, in the reader's language where it has one.
    let last = page(&site, "harassment/notes.html");
    assert!(last.contains("class=\"training-next-module\""), "{last}");
    assert!(last.contains("href=\"../private/index.html\" rel=\"next\""));
    assert!(
        !page(&site, "events/before.html").contains("training-next-module"),
        "the last module has no next"
    );
    // Search on a module's page searches the library's index of its language: every module's
    // pages there and the shared glossary, each labelled with its module.
    let data = data_of(&chapter, "id=\"training-search\"", "data-training-search");
    assert_eq!(data["root"], "../");
    assert!(
        data["index"]
            .as_str()
            .unwrap()
            .starts_with("search-index.js?v=")
    );
    assert!(
        !site.join("harassment/search-index.js").exists(),
        "no module's own index"
    );
    let french = data_of(
        &page(&site, "fr/events/before.html"),
        "id=\"training-search\"",
        "data-training-search",
    );
    assert_eq!(french["root"], "../");
    let index = page(&site, "search-index.json");
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let modules = [
        "My training module",
        "Private information",
        "Keeping events safe",
        "Shared terms",
    ];
    assert_eq!(index["modules"], serde_json::json!(modules));
    let urls: Vec<&str> = index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap())
        .collect();
    assert!(
        urls.contains(&"events/before.html#before-the-event"),
        "{urls:?}"
    );
    assert!(urls.contains(&"glossary.html#doxxing"), "{urls:?}");
    let index = page(&site, "fr/search-index.json");
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    assert_eq!(
        index["modules"],
        serde_json::json!(["Des événements sûrs", "Termes partagés"])
    );
    let checked = run(&["check", "--site", site.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn a_shared_term_links_to_the_library_glossary_with_its_definition() {
    let library = three_module_library();
    let site = built(library.path());
    let chapter = page(&site, "private/introduction.html");
    assert!(
        chapter.contains("href=\"../glossary.html#doxxing\""),
        "{chapter}"
    );
    assert!(
        chapter
            .contains("title=\"Publishing someone’s private information without their consent.\""),
        "{chapter}"
    );
    assert!(page(&site, "glossary.html").contains("id=\"doxxing\""));
}

#[test]
fn library_settings_hold_for_every_module() {
    let library = three_module_library();
    edit(
        &library.path().join("library.toml"),
        "glossary = ",
        "quick-exit = \"https://www.wikipedia.org/\"\nprivate-reading = true\nglossary = ",
    );
    let site = built(library.path());
    for path in [
        "index.html",
        "harassment/index.html",
        "private/index.html",
        "fr/events/before.html",
    ] {
        let html = page(&site, path);
        assert!(
            html.contains("class=\"training-quick-exit\" href=\"https://www.wikipedia.org/\""),
            "{path}"
        );
        let data = data_of(&html, "id=\"training-page\"", "data-training-page");
        assert_eq!(data["private_reading"], true, "{path}");
        assert_eq!(
            data["library"], "library-support-and-safety-training",
            "{path}"
        );
        assert_eq!(data["books"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn every_error_is_told_at_once_and_the_site_stays() {
    let library = three_module_library();
    let site = built(library.path());
    let before = snapshot(&site);
    let root = library.path();
    edit(
        &root.join("events/src/before.md"),
        "Plan who",
        "See [x](glossary:no-such-term). Plan who",
    );
    edit(
        &root.join("library.toml"),
        "glossary = ",
        "offline-mode = true\nglossary = ",
    );
    // A module's own term with a shared term's id is a warning: its links reach its own.
    let own = root.join("harassment/src/glossary.md");
    let text = fs::read_to_string(&own).unwrap();
    fs::write(
        &own,
        format!("{text}\n## Doxxing {{#doxxing}}\n\nOur own words.\n"),
    )
    .unwrap();
    let told = build_and_check_fail(root, &[]);
    assert!(
        told.contains("events/src/before.md:3: unknown glossary term `no-such-term`"),
        "{told}"
    );
    assert!(
        told.contains("library.toml:5: `offline-mode` is not a library setting"),
        "{told}"
    );
    assert!(
        told.contains("warning: the term `doxxing` is also in the library's glossary"),
        "{told}"
    );
    assert!(told.contains("harassment/src/glossary.md:"), "{told}");
    assert_eq!(snapshot(&site), before, "the previous site is as it was");
    // A destination inside a module is refused before anything is written.
    edit(&root.join("library.toml"), "offline-mode = true\n", "");
    edit(
        &root.join("events/src/before.md"),
        "See [x](glossary:no-such-term). ",
        "",
    );
    let inside = root.join("events/out");
    let output = run(&[
        "build",
        root.to_str().unwrap(),
        "--dest",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is the module `events`, or inside it"),
        "{}",
        stderr(&output)
    );
    assert!(!inside.exists());
}

#[test]
fn build_lang_builds_that_language_of_the_modules_that_have_it() {
    let library = three_module_library();
    let site = library.path().join("site");
    let output = run(&["build", library.path().to_str().unwrap(), "--lang", "fr"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.join("fr/events/before.html").is_file());
    let output = run(&["build", library.path().to_str().unwrap(), "--lang", "de"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no module of the library has a translation for `de`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn two_modules_with_one_title_are_refused_since_their_answers_would_mix() {
    let library = three_module_library();
    edit(
        &library.path().join("events/book.toml"),
        "title = \"Keeping events safe\"",
        "title = \"My training module\"",
    );
    let told = build_and_check_fail(library.path(), &[]);
    assert!(
        told.contains("library.toml:4: the modules `harassment` and `events` have the same title, \"My training module\""),
        "{told}"
    );
}
