//! Words: stopwords of several languages (the strongest single sign of
//! running prose) and the splitting of words glued together in dumps.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: words are short, and SipHash's protection against crafted
/// collisions is not worth its cost for a set built from built-in lists
/// and the corpus itself.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash set of words with the FNV hasher.
pub type WordSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// Function words of English, French, German, Spanish, Italian, Portuguese,
/// Dutch, Russian, Ukrainian, Polish, Turkish and Indonesian. Prose is full
/// of them in any of these languages; menus and teasers are not.
const STOPWORDS: &str = "
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your said says say
le la les un une des du de et est en que qui dans pour pas sur au aux avec ce ces son sa ses il
elle ils elles nous vous ne se plus par mais ou été être a ont sont leur leurs cette comme
der die das und ist nicht ein eine einen dem den des mit sich auf für von zu im ins auch es als
wie bei oder nach aus noch wird werden hat haben sind war wurde dass er sie wir ihr man um über
el los las y es una unos unas del al lo con por para su sus se no más pero como ya fue ha han
muy sobre entre también sin hasta desde este esta estos estas ese esa
il lo gli una uno di da che non per con su sono della delle degli dei nel nella alla anche come
più ma questo questa essere è
o os as um uma uns umas do da dos das em no na nos nas com não mais mas foi ser pelo pela
het een van en niet dat op te zijn voor met zich aan ook als bij nog wordt worden heeft hebben
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него
до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы
тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто этот того потому
этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех
також та що це як з до від не на у і й за про але його її їх він вона вони ми ви бути був
i w z na się nie do to że jest o jak ale po co tak za od już przez być jego jej są czy
ve bir bu da de ile için gibi daha çok olarak olan en ama sonra kadar değil ise
dan yang di ke dari ini itu dengan untuk tidak akan pada juga adalah dalam oleh
";

static STOPWORD_SET: LazyLock<WordSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.split_whitespace().collect());

/// Common English content words, so a dump can be unglued even when no
/// other capture of its story is at hand.
const COMMON: &str = "
news people year years time day days week weeks government president minister foreign secretary
state states country countries world talks meeting meetings official officials military troops
forces border security said told added according police court law party election vote
public national international united nations city capital war peace crisis deal trade economy
market markets company companies million billion percent new first last next other many much
first second third week month months today yesterday tomorrow morning evening night report
reports statement talks diplomatic diplomacy diplomats response invasion attack tensions threat
support sanctions allies alliance leaders leader european american russian ukrainian chinese
british french german health school family children women men water power energy oil gas
price prices high low long short big small great good bad best better worse worst early late
since while still even though although however because already again against around across
among along away back before behind below beside between beyond during except inside outside
toward towards within without about above after
";

/// Pieces shorter than three letters are only accepted when they are one
/// of these words, so "since" never becomes "sin ce".
const SHORT_WORDS: &[&str] = &[
    "a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "us", "we",
];

static COMMON_SET: LazyLock<WordSet<&'static str>> =
    LazyLock::new(|| COMMON.split_whitespace().collect());

/// True for a function word of one of the supported languages.
pub fn is_stopword(lower: &str) -> bool {
    // Most words of prose are longer than any stopword: no hashing.
    lower.len() <= MAX_STOPWORD_BYTES && STOPWORD_SET.contains(lower)
}

/// [`STOPWORD_SET`] with each word packed into one integer (see
/// [`pack_word`]), for callers holding lowercased bytes: one multiply to
/// hash and one compare to check, instead of a byte-by-byte hash.
static STOPWORD_PACKED: LazyLock<HashSet<u128, BuildHasherDefault<PackedHasher>>> =
    LazyLock::new(|| {
        STOPWORDS
            .split_whitespace()
            .filter_map(|w| pack_word(w.as_bytes()))
            .collect()
    });

