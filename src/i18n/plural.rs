//! Gettext plural forms: the `Plural-Forms` header's C expression over `n`, parsed once and
//! evaluated in the build and, as a JSON tree, in the reader's browser.
//!
//! No maintained crate exposes an evaluator for these expressions (the `gettext` crate keeps its
//! own private; `polib` stores the text only), and the runtime needs the parsed tree anyway,
//! since `script-src 'self'` forbids evaluating the expression as code.

use serde::ser::{Serialize, SerializeSeq, Serializer};

/// Longest expression accepted: the longest in gettext's own table is under 200 characters.
const MAX_EXPRESSION: usize = 400;
/// Deepest nesting accepted, so that an untrusted header cannot exhaust the stack.
const MAX_DEPTH: usize = 40;

/// A parsed `plural=` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PluralRule {
    N,
    Number(u64),
    Not(Box<PluralRule>),
    Binary(&'static str, Box<PluralRule>, Box<PluralRule>),
    Choice(Box<PluralRule>, Box<PluralRule>, Box<PluralRule>),
}

/// A `Plural-Forms` header: how many forms, and which one a count takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralForms {
    pub count: usize,
    pub rule: PluralRule,
}

impl PluralForms {
    /// English's (and the tool's own) rule: one form for 1, another for every other count.
    pub fn english() -> Self {
        PluralForms {
            count: 2,
            rule: PluralRule::Binary(
                "!=",
                Box::new(PluralRule::N),
                Box::new(PluralRule::Number(1)),
            ),
        }
    }

