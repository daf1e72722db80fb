//! Untrusted translations and hostile paths: what a translation may not do to a page, where a
//! site may not go, and what a build never reads. Every failure is the same in `build` and
//! `check`.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const BOOK_TOML: &str = "[book]\ntitle = \"Trust\"\nlanguage = \"en\"\n\n[preprocessor.training]\ndiscussion-url = \"https://example.org/Talk#{id}\"\n";
const CHAPTER: &str =
    "# What is harassment? {#what}\n\nSome text.\n\n## Next {#next}\n\nMore text.\n";

fn po(entries: &[(&str, &str)]) -> String {
    let mut text = String::from(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: fr\\n\"\n",
    );
    for (msgid, msgstr) in entries {
        text.push_str(&format!("\nmsgid {msgid}\nmsgstr {msgstr}\n"));
    }
    text
}

/// A book with one chapter and, when given, `po/fr.po`.
fn book(chapter: &str, french: Option<&str>) -> tempfile::TempDir {
    let mut files = vec![
        ("book.toml", BOOK_TOML),
        ("src/SUMMARY.md", "# Summary\n\n- [Chapter](chapter.md)\n"),
        ("src/chapter.md", chapter),
    ];
    if let Some(french) = french {
        files.push(("po/fr.po", french));
    }
    write_book(&files)
}

