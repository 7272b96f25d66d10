//! Integration tests of `gazette build` and `gazette check`: each case
//! builds its own fixture site in a temporary folder with the real binary.

mod common;

use common::{Fixture, broken_links, files, xml_elements};

/// A small archive: two days, shared actors, a story of two posts.
fn archive(base_url: &str) -> Fixture {
    let f = Fixture::at(base_url);
    f.entry(
        "a.md",
        r#"title = "Bridge closes for repairs"
date = 2024-05-02T08:00:00+02:00
outlet = "River Post"
authors = ["Ada Lorn"]
actors = ["Mara Ode", "Roads Office"]
places = ["Kessel"]"#,
        "The **bridge** shut at dawn.",
    )
    .entry(
        "b.md",
        r#"title = "Traffic diverted through old town"
date = 2024-05-03T12:00:00+02:00
outlet = "River Post"
actors = ["Roads Office"]
places = ["Kessel"]
kind = "post"
story = "Bridge works live""#,
        "Buses run on the ring road.",
    )
    .entry(
        "c.md",
        r#"title = "Night works begin"
date = 2024-06-01T22:00:00+02:00
actors = ["Mara Ode", "Roads Office"]
kind = "post"
story = "Bridge works live""#,
        "Crews started at ten.",
    );
    f
}

mod urls {
    use super::*;

    #[test]
    fn writes_every_kind_of_page_at_its_url() {
        let f = archive("https://example.org/");
        f.build();
        for rel in [
            "index.html",
            "404.html",
            "robots.txt",
            "atom.xml",
            "sitemap.xml",
            "style.css",
            "syntax.css",
            "2024/05/02/bridge-closes-for-repairs/index.html",
            "2024/index.html",
            "2024/05/index.html",
            "2024/05/02/index.html",
            "actors/index.html",
            "actors/mara-ode/index.html",
            "actors/mara-ode/atom.xml",
            "places/kessel/index.html",
            "outlets/river-post/index.html",
            "authors/ada-lorn/index.html",
            "stories/index.html",
            "stories/bridge-works-live/index.html",
        ] {
            assert!(f.exists(rel), "missing {rel}");
        }
    }

    #[test]
    fn archives_list_entries_newest_first_and_link_neighbouring_periods() {
        let f = archive("https://example.org/");
        f.build();
        let year = f.read("2024/index.html");
        let night = year.find("Night works begin").expect("June entry");
        let bridge = year.find("Bridge closes for repairs").expect("May entry");
        assert!(night < bridge, "newest first");
        let may = f.read("2024/05/index.html");
        assert!(may.contains("href=\"/2024/06/\""), "May links to June");
        let june = f.read("2024/06/index.html");
        assert!(june.contains("href=\"/2024/05/\""), "June links to May");
    }

    #[test]
    fn actor_pages_show_who_is_named_alongside() {
        let f = archive("https://example.org/");
        f.build();
        let mara = f.read("actors/mara-ode/index.html");
        assert!(mara.contains("Most often named alongside"));
        assert!(mara.contains("href=\"/actors/roads-office/\""));
        assert!(
            mara.contains("May 2024") && mara.contains("June 2024"),
            "grouped by month"
        );
        let index = f.read("actors/index.html");
        assert!(index.contains("Roads Office</a> <span class=\"count\">3</span>"));
    }

    #[test]
    fn stories_list_posts_in_time_order() {
        let f = archive("https://example.org/");
        f.build();
        let s = f.read("stories/bridge-works-live/index.html");
        let first = s.find("Traffic diverted").expect("first post");
        let second = s.find("Night works begin").expect("second post");
        assert!(first < second);
    }

