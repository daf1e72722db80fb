//! Merging a new template into a translation, as `msgmerge` does: exact matches first, then a
//! changed message keeps the closest old translation, marked fuzzy.
//!
//! Both passes look messages up rather than scanning: exact matches by key, fuzzy candidates by
//! the character trigrams they share (an inverted index), so that a file of thousands of
//! messages merges in milliseconds rather than comparing every pair.

use super::catalog::without_links;
use super::po::{PoEntry, PoFile};
use std::collections::HashMap;

/// How alike (normalised Levenshtein) an old message must be to pass its translation on.
const FUZZY_SIMILARITY: f64 = 0.7;
/// Old messages compared per new message: those sharing the most trigrams with it.
const FUZZY_CANDIDATES: usize = 4;

/// Merges a new template into a translation: translations kept, changed messages marked fuzzy
/// with their old translation, messages gone from the template kept as obsolete. A plural
/// message gets as many forms as the translation's `Plural-Forms` (its `language`'s when unset).
pub fn merge(template: &PoFile, translation: &PoFile, language: &str) -> PoFile {
    let old = &translation.entries;
    let mut used = vec![false; old.len()];
    let mut by_key: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    // A current entry wins over an obsolete one with the same key.
    for (at, entry) in old.iter().enumerate().rev() {
        if !entry.obsolete || !by_key.contains_key(&entry.key()) {
            by_key.insert(entry.key(), at);
        }
    }
    // Files made before extraction followed mdbook-xgettext offered SUMMARY entries as links
    // (`[Basics](basics.md)`); such a translation carries over to the plain title.
    let stripped: Vec<(usize, String)> = old
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.obsolete && e.msgid.starts_with('[') && e.msgid.ends_with(')'))
        .map(|(at, e)| (at, without_links(&e.msgid)))
        .collect();
    for (at, title) in &stripped {
        by_key
            .entry((old[*at].msgctxt.as_deref(), title.as_str()))
            .or_insert(*at);
    }
    let mut entries: Vec<PoEntry> = template.entries.to_vec();
    let mut unmatched = Vec::new();
    for (n, entry) in entries.iter_mut().enumerate() {
        match by_key.get(&entry.key()) {
            Some(&at) => {
                used[at] = true;
                keep_translation(entry, &old[at]);
                if old[at].msgid != entry.msgid {
                    entry.msgstr = entry.msgstr.iter().map(|s| without_links(s)).collect();
                }
            }
            None => unmatched.push(n),
        }
    }
    let index = TrigramIndex::new(old, &used);
    for n in unmatched {
        if let Some(at) = index.closest(&entries[n], old, &used) {
            // A changed message keeps its old translation for the translator to check.
            used[at] = true;
            let entry = &mut entries[n];
            entry.msgstr = old[at].msgstr.clone();
            entry.translator_comments = old[at].translator_comments.clone();
            entry.flags = vec!["fuzzy".into()];
            entry.previous_msgid = Some(old[at].msgid.clone());
        }
    }
    for (entry, used) in old.iter().zip(used) {
        if !used && entry.is_translated() {
            let mut obsolete = entry.clone();
            obsolete.obsolete = true;
            obsolete.references.clear();
            obsolete.extracted_comments.clear();
            entries.push(obsolete);
        }
    }
    let mut merged = PoFile {
        header_comments: translation.header_comments.clone(),
        header_flags: translation.header_flags.clone(),
        header: with_required_fields(&translation.header, &template.header),
        entries,
    };
    super::catalog::fit_plural_forms(&mut merged, language);
    merged
}

/// The translation's header, with the template's `POT-Creation-Date` added when it lacks one:
/// files made before templates carried it could not be read by mdbook-gettext (polib).
fn with_required_fields(
    header: &[(String, String)],
    template: &[(String, String)],
) -> Vec<(String, String)> {
    let field = super::catalog::POT_CREATION_DATE;
    let mut header = header.to_vec();
    let missing = !header.iter().any(|(key, _)| key == field);
    if let Some(entry) = template.iter().find(|(key, _)| key == field && missing) {
        let after_project = header
            .first()
            .is_some_and(|(k, _)| k == "Project-Id-Version");
        header.insert(usize::from(after_project), entry.clone());
    }
    header
}

/// The template's entry with the translation, comments and flags of the same message.
/// A message that became plural (or singular) keeps its translation in every form, marked fuzzy
/// for the translator to write each form.
fn keep_translation(entry: &mut PoEntry, old: &PoEntry) {
    let reshaped = entry.msgid_plural.is_some() != old.msgid_plural.is_some();
    entry.msgstr = match (reshaped, entry.msgid_plural.is_some()) {
        (true, true) => vec![old.msgstr.first().cloned().unwrap_or_default(); 2],
        (true, false) => old.msgstr.iter().take(1).cloned().collect(),
        _ => old.msgstr.clone(),
    };
    entry.translator_comments = old.translator_comments.clone();
    entry.flags = old.flags.clone();
    entry.previous_msgid = old.previous_msgid.clone();
    // An obsolete entry whose message is back comes back as it was, as msgmerge brings it back.
    if reshaped && old.is_translated() && !entry.is_fuzzy() {
        entry.flags.push("fuzzy".into());
    }
}

/// The translated old messages left unmatched, by the trigrams they hold.
struct TrigramIndex {
    postings: HashMap<[char; 3], Vec<usize>>,
}

