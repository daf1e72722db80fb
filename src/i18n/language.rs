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
