//! Translation: gettext templates and PO files, and language editions of a book.

pub mod book;
pub mod catalog;
pub mod language;
pub mod po;
pub mod translate;
