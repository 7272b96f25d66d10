//! Writing the site: pages stream into a staging folder beside the output,
//! and only a build that fully succeeded is synced into the output.
//!
//! The sync rewrites only files whose bytes changed (unchanged files keep
//! their modification time, so `rsync`-style deploys send only changes),
//! replaces changed files by rename, and removes files no longer produced.
//! A failed build drops the staging folder and leaves the output as it was.

// ahash: staging looks up a path per written file; SipHash showed in profiles.
use ahash::AHashSet as HashSet;
use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A staging folder for one build.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// Whether the output existed when staging began: a first build has
    /// nothing to compare with, so it skips a lookup per file.
    output_exists: bool,
    /// Files written with the bytes the output already holds: they are not
    /// staged at all (no write, no rename), only kept by the sync.
    unchanged: Mutex<HashSet<String>>,
    /// Files written into staging, for the sync (no walk of staging).
    staged: Mutex<HashSet<String>>,
    /// Folders of staging known to exist (relative, with `/`), so each is
    /// made once, with one system call, however many files go into it.
    made: Mutex<HashSet<String>>,
    /// The staging folder, open: folders and files are made relative to it,
    /// so the kernel walks only the path inside staging.
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files new or changed in the output.
    pub written: usize,
    /// Files left alone because their bytes were the same.
    pub unchanged: usize,
    /// Files removed from the output.
    pub removed: usize,
}

/// Which files of the output a sync may remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Every file the staging folder does not hold (a full build).
    Stale,
    /// Only these output-relative paths (an incremental rebuild that wrote
    /// just the pages it changed).
    Only(Vec<String>),
}

/// The staging folder for `output`: `<parent>/.<name>.staging`.
pub fn staging_dir(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.staging"))
}

impl Staging {
    /// Creates an empty staging folder for `output`, removing one a crashed
    /// build may have left behind.
    pub fn new(output: &Path) -> io::Result<Staging> {
        let dir = staging_dir(output);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        let fd = {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            rustix::fs::open(&dir, flags, Mode::empty())?
        };
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            output_exists: output.exists(),
            unchanged: Mutex::new(HashSet::new()),
            staged: Mutex::new(HashSet::new()),
            made: Mutex::new(HashSet::new()),
            #[cfg(unix)]
            fd,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file (`rel` uses `/`). Safe to call from many threads.
    /// A file whose bytes the output already holds is not staged.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_checked(rel, bytes).map(|_| ())
    }

    /// [`Staging::write`], saying whether the file was staged (`true`) or
    /// already in the output with these bytes (`false`).
    pub fn write_checked(&self, rel: &str, bytes: &[u8]) -> io::Result<bool> {
        self.write_checked_meta(rel, bytes)
            .map(|(staged, _)| staged)
    }

    /// [`Staging::write_checked`], also returning the metadata of the file
    /// the output will hold: the staged file's (its length and modification
    /// time survive the sync's rename) or the output's own. A build cache
    /// records them without a lookup per file after the sync.
    pub fn write_checked_meta(&self, rel: &str, bytes: &[u8]) -> io::Result<(bool, Metadata)> {
        inside(rel)?;
        let existing = self.output.join(rel);
        if self.output_exists
            && let Ok(meta) = std::fs::metadata(&existing)
            && meta.is_file()
            && meta.len() == bytes.len() as u64
            && std::fs::read(&existing).is_ok_and(|old| old == bytes)
        {
            self.keep(rel);
            return Ok((false, meta));
        }
        let meta = self.write_new_meta(rel, bytes)?;
        Ok((true, meta))
    }

    /// Stages a file known to differ from the output (a build cache knows it
    /// from the recorded hash), without reading the output back.
    pub fn write_new(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.write_new_meta(rel, bytes).map(|_| ())
    }

    /// [`Staging::write_new`], returning the staged file's metadata (read
    /// from the open file, which costs no path lookup).
    pub fn write_new_meta(&self, rel: &str, bytes: &[u8]) -> io::Result<Metadata> {
        if let Ok(mut u) = self.unchanged.lock() {
            u.remove(rel);
        }
        inside(rel)?;
        if let Some((parent, _)) = rel.rsplit_once('/') {
            self.make_dir(parent)?;
        }
        let mut file = self.create(rel)?;
        file.write_all(bytes)?;
        let meta = file.metadata()?;
        drop(file);
        if let Ok(mut s) = self.staged.lock() {
            s.insert(rel.to_string());
        }
        Ok(meta)
    }

