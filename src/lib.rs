//! mdbook-training: turns training modules written as mdBook books into interactive sites.
#![deny(clippy::print_stdout)]

pub mod build;
pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod files;
pub mod glossary;
pub mod model;
pub mod offline;
pub mod olx;
pub mod parse;
pub mod pipeline;
pub mod preview;
pub mod render;
pub mod ui;
pub mod validate;

pub mod i18n;
pub mod import;
pub mod init;
pub mod library;
pub mod limits;
#[path = "../preprocessors/mod.rs"]
pub mod preprocessors;
pub mod quiz_file;
pub mod scorm;
pub mod search;
pub mod site;
pub mod site_check;
pub mod templates;
pub mod theme;
