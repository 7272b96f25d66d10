//! Helpers shared by the integration tests: a fixture site in a temporary
//! folder, the real binary, and a link checker.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in its own temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with the given `site.toml` body.
    pub fn new(site_toml: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("site.toml"), site_toml).expect("site.toml");
        std::fs::create_dir_all(dir.path().join("content")).expect("content");
        Fixture { dir }
    }

    /// A site at `base_url` with default settings otherwise.
    pub fn at(base_url: &str) -> Fixture {
        Fixture::new(&format!(
            "title = \"Test Desk\"\nbase_url = \"{base_url}\"\n"
        ))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file under the site root.
    pub fn file(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    /// Writes an entry under `content/` with TOML front matter.
    pub fn entry(&self, rel: &str, front: &str, body: &str) -> &Self {
        self.file(
            &format!("content/{rel}"),
            &format!("+++\n{front}\n+++\n{body}\n"),
        )
    }

    /// Runs the real binary with `args` in the site root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run gazette")
    }

    /// Builds and asserts success; returns stderr.
    pub fn build(&self) -> String {
        let out = self.run(&["build"]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{err}");
        err
    }

    /// Builds and asserts it fails as bad input does (exit status 1);
    /// returns stderr.
    pub fn build_failing(&self) -> String {
        let out = self.run(&["build"]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        err
    }

    /// Reads an output file.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("cannot read public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).is_file()
    }
}

/// Every output file, relative, sorted.
pub fn files(dir: &Path) -> BTreeSet<String> {
    walk(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Every file of a folder with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect()
}

/// Asserts that two folders hold the same files with the same bytes.
pub fn assert_same_trees(a: &Path, b: &Path, context: &str) {
    let (ta, tb) = (tree(a), tree(b));
    let names_a: Vec<&String> = ta.keys().collect();
    let names_b: Vec<&String> = tb.keys().collect();
    assert_eq!(names_a, names_b, "{context}: different files");
    for (rel, bytes) in &ta {
        assert!(bytes == &tb[rel], "{context}: {rel} differs");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(items) = std::fs::read_dir(dir) {
        for item in items.flatten() {
            let p = item.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// `href`/`src` values of an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Internal links of every HTML page under `public` that lead nowhere,
/// as `page -> link`. Links must be absolute paths under `base_path`;
/// anything else internal (relative, or outside the base path) is broken.
pub fn broken_links(public: &Path, base_path: &str) -> Vec<String> {
    let all = files(public);
    let mut broken = Vec::new();
    for f in all.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(f)).expect("read page");
        for l in links(&html) {
            if l.starts_with("http://") || l.starts_with("https://") || l.starts_with('#') {
                continue;
            }
            let l = l.split(['#', '?']).next().unwrap_or("").to_string();
            let ok = match l.strip_prefix(base_path) {
                Some(rel) if rel.is_empty() || rel.ends_with('/') => {
                    all.contains(&format!("{rel}index.html"))
                }
                Some(rel) => all.contains(rel),
                None => false,
            };
            if !ok {
                broken.push(format!("{f} -> {l}"));
            }
        }
    }
    broken
}

/// Parses XML and returns (element name, attributes, text) for every
/// element, failing on malformed XML.
/// One XML element: name, attributes, text.
pub type Element = (String, Vec<(String, String)>, String);

pub fn xml_elements(xml: &str) -> Vec<Element> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<Element> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                out.push(element(&e));
                stack.push(out.len() - 1);
            }
            Event::Empty(e) => out.push(element(&e)),
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = stack.last() {
                    let raw = String::from_utf8_lossy(&t).into_owned();
                    out[i]
                        .2
                        .push_str(&quick_xml::escape::unescape(&raw).expect("entities"));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&i) = stack.last() {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    let text = quick_xml::escape::unescape(&format!("&{name};"))
                        .expect("entity")
                        .into_owned();
                    out[i].2.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    out
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            (
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                a.unescape_value().expect("value").into_owned(),
            )
        })
        .collect();
    (name, attrs, String::new())
}

/// Peak resident set size of this process, in bytes (Linux).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Builds the site at `root` in this process. Returns the report and how
/// much the process's peak memory grew meanwhile, or `None` where peak
/// memory cannot be read (not Linux). Only meaningful in a test binary
/// that runs one test: peak memory is per process.
pub fn build_measuring_peak(root: &Path) -> Option<(gazette::build::BuildReport, u64)> {
    let before = peak_rss()?;
    let report = gazette::build::build(&gazette::build::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .expect("build succeeds");
    let after = peak_rss().expect("VmHWM");
    Some((report, after.saturating_sub(before)))
}
