//! Live blogs: a title, a blog byline, "Updated ...", then repeated
//! timestamp, headline, byline, captions, paragraphs. Each post
//! becomes its own entry; the blog itself is only their story.

use jiff::SignedDuration;
use jiff::civil::Time;
use jiff::tz::TimeZone;

use super::clean::{self, Line};
use super::dates::Stamp;
use super::shape::outlet_from_url;
use super::{Draft, byline, dates};
use crate::entry::{EntryDate, Kind};

/// When a post's stamp line says it was written.
#[derive(Debug, Clone, PartialEq)]
pub enum PostTime {
    /// A date, usually with a time: "2:15 p.m. ET, July 14, 2022".
    Full(Stamp),
    /// A time alone ("2:15 p.m. ET", "14:05 GMT"), with its zone: the
    /// day is the last one the page named above it.
    Clock(Time, Option<String>),
    /// A time before the page's last update ("3 min ago", "2h ago").
    Ago(SignedDuration),
}

/// A line that opens a post, with what [`post_time`] read from it, so
/// that reading the post does not parse its timestamp a second time.
#[derive(Debug, Clone, PartialEq)]
pub struct PostStart {
    /// Index of the timestamp line.
    pub line: usize,
    /// [`post_time`] of that line.
    pub time: PostTime,
}

/// Reads a line that may open a post: the one place where post stamps
/// are parsed, so a format [`dates`] learns is a format posts open with.
/// The time line of an embedded social post ("9:12 AM · Sep 4, 2023")
/// opens nothing.
pub fn post_time(line: &str) -> Option<PostTime> {
    let time = match dates::stamp_line(line) {
        // A post is stamped with its time: a date alone is a dated link
        // ("February 27, 2023" under a related headline), not a post.
        Some(s) if s.time.is_none() => return None,
        Some(s) => PostTime::Full(s),
        None => match dates::time_line(line) {
            Some((t, z)) => PostTime::Clock(t, z),
            // "14.25" alone: a post's headline and prose must follow.
            None => match dates::dotted_time_line(line) {
                Some(t) => PostTime::Clock(t, None),
                None => relative_time(&dates::relative_line(line)?)?,
            },
        },
    };
    (!line.contains(" · ") && !dates::is_updated_line(line) && !is_published_line(line))
        .then_some(time)
}

/// Labels of a page's publication line, lowercased ("Published 20.11.2025
/// 8:12"): the blog's own date, over its summary box, never a post's.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "publié",
    "publiée",
    "veröffentlicht",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "julkaistu",
    "publicerad",
    "publisert",
    "publiceret",
    "udgivet",
    "opublikowano",
    "опубликовано",
    "опубліковано",
    "publicat",
    "publikováno",
    "megjelent",
    "diterbitkan",
    "yayınlanma",
    "δημοσιεύθηκε",
];

/// Whether a stamp line opens with a publication label.
fn is_published_line(line: &str) -> bool {
    let first = line
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([':', ',']);
    first.len() <= 24 && first.chars().next().is_some_and(char::is_alphabetic) && {
        let lower = first.to_lowercase();
        PUBLISHED_LABELS.contains(&lower.as_str())
    }
}

/// A relative stamp as a post time: the wall-clock time printed beside it
/// ("2h ago 14.32 AEDT"), else how long ago ("3 min ago"). A stamp that
/// moves the day ("Yesterday, 21:14") gives none: the day above it is not
/// its day.
fn relative_time(r: &dates::Relative) -> Option<PostTime> {
    if r.days_ago.is_some_and(|d| d > 0) {
        return None;
    }
    match (&r.time, r.minutes_ago) {
        (Some((t, z)), _) => Some(PostTime::Clock(*t, z.clone())),
        (None, Some(m)) => Some(PostTime::Ago(SignedDuration::from_mins(i64::from(m)))),
        (None, None) => None,
    }
}

/// A post's headline: a headline-like line of words, not a stamp and not
/// a count ("12.4K", "389").
fn is_post_headline(t: &str) -> bool {
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 2
        && clean::is_headline(t)
        && dates::stamp_line(t).is_none()
        && dates::time_line(t).is_none()
        // "Updated 2 hours ago" under an article's own time.
        && dates::relative_line(t).is_none()
        && !dates::is_updated_line(t)
}