/// The bytes of a word of at most 15 bytes and its length, as one
/// integer: different words never pack alike.
fn pack_word(b: &[u8]) -> Option<u128> {
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// Hasher for packed words: a multiply-fold of the two halves.
#[derive(Default)]
struct PackedHasher(u64);

impl Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `u128`s are hashed; this path is never taken in practice.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u128(&mut self, v: u128) {
        let m = u128::from((v as u64) ^ 0xa076_1d64_78bd_642f)
            * u128::from(((v >> 64) as u64) ^ 0xe703_7ed1_a0b4_28db);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

/// [`is_stopword`] for the UTF-8 bytes of a lowercase word.
#[inline]
pub fn is_stopword_bytes(lower: &[u8]) -> bool {
    lower.len() <= MAX_STOPWORD_BYTES
        && pack_word(lower).is_some_and(|p| STOPWORD_PACKED.contains(&p))
}

/// [`is_stopword_bytes`] of `w` lowercased (ASCII letters only, as
/// `to_ascii_lowercase` does), for ASCII words: the word is lowercased as
/// it is packed, with no copy (a copy of a short slice of unknown length is
/// a call to `memcpy`).
#[inline]
pub fn is_stopword_ascii(w: &[u8]) -> bool {
    w.len() <= MAX_STOPWORD_BYTES && STOPWORD_PACKED.contains(&pack_lower(w))
}

/// [`pack_word`] of `w` (at most 15 bytes) lowercased, built with shifts.
#[inline]
pub(crate) fn pack_lower(w: &[u8]) -> u128 {
    let (mut lo, mut hi) = (0u64, 0u64);
    for (i, &b) in w.iter().take(15).enumerate() {
        let b = u64::from(b.to_ascii_lowercase());
        if i < 8 {
            lo |= b << (8 * i);
        } else {
            hi |= b << (8 * (i - 8));
        }
    }
    hi |= (w.len().min(15) as u64) << 56;
    u128::from(lo) | (u128::from(hi) << 64)
}

/// The ASCII stopwords (none is longer than eight bytes), each packed
/// zero-padded into a `u64`, in an open-addressed table built at compile
/// time: a word of prose is checked with one multiply and, mostly, one
/// compare, with no hashing of bytes and no lazy initialisation.
static STOPWORD_ASCII: [u64; STOPWORD_ASCII_SLOTS] = {
    let b = STOPWORDS.as_bytes();
    let mut t = [0u64; STOPWORD_ASCII_SLOTS];
    let mut used = 0;
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        let mut ascii = true;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            ascii &= b[i] < 0x80;
            i += 1;
        }
        let len = i - start;
        if len > 8 && ascii {
            panic!("an ASCII stopword longer than eight bytes");
        }
        if len > 0 && ascii {
            let mut p = 0u64;
            let mut k = 0;
            while k < len {
                p |= (b[start + k] as u64) << (8 * k);
                k += 1;
            }
            let mut slot = stopword_slot(p);
            while t[slot] != 0 && t[slot] != p {
                slot = (slot + 1) % STOPWORD_ASCII_SLOTS;
            }
            if t[slot] == 0 {
                used += 1;
            }
            t[slot] = p;
        }
    }
    // A lookup stops at an empty slot: a table with none would never end.
    if used * 2 >= STOPWORD_ASCII_SLOTS {
        panic!("STOPWORD_ASCII is half full: give it more slots");
    }
    t
};

/// Slots of [`STOPWORD_ASCII`]: a power of two, under half full.
const STOPWORD_ASCII_SLOTS: usize = 1024;

/// The first slot of [`STOPWORD_ASCII`] to look in for a packed word.
const fn stopword_slot(packed: u64) -> usize {
    (packed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % STOPWORD_ASCII_SLOTS
}

/// [`is_stopword_ascii`] of the word of `len` bytes at `at` in `text`, a
/// word [`ascii_words`] yields (letters, digits and apostrophes, which
/// `| 0x20` lowercases or leaves alone): its bytes are read as one word
/// and looked up in `STOPWORD_ASCII`.
#[inline]
pub fn is_stopword_ascii_at(text: &[u8], at: usize, len: usize) -> bool {
    if len == 0 || len > 8 {
        return false;
    }
    let keep = u64::MAX >> (64 - 8 * len);
    let packed = (pack_le(text, at, at.saturating_add(len)) | 0x2020_2020_2020_2020) & keep;
    let mut slot = stopword_slot(packed);
    loop {
        match STOPWORD_ASCII[slot] {
            0 => return false,
            p if p == packed => return true,
            _ => slot = (slot + 1) % STOPWORD_ASCII_SLOTS,
        }
    }
}

/// The length in bytes of the longest stopword.
pub const MAX_STOPWORD_BYTES: usize = 12;

/// The words of a text: runs of letters (apostrophes inside words kept).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    Words { text, at: 0 }
}

/// [`words`] of ASCII text, as bytes: a tighter scan for the most common
/// case. Yields exactly what [`words`] yields when `text` is ASCII.
pub fn ascii_words(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < text.len() && !ASCII_WORD[usize::from(text[i] & 0x7f)] {
                i += 1;
            }
            if i >= text.len() {
                return None;
            }
            let start = i;
            while i < text.len() && ASCII_WORD[usize::from(text[i] & 0x7f)] {
                i += 1;
            }
            let w = text.get(start..i)?;
            // Apostrophes are rare at the ends of words: trim only then.
            let w = if w.first() == Some(&b'\'') || w.last() == Some(&b'\'') {
                let lead = w.iter().take_while(|&&b| b == b'\'').count();
                let w = &w[lead..];
                let trail = w.iter().rev().take_while(|&&b| b == b'\'').count();
                &w[..w.len() - trail]
            } else {
                w
            };
            if !w.is_empty() {
                return Some(w);
            }
        }
    })
}

/// The iterator behind [`words`]: a byte scan with an ASCII fast path
/// (most text), yielding exactly what splitting at every char that is
/// neither alphanumeric nor an apostrophe, trimming apostrophes and
/// dropping empty pieces would.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// The char starting at byte `i` (a char boundary) and its length.
fn char_len_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => text
            .get(i..)
            .and_then(|t| t.chars().next())
            .map(|c| (c, c.len_utf8())),
    }
}

