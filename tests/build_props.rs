//! Property tests of the pure stages: whatever the entries, every planned
//! page is unique and every internal link of every rendered page resolves.

use std::collections::HashSet;
use std::sync::Mutex;

use gazette::check::{internal_links, resolves};
use gazette::config::Config;
use gazette::entry::{Entry, EntryDate, Kind, Origin};
use gazette::render::{Renderer, plan};
use gazette::site::Site;
use gazette::theme::Theme;
use proptest::prelude::*;

const TITLES: &[&str] = &[
    "Talks",
    "Talks!",
    "Vote held",
    "Café talks",
    "<b>Bold</b>",
    "——",
];
const ACTORS: &[&str] = &[
    "Mara Ode",
    "mara ode",
    "NATO",
    "Nato",
    "Roads Office",
    "Élan Vital",
];
const OFFSETS: &[&str] = &["Z", "-05:00", "+09:30", "+14:00", "-12:00"];

fn entry_strategy() -> impl Strategy<Value = Entry> {
    (
        0..TITLES.len(),
        1u8..=3,
        0u8..24,
        0..OFFSETS.len(),
        proptest::collection::vec(0..ACTORS.len(), 0..3),
        proptest::option::of(0u8..2),
        any::<bool>(),
    )
        .prop_map(|(t, day, hour, off, actors, story, dated)| Entry {
            date: dated.then(|| {
                EntryDate::parse(
                    &format!("2022-01-{day:02}T{hour:02}:30:00{}", OFFSETS[off]),
                    &jiff::tz::TimeZone::UTC,
                )
                .expect("valid date")
            }),
            kind: if story.is_some() {
                Kind::Post
            } else {
                Kind::Article
            },
            story: story.map(|s| format!("Live {s}")),
            outlet: Some("Daily Ledger".into()),
            actors: actors.into_iter().map(|a| ACTORS[a].to_string()).collect(),
            body: "Body.".into(),
            ..Entry::new(
                TITLES[t],
                format!("content/{t}-{day}-{hour}.md"),
                Origin::Markdown,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_page_is_unique_and_every_link_resolves(
        entries in proptest::collection::vec(entry_strategy(), 0..12),
        paginate in 1usize..4,
    ) {
        let n = entries.len();
        let config = Config {
            base_url: "https://example.org/news/".into(),
            paginate,
            ..Config::default()
        };
        let (with_paths, _) = gazette::paths::assign(entries);
        prop_assert_eq!(with_paths.len(), n, "no entry is lost");
        let (site, _) = Site::new(config, with_paths);
        let theme = Theme::builtin();
        let specs = plan(&site, &theme);
        let mut files: HashSet<String> = HashSet::new();
        for s in &specs {
            prop_assert!(files.insert(s.path.clone()), "{} planned twice", s.path);
        }
        for p in &site.paths {
            let page = format!("{p}/index.html");
            prop_assert!(files.contains(&page), "no page for {}", p);
        }
        files.insert("style.css".into());
        files.insert("syntax.css".into());
        let renderer = Renderer::new(&site, &theme, &specs).expect("templates");
        let broken = Mutex::new(Vec::new());
        gazette::build::render_all(&renderer, &specs, |spec, bytes| {
            let html = String::from_utf8_lossy(&bytes);
            for l in internal_links(&html) {
                if !resolves(&l, "/news/", &files) {
                    broken.lock().expect("lock").push(format!("{} -> {l}", spec.path));
                }
            }
            Ok(())
        })
        .expect("renders");
        let broken = broken.into_inner().expect("lock");
        prop_assert!(broken.is_empty(), "{:?}", broken);
    }
}
