//! Finding candidate names in prose: capitalised token runs joined by
//! connectors ("Council of Europe"), acronyms, hyphenated pairs, with titles
//! and roles peeled off ("US Secretary of State Antony Blinken" is a mention
//! of "US" and a titled mention of "Antony Blinken").
//!
//! Capitalisation is the only signal that works across Latin, Cyrillic and
//! Greek scripts, so everything here is about telling name capitals from
//! sentence and headline capitals. A capitalised word at the start of a
//! sentence that the corpus also writes in lowercase is a common word; in a
//! Title Case line only words the corpus capitalises elsewhere count.

use super::Set;
use std::borrow::Cow;

use super::gazetteer;
use super::lexicon::{Lexicon, lexicon, short_key};
use crate::ingest::words::{B_ALNUM, B_ALPHA, B_LOWER, B_RUN, B_UPPER, BYTE_CLASS, RecentWords};

/// One token of text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// A word: letters and digits, with inner apostrophes, hyphens and the
    /// dots of "U.S.". `poss` is true when a possessive "'s" was cut off.
    Word {
        text: &'a str,
        sent_start: bool,
        poss: bool,
        /// Has a capital letter somewhere, so lowercasing is needed.
        caps: bool,
    },
    /// One punctuation character.
    Punct(char),
}

/// A candidate name found in a doc.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    /// The name as written, possessive and title removed, dots of dotted
    /// acronyms removed, tokens joined by single spaces.
    pub surface: String,
    /// Number of words in `surface`.
    pub words: usize,
    /// Preceded by a title or role ("President", "foreign minister").
    pub titled: bool,
    /// Next to a speech verb ("Lavrov said", "said Lavrov").
    pub said: bool,
    /// From the doc's hints (entity cards).
    pub hint: bool,
    /// Named in a photo credit: never an actor, anywhere.
    pub credit: bool,
    /// Listed with an organisation ("Acme Corp and Nordvik Mining"), or
    /// an acronym defined in brackets after a name: a proper name,
    /// whatever words it shares with prose.
    pub beside_org: bool,
    /// Its first word starts a sentence, so its capital proves nothing.
    pub sent_start: bool,
    /// Position in the doc, for ordering by first mention.
    pub pos: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// The char at byte `j` (a char boundary), with an ASCII fast path.
fn char_at(text: &str, j: usize) -> Option<char> {
    match text.as_bytes().get(j) {
        None => None,
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(j..).and_then(|t| t.chars().next()),
    }
}

/// Splits one line of text into words and punctuation.
fn tokenize<'a>(text: &'a str, out: &mut Vec<Tok<'a>>) {
    tokenize_with::<true>(text, out);
}

/// [`tokenize`], with (`FAST`) or without the byte scan of ASCII runs: the
/// general char-by-char path alone yields the same tokens.
fn tokenize_with<'a, const FAST: bool>(text: &'a str, out: &mut Vec<Tok<'a>>) {
    let lex = lexicon();
    let bytes = text.as_bytes();
    let mut pending_start = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if FAST && c.is_ascii_alphanumeric() {
            // Most words: ASCII letters and digits ended by an ASCII byte
            // that neither joins nor extends them (no quote or hyphen
            // follows, so no possessive either, and no dotted acronym); the
            // whole token in one byte scan.
            let mut classes = 0u8;
            let mut len = 0;
            for &b in bytes.get(i..).unwrap_or_default() {
                let class = BYTE_CLASS[usize::from(b)];
                if class & B_ALNUM == 0 {
                    break;
                }
                classes |= class;
                len += 1;
            }
            let end = i + len;
            // A dot joins only a single capital to what follows ("U.S."):
            // after any other word it is punctuation.
            let ends = match bytes.get(end) {
                None => true,
                Some(b'\'' | b'-') => false,
                Some(b'.') => len > 1 || !c.is_ascii_uppercase(),
                Some(&b) => b < 0x80,
            };
            if ends && let Some(word) = text.get(i..end) {
                out.push(Tok::Word {
                    text: word,
                    sent_start: pending_start,
                    poss: false,
                    caps: classes & B_UPPER != 0,
                });
                pending_start = false;
                i = end;
                // The space after a word, skipped here rather than by a
                // turn of the general loop.
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                continue;
            }
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | ':' | '…') {
                let after_abbrev = match out.last() {
                    Some(Tok::Word { text, .. }) if c == '.' => {
                        let single = text.chars().count() == 1
                            && text.chars().next().is_some_and(char::is_uppercase);
                        single || lex.is_title(&lowercase(text))
                    }
                    _ => false,
                };
                if !after_abbrev {
                    pending_start = true;
                }
            }
            out.push(Tok::Punct(c));
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut prev = c;
        let mut caps = c.is_uppercase();
        // A run of "X." pairs is a dotted acronym ("U.S.", "U.N.").
        let mut dotted = caps;
        loop {
            // Fast path: plain ASCII letters and digits, one table lookup
            // per byte, the classes of the run gathered as it goes.
            let run_start = end;
            let mut classes = 0u8;
            while FAST && let Some(&b) = bytes.get(end) {
                let c = BYTE_CLASS[usize::from(b)];
                if c & B_ALNUM == 0 {
                    break;
                }
                classes |= c;
                end += 1;
            }
            if let Some(&last) = bytes[run_start..end].last() {
                caps |= classes & B_UPPER != 0;
                // Only a run of one capital right after a dot continues a
                // dotted acronym: from a run's second byte on, the byte
                // before is no dot.
                dotted = dotted && end - run_start == 1 && last.is_ascii_uppercase() && prev == '.';
                prev = last as char;
            }
            let Some(d) = char_at(text, end) else { break };
            if d.is_alphanumeric() {
                let upper = d.is_uppercase();
                caps |= upper;
                dotted = dotted && upper && prev == '.';
                prev = d;
                end += d.len_utf8();
                continue;
            }
            let joiner = is_quote(d) || matches!(d, '-' | '‐' | '.');
            if !joiner {
                break;
            }
            let next = char_at(text, end + d.len_utf8());
            let joins = match d {
                '.' => dotted && prev.is_uppercase() && next.is_some_and(char::is_uppercase),
                _ => next.is_some_and(char::is_alphabetic),
            };
            if !joins {
                // The last dot of "U.S.".
                if d == '.' && dotted && text[start..end].contains('.') {
                    end += 1;
                }
                break;
            }
            prev = d;
            end += d.len_utf8();
        }
        i = end;
        let mut word = &text[start..end];
        let mut poss = false;
        // Every possessive suffix ends in "s" or "S": most words end
        // otherwise and skip the four comparisons.
        let suffixes: &[&str] = if word.ends_with(['s', 'S']) {
            &["'s", "’s", "'S", "’S"]
        } else {
            &[]
        };
        for suffix in suffixes {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
                poss = true;
                break;
            }
        }
        if !poss
            && word.ends_with('s')
            && let Some(q) = char_at(text, end)
            && is_quote(q)
            && char_at(text, end + q.len_utf8()).is_none_or(|n| !n.is_alphanumeric())
        {
            // "allies'" and "Reuters’": a trailing apostrophe.
            i += q.len_utf8();
            poss = true;
        }
        out.push(Tok::Word {
            text: word,
            sent_start: pending_start,
            poss,
            caps,
        });
        pending_start = false;
    }
}

/// [`add_vocabulary_with`] with a fresh memory.
#[cfg(test)]
pub(crate) fn add_vocabulary<'a>(text: &'a str, vocab: &mut Set<&'a str>) {
    add_vocabulary_with(text, vocab, &mut RecentWords::default());
}

/// Lowercase words of the corpus: a capitalised word found here is a
/// common word when it starts a sentence. `seen` remembers words just
/// added, sparing the set the words it already has (the same set results).
pub(crate) fn add_vocabulary_with<'a>(
    text: &'a str,
    vocab: &mut Set<&'a str>,
    seen: &mut RecentWords,
) {
    // ASCII runs are checked byte by byte; a run with other bytes (accents,
    // Cyrillic, curly quotes) goes through the char-by-char path.
    // One table lookup per byte says all three things at once.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if BYTE_CLASS[usize::from(b[i])] & B_RUN == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut all = B_ALPHA | B_LOWER;
        for &x in b.get(start..).unwrap_or_default() {
            let c = BYTE_CLASS[usize::from(x)];
            if c & B_RUN == 0 {
                break;
            }
            all &= c;
            i += 1;
        }
        let ascii_lower = all & B_LOWER != 0;
        let ascii = all & B_ALPHA != 0;
        // `start` and `i` sit on ASCII bytes or the text's ends, so they
        // are char boundaries; the run is sliced only when it is used
        // (most runs are capitalised or seen).
        if ascii {
            // Lowercase ASCII letters: no zero byte, as `seen` needs.
            if ascii_lower
                && !seen.seen_packed(crate::ingest::words::pack_le(b, start, i))
                && let Some(run) = text.get(start..i)
            {
                vocab.insert(run);
            }
        } else if let Some(run) = text.get(start..i) {
            add_vocabulary_chars(run, vocab);
        }
    }
}

fn add_vocabulary_chars<'a>(text: &'a str, vocab: &mut Set<&'a str>) {
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            add_word(&text[s..i], vocab);
        }
    }
    if let Some(s) = start {
        add_word(&text[s..], vocab);
    }
}

fn add_word<'a>(w: &'a str, vocab: &mut Set<&'a str>) {
    if w.chars().next().is_some_and(char::is_lowercase) && w.chars().all(char::is_lowercase) {
        vocab.insert(w);
    }
}

/// How a word takes part in a name run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Name,
    Title,
    Connector,
    /// A lowercase role noun ("the foreign minister, X"): a break that
    /// makes the next name titled.
    LowerTitle,
    Break,
}

/// A word inside a run.
#[derive(Debug, Clone)]
struct RunTok<'a> {
    text: &'a str,
    lower: Cow<'a, str>,
    role: Role,
    sent_start: bool,
}

/// A word with an internal lower-to-upper change after three lowercase
/// letters ("UkraineRussia") is two words glued together; "McGee",
/// "DeSantis" and "MacArthur" are not.
fn is_glued(word: &str) -> bool {
    let mut lower_run = 0;
    for c in word.chars() {
        if c.is_uppercase() {
            if lower_run >= 3 {
                return true;
            }
            lower_run = 0;
        } else if c.is_lowercase() {
            lower_run += 1;
        } else {
            lower_run = 0;
        }
    }
    false
}

