//! Where the book's links lead in the course: chapters, headings and glossary terms to the
//! units that hold them (`/jump_to_id/URL_NAME`), images to the course's `/static/` files.

use super::outline::ChapterDraft;
use pulldown_cmark::{CowStr, Event, Tag};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// What links resolve against: built once per edition from every chapter's units.
#[derive(Debug, Default)]
pub struct Targets {
    /// A heading id's unit.
    anchors: HashMap<String, String>,
    /// A heading id's chapter, for a heading no unit shows (a chapter's opening heading, which
    /// names its section): links to it reach the chapter's first unit.
    anchor_chapters: HashMap<String, PathBuf>,
    /// A chapter's first unit, by its path in `src/`.
    chapters: HashMap<PathBuf, String>,
    /// A glossary term's definition, by its id: a link's title.
    definitions: HashMap<String, String>,
    /// The book's `src/`, where images are read from.
    src: PathBuf,
}

/// The images the course's pages show: by their name in `static/`, the file in `src/`.
pub type Assets = BTreeMap<String, PathBuf>;

impl Targets {
    pub fn new(
        drafts: &[ChapterDraft<'_>],
        model: &crate::validate::BookModel,
        definitions: HashMap<String, String>,
        src: PathBuf,
    ) -> Self {
        let anchor_chapters = model
            .chapters
            .iter()
            .flat_map(|c| c.anchors.iter().map(|a| (a.id.clone(), c.path.clone())))
            .collect();
        let mut targets = Targets {
            anchor_chapters,
            definitions,
            src,
            ..Targets::default()
        };
        for chapter in drafts {
            if let Some(first) = chapter.units.first() {
                targets
                    .chapters
                    .insert(chapter.path.clone(), first.url_name.clone());
            }
            for unit in &chapter.units {
                for anchor in &unit.anchors {
                    targets
                        .anchors
                        .entry(anchor.clone())
                        .or_insert_with(|| unit.url_name.clone());
                }
            }
        }
        targets
    }

    /// The address of the unit holding heading `id`.
    pub fn anchor(&self, id: &str) -> Option<String> {
        let unit = self.anchors.get(id).or_else(|| {
            let chapter = self.anchor_chapters.get(id)?;
            self.chapters.get(chapter)
        });
        unit.map(|unit| jump_to(unit))
    }

    /// `event` with its link or image pointed into the course, for a page of the chapter at
    /// `from`; an image it points to is added to `assets`.
    pub fn map_event<'a>(&self, event: Event<'a>, from: &Path, assets: &mut Assets) -> Event<'a> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (dest_url, title) = self.link(dest_url, title, from);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.image(dest_url, from, assets),
                title,
                id,
            }),
            other => other,
        }
    }

    fn link<'a>(
        &self,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        from: &Path,
    ) -> (CowStr<'a>, CowStr<'a>) {
        if let Some(id) = dest.strip_prefix("glossary:") {
            let title = match (title.is_empty(), self.definitions.get(id)) {
                (true, Some(definition)) => CowStr::from(definition.clone()),
                _ => title,
            };
            return (self.anchor(id).map_or(dest, CowStr::from), title);
        }
        if let Some(id) = dest.strip_prefix("section:") {
            return (self.anchor(id).map_or(dest, CowStr::from), title);
        }
        (
            self.page_link(&dest, from).map_or(dest, CowStr::from),
            title,
        )
    }

    /// A link to a page of the book (`other.md#heading`), as the unit it reaches.
    fn page_link(&self, dest: &str, from: &Path) -> Option<String> {
        if has_scheme(dest) || dest.starts_with('/') {
            return None;
        }
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        if !fragment.is_empty()
            && let Some(unit) = self.anchor(fragment)
        {
            return Some(unit);
        }
        if path.is_empty() {
            return None;
        }
        let target = within(from.parent().unwrap_or(Path::new("")), path)?;
        let target = match target.extension().and_then(|e| e.to_str()) {
            Some("html") => target.with_extension("md"),
            _ => target,
        };
        self.chapters.get(&target).map(|unit| jump_to(unit))
    }

    /// An image of the book's `src/` as a static file of the course.
    fn image<'a>(&self, dest: CowStr<'a>, from: &Path, assets: &mut Assets) -> CowStr<'a> {
        if has_scheme(&dest) || dest.starts_with('/') {
            return dest;
        }
        let Some(path) = within(from.parent().unwrap_or(Path::new("")), &dest) else {
            return dest;
        };
        if !self.src.join(&path).is_file() {
            return dest;
        }
        let name = static_name(&path);
        assets.insert(name.clone(), path);
        CowStr::from(format!("/static/{name}"))
    }
}

/// The address Open edX resolves to the unit named `url_name`.
pub fn jump_to(url_name: &str) -> String {
    format!("/jump_to_id/{url_name}")
}

/// A static file's name in the course: Open edX keeps static files in one flat folder.
pub fn static_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("_")
}

fn has_scheme(dest: &str) -> bool {
    let scheme = dest.split_once(':').map(|(s, _)| s).unwrap_or_default();
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// `relative` (a link's path, percent-encoded or not) from the folder `dir` of `src/`, when it
/// stays inside `src/`.
fn within(dir: &Path, relative: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(relative)
        .decode_utf8()
        .ok()?;
    let decoded = decoded.split(['?', '#']).next().unwrap_or_default();
    let mut path = PathBuf::new();
    for component in dir.join(decoded).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !path.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_source_folder() {
        assert_eq!(
            within(Path::new("part"), "../images/a%20b.png"),
            Some(PathBuf::from("images/a b.png"))
        );
        assert_eq!(within(Path::new(""), "../secret.png"), None);
        assert_eq!(static_name(Path::new("images/a.png")), "images_a.png");
    }

    #[test]
    fn only_links_without_a_scheme_are_the_books() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@example.org"));
        assert!(!has_scheme("other.md#x"));
        assert!(!has_scheme("#x"));
    }
}
