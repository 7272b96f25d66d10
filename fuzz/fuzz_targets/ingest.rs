//! Fuzzes the content pass: any bytes, decoded as `build` decodes them,
//! split into two captures so cross-capture merging runs too. It must
//! never panic, and no body may hold an unescaped `<`.
//!
//! Run with `cargo +nightly fuzz run ingest` from the repository root.
#![no_main]

use gazette::config::Config;
use gazette::ingest::ingest;
use gazette::source::{SourceFile, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0xff).unwrap_or(data.len());
    let (a, b) = data.split_at(cut);
    let (ta, _) = decode(a.to_vec(), "a.txt");
    let (tb, _) = decode(b.to_vec(), "b.txt");
    let sources = [SourceFile::from_text("a.txt", ta), SourceFile::from_text("b.txt", tb)];
    let (entries, _) = ingest(&sources, &Config::default());
    for e in entries {
        let mut backslashes = 0usize;
        for c in e.body.chars() {
            assert!(c != '<' || backslashes % 2 == 1, "unescaped < in {:?}", e.body);
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
    }
});
