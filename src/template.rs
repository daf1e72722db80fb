//! The theme's handlebars templates, compiled by handlebars and rendered by walking their
//! compiled form, with handlebars itself rendering whatever that walk does not cover.
//!
//! A build renders a template for every question, glossary link and section link; handlebars'
//! general machinery (a block context per scope, a copy of each value looked up, a new string
//! per escape) cost more than the rest of the training stage. The templates in `theme/` use
//! values, `{{#if}}`, `{{#unless}}` and `{{#each}}` over arrays: for those the walk below writes
//! straight into one string. Anything else (another helper, a partial, a value that is missing,
//! an object written as text) is handed to handlebars, which renders it or reports the error as
//! it always has, so a template renders the same whichever way it goes.

use crate::render::escape_html_into;
use handlebars::template::{HelperTemplate, Parameter, Template, TemplateElement};
use handlebars::{Handlebars, Path};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

/// The helpers handlebars registers by itself: an expression that names one calls it.
const BUILT_IN_HELPERS: &[&str] = &[
    "if", "unless", "each", "with", "lookup", "raw", "log", "eq", "ne", "gt", "gte", "lt", "lte",
    "and", "or", "not", "len",
];

/// A value as a template reads it.
#[derive(Clone, Copy)]
pub enum Field<'a> {
    Text(&'a str),
    Number(u64),
    Bool(bool),
    Null,
    List(&'a dyn List),
    Object(&'a dyn Fields),
    /// A value the walk leaves to handlebars, such as a fraction.
    Other,
}

/// Data a template reads fields of by name. [`template_data!`](crate::template_data) derives it
/// together with `Serialize`, which gives handlebars the same fields.
pub trait Fields {
    fn field(&self, name: &str) -> Option<Field<'_>>;
    /// Whether it has no field at all: handlebars takes an empty object as false.
    fn is_empty(&self) -> bool {
        false
    }
}

/// A list a template walks with `{{#each}}`.
pub trait List {
    fn len(&self) -> usize;
    fn item(&self, index: usize) -> Field<'_>;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Anything that is one template value.
pub trait AsField {
    fn as_field(&self) -> Field<'_>;
}

impl AsField for str {
    fn as_field(&self) -> Field<'_> {
        Field::Text(self)
    }
}

impl AsField for String {
    fn as_field(&self) -> Field<'_> {
        Field::Text(self)
    }
}

impl AsField for std::borrow::Cow<'_, str> {
    fn as_field(&self) -> Field<'_> {
        Field::Text(self)
    }
}

impl AsField for usize {
    fn as_field(&self) -> Field<'_> {
        Field::Number(*self as u64)
    }
}

impl AsField for bool {
    fn as_field(&self) -> Field<'_> {
        Field::Bool(*self)
    }
}

impl<T: AsField + ?Sized> AsField for &T {
    fn as_field(&self) -> Field<'_> {
        (**self).as_field()
    }
}

impl<T: AsField> AsField for Option<T> {
    fn as_field(&self) -> Field<'_> {
        self.as_ref().map_or(Field::Null, AsField::as_field)
    }
}

impl<T: AsField> List for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Field<'_> {
        self.get(index).map_or(Field::Null, AsField::as_field)
    }
}

impl<T: AsField> AsField for Vec<T> {
    fn as_field(&self) -> Field<'_> {
        Field::List(self)
    }
}

impl AsField for Value {
    fn as_field(&self) -> Field<'_> {
        match self {
            Value::String(text) => Field::Text(text),
            Value::Number(number) => number.as_u64().map_or(Field::Other, Field::Number),
            Value::Bool(value) => Field::Bool(*value),
            Value::Null => Field::Null,
            Value::Array(items) => Field::List(items),
            Value::Object(_) => Field::Object(self),
        }
    }
}

impl Fields for Value {
    fn field(&self, name: &str) -> Option<Field<'_>> {
        self.get(name).map(AsField::as_field)
    }
    fn is_empty(&self) -> bool {
        self.as_object().is_none_or(|object| object.is_empty())
    }
}

