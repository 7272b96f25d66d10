//! Dates and times as pages write them: "8:49 a.m. ET, January 21, 2022",
//! "21 January 2022 14:05 GMT", "2022-01-21", "met on January 21".
//!
//! Zone abbreviations resolve through jiff's bundled IANA database, so a
//! generic zone such as "ET" is -05:00 in January and -04:00 in July, while
//! an explicit "EST" or "EDT" is a fixed offset.

use std::sync::LazyLock;

use jiff::civil::{self, Date, Time};
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

use crate::entry::EntryDate;

/// Month names of English, French, German, Spanish, Italian, Portuguese and
/// Dutch, with their month number.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    let lower = lower.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == lower).map(|&(_, m)| m)
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.join("|")
}

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?",
        month_alternation()
    ))
    .expect("static regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?({})(?-u:\b)\.?(?:,?\s+(?:de\s+)?(\d{{4}})(?-u:\b))?",
        month_alternation()
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?-u:\b)")
        .expect("static regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("static regex"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?\s?m(?-u:\b)\.?|([ap])\.?\s?m\.?$)|(?-u:\b)([01]?\d|2[0-3])[:h](\d{2})(?-u:\b)",
    )
    .expect("static regex")
});
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\(?((?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{1,5}(?-u:\b))\)?(?:\s+time(?-u:\b))?")
        .expect("static regex")
});
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(updated|last|published|posted|first|on|at|um|le|el|am|de|a|the|publié|mis|jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato|stand|uhr|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b",
    )
    .expect("static regex")
});

/// Where a zone abbreviation points: a real zone (with its summer time) or
/// a fixed offset (an abbreviation that names standard or summer time).
enum Zone {
    Named(&'static str),
    Fixed(i32),
}

/// Common zone abbreviations of many regions.
fn zone(abbr: &str) -> Option<Zone> {
    use Zone::*;
    let compact: String = abbr.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(rest) = compact
        .strip_prefix("GMT")
        .or_else(|| compact.strip_prefix("UTC"))
        && !rest.is_empty()
    {
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        let digits: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 | 4 => {
                let split = digits.len() - 2;
                (
                    digits[..split].parse::<i32>().ok()?,
                    digits[split..].parse::<i32>().ok()?,
                )
            }
            _ => return None,
        };
        return Some(Fixed(sign * (h * 60 + m)));
    }
    Some(match compact.as_str() {
        "ET" => Named("America/New_York"),
        "CT" => Named("America/Chicago"),
        "MT" => Named("America/Denver"),
        "PT" => Named("America/Los_Angeles"),
        "AKT" => Named("America/Anchorage"),
        "EST" => Fixed(-5 * 60),
        "EDT" => Fixed(-4 * 60),
        "CST" => Fixed(-6 * 60),
        "CDT" => Fixed(-5 * 60),
        "MST" => Fixed(-7 * 60),
        "MDT" => Fixed(-6 * 60),
        "PST" => Fixed(-8 * 60),
        "PDT" => Fixed(-7 * 60),
        "AKST" => Fixed(-9 * 60),
        "AKDT" => Fixed(-8 * 60),
        "HST" => Fixed(-10 * 60),
        "AST" => Fixed(-4 * 60),
        "ADT" => Fixed(-3 * 60),
        "NST" => Fixed(-(3 * 60 + 30)),
        "BRT" => Fixed(-3 * 60),
        "ART" => Fixed(-3 * 60),
        "GMT" | "UTC" | "Z" | "UT" => Fixed(0),
        "UK" => Named("Europe/London"),
        "BST" => Fixed(60),
        "WET" => Fixed(0),
        "WEST" => Fixed(60),
        "CET" => Fixed(60),
        "CEST" => Fixed(2 * 60),
        "EET" => Fixed(2 * 60),
        "EEST" => Fixed(3 * 60),
        "MSK" => Fixed(3 * 60),
        "TRT" => Fixed(3 * 60),
        "GST" => Fixed(4 * 60),
        "PKT" => Fixed(5 * 60),
        "IST" => Fixed(5 * 60 + 30),
        "ICT" => Fixed(7 * 60),
        "WIB" => Fixed(7 * 60),
        "SGT" => Fixed(8 * 60),
        "HKT" => Fixed(8 * 60),
        "AWST" => Fixed(8 * 60),
        "JST" => Fixed(9 * 60),
        "KST" => Fixed(9 * 60),
        "ACST" => Fixed(9 * 60 + 30),
        "AEST" => Fixed(10 * 60),
        "AEDT" => Fixed(11 * 60),
        "AET" => Named("Australia/Sydney"),
        "NZST" => Fixed(12 * 60),
        "NZDT" => Fixed(13 * 60),
        "NZT" => Named("Pacific/Auckland"),
        "WAT" => Fixed(60),
        "CAT" => Fixed(2 * 60),
        "SAST" => Fixed(2 * 60),
        "EAT" => Fixed(3 * 60),
        _ => return None,
    })
}

