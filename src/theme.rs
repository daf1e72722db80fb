//! The theme's files that a book carries with it, embedded from `theme/`.

/// Styles for blocks and glossary terms; books list it in `additional-css`.
pub const TRAINING_CSS: &str = include_str!("../theme/training.css");
/// The reader's runtime: questions, notes, progress. Listed in `additional-js`.
pub const TRAINING_JS: &str = include_str!("../theme/training.js");
/// Globals and saved theme, loaded in `<head>` by `index.hbs` instead of mdBook's inline script.
pub const TRAINING_BOOT_JS: &str = include_str!("../theme/training-boot.js");
/// Sidebar state, loaded early in `<body>` instead of mdBook's inline script.
pub const TRAINING_SIDEBAR_JS: &str = include_str!("../theme/training-sidebar.js");
/// mdBook's page template without inline scripts, so pages work under a strict CSP.
pub const INDEX_HBS: &str = include_str!("../theme/index.hbs");

/// Files `import` writes into a book, relative to the book's root.
pub const BOOK_ASSETS: &[(&str, &str)] = &[
    ("theme/index.hbs", INDEX_HBS),
    ("theme/training.css", TRAINING_CSS),
    ("theme/training.js", TRAINING_JS),
    ("theme/training-boot.js", TRAINING_BOOT_JS),
    ("theme/training-sidebar.js", TRAINING_SIDEBAR_JS),
];

/// The `[output.html]` lines that load the assets above.
pub const HTML_OUTPUT_CONFIG: &str = "[output.html]\nadditional-css = [\"theme/training.css\"]\nadditional-js = [\"theme/training-boot.js\", \"theme/training-sidebar.js\", \"theme/training.js\"]\n";
