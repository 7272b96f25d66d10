//! Incremental rebuilds for `gazette serve --watch`.
//!
//! [`IncrementalRebuilder`] keeps what a build read in memory: the config,
//! the theme, every Markdown file's entry, every raw capture's text, the
//! static files and the content key of every output file it last wrote. A
//! change re-reads only the files that changed, re-indexes the site, plans
//! it again ([`crate::render::plan`] is cheap: no Markdown, no templates),
//! and renders only the pages whose key changed or that are new. Pages no
//! longer planned are removed. Which pages depend on an entry is thus
//! decided by the plan's keys, the same keys a full build computes, so an
//! incremental rebuild writes exactly what a full build would.
//!
//! The most common save, a Markdown entry whose body alone changed, skips
//! even that: the site's structure is unchanged, so the entry is patched
//! into the index in place and only its page and the feeds that carry its
//! body are rendered (see `body_only`).
//!
//! What a change rebuilds:
//!
//! - `site.toml` or the corrections file: everything is read again;
//! - `themes/` or `templates/`: the theme is reloaded, and the pages whose
//!   key depends on a changed template are rendered again;
//! - `static/` (or a theme's `static/`): only the changed static files are
//!   copied or removed;
//! - a `.md` file under `content/`: that file alone is read again;
//! - a `.txt` capture: the content pass runs again over every capture (they
//!   merge across files), with only the changed captures read from disk.
//!
//! A failed rebuild (bad front matter, bad template) returns its
//! diagnostics and leaves both the in-memory state and the output folder at
//! the last good version.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use ahash::{AHashMap, AHashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{self, BuildOptions, CONTENT_DIR};
use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::Entry;
use crate::render::{PageKind, PageSpec, Renderer};
use crate::serve::{RebuildReport, Rebuilder, SERVE_OUTPUT};
use crate::site::{Fingerprints, Site};
use crate::source::{SourceFile, display_name};
use crate::theme::Theme;
use crate::write::{Removal, Staging};

/// Where a static output file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StaticSource {
    /// A file of the built-in theme (index into `DEFAULT_STATIC`).
    Builtin(usize),
    /// The syntax-highlighting stylesheet.
    SyntaxCss,
    /// A file under one of the theme's static folders.
    File(PathBuf),
}

/// Everything read from the site: the inputs of the last good build.
#[derive(Debug, Clone)]
struct Sources {
    config: Config,
    theme: Theme,
    /// Each Markdown file's entry, in the order `build` reads them; shared
    /// with the site index, so indexing again copies no entry.
    markdown: BTreeMap<PathBuf, Arc<Entry>>,
    /// Each raw capture's text.
    captures: BTreeMap<PathBuf, SourceFile>,
    /// What the content pass made of all captures together.
    capture_entries: Vec<Arc<Entry>>,
    /// Static output files and where they come from (later folders win).
    statics: BTreeMap<String, StaticSource>,
}

/// The state after the last good build.
#[derive(Debug)]
struct State {
    sources: Sources,
    /// The site index built from `sources`. After a body-only edit its
    /// entries (and their fingerprints) are patched in place.
    site: Site,
    /// Output path → content key of every page last written (or kept).
    keys: AHashMap<String, [u8; 32]>,
}

/// The key of a page whose stored key is out of date: never a real hash.
const STALE: [u8; 32] = [0; 32];

/// What a batch of changed paths asks for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Changes {
    /// Read everything again (config, corrections, the root itself).
    full: bool,
    /// Reload the theme (templates or a theme folder changed).
    theme: bool,
    /// Recompute the static files.
    statics: bool,
    /// Changed paths under `content/` (files or folders), absolute.
    content: Vec<PathBuf>,
    /// Every relevant changed path, absolute.
    all: Vec<PathBuf>,
}

/// Where the time of the last (re)build went, for benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RebuildTimings {
    /// Reading changed files (and the content pass, the theme).
    pub read: Duration,
    /// Assigning page paths and indexing the site.
    pub index: Duration,
    /// [`crate::render::plan`] and the key diff.
    pub plan: Duration,
    /// Rendering the changed pages into staging.
    pub render: Duration,
    /// Syncing staging into the output.
    pub sync: Duration,
    /// How many pages were rendered (changed keys).
    pub rendered: usize,
}

/// An incremental [`Rebuilder`]: re-reads only changed files and rewrites
/// only the output files whose content changed.
#[derive(Debug)]
pub struct IncrementalRebuilder {
    options: BuildOptions,
    output: PathBuf,
    state: Option<State>,
    /// Output paths rewritten or removed by the last successful (re)build.
    last_rewritten: Vec<String>,
    timings: RebuildTimings,
}

