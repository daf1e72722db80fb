//! A library of three small modules made as authors make them: one from `init`, one imported
//! from a draft, one written by hand; a shared glossary, and French editions of the library and
//! of the hand-written module.

use super::*;
use std::fs;
use std::path::Path;

/// The library's folder; its modules are `harassment` (from `init`), `private` (imported) and
/// `events` (by hand, with a question and a French edition).
pub fn three_module_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let init = run(&["init", root.join("harassment").to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    edit(
        &root.join("harassment/book.toml"),
        "[book]\n",
        "[book]\ndescription = \"For volunteers who take harassment reports.\"\n",
    );
    imported_module(root);
    hand_written_module(&root.join("events"));
    fs::write(
        root.join("library.toml"),
        "[library]\ntitle = \"Support and Safety training\"\nlanguage = \"en\"\nmodules = [\"harassment\", \"private\", \"events\"]\nglossary = \"glossary.md\"\n",
    )
    .unwrap();
    fs::write(
        root.join("glossary.md"),
        "# Shared terms\n\n## Doxxing {#doxxing}\n\nPublishing someone's private information without their consent.\n",
    )
    .unwrap();
    french_editions(root);
    dir
}

/// `path` with `from` replaced by `to`, which must be there.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn imported_module(root: &Path) {
    let draft = root.join("private-draft.txt");
    fs::write(
        &draft,
        "Training modules/Private information/First draft\n\nH1: Introduction\n\n\nWhy privacy matters\n\n\nPersonal information shared without consent can put a volunteer at risk. Doxxing is one way it happens.\n\nH2: Handling a request\n\n\nWhat to do first\n\n\nThank the person and remove the information quickly.\n",
    )
    .unwrap();
    let import = run(&[
        "import",
        draft.to_str().unwrap(),
        "--into",
        root.join("private").to_str().unwrap(),
    ]);
    assert!(import.status.success(), "{}", stderr(&import));
    fs::remove_file(&draft).unwrap();
    edit(
        &root.join("private/src/introduction.md"),
        "Doxxing is",
        "[Doxxing](glossary:doxxing) is",
    );
}

fn hand_written_module(events: &Path) {
    fs::create_dir_all(events.join("src")).unwrap();
    let files = [
        (
            "book.toml",
            "[book]\ntitle = \"Keeping events safe\"\nlanguage = \"en\"\n\n[preprocessor.training]\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n[Keeping events safe](index.md)\n\n- [Before the event](before.md)\n",
        ),
        (
            "src/index.md",
            "# Keeping events safe\n\nHow to plan for a safe event.\n",
        ),
        (
            "src/before.md",
            "# Before the event\n\nPlan who takes reports at the venue.\n\n{{#quiz who-takes-reports}}\n\n### Who takes reports?\n\nWho should take reports at an event?\n\n- [x] A named person everyone can find.\n  > Yes: people know whom to tell.\n- [ ] Nobody in particular.\n  > Then nobody hears them.\n\n{{/quiz}}\n",
        ),
    ];
    for (file, text) in files {
        fs::write(events.join(file), text).unwrap();
    }
}

/// French for the library's own pages and for `events`: templates extracted, some messages
/// translated, merged as translators' tools would.
fn french_editions(root: &Path) {
    let extract = run(&["i18n", "extract", root.to_str().unwrap()]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    translate(
        &root.join("po"),
        &[
            (
                "Support and Safety training",
                "Formation Soutien et sécurité",
            ),
            ("Shared terms", "Termes partagés"),
        ],
    );
    translate(
        &root.join("events/po"),
        &[
            ("Keeping events safe", "Des événements sûrs"),
            ("Before the event", "Avant l’événement"),
            (
                "Plan who takes reports at the venue.",
                "Prévoyez qui reçoit les signalements sur place.",
            ),
        ],
    );
    let update = run(&["i18n", "update", root.to_str().unwrap()]);
    assert!(update.status.success(), "{}", stderr(&update));
}

/// `po/fr.po` from `po/messages.pot` with `messages` translated.
fn translate(po: &Path, messages: &[(&str, &str)]) {
    let mut text = fs::read_to_string(po.join("messages.pot")).unwrap();
    text = text.replacen("\"Language: \\n\"", "\"Language: fr\\n\"", 1);
    for (msgid, msgstr) in messages {
        let empty = format!("msgid \"{msgid}\"\nmsgstr \"\"");
        assert!(text.contains(&empty), "{msgid} is not in {}", po.display());
        text = text.replace(&empty, &format!("msgid \"{msgid}\"\nmsgstr \"{msgstr}\""));
    }
    fs::write(po.join("fr.po"), text).unwrap();
}
