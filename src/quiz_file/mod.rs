//! mdbook-quiz files: `{{#quiz PATH.toml}}` lines expanded into this tool's own question blocks.
//!
//! A file is read with the `mdbook-quiz-schema` crate. Each `MultipleChoice` question becomes a
//! `{{#quiz …}}` block and each `ShortAnswer` a `{{#short-answer …}}` block, so they are
//! checked, translated, rendered and searched like questions written in Markdown.

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::parse::slugify;
use mdbook_quiz_schema::{MultipleChoiceAnswerFormat, Question, Quiz};
use std::path::{Component, Path, PathBuf};

/// Keys mdbook-quiz documents, by table; anything else is reported rather than ignored.
const QUESTION_KEYS: &[&str] = &[
    "id",
    "type",
    "multipart",
    "prompt",
    "answer",
    "context",
    "promptExplanation",
];
const MC_PROMPT_KEYS: &[&str] = &["prompt", "distractors", "answerIndex", "sortAnswers"];
const SA_PROMPT_KEYS: &[&str] = &["prompt", "response"];
const MC_ANSWER_KEYS: &[&str] = &["answer"];
const SA_ANSWER_KEYS: &[&str] = &["answer", "alternatives"];
const TRACING_PROMPT_KEYS: &[&str] = &["program"];
const TRACING_ANSWER_KEYS: &[&str] = &["doesCompile", "stdout", "lineNumber"];
const QUIZ_KEYS: &[&str] = &["questions", "multipart"];

/// One question of a file, ready to be written as a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileQuestion {
    pub id: String,
    /// 1-based position in the file.
    pub number: usize,
    /// Line of the question's `[[questions]]` header.
    pub line: usize,
    pub prompt: String,
    pub body: FileQuestionBody,
    pub context: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileQuestionBody {
    /// Options in the order shown, each with whether it is a right answer.
    MultipleChoice(Vec<(String, bool)>),
    /// The expected answer and its accepted alternatives.
    ShortAnswer(Vec<String>),
}

/// Resolves `{{#quiz PATH}}`'s path against the chapter's folder, refusing to leave `src/`.
pub fn resolve(chapter: &Path, argument: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in chapter
        .parent()
        .unwrap_or(Path::new(""))
        .join(argument)
        .components()
    {
        match component {
            Component::Normal(part) => out.push(part),
            Component::ParentDir if !out.pop() => return None,
            Component::CurDir | Component::ParentDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// A stable order for questions whose file asks for none: mdbook-quiz shuffles on every page
/// load, this tool never does, so options are mixed once, by the question's id.
fn stable_position(id: &str, len: usize) -> usize {
    let hash = id.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    });
    (hash as usize) % len.max(1)
}

fn line_of_question(text: &str, number: usize) -> usize {
    let lines = LineIndex::new(text);
    text.match_indices("[[questions]]")
        .nth(number - 1)
        .map_or(1, |(at, _)| lines.line(at))
}

fn unknown_keys(table: Option<&toml::Value>, known: &[&str]) -> Vec<String> {
    match table.and_then(toml::Value::as_table) {
        Some(t) => t
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .cloned()
            .collect(),
        None => Vec::new(),
    }
}

/// Reads a quiz file. `display` is its path relative to the book's root; `slug_base` keeps ids
/// of questions in different files apart.
pub fn parse_quiz_file(display: &Path, text: &str) -> (Vec<FileQuestion>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let lines = LineIndex::new(text);
    let raw: toml::Value = match toml::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            let line = err.span().map_or(1, |s| lines.line(s.start));
            diagnostics.push(
                Diagnostic::error(display, line, format!("this is not valid TOML: {}", err.message()))
                    .with_hint("mdbook-quiz files are TOML: `[[questions]]` tables with `type`, `prompt.prompt` and `answer.answer`"),
            );
            return (Vec::new(), diagnostics);
        }
    };
    diagnostics.extend(shape_problems(display, text, &raw));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (Vec::new(), diagnostics);
    }
    let quiz: Quiz = match toml::from_str(text) {
        Ok(q) => q,
        Err(err) => {
            let line = err.span().map_or(1, |s| lines.line(s.start));
            let number = text[..err.span().map_or(0, |s| s.start)]
                .matches("[[questions]]")
                .count()
                .max(1);
            diagnostics.push(
                Diagnostic::error(
                    display,
                    line,
                    format!(
                        "question {number} does not fit mdbook-quiz's format: {}",
                        err.message()
                    ),
                )
                .with_hint("see the question types in mdbook-quiz's documentation"),
            );
            return (Vec::new(), diagnostics);
        }
    };
    let mut out = file_questions(display, text, quiz, &mut diagnostics);
    diagnostics.extend(marker_problems(display, &out));
    if diagnostics.iter().any(Diagnostic::is_error) {
        out.clear();
    }
    (out, diagnostics)
}

