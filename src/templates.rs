//! The handlebars templates of `theme/blocks/`: the ones built into the program, each replaced
//! by the book's own `theme/blocks/NAME.hbs` when it has one, as mdBook's theme files are.

use crate::diagnostic::Diagnostic;
use handlebars::Handlebars;
use std::path::Path;

/// A set of named templates with the project's escaping and handlebars' strict mode.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl Templates {
    /// Compiles `(name, source)` templates; a syntax error names the template.
    pub fn new(templates: &[(&str, &str)]) -> Result<Self, handlebars::TemplateError> {
        let mut registry = Self::registry();
        for (name, source) in templates {
            registry.register_template_string(name, source)?;
        }
        Ok(Templates { registry })
    }

    /// The built-in `templates`, each overridden by `THEME/blocks/NAME.hbs` when that file
    /// exists; `shown_theme` is the theme folder as the book names it, for diagnostics.
    pub fn with_overrides(
        templates: &[(&str, &str)],
        theme_dir: Option<&Path>,
        shown_theme: &Path,
    ) -> Result<Self, Diagnostic> {
        Self::with_overrides_in("blocks", templates, theme_dir, shown_theme)
    }

    /// [`Templates::with_overrides`] from the theme's `folder` (`olx` for the course export).
    pub fn with_overrides_in(
        folder: &str,
        templates: &[(&str, &str)],
        theme_dir: Option<&Path>,
        shown_theme: &Path,
    ) -> Result<Self, Diagnostic> {
        let mut registry = Self::registry();
        for (name, built_in) in templates {
            let file = format!("{folder}/{name}.hbs");
            let own = theme_dir.and_then(|dir| std::fs::read_to_string(dir.join(&file)).ok());
            let shown = shown_theme.join(&file);
            let source = own.as_deref().unwrap_or(built_in);
            registry
                .register_template_string(name, source)
                .map_err(|err| broken(&shown, &err, own.is_some()))?;
        }
        Ok(Templates { registry })
    }

    fn registry() -> Handlebars<'static> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(crate::escape::escape_html);
        registry
    }

    /// Renders template `name` with `data`.
    pub fn render<T: serde::Serialize>(
        &self,
        name: &str,
        data: &T,
    ) -> Result<String, handlebars::RenderError> {
        self.registry.render(name, data)
    }
}

/// The error for a template that does not compile, at its file and line.
fn broken(shown: &Path, err: &handlebars::TemplateError, own: bool) -> Diagnostic {
    let line = err.pos().map_or(0, |(line, _)| line);
    let whose = if own {
        "this block template"
    } else {
        "the built-in block template"
    };
    Diagnostic::error(
        shown,
        line,
        format!("{whose} does not compile: {}", err.reason()),
    )
    .with_hint("fix the handlebars syntax, or remove the file to use the built-in template")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_books_template_overrides_the_built_in_one_and_its_errors_name_its_line() {
        let theme = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(theme.path().join("blocks")).unwrap();
        let built_in = [("link", "<a>{{text}}</a>"), ("other", "{{text}}")];
        std::fs::write(theme.path().join("blocks/link.hbs"), "<b>{{text}}</b>").unwrap();
        let templates =
            Templates::with_overrides(&built_in, Some(theme.path()), Path::new("theme")).unwrap();
        let data = serde_json::json!({ "text": "<x>" });
        assert_eq!(templates.render("link", &data).unwrap(), "<b>&lt;x&gt;</b>");
        assert_eq!(templates.render("other", &data).unwrap(), "&lt;x&gt;");

        std::fs::write(
            theme.path().join("blocks/link.hbs"),
            "ok\n{{#if x}}\nnever closed\n",
        )
        .unwrap();
        let err = Templates::with_overrides(&built_in, Some(theme.path()), Path::new("theme"))
            .err()
            .unwrap();
        assert!(
            err.to_string().starts_with("theme/blocks/link.hbs:"),
            "{err}"
        );
        assert!(err.line > 0, "{err}");
    }
}
