//! The content pass: raw captures become entries.

pub mod actors;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::entry::Entry;
use crate::source::SourceFile;

/// The content pass over a set of captures, run together so that captures
/// of one story merge.
pub fn ingest(_sources: &[SourceFile], _config: &Config) -> (Vec<Entry>, Diagnostics) {
    (Vec::new(), Diagnostics::new())
}
