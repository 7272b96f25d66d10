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
//! Beside the manifest, the parsed-entry cache ([`EntryCache`]) keeps the
//! Markdown entries parsed from each source file, keyed by the file's
//! [`Stamp`], and their fingerprints, so unchanged files are neither read
//! nor parsed nor hashed again; and [`IngestCache`] keeps the content
//! pass's result over an unchanged set of raw captures.
//!
//! The cache is only ever an optimisation: a missing, corrupt, stale or
//! other-version manifest is ignored (with a warning when it is unreadable)
//! and the build does the full work, with byte-identical output.

use ahash::AHashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
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
const HEADER: &str = concat!("gazette-build-manifest 2 ", env!("CARGO_PKG_VERSION"));

/// Starts a manifest in the binary form builds write: a checksum, then the
/// postcard encoding of the output folder and the records. Reading 19,000
/// records this way takes a fraction of parsing their hex text. Bump the
/// format number as for [`HEADER`] (5: page keys are XXH3). A text
/// manifest with keys of another kind costs renders, never wrong output:
/// keys only ever match the keys they were made as.
const BINARY_HEADER: &[u8] = concat!(
    "gazette-build-manifest 5 ",
    env!("CARGO_PKG_VERSION"),
    " binary\n"
)
.as_bytes();

/// What the last build recorded about one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The key of the page that produced it; `None` for static files.
    #[serde(with = "opt_byte_array")]
    pub key: Option<[u8; 32]>,
    /// [`file_hash`] of the file's bytes.
    #[serde(with = "byte_array")]
    pub hash: FileHash,
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
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (None, None),
            Err(e) => return (None, Some(ignored(format!("cannot read it: {e}")))),
        };
        match Manifest::from_bytes(&bytes) {
            Ok(m) if m.output == output_id(root, output) => (Some(m), None),
            Ok(_) => (None, None),
            Err(why) => (None, Some(ignored(why))),
        }
    }

    /// Reads a manifest as [`Manifest::save`] writes it ([`Manifest::to_bytes`]),
    /// or in its text form ([`Manifest::to_text`]); says why it cannot.
    pub fn from_bytes(bytes: &[u8]) -> Result<Manifest, String> {
        let Some(rest) = bytes.strip_prefix(BINARY_HEADER) else {
            return match std::str::from_utf8(bytes) {
                Ok(text) => Manifest::parse(text),
                Err(_) if bytes.starts_with(b"gazette-build-manifest ") => {
                    let header = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
                    Err(format!(
                        "it was written by another version (`{}`)",
                        String::from_utf8_lossy(header)
                    ))
                }
                Err(_) => Err("it is not a gazette build manifest".into()),
            };
        };
        let damaged = || "it is damaged or truncated".to_string();
        if rest.len() < 16 {
            return Err(damaged());
        }
        let (sum, payload) = rest.split_at(16);
        if file_hash(payload) != sum {
            return Err(damaged());
        }
        let (output, files): (String, Vec<(String, Record)>) =
            postcard::from_bytes(payload).map_err(|_| damaged())?;
        Ok(Manifest {
            output: PathBuf::from(output),
            files: files.into_iter().collect(),
        })
    }

    /// The manifest in the binary form builds write: a header naming the
    /// format, a checksum of the rest, and the postcard encoding of the
    /// output folder and the records (in no particular order).
    pub fn to_bytes(&self) -> Vec<u8> {
        let files: Vec<(&String, &Record)> = self.files.iter().collect();
        let output = self.output.to_string_lossy();
        // Sized up front: grown by doubling, the 2 MB of a 19,000-file
        // site's records were copied several times into fresh pages.
        let room = self.files.keys().map(|k| k.len() + 72).sum::<usize>() + output.len() + 16;
        let payload =
            postcard::to_extend(&(&*output, files), Vec::with_capacity(room)).unwrap_or_default();
        let mut out = Vec::with_capacity(BINARY_HEADER.len() + 16 + payload.len());
        out.extend_from_slice(BINARY_HEADER);
        out.extend_from_slice(&file_hash(&payload));
        out.extend_from_slice(&payload);
        out
    }

    /// Parses a manifest's text form ([`Manifest::to_text`]).
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
                    hash: file_hash_from_hex(hash).ok_or_else(bad)?,
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

    /// The manifest as text, for people and tools: a header, the output
    /// folder, one line per file (sorted, so equal manifests are equal
    /// files), and an end mark that tells a complete file from a truncated
    /// one. Builds write the binary form ([`Manifest::to_bytes`]) and read
    /// both.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.files.len() * 180 + 200);
        out.push_str(HEADER);
        out.push_str("\noutput\t");
        out.push_str(&escape(&self.output.to_string_lossy()));
        out.push('\n');
        let mut files: Vec<(&String, &Record)> = self.files.iter().collect();
        files.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        // Lines in chunks over both cores: the manifest lists every file.
        let chunks: Vec<String> = files
            .par_chunks(2048)
            .map(|chunk| {
                let mut out = String::with_capacity(chunk.len() * 180);
                for (p, r) in chunk {
                    out.push_str(&escape(p));
                    out.push('\t');
                    match &r.key {
                        Some(k) => out.push_str(blake3::Hash::from(*k).to_hex().as_str()),
                        None => out.push('-'),
                    }
                    out.push('\t');
                    let _ = write!(out, "{:032x}", u128::from_be_bytes(r.hash));
                    let _ = writeln!(out, "\t{}\t{}", r.len, r.mtime);
                }
                out
            })
            .collect();
        for c in chunks {
            out.push_str(&c);
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
            f.write_all(&self.to_bytes())?;
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

impl Manifest {
    /// The recorded files that are no longer in `output` as recorded (not a
    /// regular file of the same length and modification time, as
    /// [`Record::matches_file`] judges), checked in parallel. After a build
    /// it is usually empty, so a build asks this rather than copying the
    /// names of every intact file of the site into a set.
    pub fn changed(&self, output: &Path) -> ahash::AHashSet<String> {
        // Files by folder two levels up (`2024/05/02` for an entry page):
        // each folder is opened once and its files looked up from it.
        let mut groups: AHashMap<&str, Vec<(&str, &Record)>> = AHashMap::new();
        for (rel, r) in &self.files {
            let dir = rel.rsplitn(3, '/').nth(2).map_or("", |d| d);
            groups.entry(dir).or_default().push((rel, r));
        }
        let groups: Vec<(&str, Vec<(&str, &Record)>)> = groups.into_iter().collect();
        let found: Vec<Vec<String>> = groups
            .into_par_iter()
            .map(|(dir, files)| {
                let checks = intact_in(output, dir, &files);
                files
                    .iter()
                    .zip(checks)
                    .filter(|(_, ok)| !*ok)
                    .map(|((rel, _), _)| (*rel).to_string())
                    .collect()
            })
            .collect();
        found.into_iter().flatten().collect()
    }
}

/// Whether each of `files` (paths relative to `output`, all under `dir`)
/// is still as recorded.
#[cfg(unix)]
fn intact_in(output: &Path, dir: &str, files: &[(&str, &Record)]) -> Vec<bool> {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    let folder = if dir.is_empty() {
        output.to_path_buf()
    } else {
        output.join(dir)
    };
    let Ok(fd) = rustix::fs::open(
        &folder,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return vec![false; files.len()];
    };
    files
        .iter()
        .map(|(rel, r)| {
            let name = rel
                .strip_prefix(dir)
                .map_or(*rel, |n| n.trim_start_matches('/'));
            // Follows symbolic links, as `std::fs::metadata` does.
            rustix::fs::statat(&fd, name, AtFlags::empty()).is_ok_and(|st| {
                let mtime = i128::from(st.st_mtime) * 1_000_000_000 + i128::from(st.st_mtime_nsec);
                FileType::from_raw_mode(st.st_mode) == FileType::RegularFile
                    && u64::try_from(st.st_size).ok() == Some(r.len)
                    && mtime == r.mtime
            })
        })
        .collect()
}

/// Whether each of `files` (paths relative to `output`) is still as
/// recorded.
#[cfg(not(unix))]
fn intact_in(output: &Path, _dir: &str, files: &[(&str, &Record)]) -> Vec<bool> {
    files
        .iter()
        .map(|(rel, r)| r.matches_file(&output.join(rel)))
        .collect()
}

/// Removes the manifest of the site at `root` for `output` (a stale
/// manifest must not outlive an output it no longer describes).
pub fn forget(root: &Path, output: &Path) -> io::Result<()> {
    match std::fs::remove_file(manifest_path(root, output)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A fixed-size byte array that postcard writes as a byte string (a
/// length and a copy): serde's own arrays go through its visitor one byte
/// at a time, which showed when reading 19,000 records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Raw<const N: usize>([u8; N]);

impl<const N: usize> Serialize for Raw<N> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de, const N: usize> Deserialize<'de> for Raw<N> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Bytes<const N: usize>;
        impl<const N: usize> serde::de::Visitor<'_> for Bytes<N> {
            type Value = Raw<N>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{N} bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Raw<N>, E> {
                b.try_into()
                    .map(Raw)
                    .map_err(|_| E::invalid_length(b.len(), &self))
            }
        }
        d.deserialize_bytes(Bytes::<N>)
    }
}

/// `#[serde(with)]` for `[u8; N]` fields, as [`Raw`].
mod byte_array {
    use super::Raw;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<const N: usize, S: Serializer>(v: &[u8; N], s: S) -> Result<S::Ok, S::Error> {
        Raw(*v).serialize(s)
    }

    pub fn deserialize<'de, const N: usize, D: Deserializer<'de>>(
        d: D,
    ) -> Result<[u8; N], D::Error> {
        Raw::<N>::deserialize(d).map(|r| r.0)
    }
}

/// `#[serde(with)]` for `Option<[u8; N]>` fields, as [`Raw`].
mod opt_byte_array {
    use super::Raw;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<const N: usize, S: Serializer>(
        v: &Option<[u8; N]>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.map(Raw).serialize(s)
    }

    pub fn deserialize<'de, const N: usize, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<[u8; N]>, D::Error> {
        Option::<Raw<N>>::deserialize(d).map(|r| r.map(|r| r.0))
    }
}