    #[test]
    fn an_evening_entry_in_another_offset_stays_on_its_own_day() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "late.md",
            "title = \"Late vote\"\ndate = \"2022-01-21T21:30:00-05:00\"",
            "Counted at night.",
        );
        f.build();
        assert!(f.exists("2022/01/21/late-vote/index.html"));
        assert!(f.read("2022/01/21/index.html").contains("Late vote"));
        assert!(!f.exists("2022/01/22/index.html"));
    }

    #[test]
    fn same_slug_on_one_day_gets_a_suffix_and_a_warning() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "a.md",
            "title = \"Talks\"\ndate = 2022-01-21T09:00:00Z",
            "One.",
        )
        .entry(
            "b.md",
            "title = \"Talks\"\ndate = 2022-01-21T10:00:00Z",
            "Two.",
        );
        let err = f.build();
        assert!(f.exists("2022/01/21/talks/index.html"));
        assert!(f.exists("2022/01/21/talks-2/index.html"));
        assert!(
            err.contains("content/b.md: warning: `Talks` has the same page path as `content/a.md`"),
            "{err}"
        );
        assert!(f.read("2022/01/21/talks/index.html").contains("One."));
        assert!(f.read("2022/01/21/talks-2/index.html").contains("Two."));
    }

    #[test]
    fn drafts_are_built_only_when_asked() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "d.md",
            "title = \"Unfinished\"\ndate = 2022-01-21\ndraft = true",
            "Notes.",
        );
        f.build();
        assert!(!f.exists("2022/01/21/unfinished/index.html"));
        let out = f.run(&["build", "--drafts"]);
        assert!(out.status.success());
        assert!(f.exists("2022/01/21/unfinished/index.html"));
    }

    #[test]
    fn yaml_front_matter_builds_like_toml() {
        let f = Fixture::at("https://example.org/");
        f.file(
            "content/y.md",
            "---\ntitle: Levee report\ndate: 2022-02-01T10:00:00+01:00\nactors:\n  - Flood Board\n---\nText.\n",
        );
        f.build();
        assert!(f.exists("2022/02/01/levee-report/index.html"));
        assert!(f.exists("actors/flood-board/index.html"));
    }

    #[test]
    fn undated_entries_get_their_own_listing() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "u.md",
            "title = \"Old clipping\"\nundated = true",
            "No date.",
        );
        f.build();
        assert!(f.exists("undated/old-clipping/index.html"));
        assert!(
            f.read("undated/index.html")
                .contains("href=\"/undated/old-clipping/\"")
        );
    }

    #[test]
    fn other_files_in_content_are_skipped_with_a_note() {
        let f = archive("https://example.org/");
        f.file("content/photo.jpg", "not really a photo");
        let err = f.build();
        assert!(err.contains("content/photo.jpg: warning: skipped"), "{err}");
    }
}

mod links {
    use super::*;

    #[test]
    fn every_internal_link_resolves() {
        let f = archive("https://example.org/");
        f.build();
        let broken = broken_links(&f.public(), "/");
        assert!(broken.is_empty(), "{broken:#?}");
    }

    #[test]
    fn every_link_works_under_a_base_url_with_a_subpath() {
        let f = archive("https://example.org/news/");
        f.build();
        let broken = broken_links(&f.public(), "/news/");
        assert!(broken.is_empty(), "{broken:#?}");
        let page = f.read("2024/05/02/bridge-closes-for-repairs/index.html");
        assert!(page.contains("href=\"/news/actors/mara-ode/\""));
        assert!(
            f.read("robots.txt")
                .contains("Sitemap: https://example.org/news/sitemap.xml")
        );
        // A link checker that cannot fail is no check: a root-relative link
        // that ignores the subpath must be caught.
        f.file("public/bad.html", "<a href=\"/actors/\">x</a>");
        assert_eq!(
            broken_links(&f.public(), "/news/"),
            ["bad.html -> /actors/"]
        );
    }

    #[test]
    fn base_url_can_be_overridden_on_the_command_line() {
        let f = archive("https://example.org/");
        let out = f.run(&["build", "--base-url", "https://mirror.example/archive/"]);
        assert!(out.status.success());
        assert!(broken_links(&f.public(), "/archive/").is_empty());
    }

