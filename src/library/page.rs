//! A library's own pages: `index.html` in the library's language and `LANG/index.html` in every
//! other, each listing the modules (in that language where a module has it) with what they hold,
//! the reader's progress, search across every module and the library's reader settings.

use super::built::{LibrarySite, between};
use super::glossary::{GLOSSARY_PAGE, GlossaryEdition};
use super::site::{Module, Prepared};
use crate::build::fingerprint::AssetVersions;
use crate::build::{EditionSite, LibraryParts};
use crate::escape::escape_single_quoted;
use crate::i18n::book::read_po_file;
use crate::i18n::language::{autonym, is_right_to_left};
use crate::i18n::translate::{Translation, markdown_line_text, po_path};
use crate::site::{EditionLink, PageAsset, SiteRenderer};
use crate::templates::Templates;
use crate::theme::SITE_ASSETS;
use crate::ui::{CountedStrings, UiStrings};
use anyhow::{Context, Result};
use serde_json::json;
use std::fs;
use std::path::Path;

const LIBRARY_TEMPLATE: &str = include_str!("../../theme/library/index.hbs");
/// The library page's own assets, written into the site's `theme/` with this tool's others.
pub const LIBRARY_ASSETS: [(&str, &str); 5] = [
    (
        "library.css",
        include_str!("../../theme/library/library.css"),
    ),
    ("library.js", include_str!("../../theme/library/library.js")),
    (
        "favicon.svg",
        include_str!("../../theme/library/favicon.svg"),
    ),
    (
        LIBRARY_CSS,
        include_str!("../../theme/library/library-pages.css"),
    ),
    (
        LIBRARY_SCOPE,
        include_str!("../../theme/library/library-scope.js"),
    ),
];

/// What a library adds to its modules' pages, which a book's own site does without: the
/// looks of its links, and the script that gives the store the library's scope.
pub(super) const LIBRARY_CSS: &str = "library-pages.css";
pub(super) const LIBRARY_SCOPE: &str = "library-scope.js";

/// One of the library's assets from the site's root, fingerprinted.
pub(super) fn library_asset(name: &str) -> String {
    let text = LIBRARY_ASSETS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, t)| t);
    let text = crate::theme::served_text(name, text);
    let version = crate::build::fingerprint::fingerprint(text.as_bytes());
    format!("theme/{name}?v={version}")
}

/// The words of the library's page in one language.
pub(super) struct PageWords {
    pub title: String,
    ui: UiStrings,
    counted: CountedStrings,
}

/// Writes the site's `theme/`, and the library's page and glossary in every language, into
/// `dir`.
pub(super) fn write_library_pages(
    site: &LibrarySite<'_>,
    prepared: &Prepared,
    dir: &Path,
) -> Result<()> {
    let versions = write_assets(&dir.join("theme"))?;
    let page = LibraryPage {
        site,
        modules: &prepared.modules,
        languages: site.languages(),
        renderer: SiteRenderer::new()?,
        templates: Templates::new(&[("library", LIBRARY_TEMPLATE)])?,
        versions,
    };
    for language in &page.languages {
        let words = site.words(language);
        let glossary = glossary_in(&prepared.glossary, language);
        let folder = dir.join(site.folder(language));
        fs::create_dir_all(&folder)?;
        let html = page.render(language, words, Content::Modules(glossary))?;
        write(&folder.join("index.html"), &html)?;
        if let Some(glossary) = glossary {
            let html = page.render(language, words, Content::Glossary(glossary))?;
            write(&folder.join(GLOSSARY_PAGE), &html)?;
        }
    }
    Ok(())
}

fn write(path: &Path, html: &str) -> Result<()> {
    fs::write(path, html).with_context(|| format!("cannot write {}", path.display()))
}

/// The glossary in `language`, or in the library's own when it is not translated.
pub(super) fn glossary_in<'a>(
    editions: &'a [GlossaryEdition],
    language: &str,
) -> Option<&'a GlossaryEdition> {
    editions
        .iter()
        .find(|e| e.language == language)
        .or(editions.first())
}

/// What a library's page shows: its modules (with a link to the glossary, when it has one),
/// or its glossary.
#[derive(Clone, Copy)]
enum Content<'a> {
    Modules(Option<&'a GlossaryEdition>),
    Glossary(&'a GlossaryEdition),
}

/// What every page of the library is rendered with.
struct LibraryPage<'a> {
    site: &'a LibrarySite<'a>,
    modules: &'a [Module],
    languages: Vec<String>,
    renderer: SiteRenderer,
    templates: Templates,
    versions: AssetVersions,
}

