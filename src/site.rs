//! The site index: every way the archive is browsed, as lists of indices
//! into one `Vec` of entries (never copies of entries).
//!
//! [`Site::new`] is pure and cheap (sorting and grouping, no Markdown), so
//! an incremental rebuilder can rebuild it after every change.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use ahash::AHashMap;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, slugify};

/// The four taxonomies, in the order they appear on pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TaxonomyKind {
    /// People and organisations.
    Actors,
    /// Places.
    Places,
    /// Publications.
    Outlets,
    /// Bylines.
    Authors,
}

impl TaxonomyKind {
    /// All of them.
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Actors,
        TaxonomyKind::Places,
        TaxonomyKind::Outlets,
        TaxonomyKind::Authors,
    ];

    /// The URL folder (`actors`), also the name used in templates.
    pub fn slug(self) -> &'static str {
        match self {
            TaxonomyKind::Actors => "actors",
            TaxonomyKind::Places => "places",
            TaxonomyKind::Outlets => "outlets",
            TaxonomyKind::Authors => "authors",
        }
    }

    /// The heading of the taxonomy's index page.
    pub fn title(self) -> &'static str {
        match self {
            TaxonomyKind::Actors => "Actors",
            TaxonomyKind::Places => "Places",
            TaxonomyKind::Outlets => "Outlets",
            TaxonomyKind::Authors => "Authors",
        }
    }

    /// The names an entry has in this taxonomy.
    pub fn names(self, e: &Entry) -> &[String] {
        match self {
            TaxonomyKind::Actors => &e.actors,
            TaxonomyKind::Places => &e.places,
            TaxonomyKind::Outlets => e.outlet.as_slice(),
            TaxonomyKind::Authors => &e.authors,
        }
    }
}

/// One term of a taxonomy (an actor, a place...).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The name as shown (the most common spelling with this slug).
    pub name: String,
    /// `entry::slugify(name)`.
    pub slug: String,
    /// Entries naming it, newest first (undated ones last).
    pub entries: Vec<usize>,
    /// Other terms of the same taxonomy named in the same entries, most
    /// often first: (index into `Taxonomy::terms`, shared entries).
    pub related: Vec<(usize, usize)>,
}

/// A taxonomy: its terms sorted by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    /// Which taxonomy.
    pub kind: TaxonomyKind,
    /// Terms, sorted by name (case-insensitively).
    pub terms: Vec<Term>,
    /// Term slug to index in `terms`.
    pub by_slug: HashMap<String, usize>,
    /// Each spelling the entries use, to the index of its term in `terms`:
    /// pages link every name they show, and slugifying the name each time
    /// (transliteration and an allocation) showed in profiles.
    pub by_name: AHashMap<String, usize>,
}

impl Taxonomy {
    /// The index in `terms` of the term an entry's name belongs to.
    pub fn term_index(&self, name: &str) -> Option<usize> {
        match self.by_name.get(name) {
            Some(&t) => Some(t),
            None => self.by_slug.get(&slugify(name)).copied(),
        }
    }

    /// The term an entry's name belongs to.
    pub fn term_of(&self, name: &str) -> Option<&Term> {
        self.term_index(name).map(|i| &self.terms[i])
    }
}

/// A story or live blog: its posts in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The story's title, as written in `story`.
    pub name: String,
    /// Its slug.
    pub slug: String,
    /// Its entries, oldest first.
    pub entries: Vec<usize>,
}

/// The index of a whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration, with any `--base-url` override applied.
    pub config: Config,
    /// Every entry, in the order given. Shared, so a rebuilder that keeps
    /// its entries between rebuilds indexes them without copying them.
    pub entries: Vec<Arc<Entry>>,
    /// Each entry's page path (`2022/01/21/slug`), parallel to `entries`.
    pub paths: Vec<String>,
    /// A content hash of each entry and its path, parallel to `entries`;
    /// page keys are made from these instead of from rendered bodies.
    pub fingerprints: Vec<[u8; 32]>,
    /// A hash of everything but the body of each entry, with its path,
    /// parallel to `entries`: what listings show of it, so a body edit
    /// leaves listing pages' keys alone.
    pub meta_fingerprints: Vec<[u8; 32]>,
    /// Dated entries, newest first.
    pub newest: Vec<usize>,
    /// Entries by year, newest first within each.
    pub years: BTreeMap<i16, Vec<usize>>,
    /// Entries by (year, month).
    pub months: BTreeMap<(i16, i8), Vec<usize>>,
    /// Entries by day.
    pub days: BTreeMap<Date, Vec<usize>>,
    /// Actors, places, outlets and authors, in [`TaxonomyKind::ALL`] order.
    pub taxonomies: Vec<Taxonomy>,
    /// Stories, sorted by name.
    pub stories: Vec<Story>,
    /// Story slug to index in `stories`.
    pub story_by_slug: HashMap<String, usize>,
    /// Entries without a date, by title.
    pub undated: Vec<usize>,
}

