//! The build cache: a cached build gives the same bytes as an uncached
//! one, re-renders and rewrites only what changed, forgets deleted entries
//! everywhere, and survives a corrupt cache.

mod common;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::{Fixture, assert_same_trees, files, tree};
use gazette::build::{BuildOptions, BuildReport, build};

fn options(root: &Path, output: Option<PathBuf>, no_cache: bool) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output,
        no_cache,
        ..BuildOptions::default()
    }
}

fn cached(f: &Fixture) -> BuildReport {
    build(&options(f.root(), None, false)).expect("cached build succeeds")
}

/// Builds with `--no-cache` into a separate folder and returns it.
fn uncached(f: &Fixture) -> PathBuf {
    let out = f.root().join("uncached");
    build(&options(f.root(), Some(out.clone()), true)).expect("uncached build succeeds");
    out
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

fn desk() -> Fixture {
    let f = Fixture::new(
        "title = \"Harbour Desk\"\nbase_url = \"https://example.org/news/\"\npaginate = 2\nfeed_limit = 3\n",
    );
    f.entry(
        "wall.md",
        "title = \"Harbour wall vote delayed\"\ndate = 2023-03-01T09:00:00+01:00\nactors = [\"Mara Ode\", \"Port Authority\"]\nplaces = [\"Aldport\"]",
        "The council delayed the vote on the harbour wall.",
    )
    .entry(
        "ferry.md",
        "title = \"Ferry strike ends\"\ndate = 2023-03-02T18:30:00+01:00\nactors = [\"Rail Union\", \"Mara Ode\"]\noutlet = \"Coastal Daily\"",
        "Crews returned to work after talks ended late.",
    )
    .entry(
        "storm-1.md",
        "title = \"Storm reaches the coast\"\ndate = 2023-03-03T06:00:00Z\nstory = \"Storm live\"\nkind = \"post\"\nactors = [\"Coastal Guard\"]",
        "Winds of 120 km/h were recorded at the pier.",
    )
    .entry(
        "storm-2.md",
        "title = \"Coast road closed\"\ndate = 2023-03-03T08:00:00Z\nstory = \"Storm live\"\nkind = \"post\"\nactors = [\"Coastal Guard\", \"Mara Ode\"]",
        "The coast road is closed until further notice.",
    )
    .entry(
        "notes.md",
        "title = \"Archive notes\"\nundated = true",
        "Notes kept by the desk.",
    );
    f.file(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f
}

#[test]
fn cached_and_uncached_builds_are_byte_identical() {
    let f = desk();
    cached(&f);
    let second = cached(&f);
    assert_eq!(second.rendered, 0, "nothing changed, nothing to render");
    assert_same_trees(&f.public(), &uncached(&f), "after a no-op rebuild");

    // A deleted cache folder gives the same output again.
    std::fs::remove_dir_all(f.root().join(".gazette")).expect("remove cache");
    let report = cached(&f);
    assert_eq!(report.rendered, report.pages);
    assert_eq!(report.written, 0, "the output already held these bytes");
    assert_same_trees(&f.public(), &uncached(&f), "after deleting the cache");
}

#[test]
fn a_second_build_renders_only_pages_whose_inputs_changed() {
    let f = desk();
    let first = cached(&f);
    let untouched = f.public().join("2023/03/02/ferry-strike-ends/index.html");
    let t0 = mtime(&untouched);
    std::thread::sleep(std::time::Duration::from_millis(30));
    f.entry(
        "wall.md",
        "title = \"Harbour wall vote delayed\"\ndate = 2023-03-01T09:00:00+01:00\nactors = [\"Mara Ode\", \"Port Authority\"]\nplaces = [\"Aldport\"]",
        "The council delayed the vote on the harbour wall until May.",
    );
    let second = cached(&f);
    // The entry page and the feeds that carry its body; no listing.
    assert!(second.rendered >= 2, "{}", second.rendered);
    assert!(second.rendered * 4 < first.pages, "{}", second.rendered);
    assert!(
        f.read("2023/03/01/harbour-wall-vote-delayed/index.html")
            .contains("until May")
    );
    assert_eq!(mtime(&untouched), t0, "an unchanged page was rewritten");
    assert_same_trees(&f.public(), &uncached(&f), "after one edit");
}

#[test]
fn a_deleted_entry_disappears_from_the_output_and_every_listing() {
    let f = desk();
    cached(&f);
    assert!(f.exists("2023/03/02/ferry-strike-ends/index.html"));
    assert!(
        f.read("actors/mara-ode/index.html")
            .contains("Ferry strike ends")
    );
    std::fs::remove_file(f.root().join("content/ferry.md")).expect("delete entry");
    cached(&f);
    assert!(!f.exists("2023/03/02/ferry-strike-ends/index.html"));
    assert!(
        !f.exists("actors/rail-union/index.html"),
        "its only actor page is gone"
    );
    assert!(!f.exists("2023/03/02/index.html"), "its day is gone");
    for (rel, bytes) in tree(&f.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Ferry strike ends") && !text.contains("ferry-strike-ends"),
            "{rel} still shows the deleted entry"
        );
    }
    assert_same_trees(&f.public(), &uncached(&f), "after a deletion");
}

#[test]
fn a_template_edit_rerenders_only_the_pages_that_use_it() {
    let f = desk();
    let first = cached(&f);
    let term = gazette::theme::Theme::builtin().templates["story.html"]
        .text
        .replace("</h1>", "</h1><p class=\"note\">Live coverage.</p>");
    f.file("templates/story.html", &term);
    let second = cached(&f);
    assert_eq!(second.rendered, 1, "one story page uses story.html");
    assert!(
        f.read("stories/storm-live/index.html")
            .contains("Live coverage.")
    );
    assert!(first.pages == second.pages);
    assert_same_trees(&f.public(), &uncached(&f), "after a template edit");
}

#[test]
fn a_header_edit_reaches_every_html_page_on_a_cached_build() {
    let f = desk();
    let first = cached(&f);
    let header = gazette::theme::Theme::builtin().templates["site_header.html"]
        .text
        .replace("</nav>", "</nav><p class=\"notice\">Archive moved.</p>");
    f.file("templates/site_header.html", &header);
    let second = cached(&f);
    assert!(first.pages == second.pages);
    let html: Vec<String> = tree(&f.public())
        .into_keys()
        .filter(|rel| rel.ends_with(".html"))
        .collect();
    assert!(html.len() > 5, "{html:?}");
    for rel in &html {
        assert!(
            f.read(rel).contains("Archive moved."),
            "{rel} kept the old header"
        );
    }
    assert!(!f.read("atom.xml").contains("Archive moved."));
    assert_same_trees(&f.public(), &uncached(&f), "after a header edit");
}

#[test]
fn a_corrupt_cache_is_ignored_with_a_warning() {
    let f = desk();
    cached(&f);
    let dir = f.root().join(".gazette/cache");
    for item in std::fs::read_dir(&dir).expect("cache dir") {
        let path = item.expect("item").path();
        std::fs::write(&path, "gazette-build-manifest 1\nnot really\n").expect("corrupt");
    }
    let out = f.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("the build cache is ignored and will be rebuilt"),
        "{err}"
    );
    assert_same_trees(&f.public(), &uncached(&f), "after a corrupt cache");
    // The next build has a good cache again.
    let again = f.run(&["build"]);
    let again = String::from_utf8_lossy(&again.stderr);
    assert!(!again.contains("cache is ignored"), "{again}");
}

