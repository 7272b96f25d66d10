//! Bylines and credits: who wrote a piece, who took its photos, which
//! agencies it drew on. Authors are kept; credits only ever serve to keep
//! those names out of the actors.

use std::sync::LazyLock;

use regex::Regex;

/// News and photo agencies: credits, never authors.
pub const AGENCIES: &[&str] = &[
    "AP",
    "Associated Press",
    "AFP",
    "Agence France-Presse",
    "Reuters",
    "TASS",
    "Anadolu Agency",
    "Anadolu",
    "dpa",
    "DPA",
    "EFE",
    "ANSA",
    "Xinhua",
    "PA",
    "PA Media",
    "UPI",
    "Kyodo",
    "Yonhap",
    "Interfax",
    "RIA Novosti",
    "Sputnik",
    "Ukrinform",
    "Bloomberg",
    "Getty Images",
    "Getty",
    "EPA",
    "EPA-EFE",
    "Shutterstock",
    "Handout",
    "Pool",
    "picture alliance",
    "NurPhoto",
    "SOPA Images",
    "Sipa",
    "Zuma",
    // National agencies whose credits close or open local copy.
    "AA",
    "Anadolu Ajansı",
    "ČTK",
    "CTK",
    "Lusa",
    "Agência Lusa",
    "ANP",
    "NTB",
    "STT",
    "Ritzau",
    "Agerpres",
    "MTI",
    "ΑΠΕ-ΜΠΕ",
    "Antara",
    "PTI",
    "IANS",
    "NAN",
    "Bernama",
    "Jiji",
    "PAP",
    "Belga",
    "Europa Press",
    "ACN",
    "УНН",
    "РИА Новости",
    "Интерфакс",
    "ТАСС",
];

/// A parsed byline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// The people who wrote the piece, without place or outlet.
    pub authors: Vec<String>,
    /// The outlet named in the byline ("CNN").
    pub outlet: Option<String>,
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:[\p{L}]+\s+){0,2}by:?|(?:(?:news\s+)?analysis|opinion|commentary|review|interview|essay|written|words|story|reported|text|photos?|propos\s+recueillis|texte|reportage|entretien\s+réalisé|texto|reportaje|crónica|entrevista\s+realizada|testo|servizio|ein\s+(?:bericht|kommentar)|bericht|kommentar|tekst)?\s*(?:from|par|por|von|di|door|de))\s+|(?i)^(?:oprac\.|opr\.|autor(?:ka)?:|text:|texte\s*:|tekst:)\s*",
    )
    .expect("static regex")
});
static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[A-Z][\w&./-]*)(?:\s[A-Z][\w&./-]*){0,2})['’]s\s+").expect("static regex")
});
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:in|at|en|aus|à|em)\s+\p{Lu}[\p{L}\s.'-]*$").expect("static regex")
});
static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|(?-u:\b)and(?-u:\b)|&|(?-u:\b)et(?-u:\b)|(?-u:\b)und(?-u:\b)|(?-u:\b)y(?-u:\b)|(?-u:\b)e(?-u:\b)|(?-u:\b)en(?-u:\b)|(?-u:\b)with(?-u:\b))\s*").expect("static regex")
});
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|research|contributions?|graphics|photos?|video)\s+(?:by|from)\s+(.+)$",
    )
    .expect("static regex")
});

const PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "ten", "ter",
    "bin", "bint", "ibn", "al", "el", "la", "le", "du", "st", "y",
];

/// Job titles that follow a name in a byline ("Jane Roe, Staff Writer",
/// "Jane Roe Korrespondentin"), in several languages: never part of a name.
const JOB_TITLES: &[&str] = &[
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "journalist",
    "contributor",
    "producer",
    "photographer",
    "critic",
    "stringer",
    "analyst",
    "commentator",
    "presenter",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "reporterin",
    "journalistin",
    "autor",
    "autorin",
    "journaliste",
    "correspondant",
    "correspondante",
    "rédacteur",
    "rédactrice",
    "envoyé",
    "envoyée",
    "chroniqueur",
    "chroniqueuse",
    "periodista",
    "corresponsal",
    "redactor",
    "redactora",
    "enviado",
    "enviada",
    "giornalista",
    "corrispondente",
    "inviato",
    "inviata",
    "redattore",
    "redattrice",
    "jornalista",
    "correspondente",
    "repórter",
    "verslaggever",
    "verslaggeefster",
    "redacteur",
    "корреспондент",
    "корреспондентка",
    "журналист",
    "журналистка",
    "обозреватель",
    "редактор",
    "кореспондент",
    "кореспондентка",
    "журналіст",
    "журналістка",
    "оглядач",
    "muhabir",
    "zpravodaj",
    "zpravodajka",
    "redaktor",
    "redaktorka",
    "novinář",
    "novinářka",
    "toimittaja",
    "reportteri",
    "jurnalist",
    "δημοσιογράφος",
    "συντάκτης",
    "συντάκτρια",
    "wartawan",
    "újságíró",
    "tudósító",
    "riporter",
    "記者",
    // Photographers sign the header's credit block too, never as authors
    // ([`is_photo_job`]).
    "fotograf",
    "fotografka",
    "fotógrafo",
    "fotógrafa",
    "fotografo",
    "photographe",
    "фотограф",
    "kuvaaja",
    "fotoğrafçı",
    "fotoriporter",
    "φωτογράφος",
];

/// Words that qualify a job title ("Senior Political Correspondent").
const JOB_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "chief",
    "deputy",
    "special",
    "political",
    "foreign",
    "economics",
    "economic",
    "business",
    "health",
    "science",
    "technology",
    "tech",
    "environment",
    "environmental",
    "security",
    "defence",
    "defense",
    "diplomatic",
    "legal",
    "education",
    "sports",
    "sport",
    "arts",
    "culture",
    "investigations",
    "investigative",
    "data",
    "contributing",
    "associate",
    "national",
    "international",
    "local",
    "news",
    "managing",
    "executive",
    "europe",
    "world",
    "us",
    "uk",
    "freier",
    "freie",
    "spécial",
    "spéciale",
    "permanent",
    "special",
    "senior",
    "politics",
    "media",
    "crime",
    "home",
    "affairs",
    "climate",
    "energy",
    "transport",
    "the",
    "of",
    "and",
    "&",
    "-",
    "–",
    "—",
];

