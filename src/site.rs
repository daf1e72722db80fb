//! What a built site gains after mdBook: links between editions, the search panel, a sitemap.

use crate::escape::escape_html;
use crate::i18n::language::autonym;
use crate::render::trimmed_end;
use crate::templates::Templates;
use crate::ui::{CountedStrings, UiStrings};
use serde_json::json;

const HEAD_LINKS_TEMPLATE: &str = include_str!("../theme/blocks/head-links.hbs");
const LANGUAGE_PICKER_TEMPLATE: &str = include_str!("../theme/blocks/language-picker.hbs");
const SEARCH_PANEL_TEMPLATE: &str = include_str!("../theme/blocks/search-panel.hbs");
const PAGE_ASSETS_TEMPLATE: &str = include_str!("../theme/blocks/page-assets.hbs");
const LIBRARY_LINKS_TEMPLATE: &str = include_str!("../theme/blocks/library-links.hbs");

/// The templates of `theme/blocks/` that render a page's site-wide parts, by name.
pub const SITE_TEMPLATES: [(&str, &str); 5] = [
    ("head-links", HEAD_LINKS_TEMPLATE),
    ("language-picker", LANGUAGE_PICKER_TEMPLATE),
    ("search-panel", SEARCH_PANEL_TEMPLATE),
    ("page-assets", PAGE_ASSETS_TEMPLATE),
    ("library-links", LIBRARY_LINKS_TEMPLATE),
];

/// Which of this tool's page parts a book's own page template lacks, so that the build adds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAsset {
    /// The stylesheet, at the end of `<head>`.
    Head,
    /// The search button, at the end of the menu bar's `.left-buttons`.
    Toggle,
    /// The runtime and search scripts, at the end of `<body>`.
    Body,
}

/// Where an edition's search files are, relative to its root, fingerprinted.
#[derive(Debug, Clone, Default)]
pub struct SearchFiles {
    /// The index script, with `?v=HASH`.
    pub index: String,
    /// The folder of the language's stemmer scripts.
    pub scripts: String,
    /// The fingerprint of those scripts, for `?v=`; empty when the language has none.
    pub scripts_version: String,
    /// The way from an edition's root to the folder the index's addresses start from: `""`
    /// for a book; in a library, its folder of the edition's language (`../`).
    pub base: String,
}

/// The same page in one edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EditionLink {
    pub language: String,
    pub href: String,
    /// The edition the page being written belongs to.
    pub current: bool,
}

/// Renders the parts of a page that depend on the whole site, through `theme/blocks/`.
pub struct SiteRenderer {
    templates: Templates,
}

impl SiteRenderer {
    pub fn new() -> Result<Self, handlebars::TemplateError> {
        Ok(SiteRenderer {
            templates: Templates::new(&SITE_TEMPLATES)?,
        })
    }

    /// `<link rel="canonical">` (when the site's address is known) and one `hreflang` link per
    /// edition; nothing for a site with a single edition and no address.
    pub fn head_links(
        &self,
        canonical: Option<&str>,
        links: &[EditionLink],
    ) -> Result<String, handlebars::RenderError> {
        let alternates: &[EditionLink] = if links.len() < 2 { &[] } else { links };
        let html = self.templates.render(
            "head-links",
            &json!({ "canonical": canonical, "alternates": alternates }),
        )?;
        Ok(trimmed_end(html))
    }

    /// The language picker: each edition in its own language's name.
    pub fn language_picker(
        &self,
        links: &[EditionLink],
        label: &str,
    ) -> Result<String, handlebars::RenderError> {
        if links.len() < 2 {
            return Ok(String::new());
        }
        let current = links
            .iter()
            .find(|l| l.current)
            .map(|l| autonym(&l.language))
            .unwrap_or_default();
        let named: Vec<_> = links
            .iter()
            .map(|l| json!({ "language": l.language, "href": l.href, "current": l.current, "name": autonym(&l.language) }))
            .collect();
        let html = self.templates.render(
            "language-picker",
            &json!({ "label": label, "current": current, "links": named }),
        )?;
        Ok(trimmed_end(html))
    }

    /// One of this tool's page parts for a page template that lacks it; `root` is the path
    /// from the page to its edition's root, `label` the edition's word for search.
    pub fn page_asset(
        &self,
        asset: PageAsset,
        root: &str,
        label: &str,
        versions: &serde_json::Value,
    ) -> Result<String, handlebars::RenderError> {
        let part = match asset {
            PageAsset::Head => "head",
            PageAsset::Toggle => "toggle",
            PageAsset::Body => "body",
        };
        self.templates.render(
            "page-assets",
            &json!({ "part": part, "root": root, "label": label, "v": versions }),
        )
    }

