//! How fast `serve --watch` shows a save: generates an archive (10,000
//! Markdown entries by default; `GAZETTE_BENCH_ENTRIES` to change it) with
//! `bench/gen_corpus.py`, starts the incremental rebuilder, then times a
//! body edit and an actor change from the file write to the rewritten
//! files, called directly and once through the real watcher and debouncer.
//! Also times a full `build` of the same archive. Prints; never asserts.
//!
//! Run: `cargo bench --bench rebuild` (`GAZETTE_BENCH_QUICK=1` times only
//! the two edits: no full build, no watcher).
#![allow(clippy::print_stdout)] // a benchmark prints its figures

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use gazette::build::{self, BuildOptions};
use gazette::rebuild::{IncrementalRebuilder, RebuildTimings};
use gazette::serve::{Rebuilder, ServeEvent, Server, ServerOptions};

// The allocator the gazette binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 5;

fn main() {
    let entries: usize = std::env::var("GAZETTE_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("site");
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_corpus.py");
    let t = Instant::now();
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--entries", &entries.to_string(), "--kind", "md", "--out"])
        .arg(&root)
        .status()
        .expect("run python3 bench/gen_corpus.py");
    assert!(status.success(), "the corpus generator failed");
    println!(
        "corpus: {entries} Markdown entries generated in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let root = root.canonicalize().expect("site root");
    let base_url = "http://127.0.0.1:1111/";
    let quick = std::env::var_os("GAZETTE_BENCH_QUICK").is_some();

    // A full build of the same archive, for comparison.
    let full_out = tmp.path().join("full");
    let opts = BuildOptions {
        root: root.clone(),
        output: Some(full_out.clone()),
        base_url: Some(base_url.into()),
        drafts: false,
        // A cold full build, as a first `serve` would do it.
        no_cache: true,
    };
    if !quick {
        full_builds(&opts, &full_out);
    }
    let mut r = IncrementalRebuilder::new(BuildOptions {
        output: Some(tmp.path().join("serve")),
        ..opts.clone()
    });
    let t = Instant::now();
    r.build_all().expect("first build");
    println!(
        "incremental: first build    {:>8.1} ms ({})",
        ms(t.elapsed()),
        phases(&r.last_timings())
    );

    let target = pick_entry(&root.join("content"));
    let original = std::fs::read_to_string(&target).expect("read the entry");

    // (a) a body edit.
    time_edits("(a) body edit: ", &mut r, &target, |run| {
        format!("{original}\nA late paragraph, revision {run}.\n")
    });
    // (b) an actor change: one actor replaced by another.
    time_edits("(b) actor edit:", &mut r, &target, |run| {
        swap_actor(&original, run)
    });
    std::fs::write(&target, &original).expect("write");
    r.rebuild(std::slice::from_ref(&target)).expect("rebuild");

    // (c) the same body edit through the real watcher and debouncer.
    if !quick {
        through_watcher(r, &root, &target, &original);
    }
}

/// Times a cold full build and one with nothing changed.
fn full_builds(opts: &BuildOptions, full_out: &Path) {
    let t = Instant::now();
    let report = build::build(opts).expect("full build");
    println!(
        "full build (cold):          {:>8.1} ms, {} pages",
        ms(t.elapsed()),
        report.pages
    );
    let t = Instant::now();
    build::build(opts).expect("full build");
    println!("full build (nothing changed): {:>6.1} ms", ms(t.elapsed()));
    let _ = std::fs::remove_dir_all(full_out);
}

/// Writes `edit(run)` into `target` RUNS times, timing each write until
/// the rebuild has rewritten the files, and prints the median and best.
fn time_edits(
    label: &str,
    r: &mut IncrementalRebuilder,
    target: &Path,
    edit: impl Fn(usize) -> String,
) {
    let mut times = Vec::new();
    let mut rewritten = 0;
    for run in 0..RUNS {
        let text = edit(run);
        let t = Instant::now();
        std::fs::write(target, text).expect("write");
        let rep = r.rebuild(&[target.to_path_buf()]).expect("rebuild");
        times.push(t.elapsed());
        rewritten = rep.pages_rewritten;
    }
    println!(
        "{label} median {:>6.1} ms, best {:>6.1} ms; {rewritten} files rewritten ({})",
        ms(median(&mut times)),
        ms(times[0]),
        phases(&r.last_timings())
    );
}

/// Starts the real server with watching on, saves the entry and times the
/// save until the rebuild is reported (what the browser is told).
fn through_watcher(r: IncrementalRebuilder, root: &Path, target: &Path, original: &str) {
    let (tx, rx) = mpsc::channel::<Duration>();
    let tx = Mutex::new(tx);
    let rebuilt = Arc::new(move |e: &ServeEvent| {
        if let ServeEvent::Rebuilt(rep) = e
            && let Ok(tx) = tx.lock()
        {
            let _ = tx.send(rep.elapsed);
        }
    });
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let opts = ServerOptions {
        watch: true,
        ..ServerOptions::new(root)
    };
    let server = match Server::start(r, listener, opts, rebuilt) {
        Ok(s) => s,
        Err(d) => {
            println!("(c) through the watcher: cannot start the server: {d}");
            return;
        }
    };
    // Let the watcher settle.
    std::thread::sleep(Duration::from_millis(300));
    let mut times = Vec::new();
    let mut inner = Vec::new();
    for run in 0..RUNS {
        let text = format!("{original}\nA watched paragraph, revision {run}.\n");
        let t = Instant::now();
        std::fs::write(target, text).expect("write");
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(rebuild) => {
                times.push(t.elapsed());
                inner.push(rebuild);
            }
            Err(_) => {
                println!("(c) through the watcher: no rebuild reported within 30 s");
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
        while rx.try_recv().is_ok() {}
    }
    if !times.is_empty() {
        println!(
            "(c) body edit through watcher + debouncer: median {:>6.1} ms save -> rebuilt \
             (rebuild itself {:.1} ms; debounce quiet window {} ms)",
            ms(median(&mut times)),
            ms(median(&mut inner)),
            gazette::serve::watch::QUIET.as_millis()
        );
    }
    std::fs::write(target, original).expect("write");
    server.shutdown();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn phases(t: &RebuildTimings) -> String {
    format!(
        "read {:.1}, index {:.1}, plan {:.1}, render {:.1} [{} pages], sync {:.1} ms",
        ms(t.read),
        ms(t.index),
        ms(t.plan),
        ms(t.render),
        t.rendered,
        ms(t.sync)
    )
}

/// A Markdown entry in the middle of the archive.
fn pick_entry(content: &Path) -> PathBuf {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    all.sort();
    all.swap_remove(all.len() / 2)
}

/// The entry with its first actor replaced by a made-up one (a new actor
/// page appears, the old actor's pages change).
fn swap_actor(text: &str, run: usize) -> String {
    text.lines()
        .map(|l| {
            if let Some(rest) = l.strip_prefix("actors = [\"") {
                let after = rest.split_once('"').map_or("]", |(_, a)| a);
                format!("actors = [\"Bench Actor {run}\"{after}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
