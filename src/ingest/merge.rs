//! Several captures of one story become one: the same post captured twice
//! is one post, and a capture whose sentences are all found in another
//! capture merges into it. Nothing found in only one capture is lost.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

/// Hash map with a fast hasher, for maps that are only looked up (or
/// whose contents are sorted before use), so the hasher never shows in
/// the output.
type FastMap<K, V> = HashMap<K, V, ahash::RandomState>;

use super::Draft;
use super::escape::{key, key_hash_len};
use crate::entry::Kind;

/// Share of a capture's sentences that must be found in another capture for
/// the two to merge.
const CONTAINED: f32 = 0.8;

/// Splits prose into sentences, for containment tests.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut end_at = |i: usize| {
        let next = bytes.get(i + 1).copied();
        let next2 = bytes.get(i + 2).copied();
        let boundary = match next {
            None => true,
            Some(b' ') => {
                next2.is_some_and(|b| b.is_ascii_uppercase() || b == b'"' || !b.is_ascii())
            }
            Some(b'"') => true,
            _ => false,
        };
        if boundary {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    };
    // Only ASCII bytes and the lead byte of '。' can end a sentence, and
    // both sit on char boundaries: a byte scan finds them. Without any
    // '。' (most text), a SIMD search for the three ASCII marks does.
    if memchr::memchr(0xe3, bytes).is_none() {
        for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
            end_at(i);
        }
    } else {
        for i in 0..bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?')
                || (b == 0xe3 && bytes[i..].starts_with("。".as_bytes()))
            {
                end_at(i);
            }
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Posts with the same headline and time, from different captures of one
/// blog, become one post holding the union of their paragraphs.
pub fn same_posts(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut index: FastMap<(String, Option<i64>), usize> = FastMap::default();
    for d in drafts {
        if d.kind != Kind::Post {
            out.push(d);
            continue;
        }
        let k = (key(&d.title), d.date.map(|x| x.timestamp().as_second()));
        match index.get(&k) {
            Some(&i) => out[i].union(d),
            None => {
                index.insert(k, out.len());
                out.push(d);
            }
        }
    }
    out
}

/// Merges every capture whose sentences are (nearly) all contained in
/// another capture into that capture. `groups` holds the drafts of each
/// capture; merged captures come back empty.
///
/// Returns where paragraphs found only in a merged dump were appended
/// (capture, draft, first paragraph), so their glued words can be split.
pub fn contained_captures(groups: &mut [Vec<Draft>]) -> Vec<(usize, usize, usize)> {
    let mut from_dumps = Vec::new();
    // Compare the smaller captures first, so a dump merges into the page
    // it was cut from rather than the other way round.
    let sizes: Vec<usize> = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|d| d.paras.iter().map(String::len).sum::<usize>())
                .sum()
        })
        .collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| (sizes[i], i));
    // Every capture's sentences, hashed, and an index from each sentence
    // to the drafts holding it: candidates are found without comparing
    // every pair of captures. Places are u32 (a capture is at most 32 MB):
    // with a few million sentences in a large archive, these tables were
    // the content pass's largest allocation.
    struct Sent {
        hash: u64,
        draft: u32,
        para: u32,
        range: (u32, u32),
    }
    let sents: Vec<Vec<Sent>> = groups
        .par_iter()
        .map(|g| {
            let mut out = Vec::new();
            for (di, d) in g.iter().enumerate() {
                for (pi, p) in d.paras.iter().enumerate() {
                    for s in sentences(p) {
                        let (hash, len) = key_hash_len(s);
                        if len >= 20 {
                            let start = s.as_ptr() as usize - p.as_ptr() as usize;
                            out.push(Sent {
                                hash,
                                draft: di as u32,
                                para: pi as u32,
                                range: (start as u32, (start + s.len()) as u32),
                            });
                        }
                    }
                }
            }
            out
        })
        .collect();
    // A flat index of (hash, capture, draft), sorted and without repeats,
    // and each sentence's holders in it as a range. Both come from one sort
    // of every sentence with its place and one pass over the runs of equal
    // hashes. A binary search per sentence instead waited on memory at
    // every step: 1.6 s of a 4.5 s pass over 10,000 captures (perf), where
    // this takes 0.1 s; callgrind, counting instructions, could not see it.
    let mut placed: Vec<(u64, u32, u32, u32)> = sents
        .iter()
        .enumerate()
        .flat_map(|(c, ss)| {
            ss.iter()
                .enumerate()
                .map(move |(si, s)| (s.hash, c as u32, s.draft, si as u32))
        })
        .collect();
    placed.par_sort_unstable();
    // The index holds (capture, draft) only: a run of one hash is one
    // range of it, so the hash itself is not kept.
    let mut index: Vec<(u32, u32)> = Vec::with_capacity(placed.len());
    let mut owner_ranges: Vec<Vec<(u32, u32)>> =
        sents.iter().map(|ss| vec![(0, 0); ss.len()]).collect();
    for run in placed.chunk_by(|x, y| x.0 == y.0) {
        let lo = index.len();
        for &(_, c, draft, _) in run {
            if index.len() == lo || index.last() != Some(&(c, draft)) {
                index.push((c, draft));
            }
        }
        let hi = index.len();
        for &(_, c, _, si) in run {
            owner_ranges[c as usize][si as usize] = (lo as u32, hi as u32);
        }
    }
    drop(placed);
    let owners = |a: usize, si: usize| -> &[(u32, u32)] {
        let (lo, hi) = owner_ranges[a][si];
        &index[lo as usize..hi as usize]
    };
    // Which captures share enough sentences with each capture to be worth a
    // containment test, and how many of its sentences each holds exactly.
    // This reads only what no merge changes, so it runs on both cores; the
    // merges below then go one by one, in size order.
    let shared_with: Vec<Vec<(usize, usize)>> = (0..groups.len())
        .into_par_iter()
        .map(|a| {
            let sents_a = &sents[a];
            let mut shared: FastMap<usize, usize> = FastMap::default();
            for si in 0..sents_a.len() {
                let owners = owners(a, si);
                // A sentence found in very many captures is boilerplate, not
                // a sign of one story.
                if owners.len() > 64 {
                    continue;
                }
                let mut last = usize::MAX;
                for &(c, _) in owners {
                    let c = c as usize;
                    if c != a && c != last {
                        *shared.entry(c).or_insert(0) += 1;
                        last = c;
                    }
                }
            }
            let mut candidates: Vec<(usize, usize)> = shared
                .into_iter()
                .filter(|&(_, n)| n * 2 >= sents_a.len())
                .map(|(c, _)| {
                    let exact = (0..sents_a.len())
                        .filter(|&si| owners(a, si).iter().any(|&(cc, _)| cc as usize == c))
                        .count();
                    (c, exact)
                })
                .collect();
            candidates.sort_unstable();
            candidates
        })
        .collect();
    // Draft texts as keys, for sentences split differently in two
    // captures; computed only for captures that are candidates.
    let mut keys: FastMap<usize, Vec<String>> = FastMap::default();
    let mut merged = vec![false; groups.len()];
    for &a in &order {
        let sents_a = &sents[a];
        if sents_a.is_empty() {
            continue;
        }
        let candidates: Vec<(usize, usize)> = shared_with[a]
            .iter()
            .copied()
            .filter(|&(c, _)| !merged[c] && !groups[c].is_empty())
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let text_of = |s: &Sent| -> &str {
            let para = &groups[a][s.draft as usize].paras[s.para as usize];
            &para[s.range.0 as usize..s.range.1 as usize]
        };
        // Computed only for the captures a containment test needs.
        let ensure_keys = |c: usize, keys: &mut FastMap<usize, Vec<String>>| {
            keys.entry(c)
                .or_insert_with(|| groups[c].iter().map(|d| key(&d.paras.join(" "))).collect());
        };
        // Which drafts of capture `c` hold a sentence: exact sentence
        // matches first, then containment in a draft's text.
        // Each sentence's key is computed at most once, however many
        // candidates it is looked up in.
        let mut sent_keys: Vec<Option<String>> = vec![None; sents_a.len()];
        let holders = |c: usize,
                       si: usize,
                       sent_keys: &mut Vec<Option<String>>,
                       keys: &FastMap<usize, Vec<String>>|
         -> Vec<usize> {
            let s = &sents_a[si];
            let exact: Vec<usize> = owners(a, si)
                .iter()
                .filter(|&&(cc, _)| cc as usize == c)
                .map(|&(_, d)| d as usize)
                .collect();
            if !exact.is_empty() {
                return exact;
            }
            let k: &str = sent_keys[si].get_or_insert_with(|| key(text_of(s)));
            // `memmem` with its SIMD prefilter: this search over whole
            // draft texts is the costly part of the test.
            let finder = memchr::memmem::Finder::new(k.as_bytes());
            keys.get(&c)
                .map(|ks| {
                    ks.iter()
                        .enumerate()
                        .filter(|(_, t)| finder.find(t.as_bytes()).is_some())
                        .map(|(d, _)| d)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut best: Option<(usize, usize)> = None;
        let need = CONTAINED * sents_a.len() as f32;
        for &(c, exact) in &candidates {
            // Exact matches were counted above; the costlier containment
            // test runs only on the rest, and stops once so many sentences
            // are missing that `c` can no longer qualify, since only a
            // qualifying count is ever used.
            let mut found = exact;
            let rest = (0..sents_a.len())
                .filter(|&si| !owners(a, si).iter().any(|&(cc, _)| cc as usize == c));
            let mut missing = 0;
            for si in rest {
                if ((sents_a.len() - missing) as f32) < need {
                    break;
                }
                ensure_keys(c, &mut keys);
                if holders(c, si, &mut sent_keys, &keys).is_empty() {
                    missing += 1;
                } else {
                    found += 1;
                }
            }
            if found as f32 >= need && best.is_none_or(|(_, f)| found > f) {
                best = Some((c, found));
            }
        }
        let Some((b, _)) = best else { continue };
        // Symmetric containment (the same page twice): keep the larger.
        if sizes[b] < sizes[a] {
            continue;
        }
        let mut hits = vec![0usize; groups[b].len()];
        let mut leftovers = Vec::new();
        ensure_keys(b, &mut keys);
        for (si, s) in sents_a.iter().enumerate() {
            let held = holders(b, si, &mut sent_keys, &keys);
            if held.is_empty() {
                leftovers.push(text_of(s).to_string());
            }
            for d in held {
                if let Some(h) = hits.get_mut(d) {
                    *h += 1;
                }
            }
        }
        merged[a] = true;
        let donor = std::mem::take(&mut groups[a]);
        let names: Vec<String> = donor.iter().flat_map(|d| d.captured_from.clone()).collect();
        let url = donor.iter().find_map(|d| d.url.clone());
        let date = donor.iter().find_map(|d| d.date);
        let most = (0..hits.len())
            .max_by_key(|&i| (hits[i], usize::MAX - i))
            .unwrap_or(0);
        for (i, d) in groups[b].iter_mut().enumerate() {
            if hits[i] == 0 {
                continue;
            }
            for n in &names {
                if !d.captured_from.contains(n) {
                    d.captured_from.push(n.clone());
                }
            }
            if d.url.is_none() {
                d.url = url.clone();
            }
            if d.date.is_none() {
                d.date = date;
            }
        }
        if let Some(d) = groups[b].get_mut(most) {
            if donor.iter().any(|x| x.dump) && !leftovers.is_empty() {
                from_dumps.push((b, most, d.paras.len()));
            }
            d.paras.extend(leftovers);
            // A capture of one piece credits its authors and outlet to the
            // entry that holds its text, when that entry names none: a
            // syndicated copy without a byline keeps the original's.
            if let [x] = donor.as_slice() {
                if d.authors.is_empty() {
                    d.authors = x.authors.clone();
                }
                if d.outlet.is_none() {
                    d.outlet = x.outlet.clone();
                }
            }
            for x in donor {
                d.exclude.extend(x.exclude);
                d.exclude.extend(x.authors);
                d.hints.extend(x.hints);
            }
        }
    }
    from_dumps
}

/// Jaccard similarity of the capitalised words two texts share: how
/// likely they tell the same story.
pub fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    inter as f32 / (a.len() + b.len() - inter) as f32
}

/// The capitalised words of a text (names, mostly).
pub fn name_words(text: &str) -> HashSet<String> {
    super::words::words(text)
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, authors: &[&str], paras: &[&str]) -> Draft {
        let mut d = Draft::new(name, Kind::Article);
        d.authors = authors.iter().map(|a| a.to_string()).collect();
        d.paras = paras.iter().map(|p| p.to_string()).collect();
        d
    }

    #[test]
    fn a_merged_capture_keeps_the_authors_of_its_byline() {
        let paras = [
            "The ferry company said on Tuesday that it would add two sailings a day.",
            "Harbour officials expect the new timetable to start in late spring.",
            "Passenger numbers rose by a fifth last year, the company said.",
        ];
        let mut longer: Vec<&str> = paras.to_vec();
        longer.push("A spokesperson for the harbour board declined to comment further.");
        let mut groups = vec![
            vec![draft(
                "short.txt",
                &["Mira Tolvanen", "Jasper Quill"],
                &paras,
            )],
            vec![draft("copy.txt", &[], &longer)],
        ];
        contained_captures(&mut groups);
        let kept: Vec<&Draft> = groups.iter().flatten().collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].authors, vec!["Mira Tolvanen", "Jasper Quill"]);
        assert_eq!(kept[0].captured_from.len(), 2);
    }

    #[test]
    fn splits_sentences_at_real_boundaries() {
        assert_eq!(
            sentences("The U.S. envoy met him. Talks went on. \"Fine,\" he said."),
            vec![
                "The U.S. envoy met him.",
                "Talks went on.",
                "\"Fine,\" he said."
            ]
        );
    }

    /// The byte-by-byte splitter, for comparison.
    fn reference(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?')
                || (b == 0xe3 && bytes[i..].starts_with("。".as_bytes()))
            {
                let boundary = match bytes.get(i + 1).copied() {
                    None => true,
                    Some(b' ') => bytes
                        .get(i + 2)
                        .is_some_and(|&b| b.is_ascii_uppercase() || b == b'"' || !b.is_ascii()),
                    Some(b'"') => true,
                    _ => false,
                };
                if boundary {
                    let s = text[start..=i].trim();
                    if !s.is_empty() {
                        out.push(s);
                    }
                    start = i + 1;
                }
            }
        }
        let rest = text[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
        out
    }

    #[test]
    fn splits_sentences_alike_with_or_without_ideographic_stops() {
        for text in [
            "Talks resumed in Oslo. \"We are close!\" she said. Is it over? No.Not yet. Ends here.",
            "The U.S. envoy met him. Talks went on. \"Fine,\" he said.",
            "会談は続いた。 He left. Élan returned! ...",
            "No stop at all",
            "",
            ". ! ? 。",
        ] {
            assert_eq!(sentences(text), reference(text), "{text}");
        }
    }
}
