//! Translations made in the mdbook-i18n-helpers world keep their work here: `i18n extract`
//! offers what mdbook-xgettext offers, so `i18n update` keeps at least what `msgmerge` keeps
//! with mdbook-xgettext's own template.

mod common;

use common::*;
use mdbook_driver::MDBook;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use mdbook_training::i18n::po::parse_po;
use polib::catalog::Catalog;
use polib::message::{MessageMutView, MessageView};
use std::fs;
use std::path::Path;
use std::process::Command;

/// A plain mdBook book with nested chapters, a part title, `{{#include}}`d Markdown and code,
/// a table and a footnote.
fn book() -> tempfile::TempDir {
    write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Include test\"\nlanguage = \"en\"\n\n[preprocessor.training]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n[Introduction](index.md)\n\n- [Reporting](reporting.md)\n  - [Details](details.md)\n\n# Part two\n\n- [Code](code.md)\n",
        ),
        (
            "src/index.md",
            "# Introduction\n\nThis module explains how to **handle** reports.\n\n{{#include snippet.md}}\n",
        ),
        (
            "src/snippet.md",
            "A shared paragraph, included in two chapters.\n\n* First point\n* Second point\n",
        ),
        (
            "src/reporting.md",
            "# Reporting\n\nReports arrive by email. [Read the policy](https://example.org/policy).\n\n{{#include snippet.md}}\n\n| Kind | Where |\n|------|-------|\n| Threat | emergency |\n",
        ),
        (
            "src/details.md",
            "# Details\n\nSome details with `code` and a footnote[^1].\n\n[^1]: The footnote text.\n",
        ),
        (
            "src/example.rs",
            "// Says hello to the reporter.\nfn main() {\n    let greeting = \"Hello, thank you for your report\";\n    println!(\"{greeting}\");\n}\n",
        ),
        (
            "src/code.md",
            "# Code\n\n```rust\n{{#include example.rs}}\n```\n",
        ),
    ])
}

/// mdbook-xgettext's template for `root`, made by its own code (`create_catalogs`) on the book
/// as mdBook hands it to a renderer.
fn xgettext_catalog(root: &Path) -> Catalog {
    let book = MDBook::load(root).unwrap();
    let context = PreprocessorContext::new(root.into(), book.config.clone(), "xgettext".into());
    let expanded = LinkPreprocessor::new()
        .run(&context, book.book.clone())
        .unwrap();
    let render =
        mdbook_renderer::RenderContext::new(root, expanded, book.config.clone(), root.join("book"));
    let mut catalogs =
        mdbook_i18n_helpers::xgettext::create_catalogs(&render, fs::read_to_string).unwrap();
    assert_eq!(catalogs.len(), 1);
    catalogs.drain().next().unwrap().1
}

/// `msgfmt --statistics`' count of translated messages.
fn translated_by_msgfmt(po: &Path) -> usize {
    let out = Command::new("msgfmt")
        .args(["--statistics", "-o", "/dev/null"])
        .arg(po)
        .output()
        .expect("msgfmt runs (apt-get install gettext)");
    let text = String::from_utf8_lossy(&out.stderr).to_string();
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"))
}

