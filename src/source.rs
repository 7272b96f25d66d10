//! Source files: the bytes under `content/`, decoded to text.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::Diagnostic;

/// One input file, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// The name shown to people and stored in `captured_from`: relative to
    /// the site root, or the bare file name for a file outside it. Never an
    /// absolute path of this machine.
    pub name: String,
    /// The text, decoded from UTF-8 (or Latin-1, with a warning).
    pub text: String,
}

impl SourceFile {
    /// Reads and decodes `path`; `root` decides how it is named.
    pub fn read(path: &Path, root: &Path) -> Result<(SourceFile, Option<Diagnostic>), Diagnostic> {
        let name = display_name(path, root);
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error("cannot read file")
                .at(name.clone())
                .cause_chain(&e)
        })?;
        let (text, warning) = decode(bytes, &name);
        Ok((
            SourceFile {
                path: path.to_path_buf(),
                name,
                text,
            },
            warning,
        ))
    }

    /// A source made from text in memory (tests, benchmarks).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let name = name.into();
        SourceFile {
            path: PathBuf::from(&name),
            name,
            text: text.into(),
        }
    }
}

/// Decodes bytes as UTF-8 (without a BOM), falling back to Latin-1 (every
/// byte is a character, so nothing is lost) with a warning.
pub fn decode(bytes: Vec<u8>, name: &str) -> (String, Option<Diagnostic>) {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text: String = e.as_bytes().iter().map(|&b| b as char).collect();
            let warning = Diagnostic::warning("file is not UTF-8; read it as Latin-1")
                .at(name)
                .cause(format!("invalid UTF-8 at byte {valid}"));
            (text, Some(warning))
        }
    }
}

/// The name of `path` as shown to people: relative to `root` when inside
/// it, else the bare file name.
pub fn display_name(path: &Path, root: &Path) -> String {
    // Fast path, no system calls: a path spelled under the root (as the
    // content walk makes them). Canonicalising costs a readlink per
    // component, which showed in the profile of a 10,000-file build.
    if let Ok(rel) = path.strip_prefix(root)
        && rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && !rel.as_os_str().is_empty()
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (ap, ar) = (abs(path), abs(root));
    match ap.strip_prefix(&ar) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string_lossy().into_owned()),
    }
}

/// Runs `work`, which reads `paths` (on every core, each file in turn),
/// while a thread of its own asks the kernel to read them ahead, if a
/// sample of them is not in memory: a first build after a reboot, or an
/// archive larger than what the system caches. The readers then find their
/// files read instead of waiting for each on each core, and the disk gets
/// many requests at once. When the sample is in memory (the usual case) it
/// costs a few opens, and nothing runs beside `work`.
pub fn with_read_ahead<R: Send>(paths: &[&Path], work: impl FnOnce() -> R + Send) -> R {
    if !paths
        .iter()
        .step_by(paths.len().div_ceil(8).max(1))
        .any(|p| !cached(p))
    {
        return work();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| read_ahead(paths, &done));
        let result = work();
        done.store(true, Ordering::Relaxed);
        result
    })
}

/// Asks the kernel to read `paths` into memory, until `done`. Rayon hands
/// each worker a contiguous part of the list (halves, then quarters as work
/// is stolen), so the files are taken from as many evenly spread points as
/// there are workers, in turn: roughly in the order the workers reach them.
fn read_ahead(paths: &[&Path], done: &AtomicBool) {
    let lanes = rayon::current_num_threads().max(1);
    let per_lane = paths.len().div_ceil(lanes);
    for step in 0..per_lane {
        for lane in 0..lanes {
            if done.load(Ordering::Relaxed) {
                return;
            }
            if let Some(path) = paths.get(lane * per_lane + step) {
                will_need(path);
            }
        }
    }
}

/// Whether the start of the file at `path` is in memory. Anything that
/// cannot tell (an unreadable file, a system without `RWF_NOWAIT`) counts as
/// in memory: reading ahead is only ever a hint.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn cached(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return true;
    };
    let mut byte = [0u8; 1];
    let read = rustix::io::preadv2(
        &file,
        &mut [std::io::IoSliceMut::new(&mut byte)],
        0,
        rustix::io::ReadWriteFlags::NOWAIT,
    );
    !matches!(read, Err(e) if e == rustix::io::Errno::AGAIN)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn cached(_path: &Path) -> bool {
    true
}

/// Asks the kernel to read the file at `path` into memory, without waiting.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn will_need(path: &Path) {
    if let Ok(file) = std::fs::File::open(path) {
        let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::WillNeed);
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn will_need(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the last page of the file at `path` is in memory. A probe
    /// that misses starts reading that page, so each file is probed once.
    #[cfg(target_os = "linux")]
    fn tail_cached(path: &Path, len: u64) -> bool {
        let file = std::fs::File::open(path).unwrap();
        let mut byte = [0u8; 1];
        let read = rustix::io::preadv2(
            &file,
            &mut [std::io::IoSliceMut::new(&mut byte)],
            len - 1,
            rustix::io::ReadWriteFlags::NOWAIT,
        );
        !matches!(read, Err(e) if e == rustix::io::Errno::AGAIN)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn files_not_in_memory_are_read_ahead_while_the_work_runs() {
        const LEN: u64 = 256 * 1024;
        let tmp = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..16)
            .map(|i| tmp.path().join(format!("{i}.md")))
            .collect();
        let drop_all = || {
            for p in &paths {
                // Written back, then dropped from memory.
                let file = std::fs::File::open(p).unwrap();
                file.sync_all().unwrap();
                rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::DontNeed).unwrap();
            }
        };
        for p in &paths {
            std::fs::write(p, "x".repeat(LEN as usize)).unwrap();
        }
        drop_all();
        if tail_cached(&paths[0], LEN) {
            // A file system that keeps files in memory (tmpfs) or cannot
            // tell: nothing to read ahead.
            return;
        }
        drop_all();
        let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        // The work reads nothing: only reading ahead can bring the files'
        // ends into memory meanwhile. It waits until they are there, up to
        // a deadline generous enough for a loaded machine (16 x 256 KB).
        with_read_ahead(&refs, || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while std::time::Instant::now() < deadline && !paths.iter().all(|p| tail_cached(p, LEN))
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        });
        let missing: Vec<&PathBuf> = paths.iter().filter(|p| !tail_cached(p, LEN)).collect();
        assert!(missing.is_empty(), "not read ahead: {missing:?}");
    }

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let (text, w) = decode(b"caf\xe9".to_vec(), "a.txt");
        assert_eq!(text, "café");
        assert!(w.unwrap().to_string().contains("not UTF-8"));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (text, w) = decode(b"\xEF\xBB\xBFhi".to_vec(), "a.txt");
        assert_eq!(text, "hi");
        assert!(w.is_none());
    }

    #[test]
    fn files_outside_the_root_go_by_bare_name() {
        let dir = std::env::temp_dir();
        let name = display_name(
            &dir.join("x").join("cap.txt"),
            Path::new("/nonexistent-root"),
        );
        assert_eq!(name, "cap.txt");
    }
}