impl IncrementalRebuilder {
    /// Builds the site at `root` into `<root>/.gazette/serve` for serving
    /// at `base_url` (`http://127.0.0.1:1111/`), like
    /// [`crate::serve::FullRebuilder`].
    pub fn for_serve(root: &Path, base_url: &str) -> Self {
        IncrementalRebuilder::new(BuildOptions {
            root: root.to_path_buf(),
            output: Some(root.join(SERVE_OUTPUT)),
            base_url: Some(base_url.to_string()),
            drafts: false,
            no_cache: false,
        })
    }

    /// Builds as `gazette build` would with these options. The root is
    /// made canonical when it can be, so paths reported by the watcher
    /// (canonical) and relative paths both resolve against it.
    pub fn new(mut options: BuildOptions) -> Self {
        let output = options.output_dir();
        if let Ok(root) = options.root.canonicalize() {
            options.root = root;
        }
        let output = if output.is_absolute() {
            output
        } else {
            std::env::current_dir()
                .map(|d| d.join(&output))
                .unwrap_or(output)
        };
        IncrementalRebuilder {
            options,
            output,
            state: None,
            last_rewritten: Vec::new(),
            timings: RebuildTimings::default(),
        }
    }

    /// The output paths (relative to the output folder, `/`-separated,
    /// sorted) that the last successful build or rebuild wrote or removed:
    /// exactly the files whose bytes changed.
    pub fn last_rewritten(&self) -> &[String] {
        &self.last_rewritten
    }

    /// Where the time of the last successful build or rebuild went.
    pub fn last_timings(&self) -> RebuildTimings {
        self.timings
    }

    fn root(&self) -> &Path {
        &self.options.root
    }

    /// Reads everything and writes the whole site.
    fn full(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let start = Instant::now();
        let mut t = RebuildTimings::default();
        let mut lap = Instant::now();
        let mut split = || {
            let d = lap.elapsed();
            lap = Instant::now();
            d
        };
        let (sources, mut warnings) = self.read_all()?;
        t.read = split();
        let (site, site_warnings) = index(&sources, self.options.drafts, None);
        warnings.extend(site_warnings);
        t.index = split();
        let specs = crate::render::plan(&site, &sources.theme);
        t.plan = split();
        t.rendered = specs.len();
        let renderer = Renderer::new(&site, &sources.theme, &specs)?;
        let staging = Staging::new(&self.output).map_err(|e| self.io_error("create", &e))?;
        // Pages first, then static files over them, as `build` does.
        let rendered = build::render_all(&renderer, &specs, |spec, bytes| {
            staging
                .write(&spec.path, &bytes)
                .map_err(|e| write_error(&spec.path, &e))
        });
        let statics = rendered.and_then(|()| {
            for (rel, src) in &sources.statics {
                let bytes = static_bytes(src).map_err(|e| {
                    Diagnostics::from(
                        Diagnostic::error("cannot read a static file")
                            .at(static_name(src, self.root()))
                            .cause_chain(&e),
                    )
                })?;
                staging
                    .write(rel, &bytes)
                    .map_err(|e| Diagnostics::from(write_error(rel, &e)))?;
            }
            Ok(())
        });
        if let Err(d) = statics {
            staging.abandon();
            return Err(d);
        }
        warnings.extend(build::static_overrides(self.root(), &sources.theme, &specs));
        t.render = split();
        // Staging holds exactly the files whose bytes changed (the writer
        // drops unchanged ones); the sync removes every output file not
        // produced.
        let produced: HashSet<&str> = specs
            .iter()
            .map(|s| s.path.as_str())
            .chain(sources.statics.keys().map(String::as_str))
            .collect();
        let mut rewritten = relative_files(staging.dir());
        rewritten.extend(
            relative_files(&self.output)
                .into_iter()
                .filter(|f| !produced.contains(f.as_str())),
        );
        rewritten.sort();
        rewritten.dedup();
        // Drop the old state first: if the sync fails halfway, the next
        // change starts over.
        self.state = None;
        // The build cache's manifest describes the output as `build` left
        // it; once this rebuilder writes there it no longer does.
        crate::cache::forget(self.root(), &self.output).map_err(|e| self.io_error("update", &e))?;
        let report = staging
            .commit(Removal::Stale)
            .map_err(|e| self.io_error("update", &e))?;
        self.last_rewritten = rewritten;
        t.sync = split();
        self.timings = t;
        drop(renderer);
        let keys = specs.into_iter().map(|s| (s.path, s.key)).collect();
        self.state = Some(State {
            sources,
            site,
            keys,
        });
        Ok(RebuildReport {
            changed: changed.to_vec(),
            pages_rewritten: report.written + report.removed,
            elapsed: start.elapsed(),
            warnings,
        })
    }