/// `#[serde(with)]` for a pair of fingerprints, as one 64-byte [`Raw`].
mod pair_of_arrays {
    use super::Raw;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Pair = ([u8; 32], [u8; 32]);

    pub fn join(p: &Pair) -> [u8; 64] {
        let mut out = [0; 64];
        out[..32].copy_from_slice(&p.0);
        out[32..].copy_from_slice(&p.1);
        out
    }

    pub fn serialize<S: Serializer>(p: &Pair, s: S) -> Result<S::Ok, S::Error> {
        Raw(join(p)).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Pair, D::Error> {
        let Raw(b) = Raw::<64>::deserialize(d)?;
        let (mut a, mut c) = ([0; 32], [0; 32]);
        a.copy_from_slice(&b[..32]);
        c.copy_from_slice(&b[32..]);
        Ok((a, c))
    }
}

/// A hash of an output file's bytes.
pub type FileHash = [u8; 16];

/// Hashes an output file's bytes. It only tells whether a page's bytes
/// changed since the last build, with no adversary, so a fast 128-bit
/// hash will do: XXH3 is several times faster than blake3 here, and every
/// page of a cold build is hashed.
pub fn file_hash(bytes: &[u8]) -> FileHash {
    xxhash_rust::xxh3::xxh3_128(bytes).to_be_bytes()
}

fn file_hash_from_hex(s: &str) -> Option<FileHash> {
    if s.len() != 32 {
        return None;
    }
    u128::from_str_radix(s, 16).ok().map(u128::to_be_bytes)
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

    fn capture(name: &str, text: &str) -> crate::source::SourceFile {
        crate::source::SourceFile {
            path: PathBuf::from(name),
            name: name.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn the_content_pass_key_changes_with_any_capture_and_only_then() {
        let config = crate::config::Config::default();
        let key = |files: &[(&str, &str)]| {
            let sources: Vec<_> = files.iter().map(|(n, t)| capture(n, t)).collect();
            ingest_key(&sources, &config)
        };
        let base = key(&[("a.txt", "Talks resumed."), ("b.txt", "Ports reopen.")]);
        assert_eq!(
            base,
            key(&[("a.txt", "Talks resumed."), ("b.txt", "Ports reopen.")])
        );
        for other in [
            // Text moved between a name and its text, or between captures.
            key(&[("a.txtT", "alks resumed."), ("b.txt", "Ports reopen.")]),
            key(&[("a.txt", "Talks resumed.P"), ("b.txt", "orts reopen.")]),
            // A renamed, reordered, edited, added or removed capture.
            key(&[("c.txt", "Talks resumed."), ("b.txt", "Ports reopen.")]),
            key(&[("b.txt", "Ports reopen."), ("a.txt", "Talks resumed.")]),
            key(&[("a.txt", "Talks resumed!"), ("b.txt", "Ports reopen.")]),
            key(&[("a.txt", "Talks resumed.")]),
            key(&[
                ("a.txt", "Talks resumed."),
                ("b.txt", "Ports reopen."),
                ("c.txt", ""),
            ]),
        ] {
            assert_ne!(base, other);
        }
    }

    fn sample() -> Manifest {
        let mut m = Manifest::new(Path::new("/site"), Path::new("/site/public"));
        m.files.insert(
            "2022/01/21/a/index.html".into(),
            Record {
                key: Some([7; 32]),
                hash: [9; 16],
                len: 1234,
                mtime: 1_700_000_000_123_456_789,
            },
        );
        m.files.insert(
            "odd\tname%.css".into(),
            Record {
                key: None,
                hash: [1; 16],
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
        let old = text.replacen("gazette-build-manifest 2 ", "gazette-build-manifest 0 ", 1);
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
    fn binary_manifests_read_back_and_refuse_damage() {
        let m = sample();
        let bytes = m.to_bytes();
        assert_eq!(Manifest::from_bytes(&bytes), Ok(m.clone()));
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(
            Manifest::from_bytes(&flipped).unwrap_err(),
            "it is damaged or truncated"
        );
        assert_eq!(
            Manifest::from_bytes(&bytes[..bytes.len() - 3]).unwrap_err(),
            "it is damaged or truncated"
        );
        // The text form is still read, and another version is named.
        assert_eq!(Manifest::from_bytes(m.to_text().as_bytes()), Ok(m));
        let mut other = b"gazette-build-manifest 9 binary\n".to_vec();
        other.extend_from_slice(&[0xff, 0xfe]);
        assert!(
            Manifest::from_bytes(&other)
                .unwrap_err()
                .starts_with("it was written by another version")
        );
        assert_eq!(
            Manifest::from_bytes(&[0xff, 0]).unwrap_err(),
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

    /// A manifest recording `rels`, each written into `out` with its own
    /// name as its bytes.
    fn recorded(root: &Path, out: &Path, rels: &[&str]) -> Manifest {
        let mut m = Manifest::new(root, out);
        for rel in rels {
            let path = out.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, rel).unwrap();
            let meta = std::fs::metadata(&path).unwrap();
            m.files.insert(
                rel.to_string(),
                Record {
                    key: None,
                    hash: file_hash(rel.as_bytes()),
                    len: meta.len(),
                    mtime: mtime_of(&meta).unwrap(),
                },
            );
        }
        m
    }

    fn sorted(set: ahash::AHashSet<String>) -> Vec<String> {
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn changed_files_are_those_no_longer_as_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let m = recorded(
            tmp.path(),
            &out,
            &[
                "index.html",
                "atom.xml",
                "2024/index.html",
                "2024/05/02/bridge/index.html",
                "2024/05/02/budget/index.html",
                "2024/05/02/market/index.html",
                "actors/rita-sol/index.html",
                "gone/index.html",
                "gone/deeper/index.html",
            ],
        );
        assert!(m.changed(&out).is_empty(), "nothing changed yet");
        std::fs::write(
            out.join("2024/05/02/budget/index.html"),
            "longer than it was",
        )
        .unwrap();
        std::fs::remove_file(out.join("atom.xml")).unwrap();
        std::fs::remove_dir_all(out.join("gone")).unwrap();
        std::fs::remove_file(out.join("2024/05/02/market/index.html")).unwrap();
        std::fs::create_dir(out.join("2024/05/02/market/index.html")).unwrap();
        let changed = m.changed(&out);
        for (rel, r) in &m.files {
            assert_eq!(
                changed.contains(rel),
                !r.matches_file(&out.join(rel)),
                "{rel}"
            );
        }
        assert_eq!(
            sorted(changed),
            [
                "2024/05/02/budget/index.html",
                "2024/05/02/market/index.html",
                "atom.xml",
                "gone/deeper/index.html",
                "gone/index.html"
            ]
        );
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
pub const INGEST_FILE: &str = "ingest";

/// The JSON file older versions saved the content pass in; removed when a
/// result is saved.
const OLD_INGEST_FILE: &str = "ingest.json";

/// Starts the saved content pass; bump the number on any change to the
/// encoding. Then comes the key in hex and a newline, the postcard
/// encoding of the entries and warnings, and a checksum of that encoding
/// last, so the tens of megabytes of a large archive's pass are streamed to
/// the file instead of encoded in memory first. (Escaping it as JSON was
/// 2% of a cold build of 10,000 captures; postcard is a twentieth of that.)
const INGEST_MAGIC: &[u8] = b"gazette-ingest 1\n";

/// The content pass's result over one exact set of captures, saved so that
/// a build whose captures did not change skips the pass. The pass merges
/// across files, so the whole set is the unit: any changed capture (or
/// corrections, time zone, or gazette binary) means a fresh pass.
#[derive(Debug)]
pub struct IngestCache {
    /// The entries the pass made.
    pub entries: Vec<crate::entry::Entry>,
    /// The warnings it gave, replayed on every build that reuses it.
    pub diagnostics: crate::diag::Diagnostics,
}

/// The key of a content pass over `sources` with `config`.
pub fn ingest_key(sources: &[crate::source::SourceFile], config: &crate::config::Config) -> String {
    use rayon::prelude::*;
    let mut h = blake3::Hasher::new();
    h.update(format!("gazette {} ingest 2\n", env!("CARGO_PKG_VERSION")).as_bytes());
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
    // Each capture is digested on its own, on every core (the captures are
    // tens of megabytes, read before the pass can start); the key is made
    // of the digests in order. As with output checksums, this guards
    // against change, not an adversary.
    let digests: Vec<[u8; 16]> = sources
        .par_iter()
        .map(|s| {
            let mut d = xxhash_rust::xxh3::Xxh3::new();
            d.update(&(s.name.len() as u64).to_le_bytes());
            d.update(s.name.as_bytes());
            d.update(&(s.text.len() as u64).to_le_bytes());
            d.update(s.text.as_bytes());
            d.digest128().to_le_bytes()
        })
        .collect();
    for d in &digests {
        h.update(d);
    }
    h.finalize().to_hex().to_string()
}

impl IngestCache {
    /// The saved result for `key`, if there is one, it was saved for `key`
    /// and it is whole.
    pub fn load(root: &Path, key: &str) -> Option<IngestCache> {
        let bytes = std::fs::read(root.join(CACHE_DIR).join(INGEST_FILE)).ok()?;
        let rest = bytes
            .strip_prefix(INGEST_MAGIC)?
            .strip_prefix(key.as_bytes())?
            .strip_prefix(b"\n")?;
        let (payload, sum) = rest.split_at_checked(rest.len().checked_sub(16)?)?;
        if file_hash(payload) != sum {
            return None;
        }
        let (entries, diagnostics) = postcard::from_bytes(payload).ok()?;
        Some(IngestCache {
            entries,
            diagnostics,
        })
    }

    /// Saves a result atomically (a temporary file, then a rename).
    pub fn save<E: std::borrow::Borrow<crate::entry::Entry>>(
        root: &Path,
        key: &str,
        entries: &[E],
        diagnostics: &crate::diag::Diagnostics,
    ) -> io::Result<()> {
        /// Entries owned or shared, written as the list [`IngestCache::load`] reads.
        struct Entries<'a, E>(&'a [E]);
        impl<E: std::borrow::Borrow<crate::entry::Entry>> Serialize for Entries<'_, E> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|e| e.borrow()))
            }
        }
        /// Hashes what passes through it into the file, for the checksum.
        struct Summing<W> {
            inner: W,
            sum: xxhash_rust::xxh3::Xxh3,
        }
        impl<W: Write> Write for Summing<W> {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                let n = self.inner.write(buf)?;
                self.sum.update(&buf[..n]);
                Ok(n)
            }
            fn flush(&mut self) -> io::Result<()> {
                self.inner.flush()
            }
        }
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{INGEST_FILE}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(INGEST_MAGIC)?;
            file.write_all(key.as_bytes())?;
            file.write_all(b"\n")?;
            // postcard writes a byte or a string at a time: buffered above
            // the checksum, which then reads whole blocks.
            let summing = Summing {
                inner: file,
                sum: xxhash_rust::xxh3::Xxh3::new(),
            };
            let mut out = postcard::to_io(
                &(Entries(entries), diagnostics),
                io::BufWriter::with_capacity(1 << 16, summing),
            )
            .map_err(io::Error::other)?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
            let sum = out.sum.digest128().to_be_bytes();
            out.inner.write_all(&sum)?;
            drop(out);
            std::fs::rename(&tmp, dir.join(INGEST_FILE))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        } else {
            let _ = std::fs::remove_file(dir.join(OLD_INGEST_FILE));
        }
        result
    }
}

/// The parsed-entry cache: files `entries-NN` and `prints-NN` (one of each
/// per shard of source names) inside [`CACHE_DIR`].
///
/// Each shard holds, for every Markdown file whose name falls in it, the
/// file's [`Stamp`] and the [`crate::entry::Entry`] parsed from it, without
/// its body (with the warnings reading it gave). A build reuses an entry
/// whose file still has the same stamp, without reading the file; the body
/// is read from the file only for the pages that show it, so a build that
/// renders a few pages reads a few bodies. Sharding keeps a one-file
/// edit from rewriting every entry's body; only shards whose files changed
/// are written.
pub const ENTRIES_FILE: &str = "entries";

/// The fingerprints ([`crate::site::Fingerprints`]) of the last build's
/// Markdown entries, with the page path and source stamp they were
/// computed for, in shards like the entries (`prints-NN`): an edit
/// rewrites one shard's fingerprints, not every entry's. (A lone `prints`
/// file is an older version's, and is removed.)
pub const PRINTS_FILE: &str = "prints";

/// How many shard files the parsed-entry cache spreads over.
const ENTRY_SHARDS: usize = 32;

/// Starts every parsed-entry cache file; bump the number on any change to
/// the layout of [`StoredFile`] or [`StoredEntry`], or of their encoding
/// (2: postcard; 3: without bodies, with base paths, XXH3 checksums; 4:
/// hashes as byte strings).
const ENTRIES_MAGIC: &[u8] =
    concat!("gazette-entries 5 ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

/// What identifies a file's contents without reading it: length,
/// modification and change times (nanoseconds) and inode. A rename, a
/// copy over it or an edit changes at least one of them, except an edit of
/// the same length within the time granularity, which is why files modified
/// within a second of being read are read again by the next build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: i128,
    /// Inode change time (0 where the platform has none).
    pub ctime: i128,
    /// Inode number (0 where the platform has none).
    pub ino: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let (ctime, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime, ino) = (0, 0);
        Some(Stamp {
            len: meta.len(),
            mtime: mtime_of(meta)?,
            ctime,
            ino,
        })
    }
}

/// An [`crate::entry::EntryDate`] exactly: its `Display` form drops
/// fractions of a second and seconds of an offset, which a cache must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum StoredDate {
    Day(i16, i8, i8),
    At([i32; 7], i32),
}

impl StoredDate {
    fn of(d: &crate::entry::EntryDate) -> StoredDate {
        use crate::entry::EntryDate;
        match d {
            EntryDate::Day(d) => StoredDate::Day(d.year(), d.month(), d.day()),
            EntryDate::At(dt, off) => StoredDate::At(
                [
                    i32::from(dt.year()),
                    i32::from(dt.month()),
                    i32::from(dt.day()),
                    i32::from(dt.hour()),
                    i32::from(dt.minute()),
                    i32::from(dt.second()),
                    dt.subsec_nanosecond(),
                ],
                off.seconds(),
            ),
        }
    }

    fn to_date(self) -> Option<crate::entry::EntryDate> {
        use crate::entry::EntryDate;
        use jiff::civil;
        Some(match self {
            StoredDate::Day(y, m, d) => EntryDate::Day(civil::Date::new(y, m, d).ok()?),
            StoredDate::At([y, mo, d, h, mi, s, ns], off) => {
                let small = |v: i32| i8::try_from(v).ok();
                let dt = civil::DateTime::new(
                    i16::try_from(y).ok()?,
                    small(mo)?,
                    small(d)?,
                    small(h)?,
                    small(mi)?,
                    small(s)?,
                    ns,
                )
                .ok()?;
                EntryDate::At(dt, jiff::tz::Offset::from_seconds(off).ok()?)
            }
        })
    }
}

/// An entry as the cache writes it (borrowed, so writing copies nothing).
/// Field for field the same encoding as [`StoredEntry`], which reads it.
#[derive(Serialize)]
struct StoredEntryRef<'a> {
    title: &'a str,
    date: Option<StoredDate>,
    updated: Option<StoredDate>,
    kind: crate::entry::Kind,
    story: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    summary: Option<&'a str>,
    slug: Option<&'a str>,
    draft: bool,
    authors: &'a [String],
    actors: &'a [String],
    places: &'a [String],
    tags: &'a [String],
    captions: &'a [String],
    captured_from: &'a [String],
    body: &'a str,
    source: &'a str,
    origin: crate::entry::Origin,
}

/// An entry as the cache reads it back.
#[derive(Deserialize)]
struct StoredEntry {
    title: String,
    date: Option<StoredDate>,
    updated: Option<StoredDate>,
    kind: crate::entry::Kind,
    story: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    slug: Option<String>,
    draft: bool,
    authors: Vec<String>,
    actors: Vec<String>,
    places: Vec<String>,
    tags: Vec<String>,
    captions: Vec<String>,
    captured_from: Vec<String>,
    body: String,
    source: String,
    origin: crate::entry::Origin,
}

impl<'a> StoredEntryRef<'a> {
    fn of(e: &'a crate::entry::Entry) -> Self {
        // Destructured in full: a new Entry field fails to compile here
        // until the cache stores it.
        let crate::entry::Entry {
            title,
            date,
            updated,
            kind,
            story,
            outlet,
            url,
            summary,
            slug,
            draft,
            authors,
            actors,
            places,
            tags,
            captions,
            captured_from,
            body,
            source,
            origin,
        } = e;
        StoredEntryRef {
            title,
            date: date.as_ref().map(StoredDate::of),
            updated: updated.as_ref().map(StoredDate::of),
            kind: *kind,
            story: story.as_deref(),
            outlet: outlet.as_deref(),
            url: url.as_deref(),
            summary: summary.as_deref(),
            slug: slug.as_deref(),
            draft: *draft,
            authors,
            actors,
            places,
            tags,
            captions,
            captured_from,
            body,
            source,
            origin: *origin,
        }
    }
}

impl StoredEntry {
    fn into_entry(self) -> Option<crate::entry::Entry> {
        let date = |d: Option<StoredDate>| match d {
            Some(d) => d.to_date().map(Some),
            None => Some(None),
        };
        Some(crate::entry::Entry {
            title: self.title,
            date: date(self.date)?,
            updated: date(self.updated)?,
            kind: self.kind,
            story: self.story,
            outlet: self.outlet,
            url: self.url,
            summary: self.summary,
            slug: self.slug,
            draft: self.draft,
            authors: self.authors,
            actors: self.actors,
            places: self.places,
            tags: self.tags,
            captions: self.captions,
            captured_from: self.captured_from,
            body: self.body,
            source: self.source,
            origin: self.origin,
        })
    }
}

/// One source file in a shard, as written.
#[derive(Serialize)]
struct StoredFileRef<'a> {
    name: &'a str,
    stamp: Stamp,
    racy: bool,
    warnings: &'a [Diagnostic],
    entry: StoredEntryRef<'a>,
    base: &'a str,
}

