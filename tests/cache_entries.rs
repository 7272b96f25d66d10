//! The parsed-entry cache: Markdown entries of unchanged files are taken
//! from `.gazette/cache/` without being read, and a cached build always
//! gives the same bytes as `--no-cache`, whatever was edited, added,
//! deleted, renamed or damaged in between.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{Fixture, assert_same_trees, files, tree};
use gazette::build::{BuildOptions, BuildReport, build};

fn options(root: &Path, output: Option<PathBuf>, no_cache: bool, drafts: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output,
        no_cache,
        drafts,
        ..BuildOptions::default()
    }
}

fn cached(f: &Fixture) -> BuildReport {
    build(&options(f.root(), None, false, false)).expect("cached build succeeds")
}

/// Builds with `--no-cache` into a separate folder and returns it.
fn uncached(f: &Fixture, drafts: bool) -> PathBuf {
    let out = f.root().join("uncached");
    let _ = std::fs::remove_dir_all(&out);
    build(&options(f.root(), Some(out.clone()), true, drafts)).expect("uncached build succeeds");
    out
}

fn assert_same_as_uncached(f: &Fixture, drafts: bool, context: &str) {
    assert_same_trees(&f.public(), &uncached(f, drafts), context);
}

/// Sets a file's modification time.
fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set mtime");
}

/// Moves every entry's modification time a minute into the past, as if
/// written long before the build (files written within a second of a
/// build are read again by the next one: see `racy_files_are_read_again`).
fn age(f: &Fixture) {
    let past = SystemTime::now() - Duration::from_secs(60);
    for rel in files(&f.root().join("content")) {
        set_mtime(&f.root().join("content").join(rel), past);
    }
}

fn newsroom() -> Fixture {
    let f = Fixture::new(
        "title = \"Valley Courier\"\nbase_url = \"https://example.org/\"\npaginate = 2\nfeed_limit = 3\ntimezone = \"Europe/Lisbon\"\n",
    );
    f.entry(
        "bridge.md",
        "title = \"Old bridge reopens to cyclists\"\ndate = 2024-05-02T08:15:00+01:00\nactors = [\"Rita Sol\", \"Roads Office\"]\nplaces = [\"Vale\"]",
        "Cyclists crossed the old bridge for the first time in two years.",
    )
    .entry(
        "budget.md",
        "title = \"Council passes the budget\"\ndate = 2024-05-03 19:40\nactors = [\"Rita Sol\"]\ntags = [\"council\"]",
        "The budget passed by nine votes to four after a long evening.",
    )
    .entry(
        "flood-1.md",
        "title = \"River rises at the weir\"\ndate = 2024-05-04T06:00:00.250Z\nstory = \"Flood watch\"\nkind = \"post\"\nactors = [\"Civil Defence\"]",
        "The river rose half a metre overnight.",
    )
    .entry(
        "flood-2.md",
        "title = \"Weir road closed\"\ndate = 2024-05-04T09:30:00Z\nstory = \"Flood watch\"\nkind = \"post\"",
        "Police closed the weir road to traffic.",
    )
    .entry(
        "market.md",
        "title = \"Saturday market moves indoors\"\ndate = 2024-05-01\nplaces = [\"Vale\"]",
        "Stalls moved into the old hall for the summer.",
    )
    .entry(
        "draft.md",
        "title = \"School roof repairs\"\ndate = 2024-05-05T10:00:00Z\ndraft = true",
        "Repairs start in June, the school said.",
    );
    f
}

#[test]
fn unchanged_entries_come_from_the_cache_with_the_same_output() {
    let f = newsroom();
    age(&f);
    assert_eq!(cached(&f).reused, 0, "nothing is cached yet");
    let second = cached(&f);
    assert_eq!(second.reused, 6, "every entry, the draft too, is reused");
    assert_eq!(second.rendered, 0);
    assert_same_as_uncached(&f, false, "after a build from the entry cache");
}

