//! A library of modules: `library.toml` read and checked, with every problem at its line.
//!
//! A library is a folder with `library.toml` and module folders, each an ordinary book; its
//! site (`site.rs`) holds every module and the library's own pages (`page.rs`).

mod built;
pub(crate) mod facts;
pub(crate) mod glossary;
mod messages;
mod offline;
mod page;
mod site;

pub use messages::library_template;
pub use page::LIBRARY_ASSETS;
pub use site::{LIBRARY_SITE, build_library, check_library};

use crate::build::SiteSettings;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::i18n::language::check_language_tag;
use crate::init::InitError;
use std::path::{Component, Path, PathBuf};

/// The file that makes a folder a library.
pub const LIBRARY_TOML: &str = "library.toml";

/// One module of a library, as `library.toml` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryModule {
    /// Its folder's name, which is also its folder in the site.
    pub name: String,
    /// The line of `library.toml` that lists it.
    pub line: usize,
}

/// A library as `library.toml` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    pub root: PathBuf,
    pub title: String,
    /// The source language of the library's own pages.
    pub language: String,
    /// In reading order.
    pub modules: Vec<LibraryModule>,
    /// Terms every module may link to, relative to the library's folder.
    pub glossary: Option<PathBuf>,
    /// Reader settings for every module, over each module's own.
    pub settings: SiteSettings,
}

/// The folder of the one module `init --library` writes.
pub const FIRST_MODULE: &str = "first-module";

/// What `init --library` did.
#[derive(Debug, PartialEq, Eq)]
pub enum LibraryInit {
    /// A new library with one module, `first-module`.
    Created,
    /// The folder is a library already: nothing was changed.
    Unchanged,
}

/// Writes a library with one module into `dir` (empty or new); a library already there is
/// left as it is.
pub fn init_library(dir: &Path) -> Result<LibraryInit, InitError> {
    if dir.join(LIBRARY_TOML).exists() {
        return Ok(LibraryInit::Unchanged);
    }
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(InitError::NotALibrary(dir.to_path_buf()));
    }
    crate::init::init(&dir.join(FIRST_MODULE))?;
    let text = format!(
        "[library]\ntitle = \"Training\"\nlanguage = \"en\"\n# Module folders, in reading order.\nmodules = [\"{FIRST_MODULE}\"]\n"
    );
    let path = dir.join(LIBRARY_TOML);
    std::fs::write(&path, text).map_err(|source| InitError::Write { path, source })?;
    Ok(LibraryInit::Created)
}

/// Whether `dir` is a library rather than a book.
pub fn is_library(dir: &Path) -> bool {
    dir.join(LIBRARY_TOML).is_file() && !dir.join("book.toml").is_file()
}

/// Reads and checks `root/library.toml`: the library when it has no error, and every problem.
pub fn load_library(root: &Path) -> (Option<Library>, Vec<Diagnostic>) {
    let text = match read_library_toml(root) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let (library, problems) = read_library(root, &text);
    let failed = problems.iter().any(Diagnostic::is_error);
    (library.filter(|_| !failed), problems)
}

/// The text of `root/library.toml`.
pub(crate) fn read_library_toml(root: &Path) -> Result<String, Diagnostic> {
    let path = Path::new(LIBRARY_TOML);
    std::fs::read_to_string(root.join(path))
        .map_err(|e| Diagnostic::error(path, 0, format!("cannot read it: {e}")))
}

/// `library.toml` read as far as it can be, with every problem: the library whenever its
/// modules can be known, so that their problems are told with the file's.
pub(crate) fn read_library(root: &Path, text: &str) -> (Option<Library>, Vec<Diagnostic>) {
    let (library, mut problems) = parse_library(root, text);
    if let Some(library) = &library {
        problems.extend(module_problems(library));
    }
    (library, problems)
}

