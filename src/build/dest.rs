//! Where a site goes: the destination checked against the book, stamped, swapped in whole, and
//! the working folders of killed builds cleaned up.

use crate::diagnostic::Diagnostic;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a site this tool built, so that it may be replaced.
pub const STAMP: &str = ".mdbook-training-site";
const STAMP_TEXT: &str =
    "This folder was built by mdbook-training; the next build replaces it as a whole.\n";

/// A checked destination: an absolute, normalised path that is neither the book nor holds it.
#[derive(Debug, Clone)]
pub struct Destination {
    pub path: PathBuf,
    parent: PathBuf,
    name: String,
}

/// `path` made absolute against `base` with `.` and `..` folded away, without touching the disk.
pub fn normalise(base: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `path` with its longest existing ancestor resolved through links, the rest kept as written.
fn resolved(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path.to_path_buf();
    loop {
        if let Ok(real) = fs::canonicalize(&existing) {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
}

impl Destination {
    /// Checks `dest` (or the book's `build-dir`) before anything is written: it may not be the
    /// book, hold the book, or lie inside the book's sources, theme or translations; a folder
    /// that this tool did not build is replaced only with `force`.
    pub fn check(
        root: &Path,
        src_dir: &Path,
        dest: Option<&Path>,
        build_dir: &Path,
        force: bool,
    ) -> Result<Destination, Diagnostic> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = normalise(&cwd, root);
        let (path, named_by) = match dest {
            Some(dest) => (normalise(&cwd, dest), "--dest"),
            None => (normalise(&root, build_dir), "build-dir"),
        };
        let where_ = if named_by == "--dest" {
            Path::new("")
        } else {
            Path::new("book.toml")
        };
        let refuse = |why: String| {
            Diagnostic::error(
                where_,
                0,
                format!("the destination {} {why}", path.display()),
            )
            .with_hint(format!(
                "choose a folder of its own for the site with {named_by}, such as `book`"
            ))
        };
        let (real, real_root) = (resolved(&path), resolved(&root));
        if real == real_root {
            return Err(refuse("is the book itself".into()));
        }
        if real_root.starts_with(&real) {
            return Err(refuse("holds the book".into()));
        }
        for inner in [src_dir, Path::new("theme"), Path::new("po")] {
            if real.starts_with(real_root.join(inner)) {
                return Err(refuse(format!(
                    "lies inside the book's {} folder",
                    inner.display()
                )));
            }
        }
        if !force && is_foreign(&path) {
            return Err(Diagnostic::error(
                where_,
                0,
                format!("{} is not empty and was not built by mdbook-training", path.display()),
            )
            .with_hint("building would replace everything in it: choose another folder, empty it, or give --force to replace it"));
        }
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(refuse("has no parent folder".into()));
        };
        Ok(Destination {
            parent: parent.to_path_buf(),
            name: name.to_string_lossy().into_owned(),
            path,
        })
    }

    /// The folder the working folders of a build sit in, beside the destination.
    pub fn parent(&self) -> &Path {
        &self.parent
    }

    /// A working folder of this process beside the destination: `.NAME.KIND-PID`.
    pub fn working(&self, kind: &str) -> PathBuf {
        self.parent.join(format!(
            "{}{}",
            self.working_prefix(kind),
            std::process::id()
        ))
    }

    /// The start of the names of this destination's working folders of `kind`: `.NAME.KIND-`.
    pub fn working_prefix(&self, kind: &str) -> String {
        format!(".{}.{kind}-", self.name)
    }

    /// Removes the working folders that builds of this destination left when they were killed.
    pub fn remove_stale(&self) {
        let kinds = ["building", "old", "editions"].map(|kind| self.working_prefix(kind));
        remove_stale(&self.parent, &kinds);
    }

    /// Replaces the destination by a built site (marked with [`mark`]) with two renames, so
    /// readers never see half a site. A previous site that cannot be removed afterwards is a
    /// warning: the new site is in place.
    pub fn swap_in(&self, staging: &Path) -> Result<Option<String>, std::io::Error> {
        if !self.path.exists() {
            return fs::rename(staging, &self.path).map(|()| None);
        }
        let old = self.working("old");
        fs::rename(&self.path, &old)?;
        if let Err(err) = fs::rename(staging, &self.path) {
            let _ = fs::rename(&old, &self.path);
            return Err(err);
        }
        Ok(fs::remove_dir_all(&old).err().map(|err| {
            format!(
                "cannot remove the previous site at {}: {err}",
                old.display()
            )
        }))
    }
}

/// A folder with files in it but no stamp: someone else's.
fn is_foreign(path: &Path) -> bool {
    match fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_some() && !path.join(STAMP).is_file(),
        Err(_) => path.exists(),
    }
}

/// Marks `folder` as made by this tool: a built site, or a working folder. Only marked folders
/// are ever replaced or removed without `--force`.
pub fn mark(folder: &Path) -> std::io::Result<()> {
    fs::write(folder.join(STAMP), STAMP_TEXT)
}

/// A marked working folder `PREFIX` + this process's id + `-…` in `parent`, removed when dropped
/// and, should this process be killed, by the next run ([`remove_stale`]).
pub fn working_folder(parent: &Path, prefix: &str) -> std::io::Result<tempfile::TempDir> {
    let folder = tempfile::Builder::new()
        .prefix(&format!("{prefix}{}-", std::process::id()))
        .tempdir_in(parent)?;
    mark(folder.path())?;
    Ok(folder)
}

/// Removes the folders in `parent` named by one of `prefixes` followed by the id of a process
/// that is gone, when they carry this tool's mark: what killed runs left, and nothing else.
pub fn remove_stale(parent: &Path, prefixes: &[String]) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix.as_str()))
            .and_then(leading_number);
        if let Some(pid) = pid
            && !process_is_running(pid)
            && entry.path().join(STAMP).is_file()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The number a name part starts with: the process id in `123-abc` or `123`.
fn leading_number(text: &str) -> Option<u32> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

/// Whether a process with this id is running; when that cannot be known, it is taken to be.
pub fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return true;
        };
        // Signal 0 asks only whether the process exists; EPERM means it does, as someone else's.
        // SAFETY: kill with signal 0 sends nothing and touches no memory.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_dots() {
        let base = Path::new("/work");
        assert_eq!(
            normalise(base, Path::new("out/site/../site")),
            Path::new("/work/out/site")
        );
        assert_eq!(
            normalise(base, Path::new("./a/./b/..")),
            Path::new("/work/a")
        );
    }

    #[test]
    fn working_folder_names() {
        assert_eq!(leading_number("123"), Some(123));
        assert_eq!(leading_number("77-Xa1b"), Some(77));
        assert_eq!(leading_number("x9"), None);
        assert!(process_is_running(std::process::id()));
    }
}
