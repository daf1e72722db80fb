//! `search-size` compares with the index that the `mdbook` program itself writes.

mod common;

use common::*;

#[test]
fn search_size_compares_with_the_mdbook_program() {
    let output = run(&["search-size", repo_root().join("book").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = String::from_utf8_lossy(&output.stdout).into_owned();
    let raw_kb = |label: &str| -> f64 {
        let line = table
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no `{label}` line (is mdBook 0.5 installed? .ci/run installs it):\n{table}\n{}", stderr(&output)));
        line[label.len()..]
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap()
    };
    let ours = raw_kb("this tool, source");
    let mdbook = raw_kb("mdbook v0.5");
    assert!(ours > 50.0 && mdbook > ours, "{table}");
}