impl StoredFile {
    /// The entry, if stored for a file with `stamp` that was not racy.
    fn reused_at(self, stamp: Stamp) -> Option<Reused> {
        if self.racy || self.stamp != stamp {
            return None;
        }
        Some(Reused {
            entry: self.entry.into_entry()?,
            warnings: self.warnings,
            base: self.base,
        })
    }
}

/// One source file in a shard, as read back.
#[derive(Deserialize)]
struct StoredFile {
    name: String,
    stamp: Stamp,
    /// The file was modified within a second of being read: an edit of the
    /// same length right after could keep its stamp (git's racy-clean
    /// case), so the next build reads it again rather than trust it.
    racy: bool,
    warnings: Vec<Diagnostic>,
    entry: StoredEntry,
    /// [`crate::paths::base_path`] of the entry: slugs transliterate every
    /// title, which a build of unchanged entries need not do again.
    base: String,
}

/// What a build reuses from the parsed-entry cache for one unchanged file.
#[derive(Debug)]
pub struct Reused {
    /// The entry parsed from it, with an empty body: the cache does not
    /// keep bodies, a build reads the file again for the pages that show
    /// it (see [`crate::build`]).
    pub entry: crate::entry::Entry,
    /// The warnings reading it gave (replayed).
    pub warnings: Vec<Diagnostic>,
    /// Its page path before collisions ([`crate::paths::base_path`]).
    pub base: String,
}

