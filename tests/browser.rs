//! Runs the browser tests of `tests/browser/` (Node's test runner, playwright-core, axe-core)
//! in Debian's Chromium against the module's site, built here through the real pipeline.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn reader_experience_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_string());
    // Never skipped: a browser test that passes without a browser would hide every failure.
    assert!(
        Path::new(&chromium).exists(),
        "the browser tests need Chromium at {chromium}: `apt-get install -y chromium`, or run .ci/run"
    );
    let harness = repo_root().join("tests/browser");
    if !harness.join("node_modules/playwright-core").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&harness)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in tests/browser");
    }

    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = build_site(&repo_root().join("book"), &site, &[]);
    assert!(build.status.success(), "{}", stderr(&build));

    let editions = module_with_editions();
    let editions_site = editions.path().join("site");
    let build = build_site(editions.path(), &editions_site, &[]);
    assert!(build.status.success(), "{}", stderr(&build));

    let languages = tempfile::tempdir().unwrap();
    for language in ["ru", "fa", "zh"] {
        let fixture = repo_root().join(format!("tests/fixtures/search-{language}"));
        let dest = languages.path().join(language);
        let build = build_site(&fixture, &dest, &[]);
        assert!(build.status.success(), "{}", stderr(&build));
    }

    let quiz_site = languages.path().join("mdbook-quiz");
    let build = build_site(
        Path::new(
            repo_root()
                .join("tests/fixtures/mdbook-quiz")
                .to_str()
                .unwrap(),
        ),
        &quiz_site,
        &[],
    );
    assert!(build.status.success(), "{}", stderr(&build));

    let fresh = tempfile::tempdir().unwrap();
    let fresh_sites = fresh_book_sites(fresh.path());
    let scorm = tempfile::tempdir().unwrap();
    scorm_packages(&fresh.path().join("module"), scorm.path());

    let library = common::library::three_module_library();
    common::library::edit(
        &library.path().join("library.toml"),
        "glossary = ",
        "private-reading = true\nprogress-file = true\nglossary = ",
    );
    let library_site = library.path().join("site");
    let build = run(&["build", library.path().to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));

    let offline = tempfile::tempdir().unwrap();
    let (offline_book, offline_site) = offline_site(offline.path());
    // The same library, offering offline reading for every module.
    let offline_library = offline.path().join("library");
    copy_dir(library.path(), &offline_library);
    let _ = std::fs::remove_dir_all(offline_library.join("site"));
    common::library::edit(
        &offline_library.join("library.toml"),
        "glossary = ",
        "offline = true\nglossary = ",
    );
    let build = run(&["build", offline_library.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));

    let mut node = Command::new("node");
    node.args(["--test", "--test-reporter=spec"])
        .current_dir(&harness)
        .env("SITE_DIR", &site)
        .env("EDITIONS_SITE_DIR", &editions_site)
        .env("SEARCH_SITES_DIR", languages.path())
        .env("QUIZ_SITE_DIR", &quiz_site)
        .env("LIBRARY_SITE_DIR", &library_site)
        .env("SCORM_PACKAGES_DIR", scorm.path())
        .env("OFFLINE_BOOK_DIR", &offline_book)
        .env("OFFLINE_SITE_DIR", &offline_site)
        .env("OFFLINE_LIBRARY_SITE_DIR", offline_library.join("site"))
        .env("TRAINING_BIN", bin())
        .env("CHROMIUM", &chromium)
        .envs(fresh_sites);
    if let Ok(dir) = std::env::var("SCREENSHOT_DIR") {
        node.env("SCREENSHOT_DIR", dir);
    }
    let output = node.output().expect("node runs");
    let report = String::from_utf8_lossy(&output.stdout);
    eprintln!("{report}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "browser tests failed");
    let count = |label: &str| {
        report.lines().find_map(|line| {
            line.trim()
                .strip_prefix(&format!("ℹ {label} "))?
                .trim()
                .parse::<u32>()
                .ok()
        })
    };
    assert_eq!(count("fail"), Some(0), "the report has failures");
    assert!(
        count("pass").unwrap_or(0) >= 65,
        "fewer browser tests ran than written"
    );
}