/// Declares a struct that templates read: `Serialize` for handlebars and [`Fields`] for the
/// walk, both from the one list of fields, so the two always agree.
#[macro_export]
macro_rules! template_data {
    ($(#[doc = $doc:literal])* $vis:vis struct $name:ident $(<$lt:lifetime>)? {
        $($(#[doc = $field_doc:literal])* $field_vis:vis $field:ident : $type:ty),* $(,)?
    }) => {
        $(#[doc = $doc])*
        #[derive(serde::Serialize)]
        $vis struct $name $(<$lt>)? {
            $($(#[doc = $field_doc])* $field_vis $field: $type),*
        }
        impl $(<$lt>)? $crate::template::Fields for $name $(<$lt>)? {
            fn field(&self, name: &str) -> Option<$crate::template::Field<'_>> {
                match name {
                    $(stringify!($field) => Some($crate::template::AsField::as_field(&self.$field)),)*
                    _ => None,
                }
            }
        }
        impl $(<$lt>)? $crate::template::AsField for $name $(<$lt>)? {
            fn as_field(&self) -> $crate::template::Field<'_> {
                $crate::template::Field::Object(self)
            }
        }
    };
}

/// A set of named templates with the project's escaping and handlebars' strict mode.
pub struct Templates {
    registry: Handlebars<'static>,
    /// Each template's plan, where all of it is something the walk covers.
    plans: HashMap<String, Vec<Step>>,
}

/// One step of a template's plan: handlebars' compiled form with each path read once.
#[derive(Debug)]
enum Step {
    Text(String),
    Value {
        path: Lookup,
        escape: bool,
    },
    /// `{{#if}}`, or `{{#unless}}` with `negate`.
    If {
        path: Lookup,
        negate: bool,
        then: Vec<Step>,
        otherwise: Vec<Step>,
    },
    Each {
        path: Lookup,
        body: Vec<Step>,
        otherwise: Option<Vec<Step>>,
    },
}

/// Where a value is: `@first` or `@last` of the innermost `{{#each}}`, or `keys` read from the
/// scope `up` levels out (`../`); no keys is the scope itself (`this`).
#[derive(Debug)]
enum Lookup {
    First,
    Last,
    Path { up: usize, keys: Vec<String> },
}

/// The walk met something it leaves to handlebars.
struct NotCovered;

/// One scope of the walk: the root data, or one item of an `{{#each}}`.
struct Scope<'a> {
    value: Field<'a>,
    index: usize,
    count: usize,
}

thread_local! {
    /// Where templates render before their text is copied out at its size, so that no
    /// rendering grows a string step by step.
    static RENDERING: RefCell<String> = const { RefCell::new(String::new()) };
}

impl Templates {
    /// Compiles `(name, source)` templates; a syntax error names the template.
    pub fn new(templates: &[(&str, &str)]) -> Result<Self, handlebars::TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(crate::render::escape_html);
        let mut plans = HashMap::new();
        for (name, source) in templates {
            registry.register_template_string(name, source)?;
            if let Some(plan) = registry
                .get_template(name)
                .and_then(|template| plan(template).ok())
            {
                plans.insert(name.to_string(), plan);
            }
        }
        Ok(Templates { registry, plans })
    }

    /// Renders template `name` with `data`, as handlebars renders it.
    pub fn render<T: Fields + serde::Serialize>(
        &self,
        name: &str,
        data: &T,
    ) -> Result<String, handlebars::RenderError> {
        let walked = RENDERING.with(|buffer| {
            let mut out = buffer.try_borrow_mut().ok()?;
            out.clear();
            self.walked_into(name, data, &mut out)
                .map(|()| out.as_str().to_owned())
        });
        // Every rendering in this crate's unit tests is checked against handlebars.
        #[cfg(test)]
        if let Some(text) = &walked {
            assert_eq!(
                Some(text),
                self.registry.render(name, data).ok().as_ref(),
                "the walk and handlebars differ on `{name}`"
            );
        }
        match walked {
            Some(text) => Ok(text),
            None => self.registry.render(name, data),
        }
    }

    /// Writes template `name` into `out` by walking its plan; `None` where it is left to
    /// handlebars.
    fn walked_into(&self, name: &str, data: &dyn Fields, out: &mut String) -> Option<()> {
        let plan = self.plans.get(name)?;
        let mut scopes = Vec::with_capacity(4);
        scopes.push(Scope {
            value: Field::Object(data),
            index: 0,
            count: 1,
        });
        walk(plan, &mut scopes, out).ok()
    }

    /// Renders template `name` through handlebars alone, to compare the walk with (the unit
    /// tests and the build benchmark do).
    pub fn render_with_handlebars<T: serde::Serialize>(
        &self,
        name: &str,
        data: &T,
    ) -> Result<String, handlebars::RenderError> {
        self.registry.render(name, data)
    }
}

/// The plan of a compiled template, or `NotCovered` if any of it is beyond the walk.
fn plan(template: &Template) -> Result<Vec<Step>, NotCovered> {
    template
        .elements
        .iter()
        .filter(|element| !matches!(element, TemplateElement::Comment(_)))
        .map(|element| match element {
            TemplateElement::RawString(text) => Ok(Step::Text(text.clone())),
            TemplateElement::Expression(helper) => value_step(helper, true),
            TemplateElement::HtmlExpression(helper) => value_step(helper, false),
            TemplateElement::HelperBlock(helper) => block_step(helper),
            _ => Err(NotCovered),
        })
        .collect()
}

/// `{{value}}` (escaped) or `{{{value}}}`.
fn value_step(helper: &HelperTemplate, escape: bool) -> Result<Step, NotCovered> {
    if !helper.params.is_empty() || !helper.hash.is_empty() || helper.block {
        return Err(NotCovered);
    }
    let Parameter::Path(path) = &helper.name else {
        return Err(NotCovered);
    };
    if let Path::Relative((_, raw)) = path
        && BUILT_IN_HELPERS.contains(&raw.as_str())
    {
        return Err(NotCovered);
    }
    Ok(Step::Value {
        path: lookup(path)?,
        escape,
    })
}

/// `{{#if}}`, `{{#unless}}` and `{{#each}}`, each with its `{{else}}`.
fn block_step(helper: &HelperTemplate) -> Result<Step, NotCovered> {
    let Parameter::Name(name) = &helper.name else {
        return Err(NotCovered);
    };
    let ([Parameter::Path(path)], true, None) = (
        helper.params.as_slice(),
        helper.hash.is_empty(),
        &helper.block_param,
    ) else {
        return Err(NotCovered);
    };
    let path = lookup(path)?;
    let part = |template: &Option<Template>| template.as_ref().map(plan).transpose();
    match name.as_str() {
        "if" | "unless" => Ok(Step::If {
            path,
            negate: name == "unless",
            then: part(&helper.template)?.unwrap_or_default(),
            otherwise: part(&helper.inverse)?.unwrap_or_default(),
        }),
        "each" => Ok(Step::Each {
            path,
            body: part(&helper.template)?.unwrap_or_default(),
            otherwise: part(&helper.inverse)?,
        }),
        _ => Err(NotCovered),
    }
}

/// A path as the walk reads it: `name`, `a.b`, `../name`, `this`, `@first`, `@last`.
fn lookup(path: &Path) -> Result<Lookup, NotCovered> {
    match path {
        Path::Local((0, name, _)) => match name.as_str() {
            "first" => Ok(Lookup::First),
            "last" => Ok(Lookup::Last),
            _ => Err(NotCovered),
        },
        Path::Relative((_, raw)) => {
            let mut rest = raw.as_str();
            let mut up = 0;
            while let Some(after) = rest.strip_prefix("../") {
                up += 1;
                rest = after;
            }
            if rest == "this" || rest == "." {
                return Ok(Lookup::Path {
                    up,
                    keys: Vec::new(),
                });
            }
            let keys = rest
                .split(['.', '/'])
                .map(|key| {
                    let plain = !key.is_empty()
                        && key != "this"
                        && key
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                    if plain {
                        Ok(key.to_string())
                    } else {
                        Err(NotCovered)
                    }
                })
                .collect::<Result<_, _>>()?;
            Ok(Lookup::Path { up, keys })
        }
        _ => Err(NotCovered),
    }
}

fn walk<'a>(
    plan: &[Step],
    scopes: &mut Vec<Scope<'a>>,
    out: &mut String,
) -> Result<(), NotCovered> {
    for step in plan {
        match step {
            Step::Text(text) => out.push_str(text),
            Step::Value { path, escape } => {
                let text = match look_up(path, scopes)? {
                    Field::Text(text) => text,
                    Field::Null => "",
                    Field::Bool(true) => "true",
                    Field::Bool(false) => "false",
                    Field::Number(number) => {
                        // Digits need no escaping.
                        out.push_str(&number.to_string());
                        continue;
                    }
                    Field::List(_) | Field::Object(_) | Field::Other => return Err(NotCovered),
                };
                if *escape {
                    escape_html_into(out, text);
                } else {
                    out.push_str(text);
                }
            }
            Step::If {
                path,
                negate,
                then,
                otherwise,
            } => {
                let branch = if is_truthy(look_up(path, scopes)?)? != *negate {
                    then
                } else {
                    otherwise
                };
                walk(branch, scopes, out)?;
            }
            Step::Each {
                path,
                body,
                otherwise,
            } => {
                let Field::List(items) = look_up(path, scopes)? else {
                    return Err(NotCovered);
                };
                let count = items.len();
                match otherwise {
                    Some(otherwise) if count == 0 => walk(otherwise, scopes, out)?,
                    _ => {
                        for index in 0..count {
                            scopes.push(Scope {
                                value: items.item(index),
                                index,
                                count,
                            });
                            let walked = walk(body, scopes, out);
                            scopes.pop();
                            walked?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Handlebars' truth: empty text, zero, an empty list or object, and null are false.
fn is_truthy(value: Field<'_>) -> Result<bool, NotCovered> {
    Ok(match value {
        Field::Text(text) => !text.is_empty(),
        Field::Number(number) => number != 0,
        Field::Bool(value) => value,
        Field::Null => false,
        Field::List(items) => !items.is_empty(),
        Field::Object(fields) => !fields.is_empty(),
        Field::Other => return Err(NotCovered),
    })
}

/// A value in the walk's scopes. One that is missing is left to handlebars, whose strict mode
/// reports it.
fn look_up<'a>(path: &Lookup, scopes: &[Scope<'a>]) -> Result<Field<'a>, NotCovered> {
    match path {
        // `@first` and `@last` exist inside an `{{#each}}` only.
        Lookup::First | Lookup::Last if scopes.len() < 2 => Err(NotCovered),
        Lookup::First => Ok(Field::Bool(scopes.last().is_some_and(|s| s.index == 0))),
        Lookup::Last => Ok(Field::Bool(
            scopes.last().is_some_and(|s| s.index + 1 == s.count),
        )),
        Lookup::Path { up, keys } => {
            let scope = scopes
                .len()
                .checked_sub(up + 1)
                .and_then(|at| scopes.get(at))
                .ok_or(NotCovered)?;
            let mut value = scope.value;
            for key in keys {
                let Field::Object(fields) = value else {
                    return Err(NotCovered);
                };
                value = fields.field(key).ok_or(NotCovered)?;
            }
            Ok(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::BLOCK_TEMPLATES;
    use crate::site::SITE_TEMPLATES;
    use proptest::prelude::*;
    use serde_json::json;

    impl Templates {
        /// The walk alone: `None` where it hands the template to handlebars.
        fn walked(&self, name: &str, data: &Value) -> Option<String> {
            let mut out = String::new();
            self.walked_into(name, data, &mut out).map(|()| out)
        }
    }

    fn all_templates() -> Templates {
        let all: Vec<_> = BLOCK_TEMPLATES
            .iter()
            .chain(&SITE_TEMPLATES)
            .copied()
            .collect();
        Templates::new(&all).unwrap()
    }

    /// Data for every template of the theme, as the renderers give it, in the shapes that
    /// take different paths through the templates.
    fn theme_data(text: &str) -> Vec<(&'static str, Value)> {
        let option = |letter: &str, n: usize| json!({ "letter": letter, "letter_lower": letter.to_lowercase(), "number": n, "markdown": text });
        let quiz = |options: Vec<Value>, feedback: Vec<Value>, discussion: &str| {
            json!({
                "dom_id": format!("quiz-{text}"), "data": format!("{{\"t\":\"{text}\"}}"),
                "ui": { "test_yourself": text, "ready_to_see_answer": "Ready?", "discuss_question": text },
                "title": text, "prompt": text, "instruction": text, "options": options,
                "best_answer": text, "feedback": feedback, "explanation": text,
                "discussion_url": discussion,
            })
        };
        let link = |language: &str, current: bool| json!({ "language": language, "href": text, "current": current, "name": text });
        vec![
            (
                "quiz",
                quiz(
                    vec![option("A", 1), option("B", 2), option("C", 3)],
                    vec![json!({ "letter": "B", "markdown": text })],
                    "https://example.org/?a=1&b='2'",
                ),
            ),
            ("quiz", quiz(vec![option("A", 1)], vec![], "")),
            ("quiz", quiz(vec![], vec![], text)),
            (
                "short-answer",
                json!({
                    "dom_id": "short-a", "data": text, "title": text, "prompt": text, "accepted": text,
                    "explanation": text, "discussion_url": text,
                    "ui": { "test_yourself": text, "type_answer": text, "ready_to_see_answer": text, "discuss_question": text },
                }),
            ),
            (
                "scenario",
                json!({
                    "dom_id": "scenario-s", "data": text, "title": text, "body": text, "discussion_url": "",
                    "ui": { "what_would_you_do": text, "your_notes": text, "notes_stay_here": text, "discuss_scenario": text },
                }),
            ),
            (
                "glossary-link",
                json!({ "href": text, "id": "term", "definition": text, "text": text }),
            ),
            ("section-link", json!({ "href": text, "text": text })),
            (
                "recap",
                json!({ "kind": "progress", "data": text, "ui": { "recap_needs_script": text } }),
            ),
            ("reading-time", json!({ "chapter": text, "module": text })),
            ("reading-time", json!({ "chapter": text, "module": null })),
            (
                "head-links",
                json!({ "canonical": text, "alternates": [link("en", true), link("fr", false)] }),
            ),
            ("head-links", json!({ "canonical": null, "alternates": [] })),
            (
                "language-picker",
                json!({ "label": text, "current": text, "links": [link("en", false), link("ar", true)] }),
            ),
            (
                "search-panel",
                json!({ "data": text, "label": text, "placeholder": text }),
            ),
        ]
    }

    #[test]
    fn the_walk_renders_every_theme_template_as_handlebars_does() {
        let templates = all_templates();
        let mut names: Vec<&str> = Vec::new();
        for text in ["plain", "<b>a & \"b\" 'c'</b>", "", "ص 名 {{x}}"] {
            for (name, data) in theme_data(text) {
                let walked = templates.walked(name, &data);
                assert!(walked.is_some(), "the walk left `{name}` to handlebars");
                assert_eq!(
                    walked.unwrap(),
                    templates.render_with_handlebars(name, &data).unwrap(),
                    "`{name}` with {data}"
                );
                names.push(name);
            }
        }
        for (name, _) in BLOCK_TEMPLATES.iter().chain(&SITE_TEMPLATES) {
            assert!(names.contains(name), "no data for `{name}`");
        }
    }

    #[test]
    fn what_the_walk_does_not_cover_renders_through_handlebars() {
        let templates = Templates::new(&[
            ("index", "{{#each items}}{{@index}}:{{this}} {{/each}}"),
            ("with", "{{#with a}}{{b}}{{/with}}"),
            ("helper", "{{len items}} {{#if (eq a.b 1)}}one{{/if}}"),
            ("object", "{{a}}"),
            ("each-object", "{{#each a}}{{@key}}={{this}};{{/each}}"),
            ("missing", "<p>{{nowhere}}</p>"),
            ("missing-each", "{{#each nowhere}}x{{/each}}"),
            (
                "else",
                "{{#each none}}x{{else}}empty{{/each}}{{#if a.c}}y{{else}}n{{/if}}",
            ),
            (
                "up",
                "{{#each items}}{{../a.b}}{{this}}{{#unless @last}},{{/unless}}{{/each}}",
            ),
        ])
        .unwrap();
        let data = json!({ "items": ["x", 2, true], "a": { "b": 1, "c": 0 }, "none": [] });
        for (name, covered) in [
            ("index", false),
            ("with", false),
            ("helper", false),
            ("object", false),
            ("each-object", false),
            ("missing", false),
            ("missing-each", false),
            ("else", true),
            ("up", true),
        ] {
            assert_eq!(templates.walked(name, &data).is_some(), covered, "{name}");
            let ours = templates.render(name, &data).map_err(|e| e.to_string());
            let theirs = templates
                .render_with_handlebars(name, &data)
                .map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{name}");
        }
        assert_eq!(templates.render("up", &data).unwrap(), "1x,12,1true");
        assert!(templates.render("missing", &data).is_err());
    }

    proptest! {
        #[test]
        fn any_text_renders_the_same_either_way(text in "\\PC{0,40}", number in 0usize..30) {
            let templates = all_templates();
            for (name, mut data) in theme_data(&text) {
                if let Some(options) = data.get_mut("options").and_then(Value::as_array_mut) {
                    for option in options {
                        option["number"] = json!(number);
                    }
                }
                prop_assert_eq!(
                    templates.walked(name, &data),
                    templates.render_with_handlebars(name, &data).ok()
                );
            }
        }
    }
}
