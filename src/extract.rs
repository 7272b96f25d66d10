//! `gazette extract --json`: the content pass's view, for scripts.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{CONFIG_FILE, Config};
use crate::diag::Diagnostics;
use crate::entry::{Entry, Kind};
use crate::source::SourceFile;

/// One entry as `extract --json` prints it.
#[derive(Debug, Serialize)]
struct JsonEntry<'a> {
    title: &'a str,
    date: Option<String>,
    updated: Option<String>,
    kind: Kind,
    story: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    authors: &'a [String],
    actors: &'a [String],
    places: &'a [String],
    captured_from: &'a [String],
    captions: &'a [String],
    path: &'a str,
    body: &'a str,
}

/// Reads `files` relative to `root` (named as `captured_from` will show
/// them), with the site's configuration when `root` holds a `site.toml`.
pub fn read_sources(
    files: &[PathBuf],
    root: &Path,
) -> Result<(Vec<SourceFile>, Config, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let config = if root.join(CONFIG_FILE).is_file() {
        Config::load(root).map_err(Diagnostics)?
    } else {
        Config::default()
    };
    let mut sources = Vec::new();
    for f in files {
        match SourceFile::read(f, root) {
            Ok((s, warning)) => {
                if let Some(w) = warning {
                    diags.push(w);
                }
                sources.push(s);
            }
            Err(e) => diags.push(e),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((sources, config, diags))
}

/// Runs the content pass over captures and assigns page paths: what both
/// `extract` and `import` start from.
pub fn entries_with_paths(
    files: &[PathBuf],
    root: &Path,
) -> Result<(Vec<(Entry, String)>, Diagnostics), Diagnostics> {
    let (sources, config, mut diags) = read_sources(files, root)?;
    let (entries, d) = crate::ingest::ingest_owned(sources, &config);
    diags.extend(d);
    let (with_paths, d) = crate::paths::assign(entries);
    diags.extend(d);
    Ok((with_paths, diags))
}

/// Runs the content pass over `files` and returns the JSON array text.
pub fn extract_json(files: &[PathBuf]) -> Result<(String, Diagnostics), Diagnostics> {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (entries, diags) = entries_with_paths(files, &root)?;
    Ok((to_json(&entries), diags))
}

/// The JSON array for entries with their paths.
pub fn to_json(entries: &[(Entry, String)]) -> String {
    let items: Vec<JsonEntry<'_>> = entries
        .iter()
        .map(|(e, path)| JsonEntry {
            title: &e.title,
            date: e.date.map(|d| d.to_rfc3339()),
            updated: e.updated.map(|d| d.to_rfc3339()),
            kind: e.kind,
            story: e.story.as_deref(),
            outlet: e.outlet.as_deref(),
            url: e.url.as_deref(),
            authors: &e.authors,
            actors: &e.actors,
            places: &e.places,
            captured_from: &e.captured_from,
            captions: &e.captions,
            path,
            body: &e.body,
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}
