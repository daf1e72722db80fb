//! The module as Open edX courses (OLX): one `.tar.gz` per edition, its chapters as sections,
//! cut into units at their `##` headings, its questions as native problems. Another renderer
//! of the same model: the chapters are parsed and checked by the site's own stages.

mod components;
mod course;
pub(crate) mod edition;
mod links;
mod outline;
mod settings;

pub use course::COURSE_FOLDER;
pub use settings::{DEFAULT_START, course_date};

use crate::build::{BuildError, Placement};
use crate::config::TrainingConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::library::glossary::GlossaryEdition;
use crate::scorm::{EXPORT_DIR, ExportReport};
use crate::ui::Edition;
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to export and where.
#[derive(Debug, Clone, Default)]
pub struct OlxOptions {
    /// The translations to export beside the source; all of them when empty.
    pub languages: Vec<String>,
    /// Where the archives go; the book's `export/` when `None`.
    pub dest: Option<PathBuf>,
}

/// Writes one course archive per edition of the book at `book_dir`: `NAME-LANG-olx.tar.gz`.
/// Every edition is made and checked before any is written; an archive is written whole or
/// not at all, and no other file of the destination is touched.
pub fn export_olx(book_dir: &Path, options: &OlxOptions) -> Result<ExportReport, BuildError> {
    export_module(book_dir, options, &[], Path::new(""))
}

/// [`export_olx`] for a book whose `glossary:ID` links may reach a library's `glossary`
/// (each language's, from `file`), which its courses then hold as a section.
fn export_module(
    book_dir: &Path,
    options: &OlxOptions,
    glossary: &[GlossaryEdition],
    file: &Path,
) -> Result<ExportReport, BuildError> {
    let placement = Placement {
        alone: true,
        glossary: glossary
            .iter()
            .map(|g| (g.language.clone(), String::new(), Arc::clone(&g.terms)))
            .collect(),
        glossary_file: file.to_path_buf(),
        ..Placement::default()
    };
    let (book, plans, mut warnings) =
        crate::build::prepare(book_dir, &options.languages, &placement)?;
    let dest = options
        .dest
        .clone()
        .unwrap_or_else(|| book.root.join(EXPORT_DIR));
    let fail = |mut all: Diagnostics, found: Vec<Diagnostic>| {
        all.extend(found);
        all.sort();
        BuildError::Problems(all)
    };
    if let Some(problem) = crate::scorm::dest_problem(&book.root, &book.config.book.src, &dest) {
        return Err(fail(warnings, vec![problem]));
    }
    let name = Edition::new(book.config.book.title.as_deref(), None).book;
    let languages = std::iter::once(None).chain(plans.iter().map(|p| Some(p.language.as_str())));
    let mut courses = Vec::new();
    let mut problems = Vec::new();
    for language in languages {
        let shared = Shared {
            placement: &placement,
            glossary,
        };
        let made =
            edition_course(&book, language, &shared).map_err(|failure| BuildError::Failed {
                warnings: warnings.clone(),
                failure,
            })?;
        warnings.extend(made.warnings);
        match made.course {
            Ok(course) => courses.push(course),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        // A source's problem comes back from each edition: told once.
        problems.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
        problems.dedup();
        return Err(fail(warnings, problems));
    }
    let written = std::fs::create_dir_all(&dest)
        .map_err(anyhow::Error::from)
        .and_then(|()| {
            courses
                .iter()
                .map(|(language, files)| {
                    let path = dest.join(format!("{name}-{language}-olx.tar.gz"));
                    course::write_archive(files, &path).map(|()| path)
                })
                .collect::<anyhow::Result<Vec<PathBuf>>>()
        });
    match written {
        Ok(packages) => Ok(ExportReport { packages, warnings }),
        Err(failure) => Err(BuildError::Failed { warnings, failure }),
    }
}

/// One edition's course, or its errors, with its warnings.
struct EditionCourse {
    course: Result<(String, course::CourseFiles), Vec<Diagnostic>>,
    warnings: Vec<Diagnostic>,
}

/// A library's glossary, which a module's courses hold as a section.
struct Shared<'a> {
    placement: &'a Placement,
    glossary: &'a [GlossaryEdition],
}

/// The course of the edition of `book` in `language` (`None`: the source).
fn edition_course(
    book: &MDBook,
    language: Option<&str>,
    shared: &Shared<'_>,
) -> anyhow::Result<EditionCourse> {
    let (mut config, _) = TrainingConfig::from_book_config(&book.config);
    let source_language = book.config.book.language.as_deref().unwrap_or("en");
    let in_language = language.unwrap_or(source_language);
    config.shared_glossary = shared.placement.glossary_for(in_language, "");
    let (source, found) = edition::load_edition(&book.root, &config, language)?;
    let (errors, warnings): (Vec<_>, Vec<_>) = found.0.into_iter().partition(|d| d.is_error());
    let failed = |errors| EditionCourse {
        course: Err(errors),
        warnings: warnings.clone(),
    };
    let Some(mut source) = source.filter(|_| errors.is_empty()) else {
        return Ok(failed(errors));
    };
    let glossary = shared.glossary.iter().find(|g| g.language == in_language);
    if let Some(glossary) = glossary.or(shared.glossary.first()) {
        edition::add_shared_glossary(&mut source, glossary, &shared.placement.glossary_file);
    }
    let identity = match settings::Identity::new(&config, &book.config, &book.root, language) {
        Ok(identity) => identity,
        Err(problem) => return Ok(failed(vec![problem])),
    };
    let course = course::course_files(&source, &identity, &book.root, &book.config.book.src);
    Ok(EditionCourse {
        course: course.map(|files| (source.language.clone(), files)),
        warnings,
    })
}

/// [`export_olx`] for every module of the library at `root`, into one folder (the library's
/// `export/` by default); no archive is written unless every module passes its checks.
pub fn export_library_olx(root: &Path, options: &OlxOptions) -> Result<ExportReport, BuildError> {
    let (library, _) = crate::library::load_library(root);
    let (glossary, file) = match &library {
        Some(library) => (
            crate::library::glossary::read_glossaries(library).0,
            library.glossary.clone().unwrap_or_default(),
        ),
        None => (Vec::new(), std::path::PathBuf::new()),
    };
    crate::scorm::export_modules(root, options.dest.as_deref(), |module, dest| {
        let options = OlxOptions {
            dest: Some(dest.to_path_buf()),
            ..options.clone()
        };
        export_module(module, &options, &glossary, &file)
    })
}
