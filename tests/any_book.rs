//! Any mdBook book gets the whole experience: `init`, the embedded theme, a book's own files
//! and page template. Every book here is written from scratch; nothing is copied from `theme/`.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const CHAPTER: &str = "# One\n\nText.\n\n{{#quiz first}}\n\n### Which?\n\n- [ ] No\n- [x] Yes\n\nBecause.\n\n{{/quiz}}\n";

/// A book with no `theme/` folder and no `[output.html]` lines at all.
fn bare_book(extra_toml: &str) -> tempfile::TempDir {
    write_book(&[
        (
            "book.toml",
            &format!("[book]\ntitle = \"Bare\"\n\n[preprocessor.training]\n{extra_toml}"),
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [One](one.md)\n"),
        ("src/one.md", CHAPTER),
    ])
}

#[test]
fn init_writes_a_module_that_checks_clean_builds_and_stays_as_it_is_on_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("module");
    let out = run(&["init", book.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrote a new module"),
        "{}",
        stderr(&out)
    );
    for file in [
        "book.toml",
        "src/SUMMARY.md",
        "src/first-chapter.md",
        "src/glossary.md",
        "src/progress.md",
        "src/notes.md",
        "po/README.md",
        "theme/index.hbs",
        "theme/training.js",
    ] {
        assert!(book.join(file).is_file(), "init wrote no {file}");
    }
    let checked = run(&["check", book.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        !stderr(&checked).contains("warning"),
        "a new module checks clean: {}",
        stderr(&checked)
    );
    let before = snapshot(&book);
    let again = run(&["init", book.to_str().unwrap()]);
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(before, snapshot(&book), "a second init changed files");

    let site = dir.path().join("site");
    let built = build_site(&book, &site, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = fs::read_to_string(site.join("first-chapter.html")).unwrap();
    assert!(
        page.contains("data-training-quiz"),
        "the question is interactive"
    );
    assert!(
        page.contains("data-training-scenario"),
        "the scenario is there"
    );
}

#[test]
fn init_adds_to_an_existing_book_only_what_is_missing_keeping_comments_and_order() {
    let toml = "# My book's settings\n[book]\ntitle = \"Mine\" # the title\n\n[output.html]\n# my styles\nadditional-css = [\"custom.css\"]\ndefault-theme = \"navy\"\n";
    let book = write_book(&[
        ("book.toml", toml),
        ("custom.css", "p { color: teal; }"),
        ("src/SUMMARY.md", "# Summary\n\n- [One](one.md)\n"),
        ("src/one.md", CHAPTER),
        ("theme/training.css", "/* the author's own */"),
    ]);
    let out = run(&["init", book.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = fs::read_to_string(book.path().join("book.toml")).unwrap();
    assert!(
        written.starts_with("# My book's settings\n[book]\ntitle = \"Mine\" # the title\n"),
        "{written}"
    );
    assert!(
        written.contains("# my styles\nadditional-css = [\"custom.css\", \"theme/training.css\", \"theme/training-pages.css\"]"),
        "{written}"
    );
    assert!(written.contains("default-theme = \"navy\""), "{written}");
    assert!(written.contains("[preprocessor.training]"), "{written}");
    assert!(written.contains("\"theme/training-boot.js\", \"theme/training-sidebar.js\", \"theme/training-store.js\", \"theme/training.js\", \"theme/training-pages.js\", \"theme/training-safety.js\", \"theme/search.js\""), "{written}");
    assert!(
        !book.path().join("src/first-chapter.md").exists(),
        "no starter chapter in a book"
    );
    assert_eq!(
        fs::read_to_string(book.path().join("theme/training.css")).unwrap(),
        "/* the author's own */",
        "the author's theme file is kept"
    );
    assert!(
        stderr(&out).contains("kept the book's own theme/training.css"),
        "{}",
        stderr(&out)
    );
    let before = snapshot(book.path());
    let again = run(&["init", book.path().to_str().unwrap()]);
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(before, snapshot(book.path()));
}

#[test]
fn init_refuses_a_folder_that_holds_files_but_no_book() {
    let dir = write_book(&[("notes.txt", "mine")]);
    let out = run(&["init", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds files but no book.toml"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files_under(dir.path()).len(), 1, "nothing was written");
}

#[test]
fn a_book_without_theme_files_gets_the_runtime_in_every_edition() {
    let book = bare_book("");
    fs::create_dir_all(book.path().join("po")).unwrap();
    fs::write(
        book.path().join("po/fr.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Text.\"\nmsgstr \"Texte.\"\n",
    )
    .unwrap();
    let site = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for edition in ["", "fr/"] {
        let page = fs::read_to_string(site.path().join(format!("{edition}one.html"))).unwrap();
        for asset in [
            "theme/training.css",
            "theme/training.js",
            "theme/search.js",
            "theme/training-boot.js",
        ] {
            assert!(
                page.contains(&format!("\"{asset}?v=")),
                "{edition}one.html loads no {asset}"
            );
            assert!(
                site.path().join(edition).join(asset).is_file(),
                "no {edition}{asset}"
            );
        }
        assert!(
            !page.contains("<script>"),
            "{edition}one.html has an inline script"
        );
    }
}

#[test]
fn a_book_listing_the_assets_without_having_them_builds() {
    // Books made for earlier versions list the theme files; with no copies they used to fail
    // with "failed to open theme/training.css for hashing".
    let book = bare_book(
        "\n[output.html]\nadditional-css = [\"theme/training.css\"]\nadditional-js = [\"theme/training.js\", \"theme/search.js\"]\n",
    );
    let site = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = fs::read_to_string(site.path().join("one.html")).unwrap();
    assert_eq!(page.matches("theme/training.js").count(), 1, "loaded once");
}

#[test]
fn a_books_own_theme_file_replaces_the_embedded_one() {
    let book = bare_book("");
    fs::create_dir_all(book.path().join("theme")).unwrap();
    fs::write(
        book.path().join("theme/training.css"),
        ".mine { color: red; }",
    )
    .unwrap();
    let site = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(site.path().join("theme/training.css")).unwrap(),
        ".mine { color: red; }"
    );
    assert!(site.path().join("theme/training.js").is_file());
}

#[test]
fn a_books_own_page_template_gets_the_tools_parts_and_a_warning_for_its_inline_script() {
    let book = bare_book("");
    add_stock_page_template(book.path());
    let site = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("theme/index.hbs:") && stderr(&out).contains("'unsafe-inline'"),
        "{}",
        stderr(&out)
    );
    let checked = run(&["check", book.path().to_str().unwrap()]);
    assert!(
        stderr(&checked).contains("'unsafe-inline'"),
        "{}",
        stderr(&checked)
    );
    let page = fs::read_to_string(site.path().join("one.html")).unwrap();
    for part in [
        "theme/training.css",
        "theme/training.js",
        "id=\"training-search-toggle\"",
        "id=\"training-search\"",
    ] {
        assert_eq!(page.matches(part).count(), 1, "{part} once in the page");
    }
    assert!(Path::new(&site.path().join("search-index.js")).is_file());
}

#[test]
fn in_a_book_without_an_index_page_search_results_open_the_chapter_itself() {
    // mdBook copies the first chapter to index.html; the index must point at the chapter.
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"No index\"\n\n[preprocessor.training]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [Intro](intro.md)\n- [Two](two.md)\n",
        ),
        ("src/intro.md", "# Intro\n\nWelcome, zebra text.\n"),
        ("src/two.md", "# Two\n\nSecond page.\n"),
    ]);
    let site = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), site.path(), &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path().join("index.html").is_file());
    let index = fs::read_to_string(site.path().join("search-index.json")).unwrap();
    assert!(index.contains("\"intro.html#intro\""), "{index}");
    assert!(!index.contains("\"index.html#"), "{index}");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link_out_of_the_book() {
    let outside = tempfile::tempdir().unwrap();
    let book = write_book(&[
        ("book.toml", "[book]\ntitle = \"Linked\"\n"),
        ("src/SUMMARY.md", "# Summary\n\n- [One](one.md)\n"),
        ("src/one.md", "# One\n"),
    ]);
    std::os::unix::fs::symlink(outside.path(), book.path().join("theme")).unwrap();
    let toml_before = fs::read_to_string(book.path().join("book.toml")).unwrap();
    let out = run(&["init", book.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leads outside the book"),
        "{}",
        stderr(&out)
    );
    assert!(
        files_under(outside.path()).is_empty(),
        "nothing written outside"
    );
    assert_eq!(
        fs::read_to_string(book.path().join("book.toml")).unwrap(),
        toml_before
    );
}
