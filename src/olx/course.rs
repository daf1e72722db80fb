//! An edition as an Open edX course folder: the outline (`course`, `chapter`, `sequential`,
//! `vertical`), its components, the policies that agree with it and the static files.

use super::components::{Component, Making, OLX_TEMPLATES, Unit};
use super::edition::EditionSource;
use super::links::{Assets, Targets};
use super::outline::{ChapterDraft, draft_chapter, marked_source};
use super::settings::Identity;
use crate::diagnostic::Diagnostic;
use crate::escape::escape_html as esc;
use crate::templates::Templates;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The course's files, by their path in its folder.
pub type CourseFiles = BTreeMap<String, Vec<u8>>;

/// A section of the course: one chapter of the book, its one subsection and its units.
struct Section {
    url_name: String,
    title: String,
    units: Vec<Unit>,
}

/// The course of `edition`; every problem of its questions at once.
pub fn course_files(
    edition: &EditionSource,
    identity: &Identity,
    root: &Path,
    src: &Path,
) -> Result<CourseFiles, Vec<Diagnostic>> {
    let templates = olx_templates(edition).map_err(|d| vec![d])?;
    // A page that gathers the reader's own answers needs the site's scripts: left out.
    let kept: Vec<usize> = (0..edition.chapters.len())
        .filter(|&i| edition.model.chapters[i].recaps.is_empty())
        .collect();
    let marked: Vec<String> = kept
        .iter()
        .map(|&i| marked_source(&edition.chapters[i].content, &edition.model.chapters[i]))
        .collect();
    let mut drafts: Vec<ChapterDraft<'_>> = kept
        .iter()
        .zip(&marked)
        .map(|(&i, text)| draft_chapter(&edition.chapters[i].path, text))
        .collect();
    unique_names(&mut drafts);
    let definitions: HashMap<String, String> = edition
        .model
        .glossary
        .iter()
        .map(|t| (t.id.clone(), t.definition.clone()))
        .collect();
    let targets = Targets::new(&drafts, &edition.model, definitions, root.join(src));
    let making = Making {
        templates: &templates,
        targets: &targets,
        model: &edition.model,
        ui: &edition.edition.ui,
        language: &edition.language,
        right_to_left: edition.right_to_left,
        discussion_url: edition.edition.discussion_url.as_deref(),
    };
    let mut assets = Assets::new();
    let mut sections = Vec::new();
    let mut problems = Vec::new();
    for (draft, &i) in drafts.iter().zip(&kept) {
        let input = &edition.chapters[i];
        match making.units(draft, input, &edition.model.chapters[i], &mut assets) {
            Ok(units) => sections.push(Section {
                url_name: draft.url_name.clone(),
                title: input.name.clone(),
                units,
            }),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut files = outline_files(edition, identity, &sections);
    for (name, path) in assets {
        match std::fs::read(root.join(src).join(&path)) {
            Ok(bytes) => files.insert(format!("static/{name}"), bytes),
            Err(e) => {
                let at = src.join(&path);
                return Err(vec![Diagnostic::error(
                    at,
                    0,
                    format!("cannot be read: {e}"),
                )]);
            }
        };
    }
    files.insert(
        format!("static/{}", identity.image_name),
        identity.image.clone(),
    );
    Ok(files)
}

fn olx_templates(edition: &EditionSource) -> Result<Templates, Diagnostic> {
    match &edition.edition.theme {
        Some(theme) => Templates::with_overrides_in(
            "olx",
            &OLX_TEMPLATES,
            Some(&theme.root.join(&theme.dir)),
            &theme.dir,
        ),
        None => Templates::with_overrides_in("olx", &OLX_TEMPLATES, None, Path::new("theme")),
    }
}

/// Gives a second chapter or unit with the same url_name (`a-b.md` and `a/b.md`) a name of
/// its own: Open edX needs every url_name once.
fn unique_names(drafts: &mut [ChapterDraft<'_>]) {
    let mut seen = HashSet::new();
    let mut own = |name: &mut String| {
        let mut candidate = name.clone();
        let mut n = 2;
        while !seen.insert(candidate.clone()) {
            candidate = format!("{name}_{n}");
            n += 1;
        }
        *name = candidate;
    };
    for draft in drafts {
        own(&mut draft.url_name);
        for unit in &mut draft.units {
            own(&mut unit.url_name);
        }
    }
}

/// The outline's XML files, components and policies.
fn outline_files(
    edition: &EditionSource,
    identity: &Identity,
    sections: &[Section],
) -> CourseFiles {
    let mut files = CourseFiles::new();
    let mut put = |path: String, text: String| {
        files.insert(path, text.into_bytes());
    };
    let run = &identity.run;
    put(
        "course.xml".into(),
        format!(
            "<course url_name=\"{}\" org=\"{}\" course=\"{}\"/>\n",
            esc(run),
            esc(&identity.org),
            esc(&identity.course)
        ),
    );
    let end = identity
        .end
        .as_ref()
        .map(|end| format!(" end=\"{}\"", esc(end)))
        .unwrap_or_default();
    let mut course = format!(
        "<course display_name=\"{}\" language=\"{}\" start=\"{}\"{end} course_image=\"{}\">\n",
        esc(&edition.title),
        esc(&edition.language),
        esc(&identity.start),
        esc(&identity.image_name),
    );
    let assignment = &edition.edition.ui.test_yourself;
    let mut graded = 0;
    for section in sections {
        course.push_str(&format!(
            "  <chapter url_name=\"{}\"/>\n",
            esc(&section.url_name)
        ));
        let title = esc(&section.title);
        let sequential = format!("{}_seq", section.url_name);
        put(
            format!("chapter/{}.xml", section.url_name),
            format!(
                "<chapter display_name=\"{title}\">\n  <sequential url_name=\"{}\"/>\n</chapter>\n",
                esc(&sequential)
            ),
        );
        let has_problems = section.units.iter().any(|u| {
            u.components
                .iter()
                .any(|c| matches!(c, Component::Problem { .. }))
        });
        let grading = match has_problems {
            true => {
                graded += 1;
                format!(" graded=\"true\" format=\"{}\"", esc(assignment))
            }
            false => String::new(),
        };
        let mut seq = format!("<sequential display_name=\"{title}\"{grading}>\n");
        for unit in &section.units {
            seq.push_str(&format!(
                "  <vertical url_name=\"{}\"/>\n",
                esc(&unit.url_name)
            ));
            unit_files(unit, &mut put);
        }
        seq.push_str("</sequential>\n");
        put(format!("sequential/{sequential}.xml"), seq);
    }
    course.push_str("</course>\n");
    put(format!("course/{run}.xml"), course);
    let policy = serde_json::json!({
        format!("course/{run}"): {
            "showanswer": "attempted",
            "rerandomize": "never",
        }
    });
    let grading = serde_json::json!({
        "GRADER": [{
            "type": assignment,
            "short_label": "Q",
            "min_count": graded.max(1),
            "drop_count": 0,
            "weight": 1.0,
        }],
        "GRADE_CUTOFFS": { "Pass": identity.pass },
    });
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    put(format!("policies/{run}/policy.json"), pretty(&policy));
    put(
        format!("policies/{run}/grading_policy.json"),
        pretty(&grading),
    );
    files
}

/// A unit's `vertical` and its components' files.
fn unit_files(unit: &Unit, put: &mut impl FnMut(String, String)) {
    let mut vertical = format!("<vertical display_name=\"{}\">\n", esc(&unit.title));
    for component in &unit.components {
        match component {
            Component::Html {
                url_name,
                title,
                html,
            } => {
                vertical.push_str(&format!("  <html url_name=\"{}\"/>\n", esc(url_name)));
                put(
                    format!("html/{url_name}.xml"),
                    format!(
                        "<html filename=\"{}\" display_name=\"{}\"/>\n",
                        esc(url_name),
                        esc(title)
                    ),
                );
                put(format!("html/{url_name}.html"), format!("{html}\n"));
            }
            Component::Problem { url_name, xml, .. } => {
                vertical.push_str(&format!("  <problem url_name=\"{}\"/>\n", esc(url_name)));
                put(format!("problem/{url_name}.xml"), format!("{xml}\n"));
            }
        }
    }
    vertical.push_str("</vertical>\n");
    put(format!("vertical/{}.xml", unit.url_name), vertical);
}

/// The folder the course's files go in, inside its archive.
pub const COURSE_FOLDER: &str = "course";

/// Writes `files` as a gzipped tar of one folder, [`COURSE_FOLDER`]: what Studio's import
/// takes. Entries are in name order with a fixed time, so the same course gives the same bytes;
/// the archive is written beside its place and renamed into it, whole or not at all.
pub fn write_archive(files: &CourseFiles, path: &Path) -> anyhow::Result<()> {
    let partial = crate::scorm::package::partial_name(path);
    let written = write_tar(files, &partial);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, path)?;
    Ok(())
}

fn write_tar(files: &CourseFiles, path: &Path) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)?;
    let encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut archive = tar::Builder::new(encoder);
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        let at: PathBuf = Path::new(COURSE_FOLDER).join(name);
        archive.append_data(&mut header, at, bytes.as_slice())?;
    }
    archive.into_inner()?.finish()?.sync_all()?;
    Ok(())
}
