//! The build as a library call: a book loaded and checked with its translations, every edition
//! built beside the destination and swapped in whole. `check` is the same build into a
//! folder that is thrown away, so it fails on everything `build` fails on.

pub mod dest;
mod editions;
pub(crate) mod fingerprint;
pub(crate) use editions::EditionProblems;
pub use editions::MDBOOK_STOPPED;
mod page_parts;
mod pages;
pub mod sources;

use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::catalog::translation_languages;
use crate::i18n::language::check_language_tag;
use crate::i18n::translate::po_path;
use crate::pipeline::chapter_inputs;
use crate::pipeline::process_chapters;
use crate::preprocessors::training::expand_quiz_files_in_book;
use crate::ui::{BookTheme, CountedStrings, Edition, UiStrings};
use dest::Destination;
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where the site goes; the book's `build-dir` when `None`.
    pub dest: Option<PathBuf>,
    /// The translations to build beside the source; all of them when empty.
    pub languages: Vec<String>,
    /// Replace a non-empty destination that this tool did not build.
    pub force: bool,
}

/// Told as each edition's build starts and ends.
pub trait Progress: Sync {
    fn edition_started(&self, _language: &str) {}
    fn edition_built(&self, _language: &str, _pages: usize, _elapsed: Duration) {}
}

/// Progress nobody watches.
pub struct NoProgress;
impl Progress for NoProgress {}

/// A finished build: where the site is, and the warnings found on the way.
#[derive(Debug)]
pub struct BuildReport {
    pub dest: PathBuf,
    pub warnings: Diagnostics,
}

/// Why a build or check failed. Either way the previous site is as it was.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The book's problems, with its warnings: every error of the run at once.
    #[error("{}", .0.error_report())]
    Problems(Diagnostics),
    /// The build itself failed (a file that cannot be written, mdBook's renderer).
    #[error("{failure:#}\nthe build failed; the previous site is unchanged")]
    Failed {
        warnings: Diagnostics,
        failure: anyhow::Error,
    },
}

impl BuildError {
    fn problems(mut diagnostics: Diagnostics) -> Self {
        diagnostics.sort();
        BuildError::Problems(diagnostics)
    }

    fn failed(warnings: Diagnostics, failure: anyhow::Error) -> Self {
        BuildError::Failed { warnings, failure }
    }

    /// The warnings found before the build failed.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        match self {
            BuildError::Problems(diagnostics) => diagnostics.warnings(),
            BuildError::Failed { warnings, .. } => warnings.warnings(),
        }
    }
}

/// Loads a book without ever writing into its sources (mdBook would create missing chapters)
/// and without reading anything outside it.
pub fn load_book(book_dir: &Path) -> Result<MDBook, BuildError> {
    let config = book_config(book_dir)?;
    let problems = sources::check_sources(book_dir, &config.book.src);
    if !problems.is_empty() {
        return Err(BuildError::problems(Diagnostics(problems)));
    }
    open_book(book_dir, config)
}

/// The book's `book.toml` with the environment's overrides, never creating missing chapters.
fn book_config(book_dir: &Path) -> Result<Config, BuildError> {
    let config_path = book_dir.join("book.toml");
    if !config_path.is_file() {
        return Err(failed(anyhow::anyhow!(
            "{} has no book.toml; give the folder of a book",
            book_dir.display()
        )));
    }
    let mut config = Config::from_disk(&config_path)
        .and_then(|mut c| c.update_from_env().map(|()| c))
        .map_err(|e| failed(e.context(format!("cannot read {}", config_path.display()))))?;
    config.build.create_missing = false;
    Ok(config)
}

fn open_book(book_dir: &Path, config: Config) -> Result<MDBook, BuildError> {
    MDBook::load_with_config(book_dir, config)
        .map_err(|e| failed(e.context(format!("cannot load the book in {}", book_dir.display()))))
}

