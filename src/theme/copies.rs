//! A book's copies of this tool's theme files: which are current, which are unchanged copies of
//! an earlier version (stale, replaced by the built-in file), which the author changed.
//!
//! `init` writes each copy with a first line naming the version that wrote it; copies made
//! before that line existed are known by their hash, from the table of every version this
//! repository shipped (`shipped-versions.tsv`, written by `.ci/shipped-theme-versions`).

use crate::diagnostic::Diagnostic;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Every earlier version of the theme files: `sha256<TAB>file<TAB>commit<TAB>date` lines.
const SHIPPED_VERSIONS: &str = include_str!("shipped-versions.tsv");

/// The words that open the first line of every copy `init` writes.
const MARKER: &str = "Written by mdbook-training ";

/// What a book's copy of one of this tool's theme files is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyState {
    /// The text this version ships (with or without the line naming the version).
    Current,
    /// An unchanged copy of an earlier version, named as [`version_label`] names it.
    Stale { version: String },
    /// A copy that `init` wrote and the author changed since; the version it came from.
    Changed { version: String },
    /// A file this tool never wrote: the author's own.
    Own,
}

/// `text` as `init` writes it for the theme file `name`: a first line, in the file's own
/// comment syntax, naming the version of the tool and the text it wrote.
pub fn with_marker(name: &str, text: &str) -> String {
    let short = &sha256(text)[..12];
    let words = format!(
        "{MARKER}{} (sha256 {short}); `mdbook-training init` refreshes an unchanged copy",
        env!("CARGO_PKG_VERSION")
    );
    let line = match name.rsplit('.').next() {
        Some("hbs") => format!("{{{{!-- {words} --~}}}}"),
        Some("css") => format!("/* {words} */"),
        _ => format!("// {words}"),
    };
    format!("{line}\n{text}")
}

/// What the copy `text` of the theme file `name` is, `current` being this version's text.
pub fn classify(name: &str, text: &str, current: &str) -> CopyState {
    let (marker, body) = split_marker(text);
    if body == current {
        return CopyState::Current;
    }
    let hash = sha256(body);
    if let Some(version) = shipped(name, |shipped| shipped == hash) {
        return CopyState::Stale { version };
    }
    match marker {
        Some(marker) => CopyState::Changed {
            version: marked_version(name, marker, current),
        },
        None => CopyState::Own,
    }
}

/// The copy's line naming its version, if it has one, and the text after it.
fn split_marker(text: &str) -> (Option<&str>, &str) {
    match text.split_once('\n') {
        Some((first, rest)) if first.contains(MARKER) => (Some(first), rest),
        _ => (None, text),
    }
}

/// The version a marked copy names: the tool's version, and the date of the text it was
/// written with when that text is one this repository shipped.
fn marked_version(name: &str, marker: &str, current: &str) -> String {
    let after = &marker[marker.find(MARKER).unwrap_or(0) + MARKER.len()..];
    let tool = after.split_whitespace().next().unwrap_or("?");
    let short: String = after
        .split_once("sha256 ")
        .map(|(_, rest)| rest.chars().take_while(char::is_ascii_hexdigit).collect())
        .unwrap_or_default();
    let shipped_as = (short.len() >= 8)
        .then(|| shipped(name, |hash| hash.starts_with(&short)))
        .flatten();
    match shipped_as {
        Some(version) => format!("{tool}, {version}"),
        None if !short.is_empty() && sha256(current).starts_with(&short) => {
            format!("{tool}, the version of this build")
        }
        None => tool.to_string(),
    }
}

/// The earliest-listed shipped version of `name` whose hash `matches`, as "the version of DATE
/// (commit)".
fn shipped(name: &str, matches: impl Fn(&str) -> bool) -> Option<String> {
    SHIPPED_VERSIONS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            ))
        })
        .find(|(hash, file, _, _)| *file == name && matches(hash))
        .map(|(_, _, commit, date)| version_label(date, commit))
}

/// How a message names an earlier version: by its date and commit.
pub fn version_label(date: &str, commit: &str) -> String {
    format!("the version of {date} (commit {commit})")
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The theme files a book may hold a copy of, with this version's text: what `init` writes.
pub fn copied_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("index.hbs", super::INDEX_HBS)).chain(super::SITE_ASSETS.iter().copied())
}

