//! Rendering: a plan of every output file, then each page on its own.
//!
//! [`plan`] lists every file the site will have, each with a content key:
//! a hash of everything its bytes depend on: the config, the templates the
//! page uses (its own and what it extends, includes or imports), its path,
//! and its own data with entries stood in for by the fingerprints
//! [`Site::new`] computed (with bodies for entry pages and feeds, without
//! for listings). It builds no context, renders no Markdown and does no
//! template work, so it is cheap to recompute after a change (about 40 ms
//! for 10,000 entries); a rebuilder or a build cache re-renders only specs
//! whose key changed. [`Renderer::render_page`] renders one spec, independently of
//! all others, so pages render in parallel and stream to disk.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::Date;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, EntryDate};
use crate::site::{Site, TaxonomyKind};
use crate::theme::Theme;

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The home page: newest entries.
    Index,
    /// One entry (index into `Site::entries`).
    Entry(usize),
    /// A year's archive.
    Year(i16),
    /// A month's archive.
    Month(i16, i8),
    /// A day's archive.
    Day(Date),
    /// Entries without a date.
    Undated,
    /// A taxonomy's list of terms.
    Terms(TaxonomyKind),
    /// One term's entries (index into `Taxonomy::terms`).
    Term(TaxonomyKind, usize),
    /// One term's Atom feed.
    TermFeed(TaxonomyKind, usize),
    /// The list of stories.
    Stories,
    /// One story's posts (index into `Site::stories`).
    Story(usize),
    /// The site's Atom feed.
    Feed,
    /// `sitemap.xml`, with the site paths of every HTML page.
    Sitemap(Vec<String>),
    /// `robots.txt`.
    Robots,
    /// `404.html`.
    NotFound,
}

/// One output file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpec {
    /// Output path relative to the output folder (`2022/01/index.html`).
    pub path: String,
    /// The template that renders it.
    pub template: String,
    /// What it shows.
    pub kind: PageKind,
    /// 1-based page number of a paginated listing.
    pub page: usize,
    /// Hash of everything the output depends on.
    pub key: [u8; 32],
}

impl PageSpec {
    /// The site path of the page (`2022/01/`), as used in URLs.
    pub fn site_path(&self) -> &str {
        self.path.strip_suffix("index.html").unwrap_or(&self.path)
    }

    /// The key as hex, for caches.
    pub fn key_hex(&self) -> String {
        blake3::Hash::from(self.key).to_hex().to_string()
    }
}

// ------------------------------------------------------------------ contexts

/// Links every page needs: home, feeds, taxonomy indexes, stylesheets.
#[derive(Debug, Clone, Serialize)]
pub struct SiteLinks {
    /// The path part of `base_url` (`/` or `/news/`); prefix of every link.
    pub base_path: String,
    /// The home page.
    pub home: String,
    /// The site feed's URL path.
    pub feed: String,
    /// The sitemap's absolute URL.
    pub sitemap: String,
    /// The theme stylesheet.
    pub stylesheet: String,
    /// The code highlighting stylesheet.
    pub syntax_stylesheet: String,
    /// Navigation: taxonomy indexes, stories and the undated list (when any).
    pub nav: Vec<Link>,
    /// `site_header.html`, rendered once per build: the same on every page,
    /// and rendering it per page was a twentieth of all page rendering.
    pub header_html: String,
}

/// The template rendered once per build into [`SiteLinks::header_html`].
pub const SITE_HEADER_TEMPLATE: &str = "site_header.html";

/// Facts about the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// The `<title>` and main heading.
    pub title: String,
    /// The page's URL path (`/news/2022/01/`).
    pub url: String,
    /// The page's absolute URL.
    pub permalink: String,
    /// A description for `<meta name="description">`.
    pub description: Option<String>,
    /// The URL path of a feed of this page's entries.
    pub feed: Option<String>,
}

/// What every template gets: `config`, `site` and `page`, plus the fields
/// of the page's own data (`T`) at the top level.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext<'a, T: Serialize> {
    /// `site.toml`.
    pub config: &'a Config,
    /// Site-wide links.
    pub site: &'a SiteLinks,
    /// This page.
    pub page: PageMeta,
    /// The page's own data.
    #[serde(flatten)]
    pub data: T,
}

/// A labelled link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    /// The text.
    pub name: String,
    /// The URL path.
    pub url: String,
}

/// A term or story with its count, for indexes and "named alongside".
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// The name.
    pub name: String,
    /// The URL path of its page.
    pub url: String,
    /// Entries (or, for related terms, shared entries).
    pub count: usize,
}

/// An entry as shown in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct EntryItem {
    /// The headline.
    pub title: String,
    /// The entry page's URL path.
    pub url: String,
    /// RFC 3339 date (`datetime` attribute), empty when undated.
    pub date: String,
    /// The date for people (`21 January 2022, 21:30 -05:00`).
    pub date_display: String,
    /// `article` or `post`.
    pub kind: &'static str,
    /// The publication.
    pub outlet: Option<String>,
    /// The summary.
    pub summary: Option<String>,
}

/// Entries of one month on a term page.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `January 2022`, or `Undated`.
    pub label: String,
    /// The entries, newest first.
    pub entries: Vec<Prepared<EntryItem>>,
}

/// Where a listing page sits among its pages.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// URL path of the previous page (`rel="prev"`).
    pub prev: Option<String>,
    /// URL path of the next page (`rel="next"`).
    pub next: Option<String>,
    /// URL path of the first page.
    pub first: String,
}

/// An entry as shown on its own page.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The headline.
    pub title: String,
    /// The page's URL path.
    pub url: String,
    /// RFC 3339 date, empty when undated.
    pub date: String,
    /// The date for people.
    pub date_display: String,
    /// The day's archive page, when dated.
    pub day: Option<Link>,
    /// RFC 3339 update time.
    pub updated: Option<String>,
    /// The update time for people.
    pub updated_display: Option<String>,
    /// `article` or `post`.
    pub kind: &'static str,
    /// The publication, linked.
    pub outlet: Option<Link>,
    /// Bylines, linked.
    pub authors: Vec<Link>,
    /// Actors, linked.
    pub actors: Vec<Link>,
    /// Places, linked.
    pub places: Vec<Link>,
    /// Tags.
    pub tags: Vec<String>,
    /// The summary.
    pub summary: Option<String>,
    /// The original URL.
    pub original_url: Option<String>,
    /// Whether `original_url` is an `http(s)` URL and so safe to link; other
    /// schemes (`javascript:`) are shown as text only.
    pub original_url_is_link: bool,
    /// Photo captions.
    pub captions: Vec<String>,
    /// Capture files the entry came from.
    pub captured_from: Vec<String>,
    /// The story it belongs to.
    pub story: Option<Link>,
}

/// Data of `entry.html`.
#[derive(Debug, Clone, Serialize)]
pub struct EntryData {
    /// The entry.
    pub entry: EntryView,
    /// The body as HTML (safe: rendered from the site's own Markdown).
    pub content: String,
    /// The previous post of the same story, in time order.
    pub story_prev: Option<Link>,
    /// The next post of the same story.
    pub story_next: Option<Link>,
}

/// Data of `index.html` and `archive.html` (years, months, days, undated).
#[derive(Debug, Clone, Serialize)]
pub struct ListingData {
    /// The entries on this page, newest first.
    pub entries: Vec<Prepared<EntryItem>>,
    /// Pages of the listing.
    pub pagination: Pagination,
    /// The previous (older) period, for archives.
    pub prev_period: Option<Link>,
    /// The next (newer) period, for archives.
    pub next_period: Option<Link>,
    /// The enclosing period (a day's month, a month's year).
    pub up: Option<Link>,
    /// Sub-periods: a year's months, a month's days.
    pub children: Vec<TermLink>,
}

