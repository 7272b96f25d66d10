//! The build cache in `.gazette/cache/` under the site root.
//!
//! It holds a manifest of the last successful build: for every output file,
//! the key of the page that produced it (see [`crate::render::plan`]), the
//! hash of its bytes, and its length and modification time as written. A
//! second build skips rendering a page whose key is unchanged while its
//! file still has the recorded length and time, skips writing a page whose
//! new bytes hash to the recorded hash, and removes exactly the files the
//! last build wrote that this one no longer produces, all without reading
//! the old output back.
//!
//! The cache is only ever an optimisation: a missing, corrupt, stale or
//! other-version manifest is ignored (with a warning when it is unreadable)
//! and the build does the full work, with byte-identical output.

use ahash::AHashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".gazette/cache";

/// The manifest files inside [`CACHE_DIR`] are named `manifest-<hash of
/// the output folder>`, so `build` into `public/` and `serve` into its own
/// folder keep separate caches.
pub const MANIFEST_FILE: &str = "manifest";

/// First line of a manifest; bump the format number on any change to the
/// format or to how keys are computed, so an old manifest is ignored.
const HEADER: &str = concat!("gazette-build-manifest 1 ", env!("CARGO_PKG_VERSION"));

/// What the last build recorded about one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// The key of the page that produced it; `None` for static files.
    pub key: Option<[u8; 32]>,
    /// blake3 of the file's bytes.
    pub hash: [u8; 32],
    /// The file's length.
    pub len: u64,
    /// The file's modification time, in nanoseconds since the Unix epoch.
    pub mtime: i128,
}

impl Record {
    /// Whether the file at `path` still looks as it was recorded (same
    /// length and modification time, as `make` and `rsync` judge).
    pub fn matches_file(&self, path: &Path) -> bool {
        std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| Some((m.len(), mtime_of(&m)?)))
            == Some((self.len, self.mtime))
    }
}

/// The modification time of a file, in nanoseconds since the Unix epoch.
pub fn mtime_of(meta: &std::fs::Metadata) -> Option<i128> {
    let t = meta.modified().ok()?;
    Some(match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    })
}

/// The manifest of one output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The output folder it describes ([`output_id`]).
    pub output: PathBuf,
    /// Output-relative path (with `/`) to what was recorded (ahash: the
    /// map holds every file of the site and SipHash showed in profiles).
    pub files: AHashMap<String, Record>,
}

/// How a manifest names its output folder: relative to the site root
/// when inside it (`public`), so `--root .` and `--root /abs/site` share a
/// cache; else the absolute path.
pub fn output_id(root: &Path, output: &Path) -> PathBuf {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let (root, output) = (abs(root), abs(output));
    match output.strip_prefix(&root) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => output,
    }
}

/// The manifest's file name for the output folder `id` ([`output_id`]).
pub fn manifest_name(id: &Path) -> String {
    let h = blake3::hash(id.to_string_lossy().as_bytes()).to_hex();
    format!("{MANIFEST_FILE}-{}", &h.as_str()[..16])
}

/// Where the manifest of the site at `root` for `output` lives.
pub fn manifest_path(root: &Path, output: &Path) -> PathBuf {
    root.join(CACHE_DIR)
        .join(manifest_name(&output_id(root, output)))
}

impl Manifest {
    /// An empty manifest for the output folder `output` of the site at
    /// `root`.
    pub fn new(root: &Path, output: &Path) -> Manifest {
        Manifest {
            output: output_id(root, output),
            files: AHashMap::new(),
        }
    }