/// The book's copies in `theme_dir` that the build replaces with the built-in file: unchanged
/// copies of this version or an earlier one.
pub fn replaced_copies(theme_dir: &Path) -> Vec<&'static str> {
    copied_files()
        .filter(|(name, current)| {
            std::fs::read_to_string(theme_dir.join(name)).is_ok_and(|text| {
                matches!(
                    classify(name, &text, current),
                    CopyState::Current | CopyState::Stale { .. }
                )
            })
        })
        .map(|(name, _)| name)
        .collect()
}

/// A warning for each copy in `theme_dir` that readers would otherwise get out of date: a stale
/// one (the build uses the built-in file), a changed one (the build uses it: the tool's fixes do
/// not reach it), and a file of the tool's own name that it never wrote. `book_root` is what
/// paths are shown relative to.
pub fn copy_warnings(book_root: &Path, theme_dir: &Path) -> Vec<Diagnostic> {
    let shown_dir = theme_dir.strip_prefix(book_root).unwrap_or(theme_dir);
    let refresh = refresh_command(book_root);
    copied_files()
        .filter_map(|(name, current)| {
            let text = std::fs::read_to_string(theme_dir.join(name)).ok()?;
            let path = shown_dir.join(name);
            let shown = path.display().to_string().replace('\\', "/");
            let warning = match classify(name, &text, current) {
                CopyState::Current => return None,
                CopyState::Own if name == "index.hbs" => return None,
                CopyState::Stale { version } => Diagnostic::warning(&path, 0, format!(
                    "an unchanged copy of {version} of this tool's file: `mdbook-training build` uses the built-in {name} instead (plain `mdbook build` still uses the copy)"
                )).with_hint(format!("`{refresh}` refreshes it")),
                CopyState::Changed { version } => Diagnostic::warning(&path, 0, format!(
                    "a changed copy of this tool's {name}, first written by mdbook-training {version}: it is used as it is, and none of the tool's later fixes to {name} reach it"
                )).with_hint(format!("`{refresh}` writes the new version beside it as {shown}.new, to compare")),
                CopyState::Own => Diagnostic::warning(&path, 0, format!(
                    "replaces this tool's {name} with a file the tool did not write: none of the tool's fixes to {name} reach it"
                )).with_hint(format!("`{refresh}` writes the built-in version beside it as {shown}.new, to compare")),
            };
            Some(warning)
        })
        .collect()
}

/// The command that refreshes the copies of the book at `root`, as its author would type it
/// from the folder they are in.
fn refresh_command(root: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|here| root.strip_prefix(here).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| root.to_path_buf());
    match shown.as_os_str().is_empty() {
        true => "mdbook-training init".to_string(),
        false => format!("mdbook-training init {}", shown.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_init_wrote_is_current_with_or_without_its_first_line() {
        for (name, current) in copied_files() {
            let written = with_marker(name, current);
            assert!(written.lines().next().unwrap().contains(MARKER));
            assert_eq!(classify(name, &written, current), CopyState::Current);
            assert_eq!(classify(name, current, current), CopyState::Current);
        }
    }

    #[test]
    fn a_changed_copy_names_the_version_it_came_from() {
        let written = with_marker("training.js", super::super::TRAINING_JS);
        let changed = format!("{written}\nconsole.log('mine');\n");
        let state = classify("training.js", &changed, super::super::TRAINING_JS);
        let CopyState::Changed { version } = state else {
            panic!("{state:?}")
        };
        // The version it was written with: this build's text, which may be a shipped one too.
        let tool = env!("CARGO_PKG_VERSION");
        assert!(
            version.starts_with(&format!("{tool}, the version of ")),
            "{version}"
        );
        assert_eq!(
            classify("training.js", "mine", super::super::TRAINING_JS),
            CopyState::Own
        );
    }

    #[test]
    fn the_page_template_keeps_no_trace_of_its_first_line() {
        let written = with_marker("index.hbs", "<!DOCTYPE html>\n");
        let mut handlebars = handlebars::Handlebars::new();
        handlebars
            .register_template_string("page", &written)
            .unwrap();
        assert_eq!(handlebars.render("page", &()).unwrap(), "<!DOCTYPE html>\n");
    }
}
