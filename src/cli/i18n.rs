//! `i18n extract`, `i18n update` and `i18n status`: the translators' side of a book.

use anyhow::{Context, Result};
use mdbook_training::diagnostic::Diagnostics;
use mdbook_training::i18n::book::{book_template, read_translations};
use mdbook_training::i18n::catalog::{Status, status};
use mdbook_training::i18n::merge::merge;
use mdbook_training::i18n::po::{PoFile, write_po};
use mdbook_training::i18n::translate::po_path;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The book's template; `None` (with the problems reported) when the book has errors.
fn template(book_dir: &Path) -> Result<Option<PoFile>> {
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

pub fn status_report(book_dir: &Path, json: bool) -> Result<ExitCode> {
    let Some(template) = template(book_dir)? else {
        return Ok(ExitCode::FAILURE);
    };
    let Some(translations) = translations(book_dir)? else {
        return Ok(ExitCode::FAILURE);
    };
    let all: Vec<Status> = translations
        .iter()
        .map(|(language, po)| status(language, &template, po))
        .collect();
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    if json {
        let rows: Vec<_> = all
            .iter()
            .map(|s| {
                serde_json::json!({
                    "language": s.language, "translated": s.translated, "fuzzy": s.fuzzy,
                    "untranslated": s.untranslated, "total": s.total, "changed_links": s.changed_links,
                    "translated_percent": (Status::percent(s.translated, s.total) * 10.0).round() / 10.0,
                    "fuzzy_percent": (Status::percent(s.fuzzy, s.total) * 10.0).round() / 10.0,
                    "untranslated_percent": (Status::percent(s.untranslated, s.total) * 10.0).round() / 10.0,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else if all.is_empty() {
        writeln!(
            out,
            "no translations yet: copy po/messages.pot to po/LANG.po to start one"
        )?;
    } else {
        for s in &all {
            writeln!(out, "{}: {}", s.language, describe(s))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
