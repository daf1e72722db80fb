//! `serve`: live preview on 127.0.0.1.

use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(_book_dir: &Path, _port: u16) -> Result<ExitCode> {
    anyhow::bail!("serve is being written")
}
