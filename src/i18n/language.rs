//! Languages: writing direction from the script, and each language's name in itself.

/// ISO 15924 scripts written right to left (CLDR).
const RTL_SCRIPTS: &[&str] = &[
    "adlm", "arab", "aran", "armi", "avst", "chrs", "cprt", "elym", "hatr", "hebr", "hung", "khar",
    "lydi", "mand", "mani", "mend", "merc", "mero", "narb", "nbat", "nkoo", "orkh", "ougr", "palm",
    "phli", "phlp", "phnx", "prti", "rohg", "samr", "sarb", "sogd", "sogo", "syrc", "syre", "syrj",
    "syrn", "thaa", "todr", "yezi",
];

/// Languages whose usual script (CLDR likely subtags) is one of the right-to-left scripts.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "arq", "ars", "ary", "arz", "apc", "acm", "acq", "aeb", "afb", "ajp", "apd",
    "ayl", "azb", "bal", "bcc", "bej", "bft", "bgn", "bqi", "brh", "ckb", "dcc", "dv", "fa", "fia",
    "glk", "haz", "he", "hnd", "hno", "iw", "jpr", "jrb", "khw", "kvx", "kxp", "ks", "lad", "lki",
    "lrc", "luz", "mde", "mki", "mvy", "mzn", "nqo", "otk", "pga", "pnb", "prd", "prs", "ps",
    "rhg", "sam", "sd", "sdh", "shu", "skr", "smp", "sog", "syc", "syr", "trw", "ug", "ur", "wni",
    "xco", "xld", "xmn", "xmr", "xna", "xpr", "xsa", "ydd", "yi", "yih", "zdj",
];

/// Names a built site has beside its editions: mdBook's folders and files, and this tool's.
const SITE_NAMES: &[&str] = &[
    "css",
    "fonts",
    "FontAwesome",
    "search",
    "theme",
    "img",
    "images",
    "assets",
    "favicon",
];

/// Why `po/TAG.po` cannot be an edition, if it cannot: its name must be a well-formed BCP 47
/// tag (`fr`, `pt-BR`, `zh-Hans`) that is not the name of something else in the site.
pub fn check_language_tag(tag: &str, other_names: &[String]) -> Option<String> {
    let valid = language_tags::LanguageTag::parse(tag).is_ok_and(|t| t.validate().is_ok());
    if !valid || tag.contains('_') {
        return Some(format!(
            "`{tag}` is not a BCP 47 language tag, so the file cannot name an edition"
        ));
    }
    let taken = |name: &str| name.eq_ignore_ascii_case(tag);
    if SITE_NAMES.iter().any(|n| taken(n)) || other_names.iter().any(|n| taken(n)) {
        return Some(format!(
            "the edition `{tag}` would sit in the folder {tag}/, which the site already uses"
        ));
    }
    None
}

/// Whether a BCP 47 tag names a right-to-left edition: by its script subtag when it has one,
/// otherwise by its language's usual script.
pub fn is_right_to_left(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or("");
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return RTL_SCRIPTS.contains(&script);
    }
    RTL_LANGUAGES.contains(&language)
}