    fn io_error(&self, what: &str, e: &std::io::Error) -> Diagnostics {
        Diagnostic::error(format!("cannot {what} the output folder"))
            .at(self.output.display().to_string())
            .cause_chain(e)
            .into()
    }

    /// Reads config, theme, content and static files from scratch.
    fn read_all(&self) -> Result<(Sources, Diagnostics), Diagnostics> {
        let root = self.root();
        let config = build::load_config(root, self.options.base_url.as_deref())?;
        let mut diags = Diagnostics::new();
        let theme = match Theme::load(root, &config) {
            Ok(t) => Some(t),
            Err(d) => {
                diags.extend(d);
                None
            }
        };
        let content = root.join(CONTENT_DIR);
        let files = walk(&content, root, &mut diags);
        let loaded = load_files(&files, root, &config);
        let mut markdown = BTreeMap::new();
        let mut captures = BTreeMap::new();
        for (path, item, ds) in loaded {
            diags.0.extend(ds);
            match item {
                Some(Loaded::Markdown(e)) => {
                    markdown.insert(path, Arc::new(*e));
                }
                Some(Loaded::Capture(s)) => {
                    captures.insert(path, s);
                }
                None => {}
            }
        }
        let capture_entries = run_ingest(&captures, &config, &mut diags);
        let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
            diags.sort();
            return Err(diags);
        };
        let statics = static_map(&theme);
        Ok((
            Sources {
                config,
                theme,
                markdown,
                captures,
                capture_entries,
                statics,
            },
            diags,
        ))
    }

    /// Sorts changed paths into what they ask for. Paths outside the site,
    /// in dot-folders (the output, `.git`) or under the output folder are
    /// ignored: a rebuild never reacts to its own output.
    fn classify(&self, changed: &[PathBuf], config: &Config) -> Changes {
        let root = self.root();
        let mut c = Changes::default();
        for p in changed {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            };
            if abs.starts_with(&self.output)
                || abs.starts_with(crate::write::staging_dir(&self.output))
            {
                continue;
            }
            let Ok(rel) = abs.strip_prefix(root) else {
                continue;
            };
            if rel.as_os_str().is_empty() {
                c.full = true;
                c.all.push(abs);
                continue;
            }
            let names: Vec<String> = rel
                .components()
                .filter_map(|c| match c {
                    Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect();
            if names.iter().any(|n| n.starts_with('.')) {
                continue;
            }
            let first = names.first().map(String::as_str).unwrap_or_default();
            let is_corrections = config
                .corrections
                .as_deref()
                .is_some_and(|f| root.join(f) == abs);
            if rel == Path::new(CONFIG_FILE) || is_corrections {
                c.full = true;
            } else if first == "themes" || first == "templates" {
                c.theme = true;
                c.statics = true;
            } else if first == "static" {
                c.statics = true;
            } else if first == CONTENT_DIR {
                c.content.push(abs.clone());
            } else {
                continue;
            }
            c.all.push(abs);
        }
        c
    }

    /// Applies `changes` to the last good state and writes what changed.
    fn incremental(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        let start = Instant::now();
        let Some(state) = &self.state else {
            return self.full(changed);
        };
        let changes = self.classify(changed, &state.sources.config);
        if changes.full {
            return self.full(changed);
        }
        if let Some(done) = self.body_only(&changes, changed, start) {
            return done;
        }
        let Some(state) = &self.state else {
            return self.full(changed);
        };
        let root = self.root().to_path_buf();
        let old = &state.sources;
        let mut diags = Diagnostics::new();
        let mut t = RebuildTimings::default();
        let mut lap = Instant::now();
        let mut split = || {
            let d = lap.elapsed();
            lap = Instant::now();
            d
        };

        // 1. Re-read the changed content files (nothing is applied yet).
        let mut md_updates: Vec<(PathBuf, Option<Arc<Entry>>)> = Vec::new();
        let mut capture_updates: Vec<(PathBuf, Option<SourceFile>)> = Vec::new();
        let mut to_load: Vec<PathBuf> = Vec::new();
        let mut gone: BTreeSet<PathBuf> = BTreeSet::new();
        for p in &changes.content {
            if p.is_dir() {
                let found = walk(p, &root, &mut diags);
                let present: HashSet<&PathBuf> = found.iter().collect();
                gone.extend(
                    known_under(old, p)
                        .into_iter()
                        .filter(|k| !present.contains(k)),
                );
                to_load.extend(found);
            } else if p.is_file() {
                to_load.push(p.clone());
            } else {
                // Deleted: a file, or a folder and everything in it.
                gone.extend(known_under(old, p));
            }
        }
        to_load.sort();
        to_load.dedup();
        for p in &gone {
            if old.markdown.contains_key(p) {
                md_updates.push((p.clone(), None));
            } else if old.captures.contains_key(p) {
                capture_updates.push((p.clone(), None));
            }
        }
        for (path, item, ds) in load_files(&to_load, &root, &old.config) {
            diags.0.extend(ds);
            match item {
                Some(Loaded::Markdown(e)) => md_updates.push((path, Some(Arc::new(*e)))),
                Some(Loaded::Capture(s)) => capture_updates.push((path, Some(s))),
                None => {}
            }
        }

        // 2. The theme, when a template changed.
        let theme = if changes.theme {
            match Theme::load(&root, &old.config) {
                Ok(t) => Some(t),
                Err(d) => {
                    diags.extend(d);
                    None
                }
            }
        } else {
            None
        };
        if diags.has_errors() {
            diags.sort();
            return Err(diags);
        }

        // 3. Apply them in place, noting how to undo them: cloning every
        // entry would cost more than the rest of a small change.
        let Some(mut state) = self.state.take() else {
            return self.full(changed);
        };
        let mut undo = Undo::default();
        let sources = &mut state.sources;
        for (p, e) in md_updates {
            let before = match e {
                Some(e) => sources.markdown.insert(p.clone(), e),
                None => sources.markdown.remove(&p),
            };
            undo.markdown.push((p, before));
        }
        if !capture_updates.is_empty() {
            for (p, s) in capture_updates {
                let before = match s {
                    Some(s) => sources.captures.insert(p.clone(), s),
                    None => sources.captures.remove(&p),
                };
                undo.captures.push((p, before));
            }
            let entries = run_ingest(&sources.captures, &sources.config, &mut diags);
            undo.capture_entries = Some(std::mem::replace(&mut sources.capture_entries, entries));
            if diags.has_errors() {
                undo.apply(sources);
                self.state = Some(state);
                diags.sort();
                return Err(diags);
            }
        }
        if let Some(t) = theme {
            undo.theme = Some(std::mem::replace(&mut sources.theme, t));
        }
        if changes.statics {
            let statics = static_map(&sources.theme);
            undo.statics = Some(std::mem::replace(&mut sources.statics, statics));
        }
        let sources = &state.sources;
        let old_statics = undo.statics.as_ref().unwrap_or(&sources.statics);

        t.read = split();

        // 4. Index, plan, and find what changed.
        let (site, site_warnings) = index(sources, self.options.drafts, Some(&state.site));
        diags.extend(site_warnings);
        t.index = split();
        let specs = crate::render::plan(&site, &sources.theme);
        let planned: AHashSet<&str> = specs.iter().map(|s| s.path.as_str()).collect();
        // A page a static file used to replace must be rendered again.
        let uncovered: HashSet<&str> = old_statics
            .keys()
            .filter(|k| !sources.statics.contains_key(*k))
            .map(String::as_str)
            .collect();
        let todo: Vec<PageSpec> = specs
            .iter()
            .filter(|s| {
                !sources.statics.contains_key(&s.path)
                    && (uncovered.contains(s.path.as_str())
                        || state.keys.get(&s.path) != Some(&s.key))
            })
            .cloned()
            .collect();
        let mut removed: Vec<String> = state
            .keys
            .keys()
            .filter(|k| !planned.contains(k.as_str()) && !sources.statics.contains_key(*k))
            .cloned()
            .collect();
        removed.extend(
            uncovered
                .iter()
                .filter(|k| !planned.contains(**k))
                .map(|k| k.to_string()),
        );
        let changed_statics: Vec<(&String, &StaticSource)> = if changes.statics {
            sources
                .statics
                .iter()
                .filter(|(rel, src)| {
                    old_statics.get(*rel) != Some(*src)
                        || matches!(src, StaticSource::File(f)
                            if changes.all.iter().any(|c| f.starts_with(c)))
                })
                .collect()
        } else {
            Vec::new()
        };

        t.plan = split();
        t.rendered = todo.len();

        // 5. Render and write only those, into staging, then sync.
        if changes.statics {
            diags.extend(build::static_overrides(&root, &sources.theme, &specs));
        }
        let written = write_pages(
            &self.output,
            &site,
            &sources.theme,
            &todo,
            &changed_statics,
            &root,
            removed,
        );
        let (rewritten, report) = match written {
            Ok(w) => w,
            Err((d, touched)) => {
                // After a sync that failed halfway, start over next time.
                if !touched {
                    undo.apply(&mut state.sources);
                    self.state = Some(state);
                }
                return Err(d);
            }
        };
        t.render = split();
        let keys: AHashMap<String, [u8; 32]> = specs.into_iter().map(|s| (s.path, s.key)).collect();
        self.last_rewritten = rewritten;
        state.keys = keys;
        let old_site = std::mem::replace(&mut state.site, site);
        self.state = Some(state);
        // Freeing the old index and the undo log (every entry's strings)
        // need not delay the report.
        rayon::spawn(move || drop((old_site, undo)));
        t.sync = split();
        self.timings = t;
        Ok(RebuildReport {
            changed: changed.to_vec(),
            pages_rewritten: report.written + report.removed,
            elapsed: start.elapsed(),
            warnings: diags,
        })
    }

    /// The fast path for the most common save: Markdown files whose entries
    /// changed only in their body. The site's structure (paths, listings,
    /// terms, stories) is then the same, and the only pages that show a
    /// body are the entry's own page and the feeds that carry it, so those
    /// are rendered without planning the whole site. `None` when the
    /// change is anything else (the planning path handles it, errors
    /// included).
    fn body_only(
        &mut self,
        changes: &Changes,
        changed: &[PathBuf],
        start: Instant,
    ) -> Option<Result<RebuildReport, Diagnostics>> {
        let state = self.state.as_ref()?;
        if changes.theme || changes.statics || changes.content.is_empty() {
            return None;
        }
        let known = |p: &PathBuf| {
            p.extension().is_some_and(|e| e == "md")
                && p.is_file()
                && state.sources.markdown.contains_key(p)
        };
        if !changes.content.iter().all(known) {
            return None;
        }
        let lap = Instant::now();
        let root = self.root().to_path_buf();
        let mut warnings = Diagnostics::new();
        let mut updates: Vec<(PathBuf, Arc<Entry>)> = Vec::new();
        for (path, item, ds) in load_files(&changes.content, &root, &state.sources.config) {
            if ds.iter().any(Diagnostic::is_error) {
                return None;
            }
            warnings.0.extend(ds);
            let Some(Loaded::Markdown(new)) = item else {
                return None;
            };
            let old = state.sources.markdown.get(&path)?;
            let mut new = *new;
            // Compared with the old body in place, then given back.
            let body = std::mem::replace(&mut new.body, old.body.clone());
            if new != **old {
                return None;
            }
            new.body = body;
            updates.push((path, Arc::new(new)));
        }
        let read = lap.elapsed();

        // Which site entries they are, and the pages that show their bodies.
        let lap = Instant::now();
        let site = &state.site;
        let limit = site.config.feed_limit;
        let mut patches: Vec<(usize, usize)> = Vec::new(); // (site index, update)
        for (u, (_, new)) in updates.iter().enumerate() {
            let at = site
                .entries
                .iter()
                .position(|e| e.origin == new.origin && e.source == new.source);
            match at {
                Some(i) => patches.push((i, u)),
                // A draft left out of the site: nothing shows it.
                None if new.draft && !self.options.drafts => {}
                None => return None,
            }
        }
        let mut specs: Vec<PageSpec> = Vec::new();
        let spec = |path: String, template: &str, kind: PageKind| PageSpec {
            path,
            template: template.to_string(),
            kind,
            page: 1,
            key: [0; 32],
        };
        for &(i, _) in &patches {
            specs.push(spec(
                format!("{}/index.html", site.paths[i]),
                "entry.html",
                PageKind::Entry(i),
            ));
            if site.newest.iter().take(limit).any(|&x| x == i) {
                specs.push(spec("atom.xml".into(), "atom.xml", PageKind::Feed));
            }
            for tax in &site.taxonomies {
                for (t, term) in tax.terms.iter().enumerate() {
                    if term.entries.iter().take(limit).any(|&x| x == i) {
                        specs.push(spec(
                            format!("{}/{}/atom.xml", tax.kind.slug(), term.slug),
                            "atom.xml",
                            PageKind::TermFeed(tax.kind, t),
                        ));
                    }
                }
            }
        }
        specs.sort_by(|a, b| a.path.cmp(&b.path));
        specs.dedup_by(|a, b| a.path == b.path);
        // Every one must be a page of the last plan (else this reasoning is
        // off: let the planning path decide); static files over pages win.
        if !specs.iter().all(|s| state.keys.contains_key(&s.path)) {
            return None;
        }
        specs.retain(|s| !state.sources.statics.contains_key(&s.path));

        // Patch the site, render, and undo the patch if rendering fails.
        let state = self.state.as_mut()?;
        let mut olds: Vec<(usize, Arc<Entry>, Fingerprints)> = Vec::new();
        for &(i, u) in &patches {
            let site = &mut state.site;
            // The path is the same: only the body changed.
            let fresh = crate::site::fingerprint_of(&updates[u].1, &site.paths[i]);
            let old = std::mem::replace(&mut site.entries[i], Arc::clone(&updates[u].1));
            let old_fp = (site.fingerprints[i], site.meta_fingerprints[i]);
            (site.fingerprints[i], site.meta_fingerprints[i]) = fresh;
            olds.push((i, old, old_fp));
        }
        let written = write_pages(
            &self.output,
            &state.site,
            &state.sources.theme,
            &specs,
            &[],
            &root,
            Vec::new(),
        );
        let (rewritten, report) = match written {
            Ok(w) => w,
            Err((d, touched)) => {
                for (i, old, (full, meta)) in olds {
                    state.site.entries[i] = old;
                    state.site.fingerprints[i] = full;
                    state.site.meta_fingerprints[i] = meta;
                }
                if touched {
                    self.state = None;
                }
                return Some(Err(d));
            }
        };
        let render = lap.elapsed();
        for (path, entry) in updates {
            state.sources.markdown.insert(path, entry);
        }
        // Their stored keys are for the old bodies: a later planning
        // rebuild whose keys match those again (the body edited back) must
        // still render them.
        for s in &specs {
            state.keys.insert(s.path.clone(), STALE);
        }
        self.last_rewritten = rewritten;
        self.timings = RebuildTimings {
            read,
            render,
            rendered: specs.len(),
            ..RebuildTimings::default()
        };
        Some(Ok(RebuildReport {
            changed: changed.to_vec(),
            pages_rewritten: report.written + report.removed,
            elapsed: start.elapsed(),
            warnings,
        }))
    }
}

