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

use crate::config::Config;

/// Hash map with a fast hasher: the pass hashes every word of the corpus.
type Map<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// Hash set with a fast hasher.
type Set<K> = std::collections::HashSet<K, ahash::RandomState>;

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
    let mut vocab = Set::default();
    for d in docs {
        mentions::add_vocabulary(d.title, &mut vocab);
        mentions::add_vocabulary(d.text, &mut vocab);
    }
    let mut ctx = mentions::Context {
        vocab: &vocab,
        cap_seen: Set::default(),
    };
    let mut found: Vec<Vec<mentions::Mention>> = Vec::with_capacity(docs.len());
    let mut later = Vec::with_capacity(docs.len());
    // Title positions come before body positions; hints after both.
    let body_base = |d: &Doc<'_>| d.title.len() + 1;
    for d in docs {
        let mut m = Vec::new();
        let t = mentions::find_prose(d.title, 0, &mut ctx, &mut m);
        let b = mentions::find_prose(d.text, body_base(d), &mut ctx, &mut m);
        found.push(m);
        later.push((t, b));
    }
    // Title Case lines only confirm names seen in prose, so they come second.
    for ((d, m), (t, b)) in docs.iter().zip(found.iter_mut()).zip(later) {
        mentions::find_in_lines(&t, 0, &mut ctx, mentions::Mode::TitleCase, m);
        mentions::find_in_lines(&b, body_base(d), &mut ctx, mentions::Mode::TitleCase, m);
        let hint_base = body_base(d) + d.text.len() + 1;
        let hints: Vec<(usize, &str)> = d
            .hints
            .iter()
            .enumerate()
            .map(|(i, h)| (i, h.as_str()))
            .collect();
        mentions::find_in_lines(&hints, hint_base, &mut ctx, mentions::Mode::Hint, m);
        m.sort_by_key(|x| x.pos);
    }
    resolve::resolve(docs, &found, &vocab, config)
}
