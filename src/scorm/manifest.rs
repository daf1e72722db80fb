//! `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th Edition: one organization, one item, one
//! SCO whose launch page is the first `resource` with an `href` (Open edX's SCORM block takes
//! exactly that one), every file of the package listed.

use crate::escape::escape_html;

/// Which SCORM a package speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScormVersion {
    /// SCORM 1.2: the version every platform takes.
    V12,
    /// SCORM 2004 4th Edition.
    V2004,
}

impl ScormVersion {
    /// As `--scorm` names it: `1.2` or `2004`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "1.2" | "12" => Some(ScormVersion::V12),
            "2004" => Some(ScormVersion::V2004),
            _ => None,
        }
    }

    /// The end of a package's file name: `scorm12` or `scorm2004`.
    pub fn suffix(self) -> &'static str {
        match self {
            ScormVersion::V12 => "scorm12",
            ScormVersion::V2004 => "scorm2004",
        }
    }

    /// The manifest's `schemaversion`.
    pub fn schema_version(self) -> &'static str {
        match self {
            ScormVersion::V12 => "1.2",
            ScormVersion::V2004 => "2004 4th Edition",
        }
    }
}

/// What a manifest says of its package.
pub struct ManifestFacts<'a> {
    /// Unique and stable for the module and its language: `my-module-fr`.
    pub identifier: &'a str,
    pub title: &'a str,
    /// The launch page, first among the files.
    pub launch: &'a str,
    /// Every file of the package but the manifest, with `/` between folders.
    pub files: &'a [String],
    /// The score (0–100) at which a platform records the module as passed.
    pub mastery_score: Option<u8>,
}

/// The manifest of a package in `version`.
pub fn manifest_xml(version: ScormVersion, facts: &ManifestFacts<'_>) -> String {
    let id = escape_html(facts.identifier);
    let title = escape_html(facts.title);
    let (head, scorm_type) = match version {
        ScormVersion::V12 => (HEAD_12, "adlcp:scormtype"),
        ScormVersion::V2004 => (HEAD_2004, "adlcp:scormType"),
    };
    let mut out = head.replace("{id}", &id);
    out.push_str(&format!(
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{}</schemaversion>\n  </metadata>\n",
        version.schema_version()
    ));
    out.push_str(&format!(
        "  <organizations default=\"{id}-org\">\n    <organization identifier=\"{id}-org\">\n      <title>{title}</title>\n      <item identifier=\"{id}-item\" identifierref=\"{id}-sco\">\n        <title>{title}</title>\n{}      </item>\n    </organization>\n  </organizations>\n",
        mastery(version, facts.mastery_score)
    ));
    out.push_str(&format!(
        "  <resources>\n    <resource identifier=\"{id}-sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{}\">\n",
        escape_html(facts.launch)
    ));
    let launch = std::iter::once(facts.launch);
    let others = facts
        .files
        .iter()
        .map(String::as_str)
        .filter(|f| *f != facts.launch);
    for file in launch.chain(others) {
        out.push_str(&format!("      <file href=\"{}\"/>\n", escape_html(file)));
    }
    out.push_str("    </resource>\n  </resources>\n</manifest>\n");
    out
}

/// The item's mastery: `adlcp:masteryscore` in 1.2; in 2004 a primary objective satisfied by
/// its measure.
fn mastery(version: ScormVersion, score: Option<u8>) -> String {
    let Some(score) = score else {
        return String::new();
    };
    match version {
        ScormVersion::V12 => format!("        <adlcp:masteryscore>{score}</adlcp:masteryscore>\n"),
        ScormVersion::V2004 => format!(
            "        <imsss:sequencing>\n          <imsss:objectives>\n            <imsss:primaryObjective objectiveID=\"mastery\" satisfiedByMeasure=\"true\">\n              <imsss:minNormalizedMeasure>{:.2}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>\n",
            f64::from(score) / 100.0
        ),
    }
}

const HEAD_12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
"#;

const HEAD_2004: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(files: &'a [String], mastery_score: Option<u8>) -> ManifestFacts<'a> {
        ManifestFacts {
            identifier: "my-module-en",
            title: "Dealing with online harassment & more",
            launch: "scorm.html",
            files,
            mastery_score,
        }
    }

    #[test]
    fn the_launch_page_is_the_first_resource_and_every_file_is_listed() {
        let files = vec![
            "index.html".to_string(),
            "scorm.html".to_string(),
            "a b.html".to_string(),
        ];
        let xml = manifest_xml(ScormVersion::V12, &facts(&files, Some(80)));
        assert!(xml.contains("<schemaversion>1.2</schemaversion>"));
        assert!(xml.contains("adlcp:scormtype=\"sco\" href=\"scorm.html\""));
        assert!(xml.contains("<title>Dealing with online harassment &amp; more</title>"));
        assert!(xml.contains("<adlcp:masteryscore>80</adlcp:masteryscore>"));
        let listed: Vec<&str> = xml
            .match_indices("<file href=\"")
            .map(|(i, _)| &xml[i + 12..i + 12 + xml[i + 12..].find('"').unwrap()])
            .collect();
        assert_eq!(listed, ["scorm.html", "index.html", "a b.html"]);
        let xml = manifest_xml(ScormVersion::V2004, &facts(&files, Some(75)));
        assert!(xml.contains("<schemaversion>2004 4th Edition</schemaversion>"));
        assert!(xml.contains("adlcp:scormType=\"sco\""));
        assert!(xml.contains("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>"));
    }
}
