//! Every edition built by mdBook in a folder of its own, in parallel, then assembled into one
//! site: the source edition at the root, each translation in `LANG/`.

use super::fingerprint::AssetVersions;
use super::pages::{Finishing, write_search_files};
use super::pages::{finish_pages, html_files};
use super::{
    EditionPlan, EditionSite, LibraryParts, Placement, Progress, SiteSettings, reload_book,
    source_language,
};
use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::book::read_po_file;
use crate::i18n::groups::GroupCache;
use crate::i18n::language::is_right_to_left;
use crate::i18n::translate::{Translation, po_path, translate_template};
use crate::preprocessors::training::TrainingPreprocessor;
use crate::site::SearchFiles;
use crate::site::sitemap_xml;
use crate::theme::copies::replaced_copies;
use crate::theme::{SITE_ASSETS, inline_partials, is_site_asset};
use crate::ui::{BookTheme, Edition};
use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::config::TextDirection;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Said when mdBook's own code panics.
pub const MDBOOK_STOPPED: &str =
    "mdBook stopped unexpectedly (a bug in mdBook; please report it with the page that caused it)";

/// The errors found in the editions' pages and translations as they were built, with their
/// warnings: every edition is built before they are told, so that all are told at once.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.error_report())]
pub struct EditionProblems(pub Diagnostics);

/// What one edition's build needs: its language, which translation (`None` for the source)
/// and the folder mdBook writes it into.
struct EditionJob<'a> {
    plan: Option<&'a EditionPlan>,
    site: EditionSite,
}

/// An edition's words: its interface, and for a translation its messages.
struct Words {
    /// The book's title in the edition's words, where translated.
    title: String,
    edition: Edition,
    translation: Option<Arc<Translation>>,
}

/// What all editions share.
struct Shared<'a> {
    /// The book's title and language, in `book.toml`.
    title: Option<String>,
    source: String,
    config: TrainingConfig,
    /// The source chapters cut into messages, once for every translation.
    groups: Arc<GroupCache>,
    root: &'a Path,
    theme_dir: PathBuf,
    workspace: &'a Path,
    site_url: Option<String>,
    glossary_page: Option<String>,
    progress: &'a dyn Progress,
    /// The book's own theme, before editions build from copies of it.
    book_theme: BookTheme,
    /// The book's unchanged copies of this tool's theme files, which give way to the built-in
    /// ones: known once for every edition.
    replaced: Vec<&'static str>,
    /// What the editions' preprocessors found: their translations' warnings and errors.
    found: Arc<Mutex<Vec<Diagnostic>>>,
    /// A library's settings, over the book's own.
    settings: SiteSettings,
    /// Where the editions go, with a library's glossary.
    placement: Placement,
}

/// Builds every edition into `staging`, which must not exist yet; `workspace` holds the working
/// folders and is removed by the caller. Returns the editions' warnings; an edition's errors
/// come back as [`EditionProblems`], once every edition has been built.
pub(super) fn build_editions(
    book: &MDBook,
    plans: &[EditionPlan],
    staging: &Path,
    workspace: &Path,
    progress: &dyn Progress,
) -> Result<Diagnostics> {
    let rendered = render_editions(book, plans, workspace, progress, &Placement::default())?;
    let listed = rendered.finish(&|_| LibraryParts::default())?;
    rendered.place_into(staging)?;
    if let Some(url) = &rendered.site_url {
        let editions: Vec<(String, String)> = rendered
            .sites
            .iter()
            .map(|s| (s.language.clone(), s.prefix.clone()))
            .collect();
        fs::write(
            staging.join("sitemap.xml"),
            sitemap_xml(url, &editions, &listed),
        )?;
    }
    Ok(rendered.found)
}

/// A book's editions built by mdBook and indexed for search, waiting for what only the whole
/// site knows (links between editions, and in a library the other modules) to be finished.
pub(crate) struct RenderedEditions {
    pub(crate) sites: Vec<EditionSite>,
    rendered: Vec<RenderedPages>,
    /// The editions' warnings.
    pub(crate) found: Diagnostics,
    site_url: Option<String>,
    /// Each edition a site of its own ([`Placement::alone`]).
    alone: bool,
    /// A module of a library, whose site writes the offline files.
    in_library: bool,
    /// The book's last chapter, which offers a library's next module.
    last_page: Option<String>,
}

