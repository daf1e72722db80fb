//! `init`: a new working module in an empty folder, or what this tool needs added to a book.
//!
//! Both add the same things to the book: the `[preprocessor.training]` table and, so that plain
//! `mdbook build` gives the whole experience too, the theme files with their `additional-css`
//! and `additional-js` entries. `book.toml` is edited with `toml_edit`, so the author's comments,
//! order and layout stay as they were, and nothing already there is written again: a second run
//! changes nothing.

use crate::files::write_all_or_nothing;
use crate::theme::copies::{CopyState, classify};
use crate::theme::{SITE_ASSETS, book_assets};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use toml_edit::{Array, DocumentMut, Item, Table, value};

/// The starter module's files, relative to the book's root.
const STARTER: &[(&str, &str)] = &[
    ("src/SUMMARY.md", include_str!("SUMMARY.md")),
    ("src/index.md", include_str!("index.md")),
    ("src/first-chapter.md", include_str!("first-chapter.md")),
    ("src/glossary.md", include_str!("glossary.md")),
    ("src/progress.md", include_str!("progress.md")),
    ("src/notes.md", include_str!("notes.md")),
    ("po/README.md", include_str!("po-README.md")),
];
const STARTER_BOOK_TOML: &str = include_str!("book.toml");

/// What `init` did, by file relative to the book's root.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    /// A new module was written (the folder was empty or new).
    pub new_module: bool,
    /// Files written that did not exist.
    pub created: Vec<PathBuf>,
    /// `book.toml`, when settings were added to it.
    pub changed: Vec<PathBuf>,
    /// Theme files the book already has in a version of its own, left as they are.
    pub kept: Vec<PathBuf>,
    /// Unchanged copies of an earlier version's theme files, replaced by this version's.
    pub refreshed: Vec<PathBuf>,
    /// This version's theme files written beside the book's own (`training.js.new`).
    pub beside: Vec<PathBuf>,
}

/// Why `init` changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(
        "{0} holds files but no book.toml; give an empty folder for a new module, or a book's folder"
    )]
    NotABook(PathBuf),
    #[error("{path}: {message}")]
    BadBookToml { path: PathBuf, message: String },
    #[error(
        "{0} leads outside the book (through a link); init writes only inside the book's folder"
    )]
    OutsideBook(PathBuf),
    #[error("cannot write into {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("{0} holds files but no library.toml; give an empty folder for a new library")]
    NotALibrary(PathBuf),
}

/// Runs `init` on `dir`: a new module when the folder is empty or missing, else the tool's
/// settings and theme files added to the book there. Nothing is written unless all of it can be.
pub fn init(dir: &Path) -> Result<InitReport, InitError> {
    let config_path = dir.join("book.toml");
    let new_module = !config_path.exists();
    if new_module && fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(InitError::NotABook(dir.to_path_buf()));
    }
    let mut report = InitReport {
        new_module,
        ..InitReport::default()
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    if new_module {
        for (path, text) in STARTER {
            files.push((PathBuf::from(path), text.to_string()));
        }
    }
    let old_toml = match new_module {
        true => STARTER_BOOK_TOML.to_string(),
        false => fs::read_to_string(&config_path).map_err(|source| InitError::Write {
            path: config_path.clone(),
            source,
        })?,
    };
    let new_toml = with_tool_settings(&old_toml).map_err(|message| InitError::BadBookToml {
        path: config_path.clone(),
        message,
    })?;
    if new_module || new_toml != old_toml {
        files.push((PathBuf::from("book.toml"), new_toml));
        if !new_module {
            report.changed.push(PathBuf::from("book.toml"));
        }
    }
    let changed = &report.changed;
    report.created = files
        .iter()
        .map(|(path, _)| path.clone())
        .filter(|path| !changed.contains(path))
        .collect();
    let theme_files = theme_files(dir, &mut report);
    files.extend(theme_files);
    if let Some((path, _)) = files.iter().find(|(path, _)| leaves_folder(dir, path)) {
        return Err(InitError::OutsideBook(dir.join(path)));
    }
    let absolute: Vec<(PathBuf, &str)> = files
        .iter()
        .map(|(path, text)| (dir.join(path), text.as_str()))
        .collect();
    write_all_or_nothing(&absolute).map_err(|source| InitError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(report)
}

/// The theme files to write into the book at `dir`, noted in `report`: each one the book lacks
/// (created), this version over an unchanged copy of an earlier one (refreshed), and this
/// version beside a copy of the book's own (`NAME.new`, unless that is there already).
fn theme_files(dir: &Path, report: &mut InitReport) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for asset in book_assets() {
        let path = PathBuf::from(&asset.path);
        let Ok(copy) = fs::read_to_string(dir.join(&path)) else {
            report.created.push(path.clone());
            files.push((path, asset.written));
            continue;
        };
        match classify(asset.name, &copy, asset.current) {
            CopyState::Current => {}
            CopyState::Stale { .. } => {
                report.refreshed.push(path.clone());
                files.push((path, asset.written));
            }
            CopyState::Changed { .. } | CopyState::Own => {
                report.kept.push(path.clone());
                let beside = PathBuf::from(format!("{}.new", asset.path));
                if fs::read_to_string(dir.join(&beside)).ok().as_ref() != Some(&asset.written) {
                    report.beside.push(beside.clone());
                    files.push((beside, asset.written));
                }
            }
        }
    }
    files
}

