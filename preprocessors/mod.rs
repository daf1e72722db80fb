//! The mdBook-facing preprocessors: thin doors from mdBook's protocol into the library.

pub mod training;

use mdbook_preprocessor::{MDBOOK_VERSION, Preprocessor};
use std::io;
use std::process::ExitCode;

/// The `supports RENDERER` question of mdBook's protocol: exit 0 when supported.
pub fn supports(preprocessor: &dyn Preprocessor, renderer: &str) -> ExitCode {
    match preprocessor.supports_renderer(renderer) {
        Ok(true) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// One protocol run: context and book as JSON on stdin, the processed book as JSON on stdout,
/// errors on stderr and exit 1.
pub fn handle_preprocessing(preprocessor: &dyn Preprocessor) -> ExitCode {
    let (ctx, book) = match mdbook_preprocessor::parse_input(io::stdin()) {
        Ok(input) => input,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    if ctx.mdbook_version != MDBOOK_VERSION {
        eprintln!(
            "warning: the {} preprocessor was built against mdBook {MDBOOK_VERSION}, but is being called from mdBook {}",
            preprocessor.name(),
            ctx.mdbook_version
        );
    }
    let processed = match preprocessor.run(&ctx, book) {
        Ok(book) => book,
        Err(err) => {
            eprintln!("{err:#}");
            return ExitCode::FAILURE;
        }
    };
    match serde_json::to_writer(io::stdout().lock(), &processed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the processed book: {err}");
            ExitCode::FAILURE
        }
    }
}