/// Names a taxonomy in templates.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyInfo {
    /// `actors`, `places`, `outlets` or `authors`.
    pub name: &'static str,
    /// `Actors`...
    pub title: &'static str,
    /// The taxonomy index's URL path.
    pub url: String,
}

/// Data of `terms.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TermsData {
    /// Which taxonomy.
    pub taxonomy: TaxonomyInfo,
    /// Every term with its count, by name.
    pub terms: Vec<TermLink>,
}

/// Data of `term.html`.
#[derive(Debug, Clone, Serialize)]
pub struct TermData {
    /// Which taxonomy.
    pub taxonomy: TaxonomyInfo,
    /// The term, with its total count.
    pub term: TermLink,
    /// This page's entries grouped by month, newest first.
    pub groups: Vec<Group>,
    /// Pages of the listing.
    pub pagination: Pagination,
    /// Terms most often named alongside it, with shared counts.
    pub related: Vec<TermLink>,
}

/// Data of `stories.html`.
#[derive(Debug, Clone, Serialize)]
pub struct StoriesData {
    /// Every story with its post count.
    pub stories: Vec<TermLink>,
}

/// Data of `story.html`.
#[derive(Debug, Clone, Serialize)]
pub struct StoryData {
    /// The story.
    pub story: TermLink,
    /// This page's posts, oldest first.
    pub entries: Vec<Prepared<EntryItem>>,
    /// Pages of the listing.
    pub pagination: Pagination,
}

/// The feed itself, in `atom.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedMeta {
    /// The feed's id (its absolute URL).
    pub id: String,
    /// The feed's title.
    pub title: String,
    /// The newest entry's time, RFC 3339.
    pub updated: String,
    /// The feed's own absolute URL (`rel="self"`).
    pub self_url: String,
    /// The HTML page it mirrors (`rel="alternate"`).
    pub alternate_url: String,
}

/// One entry of a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Its id (the entry's absolute URL).
    pub id: String,
    /// The headline.
    pub title: String,
    /// The absolute URL.
    pub url: String,
    /// RFC 3339 publication time.
    pub published: String,
    /// RFC 3339 update time (the publication time if never updated).
    pub updated: String,
    /// Bylines; the outlet, else the site title, when there are none.
    pub authors: Vec<String>,
    /// The summary.
    pub summary: Option<String>,
    /// The body as HTML.
    pub content: String,
    /// `content` escaped for XML once and marked safe, so a feed template
    /// prints it as Atom's `type="html"` requires without escaping the
    /// same body again in every feed that lists it (an entry sits in the
    /// site feed and the feed of each of its actors, places, outlet and
    /// authors). `{{ e.content }}` under autoescape gives the same bytes.
    pub content_xml: tera::Value,
}

/// `html` escaped the way Tera's autoescape would, as a value templates
/// print as it is.
fn escaped_safe(html: &str) -> tera::Value {
    // An escaped body grows by a few percent (markup is mostly letters).
    let mut out = Vec::with_capacity(html.len() + html.len() / 8);
    // Writing into a Vec cannot fail, and escaping valid UTF-8 gives valid
    // UTF-8; `from_utf8` checks that fast (the lossy decoder is 7× slower).
    let _ = tera::escape_html(html, &mut out);
    match std::str::from_utf8(&out) {
        Ok(s) => tera::Value::safe_string(s),
        Err(_) => tera::Value::safe_string(&String::from_utf8_lossy(&out)),
    }
}

/// Data of `atom.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedData {
    /// The feed.
    pub feed: FeedMeta,
    /// Its entries, newest first, at most `feed_limit`.
    pub entries: Vec<Prepared<FeedEntry>>,
}

/// One URL of `sitemap.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapUrl {
    /// The absolute URL.
    pub loc: String,
}

/// Data of `sitemap.xml`.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapData {
    /// Every HTML page.
    pub urls: Vec<SitemapUrl>,
}

/// Data of pages with nothing of their own (`404.html`, `robots.txt`).
#[derive(Debug, Clone, Serialize)]
pub struct NoData {}

/// A `T` converted for templates once, then shared by every page that
/// shows it. An entry is listed on its day, month, year and every term
/// page, and a feed entry carries a whole body: converting them once and
/// passing the converted value along (Tera clones a `tera::Value` it meets
/// instead of serialising it again, and cloning one shares its map) keeps
/// page contexts to pointers instead of copies. Serialises as `T` would.
#[derive(Debug, Clone)]
pub struct Prepared<T> {
    value: tera::Value,
    of: PhantomData<fn() -> T>,
}

impl<T: Serialize> Prepared<T> {
    /// Converts `data` for templates.
    pub fn new(data: &T) -> Self {
        // Plain data (strings, numbers, options, lists, structs) always
        // converts; should a type ever not, the page shows why instead of
        // the build failing far from the cause.
        let value = tera::Value::try_from_serializable(data)
            .unwrap_or_else(|e| tera::Value::from(format!("[cannot show this value: {e}]")));
        Prepared {
            value,
            of: PhantomData,
        }
    }
}

impl<T> Serialize for Prepared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

// ------------------------------------------------------------------ plan

/// Lists every output file of the site with its content key.
pub fn plan(site: &Site, theme: &Theme) -> Vec<PageSpec> {
    let config_key = {
        let mut h = blake3::Hasher::new();
        let _ = serde_json::to_writer(&mut h, &site.config);
        *h.finalize().as_bytes()
    };
    let links = site_links(site);
    let mut specs: Vec<PageSpec> = Vec::new();
    let per = site.config.paginate.max(1);
    let mut add = |dir: String, template: &str, kind: PageKind, count: usize| {
        add_listing(&mut specs, per, dir, template, kind, count)
    };
    add(
        String::new(),
        "index.html",
        PageKind::Index,
        site.newest.len(),
    );
    for (i, p) in site.paths.iter().enumerate() {
        // Pushed, not formatted: `format!` grows its string piece by piece,
        // and a site has a page per entry.
        let mut dir = String::with_capacity(p.len() + 1);
        dir.push_str(p);
        dir.push('/');
        add(dir, "entry.html", PageKind::Entry(i), 1);
    }
    for (&y, list) in &site.years {
        add(
            format!("{y:04}/"),
            "archive.html",
            PageKind::Year(y),
            list.len(),
        );
    }
    for (&(y, m), list) in &site.months {
        add(
            format!("{y:04}/{m:02}/"),
            "archive.html",
            PageKind::Month(y, m),
            list.len(),
        );
    }
    for (&d, list) in &site.days {
        add(
            format!("{}/", day_path(d)),
            "archive.html",
            PageKind::Day(d),
            list.len(),
        );
    }
    if !site.undated.is_empty() {
        add(
            "undated/".into(),
            "archive.html",
            PageKind::Undated,
            site.undated.len(),
        );
    }
    for tax in &site.taxonomies {
        let k = tax.kind;
        add(
            format!("{}/", k.slug()),
            "terms.html",
            PageKind::Terms(k),
            1,
        );
        for (t, term) in tax.terms.iter().enumerate() {
            let dir = format!("{}/{}/", k.slug(), term.slug);
            add(
                dir.clone(),
                "term.html",
                PageKind::Term(k, t),
                term.entries.len(),
            );
            add(dir, "atom.xml", PageKind::TermFeed(k, t), 0);
        }
    }
    add("stories/".into(), "stories.html", PageKind::Stories, 1);
    for (s, story) in site.stories.iter().enumerate() {
        add(
            format!("stories/{}/", story.slug),
            "story.html",
            PageKind::Story(s),
            story.entries.len(),
        );
    }
    let html: Vec<String> = specs
        .iter()
        .filter(|s| s.path.ends_with(".html"))
        .map(|s| s.site_path().to_string())
        .collect();
    specs_push_file(&mut specs, "atom.xml".into(), "atom.xml", PageKind::Feed);
    specs_push_file(
        &mut specs,
        "sitemap.xml".into(),
        "sitemap.xml",
        PageKind::Sitemap(html),
    );
    specs_push_file(
        &mut specs,
        "robots.txt".into(),
        "robots.txt",
        PageKind::Robots,
    );
    specs_push_file(
        &mut specs,
        "404.html".into(),
        "404.html",
        PageKind::NotFound,
    );

    use rayon::prelude::*;
    // Site-wide inputs: the config and the navigation every page shows.
    let base = {
        let mut h = blake3::Hasher::new();
        h.update(&config_key);
        let _ = serde_json::to_writer(&mut h, &links);
        // Every page prints the header rendered from this template.
        h.update(&theme.template_fingerprint(SITE_HEADER_TEMPLATE));
        *h.finalize().as_bytes()
    };
    let mut template_keys: HashMap<&str, [u8; 32]> = HashMap::new();
    for spec in &specs {
        template_keys
            .entry(spec.template.as_str())
            .or_insert_with(|| theme.template_fingerprint(&spec.template));
    }
    let keys: Vec<[u8; 32]> = specs
        .par_iter()
        .map(|spec| {
            let tkey = template_keys.get(spec.template.as_str()).copied();
            page_key(site, &base, &tkey.unwrap_or_default(), spec)
        })
        .collect();
    for (spec, key) in specs.iter_mut().zip(keys) {
        spec.key = key;
    }
    specs
}