/// One edition's pages as mdBook wrote them, with its search files and assets' fingerprints;
/// in a library, the searchable parts of its pages, for the library's index.
struct RenderedPages {
    pages: Vec<PathBuf>,
    search: SearchFiles,
    docs: Vec<crate::search::SearchDoc>,
    versions: AssetVersions,
}

/// Builds every edition of `book` in its own folder of `workspace` and indexes it for search.
/// The editions' errors come back as [`EditionProblems`], once every edition has been built.
pub(crate) fn render_editions(
    book: &MDBook,
    plans: &[EditionPlan],
    workspace: &Path,
    progress: &dyn Progress,
    placement: &Placement,
) -> Result<RenderedEditions> {
    let shared = shared(book, workspace, progress, placement);
    let out_dir = |index: usize| workspace.join("out").join(index.to_string());
    let source = source_language(book);
    let mut jobs = vec![EditionJob {
        plan: None,
        site: EditionSite::new(&source, &placement.prefix(None), out_dir(0)),
    }];
    for (index, plan) in plans.iter().enumerate() {
        let prefix = placement.prefix(Some(&plan.language));
        jobs.push(EditionJob {
            plan: Some(plan),
            site: EditionSite::new(&plan.language, &prefix, out_dir(index + 1)),
        });
    }
    // Every edition is built, whatever another's fate, so that all their errors are told.
    let built: Vec<Result<(EditionSite, RenderedPages)>> = jobs
        .par_iter()
        .enumerate()
        .map(|(index, job)| build_one(&shared, job, index))
        .collect();
    let found = std::mem::take(&mut *shared.found.lock().unwrap_or_else(|e| e.into_inner()));
    let found = Diagnostics(found);
    if found.has_errors() {
        return Err(EditionProblems(found).into());
    }
    let (sites, rendered) = built
        .into_iter()
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    Ok(RenderedEditions {
        sites,
        rendered,
        found,
        site_url: shared.site_url,
        alone: placement.alone,
        in_library: placement.module.is_some(),
        last_page: last_page(book),
    })
}

impl RenderedEditions {
    /// Gives every edition's pages their links to the other editions, search panel and what
    /// `library` says for the edition's language; returns the pages a sitemap lists.
    pub(crate) fn finish(
        &self,
        library: &(dyn Fn(&str) -> LibraryParts + Sync),
    ) -> Result<Vec<String>> {
        let all: Vec<&EditionSite> = self.sites.iter().collect();
        let listed: Vec<Vec<String>> = self
            .rendered
            .par_iter()
            .enumerate()
            .map(|(index, rendered)| {
                // An edition alone knows no other: no language picker, no `hreflang` links.
                let (sites, index) = match self.alone {
                    true => (vec![all[index]], 0),
                    false => (all.clone(), index),
                };
                let parts = library(&sites[index].language);
                let search = parts
                    .search
                    .clone()
                    .unwrap_or_else(|| rendered.search.clone());
                let finishing = Finishing {
                    sites: &sites,
                    index,
                    site_url: self.site_url.as_deref(),
                    last_page: self.last_page.as_deref(),
                    versions: &rendered.versions,
                    search: &search,
                    library: &parts,
                };
                finish_pages(&finishing, &rendered.pages)
            })
            .collect::<Result<_>>()?;
        Ok(listed.into_iter().flatten().collect())
    }

    /// The searchable parts of edition `index`'s pages (in a library; a book's are indexed as
    /// it is built), addresses from the edition's root.
    pub(crate) fn search_docs(&self, index: usize) -> &[crate::search::SearchDoc] {
        &self.rendered[index].docs
    }

    /// Moves each edition, a site of its own, to `dir/LANG`; returns each edition's language
    /// and folder.
    pub(crate) fn place_each_into(&self, dir: &Path) -> Result<Vec<(String, PathBuf)>> {
        let mut placed = Vec::new();
        for edition in &self.sites {
            let target = dir.join(&edition.language);
            fs::create_dir_all(dir)?;
            fs::rename(&edition.dir, &target).with_context(|| {
                format!("cannot move the {} edition into place", edition.language)
            })?;
            placed.push((edition.language.clone(), target));
        }
        Ok(placed)
    }

