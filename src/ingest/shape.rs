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
    let captions = caption_marks(lines);
    // The header: everything before the article's own prose, and, for
    // the byline and the date, its first lines too (a standfirst that
    // reads as prose may sit between headline and date line).
    let Head {
        prose,
        body: body_at,
        end: head_end,
    } = read_head(lines, &captions);
    let body_at = body_at.max(start);
    let head_end = head_end.max(start);
    // Where the date came from, and whether it named a day alone.
    let mut date_from: Option<(usize, bool)> = None;
    for (i, l) in lines.iter().enumerate().take(head_end) {
        let t = l.text.as_str();
        if t.is_empty() || Some(i) == title_at || captions[i] {
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
            // A day whose time is the next line: "13 March 2024" / "18:05".
            let time_below = || {
                let next = lines[i + 1..].iter().find(|l| !l.text.is_empty())?;
                let (time, zone) = dates::time_line(&next.text)?;
                dates::at_on(s.date?, time, zone.as_deref(), tz)
            };
            let d = match s.time {
                None => time_below().or_else(|| s.entry_date(tz)),
                Some(_) => s.entry_date(tz),
            };
            if dates::is_updated_line(t) {
                draft.updated = draft.updated.or(d);
            } else {
                if draft.date.is_none() && d.is_some() {
                    date_from = Some((i, matches!(d, Some(EntryDate::Day(_)))));
                }
                draft.date = draft.date.or(d);
                // "Published 9 Jan 2023, updated 10 Jan 2023".
                draft.updated = draft
                    .updated
                    .or_else(|| dates::updated_stamp(t).and_then(|u| u.entry_date(tz)));
            }
        }
    }
    if title_at.is_none()
        && let Some(i) = pick_title(lines, 0, body_at, body_at, &captions, &prose, &counts)
    {
        draft.title = lines[i].text.clone();
        title_at = Some(i);
    }
    // A day alone above the headline is often the masthead's today
    // ("Thursday, 11 September 2025"): a publication stamp under the
    // headline, even at the story's foot, names the story's own day.
    if let (Some((at, true)), Some(t)) = (date_from, title_at)
        && at < t
        && let Some(d) = lines[t + 1..]
            .iter()
            .find_map(|l| dates::published_stamp(&l.text))
            .and_then(|s| s.entry_date(tz))
    {
        draft.date = Some(d);
    }
    let masthead = clean::masthead(lines);
    // A byline without "By": a name line under the headline, just above
    // the date line (never the masthead above it).
    if draft.authors.is_empty()
        && let Some(t_at) = title_at
    {
        draft.authors = bare_authors(lines, t_at + 1, head_end, &captions, masthead.as_deref());
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
        // The first date the page shows: short header lines first, then
        // the standfirst and the opening paragraphs; never a caption. A
        // day without a year is kept for inference.
        let header = || {
            (0..head_end.min(lines.len()))
                .filter(|&i| !captions[i] && !lines[i].text.is_empty() && Some(i) != title_at)
        };
        let short = header()
            .filter(|&i| !prose[i])
            .map(|i| lines[i].text.as_str());
        let long = header()
            .filter(|&i| prose[i] && i < body_at)
            .map(|i| lines[i].text.as_str());
        let opening = cleaned
            .paras
            .iter()
            .take(4)
            .map(String::as_str)
            .filter(|p| !clean::is_caption(p));
        for t in short.chain(long).chain(opening) {
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
        .or(masthead)
        // "© 2025 Jane Roe" on a writer's own newsletter names no outlet.
        .or(cleaned
            .footer_outlet
            .clone()
            .filter(|o| !draft.authors.contains(o)))
        .or_else(|| draft.url.as_deref().and_then(outlet_from_url));
    draft.absorb(cleaned);
    draft
}

/// The writers of a byline without "By" among the header lines
/// `from..to` (captions and the masthead skipped): a name line just above
/// the date line ([`byline::bare`]), with the names stacked one per line
/// above it ("Jane Roe" / "John Doe" / date), as some sites list
/// co-authors. Empty when there is none.
pub(super) fn bare_authors(
    lines: &[Line],
    from: usize,
    to: usize,
    captions: &[bool],
    masthead: Option<&str>,
) -> Vec<String> {
    let to = to.max(from).min(lines.len());
    let head: Vec<&str> = (from.min(to)..to)
        .filter(|&k| !lines[k].text.is_empty() && !captions.get(k).copied().unwrap_or(false))
        .map(|k| lines[k].text.as_str())
        .collect();
    let Some((k, b)) = (0..head.len())
        .filter(|&k| Some(head[k]) != masthead)
        .find_map(|k| {
            Some((
                k,
                byline::bare(head[k], &head[k + 1..(k + 6).min(head.len())])?,
            ))
        })
    else {
        return Vec::new();
    };
    let mut authors = b.authors;
    // Names stacked above it: each would be a byline alone above the date.
    let below = &head[k + 1..(k + 6).min(head.len())];
    for j in (0..k).rev() {
        if Some(head[j]) == masthead {
            break;
        }
        match byline::bare(head[j], below) {
            Some(more) => {
                let mut names = more.authors;
                names.append(&mut authors);
                authors = names;
            }
            None => break,
        }
    }
    authors
}

/// Photo captions and their credit lines, found by form: a line followed
/// by itself (bare, then with its credit), a line ending with a credit
/// ("… 2023. REUTERS/A Name", "… | A Name/Outlet", "(AP Photo/A Name)"),
/// or a line followed by a credit on a line of its own. `true` marks them.
pub(super) fn caption_marks(lines: &[Line]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let mut prev: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        let t = l.text.as_str();
        if t.is_empty() {
            continue;
        }
        // Prose ends with a stop; a credit does not (most lines leave here).
        if !t.ends_with(['.', '?', '!', '"', '”', '»', '…', ';', ':']) && clean::is_caption(t)
        {
            marks[i] = true;
        }
        if let Some(p) = prev {
            let a = lines[p].text.as_str();
            // Bare then with its credit; or followed by a credit line
            // ("Headline / Reuters / March 3, 2023" is a wire byline).
            let repeated = t.starts_with(a) && a.len() >= 12 && a.split_whitespace().count() >= 3;
            let credited = clean::is_credit_alone(t)
                && a.split_whitespace().nth(3).is_some()
                && !next_is_date(lines, i)
                && !clean::is_furniture(a)
                && byline::parse(a).is_none()
                && dates::stamp_line(a).is_none();
            if repeated || credited {
                marks[p] = true;
                marks[i] = true;
            }
            // "Image caption," then the caption.
            if is_caption_label(a) && t.split_whitespace().count() >= 3 {
                marks[i] = true;
            }
        }
        prev = Some(i);
    }
    marks
}

