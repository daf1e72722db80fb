//! The preview's HTTP side: one request per connection, read with a bounded head, answered
//! only for the preview's own address and only with files of the built site.

use super::Shared;
use crate::escape::escape_html;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIVERELOAD_JS: &str = include_str!("../../theme/livereload.js");
/// How long a browser's "anything new?" request waits before it is answered anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);
/// The most a request's line and headers may take; a larger request is refused with 431.
const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// One answer: status, content type and body.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

/// Reads one request from `stream` and answers it; the connection closes after.
pub(super) fn answer(mut stream: TcpStream, shared: &Shared, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let reply = match read_head(&mut stream)? {
        Some(head) => reply_to(&head, shared, port),
        None => Reply::text(431, "request header fields too large"),
    };
    let reason = match reply.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    )?;
    stream.write_all(&reply.body)?;
    stream.flush()
}

/// The request's line and headers, or `None` when they are longer than [`MAX_REQUEST_HEAD`].
fn read_head(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_REQUEST_HEAD {
            return Ok(None);
        }
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..read]);
    }
    Ok(Some(head))
}

/// The reply to a request for this preview, which answers only `GET` for its own address.
fn reply_to(head: &[u8], shared: &Shared, port: u16) -> Reply {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Reply::text(431, "too many headers"),
        _ => return Reply::text(400, "bad request"),
    }
    if !matches!(request.method, Some("GET" | "HEAD")) {
        return Reply::text(405, "only GET");
    }
    let host = request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| String::from_utf8_lossy(h.value).into_owned());
    if !host.is_some_and(|host| is_own_host(&host, port)) {
        // A page on another site may make the browser ask for a name that points here.
        return Reply::text(421, "this preview answers only for its own address");
    }
    let url = request.path.unwrap_or("/");
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    respond(path, query, shared)
}

/// Whether a `Host` header names the address the preview listens on.
fn is_own_host(host: &str, port: u16) -> bool {
    let name = host.strip_suffix(&format!(":{port}")).unwrap_or(host);
    matches!(name, "127.0.0.1" | "localhost")
}

fn respond(path: &str, query: &str, shared: &Shared) -> Reply {
    if path == "/__training/livereload.js" {
        return Reply::new(200, "text/javascript; charset=utf-8", LIVERELOAD_JS);
    }
    if path == "/__training/events" {
        let since: u64 = query
            .strip_prefix("since=")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let Ok(state) = shared.state.lock() else {
            return Reply::text(500, "poisoned");
        };
        let Ok((state, _)) = shared
            .changed
            .wait_timeout_while(state, POLL_WAIT, |s| s.generation <= since)
        else {
            return Reply::text(500, "poisoned");
        };
        let body =
            serde_json::json!({ "generation": state.generation, "error": state.error }).to_string();
        return Reply::new(200, "application/json", body);
    }
    let (site, generation, error) = match shared.state.lock() {
        Ok(s) => (s.site.clone(), s.generation, s.error.clone()),
        Err(_) => return Reply::text(500, "poisoned"),
    };
    let Some(site) = site else {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The book has errors</h1><pre>{}</pre>{}</body></html>",
            escape_html(error.as_deref().unwrap_or("")),
            reload_tag(generation, None)
        );
        return Reply::new(500, "text/html; charset=utf-8", page);
    };
    // A preview is never kept for offline reading: a worker would serve the author yesterday's
    // pages. Without these files the offer stays hidden.
    let offline = [crate::offline::WORKER_FILE, crate::offline::FACTS_FILE];
    if offline
        .iter()
        .any(|name| path.ends_with(&format!("/{name}")))
    {
        return Reply::text(404, "not found");
    }
    let Some((file, bytes)) =
        resolve(&site, path).and_then(|f| Some((f.clone(), fs::read(f).ok()?)))
    else {
        return Reply::text(404, "not found");
    };
    let content_type = content_type(&file);
    if !content_type.starts_with("text/html") {
        return Reply::new(200, content_type, bytes);
    }
    let html = String::from_utf8_lossy(&bytes);
    let tag = reload_tag(generation, error.as_deref());
    let html = match html.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}"),
    };
    Reply::new(200, content_type, html)
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
    // Followed through any link, the file must still be inside the site.
    let real = fs::canonicalize(&file).ok()?;
    (real.starts_with(fs::canonicalize(site).ok()?) && real.is_file()).then_some(real)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_outside_the_site_are_never_served() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        fs::write(site.path().join("page.html"), "page").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            site.path().join("link.txt"),
        )
        .unwrap();
        assert!(resolve(site.path(), "/page.html").is_some());
        assert!(resolve(site.path(), "/link.txt").is_none());
        assert!(resolve(site.path(), "/../secret.txt").is_none());
        assert!(resolve(site.path(), "/%2e%2e/secret.txt").is_none());
    }
}