/// How many related terms a term page shows.
const RELATED_LIMIT: usize = 12;

impl Site {
    /// Indexes entries that already have their page paths
    /// ([`crate::paths::assign`]). Returns warnings for names that differ
    /// but share a slug (they become one term).
    pub fn new(config: Config, entries_with_paths: Vec<(Entry, String)>) -> (Site, Diagnostics) {
        let known = vec![None; entries_with_paths.len()];
        Site::with_fingerprints(config, entries_with_paths, known)
    }

    /// [`Site::new`], taking the fingerprints of entries a caller already
    /// knows (parallel to `entries_with_paths`; `None` where unknown): a
    /// rebuild or a cached build passes those of entries whose source and
    /// path did not change, so only changed entries are hashed again. A
    /// known pair must be what [`fingerprint_of`] gives for that entry on
    /// that path.
    pub fn with_fingerprints(
        config: Config,
        entries_with_paths: Vec<(Entry, String)>,
        known: Vec<Option<Fingerprints>>,
    ) -> (Site, Diagnostics) {
        let shared = entries_with_paths
            .into_iter()
            .map(|(e, p)| (Arc::new(e), p))
            .collect();
        Site::from_shared(config, shared, known)
    }

    /// [`Site::with_fingerprints`] over entries the caller shares: an
    /// incremental rebuilder keeps its entries between rebuilds, so
    /// indexing them again moves pointers instead of copying every entry.
    pub fn from_shared(
        config: Config,
        entries_with_paths: Vec<(Arc<Entry>, String)>,
        known: Vec<Option<Fingerprints>>,
    ) -> (Site, Diagnostics) {
        Site::from_read(config, entries_with_paths, known, Vec::new())
    }

    /// [`Site::from_shared`] over entries some of whose bodies are not
    /// held: `digests` (parallel to `entries_with_paths`, `None` where the
    /// body is held) gives the [`body_digest`] of each body read and let
    /// go, which is all a fingerprint needs of it. A build reads bodies
    /// again when it renders them, so it never holds every body at once.
    pub fn from_read(
        config: Config,
        entries_with_paths: Vec<(Arc<Entry>, String)>,
        mut known: Vec<Option<Fingerprints>>,
        mut digests: Vec<Option<[u8; 32]>>,
    ) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();
        known.resize(entries_with_paths.len(), None);
        digests.resize(entries_with_paths.len(), None);
        let (mut entries, paths): (Vec<Arc<Entry>>, Vec<String>) =
            entries_with_paths.into_iter().unzip();
        let (fingerprints, meta_fingerprints): (Vec<[u8; 32]>, Vec<[u8; 32]>) = entries
            .par_iter_mut()
            .zip(paths.par_iter())
            .zip(known.into_par_iter().zip(digests.into_par_iter()))
            .map(|((e, p), (k, d))| {
                k.unwrap_or_else(|| match (d, Arc::get_mut(e)) {
                    (Some(d), _) => fingerprint_with_digest(e, p, &d),
                    // Not shared: hashed in place, without a copy.
                    (None, Some(e)) => fingerprint(e, p),
                    (None, None) => fingerprint_of(e, p),
                })
            })
            .unzip();

