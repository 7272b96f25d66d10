//! `gazette init`: a starter site that builds at once.

use std::path::Path;

use crate::diag::Diagnostic;

/// Writes a starter site into `dir`, which must be empty or absent.
pub fn init(_dir: &Path) -> Result<(), Diagnostic> {
    Err(Diagnostic::error("init is not written yet"))
}