/// Unknown keys and question types, each at its question's line.
fn shape_problems(display: &Path, text: &str, raw: &toml::Value) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for key in unknown_keys(Some(raw), QUIZ_KEYS) {
        diagnostics.push(
            Diagnostic::error(display, 1, format!("unknown key `{key}`"))
                .with_hint("a quiz file holds `[[questions]]` and an optional `[multipart]` table"),
        );
    }
    let questions_raw = raw
        .get("questions")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (n, question) in questions_raw.iter().enumerate() {
        let number = n + 1;
        let line = line_of_question(text, number);
        let kind = question
            .get("type")
            .and_then(toml::Value::as_str)
            .unwrap_or("");
        let (prompt_keys, answer_keys) = match kind {
            "MultipleChoice" => (MC_PROMPT_KEYS, MC_ANSWER_KEYS),
            "ShortAnswer" => (SA_PROMPT_KEYS, SA_ANSWER_KEYS),
            "Tracing" => (TRACING_PROMPT_KEYS, TRACING_ANSWER_KEYS),
            other => {
                diagnostics.push(
                    Diagnostic::error(
                        display,
                        line,
                        format!("question {number} has type `{other}`"),
                    )
                    .with_hint(
                        "write `type = \"MultipleChoice\"`, `\"ShortAnswer\"` or `\"Tracing\"`",
                    ),
                );
                continue;
            }
        };
        let mut unknown: Vec<String> = unknown_keys(Some(question), QUESTION_KEYS);
        unknown.extend(
            unknown_keys(question.get("prompt"), prompt_keys)
                .into_iter()
                .map(|k| format!("prompt.{k}")),
        );
        unknown.extend(
            unknown_keys(question.get("answer"), answer_keys)
                .into_iter()
                .map(|k| format!("answer.{k}")),
        );
        for key in unknown {
            diagnostics.push(
                Diagnostic::error(display, line, format!("question {number} has an unknown key `{key}`"))
                    .with_hint("check its spelling against mdbook-quiz's format (keys are camelCase, e.g. `answerIndex`)"),
            );
        }
    }
    diagnostics
}

