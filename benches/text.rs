//! Generated text for the benchmarks: sentences from a fixed word list, different for every
//! chapter and place, the same on every run.

const WORDS: &str = "a volunteer reads each report with care and answers the person who wrote it within two days when a case needs more time the team says so and gives a new date harassment on a talk page may be handled by local administrators while threats of violence go to the emergency address at once evidence such as diffs and screenshots is kept private the reply is kind specific and promises nothing it cannot keep";

/// The seed of place `n` of `chapter`.
fn seed(chapter: usize, n: usize) -> usize {
    chapter * 7919 + n * 104_729 + 1
}

/// A length between 14 and 30 words for place `n` of `chapter`.
pub fn length(chapter: usize, n: usize) -> usize {
    14 + seed(chapter, n) % 17
}

/// `count` words of the list for place `n` of `chapter`, then where they stand:
/// "… (chapter C, part N)", without a full stop.
pub fn sentence(chapter: usize, n: usize, count: usize) -> String {
    let words: Vec<&str> = WORDS.split(' ').collect();
    let mut seed = seed(chapter, n);
    let mut text = String::new();
    for _ in 0..count {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push_str(words[(seed >> 33) % words.len()]);
        text.push(' ');
    }
    format!("{text}(chapter {chapter}, part {n})")
}
