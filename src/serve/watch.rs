//! Watching the site for changes: which paths matter, and when a burst of
//! events is over.
//!
//! Editors save in bursts (vim writes `4913`, renames the old file to `foo~`,
//! writes `foo`, then deletes `foo~`), so events are collected until the
//! watcher has been quiet for a moment and then handed over as one batch.
//! The filtering ([`WatchFilter`]) and the batching ([`Debouncer`]) are pure
//! and tested without a real watcher; [`spawn`] wires them to notify.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::diag::Diagnostic;

/// How long the watcher must be quiet before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(30);
/// The longest a batch waits, however busy the watcher stays.
pub const CAP: Duration = Duration::from_millis(150);

/// The folders under the site root whose changes trigger a rebuild.
pub const SOURCE_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Decides which changed paths are worth a rebuild.
#[derive(Debug, Clone)]
pub struct WatchFilter {
    root: PathBuf,
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
    ignored: Vec<PathBuf>,
}

impl WatchFilter {
    /// Reacts to `content/`, `themes/`, `templates/`, `static/` and
    /// `site.toml` under `root`. Pass the same form of `root` that the
    /// watcher reports paths under (canonical, as [`spawn`] does).
    pub fn new(root: &Path) -> Self {
        WatchFilter {
            root: root.to_path_buf(),
            dirs: SOURCE_DIRS.iter().map(PathBuf::from).collect(),
            files: vec![PathBuf::from(CONFIG_FILE)],
            ignored: Vec::new(),
        }
    }

    /// Also reacts to this file (relative to the root), such as the
    /// corrections file `site.toml` names.
    pub fn watch_file(mut self, relative: impl Into<PathBuf>) -> Self {
        self.files.push(relative.into());
        self
    }

    /// Never reacts to anything under `dir` (absolute, or relative to the
    /// root): the output folder, so a build never triggers itself.
    pub fn ignore(mut self, dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        let dir = if dir.is_absolute() {
            dir
        } else {
            self.root.join(dir)
        };
        self.ignored.push(dir);
        self
    }

    /// The root this filter judges paths against.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True when a change to `path` should trigger a rebuild.
    pub fn is_relevant(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|dir| path.starts_with(dir)) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut names = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(name) => names.push(name.to_string_lossy()),
                // `..` or a second root: not a path inside the site.
                _ => return false,
            }
        }
        // Dot-files and dot-folders anywhere: `.git/`, `.gazette/`, vim's
        // `.foo.md.swp`, emacs's `.#foo.md` lock files.
        if names.iter().any(|n| n.starts_with('.')) {
            return false;
        }
        if names.last().is_some_and(|n| is_editor_temp(n)) {
            return false;
        }
        self.files.iter().any(|f| rel == f) || self.dirs.iter().any(|d| rel.starts_with(d))
    }
}

/// True for the scratch files editors write beside the real one.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        // vim: swap files, and `4913`, the file it creates to test that a
        // folder is writable.
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name == "4913"
        // Backups: vim, emacs, gedit.
        || name.ends_with('~')
        // emacs auto-save files.
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        // JetBrains safe-write.
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// Collects changed paths until the events stop for [`QUIET`] (or have
/// gone on for [`CAP`]), then hands them over as one batch.
///
/// Time is passed in, so tests drive it without sleeping.
#[derive(Debug, Clone)]
pub struct Debouncer {
    quiet: Duration,
    cap: Duration,
    first: Option<Instant>,
    last: Option<Instant>,
    paths: Vec<PathBuf>,
}

impl Default for Debouncer {
    fn default() -> Self {
        Debouncer::new(QUIET, CAP)
    }
}

impl Debouncer {
    /// A debouncer with the given quiet window and cap.
    pub fn new(quiet: Duration, cap: Duration) -> Self {
        Debouncer {
            quiet,
            cap,
            first: None,
            last: None,
            paths: Vec::new(),
        }
    }

    /// Records that `path` changed at `now`.
    pub fn push(&mut self, path: PathBuf, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
        if !self.paths.contains(&path) {
            self.paths.push(path);
        }
    }

    /// When the pending batch is due, if there is one.
    pub fn deadline(&self) -> Option<Instant> {
        let (first, last) = (self.first?, self.last?);
        Some((last + self.quiet).min(first + self.cap))
    }

    /// The batch, in first-seen order, when it is due at `now`.
    pub fn take_ready(&mut self, now: Instant) -> Option<Vec<PathBuf>> {
        if now < self.deadline()? {
            return None;
        }
        self.first = None;
        self.last = None;
        Some(std::mem::take(&mut self.paths))
    }

    /// Everything pending, due or not.
    pub fn take_all(&mut self) -> Option<Vec<PathBuf>> {
        self.first = None;
        self.last = None;
        if self.paths.is_empty() {
            None
        } else {
            Some(std::mem::take(&mut self.paths))
        }
    }
}

