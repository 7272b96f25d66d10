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

use rayon::prelude::*;

use crate::config::Config;
use crate::ingest::words::RecentWords;

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
    // Every step below is per doc, run in parallel, and combined in doc
    // order or as set unions: the result is the same whatever the number
    // of threads or the order they finish in.
    let vocab: Set<&str> = docs
        .par_iter()
        .fold(
            || (Set::default(), RecentWords::default()),
            |(mut vocab, mut recent), d| {
                mentions::add_vocabulary_with(d.title, &mut vocab, &mut recent);
                mentions::add_vocabulary_with(d.text, &mut vocab, &mut recent);
                (vocab, recent)
            },
        )
        .map(|(vocab, _)| vocab)
        .reduce(Set::default, union);
    // Title positions come before body positions; hints after both.
    let body_base = |d: &Doc<'_>| d.title.len() + 1;
    // Prose first: mentions, the Title Case lines kept for later, and the
    // words capitalised in prose (a set per piece of work, then one union).
    type Prose<'t> = (usize, Vec<mentions::Mention>, Lines<'t>, Lines<'t>);
    let pieces: Vec<(Vec<Prose<'_>>, Set<String>)> = docs
        .par_iter()
        .enumerate()
        .fold(
            || {
                let ctx = mentions::Context {
                    vocab: &vocab,
                    cap_seen: Set::default(),
                };
                (Vec::new(), ctx, mentions::WordMemo::default())
            },
            |(mut done, mut ctx, mut memo), (i, d)| {
                let mut m = Vec::new();
                let t = mentions::find_prose(d.title, 0, &mut ctx, &mut memo, &mut m);
                let b = mentions::find_prose(d.text, body_base(d), &mut ctx, &mut memo, &mut m);
                done.push((i, m, t, b));
                (done, ctx, memo)
            },
        )
        .map(|(done, ctx, _)| (done, ctx.cap_seen))
        .collect();
    let mut prose: Vec<Prose<'_>> = Vec::with_capacity(docs.len());
    let mut cap_seen: Set<String> = Set::default();
    for (done, seen) in pieces {
        prose.extend(done);
        cap_seen = union(cap_seen, seen);
    }
    prose.sort_unstable_by_key(|p| p.0);
    let ctx = mentions::Context {
        vocab: &vocab,
        cap_seen,
    };
    // Title Case lines only confirm names seen in prose, so they come second.
    let found: Vec<Vec<mentions::Mention>> = prose
        .into_par_iter()
        .map(|(i, mut m, t, b)| {
            let d = &docs[i];
            mentions::find_in_lines(&t, 0, &ctx, mentions::Mode::TitleCase, &mut m);
            mentions::find_in_lines(&b, body_base(d), &ctx, mentions::Mode::TitleCase, &mut m);
            let hint_base = body_base(d) + d.text.len() + 1;
            let hints: Vec<(usize, &str)> = d
                .hints
                .iter()
                .enumerate()
                .map(|(i, h)| (i, h.as_str()))
                .collect();
            mentions::find_in_lines(&hints, hint_base, &ctx, mentions::Mode::Hint, &mut m);
            m.sort_by_key(|x| x.pos);
            m
        })
        .collect();
    let mut names = resolve::resolve(docs, found, &vocab, config);
    // Places of the large gazetteer need locative evidence in their doc.
    gazetteer::add_cued(docs, config, &mut names);
    names
}

/// True for a word (lowercase) that is no part of a person's name: a
/// function word, day, month, page word, title, role, organisation keyword
/// or demonym. Bylines use it to tell "Jane Roe" from "Latest News".
pub(crate) fn is_common_word(lower: &str) -> bool {
    let l = lexicon::lexicon();
    l.is_non_name(lower)
        || l.is_title(lower)
        || l.is_role_adjective(lower)
        || l.is_org_keyword(lower)
        || l.is_demonym(lower)
        || l.is_agency(lower)
}

/// Lines of a text with their byte offsets.
type Lines<'t> = Vec<(usize, &'t str)>;