/// ASCII bytes that belong to words: letters, digits and the apostrophe.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'';
        b += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '\''
    } else {
        c == '’' || c.is_alphanumeric()
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    // Inlined: it runs for every word of every line, and its callers'
    // loops are short.
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            // Skip separators.
            loop {
                match bytes.get(self.at) {
                    None => return None,
                    Some(&b) if b < 0x80 => {
                        if ASCII_WORD[usize::from(b)] {
                            break;
                        }
                        self.at += 1;
                    }
                    Some(_) => match char_len_at(text, self.at) {
                        Some((c, _)) if is_word_char(c) => break,
                        Some((_, l)) => self.at += l,
                        None => return None,
                    },
                }
            }
            let start = self.at;
            loop {
                match bytes.get(self.at) {
                    None => break,
                    Some(&b) if b < 0x80 => {
                        if !ASCII_WORD[usize::from(b)] {
                            break;
                        }
                        self.at += 1;
                    }
                    Some(_) => match char_len_at(text, self.at) {
                        Some((c, l)) if is_word_char(c) => self.at += l,
                        _ => break,
                    },
                }
            }
            let w = &text[start..self.at];
            // Apostrophes are rare: trim only when there is one at an end.
            let wb = w.as_bytes();
            let w = if wb.starts_with(b"'")
                || wb.ends_with(b"'")
                || wb.starts_with("’".as_bytes())
                || wb.ends_with("’".as_bytes())
            {
                w.trim_matches(|c| c == '\'' || c == '’')
            } else {
                w
            };
            if !w.is_empty() {
                return Some(w);
            }
        }
    }
}

/// Known words, learned from the captures of a corpus plus built-in lists.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    words: VocabSet,
}

/// The learned words: only ever looked up, never iterated, so the faster
/// hasher cannot change any output.
type VocabSet = HashSet<String, ahash::RandomState>;

impl Vocab {
    /// Learns the (lowercased) words of `texts`.
    pub fn learn<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut words = VocabSet::default();
        let mut lower = String::new();
        let mut recent = RecentWords::default();
        for t in texts {
            learn_text(&mut words, &mut lower, &mut recent, t);
        }
        Vocab { words }
    }

    /// Learns the words of `texts` in parallel, a vocabulary per piece of
    /// work, then their union: the same vocabulary as [`Vocab::learn`].
    pub fn learn_par(texts: &[&str]) -> Vocab {
        use rayon::prelude::*;
        texts
            .par_iter()
            .fold(
                || (VocabSet::default(), String::new(), RecentWords::default()),
                |(mut words, mut lower, mut recent), t| {
                    learn_text(&mut words, &mut lower, &mut recent, t);
                    (words, lower, recent)
                },
            )
            .map(|(words, _, _)| Vocab { words })
            .reduce(Vocab::default, Vocab::union)
    }

    /// Every word known to either vocabulary.
    pub fn union(self, other: Vocab) -> Vocab {
        let (mut big, small) = if self.words.len() >= other.words.len() {
            (self, other)
        } else {
            (other, self)
        };
        big.words.extend(small.words);
        big
    }

    /// True when `lower` is a known word.
    pub fn knows(&self, lower: &str) -> bool {
        self.words.contains(lower) || is_stopword(lower) || COMMON_SET.contains(lower)
    }

    /// Splits a token glued from known words ("thediplomatic",
    /// "ifMoscow", "Russiaannexed"); `None` when it is a word of its own or
    /// no split into known words exists.
    pub fn unglue(&self, token: &str) -> Option<String> {
        if token.chars().count() < 4 || !token.chars().all(char::is_alphabetic) {
            return None;
        }
        let lower = token.to_lowercase();
        if self.knows(&lower) {
            return None;
        }
        // camelCase boundaries first: "thatRussiais" -> "that" + "Russiais".
        let chars: Vec<char> = token.chars().collect();
        let mut parts = Vec::new();
        let mut start = 0;
        for i in 1..chars.len() {
            if chars[i].is_uppercase() && chars[i - 1].is_lowercase() {
                parts.push(chars[start..i].iter().collect::<String>());
                start = i;
            }
        }
        parts.push(chars[start..].iter().collect::<String>());
        let mut out = Vec::new();
        for p in &parts {
            let pl = p.to_lowercase();
            if self.knows(&pl) || (parts.len() > 1 && is_acronym(p)) {
                out.push(p.clone());
            } else {
                out.push(self.split_known(p)?);
            }
        }
        Some(out.join(" "))
    }

    /// Splits `word` into at most three known words, preferring the split
    /// with the fewest and longest pieces.
    fn split_known(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        // The word lowercased once, with the byte offset of every
        // character, so pieces are slices and never allocations.
        let mut lower = String::with_capacity(word.len());
        let mut at = Vec::with_capacity(n + 1);
        for c in &chars {
            at.push(lower.len());
            lower.extend(c.to_lowercase());
        }
        at.push(lower.len());
        let piece_ok = |a: usize, b: usize| {
            let s = &lower[at[a]..at[b]];
            if b - a < 3 {
                SHORT_WORDS.contains(&s)
            } else {
                self.knows(s)
            }
        };
        let mut best: Option<(usize, usize)> = None; // (pieces, -min piece len)
        let mut best_cuts = Vec::new();
        for i in 1..n {
            if !piece_ok(0, i) {
                continue;
            }
            if piece_ok(i, n) {
                let score = (2, n - i.min(n - i));
                if best.is_none_or(|b| score < b) {
                    best = Some(score);
                    best_cuts = vec![i];
                }
            }
            for j in i + 1..n {
                if piece_ok(i, j) && piece_ok(j, n) {
                    let min = i.min(j - i).min(n - j);
                    let score = (3, n - min);
                    if best.is_none_or(|b| score < b) {
                        best = Some(score);
                        best_cuts = vec![i, j];
                    }
                }
            }
        }
        best?;
        let mut out = String::new();
        let mut prev = 0;
        for c in best_cuts.into_iter().chain(std::iter::once(n)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(&chars[prev..c]);
            prev = c;
        }
        Some(out)
    }

    /// Repairs every glued run of letters in a line, and a missing space
    /// after sentence punctuation (`Friday."But`).
    pub fn repair(&self, line: &str) -> String {
        self.repairer().repair(line)
    }

    /// A [`Repairer`]: [`Vocab::repair`] for many lines, remembering how
    /// each run of letters was repaired.
    pub fn repairer(&self) -> Repairer<'_> {
        Repairer {
            vocab: self,
            seen: HashMap::default(),
            lower: String::new(),
            kept: Vec::new(),
        }
    }
}

