//! A library's site: every module built by the book's own build into its folder
//! (`harassment/`, `fr/harassment/`), then finished with links to the library, the next module
//! and the other modules' search indexes, and the library's own pages written beside them.

use super::facts::{ModuleFacts, module_facts};
use super::glossary::GLOSSARY_PAGE;
use super::glossary::{GlossaryEdition, placement_glossary, read_glossaries};
use super::page::{
    LIBRARY_CSS, LIBRARY_SCOPE, PageWords, glossary_html, glossary_in, glossary_title,
    library_asset, page_words, write_library_pages,
};
use super::{LIBRARY_TOML, Library, read_library, read_library_toml};
use crate::build::dest::Destination;
use crate::build::write_index_files;
use crate::build::{
    BuildError, BuildOptions, BuildReport, EditionPlan, EditionProblems, LibraryLink, LibraryParts,
    NoProgress, Placement, Progress, RenderedEditions, render_editions,
};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::catalog::translation_languages;
use crate::search::SearchDoc;
use crate::site::SearchFiles;
use anyhow::Result;
use mdbook_driver::MDBook;
use rayon::prelude::*;
use std::path::Path;

/// One module, loaded and checked, with the translations to build.
pub(super) struct Module {
    pub name: String,
    pub book: MDBook,
    plans: Vec<EditionPlan>,
    pub facts: ModuleFacts,
    placement: Placement,
}

/// Builds the library at `root` into one site: `DEST/index.html` (the library's page), each
/// module's source edition in `DEST/MODULE/`, its translations in `DEST/LANG/MODULE/`, and the
/// library's page of each language in `DEST/LANG/index.html`. Nothing is written before every
/// module has passed its checks; the destination is replaced only by a complete site.
pub fn build_library(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let (prepared, warnings) = prepare_library(root, &options.languages)?;
    let dest = library_destination(&prepared, options, &warnings)?;
    crate::build::build_site(&dest, warnings, |staging, workspace| {
        build_into(&prepared, staging, workspace, progress)
    })
}

/// Everything `build` does to a library but putting the site in place: the warnings, or every
/// problem of every module and of `library.toml` at once.
pub fn check_library(root: &Path) -> Result<Diagnostics, BuildError> {
    let (prepared, warnings) = prepare_library(root, &[])?;
    library_destination(&prepared, &BuildOptions::default(), &warnings)?;
    crate::build::check_site(warnings, |site, workspace| {
        build_into(&prepared, site, workspace, &NoProgress)
    })
}

/// A library loaded and checked, with its modules and its glossary.
pub(super) struct Prepared {
    pub library: Library,
    pub modules: Vec<Module>,
    pub glossary: Vec<GlossaryEdition>,
}

/// The library and its modules, loaded and checked, with the warnings; or every problem.
fn prepare_library(
    root: &Path,
    languages: &[String],
) -> Result<(Prepared, Diagnostics), BuildError> {
    let read = read_library_toml(root).map(|text| read_library(root, &text));
    let (library, problems) = read.unwrap_or_else(|problem| (None, vec![problem]));
    let mut all = Diagnostics(problems);
    let Some(library) = library else {
        return Err(BuildError::Problems(all));
    };
    // Modules `library.toml` has a problem with are not read; every other is checked.
    let troubled: Vec<usize> = all
        .0
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.line)
        .collect();
    let (glossary, problems) = read_glossaries(&library);
    all.extend(problems);
    let mut modules = Vec::new();
    for listed in library
        .modules
        .iter()
        .filter(|m| !troubled.contains(&m.line))
    {
        let dir = root.join(&listed.name);
        let placement = Placement {
            module: Some(listed.name.clone()),
            settings: library.settings.clone(),
            glossary: placement_glossary(&glossary, &library),
            glossary_file: library.glossary.clone().unwrap_or_default(),
        };
        let wanted = module_languages(&dir, languages);
        match crate::build::prepare(&dir, &wanted, &placement) {
            Ok((book, mut plans, warnings)) => {
                // A module without any language asked for builds its source edition only.
                plans.retain(|p| languages.is_empty() || languages.contains(&p.language));
                all.extend(in_module(&listed.name, warnings).0);
                let facts = module_facts(&book);
                let name = listed.name.clone();
                modules.push(Module {
                    name,
                    book,
                    plans,
                    facts,
                    placement,
                });
            }
            Err(e) => all.extend(in_module(&listed.name, failure_diagnostics(e)).0),
        }
    }
    all.extend(unknown_languages(&library, languages));
    all.extend(shared_keys(&library, &modules));
    all.sort();
    match all.has_errors() {
        true => Err(BuildError::Problems(all)),
        false => Ok((
            Prepared {
                library,
                modules,
                glossary,
            },
            all,
        )),
    }
}

