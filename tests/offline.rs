//! Offline reading's files in a built site: only where the book offers it, one worker per
//! edition listing exactly that edition's files, named by a content hash that follows the
//! sources; none in a learning platform's package. The browser side is `tests/browser/offline`.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// The book's `offline` setting, on or off (absent), whatever it was.
fn offering(book: &Path, on: bool) {
    let toml = book.join("book.toml");
    let text = fs::read_to_string(&toml).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("offline ="))
        .collect();
    let mut text = kept.join("\n") + "\n";
    if on {
        text = text.replacen(
            "[preprocessor.training]\n",
            "[preprocessor.training]\noffline = true\n",
            1,
        );
    }
    fs::write(toml, text).unwrap();
}

/// The worker's data for a book's one part: its version and files.
fn worker(site: &Path) -> (String, Vec<String>) {
    let text = fs::read_to_string(site.join("training-sw.js")).unwrap();
    let start = text.find("var OFFLINE = ").unwrap() + "var OFFLINE = ".len();
    let end = start + text[start..].find("; // written by the build").unwrap();
    let all: serde_json::Value = serde_json::from_str(&text[start..end]).unwrap();
    assert_eq!(
        all["shared"]["files"],
        serde_json::json!([]),
        "a book shares nothing"
    );
    let data = &all["parts"][""];
    let files = data["files"].as_array().unwrap();
    let files = files.iter().map(|f| f.as_str().unwrap().to_string());
    (
        data["version"].as_str().unwrap().to_string(),
        files.collect(),
    )
}

#[test]
fn a_site_without_the_setting_has_no_worker_and_no_offer() {
    let book = module_with_editions();
    offering(book.path(), false);
    let site = book.path().join("site");
    assert!(build_site(book.path(), &site, &[]).status.success());
    for file in files_under(&site) {
        let name = file.to_string_lossy();
        assert!(
            !name.contains("training-sw") && !name.contains("training-offline"),
            "{name}"
        );
    }
    let first = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!first.contains("data-training-offline"));
}

#[test]
fn each_edition_keeps_exactly_its_own_files_under_a_hash_of_them() {
    let book = module_with_editions();
    offering(book.path(), true);
    let site = book.path().join("site");
    let built = build_site(book.path(), &site, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let (version, files) = worker(&site);
    let mut expected: Vec<String> = files_under(&site)
        .into_iter()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|f| !f.starts_with("fr/") && !f.starts_with("ar/") && !f.starts_with('.'))
        .filter(|f| f != "training-sw.js" && f != "training-offline.json")
        .map(|f| f.replace(' ', "%20"))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
    assert!(
        files.contains(&"search-index.js".to_string())
            && files.contains(&"glossary.html".to_string())
    );
    let facts: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(site.join("training-offline.json")).unwrap())
            .unwrap();
    let bytes: u64 = expected
        .iter()
        .map(|f| fs::metadata(site.join(f)).unwrap().len())
        .sum();
    assert_eq!(facts["parts"][""], bytes);
    let (fr_version, fr_files) = worker(&site.join("fr"));
    assert!(
        fr_files.contains(&"index.html".to_string())
            && !fr_files.iter().any(|f| f.starts_with("fr/"))
    );
    assert_ne!(fr_version, version);
    // The offer, on the first and the progress pages, with the way to the edition's root.
    for page in ["index.html", "progress.html", "fr/index.html"] {
        let html = fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains("data-training-offline"), "{page}");
    }
    assert!(
        !fs::read_to_string(site.join("basics.html"))
            .unwrap()
            .contains("data-training-offline")
    );

    // The same sources, the same version; a changed chapter, a new one.
    let again = book.path().join("again");
    assert!(build_site(book.path(), &again, &[]).status.success());
    assert_eq!(worker(&again).0, version);
    let chapter = book.path().join("src/basics.md");
    let text = fs::read_to_string(&chapter).unwrap();
    fs::write(&chapter, format!("{text}\nOne more line.\n")).unwrap();
    let changed = book.path().join("changed");
    assert!(build_site(book.path(), &changed, &[]).status.success());
    assert_ne!(worker(&changed).0, version);
}

#[test]
fn a_learning_platforms_package_offers_no_offline_copy() {
    let book = module_with_editions();
    offering(book.path(), true);
    let dest = exported("scorm", book.path(), &["--lang", "fr"]);
    for name in [
        "dealing-with-online-harassment-en-scorm12.zip",
        "dealing-with-online-harassment-fr-scorm12.zip",
    ] {
        let archive =
            zip::ZipArchive::new(fs::File::open(dest.path().join(name)).unwrap()).unwrap();
        assert!(
            archive
                .file_names()
                .all(|f| !f.unwrap().contains("training-sw")),
            "{name}"
        );
    }
}