/// Renders `specs` and copies `statics` into staging, keeping only files
/// whose bytes differ from the output's, then syncs staging into the output
/// removing `removed`. Returns the rewritten and removed paths, sorted.
/// On error nothing in the output changes.
fn write_pages(
    output: &Path,
    site: &Site,
    theme: &Theme,
    specs: &[PageSpec],
    statics: &[(&String, &StaticSource)],
    root: &Path,
    mut removed: Vec<String>,
) -> Result<(Vec<String>, crate::write::SyncReport), (Diagnostics, bool)> {
    let io_error = |what: &str, e: &std::io::Error| -> Diagnostics {
        Diagnostic::error(format!("cannot {what} the output folder"))
            .at(output.display().to_string())
            .cause_chain(e)
            .into()
    };
    let staging = Staging::new(output).map_err(|e| (io_error("create", &e), false))?;
    let written = Mutex::new(Vec::new());
    let put = |rel: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        // Unchanged bytes are not even staged: the output keeps its file.
        if std::fs::read(output.join(rel)).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        staging
            .write(rel, bytes)
            .map_err(|e| write_error(rel, &e))?;
        if let Ok(mut w) = written.lock() {
            w.push(rel.to_string());
        }
        Ok(())
    };
    let mut result = Ok(());
    if !specs.is_empty() {
        result = Renderer::new(site, theme, specs).and_then(|renderer| {
            build::render_all(&renderer, specs, |spec, bytes| put(&spec.path, &bytes))
        });
    }
    if result.is_ok() {
        for (rel, src) in statics {
            let step = static_bytes(src)
                .map_err(|e| {
                    Diagnostic::error("cannot read a static file")
                        .at(static_name(src, root))
                        .cause_chain(&e)
                })
                .and_then(|bytes| put(rel, &bytes));
            if let Err(d) = step {
                result = Err(d.into());
                break;
            }
        }
    }
    if let Err(d) = result {
        staging.abandon();
        return Err((d, false));
    }
    removed.retain(|r| output.join(r).is_file());
    if let Err(e) = crate::cache::forget(root, output) {
        staging.abandon();
        return Err((io_error("update", &e), false));
    }
    let mut rewritten = written.into_inner().unwrap_or_default();
    let report = staging
        .commit(Removal::Only(removed.clone()))
        .map_err(|e| (io_error("update", &e), true))?;
    rewritten.extend(removed);
    rewritten.sort();
    rewritten.dedup();
    Ok((rewritten, report))
}