/// Whether the next non-blank line after `i` is a date.
fn next_is_date(lines: &[Line], i: usize) -> bool {
    lines[i + 1..]
        .iter()
        .find(|l| !l.text.is_empty())
        .is_some_and(|l| is_date_line(&l.text))
}

/// Labels pages put before a caption, in several languages.
const CAPTION_LABELS: &[&str] = &[
    "image caption",
    "media caption",
    "caption",
    "photo caption",
    "légende",
    "bildunterschrift",
    "pie de foto",
    "didascalia",
    "legenda",
    "onderschrift",
];

fn is_caption_label(t: &str) -> bool {
    if t.len() > 24 {
        return false;
    }
    let t = t.trim_end_matches([',', ':', ' ']);
    t.len() <= 20 && CAPTION_LABELS.iter().any(|l| l.eq_ignore_ascii_case(t))
}

/// Words of consent banners ("We and our partners store cookies…"), in
/// several languages: a block of prose made of them is not the article.
const CONSENT_CUES: &[&str] = &[
    "cookie",
    "consent",
    "personal data",
    "our partners",
    "données personnelles",
    "consentement",
    "datenschutz",
    "einwilligung",
    "datos personales",
    "consentimiento",
    "dati personali",
    "consenso",
    "dados pessoais",
    "consentimento",
    "persoonsgegevens",
    "toestemming",
];

fn is_consent(t: &str) -> bool {
    let lower = t.to_lowercase();
    CONSENT_CUES.iter().any(|c| lower.contains(c))
}

