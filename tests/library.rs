//! A library of modules: `library.toml` read and checked, `check` of every module at once,
//! `init --library` and the translators' commands module by module. Its site: library_site.rs.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// A library of two modules: one that `init` writes, one written by hand.
fn small_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = run(&["init", dir.path().join("harassment").to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let events = dir.path().join("events");
    fs::create_dir_all(events.join("src")).unwrap();
    fs::write(
        events.join("book.toml"),
        "[book]\ntitle = \"Keeping events safe\"\n\n[preprocessor.training]\n",
    )
    .unwrap();
    fs::write(
        events.join("src/SUMMARY.md"),
        "# Summary\n\n- [Before the event](before.md)\n",
    )
    .unwrap();
    fs::write(
        events.join("src/before.md"),
        "# Before the event\n\nPlan who takes reports.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("library.toml"),
        "[library]\ntitle = \"Support and Safety training\"\nlanguage = \"en\"\nmodules = [\"harassment\", \"events\"]\n",
    )
    .unwrap();
    dir
}

fn check(library: &Path) -> std::process::Output {
    run(&["check", library.to_str().unwrap()])
}

#[test]
fn check_takes_a_library_and_checks_every_module() {
    let library = small_library();
    let output = check(library.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // A problem in one module is told with its path from the library's folder.
    let chapter = library.path().join("events/src/before.md");
    fs::write(
        &chapter,
        "# Before the event\n\nSee [a term](glossary:no-such-term).\n",
    )
    .unwrap();
    let output = check(library.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("events/src/before.md:3"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn every_problem_of_library_toml_is_told_with_its_line() {
    let library = small_library();
    fs::create_dir_all(library.path().join("notes")).unwrap();
    fs::write(
        library.path().join("library.toml"),
        "[library]\ntitle = \"T\"\nmodules = [\n  \"harassment\",\n  \"missing\",\n  \"harassment\",\n  \"notes\",\n  \"fr\",\n]\n",
    )
    .unwrap();
    let output = check(library.path());
    assert_eq!(output.status.code(), Some(1));
    let told = stderr(&output);
    for expected in [
        "library.toml:5: the module folder `missing` is missing",
        "library.toml:6: the module `harassment` is listed twice (first at line 4)",
        "library.toml:7: the folder `notes` is not a book",
        "library.toml:8: the module `fr` is named like a language",
    ] {
        assert!(told.contains(expected), "{expected}\n{told}");
    }
}

#[test]
fn init_library_writes_a_library_that_checks_and_leaves_it_alone_after() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("training");
    let output = run(&["init", "--library", library.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(library.join("library.toml").is_file());
    assert!(library.join("first-module/book.toml").is_file());
    let checked = check(&library);
    assert!(checked.status.success(), "{}", stderr(&checked));
    let before = snapshot(&library);
    let again = run(&["init", "--library", library.to_str().unwrap()]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(snapshot(&library), before);
    // A folder with other files is not made a library.
    let busy = dir.path().join("busy");
    fs::create_dir_all(&busy).unwrap();
    fs::write(busy.join("notes.txt"), "mine").unwrap();
    let refused = run(&["init", "--library", busy.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("no library.toml"),
        "{}",
        stderr(&refused)
    );
    assert!(!busy.join("library.toml").exists());
}

#[test]
fn i18n_commands_take_a_library_module_by_module() {
    let library = small_library();
    let root = library.path().to_str().unwrap();
    let extract = run(&["i18n", "extract", root]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    for module in ["harassment", "events"] {
        assert!(
            library
                .path()
                .join(module)
                .join("po/messages.pot")
                .is_file(),
            "{module}"
        );
    }
    fs::copy(
        library.path().join("events/po/messages.pot"),
        library.path().join("events/po/fr.po"),
    )
    .unwrap();
    let update = run(&["i18n", "update", root]);
    assert!(update.status.success(), "{}", stderr(&update));
    assert!(
        stderr(&update).contains("events/po/fr.po"),
        "{}",
        stderr(&update)
    );
    let status = run(&["i18n", "status", root, "--json"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let counts: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let names: Vec<&String> = counts.as_object().unwrap().keys().collect();
    assert_eq!(names, ["events", "harassment", "library.toml"]);
    assert_eq!(counts["events"][0]["language"], "fr");
    assert!(counts["events"][0]["untranslated"].as_u64().unwrap() > 0);
    assert_eq!(counts["harassment"].as_array().unwrap().len(), 0);
    let text = run(&["i18n", "status", root]);
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(
        text.starts_with("library.toml:\nno translations yet"),
        "{text}"
    );
    assert!(text.contains("harassment:\nno translations yet"), "{text}");
    assert!(text.contains("events:\nfr: 0 translated"), "{text}");
}

#[cfg(unix)]
#[test]
fn a_module_or_glossary_leading_outside_the_library_is_refused() {
    let library = small_library();
    let outside = tempfile::tempdir().unwrap();
    let init = run(&["init", outside.path().join("elsewhere").to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    fs::write(outside.path().join("terms.md"), "# Terms\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("elsewhere"),
        library.path().join("linked"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("terms.md"),
        library.path().join("glossary.md"),
    )
    .unwrap();
    fs::write(
        library.path().join("library.toml"),
        "[library]\ntitle = \"T\"\nmodules = [\"harassment\", \"linked\"]\nglossary = \"glossary.md\"\n",
    )
    .unwrap();
    let output = check(library.path());
    assert_eq!(output.status.code(), Some(1));
    let told = stderr(&output);
    assert!(
        told.contains("library.toml:3: the module folder `linked` leads outside the library"),
        "{told}"
    );
    assert!(
        told.contains(
            "library.toml:4: the glossary `glossary.md` is not a file inside the library"
        ),
        "{told}"
    );
    // Nothing of the outside module was checked or written.
    assert!(!told.contains("linked/src"), "{told}");
    let status = run(&["i18n", "extract", library.path().to_str().unwrap()]);
    assert_eq!(status.status.code(), Some(1));
    assert!(!outside.path().join("elsewhere/po/messages.pot").exists());
}
