//! `gazette import`: captures become editable Markdown files.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files left alone because the user edited them.
    pub skipped: Vec<PathBuf>,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// Imports `inputs` (files or folders) into `out`.
pub fn import(_inputs: &[PathBuf], _out: &Path, _force: bool) -> Result<ImportReport, Diagnostics> {
    Err(crate::diag::Diagnostic::error("import is not written yet").into())
}
