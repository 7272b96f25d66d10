//! The whole pipeline on raw captures: the content pass feeding `build`,
//! `import` feeding `build`, site corrections, and Markdown edits winning
//! over the captures they came from.

mod common;

use common::{Fixture, broken_links, files};
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/captures");

/// Copies capture fixtures into `dir`.
fn copy_captures(dir: &Path, names: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    for n in names {
        std::fs::copy(Path::new(FIXTURES).join(n), dir.join(n)).unwrap();
    }
}

/// Runs `gazette extract --json` in `fx` and returns the entries.
fn extract(fx: &Fixture, files: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["extract", "--json"];
    args.extend_from_slice(files);
    let out = fx.run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

const BLOG: &[&str] = &["blog_early.txt", "blog_late.txt", "blog_dump.txt"];

#[test]
fn raw_captures_build_into_entry_story_and_actor_pages() {
    let fx = Fixture::at("https://example.org/news/");
    copy_captures(&fx.root().join("content"), BLOG);
    let names: Vec<String> = BLOG.iter().map(|n| format!("content/{n}")).collect();
    let entries = extract(&fx, &names.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        entries.len() >= 2,
        "the blog splits into posts: {entries:?}"
    );
    fx.build();

    for e in &entries {
        let path = e["path"].as_str().unwrap();
        let page = fx.read(&format!("{path}/index.html"));
        let title = e["title"].as_str().unwrap();
        let escaped = title
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;");
        assert!(
            page.contains(title) || page.contains(&escaped),
            "{path} shows its title {title:?}"
        );
        for a in e["actors"].as_array().unwrap() {
            let slug = gazette::entry::slugify(a.as_str().unwrap());
            let actor_page = fx.read(&format!("actors/{slug}/index.html"));
            assert!(
                actor_page.contains(&format!("/news/{path}/")),
                "actors/{slug}/ links {path}"
            );
        }
        if let Some(story) = e["story"].as_str() {
            let slug = gazette::entry::slugify(story);
            assert!(
                fx.read(&format!("stories/{slug}/index.html"))
                    .contains(&format!("/news/{path}/"))
            );
        }
        // Provenance is shown relative to the site root, never as a machine path.
        let root = fx.root().to_string_lossy().into_owned();
        assert!(
            !page.contains(&root),
            "{path} leaks the build machine's path"
        );
    }
    assert_eq!(broken_links(&fx.public(), "/news/"), Vec::<String>::new());
}

#[test]
fn imported_then_built_site_has_the_same_pages_as_the_raw_built_site() {
    let raw = Fixture::at("/");
    copy_captures(&raw.root().join("content"), BLOG);
    copy_captures(
        &raw.root().join("content"),
        &["article.txt", "aggregator.txt"],
    );
    raw.build();

    let imported = Fixture::at("/");
    copy_captures(&imported.root().join("captures"), BLOG);
    copy_captures(
        &imported.root().join("captures"),
        &["article.txt", "aggregator.txt"],
    );
    let out = imported.run(&["import", "captures", "--out", "content"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    imported.build();

    let pages = |fx: &Fixture| -> Vec<String> {
        files(&fx.public())
            .into_iter()
            .filter(|f| f.ends_with(".html") || f.ends_with(".xml"))
            .collect()
    };
    assert_eq!(pages(&raw), pages(&imported));
    // Listings and feeds do not show provenance, so they match byte for byte.
    for rel in ["index.html", "actors/index.html", "2022/index.html"] {
        if raw.exists(rel) {
            assert_eq!(raw.read(rel), imported.read(rel), "{rel} differs");
        }
    }
}

#[test]
fn site_toml_corrections_reach_the_built_pages() {
    let fx = Fixture::new(
        "title = \"T\"\nbase_url = \"/\"\n\
         [actors]\nblock = [\"Priit Saar\"]\n\
         [actors.aliases]\n\"Economy Minister Mari Tamm\" = [\"Mari Tamm\"]\n",
    );
    copy_captures(&fx.root().join("content"), &["article.txt"]);
    // Without corrections the pass finds both people (checked on a twin site).
    let plain = Fixture::at("/");
    copy_captures(&plain.root().join("content"), &["article.txt"]);
    plain.build();
    assert!(
        plain.exists("actors/priit-saar/index.html"),
        "the fixture names Priit Saar"
    );
    assert!(
        plain.exists("actors/mari-tamm/index.html"),
        "the fixture names Mari Tamm"
    );

    fx.build();
    assert!(
        !fx.exists("actors/priit-saar/index.html"),
        "a blocked name gets no page"
    );
    assert!(!fx.read("actors/index.html").contains("Priit Saar"));
    assert!(
        !fx.exists("actors/mari-tamm/index.html"),
        "the alias is folded into its canonical name"
    );
    assert!(fx.exists("actors/economy-minister-mari-tamm/index.html"));
}

#[test]
fn a_corrections_file_named_in_site_toml_is_honoured() {
    let fx = Fixture::new("title = \"T\"\nbase_url = \"/\"\ncorrections = \"names.toml\"\n");
    fx.file("names.toml", "[actors.kinds]\n\"Priit Saar\" = \"place\"\n");
    copy_captures(&fx.root().join("content"), &["article.txt"]);
    fx.build();
    assert!(!fx.exists("actors/priit-saar/index.html"));
    assert!(
        fx.exists("places/priit-saar/index.html"),
        "a kind fix moves the name to places"
    );
}

#[test]
fn an_edited_markdown_entry_wins_over_its_capture_with_a_warning() {
    let fx = Fixture::at("/");
    copy_captures(&fx.root().join("content/raw"), &["wire_article.txt"]);
    let out = fx.run(&["import", "content/raw/wire_article.txt", "--out", "content"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = walk_md(&fx.root().join("content"));
    assert_eq!(md.len(), 1, "one entry imported: {md:?}");
    let text = std::fs::read_to_string(&md[0]).unwrap();
    std::fs::write(
        &md[0],
        format!("{text}\nA line the archivist added by hand.\n"),
    )
    .unwrap();

    let err = fx.build();
    assert!(err.contains("the Markdown entry wins"), "{err}");
    let pages: Vec<String> = files(&fx.public())
        .into_iter()
        .filter(|f| {
            f.starts_with("20") && f.ends_with("/index.html") && f.matches('/').count() == 4
        })
        .collect();
    assert_eq!(pages.len(), 1, "one entry page, not two: {pages:?}");
    assert!(
        fx.read(&pages[0])
            .contains("A line the archivist added by hand.")
    );
}

#[test]
fn an_undatable_capture_is_kept_on_the_undated_page_with_a_warning() {
    let fx = Fixture::at("/");
    copy_captures(&fx.root().join("content"), &["undated.txt"]);
    let err = fx.build();
    assert!(
        err.contains("content/undated.txt: warning: no date found"),
        "{err}"
    );
    let listing = fx.read("undated/index.html");
    assert!(
        listing.contains("Harbour seals return to the old quays"),
        "{listing}"
    );
    assert!(fx.exists("undated/harbour-seals-return-to-the-old-quays/index.html"));
}

#[test]
fn capture_markup_never_reaches_a_page_as_markup() {
    let fx = Fixture::at("/");
    copy_captures(&fx.root().join("content"), &["injection.txt"]);
    fx.build();
    for f in files(&fx.public())
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let page = fx.read(&f);
        assert!(
            !page.contains("<script>alert"),
            "{f} carries a live script tag"
        );
        assert!(
            !page.to_lowercase().contains("onerror="),
            "{f} carries a live handler"
        );
    }
}

fn walk_md(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}
