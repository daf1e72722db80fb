//! A library of three modules built as one site against the same three modules built one by
//! one, side by side in one run: `cargo bench --bench library`. See BENCHMARKS.md.
//!
//! Each module is a copy of the shipped module with its French and Arabic editions (three
//! editions each). Both sides run this tool's binary in child processes and alternate, so that
//! a busy moment of the machine falls on both; CPU is user + system time of each child. Also
//! prints what a search costs a reader of the library in bytes: the library's index script.

#[path = "measure.rs"]
mod measure;
use measure::{Usage, median};

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-training");
const MODULES: [&str; 3] = ["harassment", "events", "private-information"];
const ROUNDS: usize = 5;

fn build(book: &Path, dest: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(["build", "--quiet", "--force"])
        .arg(book)
        .arg("--dest")
        .arg(dest)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

/// The library: three copies of the module with its editions, each titled apart.
fn library(dir: &Path) {
    for (index, name) in MODULES.iter().enumerate() {
        let module = common::module_with_editions();
        common::copy_dir(module.path(), &dir.join(name));
        let toml = dir.join(name).join("book.toml");
        let text = fs::read_to_string(&toml).unwrap();
        let text = text.replacen(
            "title = \"",
            &format!("title = \"Module {} · ", index + 1),
            1,
        );
        fs::write(toml, text).unwrap();
    }
    fs::write(
        dir.join("library.toml"),
        "[library]\ntitle = \"Support and Safety training\"\nlanguage = \"en\"\nmodules = [\"harassment\", \"events\", \"private-information\"]\n",
    )
    .unwrap();
}

fn sum(all: &[Usage]) -> Usage {
    Usage {
        cpu: all.iter().map(|u| u.cpu).sum(),
        wall: all.iter().map(|u| u.wall).sum(),
        memory_mb: all.iter().map(|u| u.memory_mb).fold(0.0, f64::max),
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let out = dir.path().join("out");
    let (mut whole, mut apart) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        whole.push(measure::measure(&mut build(&root, &out.join("library"))));
        let one_by_one: Vec<Usage> = MODULES
            .iter()
            .map(|m| measure::measure(&mut build(&root.join(m), &out.join(m))))
            .collect();
        apart.push(sum(&one_by_one));
    }
    let med = |all: &[Usage], f: fn(&Usage) -> f64| median(all.iter().map(f).collect());
    println!("library of three modules (3 editions each), {ROUNDS} alternating rounds, medians:");
    println!("| | library | one by one | ratio |");
    println!("| --- | --- | --- | --- |");
    let row = |what: &str, f: fn(&Usage) -> f64, unit: &str| {
        let (a, b) = (med(&whole, f), med(&apart, f));
        println!("| {what} | {a:.2} {unit} | {b:.2} {unit} | {:.2} |", a / b);
    };
    row("CPU", |u| u.cpu, "s");
    row("wall", |u| u.wall, "s");
    row("peak memory", |u| u.memory_mb, "MB");
    search_bytes(&out);
}

/// What a search costs a reader: the library's index of the page's language, one request, raw
/// and gzipped, beside the three modules' own indexes (from their one-by-one builds).
fn search_bytes(out: &Path) {
    let size = |path: &Path| {
        let bytes = fs::read(path).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &bytes).unwrap();
        (bytes.len(), gz.finish().unwrap().len())
    };
    for (edition, prefix) in [("en", ""), ("fr", "fr/")] {
        let (raw, gzipped) = size(&out.join(format!("library/{prefix}search-index.js")));
        let own: Vec<(usize, usize)> = MODULES
            .iter()
            .map(|m| size(&out.join(format!("{m}/{prefix}search-index.js"))))
            .collect();
        let own_raw: usize = own.iter().map(|s| s.0).sum();
        let own_gz: usize = own.iter().map(|s| s.1).sum();
        println!(
            "search in the {edition} edition: the library's index {raw} bytes ({gzipped} gzipped), one request; the three modules' own indexes {own_raw} bytes ({own_gz} gzipped)"
        );
    }
}