/// What one line or text says about when.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp {
    /// A full calendar date.
    pub date: Option<Date>,
    /// A day without a year ("January 21").
    pub month_day: Option<(i8, i8)>,
    /// A wall-clock time.
    pub time: Option<Time>,
    /// The zone's offset at that date and time, if a zone was named.
    pub offset: Option<Offset>,
}

impl Stamp {
    /// The stamp as an entry date: a date-time with offset when the time is
    /// known (in `site_tz` when the page names no zone), else the day.
    pub fn entry_date(&self, site_tz: &TimeZone) -> Option<EntryDate> {
        let date = self.date?;
        match self.time {
            Some(t) => {
                let dt = date.to_datetime(t);
                match self.offset {
                    Some(off) => Some(EntryDate::At(dt, off)),
                    None => EntryDate::from_local(dt, site_tz),
                }
            }
            None => Some(EntryDate::Day(date)),
        }
    }
}

/// Where a date was found (start, end) and what it says: a full date, or
/// a month and day.
type DateSpan = (usize, usize, Option<Date>, Option<(i8, i8)>);

fn span_date(text: &str) -> Option<DateSpan> {
    let mut best: Option<DateSpan> = None;
    let mut consider = |s: usize, e: usize, y: Option<i16>, m: i8, d: i8| {
        if !(1..=31).contains(&d) {
            return;
        }
        let full = y.and_then(|y| Date::new(y, m, d).ok());
        if y.is_some() && full.is_none() {
            return;
        }
        let cand = (s, e, full, if full.is_none() { Some((m, d)) } else { None });
        // Prefer full dates, then the earliest.
        let better = match &best {
            None => true,
            Some(b) => {
                (b.2.is_none() && full.is_some()) || (b.2.is_some() == full.is_some() && s < b.0)
            }
        };
        if better {
            best = Some(cand);
        }
    };
    if let Some(c) = ISO.is_match(text).then(|| ISO.captures(text)).flatten() {
        let m0 = c.get(0).map_or(0..0, |m| m.range());
        if let (Some(y), Some(m), Some(d)) = (
            c.get(1).and_then(|x| x.as_str().parse().ok()),
            c.get(2).and_then(|x| x.as_str().parse().ok()),
            c.get(3).and_then(|x| x.as_str().parse().ok()),
        ) {
            let end = c.get(3).map_or(m0.end, |x| x.end());
            consider(m0.start, end, Some(y), m, d);
        }
    }
    // Capture groups cost far more than a match test: each regex runs its
    // captures only when it matches at all.
    let month_first = if MONTH_FIRST.is_match(text) {
        MONTH_FIRST.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in month_first {
        let all = c.get(0).map_or(0..0, |m| m.range());
        let (Some(m), Some(d)) = (
            c.get(1).and_then(|x| month_number(x.as_str())),
            c.get(2).and_then(|x| x.as_str().parse().ok()),
        ) else {
            continue;
        };
        let y = c.get(3).and_then(|x| x.as_str().parse().ok());
        consider(all.start, all.end, y, m, d);
    }
    let day_first = if DAY_FIRST.is_match(text) {
        DAY_FIRST.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in day_first {
        let all = c.get(0).map_or(0..0, |m| m.range());
        let (Some(d), Some(m)) = (
            c.get(1).and_then(|x| x.as_str().parse().ok()),
            c.get(2).and_then(|x| month_number(x.as_str())),
        ) else {
            continue;
        };
        let y = c.get(3).and_then(|x| x.as_str().parse().ok());
        consider(all.start, all.end, y, m, d);
    }
    best
}

/// Reads the first time (with its zone) in `text`.
fn span_time(text: &str) -> Option<(usize, usize, Time, Option<&str>)> {
    for c in TIME.captures_iter(text) {
        let all = c.get(0)?.range();
        let (h, m, ampm) = if let Some(h) = c.get(1) {
            let h: i8 = h.as_str().parse().ok()?;
            let m: i8 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
            let ap = c
                .get(3)
                .or(c.get(4))
                .map(|x| x.as_str().to_ascii_lowercase());
            (h, m, ap)
        } else {
            let h: i8 = c.get(5)?.as_str().parse().ok()?;
            let m: i8 = c.get(6)?.as_str().parse().ok()?;
            (h, m, None)
        };
        let h = match ampm.as_deref() {
            Some("a") if (1..=12).contains(&h) => h % 12,
            Some("p") if (1..=12).contains(&h) => h % 12 + 12,
            Some(_) => continue,
            None => h,
        };
        let Ok(time) = Time::new(h, m, 0, 0) else {
            continue;
        };
        let rest = &text[all.end..];
        if let Some(z) = ZONE.captures(rest)
            && let Some(abbr) = z.get(1)
            && zone(abbr.as_str()).is_some()
        {
            let end = all.end + z.get(0).map_or(0, |m| m.end());
            return Some((all.start, end, time, Some(abbr.as_str())));
        }
        return Some((all.start, all.end, time, None));
    }
    None
}

/// Scans `text` for a date, a time and a zone.
pub fn scan(text: &str) -> Stamp {
    // Every date and time needs a number that parses, and only ASCII
    // digits do (`\d` also matches other digits, whose numbers then fail
    // to parse): text without one holds none, and most headers have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Stamp::default();
    }
    scan_spans(text).0
}

fn scan_spans(text: &str) -> (Stamp, Vec<(usize, usize)>) {
    let mut stamp = Stamp::default();
    let mut spans = Vec::new();
    if let Some((s, e, date, md)) = span_date(text) {
        stamp.date = date;
        stamp.month_day = md;
        spans.push((s, e));
    }
    // Search for the time outside the date, so "21 January 2022" is never
    // read as a time.
    let masked: String = text
        .char_indices()
        .map(|(i, c)| {
            if spans.iter().any(|&(s, e)| i >= s && i < e) {
                ' '
            } else {
                c
            }
        })
        .collect();
    if let Some((s, e, time, zone_abbr)) = span_time(&masked) {
        stamp.time = Some(time);
        spans.push((s, e));
        if let (Some(abbr), Some(date)) = (zone_abbr, stamp.date) {
            stamp.offset = offset_at(abbr, date.to_datetime(time));
        }
    }
    if let Some(c) = ISO.is_match(text).then(|| ISO.captures(text)).flatten()
        && let (Some(z), Some(date)) = (c.get(6), stamp.date)
        && c.get(4).is_some()
    {
        let off = if z.as_str() == "Z" {
            Some(Offset::UTC)
        } else {
            zone(&format!("UTC{}", z.as_str())).and_then(|z| match z {
                Zone::Fixed(min) => Offset::from_seconds(min * 60).ok(),
                Zone::Named(_) => None,
            })
        };
        let h = c.get(4).and_then(|x| x.as_str().parse().ok());
        let m = c.get(5).and_then(|x| x.as_str().parse().ok());
        if let (Some(h), Some(m)) = (h, m)
            && let Ok(t) = Time::new(h, m, 0, 0)
        {
            stamp.time = Some(t);
            stamp.offset = off;
            let _ = date;
        }
    }
    (stamp, spans)
}

fn offset_at(abbr: &str, dt: civil::DateTime) -> Option<Offset> {
    match zone(abbr)? {
        Zone::Fixed(min) => Offset::from_seconds(min * 60).ok(),
        Zone::Named(name) => {
            let tz = jiff::tz::db().get(name).ok()?;
            dt.to_zoned(tz).ok().map(|z| z.offset())
        }
    }
}

/// Reads a line that is nothing but a timestamp ("8:49 a.m. ET, January
/// 21, 2022", "Updated 14:05 GMT, 21 Jan 2022"); `None` for any other line.
pub fn stamp_line(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The shape of a page, its live-blog posts and its cleaning each ask
    // about the same short lines: the answers for recent lines are kept,
    // and a line's answer depends on nothing but the line.
    STAMP_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = &mut cache[stamp_slot(line)];
        if let Some((seen, stamp)) = slot
            && seen == line
        {
            return *stamp;
        }
        let stamp = read_stamp_line(line);
        match slot {
            Some((seen, old)) => {
                seen.clear();
                seen.push_str(line);
                *old = stamp;
            }
            None => *slot = Some((line.to_string(), stamp)),
        }
        stamp
    })
}

