//! Helpers shared by the integration tests: running the CLI, writing books, reading pages.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod library;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mdbook-training")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `mdbook-training ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("MDBOOK_BOOK__SRC")
        .output()
        .expect("the mdbook-training binary runs")
}

/// Runs `mdbook-training build BOOK --dest DEST EXTRA…`.
pub fn build_site(book: &Path, dest: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        book.to_str().unwrap(),
        "--dest",
        dest.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes a book from `(path, content)` pairs into a new temporary folder.
pub fn write_book(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let target = dir.path().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, content).unwrap();
    }
    dir
}

/// The `<main>` element of a built page, or the whole page when it has none.
pub fn main_of(html: &str) -> String {
    match (html.find("<main>"), html.find("</main>")) {
        (Some(start), Some(end)) => html[start..end + "</main>".len()].to_string(),
        _ => html.to_string(),
    }
}

/// Every file under `dir`, relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    files.sort();
    files
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            (
                path.display().to_string(),
                fs::read(dir.join(&path)).unwrap(),
            )
        })
        .collect()
}

/// Every `.html` file under `dir`, relative to it, sorted.
pub fn html_pages(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Values of `attr="…"` on elements whose opening tag contains `marker`.
pub fn attribute_values(html: &str, marker: &str, attr: &str) -> Vec<String> {
    let mut values = Vec::new();
    for (start, _) in html.match_indices(marker) {
        let tag_start = html[..start].rfind('<').unwrap_or(0);
        let tag_end = start + html[start..].find('>').unwrap_or(0);
        let tag = &html[tag_start..tag_end];
        if let Some(at) = tag.find(&format!("{attr}=\"")) {
            let rest = &tag[at + attr.len() + 2..];
            values.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
        }
    }
    values
}

/// Checks that a relative `href` from `page` (relative to `site`) names an existing file and id.
pub fn assert_link_resolves(site: &Path, page: &Path, href: &str) {
    let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
    let target = if file.is_empty() {
        site.join(page)
    } else {
        site.join(page).parent().unwrap().join(file)
    };
    let html = fs::read_to_string(&target)
        .unwrap_or_else(|_| panic!("{} links to {href}, which does not exist", page.display()));
    if !fragment.is_empty() {
        assert!(
            html.contains(&format!("id=\"{fragment}\"")),
            "{} links to {href}, but that page has no id {fragment}",
            page.display()
        );
    }
}

/// Copies a folder, following links (`book/theme` links to the project's `theme/`).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if fs::metadata(&path).unwrap().is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// A copy of the module in `book/`, with the sample French and Arabic editions in `po/`.
pub fn module_with_editions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("book"), dir.path());
    let _ = fs::remove_dir_all(dir.path().join("book"));
    fs::create_dir_all(dir.path().join("po")).unwrap();
    for language in ["fr", "ar"] {
        fs::copy(
            repo_root().join(format!("tests/fixtures/editions/{language}.po")),
            dir.path().join(format!("po/{language}.po")),
        )
        .unwrap();
    }
    dir
}

/// The id of a process that has ended: what a killed run's leftovers are named by.
pub fn ended_process_id() -> u32 {
    let mut child = Command::new("true").spawn().expect("`true` runs");
    let id = child.id();
    child.wait().unwrap();
    id
}

/// A folder as a killed run of this tool leaves it: with files and the tool's mark.
pub fn leftover_folder(path: &Path) {
    fs::create_dir_all(path.join("inner")).unwrap();
    fs::write(path.join(".mdbook-training-site"), "").unwrap();
}

/// Runs `build ARGS…` and `check BOOK`; both fail, `build` saying everything `check` says.
pub fn build_and_check_fail(book: &Path, build_args: &[&str]) -> String {
    let mut args = vec!["build", book.to_str().unwrap()];
    args.extend_from_slice(build_args);
    let built = run(&args);
    let checked = run(&["check", book.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(1), "build: {}", stderr(&built));
    assert_eq!(
        checked.status.code(),
        Some(1),
        "check: {}",
        stderr(&checked)
    );
    let (built, checked) = (stderr(&built), stderr(&checked));
    for line in checked.lines() {
        assert!(
            built.contains(line),
            "check said `{line}`, build did not:\n{built}"
        );
    }
    built
}

/// mdBook's own page template, as `mdbook init --theme` writes it, put in `book`'s `theme/`.
pub fn add_stock_page_template(book: &Path) {
    let stock = tempfile::tempdir().unwrap();
    for folder in ["theme/css", "theme/fonts"] {
        fs::create_dir_all(stock.path().join(folder)).unwrap();
    }
    let config = mdbook_driver::config::HtmlConfig::default();
    mdbook_html::theme::Theme::copy_theme(&config, stock.path()).unwrap();
    fs::create_dir_all(book.join("theme")).unwrap();
    fs::copy(
        stock.path().join("theme/index.hbs"),
        book.join("theme/index.hbs"),
    )
    .unwrap();
}

/// A library made by `init --library` in `dir/training`, with a second module, `events`,
/// "Keeping events safe"; its folder.
pub fn two_module_library(dir: &Path) -> PathBuf {
    let library = dir.join("training");
    let init = run(&["init", "--library", library.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let second = library.join("events");
    let init = run(&["init", second.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let toml = second.join("book.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        text.replace("My training module", "Keeping events safe"),
    )
    .unwrap();
    let toml = library.join("library.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        text.replace("[\"first-module\"]", "[\"first-module\", \"events\"]"),
    )
    .unwrap();
    library
}

/// `export KIND BOOK EXTRA… --dest DIR` into a new folder, which must succeed; the folder.
pub fn exported(kind: &str, book: &Path, extra: &[&str]) -> tempfile::TempDir {
    let dest = tempfile::tempdir().unwrap();
    let mut args = vec!["export", kind, book.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend(["--dest", dest.path().to_str().unwrap()]);
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    dest
}
