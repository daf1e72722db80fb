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

/// A page's links (`href` and `src` values) and the ids it defines (`id` and `name`), read from
/// its DOM, so that entities and quoting are the browser's.
fn links_and_ids(html: &str) -> (Vec<String>, HashSet<String>) {
    let document = scraper::Html::parse_document(html);
    let (mut links, mut ids) = (Vec::new(), HashSet::new());
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        links.extend(
            ["href", "src"]
                .iter()
                .filter_map(|a| element.attr(a))
                .map(str::to_string),
        );
        ids.extend(
            ["id", "name"]
                .iter()
                .filter_map(|a| element.attr(a))
                .map(str::to_string),
        );
    }
    (links, ids)
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
    let read: Vec<(Vec<String>, HashSet<String>)> =
        pages.iter().map(|p| links_and_ids(&p.html)).collect();
    let anchors: HashMap<&Path, &HashSet<String>> = pages
        .iter()
        .zip(&read)
        .map(|(p, (_, ids))| (p.path.as_path(), ids))
        .collect();
    let mut broken = Vec::new();
    for (page, (links, _)) in pages.iter().zip(&read) {
        let dir = page.path.parent().unwrap_or(Path::new(""));
        for href in links {
            if href.is_empty()
                || href.starts_with("//")
                || href.contains(':') && href.split(':').next().is_some_and(|s| !s.contains('/'))
            {
                continue;
            }
            let (location, fragment) = href.split_once('#').unwrap_or((href, ""));
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