/// The union of two sets, built by adding the smaller to the larger.
fn union<T: Eq + std::hash::Hash>(a: Set<T>, b: Set<T>) -> Set<T> {
    let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    big.extend(small);
    big
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Docs where names resolve across docs: a surname alone, a second
    /// spelling, a surname shared by two people, places and organisations.
    const TEXTS: &[&str] = &[
        "Foreign Minister Sergey Lavrov met Antony Blinken in Geneva on Monday. Lavrov said the talks with NATO went well.",
        "Sergei Lavrov told reporters in Moscow that the European Union and the United Nations were wrong.",
        "the minister refused, Lavrov said. Anna Lindqvist and Erik Lindqvist of the Bank of Finland spoke.",
        "Lindqvist said the Bank of Finland would act, and Blinken flew to Kyiv. U.S. officials agreed.",
        "Critics of Halvorsen Group, led by Ingrid Dahl, met in Oslo. Dahl said Norway and Iceland agreed.",
        "Deep Talks Over Coastal Fishing Rights\n\nthe talks between Norway and Iceland went on, said Ingrid Dahl.",
    ];

    fn docs() -> Vec<Doc<'static>> {
        let mut docs = Vec::new();
        // Many docs, so the work is split between threads.
        for round in 0..40 {
            for (i, text) in TEXTS.iter().enumerate() {
                docs.push(Doc {
                    text,
                    title: if (round + i) % 3 == 0 {
                        "Talks In Geneva"
                    } else {
                        ""
                    },
                    hints: if i == 4 {
                        vec!["Ingrid Dahl".to_string()]
                    } else {
                        Vec::new()
                    },
                    exclude: if i == 2 {
                        vec!["Erik Lindqvist".to_string()]
                    } else {
                        Vec::new()
                    },
                });
            }
        }
        docs
    }

    fn resolve_on(threads: usize, docs: &[Doc<'_>]) -> Names {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| resolve(docs, &Config::default()))
    }

    fn resolve_texts(texts: &[&'static str]) -> Names {
        let docs: Vec<Doc<'static>> = texts
            .iter()
            .map(|t| Doc {
                text: t,
                ..Doc::default()
            })
            .collect();
        resolve(&docs, &Config::default())
    }

    #[test]
    fn family_names_first_and_transliterations_resolve_to_one_person() {
        let names = resolve_texts(&[
            "the premier, Wu Ming-tsai, spoke on the radio. Wu said the port would reopen.",
            "Aleksandr Petrenko told reporters the grid held, Petrenko said.",
            "the engineer Alexander Petrenko said repairs would take a week.",
        ]);
        assert_eq!(names.actors[0], vec!["Wu Ming-tsai"]);
        assert_eq!(names.actors[1], names.actors[2]);
        assert_eq!(names.actors[1].len(), 1);
    }

    #[test]
    fn bodies_need_the_right_shape_and_evidence() {
        let names = resolve_texts(&[
            "the Council Tax rose. Network Ferries said boats run, and the City of Lisbon agreed.",
            "MetService said rain would come. McKenzie waited at Harlow Buildings.",
            "the Coastal Union of Ferry Operators (Cufo) met. Cufo said the talks failed, Cufo said.",
        ]);
        assert_eq!(names.actors[0], vec!["Network Ferries", "City of Lisbon"]);
        assert_eq!(names.actors[1], vec!["MetService"]);
        assert_eq!(names.actors[2], vec!["Coastal Union of Ferry Operators"]);
    }

    #[test]
    fn particle_surnames_and_demonym_like_surnames_resolve_to_people() {
        let names = resolve_texts(&[
            "the mayor's aide, Koos van der Berg, said no. Van der Berg said it twice.",
            "Friends of the Harbour Walk met the lawyer, said Kim Vartanian.",
        ]);
        assert_eq!(names.actors[0], vec!["Koos van der Berg"]);
        assert_eq!(
            names.actors[1],
            vec!["Friends of the Harbour Walk", "Kim Vartanian"]
        );
    }

    #[test]
    fn two_capitals_that_name_no_body_are_no_actors() {
        let names = resolve_texts(&[
            "An RV was parked on the quay. Owners of an RV told Ana Lind the RV ban was unfair, and the EU agreed.",
        ]);
        assert_eq!(names.actors[0], vec!["Ana Lind", "European Union"]);
    }

    #[test]
    fn names_are_the_same_whatever_the_number_of_threads() {
        let docs = docs();
        let one = resolve_on(1, &docs);
        assert!(
            one.actors
                .iter()
                .any(|a| a.iter().any(|n| n.contains("Lavrov")))
        );
        assert!(one.places.iter().any(|p| p.iter().any(|n| n == "Geneva")));
        for threads in [2, 3, 4] {
            assert_eq!(resolve_on(threads, &docs), one, "{threads} threads");
        }
    }
}