/// An English contraction opening with a capital ("I'm", "We're",
/// "Here's", "Don't"); "O'Brien" and "D'Angelo" are names.
fn is_contraction(word: &str) -> bool {
    let Some(at) = word.find(['\'', '’']) else {
        return false;
    };
    let (head, tail) = (&word[..at], &word[at..]);
    let tail = tail.trim_start_matches(['\'', '’']);
    matches!(tail, "m" | "ve" | "re" | "ll" | "d" | "s" | "t")
        && matches!(
            head.to_ascii_lowercase().as_str(),
            "i" | "we"
                | "you"
                | "they"
                | "he"
                | "she"
                | "it"
                | "here"
                | "there"
                | "that"
                | "what"
                | "who"
                | "let"
                | "don"
                | "didn"
                | "doesn"
                | "can"
                | "won"
                | "isn"
                | "aren"
                | "wasn"
                | "weren"
                | "couldn"
                | "wouldn"
                | "shouldn"
        )
}

/// A hyphenated East Asian given name in romanisation ("Cheng-wen",
/// "Kuo-hsiung"): two short ASCII syllables, the second in lowercase.
pub(crate) fn is_hyphenated_given(word: &str) -> bool {
    let Some((a, b)) = word.split_once('-') else {
        return false;
    };
    let syllable =
        |p: &str| (1..=6).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic());
    // "Iran-backed", "Saudi-led", "London-based": an adjective of a place.
    let adjective = ["ed", "era", "born", "based", "style", "wide"]
        .iter()
        .any(|e| b.ends_with(e));
    syllable(a)
        && syllable(b)
        && !adjective
        && a.len() + b.len() >= 4
        && a.as_bytes()[0].is_ascii_uppercase()
        && a.bytes().skip(1).all(|c| c.is_ascii_lowercase())
        && b.bytes().all(|c| c.is_ascii_lowercase())
}

/// An acronym: 2-6 letters, all capitals ("NATO", "U.S.").
pub(crate) fn is_acronym(word: &str) -> bool {
    // The capitals test first: it fails at the second letter of most
    // names ("Biden"), before any counting.
    word.chars()
        .all(|c| c.is_uppercase() || c == '.' || c == '-' || c == '&')
        && (2..=6).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
}

/// What the corpus knows, shared by all docs.
pub(crate) struct Context<'v> {
    /// Words written in lowercase somewhere.
    pub vocab: &'v Set<&'v str>,
    /// Lowercased words capitalised in ordinary prose.
    pub cap_seen: Set<String>,
}

/// Line modes: ordinary prose, Title Case headline, or hint list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    Prose,
    TitleCase,
    Hint,
}

impl Context<'_> {
    #[allow(clippy::too_many_arguments)]
    fn role<'a>(
        &self,
        text: &'a str,
        caps: bool,
        sent_start: bool,
        mode: Mode,
        lex: &Lexicon,
        low: &'a Lowered<'_>,
    ) -> (Role, usize, Cow<'a, str>) {
        let Some(first) = text.chars().next() else {
            return (Role::Break, 0, Cow::Borrowed(text));
        };
        let lower = if caps {
            low.of(text)
        } else {
            Cow::Borrowed(text)
        };
        let (role, skip) = self.role_of(text, first, &lower, sent_start, mode, lex, low);
        if skip > 0 {
            return (role, skip, rest_lower(&text[skip..], low));
        }
        (role, skip, lower)
    }

    /// [`Context::role`] in prose, remembered in `memo` for short ASCII
    /// words: in prose a word's role depends only on its text and whether
    /// it starts a sentence (the vocabulary and word lists are fixed), and
    /// an ASCII word's lowercase form only on its text.
    fn prose_role<'a>(
        &self,
        memo: &mut WordMemo,
        text: &'a str,
        caps: bool,
        sent_start: bool,
        lex: &Lexicon,
        low: &'a Lowered<'_>,
    ) -> (Role, usize, Cow<'a, str>) {
        // Most words start with a lowercase ASCII letter and have no
        // capital at all (so no capital after a hyphen either): a
        // connector, a lowercase role noun or a break, as `role_of` decides
        // them, from the word lists (their Bloom filter, then an exact
        // lookup; cheaper than the memo).
        if !caps && text.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            let role = match lex.connector_or_title(text) {
                (true, _) => Role::Connector,
                (false, true) => Role::LowerTitle,
                (false, false) => Role::Break,
            };
            return (role, 0, Cow::Borrowed(text));
        }
        let Some(key) = MemoKey::new(text, sent_start) else {
            return self.role(text, caps, sent_start, Mode::Prose, lex, low);
        };
        let slot = key.slot();
        if let Some((role, skip)) = memo.get(slot, &key) {
            // The lowercase form exactly as `role` makes it.
            let lower = if skip > 0 {
                rest_lower(&text[skip..], low)
            } else if caps {
                low.of(text)
            } else {
                Cow::Borrowed(text)
            };
            return (role, skip, lower);
        }
        let found = self.role(text, caps, sent_start, Mode::Prose, lex, low);
        memo.put(slot, key, found.0, found.1);
        found
    }

    #[allow(clippy::too_many_arguments)]
    fn role_of(
        &self,
        text: &str,
        first: char,
        lower: &str,
        sent_start: bool,
        mode: Mode,
        lex: &Lexicon,
        low: &Lowered<'_>,
    ) -> (Role, usize) {
        if first.is_lowercase() {
            let (connector, title) = lex.connector_or_title(lower);
            if connector {
                return (Role::Connector, 0);
            }
            if title {
                return (Role::LowerTitle, 0);
            }
            if let Some((prefix, rest)) = split_at_hyphen(text)
                && rest.chars().next().is_some_and(char::is_uppercase)
            {
                if lex.is_particle(prefix) {
                    return (Role::Name, 0);
                }
                // "pro-Russian", "then-President", "anti-NATO": the part
                // after the hyphen.
                let skip = prefix.len() + 1;
                let (role, _, _) = self.role(rest, true, false, mode, lex, low);
                return (role, skip);
            }
            return (Role::Break, 0);
        }
        if !first.is_uppercase()
            || text.len() > 64
            || text.chars().any(|c| c.is_numeric())
            || is_glued(text)
        {
            return (Role::Break, 0);
        }
        if is_contraction(text) {
            // "I'm", "We've", "Here's": a pronoun or adverb, never a name.
            return (Role::Break, 0);
        }
        if has_hyphen(text) {
            let all_caps = text
                .split(['-', '‐'])
                .all(|p| p.chars().next().is_some_and(char::is_uppercase));
            if !all_caps
                && gazetteer::lookup(text).is_none()
                && !(is_hyphenated_given(text)
                    && !sent_start
                    && mode == Mode::Prose
                    && text
                        .split('-')
                        .next()
                        .is_some_and(|p| !self.vocab.contains(lowercase(p).as_ref())))
            {
                return (Role::Break, 0);
            }
        }
        if is_acronym(text) {
            let key = lower.replace('.', "");
            if lex.is_non_name_acronym(&key) {
                return (Role::Break, 0);
            }
            if mode == Mode::TitleCase
                && !self.cap_seen.contains(lower)
                && gazetteer::lookup(text).is_none()
                && lex.known_org(&key).is_none()
            {
                return (Role::Break, 0);
            }
            return (Role::Name, 0);
        }
        // The lowercase test first: it fails early in most words.
        if text.chars().all(|c| !c.is_lowercase())
            && text.chars().filter(|c| c.is_alphabetic()).count() > 1
        {
            // Shouting: an all-caps word longer than an acronym.
            return (Role::Break, 0);
        }
        let (title, non_name, structural) = lex.capital_word(lower);
        if title {
            return (Role::Title, 0);
        }
        if non_name {
            return (Role::Break, 0);
        }
        if mode == Mode::Hint {
            return (Role::Name, 0);
        }
        if (sent_start || mode == Mode::TitleCase) && !structural && self.vocab.contains(lower) {
            return (Role::Break, 0);
        }
        if mode == Mode::TitleCase
            && !structural
            && !self.cap_seen.contains(lower)
            && gazetteer::lookup(text).is_none()
        {
            return (Role::Break, 0);
        }
        (Role::Name, 0)
    }
}

/// The lowercase form of the part of a word after its prefix
/// ("pro-Russian" -> "russian").
fn rest_lower<'a>(rest: &'a str, low: &'a Lowered<'_>) -> Cow<'a, str> {
    if rest.chars().any(char::is_uppercase) {
        low.of(rest)
    } else {
        Cow::Borrowed(rest)
    }
}

/// A word remembered by [`WordMemo`]: its bytes (ASCII, at most 16) as
/// [`short_key`] reads them, with its length and sentence-start flag.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct MemoKey {
    lo: u64,
    hi: u64,
    /// Length, sentence start in bit 8, and bit 9 set, so 0 is no key.
    tag: u32,
}

impl MemoKey {
    /// The key of `text`, or `None` when it is not 1 to 16 ASCII bytes.
    #[inline]
    fn new(text: &str, sent_start: bool) -> Option<MemoKey> {
        if !text.is_ascii() {
            return None;
        }
        let (lo, hi, len) = short_key(text)?;
        Some(MemoKey {
            lo,
            hi,
            // The length is at most 16: the cast is exact.
            tag: len as u32 | u32::from(sent_start) << 8 | 1 << 9,
        })
    }

    fn slot(&self) -> usize {
        let h = (self.lo ^ self.hi.rotate_left(29) ^ u64::from(self.tag))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - MEMO_BITS)) as usize
    }
}

/// log2 of the slots of [`WordMemo`].
const MEMO_BITS: u32 = 12;

/// Roles of short ASCII words already classified in prose, one per slot
/// (a newer word takes the slot): most words of a corpus repeat, and a
/// remembered role costs a few compares instead of the word-list lookups.
#[derive(Default)]
pub(crate) struct WordMemo {
    /// Allocated on first use.
    slots: Vec<(MemoKey, Role, u8)>,
}

