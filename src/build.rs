//! The whole pipeline: read, ingest, index, render, write.
//!
//! ```text
//! config -> content/ (read in parallel) -> entries -> paths -> Site
//!        -> plan (PageSpec per file) -> render in parallel -> staging -> output
//! ```
//!
//! Each step is a public function so `check`, `serve` and tests can run the
//! parts they need.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use ahash::AHashSet;

use crate::cache::{Manifest, Parsed, PrintOf, Record, Stamp};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, Origin};
use crate::render::{PageSpec, Renderer};
use crate::site::{Fingerprints, Site};
use crate::source::{SourceFile, display_name};
use crate::theme::Theme;
use crate::write::{Removal, Staging};

/// The folder of entries under the site root.
pub const CONTENT_DIR: &str = "content";

/// What `gazette build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub root: PathBuf,
    /// Where to write; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
    /// Ignore the build cache in `.gazette/cache/` (it is rebuilt from
    /// this build's output): every page is rendered and compared.
    pub no_cache: bool,
}

impl BuildOptions {
    /// The output folder: `--output`, else `public/` under the root.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Pages rendered.
    pub pages: usize,
    /// Files whose bytes changed in the output.
    pub written: usize,
    /// Warnings to show.
    pub warnings: Diagnostics,
    /// Wall time.
    pub elapsed: Duration,
    /// Pages rendered (the others were unchanged according to the cache).
    pub rendered: usize,
    /// Wall time of each phase, in order, for `GAZETTE_TIMINGS=1`.
    pub timings: Vec<(&'static str, Duration)>,
    /// Markdown entries taken from the parsed-entry cache: their files were
    /// unchanged and were not read.
    pub reused: usize,
}

/// Reads `site.toml` and applies a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, Diagnostics> {
    let mut config = Config::load(root).map_err(Diagnostics)?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
    }
    Ok(config)
}

/// Reads every entry under `content/`: `.md` files one by one (in
/// parallel), `.txt` captures all together through the content pass.
/// Other files are skipped with a warning. Returns entries and every
/// diagnostic (errors included: the caller decides).
pub fn read_content(root: &Path, config: &Config) -> (Vec<Entry>, Diagnostics) {
    // No cache: every entry is read whole, so each one holds its body.
    let ContentRead { entries, diags, .. } = read_content_inner(root, config, false, false);
    // Not shared with anything: unwrapped, not copied.
    let entries = entries
        .into_iter()
        .map(|e| Arc::try_unwrap(e).unwrap_or_else(|e| (*e).clone()))
        .collect();
    (entries, diags)
}

/// What a cached read of `content/` leaves for indexing: which Markdown
/// entries came unchanged from the cache (so their stored fingerprints
/// hold), and the cache's shards being written in the background.
struct CacheState {
    root: PathBuf,
    cache: crate::cache::EntryCache,
    /// One per Markdown entry read or reused, in order: those entries come
    /// first among the entries read (and keep their order through draft
    /// filtering and path assignment, which drops only captures), so this
    /// is found by index instead of by hashing 10,000 names several times.
    files: Vec<MarkdownFile>,
    /// How many entries were reused from the cache.
    reused: usize,
    writer: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    /// The content pass's result being saved, if the pass ran.
    ingest_save: Background,
}

/// A cache file being written on its own thread, so the build goes on
/// meanwhile. It is waited for when dropped: the process never exits half
/// way through a write (which would leave a temporary file behind). As
/// before it ran in the background, a cache that cannot be written costs
/// only the next build's time.
#[derive(Debug, Default)]
struct Background(Option<std::thread::JoinHandle<std::io::Result<()>>>);

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

/// What a cached read knows of one Markdown entry's file.
#[derive(Debug, Default)]
struct MarkdownFile {
    /// Its stamp, if it could be read.
    stamp: Option<Stamp>,
    /// Whether the entry was reused from the cache.
    reused: bool,
    /// Its base path ([`crate::paths::base_path`]).
    base: Option<String>,
}

impl CacheState {
    /// Waits for the shards to be written; a warning if they could not be.
    fn finish_shards(mut self) -> Option<Diagnostic> {
        self.join_writer()
    }

    fn join_writer(&mut self) -> Option<Diagnostic> {
        let result = self.writer.take()?.join();
        match result {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(cache_warning(&e)),
            Err(_) => Some(cache_warning(&std::io::Error::other(
                "the cache writer stopped",
            ))),
        }
    }

    /// The fingerprints the cache knows for `entries_with_paths` (only for
    /// entries reused unchanged, on the path they were computed on), found
    /// on both cores.
    fn known(&self, entries_with_paths: &[(Arc<Entry>, String)]) -> Vec<Option<Fingerprints>> {
        entries_with_paths
            .par_iter()
            .enumerate()
            .map(|(i, (e, path))| {
                let f = self.files.get(i)?;
                if e.origin != Origin::Markdown || !f.reused {
                    return None;
                }
                self.cache.prints_for(&e.source, f.stamp?, path)
            })
            .collect()
    }

    /// Saves the fingerprints of `site`'s Markdown entries and waits for the
    /// shards; warnings for what could not be written.
    fn finish(mut self, site: &Site) -> Vec<Diagnostic> {
        let mut notes: Vec<Diagnostic> = self.join_writer().into_iter().collect();
        let mut prints = Vec::with_capacity(self.files.len());
        for (i, (e, f)) in site.entries.iter().zip(&self.files).enumerate() {
            if e.origin != Origin::Markdown {
                continue;
            }
            if let (Some(stamp), Some(path), Some(full), Some(meta)) = (
                f.stamp.as_ref(),
                site.paths.get(i),
                site.fingerprints.get(i),
                site.meta_fingerprints.get(i),
            ) {
                prints.push(PrintOf {
                    name: &e.source,
                    stamp: *stamp,
                    path,
                    prints: (*full, *meta),
                });
            }
        }
        if let Err(e) = self.cache.save_prints(&self.root, &prints) {
            notes.push(cache_warning(&e));
        }
        notes
    }
}

/// A build cache that cannot be written costs only the next build's time.
fn cache_warning(e: &std::io::Error) -> Diagnostic {
    Diagnostic::warning("cannot update the build cache; the next build does the full work")
        .at(crate::cache::CACHE_DIR)
        .cause_chain(e)
}

