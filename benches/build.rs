//! End-to-end build benchmarks against plain mdBook, side by side in one run, printed as a
//! table: `cargo bench --bench build`. See BENCHMARKS.md.
//!
//! (a) the module with its French and Arabic editions against three plain mdBook builds;
//! (b) a generated 1,000-chapter book with one question per chapter against plain mdBook;
//! (c) how soon `serve` shows a one-line edit.
//!
//! Every build runs in a child process, so its wall time and peak memory are its own; the two
//! sides alternate, so that a busy moment of the machine falls on both.

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

// Shared with `editions`, which reads the CPU time too.
#[allow(dead_code)]
#[path = "measure.rs"]
mod measure;
use measure::median;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{copy_dir, module_with_editions};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-training");

/// Runs `command` and returns its wall time in seconds and its peak resident memory in MB.
fn measure(command: &mut Command) -> (f64, f64) {
    let usage = measure::measure(command);
    (usage.wall, usage.memory_mb)
}

/// mdBook alone, in this process: the book with the training preprocessor taken out of
/// book.toml, built `times` times into `DEST-N`.
fn plain_mdbook(book: &Path, dest: &Path, times: usize) {
    let text = fs::read_to_string(book.join("book.toml")).unwrap();
    let without: String = text
        .split("\n[")
        .filter(|table| !table.starts_with("preprocessor.training"))
        .collect::<Vec<_>>()
        .join("\n[");
    for n in 0..times {
        let mut config = Config::from_str(&without).unwrap();
        config.build.build_dir = dest.with_extension(n.to_string());
        config.build.create_missing = false;
        MDBook::load_with_config(book, config)
            .unwrap()
            .build()
            .unwrap();
    }
}

fn ours(book: &Path, dest: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.args([
        "build",
        book.to_str().unwrap(),
        "--dest",
        dest.to_str().unwrap(),
        "--quiet",
    ]);
    command
}

fn plain(book: &Path, dest: &Path, times: usize) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--plain", book.to_str().unwrap(), dest.to_str().unwrap()]);
    command.arg(times.to_string());
    command
}

/// A generated chapter: text, a question, a glossary link and a section link.
fn chapter(n: usize) -> String {
    format!(
        "# Chapter {n} {{#chapter-{n}}}\n\nVolunteers who handle reports read this chapter, number {n}, to learn how to reply with empathy, how to keep a [diff](glossary:diff) as evidence and when to escalate; see [the first chapter](section:chapter-0).\n\n## Practice\n\nThe reporter may be frightened, angry or hurt. Reply promptly, give a timeline you can keep, and never share the accused person's private details.\n\n{{{{#quiz question-{n}}}}}\n\n### Question {n}\n\nWhich reply is best?\n\n- [ ] Ignore the report until the weekend.\n- [x] Thank them, say when you will reply, and ask for updates.\n\n  > It is prompt and sets expectations.\n- [ ] Tell them the accused is a respected editor.\n\nThe second reply is kind and concrete.\n\n{{{{/quiz}}}}\n"
    )
}

/// A book of `chapters` generated chapters and a glossary, with the module's theme.
fn generated_book(dir: &Path, chapters: usize) {
    fs::create_dir_all(dir.join("src")).unwrap();
    let mut summary = String::from("# Summary\n\n");
    for n in 0..chapters {
        fs::write(dir.join(format!("src/chapter-{n}.md")), chapter(n)).unwrap();
        summary.push_str(&format!("- [Chapter {n}](chapter-{n}.md)\n"));
    }
    summary.push_str("\n[Glossary](glossary.md)\n");
    fs::write(dir.join("src/SUMMARY.md"), summary).unwrap();
    fs::write(
        dir.join("src/glossary.md"),
        "# Glossary\n\n## Diff {#diff}\n\nA link to the change one edit made.\n",
    )
    .unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("theme"),
        &dir.join("theme"),
    );
    fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Generated\"\nlanguage = \"en\"\n\n[preprocessor.training]\ndiscussion-url = \"https://example.org/Talk#{id}\"\nglossary = \"glossary.md\"\n",
    )
    .unwrap();
}

/// `rounds` alternating runs of both sides; prints the medians and their ratios.
fn side_by_side(
    label: &str,
    rounds: usize,
    ours: impl Fn(usize) -> Command,
    plain: impl Fn(usize) -> Command,
) {
    let (mut times, mut memory) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    for round in 0..rounds {
        let (t, m) = measure(&mut ours(round));
        times.0.push(t);
        memory.0.push(m);
        let (t, m) = measure(&mut plain(round));
        times.1.push(t);
        memory.1.push(m);
    }
    let (ours_time, plain_time) = (median(times.0), median(times.1));
    let (ours_memory, plain_memory) = (median(memory.0), median(memory.1));
    println!(
        "{label}: time mdbook-training {ours_time:.2} s, plain mdBook {plain_time:.2} s, ratio {:.2}; peak memory {ours_memory:.0} MB vs {plain_memory:.0} MB, ratio {:.2}",
        ours_time / plain_time,
        ours_memory / plain_memory
    );
}

fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

/// (c) A one-line edit in `serve`, until the browser's poll sees the new build; in ms.
fn serve_latencies(book: &Path) -> Vec<f64> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(BIN)
        .args(["serve", book.to_str().unwrap(), "--port", &port.to_string()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !get(port, "/__training/events?since=0").contains("generation")
        && start.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let chapter_path = book.join("src/basics.md");
    let mut latencies = Vec::new();
    for edit in 1..=5 {
        let generation: u64 = get(port, "/__training/events?since=999999")
            .split("\"generation\":")
            .nth(1)
            .and_then(|r| r.split(['}', ',']).next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(1);
        let text = fs::read_to_string(&chapter_path).unwrap() + &format!("\nEdit number {edit}.\n");
        let saved = Instant::now();
        fs::write(&chapter_path, text).unwrap();
        let reply = get(port, &format!("/__training/events?since={generation}"));
        assert!(reply.contains("\"error\":null"), "{reply}");
        latencies.push(saved.elapsed().as_secs_f64() * 1000.0);
    }
    let _ = server.kill();
    let _ = server.wait();
    latencies
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, book, dest, times] = &args[..]
        && flag == "--plain"
    {
        plain_mdbook(Path::new(book), Path::new(dest), times.parse().unwrap());
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let w = work.path();

    let module = module_with_editions();
    side_by_side(
        "(a) the module, 3 editions, against 3 plain mdBook builds",
        9,
        |round| ours(module.path(), &w.join(format!("a-ours-{round}"))),
        |round| plain(module.path(), &w.join(format!("a-plain-{round}")), 3),
    );

    let big = w.join("big");
    generated_book(&big, 1000);
    side_by_side(
        "(b) 1,000 chapters, one question each, against plain mdBook",
        5,
        |round| ours(&big, &w.join(format!("b-ours-{round}"))),
        |round| plain(&big, &w.join(format!("b-plain-{round}")), 1),
    );

    let served = w.join("served");
    copy_dir(&module.path().join("src"), &served.join("src"));
    copy_dir(&module.path().join("theme"), &served.join("theme"));
    fs::copy(module.path().join("book.toml"), served.join("book.toml")).unwrap();
    let latencies = serve_latencies(&served);
    println!(
        "(c) serve, one-line edit to visible rebuild: median {:.0} ms (of {:?} ms)",
        median(latencies.clone()),
        latencies
            .iter()
            .map(|l| l.round() as u64)
            .collect::<Vec<_>>()
    );
}
