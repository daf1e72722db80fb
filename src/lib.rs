//! mdbook-training: turns training modules written as mdBook books into interactive sites.
#![deny(clippy::print_stdout)]

pub mod diagnostic;
pub mod model;
pub mod parse;
