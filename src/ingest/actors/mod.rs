//! Actors and places: one canonical name each across a corpus.
//!
//! The content pass hands over every entry's cleaned prose at once, because
//! names resolve across entries: "Lavrov" alone in one post is the "Sergey
//! Lavrov" named in full in another, and "Sergei Lavrov" is the same man.
//!
//! ```text
//! Doc* --mentions--> candidate names --resolve--> canonical actors/places per doc
//! ```
//!
//! `mentions` finds candidate names from capitalisation and structure,
//! `gazetteer` and `lexicon` hold the few word lists needed, and `resolve`
//! classifies and canonicalises them, then applies the site's corrections.

mod gazetteer;
mod lexicon;
mod mentions;
mod resolve;

use std::collections::HashSet;

use crate::config::Config;

/// One entry's text, as the content pass hands it over.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    /// Cleaned body prose (plain text: paragraphs separated by blank lines).
    pub text: &'a str,
    /// The entry's title.
    pub title: &'a str,
    /// Strong signals, e.g. names on "In this article:" entity cards.
    pub hints: Vec<String>,
    /// Never actors: the entry's authors, photo/wire credits, its outlet.
    pub exclude: Vec<String>,
}

/// Canonical names per doc, same order as the input docs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// People and organisations each doc mentions, by first mention.
    pub actors: Vec<Vec<String>>,
    /// Places each doc mentions, by first mention.
    pub places: Vec<Vec<String>>,
}

/// Finds the actors and places of every doc, one canonical name each across
/// all docs, with the site's corrections (`config.actors`, `config.places`)
/// applied. Never panics, whatever the text.
pub fn resolve(docs: &[Doc<'_>], config: &Config) -> Names {
    let mut vocab = HashSet::new();
    for d in docs {
        mentions::add_vocabulary(d.title, &mut vocab);
        mentions::add_vocabulary(d.text, &mut vocab);
    }
    let mut ctx = mentions::Context {
        vocab: &vocab,
        cap_seen: HashSet::new(),
    };
    let mut found: Vec<Vec<mentions::Mention>> = Vec::with_capacity(docs.len());
    // Title positions come before body positions; hints after both.
    let body_base = |d: &Doc<'_>| d.title.len() + 1;
    for d in docs {
        let mut m = Vec::new();
        mentions::find(d.title, 0, &mut ctx, mentions::Mode::Prose, &mut m);
        mentions::find(
            d.text,
            body_base(d),
            &mut ctx,
            mentions::Mode::Prose,
            &mut m,
        );
        found.push(m);
    }
    // Title Case lines only confirm names seen in prose, so they come second.
    for (d, m) in docs.iter().zip(found.iter_mut()) {
        mentions::find(d.title, 0, &mut ctx, mentions::Mode::TitleCase, m);
        mentions::find(d.text, body_base(d), &mut ctx, mentions::Mode::TitleCase, m);
        let hint_base = body_base(d) + d.text.len() + 1;
        for (i, h) in d.hints.iter().enumerate() {
            mentions::find(h, hint_base + i, &mut ctx, mentions::Mode::Hint, m);
        }
        m.sort_by_key(|x| x.pos);
    }
    resolve::resolve(docs, &found, &vocab, config)
}