/// Adds the (lowercased) words of `t` to `words`; `lower` is a buffer.
fn learn_text(words: &mut VocabSet, lower: &mut String, recent: &mut RecentWords, t: &str) {
    if t.is_ascii() {
        // Most text: the tighter byte scan.
        for w in ascii_words(t.as_bytes()) {
            // The word's place in `t`: a slice of ASCII text is a `str`
            // without a UTF-8 check.
            let start = w.as_ptr() as usize - t.as_ptr() as usize;
            if let Some(w) = t.get(start..start + w.len()) {
                learn_word(words, lower, recent, w);
            }
        }
    } else {
        for w in self::words(t) {
            learn_word(words, lower, recent, w);
        }
    }
}

/// Adds one word of a text (lowercased) to `words`, unless it is too short
/// or not all letters.
#[inline]
fn learn_word(words: &mut VocabSet, lower: &mut String, recent: &mut RecentWords, w: &str) {
    if w.len() < 2 {
        return;
    }
    // One pass with a table says both whether every byte is an ASCII
    // letter (no other byte, and no byte of a non-ASCII char, has
    // `B_ALPHA`) and whether any is a capital.
    let (mut all, mut any) = (B_ALPHA, 0);
    for b in w.bytes() {
        let c = BYTE_CLASS[usize::from(b)];
        all &= c;
        any |= c;
    }
    let key: &str = if all & B_ALPHA != 0 {
        // Most words are lowercase ASCII already: no copy.
        if any & B_UPPER == 0 {
            w
        } else {
            lower.clear();
            lower.push_str(w);
            lower.make_ascii_lowercase();
            lower
        }
    } else if w.is_ascii() || !w.chars().all(char::is_alphabetic) {
        return;
    } else {
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        lower
    };
    if !recent.seen(key.as_bytes()) && !words.contains(key) {
        words.insert(key.to_string());
    }
}

/// [`BYTE_CLASS`] bit: an ASCII letter or digit.
pub(crate) const B_ALNUM: u8 = 1;
/// [`BYTE_CLASS`] bit: an ASCII letter.
pub(crate) const B_ALPHA: u8 = 2;
/// [`BYTE_CLASS`] bit: an ASCII capital.
pub(crate) const B_UPPER: u8 = 4;
/// [`BYTE_CLASS`] bit: an ASCII lowercase letter.
pub(crate) const B_LOWER: u8 = 8;
/// [`BYTE_CLASS`] bit: a byte of a word run, an ASCII letter or any byte
/// of a non-ASCII char (which the char-by-char paths then judge).
pub(crate) const B_RUN: u8 = 16;

/// Byte classes for the ASCII fast paths of the word scanners (the
/// vocabularies and the mention tokenizer): one lookup per byte answers
/// every question they ask, and AND- or OR-ing the classes of a word's
/// bytes answers them for the word.
pub(crate) const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] |= B_ALNUM;
        }
        if c.is_ascii_alphabetic() {
            t[b] |= B_ALPHA | B_RUN;
        }
        if c.is_ascii_uppercase() {
            t[b] |= B_UPPER;
        }
        if c.is_ascii_lowercase() {
            t[b] |= B_LOWER;
        }
        if c >= 0x80 {
            t[b] |= B_RUN;
        }
        b += 1;
    }
    t
};

/// A small direct-mapped memory of short words already added to a set, so
/// that frequent words ("the", "said") skip the set's hashing and probing.
/// It only ever says "seen" for a word recorded before, so a caller that
/// adds every word it is not told was seen builds exactly the same set.
#[derive(Debug, Clone)]
pub struct RecentWords {
    slots: Box<[u64; RECENT_SLOTS]>,
}

/// Slots of [`RecentWords`].
const RECENT_SLOTS: usize = 1024;

impl Default for RecentWords {
    fn default() -> Self {
        RecentWords {
            slots: Box::new([0; RECENT_SLOTS]),
        }
    }
}

