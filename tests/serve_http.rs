//! `gazette serve` over real HTTP on 127.0.0.1, with a fake rebuilder so
//! these tests do not depend on the build pipeline.

mod serve_support;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gazette::serve::{Reporter, ServeEvent, Server, ServerOptions};
use serve_support::{EventStream, FakeSite, Fixture, get, poll_until, request};

const WAIT: Duration = Duration::from_secs(10);

struct Running {
    server: Server,
    events: Arc<Mutex<Vec<ServeEvent>>>,
    calls: Arc<Mutex<Vec<Vec<PathBuf>>>>,
}

impl Running {
    fn addr(&self) -> std::net::SocketAddr {
        self.server.addr()
    }

    fn rebuilt(&self) -> Vec<Vec<PathBuf>> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                ServeEvent::Rebuilt(r) => Some(r.changed.clone()),
                _ => None,
            })
            .collect()
    }

    fn failures(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                ServeEvent::BuildFailed { diagnostics, .. } => Some(diagnostics.to_string()),
                _ => None,
            })
            .collect()
    }
}

fn start(site: &Fixture, watch: bool) -> Running {
    try_start(site, watch).unwrap_or_else(|d| panic!("the server did not start:\n{d}"))
}

fn try_start(site: &Fixture, watch: bool) -> Result<Running, gazette::diag::Diagnostics> {
    let root = site.root();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let events: Arc<Mutex<Vec<ServeEvent>>> = Arc::default();
    let sink = events.clone();
    let reporter: Reporter = Arc::new(move |e: &ServeEvent| sink.lock().unwrap().push(e.clone()));
    let fake = FakeSite::new(&root);
    let calls = fake.calls.clone();
    let mut opts = ServerOptions::new(&root);
    opts.watch = watch;
    let server = Server::start(fake, listener, opts, reporter)?;
    Ok(Running {
        server,
        events,
        calls,
    })
}

#[test]
fn serves_built_pages_with_their_types_and_no_cache() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out at dawn")]);
    let s = start(&site, false);
    let page = get(s.addr(), "/harbour-strike/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Dockers walk out at dawn"));
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let css = get(s.addr(), "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.text(), "body { margin: 0 auto; }");
    assert_eq!(
        css.header("content-length"),
        Some("body { margin: 0 auto; }".len().to_string().as_str())
    );
    let listening = s
        .events
        .lock()
        .unwrap()
        .iter()
        .any(|e| *e == ServeEvent::Listening(s.server.url().to_string()));
    assert!(listening, "the URL to open is reported");
    assert_eq!(
        s.server.url(),
        format!("http://127.0.0.1:{}/", s.addr().port())
    );
}

#[test]
fn folders_without_a_trailing_slash_redirect_to_it() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let r = get(s.addr(), "/harbour-strike?from=feed");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/harbour-strike/?from=feed"));
}

#[test]
fn missing_pages_get_the_sites_404_page_with_status_404() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let r = get(s.addr(), "/2031/no-such-day/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Lost in the archive"), "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
}

#[test]
fn traversal_attempts_never_serve_a_file_from_outside_the_output() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    // A secret beside the output and one in the site root.
    std::fs::write(site.root().join("secret.txt"), "TOP-SECRET-ROOT").unwrap();
    let s = start(&site, false);
    std::fs::write(site.root().join(".gazette/secret.txt"), "TOP-SECRET-NEAR").unwrap();
    let out = site.root().join(".gazette/serve");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(site.root(), out.join("up")).unwrap();
    }
    let abs = site.root().join("secret.txt");
    let targets = [
        "/../secret.txt".to_string(),
        "/../../secret.txt".to_string(),
        "/harbour-strike/../../secret.txt".to_string(),
        "/%2e%2e/secret.txt".to_string(),
        "/%2E%2E/%2e%2e/secret.txt".to_string(),
        "/.%2e/secret.txt".to_string(),
        "/..%2fsecret.txt".to_string(),
        "/..%2F..%2Fsecret.txt".to_string(),
        "/..%5csecret.txt".to_string(),
        "/..\\secret.txt".to_string(),
        "/%00/secret.txt".to_string(),
        format!("/{}", abs.display()),
        format!("/{}", abs.display()).replace('/', "%2f"),
        "//etc/passwd".to_string(),
        "/leak.txt".to_string(),
        "/up/secret.txt".to_string(),
        "/up/.gazette/secret.txt".to_string(),
    ];
    for t in &targets {
        let r = get(s.addr(), t);
        assert!(
            r.status == 400 || r.status == 404,
            "{t}: status {}",
            r.status
        );
        assert!(!r.text().contains("TOP-SECRET"), "{t} leaked a file");
    }
    // The site itself still works.
    assert_eq!(get(s.addr(), "/harbour-strike/").status, 200);
}

