//! Throughput of the content pass: MB/s of captures per core.
//!
//! Generates a multi-MB corpus of fictional captures (articles with
//! furniture, live blogs, dumps, aggregator pages), then times
//! `ingest::ingest` on one thread, then on every core. Run with
//! `cargo bench --bench ingest`.

use std::time::Instant;

use gazette::config::Config;
use gazette::ingest::ingest;
use gazette::source::SourceFile;

// The allocator the gazette binary uses, so the figure is the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const NAMES: &[&str] = &[
    "Mari Tamm",
    "Priit Saar",
    "Helena Org",
    "Jaan Kuusk",
    "Liis Kask",
    "Karl Berg",
];
const PLACES: &[&str] = &["Tallinn", "Helsinki", "Riga", "Pärnu", "Tartu", "Klaipeda"];

fn sentence(i: usize) -> String {
    let who = NAMES[i % NAMES.len()];
    let place = PLACES[(i / 7) % PLACES.len()];
    format!(
        "{who} said on Thursday that talks in {place} over the port dispute number {i} had made \"real progress\", although several questions about wages and shifts remained open."
    )
}

fn article(n: usize) -> String {
    let mut s = String::from("Accessibility links\n\nBreaking News\n\n");
    s.push_str(&format!(
        "Port Talks Resume In Round {n} As Pressure Grows\n\n"
    ));
    s.push_str("A crane stands idle at the harbour on Monday.\nA crane stands idle at the harbour on Monday. (Liis Kask/AFP/Getty Images)\n\n");
    for p in 0..25 {
        s.push_str(&sentence(n * 100 + p));
        s.push_str("\n\n");
        if p == 10 {
            s.push_str("Ports Brace For Longer Shutdown\nplease wait\n\nNo media source currently available\n\n0:00 0:02:41 0:00\n\n");
        }
    }
    s.push_str("With reporting by AFP and BNS\n  • 16x9 Image\n\n    NWR journalists report the news in 12 languages.\n\nNWR is funded by its readers.\n");
    s
}

fn live_blog(n: usize) -> String {
    let mut s = String::from(
        "Port strike: live updates\n\nBy Ana Lima and Tom Reed, WNN\n\nUpdated 7:40 p.m. ET, July 14, 2022\n12 Posts\nSort byDropdown arrow\n",
    );
    for p in 0..12 {
        s.push_str(&format!(
            "{}:{:02} p.m. ET, July 14, 2022\n\nPost {p} of blog {n}: negotiators report progress\n\nFrom WNN's Karl Berg in Tallinn\n\n",
            1 + p % 11,
            (p * 7) % 60
        ));
        for k in 0..5 {
            s.push_str(&sentence(n * 1000 + p * 10 + k));
            s.push_str("\n\n");
        }
    }
    s
}

fn dump(n: usize) -> String {
    let mut s = format!("Port dispute digest {n}\n20220714\nhttps://wnn.example/digest/{n}\n");
    for k in 0..30 {
        s.push_str(
            &sentence(n * 7000 + k)
                .replace(" the ", " the")
                .replacen("talks in", "talksin", 1),
        );
        s.push('\n');
    }
    s
}

fn aggregator(n: usize) -> String {
    let mut s = format!(
        " date 2022-07-15 Mediator meets both sides, round {n}\n\n  • Oops!\n    Something went wrong.\n    Please try again later.\n·3 min read\nIn this article:\n  • Mari Tamm\n    Mari Tamm\n    Estonian politician\n"
    );
    for k in 0..20 {
        s.push_str(&sentence(n * 3000 + k));
        s.push_str("\n\n");
    }
    s.push_str("Recommended Stories\n\n");
    for k in 0..20 {
        s.push_str(&format!("  • Unrelated teaser {k}\n\n    A short summary of another story that nobody needs here.\n\n"));
    }
    s
}

fn main() {
    let mut sources = Vec::new();
    let mut bytes = 0usize;
    let mut n = 0;
    while bytes < 8 * 1024 * 1024 {
        for (kind, text) in [
            ("a", article(n)),
            ("b", live_blog(n)),
            ("d", dump(n)),
            ("g", aggregator(n)),
        ] {
            bytes += text.len();
            sources.push(SourceFile::from_text(format!("{kind}{n}.txt"), text));
        }
        n += 1;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    let config = Config::default();
    // The best of three runs. Wall-clock time suffers when other processes
    // share the core, so on Linux the time the thread actually spent on the
    // CPU (from /proc/thread-self/schedstat) is reported too.
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut entries = 0;
    for _ in 0..3 {
        let start = Instant::now();
        let (e, cpu) = pool.install(|| {
            let before = cpu_seconds();
            let (e, _) = ingest(&sources, &config);
            (e, cpu_seconds().zip(before).map(|(a, b)| a - b))
        });
        best = best.min(start.elapsed().as_secs_f64());
        if let Some(cpu) = cpu {
            best_cpu = best_cpu.min(cpu);
        }
        entries = e.len();
    }
    let mb = bytes as f64 / (1024.0 * 1024.0);
    eprintln!(
        "ingest: {mb:.1} MB in {} captures -> {entries} entries in {best:.3} s on 1 thread: {:.1} MB/s per core (wall clock)",
        sources.len(),
        mb / best
    );
    if best_cpu < f64::MAX {
        eprintln!(
            "ingest: {best_cpu:.3} s of CPU time: {:.1} MB/s per core (CPU time)",
            mb / best_cpu
        );
    }
    // The same corpus on every core: how well the pass scales.
    let threads = rayon::current_num_threads();
    let mut best_all = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let (e, _) = ingest(&sources, &config);
        best_all = best_all.min(start.elapsed().as_secs_f64());
        assert_eq!(e.len(), entries, "same entries on any number of threads");
    }
    eprintln!(
        "ingest: {best_all:.3} s on {threads} threads: {:.1} MB/s (wall clock), {:.2}x one thread",
        mb / best_all,
        best / best_all
    );
}

/// Seconds this thread has spent on a CPU, where the kernel tells.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
