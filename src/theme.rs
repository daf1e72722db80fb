//! The theme's files that a book carries with it, embedded from `theme/`.

/// Styles for blocks and glossary terms; books list it in `additional-css`.
pub const TRAINING_CSS: &str = include_str!("../theme/training.css");

/// Files `import` writes into a book's `theme/` folder, relative to the book's root.
pub const BOOK_ASSETS: &[(&str, &str)] = &[("theme/training.css", TRAINING_CSS)];
