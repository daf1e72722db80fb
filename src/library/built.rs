//! The library with its modules built: what each module's pages and the library's own pages
//! need to know of the others (titles, folders, keys, words, the search index of each
//! language), and the ways between the site's folders.

use super::Library;
use super::glossary::{GLOSSARY_PAGE, GlossaryEdition};
use super::page::{
    LIBRARY_CSS, LIBRARY_SCOPE, PageWords, glossary_html, glossary_in, glossary_title,
    library_asset, page_words,
};
use crate::build::write_index_files;
use crate::build::{LibraryLink, LibraryParts, RenderedEditions};
use crate::i18n::catalog::translation_languages;
use crate::search::SearchDoc;
use crate::site::SearchFiles;
use anyhow::Result;
use rayon::prelude::*;
use std::path::Path;

/// The library with its built modules: what each module's pages and the library's own need
/// to know of the others.
pub(super) struct LibrarySite<'a> {
    pub library: &'a Library,
    pub modules: &'a [RenderedEditions],
    /// The key a reader's private-reading switch is kept under, for the whole library.
    pub key: String,
    /// The library's words in each of its languages, its own first.
    words: Vec<(String, PageWords)>,
    /// The library's search files in each language, from that language's folder.
    pub search: Vec<(String, SearchFiles)>,
}

impl<'a> LibrarySite<'a> {
    pub fn new(library: &'a Library, modules: &'a [RenderedEditions]) -> Self {
        let key = crate::parse::slugify(&library.title);
        let key = match key.is_empty() || !key.is_ascii() {
            true => "library".to_string(),
            false => format!("library-{key}"),
        };
        let mut site = LibrarySite {
            library,
            modules,
            key,
            words: Vec::new(),
            search: Vec::new(),
        };
        site.words = site
            .languages()
            .into_iter()
            .map(|language| {
                let words = page_words(&site, &language);
                (language, words)
            })
            .collect();
        site
    }

    /// The library's words in `language`: its title and its pages' interface.
    pub fn words(&self, language: &str) -> &PageWords {
        let found = self.words.iter().find(|(l, _)| l == language);
        &found.unwrap_or(&self.words[0]).1
    }

    /// Every language the site has a library page in: the library's, then each module's.
    pub fn languages(&self) -> Vec<String> {
        let mut all = vec![self.library.language.clone()];
        let translations = translation_languages(&self.library.root.join("po"));
        let editions = self
            .modules
            .iter()
            .flat_map(|m| m.sites.iter().map(|s| s.language.clone()));
        for language in translations.into_iter().chain(editions) {
            if !all.contains(&language) {
                all.push(language);
            }
        }
        all
    }

    /// The folder of the library's page in `language`, with a final `/` (`""` for its own).
    pub fn folder(&self, language: &str) -> String {
        match language == self.library.language {
            true => String::new(),
            false => format!("{language}/"),
        }
    }

    /// Module `index`'s edition in `language`, or its source edition.
    pub fn edition(&self, index: usize, language: &str) -> &crate::build::EditionSite {
        let sites = &self.modules[index].sites;
        sites
            .iter()
            .find(|s| s.language == language)
            .unwrap_or(&sites[0])
    }

    /// The modules' keys, under which readers' answers are kept.
    pub fn books(&self) -> Vec<String> {
        self.modules
            .iter()
            .map(|m| m.sites[0].book.clone())
            .collect()
    }

    /// What the library adds to module `index`'s edition in `language`.
    pub fn parts(&self, index: usize, language: &str) -> LibraryParts {
        let own = self.edition(index, language);
        let from = own.prefix.as_str();
        let link = |other: &crate::build::EditionSite, label: &str| LibraryLink {
            title: other.title.clone(),
            href: between(from, &format!("{}index.html", other.prefix)),
            language: (other.language != language).then(|| other.language.clone()),
            label: label.to_string(),
        };
        let next = (index + 1 < self.modules.len())
            .then(|| link(self.edition(index + 1, language), &own.ui.next_module));
        LibraryParts {
            home: Some(LibraryLink {
                title: self.words(language).title.clone(),
                href: between(from, &format!("{}index.html", self.folder(language))),
                language: None,
                label: String::new(),
            }),
            next,
            module: Some(own.title.clone()),
            search: Some(SearchFiles {
                base: between(from, &self.folder(language)),
                ..self.search_in(language)
            }),
            library: Some(self.key.clone()),
            books: self.books(),
            stylesheet: Some(format!(
                "{}{}",
                between(from, ""),
                library_asset(LIBRARY_CSS)
            )),
            scope_script: Some(format!(
                "{}{}",
                between(from, ""),
                library_asset(LIBRARY_SCOPE)
            )),
        }
    }

    /// Writes the library's search index of every language into its folder of `dir`: every
    /// module's pages in that language and the shared glossary, each result labelled with its
    /// module's title.
    pub fn write_search_indexes(
        &self,
        glossary: &[GlossaryEdition],
        dir: &Path,
    ) -> Result<Vec<(String, SearchFiles)>> {
        let languages = self.languages();
        let written = languages.into_par_iter().map(|language| {
            let folder = self.folder(&language);
            let mut parts: Vec<(String, Vec<SearchDoc>)> = Vec::new();
            for module in self.modules {
                let Some(at) = module.sites.iter().position(|s| s.language == language) else {
                    continue;
                };
                let site = &module.sites[at];
                let way = between(&folder, &site.prefix);
                let docs = module.search_docs(at).iter().map(|doc| SearchDoc {
                    url: format!("{way}{}", doc.url),
                    ..doc.clone()
                });
                parts.push((site.title.clone(), docs.collect()));
            }
            if let Some(edition) = glossary_in(glossary, &language) {
                let html = glossary_html(&edition.markdown);
                let docs = crate::search::page_docs(GLOSSARY_PAGE, &html, true);
                parts.push((glossary_title(&edition.markdown), docs));
            }
            let index = crate::search::build_library_index(&language, &parts);
            std::fs::create_dir_all(dir.join(&folder))?;
            let files = write_index_files(&dir.join(&folder), &language, &index)?;
            Ok((language, files))
        });
        written.collect()
    }

    /// The library's search files in `language`, from that language's folder.
    pub fn search_in(&self, language: &str) -> SearchFiles {
        let found = self.search.iter().find(|(l, _)| l == language);
        found.map(|(_, files)| files.clone()).unwrap_or_default()
    }
}

/// The way from the site's folder `from` (`fr/events/`) to `to` (`fr/private/index.html`):
/// `../private/index.html`.
pub(super) fn between(from: &str, to: &str) -> String {
    let mut from_parts: Vec<&str> = from.split_terminator('/').collect();
    let mut to_rest = to;
    while let Some(first) = from_parts.first() {
        match to_rest.strip_prefix(&format!("{first}/")) {
            Some(rest) => {
                to_rest = rest;
                from_parts.remove(0);
            }
            None => break,
        }
    }
    format!("{}{to_rest}", "../".repeat(from_parts.len()))
}

#[cfg(test)]
mod tests {
    use super::between;

    #[test]
    fn ways_between_folders_of_the_site() {
        assert_eq!(
            between("fr/events/", "fr/private/index.html"),
            "../private/index.html"
        );
        assert_eq!(between("events/", "private/"), "../private/");
        assert_eq!(between("fr/", "fr/events/index.html"), "events/index.html");
        assert_eq!(
            between("fr/", "harassment/index.html"),
            "../harassment/index.html"
        );
        assert_eq!(between("", "fr/index.html"), "fr/index.html");
        assert_eq!(between("fr/events/", "index.html"), "../../index.html");
    }
}