impl WordMemo {
    fn get(&self, slot: usize, key: &MemoKey) -> Option<(Role, usize)> {
        match self.slots.get(slot) {
            Some((k, role, skip)) if k == key => Some((*role, usize::from(*skip))),
            _ => None,
        }
    }

    fn put(&mut self, slot: usize, key: MemoKey, role: Role, skip: usize) {
        let Ok(skip) = u8::try_from(skip) else {
            return;
        };
        if self.slots.is_empty() {
            self.slots = vec![(MemoKey::default(), Role::Break, 0); 1 << MEMO_BITS];
        }
        if let Some(s) = self.slots.get_mut(slot) {
            *s = (key, role, skip);
        }
    }
}

/// `text.split_once('-')` with a byte scan: words are short, and a
/// searcher costs more to set up than the scan.
fn split_at_hyphen(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b'-')?;
    Some((&text[..at], &text[at + 1..]))
}

/// `text.contains('-') || text.contains('‐')` with a byte scan: the ASCII
/// hyphen, or the lead byte of U+2010 followed by the rest of it.
// Plain loops, not `contains`: words are short, and the `memchr` call
// `contains` makes costs more than the scan (measured with callgrind).
#[allow(clippy::manual_contains)]
fn has_hyphen(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().any(|&c| c == b'-') || (b.iter().any(|&c| c == 0xE2) && text.contains('‐'))
}

/// A text whose ASCII letters are lowercased once, when first needed, so
/// that the lowercase form of an ASCII word of the text is a slice of it
/// rather than an allocation of its own.
pub(crate) struct Lowered<'t> {
    text: &'t str,
    lower: std::cell::OnceCell<String>,
}

impl<'t> Lowered<'t> {
    /// `text`, to be lowercased on demand.
    pub(crate) fn new(text: &'t str) -> Self {
        Lowered {
            text,
            lower: std::cell::OnceCell::new(),
        }
    }

    /// The lowercase form of `word` ([`to_lower`]): borrowed when `word` is
    /// ASCII and lies within the text, owned otherwise.
    fn of<'a>(&'a self, word: &'a str) -> Cow<'a, str> {
        if word.is_ascii() {
            // Where `word` sits in the text, if it does: the bytes at the
            // same offset of the lowercased text are its lowercase form,
            // since ASCII lowercasing keeps every byte in place.
            let off = (word.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
            if off <= self.text.len() && self.text.len() - off >= word.len() {
                let lower = self.lower.get_or_init(|| self.text.to_ascii_lowercase());
                if let Some(s) = lower.get(off..off + word.len()) {
                    return Cow::Borrowed(s);
                }
            }
        }
        Cow::Owned(to_lower(word))
    }
}

/// Lowercase, with a fast path for ASCII words.
fn to_lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// The lowercase form, borrowed when the word has no capitals (most words).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(to_lower(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// A Title Case line capitalises common words ("Talks To Resolve Tensions
/// Over Ukraine"); prose writes them in lowercase.
fn is_title_case(toks: &[Tok<'_>], vocab: &Set<&str>, lex: &Lexicon) -> bool {
    // First count without lookups: prose has too many lowercase words to
    // ever qualify, and it is most lines.
    let mut capitals = 0;
    let mut low = 0;
    for t in toks {
        if let Tok::Word {
            text, sent_start, ..
        } = t
        {
            match text.chars().next() {
                Some(c) if c.is_lowercase() => low += 1,
                Some(c) if c.is_uppercase() && !sent_start => capitals += 1,
                _ => {}
            }
        }
    }
    if capitals < 2 || capitals < 2 * low {
        return false;
    }
    let cap_common = toks
        .iter()
        .filter(|t| match t {
            Tok::Word {
                text,
                sent_start: false,
                ..
            } if text.chars().next().is_some_and(char::is_uppercase) => {
                let lower = lowercase(text);
                vocab.contains(lower.as_ref()) || lex.is_stop(&lower)
            }
            _ => false,
        })
        .count();
    cap_common >= 2 && cap_common >= 2 * low
}

/// Finds the mentions in the prose lines of `text` (recording words
/// capitalised in prose into the context), and returns its Title Case lines,
/// with their byte offsets, for [`find_in_lines`] once every doc's prose has
/// been read. `base` offsets positions.
pub(crate) fn find_prose<'t>(
    text: &'t str,
    base: usize,
    ctx: &mut Context<'_>,
    memo: &mut WordMemo,
    out: &mut Vec<Mention>,
) -> Vec<(usize, &'t str)> {
    let lex = lexicon();
    let low = Lowered::new(text);
    // Prose never reads the capitals seen so far (only Title Case lines
    // do), so the scan reads a view without them and records into
    // `ctx.cap_seen`: docs can then be read in any order, or in parallel
    // with sets of their own, and the union is the same.
    let view = Context {
        vocab: ctx.vocab,
        cap_seen: Set::default(),
    };
    let mut toks = Vec::new();
    let mut later = Vec::new();
    for (offset, line) in line_chunks(text) {
        toks.clear();
        tokenize(line, &mut toks);
        if is_title_case(&toks, ctx.vocab, lex) {
            later.push((offset, line));
        } else if !toks.is_empty() {
            scan_line(
                &toks,
                base + offset,
                &view,
                Some(&mut ctx.cap_seen),
                Some(&mut *memo),
                Mode::Prose,
                lex,
                &low,
                out,
            );
        }
    }
    later
}

/// The longest piece of text tokenized at once: a capture that is one
/// enormous line is read in pieces, so memory stays bounded.
const MAX_CHUNK: usize = 64 * 1024;

/// Lines of `text` with their byte offsets; lines longer than [`MAX_CHUNK`]
/// are cut at a space (or any char boundary when there is none).
fn line_chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut at = 0;
    let mut finished = false;
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let window = &rest.as_bytes()[..rest.len().min(MAX_CHUNK + 1)];
        match memchr::memchr(b'\n', window) {
            Some(end) => {
                let line = &rest[..end];
                let item = (at, line);
                at += end + 1;
                rest = &rest[end + 1..];
                Some(item)
            }
            None if rest.len() <= MAX_CHUNK => {
                finished = true;
                Some((at, rest))
            }
            None => {
                let mut cut = MAX_CHUNK;
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                let cut = rest[..cut].rfind(' ').filter(|&c| c > 0).unwrap_or(cut);
                let item = (at, &rest[..cut]);
                at += cut;
                rest = &rest[cut..];
                Some(item)
            }
        }
    })
}

/// Finds the mentions in the given lines, read as Title Case headlines or
/// as hints. These modes only read the context (the capitals seen in every
/// doc's prose), so docs can be read in parallel.
pub(crate) fn find_in_lines(
    lines: &[(usize, &str)],
    base: usize,
    ctx: &Context<'_>,
    mode: Mode,
    out: &mut Vec<Mention>,
) {
    debug_assert!(mode != Mode::Prose, "prose goes through find_prose");
    let lex = lexicon();
    let mut toks = Vec::new();
    for (offset, line) in lines {
        toks.clear();
        tokenize(line, &mut toks);
        scan_line(
            &toks,
            base + offset,
            ctx,
            None,
            None,
            mode,
            lex,
            &Lowered::new(line),
            out,
        );
    }
}

/// The state of a scan over one line.
struct Scan<'a> {
    run: Vec<RunTok<'a>>,
    /// The word before the current run, lowercased.
    before: Option<Cow<'a, str>>,
    /// A title ended the last run without a name ("then-President, X").
    pending_title: bool,
    titled_run: bool,
    start_pos: usize,
}