/// The paths an event is about, or none for events that change nothing
/// (a file opened or read).
pub fn event_paths(event: &notify::Event) -> &[PathBuf] {
    match event.kind {
        EventKind::Access(_) => &[],
        _ => &event.paths,
    }
}

/// A running file watcher; dropping it stops the watching.
pub struct Watcher {
    stop: mpsc::Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

enum Msg {
    Event(notify::Result<notify::Event>),
    Stop,
}

impl Watcher {
    /// Stops watching and waits for the batching thread to finish.
    pub fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        let _ = self.stop.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop_inner();
    }
}

impl WatchFilter {
    /// What to hand notify: the root itself without recursion (for
    /// `site.toml`, and source folders created later), each existing source
    /// folder recursively, and the folder of each extra watched file.
    ///
    /// Not the root recursively: that would put an inotify watch on every
    /// folder of the output (tens of thousands for a large archive, past
    /// the usual per-user limit) and of `.git/`.
    pub fn watch_plan(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut plan = vec![(self.root.clone(), RecursiveMode::NonRecursive)];
        for d in &self.dirs {
            let dir = self.root.join(d);
            if dir.is_dir() {
                plan.push((dir, RecursiveMode::Recursive));
            }
        }
        for f in &self.files {
            let Some(parent) = self.root.join(f).parent().map(Path::to_path_buf) else {
                continue;
            };
            let covered = plan.iter().any(|(p, mode)| {
                *p == parent || (*mode == RecursiveMode::Recursive && parent.starts_with(p))
            });
            if !covered && parent.is_dir() {
                plan.push((parent, RecursiveMode::NonRecursive));
            }
        }
        plan
    }

    /// True for a source folder itself (`<root>/content`), which needs a
    /// recursive watch of its own when it appears.
    pub fn is_source_dir(&self, path: &Path) -> bool {
        self.dirs.iter().any(|d| path == self.root.join(d))
    }
}

/// Watches the filter's root and calls `sink` with each debounced batch of
/// relevant changed paths (absolute).
///
/// When the operating system drops events (an overflowing inotify queue),
/// the batch holds the root itself, meaning "anything may have changed".
pub fn spawn(
    filter: WatchFilter,
    sink: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watcher, Diagnostic> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res| {
        // The receiver is gone only while shutting down.
        let _ = events.send(Msg::Event(res));
    })
    .map_err(|e| watch_error(filter.root(), &e))?;
    for (path, mode) in filter.watch_plan() {
        watcher
            .watch(&path, mode)
            .map_err(|e| watch_error(&path, &e))?;
    }
    let thread = std::thread::Builder::new()
        .name("gazette-watch".into())
        .spawn(move || batch_loop(&filter, watcher, &rx, &sink))
        .map_err(|e| Diagnostic::error("cannot start the file watcher").cause_chain(&e))?;
    Ok(Watcher {
        stop: tx,
        thread: Some(thread),
    })
}

fn watch_error(path: &Path, e: &notify::Error) -> Diagnostic {
    let mut d =
        Diagnostic::error(format!("cannot watch {} for changes", path.display())).cause_chain(e);
    if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
        d = d.cause("the system's limit on watched folders is reached (on Linux, raise fs.inotify.max_user_watches)");
    }
    d
}