/// True for a job title word of a byline.
fn is_job_title(w: &str) -> bool {
    let lower = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    JOB_TITLES.contains(&lower.as_str())
}

/// `part` without a job title after the name ("Martin Oyelaran Staff
/// Writer" -> "Martin Oyelaran"); `None` when it holds no job title.
fn strip_job_title(part: &str) -> Option<String> {
    let toks: Vec<&str> = part.split_whitespace().collect();
    let j = toks.iter().position(|t| is_job_title(t))?;
    let mut end = j;
    while end > 0 && JOB_MODIFIERS.contains(&toks[end - 1].to_lowercase().as_str()) {
        end -= 1;
    }
    Some(toks[..end].join(" "))
}

/// Title Case for a name written in capitals ("TORRES-VIDAL" ->
/// "Torres-Vidal", "O'NEILL" -> "O'Neill").
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = w.to_lowercase();
        if i > 0 && (PARTICLES.contains(&lower.as_str()) || CONJUNCTIONS.contains(&lower.as_str()))
        {
            out.push_str(&lower);
            continue;
        }
        title_case_word(w, &mut start, &mut out);
        start = true;
    }
    out
}

/// The parts of a byline's names, split at commas, semicolons and
/// conjunctions ([`SPLIT`]), each with whether a conjunction ("and", "&",
/// "with") came before it rather than a comma.
fn split_names(names: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut after_conjunction = false;
    for m in SPLIT.find_iter(names) {
        let part = names[start..m.start()].trim();
        if !part.is_empty() {
            parts.push((part, after_conjunction));
        }
        after_conjunction = !m.as_str().trim().starts_with([',', ';']);
        start = m.end();
    }
    let part = names[start..].trim();
    if !part.is_empty() {
        parts.push((part, after_conjunction));
    }
    parts
}

/// "Tsolmon BAATAR", the wire agencies' style: a given name in Title Case
/// then a surname in capitals. The capitals are read in Title Case when
/// every word of the part is one or the other and a Title Case word comes
/// first; an acronym of a body or an agency ("Jane Roe NBC" aside, which
/// no byline writes) and a part in capitals only are left as they are.
fn surnames_in_title_case(part: &str) -> std::borrow::Cow<'_, str> {
    let is_caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let is_title = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
    };
    let words: Vec<&str> = part.split_whitespace().collect();
    let recase = words.len() >= 2
        && words.len() <= 4
        && words.first().is_some_and(|w| is_title(w))
        && words.iter().any(|w| is_caps(w))
        && words.iter().all(|w| {
            is_title(w)
                || PARTICLES.contains(&w.to_lowercase().as_str())
                || is_caps(w) && w.chars().count() >= 3 && !is_agency(w)
        });
    if !recase {
        return part.into();
    }
    let recased: Vec<String> = words
        .iter()
        .map(|w| {
            if is_caps(w) {
                title_case(w)
            } else {
                (*w).to_string()
            }
        })
        .collect();
    recased.join(" ").into()
}

/// "JANE ROE and JOHN DOE Associated Press": the names in capitals (as
/// the conjunctions and particles allow) and a known agency after them.
/// Returns the names and the agency.
fn trailing_agency(rest: &str) -> Option<(&str, &'static str)> {
    let rest = rest.trim_end();
    AGENCIES.iter().find_map(|&agency| {
        let head = rest.strip_suffix(agency)?.strip_suffix(' ')?.trim_end();
        let in_capitals = head.chars().any(char::is_uppercase)
            && head.split_whitespace().all(|w| {
                !w.chars().any(char::is_lowercase)
                    || CONJUNCTIONS.contains(&w)
                    || PARTICLES.contains(&w)
            });
        // An agency of capitals is itself a word of the names' kind.
        let agency_in_capitals = !agency.chars().any(char::is_lowercase);
        (in_capitals && !agency_in_capitals && head.split_whitespace().count() >= 2)
            .then_some((head, agency))
    })
}

/// Words joining the names of a byline.
const CONJUNCTIONS: &[&str] = &["and", "et", "und", "y", "e", "en"];

fn title_case_word(s: &str, start: &mut bool, out: &mut String) {
    for c in s.chars() {
        if c.is_alphabetic() {
            if *start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            *start = false;
        } else {
            out.push(c);
            *start = true;
        }
    }
}

/// True when `s` reads as a person's name: two to five capitalised words
/// (name particles allowed), no digits.
pub fn is_person_name(s: &str) -> bool {
    let toks: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&toks.len()) || s.chars().any(|c| c.is_ascii_digit()) || s.len() > 60 {
        return false;
    }
    if is_agency(s) {
        return false;
    }
    let mut capitalised = 0;
    for t in &toks {
        let first = t.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            // An all-caps word of three letters or more is an acronym, not a name.
            if t.chars().count() >= 3 && t.chars().all(|c| !c.is_lowercase()) && !t.contains('.') {
                return false;
            }
            capitalised += 1;
        } else if !PARTICLES.contains(&t.to_lowercase().as_str()) {
            return false;
        }
    }
    capitalised >= 2
}

/// True for a news or photo agency.
pub fn is_agency(s: &str) -> bool {
    let s = s.trim();
    AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(s))
}

/// Something that can stand as an outlet name: a short capitalised phrase
/// or an acronym ("CNN", "RFE/RL", "The Kyiv Independent").
fn is_outlet_like(s: &str) -> bool {
    let toks: Vec<&str> = s.split_whitespace().collect();
    let lower_words = toks
        .iter()
        .filter(|t| t.chars().next().is_some_and(char::is_lowercase))
        .count();
    !toks.is_empty()
        && lower_words == 0
        && toks.len() <= 4
        && toks[0].chars().next().is_some_and(char::is_uppercase)
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// False for a line [`PREFIX`] cannot match: its keyword ("by", "par",
/// "von" …) is one of the first three words, or the first word is a
/// label ("oprac.", "Autor:"). Most lines of a page go through [`parse`]
/// and fail here, for a few word comparisons instead of a regex search.
fn may_open_byline(line: &str) -> bool {
    const KEYWORDS: &[&str] = &["by", "from", "par", "por", "von", "di", "door", "de"];
    const LABELS: &[&str] = &["oprac", "opr.", "autor", "text", "tekst"];
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let starts = |w: &str, p: &str| w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if LABELS.iter().any(|p| starts(first, p)) {
        return true;
    }
    std::iter::once(first).chain(words.take(2)).any(|w| {
        let w = w.trim_end_matches(':');
        KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k))
    })
}

