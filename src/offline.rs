//! Offline reading's files, written into an edition that offers it: the service worker
//! (`training-sw.js`, from `theme/offline/`, with the edition's file list and content hash) and
//! `training-offline.json`, which tells the offer how much the copy will take.

use crate::escape::escape_html;
use crate::ui::UiStrings;
use anyhow::Result;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The worker, with `var OFFLINE = null;` for the build to fill in.
const WORKER: &str = include_str!("../theme/offline/training-sw.js");
const SLOT: &str = "var OFFLINE = null;";

/// The worker's file and the offer's facts, at the edition's root.
pub const WORKER_FILE: &str = "training-sw.js";
pub const FACTS_FILE: &str = "training-offline.json";

/// Characters a file's name keeps escaped in an address.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`');

/// The edition a worker keeps.
pub struct OfflineEdition<'a> {
    /// The edition's folder in the site being assembled.
    pub dir: &'a Path,
    /// Folders inside it that are other editions' (the translations under the source).
    pub others: Vec<PathBuf>,
    pub language: &'a str,
    pub right_to_left: bool,
    pub title: &'a str,
    pub ui: &'a UiStrings,
}

/// Writes the worker and the offer's facts into the edition's folder. The content hash names
/// the worker's cache, so a site rebuilt with any change gets a new worker and a new cache, and
/// the same sources give the same bytes.
pub fn write_offline_files(edition: &OfflineEdition<'_>) -> Result<()> {
    let files = edition_files(edition.dir, &edition.others)?;
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    for file in &files {
        let content = fs::read(edition.dir.join(file))?;
        bytes += content.len() as u64;
        hash.update(file.as_bytes());
        hash.update([0]);
        hash.update(&content);
        hash.update([0]);
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let addresses: Vec<String> = files
        .iter()
        .map(|f| utf8_percent_encode(f, PATH_SEGMENT).to_string())
        .collect();
    let ui = edition.ui;
    let data = serde_json::json!({
        "version": version,
        "files": addresses,
        "lang": escape_html(edition.language),
        "dir": if edition.right_to_left { "rtl" } else { "ltr" },
        "ui": {
            "unavailable": escape_html(&ui.offline_unavailable),
            "hint": escape_html(&ui.offline_unavailable_hint),
            "title": escape_html(edition.title),
            // Told by the page as text.
            "updated": ui.offline_updated,
        },
    });
    let worker = WORKER.replacen(SLOT, &format!("var OFFLINE = {data};"), 1);
    fs::write(edition.dir.join(WORKER_FILE), worker)?;
    let facts = serde_json::json!({ "version": version, "bytes": bytes, "files": files.len() });
    fs::write(edition.dir.join(FACTS_FILE), format!("{facts}\n"))?;
    Ok(())
}

/// Every file of the edition in `dir`, as `/`-separated paths in name order: not the other
/// editions' folders, not hidden files (the site's marker), not the offline files themselves.
fn edition_files(dir: &Path, others: &[PathBuf]) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder)? {
            let path = entry?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with('.') || others.contains(&path) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            if relative != WORKER_FILE && relative != FACTS_FILE {
                files.push(relative);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_has_a_slot_for_its_edition() {
        assert_eq!(WORKER.matches(SLOT).count(), 1);
    }
}