/// Whether writing `relative` under `dir` would land outside `dir`: the nearest existing part of
/// the path (a `theme` folder that is a link, say) resolves elsewhere.
fn leaves_folder(dir: &Path, relative: &Path) -> bool {
    let Ok(root) = dir.canonicalize() else {
        return false;
    };
    let mut probe = dir.join(relative);
    loop {
        if let Ok(real) = probe.canonicalize() {
            return !real.starts_with(&root);
        }
        if !probe.pop() {
            return false;
        }
    }
}

/// `book.toml`'s text with what this tool needs: the `[preprocessor.training]` table and this
/// tool's files in `[output.html]`'s `additional-css` and `additional-js`, each added only when
/// missing, after what the author has.
pub fn with_tool_settings(text: &str) -> Result<String, String> {
    let mut document: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("this is not valid TOML: {}", e.message()))?;
    let preprocessor = implicit_table(&mut document, "preprocessor")?;
    if !preprocessor.contains_key("training") {
        preprocessor.insert("training", Item::Table(Table::new()));
    }
    let output = implicit_table(&mut document, "output")?;
    if !output.contains_key("html") {
        output.insert("html", Item::Table(Table::new()));
    }
    let html = output
        .get_mut("html")
        .and_then(Item::as_table_like_mut)
        .ok_or("`output.html` is not a table")?;
    let css: Vec<String> = site_asset_paths(".css");
    let js: Vec<String> = site_asset_paths(".js");
    add_entries(html, "additional-css", &css)?;
    add_entries(html, "additional-js", &js)?;
    Ok(document.to_string())
}

/// The table `name` at the top of `document`, created without a header of its own.
fn implicit_table<'a>(
    document: &'a mut DocumentMut,
    name: &str,
) -> Result<&'a mut dyn toml_edit::TableLike, String> {
    if !document.contains_key(name) {
        let mut table = Table::new();
        table.set_implicit(true);
        document.insert(name, Item::Table(table));
    }
    document[name]
        .as_table_like_mut()
        .ok_or_else(|| format!("`{name}` is not a table"))
}

/// This tool's assets whose names end in `extension`, as paths from the book's root.
fn site_asset_paths(extension: &str) -> Vec<String> {
    SITE_ASSETS
        .iter()
        .filter(|(name, _)| name.ends_with(extension))
        .map(|(name, _)| format!("theme/{name}"))
        .collect()
}

/// Appends each of `paths` that the array `key` of `table` lacks.
fn add_entries(
    table: &mut dyn toml_edit::TableLike,
    key: &str,
    paths: &[String],
) -> Result<(), String> {
    if table.get(key).is_none() {
        table.insert(key, value(Array::new()));
    }
    let array = table
        .get_mut(key)
        .and_then(Item::as_array_mut)
        .ok_or_else(|| format!("`output.html.{key}` is not a list"))?;
    for path in paths {
        if !array.iter().any(|v| v.as_str() == Some(path)) {
            array.push(path.as_str());
        }
    }
    Ok(())
}