#[test]
fn an_edit_of_the_same_size_and_time_is_read_again() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    let path = f.root().join("content/bridge.md");
    let before = std::fs::metadata(&path).and_then(|m| m.modified()).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("two years", "six years");
    assert_eq!(text.len(), edited.len());
    std::fs::write(&path, &edited).unwrap();
    set_mtime(&path, before);
    let report = cached(&f);
    assert_eq!(report.reused, 5, "only the edited file is read");
    assert!(
        f.read("2024/05/02/old-bridge-reopens-to-cyclists/index.html")
            .contains("six years")
    );
    assert_same_as_uncached(&f, false, "after a same-size edit");
}

#[test]
fn racy_files_are_read_again() {
    // Written just now: an edit in the same clock tick could keep the
    // same size and time, so the cache does not trust them yet.
    let f = newsroom();
    cached(&f);
    assert_eq!(cached(&f).reused, 0);
    age(&f);
    cached(&f);
    assert_eq!(cached(&f).reused, 6, "once old enough, they are trusted");
}

#[test]
fn added_deleted_and_renamed_entries_build_as_without_the_cache() {
    let f = newsroom();
    age(&f);
    cached(&f);
    std::fs::remove_file(f.root().join("content/market.md")).unwrap();
    std::fs::create_dir_all(f.root().join("content/2024")).unwrap();
    std::fs::rename(
        f.root().join("content/budget.md"),
        f.root().join("content/2024/budget.md"),
    )
    .unwrap();
    f.entry(
        "library.md",
        "title = \"Library extends its hours\"\ndate = 2024-05-03T12:00:00Z\nactors = [\"Rita Sol\"]",
        "The library now opens until nine.",
    );
    let report = cached(&f);
    assert_eq!(report.reused, 4, "bridge, two flood posts and the draft");
    assert!(!f.exists("2024/05/01/saturday-market-moves-indoors/index.html"));
    assert!(
        !f.read("places/vale/index.html").contains("Saturday market"),
        "the deleted entry left its place page"
    );
    assert!(f.exists("2024/05/03/library-extends-its-hours/index.html"));
    assert_same_as_uncached(&f, false, "after an add, a delete and a rename");
}

#[test]
fn a_damaged_entry_cache_is_survived_and_rebuilt() {
    let f = newsroom();
    age(&f);
    cached(&f);
    let dir = f.root().join(".gazette/cache");
    let mut damaged = 0;
    for item in std::fs::read_dir(&dir).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("entries-") {
            let mut bytes = std::fs::read(&path).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 0x55;
            std::fs::write(&path, &bytes).unwrap();
            damaged += 1;
        } else if name == "prints" {
            std::fs::write(&path, "not a cache file").unwrap();
        }
    }
    assert!(damaged > 0, "the entry cache has shard files");
    // The library, not the binary: the cache key names the program that
    // wrote it, and the test binary is not `gazette`.
    let report = cached(&f);
    let warnings: Vec<String> = report.warnings.0.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w
            .ends_with("part of the build cache is damaged; it is ignored and will be rebuilt")
            && w.starts_with(".gazette/cache/entries-")),
        "{warnings:?}"
    );
    assert_eq!(report.reused, 0);
    assert_same_as_uncached(&f, false, "after a damaged entry cache");
    let again = cached(&f);
    assert!(again.warnings.0.is_empty(), "{:?}", again.warnings);
    assert_eq!(again.reused, 6, "the cache was rebuilt");
}

#[test]
fn a_cache_file_of_another_format_is_ignored_silently() {
    let f = newsroom();
    age(&f);
    cached(&f);
    let dir = f.root().join(".gazette/cache");
    for item in std::fs::read_dir(&dir).unwrap() {
        let path = item.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("entries-")
        {
            std::fs::write(&path, "gazette-entries 0 0.0.1\nold layout").unwrap();
        }
    }
    let report = cached(&f);
    assert!(report.warnings.0.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.reused, 0);
    assert_same_as_uncached(&f, false, "after an old-format entry cache");
    assert_eq!(cached(&f).reused, 6, "the cache was rebuilt");
}

#[test]
fn deleting_the_cache_folder_gives_the_same_output() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    std::fs::remove_dir_all(f.root().join(".gazette")).unwrap();
    let report = cached(&f);
    assert_eq!(report.reused, 0);
    assert_eq!(report.written, 0, "the output already held these bytes");
    assert_same_as_uncached(&f, false, "after deleting .gazette/");
}

