//! What a built site gains after mdBook: links between editions, the search panel, a sitemap.

use crate::i18n::language::autonym;
use crate::render::{escape_html, trimmed_end};
use crate::template::Templates;
use crate::ui::UiStrings;
use serde_json::json;

const HEAD_LINKS_TEMPLATE: &str = include_str!("../theme/blocks/head-links.hbs");
const LANGUAGE_PICKER_TEMPLATE: &str = include_str!("../theme/blocks/language-picker.hbs");
const SEARCH_PANEL_TEMPLATE: &str = include_str!("../theme/blocks/search-panel.hbs");

/// The templates of `theme/blocks/` that render a page's site-wide parts, by name.
pub const SITE_TEMPLATES: [(&str, &str); 3] = [
    ("head-links", HEAD_LINKS_TEMPLATE),
    ("language-picker", LANGUAGE_PICKER_TEMPLATE),
    ("search-panel", SEARCH_PANEL_TEMPLATE),
];

/// The same page in one edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EditionLink {
    pub language: String,
    pub href: String,
    /// The edition the page being written belongs to.
    pub current: bool,
}

/// Text rendered once for all the pages of an edition, with each page's own parts filled in per
/// page: rendering the language picker and `hreflang` links for every page cost more than
/// writing the page.
#[derive(Debug, Clone, Default)]
pub struct PagePattern(Vec<PatternPart>);

#[derive(Debug, Clone)]
enum PatternPart {
    Text(String),
    SiteRoot,
    PagePath,
}

impl PagePattern {
    /// Stands, in an href rendered once, for the path from a page up to the site's root
    /// (`../../`); NUL, which no escaped text and no PO file can hold.
    pub const SITE_ROOT: &str = "\u{0}root\u{0}";
    /// Stands for a page's path within its edition (`sub/page.html`).
    pub const PAGE_PATH: &str = "\u{0}page\u{0}";

    /// Reads rendered text whose hrefs hold [`Self::SITE_ROOT`] and [`Self::PAGE_PATH`].
    pub fn new(rendered: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = rendered;
        while let Some(at) = rest.find('\u{0}') {
            let marker = [
                (Self::SITE_ROOT, PatternPart::SiteRoot),
                (Self::PAGE_PATH, PatternPart::PagePath),
            ]
            .into_iter()
            .find(|(text, _)| rest[at..].starts_with(text));
            let Some((text, part)) = marker else {
                break;
            };
            if at > 0 {
                parts.push(PatternPart::Text(rest[..at].to_string()));
            }
            parts.push(part);
            rest = &rest[at + text.len()..];
        }
        if !rest.is_empty() {
            parts.push(PatternPart::Text(rest.to_string()));
        }
        PagePattern(parts)
    }

    /// The text for one page, its paths escaped as the template escapes them.
    pub fn fill(&self, site_root: &str, page_path: &str) -> String {
        let (root, page) = (escape_html(site_root), escape_html(page_path));
        let mut out = String::new();
        for part in &self.0 {
            out.push_str(match part {
                PatternPart::Text(text) => text,
                PatternPart::SiteRoot => &root,
                PatternPart::PagePath => &page,
            });
        }
        out
    }
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

    /// The search panel, in the edition's language; `index` and `scripts` are relative to the
    /// edition's root.
    pub fn search_panel(
        &self,
        ui: &UiStrings,
        index: &str,
        scripts: &str,
    ) -> Result<String, handlebars::RenderError> {
        let data = json!({
            "index": index,
            "scripts": scripts,
            "ui": {
                "search_results": ui.search_results, "search_no_results": ui.search_no_results,
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

    #[test]
    fn a_pattern_gives_each_page_what_rendering_for_it_gives() {
        let renderer = SiteRenderer::new().unwrap();
        let links = |root: &str, page: &str| -> Vec<EditionLink> {
            [("en", ""), ("fr", "fr/"), ("ar", "ar/")]
                .iter()
                .map(|(language, prefix)| EditionLink {
                    language: language.to_string(),
                    href: format!("{root}{prefix}{page}"),
                    current: *language == "fr",
                })
                .collect()
        };
        let pattern = PagePattern::new(
            &renderer
                .language_picker(
                    &links(PagePattern::SITE_ROOT, PagePattern::PAGE_PATH),
                    "Language",
                )
                .unwrap(),
        );
        for (root, page) in [
            ("../", "a.html"),
            ("../../", "sub/b&c.html"),
            ("", "x.html"),
        ] {
            assert_eq!(
                pattern.fill(root, page),
                renderer
                    .language_picker(&links(root, page), "Language")
                    .unwrap()
            );
        }
        let head = PagePattern::new(
            &renderer
                .head_links(
                    Some(&format!(
                        "https://example.org/fr/{}",
                        PagePattern::PAGE_PATH
                    )),
                    &links("https://example.org/", PagePattern::PAGE_PATH),
                )
                .unwrap(),
        );
        assert_eq!(
            head.fill("../", "sub/b.html"),
            renderer
                .head_links(
                    Some("https://example.org/fr/sub/b.html"),
                    &links("https://example.org/", "sub/b.html"),
                )
                .unwrap()
        );
    }

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
            .search_panel(&UiStrings::default(), "search-index.json", "search/")
            .unwrap();
        assert!(
            panel.contains(
                "data-training-search=\"{&quot;index&quot;:&quot;search-index.json&quot;"
            )
        );
        assert!(panel.contains("placeholder=\"Search this book ...\""));
    }
}
