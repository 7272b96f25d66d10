//! `gazette extract --json`: the content pass's view, for scripts.

use std::path::PathBuf;

use crate::diag::Diagnostics;

/// Runs the content pass over `files` and returns the JSON array text.
pub fn extract_json(_files: &[PathBuf]) -> Result<(String, Diagnostics), Diagnostics> {
    Err(crate::diag::Diagnostic::error("extract is not written yet").into())
}
