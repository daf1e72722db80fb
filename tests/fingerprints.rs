//! Every reference a page makes to this tool's assets carries the served file's fingerprint
//! (`?v=HASH`), in every edition and in books with their own page template, so that a browser
//! or a CDN holding yesterday's file fetches today's.

mod common;

use common::*;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks every page of the site at `site`: each asset is referenced with the fingerprint of
/// the file it resolves to; returns how many references were checked.
fn assert_fingerprinted(site: &Path) -> usize {
    let mut checked = 0;
    for page in html_pages(site) {
        let page = site.join(page);
        let html = fs::read_to_string(&page).unwrap();
        if !html.contains("<main") {
            continue;
        }
        let folder = page.parent().unwrap();
        let edition = (0..4)
            .map(|up| folder.join("../".repeat(up)))
            .find(|dir| dir.join("search-index.js").is_file())
            .unwrap();
        // The 404 page resolves its links from `<base href>`, its edition's root.
        let from = match html.contains("<base href=") {
            true => edition.clone(),
            false => folder.to_path_buf(),
        };
        for (asset, _) in mdbook_training::theme::SITE_ASSETS {
            let marker = format!("theme/{asset}");
            let mut seen = 0;
            for attr in ["src", "href"] {
                for url in attribute_values(&html, &marker, attr) {
                    let Some((path, version)) = url.split_once("?v=") else {
                        panic!("{}: {url} has no fingerprint", page.display());
                    };
                    let served = fs::read(from.join(path)).unwrap();
                    assert_eq!(version, fingerprint(&served), "{}: {url}", page.display());
                    seen += 1;
                }
            }
            assert!(seen <= 1, "{}: {asset} referenced twice", page.display());
            checked += seen;
        }
        // The search index too, named in the panel's data.
        let index = html
            .split("search-index.js?v=")
            .nth(1)
            .unwrap_or_else(|| panic!("{}: no fingerprinted index", page.display()));
        let version: String = index.chars().take(8).collect();
        let served = fs::read(edition.join("search-index.js")).unwrap();
        assert_eq!(version, fingerprint(&served), "{}", page.display());
    }
    checked
}

#[test]
fn every_edition_references_the_assets_it_serves_by_their_fingerprint() {
    let book = module_with_editions();
    let site = book.path().join("site");
    let build = build_site(book.path(), &site, &["-q"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(assert_fingerprinted(&site) > 100);
    assert!(site.join("fr/basics.html").is_file() && site.join("ar/basics.html").is_file());

    // A changed stylesheet in the book's theme: a new fingerprint on every page.
    let before = fs::read_to_string(site.join("fr/basics.html")).unwrap();
    fs::create_dir_all(book.path().join("theme")).unwrap();
    let css = fs::read_to_string(repo_root().join("theme/training.css")).unwrap();
    fs::write(
        book.path().join("theme/training.css"),
        css + "\n.training-block { margin: 0; }\n",
    )
    .unwrap();
    let build = build_site(book.path(), &site, &["-q"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert_fingerprinted(&site);
    let after = fs::read_to_string(site.join("fr/basics.html")).unwrap();
    let version = |html: &str| html.split("training.css?v=").nth(1).unwrap()[..8].to_string();
    assert_ne!(version(&before), version(&after));
}

#[test]
fn a_book_with_its_own_page_template_references_the_assets_by_their_fingerprint() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Own\"\n\n[preprocessor.training]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [One](one.md)\n- [Two](part/two.md)\n",
        ),
        ("src/one.md", "# One\n\nText.\n"),
        ("src/part/two.md", "# Two\n\nMore text.\n"),
        (
            "po/fr.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"One\"\nmsgstr \"Un\"\n",
        ),
    ]);
    add_stock_page_template(book.path());
    let site = book.path().join("site");
    let build = build_site(book.path(), &site, &["-q"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(assert_fingerprinted(&site) > 20);
    let nested = fs::read_to_string(site.join("fr/part/two.html")).unwrap();
    assert!(
        nested.contains("src=\"../theme/training.js?v="),
        "the page's own way to its root"
    );
}
