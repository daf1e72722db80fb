//! `serve`: the preview answers on 127.0.0.1, rebuilds when a chapter is saved, and shows an
//! error on the page while it keeps serving the last good build.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{fs, thread};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn serve_rebuilds_on_save_and_shows_errors() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Served\"\n[preprocessor.training]\ndiscussion-url = \"https://example.org/T#{id}\"\noffline = true\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [Chapter](ch.md)\n"),
        ("src/ch.md", "# Chapter\n\nFirst version.\n"),
    ]);
    let port = free_port();
    let _server = serve(book.path(), port);
    wait_for("the first page", || {
        get(port, "/ch.html").is_some_and(|r| r.contains("First version."))
    });
    let page = get(port, "/ch.html").unwrap();
    assert!(
        page.contains("/__training/livereload.js"),
        "the preview page reloads itself"
    );
    // The build wrote the offline worker, which a preview never serves: kept pages would be
    // yesterday's.
    for file in ["/training-sw.js", "/training-offline.json"] {
        let answer = get(port, file).unwrap();
        assert!(answer.starts_with("HTTP/1.1 404"), "{file}: {answer}");
    }

    fs::write(
        book.path().join("src/ch.md"),
        "# Chapter\n\nSecond version.\n",
    )
    .unwrap();
    wait_for("the rebuilt page", || {
        get(port, "/ch.html").is_some_and(|r| r.contains("Second version."))
    });

    fs::write(
        book.path().join("src/ch.md"),
        "# Chapter\n\n{{#quiz open}}\n",
    )
    .unwrap();
    wait_for("the error report", || {
        get(port, "/__training/events?since=0")
            .is_some_and(|r| r.contains("src/ch.md:3: `{{#quiz open}}` is never closed"))
    });
    let page = get(port, "/ch.html").unwrap();
    assert!(
        page.contains("Second version."),
        "the last good build is still served"
    );
    assert!(
        page.contains("data-error=\"src/ch.md:3:"),
        "the page carries the error to show"
    );
    assert!(get(port, "/../book.toml").is_some_and(|r| r.starts_with("HTTP/1.1 404")));

    fs::write(book.path().join("src/ch.md"), "# Chapter\n\nFixed.\n").unwrap();
    wait_for("the fixed page", || {
        get(port, "/ch.html").is_some_and(|r| r.contains("Fixed."))
    });
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(book: &std::path::Path, port: u16) -> Server {
    Server(
        Command::new(bin())
            .args(["serve", book.to_str().unwrap(), "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

/// Sends `head` as a request's line and headers and returns the whole answer.
fn raw(port: u16, head: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(head.as_bytes());
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

/// The preview's working folders of the process `pid` in the temporary folder.
fn workspaces_of(pid: u32) -> Vec<std::path::PathBuf> {
    let prefix = format!("mdbook-training-serve-{pid}-");
    fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

#[test]
fn serve_answers_only_its_own_host_caps_headers_and_cleans_up() {
    let book = write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Served\"\n[preprocessor.training]\n",
        ),
        ("src/SUMMARY.md", "# Summary\n\n- [Chapter](ch.md)\n"),
        ("src/ch.md", "# Chapter\n\nText.\n"),
    ]);
    // A folder left by a preview that was killed.
    let gone = ended_process_id();
    let stale = std::env::temp_dir().join(format!("mdbook-training-serve-{gone}-stale"));
    leftover_folder(&stale);

    let port = free_port();
    let mut server = serve(book.path(), port);
    wait_for("the first page", || {
        get(port, "/ch.html").is_some_and(|r| r.contains("Text."))
    });
    assert!(!stale.exists(), "the killed preview's folder is removed");
    let foreign = raw(
        port,
        "GET /ch.html HTTP/1.1\r\nHost: attacker.example\r\n\r\n",
    );
    assert!(foreign.starts_with("HTTP/1.1 421"), "{foreign}");
    let own = raw(
        port,
        &format!("GET /ch.html HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"),
    );
    assert!(own.starts_with("HTTP/1.1 200"), "{own}");
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert!(raw(port, &huge).starts_with("HTTP/1.1 431"));

    fs::write(book.path().join("book.toml"), "[book\n").unwrap();
    wait_for("the error report", || {
        get(port, "/__training/events?since=1").is_some_and(|r| r.contains("book.toml"))
    });
    let report = get(port, "/__training/events?since=1").unwrap();
    let absolute = fs::canonicalize(book.path()).unwrap();
    assert!(
        !report.contains(absolute.to_str().unwrap()),
        "paths are the book's own: {report}"
    );

    let pid = server.0.id();
    assert_eq!(workspaces_of(pid).len(), 1);
    // SAFETY: sends SIGTERM to the preview this test started.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let status = server.0.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(
        workspaces_of(pid).is_empty(),
        "the preview removes its folder"
    );
}

#[test]
fn serve_takes_a_library_and_rebuilds_a_module_on_save() {
    let library = common::library::three_module_library();
    let port = free_port();
    let _server = serve(library.path(), port);
    wait_for("the library's page", || {
        get(port, "/index.html").is_some_and(|r| r.contains("Support and Safety training"))
    });
    assert!(get(port, "/fr/events/before.html").is_some_and(|r| r.contains("sur place")));
    common::library::edit(
        &library.path().join("events/src/before.md"),
        "at the venue",
        "at the front desk",
    );
    wait_for("the rebuilt module", || {
        get(port, "/events/before.html").is_some_and(|r| r.contains("at the front desk"))
    });
}
