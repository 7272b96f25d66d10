//! Themes: the built-in default theme, a named theme under `themes/<name>/`
//! and a site's own `templates/`, layered one template at a time.
//!
//! Later layers override earlier ones by template name: the default theme,
//! then `themes/<name>/templates/`, then the site's `templates/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use tera::Tera;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::source::display_name;

/// The default theme's templates, built into the binary.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "site_header.html",
        include_str!("../themes/default/templates/site_header.html"),
    ),
    (
        "pagination.html",
        include_str!("../themes/default/templates/pagination.html"),
    ),
    (
        "entry_list.html",
        include_str!("../themes/default/templates/entry_list.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "entry.html",
        include_str!("../themes/default/templates/entry.html"),
    ),
    (
        "archive.html",
        include_str!("../themes/default/templates/archive.html"),
    ),
    (
        "terms.html",
        include_str!("../themes/default/templates/terms.html"),
    ),
    (
        "term.html",
        include_str!("../themes/default/templates/term.html"),
    ),
    (
        "stories.html",
        include_str!("../themes/default/templates/stories.html"),
    ),
    (
        "story.html",
        include_str!("../themes/default/templates/story.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "atom.xml",
        include_str!("../themes/default/templates/atom.xml"),
    ),
    (
        "sitemap.xml",
        include_str!("../themes/default/templates/sitemap.xml"),
    ),
    (
        "robots.txt",
        include_str!("../themes/default/templates/robots.txt"),
    ),
];

/// The default theme's static files, built into the binary.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../themes/default/static/style.css"),
)];

/// Where the default theme's files are said to be in messages.
pub const BUILTIN_ORIGIN: &str = "<default theme>";

/// One template's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// The template text.
    pub text: String,
    /// The file it was read from, relative to the site root
    /// (`templates/entry.html`), or `<default theme>/entry.html`.
    pub origin: String,
}

/// A resolved theme: templates by name, plus folders of static files.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Every template by name, after overrides.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static folders to copy, in order (later ones win): the named
    /// theme's `static/`, then the site's `static/`. The default theme's
    /// static files are [`DEFAULT_STATIC`].
    pub static_dirs: Vec<PathBuf>,
}

