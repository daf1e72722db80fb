//! After mdBook: each edition's pages read once, indexed for search and given their language
//! picker, `hreflang` links and search panel.

use super::EditionSite;
use crate::search::{Analyzer, build_index, page_docs};
use crate::site::{EditionLink, PagePattern, SiteRenderer};
use crate::theme::search_scripts_for;
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Name of the search index beside each edition's pages.
const SEARCH_INDEX: &str = "search-index.json";
/// Folder of the search scripts beside each edition's pages.
const SEARCH_SCRIPTS: &str = "search/";

fn main_of(html: &str) -> &str {
    match (html.find("<main>"), html.find("</main>")) {
        (Some(start), Some(end)) if start < end => &html[start + 6..end],
        _ => "",
    }
}

/// Reads each page of an edition once: indexes it for search, fills its language picker,
/// `hreflang` links (absolute, with a canonical link, when `site-url` is set) and search panel.
/// Writes the edition's search index and scripts; returns the pages a sitemap lists.
pub(super) fn finish_pages(
    sites: &[&EditionSite],
    index: usize,
    pages: &[PathBuf],
    site_url: Option<&str>,
    glossary_page: Option<&str>,
) -> Result<Vec<String>> {
    let renderer = SiteRenderer::new()?;
    let site = &sites[index];
    let base = site_url.map(|u| {
        if u.ends_with('/') {
            u.to_string()
        } else {
            format!("{u}/")
        }
    });
    let panel = renderer.search_panel(&site.ui, SEARCH_INDEX, SEARCH_SCRIPTS)?;
    // The picker and `hreflang` links are rendered once, each page's paths filled in after.
    let links_from = |root: &str| -> Vec<EditionLink> {
        sites
            .iter()
            .enumerate()
            .map(|(i, other)| EditionLink {
                language: other.language.clone(),
                href: format!("{root}{}{}", other.prefix, PagePattern::PAGE_PATH),
                current: i == index,
            })
            .collect()
    };
    let relative_links = links_from(PagePattern::SITE_ROOT);
    let picker = PagePattern::new(&renderer.language_picker(&relative_links, &site.ui.languages)?);
    let relative_head = PagePattern::new(&renderer.head_links(None, &relative_links)?);
    // With the site's address: absolute links and a canonical link on chapters, none elsewhere.
    let (chapter_head, other_head) = match &base {
        Some(base) => (
            PagePattern::new(&renderer.head_links(
                Some(&format!("{base}{}{}", site.prefix, PagePattern::PAGE_PATH)),
                &links_from(base),
            )?),
            PagePattern::default(),
        ),
        None => (relative_head.clone(), relative_head),
    };
    let mut listed = Vec::new();
    let mut docs = Vec::new();
    // mdBook copies the first chapter to index.html when the book has no index page.
    let mut indexed = std::collections::HashSet::new();
    for page in pages {
        let relative = page
            .strip_prefix(&site.dir)?
            .to_string_lossy()
            .replace('\\', "/");
        let html = fs::read_to_string(page)?;
        let is_chapter = !matches!(relative.as_str(), "404.html" | "print.html" | "toc.html");
        if is_chapter && indexed.insert(main_of(&html).to_string()) {
            docs.extend(page_docs(
                &relative,
                main_of(&html),
                Some(relative.as_str()) == glossary_page,
            ));
        }
        if !html.contains(LANGUAGES_SLOT) {
            continue;
        }
        if is_chapter {
            listed.push(relative.clone());
        }
        let up = "../".repeat(format!("{}{relative}", site.prefix).matches('/').count());
        let head = if is_chapter {
            &chapter_head
        } else {
            &other_head
        };
        let filled = fill_slots(
            &html,
            &[
                (ALTERNATES_SLOT, &head.fill(&up, &relative)),
                (LANGUAGES_SLOT, &picker.fill(&up, &relative)),
                (SEARCH_SLOT, &panel),
            ],
        );
        rewrite(page, filled.as_bytes())?;
    }
    fs::write(
        site.dir.join(SEARCH_INDEX),
        build_index(&site.language, &docs),
    )?;
    if let Some(stemmer) = Analyzer::new(&site.language).stemmer {
        fs::create_dir_all(site.dir.join(SEARCH_SCRIPTS))?;
        for (name, text) in search_scripts_for(stemmer) {
            fs::write(site.dir.join(SEARCH_SCRIPTS).join(name), text)?;
        }
    }
    Ok(listed)
}

/// Writes `bytes` over the file at `path` in place: the file keeps its blocks rather than being
/// emptied first, which costs the file system more than the write.
fn rewrite(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    Ok(())
}

/// Where the page template leaves room for what only the whole site knows.
const ALTERNATES_SLOT: &str = "<!-- training:alternates -->";
const LANGUAGES_SLOT: &str = "<!-- training:languages -->";
const SEARCH_SLOT: &str = "<!-- training:search -->";
const SLOT_START: &str = "<!-- training:";

/// `html` with every occurrence of each slot replaced by its text, in one pass.
fn fill_slots(html: &str, slots: &[(&str, &str)]) -> String {
    let added: usize = slots.iter().map(|(_, text)| text.len()).sum();
    let mut out = String::with_capacity(html.len() + added);
    let mut rest = html;
    while let Some(at) = rest.find(SLOT_START) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (text, skip) = slots
            .iter()
            .find(|(slot, _)| rest.starts_with(slot))
            .map_or((SLOT_START, SLOT_START.len()), |(slot, text)| {
                (*text, slot.len())
            });
        out.push_str(text);
        rest = &rest[skip..];
    }
    out.push_str(rest);
    out
}

/// The HTML pages of one built edition.
pub(super) fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut pages = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    Ok(pages)
}
