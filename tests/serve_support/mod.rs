//! Shared by the `serve` tests: a tiny HTTP/1.1 client over `TcpStream`
//! with bounded timeouts, an event-stream reader, and a fake rebuilder.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gazette::diag::{Diagnostic, Diagnostics};
use gazette::serve::{RebuildReport, Rebuilder};

/// How long any single network read may take.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// One HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method target` and reads the whole response (`Connection: close`).
pub fn request(addr: SocketAddr, method: &str, target: &str) -> Response {
    let mut s = connect(addr);
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw, method == "HEAD")
}

pub fn get(addr: SocketAddr, target: &str) -> Response {
    request(addr, "GET", target)
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, IO_TIMEOUT).expect("connect to the server");
    s.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
    s.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
    s
}

fn parse(raw: &[u8], head: bool) -> Response {
    let end = find(raw, b"\r\n\r\n").expect("a complete response head");
    let head_text = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if head {
        rest.to_vec()
    } else if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = find(rest, b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&rest[start..start + size]);
        rest = &rest[start + size + 2..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Polls `check` every 20 ms until it holds or `timeout` passes.
pub fn poll_until(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if check() {
            return true;
        }
        if start.elapsed() > timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An open `/__gazette/events` stream.
pub struct EventStream {
    stream: TcpStream,
    buf: Vec<u8>,
    seen: usize,
}

impl EventStream {
    pub fn open(addr: SocketAddr) -> EventStream {
        let mut stream = connect(addr);
        write!(
            stream,
            "GET /__gazette/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send the request");
        let mut es = EventStream {
            stream,
            buf: Vec::new(),
            seen: 0,
        };
        let deadline = Instant::now() + IO_TIMEOUT;
        while find(&es.buf, b"\r\n\r\n").is_none() {
            assert!(Instant::now() < deadline, "no response head");
            assert!(es.fill(), "the event stream closed before its head");
        }
        let end = find(&es.buf, b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&es.buf[..end]).to_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("content-type: text/event-stream"), "{head}");
        es.seen = end + 4;
        es
    }

    /// Reads more bytes; false at end of stream.
    fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 4096];
        match self.stream.read(&mut chunk) {
            Ok(0) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
            Err(e) => panic!("reading the event stream: {e}"),
        }
    }

    /// The next `state` event's data, or `None` when the stream ends.
    pub fn next_state(&mut self) -> Option<serde_json::Value> {
        loop {
            if let Some(at) = find(&self.buf[self.seen..], b"data: ") {
                let start = self.seen + at + 6;
                if let Some(nl) = find(&self.buf[start..], b"\n") {
                    let line = String::from_utf8_lossy(&self.buf[start..start + nl]).into_owned();
                    self.seen = start + nl;
                    return Some(serde_json::from_str(&line).expect("JSON event data"));
                }
            }
            if !self.fill() {
                return None;
            }
        }
    }
}

/// A site root with `content/*.txt` "entries", built by [`FakeSite`].
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with `content/<stem>.txt` for each entry.
    pub fn new(entries: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"The Harbour Ledger\"\nbase_url = \"https://ledger.example/news/\"\n",
        )
        .unwrap();
        let f = Fixture { dir };
        for (stem, text) in entries {
            f.write(&format!("{stem}.txt"), text);
        }
        f
    }

    /// The canonical root, as the watcher sees it.
    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join("content").join(name), text).unwrap();
    }

    pub fn remove(&self, name: &str) {
        std::fs::remove_file(self.dir.path().join("content").join(name)).unwrap();
    }
}

/// A stand-in for the build: every `content/<name>.txt` becomes
/// `<name>/index.html`; a line holding `BROKEN` fails the build with
/// `content/<name>.txt:<line>:1`, writing nothing. Keeps a log of the
/// changed paths it was asked to rebuild.
pub struct FakeSite {
    root: PathBuf,
    out: PathBuf,
    pub calls: Arc<Mutex<Vec<Vec<PathBuf>>>>,
}

impl FakeSite {
    pub fn new(root: &Path) -> FakeSite {
        FakeSite {
            root: root.to_path_buf(),
            out: root.join(".gazette/serve"),
            calls: Arc::default(),
        }
    }

    fn render(&self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let start = Instant::now();
        let mut entries = Vec::new();
        let mut errors = Diagnostics::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.root.join("content"))
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        for path in names {
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (i, line) in text.lines().enumerate() {
                if line.contains("BROKEN") {
                    errors.push(
                        Diagnostic::error(format!("cannot read this entry: {line}"))
                            .at(format!("content/{stem}.txt"))
                            .line_col(i + 1, 1),
                    );
                }
            }
            entries.push((stem, text));
        }
        if errors.has_errors() {
            return Err(errors);
        }
        let mut files: Vec<(PathBuf, String)> = vec![
            (
                "404.html".into(),
                "<!doctype html><html><body><h1>Lost in the archive</h1></body></html>".into(),
            ),
            ("style.css".into(), "body { margin: 0 auto; }".into()),
            (
                "atom.xml".into(),
                "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>".into(),
            ),
        ];
        for (stem, text) in &entries {
            files.push((
                PathBuf::from(stem).join("index.html"),
                format!(
                    "<!doctype html><html><head><title>{stem}</title></head>\
                     <body><main>{}</main></body></html>",
                    text.replace('&', "&amp;").replace('<', "&lt;")
                ),
            ));
        }
        let mut written = 0;
        std::fs::create_dir_all(&self.out).unwrap();
        for (rel, body) in &files {
            let path = self.out.join(rel);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(body.as_str()) {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, body).unwrap();
                written += 1;
            }
        }
        // Pages of deleted entries go.
        for e in std::fs::read_dir(&self.out).unwrap().flatten() {
            let keep = entries.iter().any(|(s, _)| e.file_name() == s.as_str());
            if e.path().is_dir() && !keep {
                std::fs::remove_dir_all(e.path()).unwrap();
                written += 1;
            }
        }
        Ok(RebuildReport {
            changed: changed.to_vec(),
            pages_rewritten: written,
            elapsed: start.elapsed(),
            warnings: Diagnostics::new(),
        })
    }
}

impl Rebuilder for FakeSite {
    fn output_dir(&self) -> &Path {
        &self.out
    }

    fn build_all(&mut self) -> Result<RebuildReport, Diagnostics> {
        self.render(&[])
    }

    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        self.calls.lock().unwrap().push(changed.to_vec());
        self.render(changed)
    }
}
