//! `i18n extract`, `i18n update` and `i18n status`: the translators' side of a book.

use anyhow::{Context, Result};
use mdbook_training::diagnostic::Diagnostics;
use mdbook_training::i18n::catalog::{
    SourceText, Status, add_string_messages, extract_template, merge, status, translation_languages,
};
use mdbook_training::i18n::po::{PoFile, parse_po, write_po};
use mdbook_training::i18n::translate::po_path;
use mdbook_training::quiz_file;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The book's template, from its SUMMARY and chapter sources as they are on disk.
fn template(book_dir: &Path) -> Result<Option<PoFile>> {
    let book = super::load_book(book_dir)?;
    let src = book.config.book.src.clone();
    let summary_path = src.join("SUMMARY.md");
    let summary = fs::read_to_string(book.root.join(&summary_path))
        .with_context(|| format!("cannot read {}", summary_path.display()))?;
    let inputs = mdbook_training::preprocessors::training::chapter_inputs(&book.book);
    let chapters: Vec<(PathBuf, String)> = inputs
        .iter()
        .map(|c| (src.join(&c.path), c.content.clone()))
        .collect();
    let mut sources = vec![SourceText {
        display: summary_path,
        text: &summary,
    }];
    sources.extend(chapters.iter().map(|(display, text)| SourceText {
        display: display.clone(),
        text,
    }));
    let title = book.config.book.title.clone().unwrap_or_default();
    let (mut template, mut problems) = extract_template(&title, &sources);
    // Questions of mdbook-quiz files, referenced to their TOML file and question.
    for chapter in &inputs {
        for (file, _) in quiz_file::referenced_files(&chapter.path, &chapter.content) {
            let display = src.join(&file);
            let Ok(text) = fs::read_to_string(book.root.join(&display)) else {
                continue;
            };
            let (questions, issues) = quiz_file::parse_quiz_file(&display, &text);
            problems.extend(issues);
            for (line, markdown) in quiz_file::translatable_strings(&questions) {
                add_string_messages(&mut template, &display, line, &markdown);
            }
        }
    }
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
    let mut all = Vec::new();
    let mut problems = Diagnostics::default();
    for language in translation_languages(&book_dir.join("po")) {
        let relative = po_path(&language);
        let text = fs::read_to_string(book_dir.join(&relative))
            .with_context(|| format!("cannot read {}", relative.display()))?;
        let (po, diagnostics) = parse_po(&relative, &text);
        problems.extend(diagnostics);
        all.push((language, po));
    }
    problems.sort();
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
    for (language, po) in translations {
        let merged = merge(&template, &po);
        let path = book_dir.join(po_path(&language));
        fs::write(&path, write_po(&merged))
            .with_context(|| format!("cannot write {}", path.display()))?;
        let s = status(&language, &template, &merged);
        eprintln!("updated {}: {}", path.display(), describe(&s));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(s: &Status) -> String {
    format!(
        "{} translated ({:.1}%), {} fuzzy ({:.1}%), {} untranslated ({:.1}%) of {}",
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
                    "untranslated": s.untranslated, "total": s.total,
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
