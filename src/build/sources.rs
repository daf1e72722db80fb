//! The book's files kept inside the book: SUMMARY entries, links and mdBook's includes that
//! would read or write outside it are errors, found before mdBook reads anything.

use super::dest::normalise;
use crate::diagnostic::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag};
use std::fs;
use std::path::{Path, PathBuf};

/// Every reason the book at `root` would read or write a file outside itself.
pub fn check_sources(root: &Path, src_dir: &Path) -> Vec<Diagnostic> {
    let Ok(real_root) = fs::canonicalize(root) else {
        return Vec::new();
    };
    let src = real_root.join(src_dir);
    let mut problems = summary_problems(&real_root, src_dir);
    let mut stack = vec![src.clone()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(&real_root).unwrap_or(&path).to_path_buf();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                if !inside(&real_root, &path) {
                    problems.push(
                        Diagnostic::error(
                            &relative,
                            0,
                            "is a link to a file outside the book; it is not read or published",
                        )
                        .with_hint("copy the file into the book instead of linking to it"),
                    );
                }
            } else if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                problems.extend(include_problems(&real_root, &relative));
            }
        }
    }
    problems
}

/// Whether `path`, followed through links, is inside `root` (already canonical).
fn inside(root: &Path, path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|real| real.starts_with(root))
}

/// SUMMARY entries that name a file outside `src/`.
fn summary_problems(root: &Path, src_dir: &Path) -> Vec<Diagnostic> {
    let display = src_dir.join("SUMMARY.md");
    let Ok(text) = fs::read_to_string(root.join(&display)) else {
        return Vec::new();
    };
    let src = root.join(src_dir);
    let mut problems = Vec::new();
    for (event, range) in Parser::new(&text).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let target = percent_encoding::percent_decode_str(&dest_url).decode_utf8_lossy();
        if target.is_empty() || target.contains("://") {
            continue;
        }
        let line = text[..range.start].matches('\n').count() + 1;
        let file = Path::new(target.as_ref());
        let escapes = file.is_absolute()
            || target.starts_with('/')
            || target.starts_with('\\')
            || !normalise(&src, file).starts_with(&src);
        let outside = escapes || (src.join(file).exists() && !inside(root, &src.join(file)));
        if outside {
            problems.push(
                Diagnostic::error(&display, line, format!("the chapter `{target}` is outside {}", src_dir.display()))
                    .with_hint(format!("chapters are files inside {}: move the file there and name it relative to that folder", src_dir.display())),
            );
        }
    }
    problems
}

/// mdBook's `{{#include}}`, `{{#rustdoc_include}}` and `{{#playground}}` lines of a chapter
/// that would read a file outside the book.
fn include_problems(root: &Path, relative: &Path) -> Vec<Diagnostic> {
    let Ok(text) = fs::read_to_string(root.join(relative)) else {
        return Vec::new();
    };
    let folder = root
        .join(relative)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for target in included_paths(line) {
            let file = normalise(&folder, Path::new(&target));
            let outside = Path::new(&target).is_absolute()
                || !file.starts_with(root)
                || (file.exists() && !inside(root, &file));
            if outside {
                problems.push(
                    Diagnostic::error(
                        relative,
                        number + 1,
                        format!(
                            "`{target}` is outside the book; mdBook would include it in the page"
                        ),
                    )
                    .with_hint("include only files inside the book's folder"),
                );
            }
        }
    }
    problems
}

/// The file paths of mdBook's include-like directives on one line (escaped ones left out).
fn included_paths(line: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("{{") {
        let escaped = rest[..at].ends_with('\\');
        rest = &rest[at + 2..];
        let directive = rest.trim_start();
        let Some(directive) = directive.strip_prefix('#') else {
            continue;
        };
        let Some(end) = directive.find("}}") else {
            break;
        };
        let mut words = directive[..end].split_whitespace();
        let kind = words.next().unwrap_or("");
        if escaped
            || !matches!(
                kind,
                "include" | "rustdoc_include" | "playground" | "playpen"
            )
        {
            continue;
        }
        if let Some(path) = words.next() {
            // `file.rs:2:10` and `file.rs:anchor` name parts of `file.rs`.
            let path = path.split(':').next().unwrap_or(path);
            paths.push(PathBuf::from(path).to_string_lossy().into_owned());
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_directives() {
        assert_eq!(included_paths("{{#include /etc/passwd}}"), ["/etc/passwd"]);
        assert_eq!(
            included_paths("a {{ #rustdoc_include ../x.rs:2 }} b"),
            ["../x.rs"]
        );
        assert!(included_paths("\\{{#include /etc/passwd}}").is_empty());
        assert!(included_paths("{{#quiz q}}").is_empty());
    }
}