/// `library.toml`'s settings, each problem at its line.
pub fn parse_library(root: &Path, text: &str) -> (Option<Library>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let document = match read_document(text, &lines) {
        Ok(document) => document,
        Err(problem) => return (None, vec![problem]),
    };
    let Some(table) = document.get("library").and_then(|t| t.as_table()) else {
        let problem = Diagnostic::error(LIBRARY_TOML, 1, "there is no [library] table")
            .with_hint("start the file with [library], then title, language and modules");
        return (None, vec![problem]);
    };
    let mut problems = Vec::new();
    let mut setting = |key: &str| text_setting(table, key, &lines, &mut problems);
    let (title, language, glossary) = (setting("title"), setting("language"), setting("glossary"));
    let glossary = glossary.map(|(file, line)| (PathBuf::from(file), line));
    if let Some((file, line)) = &glossary {
        problems.extend(glossary_problem(root, file, *line));
    }
    let bad_tag = language
        .as_ref()
        .and_then(|(tag, line)| Some((check_language_tag(tag, &[])?, *line)));
    if let Some((why, line)) = bad_tag {
        problems.push(Diagnostic::error(LIBRARY_TOML, line, why).with_hint("language = \"en\""));
    }
    let modules = match table.get("modules") {
        Some(item) => module_list(item, &lines, &mut problems),
        None => {
            let problem = Diagnostic::error(LIBRARY_TOML, 1, "`modules` is missing").with_hint(
                "list the module folders in reading order: modules = [\"first\", \"second\"]",
            );
            problems.push(problem);
            Vec::new()
        }
    };
    if !table.contains_key("title") {
        problems.push(
            Diagnostic::error(LIBRARY_TOML, 1, "`title` is missing")
                .with_hint("title = \"Support and Safety training\""),
        );
    }
    let settings = site_settings(table, &lines, &mut problems);
    let library = Library {
        root: root.to_path_buf(),
        title: title.map(|t| t.0).unwrap_or_default(),
        language: language.map_or_else(|| "en".to_string(), |l| l.0),
        modules,
        glossary: glossary.map(|g| g.0),
        settings,
    };
    (Some(library), problems)
}

/// The keys `[library]` holds.
const LIBRARY_KEYS: &[&str] = &[
    "title",
    "language",
    "modules",
    "glossary",
    "quick-exit",
    "private-reading",
    "progress-file",
    "offline",
];

/// The reader settings of `[library]`, which hold for every module; an unknown key is an error,
/// since a misspelt setting would otherwise be silently ignored.
fn site_settings(
    table: &toml_edit::Table,
    lines: &LineIndex,
    problems: &mut Vec<Diagnostic>,
) -> SiteSettings {
    for (key, item) in table.iter() {
        if !LIBRARY_KEYS.contains(&key) {
            let line = item.span().map_or(1, |s| lines.line(s.start));
            problems.push(
                Diagnostic::error(
                    LIBRARY_TOML,
                    line,
                    format!("`{key}` is not a library setting"),
                )
                .with_hint(format!("[library] holds {}", LIBRARY_KEYS.join(", "))),
            );
        }
    }
    let quick_exit = text_setting(table, "quick-exit", lines, problems);
    let quick_exit = quick_exit.and_then(|(url, line)| {
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web {
            problems.push(
                Diagnostic::error(
                    LIBRARY_TOML,
                    line,
                    "`quick-exit` must be an http:// or https:// address",
                )
                .with_hint("quick-exit = \"https://www.wikipedia.org/\""),
            );
        }
        web.then_some(url)
    });
    let mut flag = |key: &str| {
        let item = table.get(key)?;
        let value = item.as_bool();
        if value.is_none() {
            let line = item.span().map_or(1, |s| lines.line(s.start));
            problems.push(Diagnostic::error(
                LIBRARY_TOML,
                line,
                format!("`{key}` must be true or false"),
            ));
        }
        value
    };
    SiteSettings {
        quick_exit,
        private_reading: flag("private-reading"),
        progress_file: flag("progress-file"),
        offline: flag("offline"),
    }
}

/// The TOML document, or why it is not one, at its line.
fn read_document(text: &str, lines: &LineIndex) -> Result<toml_edit::Document<String>, Diagnostic> {
    text.parse::<toml_edit::Document<String>>().map_err(|e| {
        let line = e.span().map_or(1, |s| lines.line(s.start));
        Diagnostic::error(
            LIBRARY_TOML,
            line,
            format!("this is not valid TOML: {}", e.message()),
        )
        .with_hint("see README, \"A library of modules\", for what library.toml holds")
    })
}