/// Slots of [`STAMP_CACHE`].
const STAMP_SLOTS: usize = 64;

/// A line [`stamp_line`] read (trimmed) and what it read.
type ReadStamp = Option<(String, Option<Stamp>)>;

thread_local! {
    /// Recent lines [`stamp_line`] read, by [`stamp_slot`].
    static STAMP_CACHE: std::cell::RefCell<Vec<ReadStamp>> =
        std::cell::RefCell::new(vec![None; STAMP_SLOTS]);
}

/// The slot of [`STAMP_CACHE`] for a line: FNV-1a of its bytes (at most
/// 80).
fn stamp_slot(line: &str) -> usize {
    let h = line.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h >> 32) as usize % STAMP_SLOTS
}

/// [`stamp_line`] of a trimmed line of at most 80 bytes holding a digit,
/// read afresh.
fn read_stamp_line(line: &str) -> Option<Stamp> {
    // Most short lines hold no date at all: say so before the costlier
    // search for times and zones.
    if !(ISO.is_match(line) || MONTH_FIRST.is_match(line) || DAY_FIRST.is_match(line)) {
        return None;
    }
    let (stamp, spans) = scan_spans(line);
    stamp.date?;
    let mut rest = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        if !spans.iter().any(|&(s, e)| i >= s && i < e) {
            rest.push(c);
        }
    }
    let rest = TIME.replace_all(&rest, " ");
    let rest = FILLER.replace_all(&rest, " ");
    rest.chars()
        .all(|c| !c.is_alphanumeric() || c == 'à')
        .then_some(stamp)
}