    /// Moves each edition to its place under `site`: the edition's prefix (`fr/`, or
    /// `harassment/` in a library). A book's source edition becomes `site` itself.
    pub(crate) fn place_into(&self, site: &Path) -> Result<()> {
        for edition in &self.sites {
            let target = site.join(edition.prefix.trim_end_matches('/'));
            if let Some(parent) = target.parent().filter(|_| !edition.prefix.is_empty()) {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&edition.dir, &target).with_context(|| {
                format!("cannot move the {} edition into the site", edition.language)
            })?;
            if edition.prefix.is_empty() {
                super::dest::mark(site)?;
            }
        }
        self.write_offline_files(site)
    }

    /// The offline files of every edition that offers offline reading, placed under `site`;
    /// a library writes its own, for each language, once its pages are in place.
    fn write_offline_files(&self, site: &Path) -> Result<()> {
        if self.alone || self.in_library {
            return Ok(());
        }
        for edition in self.sites.iter().filter(|s| s.offline) {
            let dir = site.join(&edition.prefix);
            let others = self.sites.iter().filter(|o| o.prefix != edition.prefix);
            crate::offline::write_offline_files(&crate::offline::OfflineSite {
                dir: &dir,
                not_shared: others.map(|o| site.join(&o.prefix)).collect(),
                parts: vec![(String::new(), dir.clone())],
                language: &edition.language,
                right_to_left: is_right_to_left(&edition.language),
                title: &edition.title,
                ui: &edition.ui,
            })?;
        }
        Ok(())
    }
}

/// The page of the book's last chapter, from its edition's root (`wrap-up.html`).
fn last_page(book: &MDBook) -> Option<String> {
    let last = book.book.iter().filter_map(|item| match item {
        mdbook_driver::book::BookItem::Chapter(ch) => ch.path.clone(),
        _ => None,
    });
    let path = last.last()?.with_extension("html");
    Some(path.to_string_lossy().replace('\\', "/"))
}

/// What all editions of `book` share.
fn shared<'a>(
    book: &'a MDBook,
    workspace: &'a Path,
    progress: &'a dyn Progress,
    placement: &Placement,
) -> Shared<'a> {
    let (mut config, _) = TrainingConfig::from_book_config(&book.config);
    placement.settings.apply_to(&mut config);
    Shared {
        title: book.config.book.title.clone(),
        source: source_language(book),
        glossary_page: config.glossary.as_ref().map(|g| {
            g.with_extension("html")
                .to_string_lossy()
                .replace('\\', "/")
        }),
        config,
        groups: Arc::default(),
        root: &book.root,
        theme_dir: book.theme_dir(),
        workspace,
        site_url: book
            .config
            .html_config()
            .and_then(|h| h.site_url)
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        progress,
        book_theme: BookTheme::of(&book.root, &book.config),
        replaced: replaced_copies(&book.theme_dir()),
        found: Arc::default(),
        settings: placement.settings.clone(),
        placement: placement.clone(),
    }
}

/// mdBook's build of one edition, then its search index: the edition's site with its words,
/// and its pages.
fn build_one(
    shared: &Shared<'_>,
    job: &EditionJob<'_>,
    index: usize,
) -> Result<(EditionSite, RenderedPages)> {
    let started = Instant::now();
    let language = &job.site.language;
    shared.progress.edition_started(language);
    let words = edition_words(shared, job.plan)?;
    let own = site_with_words(&job.site, &words, &shared.config);
    let mut book = reload_book(shared.root).map_err(|e| anyhow::anyhow!("{e}"))?;
    let theme = configure(&mut book, shared, job, &words, index)?;
    // mdBook's renderer is another crate's code: a panic in it fails this edition, not the run.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| book.build()))
        .map_err(|_| anyhow::anyhow!("{MDBOOK_STOPPED} while building the {language} edition"))?
        .with_context(|| format!("building the {language} edition"))?;
    let versions = write_site_assets(&theme, &job.site.dir)?;
    let mut pages = html_files(&job.site.dir)?;
    // mdBook copies the first chapter to `index.html` when the book has no index page: the
    // chapter's own page comes first, so that search results open the page that holds them.
    let root_index = job.site.dir.join("index.html");
    pages.sort_by_key(|page| (*page == root_index, page.clone()));
    let in_library = shared.placement.module.is_some();
    let glossary_page = shared.glossary_page.as_deref();
    let (search, docs) = write_search_files(&own, &pages, glossary_page, in_library)?;
    shared
        .progress
        .edition_built(language, pages.len(), started.elapsed());
    let rendered = RenderedPages {
        pages,
        search,
        docs,
        versions,
    };
    Ok((own, rendered))
}

