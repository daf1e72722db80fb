//! After mdBook: each edition's pages indexed for search, then given their language picker,
//! `hreflang` links, search panel (which names the index by its fingerprint, so the index is
//! written first) and fingerprinted references to this tool's assets.

use super::fingerprint::{AssetVersions, fingerprint};
use super::page_parts::EditionParts;
use super::{EditionSite, LibraryParts};
use crate::escape::escape_html;
use crate::search::{Analyzer, build_index, page_docs};
use crate::site::{PageAsset, SearchFiles, SiteRenderer};
use crate::theme::search_scripts_for;
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The edition's search index: a script that gives the index to the page, so that search works
/// from files too (a browser fetches nothing from `file://`, but loads scripts).
const SEARCH_INDEX: &str = "search-index.js";
const SEARCH_INDEX_JSON: &str = "search-index.json";
/// Folder of the search scripts beside each edition's pages.
const SEARCH_SCRIPTS: &str = "search/";

fn main_of(html: &str) -> &str {
    match (html.find("<main>"), html.find("</main>")) {
        (Some(start), Some(end)) if start < end => &html[start + 6..end],
        _ => "",
    }
}

/// What finishing one edition's pages needs from the whole site.
pub(super) struct Finishing<'a> {
    pub sites: &'a [&'a EditionSite],
    /// Which of `sites` is being finished.
    pub index: usize,
    pub site_url: Option<&'a str>,
    /// The book's last chapter, which offers a library's next module.
    pub last_page: Option<&'a str>,
    pub versions: &'a AssetVersions,
    pub search: &'a SearchFiles,
    /// What a library adds to the pages; nothing for a book's own site.
    pub library: &'a LibraryParts,
}

/// Gives each page of an edition its language picker, `hreflang` links (absolute, with a
/// canonical link, when `site-url` is set), search panel, fingerprinted references to this
/// tool's assets and, in a library, its links to the library. Returns the pages a sitemap lists.
pub(super) fn finish_pages(finishing: &Finishing<'_>, pages: &[PathBuf]) -> Result<Vec<String>> {
    let renderer = SiteRenderer::new()?;
    let site = finishing.sites[finishing.index];
    let versions = finishing.versions;
    let base = finishing
        .site_url
        .map(|u| format!("{}/", u.strip_suffix('/').unwrap_or(u)));
    let page_part = renderer.page_part(
        &site.ui,
        &site.book,
        site.quick_exit.as_deref(),
        site.private_reading,
        finishing.library,
    )?;
    let mut parts = EditionParts::new(
        &renderer,
        finishing.sites,
        finishing.index,
        base.as_deref(),
        finishing.search,
    );
    let mut listed = Vec::new();
    for page in pages {
        let relative = relative_path(site, page)?;
        let html = fs::read_to_string(page)?;
        // mdBook's `toc.html` and the like are no reading pages: no picker, links or search.
        if !html.contains("<main") {
            continue;
        }
        let is_chapter = is_chapter(&relative);
        if is_chapter {
            listed.push(relative.clone());
        }
        // The way from this page to its edition's root, for what the page's scripts load.
        let root = "../".repeat(relative.matches('/').count());
        let own = parts.for_page(&relative, is_chapter)?;
        let is_last = finishing.last_page == Some(relative.as_str());
        let library = library_links(&renderer, finishing.library, &root, is_last)?;
        let parts = SiteParts {
            head: &own.head,
            picker: &own.picker,
            search: &own.search,
            page: &page_part,
            missing: missing_assets(&html, &renderer, &root, &site.ui.search, versions)?,
            versions,
            library: &library,
        };
        let finished = parts
            .place_in(&html)
            .with_context(|| format!("cannot read the built page {relative}"))?;
        rewrite(page, finished.as_bytes())?;
    }
    Ok(listed)
}

/// What a library adds to one page, rendered: the link to the library and, on the last
/// chapter, to the next module.
#[derive(Default)]
struct LibraryLinks {
    home: String,
    next: String,
    /// Their stylesheet, at the end of `<head>`.
    style: String,
    /// The script that gives the store the library's scope, before the store.
    scope: String,
}

fn library_links(
    renderer: &SiteRenderer,
    library: &LibraryParts,
    root: &str,
    is_last: bool,
) -> Result<LibraryLinks> {
    let module = library.module.as_deref().unwrap_or_default();
    let render = |part: &str, link: Option<&crate::build::LibraryLink>| match link {
        Some(link) => renderer.library_link(part, link, root, module),
        None => Ok(String::new()),
    };
    let asset = |href: &Option<String>| {
        href.as_ref().map(|href| crate::build::LibraryLink {
            href: href.clone(),
            ..crate::build::LibraryLink::default()
        })
    };
    Ok(LibraryLinks {
        home: render("home", library.home.as_ref())?,
        next: render("next", library.next.as_ref().filter(|_| is_last))?,
        style: render("style", asset(&library.stylesheet).as_ref())?,
        scope: render("scope", asset(&library.scope_script).as_ref())?,
    })
}

