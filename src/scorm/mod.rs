//! The module as SCORM packages for learning platforms: each edition built by the site's own
//! build as a site of its own (no other edition to link to), then zipped with its manifest.
//! Another renderer of the same model: nothing is parsed again.

mod launch;
mod manifest;
pub(crate) mod package;

pub use manifest::{ManifestFacts, ScormVersion, manifest_xml};

use crate::build::{BuildError, Placement, Progress, render_editions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ui::Edition;
use std::path::{Path, PathBuf};

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub version: ScormVersion,
    /// The translations to package beside the source; all of them when empty.
    pub languages: Vec<String>,
    /// Where the packages go; the book's `export/` when `None`.
    pub dest: Option<PathBuf>,
}

/// The packages written, and the warnings found on the way.
#[derive(Debug)]
pub struct ExportReport {
    pub packages: Vec<PathBuf>,
    pub warnings: Diagnostics,
}

/// The folder packages go to when `--dest` is not given, in the book's folder.
pub const EXPORT_DIR: &str = "export";

/// Writes one package per edition of the book at `book_dir`: `NAME-LANG-scorm12.zip` (or
/// `-scorm2004.zip`). Nothing is written before every check has passed; a package is written
/// whole or not at all, and no other file of the destination is touched.
pub fn export_scorm(
    book_dir: &Path,
    options: &ExportOptions,
    progress: &dyn Progress,
) -> Result<ExportReport, BuildError> {
    let placement = Placement {
        alone: true,
        ..Placement::default()
    };
    let (book, plans, warnings) = crate::build::prepare(book_dir, &options.languages, &placement)?;
    let dest = options
        .dest
        .clone()
        .unwrap_or_else(|| book.root.join(EXPORT_DIR));
    if let Some(problem) = dest_problem(&book.root, &book.config.book.src, &dest) {
        let mut all = warnings;
        all.push(problem);
        return Err(BuildError::Problems(all));
    }
    let failed = |warnings: &Diagnostics, e: anyhow::Error| BuildError::Failed {
        warnings: warnings.clone(),
        failure: e,
    };
    let workspace = tempfile::Builder::new()
        .prefix("mdbook-training-export-")
        .tempdir()
        .map_err(|e| failed(&warnings, e.into()))?;
    let rendered = render_editions(&book, &plans, workspace.path(), progress, &placement);
    let packaged = rendered.and_then(|editions| {
        editions.finish(&|_| crate::build::LibraryParts::default())?;
        let placed = editions.place_each_into(&workspace.path().join("sites"))?;
        let name = Edition::new(book.config.book.title.as_deref(), None).book;
        let mastery = crate::config::TrainingConfig::from_book_config(&book.config)
            .0
            .mastery_score;
        let module = crate::library::facts::module_facts(&book);
        std::fs::create_dir_all(&dest)?;
        let titles: Vec<&str> = editions.sites.iter().map(|s| s.title.as_str()).collect();
        placed
            .iter()
            .zip(titles)
            .map(|((language, dir), edition_title)| {
                let zip = dest.join(format!(
                    "{name}-{language}-{}.zip",
                    options.version.suffix()
                ));
                let module = in_edition(&book, &module, language);
                let launch = launch::LaunchFacts {
                    version: options.version,
                    title: edition_title,
                    language,
                    book: &name,
                    facts: &module,
                    mastery_score: mastery,
                };
                launch::write_launch(dir, &launch)?;
                let facts = ManifestFacts {
                    identifier: &format!("{name}-{language}"),
                    title: edition_title,
                    launch: LAUNCH_PAGE,
                    files: &[],
                    mastery_score: mastery,
                };
                write_package(dir, options.version, &facts, &zip)?;
                Ok(zip)
            })
            .collect::<anyhow::Result<Vec<PathBuf>>>()
            .map(|packages| (packages, editions.found.clone()))
    });
    match packaged {
        Ok((packages, found)) => {
            let mut warnings = warnings;
            warnings.extend(found.0);
            Ok(ExportReport { packages, warnings })
        }
        Err(e) => Err(match e.downcast::<crate::build::EditionProblems>() {
            Ok(problems) => {
                let mut all = warnings;
                all.extend(problems.0.0);
                all.sort();
                BuildError::Problems(all)
            }
            Err(e) => failed(&warnings, e),
        }),
    }
}