        // Timestamps once, not at every comparison (jiff converts the date
        // with its offset each time).
        let stamps: Vec<Option<jiff::Timestamp>> = entries
            .iter()
            .map(|e| e.date.map(|d| d.timestamp()))
            .collect();
        let ts = |i: usize| stamps[i];
        // Newest first; ties broken by path so the order never depends on
        // the order files were read.
        let by_newest = |a: &usize, b: &usize| ts(*b).cmp(&ts(*a)).then(paths[*a].cmp(&paths[*b]));
        let mut newest: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].date.is_some())
            .collect();
        // Paths are unique, so the order is total and an unstable sort
        // gives the same order.
        newest.sort_unstable_by(by_newest);
        let mut undated: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].date.is_none())
            .collect();
        undated.sort_unstable_by(|&a, &b| paths[a].cmp(&paths[b]));

        let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
        let mut months: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
        let mut days: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
        for &i in &newest {
            if let Some(d) = entries[i].date {
                let day = d.day();
                years.entry(day.year()).or_default().push(i);
                months.entry((day.year(), day.month())).or_default().push(i);
                days.entry(day).or_default().push(i);
            }
        }
        // Terms list entries newest first, undated ones after.
        let listing: Vec<usize> = newest.iter().chain(&undated).copied().collect();

        // The four taxonomies are independent: build them side by side.
        let built: Vec<(Taxonomy, Diagnostics)> = TaxonomyKind::ALL
            .par_iter()
            .map(|&kind| {
                let mut d = Diagnostics::new();
                let t = build_taxonomy(kind, &entries, &listing, &mut d);
                (t, d)
            })
            .collect();
        let mut taxonomies = Vec::with_capacity(built.len());
        for (t, d) in built {
            taxonomies.push(t);
            diags.extend(d);
        }

        let mut story_map: BTreeMap<String, Story> = BTreeMap::new();
        for &i in &listing {
            if let Some(name) = &entries[i].story {
                let slug = slugify(name);
                if slug.is_empty() {
                    continue;
                }
                story_map
                    .entry(slug.clone())
                    .or_insert_with(|| Story {
                        name: name.clone(),
                        slug,
                        entries: Vec::new(),
                    })
                    .entries
                    .push(i);
            }
        }
        let mut stories: Vec<Story> = story_map.into_values().collect();
        for s in &mut stories {
            s.entries.reverse(); // oldest first: a live blog reads in time order
        }
        stories.sort_by_key(|s| s.name.to_lowercase());
        let story_by_slug = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug.clone(), i))
            .collect();

        let site = Site {
            config,
            entries,
            paths,
            fingerprints,
            meta_fingerprints,
            newest,
            years,
            months,
            days,
            taxonomies,
            stories,
            story_by_slug,
            undated,
        };
        (site, diags)
    }

    /// A taxonomy by kind.
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        // Built in ALL order, so the index is the position in ALL.
        let i = TaxonomyKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        &self.taxonomies[i]
    }

    /// The story an entry belongs to.
    pub fn story_of(&self, entry: usize) -> Option<&Story> {
        let name = self.entries[entry].story.as_deref()?;
        self.story_by_slug
            .get(&slugify(name))
            .map(|&i| &self.stories[i])
    }

    /// The URL path of a site path (`2022/01/` → `/news/2022/01/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_path(), path)
    }

    /// The absolute URL of a site path, for feeds and the sitemap.
    pub fn permalink(&self, path: &str) -> String {
        absolute(&self.config.base_url, path)
    }
}

/// `base_url` joined with a site path; a base without a host (`/`) stays a
/// path.
pub fn absolute(base_url: &str, path: &str) -> String {
    let mut s = base_url.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    s.push_str(path);
    s
}

/// The content hashes of one entry on its path: (everything, everything
/// but the body), as [`Site::fingerprints`] and [`Site::meta_fingerprints`]
/// hold them.
pub type Fingerprints = ([u8; 32], [u8; 32]);

/// The [`Fingerprints`] of `e` on `path`.
pub fn fingerprint_of(e: &Entry, path: &str) -> Fingerprints {
    fingerprint(&mut e.clone(), path)
}

/// [`fingerprint_of`] without a copy: the body is taken out (then put
/// back) so the rest serialises without it.
///
/// Fingerprints only tell whether an entry changed since the last build
/// (no adversary), so each is a 128-bit XXH3 followed by its input's
/// length, like page keys: on a cold build every entry is fingerprinted,
/// and XXH3 costs a fraction of blake3 there.
fn fingerprint(e: &mut Entry, path: &str) -> Fingerprints {
    let body = std::mem::take(&mut e.body);
    let prints = fingerprint_with_digest(e, path, &body_digest(&body));
    e.body = body;
    prints
}