/// One Markdown file read (or reused) by this build, for
/// [`EntryCache::encode_changed`].
pub struct Parsed<'a> {
    /// Its name ([`crate::source::display_name`]).
    pub name: &'a str,
    /// Its stamp when this build looked at it.
    pub stamp: Stamp,
    /// The entry.
    pub entry: &'a crate::entry::Entry,
    /// The warnings reading it gave.
    pub warnings: &'a [Diagnostic],
    /// Whether it came from this cache ([`EntryCache::reuse`]) rather than
    /// from reading its file.
    pub reused: bool,
    /// Its page path before collisions ([`crate::paths::base_path`]).
    pub base: &'a str,
}

/// The fingerprints stored for one Markdown source: its stamp, its page
/// path, and the pair computed for that entry on that path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPrint {
    /// The source's stamp when the entry was read.
    pub stamp: Stamp,
    /// The page path the fingerprints were computed on.
    pub path: String,
    /// [`crate::site::Fingerprints`].
    #[serde(with = "pair_of_arrays")]
    pub prints: ([u8; 32], [u8; 32]),
}

/// The fingerprints of one Markdown entry of this build, for
/// [`EntryCache::save_prints`] (a [`StoredPrint`], borrowed).
#[derive(Debug, Clone, Copy)]
pub struct PrintOf<'a> {
    /// The source's name.
    pub name: &'a str,
    /// The source's stamp when the entry was read.
    pub stamp: Stamp,
    /// The page path the fingerprints were computed on.
    pub path: &'a str,
    /// [`crate::site::Fingerprints`].
    pub prints: ([u8; 32], [u8; 32]),
}

