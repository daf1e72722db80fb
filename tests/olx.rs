//! `export olx`: one Open edX course per edition, checked by `olxcleaner` (the OLX validator,
//! `edx-cleaner -p 8`) and by reading its XML: the answer key, hints, solutions, url_names that
//! an export made again keeps, static files, languages, and no trace of the tool's syntax.

mod common;

use common::*;
use mdbook_training::model::BlockBody;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

const NAME: &str = "dealing-with-online-harassment";

/// The courses of the module with its French and Arabic editions, in a new folder.
fn export(book: &Path) -> tempfile::TempDir {
    exported("olx", book, &[])
}

/// The archive at `path`, extracted: the course folder and its files by name.
fn extract(path: &Path) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let gz = flate2::read::GzDecoder::new(fs::File::open(path).unwrap());
    tar::Archive::new(gz).unpack(dir.path()).unwrap();
    let course = dir.path().join("course");
    assert!(course.join("course.xml").is_file(), "course.xml in course/");
    let files = files_under(&course)
        .into_iter()
        .map(|p| {
            let name = p.to_string_lossy().into_owned();
            let text = String::from_utf8_lossy(&fs::read(course.join(&p)).unwrap()).into_owned();
            (name, text)
        })
        .collect();
    (dir, files)
}

/// `edx-cleaner -p 8` on the course in `dir`: its errors, one per line.
fn olxcleaner_errors(dir: &Path) -> Vec<String> {
    let output = Command::new("edx-cleaner")
        .args(["-p", "8", "-q"])
        .current_dir(dir.join("course"))
        .output()
        .expect("edx-cleaner (pip install olxcleaner) runs; .ci/run installs it");
    let report = Command::new("edx-cleaner")
        .args(["-p", "8"])
        .current_dir(dir.join("course"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&report.stdout).into_owned();
    let errors: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("ERROR ") || l.starts_with("WARNING "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        output.status.success(),
        errors.is_empty(),
        "edx-cleaner's verdict and its report agree:\n{text}"
    );
    errors
}

/// `settings` as the `[preprocessor.training.olx]` table of the book at `book`.
fn olx_settings(book: &Path, settings: &str) {
    let toml = book.join("book.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        format!("{text}\n[preprocessor.training.olx]\n{settings}"),
    )
    .unwrap();
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn module_and_its_editions_pass_olxcleaner() {
    let book = module_with_editions();
    let dest = export(book.path());
    for language in ["en", "fr", "ar"] {
        let archive = dest.path().join(format!("{NAME}-{language}-olx.tar.gz"));
        let (dir, files) = extract(&archive);
        let errors = olxcleaner_errors(dir.path());
        // An evergreen course has no end date, which olxcleaner asks of every course.
        assert_eq!(errors.len(), 1, "{language}: {errors:#?}");
        assert!(
            errors[0].contains("does not have the required setting 'end'"),
            "{errors:?}"
        );
        let course = xml(&files[&format!("course/{language}.xml")]);
        let root = course.root_element();
        assert_eq!(root.attribute("language"), Some(language));
        assert!(root.attribute("start").is_some() && root.attribute("course_image").is_some());
        let image = format!("static/{}", root.attribute("course_image").unwrap());
        assert!(files.contains_key(&image), "{image}");
        for (name, text) in &files {
            for tool_only in [
                "{{#",
                "{{/",
                "glossary:",
                "section:",
                "<script",
                "olx-block",
            ] {
                assert!(
                    !text.contains(tool_only),
                    "{language} {name} holds {tool_only}"
                );
            }
        }
    }
}

#[test]
fn module_with_an_end_date_passes_olxcleaner_without_a_word() {
    let book = module_with_editions();
    olx_settings(
        book.path(),
        "org = \"WikimediaFoundation\"\nstart = \"2027-01-01\"\nend = \"2030-12-31\"\n",
    );
    let dest = exported("olx", book.path(), &["--lang", "fr"]);
    let (dir, files) = extract(&dest.path().join(format!("{NAME}-fr-olx.tar.gz")));
    assert_eq!(olxcleaner_errors(dir.path()), Vec::<String>::new());
    assert!(files["course.xml"].contains("org=\"WikimediaFoundation\""));
    assert!(
        files["course/fr.xml"]
            .contains("start=\"2027-01-01T00:00:00Z\" end=\"2030-12-31T00:00:00Z\"")
    );
}

/// The module's questions as its sources say: id, and which options are best.
fn answer_key(book: &Path) -> BTreeMap<String, Vec<bool>> {
    let mut key = BTreeMap::new();
    for path in files_under(&book.join("src")) {
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let path = book.join("src").join(path);
        let text = fs::read_to_string(&path).unwrap();
        let (parsed, _) = mdbook_training::parse::parse_chapter(&path, &path, &text);
        for block in parsed.blocks {
            if let BlockBody::Quiz(quiz) = block.body {
                key.insert(block.id, quiz.options.iter().map(|o| o.correct).collect());
            }
        }
    }
    key
}

#[test]
fn questions_keep_their_answer_key_and_solutions() {
    let book = module_with_editions();
    let dest = export(book.path());
    let key = answer_key(book.path());
    assert!(key.len() >= 5, "{key:?}");
    for language in ["en", "fr"] {
        let (_dir, files) = extract(&dest.path().join(format!("{NAME}-{language}-olx.tar.gz")));
        for (id, correct) in &key {
            let text = &files[&format!("problem/{id}.xml")];
            let doc = xml(text);
            let choices: Vec<bool> = doc
                .descendants()
                .filter(|n| n.has_tag_name("choice"))
                .map(|n| n.attribute("correct") == Some("true"))
                .collect();
            assert_eq!(&choices, correct, "{language} {id}");
            let problem = doc.root_element();
            assert_eq!(problem.attribute("showanswer"), Some("attempted"));
            assert_eq!(problem.attribute("weight"), Some("1"));
            assert_eq!(problem.attribute("max_attempts"), None, "unlimited");
            assert!(doc.descendants().any(|n| n.has_tag_name("solution")));
            assert!(doc.descendants().any(|n| n.has_tag_name("label")));
            assert!(text.contains("Talk:Training_modules"), "discussion link");
        }
    }
}

#[test]
fn exports_made_twice_are_the_same_bytes() {
    let book = module_with_editions();
    let first = export(book.path());
    let second = export(book.path());
    for language in ["en", "fr", "ar"] {
        let name = format!("{NAME}-{language}-olx.tar.gz");
        assert!(
            fs::read(first.path().join(&name)).unwrap()
                == fs::read(second.path().join(&name)).unwrap(),
            "{name} differs between two exports"
        );
    }
}

#[test]
fn editions_speak_their_language_in_their_direction() {
    let book = module_with_editions();
    let dest = export(book.path());
    let (_fr, fr) = extract(&dest.path().join(format!("{NAME}-fr-olx.tar.gz")));
    let (_ar, ar) = extract(&dest.path().join(format!("{NAME}-ar-olx.tar.gz")));
    let (_en, en) = extract(&dest.path().join(format!("{NAME}-en-olx.tar.gz")));
    // The same outline in every edition: a re-import of each updates its own course.
    let names = |files: &BTreeMap<String, String>| -> Vec<String> {
        files
            .keys()
            .filter(|k| !k.starts_with("course/") && !k.starts_with("policies/"))
            .cloned()
            .collect()
    };
    assert_eq!(names(&fr), names(&en));
    assert!(fr["course.xml"].contains("url_name=\"fr\""));
    let fr_title = xml(&fr["course/fr.xml"])
        .root_element()
        .attribute("display_name")
        .unwrap()
        .to_string();
    let en_title = xml(&en["course/en.xml"])
        .root_element()
        .attribute("display_name")
        .unwrap()
        .to_string();
    assert_ne!(fr_title, en_title, "the French title");
    let html: Vec<&String> = ar
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(_, v)| v)
        .collect();
    assert!(
        !html.is_empty()
            && html
                .iter()
                .all(|h| h.contains("dir=\"rtl\"") && h.contains("lang=\"ar\""))
    );
    let problems: Vec<&String> = ar
        .iter()
        .filter(|(k, _)| k.starts_with("problem/"))
        .map(|(_, v)| v)
        .collect();
    assert!(problems.iter().all(|p| p.contains("dir=\"rtl\"")));
    assert!(
        en.iter()
            .filter(|(k, _)| k.ends_with(".html"))
            .all(|(_, v)| !v.contains("dir=\"rtl\""))
    );
}

/// A book with every kind of block, an image, a footnote and links of every kind.
fn small_book() -> tempfile::TempDir {
    write_book(&[
        (
            "book.toml",
            "[book]\ntitle = \"Small\"\nauthors = [\"Support and Safety\"]\n\n[preprocessor.training]\nglossary = \"glossary.md\"\ndiscussion-url = \"https://example.org/talk#{id}\"\n",
        ),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [One](one.md)\n- [Two](part/two.md)\n- [Glossary](glossary.md)\n- [Progress](progress.md)\n",
        ),
        (
            "src/one.md",
            concat!(
                "{{#content-note skip=after}}\n\nThis chapter speaks of threats.\n\n{{/content-note}}\n\n",
                "# One\n\nRead about [sockpuppets](glossary:sock) and see [the second part](part/two.md#later).\n",
                "A footnote.[^n]\n\n![A diagram](images/diagram.png)\n\n",
                "## Questions\n\n",
                "{{#quiz pick}}\n\n### Pick one\n\nWhich one?\n\n- [ ] First\n\n  > Not this one.\n- [x] Second\n\n  > Yes.\n\nBecause B.\n\n{{/quiz}}\n\n",
                "{{#quiz pick-all}}\n\nWhich ones apply?\n\n- [x] Both\n- [x] Of these\n- [ ] Not this\n\n  > It does not apply.\n\nThe first two.\n\n{{/quiz}}\n\n",
                "{{#short-answer short}}\n\nShort name of *revision deletion*?\n\n- revdel\n- rev del\n\nAdministrators use it daily.\n\n{{/short-answer}}\n\n",
                "## After {#after}\n\n{{#scenario think}}\n\n### Think\n\nWhat now? See [after](section:after).\n\n{{/scenario}}\n\n",
                "{{#reply thanks}}\n\nThank you for writing to us.\n\n{{/reply}}\n\n",
                "[^n]: The footnote's text.\n",
            ),
        ),
        ("src/images/diagram.png", "not really a png"),
        (
            "src/part/two.md",
            "# Two\n\nBack to [one](../one.md).\n\n## Later {#later}\n\nMore.\n",
        ),
        (
            "src/glossary.md",
            "# Glossary\n\n## Sockpuppet {#sock}\n\nA second account used to deceive.\n",
        ),
        ("src/progress.md", "# Progress\n\n{{#progress}}\n"),
    ])
}