/// The questions of a file read by mdbook-quiz's schema, each with its id, line and options.
fn file_questions(
    display: &Path,
    text: &str,
    quiz: Quiz,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FileQuestion> {
    let file_slug = slugify(&display.with_extension("").to_string_lossy());
    let mut out = Vec::new();
    for (n, question) in quiz.questions.into_iter().enumerate() {
        let number = n + 1;
        let line = line_of_question(text, number);
        let id_of = |given: &Option<String>| match given
            .as_deref()
            .map(slugify)
            .filter(|s| !s.is_empty())
        {
            Some(given) => format!("{file_slug}-{given}"),
            None => format!("{file_slug}-{number}"),
        };
        // A question's prompt, after the shared context of its multipart group, if any.
        let full_prompt = |key: &Option<String>, prompt: &str| {
            let context = key
                .as_ref()
                .and_then(|k| quiz.multipart.as_ref().and_then(|m| m.get(k)))
                .map(|m| format!("{}\n\n", m.0.trim()))
                .unwrap_or_default();
            format!("{context}{}", prompt.trim())
        };
        match question {
            Question::MultipleChoice(mc) => {
                let fields = mc.0;
                let id = id_of(&fields.id);
                if let Some(key) = fields
                    .multipart
                    .as_ref()
                    .filter(|k| quiz.multipart.as_ref().is_none_or(|m| !m.contains_key(*k)))
                {
                    diagnostics.push(Diagnostic::error(display, line, format!("question {number} refers to multipart `{key}`, which the file does not define")).with_hint(format!("add `[multipart]` with `{key} = \"…\"`")));
                    continue;
                }
                let answers: Vec<String> = match fields.answer.answer {
                    MultipleChoiceAnswerFormat::Single(a) => vec![a.0],
                    MultipleChoiceAnswerFormat::Multi(all) => {
                        all.into_iter().map(|a| a.0).collect()
                    }
                };
                if answers.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(
                            display,
                            line,
                            format!("question {number} has no answer"),
                        )
                        .with_hint("set `answer.answer`"),
                    );
                    continue;
                }
                let distractors: Vec<String> =
                    fields.prompt.distractors.into_iter().map(|d| d.0).collect();
                let mut options: Vec<(String, bool)> =
                    distractors.into_iter().map(|d| (d, false)).collect();
                let at = match (fields.prompt.answer_index, fields.prompt.sort_answers) {
                    (Some(index), _) => index.min(options.len()),
                    (None, Some(true)) => 0,
                    (None, _) => stable_position(&id, options.len() + 1),
                };
                for (k, answer) in answers.into_iter().enumerate() {
                    options.insert((at + k).min(options.len()), (answer, true));
                }
                if fields.prompt.sort_answers == Some(true) {
                    options.sort_by(|a, b| a.0.cmp(&b.0));
                }
                out.push(FileQuestion {
                    id,
                    number,
                    line,
                    prompt: full_prompt(&fields.multipart, &fields.prompt.prompt.0),
                    body: FileQuestionBody::MultipleChoice(options),
                    context: fields.context.map(|c| c.0),
                });
            }
            Question::ShortAnswer(sa) => {
                let fields = sa.0;
                let mut accepted = vec![fields.answer.answer];
                accepted.extend(fields.answer.alternatives.unwrap_or_default());
                out.push(FileQuestion {
                    id: id_of(&fields.id),
                    number,
                    line,
                    prompt: full_prompt(&fields.multipart, &fields.prompt.prompt.0),
                    body: FileQuestionBody::ShortAnswer(accepted),
                    context: fields.context.map(|c| c.0),
                });
            }
            Question::Tracing(tracing) => {
                let fields = tracing.0;
                let id = id_of(&fields.id);
                let answer = &fields.answer;
                let result = match (answer.does_compile, &answer.stdout, answer.line_number) {
                    (true, Some(stdout), _) => {
                        stdout.split_whitespace().collect::<Vec<_>>().join(" ")
                    }
                    (false, _, Some(line)) => line.to_string(),
                    (true, None, _) | (false, _, None) => {
                        diagnostics.push(Diagnostic::error(display, line, format!("question {number} is a Tracing question without its result")).with_hint("a program that compiles needs `answer.stdout`; one that does not needs `answer.lineNumber`"));
                        continue;
                    }
                };
                let program = numbered_program(&fields.prompt.program);
                let prompt = full_prompt(
                    &fields.multipart,
                    &format!("{program}\n\n{TRACING_COMPILES}"),
                );
                out.push(FileQuestion {
                    id: id.clone(),
                    number,
                    line,
                    prompt,
                    body: FileQuestionBody::MultipleChoice(vec![
                        (TRACING_YES.to_string(), answer.does_compile),
                        (TRACING_NO.to_string(), !answer.does_compile),
                    ]),
                    context: None,
                });
                out.push(FileQuestion {
                    id: format!("{id}-result"),
                    number,
                    line,
                    prompt: TRACING_RESULT.to_string(),
                    body: FileQuestionBody::ShortAnswer(vec![result]),
                    context: fields.context.map(|c| c.0),
                });
            }
        }
    }
    out
}

/// The questions a `Tracing` question becomes: does the program compile, then what it prints
/// or where it fails, worded so that the second does not give the first away.
const TRACING_COMPILES: &str = "Does this program compile?";
const TRACING_YES: &str = "Yes, it compiles.";
const TRACING_NO: &str = "No, it does not compile.";
const TRACING_RESULT: &str = "If the program above compiles, what does it print? If it does not, on which line is the error? Type the output, or the line's number.";

/// A program as a fenced code block with its lines numbered, so that "which line" can be
/// answered; the fence is longer than any run of backticks in the program.
fn numbered_program(program: &str) -> String {
    let program = program.trim_matches('\n');
    let longest_run = program.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let width = program.lines().count().to_string().len();
    let lines: Vec<String> = program
        .lines()
        .enumerate()
        .map(|(n, l)| format!("{:>width$}  {l}", n + 1))
        .collect();
    format!("{fence}text\n{}\n{fence}", lines.join("\n"))
}

/// A marker line in a string would open or close a block once the file is expanded.
fn marker_problems(display: &Path, questions: &[FileQuestion]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (line, markdown) in translatable_strings(questions) {
        if let Some(marker) = markdown.lines().find(|l| crate::parse::is_marker_line(l)) {
            diagnostics.push(
                Diagnostic::error(display, line, format!("the question's text holds the block marker line `{}`", marker.trim()))
                    .with_hint("a quiz file's text is one question: write the marker inside the line, or remove it"),
            );
        }
    }
    diagnostics
}