/// [`export_scorm`] for every module of the library at `root`, into one folder (the library's
/// `export/` by default); every module's problems are told at once, with their paths from the
/// library's folder, and no package is written unless every module passes its checks.
pub fn export_library_scorm(
    root: &Path,
    options: &ExportOptions,
    progress: &dyn Progress,
) -> Result<ExportReport, BuildError> {
    export_modules(root, options.dest.as_deref(), |module, dest| {
        let options = ExportOptions {
            dest: Some(dest.to_path_buf()),
            ..options.clone()
        };
        export_scorm(module, &options, progress)
    })
}

/// Every module of the library at `root` checked, then exported by `export` (a module's folder
/// and the destination: `dest`, or the library's `export/`), with every package written.
pub(crate) fn export_modules(
    root: &Path,
    dest: Option<&Path>,
    export: impl Fn(&Path, &Path) -> Result<ExportReport, BuildError>,
) -> Result<ExportReport, BuildError> {
    let check = crate::library::check_library(root)?;
    let (library, _) = crate::library::load_library(root);
    let dest = dest.map_or_else(|| root.join(EXPORT_DIR), Path::to_path_buf);
    let mut report = ExportReport {
        packages: Vec::new(),
        warnings: check,
    };
    for module in library.map(|l| l.modules).unwrap_or_default() {
        let exported = export(&root.join(&module.name), &dest)?;
        report.packages.extend(exported.packages);
    }
    Ok(report)
}

/// One edition's folder as a package in `version`, its launch page first; `facts` without
/// its files, which are the folder's.
fn write_package(
    dir: &Path,
    version: ScormVersion,
    facts: &ManifestFacts<'_>,
    zip: &Path,
) -> anyhow::Result<()> {
    let files = package::files_under(dir)?;
    let facts = ManifestFacts {
        files: &files,
        ..*facts
    };
    let manifest = manifest_xml(version, &facts);
    let schemas = match version {
        ScormVersion::V12 => package::SCHEMAS_12,
        ScormVersion::V2004 => package::SCHEMAS_2004,
    };
    let control = package::ControlFiles {
        manifest: &manifest,
        schemas,
    };
    package::write_zip(dir, &files, &control, zip)
}

pub use launch::LAUNCH_PAGE;

/// The module's facts with its questions' titles in the words of the edition in `language`,
/// which a platform shows beside each answer (SCORM 2004's `description`). A translation that
/// cannot be read keeps the source's titles: its problems were told by the build.
fn in_edition(
    book: &mdbook_driver::MDBook,
    facts: &crate::library::facts::ModuleFacts,
    language: &str,
) -> crate::library::facts::ModuleFacts {
    let mut facts = facts.clone();
    if book.config.book.language.as_deref().unwrap_or("en") == language {
        return facts;
    }
    let (config, _) = crate::config::TrainingConfig::from_book_config(&book.config);
    let Ok((Some(edition), _)) =
        crate::olx::edition::load_edition(&book.root, &config, Some(language))
    else {
        return facts;
    };
    let blocks = edition.model.chapters.iter().flat_map(|c| c.blocks.iter());
    let titles: std::collections::HashMap<&str, &str> = blocks
        .filter_map(|b| Some((b.id.as_str(), b.title.as_ref()?.text.as_str())))
        .collect();
    for (question, kind) in facts.questions.iter().zip(facts.question_kinds.iter_mut()) {
        if let Some(title) = titles.get(question[0].as_str()) {
            kind[1] = (*title).to_string();
        }
    }
    facts
}

/// Why packages may not go to `dest`: inside the book's sources, theme or translations.
pub(crate) fn dest_problem(root: &Path, src: &Path, dest: &Path) -> Option<Diagnostic> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let dest = crate::build::dest::normalise(&cwd, dest);
    let root = crate::build::dest::normalise(&cwd, root);
    let inside = [src, Path::new("theme"), Path::new("po")]
        .into_iter()
        .find(|inner| dest.starts_with(root.join(inner)))?;
    Some(
        Diagnostic::error(
            "",
            0,
            format!(
                "the destination {} lies inside the book's {} folder",
                dest.display(),
                inside.display()
            ),
        )
        .with_hint("choose a folder of its own for the packages with --dest, such as `export`"),
    )
}
