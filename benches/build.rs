//! Build benchmarks, printed as a table: `cargo bench --bench build`. See BENCHMARKS.md.
//!
//! (a) the module, all editions, against plain mdBook without the training preprocessor;
//! (b) the training stage alone on 2,000 generated chapters with 2,000 questions;
//! (c) 1, 5 and 10 editions of a generated 500-chapter book against 10 plain mdBook builds;
//! (d) how soon `serve` shows a one-line edit.

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use mdbook_training::config::TrainingConfig;
use mdbook_training::pipeline::{ChapterInput, process_chapters};
use mdbook_training::ui::Edition;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;

use common::copy_dir;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-training");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

/// mdBook alone: the same book with the training preprocessor taken out of book.toml.
fn plain_mdbook(book: &Path, dest: &Path) {
    let mut config = Config::from_disk(book.join("book.toml")).unwrap();
    let text = fs::read_to_string(book.join("book.toml")).unwrap();
    let without: String = text
        .split("\n[")
        .filter(|table| !table.starts_with("preprocessor.training"))
        .collect::<Vec<_>>()
        .join("\n[");
    config = Config::from_str(&without).unwrap_or(config);
    config.build.build_dir = dest.to_path_buf();
    config.build.create_missing = false;
    MDBook::load_with_config(book, config)
        .unwrap()
        .build()
        .unwrap();
}

fn ours(book: &Path, dest: &Path) {
    let status = Command::new(BIN)
        .args([
            "build",
            book.to_str().unwrap(),
            "--dest",
            dest.to_str().unwrap(),
            "--quiet",
        ])
        .status()
        .unwrap();
    assert!(status.success());
}

/// A generated chapter: text, a question, a glossary link and a section link.
fn chapter(n: usize) -> String {
    format!(
        "# Chapter {n} {{#chapter-{n}}}\n\nVolunteers who handle reports read this chapter, number {n}, to learn how to reply with empathy, how to keep a [diff](glossary:diff) as evidence and when to escalate; see [the first chapter](section:chapter-0).\n\n## Practice\n\nThe reporter may be frightened, angry or hurt. Reply promptly, give a timeline you can keep, and never share the accused person's private details.\n\n{{{{#quiz question-{n}}}}}\n\n### Question {n}\n\nWhich reply is best?\n\n- [ ] Ignore the report until the weekend.\n- [x] Thank them, say when you will reply, and ask for updates.\n\n  > It is prompt and sets expectations.\n- [ ] Tell them the accused is a respected editor.\n\nThe second reply is kind and concrete.\n\n{{{{/quiz}}}}\n"
    )
}

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
    // The theme and settings `import` gives a book, as the module has them.
    for (path, content) in mdbook_training::theme::BOOK_ASSETS {
        fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        fs::write(dir.join(path), content).unwrap();
    }
    fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Generated\"\nlanguage = \"en\"\n\n[preprocessor.training]\ndiscussion-url = \"https://example.org/Talk#{id}\"\nglossary = \"glossary.md\"\n\n[output.html]\nadditional-css = [\"theme/training.css\"]\nadditional-js = [\"theme/training-boot.js\", \"theme/training-sidebar.js\", \"theme/training.js\", \"theme/search.js\"]\n",
    )
    .unwrap();
}

/// CPU seconds (user and system) used so far by this process and by its waited-for children
/// (Linux, in clock ticks of 1/100 s).
fn cpu_seconds() -> (f64, f64) {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime, stime, cutime, cstime are fields 14 to 17 of the whole line.
    let tick = |n: usize| fields.get(n - 3).copied().unwrap_or(0.0) / 100.0;
    (tick(14) + tick(15), tick(16) + tick(17))
}

