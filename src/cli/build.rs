//! `build`: the library's build, with progress on the terminal and its report printed.

use anyhow::Result;
use mdbook_training::build::{BuildOptions, Progress, build};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(book_dir: &Path, options: &BuildOptions, quiet: bool) -> Result<ExitCode> {
    let view = ProgressView::new(quiet);
    let built = match mdbook_training::library::is_library(book_dir) {
        true => mdbook_training::library::build_library(book_dir, options, &view),
        false => build(book_dir, options, &view),
    };
    match built {
        Ok(report) => {
            super::report(&report.warnings);
            if !quiet {
                eprintln!("built {}", super::shown(&report.dest));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            super::report_failure(&error);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// What `build` shows while editions build: a spinner per edition on a terminal, otherwise a
/// line per edition once it is built.
struct ProgressView {
    quiet: bool,
    bars: Option<indicatif::MultiProgress>,
    spinners: std::sync::Mutex<Vec<(String, indicatif::ProgressBar)>>,
}

impl ProgressView {
    fn new(quiet: bool) -> Self {
        use std::io::IsTerminal;
        let bars = (!quiet && std::io::stderr().is_terminal()).then(indicatif::MultiProgress::new);
        ProgressView {
            quiet,
            bars,
            spinners: std::sync::Mutex::default(),
        }
    }
}

impl Progress for ProgressView {
    fn edition_started(&self, language: &str) {
        let Some(bars) = &self.bars else {
            return;
        };
        let bar = bars.add(indicatif::ProgressBar::new_spinner());
        bar.set_message(format!("building the {language} edition"));
        bar.enable_steady_tick(Duration::from_millis(120));
        if let Ok(mut spinners) = self.spinners.lock() {
            spinners.push((language.to_string(), bar));
        }
    }

    fn edition_built(&self, language: &str, pages: usize, elapsed: Duration) {
        if self.quiet {
            return;
        }
        let line = format!(
            "built the {language} edition: {pages} pages in {:.2} s",
            elapsed.as_secs_f64()
        );
        let bar = self.spinners.lock().ok().and_then(|mut spinners| {
            let at = spinners.iter().position(|(l, _)| l == language)?;
            Some(spinners.remove(at).1)
        });
        match bar {
            Some(bar) => bar.finish_with_message(line),
            None => eprintln!("{line}"),
        }
    }
}
