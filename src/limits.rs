//! Bounds on the work one line or message may cost: Markdown nested thousands of levels deep
//! makes the parsers and mdbook-i18n-helpers take time and memory that grow much faster than
//! the text, so such text is refused before any of them sees it.

/// The deepest nesting of block quotes and lists a line may open. Real books stay under ten.
pub const MAX_NESTING: usize = 32;

/// How many block quote and list markers open `line`, before its text.
fn nesting(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line.trim_start();
    loop {
        let after = if let Some(after) = rest.strip_prefix('>') {
            after
        } else if let Some(after) = list_marker(rest) {
            after
        } else {
            return depth;
        };
        depth += 1;
        rest = after.trim_start();
    }
}

/// `line` after its list marker (`-`, `*`, `+`, `1.` or `1)` and a space), if it opens with one.
fn list_marker(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    let rest = &line[marker..];
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some(rest)
}

/// The first line (1-based) of `text` nested deeper than [`MAX_NESTING`], if any.
pub fn too_deep(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| nesting(line) > MAX_NESTING)
        .map(|at| at + 1)
}

/// The error for a source file nested too deep, naming its line.
pub fn nesting_error(
    display: &std::path::Path,
    text: &str,
) -> Option<crate::diagnostic::Diagnostic> {
    let line = too_deep(text)?;
    Some(
        crate::diagnostic::Diagnostic::error(
            display,
            line,
            format!("this line nests quotes or lists more than {MAX_NESTING} deep"),
        )
        .with_hint("flatten the nesting: no reader can follow it"),
    )
}

/// Whether a translation is far longer than its source could need: the size bound of a message.
pub fn too_long(source: &str, translation: &str) -> bool {
    translation.len() > 8 * source.len() + 4096
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_through_quotes_and_lists() {
        assert_eq!(nesting("> > - 1. text"), 4);
        assert_eq!(nesting("-text"), 0);
        assert_eq!(nesting("2024. was a year"), 1);
        assert_eq!(too_deep("fine\n> > ok"), None);
        assert_eq!(too_deep(&format!("a\n{}", ">".repeat(20_000))), Some(2));
    }
}
