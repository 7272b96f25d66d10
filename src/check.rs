//! `gazette check`: everything `build` would read, validated; nothing written.

use std::path::Path;

use crate::diag::Diagnostics;

/// Checks the site at `root`. Returns the warnings on success.
pub fn check(_root: &Path) -> Result<Diagnostics, Diagnostics> {
    Err(crate::diag::Diagnostic::error("check is not written yet").into())
}