/// A text setting of `[library]` with its line; a setting of another kind is an error.
fn text_setting(
    table: &toml_edit::Table,
    key: &str,
    lines: &LineIndex,
    problems: &mut Vec<Diagnostic>,
) -> Option<(String, usize)> {
    let item = table.get(key)?;
    let line = item.span().map_or(1, |s| lines.line(s.start));
    match item.as_str() {
        Some(value) if !value.trim().is_empty() => Some((value.to_string(), line)),
        _ => {
            problems.push(Diagnostic::error(
                LIBRARY_TOML,
                line,
                format!("`{key}` must be a text"),
            ));
            None
        }
    }
}

/// Why the shared glossary named at `line` cannot be read, if it cannot: it must be a Markdown
/// file inside the library.
fn glossary_problem(root: &Path, file: &Path, line: usize) -> Option<Diagnostic> {
    let inside = is_plain_relative(&file.to_string_lossy()) && stays_inside(root, &root.join(file));
    let why = match (inside, root.join(file).is_file()) {
        (false, _) => "is not a file inside the library",
        (true, false) => "does not exist",
        (true, true) => return None,
    };
    let problem = Diagnostic::error(LIBRARY_TOML, line, format!("the glossary `{}` {why}", file.display()))
        .with_hint("write the shared terms in a Markdown file beside library.toml, such as glossary.md, as `## Term {#id}` sections");
    Some(problem)
}

/// The `modules` list: folder names, each with its line.
fn module_list(
    item: &toml_edit::Item,
    lines: &LineIndex,
    problems: &mut Vec<Diagnostic>,
) -> Vec<LibraryModule> {
    let path = Path::new(LIBRARY_TOML);
    let line_at = |span: Option<std::ops::Range<usize>>| span.map_or(1, |s| lines.line(s.start));
    let Some(array) = item.as_array() else {
        problems.push(Diagnostic::error(
            path,
            line_at(item.span()),
            "`modules` must be a list of folder names",
        ));
        return Vec::new();
    };
    let mut modules = Vec::new();
    for value in array.iter() {
        let line = line_at(value.span());
        match value.as_str() {
            Some(name) => modules.push(LibraryModule {
                name: name.trim_end_matches('/').to_string(),
                line,
            }),
            None => problems.push(Diagnostic::error(
                path,
                line,
                "a module is named by its folder, as a text",
            )),
        }
    }
    modules
}

/// What is wrong with the listed modules: a folder missing, not a book, outside the library,
/// listed twice, inside another, sharing another's path, or named like a language.
fn module_problems(library: &Library) -> Vec<Diagnostic> {
    let path = Path::new(LIBRARY_TOML);
    let mut problems = Vec::new();
    for (index, module) in library.modules.iter().enumerate() {
        let error = |message: String| Diagnostic::error(path, module.line, message);
        let name = &module.name;
        if !is_plain_relative(name) {
            problems.push(
                error(format!(
                    "the module `{name}` is not a folder inside the library"
                ))
                .with_hint("name a folder beside library.toml, such as \"harassment\""),
            );
            continue;
        }
        let earlier = &library.modules[..index];
        if let Some(first) = earlier.iter().find(|m| m.name == *name) {
            let at = match first.line == module.line {
                true => String::new(),
                false => format!(" (first at line {})", first.line),
            };
            problems.push(
                error(format!("the module `{name}` is listed twice{at}"))
                    .with_hint("list each module once"),
            );
            continue;
        }
        if let Some(other) = earlier.iter().find(|m| m.name.eq_ignore_ascii_case(name)) {
            problems.push(error(format!("the modules `{}` and `{name}` would write the same folder on a host that ignores case", other.name)).with_hint("rename one of the folders"));
        }
        if let Some(outer) = library.modules.iter().find(|m| is_inside(name, &m.name)) {
            problems.push(
                error(format!(
                    "the module `{name}` is inside the module `{}`",
                    outer.name
                ))
                .with_hint("put every module in its own folder beside library.toml"),
            );
        }
        let dir = library.root.join(name);
        if dir.exists() && !stays_inside(&library.root, &dir) {
            problems.push(
                error(format!(
                    "the module folder `{name}` leads outside the library (through a link)"
                ))
                .with_hint(
                    "put the module's folder itself inside the library; nothing outside it is read",
                ),
            );
            continue;
        }
        if !dir.is_dir() {
            problems.push(
                error(format!("the module folder `{name}` is missing"))
                    .with_hint("create it with `mdbook-training init`, or correct the name"),
            );
        } else if !dir.join("book.toml").is_file() {
            problems.push(
                error(format!(
                    "the folder `{name}` is not a book: it has no book.toml"
                ))
                .with_hint("make it a module with `mdbook-training init`"),
            );
        }
        if !name.contains('/') && check_language_tag(name, &[]).is_none() {
            problems.push(error(format!("the module `{name}` is named like a language, whose edition would use the folder {name}/")).with_hint("give the module a name that is not a language tag"));
        }
    }
    problems
}

