//! `i18n extract`, `i18n update` and `i18n status`: the translators' side of a book.

use anyhow::{Context, Result};
use mdbook_training::diagnostic::Diagnostics;
use mdbook_training::i18n::book::{book_template, read_translations};
use mdbook_training::i18n::catalog::{Status, status};
use mdbook_training::i18n::merge::merge;
use mdbook_training::i18n::po::{PoFile, write_po};
use mdbook_training::i18n::translate::po_path;
use mdbook_training::library::{is_library, library_template, load_library};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The book's template; `None` (with the problems reported) when the book has errors.
fn template(book_dir: &Path) -> Result<Option<PoFile>> {
    if is_library(book_dir) {
        let (template, problems) = library_template(book_dir);
        let failed = super::report(&Diagnostics(problems));
        return Ok(template.filter(|_| !failed));
    }
    let book = super::load_book(book_dir)?;
    let (template, problems) = book_template(&book);
    if super::report(&Diagnostics(problems)) {
        return Ok(None);
    }
    Ok(Some(template))
}

fn write_template(book_dir: &Path, template: &PoFile) -> Result<PathBuf> {
    let path = book_dir.join("po/messages.pot");
    fs::create_dir_all(book_dir.join("po"))?;
    fs::write(&path, write_po(template))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

pub fn extract(book_dir: &Path) -> Result<ExitCode> {
    let Some(template) = template(book_dir)? else {
        return Ok(ExitCode::FAILURE);
    };
    let path = write_template(book_dir, &template)?;
    eprintln!(
        "wrote {} ({} messages)",
        path.display(),
        template.entries.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads every `po/LANG.po`; `None` (with the problems reported) when any is malformed.
fn translations(book_dir: &Path) -> Result<Option<Vec<(String, PoFile)>>> {
    let (all, problems) = read_translations(book_dir);
    if super::report(&problems) {
        return Ok(None);
    }
    Ok(Some(all))
}

pub fn update(book_dir: &Path) -> Result<ExitCode> {
    let Some(template) = template(book_dir)? else {
        return Ok(ExitCode::FAILURE);
    };
    let Some(translations) = translations(book_dir)? else {
        return Ok(ExitCode::FAILURE);
    };
    write_template(book_dir, &template)?;
    // Each language's file merges on its own: in parallel, reported in order.
    use rayon::prelude::*;
    let reports: Vec<String> = translations
        .par_iter()
        .map(|(language, po)| -> Result<String> {
            let merged = merge(&template, po, language);
            let path = book_dir.join(po_path(language));
            fs::write(&path, write_po(&merged))
                .with_context(|| format!("cannot write {}", path.display()))?;
            let s = status(language, &template, &merged);
            Ok(format!("updated {}: {}", path.display(), describe(&s)))
        })
        .collect::<Result<_>>()?;
    for report in reports {
        eprintln!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(s: &Status) -> String {
    let links = match s.changed_links {
        0 => String::new(),
        n => format!(
            "; {} to review",
            super::counted(n, "changed link target", "changed link targets")
        ),
    };
    format!(
        "{} translated ({:.1}%), {} fuzzy ({:.1}%), {} untranslated ({:.1}%) of {}{links}",
        s.translated,
        Status::percent(s.translated, s.total),
        s.fuzzy,
        Status::percent(s.fuzzy, s.total),
        s.untranslated,
        Status::percent(s.untranslated, s.total),
        s.total
    )
}

/// Each translation's counts; `None` (with the problems reported) when the book has errors.
fn statuses(book_dir: &Path) -> Result<Option<Vec<Status>>> {
    let Some(template) = template(book_dir)? else {
        return Ok(None);
    };
    let Some(translations) = translations(book_dir)? else {
        return Ok(None);
    };
    Ok(Some(
        translations
            .iter()
            .map(|(language, po)| status(language, &template, po))
            .collect(),
    ))
}

fn status_json(all: &[Status]) -> serde_json::Value {
    all.iter()
        .map(|s| {
            serde_json::json!({
                "language": s.language, "translated": s.translated, "fuzzy": s.fuzzy,
                "untranslated": s.untranslated, "total": s.total, "changed_links": s.changed_links,
                "translated_percent": (Status::percent(s.translated, s.total) * 10.0).round() / 10.0,
                "fuzzy_percent": (Status::percent(s.fuzzy, s.total) * 10.0).round() / 10.0,
                "untranslated_percent": (Status::percent(s.untranslated, s.total) * 10.0).round() / 10.0,
            })
        })
        .collect()
}

fn status_text(all: &[Status]) -> String {
    if all.is_empty() {
        return "no translations yet: copy po/messages.pot to po/LANG.po to start one\n".into();
    }
    all.iter()
        .map(|s| format!("{}: {}\n", s.language, describe(s)))
        .collect()
}

pub fn status_report(book_dir: &Path, json: bool) -> Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if !is_library(book_dir) {
        let Some(all) = statuses(book_dir)? else {
            return Ok(ExitCode::FAILURE);
        };
        match json {
            true => writeln!(out, "{}", serde_json::to_string_pretty(&status_json(&all))?)?,
            false => write!(out, "{}", status_text(&all))?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    // A library: each module's counts under its name, in reading order.
    let Some(modules) = library_modules(book_dir) else {
        return Ok(ExitCode::FAILURE);
    };
    let mut by_module = serde_json::Map::new();
    let mut text = String::new();
    let mut failed = false;
    // The library's own pages (its title, glossary and interface) first, then each module.
    let own = std::iter::once((LIBRARY_OWN.to_string(), book_dir.to_path_buf()));
    let modules = modules.into_iter().map(|m| (m.clone(), book_dir.join(m)));
    for (module, dir) in own.chain(modules) {
        let Some(all) = statuses(&dir)? else {
            failed = true;
            continue;
        };
        text.push_str(&format!("{module}:\n{}", status_text(&all)));
        by_module.insert(module, status_json(&all));
    }
    if failed {
        return Ok(ExitCode::FAILURE);
    }
    match json {
        true => writeln!(out, "{}", serde_json::to_string_pretty(&by_module)?)?,
        false => write!(out, "{text}")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// How `i18n status` names the library's own pages, which no module folder can be named.
const LIBRARY_OWN: &str = "library.toml";

/// A library's module folders in reading order; `None` (with the problems reported) when
/// `library.toml` has errors.
fn library_modules(dir: &Path) -> Option<Vec<String>> {
    let (library, problems) = load_library(dir);
    if super::report(&Diagnostics(problems)) {
        return None;
    }
    Some(library?.modules.into_iter().map(|m| m.name).collect())
}

/// `command` on the book at `dir`, or on each module of the library at `dir`, all of them
/// whatever one's fate; fails when any failed.
pub fn on_each_module(dir: &Path, command: fn(&Path) -> Result<ExitCode>) -> Result<ExitCode> {
    if !is_library(dir) {
        return command(dir);
    }
    let Some(modules) = library_modules(dir) else {
        return Ok(ExitCode::FAILURE);
    };
    // The library's own messages, then each module's.
    let mut code = ExitCode::SUCCESS;
    let own = std::iter::once(dir.to_path_buf());
    for folder in own.chain(modules.into_iter().map(|m| dir.join(m))) {
        if command(&folder)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    Ok(code)
}