/// Reads one Markdown file: its entry (if it is valid) and diagnostics.
fn read_markdown(path: &Path, root: &Path, config: &Config) -> (Option<Entry>, Vec<Diagnostic>) {
    match SourceFile::read(path, root) {
        Ok((file, warning)) => {
            let mut ds: Vec<Diagnostic> = warning.into_iter().collect();
            match crate::load::load_markdown(&file, config) {
                Ok(e) => (Some(e), ds),
                Err(errs) => {
                    ds.extend(errs);
                    (None, ds)
                }
            }
        }
        Err(d) => (None, vec![d]),
    }
}

/// One item of a walk of `content/`.
enum Walked {
    /// A regular file (symbolic links are not followed), with its name
    /// as [`display_name`] gives it and, when asked for, its stamp.
    File(PathBuf, String, Option<Stamp>),
    /// A folder or item that could not be read.
    Error(PathBuf, std::io::Error),
}

/// The regular files under `dir`, depth first with each folder's names in
/// byte order (the order walkdir's `sort_by_file_name` gives), skipping
/// names that start with a dot. Sibling folders are read in parallel:
/// an archive is a tree of year and month folders of many files each.
/// `name` is the folder's [`display_name`]: a path spelled under the root
/// is named by its components joined with `/`, so names are made here
/// instead of taking each path apart again. With `stamps`, each file's
/// [`Stamp`] is read from the open folder (a lookup of one name rather
/// than of the whole path from the working folder).
fn walk_content(dir: &Path, name: &str, stamps: bool) -> Vec<Walked> {
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => return vec![Walked::Error(dir.to_path_buf(), e)],
    };
    let folder = stamps.then(|| FolderStamps::open(dir)).flatten();
    let mut items: Vec<(std::ffi::OsString, std::io::Result<std::fs::FileType>)> = Vec::new();
    let mut out = Vec::new();
    for item in listing {
        match item {
            Ok(item) => {
                let name = item.file_name();
                if name.as_encoded_bytes().first() != Some(&b'.') {
                    items.push((name, item.file_type()));
                }
            }
            Err(e) => out.push(Walked::Error(dir.to_path_buf(), e)),
        }
    }
    items.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let parent = name;
    let one = |(name, kind): (std::ffi::OsString, std::io::Result<std::fs::FileType>),
               out: &mut Vec<Walked>| {
        let shown = name.to_string_lossy();
        let mut named = String::with_capacity(parent.len() + 1 + shown.len());
        named.push_str(parent);
        named.push('/');
        named.push_str(&shown);
        if shown.contains('\\') {
            named = named.replace('\\', "/");
        }
        let path = dir.join(&name);
        match kind {
            Ok(k) if k.is_dir() => out.extend(walk_content(&path, &named, stamps)),
            Ok(k) if k.is_file() => {
                let stamp = folder.as_ref().and_then(|f| f.stamp(&name));
                out.push(Walked::File(path, named, stamp));
            }
            Ok(_) => {}
            Err(e) => out.push(Walked::Error(path, e)),
        }
    };
    let folders = items
        .iter()
        .filter(|(_, k)| k.as_ref().is_ok_and(std::fs::FileType::is_dir))
        .count();
    if folders < 2 {
        for item in items {
            one(item, &mut out);
        }
        return out;
    }
    let found: Vec<Vec<Walked>> = items
        .into_par_iter()
        .with_max_len(1)
        .map(|item| {
            let mut found = Vec::new();
            one(item, &mut found);
            found
        })
        .collect();
    out.extend(found.into_iter().flatten());
    out
}

/// An open folder whose files' stamps are read by name.
struct FolderStamps {
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
}

impl FolderStamps {
    #[cfg(unix)]
    fn open(dir: &Path) -> Option<FolderStamps> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(dir, flags, Mode::empty()).ok()?;
        Some(FolderStamps { fd })
    }

    #[cfg(not(unix))]
    fn open(_dir: &Path) -> Option<FolderStamps> {
        None
    }

    /// The stamp of the file `name` in the folder, following symbolic
    /// links as `std::fs::metadata` does ([`Stamp::of`] gives the same).
    #[cfg(unix)]
    // The `stat` fields' types vary by target (`c_ulong` is 32 bits on some).
    #[allow(clippy::useless_conversion)]
    fn stamp(&self, name: &std::ffi::OsStr) -> Option<Stamp> {
        let st = rustix::fs::statat(&self.fd, name, rustix::fs::AtFlags::empty()).ok()?;
        let nanos = |s: i128, ns: i128| s * 1_000_000_000 + ns;
        Some(Stamp {
            len: u64::try_from(st.st_size).ok()?,
            mtime: nanos(i128::from(st.st_mtime), i128::from(st.st_mtime_nsec)),
            ctime: nanos(i128::from(st.st_ctime), i128::from(st.st_ctime_nsec)),
            ino: u64::from(st.st_ino),
        })
    }

    #[cfg(not(unix))]
    fn stamp(&self, _name: &std::ffi::OsStr) -> Option<Stamp> {
        None
    }
}

/// What reading `content/` gives.
struct ContentRead {
    entries: Vec<Arc<Entry>>,
    diags: Diagnostics,
    state: Option<CacheState>,
    /// One per Markdown entry (those come first among the entries, in
    /// order): `Some` where its body is not held (let go, or not stored by
    /// the cache).
    pending: Vec<Option<Pending>>,
}

/// One Markdown file read: its entry, diagnostics, and with a lazy read
/// the digest of the body let go.
type MarkdownRead = (Option<Arc<Entry>>, Vec<Diagnostic>, Option<[u8; 32]>);