impl Rebuilder for IncrementalRebuilder {
    fn output_dir(&self) -> &Path {
        &self.output
    }

    fn build_all(&mut self) -> Result<RebuildReport, Diagnostics> {
        self.full(&[])
    }

    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Diagnostics> {
        self.incremental(changed)
    }
}

/// How to take back changes applied to [`Sources`] in place.
#[derive(Default)]
struct Undo {
    markdown: Vec<(PathBuf, Option<Arc<Entry>>)>,
    captures: Vec<(PathBuf, Option<SourceFile>)>,
    capture_entries: Option<Vec<Arc<Entry>>>,
    theme: Option<Theme>,
    statics: Option<BTreeMap<String, StaticSource>>,
}

impl Undo {
    /// Puts back what was there before, newest change first.
    fn apply(self, sources: &mut Sources) {
        for (p, before) in self.markdown.into_iter().rev() {
            match before {
                Some(e) => sources.markdown.insert(p, e),
                None => sources.markdown.remove(&p),
            };
        }
        for (p, before) in self.captures.into_iter().rev() {
            match before {
                Some(s) => sources.captures.insert(p, s),
                None => sources.captures.remove(&p),
            };
        }
        if let Some(e) = self.capture_entries {
            sources.capture_entries = e;
        }
        if let Some(t) = self.theme {
            sources.theme = t;
        }
        if let Some(s) = self.statics {
            sources.statics = s;
        }
    }
}