    #[test]
    fn check_passes_a_good_site_and_writes_nothing() {
        let f = archive("https://example.org/news/");
        let out = f.run(&["check"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!f.public().exists());
    }

    #[test]
    fn check_reports_a_template_link_that_leads_nowhere() {
        let f = archive("https://example.org/");
        f.file(
            "templates/404.html",
            "<html lang=\"en\"><a href=\"{{ site.base_path }}nowhere/\">x</a></html>",
        );
        let out = f.run(&["check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            err.contains("404.html: broken link to `/nowhere/`"),
            "{err}"
        );
    }
}

mod pagination {
    use super::*;

    fn many(n: usize) -> Fixture {
        let f = Fixture::new("title = \"T\"\nbase_url = \"https://example.org/\"\npaginate = 2\n");
        for i in 1..=n {
            f.entry(
                &format!("e{i}.md"),
                &format!("title = \"Entry {i}\"\ndate = 2023-01-{i:02}T10:00:00Z\nactors = [\"Lio Ferr\"]"),
                "Text.",
            );
        }
        f
    }

    #[test]
    fn listings_paginate_with_rel_next_and_prev() {
        let f = many(5);
        f.build();
        let first = f.read("index.html");
        assert!(first.contains("rel=\"next\" href=\"/page/2/\""), "{first}");
        assert!(!first.contains("rel=\"prev\""));
        let second = f.read("page/2/index.html");
        assert!(second.contains("rel=\"prev\" href=\"/\""));
        assert!(second.contains("rel=\"next\" href=\"/page/3/\""));
        let third = f.read("page/3/index.html");
        assert!(third.contains("Entry 1"), "oldest on the last page");
        assert!(!third.contains("rel=\"next\""));
        assert!(!f.exists("page/4/index.html"));
        assert!(f.exists("actors/lio-ferr/page/3/index.html"));
        assert!(f.exists("2023/01/page/2/index.html"));
    }
}

mod feeds {
    use super::*;

    fn attr<'a>(attrs: &'a [(String, String)], k: &str) -> Option<&'a str> {
        attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_site_feed_is_atom_limited_to_feed_limit() {
        let f = Fixture::new(
            "title = \"T\"\nbase_url = \"https://example.org/news/\"\nfeed_limit = 3\n",
        );
        for i in 1..=5 {
            f.entry(
                &format!("e{i}.md"),
                &format!("title = \"Entry {i} & more\"\ndate = 2023-01-{i:02}T10:00:00+01:00\nauthors = [\"Eda Pell\"]"),
                "Body with <em>html</em>.",
            );
        }
        f.build();
        let xml = f.read("atom.xml");
        let els = xml_elements(&xml);
        assert_eq!(els[0].0, "feed");
        assert_eq!(
            attr(&els[0].1, "xmlns"),
            Some("http://www.w3.org/2005/Atom")
        );
        let entries = els.iter().filter(|e| e.0 == "entry").count();
        assert_eq!(entries, 3);
        let self_link = els
            .iter()
            .find(|e| e.0 == "link" && attr(&e.1, "rel") == Some("self"))
            .expect("rel=self");
        assert_eq!(
            attr(&self_link.1, "href"),
            Some("https://example.org/news/atom.xml")
        );
        for name in ["id", "title", "updated", "published", "author", "content"] {
            assert!(els.iter().any(|e| e.0 == name), "no <{name}>");
        }
        let titles: Vec<&str> = els
            .iter()
            .filter(|e| e.0 == "title")
            .map(|e| e.2.as_str())
            .collect();
        assert_eq!(titles[1], "Entry 5 & more", "newest first, unescaped once");
        let content = els.iter().find(|e| e.0 == "content").expect("content");
        assert_eq!(attr(&content.1, "type"), Some("html"));
        assert!(content.2.contains("<em>html</em>"), "{}", content.2);
        let updated = els.iter().find(|e| e.0 == "updated").expect("updated");
        assert_eq!(updated.2, "2023-01-05T10:00:00+01:00");
    }

    #[test]
    fn actor_feeds_hold_only_their_actor() {
        let f = archive("https://example.org/");
        f.build();
        let els = xml_elements(&f.read("actors/mara-ode/atom.xml"));
        let titles: Vec<&str> = els
            .iter()
            .filter(|e| e.0 == "title")
            .skip(1)
            .map(|e| e.2.as_str())
            .collect();
        assert_eq!(titles, ["Night works begin", "Bridge closes for repairs"]);
    }

    #[test]
    fn the_sitemap_lists_every_page_by_absolute_url() {
        let f = archive("https://example.org/news/");
        f.build();
        let els = xml_elements(&f.read("sitemap.xml"));
        let locs: Vec<&str> = els
            .iter()
            .filter(|e| e.0 == "loc")
            .map(|e| e.2.as_str())
            .collect();
        assert!(locs.contains(&"https://example.org/news/2024/05/02/bridge-closes-for-repairs/"));
        assert!(locs.contains(&"https://example.org/news/actors/mara-ode/"));
        assert!(
            locs.iter()
                .all(|l| l.starts_with("https://example.org/news/"))
        );
        let pages = files(&f.public())
            .into_iter()
            .filter(|p| p.ends_with("index.html"))
            .count();
        assert_eq!(locs.len(), pages);
    }
}

mod errors {
    use super::*;