/// The book loaded again for one edition's build, its sources already checked by [`load_book`].
pub(crate) fn reload_book(book_dir: &Path) -> Result<MDBook, BuildError> {
    open_book(book_dir, book_config(book_dir)?)
}

fn failed(e: anyhow::Error) -> BuildError {
    BuildError::failed(Diagnostics::default(), e)
}

/// Every check of the source edition, in memory: configuration, blocks, links, glossary and
/// the rendering of every block through the book's templates.
pub fn check_book(book: &MDBook) -> Diagnostics {
    check_book_in(book, &Placement::default())
}

/// [`check_book`] for a book placed in a site: a library's module reaches its glossary.
fn check_book_in(book: &MDBook, placement: &Placement) -> Diagnostics {
    let (mut config, mut problems) = TrainingConfig::from_book_config(&book.config);
    let source = source_language(book);
    config.shared_glossary = placement.glossary_for(&source, &placement.prefix(None));
    if let Ok(text) = std::fs::read_to_string(book.root.join("book.toml")) {
        crate::config::locate_in_book_toml(&mut problems, &text);
    }
    let mut expanded = book.book.clone();
    problems.extend(expand_quiz_files_in_book(
        &mut expanded,
        &book.root,
        &book.config.book.src,
    ));
    if book
        .config
        .html_config()
        .is_some_and(|html| html.mathjax_support)
    {
        problems.push(
            Diagnostic::warning("book.toml", 0, "`mathjax-support` is not supported: MathJax loads from another host, and these pages load nothing from other hosts")
                .with_hint("write formulas in Unicode or as images, and remove `mathjax-support` from [output.html]"),
        );
    }
    problems.extend(crate::theme::inline_script_warning(
        &book.root,
        &book.theme_dir(),
    ));
    problems.extend(crate::theme::copies::copy_warnings(
        &book.root,
        &book.theme_dir(),
    ));
    let mut edition = Edition::new(book.config.book.title.as_deref(), Some(&source));
    edition.discussion_url = config.discussion_url_for(&source).map(str::to_string);
    edition.theme = Some(BookTheme::of(&book.root, &book.config));
    let outcome = process_chapters(
        &config,
        &book.config.book.src,
        chapter_inputs(&expanded),
        &edition,
    );
    let mut diagnostics = Diagnostics(problems);
    diagnostics.extend(outcome.diagnostics.0);
    diagnostics.sort();
    diagnostics
}

/// Builds the book at `book_dir` as `options` say. Nothing is written before every check has
/// passed, and the destination is replaced only by a complete site.
pub fn build(
    book_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let (book, plans, warnings) = prepare(book_dir, &options.languages, &Placement::default())?;
    let dest = destination(&book, options.dest.as_deref(), options.force, &warnings)?;
    build_site(&dest, warnings, |staging, workspace| {
        editions::build_editions(&book, &plans, staging, workspace, progress)
    })
}

/// Builds a site into a working folder beside `dest` with `build_into(staging, workspace)`,
/// which returns the editions' warnings, and swaps it in whole; on failure, the previous site
/// is as it was.
pub(crate) fn build_site(
    dest: &Destination,
    mut warnings: Diagnostics,
    build_into: impl FnOnce(&Path, &Path) -> anyhow::Result<Diagnostics>,
) -> Result<BuildReport, BuildError> {
    let failed = |warnings: &Diagnostics, e: anyhow::Error| BuildError::failed(warnings.clone(), e);
    dest.remove_stale();
    fs::create_dir_all(dest.parent()).map_err(|e| failed(&warnings, e.into()))?;
    let staging = dest.working("building");
    let _ = fs::remove_dir_all(&staging);
    let built = dest::working_folder(dest.parent(), &dest.working_prefix("editions"))
        .map_err(anyhow::Error::from)
        .and_then(|workspace| build_into(&staging, workspace.path()));
    let built = editions_outcome(built, &mut warnings);
    let swapped = built.and_then(|()| Ok(dest.swap_in(&staging)?));
    match swapped {
        Ok(left_over) => {
            warnings.extend(left_over.map(|why| Diagnostic::warning("", 0, why)));
            Ok(BuildReport {
                dest: dest.path.clone(),
                warnings,
            })
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(editions_failure(warnings, e))
        }
    }
}

