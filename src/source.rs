//! Source files: the bytes under `content/`, decoded to text.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// One input file, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it is on disk.
    pub path: PathBuf,
    /// The name shown to people and stored in `captured_from`: relative to
    /// the site root, or the bare file name for a file outside it. Never an
    /// absolute path of this machine.
    pub name: String,
    /// The text, decoded from UTF-8 (or Latin-1, with a warning).
    pub text: String,
}

impl SourceFile {
    /// Reads and decodes `path`; `root` decides how it is named.
    pub fn read(path: &Path, root: &Path) -> Result<(SourceFile, Option<Diagnostic>), Diagnostic> {
        let name = display_name(path, root);
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error("cannot read file")
                .at(name.clone())
                .cause_chain(&e)
        })?;
        let (text, warning) = decode(bytes, &name);
        Ok((
            SourceFile {
                path: path.to_path_buf(),
                name,
                text,
            },
            warning,
        ))
    }

    /// A source made from text in memory (tests, benchmarks).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let name = name.into();
        SourceFile {
            path: PathBuf::from(&name),
            name,
            text: text.into(),
        }
    }
}

/// Decodes bytes as UTF-8 (without a BOM), falling back to Latin-1 (every
/// byte is a character, so nothing is lost) with a warning.
pub fn decode(bytes: Vec<u8>, name: &str) -> (String, Option<Diagnostic>) {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text: String = e.as_bytes().iter().map(|&b| b as char).collect();
            let warning = Diagnostic::warning("file is not UTF-8; read it as Latin-1")
                .at(name)
                .cause(format!("invalid UTF-8 at byte {valid}"));
            (text, Some(warning))
        }
    }
}

/// The name of `path` as shown to people: relative to `root` when inside
/// it, else the bare file name.
pub fn display_name(path: &Path, root: &Path) -> String {
    // Fast path, no system calls: a path spelled under the root (as the
    // content walk makes them). Canonicalising costs a readlink per
    // component, which showed in the profile of a 10,000-file build.
    if let Ok(rel) = path.strip_prefix(root)
        && rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && !rel.as_os_str().is_empty()
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (ap, ar) = (abs(path), abs(root));
    match ap.strip_prefix(&ar) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string_lossy().into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let (text, w) = decode(b"caf\xe9".to_vec(), "a.txt");
        assert_eq!(text, "café");
        assert!(w.unwrap().to_string().contains("not UTF-8"));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (text, w) = decode(b"\xEF\xBB\xBFhi".to_vec(), "a.txt");
        assert_eq!(text, "hi");
        assert!(w.is_none());
    }

    #[test]
    fn files_outside_the_root_go_by_bare_name() {
        let dir = std::env::temp_dir();
        let name = display_name(
            &dir.join("x").join("cap.txt"),
            Path::new("/nonexistent-root"),
        );
        assert_eq!(name, "cap.txt");
    }
}
