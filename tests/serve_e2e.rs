//! `gazette serve --watch` end to end: the real binary, the real build, a
//! fixture site in a temporary folder, and HTTP polling with bounded
//! timeouts.

mod serve_support;

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serve_support::{get, poll_until};

const WAIT: Duration = Duration::from_secs(20);

const SITE_TOML: &str = "title = \"The Harbour Ledger\"\n\
                         base_url = \"https://ledger.example/news/\"\n";

fn entry(title: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n{body}\n")
}

/// A site with two entries on 21 January 2022.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), SITE_TOML).unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/harbour-strike.md"),
        entry(
            "Harbour strike",
            "2022-01-21T08:00:00Z",
            "Dockers walked out at dawn over the new shift rota.",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/port-fees.md"),
        entry(
            "Port fees rise",
            "2022-01-21T11:30:00Z",
            "The port authority raised berth fees by four percent.",
        ),
    )
    .unwrap();
    dir
}

/// The running `gazette serve --watch`; killed when dropped.
struct Gazette {
    child: Child,
    stderr: Arc<Mutex<String>>,
    addr: SocketAddr,
}

impl Gazette {
    fn start(root: &Path) -> Gazette {
        // A port free a moment ago; if it is taken meanwhile, gazette takes
        // the next one and says so, and the URL is read from what it says.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["serve", "--watch", "--root"])
            .arg(root)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gazette serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut g = Gazette {
            child,
            stderr,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        let url = g.wait_for_url();
        g.addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|_| panic!("cannot read the address in {url}"));
        g
    }

    fn wait_for_url(&mut self) -> String {
        let start = Instant::now();
        loop {
            let text = self.stderr();
            if let Some(at) = text.find("serving the site at ") {
                let rest = &text[at + "serving the site at ".len()..];
                return rest.split_whitespace().next().unwrap().to_string();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("gazette serve exited with {status}:\n{text}");
            }
            assert!(start.elapsed() < WAIT, "no URL printed:\n{text}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn page(&self, path: &str) -> (u16, String) {
        let r = get(self.addr, path);
        (r.status, r.text())
    }

    fn shows(&self, path: &str, text: &str) -> bool {
        poll_until(WAIT, || self.page(path).1.contains(text))
    }
}

impl Drop for Gazette {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const STRIKE: &str = "/2022/01/21/harbour-strike/";

#[test]
fn serves_the_site_at_the_local_address_and_shows_edits() {
    let site = fixture();
    let g = Gazette::start(site.path());
    let (status, page) = g.page(STRIKE);
    assert_eq!(status, 200, "{page}\n{}", g.stderr());
    assert!(page.contains("Dockers walked out at dawn"), "{page}");
    // Links point at the local server, not the published subpath.
    assert!(!page.contains("ledger.example"), "{page}");
    assert!(page.contains("<script src=\"/__gazette/reload.js\""));

    std::fs::write(
        site.path().join("content/harbour-strike.md"),
        entry(
            "Harbour strike",
            "2022-01-21T08:00:00Z",
            "Dockers returned after overnight talks.",
        ),
    )
    .unwrap();
    assert!(
        g.shows(STRIKE, "Dockers returned after overnight talks"),
        "the edit never showed:\n{}",
        g.stderr()
    );
    // The page is on disk a moment before the report reaches the pipe.
    assert!(
        poll_until(WAIT, || g
            .stderr()
            .contains("rebuilt after changes to content/harbour-strike.md")),
        "{}",
        g.stderr()
    );
    // The build output never holds the reload script, and `public/` is left alone.
    let built = std::fs::read_to_string(
        site.path()
            .join(".gazette/serve/2022/01/21/harbour-strike/index.html"),
    )
    .unwrap();
    assert!(!built.contains("__gazette"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn added_and_deleted_entries_come_and_go() {
    let site = fixture();
    let g = Gazette::start(site.path());
    std::fs::write(
        site.path().join("content/ferry-timetable.md"),
        entry(
            "Ferry timetable cut",
            "2022-01-22T09:15:00Z",
            "Winter crossings drop to two a day.",
        ),
    )
    .unwrap();
    let added = "/2022/01/22/ferry-timetable-cut/";
    assert!(
        g.shows(added, "Winter crossings drop to two a day"),
        "the new entry never showed:\n{}",
        g.stderr()
    );
    assert!(g.shows("/", "Ferry timetable cut"), "not on the index");

    std::fs::remove_file(site.path().join("content/port-fees.md")).unwrap();
    let gone = poll_until(WAIT, || g.page("/2022/01/21/port-fees-rise/").0 == 404);
    assert!(gone, "the deleted entry's page stayed:\n{}", g.stderr());
    assert!(
        poll_until(WAIT, || !g
            .page("/2022/01/21/")
            .1
            .contains("Port fees rise")),
        "the day listing still names the deleted entry"
    );
}

#[test]
fn broken_front_matter_keeps_the_last_good_page_and_reports_the_error() {
    let site = fixture();
    let g = Gazette::start(site.path());
    assert!(g.shows(STRIKE, "Dockers walked out at dawn"));
    std::fs::write(
        site.path().join("content/harbour-strike.md"),
        "+++\ntitle = \"Harbour strike\"\ndate = 2022-01-21T08:00:00Z\nheadline = \"oops\"\n+++\nDockers returned.\n",
    )
    .unwrap();
    let overlay = poll_until(WAIT, || {
        let (_, page) = g.page(STRIKE);
        page.contains("__gazette-overlay") && page.contains("content/harbour-strike.md:4")
    });
    assert!(
        overlay,
        "no overlay naming the file and line:\n{}",
        g.stderr()
    );
    let (status, page) = g.page(STRIKE);
    assert_eq!(status, 200);
    assert!(
        page.contains("Dockers walked out at dawn"),
        "not the last good page"
    );
    assert!(
        poll_until(WAIT, || g.stderr().contains("content/harbour-strike.md:4")),
        "the terminal did not name the file and line:\n{}",
        g.stderr()
    );
    assert!(g.stderr().contains("headline"), "{}", g.stderr());

    std::fs::write(
        site.path().join("content/harbour-strike.md"),
        entry(
            "Harbour strike",
            "2022-01-21T08:00:00Z",
            "Dockers returned.",
        ),
    )
    .unwrap();
    assert!(g.shows(STRIKE, "Dockers returned."), "the fix never showed");
    // The page is on disk a moment before the server hears the build
    // succeeded and drops the overlay.
    assert!(
        poll_until(WAIT, || !g.page(STRIKE).1.contains("__gazette-overlay")),
        "the overlay stayed after the fix"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = fixture();
    let mut g = Gazette::start(site.path());
    assert_eq!(g.page(STRIKE).0, 200);
    let pid = g.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = g.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < WAIT, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}:\n{}", g.stderr());
    assert!(g.stderr().contains("stopped"), "{}", g.stderr());
}