impl RecentWords {
    /// True when `word` (at most eight bytes, none zero) was recorded
    /// before; records it otherwise. Longer or empty words are never seen.
    #[inline]
    pub fn seen(&mut self, word: &[u8]) -> bool {
        if word.is_empty() || word.len() > 8 {
            return false;
        }
        let packed = pack_le(word, 0, word.len());
        // Words hold no zero byte, so the zero-padded packing is one-to-one
        // (tested in the packing, not by a search for it: a search of a
        // short slice of unknown length is a call to `memchr`).
        !has_zero_byte(packed, word.len()) && self.seen_packed(packed)
    }

    /// [`RecentWords::seen`] of a word the caller packed already: its
    /// bytes (at most eight, none zero) little-endian and zero-padded, so
    /// distinct words have distinct packings. 0 (no word) is never seen.
    #[inline]
    pub fn seen_packed(&mut self, packed: u64) -> bool {
        if packed == 0 {
            return false;
        }
        let slot = (packed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % RECENT_SLOTS;
        if self.slots[slot] == packed {
            return true;
        }
        self.slots[slot] = packed;
        false
    }
}

/// Repairs lines with one [`Vocab`]. Dumps repeat their words (and their
/// glued words) from line to line, so each distinct run of letters is
/// looked up and unglued once.
#[derive(Debug)]
pub struct Repairer<'v> {
    vocab: &'v Vocab,
    /// Run of letters -> its repair, or `None` when it stays as it is.
    seen: HashMap<String, Option<String>, ahash::RandomState>,
    lower: String,
    /// Recent runs of four to eight bytes that `seen` says stay as they
    /// are, packed as [`RecentWords`] packs words, by [`kept_slot`]: most
    /// runs are such words, and they skip the hashing of a string key.
    /// Empty until a run is kept: repairers are made per piece of
    /// parallel work, many of which repair nothing.
    kept: Vec<u64>,
}

/// Slots of [`Repairer::kept`].
const KEPT_SLOTS: usize = 1024;

/// A run of four to eight bytes (letters, so none is zero) packed
/// little-endian and zero-padded, one-to-one; `None` for other lengths.
fn pack_run(run: &[u8]) -> Option<u64> {
    (4..=8)
        .contains(&run.len())
        .then(|| pack_le(run, 0, run.len()))
}

/// The bytes `b[start..end]` packed little-endian and zero-padded into a
/// `u64` (distinct words without a zero byte pack distinctly), or 0 when
/// the word is empty, longer than eight bytes or not within `b`. Every
/// packing of up to eight bytes in the content pass goes through here.
#[inline]
pub(crate) fn pack_le(b: &[u8], start: usize, end: usize) -> u64 {
    let len = end.wrapping_sub(start);
    if len == 0 || len > 8 || end > b.len() {
        return 0;
    }
    match b.get(start..start + 8) {
        // One unaligned load, the bytes past the word masked off.
        Some(eight) => {
            let mut w = [0u8; 8];
            w.copy_from_slice(eight);
            let mask = if len == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            u64::from_le_bytes(w) & mask
        }
        // Near the end of the text: byte by byte.
        None => b
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x)),
    }
}

/// Whether one of the first `len` (at most eight) bytes of `packed` is
/// zero. The usual borrow trick flags exactly the lowest zero byte (and
/// maybe bytes above it), so masking to the first `len` bytes is exact.
#[inline]
fn has_zero_byte(packed: u64, len: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let first = u64::MAX >> (64 - 8 * len.clamp(1, 8));
    packed.wrapping_sub(ONES) & !packed & HIGHS & first != 0
}

/// The slot of [`Repairer::kept`] for a packed run.
fn kept_slot(packed: u64) -> usize {
    (packed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % KEPT_SLOTS
}

impl Repairer<'_> {
    /// [`Vocab::repair`].
    pub fn repair(&mut self, line: &str) -> String {
        if line.is_ascii() {
            self.repair_ascii(line)
        } else {
            self.repair_chars(line)
        }
    }

    /// [`Repairer::repair`] of ASCII text, byte by byte: the letters of
    /// ASCII are the ASCII letters, and the only closing quote is `"`.
    fn repair_ascii(&mut self, line: &str) -> String {
        let line = split_after_punctuation_ascii(line);
        let b = line.as_bytes();
        let mut out = String::with_capacity(line.len() + 8);
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i > start {
                self.run(&line[start..i], &mut out);
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push_str(&line[start..i]);
        }
        out
    }

    /// [`Repairer::repair`] of any text, char by char.
    fn repair_chars(&mut self, line: &str) -> String {
        let line = split_after_punctuation(line);
        let mut out = String::with_capacity(line.len() + 8);
        let mut start = None;
        for (i, c) in line.char_indices() {
            if c.is_alphabetic() {
                start.get_or_insert(i);
            } else {
                if let Some(s) = start.take() {
                    self.run(&line[s..i], &mut out);
                }
                out.push(c);
            }
        }
        if let Some(s) = start {
            self.run(&line[s..], &mut out);
        }
        out
    }

    /// Appends the repair of one run of letters.
    fn run(&mut self, run: &str, out: &mut String) {
        if run.len() < 4 {
            out.push_str(run);
            return;
        }
        let packed = pack_run(run.as_bytes());
        if let Some(p) = packed
            && self.kept.get(kept_slot(p)) == Some(&p)
        {
            out.push_str(run);
            return;
        }
        if let Some(fixed) = self.seen.get(run) {
            out.push_str(fixed.as_deref().unwrap_or(run));
            if let (Some(p), None) = (packed, fixed) {
                self.keep(p);
            }
            return;
        }
        let lower = &mut self.lower;
        lower.clear();
        if run.is_ascii() {
            lower.push_str(run);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(run.chars().flat_map(char::to_lowercase));
        }
        let fixed = if self.vocab.knows(lower) {
            None
        } else {
            self.vocab.unglue(run)
        };
        out.push_str(fixed.as_deref().unwrap_or(run));
        if let (Some(p), None) = (packed, &fixed) {
            self.keep(p);
        }
        self.seen.insert(run.to_string(), fixed);
    }

    /// Records a packed run that stays as it is in [`Repairer::kept`].
    fn keep(&mut self, packed: u64) {
        if self.kept.is_empty() {
            self.kept.resize(KEPT_SLOTS, 0);
        }
        if let Some(slot) = self.kept.get_mut(kept_slot(packed)) {
            *slot = packed;
        }
    }
}

