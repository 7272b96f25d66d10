//! Page keys are the build cache's only evidence that a page is unchanged,
//! so they must change whenever the page's bytes would: after random edit
//! sequences, every page whose key is the same renders the same bytes.
//! And they must not change needlessly: a template edit re-renders only the
//! pages that use that template.

use std::collections::HashMap;

use gazette::config::Config;
use gazette::entry::{Entry, EntryDate, Kind, Origin};
use gazette::render::{PageSpec, Renderer, plan};
use gazette::site::Site;
use gazette::theme::{TemplateSource, Theme};

const TITLES: &[&str] = &[
    "Harbour wall vote delayed",
    "Ferry strike ends",
    "Council backs rail plan",
    "Storm closes coast road",
    "Budget talks resume",
];
const ACTORS: &[&str] = &[
    "Mara Ode",
    "Ivo Lind",
    "Port Authority",
    "Rail Union",
    "Tessa Grau",
];
const PLACES: &[&str] = &["Aldport", "Brenmouth", "Calder"];
const STORIES: &[&str] = &["Harbour storm live", "Rail strike"];

/// A small deterministic generator (no dependency, same on every machine).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

fn random_entry(rng: &mut Rng, n: usize) -> Entry {
    let day = 1 + rng.below(4);
    let hour = rng.below(24);
    let actors = (0..rng.below(3))
        .map(|_| rng.pick(ACTORS).to_string())
        .collect::<Vec<_>>();
    let story = (rng.below(3) == 0).then(|| rng.pick(STORIES).to_string());
    Entry {
        title: format!("{} {n}", rng.pick(TITLES)),
        date: (rng.below(8) != 0).then(|| {
            EntryDate::parse(
                &format!("2023-0{}-{day:02}T{hour:02}:15:00+01:00", 1 + rng.below(2)),
                &jiff::tz::TimeZone::UTC,
            )
            .expect("valid date")
        }),
        updated: None,
        kind: if story.is_some() {
            Kind::Post
        } else {
            Kind::Article
        },
        story,
        outlet: Some("Coastal Daily".into()),
        url: None,
        summary: None,
        slug: None,
        draft: false,
        authors: vec![],
        actors,
        places: vec![rng.pick(PLACES).to_string()],
        tags: vec![],
        captions: vec![],
        captured_from: vec![],
        body: format!("Officials met on day {day}.\n\nThe vote is set for spring ({n})."),
        source: format!("content/{n}.md"),
        origin: Origin::Markdown,
    }
}

/// One random edit of the kind a desk makes.
fn edit(rng: &mut Rng, entries: &mut Vec<Entry>, next_id: &mut usize) {
    if entries.is_empty() {
        entries.push(random_entry(rng, *next_id));
        *next_id += 1;
        return;
    }
    let i = rng.below(entries.len());
    match rng.below(9) {
        0 => entries[i]
            .body
            .push_str("\n\nA spokesperson declined to comment."),
        1 => entries[i].title = format!("{} (updated)", entries[i].title),
        2 => {
            let a = rng.pick(ACTORS).to_string();
            if !entries[i].actors.contains(&a) {
                entries[i].actors.push(a);
            }
        }
        3 => {
            entries[i].actors.pop();
        }
        4 => {
            entries.remove(i);
        }
        5 => {
            entries.push(random_entry(rng, *next_id));
            *next_id += 1;
        }
        6 => entries[i].summary = Some(format!("Summary {}", rng.below(100))),
        7 => {
            entries[i].story = (rng.below(2) == 0).then(|| rng.pick(STORIES).to_string());
        }
        _ => {
            entries[i].date = Some(
                EntryDate::parse(
                    &format!("2023-02-{:02}T08:00:00Z", 1 + rng.below(4)),
                    &jiff::tz::TimeZone::UTC,
                )
                .expect("valid date"),
            );
        }
    }
}

fn site(entries: &[Entry]) -> Site {
    let config = Config {
        paginate: 3,
        feed_limit: 2,
        ..Config::default()
    };
    let (with_paths, _) = gazette::paths::assign(entries.to_vec());
    Site::new(config, with_paths).0
}

/// Every page of the site: path -> (key, bytes).
fn render(site: &Site, theme: &Theme) -> HashMap<String, ([u8; 32], Vec<u8>)> {
    let specs: Vec<PageSpec> = plan(site, theme);
    let renderer = Renderer::new(site, theme, &specs).expect("templates compile");
    specs
        .iter()
        .map(|s| {
            let bytes = renderer.render_page(s).expect("renders");
            (s.path.clone(), (s.key, bytes))
        })
        .collect()
}

#[test]
fn a_page_whose_key_is_unchanged_renders_the_same_bytes_after_random_edits() {
    let theme = Theme::builtin();
    let mut same_key_pages = 0;
    let mut changed_pages = 0;
    for seed in 1..=12u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut next_id = 0;
        let mut entries: Vec<Entry> = (0..12)
            .map(|_| {
                next_id += 1;
                random_entry(&mut rng, next_id)
            })
            .collect();
        let mut before = render(&site(&entries), &theme);
        for _ in 0..6 {
            edit(&mut rng, &mut entries, &mut next_id);
            let after = render(&site(&entries), &theme);
            for (path, (key, bytes)) in &after {
                if let Some((old_key, old_bytes)) = before.get(path) {
                    if old_key == key {
                        same_key_pages += 1;
                        assert!(
                            old_bytes == bytes,
                            "seed {seed}: {path} kept its key but its bytes changed"
                        );
                    } else if old_bytes != bytes {
                        changed_pages += 1;
                    }
                }
            }
            before = after;
        }
    }
    // The test means something only if both cases occur often.
    assert!(same_key_pages > 1000, "{same_key_pages}");
    assert!(changed_pages > 100, "{changed_pages}");
}

#[test]
fn editing_a_template_changes_the_keys_of_only_the_pages_that_use_it() {
    let mut rng = Rng(7);
    let entries: Vec<Entry> = (0..10).map(|n| random_entry(&mut rng, n)).collect();
    let site = site(&entries);
    let theme = Theme::builtin();
    let mut edited = Theme::builtin();
    let term = edited
        .templates
        .get("term.html")
        .expect("term.html")
        .text
        .replace("</h1>", "</h1><p>Edited.</p>");
    edited.templates.insert(
        "term.html".into(),
        TemplateSource {
            text: term,
            origin: "templates/term.html".into(),
        },
    );
    let before = plan(&site, &theme);
    let after = plan(&site, &edited);
    assert_eq!(before.len(), after.len());
    let mut changed = 0;
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(a.path, b.path);
        if a.template == "term.html" {
            assert_ne!(a.key, b.key, "{} uses term.html", a.path);
            changed += 1;
        } else {
            assert_eq!(a.key, b.key, "{} does not use term.html", a.path);
        }
    }
    assert!(changed > 3);

    // base.html is extended by every HTML page, so it changes them all.
    let mut base = Theme::builtin();
    let text = base.templates["base.html"]
        .text
        .replace("<main", "<main data-x");
    base.templates.insert(
        "base.html".into(),
        TemplateSource {
            text,
            origin: "templates/base.html".into(),
        },
    );
    for (a, b) in before.iter().zip(&plan(&site, &base)) {
        if a.path.ends_with(".html") {
            assert_ne!(a.key, b.key, "{} extends base.html", a.path);
        } else {
            assert_eq!(a.key, b.key, "{} does not extend base.html", a.path);
        }
    }
}