/// This tool's assets and the library page's, in the site's `theme/`; their fingerprints.
fn write_assets(theme: &Path) -> Result<AssetVersions> {
    fs::create_dir_all(theme)?;
    let mut versions = AssetVersions::default();
    for (name, text) in SITE_ASSETS.iter().chain(LIBRARY_ASSETS.iter()) {
        let text = crate::theme::served_text(name, text);
        fs::write(theme.join(name), text.as_bytes())?;
        versions.insert(name, text.as_bytes());
    }
    Ok(versions)
}

/// The page's words in `language`: the library's own translation (`po/LANG.po` beside
/// `library.toml`) where it has one; the interface words of a module's edition in that
/// language otherwise.
pub(super) fn page_words(site: &LibrarySite<'_>, language: &str) -> PageWords {
    let module = site
        .modules
        .iter()
        .flat_map(|m| m.sites.iter())
        .find(|s| s.language == language);
    let mut words = PageWords {
        title: site.library.title.clone(),
        ui: module.map(|m| m.ui.clone()).unwrap_or_default(),
        counted: module.map_or_else(CountedStrings::english, |m| m.counted.clone()),
    };
    if language == site.library.language {
        return words;
    }
    let Ok(text) = read_po_file(&site.library.root, language) else {
        return words;
    };
    let (Some(translation), _) = Translation::load(&po_path(language), language, &text) else {
        return words;
    };
    if let Ok(title) = translation.translate_markdown(&site.library.title) {
        let plain = markdown_line_text(&title);
        if !plain.is_empty() {
            words.title = plain;
        }
    }
    words.ui = translation.ui_strings(&words.ui);
    words.counted = translation.counted_strings();
    words
}

impl LibraryPage<'_> {
    /// A page of the library in `language`, through `theme/library/index.hbs`.
    fn render(&self, language: &str, words: &PageWords, content: Content<'_>) -> Result<String> {
        let site = self.site;
        let folder = site.folder(language);
        let root = "../".repeat(folder.matches('/').count());
        let name = match content {
            Content::Modules(_) => "index.html",
            Content::Glossary(_) => GLOSSARY_PAGE,
        };
        let links: Vec<EditionLink> = self
            .languages
            .iter()
            .map(|other| EditionLink {
                language: other.clone(),
                href: between(&folder, &format!("{}{name}", site.folder(other))),
                current: other == language,
            })
            .collect();
        let renderer = &self.renderer;
        let versions = self.versions.for_template();
        let mut data = json!({
            "language": language,
            "direction": if is_right_to_left(language) { "rtl" } else { "ltr" },
            "title": words.title,
            "library_title": words.title,
            "root": root,
            "v": versions,
            "ui": words.ui,
            "head_links": renderer.head_links(None, &links)?,
            "picker": renderer.language_picker(&links, &words.ui.languages)?,
            "page_part": self.page_part(words)?,
            "search_toggle": renderer.page_asset(PageAsset::Toggle, &root, &words.ui.search, &versions)?,
            "search_panel": renderer.search_panel(&words.ui, &words.counted, "", &site.search_in(language))?,
        });
        match content {
            Content::Modules(glossary) => {
                data["modules"] = self.module_entries(language, &folder, words).into();
                data["editions"] = editions(&links).into();
                let library_data = self.library_data(words);
                data["library_data"] = json!(escape_single_quoted(&library_data.to_string()));
                data["glossary_link"] = json!(glossary.map(|g| json!({
                    "href": GLOSSARY_PAGE, "title": glossary_title(&g.markdown),
                })));
            }
            Content::Glossary(glossary) => {
                data["title"] = json!(glossary_title(&glossary.markdown));
                data["glossary"] = json!(glossary_html(&glossary.markdown));
                data["library_data"] = json!("null");
            }
        }
        Ok(self.templates.render("library", &data)?)
    }

    /// The quick exit and private-reading switch: the library's settings; where it has none,
    /// what any module offers, so that a reader who needs them has them on this page too.
    fn page_part(&self, words: &PageWords) -> Result<String> {
        let site = self.site;
        let settings = &site.library.settings;
        let sources = || site.modules.iter().map(|m| &m.sites[0]);
        let exit = settings
            .quick_exit
            .as_deref()
            .or_else(|| sources().find_map(|s| s.quick_exit.as_deref()));
        let private = settings
            .private_reading
            .unwrap_or_else(|| sources().any(|s| s.private_reading));
        let parts = LibraryParts {
            library: Some(site.key.clone()),
            books: site.books(),
            ..LibraryParts::default()
        };
        Ok(self
            .renderer
            .page_part(&words.ui, "", exit, private, &parts)?)
    }

    /// What the library's script needs: the words of its progress and of the progress file,
    /// which holds every module's answers and notes, offered when the library or any module
    /// offers a module's.
    fn library_data(&self, words: &PageWords) -> serde_json::Value {
        let ui = &words.ui;
        let offered = self.site.library.settings.progress_file.unwrap_or_else(|| {
            self.modules.iter().any(|m| {
                crate::config::TrainingConfig::from_book_config(&m.book.config)
                    .0
                    .progress_file
            })
        });
        json!({
            "progress": words.counted.library_progress,
            "continue": ui.library_continue,
            "progress_file": offered,
            "take_along": {
                "book": "", "kind": "progress",
                "ui": {
                    "progress_save": ui.progress_save, "progress_load": ui.progress_load,
                    "progress_file_name": ui.progress_file_name, "progress_damaged": ui.progress_damaged,
                    "progress_other_book": ui.progress_other_book,
                    "progress_loaded": words.counted.progress_loaded,
                    "progress_unused": words.counted.progress_unused,
                    "not_saved_full": ui.not_saved_full, "not_saved_off": ui.not_saved_off,
                },
            },
        })
    }

    fn module_entries(
        &self,
        language: &str,
        folder: &str,
        words: &PageWords,
    ) -> Vec<serde_json::Value> {
        (0..self.modules.len())
            .map(|index| {
                module_entry(
                    self.site,
                    &self.modules[index],
                    index,
                    language,
                    folder,
                    words,
                )
            })
            .collect()
    }
}

