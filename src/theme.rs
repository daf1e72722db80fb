//! The theme's files that a book carries with it, embedded from `theme/`.

/// Styles for blocks and glossary terms; books list it in `additional-css`.
pub const TRAINING_CSS: &str = include_str!("../theme/training.css");
/// The reader's runtime: questions, notes, progress. Listed in `additional-js`.
pub const TRAINING_JS: &str = include_str!("../theme/training.js");
/// Globals and saved theme, loaded in `<head>` by `index.hbs` instead of mdBook's inline script.
pub const TRAINING_BOOT_JS: &str = include_str!("../theme/training-boot.js");
/// Sidebar state, loaded early in `<body>` instead of mdBook's inline script.
pub const TRAINING_SIDEBAR_JS: &str = include_str!("../theme/training-sidebar.js");
/// Search for built sites: the index is fetched when the reader opens search.
pub const SEARCH_JS: &str = include_str!("../theme/search.js");
/// mdBook's page template without inline scripts, so pages work under a strict CSP.
pub const INDEX_HBS: &str = include_str!("../theme/index.hbs");

/// Files `import` writes into a book, relative to the book's root.
pub const BOOK_ASSETS: &[(&str, &str)] = &[
    ("theme/index.hbs", INDEX_HBS),
    ("theme/training.css", TRAINING_CSS),
    ("theme/training.js", TRAINING_JS),
    ("theme/training-boot.js", TRAINING_BOOT_JS),
    ("theme/training-sidebar.js", TRAINING_SIDEBAR_JS),
    ("theme/search.js", SEARCH_JS),
];

/// The browser-side stop words and stemmers of the languages the index stems (lunr-languages,
/// whose rules elasticlunr-rs ports; elasticlunr.js for English), written beside each edition's
/// index as `search/NAME`.
pub const SEARCH_SCRIPTS: &[(&str, &str)] = &[
    (
        "elasticlunr.min.js",
        include_str!("../theme/search/elasticlunr.min.js"),
    ),
    (
        "lunr.stemmer.support.min.js",
        include_str!("../theme/search/lunr.stemmer.support.min.js"),
    ),
    (
        "lunr.ar.min.js",
        include_str!("../theme/search/lunr.ar.min.js"),
    ),
    (
        "lunr.da.min.js",
        include_str!("../theme/search/lunr.da.min.js"),
    ),
    (
        "lunr.de.min.js",
        include_str!("../theme/search/lunr.de.min.js"),
    ),
    (
        "lunr.du.min.js",
        include_str!("../theme/search/lunr.du.min.js"),
    ),
    (
        "lunr.es.min.js",
        include_str!("../theme/search/lunr.es.min.js"),
    ),
    (
        "lunr.fi.min.js",
        include_str!("../theme/search/lunr.fi.min.js"),
    ),
    (
        "lunr.fr.min.js",
        include_str!("../theme/search/lunr.fr.min.js"),
    ),
    (
        "lunr.hu.min.js",
        include_str!("../theme/search/lunr.hu.min.js"),
    ),
    (
        "lunr.it.min.js",
        include_str!("../theme/search/lunr.it.min.js"),
    ),
    (
        "lunr.no.min.js",
        include_str!("../theme/search/lunr.no.min.js"),
    ),
    (
        "lunr.pt.min.js",
        include_str!("../theme/search/lunr.pt.min.js"),
    ),
    (
        "lunr.ro.min.js",
        include_str!("../theme/search/lunr.ro.min.js"),
    ),
    (
        "lunr.ru.min.js",
        include_str!("../theme/search/lunr.ru.min.js"),
    ),
    (
        "lunr.sv.min.js",
        include_str!("../theme/search/lunr.sv.min.js"),
    ),
    (
        "lunr.tr.min.js",
        include_str!("../theme/search/lunr.tr.min.js"),
    ),
];

/// The scripts an edition whose stemmer is `stemmer` needs.
pub fn search_scripts_for(stemmer: &str) -> Vec<(&'static str, &'static str)> {
    let wanted: Vec<String> = if stemmer == "en" {
        vec!["elasticlunr.min.js".into()]
    } else {
        vec![
            "lunr.stemmer.support.min.js".into(),
            format!("lunr.{stemmer}.min.js"),
        ]
    };
    SEARCH_SCRIPTS
        .iter()
        .filter(|(name, _)| wanted.iter().any(|w| w == name))
        .copied()
        .collect()
}

/// The `[output.html]` lines that load the assets above.
pub const HTML_OUTPUT_CONFIG: &str = "[output.html]\nadditional-css = [\"theme/training.css\"]\nadditional-js = [\"theme/training-boot.js\", \"theme/training-sidebar.js\", \"theme/training.js\", \"theme/search.js\"]\n";
