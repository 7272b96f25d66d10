//! `gazette import`: captures become editable Markdown files.
//!
//! Each entry is written to `OUT/<page path>.md` with TOML front matter, so
//! that `build` reads it back to the same page. Import remembers what it
//! wrote in `OUT/.gazette-import.json` (a blake3 hash per file; the build
//! skips dot-files): a file whose content no longer matches is one the user
//! edited, and a later import leaves it alone unless `--force` is given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Entry, FrontMatter};

/// The manifest of what import wrote, inside the output folder.
pub const MANIFEST: &str = ".gazette-import.json";

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

/// The Markdown file for an entry at `path`: TOML front matter between
/// `+++` lines, then the body.
pub fn to_markdown(entry: &Entry, path: &str) -> Result<String, Diagnostic> {
    let mut fm = FrontMatter::from(entry);
    // A suffixed path ("-2") must survive the round trip through build.
    let slug = path.rsplit('/').next().unwrap_or_default();
    if slug != entry.base_slug() {
        fm.slug = Some(slug.to_string());
    }
    let toml = toml::to_string(&fm).map_err(|e| {
        Diagnostic::error(format!("cannot write front matter for `{}`", entry.title))
            .at(entry.source.clone())
            .cause_chain(&e)
    })?;
    let mut out = String::with_capacity(toml.len() + entry.body.len() + 16);
    out.push_str("+++\n");
    out.push_str(&toml);
    if !toml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("+++\n\n");
    out.push_str(entry.body.trim_end());
    out.push('\n');
    Ok(out)
}

/// Capture files under `inputs` (files as given; folders walked for .txt).
fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = WalkDir::new(input)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect();
            found.sort();
            files.extend(found);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            diags.push(Diagnostic::error("no such file or folder").at(input.display().to_string()));
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

fn hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// Imports `inputs` (files or folders) into `out`.
pub fn import(inputs: &[PathBuf], out: &Path, force: bool) -> Result<ImportReport, Diagnostics> {
    let files = collect_inputs(inputs)?;
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (entries, warnings) = crate::extract::entries_with_paths(&files, &root)?;
    let mut report = ImportReport {
        warnings,
        ..ImportReport::default()
    };
    let manifest_path = out.join(MANIFEST);
    let mut manifest: BTreeMap<String, String> = match std::fs::read_to_string(&manifest_path) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
            report.warnings.push(
                Diagnostic::warning(
                    "the import manifest is unreadable; treating every existing file as edited",
                )
                .at(manifest_path.display().to_string())
                .cause(e),
            );
            BTreeMap::new()
        }),
        Err(_) => BTreeMap::new(),
    };
    let mut errors = Diagnostics::new();
    for (entry, path) in &entries {
        let rel = format!("{path}.md");
        let target = out.join(&rel);
        let text = match to_markdown(entry, path) {
            Ok(t) => t,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        if let Ok(existing) = std::fs::read_to_string(&target) {
            let ours = manifest.get(&rel).is_some_and(|h| *h == hash(&existing));
            if existing == text {
                manifest.insert(rel, hash(&text));
                continue;
            }
            if !ours && !force {
                report.skipped.push(target);
                continue;
            }
        }
        if let Some(dir) = target.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            errors.push(
                Diagnostic::error("cannot create folder")
                    .at(dir.display().to_string())
                    .cause_chain(&e),
            );
            continue;
        }
        match std::fs::write(&target, &text) {
            Ok(()) => {
                manifest.insert(rel, hash(&text));
                report.written.push(target);
            }
            Err(e) => errors.push(
                Diagnostic::error("cannot write file")
                    .at(target.display().to_string())
                    .cause_chain(&e),
            ),
        }
    }
    if !manifest.is_empty() {
        let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        if let Err(e) =
            std::fs::create_dir_all(out).and_then(|()| std::fs::write(&manifest_path, json))
        {
            errors.push(
                Diagnostic::error("cannot write the import manifest")
                    .at(manifest_path.display().to_string())
                    .cause_chain(&e),
            );
        }
    }
    if errors.has_errors() {
        errors.extend(report.warnings);
        return Err(errors);
    }
    Ok(report)
}
