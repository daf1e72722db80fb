//! `[preprocessor.training.olx]`: who the course belongs to and when it runs, with the defaults
//! a book without the table gets, and the course image.

use super::outline::url_name;
use crate::config::{OlxConfig, TrainingConfig};
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// When a course starts if the book does not say: long past, so that it is open on import.
pub const DEFAULT_START: &str = "2020-01-01T00:00:00Z";

/// The name of the image made for a course without one.
const MADE_IMAGE: &str = "course_image.png";

/// The built-in theme's link colour, which the made image is filled with.
const THEME_COLOUR: [u8; 3] = [0x41, 0x83, 0xc4];

/// A course's key, dates, image and pass mark.
#[derive(Debug, Clone)]
pub struct Identity {
    pub org: String,
    pub course: String,
    pub run: String,
    pub start: String,
    pub end: Option<String>,
    /// The image's name in `static/`, and its bytes.
    pub image_name: String,
    pub image: Vec<u8>,
    /// The share of the grade that passes: the book's `mastery-score`, or Studio's default.
    pub pass: f64,
}

impl Identity {
    /// The course of the edition in `language` (`None`: the source) of the book at `root`.
    pub fn new(
        config: &TrainingConfig,
        book: &mdbook_driver::config::Config,
        root: &Path,
        language: Option<&str>,
    ) -> Result<Self, Diagnostic> {
        let olx: &OlxConfig = &config.olx;
        let org = olx.org.clone().unwrap_or_else(|| {
            book.book
                .authors
                .first()
                .map(|a| url_name(a))
                .unwrap_or_else(|| "Training".into())
        });
        let title = book.book.title.clone().unwrap_or_else(|| "Training".into());
        let source = book.book.language.clone().unwrap_or_else(|| "en".into());
        let run = match (&olx.run, language) {
            (Some(run), Some(language)) => format!("{run}-{language}"),
            (Some(run), None) => run.clone(),
            (None, language) => language.unwrap_or(&source).to_string(),
        };
        let (image_name, image) = match &olx.course_image {
            Some(path) => read_image(root, path)?,
            None => (MADE_IMAGE.to_string(), plain_image()),
        };
        Ok(Identity {
            org: url_name(&org),
            course: olx
                .course
                .as_deref()
                .map_or_else(|| url_name(&title), url_name),
            run: url_name(&run),
            start: olx.start.clone().unwrap_or_else(|| DEFAULT_START.into()),
            end: olx.end.clone(),
            image_name,
            image,
            pass: config.mastery_score.map_or(0.5, |s| f64::from(s) / 100.0),
        })
    }
}

fn read_image(root: &Path, path: &Path) -> Result<(String, Vec<u8>), Diagnostic> {
    let inside = !path.is_absolute()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    // Read only when it is the book's own file, not a link leading out of the book.
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let inside = inside
        && matches!((real(root), real(&root.join(path))), (Some(r), Some(f)) if f.starts_with(&r));
    let bytes = inside
        .then(|| std::fs::read(root.join(path)).ok())
        .flatten();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    match (bytes, name) {
        (Some(bytes), Some(name)) => Ok((super::links::static_name(Path::new(&name)), bytes)),
        _ => Err(Diagnostic::error(
            "book.toml",
            0,
            format!("olx.course-image `{}` is not a file of the book", path.display()),
        )
        .with_hint("give the image's path from the book's folder, such as `course-image = \"src/images/course.png\"`")),
    }
}

/// A plain image in the theme's colour, at the size Open edX shows course images (378×225),
/// so that a course without an image of its own has one.
pub fn plain_image() -> Vec<u8> {
    let (width, height) = (378u32, 225u32);
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = THEME_COLOUR
        .iter()
        .copied()
        .cycle()
        .take((width * height * 3) as usize)
        .collect();
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels));
    match written {
        Ok(()) => bytes,
        // Writing to memory does not fail; an empty image would only show as none.
        Err(_) => Vec::new(),
    }
}

/// `text` as a date Open edX reads (`2027-01-31T00:00:00Z`), from a date or an RFC 3339 time.
pub fn course_date(text: &str) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date = text.get(..10)?;
    let parts: Vec<&str> = date.split('-').collect();
    let valid_date = parts.len() == 3
        && parts
            .iter()
            .zip([4, 2, 2])
            .all(|(p, n)| p.len() == n && digits(p))
        && (1..=12).contains(&parts[1].parse::<u8>().ok()?)
        && (1..=31).contains(&parts[2].parse::<u8>().ok()?);
    if !valid_date {
        return None;
    }
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(format!("{date}T00:00:00Z"));
    }
    let time = rest.strip_prefix('T')?;
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => return None,
    };
    let pieces: Vec<&str> = clock.split(':').collect();
    let valid_clock =
        (2..=3).contains(&pieces.len()) && pieces.iter().all(|p| p.len() == 2 && digits(p));
    let valid_zone = zone == "Z"
        || (zone.len() == 6 && digits(&zone[1..3]) && &zone[3..4] == ":" && digits(&zone[4..]));
    (valid_clock && valid_zone).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_open_edx_needs_them() {
        assert_eq!(
            course_date("2027-01-31").as_deref(),
            Some("2027-01-31T00:00:00Z")
        );
        assert_eq!(
            course_date("2027-01-31T09:30:00Z").as_deref(),
            Some("2027-01-31T09:30:00Z")
        );
        assert_eq!(
            course_date("2027-01-31T09:30+02:00").as_deref(),
            Some("2027-01-31T09:30+02:00")
        );
        assert_eq!(course_date("31/01/2027"), None);
        assert_eq!(course_date("2027-13-01"), None);
        assert_eq!(course_date("2027-01-31T9:30Z"), None);
    }

    #[test]
    fn the_made_image_is_a_png() {
        let image = plain_image();
        assert!(image.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(image.len() < 4096, "{} bytes", image.len());
    }
}
