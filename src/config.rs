//! `site.toml`: the site's configuration, validated once.
//!
//! Like mdBook's `book.toml`, unknown keys are errors with a line and column,
//! so a typo never silently does nothing.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, line_col};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The site configuration, as read from `site.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title.
    pub title: String,
    /// Where the site is published, with a trailing slash; may carry a
    /// subpath such as `https://example.org/news/`.
    pub base_url: String,
    /// A line shown under the title and in feeds.
    #[serde(default)]
    pub description: Option<String>,
    /// The language of the pages (`<html lang>`), a BCP 47 tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// IANA time zone for dates written without an offset.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// A theme under `themes/<name>/`; the built-in theme when absent.
    #[serde(default)]
    pub theme: Option<String>,
    /// Entries per listing page.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Entries per Atom feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Corrections to the actors the content pass finds.
    #[serde(default)]
    pub actors: Corrections,
    /// Corrections to the places the content pass finds.
    #[serde(default)]
    pub places: Corrections,
    /// A further TOML file, relative to the site root, holding `[actors]`
    /// and `[places]` corrections; merged over the ones above.
    #[serde(default)]
    pub corrections: Option<String>,
}

/// Corrections a site makes to the names the content pass finds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Canonical name to the variants that mean it. Also merges two names
    /// the pass kept apart: list one as a variant of the other.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Names that are never actors (or places).
    #[serde(default)]
    pub block: Vec<String>,
    /// Fixes what a name is: `person`, `organisation` or `place`. A place
    /// listed under `[actors.kinds]` moves from actors to places, and the
    /// other way round.
    #[serde(default)]
    pub kinds: BTreeMap<String, NameKind>,
}

/// What a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// A person.
    Person,
    /// An organisation: government body, company, alliance, party.
    #[serde(alias = "organization")]
    Organisation,
    /// A place.
    Place,
}

/// The corrections file named by `corrections`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionsFile {
    #[serde(default)]
    actors: Corrections,
    #[serde(default)]
    places: Corrections,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_paginate() -> usize {
    20
}
fn default_feed_limit() -> usize {
    20
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "News archive".into(),
            base_url: "/".into(),
            description: None,
            language: default_language(),
            timezone: default_timezone(),
            theme: None,
            paginate: default_paginate(),
            feed_limit: default_feed_limit(),
            actors: Corrections::default(),
            places: Corrections::default(),
            corrections: None,
        }
    }
}

impl Corrections {
    fn merge(&mut self, other: Corrections) {
        for (k, v) in other.aliases {
            self.aliases.entry(k).or_default().extend(v);
        }
        self.block.extend(other.block);
        self.kinds.extend(other.kinds);
    }
}

impl Config {
    /// Reads `site.toml` from `root`, then the corrections file it names.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot read {CONFIG_FILE}"))
                    .at(CONFIG_FILE)
                    .cause_chain(&e)
                    .cause(format!(
                        "is {} a gazette site? `gazette init DIR` makes one",
                        root.display()
                    )),
            ]
        })?;
        let mut config = Config::parse(&text, CONFIG_FILE).map_err(|d| vec![d])?;
        if let Some(file) = config.corrections.clone() {
            let cpath = root.join(&file);
            let ctext = std::fs::read_to_string(&cpath).map_err(|e| {
                vec![
                    Diagnostic::error(format!("cannot read the corrections file `{file}`"))
                        .at(CONFIG_FILE)
                        .cause_chain(&e),
                ]
            })?;
            let extra: CorrectionsFile =
                toml::from_str(&ctext).map_err(|e| vec![toml_diagnostic(&e, &ctext, &file)])?;
            config.actors.merge(extra.actors);
            config.places.merge(extra.places);
        }
        Ok(config)
    }

    /// Parses and validates configuration text; `path` is used in messages.
    pub fn parse(text: &str, path: &str) -> Result<Config, Diagnostic> {
        let mut config: Config =
            toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, path))?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if config.paginate == 0 {
            return Err(Diagnostic::error("`paginate` must be at least 1").at(path));
        }
        if config.feed_limit == 0 {
            return Err(Diagnostic::error("`feed_limit` must be at least 1").at(path));
        }
        if let Err(e) = jiff::tz::db().get(&config.timezone) {
            return Err(Diagnostic::error(format!(
                "unknown time zone `{}`: use an IANA name such as `Europe/London`",
                config.timezone
            ))
            .at(path)
            .cause_chain(&e));
        }
        Ok(config)
    }

    /// The site's time zone, for dates written without an offset.
    pub fn time_zone(&self) -> TimeZone {
        jiff::tz::db().get(&self.timezone).unwrap_or(TimeZone::UTC)
    }

    /// The path part of `base_url`, always starting and ending with `/`
    /// (`/` or `/news/`).
    pub fn base_path(&self) -> String {
        let rest = match self.base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => self.base_url.as_str(),
        };
        let mut p = rest.to_string();
        if !p.starts_with('/') {
            p.insert(0, '/');
        }
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }
}

/// Turns a TOML error into `path:line:col: message`.
pub fn toml_diagnostic(e: &toml::de::Error, text: &str, path: &str) -> Diagnostic {
    let mut d = Diagnostic::error(e.message().trim().to_string()).at(path);
    if let Some(span) = e.span() {
        let (l, c) = line_col(text, span.start);
        d = d.line_col(l, c);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_a_minimal_site_toml() {
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"https://example.org/news\"\n",
            "site.toml",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org/news/");
        assert_eq!(c.base_path(), "/news/");
        assert_eq!(c.language, "en");
        assert_eq!(c.paginate, 20);
    }

    #[test]
    fn unknown_keys_name_their_line() {
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\ntitel = \"x\"\n",
            "site.toml",
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("site.toml:3:1: unknown field `titel`"), "{s}");
    }

    #[test]
    fn bad_time_zones_are_errors() {
        let e = Config::parse(
            "title = \"T\"\nbase_url = \"/\"\ntimezone = \"Mars/Olympus\"\n",
            "site.toml",
        )
        .unwrap_err();
        assert!(e.message.contains("Mars/Olympus"));
    }
}