    /// Reads `nplurals=N; plural=EXPRESSION;`, or says why it cannot.
    pub fn parse(value: &str) -> Result<Self, String> {
        let mut count = None;
        let mut expression = None;
        for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match part.split_once('=') {
                Some((k, v)) if k.trim() == "nplurals" => {
                    count = Some(
                        v.trim()
                            .parse::<usize>()
                            .map_err(|_| format!("nplurals=`{}` is not a number", v.trim()))?,
                    )
                }
                Some((k, v)) if k.trim() == "plural" => expression = Some(v.trim()),
                _ => {
                    return Err(format!(
                        "`{part}` is neither nplurals=N nor plural=EXPRESSION"
                    ));
                }
            }
        }
        let count = count.ok_or("it has no nplurals=N")?;
        let expression = expression.ok_or("it has no plural=EXPRESSION")?;
        if count == 0 || count > 6 {
            return Err(format!("nplurals={count} is outside 1–6"));
        }
        let shown = quoted(expression);
        let rule = PluralRule::parse(expression)
            .map_err(|why| format!("plural=`{shown}` is not a C expression over n: {why}"))?;
        // Every count must pick one of the declared forms, without dividing by zero (as
        // `msgfmt --check` finds); counts repeat their form by 100s.
        for n in 0..1000 {
            match rule.checked_value(n) {
                None => return Err(format!("plural=`{shown}` divides by zero for n={n}")),
                Some(form) if form >= count as u64 => {
                    return Err(format!(
                        "plural=`{shown}` gives form {form} for n={n}, but nplurals={count}"
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(PluralForms { count, rule })
    }
}

impl PluralRule {
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.len() > MAX_EXPRESSION {
            return Err(format!("longer than {MAX_EXPRESSION} characters"));
        }
        let tokens = tokens(text)?;
        let mut parser = Parser { tokens, at: 0 };
        let rule = parser.choice(0)?;
        match parser.tokens.get(parser.at) {
            None => Ok(rule),
            Some(token) => Err(format!("unexpected `{token}`")),
        }
    }

    /// The form a count takes (0 where the expression divides by zero, which a parsed header
    /// never does for a count under 1000).
    pub fn index(&self, n: u64) -> usize {
        let value = self.checked_value(n).unwrap_or(0);
        usize::try_from(value).unwrap_or(usize::MAX)
    }

    /// The expression's value for `n` as C computes it, `&&`, `||` and `?:` evaluating only
    /// what they need; `None` where it divides by zero.
    fn checked_value(&self, n: u64) -> Option<u64> {
        let truth = |t: bool| u64::from(t);
        Some(match self {
            PluralRule::N => n,
            PluralRule::Number(v) => *v,
            PluralRule::Not(a) => truth(a.checked_value(n)? == 0),
            PluralRule::Choice(c, a, b) => match c.checked_value(n)? {
                0 => b.checked_value(n)?,
                _ => a.checked_value(n)?,
            },
            PluralRule::Binary("||", a, b) => {
                truth(a.checked_value(n)? != 0 || b.checked_value(n)? != 0)
            }
            PluralRule::Binary("&&", a, b) => {
                truth(a.checked_value(n)? != 0 && b.checked_value(n)? != 0)
            }
            PluralRule::Binary(op, a, b) => binary(op, a.checked_value(n)?, b.checked_value(n)?)?,
        })
    }
}

/// `expression` as an error quotes it: at most 80 characters.
fn quoted(expression: &str) -> String {
    const SHOWN: usize = 80;
    match expression.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &expression[..at]),
        None => expression.to_string(),
    }
}

/// A binary operator other than `&&` and `||` on two values; `None` for a division by zero.
fn binary(op: &str, a: u64, b: u64) -> Option<u64> {
    let truth = |t: bool| u64::from(t);
    Some(match op {
        "==" => truth(a == b),
        "!=" => truth(a != b),
        "<" => truth(a < b),
        "<=" => truth(a <= b),
        ">" => truth(a > b),
        ">=" => truth(a >= b),
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        "/" => a.checked_div(b)?,
        _ => a.checked_rem(b)?,
    })
}

/// Binary operators by precedence, loosest first, as in C.
const LEVELS: &[&[&str]] = &[
    &["||"],
    &["&&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["+", "-"],
    &["*", "/", "%"],
];

const OPERATORS: &[&str] = &[
    "||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", "(", ")",
    "n",
];

fn tokens(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let token = if digits > 0 {
            &rest[..digits]
        } else {
            OPERATORS
                .iter()
                .find(|op| rest.starts_with(**op))
                .ok_or_else(|| format!("`{}` is not allowed", rest.chars().next().unwrap_or(' ')))?
        };
        out.push(token.to_string());
        rest = rest[token.len()..].trim_start();
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.peek() == Some(token) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("`{token}` expected"))
        }
    }

    fn choice(&mut self, depth: usize) -> Result<PluralRule, String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        let condition = self.level(0, depth)?;
        if self.peek() != Some("?") {
            return Ok(condition);
        }
        self.at += 1;
        let yes = self.choice(depth + 1)?;
        self.expect(":")?;
        let no = self.choice(depth + 1)?;
        Ok(PluralRule::Choice(
            Box::new(condition),
            Box::new(yes),
            Box::new(no),
        ))
    }

    fn level(&mut self, level: usize, depth: usize) -> Result<PluralRule, String> {
        let Some(operators) = LEVELS.get(level) else {
            return self.unary(depth);
        };
        let mut left = self.level(level + 1, depth)?;
        while let Some(op) = operators.iter().find(|op| self.peek() == Some(**op)) {
            self.at += 1;
            let right = self.level(level + 1, depth)?;
            left = PluralRule::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self, depth: usize) -> Result<PluralRule, String> {
        let token = self
            .peek()
            .ok_or("the expression ends too soon")?
            .to_string();
        self.at += 1;
        match token.as_str() {
            "n" => Ok(PluralRule::N),
            "!" if depth < MAX_DEPTH => Ok(PluralRule::Not(Box::new(self.unary(depth + 1)?))),
            "(" => {
                let inner = self.choice(depth + 1)?;
                self.expect(")")?;
                Ok(inner)
            }
            digits if digits.starts_with(|c: char| c.is_ascii_digit()) => digits
                .parse()
                .map(PluralRule::Number)
                .map_err(|_| format!("`{digits}` is too large")),
            other => Err(format!("unexpected `{other}`")),
        }
    }
}

