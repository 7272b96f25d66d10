//! Loading Markdown entries: front matter plus body, validated into an
//! [`Entry`].
//!
//! Loading one file is a pure function of its text and the config, so the
//! incremental rebuilder can reload a single changed file.

use crate::config::Config;
use crate::diag::{Diagnostic, line_col};
use crate::entry::{DateValue, Entry, EntryDate, FRONT_MATTER_FIELDS, FrontMatter, Origin};
use crate::source::SourceFile;

/// The front matter syntax a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
}

/// A file split into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// Which syntax the front matter is in.
    pub syntax: Syntax,
    /// The front matter text, without its fences.
    pub front: &'a str,
    /// The 1-based line of the file on which `front` starts.
    pub first_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits a file into front matter and body, or says why it cannot.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let (fence, syntax) = if first_line(text) == "+++" {
        ("+++", Syntax::Toml)
    } else if first_line(text) == "---" {
        ("---", Syntax::Yaml)
    } else {
        return Err(Diagnostic::error(
            "no front matter: an entry starts with TOML between `+++` lines or YAML between `---` lines",
        )
        .line_col(1, 1));
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == fence {
            return Ok(Split {
                syntax,
                front: &text[start..pos],
                first_line: 2,
                body: &text[end..],
            });
        }
        pos = end;
    }
    Err(Diagnostic::error(format!(
        "the front matter is never closed: add a `{fence}` line after it"
    ))
    .line_col(1, 1))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end()
}