impl TrigramIndex {
    fn new(old: &[PoEntry], used: &[bool]) -> Self {
        let mut postings: HashMap<[char; 3], Vec<usize>> = HashMap::new();
        for (at, entry) in old.iter().enumerate() {
            if used[at] || !entry.is_translated() {
                continue;
            }
            let mut words: Vec<[char; 3]> = trigrams(&entry.msgid);
            words.sort_unstable();
            words.dedup();
            for word in words {
                postings.entry(word).or_default().push(at);
            }
        }
        // Trigrams in most messages tell nothing about which one changed into which.
        let common = (old.len() / 20).max(50);
        postings.retain(|_, list| list.len() <= common);
        TrigramIndex { postings }
    }

    /// The unused old message most like `new` (same context, similar enough), if any.
    fn closest(&self, new: &PoEntry, old: &[PoEntry], used: &[bool]) -> Option<usize> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut grams = trigrams(&new.msgid);
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            for &at in self.postings.get(&gram).map_or(&[][..], Vec::as_slice) {
                *shared.entry(at).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(at, _)| !used[at] && old[at].msgctxt == new.msgctxt)
            .collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let length = new.msgid.chars().count() as f64;
        // Strings whose lengths differ by more than 30% cannot be 70% alike.
        let near_in_length = |at: &usize| {
            let other = old[*at].msgid.chars().count() as f64;
            (length - other).abs() <= (1.0 - FUZZY_SIMILARITY) * length.max(other)
        };
        candidates
            .into_iter()
            .map(|(at, _)| at)
            .filter(near_in_length)
            .take(FUZZY_CANDIDATES)
            .map(|at| {
                (
                    at,
                    strsim::normalized_levenshtein(&old[at].msgid, &new.msgid),
                )
            })
            .filter(|&(_, score)| score >= FUZZY_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(at, _)| at)
    }
}

/// The lowercase character trigrams of a message (padded, so short ones have some), for
/// finding messages alike.
fn trigrams(text: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(text.chars().flat_map(char::to_lowercase))
        .chain(std::iter::once(' '))
        .collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn po(entries: Vec<PoEntry>) -> PoFile {
        PoFile {
            entries,
            ..PoFile::default()
        }
    }

    fn translated(msgid: &str, msgstr: &str) -> PoEntry {
        let mut entry = PoEntry::new(None, msgid);
        entry.msgstr = vec![msgstr.to_string()];
        entry
    }

    #[test]
    fn every_changed_message_keeps_its_own_old_translation() {
        // Messages alike in all but a number and one changed word: each must find its own.
        let text =
            |n: usize| format!("Step {n}: report the edit to the team and wait for {n} days.");
        let old = po((0..2000)
            .map(|n| translated(&text(n), &format!("Étape {n}")))
            .collect());
        let template = po((0..2000)
            .map(|n| PoEntry::new(None, &text(n).replace("wait", "hold on")))
            .chain([PoEntry::new(None, "Something else entirely.")])
            .collect());
        let merged = merge(&template, &old, "fr");
        for n in 0..2000 {
            let entry = &merged.entries[n];
            assert!(entry.is_fuzzy(), "{}", entry.msgid);
            assert_eq!(entry.msgstr, [format!("Étape {n}")], "{}", entry.msgid);
            assert_eq!(entry.previous_msgid.as_deref(), Some(text(n).as_str()));
        }
        assert_eq!(
            merged.entries[2000].msgstr,
            [""],
            "nothing like it: untranslated"
        );
        assert!(
            merged.entries.iter().all(|e| !e.obsolete),
            "every old message was used"
        );
    }

    #[test]
    fn an_exact_match_wins_over_a_fuzzy_one_for_the_same_old_message() {
        let old = po(vec![translated("Hello there.", "Salut.")]);
        // "Hello there!" comes first and is alike; the exact message must still get it unfuzzied.
        let template = po(vec![
            PoEntry::new(None, "Hello there!"),
            PoEntry::new(None, "Hello there."),
        ]);
        let merged = merge(&template, &old, "fr");
        assert_eq!(merged.entries[1].translation(), Some("Salut."));
        assert_eq!(merged.entries[0].msgstr, [""]);
    }

    #[test]
    fn a_summary_link_translated_before_carries_over_to_the_plain_title() {
        let old = po(vec![translated(
            "[Basics](basics.md)",
            "[Les bases](basics.md)",
        )]);
        let template = po(vec![PoEntry::new(None, "Basics")]);
        let merged = merge(&template, &old, "fr");
        assert_eq!(merged.entries[0].translation(), Some("Les bases"));
        assert_eq!(merged.entries.len(), 1, "nothing left obsolete");
    }

    #[test]
    fn a_message_that_became_plural_keeps_its_translation_in_each_of_the_languages_forms() {
        let mut plural = PoEntry::new(None, "{n} result");
        plural.msgid_plural = Some("{n} results".into());
        plural.msgstr = vec![String::new(); 2];
        let mut untouched = plural.clone();
        untouched.msgid = "{n} page".into();
        let template = po(vec![plural, untouched]);
        let merged = merge(
            &template,
            &po(vec![translated("{n} result", "{n} نتيجة")]),
            "ar",
        );
        assert!(
            merged
                .header_value("Plural-Forms")
                .unwrap()
                .starts_with("nplurals=6")
        );
        assert_eq!(merged.entries[0].msgstr, vec!["{n} نتيجة".to_string(); 6]);
        assert!(merged.entries[0].is_fuzzy());
        assert_eq!(merged.entries[1].msgstr, vec![String::new(); 6]);
    }
}