#[test]
fn head_answers_headers_without_a_body() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out at dawn")]);
    let s = start(&site, false);
    let full = get(s.addr(), "/style.css");
    let head = request(s.addr(), "HEAD", "/style.css");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        head.header("content-length"),
        Some(full.body.len().to_string().as_str())
    );
    let missing = request(s.addr(), "HEAD", "/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.is_empty());
}

#[test]
fn only_get_and_head_are_answered() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        for target in ["/harbour-strike/", "/__gazette/events", "/nowhere"] {
            let r = request(s.addr(), method, target);
            assert_eq!(r.status, 405, "{method} {target}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method} {target}");
        }
    }
}

#[test]
fn the_reload_script_is_only_in_served_html() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let tag = "<script src=\"/__gazette/reload.js\"";
    let page = get(s.addr(), "/harbour-strike/").text();
    assert_eq!(page.matches(tag).count(), 1, "{page}");
    let at = page.find(tag).unwrap();
    assert!(page[at..].contains("</script></body></html>"), "{page}");
    // Never in what the build wrote.
    let on_disk =
        std::fs::read_to_string(site.root().join(".gazette/serve/harbour-strike/index.html"))
            .unwrap();
    assert!(!on_disk.contains("__gazette"));
    // The 404 page is HTML too; CSS and feeds are not.
    assert!(get(s.addr(), "/nowhere/").text().contains(tag));
    assert!(!get(s.addr(), "/style.css").text().contains("__gazette"));
    assert!(!get(s.addr(), "/atom.xml").text().contains("__gazette"));
    let js = get(s.addr(), "/__gazette/reload.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("new EventSource(\"/__gazette/events\")"));
}

#[test]
fn browsers_hear_about_each_rebuild() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let page = get(s.addr(), "/harbour-strike/").text();
    let mut events = EventStream::open(s.addr());
    let first = events.next_state().expect("the current state at once");
    let version = first["version"].as_str().unwrap().to_string();
    assert!(
        page.contains(&format!("data-version=\"{version}\"")),
        "{page}"
    );
    assert!(first["error"].is_null());

    site.write("harbour-strike.txt", "Dockers return after talks");
    s.server
        .request_rebuild(vec![site.root().join("content/harbour-strike.txt")]);
    let next = events.next_state().expect("a state after the rebuild");
    assert_ne!(next["version"].as_str().unwrap(), version);
    assert!(next["error"].is_null());
    assert!(
        get(s.addr(), "/harbour-strike/")
            .text()
            .contains("Dockers return after talks")
    );
    assert_eq!(
        s.calls.lock().unwrap().as_slice(),
        &[vec![site.root().join("content/harbour-strike.txt")]]
    );
}