/// Labels that open a byline, before a colon, in several languages
/// ("Szerző: X", "Автор: X", "Penulis: X", "Yazar: X"), lowercased.
const AUTHOR_LABELS: &[&str] = &[
    "author",
    "authors",
    "reporter",
    "reporting",
    "writer",
    "words",
    "autor",
    "autorka",
    "autoři",
    "autorzy",
    "autori",
    "autore",
    "autrice",
    "auteur",
    "autora",
    "автор",
    "авторка",
    "автори",
    "авторы",
    "szerző",
    "szerzők",
    "írta",
    "penulis",
    "wartawan",
    "yazar",
    "yazan",
    "muhabir",
    "teksti",
    "kirjoittaja",
    "forfatter",
    "skribent",
    "συντάκτης",
    "συντάκτρια",
    "記者",
];

/// The text after an author label ("Szerző: Szalai Réka" gives "Szalai
/// Réka"); `None` when the line opens with no such label. Only a line with
/// a colon among its first bytes is lowercased.
fn after_author_label(line: &str) -> Option<&str> {
    let colon = line.as_bytes().iter().take(32).position(|&b| b == b':')?;
    let label = line[..colon].trim();
    if label.is_empty() || label.contains(' ') {
        return None;
    }
    let lower = label.to_lowercase();
    AUTHOR_LABELS
        .contains(&lower.as_str())
        .then(|| line[colon + 1..].trim_start())
}

/// True for a piece of a byline under a label of its own that names no
/// author ("Editor: X" in "Penulis: A | Editor: X", "Foto: Y"): never a
/// name nor the outlet.
fn is_other_label(piece: &str) -> bool {
    piece
        .split_once(':')
        .is_some_and(|(label, _)| !label.trim().is_empty() && !label.trim().contains(' '))
        && after_author_label(piece).is_none()
}

/// Greek bylines name the writer in the genitive after the article: "Της
/// Μαρίας Παπαδάκη" (hers), "Του Γιώργου Νικολάου" (his). Returns the
/// names in the nominative, or `None` for any other line. A woman's
/// surname is the same in both cases; only her given name changes
/// ("Μαρίας" -> "Μαρία"); a man's words change by their ending ("-ου" ->
/// "-ος", "-η" -> "-ης", "-α" -> "-ας"), but a surname in "-ίου" is the
/// same in both.
fn greek_genitive(line: &str) -> Option<String> {
    let (article, names) = line.split_once(' ')?;
    let feminine = match article {
        "Της" => true,
        "Του" => false,
        _ => return None,
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    let greek_capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && ('\u{0370}'..='\u{03FF}').contains(&c))
    };
    if !(2..=3).contains(&words.len()) || !words.iter().all(|w| greek_capital(w)) {
        return None;
    }
    let nominative: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if feminine {
                // Only the given name declines: "-ας" / "-ης" lose the "ς".
                match w.strip_suffix('ς') {
                    Some(stem) if i == 0 => stem.to_string(),
                    _ => (*w).to_string(),
                }
            } else if let Some(stem) = w.strip_suffix("ου") {
                // A surname in "-ίου", "-άου" ("Γεωργίου") never declines.
                let invariant = i + 1 == words.len()
                    && stem.ends_with(['ι', 'ί', 'α', 'ά', 'ε', 'έ', 'ο', 'ό']);
                if invariant {
                    (*w).to_string()
                } else {
                    format!("{stem}ος")
                }
            } else if let Some(stem) = w.strip_suffix("ού") {
                format!("{stem}ός")
            } else if w.ends_with(['η', 'ή', 'α', 'ά']) {
                format!("{w}ς")
            } else {
                (*w).to_string()
            }
        })
        .collect();
    Some(nominative.join(" "))
}

