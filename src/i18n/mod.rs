//! Translation: gettext templates and PO files, and language editions of a book.

pub mod book;
pub mod catalog;
pub mod checks;
pub mod groups;
pub mod language;
pub mod merge;
pub mod plural;
pub mod po;
pub mod translate;