/// A path of normal parts only: no root, no `..`, no `.`.
fn is_plain_relative(name: &str) -> bool {
    !name.is_empty()
        && Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Whether `path`, with every link followed, lies inside the folder `root`.
fn stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => true,
    }
}

/// Whether the folder `inner` lies inside the folder `outer` (both relative to the library).
fn is_inside(inner: &str, outer: &str) -> bool {
    inner != outer && Path::new(inner).starts_with(outer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn library_with(modules: &[&str], toml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for module in modules {
            fs::create_dir_all(dir.path().join(module)).unwrap();
            fs::write(dir.path().join(module).join("book.toml"), "[book]\n").unwrap();
        }
        fs::write(dir.path().join(LIBRARY_TOML), toml).unwrap();
        dir
    }

    fn told(problems: &[Diagnostic]) -> Vec<(usize, String)> {
        problems
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect()
    }

    #[test]
    fn a_library_lists_its_modules_in_reading_order() {
        let dir = library_with(
            &["harassment", "events"],
            "[library]\ntitle = \"Support and Safety training\"\nlanguage = \"en\"\nmodules = [\"harassment\", \"events\"]\nglossary = \"glossary.md\"\n",
        );
        assert!(is_library(dir.path()));
        let (_, problems) = load_library(dir.path());
        assert_eq!(
            told(&problems),
            [(5, "the glossary `glossary.md` does not exist".to_string())]
        );
        fs::write(dir.path().join("glossary.md"), "# Glossary\n").unwrap();
        let (library, problems) = load_library(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let library = library.unwrap();
        assert_eq!(library.title, "Support and Safety training");
        let names: Vec<&str> = library.modules.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["harassment", "events"]);
        assert_eq!(library.modules[1].line, 4);
        assert_eq!(library.glossary, Some(PathBuf::from("glossary.md")));
    }

    #[test]
    fn every_problem_of_the_modules_is_told_at_its_line() {
        let dir = library_with(
            &["harassment", "harassment/inner", "Events", "events", "fr"],
            "[library]\ntitle = \"T\"\nmodules = [\n  \"harassment\",\n  \"missing\",\n  \"harassment\",\n  \"harassment/inner\",\n  \"Events\",\n  \"events\",\n  \"fr\",\n  \"../outside\",\n  \"notes\",\n]\n",
        );
        fs::create_dir_all(dir.path().join("notes")).unwrap();
        let (library, problems) = load_library(dir.path());
        assert!(library.is_none());
        let told = told(&problems);
        let at = |line: usize, words: &str| {
            assert!(
                told.iter().any(|(l, m)| *l == line && m.contains(words)),
                "line {line}: {words}\n{told:#?}"
            )
        };
        at(5, "the module folder `missing` is missing");
        at(6, "listed twice (first at line 4)");
        at(7, "is inside the module `harassment`");
        at(9, "would write the same folder");
        at(10, "named like a language");
        at(11, "not a folder inside the library");
        at(12, "is not a book");
        assert!(problems.iter().all(|d| d.path == Path::new(LIBRARY_TOML)));
    }

    #[test]
    fn a_broken_file_is_told_at_its_line() {
        let dir = library_with(&[], "[library]\ntitle = \"T\nmodules = []\n");
        let (library, problems) = load_library(dir.path());
        assert!(library.is_none());
        assert_eq!(problems[0].line, 2, "{problems:?}");
        let dir = library_with(&[], "title = \"T\"\n");
        assert!(
            told(&load_library(dir.path()).1)[0]
                .1
                .contains("no [library] table")
        );
        let dir = library_with(&[], "[library]\ntitle = \"T\"\n");
        assert!(
            told(&load_library(dir.path()).1)[0]
                .1
                .contains("`modules` is missing")
        );
    }
}
