//! Bounded memory: a build streams rendered pages to disk instead of
//! holding the site. The test builds an archive whose output is many times
//! larger than its input and checks that the process's peak memory grew by
//! far less than the output's size, which it could not if any structure
//! held all rendered pages at once. (The RSS figures themselves are the
//! benchmark's business: `bench/run.py`.)
//!
//! One test in this file on purpose: peak RSS is per process.

mod common;

use common::Fixture;

fn output_size(dir: &std::path::Path) -> u64 {
    common::files(dir)
        .iter()
        .map(|rel| std::fs::metadata(dir.join(rel)).map_or(0, |m| m.len()))
        .sum()
}

#[test]
fn a_build_never_holds_all_rendered_pages_in_memory() {
    let f = Fixture::new(
        "title = \"Coastal Desk\"\nbase_url = \"https://example.org/\"\npaginate = 50\nfeed_limit = 5\n",
    );
    // Small inputs, large outputs: every entry page carries the theme's
    // chrome, and every entry is listed on day, month, year, index, actor,
    // place and outlet pages.
    let actors = [
        "Mara Ode",
        "Ivo Lind",
        "Port Authority",
        "Rail Union",
        "Tessa Grau",
    ];
    for n in 0..3000 {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        let actor = actors[n % actors.len()];
        f.entry(
            &format!("{n}.md"),
            &format!(
                "title = \"Harbour council meets for session {n}\"\ndate = 2022-{month:02}-{day:02}T10:00:00Z\nactors = [\"{actor}\"]\nplaces = [\"Aldport\"]\noutlet = \"Coastal Daily\"\nsummary = \"The council met again about the harbour wall and the ferry timetable.\""
            ),
            "The council met again.",
        );
    }
    // A theme with a long standards footer on every page (20 KB of markup
    // held once as a template, written once per page).
    let base = gazette::theme::Theme::builtin().templates["base.html"]
        .text
        .clone();
    let footer = "<p>Corrections are published within a day of being reported to the desk.</p>\n"
        .repeat(260);
    f.file(
        "templates/base.html",
        &base.replace("</body>", &format!("<aside>{footer}</aside></body>")),
    );
    let Some((report, grown)) = common::build_measuring_peak(f.root()) else {
        return; // not Linux: nothing to measure
    };
    let output = output_size(&f.public());
    assert!(report.pages > 3000, "{}", report.pages);
    // The test only means something if the output dwarfs what a build
    // needs anyway.
    assert!(output > 60 << 20, "output is only {output} bytes");
    assert!(
        grown < output / 3,
        "peak memory grew by {grown} bytes while writing {output} bytes: pages are being held"
    );
}