/// A page's path from its edition's root, with `/` between folders.
fn relative_path(site: &EditionSite, page: &Path) -> Result<String> {
    Ok(page
        .strip_prefix(&site.dir)?
        .to_string_lossy()
        .replace('\\', "/"))
}

/// Whether a page is one of the book's own, rather than one mdBook adds.
fn is_chapter(relative: &str) -> bool {
    !matches!(relative, "404.html" | "print.html" | "toc.html")
}

/// Reads each chapter of an edition for its search index; writes the index and the scripts of
/// the edition's language, and returns where the pages find them, fingerprinted.
pub(super) fn write_search_files(
    site: &EditionSite,
    pages: &[PathBuf],
    glossary_page: Option<&str>,
    in_library: bool,
) -> Result<(SearchFiles, Vec<crate::search::SearchDoc>)> {
    let mut docs = Vec::new();
    // mdBook copies the first chapter to index.html when the book has no index page.
    let mut indexed = std::collections::HashSet::new();
    for page in pages {
        let relative = relative_path(site, page)?;
        if !is_chapter(&relative) {
            continue;
        }
        let html = fs::read_to_string(page)?;
        if indexed.insert(main_of(&html).to_string()) {
            docs.extend(page_docs(
                &relative,
                main_of(&html),
                Some(relative.as_str()) == glossary_page,
            ));
        }
    }
    // A library's modules are searched through the library's index of each language.
    if in_library {
        return Ok((SearchFiles::default(), docs));
    }
    let files = write_index_files(
        &site.dir,
        &site.language,
        &build_index(&site.language, &docs),
    )?;
    Ok((files, Vec::new()))
}

/// Writes a search index (`index`, its JSON) and the language's stemmer scripts into `dir`;
/// returns where pages find them from `dir`, fingerprinted.
pub(crate) fn write_index_files(dir: &Path, language: &str, index: &str) -> Result<SearchFiles> {
    let script = format!("window.trainingSearchIndex = {index};\n");
    fs::write(dir.join(SEARCH_INDEX), &script)?;
    // Books holding a copy of an earlier `search.js` fetch the index as JSON.
    fs::write(dir.join(SEARCH_INDEX_JSON), index)?;
    let mut scripts_version = String::new();
    if let Some(stemmer) = Analyzer::new(language).stemmer {
        fs::create_dir_all(dir.join(SEARCH_SCRIPTS))?;
        let scripts = search_scripts_for(stemmer);
        let all: String = scripts.iter().map(|(_, text)| *text).collect();
        scripts_version = fingerprint(all.as_bytes());
        for (name, text) in scripts {
            fs::write(dir.join(SEARCH_SCRIPTS).join(name), text)?;
        }
    }
    Ok(SearchFiles {
        index: format!("{SEARCH_INDEX}?v={}", fingerprint(script.as_bytes())),
        scripts: SEARCH_SCRIPTS.to_string(),
        scripts_version,
        ..SearchFiles::default()
    })
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

/// What only the whole site knows, for one page.
struct SiteParts<'a> {
    /// `hreflang` and canonical links.
    head: &'a str,
    /// The language picker.
    picker: &'a str,
    /// The search panel.
    search: &'a str,
    /// The quick-exit button and the page's runtime strings, first after the skip links.
    page: &'a str,
    /// This tool's stylesheet, search button and scripts, for a page template without them.
    missing: MissingAssets,
    /// The fingerprints that references to this tool's assets get.
    versions: &'a AssetVersions,
    /// In a library: the link to it, and to the next module.
    library: &'a LibraryLinks,
}

/// The parts of [`PageAsset`] a page lacks, rendered; empty where the page has the part.
#[derive(Default)]
struct MissingAssets {
    head: String,
    toggle: String,
    body: String,
}

/// What a page made from a book's own template lacks of this tool's parts: the stylesheet, the
/// search button and the scripts, found by what the page already loads.
fn missing_assets(
    html: &str,
    renderer: &SiteRenderer,
    root: &str,
    label: &str,
    versions: &AssetVersions,
) -> Result<MissingAssets> {
    let part = |asset: PageAsset, present: &str| -> Result<String> {
        Ok(if html.contains(present) {
            String::new()
        } else {
            renderer.page_asset(asset, root, label, &versions.for_template())?
        })
    };
    Ok(MissingAssets {
        head: part(PageAsset::Head, "theme/training.css")?,
        toggle: part(PageAsset::Toggle, "id=\"training-search-toggle\"")?,
        body: part(PageAsset::Body, "theme/training.js")?,
    })
}