#[test]
fn a_failing_rebuild_shows_the_overlay_while_the_last_good_page_is_served() {
    let site = Fixture::new(&[
        ("harbour-strike", "Dockers walk out"),
        ("port-fees", "Port fees rise"),
    ]);
    let s = start(&site, false);
    let mut events = EventStream::open(s.addr());
    let good = events.next_state().unwrap();

    site.write(
        "harbour-strike.txt",
        "Dockers walk out\nBROKEN <script>alert(1)</script>",
    );
    s.server
        .request_rebuild(vec![site.root().join("content/harbour-strike.txt")]);
    let bad = events.next_state().unwrap();
    assert_eq!(bad["version"], good["version"], "the site did not change");
    let overlay = bad["error"].as_str().expect("an error overlay");
    assert!(
        overlay.contains(
            "content/harbour-strike.txt:2:1: cannot read this entry: \
             BROKEN &lt;script&gt;alert(1)&lt;/script&gt;"
        ),
        "{overlay}"
    );
    assert!(!overlay.contains("<script>"));

    // The last good page, with the overlay on top.
    let page = get(s.addr(), "/harbour-strike/").text();
    assert!(page.contains("<main>Dockers walk out</main>"), "{page}");
    assert!(page.contains("id=\"__gazette-overlay\""), "{page}");
    assert!(page.contains("content/harbour-strike.txt:2:1"), "{page}");
    // A page opened while the build is broken shows it too, and so does
    // its event stream at once.
    let other = get(s.addr(), "/port-fees/").text();
    assert!(other.contains("content/harbour-strike.txt:2:1"), "{other}");
    let late = EventStream::open(s.addr()).next_state().unwrap();
    assert_eq!(late, bad);
    // The terminal got the diagnostics as `build` prints them.
    let failures = s.failures();
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].starts_with("content/harbour-strike.txt:2:1: cannot read this entry"),
        "{failures:?}"
    );

    // Fixing the file clears the overlay: a new version, no error.
    site.write("harbour-strike.txt", "Dockers walk out again");
    s.server
        .request_rebuild(vec![site.root().join("content/harbour-strike.txt")]);
    let fixed = events.next_state().unwrap();
    assert_ne!(fixed["version"], good["version"]);
    assert!(fixed["error"].is_null());
    let page = get(s.addr(), "/harbour-strike/").text();
    assert!(page.contains("Dockers walk out again"));
    assert!(!page.contains("__gazette-overlay"));
}

#[test]
fn paths_of_a_failed_rebuild_are_passed_again_with_the_next_one() {
    let site = Fixture::new(&[("a", "One"), ("b", "Two")]);
    let s = start(&site, false);
    let mut events = EventStream::open(s.addr());
    events.next_state().unwrap();
    site.write("a.txt", "BROKEN");
    s.server.request_rebuild(vec!["content/a.txt".into()]);
    events.next_state().unwrap();
    site.write("a.txt", "One, fixed");
    site.write("b.txt", "Two, edited");
    s.server.request_rebuild(vec!["content/b.txt".into()]);
    events.next_state().unwrap();
    let calls = s.calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        vec![
            vec![PathBuf::from("content/a.txt")],
            vec![
                PathBuf::from("content/a.txt"),
                PathBuf::from("content/b.txt")
            ],
        ]
    );
}

#[test]
fn a_broken_first_build_fails_without_watch() {
    let site = Fixture::new(&[("harbour-strike", "BROKEN from the start")]);
    let Err(e) = try_start(&site, false) else {
        panic!("the server started on a broken site");
    };
    assert!(
        e.to_string()
            .starts_with("content/harbour-strike.txt:1:1: cannot read this entry"),
        "{e}"
    );
}

#[test]
fn a_broken_first_build_with_watch_serves_the_overlay_until_fixed() {
    let site = Fixture::new(&[("harbour-strike", "BROKEN from the start")]);
    let s = start(&site, true);
    let r = get(s.addr(), "/harbour-strike/");
    assert_eq!(r.status, 404);
    assert!(
        r.text().contains("content/harbour-strike.txt:1:1"),
        "{}",
        r.text()
    );
    site.write("harbour-strike.txt", "Dockers walk out");
    let shown = poll_until(WAIT, || {
        get(s.addr(), "/harbour-strike/")
            .text()
            .contains("Dockers walk out")
    });
    assert!(shown, "the fixed site was never served");
    assert!(
        !get(s.addr(), "/harbour-strike/")
            .text()
            .contains("__gazette-overlay")
    );
}