    #[test]
    fn unknown_front_matter_fields_name_file_line_and_the_nearest_field() {
        let f = archive("https://example.org/");
        f.file(
            "content/bad.md",
            "+++\ntitle = \"X\"\ndate = 2024-01-01\nactrs = [\"Y\"]\n+++\nBody\n",
        );
        f.file("content/worse.md", "+++\ndate = 2024-01-01\n+++\n");
        let err = f.build_failing();
        assert_eq!(
            err,
            "content/bad.md:4:1: unknown field `actrs`\n  caused by: did you mean `actors`?\n\
             content/worse.md:1:1: missing `title`: every entry needs one\n\
             error: 2 problems found\n"
        );
        assert!(!f.public().exists(), "nothing written");
    }

    #[test]
    fn template_errors_name_the_template_line_and_cause() {
        let f = archive("https://example.org/");
        f.file(
            "templates/entry.html",
            "<html lang=\"{{ config.language }}\">\n<h1>{{ entry.title }}</h1>\n<p>{{ entry.title | round }}</p>\n</html>\n",
        );
        let err = f.build_failing();
        assert_eq!(
            err,
            "templates/entry.html:3:7: cannot render `entry.html` for the page \
             2024/05/02/bridge-closes-for-repairs/index.html\n  \
             caused by: Invalid type for the value, expected `f64` but got `string`\n\
             error: 1 problem found\n",
            "one report for the template, not one per page"
        );
    }

    #[test]
    fn the_header_sees_the_site_but_not_the_page_and_says_so() {
        let f = archive("https://example.org/");
        f.file(
            "templates/site_header.html",
            "<header>{{ config.title }}</header>\n<p>{{ page.title }}</p>\n",
        );
        let err = f.build_failing();
        assert!(
            err.starts_with(
                "templates/site_header.html:2:7: cannot render `site_header.html` (the header of every page)\n"
            ),
            "{err}"
        );
        assert!(!f.public().exists(), "nothing written");
    }

    #[test]
    fn undefined_template_fields_are_named() {
        let f = archive("https://example.org/");
        f.file(
            "templates/term.html",
            "<html>\n{{ term.nickname }}\n</html>\n",
        );
        let err = f.build_failing();
        assert!(
            err.starts_with(
                "templates/term.html:2:9: cannot render `term.html` for the page actors/"
            ),
            "{err}"
        );
        assert!(
            err.contains("\n  caused by: Field `nickname` is not defined. Available fields: count, name, url\n"),
            "{err}"
        );
    }