/// The edition's site, with what its pages say and offer.
fn site_with_words(site: &EditionSite, words: &Words, config: &TrainingConfig) -> EditionSite {
    EditionSite {
        ui: words.edition.ui.clone(),
        counted: words.edition.counted.clone(),
        quick_exit: config.quick_exit.clone(),
        private_reading: config.private_reading,
        offline: config.offline,
        book: words.edition.book.clone(),
        title: words.title.clone(),
        ..site.clone()
    }
}

/// The edition's words. A translation is read and checked as its edition is built, so that
/// only the editions being built hold theirs (21 of them were a third of a build's memory);
/// its problems join the other editions', to be told together.
fn edition_words(shared: &Shared<'_>, plan: Option<&EditionPlan>) -> Result<Words> {
    let Some(plan) = plan else {
        return Ok(Words {
            title: shared.title.clone().unwrap_or_default(),
            edition: Edition::new(shared.title.as_deref(), Some(&shared.source)),
            translation: None,
        });
    };
    let language = &plan.language;
    let (translation, problems) = match read_po_file(shared.root, language) {
        Ok(text) => Translation::load(&po_path(language), language, &text),
        Err(problem) => (None, vec![problem]),
    };
    shared
        .found
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend(problems);
    let Some(mut translation) = translation else {
        anyhow::bail!("the {language} translation has errors");
    };
    translation.source_language = Some(shared.source.clone());
    translation.groups = Some(Arc::clone(&shared.groups));
    let mut edition = Edition::new(shared.title.as_deref(), Some(language));
    edition.ui = translation.ui_strings(&edition.ui);
    edition.counted = translation.counted_strings();
    edition.discussion_url = shared
        .config
        .discussion_url_for(language)
        .map(str::to_string);
    edition.theme = Some(shared.book_theme.clone());
    let title = shared.title.clone().unwrap_or_default();
    let translated = translation.translate_markdown(&title).ok();
    let plain = translated.map(|t| crate::i18n::translate::markdown_line_text(&t));
    Ok(Words {
        title: plain.filter(|t| !t.is_empty()).unwrap_or(title),
        edition,
        translation: Some(Arc::new(translation)),
    })
}

/// The edition's language, direction, folder, theme and preprocessor in its book's config;
/// returns the edition's theme folder.
fn configure(
    book: &mut MDBook,
    shared: &Shared<'_>,
    job: &EditionJob<'_>,
    words: &Words,
    index: usize,
) -> Result<PathBuf> {
    let language = &job.site.language;
    book.config.build.build_dir = job.site.dir.clone();
    // This tool writes its own search index, built for each edition's language.
    book.config.set("output.html.search.enable", false)?;
    // Runnable Rust examples ask play.rust-lang.org; these pages ask no other host.
    book.config.set("output.html.playground.runnable", false)?;
    if words.translation.is_some() {
        book.config.book.language = Some(language.clone());
        // The menu bar and the window title in the edition's words, where translated.
        if shared.title.is_some() {
            book.config.book.title = Some(words.title.clone());
        }
        book.config.book.text_direction = Some(if is_right_to_left(language) {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        });
    }
    // The edition's 404 page resolves its links from the edition's own folder.
    if let Some(url) = shared
        .site_url
        .as_ref()
        .filter(|_| !job.site.prefix.is_empty())
    {
        let base = url.strip_suffix('/').unwrap_or(url);
        let prefix = &job.site.prefix;
        book.config
            .set("output.html.site-url", format!("{base}/{prefix}"))?;
    }
    shared.settings.apply_to_book(book)?;
    let theme = shared.workspace.join("themes").join(index.to_string());
    prepare_theme(shared, &theme, words.translation.as_deref())?;
    book.config.set("output.html.theme", &theme)?;
    leave_out_site_assets(book)?;
    book.with_preprocessor(TrainingPreprocessor {
        // The source edition's preprocessor reads its settings from book.toml, as plain mdBook's.
        edition: job.plan.map(|_| words.edition.clone()),
        translation: words.translation.clone(),
        theme: Some(shared.book_theme.clone()),
        found: Some(Arc::clone(&shared.found)),
        shared_glossary: shared.placement.glossary_for(language, &job.site.prefix),
        ..TrainingPreprocessor::default()
    });
    Ok(theme)
}

