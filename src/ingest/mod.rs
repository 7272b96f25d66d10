//! The content pass: raw captures become entries.
//!
//! Sub-stages, each in its own module:
//!
//! ```text
//! SourceFile --escape::decode--> lines --shape::detect--> Shape
//!   Article / Aggregator --shape::read_article--+
//!   LiveBlog            --liveblog::read------+--> Draft* per capture
//!   Dump                --shape::read_dump----+
//! (clean: furniture out, captions, credits, entity cards; byline; dates)
//! all drafts --words::Vocab::repair (dumps)--> merge::same_posts
//!   --> merge::contained_captures --> year inference --> actors::resolve
//!   --> corrections from site.toml --> escape::markdown --> Entry*
//! ```
//!
//! Captures are read in parallel; everything from the vocabulary on runs
//! over the whole corpus, since captures of one story inform each other.

pub mod actors;
pub mod byline;
pub mod clean;
pub mod dates;
pub mod escape;
pub mod liveblog;
pub mod merge;
pub mod shape;
pub mod words;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::config::{Config, Corrections, NameKind};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, EntryDate, Kind, Origin};
use crate::source::SourceFile;

use clean::{Cleaned, Line};
use shape::Shape;

/// Captures larger than this are refused: no news page is anywhere near it,
/// and the pass keeps whole captures in memory.
pub const MAX_CAPTURE_BYTES: usize = 32 * 1024 * 1024;

/// One entry in the making: what a capture says about one piece.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Headline.
    pub title: String,
    /// Publication date, when the page gives a full one.
    pub date: Option<EntryDate>,
    /// A day without its year, for inference from other captures.
    pub month_day: Option<(i8, i8)>,
    /// Last update.
    pub updated: Option<EntryDate>,
    /// Article or post.
    pub kind: Kind,
    /// The live blog it belongs to.
    pub story: Option<String>,
    /// Publication.
    pub outlet: Option<String>,
    /// Original URL.
    pub url: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Captions with credits.
    pub captions: Vec<String>,
    /// Names that must never be actors.
    pub exclude: Vec<String>,
    /// Strong actor signals.
    pub hints: Vec<String>,
    /// Plain-text paragraphs.
    pub paras: Vec<String>,
    /// Contributing captures.
    pub captured_from: Vec<String>,
    /// The capture it was first read from.
    pub source: String,
    /// Read from a pre-extracted dump (its words may be glued).
    pub dump: bool,
}

impl Draft {
    /// An empty draft read from capture `name`.
    pub fn new(name: &str, kind: Kind) -> Draft {
        Draft {
            title: String::new(),
            date: None,
            month_day: None,
            updated: None,
            kind,
            story: None,
            outlet: None,
            url: None,
            authors: Vec::new(),
            captions: Vec::new(),
            exclude: Vec::new(),
            hints: Vec::new(),
            paras: Vec::new(),
            captured_from: vec![name.to_string()],
            source: name.to_string(),
            dump: false,
        }
    }

    /// Takes over what cleaning a body found.
    pub fn absorb(&mut self, c: Cleaned) {
        self.paras = c.paras;
        self.captions = c.captions;
        self.exclude.extend(c.credits);
        self.hints = c.hints;
    }

    /// Merges another capture of the same piece into this one.
    pub fn union(&mut self, other: Draft) {
        let have: HashSet<u64> = self.paras.iter().map(|p| escape::key_hash(p)).collect();
        for p in other.paras {
            if !have.contains(&escape::key_hash(&p)) {
                self.paras.push(p);
            }
        }
        for (mine, theirs) in [
            (&mut self.captions, other.captions),
            (&mut self.captured_from, other.captured_from),
            (&mut self.authors, other.authors),
            (&mut self.exclude, other.exclude),
            (&mut self.hints, other.hints),
        ] {
            for x in theirs {
                if !mine.contains(&x) {
                    mine.push(x);
                }
            }
        }
        self.url = self.url.take().or(other.url);
        self.outlet = self.outlet.take().or(other.outlet);
        self.updated = self.updated.take().or(other.updated);
        self.story = self.story.take().or(other.story);
    }
}