#[test]
fn edits_additions_and_deletions_show_up_through_the_real_watcher() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, true);
    // Editors' scratch files first, then the real save.
    site.write(".harbour-strike.txt.swp", "swap");
    site.write("4913", "");
    site.write("harbour-strike.txt~", "backup");
    site.write("harbour-strike.txt", "Dockers return after talks");
    let shown = poll_until(WAIT, || {
        get(s.addr(), "/harbour-strike/")
            .text()
            .contains("Dockers return after talks")
    });
    assert!(shown, "the edit never showed");

    site.write("port-fees.txt", "Port fees rise");
    assert!(
        poll_until(WAIT, || get(s.addr(), "/port-fees/").status == 200),
        "the added entry never showed"
    );
    site.remove("port-fees.txt");
    assert!(
        poll_until(WAIT, || get(s.addr(), "/port-fees/").status == 404),
        "the deleted entry's page never went"
    );

    let content = site.root().join("content");
    for batch in s.rebuilt() {
        for p in batch {
            assert!(
                p.starts_with(&content) && p.extension().is_some_and(|e| e == "txt"),
                "rebuilt for {}",
                p.display()
            );
        }
    }
}

#[test]
fn rebuilds_are_reported_with_changes_and_counts() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let mut events = EventStream::open(s.addr());
    events.next_state().unwrap();
    site.write("harbour-strike.txt", "Dockers return");
    s.server
        .request_rebuild(vec![site.root().join("content/harbour-strike.txt")]);
    events.next_state().unwrap();
    let reports: Vec<String> = s
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, ServeEvent::Rebuilt(_)))
        .map(|e| gazette::serve::describe(e, &site.root()))
        .collect();
    assert_eq!(reports.len(), 1);
    assert!(
        reports[0].starts_with(
            "rebuilt after changes to content/harbour-strike.txt: 1 page rewritten in "
        ),
        "{reports:?}"
    );
}

#[test]
fn shutting_down_ends_open_event_streams() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, false);
    let mut events = EventStream::open(s.addr());
    events.next_state().unwrap();
    let addr = s.addr();
    let reported = s.events.clone();
    s.server.shutdown();
    assert!(events.next_state().is_none(), "the stream stayed open");
    assert!(reported.lock().unwrap().contains(&ServeEvent::Stopped));
    assert!(std::net::TcpStream::connect(addr).is_err() || get_fails(addr));
}

/// After shutdown the port may still accept briefly on some systems, but
/// nothing answers.
fn get_fails(addr: std::net::SocketAddr) -> bool {
    std::panic::catch_unwind(|| get(addr, "/")).is_err()
}

#[test]
fn site_toml_and_source_folders_created_later_are_watched() {
    let site = Fixture::new(&[("harbour-strike", "Dockers walk out")]);
    let s = start(&site, true);
    let root = site.root();
    let s = &s;
    let saw = |p: PathBuf| move || s.rebuilt().iter().flatten().any(|c| *c == p);

    std::fs::write(
        root.join("site.toml"),
        "title = \"The Harbour Ledger (preview)\"\nbase_url = \"/\"\n",
    )
    .unwrap();
    assert!(
        poll_until(WAIT, saw(root.join("site.toml"))),
        "{:?}",
        s.rebuilt()
    );

    std::fs::create_dir(root.join("themes")).unwrap();
    assert!(
        poll_until(WAIT, saw(root.join("themes"))),
        "{:?}",
        s.rebuilt()
    );
    // A folder created inside a watched one is watched too. (Files written
    // in the same instant as their new folder may go unseen by the OS
    // watcher; the folder's own event covers them, as rebuilders treat a
    // changed folder as everything in it.)
    std::fs::create_dir(root.join("themes/plain")).unwrap();
    assert!(
        poll_until(WAIT, saw(root.join("themes/plain"))),
        "{:?}",
        s.rebuilt()
    );
    std::fs::write(root.join("themes/plain/style.css"), "main { color: navy }").unwrap();
    assert!(
        poll_until(WAIT, saw(root.join("themes/plain/style.css"))),
        "{:?}",
        s.rebuilt()
    );
}