/// A live blog's header names its writers by shift: "Jane Roe (now) and
/// John Doe (earlier)". Returns the line without the shift tags when every
/// tag is one, and there is at least one; `None` otherwise.
fn without_shift_tags(line: &str) -> Option<String> {
    const SHIFTS: &[&str] = &["now", "earlier", "later", "previously", "until now"];
    if !line.ends_with(')') {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut tags = 0;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')')? + open;
        let tag = rest[open + 1..close].trim();
        if !SHIFTS.iter().any(|s| s.eq_ignore_ascii_case(tag)) {
            return None;
        }
        tags += 1;
        out.push_str(&rest[..open]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    (tags > 0).then_some(out)
}

/// The authors of a line of names alone, split as a byline is ("Jane Roe
/// and John Doe"): `None` unless every part reads as a person's name.
fn names_only(line: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = SPLIT
        .split(line)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 4 || !parts.iter().all(|p| is_person_name(p)) {
        return None;
    }
    Some(parts.into_iter().map(str::to_string).collect())
}

/// Parses a byline line ("By A, B and C, CNN", "From CNN's A in Kyiv",
/// "Analysis by CNN's A", "By A | Reuters"); `None` for any other line.
pub fn parse(line: &str) -> Option<Byline> {
    let mut line = line.trim();
    if line.len() > 160 {
        return None;
    }
    // "Interview by Jane Roe." ends with a full stop; a sentence is longer.
    if line.ends_with('.') && !line.ends_with(" Jr.") {
        if line.split_whitespace().count() > 7 {
            return None;
        }
        line = &line[..line.len() - 1];
    }
    if line.is_empty() {
        return None;
    }
    // "Jane Roe (now) and John Doe (earlier)": a live blog's writers.
    if line.ends_with(')')
        && let Some(names) = without_shift_tags(line)
    {
        return names_only(&names).map(|authors| Byline {
            authors,
            outlet: None,
        });
    }
    let greek;
    let mut rest = if let Some(rest) = after_author_label(line) {
        rest
    } else if let Some(names) = greek_genitive(line) {
        greek = names;
        &greek
    } else {
        if !may_open_byline(line) {
            return None;
        }
        let m = PREFIX.find(line)?;
        &line[m.end()..]
    };
    // "By JANE ROE and JOHN DOE Associated Press": an agency after names in
    // capitals, with nothing between them, is the outlet. Only then: "By
    // Jane Pool" keeps its surname.
    let mut outlet = None;
    if let Some((head, agency)) = trailing_agency(rest) {
        rest = head;
        outlet = Some(agency.to_string());
    }
    // "By JANE ROE and JOHN DOE": names in capitals are read in Title
    // Case; each word must still pass as a name word below.
    let recased;
    let in_capitals = rest.chars().any(char::is_uppercase)
        && rest.split_whitespace().all(|w| {
            !w.chars().any(char::is_lowercase)
                || CONJUNCTIONS.contains(&w)
                || PARTICLES.contains(&w)
        });
    if in_capitals {
        let lower = rest.to_lowercase();
        if lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() > 1)
            .any(|w| {
                crate::ingest::words::is_stopword(w)
                    && !PARTICLES.contains(&w)
                    && !CONJUNCTIONS.contains(&w)
            })
        {
            return None;
        }
        recased = title_case(rest);
        rest = &recased;
    }
    if let Some(c) = POSSESSIVE.captures(rest) {
        outlet = c.get(1).map(|m| m.as_str().to_string());
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    // "By A | Reuters", "By A - The Daily Star"
    let mut pieces = rest
        .split(" | ")
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "));
    let names = pieces.next().unwrap_or_default();
    for extra in pieces {
        let extra = extra.trim();
        if is_other_label(extra) {
            // "| Editor: X": someone else's credit.
            continue;
        }
        if outlet.is_none() && is_outlet_like(extra) && !is_person_name(extra) {
            outlet = Some(extra.to_string());
        }
    }
    let parts = split_names(names);
    let mut authors = Vec::new();
    for (i, &(part, after_conjunction)) in parts.iter().enumerate() {
        let part = PLACE.replace(part, "");
        let part = surnames_in_title_case(part.trim());
        // A role in lowercase before the name: "science reporter Jane Roe".
        let mut part = part
            .trim()
            .trim_start_matches(|c: char| c.is_lowercase() || c == ' ' || c == '-');
        if is_desk(part) {
            // "Harbour Herald Staff", "Redaktion": a desk, not a person.
            continue;
        }
        if i > 0
            && i + 1 == parts.len()
            && !after_conjunction
            && !authors.is_empty()
            && is_masthead_name(part)
        {
            // "By Jane Roe, Jornal do Porto": the outlet after the names,
            // last and after a comma; "and Emily Post" is a co-author.
            if outlet.is_none() {
                outlet = Some(part.to_string());
            }
            continue;
        }
        let stripped;
        if let Some(name) = strip_job_title(part) {
            // "Jane Roe Staff Writer", or a job title of its own after a
            // comma ("Jane Roe, North of England Correspondent").
            if name.is_empty() || !is_person_name(&name) {
                continue;
            }
            stripped = name;
            part = &stripped;
        }
        if is_person_name(part) {
            authors.push(part.to_string());
        } else if i + 1 == parts.len()
            && i > 0
            && outlet.is_none()
            && is_outlet_like(part)
            && !authors.is_empty()
        {
            outlet = Some(part.to_string());
        } else if part.chars().next().is_some_and(char::is_uppercase)
            && !is_agency(part)
            && authors.is_empty()
        {
            // Something capitalised that is neither a name nor the outlet:
            // not a byline after all ("By Monday the talks ...").
            return None;
        }
    }
    if authors.is_empty() {
        return None;
    }
    if outlet.as_deref().is_some_and(is_agency) && authors.is_empty() {
        return None;
    }
    Some(Byline { authors, outlet })
}

/// Last words of a byline part that names a newsroom's desk rather than a
/// person ("Herald Staff", "Metro Desk", "Redaktion").
const DESK_WORDS: &[&str] = &[
    "staff",
    "desk",
    "team",
    "newsroom",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redação",
    "redactie",
    "redakcja",
    "redaktionen",
    "wires",
    "agencies",
    // "Haber Merkezi" (Turkish: the news centre), "Redakce", "Toimitus"…
    "merkezi",
    "redakce",
    "redaksjonen",
    "toimitus",
    "redacția",
    "redaksi",
    "redacció",
    "szerkesztőség",
    "σύνταξη",
    "редакция",
    "редакція",
    "編集部",
    "bureau",
];

/// Words of newspapers' and broadcasters' names in several languages: a
/// byline part holding one ("Jornal do Porto", "Kestrel Daily") is the
/// outlet, not a person.
const MASTHEAD_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "herald",
    "gazette",
    "journal",
    "daily",
    "weekly",
    "tribune",
    "chronicle",
    "courier",
    "express",
    "telegraph",
    "observer",
    "standard",
    "ledger",
    "review",
    "press",
    "mail",
    "radio",
    "tv",
    "television",
    "media",
    "magazine",
    "examiner",
    "sentinel",
    "bulletin",
    "dispatch",
    "echo",
    "markets",
    "zeitung",
    "kurier",
    "rundschau",
    "nachrichten",
    "allgemeine",
    "anzeiger",
    "tagblatt",
    "jornal",
    "folha",
    "correio",
    "diário",
    "diario",
    "periódico",
    "gaceta",
    "prensa",
    "corriere",
    "giornale",
    "gazzetta",
    "quotidiano",
    "krant",
    "courant",
    "dagblad",
    "tidning",
    "avis",
    "gazeta",
    "dziennik",
    "journaal",
    "noticias",
    "notícias",
    "nouvelles",
    "presse",
    "actualités",
    "messenger",
    "mercury",
    "star",
    "sun",
    "globe",
    "inquirer",
    "independent",
    "guardian",
    "monitor",
    "record",
    "register",
    "today",
    "tagespost",
    "blatt",
    "allehanda",
    "posten",
    "tidningen",
    "kuriren",
    "nieuws",
    "crónica",
    "écho",
    "oggi",
    "hoy",
    "heute",
    "matin",
    "soir",
    "stampa",
    "messaggero",
    "nación",
    "país",
    "mundo",
    "diari",
    "viesti",
    "sanomat",
    "lehti",
    "uutiset",
    "hírek",
    "hírlap",
    "napló",
    "újság",
    "noviny",
    "listy",
    "zprávy",
    "deník",
    "avisen",
    "tidende",
    "haber",
    "gazete",
    "gazetesi",
    "ziarul",
    "jurnalul",
    "berita",
    "warta",
    "harian",
    "газета",
    "вести",
    "вестник",
    "новости",
    "известия",
    "ведомости",
    "экспресс",
    "курьер",
    "новини",
    "вісті",
    "вісник",
    "кур'єр",
    "εφημερίδα",
    "νέα",
    "ειδήσεις",
];