/// Reads one capture into drafts, or says why it was skipped.
fn read_capture(src: &SourceFile, tz: &jiff::tz::TimeZone) -> Result<Vec<Draft>, Diagnostic> {
    if src.text.len() > MAX_CAPTURE_BYTES {
        return Err(Diagnostic::warning(format!(
            "capture is {} MB, over the {} MB limit; skipped",
            src.text.len() / (1024 * 1024),
            MAX_CAPTURE_BYTES / (1024 * 1024)
        ))
        .at(src.name.clone()));
    }
    if src.text.trim().is_empty() {
        return Err(Diagnostic::warning("empty capture; skipped").at(src.name.clone()));
    }
    if escape::looks_binary(&src.text) {
        return Err(
            Diagnostic::warning("binary file, not a text capture; skipped").at(src.name.clone()),
        );
    }
    let lines: Vec<Line> = src.text.lines().map(Line::new).collect();
    let (shape, starts) = shape::detect_with_posts(&lines);
    let drafts = match shape {
        Shape::Dump => vec![shape::read_dump(&lines, &src.name)],
        Shape::LiveBlog => liveblog::read_with(&lines, &starts, &src.name, tz),
        s => vec![shape::read_article(&lines, &src.name, s, tz)],
    };
    let drafts: Vec<Draft> = drafts
        .into_iter()
        .filter(|d| !d.paras.is_empty() || !d.title.is_empty())
        .collect();
    if drafts.is_empty() {
        return Err(
            Diagnostic::warning("no article text found in this capture; skipped")
                .at(src.name.clone()),
        );
    }
    Ok(drafts)
}

/// The content pass over a set of captures, run together so that captures
/// of one story merge.
pub fn ingest(sources: &[SourceFile], config: &Config) -> (Vec<Entry>, Diagnostics) {
    let tz = config.time_zone();
    let read = sources.par_iter().map(|s| read_capture(s, &tz)).collect();
    ingest_read(read, config)
}

/// [`ingest`], letting each capture's text go as soon as it is read, so the
/// rest of the pass never holds the raw captures beside the drafts made from
/// them (on 100,000 captures that was 0.7 GB of a 2.2 GB peak).
pub fn ingest_owned(sources: Vec<SourceFile>, config: &Config) -> (Vec<Entry>, Diagnostics) {
    let tz = config.time_zone();
    let read = sources
        .into_par_iter()
        .map(|s| read_capture(&s, &tz))
        .collect();
    ingest_read(read, config)
}

/// The pass from every capture's drafts (or why it was skipped) on.
fn ingest_read(
    read: Vec<Result<Vec<Draft>, Diagnostic>>,
    config: &Config,
) -> (Vec<Entry>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut groups: Vec<Vec<Draft>> = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(g) => groups.push(g),
            Err(d) => diags.push(d),
        }
    }

    // Merging compares text with spaces removed, so dumps merge before
    // their glued words are split; only what remains of dumps needs it.
    let from_dumps = merge::contained_captures(&mut groups);
    unglue_dumps(&mut groups, &from_dumps);
    let mut drafts = merge::same_posts(groups.into_iter().flatten().collect());
    infer_years(&mut drafts, &mut diags);

    // Actors and places, one canonical name each across the corpus. Each
    // draft's paragraphs move into one text, which the actor pass reads and
    // the entry's body is cut back from: the prose is never held twice.
    let prose: Vec<Prose> = drafts
        .par_iter_mut()
        .map(|d| Prose::join(std::mem::take(&mut d.paras)))
        .collect();
    let docs: Vec<actors::Doc<'_>> = drafts
        .par_iter()
        .zip(&prose)
        .map(|(d, prose)| {
            let mut exclude = d.exclude.clone();
            exclude.extend(d.authors.iter().cloned());
            exclude.extend(d.outlet.iter().cloned());
            exclude.sort();
            exclude.dedup();
            actors::Doc {
                text: &prose.text,
                title: &d.title,
                hints: d.hints.clone(),
                exclude,
            }
        })
        .collect();
    let actors::Names {
        actors: mut found_actors,
        places: mut found_places,
    } = actors::resolve(&docs, config);
    // Freed on every core: freeing 10,000 docs' names and texts on one
    // core was a serial step of its own.
    docs.into_par_iter().for_each(drop);
    found_actors.resize_with(drafts.len(), Vec::new);
    found_places.resize_with(drafts.len(), Vec::new);

    for d in drafts.iter().filter(|d| d.date.is_none()) {
        diags.push(
            Diagnostic::warning(format!(
                "no date found for `{}`; it is listed under undated/",
                d.title
            ))
            .at(d.source.clone()),
        );
    }
    let mut entries: Vec<Entry> = drafts
        .into_par_iter()
        .zip(prose)
        .zip(found_actors)
        .zip(found_places)
        .map(|(((d, prose), found_actors), found_places)| {
            let (actors, places) = correct(found_actors, found_places, config);
            to_entry(d, &prose, actors, places)
        })
        .collect();
    entries.sort_by(|a, b| {
        (a.date.map(|d| d.timestamp()), &a.source, &a.title).cmp(&(
            b.date.map(|d| d.timestamp()),
            &b.source,
            &b.title,
        ))
    });
    diags.sort();
    (entries, diags)
}