/// A module's diagnostics, their files named from the library's folder.
fn in_module(module: &str, diagnostics: Diagnostics) -> Diagnostics {
    let named = diagnostics.0.into_iter().map(|mut d| {
        d.path = Path::new(module).join(&d.path);
        d
    });
    Diagnostics(named.collect())
}

fn failure_diagnostics(e: BuildError) -> Diagnostics {
    match e {
        BuildError::Problems(found) => found,
        BuildError::Failed {
            mut warnings,
            failure,
        } => {
            warnings.push(Diagnostic::error("", 0, format!("{failure:#}")));
            warnings
        }
    }
}

/// The translations of the module at `dir` to build: all, or those of `wanted` it has.
fn module_languages(dir: &Path, wanted: &[String]) -> Vec<String> {
    let available = translation_languages(&dir.join("po"));
    match wanted.is_empty() {
        true => Vec::new(),
        false => wanted
            .iter()
            .filter(|l| available.contains(l))
            .cloned()
            .collect(),
    }
}

/// Modules whose titles give the same key (`my-training-module`): a reader's answers to both
/// would be kept as one module's, in the library and on the same host alike.
fn shared_keys(library: &Library, modules: &[Module]) -> Vec<Diagnostic> {
    let key = |m: &Module| crate::ui::Edition::new(m.book.config.book.title.as_deref(), None).book;
    let mut problems = Vec::new();
    for (index, module) in modules.iter().enumerate() {
        let Some(earlier) = modules[..index].iter().find(|m| key(m) == key(module)) else {
            continue;
        };
        let line = library
            .modules
            .iter()
            .find(|m| m.name == module.name)
            .map_or(0, |m| m.line);
        let title = module.book.config.book.title.clone().unwrap_or_default();
        problems.push(
            Diagnostic::error(LIBRARY_TOML, line, format!("the modules `{}` and `{}` have the same title, \"{title}\": readers' answers to both would be kept as one module's", earlier.name, module.name))
                .with_hint(format!("give each module its own title in its book.toml: {}/book.toml", module.name)),
        );
    }
    problems
}

/// Languages asked for that no module and not the library has.
fn unknown_languages(library: &Library, wanted: &[String]) -> Vec<Diagnostic> {
    let root = &library.root;
    let mut have = translation_languages(&root.join("po"));
    have.push(library.language.clone());
    for module in &library.modules {
        have.extend(translation_languages(&root.join(&module.name).join("po")));
    }
    wanted
        .iter()
        .filter(|l| !have.contains(l))
        .map(|l| {
            Diagnostic::error(
                LIBRARY_TOML,
                0,
                format!("no module of the library has a translation for `{l}`"),
            )
            .with_hint("run `mdbook-training i18n status LIBRARY` to see each module's languages")
        })
        .collect()
}

/// `--dest`, or the library's `site/` folder: never a module or inside one.
fn library_destination(
    prepared: &Prepared,
    options: &BuildOptions,
    warnings: &Diagnostics,
) -> Result<Destination, BuildError> {
    let (library, modules) = (&prepared.library, &prepared.modules);
    let checked = Destination::check(
        &library.root,
        Path::new("po"),
        options.dest.as_deref(),
        Path::new(LIBRARY_SITE),
        options.force,
    );
    let inside_module = |dest: &Destination| {
        let module = modules.iter().find(|m| {
            let dir = crate::build::dest::normalise(&library.root, Path::new(&m.name));
            dest.path.starts_with(&dir) || dir.starts_with(&dest.path)
        })?;
        Some(
            Diagnostic::error(
                "",
                0,
                format!(
                    "the destination {} is the module `{}`, or inside it or around it",
                    dest.path.display(),
                    module.name
                ),
            )
            .with_hint("choose a folder of its own for the site with --dest, such as `site`"),
        )
    };
    let checked = checked.and_then(|dest| match inside_module(&dest) {
        Some(problem) => Err(problem),
        None => Ok(dest),
    });
    checked.map_err(|problem| {
        let mut all = warnings.clone();
        all.push(problem);
        BuildError::Problems(all)
    })
}

/// Where a library's site goes when `--dest` is not given, in the library's folder.
pub const LIBRARY_SITE: &str = "site";

