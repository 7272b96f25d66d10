//! The shape of a capture, recognised by structure, and the reading of the
//! single-piece shapes: article page, aggregator page, pre-extracted dump.

use std::sync::LazyLock;

use jiff::tz::TimeZone;
use regex::Regex;

use super::clean::{self, Line};
use super::{Draft, byline, dates};
use crate::entry::{EntryDate, Kind};

/// What kind of capture a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One article's page with its furniture.
    Article,
    /// A live blog: timestamped posts, each with a headline and a byline.
    LiveBlog,
    /// A pre-extracted dump: title line, `YYYYMMDD` line, URL line, then one
    /// sentence per line.
    Dump,
    /// An aggregator page: a `date YYYY-MM-DD Title` metadata line, entity
    /// cards, a recommended tail.
    Aggregator,
}

static META_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date|published|pubdate|time)\s*[:=]?\s*(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s+(.+)$")
        .expect("static regex")
});

/// A dateline naming the outlet: "OSLO, June 3 (Reuters) - ..."; group 1
/// is the outlet. Built only when [`DATELINE_OPEN`] cannot decide (rare):
/// its bounded Unicode classes are unrolled up to forty times, which costs
/// more to build than all the datelines of a small corpus take to read.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{Lu} .,'-]{1,40}(?:,[^()]{0,40})?\s*\(([\p{Lu}][\w&. /-]{1,30})\)\s*[-–—]",
    )
    .expect("static regex")
});
/// [`DATELINE`] with its repetitions unbounded: cheap to build, and the
/// same answer wherever the bounds cannot be exceeded (see
/// [`dateline_outlet`]).
static DATELINE_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu} .,'-]+(?:,[^()]*)?\s*\(([\p{Lu}][\w&. /-]+)\)\s*[-–—]")
        .expect("static regex")
});

/// Group 1 of [`DATELINE`] in `p`, found more cheaply.
///
/// No class before the `\(` admits a parenthesis, so in either regex it
/// is the first `(` of `p`, and group 1 runs to the next `)`: a match
/// decides group 1 alone. Every match of `DATELINE` is one of
/// [`DATELINE_OPEN`]; and when what precedes the `(` has at most 41 chars
/// and group 1 at most 31, no repetition of a `DATELINE_OPEN` match can
/// exceed `DATELINE`'s bounds, so it is one of `DATELINE` too. Otherwise
/// `DATELINE` itself decides.
fn dateline_outlet(p: &str) -> Option<&str> {
    let c = DATELINE_OPEN.captures(p)?;
    let outlet = c.get(1)?;
    let before = p.get(..outlet.start().saturating_sub(1))?;
    if before.chars().count() <= 41 && outlet.as_str().chars().count() <= 31 {
        return Some(outlet.as_str());
    }
    Some(DATELINE.captures(p)?.get(1)?.as_str())
}

fn is_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// Recognises the shape of a capture from its decoded lines.
pub fn detect(lines: &[Line]) -> Shape {
    detect_with_posts(lines).0
}

/// [`detect`], also returning the live-blog post starts it found.
pub fn detect_with_posts(lines: &[Line]) -> (Shape, Vec<super::liveblog::PostStart>) {
    let first: Vec<&str> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .take(3)
        .map(|l| l.text.as_str())
        .collect();
    if first.len() == 3 && dates::compact_date(first[1]).is_some() && is_url(first[2]) {
        return (Shape::Dump, Vec::new());
    }
    if first.first().is_some_and(|l| META_PREFIX.is_match(l)) {
        return (Shape::Aggregator, Vec::new());
    }
    let starts = super::liveblog::post_starts(lines);
    if starts.len() >= 2 {
        return (Shape::LiveBlog, starts);
    }
    (Shape::Article, Vec::new())
}

/// The outlet a URL's host suggests: "edition.wnn.com" gives "WNN",
/// "dailyherald.co.uk" gives "Dailyherald".
pub fn outlet_from_url(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    // Skip second-level public suffixes such as co.uk, com.au.
    let n = labels.len();
    let name = if n >= 3
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "gov" | "ac" | "gv"
        ) {
        labels[n - 3]
    } else {
        labels[n - 2]
    };
    if name.len() <= 4 {
        Some(name.to_uppercase())
    } else {
        let mut c = name.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
    }
}