/// Splits glued words in what remains of dumps (whole dump drafts, and
/// paragraphs only a merged dump had), with the vocabulary of every other
/// capture.
fn unglue_dumps(groups: &mut [Vec<Draft>], from_dumps: &[(usize, usize, usize)]) {
    let has_dumps = groups.iter().flatten().any(|d| d.dump);
    if !has_dumps && from_dumps.is_empty() {
        return;
    }
    let vocab = {
        let mut texts: Vec<&str> = Vec::new();
        for (c, g) in groups.iter().enumerate() {
            for (i, d) in g.iter().enumerate() {
                if d.dump {
                    continue;
                }
                let own = from_dumps
                    .iter()
                    .filter(|&&(cc, dd, _)| cc == c && dd == i)
                    .map(|&(_, _, start)| start)
                    .min()
                    .unwrap_or(d.paras.len());
                texts.push(&d.title);
                texts.extend(d.paras[..own.min(d.paras.len())].iter().map(String::as_str));
            }
        }
        words::Vocab::learn_par(&texts)
    };
    // A repair depends only on the vocabulary (the repairer's memory of
    // runs it has seen is a cache), so drafts are repaired in parallel.
    groups
        .par_iter_mut()
        .flat_map(|g| g.par_iter_mut())
        .filter(|d| d.dump)
        .for_each_init(
            || vocab.repairer(),
            |repairer, d| {
                d.title = repairer.repair(&d.title);
                for p in &mut d.paras {
                    *p = repairer.repair(p);
                }
            },
        );
    let mut repairer = vocab.repairer();
    for &(c, i, start) in from_dumps {
        if let Some(d) = groups.get_mut(c).and_then(|g| g.get_mut(i)) {
            for p in d.paras.iter_mut().skip(start) {
                *p = repairer.repair(p);
            }
        }
    }
}

/// A draft's paragraphs as one text (joined by blank lines, as the actor
/// pass reads prose), with where each paragraph ends, so they come back
/// exactly whatever they hold.
struct Prose {
    text: String,
    ends: Vec<usize>,
}

impl Prose {
    fn join(paras: Vec<String>) -> Prose {
        let len = paras.iter().map(|p| p.len() + 2).sum::<usize>();
        let mut text = String::with_capacity(len.saturating_sub(2));
        let mut ends = Vec::with_capacity(paras.len());
        for (i, p) in paras.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
            }
            text.push_str(p);
            ends.push(text.len());
        }
        Prose { text, ends }
    }

    fn paras(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|e| e + 2));
        starts.zip(&self.ends).map(|(s, &e)| &self.text[s..e])
    }
}

fn to_entry(d: Draft, prose: &Prose, actors: Vec<String>, places: Vec<String>) -> Entry {
    let body = prose
        .paras()
        .map(escape::markdown)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Entry {
        title: d.title,
        date: d.date,
        updated: d.updated,
        kind: d.kind,
        story: d.story,
        outlet: d.outlet,
        url: d.url,
        summary: None,
        slug: None,
        draft: false,
        authors: d.authors,
        actors,
        places,
        tags: Vec::new(),
        captions: d.captions,
        captured_from: d.captured_from,
        body,
        source: d.source,
        origin: Origin::Capture,
    }
}

