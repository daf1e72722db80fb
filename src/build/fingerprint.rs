//! Fingerprints of this tool's assets: every reference a page makes to one carries `?v=HASH` of
//! the text served, so that a browser or a CDN that cached yesterday's file fetches today's.
//!
//! A query rather than a new file name (as mdBook renames its own files): the files keep the
//! names that books' own templates and earlier `search.js` copies use, and a site opened from
//! files loads them all the same.

use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The first hex digits of a text's SHA-256, as a fingerprint: mdBook uses eight.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The fingerprint of each of this tool's assets in an edition's `theme/`, by file name.
#[derive(Debug, Default, Clone)]
pub struct AssetVersions(HashMap<String, String>);

impl AssetVersions {
    pub fn insert(&mut self, name: &str, text: &[u8]) {
        self.0.insert(name.to_string(), fingerprint(text));
    }

    /// `url` with `?v=HASH` when it names one of the assets from a page (`theme/NAME` after any
    /// `./` and `../`) and has no query of its own; `None` for any other address.
    pub fn versioned(&self, url: &str) -> Option<String> {
        let mut path = url;
        while let Some(rest) = path.strip_prefix("../").or_else(|| path.strip_prefix("./")) {
            path = rest;
        }
        let name = path.strip_prefix("theme/")?;
        let version = self.0.get(name)?;
        Some(format!("{url}?v={version}"))
    }

    /// The fingerprints as the page-assets template reads them: `training_js` for `training.js`.
    pub fn for_template(&self) -> serde_json::Value {
        self.0
            .iter()
            .map(|(name, version)| (name.replace(['.', '-'], "_"), version.clone().into()))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_references_to_the_assets_get_a_fingerprint() {
        let mut versions = AssetVersions::default();
        versions.insert("training.js", b"one");
        let v = fingerprint(b"one");
        assert_eq!(v.len(), 8);
        assert_eq!(
            versions.versioned("../../theme/training.js"),
            Some(format!("../../theme/training.js?v={v}"))
        );
        assert_eq!(
            versions.versioned("./theme/training.js"),
            Some(format!("./theme/training.js?v={v}"))
        );
        for other in [
            "theme/training.js?v=1",
            "theme/other.js",
            "book-609e4cb8.js",
            "https://example.org/theme/training.js",
            "x/theme/training.js",
        ] {
            assert_eq!(versions.versioned(other), None, "{other}");
        }
        versions.insert("training.js", b"two");
        assert_ne!(
            versions.versioned("theme/training.js"),
            Some(format!("theme/training.js?v={v}"))
        );
        assert_eq!(versions.for_template()["training_js"], fingerprint(b"two"));
    }
}