/// Feeds length-prefixed pieces to a hasher, so no two inputs collide by
/// concatenation.
struct KeyHasher(KeyBytes);

/// A page key's input, gathered and hashed in one call. Keys only decide
/// whether a page is rendered again (no adversary; entries' fingerprints are
/// built the same way), so a 128-bit XXH3 of the input does: on
/// the few hundred bytes of most pages it costs a tenth of blake3, which
/// was a sixth of a one-edit build's instructions (19,000 pages).
struct KeyBytes(Vec<u8>);

impl KeyBytes {
    fn update(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(b);
        self
    }
    /// The 128-bit hash, then its input's length, filling a key's 32 bytes.
    fn finalize(&self) -> [u8; 32] {
        let mut key = [0; 32];
        key[..16].copy_from_slice(&xxhash_rust::xxh3::xxh3_128(&self.0).to_le_bytes());
        key[16..24].copy_from_slice(&(self.0.len() as u64).to_le_bytes());
        key
    }
}

impl KeyHasher {
    fn bytes(&mut self, b: &[u8]) {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn num(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }
    fn opt_num(&mut self, n: Option<i64>) {
        match n {
            Some(n) => {
                self.0.update(&[1]);
                self.0.update(&n.to_le_bytes());
            }
            None => {
                self.0.update(&[0]);
            }
        }
    }
}

/// The key of one page: a hash of exactly what its output depends on:
/// site-wide inputs (`base`), its templates (`template_key`), its path and
/// page number, and its own data, with entries stood in for by their
/// fingerprints (full ones where the page shows bodies, body-less ones for
/// listings). No context is built and no Markdown rendered.
fn page_key(site: &Site, base: &[u8; 32], template_key: &[u8; 32], spec: &PageSpec) -> [u8; 32] {
    let mut h = KeyHasher(KeyBytes(Vec::with_capacity(1024)));
    h.0.update(base);
    h.0.update(template_key);
    h.str(&spec.path);
    h.str(&spec.template);
    h.num(spec.page);
    let per = site.config.paginate.max(1);
    let limit = site.config.feed_limit;
    // A listing: its length and the body-less fingerprints of this page's slice.
    let listing = |h: &mut KeyHasher, list: &[usize]| {
        h.num(list.len());
        let start = (spec.page.saturating_sub(1) * per).min(list.len());
        let end = (start + per).min(list.len());
        for &i in &list[start..end] {
            h.0.update(&site.meta_fingerprints[i]);
        }
    };
    // A feed: the full fingerprints of its first `feed_limit` entries.
    let feed = |h: &mut KeyHasher, list: &[usize]| {
        h.num(list.len().min(limit));
        for &i in list.iter().take(limit) {
            h.0.update(&site.fingerprints[i]);
        }
    };
    let term = |h: &mut KeyHasher, t: &crate::site::Term| {
        h.str(&t.name);
        h.str(&t.slug);
        h.num(t.entries.len());
    };
    match &spec.kind {
        PageKind::Index => {
            h.str("index");
            listing(&mut h, &site.newest);
        }
        PageKind::Entry(i) => {
            h.str("entry");
            h.0.update(&site.fingerprints[*i]);
            if let Some(story) = site.story_of(*i) {
                h.str(&story.name);
                h.str(&story.slug);
                let pos = story.entries.iter().position(|x| x == i);
                let before = pos.and_then(|p| p.checked_sub(1));
                let after = pos.map(|p| p + 1);
                for n in [before, after] {
                    match n.and_then(|p| story.entries.get(p)) {
                        Some(&x) => h.0.update(&site.meta_fingerprints[x]),
                        None => h.0.update(&[0]),
                    };
                }
            }
        }
        PageKind::Year(y) => {
            h.str("year");
            listing(&mut h, site.years.get(y).map_or(&[][..], Vec::as_slice));
            h.opt_num(
                site.years
                    .range(..*y)
                    .next_back()
                    .map(|(k, _)| i64::from(*k)),
            );
            h.opt_num(site.years.range(y + 1..).next().map(|(k, _)| i64::from(*k)));
            for (&(_, m), l) in site.months.range((*y, 1)..=(*y, 12)) {
                h.num(m as usize);
                h.num(l.len());
            }
        }
        PageKind::Month(y, m) => {
            h.str("month");
            let key = (*y, *m);
            listing(&mut h, site.months.get(&key).map_or(&[][..], Vec::as_slice));
            let ym = |(y, m): (i16, i8)| i64::from(y) * 100 + i64::from(m);
            h.opt_num(site.months.range(..key).next_back().map(|(k, _)| ym(*k)));
            h.opt_num(
                site.months
                    .range((std::ops::Bound::Excluded(key), std::ops::Bound::Unbounded))
                    .next()
                    .map(|(k, _)| ym(*k)),
            );
            for (d, l) in days_of_month(site, *y, *m) {
                h.num(d.day() as usize);
                h.num(l.len());
            }
        }
        PageKind::Day(d) => {
            h.str("day");
            listing(&mut h, site.days.get(d).map_or(&[][..], Vec::as_slice));
            let day = |d: &Date| day_path(*d);
            h.str(
                &site
                    .days
                    .range(..*d)
                    .next_back()
                    .map(|(k, _)| day(k))
                    .unwrap_or_default(),
            );
            h.str(
                &site
                    .days
                    .range((std::ops::Bound::Excluded(*d), std::ops::Bound::Unbounded))
                    .next()
                    .map(|(k, _)| day(k))
                    .unwrap_or_default(),
            );
        }
        PageKind::Undated => {
            h.str("undated");
            listing(&mut h, &site.undated);
        }
        PageKind::Terms(k) => {
            h.str("terms");
            h.str(k.slug());
            for t in &site.taxonomy(*k).terms {
                term(&mut h, t);
            }
        }
        PageKind::Term(k, t) => {
            h.str("term");
            h.str(k.slug());
            let tax = site.taxonomy(*k);
            let this = &tax.terms[*t];
            term(&mut h, this);
            listing(&mut h, &this.entries);
            for &(r, n) in &this.related {
                term(&mut h, &tax.terms[r]);
                h.num(n);
            }
        }
        PageKind::TermFeed(k, t) => {
            h.str("term feed");
            h.str(k.slug());
            let this = &site.taxonomy(*k).terms[*t];
            term(&mut h, this);
            feed(&mut h, &this.entries);
        }
        PageKind::Stories => {
            h.str("stories");
            for s in &site.stories {
                h.str(&s.name);
                h.str(&s.slug);
                h.num(s.entries.len());
            }
        }
        PageKind::Story(s) => {
            h.str("story");
            let story = &site.stories[*s];
            h.str(&story.name);
            h.str(&story.slug);
            listing(&mut h, &story.entries);
        }
        PageKind::Feed => {
            h.str("feed");
            feed(&mut h, &site.newest);
        }
        PageKind::Sitemap(paths) => {
            h.str("sitemap");
            h.num(paths.len());
            for p in paths {
                h.str(p);
            }
        }
        PageKind::Robots => h.str("robots"),
        PageKind::NotFound => h.str("404"),
    }
    h.0.finalize()
}

/// Adds a listing's pages (`dir/index.html`, `dir/page/2/index.html`...);
/// a feed (template `atom.xml`) is one file, `dir/atom.xml`.
fn add_listing(
    specs: &mut Vec<PageSpec>,
    per: usize,
    dir: String,
    template: &str,
    kind: PageKind,
    count: usize,
) {
    if template == "atom.xml" {
        specs_push_file(specs, format!("{dir}atom.xml"), template, kind);
        return;
    }
    let pages = count.div_ceil(per).max(1);
    for page in 1..=pages {
        let path = if page == 1 {
            let mut path = String::with_capacity(dir.len() + "index.html".len());
            path.push_str(&dir);
            path.push_str("index.html");
            path
        } else {
            format!("{dir}page/{page}/index.html")
        };
        specs.push(PageSpec {
            path,
            template: template.into(),
            kind: kind.clone(),
            page,
            key: [0; 32],
        });
    }
}

fn specs_push_file(specs: &mut Vec<PageSpec>, path: String, template: &str, kind: PageKind) {
    specs.push(PageSpec {
        path,
        template: template.into(),
        kind,
        page: 1,
        key: [0; 32],
    });
}

/// The days of a month that have entries, oldest first: a range of the
/// ordered map, not a scan of every day of the archive.
fn days_of_month(
    site: &Site,
    y: i16,
    m: i8,
) -> impl DoubleEndedIterator<Item = (&Date, &Vec<usize>)> {
    let first = Date::new(y, m, 1).ok();
    let last = first.map(|d| d.last_of_month());
    first
        .zip(last)
        .into_iter()
        .flat_map(move |(a, b)| site.days.range(a..=b))
}

fn day_path(d: Date) -> String {
    format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day())
}