/// The tree as the runtime reads it: `"n"`, a number, or `[operator, operands…]`.
impl Serialize for PluralRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (op, operands): (&str, Vec<&PluralRule>) = match self {
            PluralRule::N => return serializer.serialize_str("n"),
            PluralRule::Number(v) => return serializer.serialize_u64(*v),
            PluralRule::Not(a) => ("!", vec![a]),
            PluralRule::Binary(op, a, b) => (op, vec![a, b]),
            PluralRule::Choice(c, a, b) => ("?", vec![c, a, b]),
        };
        let mut seq = serializer.serialize_seq(Some(operands.len() + 1))?;
        seq.serialize_element(op)?;
        for operand in operands {
            seq.serialize_element(operand)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;";

    #[test]
    fn arabic_counts_take_their_six_forms() {
        let forms = PluralForms::parse(ARABIC).unwrap();
        assert_eq!(forms.count, 6);
        let picks: Vec<usize> = [0, 1, 2, 5, 9, 11, 99, 100, 102, 103]
            .iter()
            .map(|&n| forms.rule.index(n))
            .collect();
        assert_eq!(picks, [0, 1, 2, 3, 3, 4, 4, 5, 5, 3]);
    }

    #[test]
    fn common_rules_read_as_gettext_reads_them() {
        let french = PluralForms::parse("nplurals=2; plural=(n > 1);").unwrap();
        assert_eq!((french.rule.index(0), french.rule.index(2)), (0, 1));
        let polish = PluralForms::parse("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);").unwrap();
        let picks: Vec<usize> = [1, 2, 5, 12, 22, 25]
            .iter()
            .map(|&n| polish.rule.index(n))
            .collect();
        assert_eq!(picks, [0, 1, 2, 2, 1, 2]);
        assert_eq!(
            PluralForms::parse("nplurals=1; plural=0;")
                .unwrap()
                .rule
                .index(7),
            0
        );
        assert_eq!(PluralForms::english().rule.index(1), 0);
    }

    #[test]
    fn broken_headers_say_what_is_wrong() {
        for (header, says) in [
            ("nplurals=2; plural=(n > 1", "`)` expected"),
            ("nplurals=2", "no plural="),
            ("nplurals=2; plural=n;", "gives form 2 for n=2"),
            ("nplurals=2; plural=x > 1;", "`x` is not allowed"),
            ("nplurals=9; plural=0;", "outside 1–6"),
        ] {
            let why = PluralForms::parse(header).unwrap_err();
            assert!(why.contains(says), "{header}: {why}");
        }
        let deep = format!(
            "nplurals=2; plural={}n{};",
            "(".repeat(100),
            ")".repeat(100)
        );
        assert!(
            PluralForms::parse(&deep)
                .unwrap_err()
                .contains("too deeply")
        );
        let nots = format!("nplurals=2; plural={}n;", "!".repeat(100));
        assert!(PluralForms::parse(&nots).is_err());
    }

    #[test]
    fn an_expression_that_divides_by_zero_is_refused() {
        for (header, says) in [
            ("nplurals=2; plural=n/0;", "divides by zero for n=0"),
            ("nplurals=2; plural=n%0;", "divides by zero for n=0"),
            ("nplurals=2; plural=1 % (n - 7);", "divides by zero for n=7"),
            (
                "nplurals=2; plural=(n > 5 ? 1 / (n - 600) : 0);",
                "for n=600",
            ),
        ] {
            let why = PluralForms::parse(header).unwrap_err();
            assert!(why.contains(says), "{header}: {why}");
        }
        // Only what C evaluates counts: the guarded division never happens.
        for header in [
            "nplurals=2; plural=n != 0 && 1 / n;",
            "nplurals=2; plural=n == 0 || 1 / n;",
            "nplurals=2; plural=n == 0 ? 0 : 1 / n;",
        ] {
            assert!(PluralForms::parse(header).is_ok(), "{header}");
        }
    }

    #[test]
    fn a_long_expression_is_quoted_in_part() {
        let long = format!("nplurals=2; plural=n{};", " + n".repeat(90));
        let why = PluralForms::parse(&long).unwrap_err();
        let quoted = why.split('`').nth(1).unwrap();
        assert!(
            quoted.chars().count() <= 81 && quoted.ends_with('…'),
            "{why}"
        );
    }

    #[test]
    fn every_counted_string_has_its_english_forms() {
        let strings = serde_json::to_value(crate::ui::CountedStrings::english()).unwrap();
        let fields = strings.as_object().unwrap();
        assert_eq!(fields.len(), crate::ui::COUNTED.len());
        for (key, one, other, count) in crate::ui::COUNTED {
            assert_eq!(
                fields[*key]["forms"],
                serde_json::json!([one, other]),
                "{key}"
            );
            assert!(
                other.contains(&format!("{{{count}}}")),
                "{key} holds its count"
            );
        }
    }

    #[test]
    fn the_runtime_gets_the_tree_as_json() {
        let rule = PluralForms::parse("nplurals=2; plural=(n != 1);")
            .unwrap()
            .rule;
        assert_eq!(serde_json::to_string(&rule).unwrap(), r#"["!=","n",1]"#);
    }

    /// The way a translator meets plurals: extracted, given the language's forms, translated.
    #[test]
    fn interface_counts_follow_the_translations_plural_forms() {
        use crate::i18n::catalog::{extract_template, new_translation};
        use crate::i18n::po::{parse_po, write_po};
        use crate::i18n::translate::Translation;
        let (template, _) = extract_template("T", &[]);
        let results = |e: &&crate::i18n::po::PoEntry| e.msgid == "{count} result for “{query}”";
        let offered = template.entries.iter().find(results).unwrap();
        assert_eq!(
            offered.msgid_plural.as_deref(),
            Some("{count} results for “{query}”")
        );
        let mut arabic = new_translation(&template, "ar");
        let entry = arabic.entries.iter_mut().find(|e| results(&&**e)).unwrap();
        assert_eq!(entry.msgstr.len(), 6, "Arabic has six forms");
        entry.msgstr = [
            "لا نتائج لـ«{query}»",
            "نتيجة واحدة لـ«{query}»",
            "نتيجتان لـ«{query}»",
            "{count} نتائج لـ«{query}»",
            "{count} نتيجة لـ«{query}»",
            "{count} نتيجة لـ«{query}»",
        ]
        .map(String::from)
        .to_vec();
        let text = write_po(&arabic);
        let (po, problems) = parse_po(std::path::Path::new("po/ar.po"), &text);
        assert!(problems.is_empty(), "{problems:?}");
        let (translation, problems) =
            Translation::from_po(std::path::Path::new("po/ar.po"), "ar", &po);
        assert!(problems.is_empty(), "{problems:?}");
        let counted = translation.counted_strings();
        let said: Vec<String> = [2, 5, 11]
            .iter()
            .map(|&n| counted.search_results.fill("count", n))
            .collect();
        assert_eq!(
            said,
            [
                "نتيجتان لـ«{query}»",
                "5 نتائج لـ«{query}»",
                "11 نتيجة لـ«{query}»"
            ]
        );
        // Untranslated counts stay English, with English's rule.
        assert_eq!(counted.reading_time.fill("minutes", 1), "About 1 min read");
        let json = serde_json::to_string(&counted.search_results).unwrap();
        assert!(json.contains(r#""rule":["?",["==","n",0],0,"#), "{json}");
    }

    #[test]
    fn a_form_that_drops_another_placeholder_is_refused() {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nPlural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\nmsgctxt \"ui\"\nmsgid \"{count} result for “{query}”\"\nmsgid_plural \"{count} results for “{query}”\"\nmsgstr[0] \"un résultat\"\nmsgstr[1] \"{count} résultats pour « {query} »\"\n";
        let (translation, problems) =
            crate::i18n::translate::Translation::load(std::path::Path::new("po/fr.po"), "fr", po);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("changes its placeholders") && !problems[0].is_error()
        );
        let counted = translation.unwrap().counted_strings();
        assert_eq!(
            counted.search_results.fill("count", 1),
            "1 result for “{query}”"
        );
    }
}