/// With `lazy`, the bodies of Markdown entries read are let go once their
/// digests are taken.
fn read_content_inner(root: &Path, config: &Config, use_cache: bool, lazy: bool) -> ContentRead {
    let mut diags = Diagnostics::new();
    let content = root.join(CONTENT_DIR);
    // Markdown files with their names and (for the cache) stamps.
    let mut markdown: Vec<(PathBuf, String, Option<Stamp>)> = Vec::new();
    let mut captures: Vec<PathBuf> = Vec::new();
    // The cache loads while the folder is walked.
    let mut walk = || {
        let mut diags = Diagnostics::new();
        if content.is_dir() {
            let name = display_name(&content, root);
            for item in walk_content(&content, &name, use_cache) {
                match item {
                    Walked::File(path, name, stamp) => {
                        match path.extension().and_then(|e| e.to_str()) {
                            Some("md") => markdown.push((path, name, stamp)),
                            Some("txt") => captures.push(path),
                            _ => diags.push(
                                Diagnostic::warning(
                                    "skipped: not an entry (.md) or a raw capture (.txt)",
                                )
                                .at(name),
                            ),
                        }
                    }
                    Walked::Error(path, e) => diags.push(
                        Diagnostic::error("cannot read")
                            .at(display_name(&path, root))
                            .cause_chain(&e),
                    ),
                }
            }
        }
        diags
    };
    let read_at = crate::cache::now_nanos();
    let (walked, loaded) = if use_cache {
        let (w, l) = rayon::join(walk, || crate::cache::EntryCache::load(root, config));
        (w, Some(l))
    } else {
        (walk(), None)
    };
    diags.extend(walked);

    let mut state = None;
    let mut entries = Vec::with_capacity(markdown.len() + captures.len());
    let mut pending = Vec::with_capacity(markdown.len());
    // Reads one Markdown file; with `lazy`, lets its body go and keeps its
    // digest.
    let read = |path: &Path| -> MarkdownRead {
        let (e, ds) = read_markdown(path, root, config);
        match e {
            Some(mut e) if lazy => {
                let digest = crate::site::body_digest(&e.body);
                drop(std::mem::take(&mut e.body));
                (Some(Arc::new(e)), ds, Some(digest))
            }
            e => (e.map(Arc::new), ds, None),
        }
    };
    if let Some((mut cache, notes)) = loaded {
        diags.0.extend(notes);
        // Stamps the walk could not read are read from the paths.
        let walked: Vec<(PathBuf, (String, Option<Stamp>))> = markdown
            .into_par_iter()
            .map(|(path, name, stamp)| {
                let stamp =
                    stamp.or_else(|| std::fs::metadata(&path).ok().and_then(|m| Stamp::of(&m)));
                (path, (name, stamp))
            })
            .collect();
        let (markdown, named): (Vec<PathBuf>, Vec<(String, Option<Stamp>)>) =
            walked.into_iter().unzip();
        // An entry is known by its source's name (its bodies are found by
        // it): one stored under another name is not reused.
        let reused: Vec<Option<crate::cache::Reused>> = cache
            .reuse_all(&named)
            .into_iter()
            .zip(&named)
            .map(|(r, (name, _))| r.filter(|r| r.entry.source == *name))
            .collect();
        // Each entry with its base path (stored, or made here on both
        // cores: the cache stores it and page paths start from it), and
        // whether it was reused.
        // Entries are shared from here on (the site index holds them so):
        // every later step moves a pointer, not a 500-byte entry.
        type Loaded = (
            Option<Arc<Entry>>,
            Vec<Diagnostic>,
            Option<String>,
            bool,
            Option<[u8; 32]>,
        );
        // Files the cache does not hold are read.
        let to_read: Vec<&Path> = markdown
            .iter()
            .zip(&reused)
            .filter(|(_, r)| r.is_none())
            .map(|(p, _)| p.as_path())
            .collect();
        let loaded: Vec<Loaded> = crate::source::with_read_ahead(&to_read, || {
            markdown
                .par_iter()
                .zip(reused)
                .map(|(path, r)| match r {
                    Some(r) => (
                        Some(Arc::new(r.entry)),
                        r.warnings,
                        Some(r.base),
                        true,
                        None,
                    ),
                    None => {
                        let (e, ds, digest) = read(path);
                        let base = e.as_deref().map(crate::paths::base_path);
                        (e, ds, base, false, digest)
                    }
                })
                .collect()
        });
        let parsed: Vec<Parsed<'_>> = loaded
            .iter()
            .zip(&named)
            .filter_map(|((e, ds, base, was_reused, _), (name, stamp))| {
                Some(Parsed {
                    name,
                    stamp: (*stamp)?,
                    entry: e.as_deref()?,
                    warnings: ds,
                    reused: *was_reused,
                    base: base.as_deref()?,
                })
            })
            .collect();
        let shards = cache.encode_changed(&parsed, read_at);
        drop(parsed);
        let writer = (!shards.is_empty()).then(|| {
            let root = root.to_path_buf();
            std::thread::spawn(move || crate::cache::write_shards(&root, &shards))
        });
        let mut files = Vec::with_capacity(named.len());
        let mut reused = 0;
        for (((e, ds, base, was_reused, digest), (_, stamp)), path) in
            loaded.into_iter().zip(named).zip(markdown)
        {
            if let Some(e) = e {
                // Without a stamp nothing of it is kept for the next build.
                let file = match stamp {
                    Some(stamp) => {
                        reused += usize::from(was_reused);
                        MarkdownFile {
                            stamp: Some(stamp),
                            reused: was_reused,
                            base,
                        }
                    }
                    None => MarkdownFile::default(),
                };
                files.push(file);
                entries.push(e);
                // The cache stores no bodies: a reused entry's is pending.
                pending.push((was_reused || digest.is_some()).then_some(Pending { path, digest }));
            }
            diags.0.extend(ds);
        }
        state = Some(CacheState {
            root: root.to_path_buf(),
            cache,
            files,
            reused,
            writer,
            ingest_save: Background::default(),
        });
    } else {
        let to_read: Vec<&Path> = markdown.iter().map(|(p, _, _)| p.as_path()).collect();
        let loaded: Vec<MarkdownRead> = crate::source::with_read_ahead(&to_read, || {
            markdown.par_iter().map(|(path, _, _)| read(path)).collect()
        });
        for ((e, ds, digest), (path, _, _)) in loaded.into_iter().zip(markdown) {
            if let Some(e) = e {
                entries.push(e);
                pending.push(digest.map(|digest| Pending {
                    path,
                    digest: Some(digest),
                }));
            }
            diags.0.extend(ds);
        }
    }

    if !captures.is_empty() {
        let to_read: Vec<&Path> = captures.iter().map(PathBuf::as_path).collect();
        let files: Vec<Result<(SourceFile, Option<Diagnostic>), Diagnostic>> =
            crate::source::with_read_ahead(&to_read, || {
                captures
                    .par_iter()
                    .map(|p| SourceFile::read(p, root))
                    .collect()
            });
        let mut sources = Vec::with_capacity(files.len());
        for f in files {
            match f {
                Ok((s, w)) => {
                    sources.push(s);
                    diags.0.extend(w);
                }
                Err(d) => diags.push(d),
            }
        }
        let (more, ds, save) = ingest_cached(root, sources, config, use_cache);
        entries.extend(more);
        diags.extend(ds);
        if let Some(s) = &mut state {
            s.ingest_save = save;
        }
    }
    ContentRead {
        entries,
        diags,
        state,
        pending,
    }
}

