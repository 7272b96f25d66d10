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
        r"(?i)^(?:(?:[\p{L}]+\s+){0,2}by|(?:(?:news\s+)?analysis|opinion|commentary|review|interview|essay|written|words|story|reported|text|photos?)?\s*(?:from|par|por|von|di|door|de))\s+",
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
    Regex::new(r"\s*(?:,|;|(?-u:\b)and(?-u:\b)|&|(?-u:\b)et(?-u:\b)|(?-u:\b)und(?-u:\b)|(?-u:\b)y(?-u:\b)|(?-u:\b)e(?-u:\b)|(?-u:\b)en(?-u:\b))\s*").expect("static regex")
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

/// Parses a byline line ("By A, B and C, CNN", "From CNN's A in Kyiv",
/// "Analysis by CNN's A", "By A | Reuters"); `None` for any other line.
pub fn parse(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.len() > 160 || line.ends_with('.') && !line.ends_with(" Jr.") {
        return None;
    }
    if line.is_empty() {
        return None;
    }
    let m = PREFIX.find(line)?;
    let mut rest = &line[m.end()..];
    let mut outlet = None;
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
        if outlet.is_none() && is_outlet_like(extra) && !is_person_name(extra) {
            outlet = Some(extra.to_string());
        }
    }
    let parts: Vec<&str> = SPLIT
        .split(names)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut authors = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let part = PLACE.replace(part, "");
        let part = part.trim();
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

/// The names in a closing credit line ("With reporting by AP, Reuters and
/// AFP"); `None` for any other line.
pub fn reporting_credits(line: &str) -> Option<Vec<String>> {
    let line = line.trim().trim_end_matches('.');
    if line.len() > 240 || !REPORTING.is_match(line) {
        return None;
    }
    let c = REPORTING.captures(line)?;
    let list = c.get(1)?.as_str();
    if list.len() > 200 {
        return None;
    }
    Some(
        SPLIT
            .split(list)
            .map(|s| PLACE.replace(s.trim(), "").trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
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
    fn reads_credits() {
        assert_eq!(
            photo_credits("A minister speaks. (Jo Park/Handout/Getty Images)"),
            vec!["Jo Park", "Handout", "Getty Images"]
        );
        assert_eq!(
            reporting_credits("With reporting by AP, Reuters, and AFP"),
            Some(vec!["AP".into(), "Reuters".into(), "AFP".into()])
        );
    }
}
