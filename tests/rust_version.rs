//! `rust-version` in Cargo.toml is true: no locked dependency needs a newer Rust.

use std::process::Command;

/// `1.91` as `[1, 91, 0]`, so that `1.91.0` compares equal to it.
fn version(text: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = text
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    parts.resize(3, 0);
    parts
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_cargo_toml_says() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Not `--offline`: the metadata of every platform's dependencies is needed, and a fresh
    // machine holds only the crates that this platform's build downloaded.
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    for package in metadata["packages"].as_array().unwrap() {
        if let Some(needed) = package["rust_version"].as_str() {
            assert!(
                version(needed) <= ours,
                "{} {} needs Rust {needed}; raise rust-version in Cargo.toml (now {})",
                package["name"],
                package["version"],
                env!("CARGO_PKG_RUST_VERSION")
            );
        }
    }
}