/// A [`StoredPrint`] as written: stamp, path, fingerprints.
type StoredPrintRef<'a> = (Stamp, &'a str, Raw<64>);

/// The parsed-entry cache of one site, loaded.
#[derive(Debug, Default)]
pub struct EntryCache {
    key: [u8; 32],
    /// Entries stored by the last build, by source name.
    /// (One map per shard, each built and searched on its own core.)
    files: Vec<AHashMap<String, StoredFile>>,
    /// Per shard: how many files it held, to tell whether it must be
    /// written again (see [`EntryCache::encode_changed`]).
    held: Vec<usize>,
    /// Fingerprints stored by the last build, by source name.
    pub prints: AHashMap<String, StoredPrint>,
    /// Per shard: how many fingerprints it held (`None`: no usable file).
    prints_held: Vec<Option<usize>>,
}

impl std::fmt::Debug for StoredFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredFile")
            .field("name", &self.name)
            .field("stamp", &self.stamp)
            .finish_non_exhaustive()
    }
}

/// The key of the parsed-entry cache: what parsing depends on besides a
/// file's bytes (the site's time zone, and the gazette binary).
pub fn entries_key(config: &crate::config::Config) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(ENTRIES_MAGIC);
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        h.update(format!("{} {:?}\n", meta.len(), mtime_of(&meta)).as_bytes());
    }
    h.update(config.timezone.as_bytes());
    *h.finalize().as_bytes()
}