/// Reads one Markdown entry. Every problem in the file is returned, each
/// pointing at its line in the `.md` file.
pub fn load_markdown(file: &SourceFile, config: &Config) -> Result<Entry, Vec<Diagnostic>> {
    let at = |d: Diagnostic| d.at(file.name.clone());
    let parts = split(&file.text).map_err(|d| vec![at(d)])?;
    let fm = parse_front_matter(&parts).map_err(|d| vec![at(d)])?;
    let mut errors = Vec::new();
    let line_of = |key: &str| field_line(&parts, key);

    let title = match fm.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        Some(_) => {
            errors.push(at(
                Diagnostic::error("`title` is empty").line(line_of("title"))
            ));
            String::new()
        }
        None => {
            errors.push(at(Diagnostic::error(
                "missing `title`: every entry needs one",
            )
            .line_col(1, 1)));
            String::new()
        }
    };
    let tz = config.time_zone();
    let mut parse_date = |v: &Option<DateValue>, key: &str| -> Option<EntryDate> {
        let v = v.as_ref()?;
        match EntryDate::parse(&v.as_text(), &tz) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(at(
                    Diagnostic::error(format!("bad `{key}`: {e}")).line(line_of(key))
                ));
                None
            }
        }
    };
    let date = parse_date(&fm.date, "date");
    let updated = parse_date(&fm.updated, "updated");
    if fm.date.is_none() && !fm.undated {
        errors.push(at(Diagnostic::error(
            "missing `date`: give an RFC 3339 date-time or a plain date, or set `undated = true`",
        )
        .line_col(1, 1)));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Entry {
        title,
        date,
        updated,
        kind: fm.kind.unwrap_or_default(),
        story: clean(fm.story),
        outlet: clean(fm.outlet),
        url: clean(fm.url),
        summary: clean(fm.summary),
        slug: clean(fm.slug),
        draft: fm.draft,
        authors: clean_list(fm.authors),
        actors: clean_list(fm.actors),
        places: clean_list(fm.places),
        tags: clean_list(fm.tags),
        captions: clean_list(fm.captions),
        captured_from: clean_list(fm.captured_from),
        body: parts.body.to_string(),
        source: file.name.clone(),
        origin: Origin::Markdown,
    })
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn clean_list(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        let s = s.trim().to_string();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Parses front matter; errors carry line and column in the whole file.
fn parse_front_matter(parts: &Split<'_>) -> Result<FrontMatter, Diagnostic> {
    let (message, offset) = match parts.syntax {
        Syntax::Toml => match toml::from_str::<FrontMatter>(parts.front) {
            Ok(fm) => return Ok(fm),
            Err(e) => (e.message().trim().to_string(), e.span().map(|s| s.start)),
        },
        Syntax::Yaml => {
            // An empty YAML document is null, not a map; read it as no fields.
            if parts.front.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            match serde_norway::from_str::<FrontMatter>(parts.front) {
                Ok(fm) => return Ok(fm),
                Err(e) => {
                    let text = e.to_string();
                    let text = text.split(" at line ").next().unwrap_or(&text).to_string();
                    (text, e.location().map(|l| l.index()))
                }
            }
        }
    };
    let mut d = match unknown_field(&message) {
        Some(field) => {
            let d = Diagnostic::error(format!("unknown field `{field}`"));
            match suggest(field) {
                Some(s) => d.cause(format!("did you mean `{s}`?")),
                None => d.cause(format!("known fields: {}", FRONT_MATTER_FIELDS.join(", "))),
            }
        }
        None => Diagnostic::error(format!("bad front matter: {message}")),
    };
    if let Some(offset) = offset {
        let (l, c) = line_col(parts.front, offset);
        d = d.line_col(l + parts.first_line - 1, c);
    } else {
        d = d.line(parts.first_line);
    }
    Err(d)
}

/// The field name in serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// The known field nearest to `field`, if any is near enough to be a typo.
pub fn suggest(field: &str) -> Option<&'static str> {
    FRONT_MATTER_FIELDS
        .iter()
        .map(|k| (strsim::jaro_winkler(field, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The 1-based line in the file where `key` is set, else the front matter's
/// first line.
fn field_line(parts: &Split<'_>, key: &str) -> usize {
    for (i, line) in parts.front.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix(key)
            && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
        {
            return parts.first_line + i;
        }
    }
    parts.first_line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Entry, Vec<Diagnostic>> {
        load_markdown(
            &SourceFile::from_text("content/a.md", text),
            &Config::default(),
        )
    }

    #[test]
    fn reads_toml_front_matter_and_body() {
        let e = load("+++\ntitle = \"Port reopens\"\ndate = 2023-04-02T09:15:00+02:00\nactors = [\"Harbour Board\"]\n+++\nShips moved again.\n").unwrap();
        assert_eq!(e.title, "Port reopens");
        assert_eq!(e.date.unwrap().to_string(), "2023-04-02T09:15:00+02:00");
        assert_eq!(e.actors, vec!["Harbour Board"]);
        assert_eq!(e.body, "Ships moved again.\n");
    }

    #[test]
    fn reads_yaml_front_matter() {
        let e = load(
            "---\ntitle: Dam inspected\ndate: 2023-04-02\nauthors:\n  - Ana Ruiz\n---\nBody\n",
        )
        .unwrap();
        assert_eq!(e.title, "Dam inspected");
        assert_eq!(e.authors, vec!["Ana Ruiz"]);
    }

    #[test]
    fn unknown_fields_point_at_their_line_and_suggest_a_field() {
        let e = load("+++\ntitle = \"T\"\ndate = 2023-04-02\nautors = [\"X\"]\n+++\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "content/a.md:4:1: unknown field `autors`\n  caused by: did you mean `authors`?"
        );
    }

    #[test]
    fn unknown_yaml_fields_point_at_their_line() {
        let e = load("---\ntitle: T\ndate: 2023-04-02\nsumary: x\n---\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "content/a.md:4:1: unknown field `sumary`\n  caused by: did you mean `summary`?"
        );
    }

    #[test]
    fn missing_title_and_bad_date_are_both_reported() {
        let e = load("+++\ndate = \"yesterday\"\n+++\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e[0].to_string()
                .starts_with("content/a.md:1:1: missing `title`")
        );
        assert!(e[1].to_string().starts_with("content/a.md:2: bad `date`"));
    }

    #[test]
    fn undated_entries_need_no_date() {
        let e = load("+++\ntitle = \"T\"\nundated = true\n+++\n").unwrap();
        assert!(e.date.is_none());
        assert!(load("+++\ntitle = \"T\"\n+++\n").is_err());
    }

    #[test]
    fn errors_on_unclosed_front_matter() {
        let e = load("+++\ntitle = \"T\"\n").unwrap_err();
        assert!(e[0].message.contains("never closed"), "{}", e[0]);
    }
}
