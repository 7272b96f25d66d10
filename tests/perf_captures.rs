//! Bounded memory in the content pass: it lets each raw capture go once its
//! drafts are read, and holds each draft's prose once (the actor pass and
//! the entry body share it). The test runs the pass (as `gazette extract`
//! does) over large captures and checks that the heap bytes live at once
//! never exceed 2.25 times their size. The captures, the drafts, the
//! merge's sentence index and the entries each take about the text's size,
//! and only some of them overlap: 1.90 times here. Keeping the captures
//! until the pass ends took 2.90, holding the prose twice 2.56, and both
//! (the pass before) 3.51. (The RSS figures themselves are the benchmark's
//! business: `bench/run.py`.)
//!
//! One test in this file on purpose: live bytes are counted per process.

mod common;

// Counts the bytes live at once, exactly: RSS would measure the allocator
// (what it keeps after a free, and when) as much as the pass.
#[global_allocator]
static LIVE: peak_alloc::PeakAlloc = peak_alloc::PeakAlloc;

use common::Fixture;

#[test]
fn the_content_pass_holds_neither_captures_nor_prose_twice() {
    let f = Fixture::new("title = \"Coastal Desk\"\nbase_url = \"https://example.org/\"\n");
    // 60 captures of about 250 KB of article prose each: 15 MB, kept
    // almost whole by the pass. Every sentence differs, so nothing is
    // dropped as repeated page furniture or merged as the same story.
    let mut total = 0;
    for n in 0..60 {
        let mut text = format!(
            "Harbour council session {n} ends without a vote\n\nBy Lena Brandt\n\nMarch {}, 2022\n\n",
            1 + n % 28
        );
        let mut k = 0;
        while text.len() < 250 * 1024 {
            text.push_str(&format!(
                "In sitting {n}, item {k} of the agenda, the harbour council weighed the sea \
                 wall, ferry timetable number {} and repair bill {} before it adjourned again.\n\n",
                k * 7 + n,
                k * 13 + n * 3
            ));
            k += 1;
        }
        total += text.len() as u64;
        f.file(&format!("content/session-{n}.txt"), &text);
    }
    let files: Vec<std::path::PathBuf> = (0..60)
        .map(|n| f.root().join(format!("content/session-{n}.txt")))
        .collect();
    let before = LIVE.current_usage() as u64;
    LIVE.reset_peak_usage();
    let (entries, _) =
        gazette::extract::entries_with_paths(&files, f.root()).expect("the pass runs");
    let grown = (LIVE.peak_usage() as u64).saturating_sub(before);
    assert_eq!(entries.len(), 60);
    // The prose reached the entries whole.
    let body: u64 = entries.iter().map(|(e, _)| e.body.len() as u64).sum();
    assert!(body > total * 9 / 10, "{body} of {total} bytes");
    assert!(
        grown < 9 * total / 4,
        "peak memory grew by {grown} bytes for {total} bytes of captures: \
         the pass holds captures beside their prose, or the prose twice"
    );
}