    /// Loads the manifest of the site at `root` for `output`. A missing one
    /// is `None`; an unreadable, corrupt or other-version one is `None`
    /// with a warning saying it was ignored; one written for another output
    /// folder is `None` silently (it is simply not this build's cache).
    pub fn load(root: &Path, output: &Path) -> (Option<Manifest>, Option<Diagnostic>) {
        let path = manifest_path(root, output);
        let ignored = |why: String| {
            Diagnostic::warning(format!(
                "the build cache is ignored and will be rebuilt: {why}"
            ))
            .at(format!(
                "{CACHE_DIR}/{}",
                manifest_name(&output_id(root, output))
            ))
        };
        let text = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => return (None, Some(ignored("it is not UTF-8".into()))),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (None, None),
            Err(e) => return (None, Some(ignored(format!("cannot read it: {e}")))),
        };
        match Manifest::parse(&text) {
            Ok(m) if m.output == output_id(root, output) => (Some(m), None),
            Ok(_) => (None, None),
            Err(why) => (None, Some(ignored(why))),
        }
    }

    /// Parses a manifest's text.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let mut lines = text.split('\n');
        match lines.next() {
            Some(h) if h == HEADER => {}
            Some(h) if h.starts_with("gazette-build-manifest ") => {
                return Err(format!("it was written by another version (`{h}`)"));
            }
            _ => return Err("it is not a gazette build manifest".into()),
        }
        let output = lines
            .next()
            .and_then(|l| l.strip_prefix("output\t"))
            .ok_or("its output line is missing")?;
        let mut m = Manifest {
            output: PathBuf::from(unescape(output)),
            files: AHashMap::new(),
        };
        let mut complete = false;
        for (n, line) in lines.enumerate() {
            if line == "end" {
                complete = true;
                continue;
            }
            if line.is_empty() {
                continue;
            }
            if complete {
                return Err(format!("line {} follows its end", n + 3));
            }
            let bad = || format!("line {} is malformed", n + 3);
            let mut f = line.split('\t');
            let (Some(path), Some(key), Some(hash), Some(len), Some(mtime), None) =
                (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                return Err(bad());
            };
            let key = match key {
                "-" => None,
                k => Some(from_hex(k).ok_or_else(bad)?),
            };
            m.files.insert(
                unescape(path),
                Record {
                    key,
                    hash: from_hex(hash).ok_or_else(bad)?,
                    len: len.parse().map_err(|_| bad())?,
                    mtime: mtime.parse().map_err(|_| bad())?,
                },
            );
        }
        if !complete {
            return Err("it is truncated".into());
        }
        Ok(m)
    }

    /// The manifest as text: a header, the output folder, one line per
    /// file (sorted, so equal manifests are equal files), and an end mark
    /// that tells a complete file from a truncated one.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.files.len() * 180 + 200);
        out.push_str(HEADER);
        out.push_str("\noutput\t");
        out.push_str(&escape(&self.output.to_string_lossy()));
        out.push('\n');
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort_unstable();
        for p in paths {
            let r = &self.files[p];
            out.push_str(&escape(p));
            out.push('\t');
            match &r.key {
                Some(k) => out.push_str(blake3::Hash::from(*k).to_hex().as_str()),
                None => out.push('-'),
            }
            out.push('\t');
            out.push_str(blake3::Hash::from(r.hash).to_hex().as_str());
            let _ = writeln!(out, "\t{}\t{}", r.len, r.mtime);
        }
        out.push_str("end\n");
        out
    }

    /// Writes the manifest atomically (a temporary file, then a rename), so
    /// a crash leaves either the old manifest or the new one.
    pub fn save(&self, root: &Path) -> io::Result<()> {
        let dir = root.join(CACHE_DIR);
        let path = dir.join(manifest_name(&self.output));
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!(
            "{}.{}.tmp",
            manifest_name(&self.output),
            std::process::id()
        ));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(self.to_text().as_bytes())?;
            f.flush()?;
            drop(f);
            std::fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// Removes the manifest of the site at `root` for `output` (a stale
