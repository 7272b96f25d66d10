//! The incremental rebuilder behind `serve --watch`: a change rewrites
//! exactly the files that depend on it, and the output always equals what
//! a fresh full build of the same content writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gazette::build::{self, BuildOptions};
use gazette::rebuild::IncrementalRebuilder;
use gazette::serve::Rebuilder;

const BASE: &str = "http://127.0.0.1:1111/";

const SITE_TOML: &str =
    "title = \"The Harbour Ledger\"\nbase_url = \"https://ledger.example/news/\"\n";

/// A site in one temporary folder, built into another.
struct Desk {
    site: tempfile::TempDir,
    out: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let d = Desk {
            site: tempfile::tempdir().unwrap(),
            out: tempfile::tempdir().unwrap(),
        };
        d.write("site.toml", SITE_TOML);
        std::fs::create_dir_all(d.root().join("content")).unwrap();
        d
    }

    /// Four entries over three days, sharing actors, places, an outlet and
    /// a story.
    fn with_entries() -> Desk {
        let d = Desk::new();
        d.entry(
            "strike.md",
            "Harbour strike",
            "2022-01-21T08:00:00Z",
            &["Mira Adler", "Harbour Authority"],
            "story = \"Port dispute\"\nauthors = [\"Jo Reyes\"]\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
            "Dockers walked out at dawn over the new shift rota.",
        );
        d.entry(
            "fees.md",
            "Port fees rise",
            "2022-01-21T11:30:00Z",
            &["Harbour Authority"],
            "outlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
            "The port authority raised berth fees by four percent.",
        );
        d.entry(
            "ferry.md",
            "Ferry timetable cut",
            "2022-02-03T09:15:00Z",
            &["Nils Weber"],
            "story = \"Port dispute\"\noutlet = \"Northam Post\"\nplaces = [\"Brenmouth\"]",
            "Winter crossings drop to two a day.",
        );
        d.entry(
            "budget.md",
            "Budget vote delayed",
            "2021-12-30T17:00:00Z",
            &["Nils Weber", "Mira Adler"],
            "outlet = \"Northam Post\"",
            "Councillors postponed the vote until after the holidays.",
        );
        d
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn output(&self) -> PathBuf {
        self.out.path().join("public")
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn entry(
        &self,
        name: &str,
        title: &str,
        date: &str,
        actors: &[&str],
        extra: &str,
        body: &str,
    ) -> PathBuf {
        let actors: Vec<String> = actors.iter().map(|a| format!("\"{a}\"")).collect();
        self.write(
            &format!("content/{name}"),
            &format!(
                "+++\ntitle = \"{title}\"\ndate = {date}\nactors = [{}]\n{extra}\n+++\n{body}\n",
                actors.join(", ")
            ),
        )
    }

    fn rebuilder(&self) -> IncrementalRebuilder {
        let mut r = IncrementalRebuilder::new(BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(self.output()),
            base_url: Some(BASE.into()),
            drafts: false,
            no_cache: false,
        });
        r.build_all().expect("first build");
        r
    }

    /// Runs a fresh full build of the same content and asserts the
    /// incremental output is the same, file for file, byte for byte.
    fn assert_same_as_full_build(&self) {
        let fresh = tempfile::tempdir().unwrap();
        let out = fresh.path().join("public");
        build::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(out.clone()),
            base_url: Some(BASE.into()),
            drafts: false,
            no_cache: true,
        })
        .expect("full build");
        let (got, want) = (snapshot(&self.output()), snapshot(&out));
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&got), names(&want), "not the same files");
        for (k, v) in &want {
            assert!(got[k] == *v, "{k} differs from a full build");
        }
    }
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|i| i.file_type().is_file())
        .map(|i| {
            let rel = i.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(i.path()).unwrap())
        })
        .collect()
}

