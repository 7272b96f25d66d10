//! `gazette serve`: a local preview that rebuilds on change.

use std::net::IpAddr;
use std::path::PathBuf;

use crate::diag::Diagnostics;

/// What `gazette serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The address to bind; loopback by default.
    pub interface: IpAddr,
    /// The port to try first.
    pub port: u16,
    /// Rebuild on change.
    pub watch: bool,
    /// Open a browser.
    pub open: bool,
}

/// Serves the site until Ctrl-C.
pub fn serve(_opts: &ServeOptions) -> Result<(), Diagnostics> {
    Err(crate::diag::Diagnostic::error("serve is not written yet").into())
}