/// Builds every module's editions, finishes them with what the library adds, places them in
/// `staging` and writes the library's pages; returns the warnings.
fn build_into(
    prepared: &Prepared,
    staging: &Path,
    workspace: &Path,
    progress: &dyn Progress,
) -> Result<Diagnostics> {
    let (library, modules) = (&prepared.library, &prepared.modules);
    // Modules build side by side, as a book's editions do, each core busy to the end; each job
    // loads its module again, as each edition's does (a loaded book is not shared by threads).
    let jobs: Vec<(&str, &Path, &[EditionPlan], &Placement)> = modules
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.book.root.as_path(),
                m.plans.as_slice(),
                &m.placement,
            )
        })
        .collect();
    let built: Vec<Result<RenderedEditions>> = jobs
        .par_iter()
        .enumerate()
        .map(|(index, (name, root, plans, placement))| {
            let folder = workspace.join(index.to_string());
            let progress = InModule {
                module: name,
                progress,
            };
            let book = crate::build::reload_book(root).map_err(|e| anyhow::anyhow!("{e}"))?;
            render_editions(&book, plans, &folder, &progress, placement)
        })
        .collect();
    let mut rendered = Vec::new();
    let mut problems = Diagnostics::default();
    for (module, result) in modules.iter().zip(built) {
        match result.map_err(|e| e.downcast::<EditionProblems>()) {
            Ok(editions) => rendered.push(editions),
            Err(Ok(found)) => problems.extend(in_module(&module.name, found.0).0),
            Err(Err(e)) => return Err(e),
        }
    }
    if problems.has_errors() {
        return Err(EditionProblems(problems).into());
    }
    std::fs::create_dir_all(staging)?;
    crate::build::dest::mark(staging)?;
    let mut site = LibrarySite::new(library, &rendered);
    site.search = site.write_search_indexes(&prepared.glossary, staging)?;
    rendered
        .par_iter()
        .enumerate()
        .try_for_each(|(index, editions)| {
            editions
                .finish(&|language| site.parts(index, language))
                .map(drop)
        })?;
    let mut warnings = problems;
    for (module, editions) in modules.iter().zip(&rendered) {
        editions.place_into(staging)?;
        warnings.extend(in_module(&module.name, editions.found.clone()).0);
    }
    write_library_pages(&site, prepared, staging)?;
    Ok(warnings)
}

/// Progress told with the module's name: `harassment/fr`.
struct InModule<'a> {
    module: &'a str,
    progress: &'a dyn Progress,
}

impl Progress for InModule<'_> {
    fn edition_started(&self, language: &str) {
        self.progress
            .edition_started(&format!("{}/{language}", self.module));
    }

    fn edition_built(&self, language: &str, pages: usize, elapsed: std::time::Duration) {
        let named = format!("{}/{language}", self.module);
        self.progress.edition_built(&named, pages, elapsed);
    }
}

/// The library with its built modules: what each module's pages and the library's own need
/// to know of the others.
pub(super) struct LibrarySite<'a> {
    pub library: &'a Library,
    pub modules: &'a [RenderedEditions],
    /// The key a reader's private-reading switch is kept under, for the whole library.
    pub key: String,
    /// The library's words in each of its languages, its own first.
    words: Vec<(String, PageWords)>,
    /// The library's search files in each language, from that language's folder.
    search: Vec<(String, SearchFiles)>,
}

impl<'a> LibrarySite<'a> {
    fn new(library: &'a Library, modules: &'a [RenderedEditions]) -> Self {
        let key = crate::parse::slugify(&library.title);
        let key = match key.is_empty() || !key.is_ascii() {
            true => "library".to_string(),
            false => format!("library-{key}"),
        };
        let mut site = LibrarySite {
            library,
            modules,
            key,
            words: Vec::new(),
            search: Vec::new(),
        };
        site.words = site
            .languages()
            .into_iter()
            .map(|language| {
                let words = page_words(&site, &language);
                (language, words)
            })
            .collect();
        site
    }

    /// The library's words in `language`: its title and its pages' interface.
    pub fn words(&self, language: &str) -> &PageWords {
        let found = self.words.iter().find(|(l, _)| l == language);
        &found.unwrap_or(&self.words[0]).1
    }

    /// Every language the site has a library page in: the library's, then each module's.
    pub fn languages(&self) -> Vec<String> {
        let mut all = vec![self.library.language.clone()];
        let translations = translation_languages(&self.library.root.join("po"));
        let editions = self
            .modules
            .iter()
            .flat_map(|m| m.sites.iter().map(|s| s.language.clone()));
        for language in translations.into_iter().chain(editions) {
            if !all.contains(&language) {
                all.push(language);
            }
        }
        all
    }

    /// The folder of the library's page in `language`, with a final `/` (`""` for its own).
    pub fn folder(&self, language: &str) -> String {
        match language == self.library.language {
            true => String::new(),
            false => format!("{language}/"),
        }
    }

