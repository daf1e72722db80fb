//! Checking a built site: every internal link and anchor, across all editions.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A built page: its path relative to the site's root and its HTML.
pub struct Page {
    pub path: PathBuf,
    pub html: String,
}

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: PathBuf,
    pub href: String,
    pub reason: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: broken link `{}`: {}",
            self.page.display().to_string().replace('\\', "/"),
            self.href,
            self.reason
        )
    }
}

/// Values of `href` and `src` attributes in a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// The ids a page defines.
fn ids(html: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for attr in [" id=\"", " name=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir if !out.pop() => return None,
            Component::ParentDir => {}
            Component::Normal(part) => out.push(part),
            _ => {}
        }
    }
    Some(out)
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Every internal link of every page that names a missing file or anchor. `files` are all the
/// site's files (pages and assets), relative to its root.
pub fn check_site(pages: &[Page], files: &HashSet<PathBuf>) -> Vec<BrokenLink> {
    let anchors: HashMap<&Path, HashSet<String>> = pages
        .iter()
        .map(|p| (p.path.as_path(), ids(&p.html)))
        .collect();
    let mut broken = Vec::new();
    for page in pages {
        let dir = page.path.parent().unwrap_or(Path::new(""));
        for href in links(&page.html) {
            if href.is_empty()
                || href.starts_with("//")
                || href.contains(':') && href.split(':').next().is_some_and(|s| !s.contains('/'))
            {
                continue;
            }
            let (location, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let location = location.split('?').next().unwrap_or("");
            let target = if location.is_empty() {
                Some(page.path.clone())
            } else {
                normalize(&dir.join(percent_decoded(location))).map(|t| {
                    if location.ends_with('/') || t.as_os_str().is_empty() {
                        t.join("index.html")
                    } else {
                        t
                    }
                })
            };
            let Some(target) = target else {
                broken.push(BrokenLink {
                    page: page.path.clone(),
                    href: href.clone(),
                    reason: "it leaves the site".into(),
                });
                continue;
            };
            if !files.contains(&target) {
                broken.push(BrokenLink {
                    page: page.path.clone(),
                    href: href.clone(),
                    reason: format!("there is no {}", target.display()),
                });
                continue;
            }
            let fragment = percent_decoded(fragment);
            if !fragment.is_empty()
                && let Some(ids) = anchors.get(target.as_path())
                && !ids.contains(&fragment)
            {
                broken.push(BrokenLink {
                    page: page.path.clone(),
                    href: href.clone(),
                    reason: format!("{} has no anchor #{fragment}", target.display()),
                });
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_files_and_anchors() {
        let pages = vec![
            Page { path: "a.html".into(), html: "<a href=\"b.html#x\">ok</a><a href=\"b.html#y\">no anchor</a><a href=\"c.html\">no file</a><a href=\"https://example.org\">out</a><a href=\"#top\">self</a><h1 id=\"top\"></h1>".into() },
            Page { path: "sub/b.html".into(), html: "<a href=\"../a.html\">up</a><a href=\"../../x.html\">out</a>".into() },
            Page { path: "b.html".into(), html: "<p id=\"x\"></p><img src=\"img/p.png\">".into() },
        ];
        let files: HashSet<PathBuf> = ["a.html", "b.html", "sub/b.html"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let broken = check_site(&pages, &files);
        let found: Vec<String> = broken
            .iter()
            .map(|b| format!("{} {}", b.page.display(), b.href))
            .collect();
        assert_eq!(
            found,
            [
                "a.html b.html#y",
                "a.html c.html",
                "sub/b.html ../../x.html",
                "b.html img/p.png"
            ]
        );
    }
}
