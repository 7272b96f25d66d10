//! The content pass over fixture captures written for gazette (fictional
//! news about a port strike), one fixture per shape and rule.

use std::path::Path;

use gazette::config::Config;
use gazette::entry::{Entry, Kind};
use gazette::ingest::ingest;
use gazette::source::SourceFile;

fn fixture(name: &str) -> SourceFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/captures")
        .join(name);
    let (src, _) = SourceFile::read(&path, path.parent().unwrap()).unwrap();
    src
}

fn run(names: &[&str]) -> (Vec<Entry>, gazette::diag::Diagnostics) {
    let sources: Vec<SourceFile> = names.iter().map(|n| fixture(n)).collect();
    ingest(&sources, &Config::default())
}

fn titled<'a>(entries: &'a [Entry], title: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| {
            panic!(
                "no entry titled {title:?} in {:?}",
                entries.iter().map(|e| &e.title).collect::<Vec<_>>()
            )
        })
}

#[test]
fn can_split_live_blog_posts_into_entries() {
    let (entries, _) = run(&["blog_early.txt"]);
    assert_eq!(
        entries.len(),
        3,
        "three posts, and the blog itself is no entry"
    );
    for e in &entries {
        assert_eq!(e.kind, Kind::Post);
        assert_eq!(e.story.as_deref(), Some("Baltic port strike: live updates"));
        assert_eq!(e.outlet.as_deref(), Some("WNN"));
        assert_eq!(e.captured_from, vec!["blog_early.txt"]);
    }
    let e = titled(&entries, "Economy minister calls for talks to resume");
    assert_eq!(e.authors, vec!["Tom Reed", "Sara Holt"]);
}

#[test]
fn live_blog_times_use_summer_time_in_july() {
    let (entries, _) = run(&["blog_early.txt"]);
    let e = titled(
        &entries,
        "Dockers reject the latest pay offer from Tallinn port operator",
    );
    assert_eq!(e.date.unwrap().to_string(), "2022-07-14T14:15:00-04:00");
}

#[test]
fn bylines_drop_place_and_outlet_and_blog_authors_stay_out() {
    let (entries, _) = run(&["blog_early.txt"]);
    let e = titled(
        &entries,
        "Dockers reject the latest pay offer from Tallinn port operator",
    );
    assert_eq!(e.authors, vec!["Karl Berg"]);
}

#[test]
fn captions_leave_the_body_and_are_kept_once_with_credit() {
    let (entries, _) = run(&["blog_early.txt"]);
    let e = titled(
        &entries,
        "Dockers reject the latest pay offer from Tallinn port operator",
    );
    assert_eq!(
        e.captions,
        vec![
            "Dockers gather outside the gates of the Old City Harbour in Tallinn on Thursday. (Liis Kask/Nordic Photo/Getty Images)"
        ]
    );
    assert!(!e.body.contains("Dockers gather outside"), "{}", e.body);
}

#[test]
fn the_same_post_in_two_captures_is_one_post_with_the_union_of_text() {
    let (entries, _) = run(&["blog_early.txt", "blog_late.txt"]);
    assert_eq!(entries.len(), 5);
    let e = titled(
        &entries,
        "Dockers reject the latest pay offer from Tallinn port operator",
    );
    assert_eq!(e.captured_from, vec!["blog_early.txt", "blog_late.txt"]);
    assert!(
        e.body.contains("spreadsheet"),
        "text only in the early capture is kept"
    );
    assert!(
        e.body.contains("show of hands"),
        "text only in the late capture is kept"
    );
    assert_eq!(
        e.body.matches("four percent raise").count(),
        1,
        "shared text once"
    );
}

#[test]
fn a_dump_contained_in_a_blog_merges_into_it_and_gives_its_url() {
    let (entries, _) = run(&["blog_early.txt", "blog_dump.txt"]);
    assert_eq!(entries.len(), 3, "the dump adds no entry of its own");
    let e = titled(&entries, "Economy minister calls for talks to resume");
    assert!(e.captured_from.contains(&"blog_dump.txt".to_string()));
    assert_eq!(
        e.url.as_deref(),
        Some("https://www.wnn.example/world/live-news/baltic-port-strike-07-14-22/h_5d2c1e")
    );
    for e in &entries {
        for glued in ["itsdemands", "ofeuros", "theweekend", "theharbour"] {
            assert!(!e.body.contains(glued), "{glued} in {}", e.body);
        }
    }
}

#[test]
fn a_dump_alone_is_an_article_with_its_glued_words_split() {
    let (entries, _) = run(&["blog_dump.txt", "blog_late.txt"]);
    let dump = entries
        .iter()
        .find(|e| e.source == "blog_dump.txt")
        .expect("the dump is its own entry when nothing contains it");
    assert_eq!(dump.date.unwrap().to_string(), "2022-07-14");
    assert!(dump.body.contains("meeting its demands"), "{}", dump.body);
    assert!(!dump.body.contains("itsdemands"), "{}", dump.body);
}

