//! Classifying candidate names (person, organisation, place) and giving each
//! actor one canonical name across the corpus, then applying the site's
//! corrections.
//!
//! Everything is keyed by hash maps, and the only pairwise comparisons are
//! inside a bucket of names sharing a surname skeleton, so the work stays
//! linear in the number of mentions.

use super::{Map, Set, union};
use rayon::prelude::*;

use super::gazetteer;
use super::lexicon::{Lexicon, lexicon};
use super::mentions::{Mention, is_acronym, is_hyphenated_given, is_initials};
use super::{Doc, Names};
use crate::config::{Config, NameKind};

/// Case-insensitive key of a name: lowercase, no dots, one apostrophe.
pub(crate) fn key(name: &str) -> String {
    if name.is_ascii() && !name.contains('.') {
        return name.to_ascii_lowercase();
    }
    name.chars()
        .filter(|c| *c != '.')
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Consonant skeleton of a name in ASCII: "Zelenskyy", "Zelenskiy" and
/// "Зеленский" all give "zlnsk". Transliterations differ mostly in vowels.
fn skeleton(name: &str) -> String {
    let mut ascii = deunicode::deunicode(name).to_lowercase();
    // Spellings of one sound across transliterations: "Aleksandr" and
    // "Alexander", "Josef" and "Joseph". ("kh"/"h" would put "Khan" and
    // "Han" in one bucket: left alone.)
    if ascii.contains(['k', 'c', 'p']) {
        for (from, to) in [("ks", "x"), ("cs", "x"), ("ph", "f")] {
            if ascii.contains(from) {
                ascii = ascii.replace(from, to);
            }
        }
    }
    let mut out = String::with_capacity(ascii.len());
    let mut last = ' ';
    for c in ascii.chars() {
        if !c.is_ascii_alphabetic() || "aeiouy".contains(c) {
            continue;
        }
        let c = if c == 'w' { 'v' } else { c };
        if c != last {
            out.push(c);
        }
        last = c;
    }
    out
}

fn ascii_lower(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// Two given names of one person in different transliterations ("Sergei",
/// "Sergey"), or an initial and a name ("J.", "Jens").
fn similar_given(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (Some(fa), Some(fb)) = (a.chars().next(), b.chars().next()) else {
        return false;
    };
    if fa != fb {
        return false;
    }
    let la = a.trim_end_matches('.').chars().count();
    let lb = b.trim_end_matches('.').chars().count();
    if la == 1 || lb == 1 {
        return true;
    }
    let tolerance = if la.min(lb) >= 6 { 2 } else { 1 };
    // The skeletons of long names may differ by one consonant that one
    // spelling writes and the other drops ("Aleksandr", "Alexander").
    let (sa, sb) = (skeleton(a), skeleton(b));
    sa == sb
        || strsim::levenshtein(a, b) <= tolerance
        || la.min(lb) >= 6 && sa.len().min(sb.len()) >= 4 && strsim::levenshtein(&sa, &sb) <= 1
}

fn similar_surname(a: &str, b: &str) -> bool {
    a == b || strsim::levenshtein(a, b) <= 1 + usize::from(a.len().min(b.len()) >= 7)
}

/// What a name is.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Place(String),
    Org,
    Person,
    Single,
    Drop,
}

/// Everything seen of one name (by key) across the corpus.
#[derive(Debug, Default)]
struct Stat {
    forms: Map<String, usize>,
    count: usize,
    words: usize,
    titled: bool,
    said: bool,
    hint: bool,
    /// Listed with an organisation somewhere.
    beside_org: bool,
    forced: bool,
    /// Every mention starts a sentence.
    always_initial: bool,
}

impl Stat {
    /// The most frequent spelling, ties alphabetical.
    fn best(&self) -> String {
        let mut best: Option<(&String, usize)> = None;
        for (f, &n) in &self.forms {
            best = match best {
                Some((bf, bn)) if bn > n || (bn == n && bf <= f) => Some((bf, bn)),
                _ => Some((f, n)),
            };
        }
        best.map(|(f, _)| f.clone()).unwrap_or_default()
    }

    /// The acronym spelling if there is one ("NATO" over "Nato").
    fn best_org(&self) -> String {
        let mut acr: Vec<(&String, usize)> = self
            .forms
            .iter()
            .filter(|(f, _)| is_acronym(f))
            .map(|(f, n)| (f, *n))
            .collect();
        acr.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match acr.first() {
            Some((f, _)) => (*f).clone(),
            None => self.best(),
        }
    }
}

/// The site's corrections, keyed.
struct Corrections {
    alias: Map<String, String>,
    kinds: Map<String, NameKind>,
    block: Set<String>,
}

impl Corrections {
    fn new(config: &Config) -> Self {
        let mut alias = Map::default();
        let mut kinds = Map::default();
        let mut block = Set::default();
        for c in [&config.actors, &config.places] {
            for (canonical, variants) in &c.aliases {
                alias.insert(key(canonical), canonical.clone());
                for v in variants {
                    alias.insert(key(v), canonical.clone());
                }
            }
            for (name, kind) in &c.kinds {
                kinds.insert(key(name), *kind);
            }
            for name in &c.block {
                block.insert(key(name));
            }
        }
        Corrections {
            alias,
            kinds,
            block,
        }
    }
}

/// A person: canonical spelling and the parts compared when merging.
struct Cluster {
    canonical: String,
    given: String,
    surname: String,
}

// Flags of a counted mention.
const NOT_INITIAL: u8 = 1;
const TITLED: u8 = 2;
const SAID: u8 = 4;
const HINT: u8 = 8;
const BESIDE_ORG: u8 = 16;

/// A doc's counted mentions: (spelling number, flags).
type Counted = Vec<(usize, u8)>;

/// The flags of a mention, to be or-ed together per spelling.
fn mention_flags(m: &Mention) -> u8 {
    let mut flags = 0;
    for (on, flag) in [
        (!m.sent_start, NOT_INITIAL),
        (m.titled, TITLED),
        (m.said, SAID),
        (m.hint, HINT),
        (m.beside_org, BESIDE_ORG),
    ] {
        if on {
            flags |= flag;
        }
    }
    flags
}

/// Splits a full name into its first and last word (skipping "Jr").
fn given_surname<'k>(k: &'k str, lex: &Lexicon) -> (&'k str, &'k str) {
    let words: Vec<&str> = k.split(' ').collect();

    let mut last = words.len() - 1;
    while last > 0 && lex.is_name_suffix(words[last]) {
        last -= 1;
    }
    (words[0], words[last])
}