/// True for a line of the article's own prose: a running sentence, not
/// furniture, not a byline, not a caption (`caption`, from its neighbours).
pub(super) fn is_prose_line(l: &Line, caption: bool) -> bool {
    let t = l.text.as_str();
    !caption
        && !t.is_empty()
        && clean::is_prose(t)
        && !clean::is_furniture(t)
        && byline::parse(t).is_none()
}

/// Which lines are prose ([`is_prose_line`]).
pub(super) fn prose_marks(lines: &[Line], captions: &[bool]) -> Vec<bool> {
    lines
        .iter()
        .zip(captions)
        .map(|(l, &cap)| is_prose_line(l, cap))
        .collect()
}

/// True for a consent banner's run of prose `r` (start, end, chars):
/// most of its prose lines speak of cookies and consent.
fn is_consent_run(lines: &[Line], prose: &[bool], r: &(usize, usize, usize)) -> bool {
    let (mut n, mut c) = (0, 0);
    for k in (r.0..=r.1).filter(|&k| prose[k]) {
        n += 1;
        c += usize::from(is_consent(&lines[k].text));
    }
    c * 2 >= n
}

/// Where the article's own prose begins: the first run of prose lines
/// (joined across small gaps) that holds a fair share of the page's
/// prose, so that a consent banner, a subtitle or a caption above the
/// body does not count, nor does a list that cuts the body in two.
pub(super) fn body_start(lines: &[Line], prose: &[bool]) -> usize {
    // (start, end, chars)
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut last = None;
    let mut gap = 0;
    for (i, l) in lines.iter().enumerate() {
        if !prose[i] {
            if !l.text.is_empty() {
                gap += 1;
            }
            continue;
        }
        match runs.last_mut() {
            Some(r) if last.is_some() && gap <= 6 => {
                r.1 = i;
                r.2 += l.text.len();
            }
            _ => runs.push((i, i, l.text.len())),
        }
        last = Some(i);
        gap = 0;
    }
    // Only the runs that could be chosen are read for consent.
    let consent = |r: &(usize, usize, usize)| is_consent_run(lines, prose, r);
    let mut best = runs.iter().map(|r| r.2).max().unwrap_or(0);
    let mut skipped = vec![false; runs.len()];
    loop {
        let Some(j) = (0..runs.len()).find(|&j| !skipped[j] && runs[j].2 * 10 >= best * 3) else {
            return lines.len();
        };
        if !consent(&runs[j]) {
            return runs[j].0;
        }
        skipped[j] = true;
        if runs[j].2 == best {
            best = (0..runs.len())
                .filter(|&k| !skipped[k])
                .map(|k| runs[k].2)
                .max()
                .unwrap_or(0);
        }
    }
}

/// Where an article's header ends: `body` is where its own prose begins
/// ([`body_start`]), `end` where the search for its byline and date stops
/// (two prose lines into the body, at most sixteen lines). `prose` is
/// [`prose_marks`] for the lines before `end`; lines after it are not read,
/// since the body costs most to read and the cleaning reads it anyway.
pub(super) struct Head {
    pub prose: Vec<bool>,
    pub body: usize,
    pub end: usize,
}

/// [`Head`] of a page, with [`body_start`]'s answer: the runs of prose
/// are read in order, and the first that holds a fair share of the page's
/// prose is known to be the body as soon as the bytes left to read could
/// no longer make another run big enough to disqualify it.
pub(super) fn read_head(lines: &[Line], captions: &[bool]) -> Head {
    let n = lines.len();
    let is_prose = |k: usize| is_prose_line(&lines[k], captions[k]);
    let consent = |prose: &[bool], r: &(usize, usize, usize)| is_consent_run(lines, prose, r);
    // Bytes from each line to the end of the page.
    let mut left = vec![0usize; n + 1];
    for k in (0..n).rev() {
        left[k] = left[k + 1] + lines[k].text.len();
    }
    let mut prose = vec![false; n];
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut gap = 0;
    let mut first = 0;
    let mut body = None;
    let mut read = n;
    for i in 0..n {
        if is_prose(i) {
            prose[i] = true;
            match runs.last_mut() {
                Some(r) if gap <= 6 => {
                    r.1 = i;
                    r.2 += lines[i].text.len();
                }
                _ => runs.push((i, i, lines[i].text.len())),
            }
            gap = 0;
        } else if !lines[i].text.is_empty() {
            gap += 1;
        }
        // Can the first undecided run be decided? The best run has at
        // least `low` chars and at most `high`.
        let low = runs.iter().map(|r| r.2).max().unwrap_or(0);
        let open = runs.last().filter(|_| gap <= 6).map_or(0, |r| r.2);
        let high = low.max(open + left[i + 1]);
        while let Some(r) = runs.get(first) {
            let closed = first + 1 < runs.len() || gap > 6;
            if r.2 * 10 >= high * 3 {
                if !consent(&prose, r) {
                    body = Some(r.0);
                } else if closed {
                    first += 1;
                    continue;
                }
                break;
            }
            if closed && r.2 * 10 < low * 3 {
                first += 1;
                continue;
            }
            break;
        }
        if body.is_some() {
            read = i + 1;
            break;
        }
    }
    let body = body.unwrap_or_else(|| body_start(lines, &prose));
    // Two prose lines into the body, at most sixteen lines.
    let mut seen = 0;
    let mut end = body;
    while end < n && end < body + 16 {
        if end >= read {
            prose[end] = is_prose(end);
        }
        if prose[end] {
            seen += 1;
            if seen == 2 {
                break;
            }
        }
        end += 1;
    }
    Head { prose, body, end }
}

