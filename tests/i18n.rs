//! Translation end to end: extract, the sample French and Arabic editions, hostile and
//! malformed PO files, update and status.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// GNU gettext's own check of a PO file; never skipped, so a missing msgfmt fails the test.
fn msgfmt_check(path: &Path) {
    let output = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(path)
        .output()
        .expect(
            "the PO checks need GNU gettext's msgfmt: `apt-get install -y gettext`, or run .ci/run",
        );
    assert!(
        output.status.success(),
        "msgfmt --check {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn build(book: &Path, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let site = book.join("site");
    (build_site(book, &site, extra), site)
}

#[test]
fn template_and_sample_editions_pass_msgfmt() {
    let book = module_with_editions();
    let output = run(&["i18n", "extract", book.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pot = fs::read_to_string(book.path().join("po/messages.pot")).unwrap();
    assert!(
        pot.contains("#: src/handling-harassment-reports.md:20\nmsgid \"Writing a good reply\""),
        "title with its source reference"
    );
    assert!(pot.contains("msgctxt \"ui\"\nmsgid \"Test yourself!\""));
    assert!(pot.contains("msgctxt \"ui\"\nmsgid \"Previous chapter\""));
    assert!(pot.contains("msgctxt \"ui\"\nmsgid \"Check\""));
    assert!(
        pot.contains("src/SUMMARY.md:5") && !pot.contains("msgid \"[Basics](basics.md)\""),
        "SUMMARY titles as plain titles, as mdbook-xgettext offers them"
    );
    assert!(
        pot.contains("msgid \"Hiding a revision, log entry or username even from administrators"),
        "glossary definitions"
    );
    assert!(
        !pot.contains("{{#quiz") && !pot.contains("{{/quiz"),
        "block markers are not messages"
    );
    msgfmt_check(&book.path().join("po/messages.pot"));
    for language in ["fr", "ar"] {
        msgfmt_check(&repo_root().join(format!("tests/fixtures/editions/{language}.po")));
    }
}

#[test]
fn editions_build_translated_with_fallback_direction_and_picker() {
    let book = module_with_editions();
    let (output, site) = build(book.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));

    let fr = fs::read_to_string(site.join("fr/handling-harassment-reports.html")).unwrap();
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(
        fr.contains("Bonjour, après un rapide coup d’œil"),
        "quiz options translated"
    );
    assert!(
        fr.contains(">Testez-vous !<") && fr.contains("La meilleure réponse est B."),
        "interface strings translated"
    );
    assert!(
        fr.contains("title=\"Lien vers la différence entre deux versions d’une page"),
        "glossary popover text in French"
    );
    assert!(
        fr.contains("What to do with third-party reports"),
        "an untranslated message keeps the source text"
    );
    assert!(
        fr.contains("title=\"Chapitre précédent\""),
        "the page template's words are translated"
    );
    assert!(fr.contains("Environ ") && fr.contains(" min de lecture"));

    let ar = fs::read_to_string(site.join("ar/index.html")).unwrap();
    assert!(ar.contains("<html lang=\"ar\"") && ar.contains("dir=\"rtl\""));
    assert!(ar.contains("التعامل مع التحرش عبر الإنترنت"));
    let en = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(en.contains("dir=\"ltr\""));

    // Every page of every edition links the same page in the others, in their own names.
    for page in html_pages(&site)
        .into_iter()
        .filter(|p| !p.ends_with("toc.html"))
    {
        let html = fs::read_to_string(site.join(&page)).unwrap();
        let hrefs = attribute_values(&html, "hreflang=", "href");
        assert!(
            hrefs.len() >= 6,
            "{} has no language picker and alternates",
            page.display()
        );
        for href in hrefs {
            assert_link_resolves(&site, &page, &href);
        }
    }
    assert!(
        fr.contains(">العربية</a>")
            && fr.contains(">English</a>")
            && fr.contains("aria-current=\"page\">français</a>")
    );
    assert!(fr.contains(
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"../ar/handling-harassment-reports.html\">"
    ));

    // --lang builds only the named editions.
    let only = tempfile::tempdir().unwrap();
    let out = build_site(book.path(), &only.path().join("s"), &["--lang", "ar"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(only.path().join("s/ar/index.html").exists() && !only.path().join("s/fr").exists());
}

#[test]
fn discussion_links_may_differ_per_language() {
    let book = module_with_editions();
    let toml = fs::read_to_string(book.path().join("book.toml")).unwrap()
        + "\n[preprocessor.training.languages.fr]\ndiscussion-url = \"https://fr.example.org/Discussion#{id}\"\n";
    fs::write(book.path().join("book.toml"), toml).unwrap();
    let (output, site) = build(book.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let fr = fs::read_to_string(site.join("fr/handling-harassment-reports.html")).unwrap();
    assert!(fr.contains("href=\"https://fr.example.org/Discussion#writing-a-good-reply\""));
    let ar = fs::read_to_string(site.join("ar/handling-harassment-reports.html")).unwrap();
    assert!(ar.contains("href=\"https://meta.wikimedia.org/wiki/Talk:Training_modules/Dealing_with_online_harassment#writing-a-good-reply\""));
}

#[test]
fn hostile_translations_never_reach_the_page() {
    let book = module_with_editions();
    let po_path = book.path().join("po/fr.po");
    let po = fs::read_to_string(&po_path).unwrap();
    let hostile = [
        (
            "Hello, from a quick look, it's unlikely that we'll be able to do anything. But we'll look anyway.",
            "Bonjour <script>alert('xss')</script>",
        ),
        (
            "What counts as 'actionable'?",
            "Quoi <img src=x onerror=alert(1)>",
        ),
        (
            "What if, all other circumstances being the same, User B had resorted to stronger language in the current confrontation? What if in your review you discovered that User A had been following User B's contributions?",
            "[Cliquez](javascript:alert(1))",
        ),
        (
            "Writing a good reply",
            "<iframe src=\"https://evil.example\"></iframe>",
        ),
        (
            "An editor has written to you saying that another editor has revealed personal information about them on-wiki in an attempt to intimidate them from working on an article about a contentious subject. They have supplied a link to a [diff](glossary:diff). Before investigating further, you want to acknowledge the report. Should you write:",
            "Un [lien](glossary:nope) cassé.",
        ),
    ];
    let mut po = po;
    let mut lines = Vec::new();
    for (msgid, msgstr) in hostile {
        let quoted = serde_json::to_string(msgid).unwrap();
        let at = po
            .find(&format!("msgid {quoted}"))
            .unwrap_or_else(|| panic!("{msgid} not in fr.po"));
        lines.push(po[..at].lines().count() + 1);
        let end = at + po[at..].find("\nmsgstr ").unwrap() + 1;
        let stop = end + po[end..].find("\n\n").unwrap_or(po.len() - end);
        po = format!(
            "{}msgstr {}{}",
            &po[..end],
            serde_json::to_string(msgstr).unwrap(),
            &po[stop..]
        );
    }
    fs::write(&po_path, po).unwrap();
    let (output, site) = build(book.path(), &["--lang", "fr"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    for line in lines {
        assert!(
            err.contains(&format!("po/fr.po:{line}: warning:")),
            "no warning for line {line}:\n{err}"
        );
    }
    for page in html_pages(&site.join("fr")) {
        let html = fs::read_to_string(site.join("fr").join(&page)).unwrap();
        for bad in [
            "alert(",
            "onerror",
            "javascript:",
            "<iframe src=\"https://evil",
            "evil.example",
            "glossary:nope",
        ] {
            assert!(
                !html.contains(bad),
                "fr/{} contains `{bad}`",
                page.display()
            );
        }
    }
    let quiz = fs::read_to_string(site.join("fr/handling-harassment-reports.html")).unwrap();
    assert!(
        quiz.contains("Hello, from a quick look"),
        "the source text replaces a hostile translation"
    );
}

#[test]
fn malformed_po_fails_with_its_line_and_writes_nothing() {
    let book = module_with_editions();
    let po_path = book.path().join("po/fr.po");
    let po = fs::read_to_string(&po_path).unwrap();
    let broken = po.replacen("msgstr \"Vérifier\"", "msgstr \"Vérifier", 1);
    let line = broken[..broken.find("msgstr \"Vérifier").unwrap()]
        .lines()
        .count()
        + 1;
    fs::write(&po_path, broken).unwrap();
    let (output, site) = build(book.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!("po/fr.po:{line}: ")),
        "{}",
        stderr(&output)
    );
    assert!(!site.exists(), "a failed build wrote a site");
    let check = run(&["check", book.path().to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check looks at translations too"
    );
    assert!(
        stderr(&check).contains(&format!("po/fr.po:{line}: ")),
        "{}",
        stderr(&check)
    );

    fs::write(
        &po_path,
        po.replacen(
            "nplurals=2; plural=(n > 1);",
            "nplurals=2; plural=(n > 1;",
            1,
        ),
    )
    .unwrap();
    let (output, _) = build(book.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("po/fr.po:1: the Plural-Forms header is broken"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn every_broken_translation_is_told_at_once_and_the_site_stays() {
    let book = module_with_editions();
    let (first, site) = build(book.path(), &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = fs::read_to_string(site.join("fr/index.html")).unwrap();
    // Each edition reads its PO file as it is built: both files' errors come back together.
    for language in ["fr", "ar"] {
        let path = book.path().join(format!("po/{language}.po"));
        let po = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{po}\nmsgid \"Unclosed\nmsgstr \"\"\n")).unwrap();
    }
    let (output, _) = build(book.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let told = stderr(&output);
    assert!(
        told.contains("po/fr.po:") && told.contains("po/ar.po:"),
        "{told}"
    );
    assert!(!told.contains("the edition has errors"), "{told}");
    assert_eq!(
        fs::read_to_string(site.join("fr/index.html")).unwrap(),
        before
    );
    let check = run(&["check", book.path().to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("po/ar.po:"), "{}", stderr(&check));
}

#[test]
fn a_plural_rule_that_divides_by_zero_is_refused_as_msgfmt_refuses_it() {
    let book = module_with_editions();
    let po_path = book.path().join("po/fr.po");
    let po = fs::read_to_string(&po_path).unwrap();
    for rule in ["n/0", "n%0", "(n > 1) && 1 % (n - 7)"] {
        let broken = po.replacen(
            "nplurals=2; plural=(n > 1);",
            &format!("nplurals=2; plural={rule};"),
            1,
        );
        fs::write(&po_path, &broken).unwrap();
        let gettext = Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null"])
            .arg(&po_path)
            .output()
            .expect("msgfmt runs (apt-get install -y gettext)");
        assert!(
            stderr(&gettext).contains("division by zero"),
            "msgfmt on {rule}: {}",
            stderr(&gettext)
        );
        for command in ["check", "build"] {
            let output = run(&[command, book.path().to_str().unwrap()]);
            assert_eq!(output.status.code(), Some(1), "{command} {rule}");
            assert!(
                stderr(&output).contains("po/fr.po:1: the Plural-Forms header is broken")
                    && stderr(&output).contains("divides by zero for n="),
                "{command} {rule}: {}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn update_keeps_translations_and_status_counts_them() {
    let book = module_with_editions();
    let dir = book.path().to_str().unwrap();
    let chapter = book.path().join("src/handling-harassment-reports.md");
    let text = fs::read_to_string(&chapter)
        .unwrap()
        .replace("### Writing a good reply", "### Writing a good first reply");
    fs::write(&chapter, text).unwrap();
    let output = run(&["i18n", "update", dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let fr = fs::read_to_string(book.path().join("po/fr.po")).unwrap();
    assert!(fr.contains("#, fuzzy\n#| msgid \"Writing a good reply\"\nmsgid \"Writing a good first reply\"\nmsgstr \"Rédiger une bonne réponse\""), "a changed message keeps its translation, fuzzy");
    assert!(
        fr.contains("msgctxt \"ui\"\nmsgid \"Check\"\nmsgstr \"Vérifier\""),
        "translations kept"
    );
    msgfmt_check(&book.path().join("po/fr.po"));

    let status = run(&["i18n", "status", dir]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success());
    assert!(
        text.lines()
            .any(|l| l.starts_with("ar: 98 translated (") && l.contains("1 fuzzy")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("fr: 98 translated (") && l.contains("1 fuzzy")),
        "{text}"
    );
    let json = run(&["i18n", "status", dir, "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let fr_row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["language"] == "fr")
        .unwrap();
    assert_eq!(fr_row["fuzzy"], 1);
    assert_eq!(fr_row["translated"], 98);
    assert_eq!(
        fr_row["total"].as_u64().unwrap(),
        fr_row["translated"].as_u64().unwrap() + 1 + fr_row["untranslated"].as_u64().unwrap()
    );
}

#[test]
fn pages_in_folders_link_the_same_page_in_every_edition_and_are_counted() {
    let book = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/fixtures/nested"), book.path());
    let _ = fs::remove_dir_all(book.path().join("expected"));
    fs::create_dir_all(book.path().join("po")).unwrap();
    fs::write(
        book.path().join("po/fr.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n",
    )
    .unwrap();
    let site = book.path().join("site");
    let out = build_site(book.path(), &site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for language in ["en", "fr"] {
        assert!(
            stderr(&out).contains(&format!("built the {language} edition: 7 pages in ")),
            "{}",
            stderr(&out)
        );
    }
    for page in [
        "part/deeper/two.html",
        "fr/part/deeper/two.html",
        "part/one.html",
        "fr/index.html",
    ] {
        let html = fs::read_to_string(site.join(page)).unwrap();
        let hrefs = attribute_values(&html, "hreflang=", "href");
        assert_eq!(
            hrefs.len(),
            4,
            "{page}: two alternates and two picker links"
        );
        let page = std::path::Path::new(page);
        for href in hrefs {
            assert_link_resolves(&site, page, &href);
        }
    }
}

#[test]
fn bidirectional_markup_and_a_changed_web_link_are_used_and_reported() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Links\"\nlanguage = \"en\"\n\n[preprocessor.training]\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [Policy](policy.md)\n"),
        (
            "src/policy.md",
            "# Policy\n\nRead [the policy](https://meta.wikimedia.org/wiki/Policy) on Wikipedia.\n\nAsk on [the talk page](https://meta.wikimedia.org/wiki/Talk:Policy).\n",
        ),
        (
            "po/fa.po",
            concat!(
                "msgid \"\"\nmsgstr \"\"\n\"Language: fa\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n",
                "msgid \"Read [the policy](https://meta.wikimedia.org/wiki/Policy) on Wikipedia.\"\n",
                "msgstr \"[سیاست](https://meta.wikimedia.org/wiki/Policy/fa) را در <bdi>Wikipedia</bdi> و <span dir=\\\"ltr\\\" lang=\\\"en\\\">Meta</span> بخوانید.\"\n\n",
                "msgid \"Ask on [the talk page](https://meta.wikimedia.org/wiki/Talk:Policy).\"\n",
                "msgstr \"در [صفحه بحث](file:///etc/passwd) بپرسید.\"\n",
            ),
        ),
    ]);
    let site = book.path().join("site");
    let out = build_site(book.path(), &site, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("po/fa.po:6: warning: the translation changes a link target from `https://meta.wikimedia.org/wiki/Policy` to `https://meta.wikimedia.org/wiki/Policy/fa`; the translation is used"), "{err}");
    assert!(err.contains("po/fa.po:9: warning: the translation changes a link target from `https://meta.wikimedia.org/wiki/Talk:Policy` to `file:///etc/passwd` (only an http(s) address may be changed, to another); the source text is used"), "{err}");
    let page = fs::read_to_string(site.join("fa/policy.html")).unwrap();
    assert!(
        page.contains("<a href=\"https://meta.wikimedia.org/wiki/Policy/fa\">سیاست</a>"),
        "{}",
        main_of(&page)
    );
    assert!(
        page.contains("<bdi>Wikipedia</bdi>")
            && page.contains("<span dir=\"ltr\" lang=\"en\">Meta</span>")
    );
    assert!(!page.contains("file:///"));
    let status = run(&["i18n", "status", book.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.contains("fa: 2 translated") && text.contains("1 changed link target to review"),
        "{text}"
    );
}
