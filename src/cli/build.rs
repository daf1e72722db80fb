//! `build`: every edition, built beside the destination and swapped in only when all succeeded.

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::config::TextDirection;
use mdbook_training::config::TrainingConfig;
use mdbook_training::diagnostic::Diagnostics;
use mdbook_training::i18n::catalog::translation_languages;
use mdbook_training::i18n::language::is_right_to_left;
use mdbook_training::i18n::translate::{Translation, po_path, translate_template};
use mdbook_training::pipeline::process_chapters;
use mdbook_training::preprocessors::training::{
    TrainingPreprocessor, chapter_inputs, expand_quiz_files_in_book, translate_book,
};
use mdbook_training::search::{Analyzer, build_index, page_docs};
use mdbook_training::site::{EditionLink, PagePattern, SiteRenderer, sitemap_xml};
use mdbook_training::theme::{inline_partials, search_scripts_for};
use mdbook_training::ui::{Edition, UiStrings};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(
    book_dir: &Path,
    dest: Option<&Path>,
    languages: &[String],
    quiet: bool,
) -> Result<ExitCode> {
    let progress = if quiet {
        Progress::Quiet
    } else {
        Progress::Lines
    };
    match build_site(book_dir, dest, languages, progress)? {
        Some(dest) => {
            if !quiet {
                eprintln!("built {}", dest.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        None => Ok(ExitCode::FAILURE),
    }
}

/// One translation to build: its language and checked messages.
pub struct EditionPlan {
    language: String,
    translation: Arc<Translation>,
}

/// Builds the book; `Ok(None)` when the book has errors (already reported).
pub fn build_site(
    book_dir: &Path,
    dest: Option<&Path>,
    languages: &[String],
    progress: Progress,
) -> Result<Option<PathBuf>> {
    match prepare(book_dir, languages)? {
        Some((book, editions)) => build_checked(book, editions, dest, progress).map(Some),
        None => Ok(None),
    }
}

/// Builds for the preview: the report of a failed build comes back as text to show on the page.
pub fn build_site_reporting(
    book_dir: &Path,
    dest: Option<&Path>,
    languages: &[String],
) -> std::result::Result<(), String> {
    let book = super::load_book(book_dir).map_err(|e| format!("{e:#}"))?;
    let diagnostics = super::check_book(&book);
    for warning in diagnostics.warnings() {
        eprintln!("{warning}");
    }
    if diagnostics.has_errors() {
        return Err(diagnostics.error_report());
    }
    let editions = plan_editions(&book, languages, false)
        .map_err(|e| format!("{e:#}"))?
        .map_err(|d| d.error_report())?;
    build_checked(book, editions, dest, Progress::Quiet)
        .map(|_| ())
        .map_err(|e| format!("{e:#}"))
}

/// Loads and checks the book and its translations; `None` when anything has errors.
fn prepare(book_dir: &Path, languages: &[String]) -> Result<Option<(MDBook, Vec<EditionPlan>)>> {
    let book = super::load_book(book_dir)?;
    if super::report(&super::check_book(&book)) {
        return Ok(None);
    }
    match plan_editions(&book, languages, false)? {
        Ok(editions) => Ok(Some((book, editions))),
        Err(problems) => {
            super::report(&problems);
            Ok(None)
        }
    }
}

/// Reads and checks each `po/LANG.po` to build (all, or those named), and each translated
/// edition's blocks and links.
pub fn plan_editions(
    book: &MDBook,
    languages: &[String],
    check_rendering: bool,
) -> Result<std::result::Result<Vec<EditionPlan>, Diagnostics>> {
    let available = translation_languages(&book.root.join("po"));
    let mut problems = Diagnostics::default();
    let wanted: Vec<String> = if languages.is_empty() {
        available.clone()
    } else {
        languages.to_vec()
    };
    let (config, _) = TrainingConfig::from_book_config(&book.config);
    let mut editions = Vec::new();
    for language in wanted {
        if !available.contains(&language) {
            problems.push(super::i18n::unknown_language(&language));
            continue;
        }
        let relative = po_path(&language);
        let text = fs::read_to_string(book.root.join(&relative))
            .with_context(|| format!("cannot read {}", relative.display()))?;
        let (translation, diagnostics) = Translation::load(&relative, &language, &text);
        problems.extend(diagnostics);
        let Some(translation) = translation else {
            continue;
        };
        if !check_rendering {
            // The edition's own build reports these errors, and fails before anything is swapped in.
            editions.push(EditionPlan {
                language,
                translation: Arc::new(translation),
            });
            continue;
        }
        let mut translated = book.book.clone();
        let _ = expand_quiz_files_in_book(&mut translated, &book.root, &book.config.book.src);
        translate_book(&mut translated, &translation);
        let edition = edition_for(book, &config, &language, &translation);
        let outcome = process_chapters(
            &config,
            &book.config.book.src,
            chapter_inputs(&translated),
            &edition,
        );
        problems.extend(
            outcome
                .diagnostics
                .0
                .into_iter()
                .filter(|d| d.is_error())
                .map(|mut d| {
                    d.message = format!("in the {language} edition: {}", d.message);
                    d
                }),
        );
        editions.push(EditionPlan {
            language,
            translation: Arc::new(translation),
        });
    }
    problems.sort();
    for warning in problems.warnings() {
        eprintln!("{warning}");
    }
    Ok(if problems.has_errors() {
        Err(problems)
    } else {
        Ok(editions)
    })
}

fn edition_for(
    book: &MDBook,
    config: &TrainingConfig,
    language: &str,
    translation: &Translation,
) -> Edition {
    let mut edition = Edition::new(book.config.book.title.as_deref(), Some(language));
    edition.ui = translation.ui_strings(&edition.ui);
    edition.discussion_url = config.discussion_url_for(language).map(str::to_string);
    edition
}

fn source_language(book: &MDBook) -> String {
    book.config
        .book
        .language
        .clone()
        .unwrap_or_else(|| "en".to_string())
}

fn build_checked(
    book: MDBook,
    editions: Vec<EditionPlan>,
    dest: Option<&Path>,
    progress: Progress,
) -> Result<PathBuf> {
    let dest = match dest {
        Some(dest) => dest.to_path_buf(),
        None => book.root.join(&book.config.build.build_dir),
    };
    let dest = absolute(&dest)?;
    let parent = dest
        .parent()
        .context("the destination has no parent folder")?;
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = dest
        .file_name()
        .context("the destination has no name")?
        .to_string_lossy()
        .into_owned();
    let staging = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);

    let result = build_editions(book, &editions, &staging, progress);
    if let Err(err) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(err.context("the build failed; the previous site is unchanged"));
    }
    swap_in(&staging, &dest)?;
    Ok(dest)
}

/// One built edition, for the steps that follow mdBook: search and links between editions.
struct EditionSite {
    language: String,
    /// `""` for the source, `"fr/"` for a translation.
    prefix: String,
    dir: PathBuf,
    ui: UiStrings,
}

/// Whether and how `build` reports its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// One line per edition, with its page count and time.
    Lines,
    Quiet,
}

