//! A library's offline reading: one service worker for each language at the library's root for
//! that language, the library's own pages shared, and each module that offers offline reading a
//! part the reader keeps on its own.

use crate::build::{EditionSite, RenderedEditions};
use crate::i18n::language::is_right_to_left;
use crate::offline::{OfflineSite, write_offline_files};
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Writes the workers of every language of the library whose modules offer offline reading,
/// into the site being assembled at `staging`, once the library's pages are there.
pub(super) fn write_library_offline(
    title: &str,
    rendered: &[RenderedEditions],
    staging: &Path,
) -> Result<()> {
    // Each edition by its language's root: `` for `harassment/`, `fr/` for `fr/harassment/`.
    let mut roots: BTreeMap<String, Vec<&EditionSite>> = BTreeMap::new();
    for site in rendered.iter().flat_map(|editions| editions.sites.iter()) {
        let folder = site.prefix.trim_end_matches('/');
        let root = folder
            .rsplit_once('/')
            .map_or(String::new(), |(r, _)| format!("{r}/"));
        roots.entry(root).or_default().push(site);
    }
    let languages: Vec<PathBuf> = roots
        .keys()
        .filter(|root| !root.is_empty())
        .map(|root| staging.join(root))
        .collect();
    for (root, sites) in &roots {
        let offered: Vec<&&EditionSite> = sites.iter().filter(|s| s.offline).collect();
        let Some(first) = offered.first() else {
            continue;
        };
        let parts = offered
            .iter()
            .map(|s| (module_name(&s.prefix), staging.join(&s.prefix)))
            .collect();
        let mut not_shared: Vec<PathBuf> = sites.iter().map(|s| staging.join(&s.prefix)).collect();
        if root.is_empty() {
            not_shared.extend(languages.iter().cloned());
        }
        write_offline_files(&OfflineSite {
            dir: &staging.join(root),
            not_shared,
            parts,
            language: &first.language,
            right_to_left: is_right_to_left(&first.language),
            title,
            ui: &first.ui,
        })?;
    }
    Ok(())
}

/// The module's folder: the last part of its edition's prefix.
fn module_name(prefix: &str) -> String {
    let folder = prefix.trim_end_matches('/');
    folder.rsplit('/').next().unwrap_or(folder).to_string()
}