fn site_links(site: &Site) -> SiteLinks {
    let mut nav: Vec<Link> = TaxonomyKind::ALL
        .iter()
        .map(|k| Link {
            name: k.title().into(),
            url: site.url(&format!("{}/", k.slug())),
        })
        .collect();
    nav.push(Link {
        name: "Stories".into(),
        url: site.url("stories/"),
    });
    if !site.undated.is_empty() {
        nav.push(Link {
            name: "Undated".into(),
            url: site.url("undated/"),
        });
    }
    SiteLinks {
        base_path: site.config.base_path(),
        home: site.url(""),
        feed: site.url("atom.xml"),
        sitemap: site.permalink("sitemap.xml"),
        stylesheet: site.url("style.css"),
        syntax_stylesheet: site.url("syntax.css"),
        nav,
        header_html: String::new(),
    }
}

// ------------------------------------------------------------------ render

/// Renders specs to bytes. Holds the compiled templates and the site-wide
/// links; cheap to share across threads.
pub struct Renderer<'s> {
    site: &'s Site,
    theme: &'s Theme,
    tera: Tera,
    links: SiteLinks,
    /// Bodies of entries that appear in feeds, rendered once and shared by
    /// the entry page and every feed; other bodies are not kept, so memory
    /// does not grow with the archive.
    bodies: HashMap<usize, Feeds>,
    /// Each entry as listings show it, made once: an entry is listed on
    /// its day, month, year and every term page, and dates are slow to
    /// format. Small (no bodies), so kept for every entry.
    items: Vec<OnceLock<Prepared<EntryItem>>>,
    shared: SharedValues,
    /// The largest page each template has made so far: the next page of that
    /// template starts with that much room, so a 100 KB feed is not copied
    /// through five doublings of its buffer.
    sizes: HashMap<String, AtomicUsize>,
    /// Where the bodies the site does not hold are read from, if any.
    lazy: Option<&'s dyn BodySource>,
}

/// The bodies of entries a [`Site`] does not hold, read when a page shows
/// them: a build reads each Markdown body again when it renders it, so no
/// step holds every body at once.
pub trait BodySource: Sync {
    /// Whether entry `i`'s body is not held by the site (its `body` is
    /// empty until read here).
    fn pending(&self, i: usize) -> bool;
    /// Reads entry `i`'s body. Fails if its file can no longer be read, or
    /// no longer holds the body the build indexed.
    fn read(&self, i: usize) -> Result<String, Diagnostic>;
}

/// What is kept of an entry that appears in feeds: its body's HTML (for
/// its own page) and its feed entry (for every feed that carries it).
#[derive(Default)]
struct Feeds {
    body: OnceLock<String>,
    entry: OnceLock<Prepared<FeedEntry>>,
}

/// Context values every page shares, converted for Tera once.
struct SharedValues {
    config: tera::Value,
    site: tera::Value,
}

impl<'s> Renderer<'s> {
    /// Compiles the theme's templates for `site`. `specs` is the plan, used
    /// to know which bodies are shared between pages.
    pub fn new(site: &'s Site, theme: &'s Theme, specs: &[PageSpec]) -> Result<Self, Diagnostics> {
        let tera = theme.tera()?;
        let mut links = site_links(site);
        links.header_html = render_header(&tera, theme, site, &links)?;
        let probe = Builder::probe(site, &links);
        let mut bodies = HashMap::new();
        for spec in specs {
            if matches!(spec.kind, PageKind::Feed | PageKind::TermFeed(..)) {
                for i in probe.entries_with_content(spec) {
                    bodies.entry(i).or_insert_with(Feeds::default);
                }
            }
        }
        let shared = SharedValues {
            config: tera::Value::try_from_serializable(&site.config).map_err(|e| {
                Diagnostics::from(Diagnostic::error("cannot pass the config to templates").cause(e))
            })?,
            site: tera::Value::try_from_serializable(&links).map_err(|e| {
                Diagnostics::from(
                    Diagnostic::error("cannot pass the site links to templates").cause(e),
                )
            })?,
        };
        let sizes = specs
            .iter()
            .map(|s| (s.template.clone(), AtomicUsize::new(16 * 1024)))
            .collect();
        Ok(Renderer {
            site,
            theme,
            tera,
            links,
            bodies,
            items: (0..site.entries.len()).map(|_| OnceLock::new()).collect(),
            shared,
            sizes,
            lazy: None,
        })
    }

    /// Reads the bodies the site does not hold from `source`, each when a
    /// page shows it.
    #[must_use]
    pub fn with_bodies(mut self, source: &'s dyn BodySource) -> Self {
        self.lazy = Some(source);
        self
    }

    /// The bodies `spec` shows that the site does not hold and that are not
    /// rendered yet, read now.
    fn fetch(&self, spec: &PageSpec) -> Result<Vec<(usize, String)>, Diagnostic> {
        let Some(source) = self.lazy else {
            return Ok(Vec::new());
        };
        let feed = match spec.kind {
            PageKind::Entry(_) => false,
            PageKind::Feed | PageKind::TermFeed(..) => true,
            _ => return Ok(Vec::new()),
        };
        let probe = Builder::probe(self.site, &self.links);
        probe
            .entries_with_content(spec)
            .into_iter()
            .filter(|&i| {
                // Bodies shared with feeds are rendered once; a feed entry
                // made already needs no body.
                let made = self.bodies.get(&i).is_some_and(|kept| {
                    kept.body.get().is_some() || (feed && kept.entry.get().is_some())
                });
                !made && source.pending(i)
            })
            .map(|i| source.read(i).map(|body| (i, body)))
            .collect()
    }