/// The shard a source name falls in (FNV-1a: stable across runs, unlike
/// the randomly seeded hashers).
fn shard_of(name: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % ENTRY_SHARDS as u64) as usize
}

fn shard_path(root: &Path, shard: usize) -> PathBuf {
    root.join(CACHE_DIR)
        .join(format!("{ENTRIES_FILE}-{shard:02}"))
}

fn prints_path(root: &Path, shard: usize) -> PathBuf {
    root.join(CACHE_DIR)
        .join(format!("{PRINTS_FILE}-{shard:02}"))
}

/// Frames a payload: magic, cache key, checksum of the payload, payload.
/// The checksum only catches damage, with no adversary: XXH3 ([`file_hash`])
/// reads the megabytes of a build's cache several times faster than blake3.
fn frame(key: &[u8; 32], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ENTRIES_MAGIC.len() + 48 + payload.len());
    out.extend_from_slice(ENTRIES_MAGIC);
    out.extend_from_slice(key);
    out.extend_from_slice(&file_hash(payload));
    out.extend_from_slice(payload);
    out
}

/// Why a framed file is not used.
enum Unframed {
    /// Another version or another key: simply not this build's cache.
    Foreign,
    /// Damaged: worth a warning.
    Corrupt,
}

/// The payload of a framed file written with `key`.
fn unframe<'b>(key: &[u8; 32], bytes: &'b [u8]) -> Result<&'b [u8], Unframed> {
    let rest =
        bytes
            .strip_prefix(ENTRIES_MAGIC)
            .ok_or(if bytes.starts_with(b"gazette-entries ") {
                Unframed::Foreign
            } else {
                Unframed::Corrupt
            })?;
    if rest.len() < 48 {
        return Err(Unframed::Corrupt);
    }
    let (k, rest) = rest.split_at(32);
    let (sum, payload) = rest.split_at(16);
    if k != key {
        return Err(Unframed::Foreign);
    }
    if file_hash(payload) != sum {
        return Err(Unframed::Corrupt);
    }
    Ok(payload)
}

/// Reads and decodes one shard written with `key` (a missing file is an
/// empty, foreign one).
fn read_shard(path: &Path, key: &[u8; 32]) -> Result<Vec<StoredFile>, Unframed> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unframed::Foreign),
        Err(_) => return Err(Unframed::Corrupt),
    };
    let payload = unframe(key, &bytes)?;
    // postcard reads lengths from the payload but never allocates past
    // what the payload holds, so a damaged length fails instead of asking
    // for memory.
    postcard::from_bytes(payload).map_err(|_| Unframed::Corrupt)
}