    /// What every page carries first, after the skip links: the quick-exit button when the book
    /// has one, and for the runtime whether it offers private reading, with its words.
    pub fn page_part(
        &self,
        ui: &UiStrings,
        book: &str,
        exit: Option<&str>,
        private_reading: bool,
        library: &crate::build::LibraryParts,
    ) -> Result<String, handlebars::RenderError> {
        let mut data = json!({
            "book": book,
            "exit": exit,
            "private_reading": private_reading,
            "ui": {
                "private_reading": ui.private_reading, "private_on": ui.private_on,
                "private_confirm": ui.private_confirm, "platform_records": ui.platform_records,
            },
        });
        // In a library, one private-reading switch for all its modules.
        if let Some(key) = &library.library {
            data["library"] = json!(key);
            data["books"] = json!(library.books);
            data["ui"]["private_confirm"] = json!(ui.private_confirm_library);
        }
        let html = self.templates.render(
            "page-assets",
            &json!({
                "part": "page", "exit": exit, "ui": ui,
                "data": crate::escape::escape_single_quoted(&data.to_string()),
            }),
        )?;
        Ok(trimmed_end(html))
    }

    /// A link a library adds to a module's page: `home` (the library, then `module`'s title, in
    /// the menu bar) or `next` (the next module, at the end of the last chapter), its address
    /// from the page.
    pub fn library_link(
        &self,
        part: &str,
        link: &crate::build::LibraryLink,
        root: &str,
        module: &str,
    ) -> Result<String, handlebars::RenderError> {
        let link = crate::build::LibraryLink {
            href: format!("{root}{}", link.href),
            ..link.clone()
        };
        let html = self.templates.render(
            "library-links",
            &json!({ "part": part, "link": link, "module": module }),
        )?;
        Ok(trimmed_end(html))
    }

    /// The search panel of a page, in the edition's language; `root` is the way from the page
    /// to the edition's root (`../` from a page in a folder), which the panel carries itself
    /// rather than rely on a global of the page's template.
    pub fn search_panel(
        &self,
        ui: &UiStrings,
        counted: &CountedStrings,
        root: &str,
        files: &SearchFiles,
    ) -> Result<String, handlebars::RenderError> {
        let data = json!({
            "root": root,
            "index": files.index,
            "scripts": files.scripts,
            "scripts_version": files.scripts_version,
            "ui": {
                "search_results": counted.search_results, "search_no_results": ui.search_no_results,
                "search_loading": ui.search_loading, "search_unavailable": ui.search_unavailable,
            },
        });

        let html = self.templates.render(
            "search-panel",
            &json!({ "data": data.to_string(), "label": ui.search, "placeholder": ui.search_placeholder }),
        )?;
        Ok(trimmed_end(html))
    }
}

/// `sitemap.xml`: every page of every edition, each with its alternates in the other editions.
/// `editions` are each edition's language and folder prefix (`""` or `"fr/"`).
pub fn sitemap_xml(site_url: &str, editions: &[(String, String)], pages: &[String]) -> String {
    let base = if site_url.ends_with('/') {
        site_url.to_string()
    } else {
        format!("{site_url}/")
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut unique: Vec<&String> = pages.iter().collect();
    unique.sort();
    unique.dedup();
    for page in unique {
        for (_, prefix) in editions {
            out.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                escape_html(&format!("{base}{prefix}{page}"))
            ));
            if editions.len() > 1 {
                for (language, other) in editions {
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape_html(language),
                        escape_html(&format!("{base}{other}{page}"))
                    ));
                }
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Vec<EditionLink> {
        vec![
            EditionLink {
                language: "en".into(),
                href: "../a.html".into(),
                current: false,
            },
            EditionLink {
                language: "ar".into(),
                href: "a.html".into(),
                current: true,
            },
        ]
    }

    #[test]
    fn picker_and_head_links() {
        let site = SiteRenderer::new().unwrap();
        let picker = site.language_picker(&links(), "Langues").unwrap();
        assert!(picker.contains("aria-label=\"Langues: العربية\""));
        assert!(picker.contains("<li><a href=\"a.html\" hreflang=\"ar\" lang=\"ar\" aria-current=\"page\">العربية</a></li>"));
        let head = site.head_links(None, &links()).unwrap();
        assert_eq!(
            head,
            "<link rel=\"alternate\" hreflang=\"en\" href=\"../a.html\">\n        <link rel=\"alternate\" hreflang=\"ar\" href=\"a.html\">"
        );
        assert_eq!(site.head_links(None, &links()[..1]).unwrap(), "");
        assert!(
            site.head_links(Some("https://x.org/a.html"), &links()[..1])
                .unwrap()
                .starts_with("<link rel=\"canonical\" href=\"https://x.org/a.html\">")
        );
        assert_eq!(site.language_picker(&links()[..1], "L").unwrap(), "");
    }

    #[test]
    fn search_panel_carries_its_strings_escaped() {
        let site = SiteRenderer::new().unwrap();
        let panel = site
            .search_panel(
                &UiStrings::default(),
                &CountedStrings::english(),
                "../",
                &SearchFiles {
                    index: "search-index.js?v=1".into(),
                    ..SearchFiles::default()
                },
            )
            .unwrap();
        assert!(panel.contains(
            "data-training-search=\"{&quot;index&quot;:&quot;search-index.js?v=1&quot;,&quot;root&quot;:&quot;../&quot;"
        ));
        assert!(panel.contains("placeholder=\"Search this book ...\""));
    }
}