/// Reads an article or aggregator page into one draft.
pub fn read_article(lines: &[Line], name: &str, shape: Shape, tz: &TimeZone) -> Draft {
    let counts = clean::line_counts(lines);
    let mut draft = Draft::new(name, Kind::Article);
    let mut start = 0;
    let mut title_at = None;
    if shape == Shape::Aggregator
        && let Some((i, l)) = lines.iter().enumerate().find(|(_, l)| !l.text.is_empty())
        && let Some(c) = META_PREFIX.captures(&l.text)
    {
        draft.date = c.get(1).and_then(|d| EntryDate::parse(d.as_str(), tz).ok());
        draft.title = c
            .get(2)
            .map_or(String::new(), |t| t.as_str().trim().to_string());
        title_at = Some(i);
        start = i + 1;
    }
    let mut candidates = Vec::new();
    // The header: everything before the first line of prose.
    let first_prose = lines
        .iter()
        .position(|l| clean::is_prose(&l.text) && !clean::is_furniture(&l.text))
        .unwrap_or(lines.len());
    for (i, l) in lines.iter().enumerate().take(first_prose.max(start)) {
        let t = l.text.as_str();
        if t.is_empty() || Some(i) == title_at {
            continue;
        }
        if draft.url.is_none() && is_url(t) {
            draft.url = Some(t.to_string());
            continue;
        }
        if let Some(b) = byline::parse(t)
            && draft.authors.is_empty()
        {
            draft.authors = b.authors;
            draft.outlet = draft.outlet.take().or(b.outlet);
            continue;
        }
        if let Some(s) = dates::stamp_line(t) {
            let d = s.entry_date(tz);
            if dates::is_updated_line(t) {
                draft.updated = draft.updated.or(d);
            } else {
                draft.date = draft.date.or(d);
            }
            continue;
        }
        if title_at.is_none() && clean::is_headline(t) && t.split_whitespace().count() >= 3 {
            candidates.push(i);
        }
    }
    // The headline: the strongest headline-like line of the header. Length
    // counts, and so does sitting just above the byline, the date or the
    // body, where headlines are; taglines and site names sit higher up.
    if title_at.is_none() {
        let near = |i: usize| {
            lines[i + 1..lines.len().min(i + 6)].iter().any(|l| {
                let t = l.text.as_str();
                byline::parse(t).is_some() || dates::stamp_line(t).is_some() || clean::is_prose(t)
            })
        };
        let best = candidates.iter().copied().max_by_key(|&i| {
            let words = lines[i].text.split_whitespace().count().min(14);
            let long = if words >= 4 { 10 } else { 0 };
            (
                words + long + if near(i) { 8 } else { 0 },
                std::cmp::Reverse(i),
            )
        });
        if let Some(i) = best {
            draft.title = lines[i].text.clone();
            title_at = Some(i);
        }
    }
    let body_from = title_at.map_or(start, |t| t + 1);
    // URL lines leave the body; the lines are copied only when there is one.
    let rest = &lines[body_from.min(lines.len())..];
    let body: std::borrow::Cow<'_, [Line]> = if rest.iter().any(|l| is_url(&l.text)) {
        let mut body = rest.to_vec();
        for l in &mut body {
            if is_url(&l.text) {
                draft.url.get_or_insert_with(|| l.text.clone());
                l.text.clear();
            }
        }
        body.into()
    } else {
        rest.into()
    };
    let cleaned = clean::clean(&body, &counts);
    if draft.title.is_empty() {
        draft.title = cleaned
            .paras
            .first()
            .map(|p| first_words(p, 12))
            .unwrap_or_else(|| "Untitled capture".to_string());
    }
    if draft.authors.is_empty()
        && let Some(b) = cleaned.bylines.first()
    {
        draft.authors = b.authors.clone();
        draft.outlet = draft.outlet.take().or(b.outlet.clone());
    }
    for b in &cleaned.bylines {
        draft.exclude.extend(b.authors.iter().cloned());
    }
    if draft.date.is_none() {
        // The first date the page shows: header lines, then the opening
        // paragraphs; a day without a year is kept for inference.
        let header: Vec<&str> = lines[..first_prose.min(lines.len())]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        let opening: Vec<&str> = cleaned.paras.iter().take(4).map(String::as_str).collect();
        for t in header.iter().chain(opening.iter()) {
            let s = dates::scan(t);
            if s.date.is_some() {
                draft.date = s.entry_date(tz);
                break;
            }
            if draft.month_day.is_none() {
                draft.month_day = s.month_day;
            }
        }
    }
    // A dateline names the outlet: "OSLO, June 3 (Reuters) - ...".
    let dateline = cleaned
        .paras
        .first()
        .and_then(|p| dateline_outlet(p))
        .map(str::to_string);
    draft.outlet = draft
        .outlet
        .or(dateline)
        .or(cleaned.footer_outlet.clone())
        .or_else(|| draft.url.as_deref().and_then(outlet_from_url));
    draft.absorb(cleaned);
    draft
}

