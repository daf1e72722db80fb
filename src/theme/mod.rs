//! The theme's files that a book carries with it, embedded from `theme/`.

pub mod copies;

/// Styles for blocks and glossary terms; books list it in `additional-css`.
pub const TRAINING_CSS: &str = include_str!("../../theme/training.css");
/// Styles for the language picker, search, popovers, landing and progress pages.
pub const TRAINING_PAGES_CSS: &str = include_str!("../../theme/training-pages.css");
/// The one store of the reader's answers and notes, every read and write checked; loaded
/// before `training.js`.
pub const TRAINING_STORE_JS: &str = include_str!("../../theme/training-store.js");
/// The reader's runtime: questions, notes, progress. Listed in `additional-js`.
pub const TRAINING_JS: &str = include_str!("../../theme/training.js");
/// Progress and notes pages, glossary popovers; loaded after `training.js`.
pub const TRAINING_PAGES_JS: &str = include_str!("../../theme/training-pages.js");
/// Quick exit, private reading and content notes; loaded after `training.js`.
pub const TRAINING_SAFETY_JS: &str = include_str!("../../theme/training-safety.js");
/// Globals and saved theme, loaded in `<head>` by `index.hbs` instead of mdBook's inline script.
pub const TRAINING_BOOT_JS: &str = include_str!("../../theme/training-boot.js");
/// Sidebar state, loaded early in `<body>` instead of mdBook's inline script.
pub const TRAINING_SIDEBAR_JS: &str = include_str!("../../theme/training-sidebar.js");
/// Search for built sites: the index is fetched when the reader opens search.
pub const SEARCH_JS: &str = include_str!("../../theme/search.js");
/// mdBook's page template without inline scripts, so pages work under a strict CSP.
pub const INDEX_HBS: &str = include_str!("../../theme/index.hbs");

/// The files every edition's `theme/` folder carries, by name. A book's own `theme/NAME`
/// replaces the embedded file, as a book's theme files replace mdBook's.
pub const SITE_ASSETS: &[(&str, &str)] = &[
    ("training.css", TRAINING_CSS),
    ("training-pages.css", TRAINING_PAGES_CSS),
    ("training-boot.js", TRAINING_BOOT_JS),
    ("training-sidebar.js", TRAINING_SIDEBAR_JS),
    ("training-store.js", TRAINING_STORE_JS),
    ("training.js", TRAINING_JS),
    ("training-pages.js", TRAINING_PAGES_JS),
    ("training-safety.js", TRAINING_SAFETY_JS),
    ("search.js", SEARCH_JS),
];

/// Files a book needs so that plain `mdbook build` gives the whole experience, relative to the
/// book's root: the page template and the site's assets, each as `init` writes it (a first line
/// naming this version), with the file's name and its text as this version ships it.
pub fn book_assets() -> Vec<BookAsset> {
    copies::copied_files()
        .map(|(name, text)| BookAsset {
            path: format!("theme/{name}"),
            name,
            current: text,
            written: copies::with_marker(name, text),
        })
        .collect()
}

/// One of the theme files a book carries a copy of.
pub struct BookAsset {
    /// Relative to the book's root: `theme/training.js`.
    pub path: String,
    /// The file's name in the theme: `training.js`.
    pub name: &'static str,
    /// This version's text.
    pub current: &'static str,
    /// What `init` writes: the text after a line naming this version.
    pub written: String,
}

/// The text a site serves for one of this tool's stylesheets and scripts: minified when it is
/// the built-in one (rustdoc's `minifier`, which rustdoc serves its own scripts with), which
/// spares a reader on a slow connection a third of its bytes; a book's own files are served as
/// written. The browser tests run against the minified scripts.
pub fn served_text<'a>(name: &str, text: &'a str) -> std::borrow::Cow<'a, str> {
    let built_in = SITE_ASSETS
        .iter()
        .chain(crate::library::LIBRARY_ASSETS.iter())
        .any(|(n, t)| *n == name && *t == text);
    if !built_in {
        return text.into();
    }
    if name.ends_with(".js") {
        return minifier::js::minify(text).to_string().into();
    }
    match name.ends_with(".css").then(|| minifier::css::minify(text)) {
        Some(Ok(css)) => css.to_string().into(),
        _ => text.into(),
    }
}

/// Whether `path`, an `additional-css` or `additional-js` entry, names one of [`SITE_ASSETS`]:
/// this tool's build writes those itself, so a book need not list them (older books do).
pub fn is_site_asset(path: &std::path::Path) -> bool {
    SITE_ASSETS
        .iter()
        .any(|(name, _)| path == std::path::Path::new("theme").join(name))
}

/// A warning when the book's own page template (`index.hbs`, `head.hbs`, `header.hbs` of
/// `theme_dir`) runs inline scripts: the author's choice, but the site then needs
/// `'unsafe-inline'`, and this tool's pages are meant to run under `script-src 'self'`.
pub fn inline_script_warning(
    book_root: &std::path::Path,
    theme_dir: &std::path::Path,
) -> Option<crate::diagnostic::Diagnostic> {
    // An unchanged copy of this tool's page template is not used: the built-in one is.
    let replaced = copies::replaced_copies(theme_dir);
    ["index.hbs", "head.hbs", "header.hbs"]
        .iter()
        .filter(|name| !replaced.contains(name))
        .map(|name| theme_dir.join(name))
        .find_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let line = first_inline_script_line(&text)?;
            let shown = path.strip_prefix(book_root).unwrap_or(&path).to_path_buf();
            Some(crate::diagnostic::Diagnostic::warning(
                shown,
                line,
                "an inline `<script>`: the site then needs `script-src 'unsafe-inline'` in its Content-Security-Policy",
            ).with_hint("move the script into a file of theme/ listed in `additional-js`, or start from the page template `mdbook-training init` writes"))
        })
}

