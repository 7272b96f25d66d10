//! `gazette init`: a starter site that builds at once.

use std::path::Path;

use crate::diag::Diagnostic;

/// The files of a starter site, relative to its folder.
pub const STARTER_FILES: &[(&str, &str)] = &[
    (
        "site.toml",
        r#"# The site's settings. See the README for every key.
title = "My news archive"
base_url = "https://example.org/"
description = "Clippings, dated and linked."
language = "en"
# Dates written without an offset are read in this IANA time zone.
timezone = "UTC"
paginate = 20
feed_limit = 20
"#,
    ),
    (
        ".gitignore",
        "# Build output, the build cache, and the staging folder a crashed build can leave.\npublic/\n.gazette/\n.public.staging/\n",
    ),
    (
        "content/2024/03/harbour-reopens.md",
        r#"+++
title = "Harbour reopens after the storm"
date = 2024-03-04T09:30:00+01:00
outlet = "The Coastal Ledger"
authors = ["Ines Varga"]
actors = ["Port Authority", "Lena Moss"]
places = ["Northport"]
summary = "Ships moved again on Monday after three days of closure."
+++
The **Port Authority** lifted its closure order on Monday morning.

Harbour master Lena Moss said the inner basin was cleared overnight.
"#,
    ),
    (
        "content/2024/03/ferry-timetable.md",
        r#"+++
title = "Ferry timetable restored"
date = 2024-03-05T07:10:00+01:00
outlet = "The Coastal Ledger"
actors = ["Port Authority"]
places = ["Northport", "Isle of Brann"]
+++
Ferries to the Isle of Brann run to the normal timetable from today.

| Route | First sailing |
|-------|---------------|
| Northport – Brann | 06:40 |
"#,
    ),
];

/// Writes a starter site into `dir`, which must be empty or absent.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() {
        let mut items = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::error("cannot read the folder")
                .at(shown.clone())
                .cause_chain(&e)
        })?;
        if items.next().is_some() {
            return Err(Diagnostic::error(
                "the folder is not empty; `gazette init` only writes into a new or empty folder",
            )
            .at(shown));
        }
    }
    for (rel, text) in STARTER_FILES {
        let path = dir.join(rel);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)
        };
        write().map_err(|e| {
            Diagnostic::error(format!("cannot write {rel}"))
                .at(shown.clone())
                .cause_chain(&e)
        })?;
    }
    Ok(())
}
