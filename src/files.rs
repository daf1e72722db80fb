//! Files as sets: writing a set all or nothing (each is written beside its place first, then
//! all are moved into place, and a failure puts back every file as it was), and finding every
//! file under a folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Every file under `dir`, in no set order, leaving out each file or folder for which `skip`
/// says so (and what such a folder holds).
pub fn files_in(dir: &Path, skip: impl Fn(&Path) -> bool) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder)? {
            let path = entry?.path();
            if skip(&path) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// One file moved into place: where its temporary copy was, and the previous file kept aside.
struct Placed<'a> {
    path: &'a Path,
    temporary: PathBuf,
    previous: Option<PathBuf>,
}

/// Writes every `(path, text)`; on any failure, every file is left as it was (folders it had to
/// create may remain, empty).
pub fn write_all_or_nothing(files: &[(PathBuf, &str)]) -> io::Result<()> {
    let mut written: Vec<Placed<'_>> = Vec::new();
    let result = files.iter().try_for_each(|(path, text)| {
        if path.is_dir() {
            return Err(io::Error::other(format!(
                "{} is a folder, where a file goes",
                path.display()
            )));
        }
        let temporary = beside(path, "writing")?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&temporary, text)?;
        written.push(Placed {
            path,
            temporary,
            previous: None,
        });
        Ok(())
    });
    let mut placed = 0;
    let result = result.and_then(|()| {
        for file in &mut written {
            place(file)?;
            placed += 1;
        }
        Ok(())
    });
    match result {
        Ok(()) => {
            for file in &written {
                if let Some(previous) = &file.previous {
                    let _ = fs::remove_file(previous);
                }
            }
            Ok(())
        }
        Err(err) => {
            undo(&written, placed);
            Err(err)
        }
    }
}

/// Moves the file there aside, then the new one into place.
fn place(file: &mut Placed<'_>) -> io::Result<()> {
    if fs::symlink_metadata(file.path).is_ok() {
        let previous = beside(file.path, "previous")?;
        fs::rename(file.path, &previous)?;
        file.previous = Some(previous);
    }
    fs::rename(&file.temporary, file.path)
}

/// Puts back what the first `placed` files replaced and removes every temporary file.
fn undo(written: &[Placed<'_>], placed: usize) {
    for (n, file) in written.iter().enumerate().rev() {
        if n < placed {
            let _ = fs::remove_file(file.path);
        } else {
            let _ = fs::remove_file(&file.temporary);
        }
        if let Some(previous) = &file.previous {
            let _ = fs::rename(previous, file.path);
        }
    }
}

/// `.NAME.KIND-PID` beside `path`; an error when the name is too long for the file system.
fn beside(path: &Path, kind: &str) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} has no file name", path.display())))?;
    let name = name.to_string_lossy();
    // Most file systems take 255 bytes a name; the temporary name adds to it.
    if name.len() > 200 {
        return Err(io::Error::other(format!(
            "the file name {name} is too long"
        )));
    }
    Ok(path.with_file_name(format!(".{name}.{kind}-{}", std::process::id())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bad_name_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.md");
        let bad = dir.path().join(format!("{}.md", "x".repeat(300)));
        let files = [(good.clone(), "a"), (bad, "b")];
        assert!(write_all_or_nothing(&files).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(write_all_or_nothing(&files[..1]).is_ok());
        assert_eq!(fs::read_to_string(good).unwrap(), "a");
    }

    #[test]
    fn a_folder_in_the_way_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (first, folder) = (dir.path().join("a.md"), dir.path().join("b.md"));
        fs::write(&first, "old").unwrap();
        fs::create_dir_all(folder.join("inner")).unwrap();
        let files = [(first.clone(), "new"), (folder.join("inner"), "x")];
        assert!(write_all_or_nothing(&files).is_err());
        assert_eq!(fs::read_to_string(&first).unwrap(), "old");
        assert!(folder.join("inner").is_dir());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