/// The timestamp lines that open a post: a timestamp (not an "Updated"
/// line) followed by a headline, with prose under it.
///
/// A page is a live blog only when such posts hold most of its prose: a
/// list of related links, each with its date, has headlines and dates but
/// no prose, and comes after the article's own. Stamps whose posts have
/// no prose (a "key events" index) open nothing; an empty list means the
/// page is not a live blog.
pub fn post_starts(lines: &[Line]) -> Vec<PostStart> {
    let mut raw = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.text.is_empty() {
            continue;
        }
        let Some(time) = post_time(&l.text) else {
            continue;
        };
        let next = |from: usize| (from..lines.len()).find(|&k| !lines[k].text.is_empty());
        if let Some(k) = next(i + 1)
            && is_post_headline(&lines[k].text)
            // Headline then stamp: one item of a list of links that
            // alternates the two ("Latest news"), not a post.
            && next(k + 1).is_none_or(|j| post_time(&lines[j].text).is_none())
        {
            raw.push((PostStart { line: i, time }, k));
        }
    }
    if raw.len() < 2 {
        return Vec::new();
    }
    let captions = super::shape::caption_marks(lines);
    let is_prose = |k: usize| super::shape::is_prose_line(&lines[k], captions[k]);
    let mut kept = Vec::new();
    for (n, (start, headline)) in raw.iter().enumerate() {
        let end = raw.get(n + 1).map_or(lines.len(), |(p, _)| p.line);
        if (headline + 1..end).any(is_prose) {
            kept.push(start.clone());
        }
    }
    let Some(first) = kept.first().filter(|_| kept.len() >= 2) else {
        return Vec::new();
    };
    // Only now the page's prose before the posts, and in them as far as
    // it takes to outweigh it: most pages have left by here.
    let before: usize = (0..first.line)
        .filter(|&k| is_prose(k))
        .map(|k| lines[k].text.len())
        .sum();
    let mut after = 0;
    for (k, l) in lines.iter().enumerate().skip(first.line) {
        if after >= before {
            break;
        }
        if is_prose(k) {
            after += l.text.len();
        }
    }
    if after < before {
        return Vec::new();
    }
    kept
}

/// The day a line names when it is a date line (a timestamp, or a short
/// line such as "First published on …"), not a sentence that mentions one.
fn day_line(t: &str) -> Option<jiff::civil::Date> {
    if let Some(s) = dates::stamp_line(t) {
        return s.date;
    }
    if t.split_whitespace().count() > 10 || clean::is_prose(t) {
        return None;
    }
    dates::scan(t).date
}

/// When a post was written, from its stamp and the page's own dates:
/// `day` is the day named last above the post, `updated` the page's
/// last update.
fn post_date(
    time: &PostTime,
    day: Option<jiff::civil::Date>,
    updated: Option<EntryDate>,
    tz: &TimeZone,
) -> Option<EntryDate> {
    match time {
        PostTime::Full(st) => st.entry_date(tz),
        PostTime::Clock(t, z) => dates::at_on(day?, *t, z.as_deref(), tz),
        PostTime::Ago(d) => match updated? {
            EntryDate::At(dt, off) => {
                let at = dt.to_zoned(TimeZone::fixed(off)).ok()?;
                let then = at.checked_sub(*d).ok()?;
                Some(EntryDate::At(then.datetime(), off))
            }
            // Only whole days move a day: "2 days ago" is two days back.
            EntryDate::Day(day) => {
                let days = d.as_hours() / 24;
                Some(EntryDate::Day(
                    day.checked_sub(jiff::Span::new().days(days)).ok()?,
                ))
            }
        },
    }
}

/// Reads a live blog into one draft per post.
pub fn read(lines: &[Line], name: &str, tz: &TimeZone) -> Vec<Draft> {
    read_with(lines, &post_starts(lines), name, tz)
}