    /// Renders one page. Errors name the template file, line and cause.
    pub fn render_page(&self, spec: &PageSpec) -> Result<Vec<u8>, Diagnostic> {
        let fetched = self.fetch(spec)?;
        let builder = Builder {
            site: self.site,
            links: &self.links,
            bodies: Some(&self.bodies),
            items: Some(&self.items),
            fetched: &fetched,
        };
        builder.with_context(spec, |ctx| {
            let context = ctx.into_tera(&self.shared).map_err(|e| {
                Diagnostic::error(format!("cannot build the context of {}", spec.path)).cause(e)
            })?;
            // Straight into bytes: `render` would check the UTF-8 it made.
            let size = self.sizes.get(&spec.template);
            let mut out = Vec::with_capacity(size.map_or(16 * 1024, |s| s.load(Ordering::Relaxed)));
            self.tera
                .render_to(&spec.template, &context, &mut out)
                .map(|()| {
                    if let Some(s) = size {
                        // Capped: one huge page must not make every later
                        // page of its template reserve as much.
                        s.fetch_max(out.len().min(1 << 20), Ordering::Relaxed);
                    }
                    out
                })
                .map_err(|e| {
                    self.theme.diagnostic(
                        &e,
                        format!(
                            "cannot render `{}` for the page {}",
                            spec.template, spec.path
                        ),
                    )
                })
        })
    }
}

/// Renders [`SITE_HEADER_TEMPLATE`] with `config` and `site` (no `page`).
fn render_header(
    tera: &Tera,
    theme: &Theme,
    site: &Site,
    links: &SiteLinks,
) -> Result<String, Diagnostics> {
    let mut context = Context::new();
    let fail = |e: tera::Error| {
        Diagnostics::from(theme.diagnostic(
            &e,
            format!("cannot render `{SITE_HEADER_TEMPLATE}` (the header of every page)"),
        ))
    };
    context.insert_value(
        "config",
        tera::Value::try_from_serializable(&site.config).map_err(fail)?,
    );
    context.insert_value(
        "site",
        tera::Value::try_from_serializable(links).map_err(fail)?,
    );
    tera.render(SITE_HEADER_TEMPLATE, &context).map_err(fail)
}

