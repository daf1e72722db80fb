//! `export scorm`: one package per edition, its manifest at the zip's root, valid against the
//! schemas it carries (libxml2's `xmllint`), read as Open edX's SCORM block reads it (Python's
//! ElementTree, the block's own steps), every file listed, each edition a site of its own.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

const NAME: &str = "dealing-with-online-harassment";

/// The packages of the module with its French and Arabic editions, in `version`, passed at
/// a score of 80.
fn export(version: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let book = module_with_editions();
    set_mastery(book.path(), "80");
    let dest = exported("scorm", book.path(), &["--scorm", version]);
    (book, dest)
}

fn set_mastery(book: &Path, score: &str) {
    let path = book.join("book.toml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "[preprocessor.training]\n",
        &format!("[preprocessor.training]\nmastery-score = {score}\n"),
        1,
    );
    fs::write(path, text).unwrap();
}

/// The zip at `path`, extracted into a new folder; its entries' names.
fn unzip(path: &Path) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.name_for_index(i).unwrap().unwrap().to_string())
        .collect();
    archive.extract(dir.path()).unwrap();
    (dir, names)
}

/// What Open edX's SCORM block reads of a package (openedxscorm, `update_package_fields`):
/// the manifest's default namespace, the first `resource` with an `href`, `schemaversion`.
fn as_open_edx_reads(dir: &Path) -> (String, String) {
    let script = r#"
import sys, xml.etree.ElementTree as ET
path = sys.argv[1] + "/imsmanifest.xml"
namespace = ""
for _, node in ET.iterparse(path, events=["start-ns"]):
    if node[0] == "":
        namespace = node[1]
        break
root = ET.parse(path).getroot()
prefix = "{" + namespace + "}" if namespace else ""
resource = root.find("{0}resources/{0}resource[@href]".format(prefix))
version = root.find("{0}metadata/{0}schemaversion".format(prefix))
print(resource.get("href"))
print(version.text)
"#;
    let output = Command::new("python3")
        .args(["-c", script, dir.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines().map(str::to_string);
    (lines.next().unwrap(), lines.next().unwrap())
}

/// Validates the manifest against the schemas the package carries, with every namespace's
/// schema imported, as a conformance checker would.
fn validate(dir: &Path, namespaces: &[(&str, &str)]) {
    let imports: String = namespaces
        .iter()
        .map(|(ns, file)| format!("<xs:import namespace=\"{ns}\" schemaLocation=\"{file}\"/>\n"))
        .collect();
    fs::write(
        dir.join("all-schemas.xsd"),
        format!("<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:test:all\">\n{imports}</xs:schema>\n"),
    )
    .unwrap();
    let xmllint = Command::new("xmllint")
        .args([
            "--noout",
            "--nonet",
            "--schema",
            "all-schemas.xsd",
            "imsmanifest.xml",
        ])
        .current_dir(dir)
        .output()
        .expect("xmllint runs: `apt-get install -y libxml2-utils`, or run .ci/run");
    let said = stderr(&xmllint);
    assert!(xmllint.status.success(), "{said}");
    assert!(said.contains("imsmanifest.xml validates"), "{said}");
}

/// The files the manifest lists, in order.
fn listed(dir: &Path) -> Vec<String> {
    let manifest = fs::read_to_string(dir.join("imsmanifest.xml")).unwrap();
    manifest
        .match_indices("<file href=\"")
        .map(|(at, found)| {
            let rest = &manifest[at + found.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

fn check_package(zip: &Path, schema_version: &str, namespaces: &[(&str, &str)]) {
    let (dir, names) = unzip(zip);
    assert_eq!(
        names.first().map(String::as_str),
        Some("imsmanifest.xml"),
        "the manifest first, at the root"
    );
    let (launch, version) = as_open_edx_reads(dir.path());
    assert_eq!(version, schema_version);
    assert_eq!(launch, "scorm.html");
    assert!(
        dir.path().join(&launch).is_file(),
        "the launch page is in the package"
    );
    validate(dir.path(), namespaces);
    let manifest = fs::read_to_string(dir.path().join("imsmanifest.xml")).unwrap();
    assert!(
        manifest.contains("<adlcp:masteryscore>80</adlcp:masteryscore>")
            || manifest.contains("<imsss:minNormalizedMeasure>0.80</imsss:minNormalizedMeasure>"),
        "the module's mastery score: {manifest}"
    );
    let files = listed(dir.path());
    assert_eq!(files[0], launch, "the launch page is listed first");
    let mut files_sorted = files.clone();
    files_sorted.sort();
    let mut contents: Vec<String> = names
        .into_iter()
        .filter(|n| n != "imsmanifest.xml" && !n.ends_with(".xsd") && !n.ends_with(".dtd"))
        .collect();
    contents.sort();
    assert_eq!(
        files_sorted, contents,
        "every file of the edition is listed, and only those"
    );
}

#[test]
fn scorm_12_packages_one_per_edition_valid_and_read_as_open_edx_reads_them() {
    let (_book, dest) = export("1.2");
    for language in ["en", "fr", "ar"] {
        let zip = dest.path().join(format!("{NAME}-{language}-scorm12.zip"));
        check_package(
            &zip,
            "1.2",
            &[
                (
                    "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                    "imscp_rootv1p1p2.xsd",
                ),
                (
                    "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                    "adlcp_rootv1p2.xsd",
                ),
            ],
        );
    }
    // Each edition is a site of its own: no picker, no links to editions the package lacks.
    let (dir, _) = unzip(&dest.path().join(format!("{NAME}-fr-scorm12.zip")));
    let page = fs::read_to_string(dir.path().join("basics.html")).unwrap();
    assert!(page.contains("<html lang=\"fr\""), "the French edition");
    assert!(!page.contains("training-languages") && !page.contains("hreflang"));
    assert!(!dir.path().join("fr").exists() && !dir.path().join("ar").exists());
    // The platform shows each answer beside its question's title, in the edition's words.
    let launch = fs::read_to_string(dir.path().join("scorm.html")).unwrap();
    assert!(
        launch.contains("Rédiger une bonne réponse"),
        "the French title"
    );
    assert!(!launch.contains("Writing a good reply"));
    let checked = run(&["check", "--site", dir.path().to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn scorm_2004_packages_are_valid_against_the_4th_edition_schemas() {
    let (_book, dest) = export("2004");
    let zip = dest.path().join(format!("{NAME}-en-scorm2004.zip"));
    check_package(
        &zip,
        "2004 4th Edition",
        &[
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    );
}

#[test]
fn export_leaves_the_destinations_other_files_and_refuses_bad_input() {
    let book = module_with_editions();
    let dest = book.path().join("export");
    fs::create_dir_all(&dest).unwrap();
    fs::write(dest.join("mine.txt"), "keep").unwrap();
    let output = run(&[
        "export",
        "scorm",
        book.path().to_str().unwrap(),
        "--lang",
        "fr",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(dest.join("mine.txt")).unwrap(), "keep");
    assert!(dest.join(format!("{NAME}-fr-scorm12.zip")).is_file());
    assert!(
        !dest.join(format!("{NAME}-ar-scorm12.zip")).exists(),
        "only the editions asked for"
    );
    let wrong = run(&[
        "export",
        "scorm",
        book.path().to_str().unwrap(),
        "--scorm",
        "3",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("give 1.2 or 2004"),
        "{}",
        stderr(&wrong)
    );
    set_mastery(book.path(), "120");
    let told = build_and_check_fail(book.path(), &[]);
    assert!(
        told.contains("mastery-score `120` is not a score from 0 to 100"),
        "{told}"
    );
    let refused = run(&["export", "scorm", book.path().to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("book.toml:"),
        "{}",
        stderr(&refused)
    );
    let toml = book.path().join("book.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        text.replace("mastery-score = 120", "mastery-score = 80"),
    )
    .unwrap();
    let inside = book.path().join("src/packages");
    let refused = run(&[
        "export",
        "scorm",
        book.path().to_str().unwrap(),
        "--dest",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("lies inside the book's src folder"),
        "{}",
        stderr(&refused)
    );
    assert!(!inside.exists());
}

#[test]
fn a_library_exports_each_module() {
    let dir = tempfile::tempdir().unwrap();
    let library = two_module_library(dir.path());
    let output = run(&["export", "scorm", library.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in [
        "my-training-module-en-scorm12.zip",
        "keeping-events-safe-en-scorm12.zip",
    ] {
        assert!(library.join("export").join(name).is_file(), "{name}");
    }
}
