//! Bounded memory: a build never holds every entry's body at once. It
//! digests each Markdown body as it reads it, lets it go, and reads it
//! again when it renders the entry's page. The test builds an archive
//! whose bodies are large and checks that the process's peak memory grew by
//! far less than the bodies' total size, which it could not if the index
//! held them. (The RSS figures themselves are the benchmark's business:
//! `bench/run.py`.)
//!
//! One test in this file on purpose: peak RSS is per process.

mod common;

use common::Fixture;

#[test]
fn a_build_never_holds_every_body_in_memory() {
    let f = Fixture::new(
        "title = \"Coastal Desk\"\nbase_url = \"https://example.org/\"\nfeed_limit = 2\n",
    );
    // 300 entries of about 200 KB each: 60 MB of bodies, and little else.
    let paragraph = "The harbour council met again about the sea wall, the ferry \
                     timetable and the cost of the repairs, and agreed on nothing.\n\n";
    let body = paragraph.repeat(200 * 1024 / paragraph.len());
    let mut total = 0;
    for n in 0..300 {
        let text = format!("Session {n}.\n\n{body}");
        total += text.len() as u64;
        f.entry(
            &format!("{n}.md"),
            &format!(
                "title = \"Harbour council session {n}\"\ndate = 2022-03-{:02}T10:00:00Z",
                1 + n % 28
            ),
            &text,
        );
    }
    let Some((report, grown)) = common::build_measuring_peak(f.root()) else {
        return; // not Linux: nothing to measure
    };
    assert!(report.pages > 300, "{}", report.pages);
    // Every body reached its page.
    let page = std::fs::read_to_string(
        f.public()
            .join("2022/03/05/harbour-council-session-4/index.html"),
    )
    .expect("an entry page");
    assert!(page.contains("Session 4."), "the page lacks its body");
    assert!(page.matches("agreed on nothing").count() > 1000);
    assert!(
        grown < total / 3,
        "peak memory grew by {grown} bytes for {total} bytes of bodies: bodies are being held"
    );
}