/// The editions' warnings added to the run's; their problems left in the error.
fn editions_outcome(
    built: anyhow::Result<Diagnostics>,
    warnings: &mut Diagnostics,
) -> anyhow::Result<()> {
    let found = built?;
    warnings.extend(found.0);
    warnings.sort();
    Ok(())
}

/// Why the editions failed: the problems their pages and translations have, with the run's
/// warnings, or the failure itself.
fn editions_failure(mut warnings: Diagnostics, e: anyhow::Error) -> BuildError {
    match e.downcast::<editions::EditionProblems>() {
        Ok(problems) => {
            warnings.extend(problems.0.0);
            BuildError::problems(warnings)
        }
        Err(e) => BuildError::failed(warnings, e),
    }
}

/// Everything `build` does but putting the site in place: the editions are built into a
/// temporary folder and thrown away. Returns the warnings.
pub fn check(book_dir: &Path) -> Result<Diagnostics, BuildError> {
    let (book, plans, warnings) = prepare(book_dir, &[], &Placement::default())?;
    destination(&book, None, false, &warnings)?;
    check_site(warnings, |site, workspace| {
        editions::build_editions(&book, &plans, site, workspace, &NoProgress)
    })
}

/// Builds a site with `build_into(site, workspace)` in the system's temporary folder, and
/// throws it away: the warnings, or every problem found.
pub(crate) fn check_site(
    mut warnings: Diagnostics,
    build_into: impl FnOnce(&Path, &Path) -> anyhow::Result<Diagnostics>,
) -> Result<Diagnostics, BuildError> {
    let temp = std::env::temp_dir();
    dest::remove_stale(&temp, &[CHECK_PREFIX.to_string()]);
    let built = dest::working_folder(&temp, CHECK_PREFIX)
        .map_err(anyhow::Error::from)
        .and_then(|workspace| build_into(&workspace.path().join("site"), workspace.path()));
    match editions_outcome(built, &mut warnings) {
        Ok(()) => Ok(warnings),
        Err(e) => Err(editions_failure(warnings, e)),
    }
}

/// The folders `check` builds in, in the system's temporary folder: `PREFIX-PID-…`.
const CHECK_PREFIX: &str = "mdbook-training-check-";

pub(crate) fn destination(
    book: &MDBook,
    dest: Option<&Path>,
    force: bool,
    warnings: &Diagnostics,
) -> Result<Destination, BuildError> {
    Destination::check(
        &book.root,
        &book.config.book.src,
        dest,
        &book.config.build.build_dir,
        force,
    )
    .map_err(|problem| {
        let mut all = warnings.clone();
        all.push(problem);
        BuildError::problems(all)
    })
}

/// The book, the translations to build and the warnings; every error of the book and of its
/// translations at once.
pub(crate) fn prepare(
    book_dir: &Path,
    languages: &[String],
    placement: &Placement,
) -> Result<(MDBook, Vec<EditionPlan>, Diagnostics), BuildError> {
    let book = load_book(book_dir)?;
    let mut diagnostics = check_book_in(&book, placement);
    let (plans, problems) = plan_editions(&book, languages);
    diagnostics.extend(problems.0);
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(BuildError::problems(diagnostics));
    }
    Ok((book, plans, diagnostics))
}

/// One translation to build: its language, whose PO file is read as its edition is built.
pub struct EditionPlan {
    pub language: String,
}

pub(crate) use editions::{RenderedEditions, render_editions};
pub(crate) use pages::write_index_files;