/// manifest must not outlive an output it no longer describes).
pub fn forget(root: &Path, output: &Path) -> io::Result<()> {
    match std::fs::remove_file(manifest_path(root, output)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn from_hex(s: &str) -> Option<[u8; 32]> {
    blake3::Hash::from_hex(s).ok().map(|h| *h.as_bytes())
}

/// Paths may hold any character; tabs, newlines and `%` are escaped.
fn escape(s: &str) -> String {
    if !s.contains(['%', '\t', '\n', '\r']) {
        return s.to_string();
    }
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

fn unescape(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    s.replace("%09", "\t")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let mut m = Manifest::new(Path::new("/site"), Path::new("/site/public"));
        m.files.insert(
            "2022/01/21/a/index.html".into(),
            Record {
                key: Some([7; 32]),
                hash: [9; 32],
                len: 1234,
                mtime: 1_700_000_000_123_456_789,
            },
        );
        m.files.insert(
            "odd\tname%.css".into(),
            Record {
                key: None,
                hash: [1; 32],
                len: 0,
                mtime: -5,
            },
        );
        m
    }

    #[test]
    fn manifests_read_back_what_they_wrote() {
        let m = sample();
        assert_eq!(Manifest::parse(&m.to_text()), Ok(m));
    }

    #[test]
    fn truncated_or_foreign_manifests_are_refused_with_a_reason() {
        let text = sample().to_text();
        let cut = &text[..text.len() - 10];
        assert_eq!(
            Manifest::parse(cut).unwrap_err(),
            "line 4 is malformed".to_string()
        );
        let no_end = text.replace("end\n", "");
        assert_eq!(Manifest::parse(&no_end).unwrap_err(), "it is truncated");
        let old = text.replacen(" 1 ", " 0 ", 1);
        assert!(
            Manifest::parse(&old)
                .unwrap_err()
                .starts_with("it was written by another version")
        );
        assert_eq!(
            Manifest::parse("hello").unwrap_err(),
            "it is not a gazette build manifest"
        );
    }

    #[test]
    fn a_corrupt_manifest_is_ignored_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(tmp.path().join(CACHE_DIR)).unwrap();
        std::fs::write(manifest_path(tmp.path(), &out), "garbage").unwrap();
        let (m, note) = Manifest::load(tmp.path(), &out);
        assert!(m.is_none());
        let note = note.unwrap().to_string();
        assert!(
            note.ends_with(
                ": the build cache is ignored and will be rebuilt: it is not a gazette build manifest"
            ),
            "{note}"
        );
        assert!(note.starts_with(".gazette/cache/manifest-"), "{note}");
    }

    #[test]
    fn saving_replaces_the_manifest_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let m = sample();
        m.save(tmp.path()).unwrap();
        let (back, note) = Manifest::load(tmp.path(), &tmp.path().join("public"));
        assert_eq!(back, Some(m));
        assert!(note.is_none());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join(CACHE_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(leftovers, [manifest_name(Path::new("public"))]);
    }
}

/// The file holding the content pass's last result.
pub const INGEST_FILE: &str = "ingest.json";

/// The content pass's result over one exact set of captures, saved so that
/// a build whose captures did not change skips the pass. The pass merges
/// across files, so the whole set is the unit: any changed capture (or
/// corrections, time zone, or gazette binary) means a fresh pass.
#[derive(Debug, Serialize, Deserialize)]
pub struct IngestCache {
    key: String,
    /// The entries the pass made.
    pub entries: Vec<crate::entry::Entry>,
    /// The warnings it gave, replayed on every build that reuses it.
    pub diagnostics: crate::diag::Diagnostics,
}

/// The key of a content pass over `sources` with `config`.
pub fn ingest_key(sources: &[crate::source::SourceFile], config: &crate::config::Config) -> String {
    let mut h = blake3::Hasher::new();
    h.update(format!("gazette {} ingest 1\n", env!("CARGO_PKG_VERSION")).as_bytes());
    // A rebuilt binary may run a different pass: its identity is part of the key.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        h.update(format!("{} {:?}\n", meta.len(), mtime_of(&meta)).as_bytes());
    }
    let settings = (&config.actors, &config.places, &config.timezone);
    h.update(
        serde_json::to_string(&settings)
            .unwrap_or_default()
            .as_bytes(),
    );
    for s in sources {
        h.update(&(s.name.len() as u64).to_le_bytes());
        h.update(s.name.as_bytes());
        h.update(&(s.text.len() as u64).to_le_bytes());
        h.update(s.text.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

impl IngestCache {
    /// The saved result for `key`, if there is one and it is readable.
    pub fn load(root: &Path, key: &str) -> Option<IngestCache> {
        let text = std::fs::read(root.join(CACHE_DIR).join(INGEST_FILE)).ok()?;
        let cache: IngestCache = serde_json::from_slice(&text).ok()?;
        (cache.key == key).then_some(cache)
    }

    /// Saves a result atomically (a temporary file, then a rename).
    pub fn save(
        root: &Path,
        key: &str,
        entries: &[crate::entry::Entry],
        diagnostics: &crate::diag::Diagnostics,
    ) -> io::Result<()> {
        #[derive(Serialize)]
        struct View<'a> {
            key: &'a str,
            entries: &'a [crate::entry::Entry],
            diagnostics: &'a crate::diag::Diagnostics,
        }
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{INGEST_FILE}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = io::BufWriter::new(std::fs::File::create(&tmp)?);
            serde_json::to_writer(
                &mut f,
                &View {
                    key,
                    entries,
                    diagnostics,
                },
            )
            .map_err(io::Error::other)?;
            f.flush()?;
            drop(f);
            std::fs::rename(&tmp, dir.join(INGEST_FILE))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}