/// One content file, read.
enum Loaded {
    Markdown(Box<Entry>),
    Capture(SourceFile),
}

/// The entry files under `dir` (itself under `content/`), skipping
/// dot-files and warning about files that are neither `.md` nor `.txt`, as
/// [`build::read_content`] does.
fn walk(dir: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for item in walker {
        match item {
            Ok(i) if i.file_type().is_file() => out.push(i.into_path()),
            Ok(_) => {}
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| CONTENT_DIR.to_string(), |p| display_name(p, root));
                diags.push(Diagnostic::error("cannot read").at(at).cause_chain(&e));
            }
        }
    }
    out
}

/// Reads files in parallel: a `.md` becomes its entry, a `.txt` a capture
/// for the content pass; anything else a warning.
fn load_files(
    files: &[PathBuf],
    root: &Path,
    config: &Config,
) -> Vec<(PathBuf, Option<Loaded>, Vec<Diagnostic>)> {
    files
        .par_iter()
        .map(|path| {
            let ext = path.extension().and_then(|e| e.to_str());
            if !matches!(ext, Some("md" | "txt")) {
                let d = Diagnostic::warning("skipped: not an entry (.md) or a raw capture (.txt)")
                    .at(display_name(path, root));
                return (path.clone(), None, vec![d]);
            }
            match SourceFile::read(path, root) {
                Ok((file, warning)) => {
                    let mut ds: Vec<Diagnostic> = warning.into_iter().collect();
                    if ext == Some("txt") {
                        return (path.clone(), Some(Loaded::Capture(file)), ds);
                    }
                    match crate::load::load_markdown(&file, config) {
                        Ok(e) => (path.clone(), Some(Loaded::Markdown(Box::new(e))), ds),
                        Err(errs) => {
                            ds.extend(errs);
                            (path.clone(), None, ds)
                        }
                    }
                }
                Err(d) => (path.clone(), None, vec![d]),
            }
        })
        .collect()
}

