//! Fuzzes the whole in-process build: a chapter and its French translation become a site with
//! pages and a search index. No input may panic, and `check` fails exactly when `build` does.
#![no_main]

#[path = "../../tests/common/one_chapter.rs"]
mod one_chapter;

use libfuzzer_sys::fuzz_target;
use one_chapter::{build_and_check, write_one_chapter_book};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Before the first NUL is the chapter, after it the translation's pieces.
    let (chapter, translation) = text.split_once('\0').unwrap_or((&text, ""));
    let Ok(dir) = tempfile::tempdir_in(std::env::temp_dir()) else {
        return;
    };
    write_one_chapter_book(dir.path(), chapter, translation);
    let (built, checked) = build_and_check(dir.path());
    assert_eq!(
        built.map_err(|e| e.to_string()),
        checked.map_err(|e| e.to_string())
    );
});
