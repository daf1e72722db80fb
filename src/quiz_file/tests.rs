//! Tests of `quiz_file`.
use super::*;

const FILE: &str = r#"[[questions]]
id = "Q-One"
type = "MultipleChoice"
prompt.prompt = "What is **1 + 1**?"
prompt.distractors = ["1", "3"]
prompt.answerIndex = 1
answer.answer = "2"
context = "Arithmetic."

[[questions]]
type = "ShortAnswer"
prompt.prompt = "Name the tool."
answer.answer = "mdBook"
answer.alternatives = ["mdbook"]
"#;

#[test]
fn questions_in_order_with_stable_ids() {
    let (qs, d) = parse_quiz_file(Path::new("src/quizzes/a.toml"), FILE);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(qs[0].id, "src-quizzes-a-q-one");
    assert_eq!(qs[1].id, "src-quizzes-a-2");
    assert_eq!(qs[1].line, 10);
    assert_eq!(
        qs[0].body,
        FileQuestionBody::MultipleChoice(vec![
            ("1".into(), false),
            ("2".into(), true),
            ("3".into(), false)
        ])
    );
    assert_eq!(
        qs[1].body,
        FileQuestionBody::ShortAnswer(vec!["mdBook".into(), "mdbook".into()])
    );
}

#[test]
fn a_tracing_question_asks_whether_the_program_compiles_then_its_result() {
    let file = "[[questions]]\nid = \"t\"\ntype = \"Tracing\"\nprompt.program = \"fn main() {\\n    println!(\\\"a\\\\nb\\\");\\n}\"\nanswer.doesCompile = true\nanswer.stdout = \"a\\nb\"\ncontext = \"Two lines.\"\n\n[[questions]]\nid = \"f\"\ntype = \"Tracing\"\nprompt.program = \"fn main() {\\n    let x: i32 = \\\"no\\\";\\n}\"\nanswer.doesCompile = false\nanswer.lineNumber = 2\n";
    let (questions, d) = parse_quiz_file(Path::new("src/q.toml"), file);
    assert!(d.is_empty(), "{d:?}");
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        ["src-q-t", "src-q-t-result", "src-q-f", "src-q-f-result"]
    );
    assert!(
        questions[0]
            .prompt
            .contains("1  fn main() {\n2      println!")
    );
    assert!(questions[0].prompt.ends_with("Does this program compile?"));
    assert_eq!(
        questions[0].body,
        FileQuestionBody::MultipleChoice(vec![
            (TRACING_YES.to_string(), true),
            (TRACING_NO.to_string(), false)
        ])
    );
    // Output is compared as a short answer is: its lines become one line of words.
    assert_eq!(
        questions[1].body,
        FileQuestionBody::ShortAnswer(vec!["a b".to_string()])
    );
    assert_eq!(questions[1].context.as_deref(), Some("Two lines."));
    assert!(
        !questions[1].prompt.contains("print?\n"),
        "the result's prompt does not give the first answer away"
    );
    assert_eq!(
        questions[3].body,
        FileQuestionBody::ShortAnswer(vec!["2".to_string()])
    );
    let markdown = questions_markdown(&questions, "src-q");
    assert!(markdown.contains("- [x] Yes, it compiles.\n- [ ] No, it does not compile."));
}

#[test]
fn an_option_that_opens_with_code_starts_below_its_checkbox() {
    let file = "[[questions]]\nid = \"c\"\ntype = \"MultipleChoice\"\nprompt.prompt = \"Which?\"\nprompt.distractors = [\"```\\nno()\\n```\"]\nanswer.answer = \"yes\"\nprompt.answerIndex = 1\n";
    let (questions, d) = parse_quiz_file(Path::new("src/q.toml"), file);
    assert!(d.is_empty(), "{d:?}");
    let markdown = questions_markdown(&questions, "src-q");
    assert!(
        markdown.contains("- [ ]\n  ```\n  no()\n  ```\n- [x] yes"),
        "{markdown}"
    );
}

#[test]
fn unsupported_content_names_file_line_and_question() {
    let tracing = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"a\"\nprompt.distractors = []\nanswer.answer = \"b\"\n\n[[questions]]\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = true\n";
    let (_, d) = parse_quiz_file(Path::new("src/q.toml"), tracing);
    assert_eq!(d[0].line, 7);
    assert!(d[0].message.contains("question 2 is a Tracing question"));
    let unknown = "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"a\"\nprompt.distractors = []\nprompt.answerIdx = 0\nanswer.answer = \"b\"\n";
    let (_, d) = parse_quiz_file(Path::new("src/q.toml"), unknown);
    assert!(
        d[0].message
            .contains("question 1 has an unknown key `prompt.answerIdx`"),
        "{d:?}"
    );
    let (_, d) = parse_quiz_file(
        Path::new("src/q.toml"),
        "[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"a\n",
    );
    assert_eq!(d[0].line, 3, "{d:?}");
    assert!(d[0].message.contains("not valid TOML"));
}

#[test]
fn expansion_replaces_the_line() {
    let read = |p: &Path| {
        (p == Path::new("part/quizzes/a.toml"))
            .then(|| FILE.to_string())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    };
    let (out, d) = expand_quiz_files(
        Path::new("part/ch.md"),
        Path::new("src"),
        "# Ch\n\n{{#quiz quizzes/a.toml}}\n\nAfter.\n",
        &read,
    );
    assert!(d.is_empty(), "{d:?}");
    assert!(
        out.contains("{{#quiz src-part-quizzes-a-q-one}}")
            && out.contains("{{#short-answer src-part-quizzes-a-2}}"),
        "{out}"
    );
    assert!(out.contains("- [x] 2"));
    let (_, d) = expand_quiz_files(
        Path::new("ch.md"),
        Path::new("src"),
        "{{#quiz missing.toml}}\n",
        &read,
    );
    assert!(d[0].message.contains("does not exist") && d[0].line == 1);
}