    /// Module `index`'s edition in `language`, or its source edition.
    pub fn edition(&self, index: usize, language: &str) -> &crate::build::EditionSite {
        let sites = &self.modules[index].sites;
        sites
            .iter()
            .find(|s| s.language == language)
            .unwrap_or(&sites[0])
    }

    /// The modules' keys, under which readers' answers are kept.
    pub fn books(&self) -> Vec<String> {
        self.modules
            .iter()
            .map(|m| m.sites[0].book.clone())
            .collect()
    }

    /// What the library adds to module `index`'s edition in `language`.
    fn parts(&self, index: usize, language: &str) -> LibraryParts {
        let own = self.edition(index, language);
        let from = own.prefix.as_str();
        let link = |other: &crate::build::EditionSite, label: &str| LibraryLink {
            title: other.title.clone(),
            href: between(from, &format!("{}index.html", other.prefix)),
            language: (other.language != language).then(|| other.language.clone()),
            label: label.to_string(),
        };
        let next = (index + 1 < self.modules.len())
            .then(|| link(self.edition(index + 1, language), &own.ui.next_module));
        LibraryParts {
            home: Some(LibraryLink {
                title: self.words(language).title.clone(),
                href: between(from, &format!("{}index.html", self.folder(language))),
                language: None,
                label: String::new(),
            }),
            next,
            module: Some(own.title.clone()),
            search: Some(SearchFiles {
                base: between(from, &self.folder(language)),
                ..self.search_in(language)
            }),
            library: Some(self.key.clone()),
            books: self.books(),
            stylesheet: Some(format!(
                "{}{}",
                between(from, ""),
                library_asset(LIBRARY_CSS)
            )),
            scope_script: Some(format!(
                "{}{}",
                between(from, ""),
                library_asset(LIBRARY_SCOPE)
            )),
        }
    }

    /// Writes the library's search index of every language into its folder of `dir`: every
    /// module's pages in that language and the shared glossary, each result labelled with its
    /// module's title.
    fn write_search_indexes(
        &self,
        glossary: &[GlossaryEdition],
        dir: &Path,
    ) -> Result<Vec<(String, SearchFiles)>> {
        let languages = self.languages();
        let written = languages.into_par_iter().map(|language| {
            let folder = self.folder(&language);
            let mut parts: Vec<(String, Vec<SearchDoc>)> = Vec::new();
            for module in self.modules {
                let Some(at) = module.sites.iter().position(|s| s.language == language) else {
                    continue;
                };
                let site = &module.sites[at];
                let way = between(&folder, &site.prefix);
                let docs = module.search_docs(at).iter().map(|doc| SearchDoc {
                    url: format!("{way}{}", doc.url),
                    ..doc.clone()
                });
                parts.push((site.title.clone(), docs.collect()));
            }
            if let Some(edition) = glossary_in(glossary, &language) {
                let html = glossary_html(&edition.markdown);
                let docs = crate::search::page_docs(GLOSSARY_PAGE, &html, true);
                parts.push((glossary_title(&edition.markdown), docs));
            }
            let index = crate::search::build_library_index(&language, &parts);
            std::fs::create_dir_all(dir.join(&folder))?;
            let files = write_index_files(&dir.join(&folder), &language, &index)?;
            Ok((language, files))
        });
        written.collect()
    }

    /// The library's search files in `language`, from that language's folder.
    pub fn search_in(&self, language: &str) -> SearchFiles {
        let found = self.search.iter().find(|(l, _)| l == language);
        found.map(|(_, files)| files.clone()).unwrap_or_default()
    }
}

/// The way from the site's folder `from` (`fr/events/`) to `to` (`fr/private/index.html`):
/// `../private/index.html`.
pub(super) fn between(from: &str, to: &str) -> String {
    let mut from_parts: Vec<&str> = from.split_terminator('/').collect();
    let mut to_rest = to;
    while let Some(first) = from_parts.first() {
        match to_rest.strip_prefix(&format!("{first}/")) {
            Some(rest) => {
                to_rest = rest;
                from_parts.remove(0);
            }
            None => break,
        }
    }
    format!("{}{to_rest}", "../".repeat(from_parts.len()))
}

#[cfg(test)]
mod tests {
    use super::between;

    #[test]
    fn ways_between_folders_of_the_site() {
        assert_eq!(
            between("fr/events/", "fr/private/index.html"),
            "../private/index.html"
        );
        assert_eq!(between("events/", "private/"), "../private/");
        assert_eq!(between("fr/", "fr/events/index.html"), "events/index.html");
        assert_eq!(
            between("fr/", "harassment/index.html"),
            "../harassment/index.html"
        );
        assert_eq!(between("", "fr/index.html"), "fr/index.html");
        assert_eq!(between("fr/events/", "index.html"), "../../index.html");
    }
}