    #[test]
    fn unknown_filters_name_each_template_line_and_column() {
        let f = archive("https://example.org/");
        f.file(
            "templates/entry.html",
            "<html>\n<h1>{{ entry.title | shout }}</h1>\n</html>\n",
        );
        f.file(
            "templates/term.html",
            "<html>\n\n{{ term.name | whisper }}\n</html>\n",
        );
        let err = f.build_failing();
        assert_eq!(
            err,
            "templates/entry.html:2:22: cannot load the template `entry.html`\n  \
             caused by: Unknown filter `shout`\n\
             templates/term.html:3:16: cannot load the template `term.html`\n  \
             caused by: Unknown filter `whisper`\n\
             error: 2 problems found\n",
        );
    }

    #[test]
    fn template_syntax_errors_name_the_file() {
        let f = archive("https://example.org/");
        f.file("templates/404.html", "<html>\n{% if %}\n</html>\n");
        let err = f.build_failing();
        assert!(err.starts_with("templates/404.html:2:"), "{err}");
        assert!(err.contains("cannot parse template `404.html`"), "{err}");
    }

    #[test]
    fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
        let f = archive("https://example.org/");
        f.build();
        let snapshot = |f: &Fixture| {
            files(&f.public())
                .into_iter()
                .map(|p| {
                    let path = f.public().join(&p);
                    let bytes = std::fs::read(&path).expect("read");
                    let mtime = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .expect("mtime");
                    (p, bytes, mtime)
                })
                .collect::<Vec<_>>()
        };
        let before = snapshot(&f);
        // A new entry that would add pages, and a broken template.
        f.entry("new.md", "title = \"Fresh\"\ndate = 2024-07-01", "New.");
        f.file("templates/term.html", "{{ nope.nope }}");
        f.build_failing();
        assert_eq!(snapshot(&f), before);
        let leftovers: Vec<_> = std::fs::read_dir(f.root())
            .expect("root")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_rebuild_rewrites_only_changed_files_and_removes_stale_ones() {
        let f = archive("https://example.org/");
        f.build();
        let other = f.public().join("2024/06/01/night-works-begin/index.html");
        let t0 = std::fs::metadata(&other)
            .and_then(|m| m.modified())
            .expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(30));
        std::fs::remove_file(f.root().join("content/a.md")).expect("rm");
        f.build();
        assert!(!f.exists("2024/05/02/bridge-closes-for-repairs/index.html"));
        assert!(!f.exists("authors/ada-lorn/index.html"));
        let t1 = std::fs::metadata(&other)
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(t0, t1, "an unchanged page was rewritten");
    }
}

mod safety {
    use super::*;

    #[test]
    fn text_fields_are_escaped() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "x.md",
            "title = \"<script>alert(1)</script>\"\ndate = 2022-01-21\nactors = [\"<b>Bold</b>\"]\nsummary = \"a & b\"",
            "Body.",
        );
        f.build();
        let page = f.read("2022/01/21/script-alert-1-script/index.html");
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("<b>Bold</b>"));
        assert!(f.read("index.html").contains("a &amp; b"));
        xml_elements(&f.read("atom.xml"));
    }

    #[test]
    fn only_http_urls_become_links() {
        let f = Fixture::at("https://example.org/");
        f.entry(
            "x.md",
            "title = \"Odd link\"\ndate = 2022-01-21\nurl = \"javascript:alert(1)\"",
            "Body.",
        );
        f.build();
        let page = f.read("2022/01/21/odd-link/index.html");
        assert!(page.contains("javascript:alert(1)"), "shown as text");
        assert!(!page.contains("href=\"javascript:"), "{page}");
    }

    #[test]
    fn every_page_declares_its_language() {
        let f =
            Fixture::new("title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"pt\"\n");
        f.entry(
            "a.md",
            "title = \"Cheias\"\ndate = 2022-01-21\nactors = [\"Ana\"]",
            "Texto.",
        );
        f.build();
        for p in files(&f.public()).iter().filter(|p| p.ends_with(".html")) {
            assert!(f.read(p).contains("<html lang=\"pt\">"), "{p}");
        }
    }
}

