//! The entry: one dated piece of news, the unit every later stage works on.
//!
//! Entries come from two places: Markdown files with front matter (see
//! [`crate::load`]) and raw captures run through the content pass (see
//! [`crate::ingest`]). Both produce the same [`Entry`], so the rest of the
//! pipeline never knows where an entry came from.

use std::fmt;

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Serialize};

/// What kind of entry this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A standalone article.
    #[default]
    Article,
    /// One post of a live blog; its `story` names the blog.
    Post,
}

impl Kind {
    /// The name used in front matter and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Post => "post",
        }
    }
}

/// When something happened: either a day, or a wall-clock time with the UTC
/// offset it was written in.
///
/// The offset is kept rather than normalised to UTC, because an entry's day
/// is its date in its own offset: `2022-01-21T21:30:00-05:00` belongs to
/// 21 January even though it is already 22 January in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryDate {
    /// Only the day is known.
    Day(civil::Date),
    /// A local date-time and its offset from UTC.
    At(civil::DateTime, Offset),
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl EntryDate {
    /// Parses an RFC 3339 date-time with offset (`2022-01-21T08:49:00-05:00`,
    /// `...Z`), a date-time without offset (read in `tz`, the site's time
    /// zone), or a plain date (`2022-01-21`).
    pub fn parse(s: &str, tz: &TimeZone) -> Result<EntryDate, DateError> {
        let s = s.trim();
        if let Ok(date) = s.parse::<civil::Date>()
            && s.len() == 10
        {
            return Ok(EntryDate::Day(date));
        }
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            // An explicit offset: keep the wall-clock time as written.
            let offset = parse_trailing_offset(s).unwrap_or(Offset::UTC);
            let dt = offset.to_datetime(ts);
            return Ok(EntryDate::At(dt, offset));
        }
        let normalised = s.replacen(' ', "T", 1);
        if let Ok(dt) = normalised.parse::<civil::DateTime>() {
            return Self::from_local(dt, tz)
                .ok_or_else(|| DateError(format!("`{s}` does not exist in the site's time zone")));
        }
        Err(DateError(format!(
            "`{s}` is not a date: expected RFC 3339 (2022-01-21T08:49:00-05:00) or a plain date (2022-01-21)"
        )))
    }

    /// A wall-clock time in a named zone, such as "8:49 a.m. ET".
    pub fn from_local(dt: civil::DateTime, tz: &TimeZone) -> Option<EntryDate> {
        let zoned = dt.to_zoned(tz.clone()).ok()?;
        Some(EntryDate::At(zoned.datetime(), zoned.offset()))
    }

    /// The calendar day, in the entry's own offset.
    pub fn day(&self) -> civil::Date {
        match self {
            EntryDate::Day(d) => *d,
            EntryDate::At(dt, _) => dt.date(),
        }
    }

    /// The instant, for sorting and feeds. A bare day counts as noon UTC, so
    /// it sorts inside its own day whatever the offsets around it.
    pub fn timestamp(&self) -> jiff::Timestamp {
        match self {
            EntryDate::Day(d) => d
                .at(12, 0, 0, 0)
                .to_zoned(TimeZone::UTC)
                .map(|z| z.timestamp())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            EntryDate::At(dt, off) => off.to_timestamp(*dt).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        }
    }

    /// RFC 3339 (`2022-01-21T08:49:00-05:00`) or a plain date.
    pub fn to_rfc3339(&self) -> String {
        self.to_string()
    }

    /// Always a full RFC 3339 date-time, as Atom and sitemaps require.
    pub fn to_rfc3339_full(&self) -> String {
        match self {
            EntryDate::Day(d) => format!("{d}T00:00:00Z"),
            at => at.to_string(),
        }
    }
}