#[test]
fn article_furniture_is_stripped_and_the_closing_credit_kept() {
    let (entries, _) = run(&["article.txt"]);
    let e = &entries[0];
    assert_eq!(
        e.title,
        "Estonia And Port Union Agree To Mediation As Strike Drags On"
    );
    for furniture in [
        "Accessibility links",
        "Breaking News",
        "please wait",
        "No media source",
        "0:00",
        "16x9 Image",
        "journalists report",
        "click here",
        "Baltic Ports Brace",
    ] {
        assert!(!e.body.contains(furniture), "{furniture} in {}", e.body);
    }
    assert!(
        e.body.ends_with("With reporting by AFP and BNS"),
        "{}",
        e.body
    );
    assert!(
        e.body
            .contains("\"Nobody wins when the cranes stand still,\" Tamm told reporters")
    );
    assert_eq!(
        e.outlet.as_deref(),
        Some("NWR"),
        "outlet from the page's own footer"
    );
}

#[test]
fn a_day_without_a_year_takes_the_year_of_the_same_story() {
    let (entries, _) = run(&["article.txt", "blog_early.txt"]);
    let e = titled(
        &entries,
        "Estonia And Port Union Agree To Mediation As Strike Drags On",
    );
    assert_eq!(e.date.unwrap().to_string(), "2022-07-14");
}

#[test]
fn a_day_without_a_year_and_no_other_capture_stays_undated_with_a_warning() {
    let (entries, diags) = run(&["article.txt"]);
    assert_eq!(entries[0].date, None);
    assert!(
        diags
            .warnings()
            .any(|d| d.message.contains("without a year")),
        "{diags}"
    );
}

#[test]
fn aggregator_pages_lose_widgets_cards_and_the_recommended_tail() {
    let (entries, _) = run(&["aggregator.txt"]);
    let e = &entries[0];
    assert_eq!(
        e.title,
        "Port strike: mediator meets both sides as cargo backs up"
    );
    assert_eq!(e.date.unwrap().to_string(), "2022-07-15");
    for furniture in [
        "Oops",
        "Something went wrong",
        "min read",
        "In this article",
        "Estonian judge",
        "Recommended",
        "Oskar Lind",
        "Bruno Alves",
        "Our goal",
        "commenting",
    ] {
        assert!(!e.body.contains(furniture), "{furniture} in {}", e.body);
    }
    assert!(
        e.body.contains("\n\nWhat happens next\n\n"),
        "subheads are kept: {}",
        e.body
    );
    assert_eq!(
        e.captions,
        vec!["A chart showing cargo volumes at Tallinn since 2019"]
    );
}

#[test]
fn undatable_captures_are_kept_and_warned_about() {
    let (entries, diags) = run(&["undated.txt"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].date, None);
    assert!(
        diags.warnings().any(|d| d
            .to_string()
            .starts_with("undated.txt: warning: no date found")),
        "{diags}"
    );
    assert!(!entries[0].body.contains("Follow us"));
}

#[test]
fn capture_markup_is_escaped_in_bodies() {
    let (entries, _) = run(&["injection.txt"]);
    let body = &entries[0].body;
    assert!(!body.contains("<b>") && body.contains("\\<b\\>"), "{body}");
    assert!(body.contains("\\&"), "{body}");
    assert!(body.contains("\\# Councillors"), "{body}");
    assert!(body.contains("\\[stricter limits\\]"), "{body}");
}

#[test]
fn latin1_captures_are_decoded() {
    let (entries, _) = run(&["latin1.txt"]);
    assert_eq!(
        entries[0].title,
        "Café owners in Pärnu welcome the summer crowds"
    );
    assert!(entries[0].body.contains("cafés along the Pärnu beach"));
}

#[test]
fn empty_and_binary_files_are_skipped_with_a_warning_naming_them() {
    let sources = vec![
        SourceFile::from_text("empty.txt", "  \n\n"),
        SourceFile::from_text("image.txt", "\u{0}\u{1}PNG\u{2}\u{3}"),
    ];
    let (entries, diags) = ingest(&sources, &Config::default());
    assert!(entries.is_empty());
    let text = diags.to_string();
    assert!(
        text.contains("empty.txt: warning: empty capture; skipped"),
        "{text}"
    );
    assert!(text.contains("image.txt: warning: binary file"), "{text}");
}

#[test]
fn html_entities_are_decoded() {
    let src = SourceFile::from_text(
        "entities.txt",
        "Ferry &amp; port talks resume\n\nThe operator&#39;s negotiators said on 3 March 2021 that they would return to the table &quot;within days&quot;.\n",
    );
    let (entries, _) = ingest(&[src], &Config::default());
    assert_eq!(entries[0].title, "Ferry & port talks resume");
    assert!(
        entries[0].body.contains("The operator's negotiators"),
        "{}",
        entries[0].body
    );
    assert!(!entries[0].body.contains("&#39;"));
}

