//! `serve`: live preview on 127.0.0.1, rebuilt and reloaded whenever a source file changes.

use anyhow::{Context, Result};
use mdbook_training::build::{BuildOptions, NoProgress, build};
use mdbook_training::render::escape_html;
use notify::{RecursiveMode, Watcher};
use std::fs;
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::Duration;
use tiny_http::{Header, Request, Response, Server};

const LIVERELOAD_JS: &str = include_str!("../../theme/livereload.js");
/// How long a browser's "anything new?" request waits before it is answered anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);
/// Edits arriving this close together are built once.
const SETTLE: Duration = Duration::from_millis(80);

/// What the preview shows: the last good build, and the errors of the latest one, if any.
#[derive(Default)]
struct Preview {
    site: Option<PathBuf>,
    generation: u64,
    error: Option<String>,
}

struct Shared {
    state: Mutex<Preview>,
    changed: Condvar,
}

pub fn run(book_dir: &Path, port: u16, languages: &[String]) -> Result<ExitCode> {
    let book_dir = fs::canonicalize(book_dir)
        .with_context(|| format!("cannot find the book {}", book_dir.display()))?;
    let workspace = tempfile::Builder::new()
        .prefix("mdbook-training-serve")
        .tempdir()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(Preview::default()),
        changed: Condvar::new(),
    });
    let languages = languages.to_vec();
    rebuild(&book_dir, workspace.path(), &shared, &languages);

    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    eprintln!(
        "serving {} on http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        book_dir.display()
    );

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
    watcher.watch(&book_dir, RecursiveMode::Recursive)?;
    let build_dir = super::load_book(&book_dir)
        .map(|b| b.root.join(&b.config.build.build_dir))
        .unwrap_or_else(|_| book_dir.join("book"));
    {
        let shared = Arc::clone(&shared);
        let book_dir = book_dir.clone();
        let workspace = workspace.path().to_path_buf();
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
    }

    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = respond(request, &shared);
        });
    }
    Ok(ExitCode::SUCCESS)
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
    let result = match build(book_dir, &options, &NoProgress) {
        Ok(report) => {
            super::report(&report.warnings);
            Ok(())
        }
        Err(error) => {
            let warnings: Vec<String> = error
                .diagnostics
                .warnings()
                .map(|w| w.to_string())
                .collect();
            Err(relative_to(
                book_dir,
                &[warnings.join("\n"), error.to_string()]
                    .join("\n")
                    .trim()
                    .to_string(),
            ))
        }
    };
    let Ok(mut state) = shared.state.lock() else {
        return;
    };
    state.generation = generation;
    match result {
        Ok(()) => {
            eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
            if let Some(old) = state.site.replace(dest) {
                let _ = fs::remove_dir_all(old);
            }
            state.error = None;
        }
        Err(report) => {
            eprintln!("{report}");
            state.error = Some(report);
        }
    }
    shared.changed.notify_all();
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn respond(request: Request, shared: &Shared) -> std::io::Result<()> {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == "/__training/livereload.js" {
        let response = Response::from_string(LIVERELOAD_JS)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        return request.respond(response);
    }
    if path == "/__training/events" {
        let since: u64 = query
            .strip_prefix("since=")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let state = shared
            .state
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?;
        let (state, _) = shared
            .changed
            .wait_timeout_while(state, POLL_WAIT, |s| s.generation <= since)
            .map_err(|_| std::io::Error::other("poisoned"))?;
        let body =
            serde_json::json!({ "generation": state.generation, "error": state.error }).to_string();
        drop(state);
        return request.respond(
            Response::from_string(body).with_header(header("Content-Type", "application/json")),
        );
    }

    let (site, generation, error) = match shared.state.lock() {
        Ok(s) => (s.site.clone(), s.generation, s.error.clone()),
        Err(_) => return request.respond(Response::empty(500)),
    };
    let Some(site) = site else {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The book has errors</h1><pre>{}</pre>{}</body></html>",
            escape_html(error.as_deref().unwrap_or("")),
            reload_tag(generation, None)
        );
        return request.respond(
            Response::from_string(page)
                .with_status_code(500)
                .with_header(header("Content-Type", "text/html; charset=utf-8")),
        );
    };
    let Some(file) = resolve(&site, path) else {
        return request.respond(Response::from_string("not found").with_status_code(404));
    };
    let bytes = match fs::read(&file) {
        Ok(bytes) => bytes,
        Err(_) => return request.respond(Response::from_string("not found").with_status_code(404)),
    };
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let tag = reload_tag(generation, error.as_deref());
        let html = match html.rfind("</body>") {
            Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
            None => format!("{html}{tag}"),
        };
        return request.respond(
            Response::from_string(html).with_header(header("Content-Type", content_type)),
        );
    }
    request.respond(Response::new(
        200.into(),
        vec![header("Content-Type", content_type)],
        Cursor::new(bytes.clone()),
        Some(bytes.len()),
        None,
    ))
}

fn reload_tag(generation: u64, error: Option<&str>) -> String {
    let error = error
        .map(|e| format!(" data-error=\"{}\"", escape_html(e)))
        .unwrap_or_default();
    format!(
        "<script src=\"/__training/livereload.js\" data-generation=\"{generation}\"{error}></script>"
    )
}

/// The file a URL path names inside the site, refusing anything that leaves it.
fn resolve(site: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    let mut file = site.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `text` with the book's absolute folder taken out of every path it names.
fn relative_to(book_dir: &Path, text: &str) -> String {
    let prefix = format!("{}{}", book_dir.display(), std::path::MAIN_SEPARATOR);
    text.replace(&prefix, "")
}