fn rebuilt(r: &mut IncrementalRebuilder, changed: &[PathBuf]) -> Vec<String> {
    let report = r.rebuild(changed).expect("rebuild");
    let list = r.last_rewritten().to_vec();
    assert_eq!(report.pages_rewritten, list.len(), "{list:?}");
    list
}

fn sorted(mut v: Vec<&str>) -> Vec<String> {
    v.sort();
    v.into_iter().map(String::from).collect()
}

const STRIKE: &str = "2022/01/21/harbour-strike/index.html";

/// The feeds that carry the strike entry's body: the site feed and one per
/// term it names.
const STRIKE_FEEDS: [&str; 6] = [
    "atom.xml",
    "actors/mira-adler/atom.xml",
    "actors/harbour-authority/atom.xml",
    "authors/jo-reyes/atom.xml",
    "outlets/coastal-daily/atom.xml",
    "places/aldport/atom.xml",
];

#[test]
fn a_body_edit_rewrites_its_page_and_the_feeds_that_carry_the_body() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let p = d.entry(
        "strike.md",
        "Harbour strike",
        "2022-01-21T08:00:00Z",
        &["Mira Adler", "Harbour Authority"],
        "story = \"Port dispute\"\nauthors = [\"Jo Reyes\"]\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
        "Dockers returned after overnight talks.",
    );
    let got = rebuilt(&mut r, &[p]);
    // Listings and the story page show titles and dates, not bodies.
    let mut want: Vec<&str> = STRIKE_FEEDS.to_vec();
    want.push(STRIKE);
    assert_eq!(got, sorted(want));
    d.assert_same_as_full_build();
}

#[test]
fn a_body_edited_back_in_a_batch_with_other_changes_is_rendered_again() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let strike = |body: &str| {
        d.entry(
            "strike.md",
            "Harbour strike",
            "2022-01-21T08:00:00Z",
            &["Mira Adler", "Harbour Authority"],
            "story = \"Port dispute\"\nauthors = [\"Jo Reyes\"]\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
            body,
        )
    };
    // A body-only edit...
    let p = strike("Talks collapsed overnight.");
    rebuilt(&mut r, std::slice::from_ref(&p));
    // ...then the body back as it was, with an actor change elsewhere.
    strike("Dockers walked out at dawn over the new shift rota.");
    let q = d.entry(
        "ferry.md",
        "Ferry timetable cut",
        "2022-02-03T09:15:00Z",
        &["Nils Weber", "Lena Marsh"],
        "story = \"Port dispute\"\noutlet = \"Northam Post\"\nplaces = [\"Brenmouth\"]",
        "Winter crossings drop to two a day.",
    );
    let got = rebuilt(&mut r, &[p, q]);
    assert!(got.contains(&STRIKE.to_string()), "{got:?}");
    d.assert_same_as_full_build();
}

#[test]
fn a_title_edit_rewrites_every_listing_that_names_the_entry() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    // The slug is fixed, so the page stays where it is.
    let p = d.entry(
        "fees.md",
        "Port fees rise again",
        "2022-01-21T11:30:00Z",
        &["Harbour Authority"],
        "slug = \"port-fees-rise\"\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
        "The port authority raised berth fees by four percent.",
    );
    let got = rebuilt(&mut r, &[p]);
    let want = sorted(vec![
        // Its page...
        "2022/01/21/port-fees-rise/index.html",
        // ...its day, month and year, the index and the site feed...
        "2022/01/21/index.html",
        "2022/01/index.html",
        "2022/index.html",
        "index.html",
        "atom.xml",
        // ...and every term it names, page and feed.
        "actors/harbour-authority/index.html",
        "actors/harbour-authority/atom.xml",
        "outlets/coastal-daily/index.html",
        "outlets/coastal-daily/atom.xml",
        "places/aldport/index.html",
        "places/aldport/atom.xml",
    ]);
    assert_eq!(got, want);
    d.assert_same_as_full_build();
}