/// Where a book's editions go in a site, and the settings the site holds them to.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// The module's folder in a library's site; `None` for a book's own site.
    pub module: Option<String>,
    /// A library's settings, over the book's own.
    pub settings: SiteSettings,
    /// A library's glossary in each language it has, the library's own first: its terms and
    /// its page from the site's root (`glossary.html`, `fr/glossary.html`).
    pub glossary: Vec<(String, String, Arc<Vec<crate::model::GlossaryTerm>>)>,
    /// The library's glossary file, for diagnostics.
    pub glossary_file: PathBuf,
    /// Every edition a site of its own, at its folder's root, with no links to the others:
    /// a package for a learning platform.
    pub alone: bool,
}

impl Placement {
    /// The library's glossary as an edition in `language` at `prefix` reaches it: in that
    /// language where the library has it, in the library's own otherwise.
    pub(crate) fn glossary_for(
        &self,
        language: &str,
        prefix: &str,
    ) -> Option<Arc<crate::glossary::SharedGlossary>> {
        let found = self.glossary.iter().find(|(l, _, _)| l == language);
        let (_, page, terms) = found.or(self.glossary.first())?;
        Some(Arc::new(crate::glossary::SharedGlossary {
            terms: terms.as_ref().clone(),
            page: format!("{}{page}", "../".repeat(prefix.matches('/').count())),
            file: self.glossary_file.clone(),
        }))
    }

    /// The folder of an edition in the site (`None`: the source edition), with a final `/`:
    /// `""` and `fr/` for a book, `harassment/` and `fr/harassment/` in a library.
    fn prefix(&self, language: Option<&str>) -> String {
        if self.alone {
            return String::new();
        }
        let language = language.map(|l| format!("{l}/")).unwrap_or_default();
        match &self.module {
            Some(module) => format!("{language}{module}/"),
            None => language,
        }
    }
}

/// Reader settings a library sets for every module (`None`: each module's own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteSettings {
    pub quick_exit: Option<String>,
    pub private_reading: Option<bool>,
    pub progress_file: Option<bool>,
    pub offline: Option<bool>,
}

impl SiteSettings {
    /// `config` with these settings over its own.
    pub fn apply_to(&self, config: &mut TrainingConfig) {
        if let Some(exit) = &self.quick_exit {
            config.quick_exit = Some(exit.clone());
        }
        if let Some(on) = self.private_reading {
            config.private_reading = on;
        }
        if let Some(on) = self.progress_file {
            config.progress_file = on;
        }
        if let Some(on) = self.offline {
            config.offline = on;
        }
    }

    /// The same, in a book's configuration, where its preprocessor reads them.
    fn apply_to_book(&self, book: &mut MDBook) -> anyhow::Result<()> {
        let table = "preprocessor.training";
        if let Some(exit) = &self.quick_exit {
            book.config.set(format!("{table}.quick-exit"), exit)?;
        }
        if let Some(on) = self.private_reading {
            book.config.set(format!("{table}.private-reading"), on)?;
        }
        if let Some(on) = self.progress_file {
            book.config.set(format!("{table}.progress-file"), on)?;
        }
        if let Some(on) = self.offline {
            book.config.set(format!("{table}.offline"), on)?;
        }
        Ok(())
    }
}

/// What a library adds to one edition of a module's pages. Addresses are from the edition's
/// root (`../index.html`).
#[derive(Debug, Clone, Default)]
pub struct LibraryParts {
    /// The library's page in the edition's language.
    pub home: Option<LibraryLink>,
    /// The next module, offered on the module's last chapter.
    pub next: Option<LibraryLink>,
    /// This module's title.
    pub module: Option<String>,
    /// The library's search index of the edition's language, which its pages search instead
    /// of the module's own.
    pub search: Option<crate::site::SearchFiles>,
    /// The library's key and its modules' keys, for one private-reading switch for them all.
    pub library: Option<String>,
    pub books: Vec<String>,
    /// The stylesheet of the library's links, and the script that tells the store the
    /// library's scope, from the edition's root.
    pub stylesheet: Option<String>,
    pub scope_script: Option<String>,
}