/// A line that is a date, however the page words it ("First published
/// on …", "Stand: …"): not a headline.
fn is_date_line(t: &str) -> bool {
    if dates::stamp_line(t).is_some() || dates::time_line(t).is_some() {
        return true;
    }
    let s = dates::scan(t);
    let n = t.split_whitespace().count();
    (s.date.is_some() && n <= 9)
        || (s.month_day.is_some() && n <= 5)
        || (s.time.is_some() && n <= 8)
}

/// A widget's instruction ("Please turn on JavaScript to use this
/// feature"): a polite imperative, or a plea to enable a browser feature.
fn is_widget_plea(t: &str) -> bool {
    let b = t.as_bytes();
    if b.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"please "))
    {
        return true;
    }
    // Every candidate title comes here: a byte scan rejects most lines
    // before any lowercase copy.
    if !b.windows(10).any(|w| w.eq_ignore_ascii_case(b"javascript")) {
        return false;
    }
    let lower = t.to_lowercase();
    lower.contains("enable") || lower.contains("turn on")
}

/// Two words run together as copied menus are ("main contentSkip to"):
/// four lower-case letters, then a capital and a lower-case letter.
fn has_glued_words(t: &str) -> bool {
    let mut lower_run = 0;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_lowercase() {
            lower_run += 1;
        } else if c.is_uppercase()
            && lower_run >= 4
            && chars.peek().is_some_and(|n| n.is_lowercase())
        {
            return true;
        } else {
            lower_run = 0;
        }
    }
    false
}

/// Names alone ("Ana Lima and Tom Reed"): a byline without its "By".
fn is_name_list(t: &str) -> bool {
    let mut n = 0;
    for part in t.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !byline::is_person_name(part) {
            return false;
        }
        n += 1;
    }
    n >= 1
}

/// A Title Case line ("The Four-Day Week Is Not a Perk."): a headline even
/// with a closing full stop.
fn title_cased(t: &str) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in t.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.chars().count() >= 4 {
            long += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
        }
    }
    long >= 3 && caps * 10 >= long * 8
}

/// Words of a candidate headline: its words of letters or digits, or,
/// in a script written without spaces, about one per two characters.
fn title_words(t: &str) -> usize {
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    words.max(clean::cjk_chars(t) / 2)
}

/// Labels of a breaking-news ticker, in several languages, lowercased:
/// as a line's own label ("Breaking: …") or the heading over the ticker
/// ("SON DAKİKA"), they mark a headline of another story.
const TICKER_LABELS: &[&str] = &[
    "breaking",
    "breaking news",
    "just in",
    "latest news",
    "news ticker",
    "eilmeldung",
    "última hora",
    "ultima ora",
    "dernière minute",
    "dernière heure",
    "flash info",
    "son dakika",
    "срочно",
    "терміново",
    "pilne",
    "ειδήσεις τώρα",
    "τελευταία νέα",
    "ροή ειδήσεων",
    "sidste nyt",
    "siste nytt",
    "senaste nytt",
    "tuoreimmat",
    "ultimele știri",
    "berita terkini",
    "friss hírek",
    "últimas notícias",
    "速報",
];