/// The endings of newspapers' names in scripts without spaces or case
/// ("…新聞", "…日報").
const MASTHEAD_ENDINGS: &[&str] = &[
    "新聞", "新闻", "日報", "日报", "時報", "时报", "신문", "일보",
];

/// True when `part` reads as an outlet's name: it holds one of
/// [`MASTHEAD_WORDS`], or an acronym of capitals ("BD Markets").
pub(crate) fn is_masthead_name(part: &str) -> bool {
    if !part.is_ascii() && MASTHEAD_ENDINGS.iter().any(|e| part.ends_with(e)) {
        return true;
    }
    part.split_whitespace().any(|w| {
        let lower = w.to_lowercase();
        MASTHEAD_WORDS.contains(&lower.as_str())
            || w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
    })
}

/// True when `part` names a desk: its last word is one of [`DESK_WORDS`].
fn is_desk(part: &str) -> bool {
    part.split_whitespace()
        .last()
        .is_some_and(|w| DESK_WORDS.contains(&w.to_lowercase().as_str()))
}

/// A byline without "By": a line of one to four names alone ("Jane Roe",
/// "Jane Roe and John Doe"), taken only with strong evidence in the next
/// lines (`next`, the following non-blank lines of the page header): the
/// date line, after a job title line, a place line or more names with
/// their job titles (a credit block: "Jane Roe / Journalist / John Doe /
/// Photographer / 7 Feb 2025"); or a job title line alone under it. The
/// caller passes only header lines (between the headline and the body).
/// A photographer in the block is no author. `None` otherwise.
pub fn bare(line: &str, next: &[&str]) -> Option<Byline> {
    let mut authors = bare_names(line)?;
    let mut k = 0;
    // "Jane Roe" over "Correspondent": a byline even with the date above it.
    let mut over_job_title = false;
    if let Some(job) = next.first().filter(|t| is_job_line(t)) {
        if is_photo_job(job) {
            // The photographer's credit, not the writer's.
            authors.clear();
        }
        over_job_title = is_job_title_alone(job);
        k = 1;
    }
    // The rest of the header's credit block down to the date: more names,
    // each with its own job title ("Journalist", "Fotograf"), and one
    // place line ("Girona").
    let mut placed = false;
    while let Some(t) = next.get(k) {
        if is_date_line(t)
            || crate::ingest::dates::relative_line(t).is_some()
            || crate::ingest::dates::time_line(t).is_some()
        {
            return byline_of(authors);
        }
        if !placed && is_place_line(t) {
            placed = true;
            k += 1;
            continue;
        }
        let Some(more) = bare_names(t) else {
            break;
        };
        k += 1;
        match next.get(k) {
            Some(job) if is_job_line(job) => {
                if !is_photo_job(job) {
                    authors.extend(more);
                }
                k += 1;
            }
            _ => authors.extend(more),
        }
    }
    if over_job_title {
        return byline_of(authors);
    }
    None
}

/// A live post's byline without "By", the line under its title: "Jane
/// Roe in Leeds". The place is the evidence: a bare name could be a
/// heading of the post.
pub fn post_byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.len() > 80 || !PLACE.is_match(line) {
        return None;
    }
    bare_names(line).and_then(byline_of)
}

/// A byline of `authors` without repeats; `None` when there are none.
fn byline_of(mut authors: Vec<String>) -> Option<Byline> {
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.clone()));
    (!authors.is_empty()).then_some(Byline {
        authors,
        outlet: None,
    })
}

/// The names of a line of names alone ("Jane Roe", "JANE ROE and JOHN
/// DOE", "Jane Roe in Lisbon", "Jane Roe, AFP"): `None` unless every part
/// but an agency or a desk is name-shaped, and one is.
fn bare_names(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if line.len() > 90
        || line.is_empty()
        // A label ("Foto: Jane Roe") is no part of a name.
        || line.contains(':')
        || line.contains(['.', '!', '?', '"', '“', '(', '|', '/', '@', '#'])
            && !line
                .split_whitespace()
                .all(|w| !w.contains('.') || w.len() <= 3)
        || line.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    // "Jane Roe, AFP", "Jane Roe com Lusa": the agency is credited, not an author.
    let line = without_agency_tail(line);
    // "Jane Roe at Harbour Park", "Jane Roe in Lisbon": where they wrote.
    let placed = PLACE.replace(line, "");
    let recased;
    let mut line = placed.trim();
    // "JANE ROE": a name in capitals, read in Title Case.
    if line.chars().any(char::is_uppercase) && !line.chars().any(char::is_lowercase) {
        recased = title_case(line);
        line = &recased;
    }
    let parts: Vec<&str> = SPLIT
        .split(line)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut authors = Vec::new();
    for part in parts {
        if is_desk(part) {
            // "Haber Merkezi", "Metro Desk": the newsroom, no person.
            continue;
        }
        let toks: Vec<&str> = part.split_whitespace().collect();
        let name_shaped = (2..=4).contains(&toks.len())
            && toks.iter().all(|t| {
                let lower = t.to_lowercase();
                if PARTICLES.contains(&lower.as_str()) {
                    return true;
                }
                let mut cs = t.chars();
                cs.next().is_some_and(char::is_uppercase)
                    && (t.chars().count() <= 2 || t.chars().any(char::is_lowercase))
                    && !crate::ingest::words::is_stopword(&lower)
                    && !crate::ingest::actors::is_common_word(&lower)
                    && !is_job_title(t)
            });
        if !name_shaped || !is_person_name(part) {
            return None;
        }
        authors.push(part.to_string());
    }
    (!authors.is_empty()).then_some(authors)
}