/// Peak memory of this process so far, in bytes (Linux).
fn peak_rss() -> usize {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// (b), run in a child process so that its peak memory is its own.
fn stage_alone(warm: bool, chapters: usize) {
    // Each source at its own size, as the preprocessor reads it from mdBook's JSON.
    let make_inputs = |chapters: usize| -> Vec<ChapterInput> {
        (0..chapters)
            .map(|n| ChapterInput {
                name: format!("Chapter {n}"),
                path: PathBuf::from(format!("chapter-{n}.md")),
                content: chapter(n).into_boxed_str().into_string(),
            })
            .chain(std::iter::once(ChapterInput {
                name: "Glossary".into(),
                path: "glossary.md".into(),
                content: "# Glossary\n\n## Diff {#diff}\n\nA link.\n".into(),
            }))
            .collect()
    };
    let config = TrainingConfig {
        discussion_url: Some("https://example.org/Talk#{id}".into()),
        glossary: Some("glossary.md".into()),
        ..TrainingConfig::default()
    };
    let run = |inputs| {
        let outcome = process_chapters(&config, Path::new("src"), inputs, &Edition::default());
        assert!(!outcome.diagnostics.has_errors());
        outcome
    };
    // Peak memory of one run, as the preprocessor makes one run per build: the stage takes the
    // chapters' sources and gives back the rendered chapters. Cold, the run's peak counts all
    // it adds, the program's code as it is first read from disk and its threads included;
    // warm, after a run on a 20-chapter book, it counts what grows with the book.
    if warm {
        drop(run(make_inputs(20)));
    }
    let inputs = make_inputs(chapters);
    let bytes: usize = inputs.iter().map(|c| c.content.len()).sum();
    let before = peak_rss();
    let outcome = run(inputs);
    let above = peak_rss().saturating_sub(before);
    drop(outcome);
    // Throughput: the median of five runs, each on fresh sources.
    let seconds = median(
        (0..5)
            .map(|_| {
                let inputs = make_inputs(chapters);
                let start = Instant::now();
                let outcome = run(inputs);
                let seconds = start.elapsed().as_secs_f64();
                drop(outcome);
                seconds
            })
            .collect(),
    );
    println!("STAGE {bytes} {seconds} {above}");
}

/// A question's template data, as the stage gives `quiz.hbs` for a generated chapter.
fn question_data() -> serde_json::Value {
    let option = |letter: &str, number: usize, markdown: &str| serde_json::json!({ "letter": letter, "letter_lower": letter.to_lowercase(), "number": number, "markdown": markdown });
    serde_json::json!({
        "dom_id": "quiz-question-1",
        "data": "{\"answers\":[1],\"book\":\"book\",\"id\":\"question-1\",\"lang\":\"en\",\"multiple\":false,\"ui\":{\"check\":\"Check\",\"reveal\":\"Show answer\"}}",
        "ui": { "test_yourself": "Test yourself!", "ready_to_see_answer": "Ready to see the correct answer?", "discuss_question": "Discuss this question" },
        "title": "### Question 1",
        "prompt": "Which reply is best?",
        "instruction": "Choose the best answer.",
        "options": [
            option("A", 1, "Ignore the report until the weekend."),
            option("B", 2, "Thank them, say when you will reply, and ask for updates."),
            option("C", 3, "Tell them the accused is a respected editor."),
        ],
        "best_answer": "The best answer is B.",
        "feedback": [{ "letter": "B", "markdown": "It is prompt and sets expectations." }],
        "explanation": "The second reply is kind and concrete.",
        "discussion_url": "https://example.org/Talk#question-1",
    })
}

/// Seconds per rendering of template `name`, walked by `Templates` and rendered by handlebars
/// itself with the same escaping and strict mode; the two must agree.
fn template_times(name: &str, data: &serde_json::Value) -> (f64, f64) {
    let templates =
        mdbook_training::template::Templates::new(&mdbook_training::render::BLOCK_TEMPLATES)
            .unwrap();
    assert_eq!(
        templates.render(name, data).unwrap(),
        templates.render_with_handlebars(name, data).unwrap()
    );
    const RENDERINGS: u32 = 20_000;
    let per_rendering = |render: &dyn Fn() -> String| {
        median(
            (0..5)
                .map(|_| {
                    let start = Instant::now();
                    for _ in 0..RENDERINGS {
                        std::hint::black_box(render());
                    }
                    start.elapsed().as_secs_f64() / f64::from(RENDERINGS)
                })
                .collect(),
        )
    };
    (
        per_rendering(&|| templates.render(name, data).unwrap()),
        per_rendering(&|| templates.render_with_handlebars(name, data).unwrap()),
    )
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

fn main() {
    if std::env::args().any(|a| a == "--stage-alone") {
        let args: Vec<String> = std::env::args().collect();
        let chapters = args
            .iter()
            .position(|a| a == "--chapters")
            .and_then(|at| args.get(at + 1)?.parse().ok())
            .unwrap_or(2000);
        stage_alone(args.iter().any(|a| a == "--warm"), chapters);
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let w = work.path();

    // (a) The module with the sample French and Arabic editions.
    let module = w.join("module");
    copy_dir(&root().join("book"), &module);
    let _ = fs::remove_dir_all(module.join("book"));
    fs::create_dir_all(module.join("po")).unwrap();
    for l in ["fr", "ar"] {
        fs::copy(
            root().join(format!("tests/fixtures/editions/{l}.po")),
            module.join(format!("po/{l}.po")),
        )
        .unwrap();
    }
    // Every build writes into a fresh folder, so no run pays for removing an earlier one.
    // The two sides alternate, so that a busy moment of the machine falls on both.
    let mut run = 0;
    let (mut ours_times, mut plain_times) = (Vec::new(), Vec::new());
    let (mut ours_cpu, mut plain_cpu) = (0.0, 0.0);
    const ROUNDS: usize = 11;
    for _ in 0..ROUNDS {
        run += 1;
        let (_, children_before) = cpu_seconds();
        ours_times.push(time(1, || ours(&module, &w.join(format!("a-ours-{run}")))));
        let (self_before, children_after) = cpu_seconds();
        plain_times.push(time(1, || {
            for n in 0..3 {
                plain_mdbook(&module, &w.join(format!("a-plain-{run}-{n}")));
            }
        }));
        let (self_after, _) = cpu_seconds();
        ours_cpu += (children_after - children_before) / ROUNDS as f64;
        plain_cpu += (self_after - self_before) / ROUNDS as f64;
    }
    let (ours_module, plain_module) = (median(ours_times), median(plain_times));
    println!(
        "(a) module, 3 editions: mdbook-training {ours_module:.2} s; plain mdBook x3 {plain_module:.2} s; ratio {:.2}",
        ours_module / plain_module
    );
    println!(
        "(a) CPU time per build (user + system, all cores): mdbook-training {ours_cpu:.2} s; plain mdBook x3 {plain_cpu:.2} s; ratio {:.2}",
        ours_cpu / plain_cpu
    );

    // (b) The training stage alone, in a fresh process for each memory figure.
    let stage = |extra: &[&str]| -> Vec<f64> {
        let output = Command::new(std::env::current_exe().unwrap())
            .arg("--stage-alone")
            .args(extra)
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout)
            .split_whitespace()
            .skip(1)
            .filter_map(|f| f.parse().ok())
            .collect()
    };
    if let ([bytes, seconds, cold], [_, _, warm]) = (&stage(&[])[..], &stage(&["--warm"])[..]) {
        println!(
            "(b) 2,000 chapters, 2,000 questions, {:.2} MB of Markdown: {:.3} s, {:.1} MB/s; peak memory above the loaded sources: {:.2} MB ({:.2}x) after a warm-up run, {:.2} MB ({:.2}x) cold",
            bytes / 1e6,
            seconds,
            bytes / 1e6 / seconds,
            warm / 1e6,
            warm / bytes,
            cold / 1e6,
            cold / bytes
        );
    }
    // The same five times larger: what the cold figure holds that does not grow with the book.
    if let [bytes, seconds, cold] = &stage(&["--chapters", "10000"])[..] {
        println!(
            "(b) 10,000 chapters, {:.2} MB of Markdown: {:.1} MB/s; peak memory above the loaded sources, cold: {:.2} MB ({:.2}x)",
            bytes / 1e6,
            bytes / 1e6 / seconds,
            cold / 1e6,
            cold / bytes
        );
    }

    // (b) What the stage's template walk saves over handlebars' renderer, on one question and
    // one glossary link as the stage renders them.
    for (name, data) in [
        ("quiz", question_data()),
        (
            "glossary-link",
            serde_json::json!({ "href": "glossary.html#diff", "id": "diff", "definition": "A link to the change one edit made.", "text": "diff" }),
        ),
    ] {
        let (walk, handlebars) = template_times(name, &data);
        println!(
            "(b) template `{name}`: {:.2} µs walked, {:.2} µs through handlebars ({:.1}x)",
            walk * 1e6,
            handlebars * 1e6,
            handlebars / walk
        );
    }

    // (c) Editions of a 500-chapter book.
    let big = w.join("big");
    generated_book(&big, 500);
    let status = Command::new(BIN)
        .args(["i18n", "extract", big.to_str().unwrap()])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let template = fs::read_to_string(big.join("po/messages.pot")).unwrap();
    let mut times = Vec::new();
    for editions in [1usize, 5, 10] {
        let _ = fs::remove_dir_all(big.join("po"));
        fs::create_dir_all(big.join("po")).unwrap();
        for n in 1..editions {
            // Every message "translated" to itself: the full translation path, same text.
            let po = template
                .replace("\"Language: \\n\"", &format!("\"Language: x{n}\\n\""))
                .replace("#, fuzzy\n", "");
            let po = translate_identity(&po);
            fs::write(big.join(format!("po/x{n}.po")), po).unwrap();
        }
        let (_, cpu_before) = cpu_seconds();
        let seconds = time(3, || {
            run += 1;
            ours(&big, &w.join(format!("c-{editions}-{run}")));
        });
        let (_, cpu_after) = cpu_seconds();
        times.push((editions, seconds, (cpu_after - cpu_before) / 3.0));
    }
    let (plain_cpu_before, _) = cpu_seconds();
    let plain_ten = time(1, || {
        for n in 0..10 {
            plain_mdbook(&big, &w.join(format!("c-plain-{n}")));
        }
    });
    let (plain_cpu_after, _) = cpu_seconds();
    for (editions, seconds, cpu) in &times {
        println!(
            "(c) 500 chapters, {editions} editions: {seconds:.2} s ({:.2} s per edition; CPU {cpu:.2} s, {:.2} s per edition)",
            seconds / *editions as f64,
            cpu / *editions as f64
        );
    }
    println!(
        "(c) 10 sequential plain mdBook builds: {plain_ten:.2} s (CPU {:.2} s); 10 editions / that = {:.2}",
        plain_cpu_after - plain_cpu_before,
        times[2].1 / plain_ten
    );

    // (d) serve: a one-line edit, until the browser's poll sees the new build.
    let served = w.join("served");
    copy_dir(&root().join("book"), &served);
    let _ = fs::remove_dir_all(served.join("book"));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(BIN)
        .args([
            "serve",
            served.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !get(port, "/__training/events?since=0").contains("generation")
        && start.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut latencies = Vec::new();
    let chapter_path = served.join("src/basics.md");
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
        latencies.push(saved.elapsed().as_secs_f64());
    }
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "(d) serve, one-line edit to visible rebuild: median {:.0} ms (of {:?} ms)",
        median(latencies.clone()) * 1000.0,
        latencies
            .iter()
            .map(|l| (l * 1000.0).round() as u64)
            .collect::<Vec<_>>()
    );
}

/// Fills every msgstr with its msgid.
fn translate_identity(po: &str) -> String {
    let mut out = String::new();
    let mut msgid: Vec<String> = Vec::new();
    let mut in_id = false;
    for line in po.lines() {
        if let Some(rest) = line.strip_prefix("msgid ") {
            msgid = vec![rest.to_string()];
            in_id = true;
            out.push_str(line);
        } else if line.starts_with('"') && in_id {
            msgid.push(line.to_string());
            out.push_str(line);
        } else if line == "msgstr \"\"" && !(msgid.len() == 1 && msgid[0] == "\"\"") {
            in_id = false;
            out.push_str(&format!("msgstr {}", msgid.join("\n")));
        } else {
            in_id = false;
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}