/// Runs the content pass, or reuses its saved result for these exact
/// captures. With `use_cache`, a fresh result is saved in the background
/// (tens of megabytes of JSON for 10,000 captures: the index is built
/// meanwhile).
fn ingest_cached(
    root: &Path,
    sources: Vec<SourceFile>,
    config: &Config,
    use_cache: bool,
) -> (Vec<Arc<Entry>>, Diagnostics, Background) {
    let shared = |entries: Vec<Entry>| entries.into_iter().map(Arc::new).collect::<Vec<_>>();
    if !use_cache {
        let (entries, diags) = crate::ingest::ingest_owned(sources, config);
        return (shared(entries), diags, Background::default());
    }
    let key = crate::cache::ingest_key(&sources, config);
    if let Some(saved) = crate::cache::IngestCache::load(root, &key) {
        return (
            shared(saved.entries),
            saved.diagnostics,
            Background::default(),
        );
    }
    let (entries, diags) = crate::ingest::ingest_owned(sources, config);
    let entries = shared(entries);
    let save = {
        let (root, entries, diags) = (root.to_path_buf(), entries.clone(), diags.clone());
        std::thread::spawn(move || crate::cache::IngestCache::save(&root, &key, &entries, &diags))
    };
    (entries, diags, Background(Some(save)))
}

/// Everything a build renders from: the indexed site and its theme.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The site index.
    pub site: Site,
    /// The theme.
    pub theme: Theme,
    /// Warnings so far.
    pub warnings: Diagnostics,
    /// Markdown entries taken from the parsed-entry cache.
    pub reused: usize,
}