/// Every known content file at or under `p`.
fn known_under(sources: &Sources, p: &Path) -> Vec<PathBuf> {
    sources
        .markdown
        .keys()
        .chain(sources.captures.keys())
        .filter(|k| k.starts_with(p))
        .cloned()
        .collect()
}

/// The content pass over every capture, in the order `build` reads them.
fn run_ingest(
    captures: &BTreeMap<PathBuf, SourceFile>,
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<Arc<Entry>> {
    if captures.is_empty() {
        return Vec::new();
    }
    let files: Vec<SourceFile> = captures.values().cloned().collect();
    let (entries, ds) = crate::ingest::ingest_owned(files, config);
    diags.extend(ds);
    entries.into_iter().map(Arc::new).collect()
}

/// Indexes the sources as [`build::prepare`] does. Entries are shared, not
/// copied; those that `previous` (the last index) already held on the same
/// page path keep their fingerprints, so only changed entries are hashed.
fn index(sources: &Sources, drafts: bool, previous: Option<&Site>) -> (Site, Diagnostics) {
    let entries: Vec<Arc<Entry>> = sources
        .markdown
        .values()
        .chain(&sources.capture_entries)
        .filter(|e| drafts || !e.draft)
        .cloned()
        .collect();
    let (with_paths, mut diags) = crate::paths::assign(entries);
    let known = previous.map_or_else(Vec::new, |old| known_fingerprints(old, &with_paths));
    let (site, site_diags) = Site::from_shared(sources.config.clone(), with_paths, known);
    diags.extend(site_diags);
    (site, diags)
}

/// The fingerprints `old` holds for each of these entries, where it holds
/// the very same entry (an edited entry is a new allocation) on the same
/// path. `old` keeps its entries alive, so no address is reused meanwhile.
fn known_fingerprints(old: &Site, entries: &[(Arc<Entry>, String)]) -> Vec<Option<Fingerprints>> {
    let at: AHashMap<*const Entry, usize> = old
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (Arc::as_ptr(e), i))
        .collect();
    entries
        .iter()
        .map(|(e, path)| {
            let &i = at.get(&Arc::as_ptr(e))?;
            (old.paths[i] == *path).then(|| (old.fingerprints[i], old.meta_fingerprints[i]))
        })
        .collect()
}