#[test]
fn an_actor_change_rewrites_the_actor_pages_before_and_after() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    // Mira Adler out, Lena Marsh in.
    let p = d.entry(
        "strike.md",
        "Harbour strike",
        "2022-01-21T08:00:00Z",
        &["Harbour Authority", "Lena Marsh"],
        "story = \"Port dispute\"\nauthors = [\"Jo Reyes\"]\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
        "Dockers walked out at dawn over the new shift rota.",
    );
    let got = rebuilt(&mut r, &[p]);
    let want = sorted(vec![
        STRIKE,
        // The list of actors (new name, new counts).
        "actors/index.html",
        // The actor dropped: page and feed.
        "actors/mira-adler/index.html",
        "actors/mira-adler/atom.xml",
        // The actor added: a new page and feed.
        "actors/lena-marsh/index.html",
        "actors/lena-marsh/atom.xml",
        // The actor kept: its related actors changed. (Nils Weber, named
        // with Mira Adler on another entry, keeps his related actors.)
        "actors/harbour-authority/index.html",
        // A new page is listed in the sitemap.
        "sitemap.xml",
    ]);
    assert_eq!(got, want);
    assert!(d.output().join("actors/lena-marsh/index.html").is_file());
    d.assert_same_as_full_build();
}

#[test]
fn an_added_entry_gets_its_page_and_joins_its_listings() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let p = d.entry(
        "dredging.md",
        "Dredging starts",
        "2022-02-03T15:00:00Z",
        &["Harbour Authority"],
        "",
        "Two barges began clearing the channel.",
    );
    let got = rebuilt(&mut r, &[p]);
    for page in [
        "2022/02/03/dredging-starts/index.html",
        "2022/02/03/index.html",
        "2022/02/index.html",
        "2022/index.html",
        "index.html",
        "atom.xml",
        "sitemap.xml",
        "actors/index.html",
        "actors/harbour-authority/index.html",
        "actors/harbour-authority/atom.xml",
    ] {
        assert!(got.contains(&page.to_string()), "{page} not in {got:?}");
    }
    // Nothing it does not appear on.
    for page in [
        STRIKE,
        "2022/01/21/index.html",
        "2021/index.html",
        "actors/nils-weber/index.html",
        "places/aldport/index.html",
        "style.css",
    ] {
        assert!(!got.contains(&page.to_string()), "{page} in {got:?}");
    }
    d.assert_same_as_full_build();
}

#[test]
fn a_deleted_entry_disappears_with_its_empty_listings() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let p = d.root().join("content/budget.md");
    std::fs::remove_file(&p).unwrap();
    let got = rebuilt(&mut r, &[p]);
    for gone in [
        "2021/12/30/budget-vote-delayed/index.html",
        "2021/12/30/index.html",
        "2021/12/index.html",
        "2021/index.html",
    ] {
        assert!(got.contains(&gone.to_string()), "{gone} not in {got:?}");
        assert!(!d.output().join(gone).exists(), "{gone} stayed");
    }
    assert!(got.contains(&"actors/nils-weber/index.html".to_string()));
    assert!(got.contains(&"sitemap.xml".to_string()));
    assert!(!got.contains(&STRIKE.to_string()), "{got:?}");
    d.assert_same_as_full_build();
}

#[test]
fn a_renamed_file_keeps_its_page_when_its_slug_is_its_title() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let from = d.root().join("content/ferry.md");
    let to = d.root().join("content/2022/ferry-cut.md");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::rename(&from, &to).unwrap();
    // The page path comes from the date and title, so the same pages come
    // out; only the sitemap, which lists pages in file order, changes.
    let got = rebuilt(&mut r, &[from, to.parent().unwrap().to_path_buf()]);
    assert_eq!(got, vec!["sitemap.xml".to_string()]);
    d.assert_same_as_full_build();
}