/// A page context of any page type, so contexts are built in one place.
#[allow(clippy::large_enum_variant)] // built and consumed at once, never stored
enum AnyContext<'a> {
    Entry(PageContext<'a, EntryData>),
    Listing(PageContext<'a, ListingData>),
    Terms(PageContext<'a, TermsData>),
    Term(PageContext<'a, TermData>),
    Stories(PageContext<'a, StoriesData>),
    Story(PageContext<'a, StoryData>),
    Feed(PageContext<'a, FeedData>),
    Sitemap(PageContext<'a, SitemapData>),
    Empty(PageContext<'a, NoData>),
}

macro_rules! each_context {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            AnyContext::Entry($c) => $body,
            AnyContext::Listing($c) => $body,
            AnyContext::Terms($c) => $body,
            AnyContext::Term($c) => $body,
            AnyContext::Stories($c) => $body,
            AnyContext::Story($c) => $body,
            AnyContext::Feed($c) => $body,
            AnyContext::Sitemap($c) => $body,
            AnyContext::Empty($c) => $body,
        }
    };
}

impl AnyContext<'_> {
    /// The Tera context: the same values as serialising the whole
    /// [`PageContext`], but `config` and `site`, identical on every page,
    /// come from values made once (Tera's maps are shared, so cloning
    /// them is cheap).
    fn into_tera(self, shared: &SharedValues) -> Result<Context, tera::Error> {
        each_context!(self, c => {
            let mut ctx = Context::from_serialize(&c.data)?;
            ctx.insert_value("config", shared.config.clone());
            ctx.insert_value("site", shared.site.clone());
            ctx.insert_value("page", tera::Value::try_from_serializable(&c.page)?);
            Ok(ctx)
        })
    }
}

/// Builds contexts. Without `bodies`, entry bodies are left empty (for
/// keys); with them, Markdown is rendered.
struct Builder<'a> {
    site: &'a Site,
    links: &'a SiteLinks,
    bodies: Option<&'a HashMap<usize, Feeds>>,
    items: Option<&'a [OnceLock<Prepared<EntryItem>>]>,
    /// Bodies read for this page that the site does not hold.
    fetched: &'a [(usize, String)],
}

impl<'a> Builder<'a> {
    /// A builder with nothing prepared, for asking which entries a page
    /// shows before any page is rendered.
    fn probe(site: &'a Site, links: &'a SiteLinks) -> Self {
        Builder {
            site,
            links,
            bodies: None,
            items: None,
            fetched: &[],
        }
    }

    fn url(&self, path: &str) -> String {
        self.url_of(&[path])
    }

    /// The URL path of a site path given in parts, joined without
    /// formatting (the renderer makes tens of thousands of these).
    fn url_of(&self, parts: &[&str]) -> String {
        let base = &self.links.base_path;
        let mut s =
            String::with_capacity(base.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        s.push_str(base);
        for p in parts {
            s.push_str(p);
        }
        s
    }

    fn entry(&self, i: usize) -> &'a Entry {
        &self.site.entries[i]
    }

    fn entry_url(&self, i: usize) -> String {
        self.url_of(&[&self.site.paths[i], "/"])
    }

    fn meta(&self, spec: &PageSpec, title: String, feed: Option<String>) -> PageMeta {
        let path = spec.site_path();
        let description = self.site.config.description.clone();
        PageMeta {
            title,
            url: self.url(path),
            permalink: self.site.permalink(path),
            description,
            feed,
        }
    }

    fn ctx<T: Serialize>(&self, page: PageMeta, data: T) -> PageContext<'a, T> {
        PageContext {
            config: &self.site.config,
            site: self.links,
            page,
            data,
        }
    }

    fn body(&self, i: usize) -> String {
        let Some(bodies) = self.bodies else {
            return String::new();
        };
        let markdown = || {
            let raw = self.fetched.iter().find(|(j, _)| *j == i);
            crate::markdown::render(raw.map_or(&self.entry(i).body, |(_, body)| body))
        };
        match bodies.get(&i) {
            Some(kept) => kept.body.get_or_init(markdown).clone(),
            None => markdown(),
        }
    }

    /// Entries whose bodies a page shows (entry pages and feeds).
    fn entries_with_content(&self, spec: &PageSpec) -> Vec<usize> {
        let limit = self.site.config.feed_limit;
        match &spec.kind {
            PageKind::Entry(i) => vec![*i],
            PageKind::Feed => self.site.newest.iter().take(limit).copied().collect(),
            PageKind::TermFeed(k, t) => self.site.taxonomy(*k).terms[*t]
                .entries
                .iter()
                .take(limit)
                .copied()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn item(&self, i: usize) -> Prepared<EntryItem> {
        match self.items.and_then(|items| items.get(i)) {
            Some(cell) => cell
                .get_or_init(|| Prepared::new(&self.make_item(i)))
                .clone(),
            None => Prepared::new(&self.make_item(i)),
        }
    }

    fn make_item(&self, i: usize) -> EntryItem {
        let e = self.entry(i);
        EntryItem {
            title: e.title.clone(),
            url: self.entry_url(i),
            date: e.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
            date_display: e.date.map(|d| display_date(&d)).unwrap_or_default(),
            kind: e.kind.as_str(),
            outlet: e.outlet.clone(),
            summary: e.summary.clone(),
        }
    }

    fn pagination(&self, spec: &PageSpec, dir: &str, count: usize) -> Pagination {
        let per = self.site.config.paginate.max(1);
        let total = count.div_ceil(per).max(1);
        let page_url = |n: usize| {
            if n == 1 {
                self.url(dir)
            } else {
                self.url(&format!("{dir}page/{n}/"))
            }
        };
        Pagination {
            current: spec.page,
            total,
            prev: (spec.page > 1).then(|| page_url(spec.page - 1)),
            next: (spec.page < total).then(|| page_url(spec.page + 1)),
            first: page_url(1),
        }
    }

    fn page_slice<'l>(&self, spec: &PageSpec, list: &'l [usize]) -> &'l [usize] {
        let per = self.site.config.paginate.max(1);
        let start = (spec.page.saturating_sub(1) * per).min(list.len());
        let end = (start + per).min(list.len());
        &list[start..end]
    }

    fn term_link(&self, k: TaxonomyKind, name: &str) -> Option<Link> {
        let tax = self.site.taxonomy(k);
        let t = tax.term_index(name)?;
        Some(Link {
            name: name.to_string(),
            url: self.term_url(k, t),
        })
    }

    /// The URL path of term `t` of taxonomy `k`.
    fn term_url(&self, k: TaxonomyKind, t: usize) -> String {
        self.url_of(&[k.slug(), "/", &self.site.taxonomy(k).terms[t].slug, "/"])
    }

    fn term_links(&self, k: TaxonomyKind, names: &[String]) -> Vec<Link> {
        names.iter().filter_map(|n| self.term_link(k, n)).collect()
    }

    fn listing(
        &self,
        spec: &PageSpec,
        dir: &str,
        list: &[usize],
        periods: (Option<Link>, Option<Link>, Option<Link>),
        children: Vec<TermLink>,
    ) -> ListingData {
        ListingData {
            entries: self
                .page_slice(spec, list)
                .iter()
                .map(|&i| self.item(i))
                .collect(),
            pagination: self.pagination(spec, dir, list.len()),
            prev_period: periods.0,
            next_period: periods.1,
            up: periods.2,
            children,
        }
    }

    fn feed_entry(&self, i: usize) -> Prepared<FeedEntry> {
        match self.bodies.and_then(|b| b.get(&i)) {
            Some(kept) => kept
                .entry
                .get_or_init(|| Prepared::new(&self.make_feed_entry(i)))
                .clone(),
            None => Prepared::new(&self.make_feed_entry(i)),
        }
    }

    fn make_feed_entry(&self, i: usize) -> FeedEntry {
        let e = self.entry(i);
        let content = self.body(i);
        let url = self.site.permalink(&format!("{}/", self.site.paths[i]));
        let published = e
            .date
            .map(|d| d.to_rfc3339_full())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        let mut authors = e.authors.clone();
        if authors.is_empty() {
            authors.push(
                e.outlet
                    .clone()
                    .unwrap_or_else(|| self.site.config.title.clone()),
            );
        }
        FeedEntry {
            id: url.clone(),
            title: e.title.clone(),
            url,
            updated: e
                .updated
                .map(|d| d.to_rfc3339_full())
                .unwrap_or_else(|| published.clone()),
            published,
            authors,
            summary: e.summary.clone(),
            content_xml: escaped_safe(&content),
            content,
        }
    }

    fn feed(&self, title: String, self_path: &str, alt_path: &str, list: &[usize]) -> FeedData {
        let limit = self.site.config.feed_limit;
        let entries: Vec<Prepared<FeedEntry>> = list
            .iter()
            .take(limit)
            .map(|&i| self.feed_entry(i))
            .collect();
        let updated = list
            .iter()
            .take(limit)
            .filter_map(|&i| {
                let e = self.entry(i);
                e.updated.or(e.date).map(|d| (d.timestamp(), d))
            })
            .max_by_key(|(t, _)| *t)
            .map(|(_, d)| d.to_rfc3339_full())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        FeedData {
            feed: FeedMeta {
                id: self.site.permalink(self_path),
                title,
                updated,
                self_url: self.site.permalink(self_path),
                alternate_url: self.site.permalink(alt_path),
            },
            entries,
        }
    }

    /// Builds the context of `spec` and hands it to `f`.
    fn with_context<R>(
        &self,
        spec: &PageSpec,
        f: impl FnOnce(AnyContext<'a>) -> Result<R, Diagnostic>,
    ) -> Result<R, Diagnostic> {
        let site = self.site;
        let cfg = &site.config;
        let ctx = match &spec.kind {
            PageKind::Index => {
                let title = cfg.title.clone();
                let meta = self.meta(spec, title, Some(self.links.feed.clone()));
                AnyContext::Listing(self.ctx(
                    meta,
                    self.listing(spec, "", &site.newest, (None, None, None), Vec::new()),
                ))
            }
            PageKind::Entry(i) => {
                let i = *i;
                let e = self.entry(i);
                let story = site.story_of(i);
                let (story_prev, story_next) = match story {
                    Some(s) => {
                        let pos = s.entries.iter().position(|&x| x == i);
                        let link = |x: usize| Link {
                            name: site.entries[x].title.clone(),
                            url: self.entry_url(x),
                        };
                        (
                            pos.and_then(|p| p.checked_sub(1))
                                .and_then(|p| s.entries.get(p))
                                .map(|&x| link(x)),
                            pos.and_then(|p| s.entries.get(p + 1)).map(|&x| link(x)),
                        )
                    }
                    None => (None, None),
                };
                let view = EntryView {
                    title: e.title.clone(),
                    url: self.entry_url(i),
                    date: e.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
                    date_display: e.date.map(|d| display_date(&d)).unwrap_or_default(),
                    day: e.date.map(|d| Link {
                        name: d.day().strftime("%-d %B %Y").to_string(),
                        url: self.url(&format!("{}/", day_path(d.day()))),
                    }),
                    updated: e.updated.map(|d| d.to_rfc3339()),
                    updated_display: e.updated.map(|d| display_date(&d)),
                    kind: e.kind.as_str(),
                    outlet: e
                        .outlet
                        .as_deref()
                        .and_then(|o| self.term_link(TaxonomyKind::Outlets, o)),
                    authors: self.term_links(TaxonomyKind::Authors, &e.authors),
                    actors: self.term_links(TaxonomyKind::Actors, &e.actors),
                    places: self.term_links(TaxonomyKind::Places, &e.places),
                    tags: e.tags.clone(),
                    summary: e.summary.clone(),
                    original_url: e.url.clone(),
                    original_url_is_link: e.url.as_deref().is_some_and(|u| {
                        let u = u.trim_start().to_ascii_lowercase();
                        u.starts_with("http://") || u.starts_with("https://")
                    }),
                    captions: e.captions.clone(),
                    captured_from: e.captured_from.clone(),
                    story: story.map(|s| Link {
                        name: s.name.clone(),
                        url: self.url(&format!("stories/{}/", s.slug)),
                    }),
                };
                let meta = PageMeta {
                    description: e.summary.clone().or_else(|| cfg.description.clone()),
                    ..self.meta(spec, e.title.clone(), None)
                };
                AnyContext::Entry(self.ctx(
                    meta,
                    EntryData {
                        entry: view,
                        content: self.body(i),
                        story_prev,
                        story_next,
                    },
                ))
            }
            PageKind::Year(y) => {
                let list = site.years.get(y).map_or(&[][..], Vec::as_slice);
                let prev = site.years.range(..*y).next_back().map(|(k, _)| *k);
                let next = site.years.range(y + 1..).next().map(|(k, _)| *k);
                let ylink = |y: i16| Link {
                    name: y.to_string(),
                    url: self.url(&format!("{y:04}/")),
                };
                let children = site
                    .months
                    .range((*y, 1)..=(*y, 12))
                    .rev()
                    .map(|(&(yy, m), l)| TermLink {
                        name: month_name(yy, m),
                        url: self.url(&format!("{yy:04}/{m:02}/")),
                        count: l.len(),
                    })
                    .collect();
                let meta = self.meta(spec, y.to_string(), None);
                AnyContext::Listing(self.ctx(
                    meta,
                    self.listing(
                        spec,
                        &format!("{y:04}/"),
                        list,
                        (prev.map(ylink), next.map(ylink), None),
                        children,
                    ),
                ))
            }
            PageKind::Month(y, m) => {
                let key = (*y, *m);
                let list = site.months.get(&key).map_or(&[][..], Vec::as_slice);
                let prev = site.months.range(..key).next_back().map(|(k, _)| *k);
                let next = site
                    .months
                    .range((std::ops::Bound::Excluded(key), std::ops::Bound::Unbounded))
                    .next()
                    .map(|(k, _)| *k);
                let mlink = |(y, m): (i16, i8)| Link {
                    name: month_name(y, m),
                    url: self.url(&format!("{y:04}/{m:02}/")),
                };
                let children = days_of_month(site, *y, *m)
                    .rev()
                    .map(|(d, l)| TermLink {
                        name: d.strftime("%-d %B %Y").to_string(),
                        url: self.url(&format!("{}/", day_path(*d))),
                        count: l.len(),
                    })
                    .collect();
                let up = Link {
                    name: y.to_string(),
                    url: self.url(&format!("{y:04}/")),
                };
                let meta = self.meta(spec, month_name(*y, *m), None);
                AnyContext::Listing(self.ctx(
                    meta,
                    self.listing(
                        spec,
                        &format!("{y:04}/{m:02}/"),
                        list,
                        (prev.map(mlink), next.map(mlink), Some(up)),
                        children,
                    ),
                ))
            }
            PageKind::Day(d) => {
                let list = site.days.get(d).map_or(&[][..], Vec::as_slice);
                let prev = site.days.range(..*d).next_back().map(|(k, _)| *k);
                let next = site
                    .days
                    .range((std::ops::Bound::Excluded(*d), std::ops::Bound::Unbounded))
                    .next()
                    .map(|(k, _)| *k);
                let dlink = |d: Date| Link {
                    name: d.strftime("%-d %B %Y").to_string(),
                    url: self.url(&format!("{}/", day_path(d))),
                };
                let up = Link {
                    name: month_name(d.year(), d.month()),
                    url: self.url(&format!("{:04}/{:02}/", d.year(), d.month())),
                };
                let meta = self.meta(spec, d.strftime("%-d %B %Y").to_string(), None);
                AnyContext::Listing(self.ctx(
                    meta,
                    self.listing(
                        spec,
                        &format!("{}/", day_path(*d)),
                        list,
                        (prev.map(dlink), next.map(dlink), Some(up)),
                        Vec::new(),
                    ),
                ))
            }
            PageKind::Undated => {
                let meta = self.meta(spec, "Undated entries".into(), None);
                AnyContext::Listing(self.ctx(
                    meta,
                    self.listing(
                        spec,
                        "undated/",
                        &site.undated,
                        (None, None, None),
                        Vec::new(),
                    ),
                ))
            }
            PageKind::Terms(k) => {
                let tax = site.taxonomy(*k);
                let terms = tax
                    .terms
                    .iter()
                    .map(|t| TermLink {
                        name: t.name.clone(),
                        url: self.url(&format!("{}/{}/", k.slug(), t.slug)),
                        count: t.entries.len(),
                    })
                    .collect();
                let meta = self.meta(spec, k.title().into(), None);
                AnyContext::Terms(self.ctx(
                    meta,
                    TermsData {
                        taxonomy: self.taxonomy_info(*k),
                        terms,
                    },
                ))
            }
            PageKind::Term(k, t) => {
                let tax = site.taxonomy(*k);
                let term = &tax.terms[*t];
                let dir = format!("{}/{}/", k.slug(), term.slug);
                let mut groups: Vec<Group> = Vec::new();
                for &i in self.page_slice(spec, &term.entries) {
                    let label = match self.entry(i).date {
                        Some(d) => month_name(d.day().year(), d.day().month()),
                        None => "Undated".into(),
                    };
                    match groups.last_mut() {
                        Some(g) if g.label == label => g.entries.push(self.item(i)),
                        _ => groups.push(Group {
                            label,
                            entries: vec![self.item(i)],
                        }),
                    }
                }
                let related = term
                    .related
                    .iter()
                    .map(|&(r, n)| TermLink {
                        name: tax.terms[r].name.clone(),
                        url: self.term_url(*k, r),
                        count: n,
                    })
                    .collect();
                let feed = self.url(&format!("{dir}atom.xml"));
                let meta = self.meta(spec, term.name.clone(), Some(feed));
                AnyContext::Term(self.ctx(
                    meta,
                    TermData {
                        taxonomy: self.taxonomy_info(*k),
                        term: TermLink {
                            name: term.name.clone(),
                            url: self.url(&dir),
                            count: term.entries.len(),
                        },
                        groups,
                        pagination: self.pagination(spec, &dir, term.entries.len()),
                        related,
                    },
                ))
            }
            PageKind::TermFeed(k, t) => {
                let term = &site.taxonomy(*k).terms[*t];
                let dir = format!("{}/{}/", k.slug(), term.slug);
                let title = format!("{}: {}", cfg.title, term.name);
                let meta = self.meta(spec, title.clone(), None);
                AnyContext::Feed(self.ctx(
                    meta,
                    self.feed(title, &format!("{dir}atom.xml"), &dir, &term.entries),
                ))
            }
            PageKind::Stories => {
                let stories = site
                    .stories
                    .iter()
                    .map(|s| TermLink {
                        name: s.name.clone(),
                        url: self.url(&format!("stories/{}/", s.slug)),
                        count: s.entries.len(),
                    })
                    .collect();
                let meta = self.meta(spec, "Stories".into(), None);
                AnyContext::Stories(self.ctx(meta, StoriesData { stories }))
            }
            PageKind::Story(s) => {
                let story = &site.stories[*s];
                let dir = format!("stories/{}/", story.slug);
                let meta = self.meta(spec, story.name.clone(), None);
                AnyContext::Story(
                    self.ctx(
                        meta,
                        StoryData {
                            story: TermLink {
                                name: story.name.clone(),
                                url: self.url(&dir),
                                count: story.entries.len(),
                            },
                            entries: self
                                .page_slice(spec, &story.entries)
                                .iter()
                                .map(|&i| self.item(i))
                                .collect(),
                            pagination: self.pagination(spec, &dir, story.entries.len()),
                        },
                    ),
                )
            }
            PageKind::Feed => {
                let meta = self.meta(spec, cfg.title.clone(), None);
                AnyContext::Feed(self.ctx(
                    meta,
                    self.feed(cfg.title.clone(), "atom.xml", "", &site.newest),
                ))
            }
            PageKind::Sitemap(paths) => {
                let urls = paths
                    .iter()
                    .map(|p| SitemapUrl {
                        loc: site.permalink(p),
                    })
                    .collect();
                let meta = self.meta(spec, "Sitemap".into(), None);
                AnyContext::Sitemap(self.ctx(meta, SitemapData { urls }))
            }
            PageKind::Robots => {
                let meta = self.meta(spec, "robots.txt".into(), None);
                AnyContext::Empty(self.ctx(meta, NoData {}))
            }
            PageKind::NotFound => {
                let meta = self.meta(spec, "Page not found".into(), None);
                AnyContext::Empty(self.ctx(meta, NoData {}))
            }
        };
        f(ctx)
    }

    fn taxonomy_info(&self, k: TaxonomyKind) -> TaxonomyInfo {
        TaxonomyInfo {
            name: k.slug(),
            title: k.title(),
            url: self.url(&format!("{}/", k.slug())),
        }
    }
}

/// `January 2022`.
fn month_name(y: i16, m: i8) -> String {
    jiff::civil::Date::new(y, m, 1)
        .map(|d| d.strftime("%B %Y").to_string())
        .unwrap_or_else(|_| format!("{y:04}-{m:02}"))
}

/// A date for people: `21 January 2022, 21:30 -05:00`, or `21 January 2022`.
pub fn display_date(d: &EntryDate) -> String {
    match d {
        EntryDate::Day(day) => day.strftime("%-d %B %Y").to_string(),
        EntryDate::At(dt, off) => {
            let s = off.seconds();
            let offset = if s == 0 {
                "UTC".to_string()
            } else {
                let a = s.unsigned_abs();
                format!(
                    "UTC{}{:02}:{:02}",
                    if s < 0 { '\u{2212}' } else { '+' },
                    a / 3600,
                    (a % 3600) / 60
                )
            };
            format!("{}, {offset}", dt.strftime("%-d %B %Y, %H:%M"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Origin;
    use jiff::tz::TimeZone;

    fn entry(title: &str, date: &str, actors: &[&str]) -> (Entry, String) {
        let e = Entry {
            date: Some(EntryDate::parse(date, &TimeZone::UTC).unwrap()),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            body: format!("Body of {title}."),
            ..Entry::new(title, format!("{title}.md"), Origin::Markdown)
        };
        let p = crate::paths::base_path(&e);
        (e, p)
    }

    fn site(entries: Vec<(Entry, String)>, paginate: usize) -> Site {
        let config = Config {
            paginate,
            ..Config::default()
        };
        Site::new(config, entries).0
    }

    fn paths(specs: &[PageSpec]) -> Vec<&str> {
        specs.iter().map(|s| s.path.as_str()).collect()
    }

    #[test]
    fn plan_lists_every_page_once() {
        let s = site(
            vec![
                entry("One", "2022-01-21T10:00:00Z", &["Mara Ode"]),
                entry("Two", "2022-02-03T10:00:00Z", &["Mara Ode"]),
            ],
            20,
        );
        let specs = plan(&s, &Theme::builtin());
        let p = paths(&specs);
        for want in [
            "index.html",
            "2022/01/21/one/index.html",
            "2022/index.html",
            "2022/02/index.html",
            "2022/02/03/index.html",
            "actors/index.html",
            "actors/mara-ode/index.html",
            "actors/mara-ode/atom.xml",
            "places/index.html",
            "stories/index.html",
            "atom.xml",
            "sitemap.xml",
            "robots.txt",
            "404.html",
        ] {
            assert!(p.contains(&want), "{want} missing from {p:?}");
        }
        let mut dedup = p.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), p.len(), "a path is planned twice");
    }

    #[test]
    fn listings_paginate_by_the_configured_size() {
        let entries = (1..=5)
            .map(|d| entry(&format!("E{d}"), &format!("2022-01-0{d}T10:00:00Z"), &[]))
            .collect();
        let specs = plan(&site(entries, 2), &Theme::builtin());
        let p = paths(&specs);
        assert!(p.contains(&"page/2/index.html"));
        assert!(p.contains(&"page/3/index.html"));
        assert!(!p.contains(&"page/4/index.html"));
        assert!(p.contains(&"2022/01/page/3/index.html"));
    }

    #[test]
    fn editing_one_body_changes_only_the_keys_that_show_it() {
        let make = |body: &str| {
            let mut a = entry("One", "2022-01-21T10:00:00Z", &["Mara Ode"]);
            a.0.body = body.into();
            let b = entry("Two", "2022-03-03T10:00:00Z", &["Ivo Lind"]);
            plan(&site(vec![a, b], 20), &Theme::builtin())
        };
        let before = make("First text.");
        let after = make("Second text.");
        let changed: Vec<&str> = before
            .iter()
            .zip(&after)
            .filter(|(a, b)| a.key != b.key)
            .map(|(a, _)| a.path.as_str())
            .collect();
        assert!(changed.contains(&"2022/01/21/one/index.html"));
        assert!(changed.contains(&"atom.xml"));
        assert!(changed.contains(&"actors/mara-ode/atom.xml"));
        assert!(
            !changed.contains(&"2022/03/03/two/index.html"),
            "{changed:?}"
        );
        assert!(
            !changed.contains(&"actors/ivo-lind/atom.xml"),
            "{changed:?}"
        );
        assert!(!changed.contains(&"2022/01/index.html"), "{changed:?}");
    }

    #[test]
    fn a_feed_prints_its_escaped_body_as_autoescape_would() {
        let html = "<p>Talks &amp; \"quotes\" in <em>Tallinn</em> — it's 'late'</p>\n<pre><code>a < b</code></pre>";
        let entry = FeedEntry {
            id: "https://example.org/a/".into(),
            title: "A".into(),
            url: "https://example.org/a/".into(),
            published: "2022-01-21T08:49:00-05:00".into(),
            updated: "2022-01-21T08:49:00-05:00".into(),
            authors: vec!["Mari Tamm".into()],
            summary: None,
            content: html.into(),
            content_xml: escaped_safe(html),
        };
        let mut tera = Tera::default();
        tera.autoescape_on([".xml"]);
        tera.add_raw_template("old.xml", "{{ e.content }}").unwrap();
        tera.add_raw_template("new.xml", "{{ e.content_xml }}")
            .unwrap();
        let mut ctx = Context::new();
        ctx.insert("e", &Prepared::new(&entry));
        let old = tera.render("old.xml", &ctx).unwrap();
        let new = tera.render("new.xml", &ctx).unwrap();
        assert_eq!(new, old);
        // Escaped exactly once: no raw markup, no double-escaped entity.
        assert!(new.starts_with("&lt;p&gt;Talks &amp;amp; "), "{new}");
        assert!(!new.contains('<') && !new.contains("&amp;lt;"), "{new}");
    }

    #[test]
    fn prepared_values_show_in_templates_as_their_data_would() {
        let item = EntryItem {
            title: "Talks <resume>".into(),
            url: "/2022/01/21/talks/".into(),
            date: "2022-01-21T08:49:00-05:00".into(),
            date_display: "21 January 2022".into(),
            kind: "article",
            outlet: Some("Daily Ledger".into()),
            summary: None,
        };
        let group = |entries| serde_json::json!({ "label": "January 2022", "entries": entries });
        let mut tera = Tera::default();
        tera.add_raw_template(
            "t.html",
            "{% for e in g.entries %}{{ e.title }}|{{ e.url }}|{{ e.outlet }}|{{ e.summary }};{% endfor %}",
        )
        .unwrap();
        let render = |v: serde_json::Value| {
            let mut ctx = Context::new();
            ctx.insert("g", &v);
            tera.render("t.html", &ctx).unwrap()
        };
        let plain = render(group(serde_json::json!([item.clone(), item.clone()])));
        let group_prepared = Group {
            label: "January 2022".into(),
            entries: vec![Prepared::new(&item), Prepared::new(&item)],
        };
        let mut ctx = Context::new();
        ctx.insert("g", &group_prepared);
        let prepared = tera.render("t.html", &ctx).unwrap();
        assert_eq!(prepared, plain);
        assert!(prepared.contains("Talks &lt;resume&gt;|/2022/01/21/talks/|Daily Ledger|;"));
        // Outside Tera it serialises as the data itself.
        assert_eq!(
            serde_json::to_value(&group_prepared).unwrap(),
            group(serde_json::json!([item.clone(), item]))
        );
    }

    #[test]
    fn dates_read_as_people_write_them() {
        let d = EntryDate::parse("2022-01-21T21:30:00-05:00", &TimeZone::UTC).unwrap();
        assert_eq!(display_date(&d), "21 January 2022, 21:30, UTC\u{2212}05:00");
    }
}