/// Language names in their own language, for the language picker.
const AUTONYMS: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("as", "অসমীয়া"),
    ("az", "azərbaycanca"),
    ("be", "беларуская"),
    ("bg", "български"),
    ("bn", "বাংলা"),
    ("br", "brezhoneg"),
    ("bs", "bosanski"),
    ("ca", "català"),
    ("ckb", "کوردی"),
    ("cs", "čeština"),
    ("cy", "Cymraeg"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("dv", "ދިވެހިބަސް"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("eo", "Esperanto"),
    ("es", "español"),
    ("et", "eesti"),
    ("eu", "euskara"),
    ("fa", "فارسی"),
    ("fi", "suomi"),
    ("fil", "Filipino"),
    ("fr", "français"),
    ("ga", "Gaeilge"),
    ("gl", "galego"),
    ("gu", "ગુજરાતી"),
    ("ha", "Hausa"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("hy", "հայերեն"),
    ("id", "Bahasa Indonesia"),
    ("ig", "Igbo"),
    ("is", "íslenska"),
    ("it", "italiano"),
    ("ja", "日本語"),
    ("ka", "ქართული"),
    ("kk", "қазақша"),
    ("km", "ភាសាខ្មែរ"),
    ("kn", "ಕನ್ನಡ"),
    ("ko", "한국어"),
    ("ks", "کٲشُر"),
    ("ku", "kurdî"),
    ("ky", "кыргызча"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("mk", "македонски"),
    ("ml", "മലയാളം"),
    ("mn", "монгол"),
    ("mr", "मराठी"),
    ("ms", "Bahasa Melayu"),
    ("my", "မြန်မာဘာသာ"),
    ("nb", "norsk bokmål"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("nn", "norsk nynorsk"),
    ("or", "ଓଡ଼ିଆ"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "polski"),
    ("ps", "پښتو"),
    ("pt", "português"),
    ("pt-br", "português do Brasil"),
    ("ro", "română"),
    ("ru", "русский"),
    ("sd", "سنڌي"),
    ("si", "සිංහල"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sq", "shqip"),
    ("sr", "српски"),
    ("sv", "svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
    ("ug", "ئۇيغۇرچە"),
    ("uk", "українська"),
    ("ur", "اردو"),
    ("uz", "oʻzbekcha"),
    ("vi", "Tiếng Việt"),
    ("yi", "ייִדיש"),
    ("yo", "Yorùbá"),
    ("zh", "中文"),
    ("zh-hans", "中文（简体）"),
    ("zh-hant", "中文（繁體）"),
    ("zu", "isiZulu"),
];

/// `Plural-Forms` of languages whose rule is not English's, as gettext's `msginit` writes them.
const PLURAL_FORMS: &[(&[&str], &str)] = &[
    (
        &[
            "ja", "ko", "zh", "vi", "th", "id", "ms", "lo", "km", "my", "jv", "su",
        ],
        "nplurals=1; plural=0;",
    ),
    (
        &["fr", "fa", "pt-br", "hy", "ln", "ak", "wa"],
        "nplurals=2; plural=(n > 1);",
    ),
    (
        &["ar"],
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    ),
    (
        &["ru", "uk", "be", "sr", "hr", "bs"],
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    (
        &["pl"],
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    (
        &["cs", "sk"],
        "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    ),
    (
        &["lt"],
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    (
        &["lv"],
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    ),
    (
        &["ro"],
        "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    ),
    (
        &["sl"],
        "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    ),
    (
        &["ga"],
        "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n>=3 && n<=6 ? 2 : n>=7 && n<=10 ? 3 : 4);",
    ),
];

/// The `Plural-Forms` header for a new translation into `tag`: the language's own rule when
/// known (full tag first, then its base language), English's otherwise.
pub fn plural_forms(tag: &str) -> &'static str {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let base = lower.split('-').next().unwrap_or_default();
    let find = |wanted: &str| {
        PLURAL_FORMS
            .iter()
            .find(|(tags, _)| tags.contains(&wanted))
            .map(|(_, forms)| *forms)
    };
    find(&lower)
        .or_else(|| if base == "pt" { None } else { find(base) })
        .unwrap_or(crate::i18n::catalog::ENGLISH_PLURAL_FORMS)
}

/// The language's own name, falling back to its base language's, then to the tag itself.
pub fn autonym(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let find = |t: &str| {
        AUTONYMS
            .iter()
            .find(|(k, _)| *k == t)
            .map(|(_, v)| v.to_string())
    };
    find(&lower)
        .or_else(|| {
            lower
                .split('-')
                .next()
                .and_then(find)
                .map(|base| format!("{base} ({tag})"))
        })
        .unwrap_or_else(|| tag.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_plural_rule_parses_and_new_languages_get_theirs() {
        for (_, forms) in PLURAL_FORMS {
            assert!(
                crate::i18n::plural::PluralForms::parse(forms).is_ok(),
                "{forms}"
            );
        }
        assert!(plural_forms("ar").starts_with("nplurals=6"));
        assert!(plural_forms("pt-BR").contains("n > 1"));
        assert!(plural_forms("pt").contains("n != 1"));
        assert!(plural_forms("zh-Hans").starts_with("nplurals=1"));
        assert!(plural_forms("de").contains("n != 1"));
    }

    #[test]
    fn direction_comes_from_the_script() {
        for rtl in [
            "ar", "ar-EG", "ckb", "dv", "ug", "sd", "ps", "yi", "he", "fa", "ur", "uz-Arab",
            "pa-Arab", "ks",
        ] {
            assert!(is_right_to_left(rtl), "{rtl}");
        }
        for ltr in [
            "en", "fr", "pt-BR", "zh-Hans", "sd-Deva", "az-Latn", "ku", "tr",
        ] {
            assert!(!is_right_to_left(ltr), "{ltr}");
        }
    }

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(check_language_tag("pt-BR", &[]), None);
        assert_eq!(check_language_tag("zh-Hans", &[]), None);
        assert!(check_language_tag("index.html", &[]).is_some());
        assert!(check_language_tag("..", &[]).is_some());
        assert!(check_language_tag("pt_BR", &[]).is_some());
        assert!(
            check_language_tag("css", &[])
                .unwrap()
                .contains("already uses")
        );
        assert!(check_language_tag("fr", &["fr".into()]).is_some());
    }

    #[test]
    fn autonyms() {
        assert_eq!(autonym("fr"), "français");
        assert_eq!(autonym("ar"), "العربية");
        assert_eq!(autonym("pt-BR"), "português do Brasil");
        assert_eq!(autonym("fr-CA"), "français (fr-CA)");
        assert_eq!(autonym("xx"), "xx");
    }
}