    /// Makes the folder `rel` of staging and any missing parents, parents
    /// first: one `mkdir` per folder, none that fails for want of a parent.
    fn make_dir(&self, rel: &str) -> io::Result<()> {
        if rel.is_empty() || self.made.lock().is_ok_and(|m| m.contains(rel)) {
            return Ok(());
        }
        if let Some((parent, _)) = rel.rsplit_once('/') {
            self.make_dir(parent)?;
        }
        match self.mkdir(rel) {
            Ok(()) => {}
            // Another thread made it meanwhile (or a file sits there, which
            // creating the file inside it then reports).
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        if let Ok(mut m) = self.made.lock() {
            m.insert(rel.to_string());
        }
        Ok(())
    }

    #[cfg(unix)]
    fn mkdir(&self, rel: &str) -> io::Result<()> {
        use rustix::fs::Mode;
        Ok(rustix::fs::mkdirat(
            &self.fd,
            rel,
            Mode::from_raw_mode(0o777),
        )?)
    }

    #[cfg(not(unix))]
    fn mkdir(&self, rel: &str) -> io::Result<()> {
        std::fs::create_dir(self.dir.join(rel))
    }

    /// Creates (or truncates) the file `rel` of staging.
    #[cfg(unix)]
    fn create(&self, rel: &str) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, rel, flags, Mode::from_raw_mode(0o666))?;
        Ok(File::from(fd))
    }

    #[cfg(not(unix))]
    fn create(&self, rel: &str) -> io::Result<File> {
        File::create(self.dir.join(rel))
    }

    /// Keeps the output's file at `rel` as it is (a full sync must not
    /// remove it), dropping any copy staged earlier under the same name.
    pub fn keep(&self, rel: &str) {
        if let Ok(mut u) = self.unchanged.lock() {
            u.insert(rel.to_string());
        }
        // A file staged earlier under the same name must not win.
        if let Ok(mut s) = self.staged.lock()
            && s.remove(rel)
        {
            let _ = std::fs::remove_file(self.dir.join(rel));
        }
    }

    /// Copies a folder's files into staging (for `static/`); returns how
    /// many. Dot-files are skipped.
    pub fn copy_dir(&self, src: &Path) -> io::Result<usize> {
        if !src.is_dir() {
            return Ok(0);
        }
        let mut n = 0;
        let walker = walkdir::WalkDir::new(src)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for item in walker {
            let item = item.map_err(io::Error::other)?;
            if !item.file_type().is_file() {
                continue;
            }
            let rel = item.path().strip_prefix(src).map_err(io::Error::other)?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            self.write(&rel, &std::fs::read(item.path())?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Syncs staging into the output, then removes staging.
    pub fn commit(self, removal: Removal) -> io::Result<SyncReport> {
        let unchanged = self.unchanged.into_inner().unwrap_or_default();
        let mut staged: Vec<String> = self
            .staged
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .collect();
        staged.sort_unstable();
        let report = sync(&self.dir, &self.output, &staged, &unchanged, &removal)?;
        std::fs::remove_dir_all(&self.dir)?;
        Ok(report)
    }

    /// Drops staging; the output is untouched.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Refuses a path (`/` separated) that would lead out of the site: files
/// are made relative to the staging folder, and the output is read at the
/// same path.
fn inside(rel: &str) -> io::Result<()> {
    if rel.starts_with('/') || rel.split('/').any(|c| c == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{rel}` is not a path inside the site"),
        ));
    }
    Ok(())
}

fn relative_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for item in walkdir::WalkDir::new(dir) {
        let item = item.map_err(io::Error::other)?;
        if item.file_type().is_dir() {
            continue;
        }
        let rel = item.path().strip_prefix(dir).map_err(io::Error::other)?;
        out.push(rel.to_string_lossy().replace('\\', "/"));
    }
    Ok(out)
}

fn sync(
    staging: &Path,
    output: &Path,
    produced: &[String],
    unchanged: &HashSet<String>,
    removal: &Removal,
) -> io::Result<SyncReport> {
    if !output.exists() && unchanged.is_empty() {
        // A first build: the whole staging folder becomes the output in one
        // rename, instead of one rename per file.
        let written = produced.len();
        if let Some(parent) = output.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::rename(staging, output)?;
        std::fs::create_dir_all(staging)?; // commit() removes it
        return Ok(SyncReport {
            written,
            ..SyncReport::default()
        });
    }
    std::fs::create_dir_all(output)?;
    let mut report = SyncReport {
        unchanged: unchanged.len(),
        ..SyncReport::default()
    };
    // Staged files differ from the output (the writer compared them, or a
    // build cache knew from its recorded hashes), so they are moved
    // without reading either side again.
    for rel in produced {
        let from = staging.join(rel);
        let to = output.join(rel);
        if to.is_dir() {
            std::fs::remove_dir_all(&to)?;
        }
        if let Some(parent) = to.parent() {
            ensure_dir(parent, output)?;
        }
        std::fs::rename(&from, &to)?;
        report.written += 1;
    }
    let to_remove: Vec<String> = match removal {
        Removal::Stale => {
            let keep: HashSet<&str> = produced
                .iter()
                .chain(unchanged)
                .map(String::as_str)
                .collect();
            relative_files(output)?
                .into_iter()
                .filter(|r| !keep.contains(r.as_str()))
                .collect()
        }
        Removal::Only(paths) => paths.clone(),
    };
    for rel in to_remove {
        let path = output.join(&rel);
        if path.is_file() || path.is_symlink() {
            std::fs::remove_file(&path)?;
            report.removed += 1;
            remove_empty_parents(&path, output);
        }
    }
    Ok(report)
}

/// Creates `dir` under `root`, replacing a file that sits where a folder
/// must go (a page that became a section).
fn ensure_dir(dir: &Path, root: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut cur = dir;
    while cur != root {
        if cur.is_file() {
            std::fs::remove_file(cur)?;
            break;
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => break,
        }
    }
    std::fs::create_dir_all(dir)
}

fn remove_empty_parents(path: &Path, root: &Path) {
    let mut cur = path.parent();
    while let Some(dir) = cur {
        if dir == root || std::fs::remove_dir(dir).is_err() {
            break;
        }
        cur = dir.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_files_keep_their_mtime_and_stale_ones_go() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"same").unwrap();
        s.write("old.html", b"old").unwrap();
        s.commit(Removal::Stale).unwrap();
        let a = out.join("a/index.html");
        let t0 = std::fs::metadata(&a).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));

        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"same").unwrap();
        s.write("b.html", b"new").unwrap();
        let r = s.commit(Removal::Stale).unwrap();
        assert_eq!(
            r,
            SyncReport {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(std::fs::metadata(&a).unwrap().modified().unwrap(), t0);
        assert!(!out.join("old.html").exists());
        assert!(!staging_dir(&out).exists());
    }

    #[test]
    fn files_land_in_nested_folders_made_from_many_threads() {
        use rayon::prelude::*;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        let rels: Vec<String> = (0..200)
            .map(|i| format!("{}/{:02}/{}/index.html", 2020 + i % 3, i % 12, i))
            .chain(["top.html".to_string(), "2020/index.html".to_string()])
            .collect();
        rels.par_iter()
            .for_each(|r| s.write(r, r.as_bytes()).unwrap());
        s.commit(Removal::Stale).unwrap();
        for r in &rels {
            assert_eq!(std::fs::read_to_string(out.join(r)).unwrap(), *r);
        }
    }

    #[test]
    fn paths_that_leave_staging_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        for rel in [
            "../escaped.html",
            "a/../../escaped.html",
            "/tmp/escaped.html",
        ] {
            let err = s.write(rel, b"x").unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{rel}");
        }
        s.write("a/b/c/index.html", b"deep").unwrap();
        s.commit(Removal::Stale).unwrap();
        assert!(!tmp.path().join("escaped.html").exists());
        // With an output to compare against, the path is refused before
        // the output is read.
        std::fs::write(tmp.path().join("outside.html"), b"x").unwrap();
        let s = Staging::new(&out).unwrap();
        let err = s.write("../outside.html", b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        s.abandon();
        assert_eq!(
            std::fs::read(out.join("a/b/c/index.html")).unwrap(),
            b"deep"
        );
    }

    #[test]
    fn partial_commits_remove_only_what_they_name() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("x/index.html", b"x").unwrap();
        s.write("y/index.html", b"y").unwrap();
        s.commit(Removal::Stale).unwrap();
        let s = Staging::new(&out).unwrap();
        s.write("z/index.html", b"z").unwrap();
        s.commit(Removal::Only(vec!["x/index.html".into()]))
            .unwrap();
        assert!(!out.join("x").exists());
        assert!(out.join("y/index.html").exists());
        assert!(out.join("z/index.html").exists());
    }
}