impl Theme {
    /// Resolves the theme of the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
        let mut templates: BTreeMap<String, TemplateSource> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    TemplateSource {
                        text: text.to_string(),
                        origin: format!("{BUILTIN_ORIGIN}/{name}"),
                    },
                )
            })
            .collect();
        let mut diags = Diagnostics::new();
        let mut static_dirs = Vec::new();
        if let Some(name) = &config.theme {
            let dir = root.join("themes").join(name);
            if !dir.is_dir() {
                return Err(Diagnostic::error(format!(
                    "theme `{name}` not found: expected a folder themes/{name}/"
                ))
                .at(crate::config::CONFIG_FILE)
                .into());
            }
            read_templates(&dir.join("templates"), root, &mut templates, &mut diags);
            static_dirs.push(dir.join("static"));
        }
        read_templates(&root.join("templates"), root, &mut templates, &mut diags);
        static_dirs.push(root.join("static"));
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Theme {
            templates,
            static_dirs,
        })
    }

    /// The built-in theme alone (for tests and tools).
    pub fn builtin() -> Theme {
        Theme {
            templates: DEFAULT_TEMPLATES
                .iter()
                .map(|(name, text)| {
                    (
                        name.to_string(),
                        TemplateSource {
                            text: text.to_string(),
                            origin: format!("{BUILTIN_ORIGIN}/{name}"),
                        },
                    )
                })
                .collect(),
            static_dirs: Vec::new(),
        }
    }

    /// Compiles every template. Syntax errors name the template file, line
    /// and column.
    pub fn tera(&self) -> Result<Tera, Diagnostics> {
        let mut tera = Tera::new();
        // Escape HTML and XML templates; robots.txt holds no entry text.
        tera.autoescape_on([".html", ".xml"]);
        // Add one by one first so each syntax error names its own file.
        let mut diags = Diagnostics::new();
        for (name, t) in &self.templates {
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, &t.text)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                diags.push(self.diagnostic(&e, format!("cannot parse template `{name}`")));
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        tera.add_raw_templates(
            self.templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.text.as_str())),
        )
        .map_err(|e| self.load_diagnostics(&e))?;
        Ok(tera)
    }

    /// A hash of every template's text: pages depend on their template and
    /// on what it extends or includes, so any template change changes it.
    pub fn fingerprint(&self) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        for (name, t) in &self.templates {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(t.text.as_bytes());
            h.update(&[0]);
        }
        *h.finalize().as_bytes()
    }

    /// The templates `name` depends on, itself included: what it extends,
    /// includes or imports, transitively, plus every template that defines
    /// components (Tera 2 components are global). A tag naming a template
    /// by anything but a literal makes it depend on every template.
    pub fn dependencies(&self, name: &str) -> Vec<&str> {
        let mut global: Vec<&str> = self
            .templates
            .iter()
            .filter(|(_, t)| component_tag().is_match(&t.text))
            .map(|(n, _)| n.as_str())
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = vec![name];
        while let Some(n) = todo.pop() {
            let Some((key, t)) = self.templates.get_key_value(n) else {
                continue;
            };
            if seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key.as_str());
            let literal = dependency_tag().captures_iter(&t.text).count();
            let any = any_dependency_tag().find_iter(&t.text).count();
            if literal != any {
                return self.templates.keys().map(String::as_str).collect();
            }
            for c in dependency_tag().captures_iter(&t.text) {
                if let Some(m) = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4)) {
                    todo.push(m.as_str());
                }
            }
        }
        seen.append(&mut global);
        seen.sort_unstable();
        seen.dedup();
        seen
    }

    /// A hash of the templates `name` depends on ([`Theme::dependencies`]):
    /// a change to any other template leaves it unchanged.
    pub fn template_fingerprint(&self, name: &str) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        for dep in self.dependencies(name) {
            if let Some(t) = self.templates.get(dep) {
                h.update(dep.as_bytes());
                h.update(&[0]);
                h.update(&(t.text.len() as u64).to_le_bytes());
                h.update(t.text.as_bytes());
            }
        }
        *h.finalize().as_bytes()
    }

    /// Diagnostics for an error from loading the templates. Tera checks
    /// every filter, test, function and component a template names at load
    /// time and reports them all in one message; each becomes its own
    /// diagnostic with the template's file, line and column.
    pub fn load_diagnostics(&self, err: &tera::Error) -> Diagnostics {
        const MESSAGE: &str = "cannot load the templates";
        let tera::ErrorKind::Msg(text) = err.kind() else {
            return self.diagnostic(err, MESSAGE).into();
        };
        let mut diags = Diagnostics::new();
        for c in report_location().captures_iter(text) {
            let name = &c[2];
            let origin = self
                .templates
                .get(name)
                .map_or_else(|| name.to_string(), |t| t.origin.clone());
            let (line, col) = (c[3].parse().unwrap_or(1), c[4].parse().unwrap_or(1));
            diags.push(
                Diagnostic::error(format!("cannot load the template `{name}`"))
                    .at(origin)
                    .line_col(line, col)
                    .cause(&c[1]),
            );
        }
        if diags.is_empty() {
            diags.push(self.diagnostic(err, MESSAGE));
        }
        diags
    }

    /// Turns a Tera error into a diagnostic at the template's file, line and
    /// column, with Tera's real cause (not only "failed to render").
    pub fn diagnostic(&self, err: &tera::Error, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(message);
        match err.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let origin = self
                    .templates
                    .get(r.filename())
                    .map_or_else(|| r.filename().to_string(), |t| t.origin.clone());
                let span = r.span();
                d = d
                    .at(origin)
                    .line_col(span.start_line, span.start_col + 1)
                    .cause(r.message());
            }
            tera::ErrorKind::MissingParent { current, .. } => {
                if let Some(t) = self.templates.get(current) {
                    d = d.at(t.origin.clone());
                }
                d = d.cause(err.kind());
            }
            other => d = d.cause(other),
        }
        // Errors raised by filters and functions carry their own sources.
        let mut cur = std::error::Error::source(err);
        while let Some(e) = cur {
            d = d.cause(e);
            cur = e.source();
        }
        d
    }
}