/// Reads a trailing `Z`, `+HH:MM` or `-HH:MM`.
fn parse_trailing_offset(s: &str) -> Option<Offset> {
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(Offset::UTC);
    }
    let tail = s.get(s.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail.get(1..3)?.parse().ok()?;
    let m: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

impl fmt::Display for EntryDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryDate::Day(d) => write!(f, "{d}"),
            EntryDate::At(dt, off) => {
                let secs = off.seconds();
                let sign = if secs < 0 { '-' } else { '+' };
                let abs = secs.unsigned_abs();
                if secs == 0 {
                    write!(f, "{}Z", dt.strftime("%Y-%m-%dT%H:%M:%S"))
                } else {
                    write!(
                        f,
                        "{}{sign}{:02}:{:02}",
                        dt.strftime("%Y-%m-%dT%H:%M:%S"),
                        abs / 3600,
                        (abs % 3600) / 60
                    )
                }
            }
        }
    }
}

impl Serialize for EntryDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EntryDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        EntryDate::parse(&s, &TimeZone::UTC).map_err(serde::de::Error::custom)
    }
}

/// One entry, ready for the site: validated metadata plus a Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The headline.
    pub title: String,
    /// When it was published; `None` only for captures nothing could date.
    pub date: Option<EntryDate>,
    /// When it was last updated.
    pub updated: Option<EntryDate>,
    /// Article or live-blog post.
    pub kind: Kind,
    /// The live blog or story this entry belongs to.
    pub story: Option<String>,
    /// The publication, such as "CNN".
    pub outlet: Option<String>,
    /// The original URL.
    pub url: Option<String>,
    /// A short summary for listings and feeds.
    pub summary: Option<String>,
    /// An explicit slug; otherwise the title's.
    pub slug: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Bylines, without outlet or place.
    pub authors: Vec<String>,
    /// People and organisations, under canonical names.
    pub actors: Vec<String>,
    /// Places, under canonical names.
    pub places: Vec<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Photo captions, each once, with its credit.
    pub captions: Vec<String>,
    /// Source files this entry was made from, relative to the site root
    /// (or bare file names for files outside it).
    pub captured_from: Vec<String>,
    /// The body, as Markdown.
    pub body: String,
    /// The file the entry was read from, relative to the site root; used in
    /// messages and to detect a Markdown entry and a capture that collide.
    pub source: String,
    /// Whether the entry came from a Markdown file or a raw capture.
    pub origin: Origin,
}

/// Where an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A Markdown file with front matter, written or edited by a person.
    Markdown,
    /// A raw capture run through the content pass.
    Capture,
}

impl Entry {
    /// An undated article with this title, read from `source`; every other
    /// field empty. Callers fill in the rest with struct update syntax.
    pub fn new(title: impl Into<String>, source: impl Into<String>, origin: Origin) -> Entry {
        Entry {
            title: title.into(),
            date: None,
            updated: None,
            kind: Kind::Article,
            story: None,
            outlet: None,
            url: None,
            summary: None,
            slug: None,
            draft: false,
            authors: Vec::new(),
            actors: Vec::new(),
            places: Vec::new(),
            tags: Vec::new(),
            captions: Vec::new(),
            captured_from: Vec::new(),
            body: String::new(),
            source: source.into(),
            origin,
        }
    }

    /// The slug: the explicit one, else the title's.
    pub fn base_slug(&self) -> String {
        let from = self.slug.as_deref().unwrap_or(&self.title);
        let s = slugify(from);
        if s.is_empty() { "entry".to_string() } else { s }
    }
}

/// Front matter as written in a Markdown file (TOML between `+++` lines, or
/// YAML between `---` lines). Unknown fields are errors.
///
/// The same struct is serialised by `gazette import`, so what import writes
/// is exactly what `build` reads back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Required.
    pub title: Option<String>,
    /// Required unless `undated = true`: RFC 3339, a date-time in the site's
    /// time zone, or a plain date. Kept as text so errors can point at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateValue>,
    /// Set by the content pass on entries it could not date; they are listed
    /// on `undated/` until someone adds a `date`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub undated: bool,
    /// Last update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateValue>,
    /// `article` (default) or `post`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// The story or live blog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The original URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// An explicit slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// Bylines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// People and organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Photo captions with credits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// Source files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captured_from: Vec<String>,
}

