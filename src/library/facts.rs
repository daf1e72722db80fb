//! What a library's page says of each module: its chapters, questions, scenarios, reading time
//! and description, read from the module's source as the build checks it.

use crate::config::TrainingConfig;
use crate::model::BlockKind;
use crate::pipeline::{chapter_inputs, check_chapters, minutes, word_count};
use crate::preprocessors::training::expand_quiz_files_in_book;
use mdbook_driver::MDBook;

/// One module as its library's page describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ModuleFacts {
    pub description: Option<String>,
    /// Reading chapters: neither the glossary nor a progress or notes page.
    pub chapters: usize,
    pub scenarios: usize,
    pub minutes: usize,
    /// Each question's id, its page (from the edition's root) and its element's id, in reading
    /// order: the library's page counts the reader's answers and continues at the first one
    /// unanswered.
    pub questions: Vec<[String; 3]>,
    /// Each question's kind for a learning platform (`choice`, or `fill-in` for a typed
    /// answer) and its title, in the order of `questions`.
    pub question_kinds: Vec<[String; 2]>,
    /// The reading chapters' pages, the first page among them.
    pub pages: Vec<String>,
}

/// The facts of a loaded module, whose problems the build has already told.
pub fn module_facts(book: &MDBook) -> ModuleFacts {
    let (config, _) = TrainingConfig::from_book_config(&book.config);
    let mut expanded = book.book.clone();
    let _ = expand_quiz_files_in_book(&mut expanded, &book.root, &book.config.book.src);
    let chapters = chapter_inputs(&expanded);
    let (model, _) = check_chapters(&config, &book.config.book.src, &chapters);
    let words: usize = chapters.iter().map(|c| word_count(&c.content)).sum();
    let page = |path: &std::path::Path| {
        path.with_extension("html")
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut facts = ModuleFacts {
        description: book.config.book.description.clone(),
        minutes: minutes(words),
        ..ModuleFacts::default()
    };
    for (index, chapter) in model.chapters.iter().enumerate() {
        // Counted as the module's first page counts them: the chapters after it.
        let reading =
            Some(&chapter.path) != model.glossary_chapter.as_ref() && chapter.recaps.is_empty();
        facts.chapters += usize::from(reading && index > 0);
        if reading {
            facts.pages.push(page(&chapter.path));
        }
        for block in &chapter.blocks {
            match block.kind {
                BlockKind::Quiz | BlockKind::ShortAnswer => {
                    let anchor = format!("{}-{}", block.kind.name(), block.id);
                    facts
                        .questions
                        .push([block.id.clone(), page(&chapter.path), anchor]);
                    let kind = match block.kind {
                        BlockKind::Quiz => "choice",
                        _ => "fill-in",
                    };
                    let title = block.title.as_ref().map(|t| t.text.clone());
                    facts
                        .question_kinds
                        .push([kind.to_string(), title.unwrap_or_default()]);
                }
                BlockKind::Scenario => facts.scenarios += 1,
                _ => {}
            }
        }
    }
    facts
}