/// [`read`] with the post starts already found.
pub fn read_with(lines: &[Line], starts: &[PostStart], name: &str, tz: &TimeZone) -> Vec<Draft> {
    let counts = clean::line_counts(lines);
    let first = starts.first().map_or(lines.len(), |p| p.line);
    let masthead = clean::masthead(lines);

    // The blog's own header.
    let mut title = String::new();
    let mut outlet = None;
    let mut blog_authors = Vec::new();
    let mut url = None;
    let mut updated = None;
    let mut published = None;
    for l in &lines[..first] {
        let t = l.text.as_str();
        if t.is_empty() || clean::is_furniture(t) && dates::stamp_line(t).is_none() {
            continue;
        }
        if t.starts_with("http") && !t.contains(' ') {
            url.get_or_insert_with(|| t.to_string());
        } else if let Some(b) = byline::parse(t) {
            if blog_authors.is_empty() {
                blog_authors = b.authors;
                outlet = outlet.or(b.outlet);
            }
        } else if let Some(s) = dates::stamp_line(t) {
            if dates::is_updated_line(t) {
                updated = updated.or(s.entry_date(tz));
            } else {
                published = published.or(s.entry_date(tz));
            }
        }
    }
    let captions = super::shape::caption_marks(lines);
    let prose = super::shape::prose_marks(lines, &captions);
    if let Some(i) = super::shape::pick_title(lines, 0, first, first, &captions, &prose, &counts) {
        title = lines[i].text.clone();
        // A blog byline without "By": names over the blog's date line.
        if blog_authors.is_empty() {
            blog_authors =
                super::shape::bare_authors(lines, i + 1, first, &captions, masthead.as_deref());
        }
    }
    // Relative stamps count back from the last update, else from the
    // page's own date.
    let updated = updated.or(published);
    let outlet = outlet.or_else(|| url.as_deref().and_then(outlet_from_url));

    let mut drafts = Vec::new();
    // The last day named above the current post, read once per line.
    let (mut day, mut day_read) = (None, 0);
    for (n, start) in starts.iter().enumerate() {
        let s = start.line;
        let end = starts.get(n + 1).map_or(lines.len(), |p| p.line);
        let mut draft = Draft::new(name, Kind::Post);
        if matches!(start.time, PostTime::Clock(..)) {
            if let Some(d) = lines[day_read.min(s)..s]
                .iter()
                .rev()
                .find_map(|l| day_line(&l.text))
            {
                day = Some(d);
            }
            day_read = s;
        }
        draft.date = post_date(&start.time, day, updated, tz);
        draft.story = (!title.is_empty()).then(|| title.clone());
        draft.updated = None;
        draft.exclude.extend(blog_authors.iter().cloned());
        let mut k = s + 1;
        let next = |k: &mut usize| {
            while *k < end && lines[*k].text.is_empty() {
                *k += 1;
            }
        };
        next(&mut k);
        if k < end {
            draft.title = lines[k].text.clone();
            k += 1;
        }
        next(&mut k);
        let mut post_outlet = None;
        if k < end
            && let Some(b) =
                byline::parse(&lines[k].text).or_else(|| byline::post_byline(&lines[k].text))
        {
            draft.authors = b.authors;
            post_outlet = b.outlet;
            k += 1;
        }
        let cleaned = clean::clean(&lines[k.min(end)..end], &counts);
        for b in &cleaned.bylines {
            draft.exclude.extend(b.authors.iter().cloned());
        }
        // A post without a byline of its own is the blog's writers'.
        if draft.authors.is_empty() {
            draft.authors = blog_authors.clone();
        }
        draft.outlet = outlet
            .clone()
            .or(post_outlet)
            .or_else(|| masthead.clone())
            .or_else(|| cleaned.footer_outlet.clone());
        draft.absorb(cleaned);
        drafts.push(draft);
    }
    // The page's footer closes only the last post, yet names the outlet
    // of every post.
    let footer = drafts.last().and_then(|d| d.outlet.clone());
    for d in &mut drafts {
        if d.outlet.is_none() {
            d.outlet.clone_from(&footer);
        }
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOG: &str = "Harbour strike: live updates\n\nBy Ana Lima and Tom Reed, WNN\n\nUpdated 6:10 p.m. ET, July 14, 2022\n3 Posts\n\
2:15 p.m. ET, July 14, 2022\n\nUnions reject the latest offer\n\nFrom WNN's Karl Berg in Tallinn\n\nThe dockers' union said on Thursday that the offer did not meet its demands.\n\n\
1:05 p.m. ET, July 14, 2022\n\nPort authority says ferries will run\n\nThe port authority said ferries to Helsinki would keep running through the weekend.\n";

    fn lines(t: &str) -> Vec<Line> {
        t.lines().map(Line::new).collect()
    }

    #[test]
    fn posts_stamped_with_a_time_alone_take_the_blog_day() {
        let blog = "Harbour strike: live updates\n\nUpdated 6:10 p.m. ET, January 12, 2023\n\n2:15 p.m. ET\n\nUnions reject the offer\n\nThe dockers' union said on Thursday that the offer did not meet its demands.\n\n1:05 p.m. ET\n\nFerries keep running\n\nThe port authority said ferries to Helsinki would keep running this weekend.\n";
        let drafts = read(&lines(blog), "blog.txt", &TimeZone::UTC);
        assert_eq!(drafts.len(), 2);
        assert_eq!(
            drafts[0].date.unwrap().to_string(),
            "2023-01-12T14:15:00-05:00"
        );
    }

    #[test]
    fn posts_stamped_with_a_dotted_time_alone_take_the_blog_day() {
        let blog = "Harbour strike: we follow the day\n\nPublished 12.01.2023 7:40\n\n14.15\n\nUnions reject the offer\n\nThe dockers' union said on Thursday that the offer did not meet its demands.\n\n09.05\n\nFerries keep running\n\nThe port authority said ferries to Helsinki would keep running this weekend.\n";
        let drafts = read(&lines(blog), "blog.txt", &TimeZone::UTC);
        let got: Vec<String> = drafts.iter().map(|d| d.date.unwrap().to_string()).collect();
        assert_eq!(got, ["2023-01-12T14:15:00Z", "2023-01-12T09:05:00Z"]);
    }

    #[test]
    fn relative_stamps_open_posts_timed_back_from_the_update() {
        let blog = "Kestrel Daily\n\nHarbour strike: live updates\n\nBy Ana Lima and Tom Reed\n\nUpdated 6:10 p.m. ET, January 12, 2023\n\n10 min ago\n\nUnions reject the offer\n\nThe dockers' union said on Thursday that the offer did not meet its demands.\n\n2h ago\n\nFerries keep running\n\nThe port authority said ferries to Helsinki would keep running this weekend.\n\nKestrel Daily\nAbout us\nContact\n";
        let drafts = read(&lines(blog), "blog.txt", &TimeZone::UTC);
        let got: Vec<(String, String)> = drafts
            .iter()
            .map(|d| (d.title.clone(), d.date.unwrap().to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Unions reject the offer".to_string(),
                    "2023-01-12T18:00:00-05:00".to_string()
                ),
                (
                    "Ferries keep running".to_string(),
                    "2023-01-12T16:10:00-05:00".to_string()
                ),
            ]
        );
        for d in &drafts {
            // Posts without a byline of their own are the blog's writers'.
            assert_eq!(d.authors, ["Ana Lima", "Tom Reed"]);
            // The masthead the footer repeats names the outlet.
            assert_eq!(d.outlet.as_deref(), Some("Kestrel Daily"));
        }
        // A stamp that moves the day opens no post on the day above it,
        // and a date without a time (a dated link) opens none at all.
        assert_eq!(post_time("Yesterday, 21:14"), None);
        assert_eq!(post_time("February 27, 2023"), None);
        assert!(post_time("February 27, 2023, 5:14 PM GMT").is_some());
    }

    #[test]
    fn days_ago_count_back_from_an_update_without_a_time() {
        let day = jiff::civil::date(2023, 1, 12);
        let two_days = PostTime::Ago(SignedDuration::from_hours(48));
        assert_eq!(
            post_date(&two_days, None, Some(EntryDate::Day(day)), &TimeZone::UTC),
            Some(EntryDate::Day(jiff::civil::date(2023, 1, 10)))
        );
        let minutes = PostTime::Ago(SignedDuration::from_mins(30));
        assert_eq!(
            post_date(&minutes, None, Some(EntryDate::Day(day)), &TimeZone::UTC),
            Some(EntryDate::Day(day))
        );
    }

    #[test]
    fn post_starts_carry_the_stamp_of_their_line() {
        let blog = format!(
            "{BLOG}\n10:55 a.m. ET\n\nFerries keep running\n\nThe port authority said ferries would keep running.\n"
        );
        let lines = lines(&blog);
        let starts = post_starts(&lines);
        assert_eq!(starts.len(), 3);
        assert!(matches!(starts[0].time, PostTime::Full(_)));
        assert!(matches!(starts[2].time, PostTime::Clock(..)));
        for p in &starts {
            assert_eq!(Some(&p.time), post_time(&lines[p.line].text).as_ref());
        }
    }

    const ARTICLE_WITH_RELATED: &str = "Ferry pier to close for repairs\n\nBy Ana Lima\n\nMarch 3, 2021\n\n\
The harbour board in Brindmoor voted on Tuesday to close the old ferry pier for repairs, officials said.\n\n\
The work is expected to take about six weeks and will cost the town more than it had planned.\n\n\
Residents said they had been told little about the plans before the meeting was held.\n\n\
More on this story\nPier repairs delayed again\nPublished\n14 March 2020\nFerry fares to rise in spring\nPublished\n2 June 2019\nRelated topics\nBrindmoor\nFerries\n";

    #[test]
    fn a_list_of_dated_links_is_no_live_blog() {
        let lines = lines(ARTICLE_WITH_RELATED);
        assert!(post_starts(&lines).is_empty());
        assert_eq!(
            super::super::shape::detect(&lines),
            super::super::shape::Shape::Article
        );
    }

    #[test]
    fn an_index_of_key_events_opens_no_post() {
        let blog = format!(
            "Harbour strike: live updates\n\nKey events\n1:05 p.m. ET, July 14, 2022\nPort authority says ferries will run\n2:15 p.m. ET, July 14, 2022\nUnions reject the latest offer\n\n{}",
            BLOG.split_once("3 Posts\n").map_or("", |(_, b)| b)
        );
        let starts = post_starts(&lines(&blog));
        assert_eq!(starts.len(), 2);
        let drafts = read(&lines(&blog), "blog.txt", &TimeZone::UTC);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].title, "Unions reject the latest offer");
        assert_eq!(
            drafts[0].story.as_deref(),
            Some("Harbour strike: live updates")
        );
    }

    #[test]
    fn an_embedded_post_time_opens_no_post() {
        let blog = format!(
            "{BLOG}\n1:00 p.m. ET, July 14, 2022\n\nDockers march to the port gates\n\nThe mayor wrote on social media that the march had been peaceful.\nAna Lima\n@analima\nThe march was peaceful and the gates stayed open all day.\n9:12 AM · Jul 14, 2022\n12.4K\nReply\nThe police said no one had been arrested during the march.\n"
        );
        let drafts = read(&lines(&blog), "blog.txt", &TimeZone::UTC);
        assert_eq!(drafts.len(), 3);
        assert!(drafts[2].paras.iter().any(|p| p.contains("arrested")));
        assert!(drafts.iter().all(|d| d.title != "12.4K"));
    }

    #[test]
    fn the_blog_title_sits_above_its_byline_not_in_the_menu() {
        let blog = format!("World\nAfrica\nMiddle East\nLive Updates\n{BLOG}");
        let drafts = read(&lines(&blog), "blog.txt", &TimeZone::UTC);
        assert_eq!(
            drafts[0].story.as_deref(),
            Some("Harbour strike: live updates")
        );
    }

    #[test]
    fn a_time_alone_takes_the_last_day_named_above_it() {
        let blog = "Harbour strike: live updates\n\nUpdated 6:10 p.m. ET, January 13, 2023\n\n\
9:15 a.m. ET, January 13, 2023\n\nUnions meet again\n\nThe dockers' union said on January 9, 2023 that talks would resume on Friday.\n\n\
8:05 a.m. ET\n\nFerries keep running\n\nThe port authority said ferries to Helsinki would keep running this weekend.\n\n\
10:40 p.m. ET, January 12, 2023\n\nUnions reject the offer\n\nThe dockers' union said late on Thursday that the offer did not meet its demands.\n\n\
9:30 p.m. ET\n\nTalks break up\n\nNegotiators left the port offices after six hours without an agreement.\n";
        let drafts = read(&lines(blog), "blog.txt", &TimeZone::UTC);
        let dates: Vec<String> = drafts
            .iter()
            .map(|d| d.date.map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(
            dates,
            [
                "2023-01-13T09:15:00-05:00",
                "2023-01-13T08:05:00-05:00",
                "2023-01-12T22:40:00-05:00",
                "2023-01-12T21:30:00-05:00"
            ]
        );
    }

    #[test]
    fn relative_and_clock_stamps_take_the_page_dates() {
        let updated =
            crate::entry::EntryDate::parse("2022-07-14T18:10:00-04:00", &TimeZone::UTC).ok();
        let ago = PostTime::Ago(SignedDuration::from_mins(45));
        assert_eq!(
            post_date(&ago, None, updated, &TimeZone::UTC)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-07-14T17:25:00-04:00")
        );
        let day = jiff::civil::Date::new(2022, 7, 14).ok();
        let clock = post_time("16:05 GMT").expect("a time line");
        assert_eq!(
            post_date(&clock, day, None, &TimeZone::UTC)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-07-14T16:05:00Z")
        );
        // A prose mention of a day is not the page's day.
        assert_eq!(
            day_line("The union said on July 9, 2022 that it would strike again."),
            None
        );
        assert!(day_line("First published on Thu 14 Jul 2022").is_some());
    }

    #[test]
    fn dot_stamps_open_posts_and_stacked_names_sign_the_blog() {
        let blog = "Kestrel Daily\nNews\nStorm on the coast: we follow the situation\nAna Lima\nTom Reed\nPublished 20.11.2025 8:12\n\
Key points\nPower is out in many homes.\nLatest first\n\
14.25\nPower cut to thousands of homes\nThe grid company said more than ten thousand homes were without power on the coast.\n\
9.30\nWind warning raised to orange\nThe weather service raised its wind warning for the coast to orange on Thursday.\n\
Most read\nKestrel Daily\n© Kestrel Media Ltd 2025\n";
        let drafts = read(&lines(blog), "blog.txt", &TimeZone::UTC);
        let got: Vec<(&str, String)> = drafts
            .iter()
            .map(|d| (d.title.as_str(), d.date.unwrap().to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Power cut to thousands of homes",
                    "2025-11-20T14:25:00Z".to_string()
                ),
                (
                    "Wind warning raised to orange",
                    "2025-11-20T09:30:00Z".to_string()
                )
            ]
        );
        for d in &drafts {
            assert_eq!(d.authors, ["Ana Lima", "Tom Reed"]);
            // The footer names the outlet of every post, not only the last.
            assert!(d.outlet.is_some());
        }
        // The page's publication line opens no post.
        assert_eq!(post_time("Published 20.11.2025 8:12"), None);
        assert!(post_time("20.11.2025 8:12").is_some());
        // A number alone is no stamp.
        for t in ["14.255", "3.5", "25.10", "14.25.", "1a.25"] {
            assert_eq!(dates::dotted_time_line(t), None, "{t}");
        }
    }

    #[test]
    fn an_article_with_an_update_line_and_a_list_of_links_is_no_blog() {
        let page = "Wind farm starts feeding power to the grid\nBy Ana Lima\nDecember 3, 2025\n10:41 AM GMT+1\nUpdated 2 hours ago\n\
The first turbines of the farm were connected to the grid this week, its developers said on Wednesday.\n\
The farm is due to run at full capacity by the end of next year, the company said.\n\
Read next\nUtility cuts its outlook on project delays\n3:12 PM GMT+1\nLawmakers back tougher methane rules\n1:05 PM GMT+1\nSite index\n\
All prices are delayed by fifteen minutes. See here for the list of exchanges.\n";
        assert!(post_starts(&lines(page)).is_empty());
        for t in ["Updated 2 hours ago", "2 hours ago", "vor 2 Stunden"] {
            assert!(!is_post_headline(t), "{t}");
        }
        // Headline, stamp, headline, stamp: a list of links, even with
        // the article's prose under its last item.
        let page = "Latest news\nCourt sets a date for the trial\n2 hours ago\nFuel price rises in the port city\n3 hours ago\nDockers land in the port ahead of the match\n5 hours ago\nPolitics\nSenate panel summons the agency head\n\
The committee summoned the agency head to explain how the funds were spent this year.\n\
The hearing was held on Wednesday, where members said many projects could not be found.\n\
4th September 2025 | 10:41 am\nANA LIMA\nAna Lima covers the national assembly for the paper.\n";
        assert!(post_time("4th September 2025 | 10:41 am").is_some());
        assert!(post_starts(&lines(page)).is_empty());
    }

    #[test]
    fn can_split_live_blog_posts() {
        let drafts = read(&lines(BLOG), "blog.txt", &TimeZone::UTC);
        assert_eq!(drafts.len(), 2);
        let d = &drafts[0];
        assert_eq!(d.title, "Unions reject the latest offer");
        assert_eq!(d.authors, vec!["Karl Berg"]);
        assert_eq!(d.outlet.as_deref(), Some("WNN"));
        assert_eq!(d.story.as_deref(), Some("Harbour strike: live updates"));
        // Summer time in New York.
        assert_eq!(d.date.unwrap().to_string(), "2022-07-14T14:15:00-04:00");
        // No byline of its own: the blog's writers.
        assert_eq!(drafts[1].authors, ["Ana Lima", "Tom Reed"]);
        assert_eq!(drafts[1].paras.len(), 1);
    }
}