#[test]
fn a_time_zone_change_reads_every_entry_again() {
    let f = newsroom();
    age(&f);
    cached(&f);
    // `budget.md` has a local time: its offset follows the site's zone.
    f.file(
        "site.toml",
        "title = \"Valley Courier\"\nbase_url = \"https://example.org/\"\npaginate = 2\nfeed_limit = 3\ntimezone = \"America/Sao_Paulo\"\n",
    );
    let report = cached(&f);
    assert_eq!(report.reused, 0);
    assert!(
        f.read("2024/05/03/council-passes-the-budget/index.html")
            .contains("19:40:00-03:00")
    );
    assert_same_as_uncached(&f, false, "after a time zone change");
}

#[test]
fn drafts_come_from_the_cache_only_into_draft_builds() {
    let f = newsroom();
    age(&f);
    cached(&f);
    assert!(!f.exists("2024/05/05/school-roof-repairs/index.html"));
    let report = build(&options(f.root(), None, false, true)).expect("draft build");
    assert_eq!(report.reused, 6);
    assert!(f.exists("2024/05/05/school-roof-repairs/index.html"));
    assert_same_as_uncached(&f, true, "a cached build with drafts");
    cached(&f);
    assert!(!f.exists("2024/05/05/school-roof-repairs/index.html"));
    assert_same_as_uncached(&f, false, "a cached build without drafts again");
}

#[test]
fn an_entry_whose_page_path_changes_is_fingerprinted_again() {
    // Two entries with the same slug on the same day: the later in order
    // gets `-2`. Deleting the first moves the second to the plain path,
    // so its stored fingerprints (computed on `-2`) must not be used.
    let f = Fixture::at("/");
    f.entry(
        "a.md",
        "title = \"Talks resume\"\ndate = 2024-06-01T09:00:00Z\nactors = [\"Union\"]",
        "Morning session.",
    )
    .entry(
        "b.md",
        "title = \"Talks resume\"\ndate = 2024-06-01T15:00:00Z\nactors = [\"Union\"]",
        "Afternoon session.",
    );
    age(&f);
    cached(&f);
    assert!(
        f.read("2024/06/01/talks-resume-2/index.html")
            .contains("Afternoon")
    );
    std::fs::remove_file(f.root().join("content/a.md")).unwrap();
    let report = cached(&f);
    assert_eq!(report.reused, 1);
    assert!(
        f.read("2024/06/01/talks-resume/index.html")
            .contains("Afternoon")
    );
    assert!(!f.exists("2024/06/01/talks-resume-2/index.html"));
    assert_same_as_uncached(&f, false, "after a path change");
}

#[test]
fn a_file_that_became_invalid_fails_the_build_and_is_not_taken_from_the_cache() {
    let f = newsroom();
    age(&f);
    cached(&f);
    f.entry(
        "market.md",
        "title = \"Saturday market\"",
        "No date any more.",
    );
    let err = build(&options(f.root(), None, false, false)).expect_err("a missing date fails");
    assert!(
        err.to_string()
            .contains("content/market.md:1:1: missing `date`"),
        "{err}"
    );
    f.entry(
        "market.md",
        "title = \"Saturday market moves indoors\"\ndate = 2024-05-01\nplaces = [\"Vale\"]",
        "Stalls moved into the old hall for the summer.",
    );
    cached(&f);
    assert_same_as_uncached(&f, false, "after the file was fixed");
}

/// The cache files of the site, by name, with their bytes.
fn cache_files(f: &Fixture) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = f.root().join(".gazette/cache");
    assert!(dir.is_dir(), "the build left no cache folder");
    tree(&dir)
}