/// Takes this tool's assets out of `additional-css` and `additional-js`: the build writes them
/// into every edition itself (see [`write_site_assets`]), so a book that lists them, as books
/// made for plain `mdbook build` do, needs no copy of its own.
fn leave_out_site_assets(book: &mut MDBook) -> Result<()> {
    let Some(html) = book.config.html_config() else {
        return Ok(());
    };
    let kept = |list: Vec<PathBuf>| -> Vec<PathBuf> {
        list.into_iter().filter(|p| !is_site_asset(p)).collect()
    };
    book.config
        .set("output.html.additional-css", kept(html.additional_css))?;
    book.config
        .set("output.html.additional-js", kept(html.additional_js))?;
    Ok(())
}

/// Copies this tool's assets from the edition's theme folder into the edition's `theme/`;
/// returns their fingerprints, for the pages' references.
fn write_site_assets(theme: &Path, edition_dir: &Path) -> Result<AssetVersions> {
    let dir = edition_dir.join("theme");
    fs::create_dir_all(&dir)?;
    let mut versions = AssetVersions::default();
    for (name, _) in SITE_ASSETS {
        let text = fs::read_to_string(theme.join(name))
            .with_context(|| format!("cannot read {}", theme.join(name).display()))?;
        let text = crate::theme::served_text(name, &text);
        fs::write(dir.join(name), text.as_bytes())
            .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
        versions.insert(name, text.as_bytes());
    }
    Ok(versions)
}

/// Fills `dir` with the theme an edition builds with: this tool's embedded files, then the
/// book's own theme over them, file by file; the page template with mdBook's `head` and
/// `header` partials written in place and the interface words of `translation`.
fn prepare_theme(shared: &Shared<'_>, dir: &Path, translation: Option<&Translation>) -> Result<()> {
    let theme_dir = &shared.theme_dir;
    fs::create_dir_all(dir)?;
    for (name, text) in SITE_ASSETS {
        fs::write(dir.join(name), text)?;
    }
    copy_dir(theme_dir, dir, NOT_FOR_MDBOOK)?;
    // Unchanged copies of this version's files or an earlier one's: the built-in file, so that
    // every fix reaches a module made before it.
    let replaced = &shared.replaced;
    for (name, text) in SITE_ASSETS {
        if replaced.contains(name) {
            fs::write(dir.join(name), text)?;
        }
    }
    let read = |name: &str| fs::read_to_string(theme_dir.join(name)).ok();
    let template = match replaced.contains(&"index.hbs") {
        true => None,
        false => read("index.hbs"),
    };
    let template = template.unwrap_or_else(|| crate::theme::INDEX_HBS.into());
    let template = inline_partials(
        &template,
        &read("head.hbs").unwrap_or_default(),
        &read("header.hbs").unwrap_or_default(),
    );
    let template = match translation {
        Some(translation) => translate_template(&template, translation),
        None => template,
    };
    fs::write(dir.join("index.hbs"), template)
        .with_context(|| format!("cannot write {}", dir.join("index.hbs").display()))
}

/// This tool's own theme folders, which mdBook never reads from a theme: the block templates
/// are built into the program, the search scripts written beside each edition.
const NOT_FOR_MDBOOK: &[&str] = &["blocks", "search"];

/// Copies the folder `from` to `to`, leaving out its sub-folders named in `skipped`.
fn copy_dir(from: &Path, to: &Path, skipped: &[&str]) -> Result<()> {
    fs::create_dir_all(to)?;
    if !from.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            if !skipped.iter().any(|name| entry.file_name() == *name) {
                copy_dir(&entry.path(), &target, &[])?;
            }
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