#[test]
fn a_changed_output_file_is_repaired_even_when_its_page_is_unchanged() {
    let f = desk();
    cached(&f);
    let page = f
        .public()
        .join("2023/03/01/harbour-wall-vote-delayed/index.html");
    std::fs::write(&page, "tampered").expect("tamper");
    std::fs::remove_file(f.public().join("atom.xml")).expect("delete");
    cached(&f);
    assert!(
        f.read("2023/03/01/harbour-wall-vote-delayed/index.html")
            .contains("harbour wall")
    );
    assert!(f.exists("atom.xml"));
    assert_same_trees(&f.public(), &uncached(&f), "after tampering");
}

/// A small deterministic generator for edit sequences.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn random_edit_sequences_give_the_same_output_with_and_without_the_cache() {
    const ACTORS: &[&str] = &["Mara Ode", "Ivo Lind", "Port Authority", "Rail Union"];
    for seed in 1..=4u64 {
        let f = desk();
        let mut rng = Rng(seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
        cached(&f);
        let mut names: Vec<String> = files(&f.root().join("content")).into_iter().collect();
        for step in 0..8 {
            let n = rng.below(5);
            match n {
                0 | 1 => {
                    // Rewrite an entry with new fields and body.
                    let name = format!("e{}.md", rng.below(6));
                    let day = 1 + rng.below(4);
                    let actor = ACTORS[rng.below(ACTORS.len())];
                    f.entry(
                        &name,
                        &format!(
                            "title = \"Update {step} on the harbour\"\ndate = 2023-03-0{day}T1{n}:00:00Z\nactors = [\"{actor}\"]"
                        ),
                        &format!("Step {step} of seed {seed}."),
                    );
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                2 if !names.is_empty() => {
                    let name = names.remove(rng.below(names.len()));
                    std::fs::remove_file(f.root().join("content").join(&name)).expect("delete");
                }
                3 => {
                    f.file(
                        "site.toml",
                        &format!(
                            "title = \"Harbour Desk {}\"\nbase_url = \"https://example.org/news/\"\npaginate = {}\nfeed_limit = 3\n",
                            rng.below(2),
                            1 + rng.below(3)
                        ),
                    );
                }
                _ => {
                    f.file(
                        "static/extra.css",
                        &format!("p {{ margin: {}px }}", rng.below(3)),
                    );
                }
            }
            cached(&f);
            assert_same_trees(
                &f.public(),
                &uncached(&f),
                &format!("seed {seed}, step {step}"),
            );
        }
    }
}

const CAPTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/captures");

/// A site whose content is raw captures only.
fn capture_desk() -> Fixture {
    let f = Fixture::at("/");
    for n in [
        "blog_early.txt",
        "blog_late.txt",
        "blog_dump.txt",
        "wire_article.txt",
    ] {
        f.file(
            &format!("content/{n}"),
            &std::fs::read_to_string(Path::new(CAPTURES).join(n)).unwrap(),
        );
    }
    f
}

#[test]
fn raw_captures_build_the_same_with_and_without_the_saved_content_pass() {
    let f = capture_desk();
    cached(&f);
    assert!(
        f.root().join(".gazette/cache/ingest").is_file(),
        "the content pass's result is saved"
    );
    // It is saved while the site is built, and finished before gazette exits.
    let leftovers: Vec<String> = files(&f.root().join(".gazette/cache"))
        .into_iter()
        .filter(|p| p.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // A second cached build reuses the saved pass: still the same site.
    cached(&f);
    let fresh = uncached(&f);
    assert_same_trees(&f.public(), &fresh, "cached content pass vs --no-cache");
}

#[test]
fn an_edited_capture_is_read_again_not_taken_from_the_saved_pass() {
    let f = capture_desk();
    cached(&f);
    let wire = f.root().join("content/wire_article.txt");
    let text = std::fs::read_to_string(&wire).unwrap();
    let edited = text.replacen(
        "invasion of Ukraine.",
        "invasion of Ukraine. The archivist typed this into the capture by hand.",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&wire, edited).unwrap();
    cached(&f);
    let page = files(&f.public())
        .into_iter()
        .filter(|p| p.contains("norway-to-raise-defence-spending") && p.ends_with("index.html"))
        .map(|p| f.read(&p))
        .collect::<String>();
    assert!(
        page.contains("typed this into the capture by hand"),
        "the edit shows after a cached build"
    );
    assert_same_trees(&f.public(), &uncached(&f), "after an edited capture");
}