#[test]
fn every_kind_of_block_and_link_finds_its_place() {
    let book = small_book();
    let dest = export(book.path());
    let (dir, files) = extract(&dest.path().join("small-en-olx.tar.gz"));
    assert_eq!(olxcleaner_errors(dir.path()).len(), 1, "only the end date");
    assert!(
        files["course.xml"].contains("org=\"Support-and-Safety\" course=\"Small\""),
        "{}",
        files["course.xml"]
    );
    assert!(
        !files.keys().any(|k| k.contains("progress")),
        "the progress page needs the site"
    );
    // The content note comes first in its unit, before the chapter's text.
    let intro = xml(&files["vertical/one_intro.xml"]);
    let first = intro
        .root_element()
        .children()
        .find(|n| n.is_element())
        .unwrap();
    assert_eq!(first.attribute("url_name"), Some("one_intro_note"));
    let note = &files["html/one_intro_note.html"];
    assert!(note.contains("href=\"/jump_to_id/one_after\""), "{note}");
    let text = &files["html/one_intro_text2.html"];
    assert!(text.contains("<a href=\"/jump_to_id/glossary_sock\" title=\"A second account used to deceive.\">sockpuppets</a>"), "{text}");
    assert!(
        text.contains("href=\"/jump_to_id/part_two_later\""),
        "{text}"
    );
    assert!(
        text.contains("src=\"/static/images_diagram.png\""),
        "{text}"
    );
    assert!(
        text.contains("The footnote’s text."),
        "the footnote stays with its page: {text}"
    );
    assert!(files.contains_key("static/images_diagram.png"));
    assert!(files["html/part_two_intro_text1.html"].contains("href=\"/jump_to_id/one_intro\""));
    // A question with feedback: each option's hint, the explanation as the solution.
    let pick = xml(&files["problem/pick.xml"]);
    let hints: Vec<String> = pick
        .descendants()
        .filter(|n| n.has_tag_name("choicehint"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    assert_eq!(hints, ["Not this one.", "Yes."]);
    assert!(pick.descendants().any(|n| n.has_tag_name("choicegroup") && n.attribute("type") == Some("MultipleChoice")));
    assert_eq!(
        pick.root_element().attribute("display_name"),
        Some("Pick one")
    );
    // Select all that apply: checkboxes, a hint shown when its option is chosen.
    let all = xml(&files["problem/pick-all.xml"]);
    assert!(all.descendants().any(|n| n.has_tag_name("checkboxgroup")));
    let correct: Vec<Option<&str>> = all
        .descendants()
        .filter(|n| n.has_tag_name("choice"))
        .map(|n| n.attribute("correct"))
        .collect();
    assert_eq!(correct, [Some("true"), Some("true"), Some("false")]);
    assert!(
        all.descendants()
            .any(|n| n.has_tag_name("choicehint") && n.attribute("selected") == Some("true"))
    );
    // A typed answer: every accepted answer.
    let short = xml(&files["problem/short.xml"]);
    let response = short
        .descendants()
        .find(|n| n.has_tag_name("stringresponse"))
        .unwrap();
    assert_eq!(response.attribute("answer"), Some("revdel"));
    assert_eq!(response.attribute("type"), Some("ci"));
    let more: Vec<&str> = short
        .descendants()
        .filter(|n| n.has_tag_name("additional_answer"))
        .filter_map(|n| n.attribute("answer"))
        .collect();
    assert_eq!(more, ["rev del"]);
    // A scenario and a reply: text components, the scenario with its discussion link.
    let think = &files["html/think.html"];
    assert!(
        think.contains("What would you do?") && think.contains("https://example.org/talk#think"),
        "{think}"
    );
    assert!(think.contains("href=\"/jump_to_id/one_after\""), "{think}");
    assert!(files["html/thanks.html"].contains("Thank you for writing to us."));
    assert!(!files["html/thanks.html"].contains("<button"));
    // Grading agrees with the outline: one graded subsection.
    let grading: serde_json::Value =
        serde_json::from_str(&files["policies/en/grading_policy.json"]).unwrap();
    assert_eq!(grading["GRADER"][0]["min_count"], 1);
    assert!(files["sequential/one_seq.xml"].contains("graded=\"true\""));
    assert!(!files["sequential/part_two_seq.xml"].contains("graded"));
}

#[test]
fn a_question_open_edx_cannot_read_is_an_error_at_its_line() {
    let book = small_book();
    let one = book.path().join("src/one.md");
    let text = fs::read_to_string(&one)
        .unwrap()
        .replace("Which one?", "Which one?<br>");
    fs::write(&one, text).unwrap();
    let dest = tempfile::tempdir().unwrap();
    let output = run(&[
        "export",
        "olx",
        book.path().to_str().unwrap(),
        "--dest",
        dest.path().to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("src/one.md:") && err.contains("`pick` is not well-formed XML"),
        "{err}"
    );
    assert!(files_under(dest.path()).is_empty(), "nothing written");
}

#[test]
fn a_date_open_edx_cannot_read_fails_check_and_export() {
    let book = small_book();
    olx_settings(book.path(), "start = \"next monday\"\n");
    for args in [vec!["check"], vec!["export", "olx"]] {
        let mut args: Vec<&str> = args;
        args.push(book.path().to_str().unwrap());
        let output = run(&args);
        assert!(!output.status.success(), "{args:?}");
        let err = stderr(&output);
        assert!(
            err.contains("book.toml:") && err.contains("olx start `next monday` is not a date"),
            "{err}"
        );
    }
    assert!(!book.path().join("export").exists());
}

#[test]
fn a_library_exports_each_module_as_a_course() {
    let dir = tempfile::tempdir().unwrap();
    let library = two_module_library(dir.path());
    let output = run(&["export", "olx", library.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in [
        "my-training-module-en-olx.tar.gz",
        "keeping-events-safe-en-olx.tar.gz",
    ] {
        let (dir, _) = extract(&library.join("export").join(name));
        assert_eq!(
            olxcleaner_errors(dir.path()).len(),
            1,
            "{name}: only the end date"
        );
    }
}

#[test]
fn a_course_image_of_the_books_own_is_the_courses() {
    let book = small_book();
    olx_settings(book.path(), "course-image = \"cover.png\"\n");
    fs::write(book.path().join("cover.png"), b"a cover").unwrap();
    let dest = export(book.path());
    let (_dir, files) = extract(&dest.path().join("small-en-olx.tar.gz"));
    assert!(files["course/en.xml"].contains("course_image=\"cover.png\""));
    assert_eq!(files["static/cover.png"], "a cover");
    // A link leading out of the book is not the book's file.
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.png"), b"not the book's").unwrap();
    fs::remove_file(book.path().join("cover.png")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        book.path().join("cover.png"),
    )
    .unwrap();
    let output = run(&["export", "olx", book.path().to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not a file of the book"),
        "{}",
        stderr(&output)
    );
    fs::remove_file(book.path().join("cover.png")).unwrap();
    let output = run(&["export", "olx", book.path().to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("olx.course-image `cover.png` is not a file of the book"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_library_modules_course_holds_the_library_glossary_it_links_to() {
    let library = common::library::three_module_library();
    let dest = exported("olx", library.path(), &[]);
    let names: Vec<String> = files_under(dest.path())
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert!(names.len() >= 4, "every module and edition: {names:?}");
    let private = names
        .iter()
        .find(|n| n.contains("-en-") && n.contains("private"))
        .unwrap();
    let (dir, files) = extract(&dest.path().join(private));
    assert_eq!(olxcleaner_errors(dir.path()).len(), 1, "only the end date");
    // The library's glossary is the course's last section, each term a unit of its own.
    let course = files
        .iter()
        .find(|(k, _)| k.starts_with("course/"))
        .unwrap()
        .1;
    assert!(
        course
            .trim_end()
            .ends_with("<chapter url_name=\"library-glossary\"/>\n</course>"),
        "{course}"
    );
    assert!(files["chapter/library-glossary.xml"].contains("display_name=\"Shared terms\""));
    let linked = files
        .iter()
        .filter(|(k, _)| k.starts_with("html/"))
        .any(|(_, v)| v.contains("href=\"/jump_to_id/library-glossary_doxxing\" title=\"Publishing someone’s private information without their consent.\""));
    assert!(linked, "the module's link reaches the shared term's unit");
    assert!(files.contains_key("vertical/library-glossary_doxxing.xml"));
    // A French edition holds the library's glossary in the library's French words.
    let french = names
        .iter()
        .find(|n| n.contains("-fr-"))
        .expect("a French course");
    let (_dir, files) = extract(&dest.path().join(french));
    assert!(files["chapter/library-glossary.xml"].contains("display_name=\"Termes partagés\""));
}