/// What `build` shows while editions build: a spinner per edition on a terminal, otherwise a
/// line per edition once it is built.
struct ProgressView {
    progress: Progress,
    bars: Option<indicatif::MultiProgress>,
}

impl ProgressView {
    fn new(progress: Progress) -> Self {
        use std::io::IsTerminal;
        let bars = (progress == Progress::Lines && std::io::stderr().is_terminal())
            .then(indicatif::MultiProgress::new);
        ProgressView { progress, bars }
    }

    fn start(&self, language: &str) -> Option<indicatif::ProgressBar> {
        let bars = self.bars.as_ref()?;
        let bar = bars.add(indicatif::ProgressBar::new_spinner());
        bar.set_message(format!("building the {language} edition"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(bar)
    }

    fn finish(
        &self,
        bar: Option<indicatif::ProgressBar>,
        language: &str,
        dir: &Path,
        started: std::time::Instant,
    ) {
        if self.progress == Progress::Quiet {
            return;
        }
        let pages = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
                    .count()
            })
            .unwrap_or(0);
        let line = format!(
            "built the {language} edition: {pages} pages in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        match bar {
            Some(bar) => bar.finish_with_message(line),
            None => eprintln!("{line}"),
        }
    }
}

/// Builds one translation into `out` with its translated page template.
fn build_translation(
    root: &Path,
    theme_dir: &Path,
    workspace: &Path,
    plan: &EditionPlan,
    edition: Edition,
    out: &Path,
) -> Result<()> {
    let mut edition_book = super::load_book(root)?;
    let language = &plan.language;
    edition_book.config.book.language = Some(language.clone());
    edition_book.config.book.text_direction = Some(if is_right_to_left(language) {
        TextDirection::RightToLeft
    } else {
        TextDirection::LeftToRight
    });
    edition_book.config.build.build_dir = out.to_path_buf();
    edition_book
        .config
        .set("output.html.search.enable", false)?;
    // The edition's 404 page resolves its links from the edition's own folder.
    if let Some(url) = edition_book.config.html_config().and_then(|h| h.site_url) {
        let base = if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        };
        edition_book
            .config
            .set("output.html.site-url", format!("{base}{language}/"))?;
    }
    // The page template's own words, in this language.
    let edition_theme = workspace.join("themes").join(language);
    prepare_theme(theme_dir, &edition_theme, Some(&plan.translation))?;
    edition_book
        .config
        .set("output.html.theme", &edition_theme)?;
    edition_book.with_preprocessor(TrainingPreprocessor {
        edition: Some(edition),
        translation: Some(Arc::clone(&plan.translation)),
    });
    edition_book
        .build()
        .with_context(|| format!("building the {language} edition"))
}