mod themes {
    use super::*;

    #[test]
    fn a_site_template_overrides_one_template_of_the_theme() {
        let f = archive("https://example.org/");
        f.file(
            "templates/404.html",
            "<!DOCTYPE html><html lang=\"{{ config.language }}\"><p>Gone fishing</p></html>",
        );
        f.build();
        assert!(f.read("404.html").contains("Gone fishing"));
        assert!(
            f.read("index.html").contains("Latest entries"),
            "others stay"
        );
    }

    #[test]
    fn a_named_theme_overrides_the_default_and_the_site_overrides_the_theme() {
        let f =
            Fixture::new("title = \"T\"\nbase_url = \"https://example.org/\"\ntheme = \"plain\"\n");
        f.entry("a.md", "title = \"One\"\ndate = 2022-01-21", "Text.");
        f.file(
            "themes/plain/templates/entry.html",
            "<html lang=\"{{ config.language }}\"><h1 class=\"plain\">{{ entry.title }}</h1>{{ content | safe }}</html>",
        );
        f.file("themes/plain/static/plain.css", "h1 { color: red; }");
        f.file("static/site.txt", "site static");
        f.build();
        assert!(
            f.read("2022/01/21/one/index.html")
                .contains("class=\"plain\"")
        );
        assert_eq!(f.read("plain.css"), "h1 { color: red; }");
        assert_eq!(f.read("site.txt"), "site static");
        assert!(f.exists("style.css"), "default static files stay");
    }

    #[test]
    fn a_static_file_that_replaces_a_page_is_announced() {
        let f = archive("https://example.org/");
        f.file("static/robots.txt", "User-agent: *\nDisallow: /\n");
        let err = f.build();
        assert_eq!(f.read("robots.txt"), "User-agent: *\nDisallow: /\n");
        assert!(
            err.starts_with(
                "static/robots.txt: warning: this static file replaces the generated page robots.txt\n"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_missing_theme_is_an_error() {
        let f =
            Fixture::new("title = \"T\"\nbase_url = \"https://example.org/\"\ntheme = \"nope\"\n");
        let err = f.build_failing();
        assert!(err.contains("theme `nope` not found"));
    }
}

mod init {
    #[test]
    fn a_starter_site_builds_at_once() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("site");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["init"])
            .arg(&dir)
            .output()
            .expect("run");
        assert!(out.status.success());
        let gitignore = std::fs::read_to_string(dir.join(".gitignore")).expect("gitignore");
        assert!(gitignore.contains("public/") && gitignore.contains(".gazette/"));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["build", "--root"])
            .arg(&dir)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            dir.join("public/actors/port-authority/index.html")
                .is_file()
        );
        let again = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["init"])
            .arg(&dir)
            .output()
            .expect("run");
        assert_eq!(again.status.code(), Some(1), "never overwrites a site");
    }
}

mod sample {
    use super::*;

    #[test]
    fn the_sample_archive_builds_with_every_link_working() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
            .arg(&out)
            .output()
            .expect("run");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let broken = broken_links(&out, "/estuary/");
        assert!(broken.is_empty(), "{broken:#?}");
        let all = files(&out);
        assert!(all.iter().any(|p| p.starts_with("stories/")), "a story");
        assert!(all.len() > 40, "every kind of page: {all:?}");
        let code_entry = all
            .iter()
            .find(|p| p.contains("tide-gauge"))
            .expect("the entry with code");
        let html = std::fs::read_to_string(out.join(code_entry)).expect("read");
        assert!(html.contains("class=\"hl-"), "highlighted code");
    }
}
