//! Upgrades reach every module: a book's unchanged copies of an earlier version's theme files
//! (real ones, from this repository's history in `tests/fixtures/old-theme/`) give way to the
//! built-in files with a warning, changed copies are kept with one, and `init` refreshes them.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

const OLD_THEME: &str = "tests/fixtures/old-theme";

/// A module from `init`, its theme files replaced by the copies of commit 9b9c94c.
fn module_with_old_copies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = run(&["init", dir.path().to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    for name in ["training.js", "training.css", "index.hbs"] {
        fs::copy(
            repo_root().join(OLD_THEME).join(name),
            dir.path().join("theme").join(name),
        )
        .unwrap();
    }
    dir
}

fn built_in(name: &str) -> String {
    fs::read_to_string(repo_root().join("theme").join(name)).unwrap()
}

#[test]
fn every_file_init_writes_names_the_version_that_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    let init = run(&["init", dir.path().to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let theme = dir.path().join("theme");
    let mut names = 0;
    for entry in fs::read_dir(&theme).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        let wanted = format!("Written by mdbook-training {}", env!("CARGO_PKG_VERSION"));
        assert!(first.contains(&wanted), "{}: {first}", path.display());
        names += 1;
    }
    assert_eq!(names, 10, "index.hbs and the nine assets");
}

#[test]
fn unchanged_old_copies_give_way_to_the_built_in_files_with_a_warning_naming_them() {
    let book = module_with_old_copies();
    let site = book.path().join("site");
    let build = build_site(book.path(), &site, &["-q"]);
    let said = stderr(&build);
    assert!(build.status.success(), "{said}");
    for name in ["training.js", "training.css", "index.hbs"] {
        let line = said
            .lines()
            .find(|line| line.starts_with(&format!("theme/{name}: warning: an unchanged copy")))
            .unwrap_or_else(|| panic!("no warning for {name}:\n{said}"));
        assert!(
            line.contains("2026-11-") && line.contains("mdbook-training init"),
            "{line}"
        );
    }
    // The readers get today's runtime, and today's page template (its skip link to a question).
    let js = fs::read_dir(site.join("theme"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("training.js")
        })
        .unwrap();
    let served =
        mdbook_training::theme::served_text("training.js", &built_in("training.js")).into_owned();
    assert_eq!(fs::read_to_string(js).unwrap(), served);
    let page = fs::read_to_string(site.join("first-chapter.html")).unwrap();
    assert!(page.contains("id=\"training-skip-question\""));

    // `check` says the same.
    let check = run(&["check", book.path().to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(
        stderr(&check).matches("an unchanged copy").count(),
        3,
        "{}",
        stderr(&check)
    );
}

#[test]
fn a_changed_copy_is_used_with_a_warning_naming_the_version_it_came_from() {
    let book = tempfile::tempdir().unwrap();
    let init = run(&["init", book.path().to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let css = book.path().join("theme/training.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n.training-block { border-width: 7px; }\n");
    fs::write(&css, &text).unwrap();
    // And a runtime of the author's own, from an old copy changed by hand.
    let mine = fs::read_to_string(repo_root().join(OLD_THEME).join("training.js")).unwrap()
        + "\n// mine\n";
    fs::write(book.path().join("theme/training.js"), &mine).unwrap();
    // And a page template of an earlier version, changed: it loads the runtime without the store.
    let template = fs::read_to_string(repo_root().join(OLD_THEME).join("index.hbs")).unwrap()
        + "<!-- mine -->\n";
    fs::write(book.path().join("theme/index.hbs"), &template).unwrap();

    let site = book.path().join("site");
    let build = build_site(book.path(), &site, &["-q"]);
    let said = stderr(&build);
    assert!(build.status.success(), "{said}");
    let wanted = format!(
        "theme/training.css: warning: a changed copy of this tool's training.css, first written by mdbook-training {}, the version of",
        env!("CARGO_PKG_VERSION")
    );
    assert!(said.contains(&wanted), "{said}");
    assert!(said.contains("theme/training.js: warning: replaces this tool's training.js with a file the tool did not write"), "{said}");
    let served = |prefix: &str| {
        fs::read_dir(site.join("theme"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                name.starts_with(prefix) && !name.starts_with("training-")
            })
            .map(|p| fs::read_to_string(p).unwrap())
            .unwrap()
    };
    assert!(served("training.css").contains("border-width: 7px"));
    let page = fs::read_to_string(site.join("first-chapter.html")).unwrap();
    let store = page
        .find("<script src=\"theme/training-store.js?v=")
        .expect("the store is loaded");
    let runtime = page.find("<script src=\"theme/training.js?v=").unwrap();
    assert!(store < runtime, "before the runtime that uses it");
    assert_eq!(page.matches("theme/training-store.js").count(), 1);
    assert!(served("training.js").ends_with("// mine\n"));
}

#[test]
fn init_refreshes_unchanged_copies_and_writes_the_new_version_beside_changed_ones() {
    let book = module_with_old_copies();
    let theme = book.path().join("theme");
    let changed = fs::read_to_string(theme.join("training.css")).unwrap() + "\n/* mine */\n";
    fs::write(theme.join("training.css"), &changed).unwrap();

    let init = run(&["init", book.path().to_str().unwrap()]);
    let said = stderr(&init);
    assert!(init.status.success(), "{said}");
    assert!(
        said.contains("refreshed theme/index.hbs, theme/training.js"),
        "{said}"
    );
    assert!(
        said.contains("kept the book's own theme/training.css"),
        "{said}"
    );
    assert!(said.contains("theme/training.css.new"), "{said}");
    let js = fs::read_to_string(theme.join("training.js")).unwrap();
    assert!(js.ends_with(&built_in("training.js")));
    assert!(
        js.lines()
            .next()
            .unwrap()
            .contains("Written by mdbook-training")
    );
    assert_eq!(
        fs::read_to_string(theme.join("training.css")).unwrap(),
        changed
    );
    let beside = fs::read_to_string(theme.join("training.css.new")).unwrap();
    assert!(beside.ends_with(&built_in("training.css")));

    // A second run changes nothing.
    let before = snapshot(book.path());
    let again = run(&["init", book.path().to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(snapshot(book.path()), before);
    // And the build no longer calls the refreshed copies stale.
    let check = run(&["check", book.path().to_str().unwrap()]);
    assert!(
        !stderr(&check).contains("an unchanged copy"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn plain_mdbook_build_warns_of_an_unchanged_old_copy() {
    let book = module_with_old_copies();
    let output = Command::new("mdbook")
        .arg("build")
        .arg(book.path())
        .env("PATH", path_with_our_binary())
        .output()
        .expect("mdbook runs (cargo install mdbook, or run .ci/run)");
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("theme/training.js: warning: an unchanged copy of the version of 2026-11-"),
        "{said}"
    );
}

/// `PATH` with this build's `mdbook-training` first, for mdBook to run as a preprocessor.
fn path_with_our_binary() -> std::ffi::OsString {
    let ours = Path::new(bin()).parent().unwrap().to_path_buf();
    let mut paths = vec![ours];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// Every version of every copied theme file in this repository's history is in the table the
/// build knows stale copies by: a change to one of them must come with `.ci/shipped-theme-versions`.
#[test]
fn every_shipped_version_is_in_the_table() {
    let table = fs::read_to_string(repo_root().join("src/theme/shipped-versions.tsv")).unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(repo_root())
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        out.stdout
    };
    for (name, _) in mdbook_training::theme::copies::copied_files() {
        let path = format!("theme/{name}");
        let log = String::from_utf8(git(&[
            "log",
            "--diff-filter=AMR",
            "--format=%h",
            "--",
            &path,
        ]))
        .unwrap();
        assert!(
            !log.is_empty(),
            "no history for {path}: a clone with its history is needed"
        );
        let current = fs::read(repo_root().join(&path)).unwrap();
        for commit in log.lines() {
            let text = git(&["show", &format!("{commit}:{path}")]);
            if text == current {
                continue;
            }
            let hash = sha256_hex(&text);
            assert!(
                table.lines().any(|l| l.starts_with(&hash)),
                "{path} of {commit} is not in src/theme/shipped-versions.tsv: run .ci/shipped-theme-versions"
            );
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