/// The library's pages in the other languages.
fn editions(links: &[EditionLink]) -> Vec<serde_json::Value> {
    links
        .iter()
        .filter(|l| !l.current)
        .map(|l| json!({ "href": l.href, "language": l.language, "name": autonym(&l.language) }))
        .collect()
}

/// The glossary's first heading, which names it.
pub(super) fn glossary_title(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut title = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, crate::parse::markdown_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => inside = true,
            Event::End(TagEnd::Heading(_)) if !title.is_empty() => break,
            Event::End(TagEnd::Heading(_)) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => title.push_str(&t),
            _ => {}
        }
    }
    match title.trim().is_empty() {
        true => "Glossary".to_string(),
        false => title.trim().to_string(),
    }
}

/// The glossary as HTML, each term's heading with its id, as a module's glossary chapter.
pub(super) fn glossary_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, crate::parse::markdown_options());
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// One module on the library's page in `language`: its edition in that language, or its source.
fn module_entry(
    site: &LibrarySite<'_>,
    module: &Module,
    index: usize,
    language: &str,
    folder: &str,
    words: &PageWords,
) -> serde_json::Value {
    let edition: &EditionSite = site.edition(index, language);
    let other = (edition.language != language).then(|| edition.language.clone());
    let facts = &module.facts;
    let counted = &words.counted;
    let mut said = vec![counted.library_chapters.fill("count", facts.chapters)];
    if !facts.questions.is_empty() {
        said.push(
            counted
                .library_questions
                .fill("count", facts.questions.len()),
        );
    }
    if facts.scenarios > 0 {
        said.push(counted.library_scenarios.fill("count", facts.scenarios));
    }
    said.push(counted.reading_time.fill("minutes", facts.minutes));
    let edition_root = between(folder, &edition.prefix);
    let data = json!({
        "book": edition.book,
        "root": edition_root,
        "questions": facts.questions,
    });
    let source = &site.modules[index].sites[0].language;
    json!({
        "title": edition.title,
        "href": format!("{edition_root}index.html"),
        "language": other,
        "language_note": other.as_ref().map(|l| words.ui.library_other_language.replace("{language}", &autonym(l))),
        "description": facts.description,
        "description_language": (source != language).then_some(source),
        "facts": said.join(" · "),
        "data": escape_single_quoted(&data.to_string()),
    })
}