/// Indents every line after the first, so multi-line Markdown stays inside a list item.
fn indent_rest(text: &str, indent: &str) -> String {
    text.trim()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.is_empty() {
                l.to_string()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The questions of a file as this tool's blocks, inside a numbered set with a running score.
pub fn questions_markdown(questions: &[FileQuestion], set_id: &str) -> String {
    let mut out = format!(
        "<div class=\"training-quiz-set\" id=\"set-{set_id}\" data-training-set=\"{}\">\n\n",
        questions.len()
    );
    for q in questions {
        let context = q
            .context
            .as_deref()
            .map(|c| format!("\n\n{}", c.trim()))
            .unwrap_or_default();
        let (kind, list): (&str, Vec<String>) = match &q.body {
            FileQuestionBody::MultipleChoice(options) => (
                "quiz",
                options
                    .iter()
                    .map(|(text, right)| {
                        // An option that opens with a code block starts on the next line: after
                        // the checkbox on its own line the fence is a fence for every Markdown
                        // reader, translation's included, not text of the item's first line.
                        let text = text.trim();
                        let gap = if text.starts_with("```") || text.starts_with("~~~") {
                            "\n  "
                        } else {
                            " "
                        };
                        let mark = if *right { "x" } else { " " };
                        format!("- [{mark}]{gap}{}", indent_rest(text, "  "))
                    })
                    .collect(),
            ),
            FileQuestionBody::ShortAnswer(accepted) => (
                "short-answer",
                accepted.iter().map(|a| format!("- {}", a.trim())).collect(),
            ),
        };
        let body = format!("{}\n\n{}{context}", q.prompt, list.join("\n"));
        out.push_str(&crate::parse::block_markdown(kind, &q.id, &body));
        out.push_str("\n\n");
    }
    out.push_str("</div>");
    out
}

/// Replaces every `{{#quiz PATH.toml}}` line of a chapter by the file's questions. `read` gives
/// a file's text by its path relative to `src/`; problems name the file, line and question.
pub fn expand_quiz_files(
    chapter_path: &Path,
    src_dir: &Path,
    text: &str,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> (String, Vec<Diagnostic>) {
    if !text.contains(".toml}}") {
        return (text.to_string(), Vec::new());
    }
    let mut diagnostics = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let argument = trimmed
            .strip_prefix("{{#quiz ")
            .and_then(|r| r.strip_suffix("}}"))
            .map(str::trim)
            .filter(|a| a.ends_with(".toml"));
        let Some(argument) = argument.filter(|_| !in_fence) else {
            out.push_str(line);
            continue;
        };
        let chapter_display = src_dir.join(chapter_path);
        let Some(relative) = resolve(chapter_path, argument) else {
            diagnostics.push(
                Diagnostic::error(
                    &chapter_display,
                    n + 1,
                    format!("`{argument}` points outside the book's source folder"),
                )
                .with_hint("keep quiz files under src/"),
            );
            continue;
        };
        let display = src_dir.join(&relative);
        let file = match read(&relative) {
            Ok(file) => file,
            Err(err) => {
                diagnostics.push(unreadable(&chapter_display, n + 1, &display, &err));
                continue;
            }
        };
        let (questions, problems) = parse_quiz_file(&display, &file);
        diagnostics.extend(problems);
        if !questions.is_empty() {
            out.push_str(&questions_markdown(
                &questions,
                &slugify(&relative.with_extension("").to_string_lossy()),
            ));
            out.push('\n');
        }
    }
    (out, diagnostics)
}

/// Why a quiz file a chapter includes cannot be read, said at the chapter's line.
fn unreadable(chapter: &Path, line: usize, file: &Path, err: &std::io::Error) -> Diagnostic {
    match err.kind() {
        std::io::ErrorKind::NotFound => Diagnostic::error(
            chapter,
            line,
            format!("the quiz file `{}` does not exist", file.display()),
        )
        .with_hint("check the path, which is relative to this chapter"),
        std::io::ErrorKind::InvalidData => Diagnostic::error(
            file,
            0,
            "is not UTF-8 text; a quiz file is TOML, which is always UTF-8",
        )
        .with_hint("save the file again as UTF-8"),
        _ => Diagnostic::error(
            chapter,
            line,
            format!("the quiz file `{}` cannot be read: {err}", file.display()),
        ),
    }
}

/// The quiz files a chapter includes, relative to `src/`, with the chapter's line.
pub fn referenced_files(chapter_path: &Path, text: &str) -> Vec<(PathBuf, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let argument = line
                .trim()
                .strip_prefix("{{#quiz ")?
                .strip_suffix("}}")?
                .trim();
            argument
                .ends_with(".toml")
                .then(|| resolve(chapter_path, argument).map(|p| (p, n + 1)))?
        })
        .collect()
}

/// Every Markdown string of a quiz file with its question's line, for translators.
pub fn translatable_strings(questions: &[FileQuestion]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for q in questions {
        out.push((q.line, q.prompt.clone()));
        match &q.body {
            FileQuestionBody::MultipleChoice(options) => {
                out.extend(options.iter().map(|(t, _)| (q.line, t.clone())))
            }
            FileQuestionBody::ShortAnswer(accepted) => {
                out.extend(accepted.iter().map(|a| (q.line, a.clone())))
            }
        }
        if let Some(context) = &q.context {
            out.push((q.line, context.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests;