/// What a fingerprint hashes of a body: its 128-bit XXH3 and its length.
/// Computed when the body is read, it lets a build fingerprint an entry
/// whose body it has let go.
pub fn body_digest(body: &str) -> [u8; 32] {
    key_of(xxhash_rust::xxh3::xxh3_128(body.as_bytes()), body.len())
}

/// The [`Fingerprints`] of `e` on `path`, given its body's [`body_digest`].
/// `e.body` must be empty: the body is let go, or taken out by the caller.
fn fingerprint_with_digest(e: &Entry, path: &str, digest: &[u8; 32]) -> Fingerprints {
    thread_local! {
        // The serialised metadata, reused: one allocation per thread.
        static META: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    debug_assert!(
        e.body.is_empty(),
        "a fingerprint hashes the body's digest, not the body"
    );
    let meta = META.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        buf.extend_from_slice(path.as_bytes());
        buf.push(0);
        // Serialising an Entry cannot fail: it holds only strings and plain data.
        let _ = serde_json::to_writer(&mut *buf, e);
        key_of(xxhash_rust::xxh3::xxh3_128(&buf), buf.len())
    });
    let mut both = [0u8; 64];
    both[..32].copy_from_slice(&meta);
    both[32..].copy_from_slice(digest);
    // The length part counts what was hashed: metadata, then body.
    let len = key_len(&meta)
        .saturating_add(8)
        .saturating_add(key_len(digest));
    (key_of(xxhash_rust::xxh3::xxh3_128(&both), len), meta)
}

/// The input length [`key_of`] recorded in `key`.
fn key_len(key: &[u8; 32]) -> usize {
    let mut len = [0u8; 8];
    len.copy_from_slice(&key[16..24]);
    usize::try_from(u64::from_le_bytes(len)).unwrap_or(usize::MAX)
}

/// A 128-bit hash and its input's length in a fingerprint's 32 bytes.
fn key_of(hash: u128, len: usize) -> [u8; 32] {
    let mut key = [0; 32];
    key[..16].copy_from_slice(&hash.to_le_bytes());
    key[16..24].copy_from_slice(&(len as u64).to_le_bytes());
    key
}