/// Scans one tokenized line. In prose, words capitalised mid-sentence are
/// recorded into `cap_seen`.
#[allow(clippy::too_many_arguments)]
fn scan_line<'a>(
    line: &[Tok<'a>],
    base: usize,
    ctx: &Context<'_>,
    mut cap_seen: Option<&mut Set<String>>,
    mut memo: Option<&mut WordMemo>,
    mode: Mode,
    lex: &Lexicon,
    low: &'a Lowered<'_>,
    out: &mut Vec<Mention>,
) {
    let mut st = Scan {
        run: Vec::with_capacity(8),
        before: None,
        pending_title: false,
        titled_run: false,
        start_pos: base,
    };
    let mut prev_lower: Option<Cow<'a, str>> = None;
    let mut prev2_lower: Option<Cow<'a, str>> = None;
    // The last name emitted was an organisation, and only "and" or a
    // comma came since.
    let mut coord_org = false;
    // A name of two words or more just ended at an opening bracket: the
    // number of mentions then, for an acronym defined in the brackets.
    let mut defining: Option<usize> = None;
    // A photo credit closing the line ("... 2023. REUTERS/Jane Roe",
    // "| Jane Roe/The Courier", "Photograph: Jane Roe/PA") names no actor.
    let tail = credit_tail(line, lex);
    if tail < line.len() {
        credit_names(&line[tail..], base + tail, lex, out);
    }
    let line = &line[..tail];
    let mut i = dateline(line, base, mode, out);
    while i < line.len() {
        let pos = base + i;
        match line[i] {
            Tok::Word {
                text,
                sent_start,
                poss,
                caps,
            } => {
                let (mut role, skip, lower) = match memo.as_deref_mut() {
                    Some(memo) if mode == Mode::Prose => {
                        ctx.prose_role(memo, text, caps, sent_start, lex, low)
                    }
                    _ => ctx.role(text, caps, sent_start, mode, lex, low),
                };
                if role == Role::Break
                    && caps
                    && !sent_start
                    && mode == Mode::Prose
                    && lex.is_given_stop(&lower)
                    && next_is_name_word(&line[i + 1..])
                {
                    // "secretary, Des Byrne, said": mid-sentence, the
                    // capital of a function word that is also a given name
                    // before another capital opens a name.
                    role = Role::Name;
                }
                if role == Role::Break && number_ends_org(text, &st.run, &line[i + 1..], lex) {
                    // "Police Regional Office 7": the number closes the
                    // body's name.
                    st.run.push(RunTok {
                        text,
                        lower: lower.clone(),
                        role: Role::Name,
                        sent_start,
                    });
                    flush(&mut st, None, lex, mode, out);
                    prev2_lower = prev_lower.take();
                    prev_lower = Some(lower);
                    i += 1;
                    continue;
                }
                let text = &text[skip..];
                match role {
                    Role::Name | Role::Title
                        if st.run.is_empty()
                            && work_cue(prev_lower.as_deref(), prev2_lower.as_deref()) =>
                    {
                        // "the author of Clock Work: A Life", "the film
                        // Silent Harbour": a work's title names no actor.
                        i = skip_work_title(line, i, lex);
                        prev_lower = None;
                        prev2_lower = None;
                        continue;
                    }
                    Role::Name | Role::Title => {
                        let pair = is_place_pair(text);
                        if pair {
                            // "US-Russia" inside "Urgent US-Russia talks" is
                            // a pair of its own.
                            flush(&mut st, None, lex, mode, out);
                        }
                        if st.run.is_empty() {
                            st.before = prev_lower.clone();
                            st.titled_run = st.pending_title;
                            st.start_pos = pos;
                        }
                        if mode == Mode::Prose
                            && role == Role::Name
                            && !sent_start
                            && let Some(seen) = cap_seen.as_deref_mut()
                            && !seen.contains(lower.as_ref())
                        {
                            seen.insert(lower.to_string());
                        }
                        st.run.push(RunTok {
                            text,
                            lower: lower.clone(),
                            role,
                            sent_start,
                        });
                        if poss || pair {
                            flush(&mut st, None, lex, mode, out);
                        }
                    }
                    Role::Connector
                        if !st.run.is_empty()
                            && (next_is_capital(&line[i + 1..])
                                || bridges_connector(&lower, &st.run, &line[i + 1..], lex))
                            && (lower != "the"
                                || st.run.last().is_some_and(|t| t.lower == "of")) =>
                    {
                        st.run.push(RunTok {
                            text,
                            lower: lower.clone(),
                            role,
                            sent_start,
                        });
                    }
                    _ if !st.run.is_empty()
                        && org_joiner(&lower, &st.run, &line[i + 1..], ctx.vocab, lex) =>
                    {
                        // "Fire and Rescue Service", "Commission on Human
                        // Rights": one body.
                        st.run.push(RunTok {
                            text,
                            lower: lower.clone(),
                            role: Role::Connector,
                            sent_start,
                        });
                    }
                    _ => {
                        if lower == "by"
                            && st.run.last().is_some_and(|t| lex.is_credit_lead(&t.lower))
                        {
                            // "(Reporting by ...": the lead is no name.
                            st.run.pop();
                        }
                        let before = out.len();
                        flush(&mut st, Some(&lower), lex, mode, out);
                        coord_org = listed_with_org(coord_org, before, out, lex)
                            && matches!(lower.as_ref(), "and" | "y" | "e" | "et" | "und" | "en");
                        st.pending_title = role == Role::LowerTitle;
                        if lower == "by"
                            && prev_lower.as_deref().is_some_and(|p| lex.is_credit_lead(p))
                        {
                            // "With reporting by ...": credits to the end of
                            // the sentence.
                            i = skip_sentence(line, i);
                            prev_lower = None;
                            continue;
                        }
                    }
                }
                prev2_lower = prev_lower.take();
                prev_lower = Some(lower);
            }
            Tok::Punct('&')
                if !st.run.is_empty()
                    && org_joiner("&", &st.run, &line[i + 1..], ctx.vocab, lex) =>
            {
                st.run.push(RunTok {
                    text: "&",
                    lower: Cow::Borrowed("&"),
                    role: Role::Connector,
                    sent_start: false,
                });
            }
            Tok::Punct(c) => {
                let initial = c == '.'
                    && st.run.last().is_some_and(|t| {
                        t.text.chars().count() == 1 && t.role == Role::Name
                            || lex.is_title(&t.lower)
                    });
                if !initial {
                    let before = out.len();
                    flush(&mut st, None, lex, mode, out);
                    coord_org = listed_with_org(coord_org, before, out, lex) && c == ',';
                    // "the Bureau of Meteorology (BOM)": an acronym defined
                    // after a name is a proper name, even if said once.
                    if c == ')'
                        && let Some(n) = defining
                        && out.len() == n + 1
                        && let Some(m) = out.last_mut()
                        && m.words == 1
                        && is_acronym(&m.surface)
                    {
                        m.beside_org = true;
                    }
                    defining = (c == '('
                        && out.len() > before
                        && out.last().is_some_and(|m| m.words >= 2))
                    .then_some(out.len());
                    // A colon or an opening quote ends a title's reach
                    // ("The mayor: «We need ...»").
                    if matches!(c, '.' | '!' | '?' | ';' | ':' | '«' | '“' | '„') {
                        st.pending_title = false;
                    }
                }
                if c == '('
                    && let Some(close) = credit_parenthesis(line, i, lex)
                {
                    i = close + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    flush(&mut st, None, lex, mode, out);
}

/// Marks the first mention emitted since `before` as listed with an
/// organisation when `coord_org` says one came just before it; returns
/// whether the last mention emitted is an organisation.
fn listed_with_org(coord_org: bool, before: usize, out: &mut [Mention], lex: &Lexicon) -> bool {
    let Some(new) = out.get_mut(before..) else {
        return false;
    };
    if coord_org && let Some(first) = new.first_mut() {
        first.beside_org = true;
    }
    new.last().is_some_and(|m| {
        m.words >= 2
            && m.surface.split(' ').any(|w| {
                lex.is_org_keyword(&lowercase(w)) || lex.is_leading_org_keyword(&lowercase(w))
            })
    })
}

/// A dateline opening a line in capitals ("PORT VELLAN —"): the place is
/// read in Title Case when it is one, and its words are no names of their
/// own. Returns the index of the first token after it (0 when there is
/// none).
fn dateline(line: &[Tok<'_>], base: usize, mode: Mode, out: &mut Vec<Mention>) -> usize {
    let mut n = 0;
    while let Some(Tok::Word { text, .. }) = line.get(n) {
        let caps = text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !text.chars().any(char::is_lowercase);
        if !caps || n == 4 {
            return 0;
        }
        n += 1;
    }
    if n == 0 || !matches!(line.get(n), Some(Tok::Punct('—' | '–' | '-'))) {
        return 0;
    }
    let words: Vec<String> = line[..n]
        .iter()
        .filter_map(|t| match t {
            Tok::Word { text, .. } => {
                let lower = lowercase(text);
                let mut cs = lower.chars();
                Some(cs.next().map_or(String::new(), |f| {
                    f.to_uppercase().chain(cs).collect::<String>()
                }))
            }
            Tok::Punct(_) => None,
        })
        .collect();
    let surface = words.join(" ");
    let place = gazetteer::classify(&surface).is_some();
    // "NATO — the alliance said": a short word in capitals that is no known
    // place is an acronym opening the sentence, not a dateline.
    if !place && n == 1 && surface.chars().count() <= 5 {
        return 0;
    }
    if mode == Mode::Prose && place {
        out.push(Mention {
            surface,
            words: n,
            titled: false,
            said: false,
            hint: false,
            credit: false,
            beside_org: false,
            sent_start: false,
            pos: base,
        });
    }
    n + 1
}

/// Nouns after which a capitalised phrase is the title of a work ("the
/// book Quiet Hours"), in several languages.
const WORK_NOUNS: &[&str] = &[
    "book",
    "novel",
    "memoir",
    "film",
    "movie",
    "album",
    "documentary",
    "podcast",
    "song",
    "titled",
    "entitled",
    "buch",
    "roman",
    "livre",
    "libro",
    "película",
    "pelicula",
    "romanzo",
    "livro",
    "boek",
];

/// True when the words before a capitalised word announce a work's title:
/// a work noun ("the novel ...") or "author of".
fn work_cue(prev: Option<&str>, prev2: Option<&str>) -> bool {
    match prev {
        Some("of") => matches!(
            prev2,
            Some("author" | "autor" | "autora" | "auteur" | "autrice" | "autore")
        ),
        Some(p) => WORK_NOUNS.contains(&p),
        None => false,
    }
}

/// The index of the token after a work's title that starts at `i`: its
/// capitalised words and the function words, commas and colons between
/// them, up to the end of the sentence or a lowercase word of prose.
fn skip_work_title(line: &[Tok<'_>], i: usize, lex: &Lexicon) -> usize {
    let mut j = i;
    while j < line.len() && j < i + 16 {
        match line[j] {
            Tok::Word { text, .. } => {
                let lowercase_start = text.chars().next().is_some_and(char::is_lowercase);
                // "the novel Quiet Hours by Ana Lind": "by" brings in the
                // author, after the title.
                let ends_title = j > i && text == "by";
                if lowercase_start && (ends_title || !lex.is_stop(text)) {
                    break;
                }
            }
            Tok::Punct(',' | ':' | '\'' | '’' | '-' | '–') => {}
            Tok::Punct(_) => break,
        }
        j += 1;
    }
    j.max(i + 1)
}

/// Words that label a photo credit ("Photograph: Jane Roe/PA").
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "picture",
    "image",
    "credit",
    "foto",
    "fotos",
    "bild",
    "fotografía",
    "fotografia",
    "imagen",
    "imagem",
    "afbeelding",
];

/// Where a photo credit at the end of a line begins (the line's length
/// when there is none): the last segments of the line (cut at sentence
/// ends, colons and bars), each only capitalised words or holding an
/// agency, with a slash among them and a sign that they are a credit: an
/// agency, a bar before them, or a credit label ("Photograph:").
fn credit_tail(line: &[Tok<'_>], lex: &Lexicon) -> usize {
    // Most lines hold no slash: one pass over the tokens says so.
    if !line.iter().any(|t| matches!(t, Tok::Punct('/'))) {
        return line.len();
    }
    let boundary = |t: &Tok<'_>| matches!(t, Tok::Punct('.' | '!' | '?' | ':' | '|' | '—' | '–'));
    let mut start = line.len();
    let mut slash = false;
    let mut agency = false;
    let mut bar = false;
    let mut label = false;
    let mut end = line.len();
    while end > 0 {
        // The segment before `end`, back to the previous boundary.
        let mut b = end;
        while b > 0 && !boundary(&line[b - 1]) {
            b -= 1;
        }
        let seg = &line[b..end];
        let (mut lower_words, mut words, mut seg_agency, mut seg_slash) = (0, 0, false, false);
        let mut ok = !seg.is_empty() && seg.len() <= 16;
        for t in seg {
            match t {
                Tok::Word { text, .. } => {
                    words += 1;
                    let low = lowercase(text);
                    if lex.is_agency(&low) {
                        seg_agency = true;
                    } else if text.chars().any(char::is_numeric) {
                        ok = false;
                    } else if text.chars().next().is_some_and(char::is_lowercase) {
                        lower_words += 1;
                    }
                }
                Tok::Punct('/') => seg_slash = true,
                Tok::Punct(',' | '&' | '-' | '\'' | '’' | '·') => {}
                Tok::Punct(_) => ok = false,
            }
        }
        let credit_like = ok && words > 0 && (lower_words == 0 || seg_agency && lower_words <= 2);
        if !credit_like {
            break;
        }
        // "Photograph:" before the credit.
        if words == 1
            && b < end
            && matches!(line.get(end), Some(Tok::Punct(':')))
            && let Tok::Word { text, .. } = seg[0]
            && CREDIT_LABELS.contains(&lowercase(text).as_ref())
        {
            label = true;
        }
        slash |= seg_slash;
        agency |= seg_agency;
        start = b;
        if b == 0 {
            break;
        }
        bar |= matches!(line[b - 1], Tok::Punct('|'));
        end = b - 1;
    }
    // A line that is nothing but "Jane Roe/The Courier".
    let whole = start == 0 && line.len() <= 10 && !line.iter().any(boundary);
    if slash && (agency || bar || label || whole) && start < line.len() {
        start
    } else {
        line.len()
    }
}

/// The names of a photo credit ("REUTERS/Jane Roe/File Photo", "Jane
/// Roe/The Courier"): runs of capitalised words between slashes and bars,
/// less agencies, labels and the words of "File Photo".
fn credit_names(tail: &[Tok<'_>], pos: usize, lex: &Lexicon, out: &mut Vec<Mention>) {
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<Mention>| {
        let name = run.join(" ");
        let key = name.to_lowercase();
        let generic = run.iter().all(|w| {
            let l = lowercase(w);
            lex.is_non_name(&l) || CREDIT_LABELS.contains(&l.as_ref()) || l == "file"
        });
        if !run.is_empty() && !generic && !lex.is_agency(&key) {
            out.push(Mention {
                surface: name.trim_start_matches("The ").to_string(),
                words: run.len(),
                titled: false,
                said: false,
                hint: false,
                credit: true,
                beside_org: false,
                sent_start: false,
                pos,
            });
        }
        run.clear();
    };
    for t in tail {
        match t {
            Tok::Word { text, .. } if text.chars().next().is_some_and(char::is_uppercase) => {
                run.push(text);
            }
            Tok::Word { .. } | Tok::Punct(_) => flush(&mut run, out),
        }
    }
    flush(&mut run, out);
}

/// Organisation keywords a "for" or "on" may follow inside one name
/// ("Commission on Human Rights", "Centre for Policy Studies"); bodies
/// that meet "on" a day or a subject (Senate, Parliament) are not among them.
const FOR_ON_HEADS: &[&str] = &[
    "commission",
    "council",
    "committee",
    "centre",
    "center",
    "institute",
    "office",
    "agency",
    "ministry",
    "department",
    "foundation",
    "association",
    "coalition",
    "league",
    "society",
    "alliance",
    "fund",
    "bureau",
    "board",
    "organisation",
    "organization",
    "union",
    "network",
    "trust",
    "campaign",
    "partnership",
    "forum",
    "movement",
    "federation",
    "secretariat",
];

/// True when the connective `lower` ("and", "&", "for", "on" and their
/// kin) joins the run before it and the capitalised words after it into
/// one organisation's name: "and" after a common noun ("Fire and Rescue
/// Service") when the words after it end in an organisation keyword;
/// "for"/"on" after an organisation keyword, before a name of two words
/// or more that is no place ("Commission on Human Rights"). Two people
/// ("Smith and Jones") or two places are never joined.
fn org_joiner(
    lower: &str,
    run: &[RunTok<'_>],
    rest: &[Tok<'_>],
    vocab: &Set<&str>,
    lex: &Lexicon,
) -> bool {
    let and = matches!(lower, "and" | "&" | "und" | "et" | "e" | "y" | "en");
    let for_on = matches!(lower, "for" | "on" | "für" | "pour" | "para" | "per");
    if !and && !for_on {
        return false;
    }
    // The capitalised words after the connective.
    let mut ahead = 0;
    let mut keyword = false;
    let mut place_or_day = false;
    // The first word after the connective is a common word ("Power").
    let mut first_common = false;
    for t in rest.iter().take(5) {
        match t {
            Tok::Word { text, .. } if text.chars().next().is_some_and(char::is_uppercase) => {
                let low = lowercase(text);
                if ahead == 0 && (lex.is_non_name(&low) || gazetteer::lookup(text).is_some()) {
                    place_or_day = true;
                }
                if ahead == 0 {
                    first_common = vocab.contains(low.as_ref());
                }
                keyword |= lex.is_org_keyword(&low);
                ahead += 1;
            }
            _ => break,
        }
    }
    if ahead == 0 || place_or_day {
        return false;
    }
    let Some(last) = run.last() else {
        return false;
    };
    if and {
        let run_keyword = run.iter().any(|t| lex.is_org_keyword(&t.lower));
        let after_of = run.iter().any(|t| t.lower == "of");
        keyword
            && (!run_keyword || after_of)
            && run.len() <= 4
            // A common word: in the corpus's lowercase words, or one of
            // the lexicon's ("Economic and Financial Crimes Commission").
            && (vocab.contains(last.lower.as_ref())
                || gazetteer::is_service_noun(&last.lower)
                || lex.is_role_adjective(&last.lower))
            && gazetteer::lookup(last.text).is_none()
    } else {
        // One word after "on" is a subject only when it is a common word
        // ("Committee on Power"), not a name ("the council on Nordvik").
        (ahead >= 2 || first_common) && FOR_ON_HEADS.contains(&last.lower.as_ref())
    }
}

/// "US-Russia", "Ukraine-Russia": places or acronyms joined by a hyphen.
fn is_place_pair(text: &str) -> bool {
    text.contains('-')
        && gazetteer::lookup(text).is_none()
        && text
            .split('-')
            .all(|p| is_acronym(p) || gazetteer::lookup(p).is_some())
}

/// True when the connector `lower` joins the run to a capitalised word
/// beyond a second connector: a particle pair inside a name ("Pieter van
/// der Merwe", "Instituto de la Vivienda"; not "y la", a conjunction and
/// an article), or "of the" after a single
/// name word ("Friends of the Earth"). After a full name "of the" brings
/// in an employer ("Ana Lind of the Courier"), so it does not join then.
fn bridges_connector(lower: &str, run: &[RunTok<'_>], rest: &[Tok<'_>], lex: &Lexicon) -> bool {
    let Some(Tok::Word { text: next, .. }) = rest.first() else {
        return false;
    };
    if !next.chars().next().is_some_and(char::is_lowercase)
        || !lex.is_connector(next)
        || !next_is_capital(&rest[1..])
    {
        return false;
    }
    match (lower, *next) {
        ("of", "the") => run.len() == 1 && run[0].role == Role::Name,
        ("of" | "the" | "y", _) | (_, "of" | "the") => false,
        _ => true,
    }
}

/// The next token is a capitalised word that is no acronym ("Byrne").
fn next_is_name_word(rest: &[Tok<'_>]) -> bool {
    match rest.first() {
        Some(Tok::Word { text, .. }) => {
            text.chars().next().is_some_and(char::is_uppercase)
                && text.chars().any(char::is_lowercase)
        }
        _ => false,
    }
}

/// True when `text` is a small number closing an organisation's name
/// ("Police Regional Office 7"): a run of two words or more ending in an
/// organisation keyword, and no figure, time or share follows.
fn number_ends_org(text: &str, run: &[RunTok<'_>], rest: &[Tok<'_>], lex: &Lexicon) -> bool {
    (1..=3).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && run.len() >= 2
        && run.last().is_some_and(|t| lex.is_org_keyword(&t.lower))
        && !matches!(
            rest.first(),
            Some(Tok::Punct('%' | ':' | '/' | '-' | ',' | '.' | '–'))
        )
}

fn next_is_capital(rest: &[Tok<'_>]) -> bool {
    match rest.first() {
        Some(Tok::Word { text, .. }) => text.chars().next().is_some_and(char::is_uppercase),
        _ => false,
    }
}

/// The index of the token ending the sentence that contains `i`.
fn skip_sentence(line: &[Tok<'_>], i: usize) -> usize {
    let mut j = i + 1;
    while j < line.len() {
        if matches!(line[j], Tok::Punct('.' | '!' | '?' | ';')) {
            return j;
        }
        j += 1;
    }
    j
}

/// A parenthesis holding a photo credit ("(Jane Roe/AFP/Getty Images)"):
/// the index of its closing bracket.
fn credit_parenthesis(line: &[Tok<'_>], open: usize, lex: &Lexicon) -> Option<usize> {
    let mut slash = false;
    let mut agency = false;
    for (j, t) in line.iter().enumerate().skip(open + 1).take(40) {
        match t {
            Tok::Punct(')') => return (slash || agency).then_some(j),
            Tok::Punct('/') => slash = true,
            Tok::Word { text, .. } if lex.is_agency(&text.to_lowercase()) => agency = true,
            _ => {}
        }
    }
    None
}

/// Ends the current run, emitting its mentions. Most words end no run
/// (a lowercase word after another): the check is inlined at the call.
#[inline]
fn flush(st: &mut Scan<'_>, next: Option<&str>, lex: &Lexicon, mode: Mode, out: &mut Vec<Mention>) {
    if !st.run.is_empty() {
        flush_run(st, next, lex, mode, out);
    }
}

fn flush_run(
    st: &mut Scan<'_>,
    next: Option<&str>,
    lex: &Lexicon,
    mode: Mode,
    out: &mut Vec<Mention>,
) {
    // Taken out and given back so the run's buffer is reused.
    let mut run = std::mem::take(&mut st.run);
    let said = next.is_some_and(|n| lex.is_speech(n))
        || st.before.as_deref().is_some_and(|b| lex.is_speech(b));
    let hint = mode == Mode::Hint;
    let mut titled = st.titled_run;
    let mut seg_start = 0;
    let mut i = 0;
    let mut ended_on_title = false;
    while i < run.len() {
        if run[i].role != Role::Title {
            i += 1;
            continue;
        }
        let mut e = i;
        while e > seg_start
            && (lex.is_role_adjective(&run[e - 1].lower)
                || lex.is_demonym(&run[e - 1].lower)
                || run[e - 1].role == Role::Connector)
        {
            e -= 1;
        }
        emit(
            &run[seg_start..e],
            titled,
            said,
            hint,
            st.start_pos + seg_start,
            lex,
            out,
        );
        let mut j = i + 1;
        loop {
            if j < run.len() && (run[j].role == Role::Title || run[j].lower == "general") {
                j += 1;
                continue;
            }
            if j + 1 < run.len() && run[j].lower == "of" {
                let mut k = j + 1;
                if run[k].lower == "the" && k + 1 < run.len() {
                    k += 1;
                }
                let end = run.len().min(k + 5);
                if let Some(kw) = (k..end).find(|&x| lex.is_org_keyword(&run[x].lower)) {
                    emit(&run[k..=kw], false, false, hint, st.start_pos + k, lex, out);
                    j = kw + 1;
                } else {
                    j = k + 1;
                }
            }
            break;
        }
        seg_start = j.min(run.len());
        titled = true;
        ended_on_title = seg_start >= run.len();
        i = seg_start;
    }
    if seg_start < run.len() {
        emit(
            &run[seg_start..],
            titled,
            said,
            hint,
            st.start_pos + seg_start,
            lex,
            out,
        );
    }
    st.pending_title = ended_on_title;
    st.titled_run = false;
    run.clear();
    st.run = run;
}

fn emit(
    seg: &[RunTok<'_>],
    titled: bool,
    said: bool,
    hint: bool,
    pos: usize,
    lex: &Lexicon,
    out: &mut Vec<Mention>,
) {
    let mut a = 0;
    let mut b = seg.len();
    while a < b && (seg[a].role == Role::Connector || seg[a].role == Role::Title) {
        a += 1;
    }
    while b > a && (seg[b - 1].role == Role::Connector || seg[b - 1].role == Role::Title) {
        b -= 1;
    }
    if a >= b {
        return;
    }
    let mut seg = &seg[a..b];
    // "Anna Berg of Kestrel Bank": a person's name, "of", then a body. Two
    // or three name words before "of" and a body's keyword after it; one
    // word before keeps "Duke of Kent", a keyword before "Bank of England".
    if let Some(of) = seg.iter().position(|t| t.lower == "of")
        && (2..=3).contains(&of)
        && seg[..of]
            .iter()
            .all(|t| t.role == Role::Name && !lex.is_org_keyword(&t.lower))
        && seg[of + 1..].iter().any(|t| lex.is_org_keyword(&t.lower))
    {
        emit(&seg[..of], titled, said, hint, pos, lex, out);
        emit(&seg[of + 1..], false, said, hint, pos + of + 1, lex, out);
        return;
    }
    let org = seg.iter().any(|t| lex.is_org_keyword(&t.lower));
    if org && let Some(kw) = seg.iter().rposition(|t| lex.is_org_keyword(&t.lower)) {
        // "European Union Foreign Ministers": the body ends at its keyword
        // unless a connector carries on ("Bank of Finland").
        // "Sociedad Química Andina" leads with its keyword; "... School
        // District" ends with a head noun that is part of the name.
        // "Network Rail": a keyword and one name word after it are kept
        // whole; the resolver wants a speech verb or the like before it
        // calls the pair a body ("Council Tax" never says anything).
        let pair = kw == 0
            && seg.len() == 2
            && !lex.is_demonym(&seg[1].lower)
            && !lex.is_role_adjective(&seg[1].lower);
        let leading = kw == 0 && lex.is_leading_org_keyword(&seg[0].lower)
            || pair
            || kw + 2 == seg.len()
                && (matches!(
                    seg[kw + 1].lower.as_ref(),
                    "district" | "districts" | "authority" | "board" | "division" | "branch"
                ) || seg[kw + 1].text.bytes().all(|b| b.is_ascii_digit()));
        if kw + 1 < seg.len() && seg[kw + 1].role != Role::Connector && !leading {
            push(&seg[..=kw], false, said, hint, pos, out);
            emit(&seg[kw + 1..], titled, said, hint, pos + kw + 1, lex, out);
            return;
        }
    }
    // A word that only ends like a demonym is a given name before one
    // other word ("Hamish Reid", "Cristian Pop").
    let demonym = |seg: &[RunTok<'_>]| {
        lex.is_listed_demonym(&seg[0].lower) || seg.len() >= 3 && lex.is_demonym(&seg[0].lower)
    };
    if !org && person_initials(seg, lex) {
        // "K.N. Rao": initials, not an acronym; written with their dots.
        let surface = seg.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
        out.push(Mention {
            surface,
            words: seg.len(),
            titled,
            said,
            hint,
            credit: false,
            beside_org: false,
            sent_start: seg[0].sent_start,
            pos,
        });
        return;
    }
    if !org
        && seg.len() > 1
        && (demonym(seg) || is_acronym(seg[0].text))
        && gazetteer::lookup(&join(seg)).is_none()
    {
        // "Ukrainian Volodymyr Zelensky": the demonym is not part of the
        // name; "NATO Jens Stoltenberg": the acronym is a name of its own.
        while seg.len() > 1 && demonym(seg) {
            seg = &seg[1..];
        }
        while seg.len() > 1 && is_acronym(seg[0].text) {
            push(&seg[..1], false, said, hint, pos, out);
            seg = &seg[1..];
        }
    }
    if seg.len() == 1
        && !titled
        && (seg[0].text.contains('-') || seg[0].text.contains('‐'))
        && gazetteer::lookup(seg[0].text).is_none()
    {
        // "a Biden-Putin summit" mentions both.
        for part in seg[0].text.split(['-', '‐']) {
            if !part.is_empty() {
                out.push(Mention {
                    surface: part.replace('.', ""),
                    words: 1,
                    titled: false,
                    said,
                    hint,
                    credit: false,
                    beside_org: false,
                    sent_start: false,
                    pos,
                });
            }
        }
        return;
    }
    push(seg, titled, said, hint, pos, out);
}

/// Dotted initials ("K.N.") before one or two name words, with no place
/// or known body among them: a person's initials, not an acronym.
fn person_initials(seg: &[RunTok<'_>], lex: &Lexicon) -> bool {
    (2..=3).contains(&seg.len())
        && is_initials(seg[0].text)
        && seg[1..]
            .iter()
            .all(|t| t.role == Role::Name && !is_acronym(t.text))
        && gazetteer::lookup(seg[0].text).is_none()
        && lex.known_org(&seg[0].lower.replace('.', "")).is_none()
}

/// Capitals each followed by a dot, two or more ("K.N.", "J.R.R.").
pub(crate) fn is_initials(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 4
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p.get(1) == Some(&b'.'))
}

fn join(seg: &[RunTok<'_>]) -> String {
    // Room for the words, the spaces and an initial's dot: one allocation.
    let mut s = String::with_capacity(seg.iter().map(|t| t.text.len() + 2).sum());
    for (i, t) in seg.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        // Only the dots of an acronym go; one without dots is as written.
        if t.text.bytes().any(|b| b == b'.') && is_acronym(t.text) {
            s.extend(t.text.chars().filter(|c| *c != '.'));
        } else {
            s.push_str(t.text);
            let mut chars = t.text.chars();
            if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
                // An initial: its dot was read as punctuation.
                s.push('.');
            }
        }
    }
    s
}

fn push(
    seg: &[RunTok<'_>],
    titled: bool,
    said: bool,
    hint: bool,
    pos: usize,
    out: &mut Vec<Mention>,
) {
    if seg.is_empty() {
        return;
    }
    out.push(Mention {
        surface: join(seg),
        words: seg.len(),
        titled,
        said,
        hint,
        credit: false,
        beside_org: false,
        sent_start: seg[0].sent_start,
        pos,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizing_ascii_runs_fast_gives_the_general_tokens() {
        for line in [
            "",
            "The U.S. and the U.N. met in Kyiv on Monday.",
            "U.S.-led talks: NATO's chief, Mr. Stoltenberg, said \"no\".",
            "A.B.C.D. e.f. X.Y Z. 3.5 per cent, 12:05 p.m. ET",
            "allies' talks with Reuters’ team and O'Brien's aides",
            "Pärnu and Kraków: Лавров said ÉCOLE U.É. talks",
            "pro-Russian then-President anti-NATO Biden-Putin summit",
            "ABC1 a1B2 McGee DeSantis UkraineRussia",
            "end with dot U.",
        ] {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            tokenize_with::<true>(line, &mut fast);
            tokenize_with::<false>(line, &mut general);
            assert_eq!(fast, general, "{line}");
        }
    }

    #[test]
    fn seen_words_only_remember_what_was_recorded() {
        let mut seen = RecentWords::default();
        let word = |w: &str| crate::ingest::words::pack_le(w.as_bytes(), 0, w.len());
        assert!(!seen.seen_packed(word("said")));
        assert!(seen.seen_packed(word("said")));
        assert!(!seen.seen_packed(word("sai")));
        assert!(!seen.seen_packed(word("")), "no word is never seen");
        assert!(!seen.seen_packed(word("")));
        assert!(!seen.seen_packed(word("yesterday")), "too long to remember");
        assert!(!seen.seen_packed(word("yesterday")));
    }

    /// The vocabulary as defined, without byte classes or memory: runs of
    /// ASCII letters and non-ASCII chars; an ASCII run counts when all
    /// lowercase, another run by its alphabetic words.
    fn naive_vocabulary(text: &str) -> Set<&str> {
        let mut vocab = Set::default();
        let in_run = |c: char| c.is_ascii_alphabetic() || !c.is_ascii();
        for run in text.split(|c: char| !in_run(c)).filter(|r| !r.is_empty()) {
            if run.is_ascii() {
                if run.bytes().all(|b| b.is_ascii_lowercase()) {
                    vocab.insert(run);
                }
            } else {
                for w in run.split(|c: char| !c.is_alphabetic()) {
                    if !w.is_empty() && w.chars().all(char::is_lowercase) {
                        vocab.insert(w);
                    }
                }
            }
        }
        vocab
    }

    /// Generated words, each followed by its separator (a space once
    /// the separators run out).
    fn interleave(words: &[String], seps: &[String]) -> String {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push_str(seps.get(i).map_or(" ", String::as_str));
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn vocabulary_with_memory_is_the_naive_vocabulary(
            words in proptest::collection::vec(
                "(the|said|Said|a|yesterday|reporters|kyiv|élan|Лавров|сказал|x1|it's|[a-zA-Z]{1,10}|[a-zé’]{1,4})",
                0..60,
            ),
            seps in proptest::collection::vec("[ .,\n’-]", 0..60),
        ) {
            let text = interleave(&words, &seps);
            let mut vocab = Set::default();
            let mut seen = RecentWords::default();
            // Twice through one memory, as docs share a piece of work's.
            add_vocabulary_with(&text, &mut vocab, &mut seen);
            add_vocabulary_with(&text, &mut vocab, &mut seen);
            proptest::prop_assert_eq!(vocab, naive_vocabulary(&text));
        }
    }

    /// Every word's prose role through `memo` (twice: a miss, then
    /// mostly hits) against the role computed afresh.
    fn check_memo_roles(text: &str, vocab: &Set<&str>, memo: &mut WordMemo) {
        let ctx = Context {
            vocab,
            cap_seen: Set::default(),
        };
        let lex = lexicon();
        let low = Lowered::new(text);
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        for _ in 0..2 {
            for t in &toks {
                if let Tok::Word {
                    text: w,
                    sent_start,
                    caps,
                    ..
                } = *t
                {
                    for start in [sent_start, !sent_start] {
                        let want = ctx.role(w, caps, start, Mode::Prose, lex, &low);
                        let got = ctx.prose_role(memo, w, caps, start, lex, &low);
                        assert_eq!(got, want, "{w:?} sentence start {start}");
                    }
                }
            }
        }
    }

    #[test]
    fn remembered_prose_roles_are_the_computed_roles() {
        let text = "The minister of the Council of Europe, Mr. Olsen, said. Said the \
                    pro-Russian then-President al-Assad's aides; NATO U.S. ET Monday \
                    foreign minister Lavrov Лавров naïve Kyiv-based US-Russia talks \
                    then-president pro-russian of-the x-ray al-assad \
                    ABCDEFGHIJKLMNOPQRS abcdefghijklmnopq x Ukraine's allies' GDP 2024";
        let mut vocab = Set::default();
        add_vocabulary(text, &mut vocab);
        vocab.insert("talks");
        check_memo_roles(text, &vocab, &mut WordMemo::default());
    }

    #[test]
    fn memo_keys_tell_words_and_sentence_starts_apart() {
        let k = |w: &str, s: bool| MemoKey::new(w, s);
        assert_eq!(k("", false), None);
        assert_eq!(k("naïve", false), None);
        assert_eq!(k("abcdefghijklmnopq", false), None, "17 bytes");
        assert!(k("abcdefghijklmnop", false).is_some(), "16 bytes");
        assert_ne!(k("said", false), k("said", true));
        assert_ne!(k("said", false), k("saids", false));
        assert_ne!(k("abcdefgh", false), k("abcdefghi", false));
        assert_eq!(k("said", true), k("said", true));
    }

    proptest::proptest! {
        #[test]
        fn remembered_roles_agree_on_any_text(
            words in proptest::collection::vec(
                "(The|the|of|Of|said|Said|Olsen|NATO|U\\.S\\.|pro-Russian|al-Assad|Mr|president|President|Monday|[A-Za-z]{1,18}|[a-z]{1,3}-[A-Z][a-z]{0,4}|[a-z]{1,3}-[a-z]{1,4})",
                0..40,
            ),
            seps in proptest::collection::vec("[ .,;\n]", 0..40),
        ) {
            let text = interleave(&words, &seps);
            let mut vocab = Set::default();
            add_vocabulary(&text, &mut vocab);
            check_memo_roles(&text, &vocab, &mut WordMemo::default());
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizing_fast_gives_the_general_tokens_on_any_text(
            text in "([a-zA-Z0-9]{1,6}|[ .,:!?'’‘\\-‐…()/]|U\\.S\\.|'s|’s|é|Л|\\n){0,40}",
        ) {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            tokenize_with::<true>(&text, &mut fast);
            tokenize_with::<false>(&text, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn hyphen_scans_agree_with_the_str_searches() {
        for w in [
            "",
            "-",
            "pro-Russian",
            "then-President",
            "anti-NATO-led",
            "US‐Russia",
            "Biden-Putin",
            "naïve",
            "Ålesund",
            "—",
            "plain",
            "-lead",
            "trail-",
        ] {
            assert_eq!(has_hyphen(w), w.contains('-') || w.contains('‐'), "{w}");
            assert_eq!(split_at_hyphen(w), w.split_once('-'), "{w}");
        }
    }

    #[test]
    fn lowered_words_are_slices_of_the_lowercased_text_or_their_own_copy() {
        let text = "NATO and Sergei Lavrov met in Kyiv, Grüße aus Köln";
        let low = Lowered::new(text);
        for w in ["NATO", "Sergei", "Lavrov", "Kyiv", "Grüße", "Köln", "and"] {
            let at = text.find(w).expect("word in text");
            let word = &text[at..at + w.len()];
            let lower = low.of(word);
            assert_eq!(lower, to_lower(word), "{word}");
            assert_eq!(matches!(lower, Cow::Borrowed(_)), word.is_ascii(), "{word}");
        }
        // A word from elsewhere is lowercased on its own.
        assert_eq!(low.of("OSLO"), Cow::<str>::Owned("oslo".to_string()));
    }

    fn mentions(text: &str) -> Vec<Mention> {
        let mut vocab = Set::default();
        add_vocabulary(text, &mut vocab);
        let mut ctx = Context {
            vocab: &vocab,
            cap_seen: Set::default(),
        };
        let mut out = Vec::new();
        let later = find_prose(text, 0, &mut ctx, &mut WordMemo::default(), &mut out);
        find_in_lines(&later, 0, &ctx, Mode::TitleCase, &mut out);
        out.sort_by_key(|m| m.pos);
        out
    }

    fn surfaces(text: &str) -> Vec<String> {
        mentions(text)
            .into_iter()
            .filter(|m| !m.credit)
            .map(|m| m.surface)
            .collect()
    }

    fn credits(text: &str) -> Vec<String> {
        mentions(text)
            .into_iter()
            .filter(|m| m.credit)
            .map(|m| m.surface)
            .collect()
    }

    #[test]
    fn titles_are_peeled_off_names() {
        let m =
            mentions("The talks began as US Secretary of State Maria Okafor arrived in Lisbon.");
        let s: Vec<_> = m.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(s, ["US", "Maria Okafor", "Lisbon"]);
        assert!(m[1].titled);
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(
            surfaces("He criticised Okafor's plan and Portugal’s reply."),
            ["Okafor", "Portugal"]
        );
    }

    #[test]
    fn hyphenated_pairs_count_as_both_names() {
        assert_eq!(
            surfaces("a possible Okafor-Lindqvist summit"),
            ["Okafor", "Lindqvist"]
        );
        assert_eq!(
            surfaces("reporter Anna Bell-Hart wrote"),
            ["Anna Bell-Hart"]
        );
    }

    #[test]
    fn organisations_keep_their_connectors() {
        assert_eq!(
            surfaces("a report by the Council of Europe and the Bank of Finland"),
            ["Council of Europe", "Bank of Finland"]
        );
    }

    #[test]
    fn names_listed_with_an_organisation_are_marked() {
        let m = mentions("Deals held by Nordvik Mining Company and Tarsa Verde will run on.");
        let tarsa = m.iter().find(|m| m.surface == "Tarsa Verde");
        assert!(tarsa.is_some_and(|m| m.beside_org), "{m:?}");
        let m = mentions("the talks between Ana Lind and Ola Holm went on.");
        assert!(m.iter().all(|m| !m.beside_org), "{m:?}");
    }

    #[test]
    fn contractions_are_no_part_of_a_name() {
        assert_eq!(
            surfaces("the show is on. I'm Ana Lind and we're live. Here's Ola Holm with O'Brien."),
            ["Ana Lind", "Ola Holm", "O'Brien"]
        );
    }

    #[test]
    fn titles_of_works_are_no_names() {
        assert_eq!(
            surfaces("Ana Lind is the author of Quiet Hours: Time, Work and the Idle Mind."),
            ["Ana Lind"]
        );
        assert_eq!(
            surfaces("the film Silent Harbour won, and Ana Lind said so."),
            ["Ana Lind"]
        );
        // The author named after "by" stays.
        assert_eq!(
            surfaces("She read the novel Quiet Hours by Ana Lind on the ferry."),
            ["Ana Lind"]
        );
    }

    #[test]
    fn a_dateline_in_capitals_is_a_place_not_a_name() {
        assert_eq!(
            surfaces("PORT VELLAN — The harbour board met Ana Lind on Monday."),
            ["Port Vellan", "Ana Lind"]
        );
        assert_eq!(
            surfaces("GREYMOOR — The harbour board met Ana Lind on Monday."),
            ["Ana Lind"]
        );
        // An acronym opening a sentence is no dateline.
        assert_eq!(
            surfaces("NATO, the alliance, met Ana Lind."),
            ["NATO", "Ana Lind"]
        );
        assert_eq!(
            surfaces("NATO — the alliance met Ana Lind."),
            ["NATO", "Ana Lind"]
        );
    }

    #[test]
    fn hyphenated_east_asian_given_names_are_names() {
        assert_eq!(
            surfaces("the premier, Wu Ming-tsai, met Huang Li-hua in the afternoon"),
            ["Wu Ming-tsai", "Huang Li-hua"]
        );
        assert!(is_hyphenated_given("Ming-tsai") && !is_hyphenated_given("Long-termism"));
        for adjective in ["Iran-backed", "Saudi-led", "London-based", "Biden-era"] {
            assert!(!is_hyphenated_given(adjective), "{adjective}");
        }
        // A hyphenated common word is still no name.
        assert_eq!(
            surfaces("a one-off deal with the long-term plan"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn organisations_joined_by_and_or_on_are_one_name() {
        let text = "the fire crews left. Crews from Wexmoor Fire and Rescue Service and the \
                    Pan-Coastal Commission on Fishing Rights came, as did Ana Lind and Ola Holm. \
                    The Trade Council on Monday met Norway and Sweden.";
        let s = surfaces(text);
        assert!(
            s.contains(&"Wexmoor Fire and Rescue Service".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"Pan-Coastal Commission on Fishing Rights".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"Ana Lind".to_string()) && s.contains(&"Ola Holm".to_string()),
            "{s:?}"
        );
        assert!(s.contains(&"Trade Council".to_string()), "{s:?}");
        assert!(
            s.contains(&"Norway".to_string()) && s.contains(&"Sweden".to_string()),
            "{s:?}"
        );
    }

    #[test]
    fn organisations_keep_a_leading_keyword_and_a_trailing_head() {
        assert_eq!(
            surfaces("la Sociedad Minera Austral y la Regione Valdora firmaron"),
            ["Sociedad Minera Austral", "Regione Valdora"]
        );
        assert_eq!(
            surfaces("the Brookfield Unified School District said"),
            ["Brookfield Unified School District"]
        );
    }

    #[test]
    fn titles_in_other_languages_are_peeled_off_names() {
        for (text, name) in [
            (
                "heute sagte Geschäftsführerin Wiebke Thalmann in Kassel",
                "Wiebke Thalmann",
            ),
            (
                "volgens Burgemeester Joost Verhaag gaat het door",
                "Joost Verhaag",
            ),
            (
                "the district's Superintendent Marla Quince wrote",
                "Marla Quince",
            ),
            (
                "sagte der Landesvorsitzende Jörg Albrecht am Montag",
                "Jörg Albrecht",
            ),
        ] {
            assert!(
                surfaces(text).contains(&name.to_string()),
                "{text}: {:?}",
                surfaces(text)
            );
        }
        let m = mentions("Il sindaco: «Servirebbero più treni»");
        assert!(m.iter().all(|m| !m.titled), "{m:?}");
    }

    #[test]
    fn glued_words_days_and_time_zones_are_not_names() {
        assert_eq!(
            surfaces("the UkraineRussia border on Friday at 9:06 p.m. ET with Oksana Marchenko"),
            ["Oksana Marchenko"]
        );
    }

    #[test]
    fn sentence_initial_common_words_are_skipped() {
        assert_eq!(
            surfaces("Tensions rose. The tensions worried Halvorsen Group staff."),
            ["Halvorsen Group"]
        );
    }

    #[test]
    fn title_case_lines_only_confirm_names_seen_in_prose() {
        let text = "Deep Talks Over Coastal Fishing Rights\n\nthe talks between Norway and Iceland went on, said Ingrid Dahl.";
        assert_eq!(surfaces(text), ["Norway", "Iceland", "Ingrid Dahl"]);
    }

    #[test]
    fn photo_credits_in_parentheses_are_skipped() {
        assert_eq!(
            surfaces("The talks were held in Oslo. (Per Lund/AFP/Getty Images)"),
            ["Oslo"]
        );
    }

    #[test]
    fn photo_credits_after_a_caption_are_skipped() {
        for text in [
            "Two ferries wait at the quay in Oslo, May 2, 2023. REUTERS/Per Lundqvist/File Photo",
            "Two ferries wait at the quay in Oslo on Tuesday. | Per Lundqvist/Fjord Courier",
            "Two ferries wait at the quay in Oslo. Photograph: Per Lundqvist/PA",
            "Two ferries wait at the quay in Oslo. Bild: picture alliance/dpa | Per Lundqvist",
        ] {
            assert_eq!(surfaces(text), ["Oslo"], "{text}");
        }
        assert_eq!(
            credits("Two ferries wait in Oslo. | Per Lundqvist/The Fjord Courier"),
            ["Per Lundqvist", "Fjord Courier"]
        );
        assert_eq!(
            credits("Ola Brekke/The Fjord Courier"),
            ["Ola Brekke", "Fjord Courier"]
        );
        // A slash in a headline is no credit.
        assert_eq!(
            surfaces("the talks resume in Oslo. Norway/Sweden deal is close, said Ola Lundqvist."),
            ["Oslo", "Norway", "Sweden", "Ola Lundqvist"]
        );
    }

    #[test]
    fn reporting_credits_are_skipped() {
        assert_eq!(
            surfaces("With reporting by Lena Moss and Reuters."),
            Vec::<String>::new()
        );
        assert_eq!(
            surfaces("(Reporting by Lena Moss in Oslo; Editing by Ove Brandt and Kai Rusk)"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_next_to_speech_verbs_are_marked() {
        let m = mentions("the minister refused, Halvorsen said.");
        assert!(m[0].said);
    }

    #[test]
    fn function_words_that_are_given_names_open_a_name_mid_sentence() {
        let s = surfaces("the union's chief, Des Byrne, replied. Later Per Olsen spoke.");
        assert!(s.contains(&"Des Byrne".to_string()), "{s:?}");
        assert!(s.contains(&"Per Olsen".to_string()), "{s:?}");
        // At a sentence start the word is read as usual.
        let s = surfaces("Will Oslo agree? Nobody knows.");
        assert!(!s.iter().any(|n| n.starts_with("Will")), "{s:?}");
    }

    #[test]
    fn a_small_number_closes_an_organisation_name() {
        let s = surfaces("boats from Coastal Regional Office 4 arrived, and 40 more came at 4:30.");
        assert!(
            s.contains(&"Coastal Regional Office 4".to_string()),
            "{s:?}"
        );
        let s = surfaces("the Harbour Office 12% budget rose");
        assert!(s.contains(&"Harbour Office".to_string()), "{s:?}");
    }

    #[test]
    fn a_person_of_a_body_is_two_mentions() {
        let s = surfaces("the deal was done, Anna Berg of Kestrel Bank said on Tuesday.");
        assert!(s.contains(&"Anna Berg".to_string()), "{s:?}");
        assert!(s.contains(&"Kestrel Bank".to_string()), "{s:?}");
        let s = surfaces("the line will reopen, Des Walsh of Network Rail said.");
        assert!(s.contains(&"Des Walsh".to_string()), "{s:?}");
        assert!(s.contains(&"Network Rail".to_string()), "{s:?}");
        // One word before "of", or a body's keyword before it: one name.
        let s = surfaces("the visit, the Duke of Kent said, and the Bank of England agreed.");
        assert!(s.contains(&"Duke of Kent".to_string()), "{s:?}");
        assert!(s.contains(&"Bank of England".to_string()), "{s:?}");
    }

    #[test]
    fn particle_pairs_and_of_the_join_a_name() {
        let s = surfaces(
            "the councillor, Koos van der Berg, said so. Friends of the Harbour Walk met.",
        );
        assert!(s.contains(&"Koos van der Berg".to_string()), "{s:?}");
        assert!(
            s.contains(&"Friends of the Harbour Walk".to_string()),
            "{s:?}"
        );
        // After a full name "of the" brings in an employer.
        let s = surfaces("said Ana Lind of the Courier.");
        assert!(s.contains(&"Ana Lind".to_string()), "{s:?}");
    }

    #[test]
    fn role_adjectives_and_common_subjects_join_organisations() {
        let s = surfaces(
            "water was short. They urged the Economic and Financial Fraud Commission and the \
             Senate Committee on Water to act.",
        );
        assert!(
            s.contains(&"Economic and Financial Fraud Commission".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"Senate Committee on Water".to_string()),
            "{s:?}"
        );
    }

    #[test]
    fn a_keyword_before_one_name_word_stays_one_name() {
        let s = surfaces("trains were cut and Network Ferries says most boats run.");
        assert!(s.contains(&"Network Ferries".to_string()), "{s:?}");
    }

    #[test]
    fn names_that_only_end_like_demonyms_are_given_names() {
        let s = surfaces(
            "the manager, Manish Rao, and Hamish Reid met. Peruvian Ana Lopez Vidal came.",
        );
        assert!(s.contains(&"Manish Rao".to_string()), "{s:?}");
        assert!(s.contains(&"Hamish Reid".to_string()), "{s:?}");
        assert!(s.contains(&"Ana Lopez Vidal".to_string()), "{s:?}");
    }

    #[test]
    fn dotted_initials_stay_with_the_surname() {
        let s = surfaces("Revenue Minister K.N. Raman said the U.N. Agency paid.");
        assert!(s.contains(&"K.N. Raman".to_string()), "{s:?}");
        assert!(is_initials("K.N.") && !is_initials("KN") && !is_initials("K."));
    }

    #[test]
    fn an_acronym_defined_in_brackets_is_marked() {
        let m =
            mentions("the Bureau of Harbour Safety (BHS) warned of storms; BHS is ready (ABC).");
        let defined: Vec<&str> = m
            .iter()
            .filter(|m| m.beside_org)
            .map(|m| m.surface.as_str())
            .collect();
        assert_eq!(defined, ["BHS"], "{m:?}");
    }

    #[test]
    fn cyrillic_names_are_found() {
        assert_eq!(
            surfaces("вчера министр Сергей Лавров прибыл в Женеву"),
            ["Сергей Лавров", "Женеву"]
        );
    }

    #[test]
    fn long_lines_are_cut_into_chunks_at_spaces() {
        let long = format!("{} tail", "word ".repeat(20_000));
        let text = format!("first\n{long}\nlast");
        let chunks: Vec<(usize, &str)> = line_chunks(&text).collect();
        assert_eq!(chunks[0], (0, "first"));
        assert!(chunks.iter().all(|(_, c)| c.len() <= MAX_CHUNK));
        let rebuilt: String = chunks[1..chunks.len() - 1]
            .iter()
            .map(|(_, c)| *c)
            .collect();
        assert_eq!(rebuilt, long);
        let (at, last) = chunks[chunks.len() - 1];
        assert_eq!((&text[at..], last), ("last", "last"));
    }

    #[test]
    fn initials_keep_their_dot() {
        assert_eq!(
            surfaces("the report by Senator Mary K. Olsen was leaked"),
            ["Mary K. Olsen"]
        );
    }

    #[test]
    fn dotted_acronyms_lose_their_dots() {
        assert_eq!(
            surfaces("officials from the U.S. and the U.N. met"),
            ["US", "UN"]
        );
    }
}
