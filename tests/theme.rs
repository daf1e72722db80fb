//! The theme's page template is mdBook's with this project's changes: an mdBook update that
//! changes its own template is caught, so the changes can be made again on the new one.

mod common;

use common::*;
use sha2::{Digest, Sha256};

/// SHA-256 of mdBook 0.5.4's `front-end/templates/index.hbs`, which `theme/index.hbs` forks.
const FORKED_FROM: &str = "bf8b6b7cc5c1e44b03ab0392297705a220b569b601286e0ad538cca6d56717f1";

#[test]
fn the_page_template_is_forked_from_the_mdbook_in_use() {
    // mdBook writes its own theme files, the page template among them, into a book's theme.
    let book = tempfile::tempdir().unwrap();
    for folder in ["theme/css", "theme/fonts"] {
        std::fs::create_dir_all(book.path().join(folder)).unwrap();
    }
    let html = mdbook_driver::config::HtmlConfig::default();
    mdbook_html::theme::Theme::copy_theme(&html, book.path()).unwrap();
    let upstream = std::fs::read(book.path().join("theme/index.hbs")).unwrap();
    let hash: String = Sha256::digest(&upstream)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hash, FORKED_FROM,
        "mdBook's own index.hbs changed. theme/index.hbs is mdBook 0.5.4's with this project's \
         changes (no inline script, the training slots, the reading aids): diff mdBook 0.5.4's \
         template against theme/index.hbs, apply the same changes to the new template, save it \
         as theme/index.hbs, run the browser tests, then record the new hash here"
    );
}

#[test]
fn mathjax_is_said_to_be_unsupported() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"M\"\n[preprocessor.training]\n[output.html]\nmathjax-support = true\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [C](c.md)\n"),
        ("src/c.md", "# C\n"),
    ]);
    let output = run(&["check", book.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("book.toml: warning: `mathjax-support` is not supported"),
        "{}",
        stderr(&output)
    );
}