/// One report in Tera's load-time message: `error: MESSAGE` then
/// ` --> NAME:LINE:COL`.
fn report_location() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^error: (.+)\n\s*--> (.+):(\d+):(\d+)\s*$")
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    })
}

/// `{% extends "x" %}`, `{% include 'x' %}`, `{% import "x" as m %}`.
fn dependency_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"\{%-?\s*(extends|include|import)\s+(?:"([^"]*)"|'([^']*)'|`([^`]*)`)"#)
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    })
}

/// The same tags whatever follows them (to catch non-literal names).
fn any_dependency_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\{%-?\s*(extends|include|import)\b")
            .unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    })
}

/// A component definition, which every template can call.
fn component_tag() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\{%-?\s*component\b").unwrap_or_else(|e| unreachable!("valid regex: {e}"))
    })
}

/// Reads `*.html`, `*.xml` and `*.txt` templates from `dir` (recursively,
/// named by their path relative to `dir`) into `templates`.
fn read_templates(
    dir: &Path,
    root: &Path,
    templates: &mut BTreeMap<String, TemplateSource>,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for item in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                diags.push(
                    Diagnostic::error("cannot read the templates folder")
                        .at(display_name(dir, root))
                        .cause_chain(&e),
                );
                continue;
            }
        };
        let path = item.path();
        if !item.file_type().is_file()
            || !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("html" | "xml" | "txt")
            )
        {
            continue;
        }
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        match std::fs::read_to_string(path) {
            Ok(text) => {
                templates.insert(
                    name,
                    TemplateSource {
                        text,
                        origin: display_name(path, root),
                    },
                );
            }
            Err(e) => diags.push(
                Diagnostic::error("cannot read template")
                    .at(display_name(path, root))
                    .cause_chain(&e),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        Theme {
            templates: templates
                .iter()
                .map(|(n, t)| {
                    (
                        n.to_string(),
                        TemplateSource {
                            text: t.to_string(),
                            origin: n.to_string(),
                        },
                    )
                })
                .collect(),
            static_dirs: Vec::new(),
        }
    }

    #[test]
    fn a_template_depends_on_what_it_extends_and_includes() {
        let t = theme(&[
            (
                "base.html",
                "{% include 'nav.html' %}{% block c %}{% endblock c %}",
            ),
            ("nav.html", "nav"),
            ("entry.html", "{%- extends \"base.html\" %}"),
            ("other.html", "other"),
        ]);
        assert_eq!(
            t.dependencies("entry.html"),
            ["base.html", "entry.html", "nav.html"]
        );
        assert_eq!(t.dependencies("other.html"), ["other.html"]);
    }

    #[test]
    fn template_fingerprints_change_only_with_their_dependencies() {
        let a = theme(&[
            ("entry.html", "{% include \"nav.html\" %}"),
            ("nav.html", "a"),
            ("x.html", "x"),
        ]);
        let b = theme(&[
            ("entry.html", "{% include \"nav.html\" %}"),
            ("nav.html", "b"),
            ("x.html", "x"),
        ]);
        assert_ne!(
            a.template_fingerprint("entry.html"),
            b.template_fingerprint("entry.html")
        );
        assert_eq!(
            a.template_fingerprint("x.html"),
            b.template_fingerprint("x.html")
        );
    }

    #[test]
    fn component_definitions_are_dependencies_of_every_template() {
        let t = theme(&[
            (
                "c.html",
                "{% component Badge(x) %}{{ x }}{% endcomponent Badge %}",
            ),
            ("page.html", "hi"),
        ]);
        assert_eq!(t.dependencies("page.html"), ["c.html", "page.html"]);
    }

    #[test]
    fn the_builtin_entry_template_does_not_depend_on_the_feed() {
        let deps = Theme::builtin().dependencies("entry.html").join(" ");
        assert!(deps.contains("base.html"), "{deps}");
        assert!(!deps.contains("atom.xml"), "{deps}");
    }
}
