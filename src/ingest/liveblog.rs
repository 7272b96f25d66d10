//! Live blogs: a title, a blog byline, "Updated ...", then repeated
//! timestamp, headline, byline, captions, paragraphs. Each post
//! becomes its own entry; the blog itself is only their story.

use jiff::tz::TimeZone;

use super::clean::{self, Line};
use super::dates::Stamp;
use super::shape::outlet_from_url;
use super::{Draft, byline, dates};
use crate::entry::Kind;

/// A line that opens a post, with what [`dates::stamp_line`] read from it
/// (`None` when it holds a time alone), so that reading the post does not
/// parse its timestamp a second time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostStart {
    /// Index of the timestamp line.
    pub line: usize,
    /// [`dates::stamp_line`] of that line.
    pub stamp: Option<Stamp>,
}

/// The timestamp lines that open a post: a timestamp (not an
/// "Updated" line) followed by a headline.
///
/// Each start carries its stamp, so reading the post does not parse it again.
pub fn post_starts(lines: &[Line]) -> Vec<PostStart> {
    let mut starts = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.text.is_empty() || dates::is_updated_line(&l.text) {
            continue;
        }
        let stamp = dates::stamp_line(&l.text);
        if stamp.is_none() && dates::time_line(&l.text).is_none() {
            continue;
        }
        let next = (i + 1..lines.len()).find(|&k| !lines[k].text.is_empty());
        if let Some(k) = next
            && clean::is_headline(&lines[k].text)
            && dates::stamp_line(&lines[k].text).is_none()
            && dates::time_line(&lines[k].text).is_none()
        {
            starts.push(PostStart { line: i, stamp });
        }
    }
    starts
}

/// Reads a live blog into one draft per post.
pub fn read(lines: &[Line], name: &str, tz: &TimeZone) -> Vec<Draft> {
    read_with(lines, &post_starts(lines), name, tz)
}

/// [`read`] with the post starts already found.
pub fn read_with(lines: &[Line], starts: &[PostStart], name: &str, tz: &TimeZone) -> Vec<Draft> {
    let counts = clean::line_counts(lines);
    let first = starts.first().map_or(lines.len(), |p| p.line);

    // The blog's own header.
    let mut title = String::new();
    let mut outlet = None;
    let mut blog_authors = Vec::new();
    let mut url = None;
    for l in &lines[..first] {
        let t = l.text.as_str();
        if t.is_empty() || clean::is_furniture(t) {
            continue;
        }
        if t.starts_with("http") && !t.contains(' ') {
            url.get_or_insert_with(|| t.to_string());
        } else if let Some(b) = byline::parse(t) {
            if blog_authors.is_empty() {
                blog_authors = b.authors;
                outlet = outlet.or(b.outlet);
            }
        } else if dates::is_updated_line(t) {
            continue;
        } else if title.is_empty() && clean::is_headline(t) {
            title = t.to_string();
        }
    }
    let outlet = outlet.or_else(|| url.as_deref().and_then(outlet_from_url));

    let mut drafts = Vec::new();
    for (n, start) in starts.iter().enumerate() {
        let s = start.line;
        let end = starts.get(n + 1).map_or(lines.len(), |p| p.line);
        let mut draft = Draft::new(name, Kind::Post);
        draft.date = match start.stamp {
            Some(st) => st.entry_date(tz),
            // A time alone: the post is of the last day the blog named.
            None => dates::time_line(&lines[s].text).and_then(|(t, z)| {
                let day = lines[..s]
                    .iter()
                    .rev()
                    .find_map(|l| dates::scan(&l.text).date)?;
                dates::at_on(day, t, z.as_deref(), tz)
            }),
        };
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
            && let Some(b) = byline::parse(&lines[k].text)
        {
            draft.authors = b.authors;
            post_outlet = b.outlet;
            k += 1;
        }
        let cleaned = clean::clean(&lines[k.min(end)..end], &counts);
        for b in &cleaned.bylines {
            draft.exclude.extend(b.authors.iter().cloned());
        }
        draft.outlet = outlet.clone().or(post_outlet);
        draft.absorb(cleaned);
        drafts.push(draft);
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
    fn post_starts_carry_the_stamp_of_their_line() {
        let blog = format!(
            "{BLOG}\n10:55 a.m. ET\n\nFerries keep running\n\nThe port authority said ferries would keep running.\n"
        );
        let lines = lines(&blog);
        let starts = post_starts(&lines);
        assert_eq!(starts.len(), 3);
        assert!(starts[0].stamp.is_some());
        assert!(starts[2].stamp.is_none());
        for p in &starts {
            assert_eq!(p.stamp, dates::stamp_line(&lines[p.line].text));
        }
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
        assert!(drafts[1].authors.is_empty());
        assert_eq!(drafts[1].paras.len(), 1);
    }
}