/// The SCORM 1.2 and 2004 packages of a copy of the module at `module` offering private
/// reading, exported and unzipped into `dir/12` and `dir/2004`, as a platform unpacks them; and
/// in `dir/12m` the 1.2 package of a copy that also sets `mastery-score = 80` and a quick exit;
/// in `dir/module12` and `dir/module2004` the shipped module's packages. The first copy offers
/// the progress file too, which a platform's package does not show.
fn scorm_packages(module: &Path, dir: &Path) {
    // Both offer private reading, which a platform's package does not.
    let settings = |name: &str, extra: &str| {
        let copy = dir.join(name);
        copy_dir(module, &copy);
        let toml = copy.join("book.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        let added = format!("[preprocessor.training]\nprivate-reading = true\n{extra}");
        std::fs::write(&toml, text.replacen("[preprocessor.training]\n", &added, 1)).unwrap();
        copy
    };
    let plain = settings("plain", "progress-file = true\n");
    let mastered = settings(
        "mastered",
        "mastery-score = 80\nquick-exit = \"https://www.wikipedia.org/\"\n",
    );
    let module = plain.as_path();
    let shipped = repo_root().join("book");
    for (book, version, folder) in [
        (module, "1.2", "12"),
        (module, "2004", "2004"),
        (mastered.as_path(), "1.2", "12m"),
        (shipped.as_path(), "1.2", "module12"),
        (shipped.as_path(), "2004", "module2004"),
    ] {
        let zips = dir.join("zips");
        let output = run(&[
            "export",
            "scorm",
            book.to_str().unwrap(),
            "--scorm",
            version,
            "--dest",
            zips.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let suffix = if version == "1.2" { "12" } else { "2004" };
        let name = match folder {
            "module12" | "module2004" => {
                format!("dealing-with-online-harassment-en-scorm{suffix}.zip")
            }
            _ => format!("my-training-module-en-scorm{suffix}.zip"),
        };
        let file = std::fs::File::open(zips.join(name)).unwrap();
        zip::ZipArchive::new(file)
            .unwrap()
            .extract(dir.join(folder))
            .unwrap();
    }
}

/// Books made from scratch in `dir`, built: a module from `init` built by this tool and by plain
/// `mdbook build`, and a book with mdBook's own page template and a French edition. Returns the
/// environment variables that name their sites.
fn fresh_book_sites(dir: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let module = dir.join("module");
    let init = run(&["init", module.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let init_site = dir.join("init-site");
    let build = build_site(&module, &init_site, &[]);
    assert!(build.status.success(), "{}", stderr(&build));

    // Plain mdBook runs this tool as the preprocessor `mdbook-training`, found on PATH.
    let tool_dir = Path::new(bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        tool_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mdbook_site = dir.join("init-mdbook-site");
    let plain = Command::new("mdbook")
        .args(["build", "--dest-dir"])
        .arg(&mdbook_site)
        .arg(&module)
        .env("PATH", path)
        .output()
        .expect("the `mdbook` program runs: install mdBook 0.5 with `cargo install mdbook`, or run .ci/run");
    assert!(plain.status.success(), "mdbook build: {}", stderr(&plain));

    // The module as plain mdBook builds it (no preprocessor, its own theme), to weigh pages by.
    let plain_module = dir.join("plain-module");
    copy_dir(&repo_root().join("book/src"), &plain_module.join("src"));
    std::fs::write(
        plain_module.join("book.toml"),
        "[book]\ntitle = \"Dealing with online harassment\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    let plain_site = dir.join("plain-module-site");
    let plain = Command::new("mdbook")
        .args(["build", "--dest-dir"])
        .arg(&plain_site)
        .arg(&plain_module)
        .output()
        .expect("the `mdbook` program runs");
    assert!(plain.status.success(), "mdbook build: {}", stderr(&plain));

    let stock = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Stock\"\n\n[preprocessor.training]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [One](one.md)\n- [Two](part/two.md)\n",
        ),
        (
            "src/one.md",
            "# One\n\nSome text about moderation.\n\n{{#quiz first}}\n\n### Which?\n\n- [ ] No\n- [x] Yes\n\nBecause.\n\n{{/quiz}}\n",
        ),
        ("src/part/two.md", "# Two\n\nA chapter in a folder.\n"),
        (
            "po/fr.po",
            "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"One\"\nmsgstr \"Un\"\n",
        ),
    ]);
    add_stock_page_template(stock.path());
    // mdBook 0.5.4's template with one line changed, as books that keep their own do: its
    // `const path_to_root` is no global that this tool's scripts could rely on.
    let template = stock.path().join("theme/index.hbs");
    let text = std::fs::read_to_string(&template).unwrap().replacen(
        "<meta name=\"theme-color\" content=\"#ffffff\">",
        "<meta name=\"theme-color\" content=\"#fafafa\">",
        1,
    );
    assert!(text.contains("#fafafa") && text.contains("const path_to_root"));
    std::fs::write(&template, text).unwrap();
    let stock_site = dir.join("stock-site");
    let build = build_site(stock.path(), &stock_site, &[]);
    assert!(build.status.success(), "{}", stderr(&build));
    vec![
        ("INIT_SITE_DIR", init_site),
        ("INIT_MDBOOK_SITE_DIR", mdbook_site),
        ("STOCK_SITE_DIR", stock_site),
        ("PLAIN_MODULE_SITE_DIR", plain_site),
    ]
}

/// A copy of the module (which offers offline reading) with its French edition, in `dir/book`,
/// built into `dir/site`; the test edits and rebuilds it.
fn offline_site(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let book = dir.join("book");
    let editions = module_with_editions();
    copy_dir(editions.path(), &book);
    std::fs::remove_file(book.join("po/ar.po")).unwrap();
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    assert!(
        toml.contains("\noffline = true\n"),
        "the module offers offline reading"
    );
    let site = dir.join("site");
    let build = build_site(&book, &site, &[]);
    assert!(build.status.success(), "{}", stderr(&build));
    (book, site)
}