/// `Friday."But` becomes `Friday." But`.
fn split_after_punctuation(tok: &str) -> Cow<'_, str> {
    // Only a closing quote can take a space after it.
    if !tok.contains(['"', '”', '’']) {
        return Cow::Borrowed(tok);
    }
    let chars: Vec<char> = tok.chars().collect();
    let mut out = String::with_capacity(tok.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let closes = matches!(c, '"' | '”' | '’');
        if closes
            && i > 0
            && matches!(chars[i - 1], '.' | '!' | '?' | ',')
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase())
        {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

/// [`split_after_punctuation`] of ASCII text: a byte scan, and a copy only
/// when a space goes in.
fn split_after_punctuation_ascii(tok: &str) -> Cow<'_, str> {
    let b = tok.as_bytes();
    let needs = |i: usize| {
        i > 0
            && matches!(b[i - 1], b'.' | b'!' | b'?' | b',')
            && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
    };
    let mut at = memchr::memchr_iter(b'"', b)
        .filter(|&i| needs(i))
        .peekable();
    if at.peek().is_none() {
        return Cow::Borrowed(tok);
    }
    let mut out = String::with_capacity(tok.len() + 2);
    let mut from = 0;
    for i in at {
        out.push_str(&tok[from..=i]);
        out.push(' ');
        from = i + 1;
    }
    out.push_str(&tok[from..]);
    Cow::Owned(out)
}

