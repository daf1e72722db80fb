//! The parts of an edition's pages that only the whole site knows (`hreflang` links, the
//! language picker, the search panel), rendered once per folder depth rather than per page.
//!
//! They differ from page to page only by the page's path and its way to the root, yet
//! rendering them for every page (22 editions' links each) was a fifth of finishing an edition.
//! So they are rendered for a stand-in path, once per folder depth, and each page puts its own
//! path in. The first page of each depth is also rendered in full and compared: should a
//! translated word hold the stand-in, that depth's pages are rendered one by one.

use super::EditionSite;
use crate::escape::escape_html;
use crate::site::{EditionLink, SearchFiles, SiteRenderer};
use handlebars::RenderError;
use std::collections::HashMap;

/// Stands for a page's path in parts rendered once: a noncharacter, which no path holds.
const STAND_IN: &str = "\u{FDD0}page\u{FDD0}";

/// The site-wide parts of one page.
pub(super) struct PageParts {
    /// `hreflang` and canonical links, for `<head>`.
    pub head: String,
    pub picker: String,
    pub search: String,
}

/// An edition's pages' parts, by folder depth and whether the page is a chapter.
pub(super) struct EditionParts<'a> {
    renderer: &'a SiteRenderer,
    sites: &'a [&'a EditionSite],
    index: usize,
    /// The site's address with a final `/`, when `site-url` is set.
    base: Option<&'a str>,
    search: &'a SearchFiles,
    /// Rendered for the stand-in path; `None` where a page must be rendered whole.
    by_folder: HashMap<(usize, bool), Option<PageParts>>,
}

impl<'a> EditionParts<'a> {
    pub fn new(
        renderer: &'a SiteRenderer,
        sites: &'a [&'a EditionSite],
        index: usize,
        base: Option<&'a str>,
        search: &'a SearchFiles,
    ) -> Self {
        EditionParts {
            renderer,
            sites,
            index,
            base,
            search,
            by_folder: HashMap::new(),
        }
    }

    /// The parts of the page at `relative` (its path from the edition's root).
    pub fn for_page(&mut self, relative: &str, is_chapter: bool) -> Result<PageParts, RenderError> {
        let key = (relative.matches('/').count(), is_chapter);
        if !self.by_folder.contains_key(&key) {
            let whole = self.render(relative, is_chapter)?;
            let stamped = self.render(STAND_IN, is_chapter)?;
            let trusted = stamped.with_path(relative);
            let reusable = trusted.head == whole.head && trusted.picker == whole.picker;
            self.by_folder.insert(key, reusable.then_some(stamped));
            return Ok(whole);
        }
        match &self.by_folder[&key] {
            Some(stamped) => Ok(stamped.with_path(relative)),
            None => self.render(relative, is_chapter),
        }
    }

    /// The parts of a page at `relative`, rendered through the templates.
    fn render(&self, relative: &str, is_chapter: bool) -> Result<PageParts, RenderError> {
        let site = self.sites[self.index];
        let folders = relative.matches('/').count();
        let up = "../".repeat(site.prefix.matches('/').count() + folders);
        // The way from this page to its edition's root, for what the search panel loads.
        let root = "../".repeat(folders);
        let links = |root: &str| -> Vec<EditionLink> {
            self.sites
                .iter()
                .enumerate()
                .map(|(i, other)| EditionLink {
                    language: other.language.clone(),
                    href: format!("{root}{}{relative}", other.prefix),
                    current: i == self.index,
                })
                .collect()
        };
        let relative_links = links(&up);
        // With the site's address: absolute links and a canonical link on chapters, none elsewhere.
        let head = match self.base {
            Some(base) if is_chapter => self.renderer.head_links(
                Some(&format!("{base}{}{relative}", site.prefix)),
                &links(base),
            )?,
            Some(_) => String::new(),
            None => self.renderer.head_links(None, &relative_links)?,
        };
        Ok(PageParts {
            head,
            picker: self
                .renderer
                .language_picker(&relative_links, &site.ui.languages)?,
            search: self.renderer.search_panel(
                &site.ui,
                &site.counted,
                &format!("{root}{}", self.search.base),
                self.search,
            )?,
        })
    }
}

impl PageParts {
    /// Parts rendered for the stand-in, with `relative` in its place, escaped as the
    /// templates escape it.
    fn with_path(&self, relative: &str) -> PageParts {
        let path = escape_html(relative);
        PageParts {
            head: self.head.replace(STAND_IN, &path),
            picker: self.picker.replace(STAND_IN, &path),
            search: self.search.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sites(label: &str) -> Vec<EditionSite> {
        let mut source = EditionSite::new("en", "", PathBuf::from("out/0"));
        source.ui.languages = label.to_string();
        let french = EditionSite::new("fr", "fr/", PathBuf::from("out/1"));
        vec![source, french]
    }

    /// Every page's parts are what rendering them for that page gives, whatever the words.
    fn parts_match_whole_renders(label: &str, base: Option<&str>) {
        let renderer = SiteRenderer::new().unwrap();
        let owned = sites(label);
        let sites: Vec<&EditionSite> = owned.iter().collect();
        let search = SearchFiles::default();
        let mut parts = EditionParts::new(&renderer, &sites, 0, base, &search);
        for page in ["a.html", "b&c.html", "x/y.html", "x/\"z\".html", "404.html"] {
            let chapter = page != "404.html";
            let got = parts.for_page(page, chapter).unwrap();
            let whole = parts.render(page, chapter).unwrap();
            assert_eq!(got.head, whole.head, "{page}");
            assert_eq!(got.picker, whole.picker, "{page}");
            assert_eq!(got.search, whole.search, "{page}");
            assert!(label.contains(STAND_IN) || !got.picker.contains(STAND_IN));
        }
        assert!(got_escaped(&mut parts));
    }

    fn got_escaped(parts: &mut EditionParts<'_>) -> bool {
        let got = parts.for_page("q/a&b.html", true).unwrap();
        got.picker.contains("href=\"../fr/q/a&amp;b.html\"")
    }

    #[test]
    fn pages_get_the_parts_rendered_for_them() {
        parts_match_whole_renders("Languages", None);
        parts_match_whole_renders("Languages", Some("https://example.org/"));
    }

    #[test]
    fn a_word_holding_the_stand_in_is_rendered_page_by_page() {
        parts_match_whole_renders(&format!("Langues {STAND_IN}"), None);
        let renderer = SiteRenderer::new().unwrap();
        let owned = sites(&format!("Langues {STAND_IN}"));
        let sites: Vec<&EditionSite> = owned.iter().collect();
        let search = SearchFiles::default();
        let mut parts = EditionParts::new(&renderer, &sites, 0, None, &search);
        parts.for_page("a.html", true).unwrap();
        assert!(parts.by_folder[&(0, true)].is_none());
    }
}
