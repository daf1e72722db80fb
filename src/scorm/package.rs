//! A package: one edition's files and its manifest in a zip, the manifest at the zip's root,
//! written beside its destination and renamed into place, so a platform never takes half a
//! package.

use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The schemas a SCORM 1.2 package carries at its root (see `xsd/README.md`).
pub(crate) const SCHEMAS_12: &[(&str, &str)] = &[
    (
        "adlcp_rootv1p2.xsd",
        include_str!("xsd/scorm12/adlcp_rootv1p2.xsd"),
    ),
    ("ims_xml.xsd", include_str!("xsd/scorm12/ims_xml.xsd")),
    (
        "imscp_rootv1p1p2.xsd",
        include_str!("xsd/scorm12/imscp_rootv1p1p2.xsd"),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        include_str!("xsd/scorm12/imsmd_rootv1p2p1.xsd"),
    ),
];

/// The schemas a SCORM 2004 4th Edition package carries at its root.
pub(crate) const SCHEMAS_2004: &[(&str, &str)] = &[
    ("XMLSchema.dtd", include_str!("xsd/scorm2004/XMLSchema.dtd")),
    (
        "adlcp_v1p3.xsd",
        include_str!("xsd/scorm2004/adlcp_v1p3.xsd"),
    ),
    (
        "adlnav_v1p3.xsd",
        include_str!("xsd/scorm2004/adlnav_v1p3.xsd"),
    ),
    (
        "adlseq_v1p3.xsd",
        include_str!("xsd/scorm2004/adlseq_v1p3.xsd"),
    ),
    ("datatypes.dtd", include_str!("xsd/scorm2004/datatypes.dtd")),
    (
        "imscp_v1p1.xsd",
        include_str!("xsd/scorm2004/imscp_v1p1.xsd"),
    ),
    (
        "imsss_v1p0.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0.xsd"),
    ),
    (
        "imsss_v1p0auxresource.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0auxresource.xsd"),
    ),
    (
        "imsss_v1p0control.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0control.xsd"),
    ),
    (
        "imsss_v1p0delivery.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0delivery.xsd"),
    ),
    (
        "imsss_v1p0limit.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0limit.xsd"),
    ),
    (
        "imsss_v1p0objective.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0objective.xsd"),
    ),
    (
        "imsss_v1p0random.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0random.xsd"),
    ),
    (
        "imsss_v1p0rollup.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0rollup.xsd"),
    ),
    (
        "imsss_v1p0seqrule.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0seqrule.xsd"),
    ),
    (
        "imsss_v1p0util.xsd",
        include_str!("xsd/scorm2004/imsss_v1p0util.xsd"),
    ),
    ("xml.xsd", include_str!("xsd/scorm2004/xml.xsd")),
];

/// Every file under `dir`, relative to it with `/` between folders, in a stable order.
pub fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut files = crate::files::files_in(dir, |_| false)?
        .iter()
        .map(|path| Ok(path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/")))
        .collect::<Result<Vec<String>>>()?;
    files.sort();
    Ok(files)
}

/// What a package holds besides its edition's files: its manifest and the schemas of its
/// version, at the zip's root.
pub struct ControlFiles<'a> {
    pub manifest: &'a str,
    pub schemas: &'a [(&'a str, &'a str)],
}

/// Writes `dir`'s `files` and the control files into the zip at `zip_path`.
pub fn write_zip(
    dir: &Path,
    files: &[String],
    control: &ControlFiles<'_>,
    zip_path: &Path,
) -> Result<()> {
    let partial = partial_name(zip_path);
    let written = write_entries(dir, files, control, &partial);
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    fs::rename(&partial, zip_path).with_context(|| format!("cannot write {}", zip_path.display()))
}

/// `NAME.zip` while it is written: `.NAME.zip.partial-PID`.
pub(crate) fn partial_name(zip_path: &Path) -> PathBuf {
    let name = zip_path.file_name().unwrap_or_default().to_string_lossy();
    zip_path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

fn write_entries(
    dir: &Path,
    files: &[String],
    control: &ControlFiles<'_>,
    to: &Path,
) -> Result<()> {
    let file = fs::File::create(to).with_context(|| format!("cannot write {}", to.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    // The same sources give the same package: no clock in it.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("imsmanifest.xml", options)?;
    zip.write_all(control.manifest.as_bytes())?;
    for (name, text) in control.schemas {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    for name in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(&fs::read(dir.join(name))?)?;
    }
    zip.finish()?.flush()?;
    Ok(())
}