/// Every static output file and its source, in the order
/// [`build::write_static`] writes them (later ones win).
fn static_map(theme: &Theme) -> BTreeMap<String, StaticSource> {
    let mut map = BTreeMap::new();
    for (i, (name, _)) in crate::theme::DEFAULT_STATIC.iter().enumerate() {
        map.insert((*name).to_string(), StaticSource::Builtin(i));
    }
    map.insert("syntax.css".to_string(), StaticSource::SyntaxCss);
    for dir in &theme.static_dirs {
        if !dir.is_dir() {
            continue;
        }
        let walker = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walker.flatten() {
            if !item.file_type().is_file() {
                continue;
            }
            if let Ok(rel) = item.path().strip_prefix(dir) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                map.insert(rel, StaticSource::File(item.into_path()));
            }
        }
    }
    map
}

fn static_bytes(src: &StaticSource) -> std::io::Result<Vec<u8>> {
    match src {
        StaticSource::Builtin(i) => Ok(crate::theme::DEFAULT_STATIC
            .get(*i)
            .map(|(_, b)| b.to_vec())
            .unwrap_or_default()),
        StaticSource::SyntaxCss => Ok(crate::markdown::highlight_css().into_bytes()),
        StaticSource::File(p) => std::fs::read(p),
    }
}

fn static_name(src: &StaticSource, root: &Path) -> String {
    match src {
        StaticSource::File(p) => display_name(p, root),
        _ => crate::theme::BUILTIN_ORIGIN.to_string(),
    }
}

fn write_error(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {rel}")).cause_chain(e)
}

/// Every file under `dir`, relative and `/`-separated.
fn relative_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|i| !i.file_type().is_dir())
        .filter_map(|i| {
            i.path()
                .strip_prefix(dir)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn entry(title: &str, date: &str, actors: &str, body: &str) -> String {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\nactors = [{actors}]\n+++\n{body}\n")
    }

    /// The index after a rebuild, against one made from scratch from the
    /// same sources: reused fingerprints must be exactly the fresh ones.
    fn assert_index_is_fresh(r: &IncrementalRebuilder) {
        let state = r.state.as_ref().expect("a good build");
        let (fresh, _) = index(&state.sources, false, None);
        assert_eq!(state.site.paths, fresh.paths);
        assert_eq!(state.site.fingerprints, fresh.fingerprints);
        assert_eq!(state.site.meta_fingerprints, fresh.meta_fingerprints);
        // Entries are shared with the sources, never copied.
        for e in &state.site.entries {
            let shared = state.sources.markdown.values().any(|m| Arc::ptr_eq(m, e));
            assert!(shared, "{} is a copy", e.source);
        }
    }

    #[test]
    fn rebuilt_indexes_reuse_fingerprints_only_where_nothing_changed() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        write(
            root,
            "site.toml",
            "title = \"The Quay Ledger\"\nbase_url = \"https://quay.example/\"\n",
        );
        let strike = write(
            root,
            "content/strike.md",
            &entry(
                "Dockers strike",
                "2022-03-01T08:00:00Z",
                "\"Mira Adler\"",
                "Cranes stood still.",
            ),
        );
        write(
            root,
            "content/fees.md",
            &entry(
                "Fees rise",
                "2022-03-02T09:00:00Z",
                "\"Mira Adler\", \"Port Board\"",
                "Berths cost more.",
            ),
        );
        let out = tempfile::tempdir().unwrap();
        let mut r = IncrementalRebuilder::new(BuildOptions {
            root: root.to_path_buf(),
            output: Some(out.path().join("public")),
            base_url: None,
            drafts: false,
            no_cache: true,
        });
        r.build_all().expect("first build");
        assert_index_is_fresh(&r);
        // A body edit (patched in place), then an actor change, then a
        // title change that moves the page (both re-indexed).
        let edits = [
            entry(
                "Dockers strike",
                "2022-03-01T08:00:00Z",
                "\"Mira Adler\"",
                "Cranes stood still all day.",
            ),
            entry(
                "Dockers strike",
                "2022-03-01T08:00:00Z",
                "\"Port Board\"",
                "Cranes stood still all day.",
            ),
            entry(
                "Fees rise",
                "2022-03-02T09:00:00Z",
                "\"Port Board\"",
                "Same title as the other entry.",
            ),
        ];
        for text in edits {
            std::fs::write(&strike, text).unwrap();
            r.rebuild(std::slice::from_ref(&strike)).expect("rebuild");
            assert_index_is_fresh(&r);
        }
        let state = r.state.as_ref().unwrap();
        assert!(state.site.paths.iter().any(|p| p.ends_with("fees-rise-2")));
    }
}
