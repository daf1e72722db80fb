//! The live preview: the book built into a folder of its own and served on 127.0.0.1, rebuilt
//! and reloaded whenever a source file changes, the last good build kept in view.

mod http;

use crate::build::{BuildOptions, NoProgress, build};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::fs;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;

/// Edits arriving this close together are built once.
const SETTLE: Duration = Duration::from_millis(80);
/// The preview's working folders in the temporary folder: `PREFIX-PID-…`.
const WORKSPACE_PREFIX: &str = "mdbook-training-serve-";

/// What the preview shows: the last good build, and the errors of the latest one, if any.
#[derive(Default)]
struct State {
    site: Option<PathBuf>,
    generation: u64,
    error: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Where the preview's lines go: rebuilds, warnings and errors.
    report: Box<dyn Fn(&str) + Send + Sync>,
}

/// A preview being served: its working folder is removed when it is dropped.
pub struct Preview {
    book_dir: PathBuf,
    workspace: tempfile::TempDir,
    shared: Arc<Shared>,
    languages: Vec<String>,
}

impl Preview {
    /// Builds the book at `book_dir` (an absolute path) for the first time; `report` receives
    /// every line the preview has to say.
    pub fn start(
        book_dir: &Path,
        languages: &[String],
        report: impl Fn(&str) + Send + Sync + 'static,
    ) -> Result<Self> {
        let temp = std::env::temp_dir();
        crate::build::dest::remove_stale(&temp, &[WORKSPACE_PREFIX.to_string()]);
        let workspace = crate::build::dest::working_folder(&temp, WORKSPACE_PREFIX)?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            report: Box::new(report),
        });
        rebuild(book_dir, workspace.path(), &shared, languages);
        Ok(Preview {
            book_dir: book_dir.to_path_buf(),
            workspace,
            shared,
            languages: languages.to_vec(),
        })
    }

    /// The preview's working folder, to remove when the process is stopped.
    pub fn workspace(&self) -> &Path {
        self.workspace.path()
    }

    /// Serves on 127.0.0.1:`port` until the process ends, rebuilding on every change.
    pub fn serve(&self, port: u16) -> Result<()> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
        let _watcher = watch(
            &self.book_dir,
            self.workspace.path(),
            &self.shared,
            self.languages.clone(),
        )?;
        for stream in listener.incoming().flatten() {
            let shared = Arc::clone(&self.shared);
            std::thread::spawn(move || {
                let _ = http::answer(stream, &shared, port);
            });
        }
        Ok(())
    }
}

/// Rebuilds whenever a source file of the book changes.
fn watch(
    book_dir: &Path,
    workspace: &Path,
    shared: &Arc<Shared>,
    languages: Vec<String>,
) -> Result<notify::RecommendedWatcher> {
    let (events_tx, events_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading files (as every build does) raises access events; only edits count.
        if let Ok(event) = event
            && (event.kind.is_create()
                || event.kind.is_remove()
                || matches!(event.kind, notify::EventKind::Modify(kind) if !matches!(kind, notify::event::ModifyKind::Metadata(_))))
        {
            let _ = events_tx.send(event.paths);
        }
    })?;
    watcher.watch(book_dir, RecursiveMode::Recursive)?;
    let build_dir = match crate::library::is_library(book_dir) {
        true => book_dir.join(crate::library::LIBRARY_SITE),
        false => crate::build::load_book(book_dir)
            .map(|b| b.root.join(&b.config.build.build_dir))
            .unwrap_or_else(|_| book_dir.join("book")),
    };
    let (shared, book_dir, workspace) = (
        Arc::clone(shared),
        book_dir.to_path_buf(),
        workspace.to_path_buf(),
    );
    std::thread::spawn(move || {
        while let Ok(paths) = events_rx.recv() {
            let mut relevant = paths.iter().any(|p| is_source(p, &book_dir, &build_dir));
            while let Ok(more) = events_rx.recv_timeout(SETTLE) {
                relevant |= more.iter().any(|p| is_source(p, &book_dir, &build_dir));
            }
            if relevant {
                rebuild(&book_dir, &workspace, &shared, &languages);
            }
        }
    });
    Ok(watcher)
}

/// Changes inside the book's own output, editor swap files and hidden files do not rebuild.
fn is_source(path: &Path, book_dir: &Path, build_dir: &Path) -> bool {
    let inside = path.strip_prefix(book_dir).unwrap_or(path);
    !path.starts_with(build_dir)
        && !inside
            .components()
            .any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')))
        && !path.to_string_lossy().ends_with('~')
}

fn rebuild(book_dir: &Path, workspace: &Path, shared: &Shared, languages: &[String]) {
    let generation = shared.state.lock().map(|s| s.generation + 1).unwrap_or(1);
    let dest = workspace.join(format!("site-{generation}"));
    let started = std::time::Instant::now();
    let options = BuildOptions {
        dest: Some(dest.clone()),
        languages: languages.to_vec(),
        force: false,
    };
    let built = match crate::library::is_library(book_dir) {
        true => crate::library::build_library(book_dir, &options, &NoProgress),
        false => build(book_dir, &options, &NoProgress),
    };
    let result = match built {
        Ok(built) => {
            for warning in built.warnings.warnings() {
                (shared.report)(&warning.to_string());
            }
            Ok(())
        }
        Err(error) => {
            let warnings: Vec<String> = error.warnings().map(|w| w.to_string()).collect();
            let report = [warnings.join("\n"), error.to_string()].join("\n");
            Err(relative_to(book_dir, report.trim()))
        }
    };
    let Ok(mut state) = shared.state.lock() else {
        return;
    };
    state.generation = generation;
    match result {
        Ok(()) => {
            (shared.report)(&format!("rebuilt in {} ms", started.elapsed().as_millis()));
            if let Some(old) = state.site.replace(dest) {
                let _ = fs::remove_dir_all(old);
            }
            state.error = None;
        }
        Err(report) => {
            (shared.report)(&report);
            state.error = Some(report);
        }
    }
    shared.changed.notify_all();
}

/// `text` with the book's absolute folder taken out of every path it names.
fn relative_to(book_dir: &Path, text: &str) -> String {
    let prefix = format!("{}{}", book_dir.display(), std::path::MAIN_SEPARATOR);
    text.replace(&prefix, "")
}