/// Whether `t` (a short line) is a ticker label alone, its colon optional.
fn is_ticker_label(t: &str) -> bool {
    let t = t.trim().trim_end_matches([':', ' ']);
    t.len() <= 32 && {
        let mut lower = t.to_lowercase();
        // Turkish "İ" lowercases with a combining dot.
        lower.retain(|c| c != '\u{307}');
        TICKER_LABELS.contains(&lower.as_str())
    }
}

/// A ticker's item, not a headline: "10:35 Road closed at the bridge", a
/// feed of the day's items, each led by its time.
fn is_ticker_item(t: &str) -> bool {
    let t = t.trim_start();
    let b = t.as_bytes();
    // "10:35 " or "9:05 ": a clock, then the item.
    match b {
        [h0, h, b':', m1, m2, b' ', ..] | [h0 @ h, b':', m1, m2, b' ', ..] => {
            [h0, h, m1, m2].iter().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Whether `t` opens with a ticker's label and a colon ("Breaking: …").
fn has_ticker_label(t: &str) -> bool {
    t.split_once(':')
        .is_some_and(|(label, _)| label.len() <= 32 && is_ticker_label(label))
}

/// A line that may be the headline.
fn is_title_candidate(t: &str) -> bool {
    let n = title_words(t);
    if !(3..=30).contains(&n) || is_url(t) || has_glued_words(t) || is_ticker_item(t) {
        return false;
    }
    // A line of more digits than letters is a date, a score or a quote.
    let (mut digits, mut letters) = (0, 0);
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if digits > letters {
        return false;
    }
    let headline = clean::is_headline(t)
        || (n <= 20
            && t.ends_with('.')
            && title_cased(t)
            && clean::is_headline(t.trim_end_matches('.')));
    headline && !is_date_line(t) && !is_widget_plea(t) && !is_name_list(t)
}

/// The headline among `lines[from..to]`: a headline-like line (not a
/// caption, credit, date or link) close above the byline, the date or the
/// body, which begins at `anchor`; a longer line beats a shorter one, and
/// of a headline and the standfirst under it, the first wins.
pub(super) fn pick_title(
    lines: &[Line],
    from: usize,
    to: usize,
    anchor: usize,
    captions: &[bool],
    prose: &[bool],
    counts: &clean::LineCounts,
) -> Option<usize> {
    let to = to.min(lines.len());
    // For each line, how many non-blank lines lie between it and the next
    // byline, date line or the body (which begins at `anchor`), up to 13.
    let mut dist_after = vec![0usize; to.saturating_sub(from)];
    let mut d = 0;
    let mut k = anchor.min(lines.len());
    while k > from {
        k -= 1;
        if k < to {
            dist_after[k - from] = d;
        }
        let t = lines[k].text.as_str();
        if t.is_empty() {
            continue;
        }
        d = if byline::parse(t).is_some() || dates::stamp_line(t).is_some() {
            0
        } else {
            (d + 1).min(13)
        };
    }
    let mut best: Option<(i64, usize)> = None;
    let mut prev_candidate_words = 0;
    let mut after_stamp = false;
    let mut under_ticker = false;
    let mut seen_long = false;
    for i in from..to {
        let t = lines[i].text.as_str();
        if t.is_empty() {
            continue;
        }
        // A headline under a timestamp heads a post or a teaser.
        let under_stamp = after_stamp;
        after_stamp = dates::stamp_line(t).is_some()
            || dates::time_line(t).is_some()
            || dates::relative_line(t).is_some();
        // So does one under a ticker's label.
        let under_label = under_ticker;
        under_ticker = t.len() <= 32 && is_ticker_label(t);
        let candidate = !under_stamp
            && !captions[i]
            && (!prose[i] || (t.ends_with('.') && title_cased(t)))
            && is_title_candidate(t);
        if !candidate {
            prev_candidate_words = 0;
            continue;
        }
        let words = title_words(t);
        let dist = dist_after[i - from];
        let near = match dist {
            0..=5 => 10,
            6..=10 => 5,
            _ => 0,
        };
        let size = match words {
            0..=3 => 0,
            4..=5 => 10,
            _ => 14,
        };
        let mut score = size + near;
        // A line under a ticker's label, or with one, is likelier a
        // banner than the headline; but some sites label their own story
        // "Breaking News", so it loses only to another candidate.
        let ticker = under_label || has_ticker_label(t);
        if ticker {
            score -= 10;
        }
        // The first line long enough to be a headline is the likeliest.
        if words >= 6 && !seen_long && !ticker {
            score += 8;
            seen_long = true;
        }
        // A line the page shows again (a key event, a teaser) is less
        // likely the headline.
        if counts.get(&lines[i].hash).copied().unwrap_or(0) >= 2 {
            score -= 6;
        }
        // The line under a headline is its standfirst.
        if prev_candidate_words >= 5 {
            score -= 20;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
        prev_candidate_words = words;
    }
    best.map(|(_, i)| i)
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
    fn a_name_line_over_the_date_is_the_byline_and_the_masthead_the_outlet() {
        let page = "Kestrel Courier\nNews\nSport\nFerry service resumes after the harbour strike\nAna Lima\nPublished 9 Jan 2023 10:12, updated 10 Jan 2023 08:30\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nPassengers queued at the terminal from early morning, a spokesman said.\n\nKestrel Courier\nAbout us\n© 2023 Kestrel Courier Media Ltd\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.title, "Ferry service resumes after the harbour strike");
        assert_eq!(d.authors, ["Ana Lima"]);
        assert_eq!(d.outlet.as_deref(), Some("Kestrel Courier"));
        assert_eq!(d.date.unwrap().to_string(), "2023-01-09T10:12:00Z");
        assert_eq!(d.updated.unwrap().to_string(), "2023-01-10T08:30:00Z");
        // The masthead above the headline is never the byline, even over
        // a date bar.
        let page = page.replace("Kestrel Courier\nNews", "Kestrel Courier\n9 Jan 2023\nNews");
        let d = read_article(&lines(&page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.authors, ["Ana Lima"]);
    }

    #[test]
    fn a_writers_own_copyright_names_no_outlet() {
        let page = "Skip to content\nNews\nSport\nFerry service resumes after the harbour strike\nAna Lima\nPublished 9 Jan 2023 10:12\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nPassengers queued at the terminal from early morning, a spokesman said.\n\nAbout us\n© 2023 Ana Lima\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.authors, ["Ana Lima"]);
        assert_eq!(d.outlet, None);
    }

    #[test]
    fn names_stacked_over_the_date_are_all_the_byline() {
        let page = "Kestrel Courier\nFerry service resumes after the harbour strike\nAna Lima\nTom Reed\nPublished 9 Jan 2023 10:12\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.authors, ["Ana Lima", "Tom Reed"]);
    }

    #[test]
    fn a_ticker_item_is_never_the_title() {
        let story = "Ferry service resumes after the long harbour strike\nBy Ana Lima\nPublished 9 Jan 2023 10:12\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n";
        for ticker in [
            "BREAKING NEWS\nBridge to close for three weeks from Monday for repairs\n",
            "SON DAKİKA\nBridge to close for three weeks from Monday for repairs\n",
            "Breaking: Bridge to close for three weeks from Monday for repairs\n",
            "10:35 Bridge to close for three weeks from Monday for repairs\n9:05 Fire on the hills\n",
            "Latest news\nCourt sets a date for the trial of the former governor\n2 hours ago\nFuel price rises again in the port city of Kestrel\n3 hours ago\n",
        ] {
            let page = format!("Kestrel Courier\nNews\nSport\n{ticker}News\n{story}");
            let d = read_article(&lines(&page), "a.txt", Shape::Article, &TimeZone::UTC);
            assert_eq!(
                d.title, "Ferry service resumes after the long harbour strike",
                "{ticker}"
            );
        }
        // A label of its own is a heading, its colon part of no headline.
        assert!(is_ticker_label("Breaking news:"));
        assert!(!has_ticker_label("Harbour strike: talks resume"));
        assert!(is_ticker_item("9:05 Fire on the hills above the town"));
        assert!(!is_ticker_item("2024: the year the harbour closed"));
        assert!(!is_ticker_item("9:0"));
        // The page's own story under the label, with no other candidate,
        // is still the title.
        let page = "Breaking News\nFerry service resumes after the long harbour strike\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(
            d.title,
            "Ferry service resumes after the long harbour strike"
        );
    }

    #[test]
    fn a_headline_without_spaces_counts_its_characters() {
        // Kana and ideographs: no spaces between words.
        let title = "港で大雪\u{3000}フェリー終日運休、空港で約二千人が足止めされる";
        assert!(title_words(title) >= 6);
        assert!(is_title_candidate(title));
        // More digits than letters: a date line, not a headline.
        assert!(!is_title_candidate(
            "2025年1月10日 10時41分（1月10日 13時05分更新）"
        ));
        assert!(!is_title_candidate("3 - 1 at 90+4 in 2023/24 (1-0)"));
    }

    #[test]
    fn a_day_alone_above_the_headline_yields_to_the_published_stamp_below() {
        let page = "Monday, March 10, 2025\nE-Paper\nKestrel Courier\nNews\nSport\nFerry service resumes after the harbour strike\nBY ANA LIMA\nShare\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nPassengers queued at the terminal from early morning, a spokesman said.\n\nPublished 4th March 2025 | 10:41 am\n\u{a9} 2025 Kestrel Courier Media Ltd\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.title, "Ferry service resumes after the harbour strike");
        assert_eq!(d.date.unwrap().to_string(), "2025-03-04T10:41:00Z");
        // Without the stamp below, the day above stands.
        let page = page.replace("Published 4th March 2025 | 10:41 am\n", "");
        let d = read_article(&lines(&page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.date.unwrap().to_string(), "2025-03-10");
    }

    #[test]
    fn a_time_on_the_line_under_a_day_is_the_days_time() {
        let page = "Kestrel Courier\nNews\nFerry service resumes after the harbour strike\nBy Ana Lima\n9 gennaio 2023\n18:05\n\nThe harbour authority said the ferry would resume on Monday after the long strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nPassengers queued at the terminal from early morning, a spokesman said.\n";
        let d = read_article(&lines(page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.date.unwrap().to_string(), "2023-01-09T18:05:00Z");
        let page = page.replace("18:05\n", "");
        let d = read_article(&lines(&page), "a.txt", Shape::Article, &TimeZone::UTC);
        assert_eq!(d.date.unwrap().to_string(), "2023-01-09");
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

#[cfg(test)]
mod header_tests {
    use super::*;

    fn read(t: &str) -> Draft {
        let lines: Vec<Line> = t.lines().map(Line::new).collect();
        read_article(&lines, "a.txt", Shape::Article, &TimeZone::UTC)
    }

    const BODY: &str = "The harbour board in Brindmoor voted on Tuesday to close the old ferry pier for repairs, officials said.\n\nThe work is expected to take about six weeks and will cost the town more than it had planned.\n\nResidents said they had been told little about the plans before the meeting was held.\n\nThe board said a temporary landing would open at the north quay during the works.\n";

    #[test]
    fn a_credited_caption_is_neither_title_nor_date() {
        let page = format!(
            "Home\nWorld\nNews\nFerry pier to close for repairs in Brindmoor\nBy Ana Lima\n\nDockers unload crates at the north quay in Brindmoor, May 2, 2021. HARBOUR/Tom Reed\nDockers unload crates at the north quay in Brindmoor, May 2, 2021. HARBOUR/Tom Reed/File Photo\n{BODY}"
        );
        let d = read(&page);
        assert_eq!(d.title, "Ferry pier to close for repairs in Brindmoor");
        assert!(d.date.is_none(), "{:?}", d.date);
    }

    #[test]
    fn the_headline_beats_its_standfirst_and_a_consent_banner() {
        let page = format!(
            "We care about your privacy\nWe and our partners store cookies and process personal data on your device to show you adverts and measure how you use the site.\nYou can change your consent choices at any time from the link in the footer of every page.\nYour consent choices apply to this website only and are kept for a year before we ask again.\nAGREE\nHome\nLocal\nFerry pier to close for repairs in Brindmoor\nThe board says a temporary landing will open at the north quay during the works\nAna Lima\nMarch 3, 2021\n{BODY}"
        );
        let d = read(&page);
        assert_eq!(d.title, "Ferry pier to close for repairs in Brindmoor");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
        assert!(!d.paras.iter().any(|p| p.contains("cookies")));
    }

    #[test]
    fn the_date_line_is_found_past_a_standfirst_sentence() {
        let page = format!(
            "Home\nFerry pier to close for repairs in Brindmoor\nThe harbour board said on Monday that the old pier was no longer safe for passengers.\nMarch 3, 2021\n{BODY}"
        );
        let d = read(&page);
        assert_eq!(d.title, "Ferry pier to close for repairs in Brindmoor");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2021-03-03"));
    }

    #[test]
    fn the_body_is_the_first_fair_run_of_prose_read_early_or_late() {
        let list = "Most read\n1\nPier fares rise\n2\nFerry timetable changes\n3\nNew quay opens\n4\nHarbour dues cut\n";
        let more = "The ferry company said it would run extra boats from the north quay during the works.\n\nPassengers were told to allow an extra half hour for their journeys until the summer.\n\nThe council said it would review the arrangements at its next meeting in the spring.\n";
        let pages = [
            format!("Home\nFerry pier to close\n{BODY}{list}{more}{more}{more}Footer\n"),
            format!("Home\nFerry pier to close\n{BODY}{BODY}{list}{more}Footer\n"),
            format!(
                "We care about your privacy\nWe and our partners store cookies and process personal data on your device to show you adverts.\nYou can change your consent choices at any time from the link in the footer.\nAGREE\nNav\nMenu\nOne\nTwo\nThree\nFour\nFerry pier to close\n{BODY}"
            ),
            "Home\nNo prose here\nAt all\n".to_string(),
        ];
        for page in &pages {
            let lines: Vec<Line> = page.lines().map(Line::new).collect();
            let captions = caption_marks(&lines);
            let prose = prose_marks(&lines, &captions);
            let head = read_head(&lines, &captions);
            assert_eq!(head.body, body_start(&lines, &prose), "{page}");
            assert_eq!(head.prose[..head.end], prose[..head.end]);
        }
        // The first part of a body cut by a list is the body's start.
        let lines: Vec<Line> = pages[0].lines().map(Line::new).collect();
        assert_eq!(read_head(&lines, &caption_marks(&lines)).body, 2);
    }

    #[test]
    fn date_lines_names_and_widget_pleas_are_not_headlines() {
        assert!(!is_title_candidate(
            "First published on Tue 2 Mar 2021 08:10 GMT"
        ));
        assert!(!is_title_candidate("Ana Lima and Tom Reed"));
        assert!(!is_title_candidate(
            "Please turn on JavaScript to use this feature"
        ));
        assert!(!is_title_candidate(
            "Skip to main contentSkip to navigation"
        ));
        assert!(is_title_candidate(
            "The Ferry Is Not a Luxury. It Is a Lifeline."
        ));
        assert!(is_title_candidate(
            "Ferry pier to close for repairs in Brindmoor"
        ));
    }

    #[test]
    fn credits_close_captions_in_many_styles() {
        for c in [
            "Dockers unload crates at the quay, May 2, 2021. HARBOUR/Tom Reed",
            "Dockers unload crates at the quay on Monday. | Tom Reed/Harbour Post",
            "Dockers unload crates at the quay on Monday. TOM REED / HPA",
            "Dockers unload crates at the quay on Monday (Brindmoor Harbour Board)",
            "Ruas do cais velho, onde os estivadores descarregam caixas TOMÁS REIS",
        ] {
            assert!(clean::is_caption(c), "{c}");
        }
        for t in [
            "Ferry pier to close for repairs in Brindmoor",
            "February 21, 2021 at 9:30 a.m. PST",
            "Senator Ana Lima (D-Ore.) says the pier must close",
            "Talks resume. Ministers meet in Oslo",
        ] {
            assert!(!clean::is_caption(t), "{t}");
        }
        let lines: Vec<Line> = "Ferry pier to close for repairs\nWIRE\nMarch 3, 2021\nDockers unload crates at the north quay\nANP\nThe board voted on Tuesday to close the pier for repairs, officials said.\nImage caption,\nThe old pier was built in 1904"
            .lines()
            .map(Line::new)
            .collect();
        assert_eq!(
            caption_marks(&lines),
            vec![false, false, false, true, true, false, false, true]
        );
    }
}