#[test]
fn a_body_edit_renders_feeds_with_the_bodies_of_unchanged_entries() {
    // The entry cache keeps no bodies: the feeds the edited entry is in
    // carry other entries' bodies, read again from their files.
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    f.entry(
        "bridge.md",
        "title = \"Old bridge reopens to cyclists\"\ndate = 2024-05-02T08:15:00+01:00\nactors = [\"Rita Sol\", \"Roads Office\"]\nplaces = [\"Vale\"]",
        "Cyclists crossed the old bridge for the first time in two years, to applause.",
    );
    let report = cached(&f);
    assert_eq!(report.reused, 5, "only the edited file is read");
    assert!(report.rendered > 1, "its page and the feeds that carry it");
    let feed = f.read("actors/rita-sol/atom.xml");
    assert!(feed.contains("to applause"), "{feed}");
    assert!(
        feed.contains("nine votes to four"),
        "an unchanged entry's body is in the feed: {feed}"
    );
    assert_same_as_uncached(&f, false, "after a body edit");
}

#[test]
fn a_template_edit_renders_every_entry_page_with_its_body() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    let entry = gazette::theme::Theme::builtin().templates["entry.html"]
        .text
        .replace("</h1>", "</h1><p class=\"note\">From the archive.</p>");
    f.file("templates/entry.html", &entry);
    let report = cached(&f);
    assert_eq!(report.reused, 6, "no entry is parsed again");
    let page = f.read("2024/05/03/council-passes-the-budget/index.html");
    assert!(page.contains("From the archive."), "{page}");
    assert!(page.contains("nine votes to four"), "{page}");
    assert_same_as_uncached(&f, false, "after a template edit");
}

#[test]
fn lost_fingerprints_are_computed_again_from_bodies_read_again() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    let dir = f.root().join(".gazette/cache");
    let mut damaged = 0;
    for name in cache_files(&f).keys() {
        if name.starts_with("prints-") {
            std::fs::write(dir.join(name), "not a cache file").unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0, "fingerprints are kept in shard files");
    // Entry pages' keys are made from fingerprints of the whole entry: had
    // they been computed without the bodies, every entry page would render.
    let report = cached(&f);
    assert_eq!(report.reused, 6, "the entries are still reused");
    assert_eq!(report.rendered, 0, "the recomputed keys match the manifest");
    assert!(report.warnings.0.is_empty(), "{:?}", report.warnings);
    assert_same_as_uncached(&f, false, "after losing the fingerprints");
    // The same site as read from the files, bodies and fingerprints too.
    for name in cache_files(&f).keys() {
        if name.starts_with("prints-") {
            std::fs::write(dir.join(name), "not a cache file").unwrap();
        }
    }
    let mut timings = Vec::new();
    let from_cache =
        gazette::build::prepare_timed(f.root(), None, false, true, &mut timings).unwrap();
    let from_files = gazette::build::prepare(f.root(), None, false).unwrap();
    assert_eq!(from_cache.reused, 6);
    assert_eq!(from_cache.site.entries, from_files.site.entries);
    assert_eq!(from_cache.site.paths, from_files.site.paths);
    assert_eq!(from_cache.site.fingerprints, from_files.site.fingerprints);
    assert_eq!(
        from_cache.site.meta_fingerprints,
        from_files.site.meta_fingerprints
    );
}

#[test]
fn an_edit_rewrites_one_shard_of_entries_and_of_fingerprints() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    let before = cache_files(&f);
    f.entry(
        "market.md",
        "title = \"Saturday market moves indoors\"\ndate = 2024-05-01\nplaces = [\"Vale\"]",
        "Stalls moved into the old hall for the whole summer.",
    );
    // Old enough to be trusted (touching every file would change them all).
    set_mtime(
        &f.root().join("content/market.md"),
        SystemTime::now() - Duration::from_secs(60),
    );
    cached(&f);
    let after = cache_files(&f);
    let changed = |prefix: &str| {
        after
            .iter()
            .filter(|(name, bytes)| name.starts_with(prefix) && before.get(*name) != Some(*bytes))
            .count()
    };
    assert_eq!(changed("entries-"), 1, "the edited file's shard");
    assert_eq!(changed("prints-"), 1, "the edited entry's fingerprints");
    assert_same_as_uncached(&f, false, "after an edit");
    // Unchanged files, so unchanged entry cache files.
    let entry_cache = |files: std::collections::BTreeMap<String, Vec<u8>>| {
        files
            .into_iter()
            .filter(|(name, _)| name.starts_with("entries-") || name.starts_with("prints-"))
            .collect::<Vec<_>>()
    };
    let after = entry_cache(after);
    cached(&f);
    assert_eq!(entry_cache(cache_files(&f)), after);
}