pub(crate) fn resolve(
    docs: &[Doc<'_>],
    found: Vec<Vec<Mention>>,
    vocab: &Set<&str>,
    config: &Config,
) -> Names {
    let lex = lexicon();
    let corr = Corrections::new(config);
    // Keyed on every core, then one union.
    // Photo credits name no actor, in any doc.
    let mut excluded: Set<String> = docs
        .par_iter()
        .fold(Set::default, |mut set, d| {
            for e in &d.exclude {
                let k = key(e.trim());
                let bare = bare_outlet(&k);
                if bare.len() != k.len() && !bare.is_empty() {
                    set.insert(bare.to_string());
                }
                set.insert(k);
            }
            set
        })
        .reduce(Set::default, union);
    for ms in &found {
        excluded.extend(ms.iter().filter(|m| m.credit).map(|m| key(&m.surface)));
    }

    // 1. Keys (as ids into `key_names`) with corpus-wide statistics. A
    // spelling (with its number of words) stands for the same key in every
    // doc, so each distinct spelling is keyed once, and the mentions are
    // counted by spelling number: the serial part of this step hashes
    // spellings, not mentions. Spellings are numbered in sorted order, so
    // the numbers are the same whatever the number of threads.
    let mut spellings: Vec<(&str, usize)> = found
        .par_iter()
        .fold(Set::default, |mut set, ms| {
            set.extend(ms.iter().map(|m| (m.surface.as_str(), m.words)));
            set
        })
        .reduce(Set::default, union)
        .into_iter()
        .collect();
    spellings.par_sort_unstable();
    // Owned, so the mentions can be freed on every core once counted.
    let spellings: Vec<(String, usize)> = spellings
        .into_iter()
        .map(|(s, words)| (s.to_string(), words))
        .collect();
    // Per spelling: its key, the form it counts as (the canonical name when
    // the site aliases it) and whether it is aliased; `None` when dropped.
    let resolved: Vec<Option<(String, &str, bool)>> = spellings
        .par_iter()
        .map(|(surface, words)| {
            let k0 = key(surface);
            let (k, form, aliased) = match corr.alias.get(&k0) {
                Some(c) => (key(c), c.as_str(), true),
                None => (k0, surface.as_str(), false),
            };
            let drop = k.is_empty()
                || excluded.contains(&k)
                || corr.block.contains(&k)
                || lex.is_agency(&k)
                || k.split(' ').any(|w| lex.is_agency(w)) && *words <= 3;
            (!drop).then_some((k, form, aliased))
        })
        .collect();
    // Keys numbered in spelling order.
    let mut key_ids: Map<&str, usize> = Map::default();
    let mut stat_list: Vec<Stat> = Vec::new();
    let mut key_names: Vec<String> = Vec::new();
    let mut key_of: Vec<Option<usize>> = Vec::with_capacity(resolved.len());
    for r in &resolved {
        let Some((k, _, aliased)) = r else {
            key_of.push(None);
            continue;
        };
        let id = match key_ids.get(k.as_str()) {
            Some(&id) => {
                if let Some(s) = stat_list.get_mut(id) {
                    s.forced |= aliased;
                }
                id
            }
            None => {
                let id = key_names.len();
                key_names.push(k.clone());
                stat_list.push(Stat {
                    always_initial: true,
                    words: k.split(' ').count(),
                    forced: *aliased || corr.kinds.contains_key(k),
                    ..Stat::default()
                });
                key_ids.insert(k, id);
                id
            }
        };
        key_of.push(Some(id));
    }
    let spelling_ids: Map<(&str, usize), usize> = spellings
        .iter()
        .enumerate()
        .map(|(i, (s, words))| ((s.as_str(), *words), i))
        .collect();
    // Per doc, on every core: its counted mentions as (spelling, flags),
    // in order. The mentions are freed here, on every core.
    let per_doc: Vec<Counted> = docs
        .par_iter()
        .zip(found)
        .map(|(d, ms)| {
            let surnames: Set<String> = d
                .exclude
                .iter()
                .filter_map(|e| e.split_whitespace().last().map(key))
                .collect();
            let mut counted = Vec::with_capacity(ms.len());
            for m in &ms {
                let Some(&sid) = spelling_ids.get(&(m.surface.as_str(), m.words)) else {
                    continue;
                };
                let Some(id) = key_of.get(sid).copied().flatten() else {
                    continue;
                };
                if m.words == 1 && key_names.get(id).is_some_and(|k| surnames.contains(k)) {
                    continue;
                }
                let flags = mention_flags(m);
                counted.push((sid, flags));
            }
            counted
        })
        .collect();
    // Counts and flags per spelling, then per key.
    let mut tally: Vec<(usize, u8)> = vec![(0, 0); spellings.len()];
    for &(sid, flags) in per_doc.iter().flatten() {
        if let Some(t) = tally.get_mut(sid) {
            t.0 += 1;
            t.1 |= flags;
        }
    }
    for ((&(count, flags), r), id) in tally.iter().zip(&resolved).zip(&key_of) {
        let (Some((_, form, _)), Some(id)) = (r, id) else {
            continue;
        };
        let Some(s) = stat_list.get_mut(*id) else {
            continue;
        };
        if count == 0 {
            continue;
        }
        match s.forms.get_mut(*form) {
            Some(n) => *n += count,
            None => {
                s.forms.insert(form.to_string(), count);
            }
        }
        s.count += count;
        s.always_initial &= flags & NOT_INITIAL == 0;
        s.titled |= flags & TITLED != 0;
        s.said |= flags & SAID != 0;
        s.hint |= flags & HINT != 0;
        s.beside_org |= flags & BESIDE_ORG != 0;
    }

    let stats: Map<String, Stat> = key_names.iter().cloned().zip(stat_list).collect();

    // 2. Classify every key.
    let singles_seen: Set<String> = stats
        .iter()
        .filter(|(_, s)| s.words == 1)
        .map(|(k, _)| ascii_lower(k))
        .collect();
    let mut class: Map<&str, Class> =
        Map::with_capacity_and_hasher(stats.len(), Default::default());
    // How many multi-word names end in each surname (by skeleton).
    let mut shared_surnames: Map<String, usize> = Map::default();
    for (k, s) in &stats {
        if s.words >= 2 {
            *shared_surnames
                .entry(skeleton(given_surname(k, lex).1))
                .or_default() += 1;
        }
    }
    // Each key's class is a function of its own statistics and shared
    // tables only: classified on every core.
    class.par_extend(stats.par_iter().map(|(k, s)| {
        let c = classify(k, s, &corr, vocab, &singles_seen, &shared_surnames, lex);
        (k.as_str(), c)
    }));

    // 3. People: full names cluster by surname skeleton, most frequent first.
    let mut persons: Vec<&str> = class
        .iter()
        .filter(|(_, c)| **c == Class::Person)
        .map(|(k, _)| *k)
        .collect();
    persons.sort_by(|a, b| {
        stats[*b]
            .count
            .cmp(&stats[*a].count)
            .then_with(|| stats[*a].best().cmp(&stats[*b].best()))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut buckets: Map<String, Vec<usize>> = Map::default();
    let mut person_of: Map<&str, usize> = Map::default();
    for k in persons {
        let (mut g, mut sn) = given_surname(k, lex);
        // "Lin Cheng-wen": the family name comes first.
        if let Some((_, given)) = stats[k].best().split_once(' ')
            && is_hyphenated_given(given)
        {
            (g, sn) = (sn, g);
        }
        let (g, sn) = (ascii_lower(g), ascii_lower(sn));
        let bucket = buckets.entry(skeleton(&sn)).or_default();
        let found = bucket.iter().copied().find(|&c| {
            similar_given(&clusters[c].given, &g) && similar_surname(&clusters[c].surname, &sn)
        });
        let id = match found {
            Some(id) => id,
            None => {
                clusters.push(Cluster {
                    canonical: stats[k].best(),
                    given: g,
                    surname: sn,
                });
                bucket.push(clusters.len() - 1);
                clusters.len() - 1
            }
        };
        person_of.insert(k, id);
    }
    // 4. Organisations: case variants, acronyms and expansions, suffixes.
    let org_target = organisations(&class, &stats, lex);
    // "the National Union of Rail Operatives (Nuro)": a word read as a
    // surname of no one that spells the initials of exactly one body of
    // three words or more is that body's short name.
    let mut by_initials: Map<String, Vec<&str>> = Map::default();
    for (k, c) in &class {
        if *c == Class::Org && org_target.contains_key(k) {
            let ini = org_initials(k, lex);
            if ini.chars().count() >= 3 {
                by_initials.entry(ini).or_default().push(k);
            }
        }
    }
    let mut single_org: Map<&str, &str> = Map::default();
    // Surname-only mentions: candidates among the clusters, or a person of
    // their own when the text says so.
    let mut single_of: Map<&str, Vec<usize>> = Map::default();
    let mut singles: Vec<&str> = class
        .iter()
        .filter(|(_, c)| **c == Class::Single)
        .map(|(k, _)| *k)
        .collect();
    singles.sort_unstable();
    for k in singles {
        // A multi-word key read as a surname mention uses its last word.
        let sn = ascii_lower(given_surname(k, lex).1);
        let cands: Vec<usize> = buckets
            .get(&skeleton(&sn))
            .map(|b| {
                b.iter()
                    .copied()
                    .filter(|&c| similar_surname(&clusters[c].surname, &sn))
                    .collect()
            })
            .unwrap_or_default();
        let s = &stats[k];
        if !cands.is_empty() {
            single_of.insert(k, cands);
        } else if let Some([org]) = (4..=6)
            .contains(&k.len())
            .then(|| by_initials.get(k))
            .flatten()
            .map(Vec::as_slice)
        {
            single_org.insert(k, org);
        } else if s.forced || s.hint || ((s.titled || s.said) && s.count >= 2) {
            clusters.push(Cluster {
                canonical: s.best(),
                given: String::new(),
                surname: sn,
            });
            single_of.insert(k, vec![clusters.len() - 1]);
        }
    }

    // 5. Per doc, in order of first mention. A key means the same name in
    // every doc unless it is a surname shared by several people.
    let name_of = |k: &str, in_doc: &Set<usize>| -> Option<(String, bool)> {
        let (mut name, mut is_place) = match class.get(k)? {
            Class::Place(p) => (p.clone(), true),
            Class::Org => (org_target.get(k)?.clone(), false),
            Class::Person => (clusters[*person_of.get(k)?].canonical.clone(), false),
            Class::Single if !single_of.contains_key(k) => {
                (org_target.get(single_org.get(k)?)?.clone(), false)
            }
            Class::Single => {
                let cands = single_of.get(k)?;
                let c = cands
                    .iter()
                    .copied()
                    .find(|c| in_doc.contains(c))
                    .or_else(|| cands.first().copied())?;
                (clusters[c].canonical.clone(), false)
            }
            Class::Drop => return None,
        };
        if let Some(c) = corr.alias.get(&key(&name)) {
            name = c.clone();
        }
        let nk = key(&name);
        match corr.kinds.get(&nk) {
            Some(NameKind::Place) => is_place = true,
            Some(_) => is_place = false,
            None => {}
        }
        if corr.block.contains(&nk) || excluded.contains(&nk) {
            return None;
        }
        Some((name, is_place))
    };
    let doc_dependent = |k: &str| single_of.get(k).is_some_and(|c| c.len() > 1);
    let no_doc = Set::default();
    // Per key id: its person cluster, and its name when that is the same in
    // every doc (computed once per key, on every core; a pure function of
    // the key, so the same whatever the number of threads).
    let person_by_id: Vec<Option<usize>> = key_names
        .iter()
        .map(|k| person_of.get(k.as_str()).copied())
        .collect();
    let fixed: Vec<Option<Option<(String, bool)>>> = key_names
        .par_iter()
        .map(|k| (!doc_dependent(k)).then(|| name_of(k, &no_doc)))
        .collect();
    // Each doc's lists depend only on its keys and the tables above: docs
    // are listed on every core, and collected in doc order.
    let (actors, places): (Vec<Vec<String>>, Vec<Vec<String>>) = per_doc
        .into_par_iter()
        .map(|counted| {
            // Every counted mention has a key.
            let keys = || {
                counted
                    .iter()
                    .filter_map(|&(sid, _)| key_of.get(sid).copied().flatten())
            };
            let in_doc: Set<usize> = keys()
                .filter_map(|id| person_by_id.get(id).copied().flatten())
                .collect();
            let mut actors: Vec<String> = Vec::new();
            let mut kinds: Vec<Short> = Vec::new();
            let mut places: Vec<String> = Vec::new();
            let mut listed: Set<(String, bool)> = Set::default();
            // A key repeated in a doc gives the name it gave before.
            let mut done: Set<usize> = Set::default();
            for id in keys() {
                if !done.insert(id) {
                    continue;
                }
                let per_doc;
                let named = match fixed.get(id) {
                    Some(Some(named)) => named.as_ref(),
                    _ => {
                        per_doc = key_names.get(id).and_then(|k| name_of(k, &in_doc));
                        per_doc.as_ref()
                    }
                };
                let Some((name, is_place)) = named else {
                    continue;
                };
                if listed.insert((name.clone(), *is_place)) {
                    if *is_place {
                        places.push(name.clone());
                    } else {
                        let kind = match key_names.get(id).and_then(|k| class.get(k.as_str())) {
                            Some(Class::Org) => Short::Org,
                            Some(Class::Single) if !name.contains(' ') => Short::Single,
                            _ => Short::No,
                        };
                        actors.push(name.clone());
                        kinds.push(kind);
                    }
                }
            }
            merge_short_forms(&mut actors, &kinds);
            (actors, places)
        })
        .unzip();
    Names { actors, places }
}

/// What an actor of a doc is, for [`merge_short_forms`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Short {
    /// An organisation.
    Org,
    /// A single word read as a surname, with no full name anywhere.
    Single,
    /// A person.
    No,
}

/// Merges an organisation's short form into its full name when both are
/// actors of one doc: "Hollowpoint" and "Hollowpoint Labs", "Senate" and
/// "United States Senate". The short form must begin or end exactly one
/// longer organisation of the doc; the full name takes the short form's
/// place in the order of first mention. A doc's actors are few, and docs
/// with very many are left as they are.
fn merge_short_forms(actors: &mut Vec<String>, kinds: &[Short]) {
    if actors.len() > 120 || !kinds.contains(&Short::Org) {
        return;
    }
    let words: Vec<Vec<&str>> = actors.iter().map(|a| a.split(' ').collect()).collect();
    let mut target: Vec<Option<usize>> = vec![None; actors.len()];
    for (i, short) in words.iter().enumerate() {
        if kinds[i] == Short::No || short.len() > 3 {
            continue;
        }
        let mut found = None;
        let mut count = 0;
        for (j, long) in words.iter().enumerate() {
            if j == i || kinds[j] != Short::Org || long.len() <= short.len() {
                continue;
            }
            if long.starts_with(short) || long.ends_with(short) {
                found = Some(j);
                count += 1;
            }
        }
        if count == 1 {
            target[i] = found;
        }
    }
    if target.iter().all(Option::is_none) {
        return;
    }
    let mut out: Vec<String> = Vec::with_capacity(actors.len());
    for (i, a) in actors.iter().enumerate() {
        let name = match target[i] {
            Some(j) => &actors[j],
            None => a,
        };
        if !out.iter().any(|o| o == name) {
            out.push(name.clone());
        }
    }
    *actors = out;
}

fn classify(
    k: &str,
    s: &Stat,
    corr: &Corrections,
    vocab: &Set<&str>,
    singles_seen: &Set<String>,
    shared_surnames: &Map<String, usize>,
    lex: &Lexicon,
) -> Class {
    let best = s.best();
    if let Some(kind) = corr.kinds.get(k) {
        return match kind {
            NameKind::Place => Class::Place(gazetteer::lookup(&best).map_or(best, str::to_string)),
            NameKind::Organisation => Class::Org,
            NameKind::Person if s.words > 1 => Class::Person,
            NameKind::Person => Class::Single,
        };
    }
    if s.words >= 2 && !s.hint && gazetteer::lookup(&best).is_none() {
        // "Diane Lane said", "Senator Ola Strand": a person, not a street.
        if gazetteer::is_street(&best) && !s.titled && !s.said {
            return Class::Drop;
        }
        if gazetteer::is_service_body(&best) {
            return Class::Org;
        }
    }
    if let Some(p) = gazetteer::classify(&best) {
        return Class::Place(p);
    }
    if lex.known_org(k).is_some() || is_city_government(&best) {
        return Class::Org;
    }
    let words: Vec<&str> = k.split(' ').collect();
    if words.len() == 1 {
        if lex.is_standalone_org(k)
            || s.forms.keys().any(|f| is_acronym(f))
            || is_camel_brand(&best, lex)
        {
            return Class::Org;
        }
        if lex.is_demonym(k)
            || lex.is_title(k)
            || lex.is_role_adjective(k)
            || lex.is_org_keyword(k)
            || lex.is_non_name(k)
            || k.chars().count() < 2
        {
            return Class::Drop;
        }
        if is_glued_word(k, vocab, singles_seen) {
            return Class::Drop;
        }
        return Class::Single;
    }
    let strong_org = s.said || s.hint || s.forced || s.beside_org;
    if words.len() == 2
        && lex.is_org_keyword(words[0])
        && !lex.is_leading_org_keyword(words[0])
        && !lex.is_org_keyword(words[1])
        && !strong_org
    {
        // "Council Tax", "Bank Holiday": a keyword before a common noun;
        // "Network Rail said" is a body.
        return Class::Drop;
    }
    if words.iter().any(|w| lex.is_org_keyword(w)) {
        return Class::Org;
    }
    if words.len() >= 3 && lex.is_connector(words[0]) && lex.is_connector(words[1]) {
        // "Van der Merwe said": a surname with its particles.
        return Class::Single;
    }
    let name_words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !lex.is_connector(w))
        .collect();
    if name_words.len() > 4
        || best
            .split(' ')
            .any(|w| is_acronym(w) && w.chars().count() > 1 && !is_initials(w))
    {
        return Class::Drop;
    }
    let first = words[0];
    let last = given_surname(k, lex).1;
    let plausible_given = !vocab.contains(first)
        && !lex.is_non_name(first)
        && !lex.is_title(first)
        && !lex.is_role_adjective(first)
        && !lex.is_listed_demonym(first)
        && gazetteer::lookup(first).is_none();
    let strong = s.titled
        || s.said
        || s.hint
        || s.forced
        || s.beside_org
        || singles_seen.contains(&ascii_lower(last));
    // Without a title, speech verb or re-mention, a capitalised phrase is
    // a name only if no word of it is a common word ("Bipartisan
    // Infrastructure Law" is not a person).
    // Particles are lowercase words of the corpus: they prove nothing.
    let weak = plausible_given
        && words
            .iter()
            .all(|w| lex.is_connector(w) || !vocab.contains(w));
    if !strong
        && s.always_initial
        && shared_surnames
            .get(&skeleton(last))
            .is_some_and(|&n| n >= 2)
    {
        // "Critics Halvorsen ..." at the start of a sentence, when another
        // full name ends in that surname: the first capital proves
        // nothing, so read it as a surname-only mention.
        return Class::Single;
    }
    let evidence = strong || weak;
    let glued = words.iter().any(|w| is_glued_word(w, vocab, singles_seen));
    // A surname may end like a demonym ("Kardashian"): only a listed one,
    // or a guessed one without a title or speech, ends no name.
    let demonym = lex.is_listed_demonym(last) || lex.is_demonym(last) && !strong;
    // "Ripon Buildings": a building or site, unless a title or a speech
    // verb says it is someone.
    let facility = lex.is_facility(last) && !s.titled && !s.said && !s.hint;
    if evidence && !glued && !demonym && !facility && words[1..].contains(&"of") {
        // "Friends of the Harbour": no person's name holds "of".
        Class::Org
    } else if evidence && !glued && !demonym && !facility {
        Class::Person
    } else {
        Class::Drop
    }
}

/// "City of Cape Town", "Town of Nordby": a council, named as the city
/// it governs (the place itself is written "the city of ...").
fn is_city_government(best: &str) -> bool {
    let mut parts = best.splitn(3, ' ');
    let (Some(head), Some("of"), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    matches!(head, "City" | "Town" | "Municipality" | "Borough")
        && gazetteer::lookup(rest).is_some()
}

/// A single word with a capital inside after lowercase letters, a
/// brand's form ("MetService", "PayPal"), not a surname's prefix
/// ("McKenzie", "DeSantis", "MacArthur", "LaGuardia") nor two words run
/// together ("InMarch").
fn is_camel_brand(word: &str, lex: &Lexicon) -> bool {
    let mut chars = word.char_indices();
    if !chars.next().is_some_and(|(_, c)| c.is_uppercase()) {
        return false;
    }
    let mut prev_lower = false;
    for (i, c) in chars {
        if c.is_uppercase() && prev_lower {
            let head = word[..i].to_lowercase();
            return !matches!(
                head.as_str(),
                "mc" | "mac" | "de" | "di" | "da" | "du" | "la" | "le" | "van" | "von" | "fitz"
            ) && !lex.is_stop(&head)
                && !lex.is_connector(&head);
        }
        if !c.is_alphabetic() {
            return false;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// An outlet's key without its copyright line or company form
/// ("© copyright 2023 the harbour courier llc" -> "harbour courier").
fn bare_outlet(k: &str) -> &str {
    let mut s = k.trim();
    loop {
        let before = s.len();
        for p in ["©", "(c)", "copyright", "the "] {
            s = s.strip_prefix(p).unwrap_or(s).trim_start();
        }
        s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == ',');
        s = s.trim_start();
        if s.len() == before {
            break;
        }
    }
    for suffix in [
        " llc", " inc", " ltd", " plc", " gmbh", " corp", " sa", " ag",
    ] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    s.trim_end_matches(['.', ',']).trim()
}

/// A name glued to a common word in a pre-extracted dump
/// ("Russiaannexed"): a known name or place followed by a lowercase word.
fn is_glued_word(w: &str, vocab: &Set<&str>, singles_seen: &Set<String>) -> bool {
    if w.len() > 64 {
        return false;
    }
    w.char_indices().skip(3).any(|(i, _)| {
        let (head, tail) = w.split_at(i);
        tail.chars().count() >= 3
            && vocab.contains(tail)
            && (singles_seen.contains(head) || gazetteer::lookup(head).is_some())
    })
}

/// The initials of an organisation's key, less its particles and "and",
/// "for" ("national union of rail operatives" -> "nuro").
fn org_initials(k: &str, lex: &Lexicon) -> String {
    k.split(' ')
        .filter(|w| !lex.is_connector(w) && *w != "and" && *w != "for")
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Canonical names of organisations by key.
fn organisations<'k>(
    class: &Map<&'k str, Class>,
    stats: &Map<String, Stat>,
    lex: &Lexicon,
) -> Map<&'k str, String> {
    let mut orgs: Vec<&'k str> = class
        .iter()
        .filter(|(_, c)| **c == Class::Org)
        .map(|(k, _)| *k)
        .collect();
    orgs.sort_unstable();
    let mut target: Map<&str, String> = Map::default();
    let mut initials: Map<String, Vec<&str>> = Map::default();
    let mut suffixes: Map<String, Vec<&str>> = Map::default();
    for &k in &orgs {
        let s = &stats[k];
        let canonical = lex
            .known_org(k)
            .map_or_else(|| s.best_org(), str::to_string);
        target.insert(k, canonical);
        let words: Vec<&str> = k.split(' ').collect();
        if words.len() >= 2 {
            initials.entry(org_initials(k, lex)).or_default().push(k);
            for n in 1..words.len() - 1 {
                suffixes.entry(words[n..].join(" ")).or_default().push(k);
            }
        }
    }
    let mut keep: Map<&str, String> = Map::with_capacity_and_hasher(orgs.len(), Default::default());
    for &k in &orgs {
        let s = &stats[k];
        let mut name = target[k].clone();
        let single_acronym = s.words == 1 && s.forms.keys().any(|f| is_acronym(f));
        if single_acronym && lex.known_org(k).is_none() {
            match initials.get(k).map(Vec::as_slice) {
                Some([e]) => name = target[e].clone(),
                _ if s.count < 2
                    && !s.hint
                    && !s.forced
                    && !s.beside_org
                    && !lex.is_standalone_org(k) =>
                {
                    continue;
                }
                // Two capitals no longer name of the corpus spells out
                // ("RV", "TV") are abbreviations of common nouns.
                _ if k.chars().count() == 2 && !s.hint && !s.forced => continue,
                _ => {}
            }
        }
        // "State Department" inside exactly one longer name
        // ("US State Department") is that body.
        let mut cur = k;
        for _ in 0..4 {
            match suffixes.get(cur).map(Vec::as_slice) {
                Some([longer]) if lex.known_org(k).is_none() => {
                    cur = longer;
                    name = target[*longer].clone();
                }
                _ => break,
            }
        }
        keep.insert(k, name);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Zelenskyy"), skeleton("Zelensky"));
        assert_eq!(skeleton("Зеленский"), skeleton("Zelenskiy"));
        assert!(similar_given("sergei", "sergey"));
        assert!(similar_given("dmitry", "dmitri"));
        assert!(similar_given("j", "jens"));
        assert!(!similar_given("joe", "jill"));
        assert!(!similar_given("hunter", "joe"));
        assert!(similar_given("aleksandr", "alexander"));
        assert!(similar_given("mikhail", "michail"));
        assert!(similar_given("yevgeniy", "yevgeny"));
        // One letter apart at the end: the skeletons agree ("lxndr"), so
        // the spelling rule holds them one given name, as for "Aleksandr".
        assert_eq!(skeleton("alexander"), skeleton("alexandra"));
        assert!(!similar_given("christina", "christopher"));
    }

    #[test]
    fn outlets_are_keyed_without_copyright_or_company_form() {
        assert_eq!(
            bare_outlet("© copyright 2023 the harbour courier llc"),
            "harbour courier"
        );
        assert_eq!(bare_outlet("the fjord ledger"), "fjord ledger");
        assert_eq!(bare_outlet("wnn"), "wnn");
    }

    #[test]
    fn short_forms_of_an_organisation_merge_into_its_full_name() {
        let mut actors: Vec<String> = [
            "Senate",
            "Ana Lind",
            "Nordvik",
            "United States Senate",
            "Nordvik Labs",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let kinds = [Short::Org, Short::No, Short::Single, Short::Org, Short::Org];
        merge_short_forms(&mut actors, &kinds);
        assert_eq!(actors, ["United States Senate", "Ana Lind", "Nordvik Labs"]);
        // Two longer names: no merge.
        let mut actors: Vec<String> = ["Nordvik", "Nordvik Labs", "Nordvik Bank"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        merge_short_forms(&mut actors, &[Short::Single, Short::Org, Short::Org]);
        assert_eq!(actors.len(), 3);
    }

    fn mention(surface: &str, pos: usize, said: bool) -> Mention {
        Mention {
            surface: surface.into(),
            words: surface.split(' ').count(),
            titled: false,
            said,
            credit: false,
            beside_org: false,
            hint: false,
            sent_start: false,
            pos,
        }
    }

    /// Three docs naming one minister three ways and quoting Jane Smith,
    /// with the mentions given as the finder would give them; with
    /// `by_smith`, Jane Smith wrote them (so she is excluded).
    fn lavrov_docs(by_smith: bool) -> (Vec<Doc<'static>>, Vec<Vec<Mention>>) {
        let texts = [
            "Sergei Lavrov said talks went well. Later Lavrov met Mara Ode at the port.",
            "Sergey Lavrov said the port reopens on Monday, said Jane Smith.",
            "Officials said Lavrov would travel. Jane Smith said Smith asked Mara Ode.",
        ];
        let docs = texts
            .iter()
            .map(|text| Doc {
                text,
                title: "",
                hints: Vec::new(),
                exclude: if by_smith {
                    vec!["Jane Smith".into()]
                } else {
                    Vec::new()
                },
            })
            .collect();
        let found = vec![
            vec![
                mention("Sergei Lavrov", 0, true),
                mention("Lavrov", 42, false),
                mention("Mara Ode", 53, false),
            ],
            vec![
                mention("Sergey Lavrov", 0, true),
                mention("Jane Smith", 53, true),
            ],
            vec![
                mention("Lavrov", 15, true),
                mention("Jane Smith", 36, true),
                mention("Smith", 52, false),
                mention("Mara Ode", 64, false),
            ],
        ];
        (docs, found)
    }

    fn resolve_on(threads: usize, docs: &[Doc<'_>], found: Vec<Vec<Mention>>) -> Names {
        let mut vocab = Set::default();
        for d in docs {
            super::super::mentions::add_vocabulary(d.text, &mut vocab);
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| resolve(docs, found, &vocab, &Config::default()))
    }

    #[test]
    fn spellings_of_one_person_resolve_to_one_name_and_excluded_names_to_none() {
        let (docs, found) = lavrov_docs(true);
        let names = resolve_on(2, &docs, found);
        let lavrov: Vec<Vec<&String>> = names
            .actors
            .iter()
            .map(|a| a.iter().filter(|n| n.contains("Lavrov")).collect())
            .collect();
        // One name in every doc, the same name in all three.
        assert!(lavrov.iter().all(|l| l.len() == 1), "{:?}", names.actors);
        assert!(lavrov.iter().all(|l| l == &lavrov[0]), "{:?}", names.actors);
        assert!(
            lavrov[0][0].split(' ').count() == 2,
            "the full name is canonical"
        );
        // The author, in full or by surname, is never an actor; quoted in
        // docs she did not write, she is one.
        assert!(
            names.actors.iter().flatten().all(|n| !n.contains("Smith")),
            "{:?}",
            names.actors
        );
        let (docs, found) = lavrov_docs(false);
        let quoted = resolve_on(2, &docs, found);
        assert!(
            quoted.actors[1].iter().any(|n| n == "Jane Smith"),
            "{:?}",
            quoted.actors
        );
    }

    #[test]
    fn names_do_not_depend_on_threads_or_on_the_order_of_docs() {
        let (docs, found) = lavrov_docs(true);
        let one = resolve_on(1, &docs, found.clone());
        assert_eq!(resolve_on(4, &docs, found.clone()), one);
        // Docs in the other order give each doc the same names.
        let (mut rev_docs, mut rev_found) = (docs, found);
        rev_docs.reverse();
        rev_found.reverse();
        let mut reversed = resolve_on(3, &rev_docs, rev_found);
        reversed.actors.reverse();
        reversed.places.reverse();
        assert_eq!(reversed, one);
    }
}
