//! Fuzzes the PO reader and the draft importer with hostile text: no input may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mdbook_training::i18n::po::{parse_po, write_po};
use mdbook_training::i18n::translate::Translation;
use mdbook_training::import::{ImportOptions, import_draft};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (po, diagnostics) = parse_po(Path::new("po/xx.po"), &text);
    if diagnostics.iter().all(|d| !d.is_error()) {
        // What the reader accepts, the writer writes and the reader reads back the same.
        let (again, problems) = parse_po(Path::new("po/xx.po"), &write_po(&po));
        assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
        assert_eq!(again.entries.len(), po.entries.len());
        let (translation, _) = Translation::from_po(Path::new("po/xx.po"), "xx", &po);
        let _ = translation.translate_markdown("# Title\n\nText [a](glossary:a).\n\n{{#quiz q}}\n\n- [x] A\n\n{{/quiz}}\n");
    }
    let _ = import_draft(Path::new("draft.txt"), &text, &ImportOptions::default());
});
