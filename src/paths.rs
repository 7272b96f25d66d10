//! Page paths for entries: `YYYY/MM/DD/<slug>`, unique across the site.
//!
//! Both `build` and `extract` need the same paths, and `import` names its
//! files after them, so path assignment lives in one pure function.

use std::borrow::Borrow;

use ahash::AHashMap as HashMap;
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, Origin};

/// The page path of an entry before collisions are resolved.
pub fn base_path(entry: &Entry) -> String {
    match &entry.date {
        Some(d) => {
            let day = d.day();
            format!(
                "{:04}/{:02}/{:02}/{}",
                day.year(),
                day.month(),
                day.day(),
                entry.base_slug()
            )
        }
        None => format!("undated/{}", entry.base_slug()),
    }
}

/// Gives every entry its own path and drops captures that a Markdown entry
/// replaces.
///
/// - A capture and a Markdown entry with the same path are one entry edited
///   by hand: the Markdown wins and a warning names both files.
/// - Any other two entries with the same path both keep a page: the later
///   ones (in a stable order: date, then source file, then title) get
///   `-2`, `-3`, ... and a warning.
///
/// Returns the kept entries with their paths, in the order given. Entries
/// may be owned or shared (`Arc<Entry>`, as the incremental rebuilder keeps
/// them).
pub fn assign<E: Borrow<Entry>>(entries: Vec<E>) -> (Vec<(E, String)>, Diagnostics) {
    assign_with_bases(entries, Vec::new())
}

