//! Actors and places: what a reader of the archive sees on each entry.
//! All text here is fictional news prose written for these tests.

use gazette::config::{Config, Corrections, NameKind};
use gazette::ingest::actors::{Doc, Names, resolve};

fn doc<'a>(title: &'a str, text: &'a str) -> Doc<'a> {
    Doc {
        text,
        title,
        hints: Vec::new(),
        exclude: Vec::new(),
    }
}

fn run(docs: &[Doc<'_>]) -> Names {
    resolve(docs, &Config::default())
}

fn run_with(docs: &[Doc<'_>], actors: Corrections, places: Corrections) -> Names {
    let config = Config {
        actors,
        places,
        ..Config::default()
    };
    resolve(docs, &config)
}

fn all_actors(n: &Names) -> Vec<String> {
    let mut v: Vec<String> = n.actors.iter().flatten().cloned().collect();
    v.sort();
    v.dedup();
    v
}

const SUMMIT: &str = "Portuguese Foreign Minister Marta Okafor said on Tuesday that talks with \
the Nordic Fisheries Council in Reykjavik had been \"frank\".\n\n\
Okafor met Icelandic Prime Minister Einar Thorvaldsen for two hours, and the Council \
promised an answer by March.\n\n\
\"We are not there yet,\" Thorvaldsen told reporters.";

#[test]
fn can_find_people_organisations_and_places_in_prose() {
    let n = run(&[doc("Fishing talks stall in Reykjavik", SUMMIT)]);
    assert_eq!(
        n.actors[0],
        [
            "Marta Okafor",
            "Nordic Fisheries Council",
            "Einar Thorvaldsen"
        ]
    );
    assert_eq!(n.places[0], ["Reykjavik"]);
}

#[test]
fn actors_are_ordered_by_first_mention_title_first() {
    let n = run(&[doc(
        "Thorvaldsen rejects quota plan",
        "Icelandic Prime Minister Einar Thorvaldsen rejected the plan put forward by \
         Marta Okafor, the Portuguese foreign minister. Okafor said she would return.",
    )]);
    assert_eq!(n.actors[0], ["Einar Thorvaldsen", "Marta Okafor"]);
}

#[test]
fn surname_and_title_forms_resolve_to_the_full_name_across_docs() {
    let docs = [
        doc(
            "Quota deal",
            "Chancellor Brigitte Halvorsen signed the quota deal on Monday, aides said.",
        ),
        doc(
            "Reactions",
            "Critics said Mr Halvorsen's deal gave away too much. Halvorsen disagreed.",
        ),
        doc(
            "Opposition",
            "The opposition asked Chancellor Halvorsen to publish the annex.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(n.actors[0], ["Brigitte Halvorsen"]);
    assert_eq!(n.actors[1], ["Brigitte Halvorsen"]);
    assert_eq!(n.actors[2], ["Brigitte Halvorsen"]);
}

#[test]
fn transliterated_given_names_merge_to_the_most_frequent_form() {
    let docs = [
        doc(
            "Talks",
            "Defence Minister Dmitry Volkonsky arrived in Minsk. Dmitry Volkonsky said little.",
        ),
        doc(
            "More talks",
            "Minister Dmitri Volkonsky left Minsk on Friday.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(all_actors(&n), ["Dmitry Volkonsky"]);
    assert_eq!(n.actors[1], ["Dmitry Volkonsky"]);
}

#[test]
fn different_people_with_one_surname_stay_apart() {
    let docs = [doc(
        "Family business",
        "Senator Ruth Caldwell said her brother, businessman Samuel Caldwell, had done nothing \
         wrong. Samuel Caldwell declined to comment.",
    )];
    let n = run(&docs);
    assert_eq!(n.actors[0], ["Ruth Caldwell", "Samuel Caldwell"]);
}

#[test]
fn an_ambiguous_surname_means_the_person_named_in_the_same_doc() {
    let docs = [
        doc(
            "One",
            "Senator Ruth Caldwell spoke first. Senator Ruth Caldwell spoke again.",
        ),
        doc(
            "Two",
            "Businessman Samuel Caldwell was questioned. Caldwell said he was innocent.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(n.actors[1], ["Samuel Caldwell"]);
}

#[test]
fn case_variants_merge_and_prefer_the_acronym() {
    let docs = [
        doc("Alliance", "Nato ministers met in Brussels on Tuesday."),
        doc(
            "Alliance again",
            "The NATO summit was postponed, officials said.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(n.actors[0], ["NATO"]);
    assert_eq!(n.actors[1], ["NATO"]);
}

#[test]
fn common_acronyms_and_their_expansions_merge() {
    let docs = [
        doc("Sanctions", "The EU agreed new sanctions on Thursday."),
        doc(
            "Sanctions again",
            "The European Union will review the sanctions in June.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(all_actors(&n), ["European Union"]);
}

#[test]
fn acronyms_merge_with_an_expansion_found_in_the_corpus() {
    let docs = [
        doc(
            "Quotas",
            "The Nordic Fisheries Council set new quotas for cod and haddock.",
        ),
        doc(
            "Quotas again",
            "Skippers said the NFC quotas were too low. The NFC did not reply.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(all_actors(&n), ["Nordic Fisheries Council"]);
}

#[test]
fn hyphenated_pairs_count_as_mentions_of_both() {
    let docs = [
        doc(
            "Leaders",
            "President Anna Lindqvist and Prime Minister Tomas Berger will meet in Vienna.",
        ),
        doc(
            "Summit",
            "Diplomats are preparing a Lindqvist-Berger summit for the spring.",
        ),
    ];
    let n = run(&docs);
    assert_eq!(n.actors[1], ["Anna Lindqvist", "Tomas Berger"]);
}

#[test]
fn hyphenated_surnames_stay_whole() {
    let n = run(&[doc(
        "Court",
        "Judge Helen Ward-Price ruled on Monday. Ward-Price said the law was clear.",
    )]);
    assert_eq!(n.actors[0], ["Helen Ward-Price"]);
}

#[test]
fn possessives_are_stripped_from_names() {
    let n = run(&[doc(
        "Budget",
        "Minister Paulo Esteves's budget passed. Esteves’ allies cheered, and Portugal’s bonds rose.",
    )]);
    assert_eq!(n.actors[0], ["Paulo Esteves"]);
    assert_eq!(n.places[0], ["Portugal"]);
}

#[test]
fn variant_spellings_of_a_place_give_one_place() {
    let docs = [
        doc("Visit", "The delegation flew to Kiev and then to Kharkov."),
        doc(
            "Visit again",
            "In Kyiv, the delegation met the mayor of Kharkiv.",
        ),
        doc("Burma", "Elections in Burma were postponed."),
    ];
    let n = run(&docs);
    assert_eq!(n.places[0], ["Kyiv", "Kharkiv"]);
    assert_eq!(n.places[1], ["Kyiv", "Kharkiv"]);
    assert_eq!(n.places[2], ["Myanmar"]);
}

#[test]
fn regions_and_seas_are_places_not_actors() {
    let n = run(&[doc(
        "Exercise",
        "Warships sailed from Crimea into the Black Sea, past the Donbass coast.",
    )]);
    assert_eq!(n.places[0], ["Crimea", "Black Sea", "Donbas"]);
    assert!(n.actors[0].is_empty(), "{:?}", n.actors[0]);
}

#[test]
fn authors_credits_and_outlets_are_never_actors() {
    let mut d = doc(
        "Harbour strike",
        "Dockers walked out on Monday, union leader Rui Matos said. Lena Ferreira, who \
         covered the strike for the Tagus Herald, counted 300 people. Ferreira added that \
         police stayed away.",
    );
    d.exclude = vec!["Lena Ferreira".into(), "Tagus Herald".into()];
    let n = run(&[d]);
    assert_eq!(n.actors[0], ["Rui Matos"]);
}

#[test]
fn an_author_of_one_doc_is_not_an_actor_of_another() {
    let mut a = doc("One", "Minister Paulo Esteves spoke.");
    a.exclude = vec!["Joana Brito".into()];
    let b = doc(
        "Two",
        "Reporter Joana Brito asked Minister Paulo Esteves a question.",
    );
    let n = run(&[a, b]);
    assert_eq!(n.actors[1], ["Paulo Esteves"]);
}

#[test]
fn wire_and_photo_agencies_are_never_actors() {
    let n = run(&[doc(
        "Floods",
        "Rivers burst their banks, Reuters and AFP reported. A rescuer carries a child \
         (Marco Bianchi/AFP/Getty Images). Photographs by Anadolu Agency showed the damage.\n\n\
         With reporting by AP and Xinhua.",
    )]);
    assert!(n.actors[0].is_empty(), "{:?}", n.actors[0]);
}

#[test]
fn days_months_time_zones_titles_and_demonyms_are_never_actors() {
    let n = run(&[doc(
        "Updated 9:06 p.m. ET, March 3",
        "On Friday the Secretary of State met the Foreign Minister. Russian, Ukrainian and \
         American diplomats attended. The President was absent in March.\n\n\
         Analysis\n\nBreaking News\n\nSome background: the State had no comment.",
    )]);
    assert!(n.actors[0].is_empty(), "{:?}", n.actors[0]);
}

#[test]
fn glued_words_and_single_unknown_words_are_not_actors() {
    let n = run(&[doc(
        "Border talks",
        "Talks at the UkraineMoldova border went on. Observers called it Steady progress.",
    )]);
    assert!(n.actors[0].is_empty(), "{:?}", n.actors[0]);
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let n = run(&[doc(
        "Ports",
        "Shipping resumed on Tuesday. Shipping firms said the Lisbon port was calm, \
         harbour master Ana Reis said.",
    )]);
    assert_eq!(n.actors[0], ["Ana Reis"]);
    assert_eq!(n.places[0], ["Lisbon"]);
}

#[test]
fn title_case_headlines_add_no_new_names() {
    let n = run(&[doc(
        "Officials Push Harder For Coastal Quota Deal In Reykjavik",
        "The talks in Reykjavik went on late, Minister Einar Thorvaldsen said.",
    )]);
    assert_eq!(n.actors[0], ["Einar Thorvaldsen"]);
    assert_eq!(n.places[0], ["Reykjavik"]);
}

#[test]
fn hints_are_actors_even_without_a_mention() {
    let mut d = doc("Quota talks", "The talks ended without a deal.");
    d.hints = vec!["Einar Thorvaldsen".into()];
    let n = run(&[d]);
    assert_eq!(n.actors[0], ["Einar Thorvaldsen"]);
}

#[test]
fn organisations_with_keywords_are_actors() {
    let n = run(&[doc(
        "Rates",
        "The Bank of Finland and the Estonian Finance Ministry disagreed. The Kremlin \
         stayed silent.",
    )]);
    assert_eq!(
        n.actors[0],
        ["Bank of Finland", "Estonian Finance Ministry", "Kremlin"]
    );
    assert_eq!(n.places[0], Vec::<String>::new());
}

#[test]
fn a_shorter_name_of_a_body_merges_into_its_only_longer_name() {
    let n = run(&[
        doc("One", "The US Treasury Department imposed sanctions."),
        doc(
            "Two",
            "A Treasury Department spokesperson declined to comment.",
        ),
    ]);
    assert_eq!(all_actors(&n), ["US Treasury Department"]);
}

#[test]
fn cyrillic_names_are_found_and_merge_with_their_latin_spelling() {
    let n = run(&[
        doc("Визит", "Министр Дмитрий Волконский прибыл в Женеву."),
        doc(
            "Visit",
            "Minister Dmitry Volkonsky arrived. Dmitry Volkonsky smiled.",
        ),
    ]);
    assert_eq!(n.actors[0], ["Dmitry Volkonsky"]);
    assert_eq!(n.places[0], ["Geneva"]);
}

#[test]
fn corrections_aliases_add_a_merge() {
    let mut actors = Corrections::default();
    actors
        .aliases
        .insert("Ruth Caldwell".into(), vec!["The Iron Senator".into()]);
    let n = run_with(
        &[doc(
            "Profile",
            "Senator Ruth Caldwell is known as The Iron Senator to colleagues.",
        )],
        actors,
        Corrections::default(),
    );
    assert_eq!(n.actors[0], ["Ruth Caldwell"]);
}

#[test]
fn corrections_aliases_merge_two_names_the_pass_kept_apart() {
    let docs = [
        doc("One", "President Volodya Marchuk spoke on Monday."),
        doc("Two", "President Wolodymyr Marczuk spoke on Tuesday."),
    ];
    let before = run(&docs);
    assert_eq!(all_actors(&before).len(), 2, "{:?}", before.actors);
    let mut actors = Corrections::default();
    actors.aliases.insert(
        "Volodymyr Marchuk".into(),
        vec!["Volodya Marchuk".into(), "Wolodymyr Marczuk".into()],
    );
    let n = run_with(&docs, actors, Corrections::default());
    assert_eq!(all_actors(&n), ["Volodymyr Marchuk"]);
}

#[test]
fn corrections_block_removes_a_name_and_its_aliases_everywhere() {
    let docs = [
        doc("One", "Minister Paulo Esteves met Minister Ana Reis."),
        doc(
            "Two",
            "Esteves, known as The Accountant, left early, Ana Reis said.",
        ),
    ];
    let mut actors = Corrections::default();
    actors.block.push("Paulo Esteves".into());
    actors
        .aliases
        .insert("Paulo Esteves".into(), vec!["The Accountant".into()]);
    let n = run_with(&docs, actors, Corrections::default());
    assert_eq!(n.actors[0], ["Ana Reis"]);
    assert_eq!(n.actors[1], ["Ana Reis"]);
}

#[test]
fn corrections_kind_place_moves_a_name_from_actors_to_places() {
    let docs = [doc(
        "Retreat",
        "The leaders met at Villa Serena, Minister Ana Reis said.",
    )];
    let before = run(&docs);
    assert!(before.actors[0].contains(&"Villa Serena".to_string()));
    let mut places = Corrections::default();
    places.kinds.insert("Villa Serena".into(), NameKind::Place);
    let n = run_with(&docs, Corrections::default(), places);
    assert_eq!(n.actors[0], ["Ana Reis"]);
    assert_eq!(n.places[0], ["Villa Serena"]);
}

#[test]
fn corrections_kind_person_moves_a_name_from_places_to_actors() {
    let docs = [doc(
        "Tour",
        "Georgia visited the factory on Monday with Minister Ana Reis.",
    )];
    let before = run(&docs);
    assert_eq!(before.places[0], ["Georgia"]);
    let mut actors = Corrections::default();
    actors.kinds.insert("Georgia".into(), NameKind::Person);
    let n = run_with(&docs, actors, Corrections::default());
    assert_eq!(n.actors[0], ["Georgia", "Ana Reis"]);
    assert!(n.places[0].is_empty());
}

#[test]
fn corrections_kind_organisation_makes_a_single_word_an_actor() {
    let docs = [doc("Deal", "Shares in Nordvik rose after the deal.")];
    assert!(run(&docs).actors[0].is_empty());
    let mut actors = Corrections::default();
    actors
        .kinds
        .insert("Nordvik".into(), NameKind::Organisation);
    let n = run_with(&docs, actors, Corrections::default());
    assert_eq!(n.actors[0], ["Nordvik"]);
}

#[test]
fn there_is_one_result_per_doc_in_input_order() {
    let n = run(&[
        doc("", ""),
        doc("A", "Minister Ana Reis spoke."),
        doc("", ""),
    ]);
    assert_eq!(n.actors.len(), 3);
    assert_eq!(n.places.len(), 3);
    assert_eq!(n.actors[1], ["Ana Reis"]);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_arbitrary_text(title in ".{0,40}", text in ".{0,400}", hint in ".{0,20}", ex in ".{0,20}") {
            let d = Doc { text: &text, title: &title, hints: vec![hint], exclude: vec![ex] };
            let n = resolve(&[d], &Config::default());
            prop_assert_eq!(n.actors.len(), 1);
        }

        #[test]
        fn on_name_like_text(text in "([A-Z][a-z]{0,6}|[A-Z]{2,5}|of|al-|'s|’|-|\\.|,| |\n|\\(|\\)|/){0,60}") {
            let d = Doc { text: &text, title: "", hints: vec![], exclude: vec![] };
            let n = resolve(&[d.clone(), d], &Config::default());
            prop_assert_eq!(n.places.len(), 2);
        }
    }
}

#[test]
fn ties_between_spellings_break_alphabetically_and_runs_agree() {
    let docs = [
        doc("One", "Minister Sergei Volkov arrived in Oslo."),
        doc("Two", "Minister Sergey Volkov left Oslo."),
        doc(
            "Three",
            "Nato and NATO and the Nordic Fisheries Council met.",
        ),
    ];
    let first = run(&docs);
    assert_eq!(first.actors[0], ["Sergei Volkov"]);
    assert_eq!(first.actors[1], ["Sergei Volkov"]);
    for _ in 0..10 {
        assert_eq!(run(&docs), first);
    }
}

#[test]
fn middle_initials_do_not_split_a_person() {
    let n = run(&[
        doc("One", "Governor Harold T. Lindgren signed the bill."),
        doc(
            "Two",
            "Governor Harold Lindgren vetoed the other bill, aides said.",
        ),
    ]);
    assert_eq!(all_actors(&n).len(), 1, "{:?}", n.actors);
}

#[test]
fn german_nouns_are_not_mistaken_for_names() {
    let n = run(&[doc(
        "Haushalt",
        "Bundeskanzlerin Greta Albrecht sagte am Montag in Berlin, die Regierung werde den \
         Haushalt im Sommer vorlegen. Die Opposition kritisierte den Zeitplan.",
    )]);
    assert_eq!(n.actors[0], ["Greta Albrecht"]);
    assert_eq!(n.places[0], ["Berlin"]);
}

#[test]
fn a_capture_that_is_one_huge_line_is_still_read() {
    let mut text = String::new();
    for i in 0..6000 {
        text.push_str("Minister Ana Reis met Halvorsen Group staff in Lisbon. ");
        if i % 1000 == 0 {
            text.push_str(&"Z".repeat(100_000));
            text.push(' ');
        }
    }
    let n = run(&[doc("Long", &text)]);
    assert_eq!(n.actors[0], ["Ana Reis", "Halvorsen Group"]);
    assert_eq!(n.places[0], ["Lisbon"]);
}

#[test]
fn french_honorifics_and_declined_russian_surnames_resolve() {
    let n = run(&[
        doc(
            "Sommet",
            "Le président Lucien Marchand a reçu le ministre. M. Marchand a déclaré que rien \
             n'était décidé.",
        ),
        doc(
            "Визит",
            "Министр Ирина Волкова прибыла в Москву. Слова Волковой подтвердили.",
        ),
    ]);
    assert_eq!(n.actors[0], ["Lucien Marchand"]);
    assert_eq!(n.actors[1], ["Ирина Волкова"]);
    assert_eq!(n.places[1], ["Moscow"]);
}

#[test]
fn a_full_name_only_at_sentence_starts_is_still_a_person() {
    let n = run(&[doc(
        "Visit",
        "Greta Albrecht arrived in Oslo on Monday. Greta Albrecht left on Tuesday.",
    )]);
    assert_eq!(n.actors[0], ["Greta Albrecht"]);
}
