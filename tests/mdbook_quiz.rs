//! Books written for mdbook-quiz build unchanged: quiz files render as this tool's questions,
//! never write into the sources, translate, and fail clearly on what cannot be rendered.

mod common;

use common::*;
use std::fs;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/fixtures/mdbook-quiz"), dir.path());
    dir
}

#[test]
fn quiz_files_render_as_questions_without_touching_the_sources() {
    let book = fixture();
    let before = snapshot(&book.path().join("src"));
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        snapshot(&book.path().join("src")),
        before,
        "the build changed the book's sources"
    );

    let page = fs::read_to_string(site.join("basics.html")).unwrap();
    let main = main_of(&page);
    assert!(!main.contains("{{#"), "the quiz line is replaced");
    assert_eq!(
        main.matches("class=\"training-block training-quiz\"")
            .count(),
        2
    );
    assert_eq!(
        main.matches("class=\"training-block training-quiz training-short-answer\"")
            .count(),
        1
    );
    assert!(
        main.contains("data-training-set=\"3\""),
        "the file's questions form a set"
    );
    // answerIndex = 2 puts the answer third; the multipart context comes first.
    let first = &main[..main.find("quiz-src-quizzes-basics-2").unwrap()];
    let order: Vec<usize> = [
        "The village pump",
        "<code>noticeboard</code>",
        "<strong>emergency@wikimedia.org</strong>",
    ]
    .iter()
    .map(|t| first.find(t).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(first.contains("<p>The next two questions are about <em>reporting</em>.</p>"));
    assert!(first.contains("&quot;answers&quot;:[2]"));
    assert!(first.contains("Threats go to the emergency address, <em>immediately</em>."));
    // sortAnswers orders by content; two answers make it "select all that apply".
    assert!(main.contains("&quot;answers&quot;:[0,1]") && main.contains("Select all that apply."));
    assert!(main.contains(
        "&quot;accepted&quot;:[&quot;revdel&quot;,&quot;rev del&quot;,&quot;RevDel&quot;]"
    ));

    // Two quiz.toml files in different folders keep apart.
    let a = fs::read_to_string(site.join("a/chapter.html")).unwrap();
    let b = fs::read_to_string(site.join("b/chapter.html")).unwrap();
    assert!(a.contains("id=\"quiz-src-a-quiz-q1\"") && b.contains("id=\"quiz-src-b-quiz-q1\""));
}

fn check_error(file: &str, text: &str) -> String {
    let book = fixture();
    fs::write(book.path().join("src/quizzes/basics.toml"), text).unwrap();
    let _ = file;
    let output = run(&["check", book.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn unsupported_content_fails_with_file_line_and_question() {
    let tracing = "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"a\"\nanswer.answer = \"b\"\n\n[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = true\n";
    let err = check_error("basics.toml", tracing);
    assert!(
        err.contains("src/quizzes/basics.toml:6: question 2 is a Tracing question"),
        "{err}"
    );

    let unknown = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"a\"\nprompt.distractors = [\"c\"]\nanswer.answer = \"b\"\nhint = \"no such field\"\n";
    let err = check_error("basics.toml", unknown);
    assert!(
        err.contains("src/quizzes/basics.toml:1: question 1 has an unknown key `hint`"),
        "{err}"
    );

    let err = check_error(
        "basics.toml",
        "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"never closed\n",
    );
    assert!(
        err.contains("src/quizzes/basics.toml:3: this is not valid TOML"),
        "{err}"
    );

    let book = fixture();
    fs::write(
        book.path().join("src/basics.md"),
        "# Basics\n\n{{#quiz quizzes/missing.toml}}\n",
    )
    .unwrap();
    let output = run(&["check", book.path().to_str().unwrap()]);
    assert!(
        stderr(&output)
            .contains("src/basics.md:3: the quiz file `src/quizzes/missing.toml` does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn quiz_file_strings_are_extracted_and_translated() {
    let book = fixture();
    let dir = book.path().to_str().unwrap();
    let output = run(&["i18n", "extract", dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pot = fs::read_to_string(book.path().join("po/messages.pot")).unwrap();
    assert!(
        pot.contains(
            "#: src/quizzes/basics.toml:4\nmsgid \"Where should a _threat to life_ be reported?\""
        ),
        "{pot}"
    );
    assert!(pot.contains("#: src/quizzes/basics.toml:23\nmsgid \"revdel\""));
    let fr = pot
        .replace("#, fuzzy\n", "")
        .replace("\"Language: \\n\"", "\"Language: fr\\n\"")
        .replace("msgid \"Where should a _threat to life_ be reported?\"\nmsgstr \"\"", "msgid \"Where should a _threat to life_ be reported?\"\nmsgstr \"Où signaler une _menace de mort_ ?\"")
        .replace("msgid \"revdel\"\nmsgstr \"\"", "msgid \"revdel\"\nmsgstr \"masquage\"");
    fs::write(book.path().join("po/fr.po"), fr).unwrap();
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(site.join("fr/basics.html")).unwrap();
    assert!(page.contains("Où signaler une <em>menace de mort</em> ?"));
    assert!(
        page.contains("&quot;accepted&quot;:[&quot;masquage&quot;"),
        "accepted answers are translated too"
    );
}

#[test]
fn code_in_quiz_file_options_stays_code_in_a_translated_edition() {
    let book = fixture();
    let extract = run(&["i18n", "extract", book.path().to_str().unwrap()]);
    assert!(extract.status.success(), "{}", stderr(&extract));
    let template = fs::read_to_string(book.path().join("po/messages.pot")).unwrap();
    // As mdbook-xgettext does, a Rust code block offers its string literals and comments.
    assert!(template.contains("msgid \"\\\"hi\\\"\""), "{template}");
    fs::write(
        book.path().join("po/fr.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"\\\"hi\\\"\"\nmsgstr \"\\\"salut\\\"\"\n\nmsgid \"Which program prints `hi`?\"\nmsgstr \"Quel programme affiche `hi` ?\"\n",
    )
    .unwrap();
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = main_of(&fs::read_to_string(site.join("fr/tracing.html")).unwrap());
    assert!(
        page.contains("Quel programme affiche <code>hi</code>"),
        "{page}"
    );
    for program in ["print(\"salut\"); }", "println!(\"salut\"); }"] {
        assert!(
            page.contains(&format!(
                "<code class=\"language-rust\">fn main() {{ {program}"
            )),
            "{program} is code: {page}"
        );
    }
    assert!(!page.contains("```"), "no literal fence: {page}");
}

#[test]
fn tracing_questions_render_as_a_question_and_a_typed_result() {
    let book = fixture();
    let site = book.path().join("site");
    let output = build_site(book.path(), &site, &["-q"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = main_of(&fs::read_to_string(site.join("tracing.html")).unwrap());
    assert_eq!(page.matches("Does this program compile?").count(), 2);
    assert!(page.contains("id=\"quiz-src-quizzes-tracing-sum\""));
    assert!(page.contains("id=\"short-answer-src-quizzes-tracing-sum-result\""));
    assert!(
        page.contains("4  </span>") || page.contains("4      println!"),
        "lines are numbered: {page}"
    );
}