/// Owns notify's watcher, so a source folder created later gets its own
/// recursive watch; ends on [`Msg::Stop`].
fn batch_loop(
    filter: &WatchFilter,
    mut watcher: RecommendedWatcher,
    rx: &mpsc::Receiver<Msg>,
    sink: &impl Fn(Vec<PathBuf>),
) {
    let mut debouncer = Debouncer::default();
    loop {
        let msg = match debouncer.deadline() {
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match msg {
            Ok(Msg::Event(Ok(event))) => {
                let now = Instant::now();
                if event.need_rescan() {
                    debouncer.push(filter.root().to_path_buf(), now);
                }
                for p in event_paths(&event) {
                    if filter.is_source_dir(p) && p.is_dir() {
                        // Already watched is fine; failing is reported by
                        // the rebuild it triggers missing nothing else.
                        let _ = watcher.watch(p, RecursiveMode::Recursive);
                    }
                    if filter.is_relevant(p) {
                        debouncer.push(p.clone(), now);
                    }
                }
            }
            // A watcher error (a folder vanished under it, a full queue):
            // rebuild everything rather than miss a change.
            Ok(Msg::Event(Err(_))) => debouncer.push(filter.root().to_path_buf(), Instant::now()),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
        if let Some(batch) = debouncer.take_ready(Instant::now()) {
            sink(batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> WatchFilter {
        WatchFilter::new(Path::new("/site")).ignore(".gazette/serve")
    }

    #[test]
    fn reacts_to_sources_and_site_toml() {
        let f = filter();
        for p in [
            "/site/content/2022/jan/a.md",
            "/site/content",
            "/site/themes/plain/templates/entry.html",
            "/site/templates/base.html",
            "/site/static/style.css",
            "/site/site.toml",
        ] {
            assert!(f.is_relevant(Path::new(p)), "{p} should trigger a rebuild");
        }
    }

    #[test]
    fn never_reacts_to_output_or_tool_folders() {
        let f = filter().ignore("/site/content/generated");
        for p in [
            "/site/.gazette/serve/index.html",
            "/site/public/index.html",
            "/site/.git/index",
            "/site/content/.git/HEAD",
            "/site/content/generated/x.md",
            "/site/README.md",
            "/site/site.toml.bak",
            "/elsewhere/content/a.md",
            "/site/../site/content/a.md",
        ] {
            assert!(!f.is_relevant(Path::new(p)), "{p} should be ignored");
        }
    }

    #[test]
    fn ignores_editor_temporary_files() {
        let f = filter();
        for p in [
            "/site/content/.a.md.swp",
            "/site/content/a.md.swp",
            "/site/content/a.md.swx",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.#a.md",
            "/site/content/#a.md#",
            "/site/content/a.md___jb_tmp___",
            "/site/content/.hidden.md",
        ] {
            assert!(!f.is_relevant(Path::new(p)), "{p} should be ignored");
        }
        assert!(f.is_relevant(Path::new("/site/content/#hashtag.md")));
        assert!(f.is_relevant(Path::new("/site/content/49130.md")));
    }

    #[test]
    fn watches_the_corrections_file_when_asked() {
        let f = filter();
        assert!(!f.is_relevant(Path::new("/site/corrections.toml")));
        let f = f.watch_file("corrections.toml");
        assert!(f.is_relevant(Path::new("/site/corrections.toml")));
    }

    #[test]
    fn debouncer_waits_for_quiet_then_hands_over_one_batch() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut d = Debouncer::new(ms(30), ms(150));
        assert_eq!(d.deadline(), None);
        assert_eq!(d.take_ready(t0), None);
        d.push("a.md".into(), t0);
        d.push("4913-less.md".into(), t0 + ms(5));
        d.push("a.md".into(), t0 + ms(10));
        assert_eq!(d.deadline(), Some(t0 + ms(40)));
        assert_eq!(d.take_ready(t0 + ms(39)), None);
        assert_eq!(
            d.take_ready(t0 + ms(40)),
            Some(vec![PathBuf::from("a.md"), PathBuf::from("4913-less.md")])
        );
        assert_eq!(d.deadline(), None, "a batch is handed over once");
        assert_eq!(d.take_ready(t0 + ms(500)), None);
    }

    #[test]
    fn debouncer_caps_the_wait_during_a_long_burst() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut d = Debouncer::new(ms(30), ms(150));
        for i in 0..20 {
            d.push(format!("{i}.md").into(), t0 + ms(i * 10));
        }
        // Events every 10 ms never leave 30 ms of quiet: the cap decides.
        assert_eq!(d.deadline(), Some(t0 + ms(150)));
        assert_eq!(d.take_ready(t0 + ms(149)), None);
        assert_eq!(d.take_ready(t0 + ms(150)).map(|b| b.len()), Some(20));
    }

    #[test]
    fn debouncer_starts_a_fresh_window_after_a_batch() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut d = Debouncer::new(ms(30), ms(150));
        d.push("a.md".into(), t0);
        assert!(d.take_ready(t0 + ms(30)).is_some());
        d.push("b.md".into(), t0 + ms(400));
        assert_eq!(d.deadline(), Some(t0 + ms(430)));
        assert_eq!(d.take_all(), Some(vec![PathBuf::from("b.md")]));
        assert_eq!(d.take_all(), None);
    }

    #[test]
    fn reads_and_opens_are_not_changes() {
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Any))
            .add_path("/site/content/a.md".into());
        assert!(event_paths(&read).is_empty());
        let write = notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
            .add_path("/site/content/a.md".into());
        assert_eq!(event_paths(&write), &[PathBuf::from("/site/content/a.md")]);
    }

    #[test]
    fn watches_sources_but_never_the_output_recursively() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for d in [
            "content/2022",
            "static",
            ".gazette/serve/2022/01",
            ".git/objects",
            "data",
        ] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        let f = WatchFilter::new(root)
            .watch_file("corrections.toml")
            .watch_file("data/corrections.toml")
            .watch_file("content/extra.toml");
        let plan = f.watch_plan();
        assert_eq!(
            plan,
            vec![
                (root.to_path_buf(), RecursiveMode::NonRecursive),
                (root.join("content"), RecursiveMode::Recursive),
                (root.join("static"), RecursiveMode::Recursive),
                (root.join("data"), RecursiveMode::NonRecursive),
            ]
        );
        assert!(f.is_source_dir(&root.join("themes")));
        assert!(!f.is_source_dir(&root.join("themes/plain")));
    }
}