#[test]
fn the_site_time_zone_applies_when_a_page_names_none() {
    let src = SourceFile::from_text(
        "local.txt",
        "Harbour reopens after the strike\n\nPublished 10:30, 8 August 2022\n\nThe harbour reopened on Monday morning after the union and the operator signed a new wage deal.\n",
    );
    let config = Config::parse(
        "title = \"T\"\nbase_url = \"/\"\ntimezone = \"Europe/Tallinn\"\n",
        "site.toml",
    )
    .unwrap();
    let (entries, _) = ingest(&[src], &config);
    assert_eq!(
        entries[0].date.unwrap().to_string(),
        "2022-08-08T10:30:00+03:00"
    );
}

#[test]
fn site_corrections_rename_block_and_move_names() {
    let config = Config::parse(
        "title = \"T\"\nbase_url = \"/\"\n[actors]\nblock = [\"Harbour Gates\"]\n[actors.aliases]\n\"Mari Tamm\" = [\"Minister Tamm\"]\n[actors.kinds]\n\"Old City Harbour\" = \"place\"\n",
        "site.toml",
    )
    .unwrap();
    let (actors, places) = gazette::ingest::correct(
        vec![
            "Minister Tamm".into(),
            "Harbour Gates".into(),
            "Old City Harbour".into(),
            "Priit Saar".into(),
        ],
        vec!["Tallinn".into()],
        &config,
    );
    assert_eq!(actors, vec!["Mari Tamm", "Priit Saar"]);
    assert_eq!(places, vec!["Old City Harbour", "Tallinn"]);
}

#[test]
fn wire_copy_takes_its_outlet_from_the_dateline_and_ends_at_the_credits() {
    let (entries, _) = run(&["wire_article.txt"]);
    let e = &entries[0];
    assert_eq!(
        e.title,
        "Norway to raise defence spending as Nordic allies step up"
    );
    assert_eq!(e.date.unwrap().to_string(), "2024-06-03T11:42:00+02:00");
    assert_eq!(e.authors, vec!["Lars Ove Nilsen", "Kari Strand"]);
    assert_eq!(e.outlet.as_deref(), Some("Nordwire"));
    assert!(e.body.starts_with("OSLO, June 3 (Nordwire)"), "{}", e.body);
    // The reporting credit stays; the desk's part ("Editing by") goes.
    assert!(
        e.body.ends_with("Reporting by Lars Ove Nilsen"),
        "{}",
        e.body
    );
    assert!(!e.body.contains("Editing by"), "{}", e.body);
    for furniture in [
        "Skip to main content",
        "Exclusive news",
        "Trust Principles",
        "Suggested Topics",
        "Read Next",
        "Arctic",
    ] {
        assert!(!e.body.contains(furniture), "{furniture} in {}", e.body);
    }
}

#[test]
fn menus_share_bars_and_image_credits_are_furniture() {
    let (entries, _) = run(&["menu_article.txt"]);
    let e = &entries[0];
    assert_eq!(e.title, "Ferry workers walk out across northern ports");
    assert_eq!(e.outlet.as_deref(), Some("NBC"), "from the copyright line");
    for furniture in [
        "Bitesize",
        "Share",
        "Image source",
        "Image caption",
        "3 hours ago",
        "Related topics",
        "More on this story",
        "Islanders warn",
        "Copyright",
    ] {
        assert!(!e.body.contains(furniture), "{furniture} in {}", e.body);
    }
    assert!(e.body.contains("\n\nWhat happens next?\n\n"), "{}", e.body);
    assert_eq!(e.body.split("\n\n").count(), 7, "{}", e.body);
}

#[test]
fn french_pages_are_read_too() {
    let (entries, _) = run(&["french_article.txt"]);
    let e = &entries[0];
    assert_eq!(e.title, "Grève des dockers : le port de Marseille paralysé");
    assert_eq!(e.date.unwrap().to_string(), "2023-03-12T09:15:00Z");
    assert_eq!(e.authors, vec!["Claire Dubois"]);
    assert_eq!(e.outlet.as_deref(), Some("Le Journal"));
    for furniture in [
        "Temps de lecture",
        "Partager",
        "Lire aussi",
        "Retraites :",
        "commentaires",
        "Abonnez",
    ] {
        assert!(!e.body.contains(furniture), "{furniture} in {}", e.body);
    }
    assert_eq!(e.body.split("\n\n").count(), 4, "{}", e.body);
}

#[test]
fn oversized_captures_are_refused_with_a_message_naming_them() {
    let big = "The harbour authority said the ferries would keep running.\n"
        .repeat(gazette::ingest::MAX_CAPTURE_BYTES / 40);
    let (entries, diags) = ingest(
        &[SourceFile::from_text("huge.txt", big)],
        &Config::default(),
    );
    assert!(entries.is_empty());
    let text = diags.to_string();
    assert!(text.starts_with("huge.txt: warning: capture is"), "{text}");
    assert!(text.contains("over the 32 MB limit; skipped"), "{text}");
}

#[test]
fn a_sentence_only_a_merged_dump_had_is_kept_with_its_words_split() {
    let (entries, _) = run(&["blog_early.txt", "blog_dump_extra.txt"]);
    assert_eq!(entries.len(), 3, "the dump still merges");
    let all: String = entries.iter().map(|e| e.body.as_str()).collect();
    assert!(all.contains("meet the operator again on Friday"), "{all}");
    assert!(!all.contains("againon"));
}