/// Loads config, content and theme and indexes the site. Fails with every
/// error found.
pub fn prepare(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Prepared, Diagnostics> {
    prepare_timed(root, base_url, drafts, false, &mut Vec::new())
}

/// [`prepare`], adding the wall time of its phases to `timings`; with
/// `use_cache`, the content pass is skipped when no capture changed.
pub fn prepare_timed(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    use_cache: bool,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<Prepared, Diagnostics> {
    let (mut prepared, mut bodies, _saving) =
        prepare_lazy(root, base_url, drafts, use_cache, false, timings)?;
    let all: Vec<usize> = (0..prepared.site.entries.len()).collect();
    bodies.load(&mut prepared.site, &all)?;
    Ok(prepared)
}

/// The bodies of Markdown entries the site does not hold: those taken from
/// the parsed-entry cache (which keeps no bodies), and on a build every
/// body read, let go once digested. Each is read again from its file when
/// a page that shows it is rendered (or its fingerprint is not known), so
/// a build never holds every body at once, and one that renders a few
/// pages reads a few bodies.
#[derive(Debug, Default)]
struct Bodies {
    root: PathBuf,
    config: Config,
    /// By index into the site's entries: `Some` where the body is not
    /// held.
    pending: Vec<Option<Pending>>,
}

/// Where to read a body the site does not hold.
#[derive(Debug)]
struct Pending {
    path: PathBuf,
    /// The body's [`crate::site::body_digest`] when this build read it:
    /// read again, it must be the same. `None` for an entry reused from
    /// the cache, whose unchanged stamp vouches for its file; its body is
    /// read with the whole entry.
    digest: Option<[u8; 32]>,
}

impl crate::render::BodySource for Bodies {
    fn pending(&self, i: usize) -> bool {
        self.pending.get(i).is_some_and(Option::is_some)
    }

    fn read(&self, i: usize) -> Result<String, Diagnostic> {
        let Some(Some(p)) = self.pending.get(i) else {
            return Err(Diagnostic::error(format!(
                "no body to read for entry {i}: this is a bug in gazette"
            )));
        };
        match &p.digest {
            Some(digest) => read_body(&p.path, &self.root, digest),
            None => match read_markdown(&p.path, &self.root, &self.config) {
                (Some(e), _) => Ok(e.body),
                (None, ds) => Err(ds.into_iter().next().unwrap_or_else(|| {
                    Diagnostic::error("cannot read").at(display_name(&p.path, &self.root))
                })),
            },
        }
    }
}

/// Reads again the body of the Markdown file at `path`, read earlier in
/// this build with the body digest `digest`. Only the front matter's end
/// is looked for: the front matter was validated then, and the file must
/// hold the same body now, or the pages would not match the index.
fn read_body(path: &Path, root: &Path, digest: &[u8; 32]) -> Result<String, Diagnostic> {
    let (file, _) = SourceFile::read(path, root)?;
    let body = crate::load::split(&file.text).map_or("", |parts| parts.body);
    if crate::site::body_digest(body) != *digest {
        return Err(Diagnostic::error(
            "changed while the site was being built; build again to include the change",
        )
        .at(file.name));
    }
    Ok(body.to_string())
}

impl Bodies {
    /// The digest of entry `i`'s body, if this build read it and let it go.
    fn digest(&self, i: usize) -> Option<[u8; 32]> {
        self.pending.get(i)?.as_ref()?.digest
    }

    /// The files of the entries among `want` (indices into `entries`)
    /// whose bodies are not loaded; they count as loaded from now on.
    fn take<E: std::borrow::Borrow<Entry>>(
        &mut self,
        entries: &[E],
        want: &[usize],
    ) -> Vec<(usize, PathBuf)> {
        if self.pending.is_empty() {
            return Vec::new();
        }
        want.iter()
            .filter_map(|&i| {
                let e: &Entry = entries.get(i)?.borrow();
                if e.origin != Origin::Markdown {
                    return None;
                }
                Some((i, self.pending.get_mut(i)?.take()?.path))
            })
            .collect()
    }

    /// Reads the bodies of `files` (in parallel). A file that can no longer
    /// be read or parsed fails the build, as it would have when read first.
    fn read_all(&self, files: Vec<(usize, PathBuf)>) -> Result<Vec<(usize, String)>, Diagnostics> {
        let read: Vec<Result<(usize, String), Vec<Diagnostic>>> = files
            .into_par_iter()
            .map(
                |(i, path)| match read_markdown(&path, &self.root, &self.config) {
                    (Some(e), _) => Ok((i, e.body)),
                    (None, ds) => Err(ds),
                },
            )
            .collect();
        let mut bodies = Vec::with_capacity(read.len());
        let mut errors = Diagnostics::new();
        for r in read {
            match r {
                Ok(b) => bodies.push(b),
                Err(ds) => errors.0.extend(ds),
            }
        }
        if errors.has_errors() {
            errors.sort();
            return Err(errors);
        }
        Ok(bodies)
    }

    /// Loads the bodies of the entries `want` of `site` not loaded yet.
    fn load(&mut self, site: &mut Site, want: &[usize]) -> Result<(), Diagnostics> {
        let files = self.take(&site.entries, want);
        if files.is_empty() {
            return Ok(());
        }
        for (i, body) in self.read_all(files)? {
            if let Some(e) = site.entries.get_mut(i) {
                std::sync::Arc::make_mut(e).body = body;
            }
        }
        Ok(())
    }
}

/// [`prepare_timed`], leaving the bodies of entries reused from the
/// parsed-entry cache unloaded, except where their fingerprints must be
/// computed, and with `lazy` every Markdown body too (each let go once
/// digested): the caller loads those its pages show with [`Bodies::load`],
/// or hands the [`Bodies`] to the renderer.
fn prepare_lazy(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    use_cache: bool,
    lazy: bool,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<(Prepared, Bodies, Background), Diagnostics> {
    let t = Instant::now();
    let config = load_config(root, base_url)?;
    // The theme (templates, syntax definitions) does not depend on the
    // content: load it while the entries are read.
    let (
        ContentRead {
            entries,
            mut diags,
            state,
            pending,
        },
        (theme, theme_time),
    ) = rayon::join(
        || read_content_inner(root, &config, use_cache, lazy),
        || {
            let t = Instant::now();
            (Theme::load(root, &config), t.elapsed())
        },
    );
    timings.push(("read content", t.elapsed()));
    timings.push(("theme (loaded beside it)", theme_time));
    let t = Instant::now();
    let theme = match theme {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if diags.has_errors() {
        if let Some(d) = state.and_then(CacheState::finish_shards) {
            diags.push(d);
        }
        diags.sort();
        return Err(diags);
    }
    let mut state = state;
    // Drafts are dropped with what the cache knows of them and their
    // pending bodies, so all stay in step (Markdown entries come first).
    let (entries, pending) = if drafts {
        (entries, pending)
    } else {
        let keep: Vec<bool> = entries.iter().map(|e| !e.draft).collect();
        if let Some(s) = &mut state {
            s.files = kept(std::mem::take(&mut s.files), &keep);
        }
        (kept(entries, &keep), kept(pending, &keep))
    };
    let bases: Vec<Option<String>> = match &mut state {
        Some(s) => s.files.iter_mut().map(|f| f.base.take()).collect(),
        None => Vec::new(),
    };
    let (mut with_paths, path_diags) = crate::paths::assign_with_bases(entries, bases);
    diags.extend(path_diags);
    let reused = state.as_ref().map_or(0, |s| s.reused);
    let known = match &state {
        Some(s) => s.known(&with_paths),
        None => Vec::new(),
    };
    let mut bodies = Bodies {
        root: root.to_path_buf(),
        config: config.clone(),
        pending,
    };
    // An entry fingerprinted again needs its body, unless its digest was
    // taken when it was read.
    let unknown: Vec<usize> = (0..with_paths.len())
        .filter(|&i| known.get(i).is_none_or(Option::is_none) && bodies.digest(i).is_none())
        .collect();
    let files = {
        let entries: Vec<&Entry> = with_paths.iter().map(|(e, _)| &**e).collect();
        bodies.take(&entries, &unknown)
    };
    if !files.is_empty() {
        match bodies.read_all(files) {
            Ok(read) => {
                for (i, body) in read {
                    // Not shared yet: set in place, not copied.
                    Arc::make_mut(&mut with_paths[i].0).body = body;
                }
            }
            Err(d) => {
                diags.extend(d);
                if let Some(d) = state.and_then(CacheState::finish_shards) {
                    diags.push(d);
                }
                diags.sort();
                return Err(diags);
            }
        }
    }
    let digests = (0..bodies.pending.len())
        .map(|i| bodies.digest(i))
        .collect();
    let (site, site_diags) = Site::from_read(config, with_paths, known, digests);
    diags.extend(site_diags);
    let mut ingest_save = Background::default();
    if let Some(mut state) = state {
        ingest_save = std::mem::take(&mut state.ingest_save);
        diags.0.extend(state.finish(&site));
    }
    let theme = theme.ok_or_else(Diagnostics::new)?;
    timings.push(("paths and index", t.elapsed()));
    Ok((
        Prepared {
            site,
            theme,
            warnings: diags,
            reused,
        },
        bodies,
        ingest_save,
    ))
}

/// The items of `items` whose flag in `keep` is set (items past the end of
/// `keep` are kept).
fn kept<T>(items: Vec<T>, keep: &[bool]) -> Vec<T> {
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.get(*i).copied().unwrap_or(true))
        .map(|(_, item)| item)
        .collect()
}

/// Renders every spec, handing each page's bytes to `sink` as soon as it is
/// rendered (pages are never all held at once). Template errors are
/// reported once per template location, not once per page.
pub fn render_all(
    renderer: &Renderer<'_>,
    specs: &[PageSpec],
    sink: impl Fn(&PageSpec, Vec<u8>) -> Result<(), Diagnostic> + Sync,
) -> Result<(), Diagnostics> {
    let errors: Vec<Diagnostic> = heavy_first(specs)
        .into_par_iter()
        .filter_map(|spec| {
            renderer
                .render_page(spec)
                .and_then(|bytes| sink(spec, bytes))
                .err()
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut seen = HashSet::new();
    let mut diags = Diagnostics::new();
    for d in errors {
        if seen.insert((d.path.clone(), d.line, d.col, d.causes.clone())) {
            diags.push(d);
        }
    }
    diags.sort();
    Err(diags)
}

/// The specs in rendering order: the pages whose size grows with the whole
/// site (the sitemap, the lists of all terms and of all stories) first,
/// then the rest as planned. A page is rendered on one thread, so a
/// sitemap of 28,000 URLs planned last was the build's last 0.2 s, on one
/// core; started first, the other core renders small pages meanwhile.
fn heavy_first(specs: &[PageSpec]) -> Vec<&PageSpec> {
    use crate::render::PageKind;
    let size = |spec: &PageSpec| match &spec.kind {
        PageKind::Sitemap(pages) => pages.len().max(1),
        PageKind::Terms(_) | PageKind::Stories => 1,
        _ => 0,
    };
    let mut order: Vec<&PageSpec> = specs.iter().collect();
    // Stable: pages of equal size keep their planned order.
    order.sort_by_key(|&spec| std::cmp::Reverse(size(spec)));
    order
}

/// One file this build produced (its output-relative path) with the record
/// the manifest will keep of it, made as the file is staged so no metadata
/// is held per file until the end: a 100,000-entry site produces 166,000.
struct Written {
    rel: String,
    /// `None` when the file's modification time cannot be read: the next
    /// build then writes it again.
    record: Option<Record>,
    /// The last build's record still held, so nothing was written.
    kept: bool,
}

/// Builds the site. On error, nothing in the output folder changes.
///
/// With the build cache (see [`crate::cache`]), pages whose key and output
/// file are unchanged are not rendered, rendered pages whose bytes hash as
/// recorded are not written, and stale files are found from the manifest;
/// without it, every page is rendered and compared with the output.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let mut timings: Vec<(&'static str, Duration)> = Vec::new();
    let mut lap = {
        let mut last = Instant::now();
        move |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
            timings.push((name, last.elapsed()));
            last = Instant::now();
        }
    };
    let output = opts.output_dir();
    // The code stylesheet is made from syntect's theme dump, which takes
    // milliseconds to load: on its own thread while the content is read.
    let syntax_css = std::thread::spawn(crate::markdown::highlight_css);
    // The manifest loads while the content is read, and the output files
    // it records are checked against it then too (they do not depend on
    // the content): `changed` holds those no longer as the last build wrote
    // them (usually none).
    let (prepared, (old, note, changed)) = rayon::join(
        || {
            prepare_lazy(
                &opts.root,
                opts.base_url.as_deref(),
                opts.drafts,
                !opts.no_cache,
                true,
                &mut timings,
            )
        },
        || {
            if opts.no_cache {
                return (None, None, AHashSet::new());
            }
            let (old, note) = Manifest::load(&opts.root, &output);
            let changed = old
                .as_ref()
                .map_or_else(AHashSet::new, |m| m.changed(&output));
            (old, note, changed)
        },
    );
    // The content pass's result may still be being saved: waited for when
    // the build returns.
    let (prepared, bodies, _saving) = prepared?;
    lap("", &mut timings);
    timings.pop();
    let specs = crate::render::plan(&prepared.site, &prepared.theme);
    lap("plan", &mut timings);

    let mut warnings = prepared.warnings;
    warnings.0.extend(note);
    let recorded = |rel: &str| old.as_ref().and_then(|m| m.files.get(rel));
    // Pages the last build wrote with the same key, still on disk as written.
    // Each page's record is remembered by address, to tell below whether
    // every recorded file is produced again without a set of every path.
    let address = |r: &Record| std::ptr::from_ref(r).addr();
    let looked: Vec<(bool, Option<usize>)> = specs
        .par_iter()
        .map(|s| match recorded(&s.path) {
            Some(r) => (
                r.key == Some(s.key) && (changed.is_empty() || !changed.contains(&s.path)),
                Some(address(r)),
            ),
            None => (false, None),
        })
        .collect();
    let (fresh, page_records): (Vec<bool>, Vec<Option<usize>>) = looked.into_iter().unzip();
    // A cold build renders every page: the plan itself, not a copy of it
    // (its sitemap alone lists every URL).
    let todo: std::borrow::Cow<'_, [PageSpec]> = if fresh.contains(&true) {
        specs
            .iter()
            .zip(&fresh)
            .filter(|(_, f)| !**f)
            .map(|(s, _)| s.clone())
            .collect()
    } else {
        std::borrow::Cow::Borrowed(&specs)
    };
    lap("check cache", &mut timings);
    // Only the pages rendered need bodies: each is read as its page is.
    let renderer = Renderer::new(&prepared.site, &prepared.theme, &todo)?.with_bodies(&bodies);

    let io_error = |what: &str, e: &std::io::Error| {
        Diagnostics::from(
            Diagnostic::error(what.to_string())
                .at(output.display().to_string())
                .cause_chain(e),
        )
    };
    let staging =
        Staging::new(&output).map_err(|e| io_error("cannot create the staging folder", &e))?;
    let outcomes: Mutex<Vec<Written>> = Mutex::new(Vec::new());
    // Fresh pages need no `staging.keep`: they exist only with a manifest,
    // and then the sync removes exactly the manifest's stale files.
    // Stages one file unless the output already holds its bytes.
    let put = |rel: &str, key: Option<[u8; 32]>, bytes: &[u8]| -> std::io::Result<()> {
        let hash = crate::cache::file_hash(bytes);
        // The staged file's length and modification time survive the sync.
        let fresh = |m: std::fs::Metadata| {
            crate::cache::mtime_of(&m).map(|mtime| Record {
                key,
                hash,
                len: m.len(),
                mtime,
            })
        };
        let (record, kept) = match recorded(rel) {
            Some(r) if r.hash == hash && r.matches_file(&output.join(rel)) => {
                staging.keep(rel);
                (Some(Record { key, ..*r }), true)
            }
            Some(_) => (fresh(staging.write_new_meta(rel, bytes)?), false),
            None => (fresh(staging.write_checked_meta(rel, bytes)?.1), false),
        };
        if let Ok(mut o) = outcomes.lock() {
            o.push(Written {
                rel: rel.to_string(),
                record,
                kept,
            });
        }
        Ok(())
    };
    let rendered = render_all(&renderer, &todo, |spec, bytes| {
        put(&spec.path, Some(spec.key), &bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write {}", spec.path)).cause_chain(&e))
    });
    if let Err(d) = rendered {
        staging.abandon();
        return Err(d);
    }
    lap("render and stage", &mut timings);
    let syntax_css = syntax_css
        .join()
        .unwrap_or_else(|_| crate::markdown::highlight_css());
    if let Err(e) = each_static_with(&prepared.theme, &syntax_css, &mut |rel, bytes| {
        put(rel, None, bytes)
    }) {
        staging.abandon();
        return Err(io_error("cannot copy static files", &e));
    }
    warnings.extend(static_overrides(&opts.root, &prepared.theme, &specs));
    let outcomes = outcomes.into_inner().unwrap_or_default();
    // Files the last build wrote that this one does not produce.
    let gone: Option<Vec<String>> = old.as_ref().map(|m| {
        // Usually none: the distinct records of the files produced are
        // then every record.
        let mut hits: Vec<usize> = page_records
            .iter()
            .flatten()
            .copied()
            .chain(
                outcomes
                    .iter()
                    .filter_map(|o| recorded(&o.rel))
                    .map(address),
            )
            .collect();
        hits.sort_unstable();
        hits.dedup();
        if hits.len() == m.files.len() {
            return Vec::new();
        }
        let produced: AHashSet<&str> = specs
            .iter()
            .map(|s| s.path.as_str())
            .chain(outcomes.iter().map(|o| o.rel.as_str()))
            .collect();
        let mut gone: Vec<String> = m
            .files
            .keys()
            .filter(|p| !produced.contains(p.as_str()))
            .cloned()
            .collect();
        gone.sort_unstable();
        gone
    });
    let removal = match &gone {
        Some(gone) => Removal::Only(gone.clone()),
        None => Removal::Stale,
    };
    // The manifest goes first: a sync that fails half way must not leave a
    // manifest describing files it replaced.
    // A build that changes no output file keeps the manifest in place (it
    // is only replaced below if it differs).
    let untouched = matches!(&removal, Removal::Only(gone) if gone.is_empty())
        && outcomes.iter().all(|o| o.kept);
    if old.is_some()
        && !untouched
        && let Err(e) = crate::cache::forget(&opts.root, &output)
    {
        warnings.push(cache_warning(&e));
    }
    let report = staging
        .commit(removal)
        .map_err(|e| io_error("cannot update the output folder", &e))?;
    lap("sync", &mut timings);

    // The new manifest is the old one (whose fresh pages keep their
    // records) without the files gone, with this build's outcomes: every
    // page is either fresh or among them. Updating it in place instead of
    // copying 19,000 records tells whether it changed at the same time.
    let mut changed = old.is_none();
    let mut manifest = old.unwrap_or_else(|| Manifest::new(&opts.root, &output));
    for path in gone.iter().flatten() {
        changed |= manifest.files.remove(path).is_some();
    }
    // In order: a static file written after a page of the same name wins.
    for Written { rel, record, .. } in outcomes {
        match record {
            Some(r) => {
                if manifest.files.get(&rel) != Some(&r) {
                    manifest.files.insert(rel, r);
                    changed = true;
                }
            }
            None => changed |= manifest.files.remove(&rel).is_some(),
        }
    }
    let unchanged = untouched && !changed;
    if !unchanged && let Err(e) = manifest.save(&opts.root) {
        warnings.push(cache_warning(&e));
    }
    lap("save cache", &mut timings);
    let report = BuildReport {
        pages: specs.len(),
        written: report.written + report.removed,
        warnings,
        elapsed: start.elapsed(),
        rendered: todo.len(),
        timings,
        reused: prepared.reused,
    };
    // Freeing every entry and page spec took a few percent of a no-op
    // build: it happens on another thread while the caller goes on.
    drop(renderer);
    let (site, theme) = (prepared.site, prepared.theme);
    std::thread::spawn(move || drop((site, theme, specs, manifest)));
    Ok(report)
}

/// Warns about static files that replace a generated page (a site's own
/// `static/robots.txt`, say): allowed, but never silent.
pub fn static_overrides(root: &Path, theme: &Theme, specs: &[PageSpec]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if !theme.static_dirs.iter().any(|d| d.is_dir()) {
        return diags;
    }
    let pages: AHashSet<&str> = specs.iter().map(|s| s.path.as_str()).collect();
    for dir in &theme.static_dirs {
        for item in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if let Ok(rel) = item.path().strip_prefix(dir)
                && item.file_type().is_file()
            {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if pages.contains(rel.as_str()) {
                    diags.push(
                        Diagnostic::warning(format!(
                            "this static file replaces the generated page {rel}"
                        ))
                        .at(display_name(item.path(), root)),
                    );
                }
            }
        }
    }
    diags
}

/// Writes the theme's static files: the built-in ones, the code
/// stylesheet, then the named theme's and the site's `static/` folders.
pub fn write_static(staging: &Staging, theme: &Theme) -> std::io::Result<()> {
    each_static(theme, &mut |rel, bytes| staging.write(rel, bytes))
}

/// Hands every static file to `f`, one at a time and in order (later ones
/// replace earlier ones of the same name): the built-in ones, the code
/// stylesheet, then the named theme's and the site's `static/` folders.
/// Dot-files are skipped.
pub fn each_static(
    theme: &Theme,
    f: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    each_static_with(theme, &crate::markdown::highlight_css(), f)
}

/// [`each_static`] with the code stylesheet already made.
fn each_static_with(
    theme: &Theme,
    syntax_css: &str,
    f: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (name, bytes) in crate::theme::DEFAULT_STATIC {
        f(name, bytes)?;
    }
    f("syntax.css", syntax_css.as_bytes())?;
    for dir in &theme.static_dirs {
        if !dir.is_dir() {
            continue;
        }
        let walker = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walker {
            let item = item.map_err(std::io::Error::other)?;
            if !item.file_type().is_file() {
                continue;
            }
            let rel = item
                .path()
                .strip_prefix(dir)
                .map_err(std::io::Error::other)?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            f(&rel, &std::fs::read(item.path())?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_that_grow_with_the_site_are_rendered_first_and_the_rest_in_plan_order() {
        use crate::render::PageKind;
        use crate::site::TaxonomyKind;
        let spec = |path: &str, kind: PageKind| PageSpec {
            path: path.into(),
            template: String::new(),
            kind,
            page: 1,
            key: [0; 32],
        };
        let specs = [
            spec("index.html", PageKind::Index),
            spec("2024/a/index.html", PageKind::Entry(0)),
            spec("actors/index.html", PageKind::Terms(TaxonomyKind::Actors)),
            spec("2024/b/index.html", PageKind::Entry(1)),
            spec("stories/index.html", PageKind::Stories),
            spec("atom.xml", PageKind::Feed),
            spec("sitemap.xml", PageKind::Sitemap(vec!["a/".into(); 3])),
            spec("robots.txt", PageKind::Robots),
        ];
        let order: Vec<&str> = heavy_first(&specs)
            .iter()
            .map(|s| s.path.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "sitemap.xml",
                "actors/index.html",
                "stories/index.html",
                "index.html",
                "2024/a/index.html",
                "2024/b/index.html",
                "atom.xml",
                "robots.txt",
            ]
        );
    }

    #[test]
    fn the_content_walk_gives_walkdirs_sorted_order_and_names() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join(CONTENT_DIR);
        for rel in [
            "b/2.md",
            "a.md",
            ".hidden/x.md",
            ".x.md",
            "b/1.md",
            "c.txt",
            "a/z.md",
            "a/y/deep.md",
            "B.md",
            "b/.draft.md",
        ] {
            let path = content.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let walked: Vec<(PathBuf, String)> = walk_content(&content, "content", true)
            .into_iter()
            .map(|w| match w {
                Walked::File(p, n, stamp) => {
                    let meta = std::fs::metadata(&p).unwrap();
                    assert_eq!(stamp, Stamp::of(&meta), "{}", p.display());
                    (p, n)
                }
                Walked::Error(p, e) => panic!("{}: {e}", p.display()),
            })
            .collect();
        // The order and names the walk had before it was parallel.
        let expected: Vec<(PathBuf, String)> = walkdir::WalkDir::new(&content)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = display_name(e.path(), tmp.path());
                (e.into_path(), name)
            })
            .collect();
        assert_eq!(walked, expected);
        let names: Vec<&str> = walked.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "content/B.md",
                "content/a/y/deep.md",
                "content/a/z.md",
                "content/a.md",
                "content/b/1.md",
                "content/b/2.md",
                "content/c.txt"
            ]
        );
    }

    /// A site of three entries, the first (by file name) a draft, each
    /// body naming its entry.
    fn site_of_three() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("site.toml"),
            "title = \"Desk\"\nbase_url = \"https://example.org/\"\nfeed_limit = 1\n",
        )
        .unwrap();
        let content = tmp.path().join(CONTENT_DIR);
        std::fs::create_dir_all(&content).unwrap();
        for (file, title, day, draft) in [
            ("a.md", "Alpha", 1, true),
            ("b.md", "Bravo", 2, false),
            ("c.md", "Charlie", 3, false),
        ] {
            std::fs::write(
                content.join(file),
                format!(
                    "+++\ntitle = \"{title}\"\ndate = 2024-05-0{day}T10:00:00Z\ndraft = {draft}\n+++\nThe *{title}* body.\n"
                ),
            )
            .unwrap();
        }
        tmp
    }

    #[test]
    fn read_content_gives_every_entry_with_its_body_even_with_a_cache_on_disk() {
        let tmp = site_of_three();
        // A cached build fills `.gazette/cache/`; read_content must not
        // hand back the bodiless entries the cache stores.
        prepare_lazy(tmp.path(), None, false, true, true, &mut Vec::new()).unwrap();
        assert!(tmp.path().join(".gazette/cache").is_dir());
        let config = Config::load(tmp.path()).unwrap();
        let (entries, diags) = read_content(tmp.path(), &config);
        assert!(!diags.has_errors(), "{diags:?}");
        let bodies: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.title.as_str(), e.body.as_str()))
            .collect();
        assert_eq!(
            bodies,
            [
                ("Alpha", "The *Alpha* body.\n"),
                ("Bravo", "The *Bravo* body.\n"),
                ("Charlie", "The *Charlie* body.\n"),
            ]
        );
    }

    #[test]
    fn a_build_lets_every_markdown_body_go_and_reads_each_again_for_its_pages() {
        for use_cache in [false, true] {
            let tmp = site_of_three();
            let (held, _, _) =
                prepare_lazy(tmp.path(), None, false, use_cache, false, &mut Vec::new()).unwrap();
            let (lazy, bodies, _) =
                prepare_lazy(tmp.path(), None, false, use_cache, true, &mut Vec::new()).unwrap();
            let titles: Vec<&str> = lazy.site.entries.iter().map(|e| e.title.as_str()).collect();
            assert_eq!(titles.len(), 2, "the draft is dropped: {titles:?}");
            for (i, e) in lazy.site.entries.iter().enumerate() {
                assert!(e.body.is_empty(), "{} holds its body", e.title);
                assert!(crate::render::BodySource::pending(&bodies, i));
                // Each pending body is its own entry's, past the draft.
                let body = crate::render::BodySource::read(&bodies, i).unwrap();
                assert_eq!(body, format!("The *{}* body.\n", e.title));
                assert_eq!(body, held.site.entries[i].body);
            }
            // A digest stands in for the body: the fingerprints are the
            // same as from the bodies themselves.
            assert_eq!(lazy.site.fingerprints, held.site.fingerprints);
            assert_eq!(lazy.site.meta_fingerprints, held.site.meta_fingerprints);

            // Every page shows the body it would with bodies held: entry
            // pages and the feed (which shares its entry's body).
            let specs = crate::render::plan(&lazy.site, &lazy.theme);
            let with_lazy = Renderer::new(&lazy.site, &lazy.theme, &specs)
                .unwrap()
                .with_bodies(&bodies);
            let with_held = Renderer::new(&held.site, &held.theme, &specs).unwrap();
            let mut shown = 0;
            for spec in &specs {
                let page = with_lazy.render_page(spec).unwrap();
                assert_eq!(page, with_held.render_page(spec).unwrap(), "{}", spec.path);
                let page = String::from_utf8_lossy(&page);
                // Charlie, the newest, is the feed's one entry.
                shown += usize::from(
                    page.contains("<em>Charlie</em>")
                        || page.contains("&lt;em&gt;Charlie&lt;/em&gt;"),
                );
            }
            assert!(shown >= 2, "the body shows on its page and in the feed");
        }
    }

    #[test]
    fn a_body_edited_after_the_build_read_it_fails_its_page_with_the_file_named() {
        let tmp = site_of_three();
        let (prepared, bodies, _) =
            prepare_lazy(tmp.path(), None, false, false, true, &mut Vec::new()).unwrap();
        let i = prepared
            .site
            .entries
            .iter()
            .position(|e| e.title == "Bravo")
            .unwrap();
        std::fs::write(
            tmp.path().join("content/b.md"),
            "+++\ntitle = \"Bravo\"\ndate = 2024-05-01T10:00:00Z\n+++\nAn edited body.\n",
        )
        .unwrap();
        let err = crate::render::BodySource::read(&bodies, i).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("content/b.md"));
        assert!(
            err.message
                .contains("changed while the site was being built"),
            "{err:?}"
        );
        let specs = crate::render::plan(&prepared.site, &prepared.theme);
        let renderer = Renderer::new(&prepared.site, &prepared.theme, &specs)
            .unwrap()
            .with_bodies(&bodies);
        let page = specs
            .iter()
            .find(|s| s.kind == crate::render::PageKind::Entry(i))
            .unwrap();
        assert!(renderer.render_page(page).is_err());
        // A file removed meanwhile fails the same way, naming it.
        std::fs::remove_file(tmp.path().join("content/b.md")).unwrap();
        let err = crate::render::BodySource::read(&bodies, i).unwrap_err();
        assert_eq!(err.path.as_deref(), Some("content/b.md"));
    }
}