/// A link a library adds: what it says, where it goes, and the words around it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LibraryLink {
    pub title: String,
    pub href: String,
    /// The language of the page it opens, when it is not the edition's.
    pub language: Option<String>,
    /// The words before the title ("Next module").
    pub label: String,
}

/// One edition being built, for the steps that follow mdBook: search and links between editions.
#[derive(Clone)]
pub(crate) struct EditionSite {
    pub(crate) language: String,
    /// `""` for the source, `"fr/"` for a translation; in a library `harassment/` and
    /// `fr/harassment/`.
    pub(crate) prefix: String,
    dir: PathBuf,
    pub(crate) ui: UiStrings,
    pub(crate) counted: CountedStrings,
    /// The book's quick-exit address, for every page's "Leave this site" button.
    pub(crate) quick_exit: Option<String>,
    /// Whether pages offer private reading.
    pub(crate) private_reading: bool,
    /// Whether the edition offers offline reading, and so gets a service worker.
    pub(crate) offline: bool,
    /// The module's id, which the reader's stored answers and notes are kept under.
    pub(crate) book: String,
    /// The book's title in the edition's words.
    pub(crate) title: String,
}

impl EditionSite {
    fn new(language: &str, prefix: &str, dir: PathBuf) -> Self {
        EditionSite {
            language: language.to_string(),
            prefix: prefix.to_string(),
            dir,
            ui: UiStrings::default(),
            counted: CountedStrings::english(),
            quick_exit: None,
            private_reading: false,
            offline: false,
            book: String::new(),
            title: String::new(),
        }
    }
}

/// Reads and checks each `po/LANG.po` to build (all, or those named). The errors a translation
/// makes in its edition's blocks and links are found as the edition is built, once.
pub fn plan_editions(book: &MDBook, languages: &[String]) -> (Vec<EditionPlan>, Diagnostics) {
    let available = translation_languages(&book.root.join("po"));
    let mut problems = Diagnostics::default();
    let wanted = if languages.is_empty() {
        available.clone()
    } else {
        languages.to_vec()
    };
    let site_names = top_level_names(&book.root.join(&book.config.book.src));
    let mut plans = Vec::new();
    for language in wanted {
        if !available.contains(&language) {
            problems.push(unknown_language(&language));
            continue;
        }
        let relative = po_path(&language);
        if let Some(why) = check_language_tag(&language, &site_names) {
            // A file nobody asked for by name is left out rather than failing the site.
            let problem = if languages.is_empty() {
                Diagnostic::warning(&relative, 0, format!("{why}; this edition is not built"))
            } else {
                Diagnostic::error(&relative, 0, why)
            };
            problems
                .push(problem.with_hint(
                    "name the file after its language, such as po/fr.po or po/pt-BR.po",
                ));
            continue;
        }
        plans.push(EditionPlan { language });
    }
    problems.sort();
    (plans, problems)
}

/// The names of the files and folders of `src/`, which the site has at its root.
fn top_level_names(src: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(src) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| {
            let path = PathBuf::from(e.file_name());
            let stem = path.file_stem().unwrap_or(path.as_os_str());
            stem.to_string_lossy().into_owned()
        })
        .collect()
}

/// A problem with a language the user asked for.
pub fn unknown_language(language: &str) -> Diagnostic {
    Diagnostic::error(
        po_path(language),
        0,
        format!("there is no translation for `{language}`"),
    )
    .with_hint("run `mdbook-training i18n update` after copying po/messages.pot to that file")
}

fn source_language(book: &MDBook) -> String {
    book.config
        .book
        .language
        .clone()
        .unwrap_or_else(|| "en".to_string())
}