fn build_taxonomy(
    kind: TaxonomyKind,
    entries: &[Arc<Entry>],
    listing: &[usize],
    diags: &mut Diagnostics,
) -> Taxonomy {
    // Each spelling is slugified once (transliteration is not free and
    // names repeat across thousands of entries), and each slug gets a small
    // id. Each entry's names are looked up once, as spelling numbers, so
    // grouping and co-occurrence below neither hash nor compare strings.
    const NO_SLUG: usize = usize::MAX;
    let mut spelling_id: AHashMap<&str, usize> = AHashMap::new();
    // Per spelling: the text and its slug id (or NO_SLUG).
    let mut spellings: Vec<(&str, usize)> = Vec::new();
    let mut slug_id: AHashMap<String, usize> = AHashMap::new();
    let mut slugs: Vec<String> = Vec::new();
    // Each entry's spellings, in the order named: `names_at[i]..names_at[i + 1]`
    // in `named`.
    let mut names_at: Vec<usize> = Vec::with_capacity(entries.len() + 1);
    let mut named: Vec<usize> = Vec::new();
    names_at.push(0);
    for e in entries {
        for name in kind.names(e) {
            let sp = match spelling_id.get(name.as_str()) {
                Some(&sp) => sp,
                None => {
                    let slug = slugify(name);
                    let id = if slug.is_empty() {
                        NO_SLUG
                    } else {
                        *slug_id.entry(slug).or_insert_with_key(|s| {
                            slugs.push(s.clone());
                            slugs.len() - 1
                        })
                    };
                    spellings.push((name.as_str(), id));
                    spelling_id.insert(name, spellings.len() - 1);
                    spellings.len() - 1
                }
            };
            named.push(sp);
        }
        names_at.push(named.len());
    }
    let spellings_of = |i: usize| match (names_at.get(i), names_at.get(i + 1)) {
        (Some(&from), Some(&to)) => &named[from..to],
        _ => &[][..],
    };
    // Per slug id: the entries naming it; per spelling: how many of them
    // name it (the first spelling of a slug in an entry counts).
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); slugs.len()];
    let mut uses: Vec<usize> = vec![0; spellings.len()];
    let mut seen: Vec<usize> = Vec::new();
    for &i in listing {
        seen.clear();
        for &sp in spellings_of(i) {
            let (name, id) = spellings[sp];
            if id == NO_SLUG {
                diags.push(
                    Diagnostic::warning(format!(
                        "`{name}` has no letters or digits to make a page of; it is not listed on {}/",
                        kind.slug()
                    ))
                    .at(entries[i].source.clone()),
                );
                continue;
            }
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            uses[sp] += 1;
            lists[id].push(i);
        }
    }
    // Per slug id: its spellings in use, by text.
    let mut spelled: Vec<Vec<(&str, usize)>> = vec![Vec::new(); slugs.len()];
    for (sp, &(name, id)) in spellings.iter().enumerate() {
        if id != NO_SLUG && uses[sp] > 0 {
            spelled[id].push((name, uses[sp]));
        }
    }
    // Slug id -> index into `terms`, once sorted.
    let mut terms: Vec<(usize, Term)> = Vec::new();
    for (id, (mut names, list)) in spelled.into_iter().zip(lists).enumerate() {
        if list.is_empty() {
            continue;
        }
        names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let slug = slugs[id].clone();
        let name = names
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| (*n).to_string())
            .unwrap_or_default();
        if names.len() > 1 {
            diags.push(Diagnostic::warning(format!(
                "{} {} share the page {}/{slug}/; it is titled `{name}`",
                kind.slug(),
                names
                    .iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                kind.slug()
            )));
        }
        terms.push((
            id,
            Term {
                name,
                slug,
                entries: list,
                related: Vec::new(),
            },
        ));
    }
    // By name, case-insensitively (each name lowered once, not at every
    // comparison); slugs are unique, so the order is total.
    terms.sort_by_cached_key(|(_, t)| (t.name.to_lowercase(), t.slug.clone()));
    let mut term_of_id = vec![usize::MAX; slugs.len()];
    for (t, (id, _)) in terms.iter().enumerate() {
        term_of_id[*id] = t;
    }
    let mut terms: Vec<Term> = terms.into_iter().map(|(_, t)| t).collect();
    let by_slug: HashMap<String, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    let by_name: AHashMap<String, usize> = spelling_id
        .into_iter()
        .filter_map(|(name, sp)| {
            let id = spellings[sp].1;
            let t = *term_of_id.get(id)?;
            (t != usize::MAX).then(|| (name.to_string(), t))
        })
        .collect();

    // Co-occurrence. Each entry's distinct terms, once (flat: `starts[i]..
    // starts[i + 1]` in `flat`; none for entries naming fewer than two).
    let mut starts: Vec<usize> = Vec::with_capacity(entries.len() + 1);
    let mut flat: Vec<usize> = Vec::new();
    let mut ids: Vec<usize> = Vec::new();
    starts.push(0);
    for i in 0..entries.len() {
        ids.clear();
        ids.extend(
            spellings_of(i)
                .iter()
                .map(|&sp| spellings[sp].1)
                .filter(|&id| id != NO_SLUG)
                .map(|id| term_of_id[id])
                .filter(|&t| t != usize::MAX),
        );
        ids.sort_unstable();
        ids.dedup();
        if ids.len() >= 2 {
            flat.extend_from_slice(&ids);
        }
        starts.push(flat.len());
    }
    // Then, for each term, the terms of the entries naming it (its
    // `entries`, each once), counted in a dense array rather than a hash
    // map per term: an actor is named beside hundreds of others.
    let mut counts = vec![0usize; terms.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (a, t) in terms.iter_mut().enumerate() {
        for &i in &t.entries {
            let (Some(&from), Some(&to)) = (starts.get(i), starts.get(i + 1)) else {
                continue;
            };
            for &b in &flat[from..to] {
                if b != a {
                    if counts[b] == 0 {
                        touched.push(b);
                    }
                    counts[b] += 1;
                }
            }
        }
        let mut rel: Vec<(usize, usize)> = touched
            .drain(..)
            .map(|b| (b, std::mem::take(&mut counts[b])))
            .collect();
        // Most shared first, then by index: a total order, so picking the
        // first RELATED_LIMIT before sorting only them gives what sorting
        // all would (a busy actor shares entries with hundreds of others).
        let by_count = |a: &(usize, usize), b: &(usize, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if rel.len() > RELATED_LIMIT {
            rel.select_nth_unstable_by(RELATED_LIMIT - 1, by_count);
            rel.truncate(RELATED_LIMIT);
        }
        rel.sort_unstable_by(by_count);
        t.related = rel;
    }
    Taxonomy {
        kind,
        terms,
        by_slug,
        by_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::{EntryDate, Kind, Origin};
    use jiff::tz::TimeZone;

    fn entry(title: &str, date: &str, actors: &[&str], story: Option<&str>) -> (Entry, String) {
        let e = Entry {
            date: Some(EntryDate::parse(date, &TimeZone::UTC).unwrap()),
            kind: if story.is_some() {
                Kind::Post
            } else {
                Kind::Article
            },
            story: story.map(Into::into),
            outlet: Some("Daily Ledger".into()),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            ..Entry::new(title, format!("{title}.md"), Origin::Markdown)
        };
        let p = crate::paths::base_path(&e);
        (e, p)
    }

    #[test]
    fn known_fingerprints_are_taken_and_unknown_ones_computed() {
        let a = entry("Alpha", "2022-01-03T10:00:00Z", &["Ann Lee"], None);
        let b = entry("Beta", "2022-01-04T10:00:00Z", &[], None);
        let fa = fingerprint_of(&a.0, &a.1);
        let (fresh, _) = Site::new(Config::default(), vec![a.clone(), b.clone()]);
        let (reused, _) = Site::with_fingerprints(
            Config::default(),
            vec![a.clone(), b.clone()],
            vec![Some(fa)],
        );
        assert_eq!(fresh.fingerprints, reused.fingerprints);
        assert_eq!(fresh.meta_fingerprints, reused.meta_fingerprints);
        // A caller's pair is trusted as given, so a stale one shows.
        let stale = fingerprint_of(&b.0, &b.1);
        let (wrong, _) = Site::with_fingerprints(Config::default(), vec![a, b], vec![Some(stale)]);
        assert_ne!(wrong.fingerprints[0], fresh.fingerprints[0]);
        // A body edit changes only the full fingerprint.
        let mut edited = entry("Alpha", "2022-01-03T10:00:00Z", &["Ann Lee"], None);
        edited.0.body.push_str("More.");
        let fe = fingerprint_of(&edited.0, &edited.1);
        assert_ne!(fe.0, fa.0);
        assert_eq!(fe.1, fa.1);
    }

    #[test]
    fn lists_entries_newest_first_by_period() {
        let (site, _) = Site::new(
            Config::default(),
            vec![
                entry("Old", "2022-01-03T10:00:00Z", &[], None),
                entry("New", "2022-02-01T10:00:00Z", &[], None),
                entry("Mid", "2022-01-20T10:00:00Z", &[], None),
            ],
        );
        let titles: Vec<&str> = site
            .newest
            .iter()
            .map(|&i| site.entries[i].title.as_str())
            .collect();
        assert_eq!(titles, ["New", "Mid", "Old"]);
        assert_eq!(site.months[&(2022, 1)].len(), 2);
        assert_eq!(site.years[&2022].len(), 3);
        assert_eq!(site.days.len(), 3);
    }

    #[test]
    fn actors_know_who_is_named_alongside_them() {
        let (site, _) = Site::new(
            Config::default(),
            vec![
                entry(
                    "A",
                    "2022-01-03T10:00:00Z",
                    &["Mara Ode", "Port Authority"],
                    None,
                ),
                entry(
                    "B",
                    "2022-01-04T10:00:00Z",
                    &["Mara Ode", "Port Authority", "Ivo Lind"],
                    None,
                ),
                entry("C", "2022-01-05T10:00:00Z", &["Mara Ode", "Ivo Lind"], None),
                entry(
                    "D",
                    "2022-01-06T10:00:00Z",
                    &["Mara Ode", "Port Authority"],
                    None,
                ),
            ],
        );
        let actors = site.taxonomy(TaxonomyKind::Actors);
        let mara = actors.term_of("Mara Ode").unwrap();
        assert_eq!(mara.entries.len(), 4);
        let related: Vec<(&str, usize)> = mara
            .related
            .iter()
            .map(|&(t, n)| (actors.terms[t].name.as_str(), n))
            .collect();
        assert_eq!(related, [("Port Authority", 3), ("Ivo Lind", 2)]);
    }

    #[test]
    fn stories_list_posts_in_time_order() {
        let (site, _) = Site::new(
            Config::default(),
            vec![
                entry("Second", "2022-01-03T11:00:00Z", &[], Some("Flood live")),
                entry("First", "2022-01-03T10:00:00Z", &[], Some("Flood live")),
            ],
        );
        let s = &site.stories[0];
        assert_eq!(s.slug, "flood-live");
        let titles: Vec<&str> = s
            .entries
            .iter()
            .map(|&i| site.entries[i].title.as_str())
            .collect();
        assert_eq!(titles, ["First", "Second"]);
    }

    #[test]
    fn a_term_is_titled_by_its_most_used_spelling_counted_once_per_entry() {
        let (site, diags) = Site::new(
            Config::default(),
            vec![
                // Named twice in one entry: only the first spelling counts.
                entry("A", "2022-01-03T10:00:00Z", &["Nato", "NATO"], None),
                entry(
                    "B",
                    "2022-01-04T10:00:00Z",
                    &["Nato", "Port Authority"],
                    None,
                ),
                entry("C", "2022-01-05T10:00:00Z", &["NATO", "——"], None),
                entry(
                    "D",
                    "2022-01-06T10:00:00Z",
                    &["nato", "Port Authority"],
                    None,
                ),
                // A tie between two spellings: the first by text wins.
                entry("E", "2022-01-07T10:00:00Z", &["ivo lind"], None),
                entry("F", "2022-01-08T10:00:00Z", &["Ivo Lind", "——"], None),
            ],
        );
        let actors = site.taxonomy(TaxonomyKind::Actors);
        let names: Vec<(&str, usize)> = actors
            .terms
            .iter()
            .map(|t| (t.name.as_str(), t.entries.len()))
            .collect();
        assert_eq!(
            names,
            [("Ivo Lind", 2), ("Nato", 4), ("Port Authority", 2)],
            "Nato is used by A and B, NATO only by C"
        );
        let nato = actors.term_of("NATO").unwrap();
        let titles: Vec<&str> = nato
            .entries
            .iter()
            .map(|&i| site.entries[i].title.as_str())
            .collect();
        assert_eq!(titles, ["D", "C", "B", "A"]);
        assert_eq!(nato.related, [(2, 2)], "Port Authority, in B and D");
        // Every spelling in use finds its term by name; one no entry uses
        // still finds it by slug; names of no term find nothing.
        let nato_index = actors.term_index("Nato");
        assert!(nato_index.is_some());
        for spelling in ["NATO", "nato", "nAtO"] {
            assert_eq!(actors.term_index(spelling), nato_index, "{spelling}");
        }
        assert_eq!(actors.term_index("——"), None);
        assert_eq!(actors.term_index("Nobody Here"), None);
        let texts: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "F.md: warning: `——` has no letters or digits to make a page of; it is not listed on actors/",
                "C.md: warning: `——` has no letters or digits to make a page of; it is not listed on actors/",
                "warning: actors `NATO`, `Nato`, `nato` share the page actors/nato/; it is titled `Nato`",
                "warning: actors `Ivo Lind`, `ivo lind` share the page actors/ivo-lind/; it is titled `Ivo Lind`",
            ]
        );
    }

    #[test]
    fn spellings_with_one_slug_become_one_term_with_a_warning() {
        let (site, diags) = Site::new(
            Config::default(),
            vec![
                entry("A", "2022-01-03T10:00:00Z", &["NATO"], None),
                entry("B", "2022-01-04T10:00:00Z", &["NATO"], None),
                entry("C", "2022-01-05T10:00:00Z", &["Nato"], None),
            ],
        );
        let actors = site.taxonomy(TaxonomyKind::Actors);
        assert_eq!(actors.terms.len(), 1);
        assert_eq!(actors.terms[0].name, "NATO");
        assert_eq!(diags.warnings().count(), 1);
    }
}
