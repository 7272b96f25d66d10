//! Actors and places: canonical names across the corpus.
//!
//! Placeholder with the agreed API so the content pass compiles; the real
//! recogniser (written in the `actors` worktree) replaces this file at merge.

use crate::config::Config;

/// One entry's text, as the content pass hands it over.
pub struct Doc<'a> {
    /// The entry's cleaned body prose (plain text, not yet Markdown-escaped).
    pub text: &'a str,
    /// The entry's title.
    pub title: &'a str,
    /// Strong signals, e.g. names listed on "In this article:" entity cards.
    pub hints: Vec<String>,
    /// Names that must never be actors: authors, photo/wire credits, outlet.
    pub exclude: Vec<String>,
}

/// Canonical names found, per doc (same order as the docs given).
pub struct Names {
    /// People and organisations, per doc.
    pub actors: Vec<Vec<String>>,
    /// Places, per doc.
    pub places: Vec<Vec<String>>,
}

/// Finds the actors and places of every doc, with one canonical name each
/// across all docs.
pub fn resolve(docs: &[Doc<'_>], _config: &Config) -> Names {
    Names {
        actors: vec![Vec::new(); docs.len()],
        places: vec![Vec::new(); docs.len()],
    }
}