/// Where a page template places each part itself: a comment `<!-- training:NAME -->`.
const HEAD_SLOT: &str = "training:alternates";
const PICKER_SLOT: &str = "training:languages";
const SEARCH_SLOT: &str = "training:search";

impl SiteParts<'_> {
    /// `html` with each part in its template's slot, or, in a page whose template has no slot
    /// for it, by element: the links at the end of `<head>`, the picker first among the menu
    /// bar's `.right-buttons`, the search panel under the menu bar; and what the page lacks
    /// of this tool's stylesheet, search button and scripts, by element too.
    fn place_in(&self, html: &str) -> Result<String, lol_html::errors::RewritingError> {
        use lol_html::html_content::ContentType::Html;
        use lol_html::{RewriteStrSettings, doc_comments, element, rewrite_str};
        let has_slot = |slot: &str| html.contains(&format!("<!-- {slot} -->"));
        let (by_head, by_picker, by_search) = (
            !has_slot(HEAD_SLOT),
            !has_slot(PICKER_SLOT),
            !has_slot(SEARCH_SLOT),
        );
        // Under the menu bar, where this tool's template has it; at the end without one.
        let has_menu_bar = html.contains("id=\"mdbook-menu-bar\"");
        let has_skip_links = html.contains("id=\"training-skip-question\"");
        let needs_store = !html.contains("theme/training-store.js");
        let settings = RewriteStrSettings {
            element_content_handlers: vec![
                element!("head", |el| {
                    if by_head {
                        el.append(self.head, Html);
                    }
                    el.append(&self.missing.head, Html);
                    el.append(&self.library.style, Html);
                    Ok(())
                }),
                element!(".menu-title", |el| {
                    if !self.library.home.is_empty() {
                        el.set_inner_content(&self.library.home, Html);
                    }
                    Ok(())
                }),
                element!("main", |el| {
                    el.append(&self.library.next, Html);
                    Ok(())
                }),
                element!(".left-buttons", |el| {
                    el.append(&self.missing.toggle, Html);
                    Ok(())
                }),
                element!(".right-buttons", |el| {
                    if by_picker {
                        el.prepend(self.picker, Html);
                    }
                    Ok(())
                }),
                element!("#mdbook-menu-bar", |el| {
                    if by_search {
                        el.after(self.search, Html);
                    }
                    Ok(())
                }),
                element!("#training-skip-question", |el| {
                    el.after(self.page, Html);
                    Ok(())
                }),
                element!("script[src], link[href]", |el| {
                    let attribute = if el.tag_name() == "script" {
                        "src"
                    } else {
                        "href"
                    };
                    let url = el.get_attribute(attribute).unwrap_or_default();
                    if let Some(versioned) = self.versions.versioned(&url) {
                        el.set_attribute(attribute, &versioned)?;
                    }
                    // In a library, the store learns the library's scope before it starts.
                    let is_store = url.ends_with("theme/training-store.js");
                    // A template written before the store existed loads the runtime alone.
                    let store = needs_store.then(|| store_beside(&url)).flatten();
                    if is_store || store.is_some() {
                        el.before(&self.library.scope, Html);
                    }
                    if let Some(store) = store {
                        let store = self.versions.versioned(&store).unwrap_or(store);
                        let tag = format!("<script src=\"{}\"></script>\n", escape_html(&store));
                        el.before(&tag, Html);
                    }
                    Ok(())
                }),
                element!("body", |el| {
                    if !has_skip_links {
                        el.prepend(self.page, Html);
                    }
                    if by_search && !has_menu_bar {
                        el.append(self.search, Html);
                    }
                    el.append(&self.missing.body, Html);
                    Ok(())
                }),
            ],
            document_content_handlers: vec![doc_comments!(|comment| {
                let text = match comment.text().trim() {
                    HEAD_SLOT => self.head,
                    PICKER_SLOT => self.picker,
                    SEARCH_SLOT => self.search,
                    _ => return Ok(()),
                };
                comment.replace(text, Html);
                Ok(())
            })],
            ..RewriteStrSettings::new()
        };
        rewrite_str(html, settings)
    }
}

/// The store's address beside `url` when `url` loads the runtime (`…theme/training.js`).
fn store_beside(url: &str) -> Option<String> {
    let folder = url.strip_suffix("theme/training.js")?;
    Some(format!("{folder}theme/training-store.js"))
}

/// The HTML pages of one built edition.
pub(super) fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut pages = crate::files::files_in(dir, |_| false)?;
    pages.retain(|path| path.extension().is_some_and(|e| e == "html"));
    Ok(pages)
}