/// A day without a year takes the year of the most similar dated capture
/// (shared names), so "met on January 21" lands on the right day.
fn infer_years(drafts: &mut [Draft], diags: &mut Diagnostics) {
    if !drafts
        .iter()
        .any(|d| d.date.is_none() && d.month_day.is_some())
    {
        return;
    }
    let words: Vec<HashSet<String>> = drafts
        .par_iter()
        .map(|d| merge::name_words(&format!("{}\n{}", d.title, d.paras.join("\n"))))
        .collect();
    // Each undated draft against every dated one, in parallel; the results
    // are used in draft order.
    let found: Vec<(usize, Option<EntryDate>)> = drafts
        .par_iter()
        .enumerate()
        .filter(|(_, d)| d.date.is_none() && d.month_day.is_some())
        .map(|(i, _)| {
            let best = drafts
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != i && o.date.is_some())
                .map(|(j, o)| (merge::similarity(&words[i], &words[j]), o))
                .filter(|(s, _)| *s > 0.05)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            (i, best.and_then(|(_, o)| o.date))
        })
        .collect();
    let mut fixes = Vec::new();
    for (i, other) in found {
        let d = &drafts[i];
        let Some((m, day)) = d.month_day else {
            continue;
        };
        match other {
            Some(other) => {
                if let Ok(date) = jiff::civil::Date::new(other.day().year(), m, day) {
                    fixes.push((i, date));
                }
            }
            None => diags.push(
                Diagnostic::warning(format!(
                    "`{}` gives a day without a year and no other capture of its story has one",
                    d.title
                ))
                .at(d.source.clone()),
            ),
        }
    }
    for (i, date) in fixes {
        drafts[i].date = Some(EntryDate::Day(date));
    }
}