/// `line` without a news agency credited after the names: "Jane Roe, AFP",
/// "Jane Roe com Lusa", "Jane Roe / ČTK". The agency must follow a comma,
/// a slash or a joining word: "Jane Pool" keeps her surname.
fn without_agency_tail(line: &str) -> &str {
    /// "with" in the languages of agency credits.
    const JOINS: &[&str] = &[
        "with", "and", "com", "con", "avec", "mit", "e", "y", "et", "und", "og", "och", "ja", "și",
        "és", "και", "и", "і", "та", "ile", "dan", "s", "se", "z", "ze",
    ];
    for agency in AGENCIES {
        let Some(head) = line.strip_suffix(agency) else {
            continue;
        };
        if !head.ends_with([' ', ',', '/']) {
            continue;
        }
        let trimmed = head.trim_end();
        if let Some(h) = trimmed.strip_suffix([',', '/']) {
            return h.trim_end();
        }
        if let Some((h, join)) = trimmed.rsplit_once(' ')
            && JOINS.contains(&join)
        {
            return h.trim_end_matches([',', ' ']);
        }
    }
    line
}

/// A line naming only where the writer is, between name and date in a
/// header ("Girona"): one capitalised word of letters.
fn is_place_line(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.len() <= 30
        && !t.contains(' ')
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars().skip(1).any(char::is_lowercase)
        && t.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// A photographer's job line ("Photographer", "Fotograf", "Фотограф").
fn is_photo_job(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let lower = w.to_lowercase();
        ["photo", "foto", "фото", "φωτο", "kuva"]
            .iter()
            .any(|p| lower.starts_with(p))
    })
}

/// A job title line of its own, nothing else: one to three words, all of
/// them job titles or their qualifiers ("Senior Correspondent").
fn is_job_title_alone(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    (1..=3).contains(&toks.len())
        && toks.iter().any(|w| is_job_title(w))
        && toks
            .iter()
            .all(|w| is_job_title(w) || JOB_MODIFIERS.contains(&w.to_lowercase().as_str()))
}

/// A date line of a page header ("Saturday 11 February 2023 10:27 GMT",
/// "Madrid - 04 ene 2023 - 17:42 CET"): a timestamp line, or a short line
/// holding a year and one more number.
fn is_date_line(t: &str) -> bool {
    let t = t.trim();
    if t.len() > 80 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if crate::ingest::dates::stamp_line(t).is_some() {
        return true;
    }
    let numbers: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let year = numbers
        .iter()
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .count();
    t.len() <= 60 && year && numbers.len() >= 2 && words <= 4
}

/// A job title line under a byline ("North of England Correspondent").
fn is_job_line(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    (1..=7).contains(&toks.len())
        && toks.iter().any(|w| is_job_title(w))
        && !t.ends_with('.')
        && !t.bytes().any(|b| b.is_ascii_digit())
}

/// The names in a closing credit line ("With reporting by AP, Reuters and
/// AFP"); `None` for any other line.
pub fn reporting_credits(line: &str) -> Option<Vec<String>> {
    let mut line = line.trim().trim_end_matches('.');
    // A wire's closing credit in brackets: "(Reporting by A in X;
    // Editing by B and C)".
    if let Some(inner) = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        line = inner.trim().trim_end_matches('.');
    }
    if line.len() > 400 || !REPORTING.is_match(line) {
        return None;
    }
    let mut names = Vec::new();
    for (i, piece) in line.split(';').enumerate() {
        let piece = piece.trim();
        let list = match REPORTING.captures(piece) {
            Some(c) => c.get(1).map_or("", |m| m.as_str()),
            None if i == 0 => return None,
            // "...; Editing by B": a lead this list does not know.
            None => piece
                .find(" by ")
                .filter(|&at| at < 40)
                .map_or("", |at| &piece[at + 4..]),
        };
        if list.len() > 200 {
            return None;
        }
        names.extend(
            SPLIT
                .split(list)
                .map(|s| PLACE.replace(s.trim(), "").trim().to_string())
                .filter(|s| !s.is_empty()),
        );
    }
    Some(names)
}