/// Reads a pre-extracted dump: its sentences are repaired later, once the
/// vocabulary of the whole corpus is known.
pub fn read_dump(lines: &[Line], name: &str) -> Draft {
    let mut it = lines.iter().filter(|l| !l.text.is_empty());
    let mut draft = Draft::new(name, Kind::Article);
    draft.title = it.next().map(|l| l.text.clone()).unwrap_or_default();
    draft.date = it
        .next()
        .and_then(|l| dates::compact_date(&l.text))
        .map(EntryDate::Day);
    draft.url = it.next().map(|l| l.text.clone());
    draft.outlet = draft.url.as_deref().and_then(outlet_from_url);
    draft.paras = it
        .map(|l| l.text.clone())
        .filter(|t| !clean::is_furniture(t))
        .collect();
    draft.dump = true;
    draft
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n).collect();
    let mut s = words.join(" ");
    if text.split_whitespace().count() > n {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<Line> {
        t.lines().map(Line::new).collect()
    }

    #[test]
    fn recognises_each_shape() {
        assert_eq!(
            detect(&lines(
                "Talks resume\n20220301\nhttps://wnn.example/a\nOne.\n"
            )),
            Shape::Dump
        );
        assert_eq!(
            detect(&lines(" date 2022-03-01 Talks resume\nText.\n")),
            Shape::Aggregator
        );
        assert_eq!(
            detect(&lines(
                "Talks resume\n\nThe ministers met in Oslo on Monday for talks.\n"
            )),
            Shape::Article
        );
    }

    fn dateline_by_regex(p: &str) -> Option<&str> {
        DATELINE.captures(p)?.get(1).map(|m| m.as_str())
    }

    #[test]
    fn dateline_outlet_agrees_with_the_bounded_regex() {
        let long_place = "A".repeat(45);
        let long_after_comma = format!("OSLO, {} ", "x".repeat(45));
        let long_outlet = format!("OSLO (R{}) - x", "e".repeat(35));
        let cases = [
            "OSLO, June 3 (Reuters) - Talks resumed.",
            "WASHINGTON (AP) — The talks",
            "SÃO PAULO, 3 juin (AFP) – Les",
            "Oslo, June 3 (Reuters) - lowercase place",
            "OSLO, June 3 (reuters) - lowercase outlet",
            "OSLO, June 3 (Reuters) no dash",
            "OSLO, June (3) (Reuters) - a second paren",
            "OSLO, June 3) (Reuters) - a closing paren first",
            "OSLO (Reuters)-",
            "O (R) -",
            "OSLO \t(Reuters)\u{a0}- odd spaces",
            &format!("{long_place} (Reuters) - too long a place"),
            &format!("{} (Reuters) - just long enough", "A".repeat(41)),
            &long_after_comma,
            &format!("{long_after_comma}(Reuters) - too long after the comma"),
            &long_outlet,
            &format!("OSLO (R{}) - just long enough", "e".repeat(30)),
            "",
            "(Reuters) - no place",
        ];
        for p in cases {
            assert_eq!(dateline_outlet(p), dateline_by_regex(p), "{p:?}");
        }
        // Both paths are taken: the cheap one and the bounded regex.
        assert_eq!(dateline_outlet(cases[0]), Some("Reuters"));
        assert_eq!(dateline_outlet(&long_outlet), None);
        assert!(DATELINE_OPEN.is_match(&long_outlet));
    }

    proptest::proptest! {
        #[test]
        fn dateline_outlet_agrees_on_generated_lines(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "OSLO", "NEW YORK", "Oslo", "É", ",", ", ", " ", "\u{a0}", "June 3",
                    "(", ")", "Reuters", "AP", "Agence France-Presse", " - ", "-", "–", "—",
                    "x", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "'", ".", "&", "/", "ü",
                ][..]),
                0..24,
            )
        ) {
            let p = parts.concat();
            proptest::prop_assert_eq!(dateline_outlet(&p), dateline_by_regex(&p), "{:?}", p);
        }
    }

    #[test]
    fn outlets_from_hosts() {
        assert_eq!(
            outlet_from_url("https://edition.wnn.com/x").as_deref(),
            Some("WNN")
        );
        assert_eq!(
            outlet_from_url("https://www.dailyherald.co.uk/a").as_deref(),
            Some("Dailyherald")
        );
    }
}