fn is_acronym(s: &str) -> bool {
    s.len() >= 2 && s.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_match_a_byte_copy_anywhere_in_the_text() {
        let text = b"the cat sat on a mat, said reporters yesterday";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let len = end - start;
                let want = if len == 0 || len > 8 {
                    0
                } else {
                    let mut buf = [0u8; 8];
                    buf[..len].copy_from_slice(&text[start..end]);
                    u64::from_le_bytes(buf)
                };
                assert_eq!(pack_le(text, start, end), want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn a_zero_byte_is_found_exactly_among_a_packings_first_bytes() {
        for len in 1..=8usize {
            for zero_at in 0..8usize {
                let mut bytes = *b"abcdefgh";
                bytes[zero_at] = 0;
                let packed = pack_le(&bytes, 0, len);
                assert_eq!(
                    has_zero_byte(packed, len),
                    zero_at < len,
                    "zero at {zero_at}, length {len}"
                );
                // Every byte below 0x80 too, and bytes above the zero set.
                let mut high = [0xffu8; 8];
                high[zero_at] = 0;
                assert_eq!(has_zero_byte(pack_le(&high, 0, len), len), zero_at < len);
            }
            assert!(!has_zero_byte(
                pack_le(b"\x01\x01\x01\x01\x01\x01\x01\x01", 0, len),
                len
            ));
        }
    }

    /// Each ASCII stopword as it is, in capitals, with an `s` and as
    /// `other` makes it: words that are stopwords and words that are not.
    fn ascii_stopword_variants(other: impl Fn(&str) -> String) -> Vec<String> {
        STOPWORDS
            .split_whitespace()
            .filter(|w| w.is_ascii())
            .flat_map(|w| [w.to_string(), w.to_uppercase(), format!("{w}s"), other(w)])
            .collect()
    }

    #[test]
    fn ascii_stopwords_agree_with_lowercased_bytes() {
        let mut words = ascii_stopword_variants(|w| format!("x{w}"));
        words.extend(
            [
                "", "The", "THE", "tHe", "because", "BECAUSE", "becausee", "x", "a\u{0}", "@",
            ]
            .map(String::from),
        );
        words.push("a".repeat(12));
        words.push("a".repeat(16));
        let mut stops = 0;
        for w in &words {
            let lower = w.to_ascii_lowercase();
            assert_eq!(
                is_stopword_ascii(w.as_bytes()),
                is_stopword_bytes(lower.as_bytes()),
                "{w}"
            );
            stops += usize::from(is_stopword_ascii(w.as_bytes()));
        }
        assert!(stops > 100);
        for b in [&b"because"[..], b"abcdefghijklmno", b"a"] {
            assert_eq!(Some(pack_lower(b)), pack_word(b));
        }
    }

    #[test]
    fn stopwords_read_from_the_text_are_the_packed_ones() {
        let mut text: String = ascii_stopword_variants(|w| format!("'{w}'")).join(" ");
        text.push_str(" don't o'clock A1 the");
        let mut stops = 0;
        // The whole text, and its tail, so that words meet its end.
        for t in [text.as_str(), &text[text.len() - 9..], "a", "the"] {
            let b = t.as_bytes();
            for w in ascii_words(b) {
                let at = w.as_ptr() as usize - b.as_ptr() as usize;
                let fast = is_stopword_ascii_at(b, at, w.len());
                assert_eq!(
                    fast,
                    is_stopword_ascii(w),
                    "{:?}",
                    String::from_utf8_lossy(w)
                );
                stops += usize::from(fast);
            }
        }
        assert!(stops > 600);
    }

    proptest::proptest! {
        #[test]
        fn ascii_stopwords_agree_on_generated_words(w in "[a-zA-Z'@\\[`{]{0,16}") {
            let lower = w.to_ascii_lowercase();
            proptest::prop_assert_eq!(
                is_stopword_ascii(w.as_bytes()),
                is_stopword_bytes(lower.as_bytes())
            );
        }

        #[test]
        fn stopwords_read_from_generated_text_agree(t in "[a-zA-Z0-9' .,-]{0,40}") {
            let b = t.as_bytes();
            for w in ascii_words(b) {
                let at = w.as_ptr() as usize - b.as_ptr() as usize;
                proptest::prop_assert_eq!(is_stopword_ascii_at(b, at, w.len()), is_stopword_ascii(w));
            }
        }
    }

    fn vocab() -> Vocab {
        Vocab::learn([
            "Ministers met in Oslo and Tallinn after Norway annexed nothing.",
            "The diplomatic engagements continue if Moscow agrees.",
        ])
    }

    #[test]
    fn splits_words_glued_to_function_words() {
        let v = vocab();
        assert_eq!(v.unglue("thediplomatic").as_deref(), Some("the diplomatic"));
        assert_eq!(v.unglue("Norwayannexed").as_deref(), Some("Norway annexed"));
        assert_eq!(v.unglue("Osloand").as_deref(), Some("Oslo and"));
    }

    #[test]
    fn splits_camel_case_glue() {
        let v = vocab();
        assert_eq!(v.unglue("ifMoscow").as_deref(), Some("if Moscow"));
        assert_eq!(v.unglue("thatOslois").as_deref(), Some("that Oslo is"));
    }

    #[test]
    fn leaves_known_and_unknown_words_alone() {
        let v = vocab();
        assert_eq!(v.unglue("engagements"), None);
        assert_eq!(v.unglue("Zyxwvut"), None);
    }

    #[test]
    fn repairs_a_whole_line() {
        let v = vocab();
        assert_eq!(
            v.repair("Talks in Oslo,thediplomatic way.\"But ifMoscow agrees"),
            "Talks in Oslo,the diplomatic way.\" But if Moscow agrees"
        );
    }

    #[test]
    fn a_repairer_repairs_repeated_lines_like_repair_does() {
        let v = vocab();
        let lines = [
            "Talks in Oslo,thediplomatic way.\"But ifMoscow agrees",
            "thediplomatic talks in Oslo went on, ifMoscow agrees",
            "Zyxwvut and thediplomatic Zyxwvut",
            "Talks in Oslo,thediplomatic way.\"But ifMoscow agrees",
        ];
        let mut r = v.repairer();
        for line in lines {
            assert_eq!(r.repair(line), v.repair(line), "{line}");
        }
        assert_eq!(
            r.repair("Zyxwvut and thediplomatic Zyxwvut"),
            "Zyxwvut and the diplomatic Zyxwvut"
        );
        // More distinct short runs than the memory of kept runs has
        // slots, glued and not, each line twice: slots are shared and
        // overwritten.
        let mut lines = Vec::new();
        for i in 0..3000u32 {
            let w: String = (0..4 + i % 5)
                .map(|k| char::from(b'a' + ((i * 7 + k * 3) % 26) as u8))
                .collect();
            lines.push(format!(
                "{w} talks {w}talks Oslo thediplomatic {}",
                w.to_uppercase()
            ));
        }
        for line in lines.iter().chain(lines.iter().rev()) {
            assert_eq!(r.repair(line), v.repair(line), "{line}");
        }
    }

    #[test]
    fn ascii_lines_are_repaired_as_the_general_path_does() {
        let v = vocab();
        for line in [
            "",
            "thediplomatic engagements continue ifMoscow agrees",
            "He said on Friday.\"But Norwayannexed nothing,\"And then?\"No.\"",
            "\"Quoted\" start, end \"",
            "12:05 p.m. -- 3 per cent; x",
            "Ministersmet inOslo",
            "a\"B .\"C !\"d ,\"E ?\"",
        ] {
            assert_eq!(
                v.repairer().repair_ascii(line),
                v.repairer().repair_chars(line),
                "{line}"
            );
            assert_eq!(
                split_after_punctuation_ascii(line),
                split_after_punctuation(line),
                "{line}"
            );
        }
    }

    #[test]
    fn knows_stopwords_of_several_languages() {
        assert!(is_stopword("the") && is_stopword("und") && is_stopword("что"));
        assert!(!is_stopword("kremlin"));
        let longest = STOPWORDS.split_whitespace().map(str::len).max();
        assert_eq!(longest, Some(MAX_STOPWORD_BYTES));
        assert!(STOPWORDS.split_whitespace().all(is_stopword));
    }

    #[test]
    fn stopword_bytes_agree_with_stopwords() {
        for w in STOPWORDS.split_whitespace() {
            assert!(is_stopword_bytes(w.as_bytes()), "{w}");
        }
        for w in ["kremlin", "harbour", "thee", "", "дума"] {
            assert_eq!(is_stopword_bytes(w.as_bytes()), is_stopword(w), "{w}");
        }
    }

    #[test]
    fn vocabulary_learned_in_parallel_is_the_sequential_one() {
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!("The Harbour board met {i} times; Ferry crews said Ça va, Åsa? word{i}")
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let seq = Vocab::learn(texts.iter().copied());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .expect("thread pool");
        let par = pool.install(|| Vocab::learn_par(&texts));
        assert_eq!(seq.words, par.words);
        assert!(par.knows("harbour") && par.knows("ça") && !par.knows("word7"));
    }

    #[test]
    fn ascii_words_are_the_words_of_ascii_text() {
        for text in [
            "",
            "   ",
            "Plain words, said 'quoted' and don't 'tis '' o'clock'' x",
            "A1 b2-c3 'lead trail' ''",
            "The U.S. envoy's talks: 12:05, (AFP) -- done!",
        ] {
            let bytes: Vec<&[u8]> = words(text).map(str::as_bytes).collect();
            assert_eq!(
                ascii_words(text.as_bytes()).collect::<Vec<_>>(),
                bytes,
                "{text}"
            );
        }
    }

    /// [`ascii_words`] as it was first written: byte by byte.
    fn ascii_words_by_bytes(text: &[u8]) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            while i < text.len() && !ASCII_WORD[usize::from(text[i] & 0x7f)] {
                i += 1;
            }
            if i >= text.len() {
                return out;
            }
            let mut start = i;
            while i < text.len() && ASCII_WORD[usize::from(text[i] & 0x7f)] {
                i += 1;
            }
            let mut end = i;
            while start < end && text[start] == b'\'' {
                start += 1;
            }
            while end > start && text[end - 1] == b'\'' {
                end -= 1;
            }
            if start < end {
                out.push(&text[start..end]);
            }
        }
    }

    #[test]
    fn ascii_words_split_every_byte_as_the_byte_scan_does() {
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut text = b"ab'cd ''x'' efgh1ij'k lm".to_vec();
                text.insert(at, b);
                assert_eq!(
                    ascii_words(&text).collect::<Vec<_>>(),
                    ascii_words_by_bytes(&text),
                    "{text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_agree_with_the_byte_scan(text in "[a-zA-Z09' .,:\t-]{0,70}") {
            proptest::prop_assert_eq!(
                ascii_words(text.as_bytes()).collect::<Vec<_>>(),
                ascii_words_by_bytes(text.as_bytes())
            );
        }
    }

    #[test]
    fn ascii_text_is_learned_like_any_other() {
        let text = "The Harbour board's 'Ferry' plan: x y2 NATO don't o'clock Mayor";
        let learned = Vocab::learn([text]).words;
        // The general word-by-word path, on the same text.
        let mut general = VocabSet::default();
        let mut lower = String::new();
        for w in words(text) {
            // A fresh memory each time: every word goes to the set itself.
            learn_word(&mut general, &mut lower, &mut RecentWords::default(), w);
        }
        assert_eq!(learned, general);
        assert!(learned.contains("harbour") && learned.contains("nato"));
        assert!(!learned.contains("y2") && !learned.contains("x"));
    }

    #[test]
    fn words_are_learned_as_their_definition_says() {
        let text = "The Harbour board's 'Ferry' plan: x y2 NATO don't o'clock Mayor Pärnu ÉCOLE naïve \
                    Лавров сказал a1b2 ab AB Ab";
        let learned = Vocab::learn([text]).words;
        // Words of two or more bytes, all letters, lowercased.
        let expected: VocabSet = words(text)
            .filter(|w| w.len() >= 2 && w.chars().all(char::is_alphabetic))
            .map(str::to_lowercase)
            .collect();
        assert_eq!(learned, expected);
    }

    #[test]
    fn recent_words_only_remember_what_they_were_shown() {
        let mut recent = RecentWords::default();
        assert!(!recent.seen(b"said"));
        assert!(recent.seen(b"said"));
        assert!(!recent.seen(b"sai"));
        assert!(!recent.seen(b"saidsaid"));
        assert!(recent.seen(b"saidsaid"));
        // Too long or empty: never remembered.
        assert!(!recent.seen(b"harbourmaster"));
        assert!(!recent.seen(b"harbourmaster"));
        assert!(!recent.seen(b""));
        // Many words: a word is seen only after it was shown.
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let mut shown = std::collections::HashSet::new();
        for k in 0..words.len() {
            if recent.seen(words[k].as_bytes()) {
                assert!(shown.contains(&words[k]));
            }
            shown.insert(words[k].clone());
            if recent.seen(words[k / 2].as_bytes()) {
                assert!(shown.contains(&words[k / 2]));
            }
        }
    }
}
