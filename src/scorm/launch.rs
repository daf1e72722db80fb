//! A package's launch page (`scorm.html`) and its runtime (`theme/training-scorm.js`): the one
//! page a platform opens, which keeps the session and shows the module's pages.

use super::ScormVersion;
use crate::escape::escape_single_quoted;
use crate::i18n::language::is_right_to_left;
use crate::templates::Templates;
use anyhow::Result;
use serde_json::json;
use std::fs;
use std::path::Path;

/// The page a platform opens.
pub const LAUNCH_PAGE: &str = "scorm.html";
/// The module's first page, which the launch page shows first.
const START_PAGE: &str = "index.html";
const LAUNCH_TEMPLATE: &str = include_str!("../../theme/scorm/launch.hbs");
const RUNTIME: &str = include_str!("../../theme/scorm/training-scorm.js");

/// What the launch page knows of its edition.
pub struct LaunchFacts<'a> {
    pub version: ScormVersion,
    pub title: &'a str,
    pub language: &'a str,
    /// The module's key, under which the pages' store keeps answers and notes.
    pub book: &'a str,
    /// What the platform records: the module's questions and reading pages.
    pub facts: &'a crate::library::facts::ModuleFacts,
    pub mastery_score: Option<u8>,
}

/// Writes the launch page and its runtime into the edition's folder `dir`.
pub fn write_launch(dir: &Path, facts: &LaunchFacts<'_>) -> Result<()> {
    let module = facts.facts;
    // Each question as `[id, page, kind, title]`.
    let questions: Vec<[&str; 4]> = module
        .questions
        .iter()
        .zip(&module.question_kinds)
        .map(|(q, k)| [q[0].as_str(), q[1].as_str(), k[0].as_str(), k[1].as_str()])
        .collect();
    let data = json!({
        "version": facts.version.schema_version().split(' ').next(),
        "start": START_PAGE,
        "title": facts.title,
        "book": facts.book,
        "questions": questions,
        "pages": module.pages,
        "mastery": facts.mastery_score,
    });
    let templates = Templates::new(&[("launch", LAUNCH_TEMPLATE)])?;
    let page = templates.render(
        "launch",
        &json!({
            "language": facts.language,
            "direction": if is_right_to_left(facts.language) { "rtl" } else { "ltr" },
            "title": facts.title,
            "start": START_PAGE,
            "data": escape_single_quoted(&data.to_string()),
            "version": crate::build::fingerprint::fingerprint(RUNTIME.as_bytes()),
        }),
    )?;
    fs::write(dir.join(LAUNCH_PAGE), page)?;
    fs::create_dir_all(dir.join("theme"))?;
    fs::write(dir.join("theme/training-scorm.js"), RUNTIME)?;
    Ok(())
}