#[test]
fn a_renamed_file_with_a_new_slug_moves_its_page() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let from = d.root().join("content/fees.md");
    std::fs::remove_file(&from).unwrap();
    let to = d.write(
        "content/fees-2.md",
        "+++\ntitle = \"Port fees rise\"\nslug = \"berth-fees\"\ndate = 2022-01-21T11:30:00Z\n\
         actors = [\"Harbour Authority\"]\noutlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]\n+++\n\
         The port authority raised berth fees by four percent.\n",
    );
    let got = rebuilt(&mut r, &[from, to]);
    assert!(got.contains(&"2022/01/21/port-fees-rise/index.html".to_string()));
    assert!(got.contains(&"2022/01/21/berth-fees/index.html".to_string()));
    assert!(!d.output().join("2022/01/21/port-fees-rise").exists());
    d.assert_same_as_full_build();
}

#[test]
fn a_template_change_rewrites_the_pages_that_use_it() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let theme = gazette::theme::Theme::builtin();
    let entry = &theme.templates["entry.html"].text;
    assert!(entry.contains("<div class=\"body\">"));
    let p = d.write(
        "templates/entry.html",
        &entry.replace(
            "<div class=\"body\">",
            "<p class=\"flag\">Corrected</p><div class=\"body\">",
        ),
    );
    let got = rebuilt(&mut r, &[p]);
    let want = sorted(vec![
        STRIKE,
        "2022/01/21/port-fees-rise/index.html",
        "2022/02/03/ferry-timetable-cut/index.html",
        "2021/12/30/budget-vote-delayed/index.html",
    ]);
    assert_eq!(got, want);
    d.assert_same_as_full_build();
}

#[test]
fn a_static_change_copies_only_that_file() {
    let d = Desk::with_entries();
    d.write("static/img/logo.svg", "<svg/>");
    let mut r = d.rebuilder();
    let p = d.write("static/extra.css", "body { color: teal }");
    assert_eq!(rebuilt(&mut r, &[p]), vec!["extra.css".to_string()]);
    let p = d.write("static/img/logo.svg", "<svg></svg>");
    assert_eq!(rebuilt(&mut r, &[p]), vec!["img/logo.svg".to_string()]);
    let p = d.root().join("static/extra.css");
    std::fs::remove_file(&p).unwrap();
    assert_eq!(rebuilt(&mut r, &[p]), vec!["extra.css".to_string()]);
    assert!(!d.output().join("extra.css").exists());
    d.assert_same_as_full_build();
}

#[test]
fn a_static_file_over_a_page_wins_and_its_removal_brings_the_page_back() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let p = d.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    assert_eq!(
        rebuilt(&mut r, std::slice::from_ref(&p)),
        vec!["robots.txt".to_string()]
    );
    d.assert_same_as_full_build();
    std::fs::remove_file(&p).unwrap();
    assert_eq!(rebuilt(&mut r, &[p]), vec!["robots.txt".to_string()]);
    d.assert_same_as_full_build();
}

#[test]
fn a_site_toml_change_rebuilds_everything() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let p = d.write(
        "site.toml",
        &SITE_TOML.replace("The Harbour Ledger", "The Harbour Record"),
    );
    let got = rebuilt(&mut r, &[p]);
    // Every HTML page shows the site title; the stylesheet does not change.
    let html: Vec<String> = snapshot(&d.output())
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect();
    assert!(html.len() > 20, "{html:?}");
    for page in &html {
        assert!(got.contains(page), "{page} not rewritten");
    }
    assert!(!got.contains(&"style.css".to_string()));
    d.assert_same_as_full_build();
}

