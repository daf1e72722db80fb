//! A library's own pages: `index.html` in the library's language and `LANG/index.html` in every
//! other, each listing the modules (in that language where a module has it) with what they hold,
//! the reader's progress, search across every module and the library's reader settings.

use super::site::{LibrarySite, Module};
use crate::build::fingerprint::AssetVersions;
use crate::build::{EditionSite, LibraryParts};
use crate::escape::escape_single_quoted;
use crate::i18n::book::read_po_file;
use crate::i18n::language::{autonym, is_right_to_left};
use crate::i18n::translate::{Translation, markdown_line_text, po_path};
use crate::site::{EditionLink, PageAsset, SearchFiles, SiteRenderer};
use crate::templates::Templates;
use crate::theme::SITE_ASSETS;
use crate::ui::{CountedStrings, UiStrings};
use anyhow::{Context, Result};
use serde_json::json;
use std::fs;
use std::path::Path;

const LIBRARY_TEMPLATE: &str = include_str!("../../theme/library/index.hbs");
/// The library page's own assets, written into the site's `theme/` with this tool's others.
const LIBRARY_ASSETS: [(&str, &str); 2] = [
    ("library.css", include_str!("../../theme/library/library.css")),
    ("library.js", include_str!("../../theme/library/library.js")),
];

/// The words of the library's page in one language.
struct PageWords {
    title: String,
    ui: UiStrings,
    counted: CountedStrings,
}

/// Writes the site's `theme/` and the library's page in every language into `site`.
pub(super) fn write_library_pages(site: &LibrarySite<'_>, modules: &[Module], dir: &Path) -> Result<()> {
    let versions = write_assets(&dir.join("theme"))?;
    let renderer = SiteRenderer::new()?;
    let templates = Templates::new(&[("library", LIBRARY_TEMPLATE)])?;
    let languages = site.languages();
    for language in &languages {
        let words = page_words(site, language);
        let folder = site.folder(language);
        let html = render_page(site, modules, &languages, language, &words, &renderer, &templates, &versions)?;
        let path = dir.join(&folder).join("index.html");
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// This tool's assets and the library page's, in the site's `theme/`; their fingerprints.
fn write_assets(theme: &Path) -> Result<AssetVersions> {
    fs::create_dir_all(theme)?;
    let mut versions = AssetVersions::default();
    for (name, text) in SITE_ASSETS.iter().chain(LIBRARY_ASSETS.iter()) {
        fs::write(theme.join(name), text)?;
        versions.insert(name, text.as_bytes());
    }
    Ok(versions)
}

/// The page's words in `language`: the library's own translation (`po/LANG.po` beside
/// `library.toml`) where it has one; the interface words of a module's edition in that
/// language otherwise.
fn page_words(site: &LibrarySite<'_>, language: &str) -> PageWords {
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

/// The library's page in `language`, through `theme/library/index.hbs`.
#[allow(clippy::too_many_arguments)]
fn render_page(
    site: &LibrarySite<'_>,
    modules: &[Module],
    languages: &[String],
    language: &str,
    words: &PageWords,
    renderer: &SiteRenderer,
    templates: &Templates,
    versions: &AssetVersions,
) -> Result<String> {
    let folder = site.folder(language);
    let root = "../".repeat(folder.matches('/').count());
    let links: Vec<EditionLink> = languages
        .iter()
        .map(|other| EditionLink {
            language: other.clone(),
            href: format!("{root}{}index.html", site.folder(other)),
            current: other == language,
        })
        .collect();
    let listed: Vec<serde_json::Value> = (0..modules.len())
        .map(|index| module_entry(site, &modules[index], index, language, &root, words))
        .collect();
    let editions: Vec<serde_json::Value> = links
        .iter()
        .filter(|l| !l.current)
        .map(|l| json!({ "href": l.href, "language": l.language, "name": autonym(&l.language) }))
        .collect();
    let settings = &site.library.settings;
    let parts = LibraryParts {
        library: Some(site.key.clone()),
        books: site.books(),
        ..LibraryParts::default()
    };
    // The library's settings; where it has none, the page offers what any module offers, so
    // that a reader who needs the quick exit or private reading has it on the first page too.
    let sources = || site.modules.iter().map(|m| &m.sites[0]);
    let exit = settings
        .quick_exit
        .as_deref()
        .or_else(|| sources().find_map(|s| s.quick_exit.as_deref()));
    let private = settings
        .private_reading
        .unwrap_or_else(|| sources().any(|s| s.private_reading));
    let library_data = json!({
        "progress": words.counted.library_progress,
        "continue": words.ui.library_continue,
    });
    let data = json!({
        "language": language,
        "direction": if is_right_to_left(language) { "rtl" } else { "ltr" },
        "title": words.title,
        "root": root,
        "v": versions.for_template(),
        "ui": words.ui,
        "head_links": renderer.head_links(None, &links)?,
        "picker": renderer.language_picker(&links, &words.ui.languages)?,
        "page_part": renderer.page_part(&words.ui, "", exit, private, &parts)?,
        "search_toggle": renderer.page_asset(PageAsset::Toggle, &root, &words.ui.search, &versions.for_template())?,
        "search_panel": renderer.search_panel(&words.ui, &words.counted, "", &search_files(site, language, &root))?,
        "library_data": escape_single_quoted(&library_data.to_string()),
        "modules": listed,
        "editions": editions,
    });
    Ok(templates.render("library", &data)?)
}

/// Every module's index in `language`, searched from the library's page; the stemmer scripts
/// of the first of them, which are the language's.
fn search_files(site: &LibrarySite<'_>, language: &str, root: &str) -> SearchFiles {
    let mut files = SearchFiles {
        module: Some(String::new()),
        modules: site.search_from(usize::MAX, language, root),
        ..SearchFiles::default()
    };
    let first = site.modules.iter().find_map(|m| {
        let index = m.sites.iter().position(|s| s.language == language)?;
        Some((m, index))
    });
    if let Some((module, index)) = first {
        let (scripts, version) = module.search_scripts(index);
        files.scripts = format!("{root}{}{scripts}", module.sites[index].prefix);
        files.scripts_version = version;
    }
    files
}

/// One module on the library's page in `language`: its edition in that language, or its source.
fn module_entry(
    site: &LibrarySite<'_>,
    module: &Module,
    index: usize,
    language: &str,
    root: &str,
    words: &PageWords,
) -> serde_json::Value {
    let edition: &EditionSite = site.edition(index, language);
    let other = (edition.language != language).then(|| edition.language.clone());
    let facts = &module.facts;
    let counted = &words.counted;
    let mut said = vec![counted.library_chapters.fill("count", facts.chapters)];
    if !facts.questions.is_empty() {
        said.push(counted.library_questions.fill("count", facts.questions.len()));
    }
    if facts.scenarios > 0 {
        said.push(counted.library_scenarios.fill("count", facts.scenarios));
    }
    said.push(counted.reading_time.fill("minutes", facts.minutes));
    let edition_root = format!("{root}{}", edition.prefix);
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