/// Applies the site's corrections: aliases, blocks, and kinds that move a
/// name between actors and places.
pub fn correct(
    actors: Vec<String>,
    places: Vec<String>,
    config: &Config,
) -> (Vec<String>, Vec<String>) {
    fn canon(name: &str, c: &Corrections) -> String {
        for (canonical, variants) in &c.aliases {
            if variants.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                return canonical.clone();
            }
        }
        name.to_string()
    }
    fn blocked(name: &str, c: &Corrections) -> bool {
        c.block.iter().any(|b| b.eq_ignore_ascii_case(name))
    }
    fn kind(name: &str, c: &Corrections) -> Option<NameKind> {
        c.kinds
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
    let mut out_a: Vec<String> = Vec::new();
    let mut out_p: Vec<String> = Vec::new();
    let push = |v: &mut Vec<String>, n: String| {
        if !v.contains(&n) {
            v.push(n);
        }
    };
    for a in actors {
        let a = canon(&a, &config.actors);
        if blocked(&a, &config.actors) {
            continue;
        }
        if kind(&a, &config.actors) == Some(NameKind::Place) {
            let p = canon(&a, &config.places);
            if !blocked(&p, &config.places) {
                push(&mut out_p, p);
            }
        } else {
            push(&mut out_a, a);
        }
    }
    for p in places {
        let p = canon(&p, &config.places);
        if blocked(&p, &config.places) {
            continue;
        }
        if matches!(
            kind(&p, &config.places),
            Some(NameKind::Person | NameKind::Organisation)
        ) {
            let a = canon(&p, &config.actors);
            if !blocked(&a, &config.actors) {
                push(&mut out_a, a);
            }
        } else {
            push(&mut out_p, p);
        }
    }
    (out_a, out_p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Captures of every shape, several of one story, with names that
    /// resolve across captures: enough work for every parallel step.
    fn corpus() -> Vec<SourceFile> {
        let people = [
            "Marta Lindqvist",
            "Tomas Ferreira",
            "Ines Okoro",
            "Pavel Dragan",
        ];
        let towns = ["Brindmoor", "Castelvey", "Ostrava", "Kelmscott"];
        let mut out = Vec::new();
        for n in 0..24 {
            let who = people[n % people.len()];
            let surname = who.split(' ').nth(1).unwrap_or(who);
            let town = towns[n % towns.len()];
            let mut prose = String::new();
            for k in 0..6 {
                prose.push_str(&format!(
                    "{who} said on Monday that the ferry talks in {town} had reached round {k} of {n}, and that Mr {surname} expected a vote before the winter schedule.\n\n"
                ));
            }
            out.push(SourceFile::from_text(
                format!("a{n}.txt"),
                format!(
                    "Skip to content\n\nFerry Talks Reach Round {n} In {town}\n\nBy Lena Brandt, Harbour Wire\n\nMarch 3, 2021\n\n{prose}Share this article\n"
                ),
            ));
            if n % 3 == 0 {
                // The same story cut down to sentences, words glued.
                let mut dump =
                    format!("Ferry talks round {n}\n20210303\nhttps://harbour.example/{n}\n");
                for k in 0..4 {
                    dump.push_str(&format!(
                        "{who} said on Monday that the ferry talks in {town} had reached round {k} of {n}, and thatMr {surname} expected a vote before the winter schedule.\n"
                    ));
                }
                out.push(SourceFile::from_text(format!("d{n}.txt"), dump));
            }
            if n % 4 == 0 {
                // A day without a year.
                out.push(SourceFile::from_text(
                    format!("u{n}.txt"),
                    format!(
                        "Harbour Board Meets On {town} Ferry\n\n{who} and {surname}'s deputy met the harbour board on March 9 to discuss the timetable, officials in {town} said.\n\nThe board said it would publish the minutes of the meeting with {who} within a week.\n"
                    ),
                ));
            }
        }
        for copy in 0..2 {
            let mut blog = String::from(
                "Harbour strike: live updates\n\nBy Lena Brandt and Omar Haddad, Harbour Wire\n\nUpdated 6:10 p.m. ET, July 14, 2022\n",
            );
            for p in 0..(5 + copy) {
                blog.push_str(&format!(
                    "{}:{:02} p.m. ET, July 14, 2022\n\nDockers in {} vote on offer {p}\n\nFrom Harbour Wire's Omar Haddad\n\n{} told reporters the offer {p} was \"a serious step\", and the union of {} would answer on Friday.\n\n",
                    1 + p,
                    p * 5,
                    towns[p % towns.len()],
                    people[p % people.len()],
                    towns[(p + 1) % towns.len()],
                ));
            }
            out.push(SourceFile::from_text(format!("blog{copy}.txt"), blog));
        }
        out
    }

    fn run(threads: usize, sources: &[SourceFile]) -> (Vec<Entry>, String) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let (entries, diags) = pool.install(|| ingest(sources, &Config::default()));
        (entries, format!("{diags:?}"))
    }

    #[test]
    fn output_is_the_same_whatever_the_number_of_threads() {
        let sources = corpus();
        let (one, one_diags) = run(1, &sources);
        // The corpus exercises merging, ungluing, year inference and actors.
        assert!(one.iter().any(|e| e.captured_from.len() > 1));
        assert!(one.iter().any(|e| e.kind == Kind::Post));
        assert!(one.iter().any(|e| !e.actors.is_empty()));
        for threads in [2, 3, 8] {
            let (many, many_diags) = run(threads, &sources);
            assert_eq!(one, many, "{threads} threads");
            assert_eq!(one_diags, many_diags, "{threads} threads");
        }
    }

    #[test]
    fn owned_captures_give_what_borrowed_ones_give() {
        let sources = corpus();
        let borrowed = ingest(&sources, &Config::default());
        let owned = ingest_owned(sources, &Config::default());
        assert!(!owned.0.is_empty());
        assert_eq!(borrowed.0, owned.0);
        assert_eq!(format!("{:?}", borrowed.1), format!("{:?}", owned.1));
    }

    #[test]
    fn prose_gives_back_each_paragraph_whatever_it_holds() {
        let paras: Vec<String> = ["First.", "", "Two\n\nlines inside", "\n", "Last"]
            .map(String::from)
            .to_vec();
        let prose = Prose::join(paras.clone());
        assert_eq!(prose.text, paras.join("\n\n"));
        assert_eq!(prose.paras().collect::<Vec<_>>(), paras);
        let none = Prose::join(Vec::new());
        assert_eq!((none.text.as_str(), none.paras().count()), ("", 0));
    }
}