#[test]
fn a_po_file_made_with_mdbook_xgettext_keeps_its_translations_after_update() {
    let book = book();
    let dir = tempfile::tempdir().unwrap();
    // The translator's file: every message of mdbook-xgettext's template translated.
    let mut catalog = xgettext_catalog(book.path());
    let pot = dir.path().join("messages.pot");
    polib::po_file::write(&catalog, &pot).unwrap();
    let offered = catalog.count();
    for mut message in catalog.messages_mut() {
        let translated = format!("FR {}", message.msgid());
        message.set_msgstr(translated).unwrap();
    }
    catalog.metadata.language = "fr".into();
    let fr = dir.path().join("fr.po");
    polib::po_file::write(&catalog, &fr).unwrap();

    // What gettext keeps, merging the translation with mdbook-xgettext's template.
    let merged = dir.path().join("merged.po");
    let status = Command::new("msgmerge")
        .args(["--quiet", "--previous", "-o"])
        .arg(&merged)
        .arg(&fr)
        .arg(&pot)
        .status()
        .expect("msgmerge runs");
    assert!(status.success());
    let by_msgmerge = translated_by_msgfmt(&merged);

    // What this tool keeps.
    fs::create_dir_all(book.path().join("po")).unwrap();
    fs::copy(&fr, book.path().join("po/fr.po")).unwrap();
    let update = run(&["i18n", "update", book.path().to_str().unwrap()]);
    assert!(update.status.success(), "{}", stderr(&update));
    let text = fs::read_to_string(book.path().join("po/fr.po")).unwrap();
    let (po, problems) = parse_po(Path::new("po/fr.po"), &text);
    assert!(problems.is_empty(), "{problems:?}");
    let ours = po
        .entries
        .iter()
        .filter(|e| !e.obsolete && e.is_translated())
        .count();
    eprintln!(
        "mdbook-xgettext offers {offered} messages; translated after merging: msgmerge {by_msgmerge}, i18n update {ours}"
    );
    assert_eq!(by_msgmerge, offered);
    assert!(
        ours >= by_msgmerge,
        "i18n update kept {ours} of {offered}, msgmerge {by_msgmerge}\n{text}"
    );

    // And the translations reach the pages: included text, SUMMARY titles, code strings.
    let site = book.path().join("site");
    let built = build_site(book.path(), &site, &["-q"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let reporting = fs::read_to_string(site.join("fr/reporting.html")).unwrap();
    assert!(reporting.contains("FR A shared paragraph, included in two chapters."));
    let toc = fs::read_to_string(site.join("fr/toc.html")).unwrap();
    assert!(
        toc.contains("FR Details") && toc.contains("FR Part two"),
        "the sidebar's titles are translated: {toc}"
    );
    let code = fs::read_to_string(site.join("fr/code.html")).unwrap();
    assert!(
        code.contains("FR \"Hello, thank you for your report\"") || code.contains("FR &quot;Hello"),
        "{}",
        main_of(&code)
    );
}

/// Messages of `po` (a file's text) that are translated and not fuzzy, by msgid.
fn kept_messages(text: &str) -> Vec<String> {
    let (po, _) = parse_po(Path::new("po/fr.po"), text);
    let mut kept: Vec<String> = po
        .entries
        .iter()
        .filter(|e| !e.obsolete && !e.msgid.is_empty() && e.is_translated())
        .map(|e| e.msgid.clone())
        .collect();
    kept.sort();
    kept
}

#[test]
fn an_obsolete_entry_whose_message_is_back_comes_back_translated_as_msgmerge_brings_it() {
    let book = book();
    let extract = run(&["i18n", "extract", book.path().to_str().unwrap()]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    let pot = book.path().join("po/messages.pot");
    // A translation whose messages were all taken out of the book once, and are back now.
    let fr = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: fr\\n\"\n\n\
              #~ msgid \"Reporting\"\n#~ msgstr \"Signalement\"\n\n\
              #~ msgid \"Reports arrive by email. [Read the policy](https://example.org/policy).\"\n\
              #~ msgstr \"Les signalements arrivent par courriel. [Lire la règle](https://example.org/policy).\"\n\n\
              #, fuzzy\n#~ msgid \"Details\"\n#~ msgstr \"Détails\"\n\n\
              #~ msgid \"Nothing like any message of the book at all\"\n#~ msgstr \"Rien\"\n";
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("fr.po");
    fs::write(&old, fr).unwrap();
    let merged = dir.path().join("merged.po");
    let status = Command::new("msgmerge")
        .args(["--quiet", "--previous", "-o"])
        .arg(&merged)
        .arg(&old)
        .arg(&pot)
        .status()
        .expect("msgmerge runs (apt-get install gettext)");
    assert!(status.success());
    let by_msgmerge = kept_messages(&fs::read_to_string(&merged).unwrap());

    fs::write(book.path().join("po/fr.po"), fr).unwrap();
    let update = run(&["i18n", "update", book.path().to_str().unwrap()]);
    assert!(update.status.success(), "{}", stderr(&update));
    let ours = kept_messages(&fs::read_to_string(book.path().join("po/fr.po")).unwrap());
    assert_eq!(by_msgmerge.len(), 2, "{by_msgmerge:?}");
    assert_eq!(ours, by_msgmerge);
}

#[test]
fn the_template_and_updated_files_can_be_read_by_mdbook_gettext() {
    let book = book();
    let dir = book.path().to_str().unwrap();
    let extract = run(&["i18n", "extract", dir]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    // mdbook-gettext reads PO files with polib, which needs every standard header field.
    let pot = book.path().join("po/messages.pot");
    let template = std::panic::catch_unwind(|| polib::po_file::parse(&pot));
    assert!(
        matches!(template, Ok(Ok(_))),
        "polib cannot read the template"
    );
    // A translation made from an older template, without POT-Creation-Date, gets it on update.
    let text = fs::read_to_string(&pot)
        .unwrap()
        .replace("\"POT-Creation-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n", "")
        .replace("\"Language: \\n\"", "\"Language: fr\\n\"");
    fs::write(book.path().join("po/fr.po"), text).unwrap();
    let fr = book.path().join("po/fr.po");
    assert!(
        std::panic::catch_unwind(|| polib::po_file::parse(&fr)).is_err(),
        "polib refuses it"
    );
    let update = run(&["i18n", "update", dir]);
    assert!(update.status.success(), "{}", stderr(&update));
    let updated = std::panic::catch_unwind(|| polib::po_file::parse(&fr));
    assert!(matches!(updated, Ok(Ok(_))), "polib reads the updated file");
}