/// Reads a line that is nothing but a time ("10:55 a.m. ET", "14:05"), as
/// live blogs show when every post is of the same day. Returns the time and
/// the zone abbreviation, if any.
pub fn time_line(line: &str) -> Option<(Time, Option<String>)> {
    let line = line.trim();
    if line.len() > 40 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (s, e, time, abbr) = span_time(line)?;
    if span_date(line).is_some() {
        return None;
    }
    let rest = format!("{}{}", &line[..s], &line[e..]);
    let rest = FILLER.replace_all(&rest, " ");
    rest.chars()
        .all(|c| !c.is_alphanumeric())
        .then(|| (time, abbr.map(str::to_string)))
}

/// A time on a day, in the named zone or else the site's.
pub fn at_on(date: Date, time: Time, abbr: Option<&str>, site_tz: &TimeZone) -> Option<EntryDate> {
    let dt = date.to_datetime(time);
    match abbr.and_then(|a| offset_at(a, dt)) {
        Some(off) => Some(EntryDate::At(dt, off)),
        None => EntryDate::from_local(dt, site_tz),
    }
}

/// True when a line starts with "Updated" (or its cousins in other
/// languages) and is a timestamp.
pub fn is_updated_line(line: &str) -> bool {
    let t = line.trim_start();
    [
        "updated",
        "last updated",
        "mis à jour",
        "aktualisiert",
        "actualizado",
    ]
    .iter()
    .any(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
        && stamp_line(line).is_some()
}

/// Reads a compact `YYYYMMDD` date line, as dumps have.
pub fn compact_date(line: &str) -> Option<Date> {
    let c = COMPACT.captures(line.trim())?;
    let y = c.get(1)?.as_str().parse().ok()?;
    let m = c.get(2)?.as_str().parse().ok()?;
    let d = c.get(3)?.as_str().parse().ok()?;
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str) -> String {
        stamp_line(line)
            .and_then(|s| s.entry_date(&TimeZone::UTC))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn reads_us_eastern_live_blog_stamps_in_winter_and_summer() {
        assert_eq!(
            at("8:49 a.m. ET, January 21, 2022"),
            "2022-01-21T08:49:00-05:00"
        );
        assert_eq!(
            at("3:15 p.m. ET, July 4, 2022"),
            "2022-07-04T15:15:00-04:00"
        );
        assert_eq!(
            at("12:05 a.m. ET, March 2, 2023"),
            "2023-03-02T00:05:00-05:00"
        );
    }

    #[test]
    fn reads_other_regions_and_explicit_offsets() {
        assert_eq!(at("21 January 2022 14:05 GMT"), "2022-01-21T14:05:00Z");
        assert_eq!(
            at("Updated 09:30 CET, 3 Feb 2022"),
            "2022-02-03T09:30:00+01:00"
        );
        assert_eq!(at("June 1, 2021 7:00 PM PT"), "2021-06-01T19:00:00-07:00");
        assert_eq!(at("1 June 2021, 18:00 AEST"), "2021-06-01T18:00:00+10:00");
        assert_eq!(at("2022-01-21 10:00 GMT+3"), "2022-01-21T10:00:00+03:00");
    }

    #[test]
    fn remembered_stamp_lines_read_as_fresh_ones() {
        // More lines than slots, asked twice in another order, so answers
        // come both from memory and after their slot was taken.
        let lines: Vec<String> = (0..200)
            .map(|i| match i % 4 {
                0 => format!("{}:{:02} GMT, {} Jan 2022", i % 24, i % 60, 1 + i % 28),
                1 => format!("Updated {} March 2023", 1 + i % 28),
                2 => format!("Page {i} of 300"),
                _ => format!("2021-0{}-1{} 10:00", 1 + i % 9, i % 10),
            })
            .collect();
        let fresh: Vec<Option<Stamp>> = lines.iter().map(|l| read_stamp_line(l)).collect();
        assert!(fresh.iter().filter(|s| s.is_some()).count() > 100);
        let n = lines.len();
        // 7 and 200 share no factor, so the second round is a shuffle.
        for i in (0..n).chain((0..n).map(|k| k * 7 % n)) {
            assert_eq!(stamp_line(&lines[i]), fresh[i], "{}", lines[i]);
        }
    }

    #[test]
    fn a_stamp_without_zone_uses_the_site_zone() {
        let tz = jiff::tz::db().get("Europe/Berlin").unwrap();
        let s = stamp_line("Friday, 8 July 2022, 10:30").unwrap();
        assert_eq!(
            s.entry_date(&tz).unwrap().to_string(),
            "2022-07-08T10:30:00+02:00"
        );
    }

    #[test]
    fn reads_stamps_in_other_languages() {
        let s = stamp_line("Publié le 12 mars 2023 à 09h15, mis à jour à 11h40").unwrap();
        assert_eq!(
            s.entry_date(&TimeZone::UTC).unwrap().to_string(),
            "2023-03-12T09:15:00Z"
        );
    }

    #[test]
    fn text_without_ascii_digits_holds_no_date() {
        // Other digits match `\d` but never parse.
        for t in [
            "The talks began in Oslo.",
            "Le ١٢ mars ٢٠٢٣ à ٩:١٥",
            "March ３, ２０２２ at ４:１５ p.m. ET",
            "٢٠٢٢-٠١-٢١T١٠:٠٠Z",
        ] {
            assert_eq!(scan(t), Stamp::default(), "{t}");
            assert_eq!(scan_spans(t).0, Stamp::default(), "{t}");
        }
    }

    #[test]
    fn prose_is_not_a_stamp_line() {
        assert!(stamp_line("The talks began on January 21, 2022 in Oslo.").is_none());
        assert!(stamp_line("0:00 0:03:02 0:00").is_none());
    }

    #[test]
    fn finds_days_without_years_in_prose() {
        let s = scan("The ministers met on March 3 in Vienna.");
        assert_eq!(s.month_day, Some((3, 3)));
        assert_eq!(s.date, None);
        let s = scan("Publié le 4 mars 2021");
        assert_eq!(s.date, Some(civil::date(2021, 3, 4)));
    }

    #[test]
    fn reads_time_only_lines() {
        let (t, z) = time_line("10:55 a.m. ET").unwrap();
        let d = at_on(civil::date(2022, 7, 1), t, z.as_deref(), &TimeZone::UTC).unwrap();
        assert_eq!(d.to_string(), "2022-07-01T10:55:00-04:00");
        assert!(time_line("The talks began at 10:55 a.m.").is_none());
        assert!(time_line("8:49 a.m. ET, January 21, 2022").is_none());
    }

    #[test]
    fn reads_compact_dump_dates() {
        assert_eq!(compact_date("20220121"), Some(civil::date(2022, 1, 21)));
        assert_eq!(compact_date("20221321"), None);
    }
}