/// Writes `bytes` to `path` atomically (a temporary file, then a rename).
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!("{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl EntryCache {
    /// Loads the parsed-entry cache of the site at `root` for `config`.
    /// Missing, other-version or other-key files are skipped silently; a
    /// damaged one is skipped with a warning (its files are parsed again
    /// and it is rewritten).
    pub fn load(root: &Path, config: &crate::config::Config) -> (EntryCache, Vec<Diagnostic>) {
        let key = entries_key(config);
        type Shard = (
            AHashMap<String, StoredFile>,
            usize,
            Option<Diagnostic>,
            Option<Vec<(String, StoredPrint)>>,
        );
        let shards: Vec<Shard> = (0..ENTRY_SHARDS)
            .into_par_iter()
            .map(|i| {
                let ignored = || {
                    Diagnostic::warning(
                        "part of the build cache is damaged; it is ignored and will be rebuilt",
                    )
                    .at(format!("{CACHE_DIR}/{ENTRIES_FILE}-{i:02}"))
                };
                let (files, note) = match read_shard(&shard_path(root, i), &key) {
                    Ok(files) if files.iter().all(|f| shard_of(&f.name) == i) => (files, None),
                    Ok(_) | Err(Unframed::Corrupt) => (Vec::new(), Some(ignored())),
                    Err(Unframed::Foreign) => (Vec::new(), None),
                };
                // Fingerprints are only ever recomputed: an unusable file
                // is simply replaced.
                let prints = std::fs::read(prints_path(root, i))
                    .ok()
                    .and_then(|bytes| {
                        let payload = unframe(&key, &bytes).ok()?;
                        postcard::from_bytes::<Vec<(String, StoredPrint)>>(payload).ok()
                    })
                    .filter(|list| list.iter().all(|(n, _)| shard_of(n) == i));
                let held = files.len();
                let files = files
                    .into_iter()
                    .map(|mut f| (std::mem::take(&mut f.name), f))
                    .collect();
                (files, held, note, prints)
            })
            .collect();
        let mut cache = EntryCache {
            key,
            ..EntryCache::default()
        };
        let mut notes = Vec::new();
        let stored: usize = shards.iter().map(|s| s.1).sum();
        cache.prints.reserve(stored);
        for (files, held, note, prints) in shards {
            notes.extend(note);
            cache.held.push(held);
            cache.files.push(files);
            cache.prints_held.push(prints.as_ref().map(Vec::len));
            cache.prints.extend(prints.into_iter().flatten());
        }
        (cache, notes)
    }

    /// The entry stored for `name` if its file still has `stamp` (and was
    /// not racy when stored); it is taken out of the cache.
    pub fn reuse(&mut self, name: &str, stamp: Stamp) -> Option<Reused> {
        // Taken out either way: a file is looked up once per build, and
        // one that cannot be reused is parsed again and stored anew.
        let f = self.files.get_mut(shard_of(name))?.remove(name)?;
        f.reused_at(stamp)
    }

    /// [`EntryCache::reuse`] for each of `files` (names with their stamps,
    /// if known), in order: each shard's files are looked up on their own
    /// core.
    pub fn reuse_all(&mut self, files: &[(String, Option<Stamp>)]) -> Vec<Option<Reused>> {
        let mut wanted: Vec<Vec<(usize, &str, Stamp)>> = vec![Vec::new(); self.files.len()];
        for (i, (name, stamp)) in files.iter().enumerate() {
            if let (Some(list), Some(stamp)) = (wanted.get_mut(shard_of(name)), stamp) {
                list.push((i, name, *stamp));
            }
        }
        let shards = std::mem::take(&mut self.files);
        // Each shard's map, given back, and what was found in it.
        type Done = (AHashMap<String, StoredFile>, Vec<(usize, Option<Reused>)>);
        let done: Vec<Done> = shards
            .into_par_iter()
            .zip(wanted)
            .map(|(mut shard, list)| {
                let found = list
                    .into_iter()
                    .map(|(i, name, stamp)| {
                        (i, shard.remove(name).and_then(|f| f.reused_at(stamp)))
                    })
                    .collect();
                (shard, found)
            })
            .collect();
        let mut out: Vec<Option<Reused>> = Vec::with_capacity(files.len());
        out.resize_with(files.len(), || None);
        for (shard, found) in done {
            self.files.push(shard);
            for (i, r) in found {
                if let Some(slot) = out.get_mut(i) {
                    *slot = r;
                }
            }
        }
        out
    }

    /// The fingerprints of `name`'s entry on `path`, if stored for this
    /// exact stamp and path.
    pub fn prints_for(&self, name: &str, stamp: Stamp, path: &str) -> Option<([u8; 32], [u8; 32])> {
        let p = self.prints.get(name)?;
        (p.stamp == stamp && p.path == path).then_some(p.prints)
    }

    /// Encodes the shards whose contents differ from what was loaded, for
    /// [`write_shards`]: `files` is every Markdown file this build read or
    /// reused successfully; `read_at` is when this build began looking at
    /// the files (nanoseconds since the epoch), to flag racy ones.
    pub fn encode_changed(&self, files: &[Parsed<'_>], read_at: i128) -> Vec<(usize, Vec<u8>)> {
        let racy = |s: &Stamp| s.mtime + 1_000_000_000 > read_at;
        let mut by_shard: Vec<Vec<&Parsed<'_>>> = vec![Vec::new(); ENTRY_SHARDS];
        for f in files {
            by_shard[shard_of(f.name)].push(f);
        }
        by_shard
            .into_par_iter()
            .enumerate()
            .filter_map(|(i, mut fs)| {
                // Reused files were stored in this shard with this stamp,
                // not racy: if every file is reused, still not racy, and
                // there are as many as it held, it holds exactly them.
                let held = self.held.get(i).copied().unwrap_or(0);
                let same = held == fs.len() && fs.iter().all(|f| f.reused && !racy(&f.stamp));
                if same {
                    return None;
                }
                fs.sort_unstable_by(|a, b| a.name.cmp(b.name));
                let stored: Vec<StoredFileRef<'_>> = fs
                    .iter()
                    .map(|f| StoredFileRef {
                        name: f.name,
                        stamp: f.stamp,
                        racy: racy(&f.stamp),
                        warnings: f.warnings,
                        // Bodies are most of an archive's bytes and only
                        // the few pages a build renders need them: they
                        // are read again from their (unchanged) files.
                        entry: StoredEntryRef {
                            body: "",
                            ..StoredEntryRef::of(f.entry)
                        },
                        base: f.base,
                    })
                    .collect();
                let payload = postcard::to_stdvec(&stored).ok()?;
                Some((i, frame(&self.key, &payload)))
            })
            .collect()
    }

    /// Writes the shards of fingerprints of this build's Markdown entries
    /// that differ from the stored ones.
    pub fn save_prints(&self, root: &Path, prints: &[PrintOf<'_>]) -> io::Result<()> {
        let mut by_shard: Vec<Vec<&PrintOf<'_>>> = vec![Vec::new(); ENTRY_SHARDS];
        for p in prints {
            by_shard[shard_of(p.name)].push(p);
        }
        let changed: Vec<(usize, Vec<u8>)> = by_shard
            .into_par_iter()
            .enumerate()
            .filter_map(|(i, mut list)| {
                let same = match self.prints_held.get(i).copied().flatten() {
                    Some(n) => {
                        n == list.len()
                            && list.iter().all(|p| {
                                self.prints.get(p.name).is_some_and(|s| {
                                    s.stamp == p.stamp && s.path == p.path && s.prints == p.prints
                                })
                            })
                    }
                    None => list.is_empty(),
                };
                if same {
                    return None;
                }
                list.sort_unstable_by(|a, b| a.name.cmp(b.name));
                // The encoding of `(String, StoredPrint)`, which loading reads.
                let list: Vec<(&str, StoredPrintRef<'_>)> = list
                    .iter()
                    .map(|p| {
                        (
                            p.name,
                            (p.stamp, p.path, Raw(pair_of_arrays::join(&p.prints))),
                        )
                    })
                    .collect();
                let payload = postcard::to_stdvec(&list).ok()?;
                Some((i, frame(&self.key, &payload)))
            })
            .collect();
        if changed.is_empty() {
            return Ok(());
        }
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        match std::fs::remove_file(dir.join(PRINTS_FILE)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        changed
            .iter()
            .try_for_each(|(i, bytes)| write_atomic(&prints_path(root, *i), bytes))
    }
}

/// Writes shards encoded by [`EntryCache::encode_changed`], one after the
/// other: this runs on its own thread while a rayon worker may wait for
/// it, so it must not wait for rayon in turn.
pub fn write_shards(root: &Path, shards: &[(usize, Vec<u8>)]) -> io::Result<()> {
    if shards.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(root.join(CACHE_DIR))?;
    shards
        .iter()
        .try_for_each(|(i, bytes)| write_atomic(&shard_path(root, *i), bytes))
}

/// Now, in nanoseconds since the Unix epoch.
pub fn now_nanos() -> i128 {
    match std::time::SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

#[cfg(test)]
mod entry_cache_tests {
    use super::*;
    use crate::entry::{Entry, EntryDate, Origin};

    fn round_trip(e: &Entry) -> Entry {
        let bytes = postcard::to_stdvec(&StoredEntryRef::of(e)).unwrap();
        postcard::from_bytes::<StoredEntry>(&bytes)
            .unwrap()
            .into_entry()
            .unwrap()
    }

    #[test]
    fn entries_read_back_exactly_with_fractions_and_odd_offsets() {
        // New York's local mean time before 1883 is -04:56:02, an offset
        // with seconds; RFC 3339 text would lose them and the fraction.
        let ny = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let e = Entry {
            date: Some(EntryDate::parse("1850-03-01T10:00:00", &ny).unwrap()),
            updated: Some(EntryDate::parse("2024-05-04T06:00:00.250+05:45", &ny).unwrap()),
            summary: Some("A summary".into()),
            actors: vec!["Rita Sol".into()],
            body: "Body *text*.\n".into(),
            ..Entry::new("Title", "content/a.md", Origin::Markdown)
        };
        if let Some(EntryDate::At(_, off)) = e.date {
            assert_ne!(
                off.seconds() % 60,
                0,
                "the test needs an offset with seconds"
            );
        }
        assert_eq!(round_trip(&e), e);
        let day = Entry {
            date: Some(EntryDate::parse("2024-05-01", &ny).unwrap()),
            ..Entry::new("Day", "content/b.md", Origin::Markdown)
        };
        assert_eq!(round_trip(&day), day);
    }

    #[test]
    fn framed_files_refuse_other_keys_and_damage() {
        let payload = b"payload".to_vec();
        let framed = frame(&[1; 32], &payload);
        assert_eq!(unframe(&[1; 32], &framed).ok(), Some(&payload[..]));
        assert!(matches!(unframe(&[2; 32], &framed), Err(Unframed::Foreign)));
        let mut damaged = framed.clone();
        *damaged.last_mut().unwrap() ^= 1;
        assert!(matches!(
            unframe(&[1; 32], &damaged),
            Err(Unframed::Corrupt)
        ));
        assert!(matches!(unframe(&[1; 32], b"junk"), Err(Unframed::Corrupt)));
    }

    #[test]
    fn saved_fingerprints_load_back_and_unchanged_shards_are_not_written() {
        let tmp = tempfile::tempdir().unwrap();
        let config = crate::config::Config::default();
        let stamp = Stamp {
            len: 10,
            mtime: 5,
            ctime: 6,
            ino: 7,
        };
        let prints = [
            PrintOf {
                name: "content/a.md",
                stamp,
                path: "2024/01/02/a",
                prints: ([1; 32], [2; 32]),
            },
            PrintOf {
                name: "content/b.md",
                stamp,
                path: "2024/01/03/b",
                prints: ([3; 32], [4; 32]),
            },
        ];
        let (empty, _) = EntryCache::load(tmp.path(), &config);
        empty.save_prints(tmp.path(), &prints).unwrap();
        let (cache, notes) = EntryCache::load(tmp.path(), &config);
        assert!(notes.is_empty());
        assert_eq!(cache.prints.len(), 2);
        assert_eq!(
            cache.prints_for("content/b.md", stamp, "2024/01/03/b"),
            Some(([3; 32], [4; 32]))
        );
        assert_eq!(cache.prints_for("content/b.md", stamp, "elsewhere"), None);
        // Saving the same again writes nothing: its shards are removed
        // and must stay so.
        for i in 0..ENTRY_SHARDS {
            let _ = std::fs::remove_file(prints_path(tmp.path(), i));
        }
        cache.save_prints(tmp.path(), &prints).unwrap();
        let written = (0..ENTRY_SHARDS)
            .filter(|&i| prints_path(tmp.path(), i).exists())
            .count();
        assert_eq!(written, 0);
    }

    #[test]
    fn shards_are_stable_across_runs() {
        assert_eq!(shard_of("content/a.md"), shard_of("content/a.md"));
        let spread: std::collections::HashSet<usize> = (0..200)
            .map(|i| shard_of(&format!("content/{i}.md")))
            .collect();
        assert_eq!(spread.len(), ENTRY_SHARDS, "names spread over every shard");
    }

    fn saved_pass() -> (Vec<Entry>, crate::diag::Diagnostics) {
        let ny = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let entries = vec![
            Entry {
                date: Some(EntryDate::parse("2024-03-01T10:00:00", &ny).unwrap()),
                authors: vec!["Ana Dorsey".into()],
                body: "Line one \"quoted\"\n\nline two: é, ✓\n".into(),
                ..Entry::new("A capture", "content/a.txt", Origin::Capture)
            },
            Entry::new("Undated", "content/b.txt", Origin::Capture),
        ];
        let mut diags = crate::diag::Diagnostics::new();
        diags.push(crate::diag::Diagnostic::warning("no date found").at("content/b.txt"));
        (entries, diags)
    }

    #[test]
    fn the_saved_content_pass_reads_back_only_whole_and_for_its_key() {
        let tmp = tempfile::tempdir().unwrap();
        let (entries, diags) = saved_pass();
        let old_json = tmp.path().join(CACHE_DIR).join(OLD_INGEST_FILE);
        std::fs::create_dir_all(old_json.parent().unwrap()).unwrap();
        std::fs::write(&old_json, "{}").unwrap();
        IngestCache::save(tmp.path(), "k1", &entries, &diags).unwrap();
        assert!(!old_json.exists(), "an older version's JSON is removed");

        let back = IngestCache::load(tmp.path(), "k1").expect("saved for k1");
        assert_eq!(back.entries, entries);
        assert_eq!(back.diagnostics, diags);
        assert!(IngestCache::load(tmp.path(), "k2").is_none(), "another key");

        let file = tmp.path().join(CACHE_DIR).join(INGEST_FILE);
        let bytes = std::fs::read(&file).unwrap();
        let mut flipped = bytes.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 1;
        std::fs::write(&file, &flipped).unwrap();
        assert!(IngestCache::load(tmp.path(), "k1").is_none(), "damaged");
        std::fs::write(&file, &bytes[..bytes.len() - 1]).unwrap();
        assert!(IngestCache::load(tmp.path(), "k1").is_none(), "truncated");
        std::fs::write(&file, &bytes[..INGEST_MAGIC.len() + 1]).unwrap();
        assert!(
            IngestCache::load(tmp.path(), "k1").is_none(),
            "cut in the key"
        );
    }
}