/// The names in a photo credit: the last parenthesis of a caption, split
/// on `/` ("(Fabrice Coffrini/AFP/Getty Images)"), or after "Photo:".
pub fn photo_credits(caption: &str) -> Vec<String> {
    let caption = caption.trim();
    let inner = if caption.ends_with(')') {
        caption
            .rfind('(')
            .map(|i| &caption[i + 1..caption.len() - 1])
    } else {
        None
    };
    let inner = inner.or_else(|| {
        let lower = caption.to_lowercase();
        ["photo:", "photograph:", "image:", "credit:", "foto:"]
            .iter()
            .find_map(|p| lower.rfind(p).map(|i| &caption[i + p.len()..]))
    });
    inner
        .map(|s| {
            s.split(['/', ';', ','])
                .map(|x| x.trim().trim_start_matches("via ").to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(line: &str) -> (Vec<String>, Option<String>) {
        let b = parse(line).unwrap_or_default();
        (b.authors, b.outlet)
    }

    #[test]
    fn the_byline_prefilter_passes_every_line_the_prefix_matches() {
        for line in [
            "By Ana Lima",
            "BY ANA LIMA",
            "By: Ana Lima",
            "Words and pictures by Ana Lima",
            "Analysis by WNN's Karl Berg",
            "News analysis from Tallinn",
            "From WNN's Karl Berg",
            "Propos recueillis par Jeanne Morel",
            "Entretien réalisé par Jeanne Morel",
            "Ein Bericht von Jana Brandt",
            "Von Jana Brandt",
            "Di Marco Ferri",
            "Door Jan Smit",
            "oprac. Piotr Zielony",
            "oprac.Piotr Zielony",
            "Autorka: Anna Zielona",
            "Texte : Jeanne Morel",
            "Tekst: Jan Smit",
            "The talks resumed on Monday",
            "Ferries by the dozen",
            "",
        ] {
            if PREFIX.is_match(line) {
                assert!(may_open_byline(line), "{line:?}");
            }
        }
        assert!(!may_open_byline("The talks resumed on Monday"));
    }

    #[test]
    fn bylines_of_other_shapes_and_languages() {
        let names = |line: &str| b(line).0;
        assert_eq!(names("By: Ana Lima"), ["Ana Lima"]);
        assert_eq!(names("Interview by Ana Lima."), ["Ana Lima"]);
        assert_eq!(
            names("Propos recueillis par Jeanne Morel."),
            ["Jeanne Morel"]
        );
        assert_eq!(names("oprac. Piotr Zielony"), ["Piotr Zielony"]);
        // A role in lowercase before the name.
        assert_eq!(names("By transport reporter Ana Lima"), ["Ana Lima"]);
        // A desk is no person; an outlet after the names is the outlet.
        assert_eq!(names("By Ana Lima, Harbour Herald Staff"), ["Ana Lima"]);
        assert_eq!(
            b("Por Ana Lima, Jornal do Cais"),
            (vec!["Ana Lima".into()], Some("Jornal do Cais".into()))
        );
        assert_eq!(
            b("By Ana Lima, KX Markets"),
            (vec!["Ana Lima".into()], Some("KX Markets".into()))
        );
        // Still no byline: a sentence with a full stop.
        assert_eq!(
            names("By the end of the week the harbour had reopened to ferries."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_bare_name_line_may_stand_in_capitals_or_say_where() {
        let names = |line: &str, next: &[&str]| bare(line, next).map(|b| b.authors);
        assert_eq!(
            names("ANA LIMA", &["4 March 2024, 10:12"]),
            Some(vec!["Ana Lima".to_string()])
        );
        assert_eq!(
            names("Tom Reed at Harbour Park", &["Sat 2 Mar 2024 17.05 GMT"]),
            Some(vec!["Tom Reed".to_string()])
        );
        // A time or a relative stamp under it is a date line too.
        assert_eq!(
            names("Ana Lima", &["Today at 17:32"]),
            Some(vec!["Ana Lima".to_string()])
        );
        assert_eq!(names("Ana Lima", &["Share this article"]), None);
    }

    #[test]
    fn reads_a_list_of_authors_and_the_outlet() {
        assert_eq!(
            b("By Ana Lima, Tom Reed and Sara Holt, WNN"),
            (
                vec!["Ana Lima".into(), "Tom Reed".into(), "Sara Holt".into()],
                Some("WNN".into())
            )
        );
    }

    #[test]
    fn strips_the_possessive_outlet_and_the_place() {
        assert_eq!(
            b("From WNN's Ana Lima and Tom Reed in Tallinn"),
            (
                vec!["Ana Lima".into(), "Tom Reed".into()],
                Some("WNN".into())
            )
        );
        assert_eq!(
            b("Analysis by WNN’s Karl Berg"),
            (vec!["Karl Berg".into()], Some("WNN".into()))
        );
    }

    #[test]
    fn reads_pipe_separated_outlets_and_never_makes_agencies_authors() {
        assert_eq!(
            b("By Lena Kovac | Reuters"),
            (vec!["Lena Kovac".into()], Some("Reuters".into()))
        );
        assert_eq!(parse("By AFP"), None);
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert_eq!(
            parse("By Monday the ministers had agreed to meet again."),
            None
        );
        assert_eq!(parse("From Tallinn to Riga, Ministers Met"), None);
    }

    #[test]
    fn reads_bylines_in_other_languages() {
        for (line, name) in [
            ("Von Lotte Brandauer", "Lotte Brandauer"),
            ("Par Amélie Carrouge", "Amélie Carrouge"),
            ("Por Íñigo Salvatierra", "Íñigo Salvatierra"),
            ("Di Ottavio Brunelleschi", "Ottavio Brunelleschi"),
            ("Door Wessel van Dijkhuis", "Wessel van Dijkhuis"),
        ] {
            assert_eq!(b(line).0, vec![name.to_string()], "{line}");
        }
    }

    #[test]
    fn reads_names_in_capitals_in_title_case() {
        assert_eq!(
            b("By ROSALIND QUARTERMAINE-LOPES and TEODOR VASK").0,
            vec!["Rosalind Quartermaine-Lopes", "Teodor Vask"]
        );
        assert_eq!(parse("BY THE NUMBERS"), None);
    }

    #[test]
    fn reads_wire_surnames_in_capitals_and_an_agency_after_names_in_capitals() {
        assert_eq!(
            b("By Tsolmon BAATAR with Jack HOLLOWAY").0,
            vec!["Tsolmon Baatar", "Jack Holloway"]
        );
        assert_eq!(
            b("By Marie-Laure DUPONT, AFP"),
            (
                vec!["Marie-Laure Dupont".to_string()],
                Some("AFP".to_string())
            )
        );
        assert_eq!(
            b("By REBECCA THORSEN and MARCUS ODELL Associated Press"),
            (
                vec!["Rebecca Thorsen".to_string(), "Marcus Odell".to_string()],
                Some("Associated Press".to_string())
            )
        );
        // An agency's name is a surname after names in Title Case.
        assert_eq!(b("By Jane Pool").0, vec!["Jane Pool"]);
        // An acronym that opens the part is an outlet's, not a surname.
        assert_eq!(
            b("By Jane Roe, BD Markets").1.as_deref(),
            Some("BD Markets")
        );
    }

    #[test]
    fn a_co_author_after_and_is_never_the_outlet() {
        assert_eq!(
            b("By Jane Roe and Emily Post"),
            (vec!["Jane Roe".to_string(), "Emily Post".to_string()], None)
        );
        assert_eq!(
            b("By Jane Roe, Emily Post and Tom Hale").0,
            vec!["Jane Roe", "Emily Post", "Tom Hale"]
        );
        assert_eq!(
            b("By Jane Roe, Jornal do Porto").1.as_deref(),
            Some("Jornal do Porto")
        );
    }

    #[test]
    fn job_titles_are_not_part_of_the_name() {
        assert_eq!(b("By Oskar Frendt Staff Writer").0, vec!["Oskar Frendt"]);
        assert_eq!(
            b("By Oskar Frendt, Senior Political Correspondent").0,
            vec!["Oskar Frendt"]
        );
        assert_eq!(
            b("Von Ilse Marquardt, Korrespondentin").0,
            vec!["Ilse Marquardt"]
        );
        assert_eq!(
            b("Por Dolores Arrieta, corresponsal").0,
            vec!["Dolores Arrieta"]
        );
        assert_eq!(parse("By Staff Writer"), None);
    }

    #[test]
    fn a_bare_name_line_is_a_byline_only_above_a_date() {
        let names = |line: &str, next: &[&str]| bare(line, next).map(|b| b.authors);
        assert_eq!(
            names("Orla Finnegan", &["Tue 14 Mar 2023 09.15 GMT"]),
            Some(vec!["Orla Finnegan".to_string()])
        );
        assert_eq!(
            names(
                "Orla Finnegan and Piet de Wael",
                &["Midlands Correspondent", "Sunday 5 March 2023 11:02 GMT"]
            ),
            Some(vec![
                "Orla Finnegan".to_string(),
                "Piet de Wael".to_string()
            ])
        );
        assert_eq!(
            names("Vasco Albuquerque Teles", &["9 de Março de 2023, 18:05"]),
            Some(vec!["Vasco Albuquerque Teles".to_string()])
        );
        // No date next to it, or not a name.
        assert_eq!(names("Orla Finnegan", &["Share this article"]), None);
        assert_eq!(names("Orla Finnegan", &[]), None);
        assert_eq!(names("Latest News", &["14 March 2023"]), None);
        assert_eq!(names("Weather in the Midlands", &["14 March 2023"]), None);
        assert_eq!(names("The Harbour Courier", &["14 March 2023"]), None);
    }

    #[test]
    fn reads_credits() {
        assert_eq!(
            photo_credits("A minister speaks. (Jo Park/Handout/Getty Images)"),
            vec!["Jo Park", "Handout", "Getty Images"]
        );
        assert_eq!(
            reporting_credits("With reporting by AP, Reuters, and AFP"),
            Some(vec!["AP".into(), "Reuters".into(), "AFP".into()])
        );
        assert_eq!(
            reporting_credits(
                "(Reporting by Ana Lima in Oslo; Additional reporting by Tom Reed; Editing by Sara Holt and Jo Park)"
            ),
            Some(vec![
                "Ana Lima".into(),
                "Tom Reed".into(),
                "Sara Holt".into(),
                "Jo Park".into()
            ])
        );
    }

    #[test]
    fn labelled_bylines_in_other_languages_and_other_labels_left_out() {
        assert_eq!(b("Szerző: Kovács Anna").0, vec!["Kovács Anna"]);
        assert_eq!(b("Автор: Иван Петров").0, vec!["Иван Петров"]);
        // The editor after a bar is neither an author nor the outlet.
        assert_eq!(
            b("Penulis: Budi Santoso | Editor: Sari Dewi"),
            (vec!["Budi Santoso".to_string()], None)
        );
        assert_eq!(parse("Foto: Budi Santoso"), None);
    }

    #[test]
    fn greek_bylines_in_the_genitive_give_the_nominative() {
        assert_eq!(b("Της Ελένης Σταματάκη").0, vec!["Ελένη Σταματάκη"]);
        assert_eq!(b("Του Γιώργου Παπαδάκη").0, vec!["Γιώργος Παπαδάκης"]);
        // A surname in "-ίου" is the same in both cases.
        assert_eq!(b("Του Νίκου Γεωργίου").0, vec!["Νίκος Γεωργίου"]);
        assert_eq!(parse("Του Αιγαίου"), None);
    }

    #[test]
    fn a_live_blogs_writers_by_shift() {
        assert_eq!(
            b("Ana Lima (now) and Tom Reed (earlier)").0,
            vec!["Ana Lima", "Tom Reed"]
        );
        assert_eq!(parse("Ana Lima (Lisbon) and Tom Reed (earlier)"), None);
        assert_eq!(parse("Ana Lima and Tom Reed"), None);
    }

    #[test]
    fn a_posts_byline_under_its_title_says_where() {
        assert_eq!(
            post_byline("Tom Reed in Harlow").map(|b| b.authors),
            Some(vec!["Tom Reed".to_string()])
        );
        assert_eq!(post_byline("Tom Reed"), None);
    }

    #[test]
    fn a_bare_name_line_credits_no_agency_nor_desk() {
        let names = |line: &str, next: &[&str]| bare(line, next).map(|b| b.authors);
        let date = ["Publikováno 4. 3. 2024 10:12"];
        assert_eq!(
            names("Pavla Nováková, ČTK", &date),
            Some(vec!["Pavla Nováková".to_string()])
        );
        assert_eq!(
            names("Ana Lima com Lusa", &date),
            Some(vec!["Ana Lima".to_string()])
        );
        assert_eq!(names("Spor Merkezi", &date), None);
        // An agency's name is still a surname without a comma or "with".
        assert_eq!(without_agency_tail("Jane Pool"), "Jane Pool");
        assert_eq!(without_agency_tail("Jane Roe with Pool"), "Jane Roe");
    }

    #[test]
    fn a_header_credit_block_names_its_writers_not_its_photographers() {
        let names = |line: &str, next: &[&str]| bare(line, next).map(|b| b.authors);
        assert_eq!(
            names(
                "Kari Nordby",
                &[
                    "Journalist",
                    "Ola Berge",
                    "Fotograf",
                    "Publisert 03.03.2024 10:00"
                ]
            ),
            Some(vec!["Kari Nordby".to_string()])
        );
        assert_eq!(
            names("Ola Berge", &["Fotograf", "Publisert 03.03.2024 10:00"]),
            None
        );
        // Names on lines of their own, and a place line, above the date.
        assert_eq!(
            names(
                "Liisa Virtanen",
                &["Pekka Koski", "Julkaistu 3.3.2024 8:12"]
            ),
            Some(vec![
                "Liisa Virtanen".to_string(),
                "Pekka Koski".to_string()
            ])
        );
        assert_eq!(
            names("Núria Soler Vidal", &["Lleida", "03/04/2024 09:00 h"]),
            Some(vec!["Núria Soler Vidal".to_string()])
        );
        // A job title alone under the name is enough.
        assert_eq!(
            names("Ольга Смирнова", &["Корреспондент", "Поделиться"]),
            Some(vec!["Ольга Смирнова".to_string()])
        );
        assert_eq!(names("Ольга Смирнова", &["Поделиться"]), None);
        // A label is no part of a name.
        assert_eq!(
            names("Foto: Ola Berge", &["Publisert 03.03.2024 10:00"]),
            None
        );
    }

    #[test]
    fn mastheads_in_scripts_without_spaces() {
        assert!(is_masthead_name("東海あさひ新聞"));
        assert!(!is_masthead_name("東海あさひ"));
    }
}