#[test]
fn bad_front_matter_leaves_the_output_and_the_state_at_the_last_good_build() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let before = snapshot(&d.output());
    let p = d.write(
        "content/fees.md",
        "+++\ntitle = \"Port fees rise\"\ndate = 2022-01-21T11:30:00Z\nheadline = \"x\"\n+++\nBody.\n",
    );
    let err = r.rebuild(std::slice::from_ref(&p)).unwrap_err();
    assert!(err.to_string().contains("content/fees.md:4"), "{err}");
    assert!(err.to_string().contains("headline"), "{err}");
    assert_eq!(snapshot(&d.output()), before, "the output changed");

    // Another change meanwhile builds on the last good state: the broken
    // file still has its old page.
    let q = d.entry(
        "ferry.md",
        "Ferry timetable cut",
        "2022-02-03T09:15:00Z",
        &["Nils Weber"],
        "story = \"Port dispute\"\noutlet = \"Northam Post\"\nplaces = [\"Brenmouth\"]",
        "Winter crossings drop to one a day.",
    );
    let err = r.rebuild(&[p.clone(), q.clone()]).unwrap_err();
    assert!(err.to_string().contains("headline"), "{err}");

    // Fixing it brings both changes in.
    d.entry(
        "fees.md",
        "Port fees rise",
        "2022-01-21T11:30:00Z",
        &["Harbour Authority"],
        "outlet = \"Coastal Daily\"\nplaces = [\"Aldport\"]",
        "Fees rose by five percent.",
    );
    rebuilt(&mut r, &[p, q]);
    let page =
        std::fs::read_to_string(d.output().join("2022/01/21/port-fees-rise/index.html")).unwrap();
    assert!(page.contains("Fees rose by five percent."), "{page}");
    d.assert_same_as_full_build();
}

#[test]
fn a_bad_template_leaves_the_output_as_it_was() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let before = snapshot(&d.output());
    let p = d.write(
        "templates/entry.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if entry.title %}\n{% endblock %}\n",
    );
    let err = r.rebuild(std::slice::from_ref(&p)).unwrap_err();
    assert!(err.to_string().contains("templates/entry.html"), "{err}");
    assert_eq!(snapshot(&d.output()), before, "the output changed");
    std::fs::remove_file(&p).unwrap();
    assert_eq!(rebuilt(&mut r, &[p]), Vec::<String>::new());
    d.assert_same_as_full_build();
}

#[test]
fn a_failed_batch_is_taken_back_whole_and_applied_once_fixed() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    let before = snapshot(&d.output());
    // An entry deleted, one added and a broken template, in one batch.
    let gone = d.root().join("content/budget.md");
    std::fs::remove_file(&gone).unwrap();
    let added = d.entry(
        "dredging.md",
        "Dredging starts",
        "2022-02-03T15:00:00Z",
        &["Lena Marsh"],
        "",
        "Two barges began clearing the channel.",
    );
    let template = d.write(
        "templates/term.html",
        "{% extends \"base.html\" %}\n{% block content %}{% for %}\n",
    );
    let batch = [gone, added, template.clone()];
    assert!(r.rebuild(&batch).is_err());
    assert_eq!(snapshot(&d.output()), before, "the output changed");
    // The server passes the paths of a failed batch again with the next.
    std::fs::remove_file(&template).unwrap();
    let got = rebuilt(&mut r, &batch);
    assert!(got.contains(&"2022/02/03/dredging-starts/index.html".to_string()));
    assert!(got.contains(&"2021/12/30/budget-vote-delayed/index.html".to_string()));
    d.assert_same_as_full_build();
}

#[test]
fn drafts_stay_out_until_published() {
    let d = Desk::with_entries();
    let draft = |body: &str, draft: bool| {
        d.entry(
            "draft.md",
            "Dredging starts",
            "2022-02-03T15:00:00Z",
            &["Lena Marsh"],
            &format!("draft = {draft}"),
            body,
        )
    };
    draft("Barges are on their way.", true);
    let mut r = d.rebuilder();
    let p = draft("Barges arrived overnight.", true);
    assert_eq!(
        rebuilt(&mut r, std::slice::from_ref(&p)),
        Vec::<String>::new()
    );
    draft("Barges arrived overnight.", false);
    let got = rebuilt(&mut r, &[p]);
    assert!(got.contains(&"2022/02/03/dredging-starts/index.html".to_string()));
    d.assert_same_as_full_build();
}