#[test]
fn a_file_deleted_after_it_was_cached_is_gone_from_feeds_and_listings() {
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    std::fs::remove_file(f.root().join("content/budget.md")).unwrap();
    let report = cached(&f);
    assert_eq!(report.reused, 5);
    assert!(!f.read("atom.xml").contains("Council passes the budget"));
    assert!(
        !f.read("actors/rita-sol/index.html")
            .contains("Council passes the budget")
    );
    assert_same_as_uncached(&f, false, "after a deletion");
}

#[test]
fn body_edits_after_a_draft_reach_their_own_pages_in_both_kinds_of_build() {
    // What the cache knows of each file travels beside the entries read,
    // through draft filtering: an edit to a file read after the draft must
    // land on its own page, not on a neighbour's.
    let f = newsroom();
    age(&f);
    cached(&f);
    cached(&f);
    let past = SystemTime::now() - Duration::from_secs(30);
    for (rel, from, to) in [
        (
            "market.md",
            "for the summer.",
            "for the summer, and the winter too.",
        ),
        ("flood-2.md", "to traffic.", "to all traffic until noon."),
    ] {
        let path = f.root().join("content").join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace(from, to)).unwrap();
        set_mtime(&path, past);
    }
    let report = cached(&f);
    assert_eq!(report.reused, 4, "every file but the two edited ones");
    assert!(
        f.read("2024/05/01/saturday-market-moves-indoors/index.html")
            .contains("and the winter too")
    );
    assert!(
        f.read("2024/05/04/weir-road-closed/index.html")
            .contains("until noon")
    );
    assert!(
        !f.read("2024/05/04/river-rises-at-the-weir/index.html")
            .contains("until noon")
    );
    assert_same_as_uncached(&f, false, "after body edits following a draft");
    let drafts = build(&options(f.root(), None, false, true)).expect("draft build");
    assert_eq!(drafts.reused, 6);
    assert_same_as_uncached(&f, true, "a draft build after the edits");
}

#[test]
fn entries_sharing_a_page_path_keep_their_suffixes_through_cached_builds() {
    let f = newsroom();
    f.entry(
        "a-talks.md",
        "title = \"Bridge talks\"\ndate = 2024-05-02T10:00:00Z",
        "Morning talks on the bridge budget.",
    )
    .entry(
        "z-talks.md",
        "title = \"Bridge talks\"\ndate = 2024-05-02T09:00:00Z",
        "Early talks before the council met.",
    )
    .entry(
        "m-talks.md",
        "title = \"Bridge talks\"\ndate = 2024-05-02T09:00:00Z\nslug = \"bridge-talks-2\"",
        "Talks whose slug is literally the first suffix.",
    );
    age(&f);
    let first = cached(&f);
    assert_eq!(
        first
            .warnings
            .0
            .iter()
            .filter(|d| d.to_string().contains("same page path"))
            .count(),
        1,
        "{:?}",
        first.warnings
    );
    // The earliest claims the bare path; the literal `-2` keeps its own.
    assert!(
        f.read("2024/05/02/bridge-talks/index.html")
            .contains("Early talks")
    );
    assert!(
        f.read("2024/05/02/bridge-talks-2/index.html")
            .contains("literally")
    );
    assert!(
        f.read("2024/05/02/bridge-talks-3/index.html")
            .contains("Morning talks")
    );
    assert_same_as_uncached(&f, false, "a first build with shared paths");
    // The earliest one moves a day later: the others move up.
    let path = f.root().join("content/z-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("2024-05-02T09", "2024-05-03T09")).unwrap();
    set_mtime(&path, SystemTime::now() - Duration::from_secs(30));
    let report = cached(&f);
    assert_eq!(report.reused, 8);
    assert!(
        f.read("2024/05/02/bridge-talks/index.html")
            .contains("Morning talks")
    );
    assert!(
        f.read("2024/05/03/bridge-talks/index.html")
            .contains("Early talks")
    );
    assert!(!f.exists("2024/05/02/bridge-talks-3/index.html"));
    assert_same_as_uncached(&f, false, "after a shared path was freed");
}
