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

/// What a worker keeps: a book's edition (one part, the whole edition, named `""`), or a
/// library's edition in one language (its own pages shared, each module a part).
pub struct OfflineSite<'a> {
    /// The worker's folder: the edition's root, or the library's for that language.
    pub dir: &'a Path,
    /// Folders under it that are not the shared files: other editions', and the parts'.
    pub not_shared: Vec<PathBuf>,
    /// Each part's name and folder (`dir` itself for a book).
    pub parts: Vec<(String, PathBuf)>,
    pub language: &'a str,
    pub right_to_left: bool,
    /// What a page not kept leads back to: the book's or the library's title.
    pub title: &'a str,
    pub ui: &'a UiStrings,
}

/// The files of a part or of what is shared, and their content's hash and size.
struct Kept {
    files: Vec<String>,
    version: String,
    bytes: u64,
}

impl Kept {
    /// The files under `folder` but not in `skip`, as addresses from `scope`.
    fn read(scope: &Path, folder: &Path, skip: &[PathBuf]) -> Result<Kept> {
        let files = edition_files(folder, skip)?;
        let prefix = folder
            .strip_prefix(scope)?
            .to_string_lossy()
            .replace('\\', "/");
        let mut hash = Sha256::new();
        let mut bytes = 0u64;
        let mut addresses = Vec::new();
        for file in &files {
            let content = fs::read(folder.join(file))?;
            bytes += content.len() as u64;
            hash.update(file.as_bytes());
            hash.update([0]);
            hash.update(&content);
            hash.update([0]);
            let address = match prefix.as_str() {
                "" => file.clone(),
                prefix => format!("{prefix}/{file}"),
            };
            addresses.push(utf8_percent_encode(&address, PATH_SEGMENT).to_string());
        }
        let version = hash
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Kept {
            files: addresses,
            version,
            bytes,
        })
    }

    fn data(&self) -> serde_json::Value {
        serde_json::json!({ "version": self.version, "files": self.files })
    }
}

/// Writes the worker and the offer's facts into the site's folder. Each part's content hash
/// names its cache, so a site rebuilt with any change gets a new worker and new caches for what
/// changed, and the same sources give the same bytes.
pub fn write_offline_files(site: &OfflineSite<'_>) -> Result<()> {
    // A book's one part is the whole edition: nothing is shared besides.
    let shared = match site.parts.iter().any(|(_, folder)| folder == site.dir) {
        true => Kept {
            files: Vec::new(),
            version: String::from("none"),
            bytes: 0,
        },
        false => Kept::read(site.dir, site.dir, &site.not_shared)?,
    };
    let mut parts = serde_json::Map::new();
    let mut sizes = serde_json::Map::new();
    for (name, folder) in &site.parts {
        let skip = if folder == site.dir {
            site.not_shared.as_slice()
        } else {
            &[]
        };
        let kept = Kept::read(site.dir, folder, skip)?;
        sizes.insert(name.clone(), kept.bytes.into());
        parts.insert(name.clone(), kept.data());
    }
    let ui = site.ui;
    let data = serde_json::json!({
        "shared": shared.data(),
        "parts": parts,
        "lang": escape_html(site.language),
        "dir": if site.right_to_left { "rtl" } else { "ltr" },
        "ui": {
            "unavailable": escape_html(&ui.offline_unavailable),
            "hint": escape_html(&ui.offline_unavailable_hint),
            "title": escape_html(site.title),
            // Told by the page as text.
            "updated": ui.offline_updated,
        },
    });
    let worker = WORKER.replacen(SLOT, &format!("var OFFLINE = {data};"), 1);
    fs::write(site.dir.join(WORKER_FILE), worker)?;
    let facts = serde_json::json!({ "shared": shared.bytes, "parts": sizes });
    fs::write(site.dir.join(FACTS_FILE), format!("{facts}\n"))?;
    Ok(())
}

/// Every file under `dir`, as `/`-separated paths in name order: not the folders in `others`,
/// not hidden files (the site's marker), not the offline files themselves.
fn edition_files(dir: &Path, others: &[PathBuf]) -> Result<Vec<String>> {
    let skipped = |path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        name.starts_with('.') || others.iter().any(|other| other == path)
    };
    let mut files = Vec::new();
    for path in crate::files::files_in(dir, skipped)? {
        let relative = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
        if relative != WORKER_FILE && relative != FACTS_FILE {
            files.push(relative);
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