/// [`assign`], taking the base paths a caller already knows (parallel to
/// `entries`; `None` or missing where unknown): a build cache keeps them,
/// as slugs transliterate every title. A known base must be what
/// [`base_path`] gives for that entry.
pub fn assign_with_bases<E: Borrow<Entry>>(
    entries: Vec<E>,
    mut known: Vec<Option<String>>,
) -> (Vec<(E, String)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let owned = entries;
    let entries: Vec<&Entry> = owned.iter().map(Borrow::borrow).collect();
    known.resize(entries.len(), None);
    // Slugs transliterate every title: worth both cores on a big archive.
    let bases: Vec<String> = entries
        .par_iter()
        .zip(known.into_par_iter())
        .map(|(e, k)| k.unwrap_or_else(|| base_path(e)))
        .collect();

    // Markdown entries shadow captures that resolve to the same path.
    let mut markdown_at: HashMap<&str, &str> = HashMap::with_capacity(entries.len());
    for (e, b) in entries.iter().zip(&bases) {
        if e.origin == Origin::Markdown {
            markdown_at.entry(b.as_str()).or_insert(e.source.as_str());
        }
    }
    let mut keep = vec![true; entries.len()];
    for (i, (e, b)) in entries.iter().zip(&bases).enumerate() {
        if e.origin == Origin::Capture
            && let Some(md) = markdown_at.get(b.as_str())
        {
            keep[i] = false;
            diags.push(
                Diagnostic::warning(format!(
                    "the capture and `{md}` both make the page {b}/; the Markdown entry wins"
                ))
                .at(e.source.clone()),
            );
        }
    }

    // Entries whose base no earlier kept entry has claim it; the others
    // (rare) are resolved below. A suffixed path `{base}-{n}` ends in
    // digits after its last `-`, so two different bases never produce the
    // same one: each group of entries sharing a base is resolved on its
    // own, and most archives have no such group, so no sort is needed.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    let mut shared: Vec<usize> = Vec::new();
    for (i, b) in bases.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        match first.entry(b.as_str()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(_) => shared.push(i),
        }
    }
    let mut paths: Vec<Option<String>> = vec![None; entries.len()];
    if !shared.is_empty() {
        // Stable order within a group, independent of the order files were
        // read: date, then source file, then title.
        let key = |i: usize| {
            let e = entries[i];
            (e.date.map(|d| d.timestamp()), &e.source, &e.title, i)
        };
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for &i in &shared {
            groups
                .entry(bases[i].as_str())
                .or_insert_with(|| vec![first[bases[i].as_str()]])
                .push(i);
        }
        // Bases are all taken first, so an entry whose slug is literally
        // "x-2" never loses its path to a generated suffix.
        let mut taken: ahash::AHashSet<String> = ahash::AHashSet::new();
        // (order key of the entry, the warning about it)
        let mut notes = Vec::new();
        let mut groups: Vec<(&str, Vec<usize>)> = groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (base, mut group) in groups {
            group.sort_by_cached_key(|&i| key(i));
            let owner = group[0];
            first.insert(base, owner);
            for &i in &group[1..] {
                let mut n = 2;
                let path = loop {
                    let candidate = format!("{base}-{n}");
                    if !first.contains_key(candidate.as_str()) && !taken.contains(&candidate) {
                        break candidate;
                    }
                    n += 1;
                };
                notes.push((
                    key(i),
                    Diagnostic::warning(format!(
                        "`{}` has the same page path as `{}` ({base}/); it is written to {path}/",
                        entries[i].title, entries[owner].source
                    ))
                    .at(entries[i].source.clone()),
                ));
                taken.insert(path.clone());
                paths[i] = Some(path);
            }
        }
        // Warnings in the stable order.
        notes.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, d) in notes {
            diags.push(d);
        }
    }
    let owners: Vec<bool> = (0..entries.len())
        .map(|i| keep[i] && paths[i].is_none() && first.get(bases[i].as_str()) == Some(&i))
        .collect();
    drop(first);
    for ((path, b), owns) in paths.iter_mut().zip(bases).zip(owners) {
        if owns {
            *path = Some(b);
        }
    }

    drop(entries);
    let kept = owned
        .into_iter()
        .zip(paths)
        .filter_map(|(e, p)| p.map(|p| (e, p)))
        .collect();
    (kept, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::EntryDate;
    use jiff::tz::TimeZone;

    fn entry(title: &str, date: &str, source: &str, origin: Origin) -> Entry {
        Entry {
            date: Some(EntryDate::parse(date, &TimeZone::UTC).unwrap()),
            ..Entry::new(title, source, origin)
        }
    }

    #[test]
    fn a_late_evening_entry_keeps_its_own_day() {
        let e = entry(
            "Late",
            "2022-01-21T21:30:00-05:00",
            "a.md",
            Origin::Markdown,
        );
        assert_eq!(base_path(&e), "2022/01/21/late");
    }

    #[test]
    fn same_slug_same_day_gets_a_suffix_and_a_warning() {
        let (kept, diags) = assign(vec![
            entry("Talks", "2022-01-21T10:00:00Z", "b.md", Origin::Markdown),
            entry("Talks", "2022-01-21T09:00:00Z", "a.md", Origin::Markdown),
        ]);
        assert_eq!(kept[1].1, "2022/01/21/talks");
        assert_eq!(kept[0].1, "2022/01/21/talks-2");
        assert_eq!(diags.warnings().count(), 1);
    }

    #[test]
    fn known_base_paths_give_what_computing_them_gives() {
        let entries = vec![
            entry("Talks", "2022-01-21T10:00:00Z", "b.md", Origin::Markdown),
            entry("Talks", "2022-01-21T09:00:00Z", "a.md", Origin::Markdown),
            entry("Vote", "2022-01-22T09:00:00Z", "c.md", Origin::Markdown),
        ];
        let known = vec![Some(base_path(&entries[0])), None];
        let (fresh, d1) = assign(entries.clone());
        let (reused, d2) = assign_with_bases(entries.clone(), known);
        assert_eq!(fresh, reused);
        assert_eq!(d1.0.len(), d2.0.len());
        // A caller's base is trusted as given.
        let (moved, _) = assign_with_bases(entries, vec![None, None, Some("elsewhere".into())]);
        assert_eq!(moved[2].1, "elsewhere");
    }

    /// Path assignment as it was before same-base groups were resolved on
    /// their own: every kept entry sorted, bases claimed in that order, then
    /// suffixes handed out in that order.
    fn assign_by_sorting(entries: &[Entry]) -> (Vec<(Entry, String)>, Vec<String>) {
        let bases: Vec<String> = entries.iter().map(base_path).collect();
        let mut markdown_at: HashMap<&str, &str> = HashMap::new();
        for (e, b) in entries.iter().zip(&bases) {
            if e.origin == Origin::Markdown {
                markdown_at.entry(b.as_str()).or_insert(e.source.as_str());
            }
        }
        let mut notes = Vec::new();
        let mut keep = vec![true; entries.len()];
        for (i, (e, b)) in entries.iter().zip(&bases).enumerate() {
            if e.origin == Origin::Capture
                && let Some(md) = markdown_at.get(b.as_str())
            {
                keep[i] = false;
                notes.push(
                    Diagnostic::warning(format!(
                        "the capture and `{md}` both make the page {b}/; the Markdown entry wins"
                    ))
                    .at(e.source.clone())
                    .to_string(),
                );
            }
        }
        let mut order: Vec<usize> = (0..entries.len()).filter(|&i| keep[i]).collect();
        order.sort_by_key(|&i| {
            let e = &entries[i];
            (e.date.map(|d| d.timestamp()), &e.source, &e.title, i)
        });
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut paths: Vec<Option<String>> = vec![None; entries.len()];
        for &i in &order {
            if !taken.contains_key(&bases[i]) {
                taken.insert(bases[i].clone(), i);
                paths[i] = Some(bases[i].clone());
            }
        }
        for &i in &order {
            if paths[i].is_some() {
                continue;
            }
            let mut n = 2;
            let path = loop {
                let candidate = format!("{}-{n}", bases[i]);
                if !taken.contains_key(&candidate) {
                    break candidate;
                }
                n += 1;
            };
            let first = &entries[taken[&bases[i]]].source;
            notes.push(
                Diagnostic::warning(format!(
                    "`{}` has the same page path as `{first}` ({}/); it is written to {path}/",
                    entries[i].title, bases[i]
                ))
                .at(entries[i].source.clone())
                .to_string(),
            );
            taken.insert(path.clone(), i);
            paths[i] = Some(path);
        }
        let kept = entries
            .iter()
            .cloned()
            .zip(paths)
            .filter_map(|(e, p)| p.map(|p| (e, p)))
            .collect();
        (kept, notes)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        #[test]
        fn paths_and_warnings_are_those_of_sorting_every_entry(
            picks in proptest::collection::vec(
                (0usize..5, 0usize..3, 0u8..3, proptest::bool::ANY, 0u8..4),
                0..24,
            ),
        ) {
            // Titles and explicit slugs that collide with each other and
            // with generated suffixes ("talks-2" is also a literal slug).
            const TITLES: [&str; 5] = ["Talks", "Talks 2", "Talks-2", "Vote", "Talks 2 2"];
            const SLUGS: [Option<&str>; 3] = [None, Some("talks-2"), Some("talks")];
            let entries: Vec<Entry> = picks
                .iter()
                .enumerate()
                .map(|(n, &(t, s, hour, capture, src))| Entry {
                    slug: SLUGS[s].map(str::to_string),
                    ..entry(
                        TITLES[t],
                        &format!("2022-01-21T{:02}:00:00Z", 9 + hour),
                        &format!("{}{n}.{}", ["a", "b", "c", "d"][src as usize], if capture { "txt" } else { "md" }),
                        if capture { Origin::Capture } else { Origin::Markdown },
                    )
                })
                .collect();
            let (kept, diags) = assign(entries.clone());
            let (expected, notes) = assign_by_sorting(&entries);
            proptest::prop_assert_eq!(&kept, &expected);
            let ours: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
            proptest::prop_assert_eq!(ours, notes, "the same warnings in the same order");
        }
    }

    #[test]
    fn markdown_wins_over_a_capture_at_the_same_path() {
        let (kept, diags) = assign(vec![
            entry("Talks", "2022-01-21T10:00:00Z", "cap.txt", Origin::Capture),
            entry(
                "Talks",
                "2022-01-21T11:00:00Z",
                "talks.md",
                Origin::Markdown,
            ),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].0.source, "talks.md");
        assert!(diags.0[0].to_string().contains("Markdown entry wins"));
    }
}