/// Copies the book's theme into `dir` with the page template an edition builds with: mdBook's
/// `head` and `header` partials written in place, the interface words of `translation`.
fn prepare_theme(theme_dir: &Path, dir: &Path, translation: Option<&Translation>) -> Result<()> {
    copy_dir(theme_dir, dir, NOT_FOR_MDBOOK)?;
    let read = |name: &str| fs::read_to_string(theme_dir.join(name)).ok();
    let template = read("index.hbs").unwrap_or_else(|| mdbook_training::theme::INDEX_HBS.into());
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

/// What one worker does with one edition: mdBook's build, then search and links between editions.
struct EditionJob<'a> {
    /// `None` for the source edition.
    plan: Option<&'a EditionPlan>,
    edition: Edition,
}

/// Builds every edition, as many at once as the machine has cores, into `staging`: the source
/// edition at its root, each translation in `staging/LANG`.
fn build_editions(
    mut book: MDBook,
    editions: &[EditionPlan],
    staging: &Path,
    progress: Progress,
) -> Result<()> {
    let root = book.root.clone();
    let source = source_language(&book);
    let (config, _) = TrainingConfig::from_book_config(&book.config);
    let theme_dir = book.theme_dir();
    let site_url = book
        .config
        .html_config()
        .and_then(|h| h.site_url)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let glossary_page = config.glossary.as_ref().map(|g| {
        g.with_extension("html")
            .to_string_lossy()
            .replace('\\', "/")
    });

    // mdBook empties its destination first, so each edition builds in a folder of its own
    // and the translations move under the source edition once all are built.
    let workspace = tempfile::Builder::new().prefix(".editions-").tempdir_in(
        staging
            .parent()
            .context("the staging folder has no parent")?,
    )?;
    let out_dir = |index: usize| workspace.path().join("out").join(index.to_string());
    let source_edition = Edition::new(book.config.book.title.as_deref(), Some(&source));
    let mut jobs = vec![EditionJob {
        plan: None,
        edition: source_edition,
    }];
    jobs.extend(editions.iter().map(|plan| EditionJob {
        plan: Some(plan),
        edition: edition_for(&book, &config, &plan.language, &plan.translation),
    }));
    let sites: Vec<EditionSite> = jobs
        .iter()
        .enumerate()
        .map(|(index, job)| EditionSite {
            language: job.edition.language.clone(),
            prefix: job
                .plan
                .map_or_else(String::new, |p| format!("{}/", p.language)),
            dir: out_dir(index),
            ui: job.edition.ui.clone(),
        })
        .collect();

    // This tool writes its own search index, built for each edition's language.
    book.config.set("output.html.search.enable", false)?;
    // A book without a page template of its own keeps mdBook's.
    if theme_dir.join("index.hbs").is_file() {
        let source_theme = workspace.path().join("source-theme");
        prepare_theme(&theme_dir, &source_theme, None)?;
        book.config.set("output.html.theme", &source_theme)?;
    }
    book.config.build.build_dir = out_dir(0);
    book.with_preprocessor(TrainingPreprocessor::default());

    let view = ProgressView::new(progress);
    // After mdBook: the edition's search index and its links to the other editions.
    let finish = |index: usize, started: std::time::Instant, bar| -> Result<Vec<String>> {
        let site = &sites[index];
        let mut pages = html_files(&site.dir)?;
        pages.sort();
        let listed = finish_pages(
            &sites,
            index,
            &pages,
            site_url.as_deref(),
            glossary_page.as_deref(),
        )?;
        view.finish(bar, &site.language, &site.dir, started);
        Ok(listed)
    };
    let build_translation_at = |index: usize| -> Result<Vec<String>> {
        let started = std::time::Instant::now();
        let bar = view.start(&sites[index].language);
        let plan = jobs[index]
            .plan
            .context("the source edition is not a translation")?;
        build_translation(
            &root,
            &theme_dir,
            workspace.path(),
            plan,
            jobs[index].edition.clone(),
            &sites[index].dir,
        )?;
        finish(index, started, bar)
    };
    // Workers take the next translation not yet started; the first failure stops new starts.
    let next = std::sync::atomic::AtomicUsize::new(1);
    let take_translations = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if index >= jobs.len() {
                break done;
            }
            let result = build_translation_at(index);
            let failed = result.is_err();
            done.push((index, result));
            if failed {
                next.store(jobs.len(), std::sync::atomic::Ordering::Relaxed);
            }
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let helpers = cores.clamp(1, jobs.len()) - 1;
    let mut results: Vec<(usize, Result<Vec<String>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| scope.spawn(take_translations))
            .collect();
        // mdBook's book cannot move between threads: this thread builds the source edition,
        // then takes translations like the others.
        let started = std::time::Instant::now();
        let bar = view.start(&sites[0].language);
        let source_result = book.build().and_then(|()| finish(0, started, bar));
        let failed = source_result.is_err();
        if failed {
            next.store(jobs.len(), std::sync::atomic::Ordering::Relaxed);
        }
        let mut results = vec![(0, source_result)];
        if !failed {
            results.extend(take_translations());
        }
        for handle in handles {
            results.extend(handle.join().unwrap_or_else(|_| {
                vec![(
                    0,
                    Err(anyhow::anyhow!("an edition's build stopped unexpectedly")),
                )]
            }));
        }
        results
    });
    results.sort_by_key(|(index, _)| *index);
    let mut sitemap = Vec::new();
    for (_, result) in results {
        sitemap.extend(result?);
    }

    fs::rename(out_dir(0), staging)
        .with_context(|| format!("cannot move the built site to {}", staging.display()))?;
    for (index, site) in sites.iter().enumerate().skip(1) {
        fs::rename(out_dir(index), staging.join(&site.language))
            .with_context(|| format!("cannot move the {} edition into the site", site.language))?;
    }
    if let Some(url) = &site_url {
        let editions: Vec<(String, String)> = sites
            .iter()
            .map(|s| (s.language.clone(), s.prefix.clone()))
            .collect();
        fs::write(
            staging.join("sitemap.xml"),
            sitemap_xml(url, &editions, &sitemap),
        )?;
    }
    Ok(())
}

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
fn finish_pages(
    sites: &[EditionSite],
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
fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
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

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Replaces `dest` by `staging` with two renames, so readers never see half a site.
fn swap_in(staging: &Path, dest: &Path) -> Result<()> {
    if dest.exists() {
        let old = dest.with_file_name(format!(
            ".{}.old-{}",
            dest.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&old);
        fs::rename(dest, &old)
            .with_context(|| format!("cannot move the previous site {} aside", dest.display()))?;
        if let Err(err) = fs::rename(staging, dest) {
            let _ = fs::rename(&old, dest);
            return Err(err)
                .with_context(|| format!("cannot move the new site into {}", dest.display()));
        }
        fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
    } else {
        fs::rename(staging, dest)
            .with_context(|| format!("cannot move the new site into {}", dest.display()))?;
    }
    Ok(())
}
