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

    let mut node = Command::new("node");
    node.args(["--test", "--test-reporter=spec"])
        .current_dir(&harness)
        .env("SITE_DIR", &site)
        .env("EDITIONS_SITE_DIR", &editions_site)
        .env("SEARCH_SITES_DIR", languages.path())
        .env("QUIZ_SITE_DIR", &quiz_site)
        .env("CHROMIUM", &chromium);
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
        count("pass").unwrap_or(0) >= 12,
        "fewer browser tests ran than written"
    );
}