#[test]
fn its_own_output_never_triggers_work() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    // An output folder inside the site, as `serve` has it.
    let inside = d.root().join("content/../.gazette/serve/index.html");
    let report = r.rebuild(&[d.output().join("index.html"), inside]).unwrap();
    assert_eq!(report.pages_rewritten, 0);
    assert!(r.last_rewritten().is_empty());
}

#[test]
fn a_folder_of_new_entries_is_read_whole() {
    let d = Desk::with_entries();
    let mut r = d.rebuilder();
    d.entry(
        "2022/03/a.md",
        "Quay reopens",
        "2022-03-01T10:00:00Z",
        &["Harbour Authority"],
        "",
        "The north quay reopened to traffic.",
    );
    d.entry(
        "2022/03/b.md",
        "Tolls suspended",
        "2022-03-02T10:00:00Z",
        &["Mira Adler"],
        "",
        "Bridge tolls are suspended for a month.",
    );
    let got = rebuilt(&mut r, &[d.root().join("content/2022")]);
    assert!(got.contains(&"2022/03/01/quay-reopens/index.html".to_string()));
    assert!(got.contains(&"2022/03/02/tolls-suspended/index.html".to_string()));
    d.assert_same_as_full_build();
    // And a deleted folder takes its entries with it.
    std::fs::remove_dir_all(d.root().join("content/2022")).unwrap();
    let got = rebuilt(&mut r, &[d.root().join("content/2022")]);
    assert!(got.contains(&"2022/03/01/quay-reopens/index.html".to_string()));
    assert!(!d.output().join("2022/03").exists());
    d.assert_same_as_full_build();
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const ACTORS: [&str; 4] = [
        "Mira Adler",
        "Nils Weber",
        "Harbour Authority",
        "Lena Marsh",
    ];
    const DATES: [&str; 4] = [
        "2022-01-21T08:00:00Z",
        "2022-01-21T23:30:00-05:00",
        "2022-02-03T09:15:00Z",
        "2021-12-30",
    ];
    const TITLES: [&str; 3] = ["Harbour strike", "Port fees rise", "Ferry cut"];
    const SLOTS: usize = 5;

    #[derive(Debug, Clone)]
    enum Edit {
        Add(usize, usize, usize, u8),
        Delete(usize),
        Body(usize, u8),
        Actors(usize, u8),
        Date(usize, usize),
        Rename(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..SLOTS, 0..TITLES.len(), 0..DATES.len(), any::<u8>())
                .prop_map(|(s, t, d, a)| Edit::Add(s, t, d, a)),
            (0..SLOTS).prop_map(Edit::Delete),
            (0..SLOTS, any::<u8>()).prop_map(|(s, b)| Edit::Body(s, b)),
            (0..SLOTS, any::<u8>()).prop_map(|(s, a)| Edit::Actors(s, a)),
            (0..SLOTS, 0..DATES.len()).prop_map(|(s, d)| Edit::Date(s, d)),
            (0..SLOTS, 0..SLOTS).prop_map(|(a, b)| Edit::Rename(a, b)),
        ]
    }

    /// One entry file's fields.
    #[derive(Debug, Clone)]
    struct Slot {
        title: usize,
        date: usize,
        actors: u8,
        body: u8,
    }

    fn path(d: &Desk, slot: usize) -> PathBuf {
        // Some in a subfolder, as archives are often laid out.
        if slot.is_multiple_of(2) {
            d.root().join(format!("content/e{slot}.md"))
        } else {
            d.root().join(format!("content/2022/e{slot}.md"))
        }
    }

    fn save(d: &Desk, slot: usize, s: &Slot) -> PathBuf {
        let actors: Vec<String> = ACTORS
            .iter()
            .enumerate()
            .filter(|(i, _)| s.actors & (1 << i) != 0)
            .map(|(_, a)| format!("\"{a}\""))
            .collect();
        let p = path(d, slot);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(
            &p,
            format!(
                "+++\ntitle = \"{}\"\ndate = {}\nactors = [{}]\n+++\nBody {} of the report.\n",
                TITLES[s.title],
                DATES[s.date],
                actors.join(", "),
                s.body % 4
            ),
        )
        .unwrap();
        p
    }

    /// Makes one edit on disk, noting the paths it changed.
    fn apply(d: &Desk, slots: &mut [Option<Slot>], e: Edit, changed: &mut Vec<PathBuf>) {
        match e {
            Edit::Add(i, title, date, actors) => {
                let s = Slot {
                    title,
                    date,
                    actors,
                    body: 0,
                };
                changed.push(save(d, i, &s));
                slots[i] = Some(s);
            }
            Edit::Delete(i) => {
                if slots[i].take().is_some() {
                    std::fs::remove_file(path(d, i)).unwrap();
                    changed.push(path(d, i));
                }
            }
            Edit::Body(i, b) => {
                if let Some(s) = &mut slots[i] {
                    s.body = b;
                    changed.push(save(d, i, s));
                }
            }
            Edit::Actors(i, a) => {
                if let Some(s) = &mut slots[i] {
                    s.actors = a;
                    changed.push(save(d, i, s));
                }
            }
            Edit::Date(i, dt) => {
                if let Some(s) = &mut slots[i] {
                    s.date = dt;
                    changed.push(save(d, i, s));
                }
            }
            Edit::Rename(a, b) => {
                if a != b && slots[a].is_some() {
                    let s = slots[a].take();
                    std::fs::remove_file(path(d, a)).unwrap();
                    changed.push(path(d, a));
                    slots[b] = s;
                    if let Some(s) = &slots[b] {
                        changed.push(save(d, b, s));
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn incremental_output_equals_a_full_build(
            batches in proptest::collection::vec(proptest::collection::vec(edit(), 1..4), 1..6)
        ) {
            let d = Desk::new();
            let mut slots: Vec<Option<Slot>> = vec![None; SLOTS];
            slots[0] = Some(Slot { title: 0, date: 0, actors: 0b0011, body: 0 });
            slots[1] = Some(Slot { title: 1, date: 2, actors: 0b0110, body: 1 });
            for (i, s) in slots.iter().enumerate() {
                if let Some(s) = s {
                    save(&d, i, s);
                }
            }
            let mut r = d.rebuilder();
            d.assert_same_as_full_build();
            for batch in batches {
                let mut changed = Vec::new();
                for e in batch {
                    apply(&d, &mut slots, e, &mut changed);
                }
                r.rebuild(&changed).expect("rebuild");
                d.assert_same_as_full_build();
            }
        }
    }
}

/// A cached `gazette build` after the rebuilder wrote into the same output
/// must not trust a manifest that no longer describes it: a page the
/// rebuilder added, whose entry is then deleted, disappears.
#[test]
fn a_cached_build_after_an_incremental_write_removes_what_is_gone() {
    let d = Desk::with_entries();
    let opts = |no_cache| BuildOptions {
        root: d.root().to_path_buf(),
        output: Some(d.output()),
        base_url: Some(BASE.into()),
        drafts: false,
        no_cache,
    };
    build::build(&opts(false)).expect("first cached build");
    let mut r = d.rebuilder();
    let p = d.entry(
        "late.md",
        "Late ferry",
        "2022-03-01T10:00:00Z",
        &[],
        "",
        "It ran late.",
    );
    rebuilt(&mut r, std::slice::from_ref(&p));
    let page = d.output().join("2022/03/01/late-ferry/index.html");
    assert!(page.is_file(), "the rebuilder wrote the new entry's page");

    std::fs::remove_file(&p).unwrap();
    build::build(&opts(false)).expect("second cached build");
    assert!(
        !page.exists(),
        "the deleted entry's page is gone after a cached build"
    );
}