/// A date in front matter: TOML has a native date-time type, YAML and
/// quoted TOML give a string. Both are accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    /// A quoted string.
    Text(String),
    /// A native TOML date or date-time.
    Toml(toml::value::Datetime),
}

impl DateValue {
    /// The value as text, ready for [`EntryDate::parse`].
    pub fn as_text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Toml(d) => d.to_string(),
        }
    }
}

/// Every field [`FrontMatter`] knows, for "did you mean" suggestions.
pub const FRONT_MATTER_FIELDS: &[&str] = &[
    "title",
    "date",
    "undated",
    "updated",
    "kind",
    "story",
    "outlet",
    "url",
    "summary",
    "slug",
    "draft",
    "authors",
    "actors",
    "places",
    "tags",
    "captions",
    "captured_from",
];

fn is_false(b: &bool) -> bool {
    !*b
}

impl From<&Entry> for FrontMatter {
    fn from(e: &Entry) -> Self {
        FrontMatter {
            title: Some(e.title.clone()),
            date: e.date.map(|d| DateValue::Text(d.to_string())),
            undated: e.date.is_none(),
            updated: e.updated.map(|d| DateValue::Text(d.to_string())),
            kind: (e.kind != Kind::Article).then_some(e.kind),
            story: e.story.clone(),
            outlet: e.outlet.clone(),
            url: e.url.clone(),
            summary: e.summary.clone(),
            slug: e.slug.clone(),
            draft: e.draft,
            authors: e.authors.clone(),
            actors: e.actors.clone(),
            places: e.places.clone(),
            tags: e.tags.clone(),
            captions: e.captions.clone(),
            captured_from: e.captured_from.clone(),
        }
    }
}

/// Turns text into a URL slug: lowercase ASCII letters and digits, any run
/// of other characters becoming one `-`. Other scripts are transliterated
/// (`é` becomes `e`).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_single_dashes() {
        assert_eq!(
            slugify("Blinken: Meeting «not a negotiation»"),
            "blinken-meeting-not-a-negotiation"
        );
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("  --Hello__World--  "), "hello-world");
        assert_eq!(slugify("Сергей Лавров"), "sergei-lavrov");
    }

    #[test]
    fn keeps_the_written_offset_and_day() {
        let d = EntryDate::parse("2022-01-21T21:30:00-05:00", &TimeZone::UTC).unwrap();
        assert_eq!(d.day().to_string(), "2022-01-21");
        assert_eq!(d.to_string(), "2022-01-21T21:30:00-05:00");
    }

    #[test]
    fn reads_local_times_in_the_site_zone() {
        let tz = jiff::tz::db().get("America/New_York").unwrap();
        let winter = EntryDate::parse("2022-01-21 08:49", &tz).unwrap();
        assert_eq!(winter.to_string(), "2022-01-21T08:49:00-05:00");
        let summer = EntryDate::parse("2022-07-21T08:49:00", &tz).unwrap();
        assert_eq!(summer.to_string(), "2022-07-21T08:49:00-04:00");
    }

    #[test]
    fn plain_dates_stay_plain() {
        let d = EntryDate::parse("2022-01-21", &TimeZone::UTC).unwrap();
        assert_eq!(d, EntryDate::Day(civil::date(2022, 1, 21)));
        assert_eq!(d.to_rfc3339_full(), "2022-01-21T00:00:00Z");
    }

    #[test]
    fn rejects_nonsense_dates_with_a_hint() {
        let e = EntryDate::parse("last tuesday", &TimeZone::UTC).unwrap_err();
        assert!(e.0.contains("RFC 3339"), "{e}");
    }
}