/// The line of the first `<script>` tag without a `src` attribute.
fn first_inline_script_line(template: &str) -> Option<usize> {
    let lower = template.to_ascii_lowercase();
    lower.match_indices("<script").find_map(|(at, _)| {
        let tag = &lower[at..at + lower[at..].find('>')?];
        let is_data = tag.contains("application/json") || tag.contains("application/ld+json");
        (!tag.contains("src=") && !is_data).then(|| template[..at].matches('\n').count() + 1)
    })
}

/// The browser-side stop words and stemmers of the languages the index stems (lunr-languages,
/// whose rules elasticlunr-rs ports; elasticlunr.js for English), written beside each edition's
/// index as `search/NAME`.
pub const SEARCH_SCRIPTS: &[(&str, &str)] = &[
    (
        "elasticlunr.min.js",
        include_str!("../../theme/search/elasticlunr.min.js"),
    ),
    (
        "lunr.stemmer.support.min.js",
        include_str!("../../theme/search/lunr.stemmer.support.min.js"),
    ),
    (
        "lunr.ar.min.js",
        include_str!("../../theme/search/lunr.ar.min.js"),
    ),
    (
        "lunr.da.min.js",
        include_str!("../../theme/search/lunr.da.min.js"),
    ),
    (
        "lunr.de.min.js",
        include_str!("../../theme/search/lunr.de.min.js"),
    ),
    (
        "lunr.du.min.js",
        include_str!("../../theme/search/lunr.du.min.js"),
    ),
    (
        "lunr.es.min.js",
        include_str!("../../theme/search/lunr.es.min.js"),
    ),
    (
        "lunr.fi.min.js",
        include_str!("../../theme/search/lunr.fi.min.js"),
    ),
    (
        "lunr.fr.min.js",
        include_str!("../../theme/search/lunr.fr.min.js"),
    ),
    (
        "lunr.hu.min.js",
        include_str!("../../theme/search/lunr.hu.min.js"),
    ),
    (
        "lunr.it.min.js",
        include_str!("../../theme/search/lunr.it.min.js"),
    ),
    (
        "lunr.no.min.js",
        include_str!("../../theme/search/lunr.no.min.js"),
    ),
    (
        "lunr.pt.min.js",
        include_str!("../../theme/search/lunr.pt.min.js"),
    ),
    (
        "lunr.ro.min.js",
        include_str!("../../theme/search/lunr.ro.min.js"),
    ),
    (
        "lunr.ru.min.js",
        include_str!("../../theme/search/lunr.ru.min.js"),
    ),
    (
        "lunr.sv.min.js",
        include_str!("../../theme/search/lunr.sv.min.js"),
    ),
    (
        "lunr.tr.min.js",
        include_str!("../../theme/search/lunr.tr.min.js"),
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

/// The page template with mdBook's `{{> head}}` and `{{> header}}` partials written in place.
///
/// handlebars copies the whole page context (the chapter's HTML and the book's whole table of
/// contents) each time a partial is included, which grows with the square of a book's size:
/// on a 1,000-chapter book it took 1.3 s of a 3.0 s build (BENCHMARKS.md); the text of these two partials is the same on every page, so putting it into
/// the template renders the same pages with that copy saved. `head` and `header` are the
/// theme's `head.hbs` and `header.hbs` (empty when the theme has none, as in mdBook). A call
/// alone on its line is replaced as handlebars does: the whole line, each line of the partial
/// indented like the call.
pub fn inline_partials(template: &str, head: &str, header: &str) -> String {
    let mut out = String::with_capacity(template.len() + head.len() + header.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{>") {
        let call = &rest[at..];
        let Some(end) = call.find("}}") else {
            break;
        };
        let text = match call[3..end].trim() {
            "head" => head,
            "header" => header,
            _ => {
                out.push_str(&rest[..at + end + 2]);
                rest = &call[end + 2..];
                continue;
            }
        };
        let before = &rest[..at];
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let indent = &before[line_start..];
        let after = &call[end + 2..];
        let line_end = after.find('\n').map(|n| n + 1);
        let standalone =
            indent.trim().is_empty() && line_end.is_some_and(|n| after[..n].trim().is_empty());
        if standalone {
            out.push_str(&before[..line_start]);
            for line in text.lines() {
                out.push_str(indent);
                out.push_str(line);
                out.push('\n');
            }
            rest = &after[line_end.unwrap_or(0)..];
        } else {
            out.push_str(before);
            out.push_str(text);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_are_written_in_place() {
        assert_eq!(
            inline_partials(
                "<head>{{> head}}</head>{{>header }}{{> other}}",
                "<meta>",
                "H"
            ),
            "<head><meta></head>H{{> other}}"
        );
        // Alone on its line: the line goes, the partial's lines take its indentation.
        assert_eq!(
            inline_partials("<head>\n    {{> head}}\n</head>\n", "<a>\n<b>\n", ""),
            "<head>\n    <a>\n    <b>\n</head>\n"
        );
        assert_eq!(
            inline_partials("<head>\n    {{> head}}  \n</head>\n", "", ""),
            "<head>\n</head>\n"
        );
        assert_eq!(inline_partials("a {{> head", "x", "y"), "a {{> head");
        let page = inline_partials(INDEX_HBS, "", "");
        assert!(!page.contains("{{> head}}") && !page.contains("{{> header}}"));
    }
}
