//! A library's site: every module built by the book's own build into its folder
//! (`harassment/`, `fr/harassment/`), then finished with links to the library and the next
//! module and the library's search index of its language; the library's own pages beside them.

use super::built::LibrarySite;
use super::facts::{ModuleFacts, module_facts};
use super::glossary::{GlossaryEdition, placement_glossary, read_glossaries};
use super::page::write_library_pages;
use super::{LIBRARY_TOML, Library, read_library, read_library_toml};
use crate::build::dest::Destination;
use crate::build::{
    BuildError, BuildOptions, BuildReport, EditionPlan, EditionProblems, NoProgress, Placement,
    Progress, RenderedEditions, render_editions,
};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::catalog::translation_languages;
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
    let listed = library
        .modules
        .iter()
        .filter(|m| !troubled.contains(&m.line));
    for listed in listed {
        let (module, found) = prepare_module(&library, &listed.name, &glossary, languages);
        all.extend(in_module(&listed.name, found).0);
        modules.extend(module);
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

/// One module of `library`, loaded and checked in its place, with its diagnostics.
fn prepare_module(
    library: &Library,
    name: &str,
    glossary: &[GlossaryEdition],
    languages: &[String],
) -> (Option<Module>, Diagnostics) {
    let dir = library.root.join(name);
    let placement = Placement {
        module: Some(name.to_string()),
        settings: library.settings.clone(),
        glossary: placement_glossary(glossary, library),
        glossary_file: library.glossary.clone().unwrap_or_default(),
        alone: false,
    };
    let wanted = module_languages(&dir, languages);
    match crate::build::prepare(&dir, &wanted, &placement) {
        Ok((book, mut plans, warnings)) => {
            // A module without any language asked for builds its source edition only.
            plans.retain(|p| languages.is_empty() || languages.contains(&p.language));
            let facts = module_facts(&book);
            let name = name.to_string();
            let module = Module {
                name,
                book,
                plans,
                facts,
                placement,
            };
            (Some(module), warnings)
        }
        Err(e) => (None, failure_diagnostics(e)),
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
    let modules = &prepared.modules;
    let rendered = render_modules(modules, workspace, progress)?;
    std::fs::create_dir_all(staging)?;
    crate::build::dest::mark(staging)?;
    let mut site = LibrarySite::new(&prepared.library, &rendered);
    site.search = site.write_search_indexes(&prepared.glossary, staging)?;
    rendered
        .par_iter()
        .enumerate()
        .try_for_each(|(index, editions)| {
            editions
                .finish(&|language| site.parts(index, language))
                .map(drop)
        })?;
    let mut warnings = Diagnostics::default();
    for (module, editions) in modules.iter().zip(&rendered) {
        editions.place_into(staging)?;
        warnings.extend(in_module(&module.name, editions.found.clone()).0);
    }
    write_library_pages(&site, prepared, staging)?;
    super::offline::write_library_offline(&prepared.library.title, &rendered, staging)?;
    Ok(warnings)
}

/// Every module's editions rendered in `workspace`, modules side by side as a book's editions
/// are, each core busy to the end; every module's errors at once, as [`EditionProblems`].
fn render_modules(
    modules: &[Module],
    workspace: &Path,
    progress: &dyn Progress,
) -> Result<Vec<RenderedEditions>> {
    // Each job loads its module again, as each edition's does: a loaded book is not shared by
    // threads.
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
    match problems.has_errors() {
        true => Err(EditionProblems(problems).into()),
        false => Ok(rendered),
    }
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