/// Builds `book` into `site` and checks it; both succeed, and the same warnings come out.
fn build_and_check_pass(book: &Path) -> String {
    let site = book.join("site");
    let built = build_site(book, &site, &[]);
    let checked = run(&["check", book.to_str().unwrap()]);
    assert!(built.status.success(), "build failed: {}", stderr(&built));
    assert!(
        checked.status.success(),
        "check failed: {}",
        stderr(&checked)
    );
    let warnings = |output| {
        stderr(output)
            .lines()
            .filter(|l| l.contains("warning"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(warnings(&built), warnings(&checked));
    stderr(&built)
}

#[test]
fn a_translation_cannot_add_heading_attributes() {
    let french = po(&[
        (
            "\"What is harassment?\"",
            "\"H {#x onfocus=alert(document.domain) tabindex=0 autofocus}\"",
        ),
        ("\"More text.\"", "\"Plus {#next .evil} de texte.\""),
    ]);
    let book = book(CHAPTER, Some(&french));
    let err = build_and_check_pass(book.path());
    assert!(
        err.contains("po/fr.po:6: warning: the translation adds or changes heading attributes"),
        "{err}"
    );
    let page = fs::read_to_string(book.path().join("site/fr/chapter.html")).unwrap();
    assert!(
        !page.contains("onfocus") && !page.contains("autofocus"),
        "{page}"
    );
    assert!(
        page.contains("What is harassment?"),
        "the source text is used"
    );
}

#[test]
fn deep_nesting_in_a_translation_is_refused_quickly_and_in_little_memory() {
    let nested = ">".repeat(20_000);
    let french = po(&[("\"Some text.\"", &format!("\"{nested} texte\""))]);
    let book = book(CHAPTER, Some(&french));
    let started = std::time::Instant::now();
    let err = build_and_check_pass(book.path());
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert!(
        err.contains("po/fr.po:6: warning: line 1 of the translation nests"),
        "{err}"
    );
    assert!(
        peak_child_memory_mb() < 300,
        "{} MB",
        peak_child_memory_mb()
    );
}

#[test]
fn deep_nesting_in_a_source_is_an_error_with_its_line() {
    let chapter = format!("# C\n\nText.\n\n{} deep\n", "> ".repeat(50_000));
    let book = book(&chapter, None);
    let err = build_and_check_fail(book.path(), &[]);
    assert!(err.contains("src/chapter.md:5: "), "{err}");
    assert!(err.contains("nests quotes or lists"), "{err}");
    let extract = run(&["i18n", "extract", book.path().to_str().unwrap()]);
    assert_eq!(extract.status.code(), Some(1), "{}", stderr(&extract));
    assert!(
        stderr(&extract).contains("src/chapter.md:5: "),
        "{}",
        stderr(&extract)
    );
    assert!(
        peak_child_memory_mb() < 300,
        "{} MB",
        peak_child_memory_mb()
    );
}

/// The largest resident memory of any child this test process waited for, in MB.
fn peak_child_memory_mb() -> i64 {
    // SAFETY: getrusage fills the struct it is given and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

#[test]
fn interface_translations_are_text_never_template_syntax() {
    let french = format!(
        "{}\nmsgctxt \"ui\"\nmsgid \"Themes\"\nmsgstr \"Thèmes {{{{#if x {{{{> y\"\n",
        po(&[])
    );
    let book = book(CHAPTER, Some(&french));
    build_and_check_pass(book.path());
    let page = fs::read_to_string(book.path().join("site/fr/chapter.html")).unwrap();
    assert!(
        page.contains("aria-label=\"Thèmes &#123;&#123;#if x &#123;&#123;&gt; y\""),
        "shown as text"
    );
}

#[test]
fn control_characters_from_a_translation_never_reach_the_page() {
    let french = po(&[("\"Some text.\"", "\"Du\\0 te\\x01xte\\a.\"")]).replace("\\0", "\0");
    let french = french.replace("\\x01", "\u{1}").replace("\\a", "\u{7}");
    let book = book(CHAPTER, Some(&french));
    let err = build_and_check_pass(book.path());
    assert!(
        err.contains("po/fr.po:6: warning: the translation holds control characters"),
        "{err}"
    );
    let page = fs::read(book.path().join("site/fr/chapter.html")).unwrap();
    assert!(!page.iter().any(|b| matches!(b, 0 | 1 | 7)));
    assert!(String::from_utf8_lossy(&page).contains("Du texte."));
}

#[test]
fn a_po_file_that_cannot_name_an_edition_is_named_and_left_out() {
    let french = po(&[("\"Some text.\"", "\"Du texte.\"")]);
    let book = book(CHAPTER, Some(&french));
    for name in ["css", "index.html", "..", "pt_BR", "chapter"] {
        fs::write(book.path().join(format!("po/{name}.po")), &french).unwrap();
    }
    let err = build_and_check_pass(book.path());
    for name in ["css", "index.html", "..", "pt_BR", "chapter"] {
        assert!(
            err.contains(&format!("po/{name}.po: warning: ")),
            "{name}: {err}"
        );
    }
    assert!(book.path().join("site/fr/chapter.html").is_file());
    assert!(
        book.path().join("site/css").is_dir() && book.path().join("site/chapter.html").is_file()
    );
}

#[test]
fn a_translation_cannot_duplicate_an_id() {
    let french = po(&[("\"Next\"", "\"Suite {#what}\"")]);
    let book = book(CHAPTER, Some(&french));
    let err = build_and_check_pass(book.path());
    assert!(err.contains("po/fr.po:6: warning: "), "{err}");
    assert!(!err.contains("src/"), "{err}");
}

/// A book with a built site's worth of sources, to see that nothing of it is lost.
fn assert_sources_intact(book: &Path) {
    assert_eq!(
        fs::read_to_string(book.join("src/chapter.md")).unwrap(),
        CHAPTER
    );
    assert!(book.join("book.toml").is_file() && book.join("src/SUMMARY.md").is_file());
}

#[test]
fn a_destination_that_is_or_holds_the_book_is_refused() {
    let book = book(CHAPTER, None);
    let root = book.path();
    for dest in [
        root.join("src"),
        root.to_path_buf(),
        root.join("src/out"),
        root.join("theme/x"),
        root.parent().unwrap().to_path_buf(),
    ] {
        let output = build_site(root, &dest, &[]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {}",
            dest.display(),
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("choose a folder of its own"),
            "{}",
            stderr(&output)
        );
        assert_sources_intact(root);
    }
    fs::write(
        root.join("book.toml"),
        format!("{BOOK_TOML}\n[build]\nbuild-dir = \"src\"\n"),
    )
    .unwrap();
    let err = build_and_check_fail(root, &[]);
    assert!(err.contains("book.toml: the destination"), "{err}");
    assert_eq!(
        fs::read_to_string(root.join("src/chapter.md")).unwrap(),
        CHAPTER
    );
}

#[test]
fn a_folder_this_tool_did_not_build_is_replaced_only_with_force() {
    let book = book(CHAPTER, None);
    let dest = book.path().join("elsewhere");
    fs::create_dir_all(&dest).unwrap();
    fs::write(dest.join("notes.txt"), "mine").unwrap();
    let output = build_site(book.path(), &dest, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("was not built by mdbook-training"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(dest.join("notes.txt")).unwrap(), "mine");
    let output = build_site(book.path(), &dest, &["--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dest.join("chapter.html").is_file() && !dest.join("notes.txt").exists());
    // Built once, it is this tool's: the next build replaces it without --force.
    assert!(build_site(book.path(), &dest, &[]).status.success());
}

#[test]
fn a_destination_with_dots_is_normalised() {
    let book = book(CHAPTER, None);
    let out = book.path().join("out");
    for _ in 0..2 {
        let output = build_site(book.path(), &out.join("site/../site"), &[]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(out.join("site/chapter.html").is_file());
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site"], "no hidden folders are left");
}

#[test]
fn working_folders_of_killed_builds_are_removed() {
    let book = book(CHAPTER, None);
    let out = book.path().join("out");
    let gone = ended_process_id();
    for kind in ["building", "old", "editions"] {
        leftover_folder(&out.join(format!(".site.{kind}-{gone}")));
    }
    // A folder named alike but without the tool's mark is someone else's.
    let lookalike = out.join(format!(".site.old-{gone}0"));
    fs::create_dir_all(&lookalike).unwrap();
    let alive = out.join(format!(".site.building-{}", std::process::id()));
    fs::create_dir_all(&alive).unwrap();
    let output = build_site(book.path(), &out.join("site"), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for kind in ["building", "old", "editions"] {
        assert!(
            !out.join(format!(".site.{kind}-{gone}")).exists(),
            "{kind} left"
        );
    }
    assert!(alive.exists(), "a running build's folder is kept");
    assert!(lookalike.exists(), "an unmarked folder is never removed");
}

#[test]
fn a_summary_entry_outside_src_is_an_error_at_its_line() {
    let book = book(CHAPTER, None);
    fs::write(
        book.path().join("src/SUMMARY.md"),
        "# Summary\n\n- [Chapter](chapter.md)\n- [Out](../../x.md)\n- [Abs](/etc/hostname)\n",
    )
    .unwrap();
    let err = build_and_check_fail(book.path(), &[]);
    assert!(
        err.contains("src/SUMMARY.md:4: the chapter `../../x.md` is outside src"),
        "{err}"
    );
    assert!(
        err.contains("src/SUMMARY.md:5: the chapter `/etc/hostname` is outside src"),
        "{err}"
    );
    assert!(!book.path().join("book").exists());
}

#[test]
fn links_and_includes_to_files_outside_the_book_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "# Secret\n\npassword\n").unwrap();
    fs::write(outside.path().join("secret.png"), "png").unwrap();
    let book = book(
        "# C\n\n{{#include ../../../../../../../etc/hostname}}\n\nText.\n",
        None,
    );
    let src = book.path().join("src");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), src.join("linked.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.png"), src.join("image.png")).unwrap();
    fs::write(
        src.join("SUMMARY.md"),
        "# Summary\n\n- [Chapter](chapter.md)\n- [Linked](linked.md)\n",
    )
    .unwrap();
    let err = build_and_check_fail(book.path(), &[]);
    assert!(
        err.contains("src/SUMMARY.md:4: the chapter `linked.md` is outside src"),
        "{err}"
    );
    assert!(
        err.contains("src/image.png: is a link to a file outside the book"),
        "{err}"
    );
    assert!(
        err.contains("src/linked.md: is a link to a file outside the book"),
        "{err}"
    );
    assert!(
        err.contains("src/chapter.md:3: `../../../../../../../etc/hostname` is outside the book"),
        "{err}"
    );
    assert!(!book.path().join("book").exists());
}

#[test]
fn check_removes_what_a_killed_check_left() {
    let book = book(CHAPTER, None);
    let gone = ended_process_id();
    let stale = std::env::temp_dir().join(format!("mdbook-training-check-{gone}-stale"));
    leftover_folder(&stale);
    let output = run(&["check", book.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stale.exists());
}

#[test]
fn names_and_titles_from_a_translation_are_checked_and_escaped_once() {
    let french = format!(
        "{}\nmsgctxt \"ui\"\nmsgid \"my-training-progress.json\"\nmsgstr \"../progression.json\"\n\
         \nmsgctxt \"ui\"\nmsgid \"my-notes.txt\"\nmsgstr \"notes.html\"\n\
         \nmsgctxt \"ui\"\nmsgid \"Download my notes as a text file\"\nmsgstr \"Télécharger\"\n",
        po(&[
            // Markdown's escape of `<`: the title is the text `Confiance </title>`.
            ("\"Trust\"", "\"Confiance \\\\</title>\""),
            (
                "\"What is harassment?\"",
                "\"\u{202E}Qu'est-ce que le harcèlement ?\""
            ),
        ])
    );
    let book = book(CHAPTER, Some(&french));
    let said = build_and_check_pass(book.path());
    for (line, what) in [
        (
            13,
            "\"my-training-progress.json\" names the file a reader saves, but it is",
        ),
        (
            17,
            "\"my-notes.txt\" names the file a reader saves, but it does not end in .txt",
        ),
        (9, "bidirectional embedding or override controls"),
    ] {
        assert!(
            said.contains(&format!("po/fr.po:{line}: warning: ")) && said.contains(what),
            "{line} {what}: {said}"
        );
    }
    assert!(
        !said.contains("Télécharger"),
        "a plain string is used: {said}"
    );
    let page = fs::read_to_string(book.path().join("site/fr/chapter.html")).unwrap();
    assert!(
        !page.contains('\u{202E}'),
        "the override never reaches the page"
    );
    let main = main_of(&page);
    assert!(main.contains("est-ce que le harcèlement ?"), "{main}");
    let title = page
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(title.contains("Confiance &lt;/title&gt;"), "{title}");
    assert!(!title.contains('\\'), "escaped once: {title}");
    assert!(
        page.contains("class=\"menu-title\">Confiance &lt;/title&gt;<"),
        "the menu bar too"
    );
}
