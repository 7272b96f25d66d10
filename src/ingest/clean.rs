//! Page furniture out, prose in: a line classifier built from general
//! features (length, punctuation, stopword density, capitalisation, bullets
//! and link-like text, repetition within the page) and the position of each
//! line relative to the densest block of prose.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::byline::{self, Byline};
use super::escape::key_hash;
use super::words::{
    MAX_STOPWORD_BYTES, ascii_words, is_stopword_ascii_at, is_stopword_bytes, words,
};

/// One line of a capture, decoded.
#[derive(Debug, Clone)]
pub struct Line {
    /// The text, trimmed.
    pub text: String,
    /// Leading spaces in the capture: list items and their continuations.
    pub indent: usize,
    /// [`key_hash`] of the text, for repetition and duplicates.
    pub hash: u64,
}

impl Line {
    /// Decodes and measures a raw line.
    pub fn new(raw: &str) -> Line {
        let decoded = super::escape::decode(raw);
        let indent = decoded.len() - decoded.trim_start().len();
        let text = decoded.trim().to_string();
        let hash = key_hash(&text);
        Line { text, indent, hash }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// What a body yields once cleaned.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// The kept paragraphs, plain text, in order.
    pub paras: Vec<String>,
    /// Photo captions, once each, with their credit.
    pub captions: Vec<String>,
    /// Names from photo credits and "reporting by" lines.
    pub credits: Vec<String>,
    /// Names from "In this article:" entity cards.
    pub hints: Vec<String>,
    /// Bylines found in the body.
    pub bylines: Vec<Byline>,
    /// The outlet, when the page's footer names it.
    pub footer_outlet: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Furniture,
    Caption,
    Byline,
    Prose,
    /// Short or unpunctuated: a subhead inside the body, else furniture.
    Short,
    /// The closing "With reporting by ..." line: kept, and the body ends.
    Credit,
    /// "Recommended Stories" and its cousins: the body has ended.
    TailHeading,
}

static TIMECODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/?\s*(?:\d{1,2}:)?\d{1,2}:\d{2})*$")
        .expect("static regex")
});
static MIN_READ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)\d+\s*(?:-\s*)?(?:min|mins|minute|minutes|minuten|minutos|minuti)\.?\s*(?:read|lesen|lecture|de lectura|di lettura|de leitura|leestijd)(?-u:\b)|^\d+\s+(?:posts?|updates?|comments?|shares?)$|^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$|^(?:reading time|temps de lecture|lesezeit|tiempo de lectura|tempo di lettura)(?-u:\b).*$")
        .expect("static regex")
});
static TAIL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:recommended(?: stories| articles| for you| reading)?|related(?: stories| articles| content| coverage| news| topics| links)?|more (?:from|on|in|about) .{1,40}|more stories|more news|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|you (?:may|might) also (?:like|be interested in)|read next|what to read next|top stories|latest (?:news|stories)|further reading|also read|read also|see also|sponsored(?: content| stories)?|around the web|from our partners|popular now|editors'? picks|comments|\d+ comments|comments? \(\d+\)|join the (?:conversation|discussion)|leave a (?:comment|reply)|more about|explore more(?: on these topics)?|about the author|filed under|tags|topics|lire aussi|à lire aussi|voir aussi|sur le même sujet|les plus lus|commentaires|mots-clés|mehr zum thema|das könnte sie auch interessieren|auch interessant|weitere artikel|meistgelesen(?:e artikel)?|schlagworte|kommentare|te puede interesar|noticias relacionadas|lee también|más información|lo más (?:visto|leído)|archivado en|comentarios|leggi anche|i più letti|ultime notizie|argomenti|commenti|leia também|leia mais|mais lidas|tópicos|comentários|lees ook|bekijk ook|meest gelezen|reacties|onderwerpen|читайте также|les også|les mer|mest lest|relaterte saker|stikkord|læs også|læs mere|mest læste|läs också|läs mer|mest lästa|lue myös|luetuimmat|aiheesta lisää|avainsanat|citește și|citeste si|cele mai citite|articole similare|știri similare|etichete|[iİ]lg[iİ]l[iİ] haberler|benzer haberler|çok okunanlar|etiketler|baca juga|berita terkait|terpopuler|čtěte také|související články|nejčtenější|štítky|kapcsolódó cikkek|legolvasottabb|címkék|llegiu també|més llegides|etiquetes|notícies relacionades|διαβάστε επίσης|δείτε επίσης|σχετικά άρθρα|ετικέτες|по теме|самое читаемое|теги|читайте також|новини за темою|czytaj także|czytaj też|zobacz też|najczęściej czytane|関連記事|関連ニュース|この記事の関連キーワード|アクセスランキング|(?:yorumlar|kommentarer|kommentit|comentarii|komentáře|hozzászólások|comentaris|σχόλια|комментарии|коментарі|komentar)(?: \(\d+\))?)\s*:?$")
        .expect("static regex")
});
/// Whole short lines that are widgets, menus and banners in any page.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:accessibility links|skip to (?:main )?(?:content|navigation)|breaking news|live|live updates|sort by.*|.*dropdown arrow|dropdown|please wait|loading\.*|no media source currently available|oops!?|something went wrong\.?|please try again(?: later)?\.?|share(?: this| on .*| the story| article| story)?|tweet|email|print|copy link|link copied|read more|see more|show more|load more|view more|advertisement|ad|sponsored|publicidade|publicidad|publicité|pubblicità|anzeige|werbung|advertentie|reklame|reklama|reklam|reklám|hirdetés|mainos|annonse|annons|annonce|publicitate|iklan|publicitat|реклама|διαφ[ηή]μιση|広告|광고|广告|(?:advertisement\s*·\s*)?scroll to continue(?: with content)?|(?:story|article) continues below(?: this)?(?: advertisement)?|report this ad|open this photo in gallery:?|purchase licensing rights(?:, opens new tab)?|\d{1,3} ?/ ?\d{1,3}|subscribe(?: now)?|sign up.*|sign in|log in|newsletter|follow us.*|watch(?: live| now)?|listen(?: now)?|play video|video|image|photo|menu|search|home|close|next|previous|back to top|comments?|leave a comment|view comments|\d+ comments?|click here.*|to find out more, click here\.?|in this article:?|in this story:?|topics:?|tags:?|\d+x\d+ image|image \d+ of \d+|(?:read|watch|see) (?:the full|all the|more).*here\.?)$")
        .expect("static regex")
});
/// Short lines that point elsewhere or credit an image: "Read more: ...",
/// "Image source, Getty Images", "Photo: A Name/Reuters".
static POINTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read more|read also|also read|see also|related|more|les også|læs også|läs också|lue myös|citește și|citeste si|baca juga|čtěte také|olvassa el|llegiu també|leia também|lee también|lire aussi|leggi anche|διαβάστε επίσης|читайте также|читайте також|czytaj także|czytaj też|tags|etichete|etiketler|tagi|štítky|címkék|etiquetes|ετικέτες|теги|stikkord|avainsanat|watch|listen|latest|opinion|analysis|explainer|image source|image caption|media caption|picture|photo|photograph|image|credit|source|foto|bild|getty images)\s*[:,|]\s*.*$|(?:getty images|/\s*reuters|/\s*afp|/\s*ap|ap photo|/\s*epa|shutterstock)\s*\)?$")
        .expect("static regex")
});

/// Words of menus and share bars: a short line made only of these is
/// navigation, in whatever order the site lists them.
const MENU_WORDS: &[&str] = &[
    "home",
    "news",
    "world",
    "politics",
    "business",
    "sport",
    "sports",
    "culture",
    "opinion",
    "video",
    "videos",
    "live",
    "menu",
    "search",
    "share",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "messenger",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "copy",
    "link",
    "print",
    "comment",
    "comments",
    "save",
    "subscribe",
    "sign",
    "in",
    "up",
    "log",
    "more",
    "weather",
    "podcasts",
    "newsletters",
    "science",
    "tech",
    "technology",
    "health",
    "travel",
    "style",
    "entertainment",
    "markets",
    "europe",
    "asia",
    "africa",
    "americas",
    "us",
    "uk",
    "local",
    "audio",
    "games",
    "account",
    "profile",
    "settings",
    "close",
    "open",
    "next",
    "previous",
    "back",
    "top",
    "and",
    "&",
    "the",
    "this",
    "article",
    "story",
    "page",
    "via",
    "on",
    "to",
    "with",
];

fn is_menu(text: &str) -> bool {
    let mut n = 0;
    for w in words(text) {
        n += 1;
        // Stops at the first word that is not a menu word: most lines.
        if n > 20 || !is_menu_word(w) {
            return false;
        }
    }
    n >= 2
}

/// True when `w` is one of [`MENU_WORDS`] in any case: ASCII words are
/// lowercased as they are packed into one integer and found by a binary
/// search of [`MENU_PACKED`], instead of a comparison with every word.
fn is_menu_word(w: &str) -> bool {
    if w.is_ascii() {
        pack_lower_ascii(w.as_bytes()).is_some_and(|p| MENU_PACKED.binary_search(&p).is_ok())
    } else {
        // Only a non-ASCII word whose lowercase is ASCII (the Kelvin sign
        // lowercases to "k") can be one.
        let lower = w.to_lowercase();
        MENU_WORDS.contains(&lower.as_str())
    }
}

/// A word of at most 15 bytes packed lowercase with its length
/// ([`crate::ingest::words::pack_lower`]): different words never pack alike.
fn pack_lower_ascii(w: &[u8]) -> Option<u128> {
    (w.len() <= 15).then(|| crate::ingest::words::pack_lower(w))
}

/// [`MENU_WORDS`] packed by [`pack_lower_ascii`], sorted.
static MENU_PACKED: LazyLock<Vec<u128>> = LazyLock::new(|| {
    let mut packed: Vec<u128> = MENU_WORDS
        .iter()
        .filter_map(|m| pack_lower_ascii(m.as_bytes()))
        .collect();
    packed.sort_unstable();
    packed
});

/// Phrases that mark a line as boilerplate whatever its length: comment
/// policies, legal notices, cookie banners.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)all rights reserved|terms of (?:use|service)|privacy (?:policy|notice)|cookie (?:policy|settings|preferences)|we use cookies|article commenting|community guidelines|comments are closed|our goal is to create a safe|(?:^|\s)©\s?\d{4}|^copyright(?-u:\b)|subscribe to our newsletter|sign up for our|is not responsible for the content of external")
        .expect("static regex")
});
static ENTITY_CARDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:in this (?:article|story)|mentioned in this (?:article|story)|people in this (?:article|story)|related (?:people|entities))\s*:?$").expect("static regex")
});

const BULLETS: &[char] = &['•', '·', '▪', '►', '›', '»', '●', '◦', '■', '→', '*'];

fn bullet_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let first = t.chars().next()?;
    if BULLETS.contains(&first) {
        Some(t[first.len_utf8()..].trim())
    } else {
        None
    }
}

/// Features of one line.
struct Features {
    words: usize,
    stop_ratio: f32,
    cap_ratio: f32,
    ends_sentence: bool,
    cjk: usize,
}

/// How many characters of `text` are kana, CJK ideographs or Hangul:
/// scripts that write a headline without spaces between its words.
pub fn cjk_chars(text: &str) -> usize {
    if text.is_ascii() {
        return 0;
    }
    text.chars()
        .filter(|&c| {
            ('\u{3040}'..='\u{30ff}').contains(&c)
                || ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{ac00}'..='\u{d7af}').contains(&c)
        })
        .count()
}

fn features(text: &str) -> Features {
    let mut n = 0usize;
    let mut stops = 0usize;
    let mut caps = 0usize;
    let mut long = 0usize;
    // Stopwords are short: lowercase into a stack buffer, never the heap.
    let mut buf = [0u8; 32];
    let ascii_text = text.is_ascii();
    if ascii_text {
        // Most lines: the same counts from a byte scan.
        let bytes = text.as_bytes();
        for w in ascii_words(bytes) {
            n += 1;
            // The word's place in the text, whose bytes the lookup reads.
            let at = w.as_ptr() as usize - bytes.as_ptr() as usize;
            if is_stopword_ascii_at(bytes, at, w.len()) {
                stops += 1;
            }
            if w.len() >= 4 {
                long += 1;
                if w[0].is_ascii_uppercase() {
                    caps += 1;
                }
            }
        }
    }
    // Other text, word by word with the general iterator.
    for w in (!ascii_text).then(|| words(text)).into_iter().flatten() {
        n += 1;
        let ascii = w.is_ascii();
        // An ASCII word keeps its length when lowercased, so one longer than
        // any stopword needs no lowercasing or lookup.
        if w.len() <= buf.len() && !(ascii && w.len() > MAX_STOPWORD_BYTES) {
            // Bytes, not `str`: the lookup needs no UTF-8 check.
            let lower: Option<&[u8]> = if ascii {
                let b = &mut buf[..w.len()];
                b.copy_from_slice(w.as_bytes());
                b.make_ascii_lowercase();
                Some(b)
            } else {
                let mut len = 0;
                let mut fits = true;
                for c in w.chars().flat_map(char::to_lowercase) {
                    let l = c.len_utf8();
                    if len + l > buf.len() {
                        fits = false;
                        break;
                    }
                    c.encode_utf8(&mut buf[len..len + l]);
                    len += l;
                }
                fits.then_some(&buf[..len])
            };
            if lower.is_some_and(is_stopword_bytes) {
                stops += 1;
            }
        }
        if (if ascii { w.len() } else { w.chars().count() }) >= 4 {
            long += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
        }
    }
    let cjk = cjk_chars(text);
    let last = text
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '»', ']', '*'])
        .chars()
        .last();
    Features {
        words: n,
        stop_ratio: if n == 0 { 0.0 } else { stops as f32 / n as f32 },
        cap_ratio: if long == 0 {
            0.0
        } else {
            caps as f32 / long as f32
        },
        ends_sentence: matches!(
            last,
            Some('.' | '!' | '?' | ':' | '…' | '。' | '！' | '？' | ';' | '।' | '؟' | '۔')
        ),
        cjk,
    }
}

fn is_link_like(text: &str) -> bool {
    let starts = |p: &str| {
        text.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts("http://") || starts("https://") || starts("www.") {
        return true;
    }
    // Menus and breadcrumbs: "Home | World | Europe", "News › Europe".
    let b = text.as_bytes();
    if memchr::memchr3(b'|', b'>', 0xE2, b).is_none() {
        return false;
    }
    let (mut pipes, mut gts) = (0, 0);
    for w in b.windows(3) {
        match w {
            [b' ', b'|', b' '] => pipes += 1,
            [b' ', b'>', b' '] => gts += 1,
            _ => {}
        }
    }
    pipes >= 2 || gts >= 2 || text.contains(" › ")
}

/// True when a line reads as running prose in any of the supported
/// languages (or has the length of prose in scripts without spaces).
pub fn is_prose(text: &str) -> bool {
    prose_with(text, &features(text))
}

fn prose_with(text: &str, f: &Features) -> bool {
    if f.cjk >= 20 {
        return f.ends_sentence || f.cjk >= 60;
    }
    if is_link_like(text) {
        return false;
    }
    // A line written In Title Case Throughout is a headline or a teaser.
    if f.words >= 5 && f.cap_ratio > 0.85 && f.stop_ratio < 0.2 {
        return false;
    }
    (f.words >= 5 && f.ends_sentence && f.stop_ratio >= 0.08)
        || (f.words >= 20 && f.stop_ratio >= 0.12)
        || (f.words >= 12 && f.ends_sentence)
}

/// Hard furniture: widgets, timecodes, menus, banners, boilerplate.
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    let n = count_words_upto(t, 21);
    let short = n <= 12;
    if short
        && ((may_be_timecode(t) && TIMECODE.is_match(t))
            || (may_be_min_read(t) && MIN_READ.is_match(t))
            || is_furniture_line(t)
            || is_link_like(t)
            || super::dates::stamp_line(t).is_some())
    {
        return true;
    }
    if n <= 20 && ((!t.ends_with('.') && POINTER_LINE.is_match(t)) || is_menu(t)) {
        return true;
    }
    is_boilerplate(t) || t.chars().all(|c| !c.is_alphanumeric())
}

/// `t.split_whitespace().take(max).count()`, with a scan of eight bytes
/// at a time for ASCII text (whose whitespace is space and `\t`..=`\r`).
fn count_words_upto(t: &str, max: usize) -> usize {
    let general = || t.split_whitespace().take(max).count();
    let b = t.as_bytes();
    let mut n = 0;
    // Whether the byte before the current chunk belongs to a word.
    let mut in_word = false;
    let mut chunks = b.chunks_exact(8);
    for c in chunks.by_ref() {
        let mut x = [0u8; 8];
        x.copy_from_slice(c);
        let x = u64::from_le_bytes(x);
        // Text that is not ASCII is counted by the general path, found
        // here rather than by a scan of its own first. (Once `max` words
        // are counted in an ASCII head, the general count is `max` too:
        // ASCII spacing is spacing to it, other ASCII bytes are not.)
        if x & 0x8080_8080_8080_8080 != 0 {
            return general();
        }
        let word = word_bytes(x);
        // A word starts at a word byte whose previous byte is not one.
        let prev = (word << 8) | u64::from(in_word) << 7;
        // The high bits of the bytes that start a word, counted with a
        // multiply (summing one per byte into the top byte) rather than
        // `count_ones`, which is a long sequence without `popcnt`.
        let starts = (word & !prev) >> 7;
        n += (starts.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
        if n >= max {
            return max;
        }
        in_word = word >> 63 != 0;
    }
    if !chunks.remainder().is_ascii() {
        return general();
    }
    for &x in chunks.remainder() {
        let space = matches!(x, b' ' | b'\t'..=b'\r');
        if !space && !in_word {
            n += 1;
            if n == max {
                return n;
            }
        }
        in_word = !space;
    }
    n
}

/// The high bit of each byte of `x` (eight ASCII bytes) set when that byte
/// is not whitespace (space, `\t`..=`\r`), every other bit clear. Exact
/// per byte: no sum carries from one byte into the next.
fn word_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // High bit set where the byte is zero: (b + 0x7f) keeps it clear only
    // for b = 0 (b < 0x80, so no carry leaves the byte).
    let is_zero = |v: u64| !((v & LOW7).wrapping_add(LOW7) | v | LOW7);
    let space = is_zero(x ^ splat(b' '));
    // b >= 9 sets the high bit of b + 0x77, b >= 14 that of b + 0x72.
    let ctrl = x.wrapping_add(splat(0x80 - 9)) & !x.wrapping_add(splat(0x80 - 14));
    !(space | ctrl) & HIGH
}

/// [`FURNITURE_LINE`] with or without closing `.`/`!`; one match when
/// there are none to trim (most lines).
fn is_furniture_line(t: &str) -> bool {
    let trimmed = t.trim_end_matches(['.', '!']);
    FURNITURE_LINE.is_match(trimmed) || (trimmed.len() != t.len() && FURNITURE_LINE.is_match(t))
}

/// False only when [`TIMECODE`] cannot match: it starts with a digit
/// (`\d` is any Unicode digit) and holds a colon.
fn may_be_timecode(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_numeric) && t.contains(':')
}

/// False only when [`MIN_READ`] cannot match: every branch needs a digit
/// (any Unicode digit, so any non-ASCII byte may be one) or starts with
/// one of the reading-time phrases.
fn may_be_min_read(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_digit() || b >= 0x80)
        || t.bytes()
            .next()
            .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'r' | b't' | b'l'))
}

/// One piece of each phrase of [`BOILERPLATE`], lowercase: "reserved",
/// "terms of", "privacy", "cookie(s)", "commenting"/"comments",
/// "community", "goal", "copyright", "subscribe", "sign up", "external".
const BOILERPLATE_PIECES: [[u8; 4]; 11] = [
    *b"rved", *b"rms ", *b"ivac", *b"ooki", *b"mmen", *b"mmun", *b"goal", *b"yrig", *b"bscr",
    *b"n up", *b"xter",
];

/// A slot of [`PIECE_TABLE`] for four bytes.
const fn piece_slot(w: u32) -> usize {
    (w.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// True at the slots of [`BOILERPLATE_PIECES`].
const PIECE_TABLE: [bool; 4096] = {
    let mut t = [false; 4096];
    let mut i = 0;
    while i < BOILERPLATE_PIECES.len() {
        t[piece_slot(u32::from_be_bytes(BOILERPLATE_PIECES[i]))] = true;
        i += 1;
    }
    t
};

/// [`BOILERPLATE`], with a one-pass byte scan first: every phrase of the
/// regex holds one of a few four-letter pieces, and most lines (running
/// prose) hold none, so the regex only runs on the few that do.
fn is_boilerplate(t: &str) -> bool {
    may_be_boilerplate(t) && BOILERPLATE.is_match(t)
}

/// False only when [`BOILERPLATE`] cannot match `t`.
fn may_be_boilerplate(t: &str) -> bool {
    // "©" needs no letters; the Kelvin sign and the long s are what
    // case-insensitive matching also accepts for "k" and "s".
    // Their first bytes (0xC2, 0xE2, 0xC5) are looked for first, with a
    // vectorised search rather than a check of every byte for ASCII.
    let b = t.as_bytes();
    if memchr::memchr3(0xc2, 0xe2, 0xc5, b).is_some() && t.contains(['©', '\u{212a}', '\u{17f}']) {
        return true;
    }
    has_boilerplate_piece(b)
}

/// True when `b`, each byte `| 0x20`, holds one of [`BOILERPLATE_PIECES`].
/// `| 0x20` lowercases ASCII letters and keeps the space, the only other
/// byte of the pieces; what else it maps onto a piece's byte only lets a
/// line through to the regex.
///
/// A multi-pattern skip search (Wu-Manber): the last two bytes of each
/// four-byte window say, through [`PIECE_SHIFT`], how far the window can
/// move before a piece could end in it, so most of a line is stepped over
/// two or three bytes at a time; the window is compared only where a
/// piece may end.
fn has_boilerplate_piece(b: &[u8]) -> bool {
    let low = |x: u8| x | 0x20;
    // `end` is the last byte of the window.
    let mut end = 3;
    while end < b.len() {
        let shift = PIECE_SHIFT[bigram_slot(low(b[end - 1]), low(b[end]))];
        if shift == 0 {
            let w = u32::from_be_bytes([
                low(b[end - 3]),
                low(b[end - 2]),
                low(b[end - 1]),
                low(b[end]),
            ]);
            // A table lookup rules out almost every window; the pieces are
            // compared only where it does not.
            if PIECE_TABLE[piece_slot(w)] && BOILERPLATE_PIECES.contains(&w.to_be_bytes()) {
                return true;
            }
            end += 1;
        } else {
            end += usize::from(shift);
        }
    }
    false
}

/// A slot of [`PIECE_SHIFT`] for two bytes.
const fn bigram_slot(a: u8, b: u8) -> usize {
    ((a as usize & 0x3f) << 6) | (b as usize & 0x3f)
}

/// For two bytes ending a window, how far the window can move before a
/// piece can end in it: 3 when no piece holds them, else the least
/// distance from their place in a piece to its end (0 at its end). Two
/// byte pairs sharing a slot share the least of their shifts.
const PIECE_SHIFT: [u8; 4096] = {
    let mut t = [3u8; 4096];
    let mut i = 0;
    while i < BOILERPLATE_PIECES.len() {
        let p = BOILERPLATE_PIECES[i];
        let mut j = 0;
        while j < 3 {
            let slot = bigram_slot(p[j], p[j + 1]);
            let shift = 2 - j as u8;
            if shift < t[slot] {
                t[slot] = shift;
            }
            j += 1;
        }
        i += 1;
    }
    t
};

/// A headline-like line: short, no closing full stop, not furniture.
pub fn is_headline(text: &str) -> bool {
    let f = features(text);
    let t = text.trim();
    // Without spaces, about two characters make a word.
    (2..=30).contains(&f.words.max(f.cjk / 2))
        && !t.ends_with('.')
        && !is_furniture(t)
        && byline::parse(t).is_none()
        && !is_link_like(t)
}

/// Page-wide line counts by [`Line::hash`]; ahash rather than SipHash,
/// whose extra work on keys that are hashes already bought nothing.
pub type LineCounts = HashMap<u64, usize, ahash::RandomState>;

/// Page-wide line counts, for the repetition feature.
pub fn line_counts(lines: &[Line]) -> LineCounts {
    let mut counts = LineCounts::default();
    for l in lines {
        if !l.is_blank() {
            *counts.entry(l.hash).or_insert(0) += 1;
        }
    }
    counts
}

/// Cleans a run of lines: the body of an article or of one live-blog post.
/// `counts` holds page-wide line counts.
pub fn clean(lines: &[Line], counts: &LineCounts) -> Cleaned {
    let mut out = Cleaned::default();
    let n = lines.len();
    let mut class = vec![Class::Blank; n];
    let mut bullet_indent: Option<usize> = None;
    let mut in_cards = false;
    // Captions and their line, kept once the body's end is known.
    let mut captions: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if l.is_blank() {
            class[i] = Class::Blank;
            i += 1;
            continue;
        }
        let t = l.text.as_str();
        // Bullet items and their indented continuation lines are lists of
        // links, cards and teasers.
        if let Some(b) =
            bullet_text(&l.text).or_else(|| (l.text.starts_with('•')).then_some(l.text.as_str()))
        {
            let long_point = words(b).count() >= 12 && features(b).ends_sentence && !in_cards;
            if !long_point {
                bullet_indent = Some(l.indent);
                class[i] = Class::Furniture;
                if in_cards && looks_like_name(b) && !out.hints.iter().any(|h| h == b) {
                    out.hints.push(b.to_string());
                }
                i += 1;
                continue;
            }
        }
        if let Some(bi) = bullet_indent {
            if l.indent > bi {
                class[i] = Class::Furniture;
                i += 1;
                continue;
            }
            bullet_indent = None;
        }
        if ENTITY_CARDS.is_match(t) {
            in_cards = true;
            class[i] = Class::Furniture;
            i += 1;
            continue;
        }
        in_cards = false;
        // Captions: a line followed by itself, bare then with a credit.
        if let Some(next) = next_nonblank(lines, i)
            && is_caption_pair(t, &lines[next].text)
        {
            let (bare, full) = (t, lines[next].text.as_str());
            let caption = if full.len() >= bare.len() { full } else { bare };
            out.credits.extend(caption_credits(caption));
            captions.push((i, caption.to_string()));
            class[i] = Class::Caption;
            class[next] = Class::Caption;
            i = next + 1;
            continue;
        }
        // A bare caption with its credit on the next line.
        if let Some(next) = lines.get(i + 1)
            && let Some(credit) = own_line_credit(
                &next.text,
                (0..i)
                    .rev()
                    .find(|&k| class[k] != Class::Blank)
                    .is_some_and(|k| class[k] == Class::Prose),
            )
            && is_bare_caption(t)
        {
            out.credits.extend(credit_names(credit));
            let caption = if credit.starts_with('(') {
                format!("{t} {credit}")
            } else {
                format!("{t} ({credit})")
            };
            captions.push((i, caption));
            class[i] = Class::Caption;
            class[i + 1] = Class::Caption;
            i += 2;
            continue;
        }
        class[i] = classify(t, l.hash, counts);
        match class[i] {
            Class::Byline => {
                if let Some(b) = byline::parse(t) {
                    out.bylines.push(b);
                }
            }
            Class::Credit => {
                out.credits
                    .extend(byline::reporting_credits(t).unwrap_or_default());
            }
            Class::Caption => {
                out.credits.extend(caption_credits(t));
                captions.push((i, t.to_string()));
            }
            _ => {}
        }
        i += 1;
    }

    drop_reader_blocks(lines, &mut class);

    // The body ends at a closing credit or at a "Recommended" heading that
    // follows some prose.
    // A heading early in the page (a "Comments" link in a share bar) is
    // not the end: most of the prose must lie before it.
    let total: usize = (0..n)
        .filter(|&j| class[j] == Class::Prose)
        .map(|j| lines[j].text.len())
        .sum();
    // A heading whose list is followed by more of the article's prose (a
    // "Read also" box in the middle of the page) is skipped with its list.
    let mut end = n;
    let (mut seen_lines, mut seen_chars) = (0usize, 0usize);
    let mut j = 0;
    while j < n {
        let enough = seen_lines >= 3 || (seen_lines >= 1 && seen_chars * 10 >= total * 4);
        match class[j] {
            Class::Prose => {
                seen_lines += 1;
                seen_chars += lines[j].text.len();
            }
            Class::Credit if seen_lines > 0 => {
                end = j + 1;
                break;
            }
            Class::TailHeading if enough => match resumes_after(lines, &class, j, seen_chars) {
                Some(k) => {
                    for c in &mut class[j..k] {
                        if *c != Class::Blank {
                            *c = Class::Furniture;
                        }
                    }
                    j = k;
                    continue;
                }
                None => {
                    end = j;
                    break;
                }
            },
            _ => {}
        }
        j += 1;
    }
    // Captions of the article, not of the teasers after it.
    for (j, c) in captions {
        if j < end && !out.captions.contains(&c) {
            out.captions.push(c);
        }
    }

    // Clusters of prose: prose lines joined across small gaps of other
    // lines. The densest cluster is the body; clusters far weaker than it
    // are boilerplate blocks.
    let prose: Vec<usize> = (0..end)
        .filter(|&j| matches!(class[j], Class::Prose | Class::Credit))
        .collect();
    if prose.is_empty() {
        out.footer_outlet = footer_outlet(&lines[end.min(n)..], &lines[end.min(n)..]);
        return out;
    }
    let mut clusters: Vec<(usize, usize, usize)> = Vec::new(); // start, end, chars
    for &j in &prose {
        let len = lines[j].text.len();
        if let Some(last) = clusters.last_mut() {
            let gap = (last.1 + 1..j)
                .filter(|&k| !matches!(class[k], Class::Blank))
                .count();
            if gap <= 6 {
                last.1 = j;
                last.2 += len;
                continue;
            }
        }
        clusters.push((j, j, len));
    }
    let best = clusters.iter().map(|c| c.2).max().unwrap_or(0);
    // The footer: whatever follows the article's last block of prose (a
    // copyright notice), or its end (names opening several lines).
    let last = clusters
        .iter()
        .filter(|c| c.2 * 10 >= best * 3)
        .map(|c| c.1 + 1)
        .max()
        .unwrap_or(end)
        .min(end);
    out.footer_outlet = footer_outlet(&lines[last..], &lines[end.min(n)..]);
    let mut seen: std::collections::HashSet<u64, ahash::RandomState> = Default::default();
    let mut short: Vec<bool> = Vec::new();
    for &(s, e, chars) in &clusters {
        if chars * 10 < best * 3 {
            continue;
        }
        for j in s..=e {
            let keep = match class[j] {
                Class::Prose | Class::Credit => true,
                Class::Short => is_subhead(&lines[j].text, lines, j, &class),
                _ => false,
            };
            if keep {
                let k = lines[j].hash;
                if seen.insert(k) {
                    let text = if class[j] == Class::Credit {
                        without_desk_credits(&lines[j].text)
                    } else {
                        lines[j].text.clone()
                    };
                    if text.is_empty() {
                        continue;
                    }
                    out.paras.push(text);
                    short.push(class[j] == Class::Short && !lines[j].text.ends_with(':'));
                }
            }
        }
    }
    // The page talking at the edges of the body: to the reader, about
    // itself, about its reporters. One paragraph is always kept.
    while out.paras.len() > 1
        && out
            .paras
            .last()
            .is_some_and(|p| is_edge_boilerplate(p, true))
    {
        out.paras.pop();
        short.pop();
    }
    while out.paras.len() > 1 && is_edge_boilerplate(&out.paras[0], false) {
        out.paras.remove(0);
        short.remove(0);
    }
    // A list of teasers with no heading above it: three or more headlines
    // each followed by exactly one paragraph, at the very end.
    let mut units = 0;
    let mut i = short.len();
    while i >= 2 && !short[i - 1] && short[i - 2] {
        units += 1;
        i -= 2;
    }
    if units >= 3 && i > 0 {
        out.paras.truncate(i);
    }
    // A credit's name that the body's own prose also names is an actor of
    // the story too: the scientist who led the dig and took its photo.
    // (A closing "With reporting by …" paragraph is the credit itself.)
    let prose: Vec<&str> = out
        .paras
        .iter()
        .filter(|p| byline::reporting_credits(p).is_none())
        .map(String::as_str)
        .collect();
    out.credits
        .retain(|c| c.len() < 4 || !prose.iter().any(|p| p.contains(c.as_str())));
    out
}

/// For a related/most-read heading at `j`: where the article's prose
/// resumes after the heading and its list of short lines, or `None` when
/// the page's article has ended there. The prose after the list must have
/// weight: two paragraphs in a row (a list of teasers alternates headlines
/// and single sentences), some length against the prose before
/// (`before_chars`), or a closing credit.
fn resumes_after(lines: &[Line], class: &[Class], j: usize, before_chars: usize) -> Option<usize> {
    let n = class.len();
    let mut k = j + 1;
    let mut listed = 0;
    while k < n && !matches!(class[k], Class::Prose | Class::Credit) {
        if class[k] != Class::Blank {
            listed += 1;
            if listed > 25 {
                return None;
            }
        }
        k += 1;
    }
    if k >= n || class[k] != Class::Prose {
        return None;
    }
    let (mut paras, mut chars, mut pairs, mut gap) = (0usize, 0usize, 0usize, 0usize);
    let mut credit = false;
    for m in k..n {
        match class[m] {
            Class::Blank => {}
            Class::Prose => {
                if paras > 0 && gap == 0 {
                    pairs += 1;
                }
                paras += 1;
                chars += lines[m].text.len();
                gap = 0;
            }
            Class::Credit => {
                credit = true;
                break;
            }
            Class::TailHeading => break,
            _ => {
                // One subhead between paragraphs; more is another list.
                gap += 1;
                if gap > 1 {
                    break;
                }
            }
        }
    }
    // A footer's two lines about the publisher under a long article weigh
    // too little.
    let weighty = pairs >= 1 && chars >= 150 && chars * 6 >= before_chars;
    (weighty || credit).then_some(k)
}

/// Words of banners, sign-up boxes, paywalls, comment widgets and players
/// that talk to the reader, in several languages: whole words, or stems
/// (ending in `*`) that open a word.
const READER_CUES: &[&str] = &[
    "cookie*",
    "consent*",
    "privacy",
    "privacidad",
    "privacidade",
    "confidentialité",
    "datenschutz*",
    "subscri*",
    "unsubscri*",
    "newsletter*",
    "inbox",
    "abonn*",
    "suscri*",
    "assinante*",
    "assinatura*",
    "assinar",
    "assine",
    "iscriviti",
    "iscriversi",
    "iscrizione",
    "inscrivez-vous",
    "inscreva-se",
    "comments",
    "commenting",
    "comentarios",
    "comentários",
    "commentaires",
    "kommentare",
    "commenti",
    "reacties",
    "notification*",
    "alerts",
    "app",
    "apps",
    "email",
    "e-mail",
    "paywall",
    "narration",
    "listen",
    "signup",
    "login",
    "registrieren",
    "regístrate",
    "registrati",
    "registreer",
];

/// Phrases that mark the same lines.
const READER_PHRASES: &[&str] = &[
    "sign up",
    "signing up",
    "sign in",
    "log in",
    "terms of use",
    "terms of service",
    "breaking news",
    "being updated",
    "will be updated",
    "refresh the page",
    "keep reading",
    "continue reading",
    "unlimited access",
    "para seguir leyendo",
    "sin límites",
    "réservé aux abonnés",
    "la suite est réservée",
    "weiterlesen",
    "casella di posta",
    "text-to-speech",
    "listen to this",
];

/// Words that address the reader ("you", "vous", "usted", "você" …).
const YOU_WORDS: &[&str] = &[
    "you", "your", "yours", "you're", "you'll", "you've", "yourself", "vous", "votre", "vos",
    "usted", "ustedes", "tú", "tus", "você", "vocês", "tua", "tuo", "tuoi", "tue", "jouw", "jij",
];

/// German addresses the reader as "Sie", capitalised inside a sentence.
const SIE_WORDS: &[&str] = &["Sie", "Ihre", "Ihr", "Ihnen", "Ihren", "Ihrem", "Ihrer"];

/// Verbs that open a call to the reader ("Sign up", "Get the news",
/// "Suscríbete", "Lisez", "Receba", "Lees").
const IMPERATIVES: &[&str] = &[
    "get",
    "sign",
    "subscribe",
    "join",
    "download",
    "follow",
    "enter",
    "read",
    "discover",
    "try",
    "receive",
    "click",
    "tap",
    "register",
    "create",
    "start",
    "never",
    "be",
    "don't",
    "stay",
    "listen",
    "watch",
    "support",
    "donate",
    "become",
    "unlock",
    "continue",
    "keep",
    "find",
    "explore",
    "learn",
    "check",
    "save",
    "please",
    "suscríbete",
    "lee",
    "descubre",
    "regístrate",
    "recibe",
    "únete",
    "sigue",
    "accede",
    "inicia",
    "abonnez-vous",
    "inscrivez-vous",
    "découvrez",
    "lisez",
    "recevez",
    "suivez",
    "rejoignez",
    "profitez",
    "téléchargez",
    "abonnieren",
    "melden",
    "lesen",
    "entdecken",
    "erhalten",
    "folgen",
    "registrieren",
    "testen",
    "jetzt",
    "iscriviti",
    "leggi",
    "scopri",
    "ricevi",
    "segui",
    "abbonati",
    "accedi",
    "registrati",
    "assine",
    "leia",
    "receba",
    "descubra",
    "siga",
    "inscreva-se",
    "subscreva",
    "cadastre-se",
    "ver",
    "lees",
    "ontvang",
    "meld",
    "volg",
    "abonneer",
    "probeer",
];

static READER_CUE_SET: LazyLock<std::collections::HashSet<&'static str, ahash::RandomState>> =
    LazyLock::new(|| {
        READER_CUES
            .iter()
            .map(|w| w.trim_end_matches('*'))
            .collect()
    });
/// The lengths of the stems of [`READER_CUES`], for prefix lookups.
static READER_STEM_LENS: LazyLock<Vec<usize>> = LazyLock::new(|| {
    let mut v: Vec<usize> = READER_CUES
        .iter()
        .filter_map(|w| w.strip_suffix('*').map(str::len))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});
static READER_STEMS: LazyLock<std::collections::HashSet<&'static str, ahash::RandomState>> =
    LazyLock::new(|| {
        READER_CUES
            .iter()
            .filter_map(|w| w.strip_suffix('*'))
            .collect()
    });

/// How a line speaks to the reader.
#[derive(Debug, Clone, Copy, Default)]
struct ReaderCues {
    /// It holds a word of banners and sign-up boxes.
    cued: bool,
    /// It addresses the reader: "you", or a call opening the line.
    addressed: bool,
}

const QUOTE_MARKS: &[char] = &['"', '“', '”', '«', '»', '„'];

fn reader_cues(t: &str) -> ReaderCues {
    ReaderCues {
        cued: has_reader_cue(t),
        addressed: addresses_reader(t),
    }
}

/// True when `t` holds one of [`READER_CUES`] or [`READER_PHRASES`].
fn has_reader_cue(t: &str) -> bool {
    let lower = t.to_lowercase();
    if READER_PHRASES.iter().any(|p| lower.contains(p)) {
        return true;
    }
    words(&lower).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
        READER_CUE_SET.contains(w)
            || READER_STEM_LENS
                .iter()
                .any(|&l| w.len() > l && w.is_char_boundary(l) && READER_STEMS.contains(&w[..l]))
    })
}

/// True when `t` speaks to the reader: "you" (or "vous", "Sie" …), or a
/// call opening the line ("Sign up", "Lee", "Receba"). Reported speech (a
/// line with quotation marks) does not.
fn addresses_reader(t: &str) -> bool {
    addresses_reader_with(t, true)
}

/// [`addresses_reader`] by words of address alone, not by a call opening
/// the line.
fn addresses_reader_by_you(t: &str) -> bool {
    addresses_reader_with(t, false)
}

fn addresses_reader_with(t: &str, calls: bool) -> bool {
    if t.contains(QUOTE_MARKS) {
        return false;
    }
    let mut first = true;
    for w in words(t) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’');
        if w.is_empty() {
            continue;
        }
        if first {
            first = false;
            if calls && w.len() <= 16 && IMPERATIVES.contains(&w.to_lowercase().as_str()) {
                return true;
            }
        } else if SIE_WORDS.contains(&w) {
            return true;
        }
        // The words of address open with one of a few letters.
        let head = w.as_bytes()[0].to_ascii_lowercase();
        if w.len() <= 8
            && matches!(head, b'y' | b'v' | b'u' | b't' | b'j')
            && YOU_WORDS
                .iter()
                .any(|y| y.eq_ignore_ascii_case(w) || !w.is_ascii() && w.to_lowercase() == *y)
        {
            return true;
        }
    }
    false
}

/// Blocks that talk to the reader: cookie banners, newsletter boxes,
/// paywall prompts, comment widgets. A block is a run of lines with no
/// blank between them, made of widgets, short lines and lines that speak
/// to the reader (a paragraph of the article's own, long and about
/// something else, ends it). It is boilerplate when it holds two lines
/// with a cue word and one that addresses the reader ("you", "Sign up"),
/// or one of the first and two of the second; its prose and short lines
/// become furniture. An article that mentions cookies or a newsletter in
/// its prose keeps it: its paragraphs do not address the reader.
fn drop_reader_blocks(lines: &[Line], class: &mut [Class]) {
    let n = lines.len();
    // Each line's cues, looked for once and only when a block needs them.
    let mut cued_memo: Vec<Option<bool>> = vec![None; n];
    let mut addressed_memo: Vec<Option<bool>> = vec![None; n];
    let mut cued = |k: usize| *cued_memo[k].get_or_insert_with(|| has_reader_cue(&lines[k].text));
    let mut addressed =
        |k: usize| *addressed_memo[k].get_or_insert_with(|| addresses_reader(&lines[k].text));
    let mut floor = 0;
    let mut i = 0;
    while i < n {
        if matches!(class[i], Class::Blank | Class::Prose | Class::TailHeading) {
            i += 1;
            continue;
        }
        let mut weak = |k: usize, class: &[Class]| match class[k] {
            // A related heading starts another block.
            Class::Blank | Class::TailHeading => false,
            Class::Prose => count_words_upto(&lines[k].text, 12) < 12 || addressed(k) || cued(k),
            _ => true,
        };
        let mut s = i;
        while s > floor && weak(s - 1, class) {
            s -= 1;
        }
        let mut e = i;
        while e + 1 < n && weak(e + 1, class) {
            e += 1;
        }
        floor = e + 1;
        i = e + 1;
        // Most blocks (menus, share bars) address nobody: their cue words
        // are never looked for.
        let spoken: Vec<usize> = (s..=e).filter(|&k| addressed(k)).collect();
        if spoken.is_empty() {
            continue;
        }
        let cues: Vec<usize> = (s..=e).filter(|&k| cued(k)).collect();
        if !(cues.len() >= 2 || spoken.len() >= 2 && !cues.is_empty()) {
            continue;
        }
        let marked: Vec<usize> = cues.into_iter().chain(spoken).collect();
        // Lines that speak to the reader go, and the short lines next to
        // them (a box's title or tagline); a paragraph's last short
        // sentence several lines above a footer's links stays.
        for (k, c) in class.iter_mut().enumerate().take(e + 1).skip(s) {
            if matches!(c, Class::Prose | Class::Short)
                && marked.iter().any(|&m| m.abs_diff(k) <= 2)
            {
                *c = Class::Furniture;
            }
        }
    }
}

/// Reporter bios: "A Name covers the city for The Gazette.", "A Name is a
/// staff writer at …", "Reach her at …".
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)
        ^(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*\s+
        (?:covers\s|writes\s(?:about|on)\s
          |(?:is|was|es|est|ist|è|é)\s+(?:\S+\s+){0,5}?
           (?i:writer|reporter|correspondent|editor|journalist|columnist|contributor|producer|photographer|critic
              |periodista|redactora?|corresponsal|journaliste|correspondante?|rédact(?:eur|rice)
              |redakteur(?:in)?|korrespondent(?:in)?|reporterin|giornalista|corrispondente|inviat[oa]
              |jornalista|repórter|correspondente|verslaggever)(?-u:\b))
        |(?i:\breach\s+(?:him|her|them|the\s+(?:author|writer|reporter))\s+at\b)
        |[\w.+-]+@[\w-]+\.[\w.]+")
    .expect("static regex")
});

/// Publisher self-descriptions: "The Gazette is an independent news
/// organisation …", "Gazette, the news division of …, is the largest
/// news provider …".
static SELF_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:news|journalism|press)(?-u:\b).*(?-u:\b)(?:organi[sz]ation|provider|agency|division|newsroom|founded)(?-u:\b)|(?-u:\b)founded in \d{4}(?-u:\b).*(?-u:\b)(?:news|journalism)(?-u:\b)")
        .expect("static regex")
});

/// Lines of player credits and breaking-news stubs: "Produced by … using AI
/// narration", "This is a breaking news story and will be updated".
static STUB_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ai[- ]narrat|narrated by|text-to-speech|listen to this (?:article|story)|(?:breaking news|developing) story|(?:story|article|page) (?:is being|will be) updated|refresh (?:the|this) page|check back (?:later|soon)")
        .expect("static regex")
});

/// A paragraph at the edge of the body that is the page talking: to the
/// reader (a cue word and "you"), about itself (self-description, player
/// credit, "this story will be updated") or, at the end (`last`), about
/// its reporters (a bio, a name in capitals over it).
fn is_edge_boilerplate(t: &str, last: bool) -> bool {
    let n = count_words_upto(t, 80);
    if n > 70 {
        return false;
    }
    let c = reader_cues(t);
    // A call opening a long paragraph ("Never before had the app …",
    // "Support for the plan …") is more likely a lede than a box: past 25
    // words only "you" (and its kin) counts as address.
    let addressed = c.addressed && (n <= 25 || addresses_reader_by_you(t));
    if c.cued && addressed || STUB_LINE.is_match(t) {
        return true;
    }
    if n >= 12 && t.contains(" is ") && SELF_DESCRIPTION.is_match(t) {
        return true;
    }
    if !last {
        return false;
    }
    let caps_name = (2..=4).contains(&n)
        && t.chars().any(char::is_alphabetic)
        && t.chars().all(|c| !c.is_lowercase())
        && !t.ends_with(['.', ':', '!', '?']);
    caps_name || n <= 40 && BIO.is_match(t)
}

fn classify(t: &str, hash: u64, counts: &LineCounts) -> Class {
    if TAIL_HEADING.is_match(t) {
        return Class::TailHeading;
    }
    // A caption with its credit, before the furniture tests: some credits
    // ("… / AFP") read as pointers.
    if is_caption(t) && byline::parse(t).is_none() {
        return Class::Caption;
    }
    if is_furniture(t) {
        return Class::Furniture;
    }
    if byline::reporting_credits(t).is_some() {
        return Class::Credit;
    }
    if byline::parse(t).is_some() {
        return Class::Byline;
    }
    let f = features(t);
    let repeated = counts.get(&hash).copied().unwrap_or(0) >= 2;
    if repeated && f.words < 15 && !t.ends_with(':') {
        return Class::Furniture;
    }
    if prose_with(t, &f) {
        Class::Prose
    } else {
        Class::Short
    }
}

/// Labels of a wire's desk credits, lowercased: who edited the story,
/// not who reported it.
const DESK_CREDITS: &[&str] = &["editing by", "edited by", "editor:", "graphics by"];

/// A closing credit without its desk credits: "Reporting by A in Oslo;
/// Editing by B" keeps "Reporting by A in Oslo", the part that tells the
/// reader where the story came from; the editors' names are no part of
/// the story. Empty when nothing else is left.
fn without_desk_credits(credit: &str) -> String {
    let is_desk = |seg: &str| {
        let seg = seg.trim().trim_start_matches('(');
        DESK_CREDITS.iter().any(|d| {
            seg.get(..d.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(d))
        })
    };
    if !credit.split(';').any(is_desk) {
        return credit.to_string();
    }
    let kept: Vec<&str> = credit
        .split(';')
        .filter(|seg| !is_desk(seg))
        .map(str::trim)
        .filter(|seg| !seg.is_empty())
        .collect();
    let mut out = kept.join("; ");
    // A bracketed credit keeps its brackets balanced.
    if out.starts_with('(') && !out.ends_with(')') {
        out.push(')');
    }
    out
}

/// A short line inside the body is a subhead ("The situation:", "Tensions
/// over the border") when prose follows it and it is not a headline-cased
/// teaser.
fn is_subhead(text: &str, lines: &[Line], j: usize, class: &[Class]) -> bool {
    let f = features(text);
    if f.words == 0 || f.words > 12 || (f.words >= 5 && f.cap_ratio > 0.8) {
        return false;
    }
    let next_prose = next_nonblank(lines, j).is_some_and(|k| class[k] == Class::Prose);
    let prev_prose = (0..j)
        .rev()
        .find(|&k| !lines[k].is_blank())
        .is_some_and(|k| class[k] == Class::Prose);
    // A short sentence between paragraphs ("He declined to comment.") is
    // prose too.
    if f.ends_sentence && !text.ends_with(':') {
        return f.words >= 3 && f.cap_ratio < 0.8 && (prev_prose || next_prose);
    }
    next_prose
}

fn next_nonblank(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&k| !lines[k].is_blank())
}

/// `a` then `b`: the same caption, bare and then with its credit (or the
/// same line twice, as pages show an image's alt text and caption).
fn is_caption_pair(a: &str, b: &str) -> bool {
    // Most pairs of lines do not even share a start: say so first.
    let head = a.get(..12).unwrap_or(a);
    if a.len() < 12 || !b.starts_with(head) || words(a).count() < 3 {
        return false;
    }
    if a == b {
        return byline::parse(a).is_none();
    }
    if let Some(rest) = b.strip_prefix(a) {
        let rest = rest.trim();
        if rest.starts_with('(') && rest.ends_with(')')
            || rest.to_lowercase().starts_with("photo:")
            || (rest.starts_with(['/', '|']) && rest.len() <= 90)
        {
            return true;
        }
    }
    // The credited line is the bare one (with or without its full stop)
    // and a credit.
    caption_credit_at(b).is_some_and(|k| {
        let bare = b[..k]
            .trim_end()
            .trim_end_matches(['.', '|', ','])
            .trim_end();
        !bare.is_empty() && bare == a.trim_end().trim_end_matches(['.', '|', ',']).trim_end()
    })
}

/// A credit standing on its own line after its bare caption: "A Name/The
/// Outlet", "ANP", "Photo: A Name"; the credit's text. An acronym alone
/// ("ANP") credits only a caption that does not follow prose (`after_prose`),
/// unless it is a known agency: after a paragraph it is more likely a
/// stray label.
fn own_line_credit(t: &str, after_prose: bool) -> Option<&str> {
    let t = t.trim();
    let n = t.split_whitespace().count();
    if n == 0 || n > 8 {
        return None;
    }
    let agency_caps = n == 1
        && (!after_prose || byline::is_agency(t))
        && (2..=6).contains(&t.chars().count())
        && t.chars().all(|c| c.is_uppercase())
        && !is_furniture(t);
    // A slash credit names a person ("A Name/Outlet") or an agency, not a
    // section ("News / Politics").
    let slash = is_credit_text(t)
        && t.split('/').map(str::trim).any(|p| {
            byline::is_agency(p) || p.ends_with("Images") || p.split_whitespace().count() >= 2
        })
        && t.split('/').next().is_some_and(|p| {
            let p = p.trim();
            byline::is_agency(p) || p.split_whitespace().count() >= 2
        });
    (agency_caps
        || slash
        || keyword_credit_at(t) == Some(0)
        || (t.starts_with('(') && t.ends_with(')') && paren_credit_at(t) == Some(0)))
    .then_some(t)
}

/// A line that can be the bare caption above a credit line: a short
/// sentence in sentence case, not a heading, byline, date or widget.
fn is_bare_caption(t: &str) -> bool {
    let f = features(t);
    (3..=45).contains(&f.words)
        && f.cap_ratio < 0.85
        && !t.ends_with(':')
        && !TAIL_HEADING.is_match(t)
        && !is_furniture(t)
        && byline::parse(t).is_none()
}

/// Words that introduce a photo credit: "Photograph: A Name/PA",
/// "Bild: picture alliance/dpa", "Foto: …".
const CREDIT_KEYWORDS: &[&str] = &[
    "photograph",
    "photographs",
    "photo",
    "photos",
    "foto",
    "fotos",
    "fotografía",
    "fotografia",
    "bild",
    "bilder",
    "image",
    "images",
    "imagen",
    "picture",
    "pictures",
    "credit",
    "credits",
    "crédit",
    "crédits",
    "crédit photo",
    "crédito",
    "créditos",
    "photography",
    "illustration",
    "courtesy",
    "beeld",
    "afbeelding",
    "фото",
    "фотография",
    "kuva",
    "fotoğraf",
    "fotó",
    "φωτογραφία",
];

/// Name particles a credit may hold in lower case ("Jan van Dijk/ANP").
const CREDIT_PARTICLES: &[&str] = &[
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le",
    "du", "y", "e",
];

/// Where the photo credit of a caption begins, for a line that ends with
/// one: "… 2023. REUTERS/A Name", "… 2022. A NAME / AFP", "… | A Name/Outlet",
/// "… Photograph: A Name/PA", "… (AP Photo/A Name)", "… das casas A NAME".
/// The text before it is the bare caption (empty for a line that is only
/// a credit). `None` for other lines.
fn caption_credit_at(t: &str) -> Option<usize> {
    let t = t.trim_end();
    if t.is_empty() || t.len() > 600 {
        return None;
    }
    if let Some(k) = keyword_credit_at(t) {
        return Some(k);
    }
    if t.ends_with(')') {
        return paren_credit_at(t);
    }
    if let Some(p) = t.rfind(" | ") {
        let rest = t[p + 3..].trim();
        // The caption before the bar is a sentence, not a date or a kicker.
        let before = &t[..p];
        let lower = before
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        if lower >= 3 && is_credit_text(rest) {
            return Some(p);
        }
    }
    slash_credit_at(t).or_else(|| caps_credit_at(t))
}

/// True when `t` is the text of a credit alone: capitalised names, with a
/// slash between photographer and agency, or an agency.
fn is_credit_text(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.len() > 90 {
        return false;
    }
    if byline::is_agency(t) {
        return true;
    }
    t.contains('/') && slash_credit_at(t) == Some(0)
}

/// "Photograph: …", "Bild: …" opening the credit (at the start of the line
/// or after the caption's last sentence).
fn keyword_credit_at(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    // The last colon: the credit ends the line.
    let colon = memchr::memrchr(b':', b)?;
    let rest = t[colon + 1..].trim();
    let n = rest.split_whitespace().count();
    if !(1..=8).contains(&n) || rest.contains(". ") || rest.ends_with('.') && n > 4 {
        return None;
    }
    let head = t[..colon].trim_end();
    // The keyword: the last one or two words before the colon.
    for kw in CREDIT_KEYWORDS {
        if head.len() >= kw.len() {
            let at = head.len() - kw.len();
            // An ASCII tail compares in place; only a non-ASCII one (an
            // accented keyword in capitals) is lowercased.
            if head.is_char_boundary(at)
                && (head[at..].eq_ignore_ascii_case(kw)
                    || !head[at..].is_ascii() && head[at..].to_lowercase() == *kw)
            {
                let before = head[..at].chars().next_back();
                if before.is_none_or(|c| {
                    c.is_whitespace() || matches!(c, '.' | '|' | '(' | '-' | '–' | '—' | '•')
                }) {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// "(AP Photo/A Name)", "(A Name/Agency/Getty Images)": a closing
/// parenthesis that credits a photo.
fn paren_credit_at(t: &str) -> Option<usize> {
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    let lower = inner.to_lowercase();
    let photo_word = lower.starts_with("photo")
        || lower.starts_with("foto")
        || lower.contains(" photo/")
        || lower.contains("photo by")
        || lower.starts_with("credit");
    let slash_credit = inner.contains('/')
        && inner.split('/').any(|p| {
            let p = p.trim();
            byline::is_agency(p) || p.ends_with("Images") || p.ends_with(" Photo") || p == "Photo"
        });
    let n = inner.split_whitespace().count();
    if photo_word && (2..=8).contains(&n) || slash_credit {
        return Some(open);
    }
    // "(Supplied: A University/A Name)", "(Austral News: A Name)": a short
    // capitalised label, a colon, then names.
    if let Some((label, who)) = inner.split_once(':') {
        let label_words = label.split_whitespace().count();
        let who = who.trim();
        let names = who.split(['/', ',']).map(str::trim).all(|p| {
            !p.is_empty()
                && p.split_whitespace().enumerate().all(|(i, w)| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || i > 0 && CREDIT_PARTICLES.contains(&w)
                        || i > 0 && matches!(w, "of" | "and" | "&")
                })
        });
        if (1..=3).contains(&label_words)
            && label.trim_start().starts_with(char::is_uppercase)
            && (1..=8).contains(&who.split_whitespace().count())
            && !who.chars().any(|c| c.is_ascii_digit())
            && names
        {
            return Some(open);
        }
    }
    // "… on Friday night (Harbour Fire and Rescue)": a caption without a
    // full stop whose parenthesis holds only a name.
    let before = t[..open].trim_end();
    let named = (2..=6).contains(&n)
        && !inner.chars().any(|c| c.is_ascii_digit())
        && inner.split_whitespace().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || i > 0
                    && matches!(
                        w,
                        "and" | "&" | "of" | "de" | "du" | "der" | "und" | "y" | "e" | "et"
                    )
        });
    let ws: Vec<&str> = before.split_whitespace().collect();
    let lower = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    (named
        && ws.len() >= 5
        && lower * 2 >= ws.len()
        && !before.ends_with(['.', '!', '?', ':', ';', ',']))
    .then_some(open)
}

/// The credit at the end of a line as capitalised names around a slash:
/// "REUTERS/A Name/File Photo", "A NAME / AFP", "A Name/The Outlet". The
/// caption before it ends with a full stop, a comma or a parenthesis, or
/// the line is the credit alone.
fn slash_credit_at(t: &str) -> Option<usize> {
    if !t.contains('/') {
        return None;
    }
    let toks: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    let mut start = toks.len();
    while start > 0 {
        let w = toks[start - 1].1;
        let credit_like = w == "/"
            || w == "|"
            || (w.chars().next().is_some_and(char::is_uppercase)
                && !w.ends_with([',', '.', ';', ':', '!', '?', ')', '"', '”', '»']))
            || (w.contains('/')
                && w.chars().next().is_some_and(char::is_alphabetic)
                && !w.contains("://")
                && !w.ends_with(['.', ',']))
            || CREDIT_PARTICLES.contains(&w);
        if !credit_like || toks.len() - start >= 8 {
            break;
        }
        start -= 1;
    }
    if start == toks.len() {
        return None;
    }
    // Tokens that end the caption may be taken in: give back until the
    // credit starts with a capital.
    let credit: Vec<&str> = toks[start..].iter().map(|x| x.1).collect();
    let joined = credit.join(" ");
    if !joined.contains('/') || joined.contains("://") || joined.contains("www.") {
        return None;
    }
    // Letters on both sides of some slash.
    let parts: Vec<&str> = joined.split('/').map(str::trim).collect();
    if parts.len() < 2 || parts.iter().any(|p| !p.chars().any(char::is_alphabetic)) {
        return None;
    }
    if !parts[0].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if start == 0 {
        return Some(0);
    }
    let prev = toks[start - 1].1;
    let agency = parts
        .iter()
        .any(|p| byline::is_agency(p) || p.ends_with("Images"));
    let closes = prev.ends_with(['.', ',', ')', '"', '”', '»', ';']);
    (closes || agency || prev.chars().all(|c| c.is_ascii_digit())).then_some(toks[start].0)
}

/// A caption that ends with its photographer's name in capitals, no
/// slash: "… onde vivem NOME APELIDO", "… de archivo. NOMBRE APELLIDO".
fn caps_credit_at(t: &str) -> Option<usize> {
    let last = t.chars().next_back()?;
    if !last.is_uppercase() {
        return None;
    }
    let toks: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '-' | '.' | '\'' | '’'))
    };
    let mut start = toks.len();
    while start > 0 && caps(toks[start - 1].1) && toks.len() - start < 5 {
        start -= 1;
    }
    let n = toks.len() - start;
    if !(2..=4).contains(&n) || start < 4 {
        return None;
    }
    // The caption before it is written in lower case, not a headline in
    // capitals or in Title Case.
    let before = &toks[..start];
    let lower = before
        .iter()
        .filter(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    (lower * 2 >= before.len()).then_some(toks[start].0)
}

/// Phrases that open a credit with no colon ("Photo by A Name").
const CREDIT_BY: &[&str] = &[
    "photo by",
    "photos by",
    "photograph by",
    "photographs by",
    "pictures by",
    "courtesy of",
    "foto von",
    "fotos von",
    "foto di",
    "foto de",
    "fotos de",
    "photo de",
];

/// A photo credit on a line of its own: "A Name/Outlet", "Photo: A Name",
/// "Photo by A Name", "ANP", an agency, "A Name/Getty Images". The one
/// test of the credit line's form, for the header (a credit line marks the
/// line above it as a caption) as for the body.
pub fn is_credit_alone(t: &str) -> bool {
    let t = t.trim();
    if t.len() > 80 {
        return false;
    }
    let n = t.split_whitespace().count();
    let letters_in_capitals = || {
        n <= 3
            && t.chars().all(|c| c.is_alphabetic() || c == ' ')
            && !t.chars().any(char::is_lowercase)
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
    };
    (1..=6).contains(&n)
        && !t.ends_with(['.', '?', '!', ':'])
        && (caption_credit_at(t) == Some(0)
            || CREDIT_BY
                .iter()
                .any(|c| t.get(..c.len()).is_some_and(|h| h.eq_ignore_ascii_case(c)))
            || t.ends_with(" Images")
            || letters_in_capitals()
            || byline::is_agency(t))
        && byline::parse(t).is_none()
        && !is_furniture(t)
        && super::dates::stamp_line(t).is_none()
}

/// True when `t` reads as a photo caption with its credit, whatever the
/// credit's style: for the header's use (a caption is never a headline).
pub fn is_caption(t: &str) -> bool {
    caption_credit_at(t).is_some_and(|k| t[..k].split_whitespace().count() >= 3)
        && super::dates::stamp_line(t).is_none()
}

/// The names a caption's credit gives, whatever its style.
fn caption_credits(caption: &str) -> Vec<String> {
    let mut names = byline::photo_credits(caption);
    if let Some(k) = caption_credit_at(caption) {
        for n in credit_names(&caption[k..]) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// The names a credit gives (photographers, agencies), for keeping them out
/// of the actors; names in capitals are given in both cases.
fn credit_names(credit: &str) -> Vec<String> {
    let mut c = credit.trim().trim_start_matches('|').trim();
    if let Some(colon) = c.find(':')
        && c[..colon].split_whitespace().count() <= 2
    {
        c = &c[colon + 1..];
    }
    let c = c.trim().trim_start_matches('(').trim_end_matches(')');
    let mut out = Vec::new();
    for p in c.split(['/', '|', ';', ',']) {
        let p = p.trim().trim_start_matches("via ").trim();
        let lower = p.to_lowercase();
        if p.is_empty() || matches!(lower.as_str(), "photo" | "file photo" | "handout") {
            continue;
        }
        let p = lower
            .strip_suffix(" photo")
            .map_or(p, |_| p[..p.len() - " photo".len()].trim());
        out.push(p.to_string());
        if p.chars().any(char::is_lowercase) || !p.contains(' ') {
            continue;
        }
        // "A NAME" as "A Name" too.
        let titled: Vec<String> = p
            .split_whitespace()
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase()
                })
            })
            .collect();
        out.push(titled.join(" "));
    }
    out
}

fn looks_like_name(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=6).contains(&n)
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.contains(['!', '?', '.', ':'])
        && !is_furniture(s)
}

/// Phrases that reserve rights, in several languages: a copyright notice
/// names its holder before them.
const RIGHTS_PHRASES: &[&str] = &[
    "all rights reserved",
    "all right reserved",
    "some rights reserved",
    "rights reserved",
    "tous droits réservés",
    "tous droits reserves",
    "droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos reservados",
    "derechos reservados",
    "riproduzione riservata",
    "tutti i diritti",
    "diritti riservati",
    "todos os direitos reservados",
    "direitos reservados",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "все права защищены",
];

/// Words after which a full stop does not end a name ("Inc.", "Bros.").
const NAME_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "bros", "cie", "jr", "sr", "st", "mr", "dr", "no", "nr", "ag",
];

/// The holder a copyright notice names: "© 2023 The Daily Star", "Copyright
/// 2023 © Harbour Media S.p.a. Tutti i diritti riservati", "© Le Journal
/// 2023", "Copyright (c) 2023 by Harbour Media. All Rights Reserved.";
/// `None` when the notice names nobody ("© Riproduzione riservata").
fn copyright_name(t: &str) -> Option<&str> {
    if !may_be_copyright(t) {
        return None;
    }
    let mut from = 0;
    while let Some((_, after)) = copyright_marker(t, from) {
        if let Some(name) = holder_after(t, after) {
            return Some(name);
        }
        from = after;
    }
    None
}

/// The next "©", "(c)" or "copyright" in `t` from byte `from`: its start
/// and end.
fn copyright_marker(t: &str, from: usize) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i..].starts_with("©".as_bytes()) {
            return Some((i, i + 2));
        }
        if b[i..].len() >= 3 && b[i..i + 3].eq_ignore_ascii_case(b"(c)") {
            return Some((i, i + 3));
        }
        if b[i..].len() >= 9
            && b[i..i + 9].eq_ignore_ascii_case(b"copyright")
            && (i == 0 || !b[i - 1].is_ascii_alphabetic())
        {
            let mut e = i + 9;
            // "Copyrighted", "Copyrights".
            while e < b.len() && b[e].is_ascii_alphabetic() {
                e += 1;
            }
            return Some((i, e));
        }
        i += 1;
    }
    None
}

/// The holder's name after a copyright marker ending at byte `at`.
fn holder_after(t: &str, at: usize) -> Option<&str> {
    // Other markers, years ("2002-2023") and "by" before the name.
    let mut rest = &t[at..];
    loop {
        let r = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let r = if let Some((0, e)) = copyright_marker(r, 0) {
            &r[e..]
        } else if r.starts_with(|c: char| c.is_ascii_digit()) {
            r.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | ' '))
        } else if let Some(x) = ["by ", "By ", "par ", "por ", "von ", "door "]
            .iter()
            .find_map(|p| r.strip_prefix(p))
        {
            x
        } else if let Some(x) = r.strip_prefix(['«', '“', '„', '"']) {
            // "© 2012–2025 «Harbour Post»": the name in quotes.
            x
        } else {
            r
        };
        if r.len() == rest.len() {
            break;
        }
        rest = r;
    }
    let start = t.len() - rest.len();
    // The name runs to a comma, a bar or slash between spaces, a
    // parenthesis, or a full stop that ends a sentence.
    let b = rest.as_bytes();
    let mut end = rest.len();
    let mut word_start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b',' | b';' | b'(' | b'|' => {
                end = i;
                break;
            }
            b'/' | b'-' if i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' ') => {
                end = i;
                break;
            }
            // " – ", " — ".
            0xE2 if i > 0
                && b[i - 1] == b' '
                && (rest[i..].starts_with("– ") || rest[i..].starts_with("— ")) =>
            {
                end = i;
                break;
            }
            b'.' => {
                let word = &rest[word_start..i];
                let next = b.get(i + 1).copied();
                let abbreviation = word.chars().count() == 1
                    || word.contains('.')
                    || NAME_ABBREVIATIONS
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(word));
                if !abbreviation && next.is_none_or(|x| x == b' ') {
                    end = i;
                    break;
                }
            }
            b' ' => word_start = i + 1,
            _ => {}
        }
        i += 1;
    }
    let mut name = t[start..start + end].trim_end_matches(['»', '”', '"']);
    // Rights phrases and "… or its affiliated companies".
    let lower = name.to_lowercase();
    if lower.len() == name.len() {
        let cut = RIGHTS_PHRASES
            .iter()
            .chain([" or its ", " and its ", " and/or its ", " et ses "].iter())
            .filter_map(|p| lower.find(p))
            .min();
        if let Some(c) = cut {
            name = &name[..c];
        }
    } else {
        for p in RIGHTS_PHRASES {
            if let Some(c) = lower.find(p)
                && let Some((k, _)) = name
                    .char_indices()
                    .find(|(k, _)| name[..*k].to_lowercase().len() >= c)
            {
                name = &name[..k];
            }
        }
    }
    // Trailing years, dashes and the full stop of a word that is no
    // abbreviation.
    loop {
        let n = name
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ','));
        let n = n.trim_end_matches(|c: char| c.is_ascii_digit());
        let mut n = n.trim_end();
        if let Some(stem) = n.strip_suffix('.') {
            let last = stem.rsplit(char::is_whitespace).next().unwrap_or(stem);
            if !last.contains('.') {
                n = stem;
            }
        }
        if n.len() == name.len() {
            break;
        }
        name = n;
    }
    let words = name.split_whitespace().count();
    // A capital, or a letter of a script without case ("北海道…").
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && (1..=8).contains(&words)
        && name.chars().count() <= 60;
    ok.then_some(name)
}

/// Legal forms that close a company's name in copyright notices, lowercased
/// with their dots: the outlet is "Harbour Post", not "Harbour Post Ltd".
const LEGAL_FORMS: &[&str] = &[
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "l.l.c.",
    "inc",
    "inc.",
    "plc",
    "p.l.c.",
    "gmbh",
    "mbh",
    "m.b.h.",
    "ag",
    "kg",
    "co.",
    "co",
    "corp",
    "corp.",
    "s.a.",
    "sa",
    "s.l.",
    "sl",
    "s.p.a.",
    "spa",
    "s.r.l.",
    "srl",
    "b.v.",
    "bv",
    "n.v.",
    "nv",
    "pty",
    "pty.",
    "ab",
    "oy",
    "a/s",
    "as",
    "sas",
    "s.a.s.",
    "sarl",
    "s.à",
    "r.l.",
    "s.à.r.l.",
    "o.o.",
    "z",
    "sp.",
    "&",
    "ltda",
    "ltda.",
    "lda",
    "lda.",
    "pvt",
    "pvt.",
    "kft",
    "kft.",
    "zrt",
    "zrt.",
    "nyrt",
    "nyrt.",
    "a.s.",
    "s.r.o.",
    "ooo",
    "ооо",
    "ао",
    "тов",
];

/// `name` without the legal forms that close it ("Harbour Post Media Ltd"
/// is "Harbour Post Media"; "Verlag GmbH & Co. KG" is "Verlag"), nor the
/// comma before them. A name that is nothing but legal forms stays whole.
pub fn without_legal_form(name: &str) -> &str {
    let mut end = name.len();
    loop {
        let head = name[..end].trim_end_matches([',', ' ']);
        let Some((stem, last)) = head.rsplit_once(' ') else {
            break;
        };
        let last = last.to_lowercase();
        // "Sp. z o.o." ends in "o.o."; "S.A." also comes as "S.A".
        if !LEGAL_FORMS.contains(&last.as_str())
            && !LEGAL_FORMS.contains(&format!("{last}.").as_str())
        {
            break;
        }
        let stem = stem.trim_end_matches([',', ' ']);
        // "The Co" names no one without its form: kept whole.
        if stem.is_empty()
            || matches!(
                stem,
                "The" | "the" | "La" | "Le" | "Il" | "El" | "De" | "Die" | "Der"
            )
        {
            break;
        }
        end = stem.len();
    }
    &name[..end]
}

/// True when `t` could be an outlet's masthead: one to six words, most of
/// them capitalised, no sentence or list punctuation, not a menu. A name
/// its copyright notice confirms (`confirmed`) needs only its first word
/// capitalised: many languages give a name one capital ("Волжский
/// экспресс"), and some scripts have none.
fn is_masthead_like(t: &str, confirmed: bool) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 6
        || t.chars().count() > 48
        || t.ends_with(['.', '!', '?', ':', ','])
        || t.contains(['|', '©', '@', '/', '»', '›', '>', '<', '"', '“', '(', '#'])
        || t.contains("http")
        || !t.chars().next().is_some_and(|c| {
            c.is_uppercase() || confirmed && c.is_alphabetic() && !c.is_lowercase()
        })
        || is_menu(t)
    {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    if !confirmed && capitalised * 2 < words.len() + 1 {
        return false;
    }
    // One word is a name only when it is no menu item: an acronym
    // ("NOS") or a word no menu holds.
    words.len() > 1 || !is_menu_word(words[0])
}

/// Words of publishers' company names that say nothing of the masthead
/// ("Harbour Media Holdings"): a masthead sharing only these with the
/// copyright holder is not the holder's.
const COMPANY_WORDS: &[&str] = &[
    "the",
    "media",
    "group",
    "holdings",
    "holding",
    "publishing",
    "publications",
    "publishers",
    "communications",
    "news",
    "press",
    "verlag",
    "edicions",
    "ediciones",
    "edições",
    "editora",
    "editorial",
    "and",
];

/// True when the copyright holder's word keys `holder` begin with the
/// name's `name`; in a script without spaces the name's last word may
/// begin the holder's ("…新聞" in "…新聞社", the paper and its company).
fn holder_begins_with(holder: &[String], name: &[String]) -> bool {
    let Some((last, head)) = name.split_last() else {
        return false;
    };
    let caseless = last
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase());
    holder.len() >= name.len()
        && holder[..head.len()] == *head
        && (holder[head.len()] == *last
            || caseless && holder[head.len()].starts_with(last.as_str()))
}

/// The outlet's own name as its masthead shows it: a short name line among
/// the first lines of the page that the page's second half shows again, as
/// a line of its own ("Harbour Post" over the footer's links) or opening
/// its copyright notice ("© 2024 Harbour Post Media Ltd"), or a newspaper's
/// name among the very first lines that shares a word with the company
/// the notice names by its legal form ("The Harbour Sentinel" over "©
/// Sentinel Media Ltd": the publisher's legal name is not the outlet). Navigation repeated in the
/// footer is no masthead: menus and single menu words are skipped, and a
/// name must stand alone on its line. Past the first 12 lines (a ticker
/// above the masthead) a name is looked for only above the headline, the
/// first line of more than eight words.
pub fn masthead(lines: &[Line]) -> Option<String> {
    let shown: Vec<&Line> = lines.iter().filter(|l| !l.text.is_empty()).collect();
    if shown.len() < 8 {
        return None;
    }
    let half = shown.len() / 2;
    // Names as word keys, without a leading article.
    let word_keys = |t: &str| -> Vec<String> {
        let t = t.strip_prefix("The ").unwrap_or(t);
        t.split_whitespace()
            .map(super::escape::key)
            .filter(|k| !k.is_empty())
            .collect()
    };
    // Holders of the notices in the second half, read only if a name
    // line needs them (most footers have one notice, many pages none).
    // Each with whether it is a company's legal name ("… Media Ltd").
    let mut holders: Option<Vec<(Vec<String>, bool)>> = None;
    for (i, l) in shown[..shown.len().min(24)].iter().enumerate() {
        let t = l.text.as_str();
        if i >= 12 && t.split_whitespace().nth(8).is_some() {
            break;
        }
        // Cheap tests first: length, then a repeat (by hash), then form.
        if t.len() > 64 || t.split_whitespace().count() > 6 {
            continue;
        }
        // A repeat alone might be a menu item the footer shows again
        // ("Lifestyle", "Accessibility Help"): it counts only for a name
        // with a newspaper's word or an acronym ("Harbour Post", "KXTV").
        // A copyright notice opening with the name needs nothing more.
        let newspaper = byline::is_masthead_name(t);
        let repeated = newspaper
            && shown[half.max(i + 1)..]
                .iter()
                .any(|b| b.hash == l.hash && b.text == l.text);
        let mut confirmed = false;
        if !repeated {
            let holders = holders.get_or_insert_with(|| {
                shown[half..]
                    .iter()
                    .filter_map(|b| copyright_name(&b.text))
                    .map(|h| (word_keys(h), without_legal_form(h).len() < h.len()))
                    .collect()
            });
            let name = word_keys(t);
            if name.is_empty() {
                continue;
            }
            // "© 2025 Jane Roe" on a writer's own page confirms a name
            // line that is her byline, not a masthead.
            let person = !newspaper && byline::is_person_name(t);
            confirmed = holders.iter().any(|(h, company)| {
                holder_begins_with(h, &name) && (!person || *company || h.len() > name.len())
            });
            let shares_a_word = || {
                i < 6
                    && newspaper
                    && holders.iter().any(|(h, company)| {
                        *company
                            && name.iter().any(|w| {
                                w.chars().count() >= 3
                                    && !COMPANY_WORDS.contains(&w.as_str())
                                    && !super::words::is_stopword(w)
                                    && h.contains(w)
                            })
                    })
            };
            if !confirmed && !shares_a_word() {
                continue;
            }
        }
        if is_masthead_like(t, confirmed) && !is_furniture(t) && byline::parse(t).is_none() {
            return Some(t.to_string());
        }
    }
    None
}

/// False only when [`copyright_name`] finds nothing: it needs "©", "(c)"
/// or "copyright" in any case (whose letters have no non-ASCII case
/// variants, so an ASCII comparison is exact). Most footer lines have
/// none of them.
fn may_be_copyright(t: &str) -> bool {
    let b = t.as_bytes();
    if memchr::memmem::find(b, "©".as_bytes()).is_some() {
        return true;
    }
    memchr::memchr2_iter(b'c', b'C', b).any(|i| {
        b.get(i..i + 9)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"copyright"))
            || (i > 0 && b[i - 1] == b'(' && b.get(i + 1) == Some(&b')'))
    })
}

/// The outlet named by the page's own footer: "© 2022 The Daily Star", or
/// a name that opens several footer lines ("XYZ journalists report ...",
/// "XYZ has been declared ..."). The notice is looked for in `after`, all
/// that follows the article's prose; names in `tail`, what follows the
/// body's end.
fn footer_outlet(after: &[Line], tail: &[Line]) -> Option<String> {
    if let Some(name) = after.iter().find_map(|l| copyright_name(&l.text)) {
        return Some(without_legal_form(name.trim()).to_string());
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in tail {
        if let Some(first) = l.text.split_whitespace().next()
            && first.chars().count() >= 2
            && first.chars().filter(|c| c.is_uppercase()).count() >= 2
            && first
                .chars()
                .all(|c| c.is_alphanumeric() || c == '/' || c == '-' || c == '&')
        {
            *counts.entry(first).or_insert(0) += 1;
        }
    }
    let mut best: Vec<(&str, usize)> = counts.into_iter().filter(|(_, c)| *c >= 2).collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    best.first().map(|(s, _)| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`has_boilerplate_piece`] as it was first written: every window.
    fn has_boilerplate_piece_by_bytes(b: &[u8]) -> bool {
        let mut w: u32 = 0;
        for &x in b {
            w = (w << 8) | u32::from(x | 0x20);
            if BOILERPLATE_PIECES.contains(&w.to_be_bytes()) {
                return true;
            }
        }
        false
    }

    #[test]
    fn photo_credits_are_read_in_more_languages() {
        for c in [
            "Фото: Иван Петров / «Вечерний курьер»",
            "Kuva: Lukija",
            "Fotoğraf: Ali Veli",
            "Fotó: Kovács Anna",
            "Φωτογραφία: Νίκος Παππάς",
        ] {
            assert!(is_credit_alone(c), "{c}");
        }
        assert!(is_caption(
            "Rescue crew at the burst pipe on the main road. Фото: Иван Петров"
        ));
    }

    #[test]
    fn a_headline_without_spaces_is_a_headline() {
        assert!(is_headline(
            "港で大雪\u{3000}フェリー終日運休、空港で約二千人が足止めされる"
        ));
        assert!(!is_headline("大雪"));
    }

    #[test]
    fn boilerplate_pieces_are_found_at_every_place() {
        let fillers = [
            "",
            "x",
            "ab",
            "The talks ",
            "ooo",
            "mmm",
            "rrrr",
            "n u",
            "RMS",
        ];
        for p in BOILERPLATE_PIECES {
            let p = std::str::from_utf8(&p).unwrap();
            for f in fillers {
                for g in fillers {
                    for piece in [p.to_string(), p.to_uppercase()] {
                        let t = format!("{f}{piece}{g}");
                        assert!(has_boilerplate_piece(t.as_bytes()), "{t:?}");
                    }
                    // The piece cut short, or broken: found exactly as
                    // the byte-by-byte scan finds it.
                    for cut in 0..4 {
                        let mut broken = p.as_bytes().to_vec();
                        broken[cut] = b'.';
                        for t in [
                            format!("{f}{}{g}", &p[..cut]),
                            format!("{f}{}{g}", String::from_utf8_lossy(&broken)),
                        ] {
                            assert_eq!(
                                has_boilerplate_piece(t.as_bytes()),
                                has_boilerplate_piece_by_bytes(t.as_bytes()),
                                "{t:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn boilerplate_pieces_are_found_as_the_byte_scan_finds_them(
            t in "(rved|rms |ivac|ooki|mmen|mmun|goal|yrig|bscr|n up|xter|[a-zA-Z ,.@^]{1,3}){0,12}",
        ) {
            proptest::prop_assert_eq!(
                has_boilerplate_piece(t.as_bytes()),
                has_boilerplate_piece_by_bytes(t.as_bytes())
            );
        }
    }

    #[test]
    fn boilerplate_scan_lets_every_boilerplate_phrase_through() {
        for line in [
            "© 2024 Harbour Gazette. All Rights Reserved",
            "(c) Harbour Gazette, ALL RIGHTS RESERVED.",
            "Read our Terms of Use and our Privacy Policy",
            "Terms of service apply",
            "privacy notice",
            "Cookie settings",
            "WE USE COOKIES to improve your visit",
            "We use coo\u{212a}ies to improve your visit",
            "Article commenting has been disabled",
            "Please follow our Community Guidelines",
            "Comments are closed.",
            "Our goal is to create a safe and engaging place",
            "Copyright Harbour Gazette",
            "Subscribe to our newsletter",
            "\u{17f}ubscribe to our newsletter",
            "Sign up for our morning briefing",
            "The Gazette is not responsible for the content of external sites.",
            "Harbour Gazette ©2023",
        ] {
            assert!(BOILERPLATE.is_match(line), "{line}");
            assert!(may_be_boilerplate(line), "{line}");
            assert!(is_furniture(line), "{line}");
        }
        assert!(!may_be_boilerplate(
            "The mayor said on Thursday that talks over the port had made progress."
        ));
    }

    fn run(text: &str) -> Cleaned {
        let lines: Vec<Line> = text.lines().map(Line::new).collect();
        let counts = line_counts(&lines);
        clean(&lines, &counts)
    }

    #[test]
    fn widgets_and_timecodes_are_furniture() {
        for l in [
            "0:00 0:03:02 0:00",
            "·4 min read",
            "Sort byDropdown arrow",
            "Oops!",
            "please wait",
            "12 Posts",
            "Accessibility links",
        ] {
            assert!(
                is_furniture(l.trim_start_matches('·')) || MIN_READ.is_match(l),
                "{l}"
            );
        }
        assert!(!is_furniture(
            "Share prices in Oslo fell sharply on Monday after the vote."
        ));
    }

    #[test]
    fn prose_needs_sentences_and_function_words() {
        assert!(is_prose(
            "The harbour authority said the ferry would resume service on Monday."
        ));
        assert!(is_prose(
            "Le ministre a déclaré que les négociations reprendraient lundi."
        ));
        assert!(!is_prose(
            "Harbour Strike Enters Third Week As Talks Stall Again"
        ));
        assert!(!is_prose("Home | World | Business | Sport"));
    }

    #[test]
    fn captions_are_kept_once_with_their_credit() {
        let c = run(
            "A ferry leaves the port of Tallinn on Monday.\nA ferry leaves the port of Tallinn on Monday. (Mari Tamm/AFP/Getty Images)\n\nThe harbour authority said the ferry would resume service on Monday, officials said.\n",
        );
        assert_eq!(
            c.captions,
            vec!["A ferry leaves the port of Tallinn on Monday. (Mari Tamm/AFP/Getty Images)"]
        );
        assert_eq!(c.paras.len(), 1);
        assert!(c.credits.contains(&"Mari Tamm".to_string()));
    }

    #[test]
    fn a_credited_name_the_prose_also_names_stays_an_actor() {
        let c = run(
            "Crayfish under a rock at the lake shore, found in January. (Supplied: Highland Survey/Ruth Amberly)\n\
            The survey team found the crayfish while taking sediment cores from the lake bed in January.\n\
            \"We were looking for pollen, not animals,\" said Ruth Amberly, who led the team for Highland Survey.\n",
        );
        assert_eq!(c.captions.len(), 1, "{:?}", c.paras);
        assert!(
            !c.credits.iter().any(|x| x == "Ruth Amberly"),
            "{:?}",
            c.credits
        );
        assert!(
            !c.credits.iter().any(|x| x == "Highland Survey"),
            "{:?}",
            c.credits
        );
        let c = run(
            "Crayfish under a rock at the lake shore, found in January. (Supplied: Highland Survey/Ruth Amberly)\n\
            The survey team found the crayfish while taking sediment cores from the lake bed in January.\n",
        );
        assert!(
            c.credits.iter().any(|x| x == "Ruth Amberly"),
            "{:?}",
            c.credits
        );
    }

    #[test]
    fn captions_with_bare_credits_leave_the_body_once() {
        let body = "The harbour authority said the ferry would resume service on Monday after the strike.\n";
        for (bare, full, credit) in [
            (
                "Dockers stand by the gate in Tallinn, Estonia, March 2, 2023.",
                "Dockers stand by the gate in Tallinn, Estonia, March 2, 2023. NEWSWIRE/Mari Kask",
                "Mari Kask",
            ),
            (
                "Dockers stand by the gate in Tallinn. NEWSWIRE/Mari Kask",
                "Dockers stand by the gate in Tallinn. NEWSWIRE/Mari Kask/File Photo",
                "NEWSWIRE",
            ),
            (
                "Des dockers devant la porte du port, le 2 mars 2023.",
                "Des dockers devant la porte du port, le 2 mars 2023. MARI KASK / AFP",
                "Mari Kask",
            ),
            (
                "Dockers at the gate of the port during the strike.",
                "Dockers at the gate of the port during the strike. Photograph: Mari Kask/PA",
                "Mari Kask",
            ),
            (
                "Hafenarbeiter stehen vor dem Tor in Tallinn.",
                "Hafenarbeiter stehen vor dem Tor in Tallinn. Bild: picture alliance/dpa | Mari Kask",
                "Mari Kask",
            ),
            (
                "Estibadores junto a la puerta del puerto, en una imagen de archivo.",
                "Estibadores junto a la puerta del puerto, en una imagen de archivo. MARI KASK",
                "Mari Kask",
            ),
        ] {
            let c = run(&format!("{bare}\n{full}\n{body}"));
            assert_eq!(c.captions, vec![full.to_string()], "{full}");
            assert_eq!(c.paras.len(), 1, "{full}: {:?}", c.paras);
            assert!(
                c.credits.iter().any(|x| x == credit),
                "{full}: {:?}",
                c.credits
            );
        }
    }

    #[test]
    fn single_captions_with_a_credit_leave_the_body() {
        for line in [
            "Senators listen to the debate in Valparaiso, Thursday, May 4, 2023. (AP Photo/Rosa Vidal)",
            "Senator Tom Reed speaks to reporters at the Capitol on May 3, 2023. | Ana Lima/Harbour Ledger",
            "Ruas estreitas de Alfama, onde vivem cada vez menos moradores ANA LIMA SOUSA",
            "Volunteers search the lake shore near Avel on Friday night (Avel Fire and Rescue)",
        ] {
            let c = run(&format!(
                "{line}\nThe harbour authority said the ferry would resume service on Monday after the strike.\n"
            ));
            assert_eq!(c.captions, vec![line.to_string()], "{line}");
            assert_eq!(c.paras.len(), 1, "{line}");
            assert!(is_caption(line), "{line}");
        }
        // An identical pair with the credit on both lines is kept once.
        let line = "Senators listen to the debate in Valparaiso, Thursday, May 4, 2023. (AP Photo/Rosa Vidal)";
        let c = run(&format!(
            "{line}\n{line}\nThe harbour authority said the ferry would resume service on Monday after the strike.\n"
        ));
        assert_eq!(c.captions, vec![line.to_string()]);
        assert!(
            c.credits.iter().any(|x| x == "Rosa Vidal"),
            "{:?}",
            c.credits
        );
    }

    #[test]
    fn a_credit_on_its_own_line_joins_its_caption() {
        for (credit, name) in [("Ana Lima/The Harbour Ledger", "Ana Lima"), ("ANP", "ANP")] {
            let c = run(&format!(
                "Campers parked along Quay Street in Port Avel on Sunday.\n{credit}\nThe council voted on Monday to ban overnight parking of campers on downtown streets.\n"
            ));
            assert_eq!(
                c.captions,
                vec![format!(
                    "Campers parked along Quay Street in Port Avel on Sunday. ({credit})"
                )]
            );
            assert_eq!(c.paras.len(), 1, "{:?}", c.paras);
            assert!(c.credits.iter().any(|x| x == name), "{:?}", c.credits);
        }
    }

    #[test]
    fn prose_with_slashes_or_capitals_is_no_caption() {
        for line in [
            "The union said the 24/7 picket would go on until the company met its demands.",
            "Follow our coverage of the strike at https://news.example/hub/strike",
            "The minister spoke to reporters after the vote. He said the AFL/CIO backed him.",
            "Read the full report on the strike published by the EU",
            "Home / World / Europe",
            "Talks on the port strike resume (Update 2)",
            "The council said it would meet again on Monday (Reuters reported).",
            "March 3, 2023 5:14 PM GMT | Reuters",
            "Published 3 hours ago | Reuters",
        ] {
            assert!(!is_caption(line), "{line}");
        }
        for label in ["EU", "News / Politics"] {
            let c = run(&format!(
                "Unions have demanded higher pay for two years and say talks have stalled.\nThe harbour authority said the ferry would resume service on Monday after the strike.\n{label}\nUnions said they would keep talking to the company this week, officials said.\n"
            ));
            assert!(c.captions.is_empty(), "{:?}", c.captions);
        }
    }

    #[test]
    fn a_related_box_in_the_middle_does_not_end_the_body() {
        let before = "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nThe operator said it hoped for a deal before the summer season began in earnest.\n";
        let after = "The mayor said the city would pay for extra buses while the ferry was idle, aides confirmed.\n\nShe added that the council would review the harbour budget in the spring.\n";
        for heading in [
            "Related",
            "Most Read",
            "Mehr zum Thema",
            "LEGGI ANCHE",
            "Lire aussi",
            "Lee también",
            "Leia também",
            "Lees ook",
        ] {
            let c = run(&format!(
                "{before}{heading}\nFerry strike enters third week\nWhat the port deal means for you\n{after}"
            ));
            assert_eq!(c.paras.len(), 5, "{heading}: {:?}", c.paras);
            assert!(
                !c.paras.iter().any(|p| p.starts_with("Ferry strike")),
                "{heading}"
            );
        }
        // A numbered most-read list is skipped too.
        let c = run(&format!(
            "{before}Most Read\n1\nFerry strike enters third week\n2\nBakers protest flour prices\n3\nTennis club wins title\n{after}"
        ));
        assert_eq!(c.paras.len(), 5, "{:?}", c.paras);
    }

    #[test]
    fn a_related_list_at_the_end_is_still_cut() {
        let before = "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nThe operator said it hoped for a deal before the summer season began in earnest.\n";
        // Teasers: headlines, each with one sentence.
        let c = run(&format!(
            "{before}Lees ook\nMayor unveils new budget\nThe mayor said the budget would be balanced by spring, aides confirmed on Friday.\nTennis club wins title\nThe club won its first national title in a decade after a tense final in Tartu.\n"
        ));
        assert_eq!(c.paras.len(), 3, "{:?}", c.paras);
        // Two lines about the publisher under a long article.
        let long: String = (1..=10)
            .map(|i| format!("The harbour authority said ferry {i} would resume service on Monday after a strike that has halted every crossing to the islands for three weeks.\n\n"))
            .collect();
        let c = run(&format!(
            "{long}Related\nMayor unveils new budget\nTennis club wins title\nAbout the Harbour Gazette\nThe Harbour Gazette has covered the Baltic ports since 1901 and is owned by its staff.\nWe publish in four languages and our reporters work from six cities.\n"
        ));
        assert_eq!(c.paras.len(), 10, "{:?}", c.paras);
        // Reader comments after a comments heading, one paragraph each.
        let c = run(&format!(
            "{before}Comments (12)\nSort by\nNewest\nharbourfan\nJan 9, 2023 11:42pm\nAbout time. I have waited two years for the ferry to come back to our town.\nReply\nReport\nquaywatcher\nJan 10, 2023 7:05am\nSo where are the workers supposed to go now? Nobody ever answers that question here.\nReply\nReport\n"
        ));
        assert_eq!(c.paras.len(), 3, "{:?}", c.paras);
    }

    const HARBOUR: &str = "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\n";

    #[test]
    fn reader_boxes_made_of_sentences_leave_the_body() {
        for block in [
            // A cookie banner.
            "We care about your privacy\nWe and our partners store cookies on your device and process personal data for advertising and measurement.\nYou may accept or refuse consent, and you can change your preferences at any time from the footer of this page.\nACCEPT\nREFUSE\n",
            // A newsletter box.
            "Sign up for the Harbour Weekly newsletter\nGet the week's biggest port stories, delivered every Monday.\nEnter your email\nSign up\nBy signing up you agree to our Terms of Use. You can unsubscribe at any time.\n",
            // A paywall prompt.
            "Suscríbete para seguir leyendo\nLee sin límites\n",
            // A comments prompt.
            "Assine já\nOs comentários são exclusivos para assinantes.\nVer mais\n",
            // An audio player.
            "Listen\nNarrated by a synthetic voice using AI narration.\n0:00\n",
        ] {
            let c = run(&format!(
                "{HARBOUR}{block}The operator said it hoped for a deal before the summer season began in earnest, with ferries back on every route.\n"
            ));
            assert_eq!(c.paras.len(), 3, "{block}: {:?}", c.paras);
        }
    }

    #[test]
    fn prose_that_mentions_cookies_or_newsletters_stays() {
        let text = format!(
            "{HARBOUR}Privacy row\nThe regulator said the publisher had set cookies without consent and must now ask readers first.\nIts newsletter, which has 40,000 subscribers, will carry a notice about the ruling, the company said.\n\n\"If you sign up, you should know what you agree to,\" the regulator's chair told reporters.\n\nThe publisher said it would appeal against the fine within a month.\n"
        );
        let c = run(&text);
        assert_eq!(c.paras.len(), 7, "{:?}", c.paras);
        // A short last sentence above a footer of links and sign-up prompts.
        let c = run(&format!(
            "{HARBOUR}He declined to comment on the talks.\nShare\nFacebook\nTwitter\nPrivacy Policy\nCookie settings\nSign up for our newsletter\nGet the news in your inbox\n"
        ));
        assert_eq!(
            c.paras.last().map(String::as_str),
            Some("He declined to comment on the talks."),
            "{:?}",
            c.paras
        );
    }

    #[test]
    fn the_page_talking_at_the_edges_of_the_body_goes() {
        let c = run(&format!(
            "Produced by Harbour Audio using AI narration.\n\n{HARBOUR}This is a breaking news story and will be updated. Please refresh the page for the latest version.\n\nYou can receive alerts on your phone through the Harbour News app.\n"
        ));
        assert_eq!(c.paras.len(), 2, "{:?}", c.paras);
        let c = run(&format!(
            "{HARBOUR}Reporter Ana Lima in Tartu contributed to this report.\n\nMARI TAMM\nTamm covers shipping and ports for the Harbour Ledger.\nPRIIT SAAR\nSaar is a Harbour Ledger business writer covering energy.\nThe Harbour Ledger is an independent news organization founded in 1901, with reporters in every Baltic port.\n"
        ));
        assert_eq!(
            c.paras.last().map(String::as_str),
            Some("Reporter Ana Lima in Tartu contributed to this report."),
            "{:?}",
            c.paras
        );
        assert_eq!(c.paras.len(), 3);
        // The same words inside the article stay.
        let c = run(&format!(
            "{HARBOUR}Mari Tamm is a former reporter who now runs the harbour museum in Tartu.\n\nThe museum, founded in 1901, keeps the news archive of the port.\n\nThe operator said it hoped for a deal before the summer season began in earnest.\n"
        ));
        assert_eq!(c.paras.len(), 5, "{:?}", c.paras);
        // A long lede that opens like a call and names an app is the
        // article's, not a box.
        let lede = "Never before had the harbour app sold so many ferry tickets in one week, the operator said on Monday, as thousands of families booked summer crossings to the islands ahead of a planned fare rise.";
        let c = run(&format!("{lede}\n\n{HARBOUR}"));
        assert_eq!(c.paras.first().map(String::as_str), Some(lede));
    }

    #[test]
    fn recommended_tail_and_footer_are_cut() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week.\n\nRecommended Stories\n\nThe mayor said the budget would be balanced by spring, aides confirmed.\n",
        );
        assert_eq!(c.paras.len(), 2);
    }

    #[test]
    fn closing_credit_is_kept_and_ends_the_body() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nWith reporting by AP and Reuters\n  • 16x9 Image\n\nWNN journalists report the news in many languages and we are proud of it.\nWNN is funded by its readers, who keep it independent of any government.\n",
        );
        assert_eq!(
            c.paras.last().map(String::as_str),
            Some("With reporting by AP and Reuters")
        );
        assert_eq!(c.footer_outlet.as_deref(), Some("WNN"));
        assert!(c.credits.contains(&"Reuters".to_string()));
    }

    #[test]
    fn widgets_and_boxes_are_known_in_more_languages() {
        for t in [
            "Publicidade",
            "Mainos",
            "ΔΙΑΦΗΜΙΣΗ",
            "広告",
            "Story continues below advertisement",
            "Advertisement · Scroll to continue",
            "Open this photo in gallery:",
            "Purchase Licensing Rights",
            "3 / 8",
            "Baca Juga: Harbour pier to close for repairs",
            "Citește și: Ferry fares rise in spring",
            "Etichete: port, ferry, strike",
        ] {
            assert!(is_furniture(t), "{t}");
        }
        for t in [
            "Les også",
            "Lue myös",
            "İLGİLİ HABERLER",
            "関連記事",
            "Yorumlar (3)",
            "Διαβάστε επίσης",
        ] {
            assert!(TAIL_HEADING.is_match(t), "{t}");
        }
        // A related link under a "Read also" heading in mid-article leaves.
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week.\n\nLes også\nPier repairs delayed again\n\nThe mayor said the harbour budget would be balanced by spring, aides confirmed.\n\nThe port will reopen to cruise ships in May, the authority said.\n",
        );
        assert!(!c.paras.iter().any(|p| p.contains("Pier repairs")));
    }

    #[test]
    fn desk_credits_leave_the_closing_credit() {
        assert_eq!(
            without_desk_credits(
                "Reporting by Ana Lima in Oslo; Additional reporting by Tom Reed; Editing by Karl Berg and Eva Holm"
            ),
            "Reporting by Ana Lima in Oslo; Additional reporting by Tom Reed"
        );
        assert_eq!(
            without_desk_credits("(Reporting by Ana Lima; Editing by Karl Berg)"),
            "(Reporting by Ana Lima)"
        );
        assert_eq!(without_desk_credits("Editing by Karl Berg"), "");
        assert_eq!(
            without_desk_credits("With reporting by AP and Reuters"),
            "With reporting by AP and Reuters"
        );
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week.\n\nReporting by Ana Lima in Oslo; Editing by Karl Berg\n",
        );
        assert_eq!(
            c.paras.last().map(String::as_str),
            Some("Reporting by Ana Lima in Oslo")
        );
        assert!(c.credits.contains(&"Karl Berg".to_string()));
    }

    #[test]
    fn subheads_inside_the_body_are_kept() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nThe background:\n\nUnions have demanded higher pay for two years and say talks have stalled.\n",
        );
        assert_eq!(c.paras[1], "The background:");
    }

    #[test]
    fn a_teaser_list_without_a_heading_is_cut() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\nMayor unveils new budget\n\nThe mayor said the budget would be balanced by spring, aides confirmed on Friday.\n\nTennis club wins title\n\nThe club won its first national title in a decade after a tense final in Tartu.\n\nBakers protest flour prices\n\nBakers marched through the old town to protest against the rising price of flour.\n",
        );
        assert_eq!(c.paras.len(), 2, "{:?}", c.paras);
    }

    #[test]
    fn subheads_with_several_paragraphs_are_not_teasers() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nWhat happens next\n\nUnions said they would keep talking to the company this week, officials said.\n\nThe operator said it hoped for a deal before the summer season began in earnest.\n",
        );
        assert_eq!(c.paras.len(), 4, "{:?}", c.paras);
    }

    #[test]
    fn blank_lines_of_spaces_are_blank() {
        assert_eq!(Line::new("   ").text, "");
        assert_eq!(Line::new("  x  ").text, "x");
        assert_eq!(Line::new("  x  ").indent, 2);
    }

    #[test]
    fn short_sentences_between_paragraphs_are_kept() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nHe declined to comment.\n\nUnions have demanded higher pay for two years and say talks have stalled.\n",
        );
        assert_eq!(c.paras.len(), 3, "{:?}", c.paras);
    }

    #[test]
    fn entity_cards_become_hints() {
        let c = run(
            "In this article:\n  • Mari Tamm\n    Mari Tamm\n    Estonian politician\nThe harbour authority said the ferry would resume service on Monday after the strike.\n",
        );
        assert_eq!(c.hints, vec!["Mari Tamm"]);
        assert_eq!(c.paras.len(), 1);
    }

    #[test]
    fn furniture_prefilters_never_hide_a_regex_match() {
        for line in [
            "0:00 0:02:41 0:00",
            "12:05",
            "1:02:03 / 1:10:00",
            "٣:٤٥",
            "3 min read",
            "·4 min read",
            "Reading time 5 minutes",
            "temps de lecture : 3 min",
            "Lesezeit 4 Minuten",
            "12 posts",
            "5 hours ago",
            "Breaking News",
            "Share.",
            "Oops!",
            "Live!",
            "Sort byDropdown arrow",
            "Harbour talks resume",
            "The minister said the talks would resume.",
        ] {
            assert_eq!(
                may_be_timecode(line) && TIMECODE.is_match(line),
                TIMECODE.is_match(line),
                "{line}"
            );
            assert_eq!(
                may_be_min_read(line) && MIN_READ.is_match(line),
                MIN_READ.is_match(line),
                "{line}"
            );
            assert_eq!(
                is_furniture_line(line),
                FURNITURE_LINE.is_match(line.trim_end_matches(['.', '!']))
                    || FURNITURE_LINE.is_match(line),
                "{line}"
            );
        }
    }

    #[test]
    fn copyright_notices_name_their_holder() {
        for (line, name) in [
            ("© 2022 The Daily Star", Some("The Daily Star")),
            (
                "© 2022 The Daily Star. All rights reserved.",
                Some("The Daily Star"),
            ),
            (
                "Copyright 1999-2024 Harbour Gazette, all rights",
                Some("Harbour Gazette"),
            ),
            ("COPYRIGHT © 2021 WNN All Rights Reserved", Some("WNN")),
            ("copyright Harbour Media 2022", Some("Harbour Media")),
            ("(c) Harbour Gazette 2022", Some("Harbour Gazette")),
            ("© Le Journal du Port 2023", Some("Le Journal du Port")),
            (
                "Copyright (c) 2023 by The Harbour Review Company. All Rights Reserved.",
                Some("The Harbour Review Company"),
            ),
            (
                "Copyright 2023 © Porto Media Gruppo S.p.a. Tutti i diritti sono riservati",
                Some("Porto Media Gruppo S.p.a."),
            ),
            (
                "© EDICIONES DEL PUERTO S.L.",
                Some("EDICIONES DEL PUERTO S.L."),
            ),
            (
                "Copyright © 2023 Harbour Media Inc. All rights reserved.",
                Some("Harbour Media Inc"),
            ),
            (
                "© 2023 Harbour News & Media Limited or its affiliated companies. All rights reserved.",
                Some("Harbour News & Media Limited"),
            ),
            (
                "A Coastal Media Station © 2002-2023 Coastal Television, Inc.",
                Some("Coastal Television"),
            ),
            (
                "© Copyright 2023 The Harbour Ledger, 12 Quay Street | Terms of Use",
                Some("The Harbour Ledger"),
            ),
            (
                "© 2023 Harbour Radio. The Radio is not responsible for external sites.",
                Some("Harbour Radio"),
            ),
            ("© HAFEN-aktuell / hafen.example", Some("HAFEN-aktuell")),
            (
                "© 2023 Jornal do Porto Comunicação Social SA",
                Some("Jornal do Porto Comunicação Social SA"),
            ),
            ("Text © Ünïcode Média 2020.", Some("Ünïcode Média")),
            (
                "© Journal du Port – Tous droits réservés",
                Some("Journal du Port"),
            ),
            ("© RIPRODUZIONE RISERVATA", None),
            ("© Todos los derechos reservados", None),
            ("Alle Rechte vorbehalten ©", None),
            ("©2022 harbour gazette", None),
            ("Harbour Gazette journalists report from Oslo", None),
            ("", None),
        ] {
            assert_eq!(copyright_name(line), name, "{line:?}");
        }
    }

    #[test]
    fn the_footer_outlet_skips_notices_that_name_nobody() {
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\n\n© RIPRODUZIONE RISERVATA\nPorto Media\nCopyright 2023 © Porto Media Gruppo S.p.a. Tutti i diritti sono riservati\n",
        );
        assert_eq!(c.footer_outlet.as_deref(), Some("Porto Media Gruppo"));
        // No related heading ends the body: the footer after the prose
        // still names the outlet.
        let c = run(
            "The harbour authority said the ferry would resume service on Monday after the strike.\n\nUnions said they would keep talking to the company this week, officials said.\nAbout us\nContact\n© Le Journal du Port 2023\n",
        );
        assert_eq!(c.footer_outlet.as_deref(), Some("Le Journal du Port"));
    }

    #[test]
    fn legal_forms_leave_the_outlets_name() {
        for (notice, name) in [
            ("Harbour Post Media Ltd", "Harbour Post Media"),
            ("Kestrel Verlag GmbH & Co. KG", "Kestrel Verlag"),
            ("Ediciones del Valle, S.L.", "Ediciones del Valle"),
            ("Porto Media Gruppo S.p.A.", "Porto Media Gruppo"),
            ("Wydawnictwo Zatoka Sp. z o.o.", "Wydawnictwo Zatoka"),
            ("Fjord Media AS", "Fjord Media"),
            ("Northgate Radio", "Northgate Radio"),
            // Nothing but a legal form: kept as it is.
            ("Ltd", "Ltd"),
            ("The Co", "The Co"),
        ] {
            assert_eq!(without_legal_form(notice), name, "{notice}");
        }
    }

    fn page(lines: &[&str]) -> Vec<Line> {
        lines.iter().map(|t| Line::new(t)).collect()
    }

    #[test]
    fn the_masthead_is_a_top_name_the_footer_shows_again() {
        let article = [
            "Skip to content",
            "Kestrel Courier",
            "News",
            "Sport",
            "Opinion",
            "Ferry service resumes after the harbour strike",
            "By Ana Ruiz",
            "The harbour authority said the ferry would resume on Monday after the long strike.",
            "Unions said they would keep talking to the company this week, officials said.",
            "Passengers queued at the terminal from early morning, a spokesman said.",
        ];
        // The name again over the footer's links.
        let mut lines = article.to_vec();
        lines.extend(["Kestrel Courier", "News", "Sport", "About us"]);
        assert_eq!(masthead(&page(&lines)).as_deref(), Some("Kestrel Courier"));
        // Or opening the copyright notice, with the company's legal name.
        let mut lines = article.to_vec();
        lines.extend([
            "News",
            "Sport",
            "© 2024 Kestrel Courier Media Ltd. All rights reserved.",
        ]);
        assert_eq!(masthead(&page(&lines)).as_deref(), Some("Kestrel Courier"));
        // Menus repeated in the footer are no masthead, nor is a name the
        // footer does not show, nor a notice that only shares a prefix of
        // a word ("Kestrel Couriers Group").
        let mut lines = article.to_vec();
        lines.extend(["News", "Sport", "Opinion", "© 2024 Kestrel Couriers Group"]);
        assert_eq!(masthead(&page(&lines)), None);
        // A menu item the footer repeats, with no newspaper's word, is no
        // masthead either.
        let mut lines = article.to_vec();
        lines[2] = "Lifestyle";
        lines.extend([
            "Lifestyle",
            "Accessibility Help",
            "Kestrel Courier",
            "About us",
        ]);
        lines.insert(1, "Accessibility Help");
        assert_eq!(masthead(&page(&lines)).as_deref(), Some("Kestrel Courier"));
        let lines: Vec<&str> = lines
            .into_iter()
            .filter(|t| *t != "Kestrel Courier")
            .collect();
        assert_eq!(masthead(&page(&lines)), None);
        // A headline repeated at the end is no name: it reads as a sentence
        // too long for one.
        let mut lines = article.to_vec();
        lines.extend(["Ferry service resumes after the harbour strike", "News"]);
        assert_eq!(masthead(&page(&lines)), None);
    }

    #[test]
    fn copyright_holders_in_quotes_and_in_scripts_without_case() {
        assert_eq!(
            copyright_name("© 2010–2024 «Северный вестник». Сетевое издание."),
            Some("Северный вестник")
        );
        assert_eq!(
            copyright_name("Copyright © 東海あさひ新聞社 All rights reserved."),
            Some("東海あさひ新聞社")
        );
        for (notice, name) in [
            ("Kestrel Media Pvt. Ltd.", "Kestrel Media"),
            ("Alföld Lapkiadó Kft.", "Alföld Lapkiadó"),
        ] {
            assert_eq!(without_legal_form(notice), name, "{notice}");
        }
    }

    #[test]
    fn mastheads_the_notice_confirms_or_its_company_shares_a_word_with() {
        let article = [
            "Skip to content",
            "NAME",
            "News",
            "Sport",
            "Opinion",
            "Ferry service resumes after the harbour strike",
            "By Ana Ruiz",
            "The harbour authority said the ferry would resume on Monday after the long strike.",
            "Unions said they would keep talking to the company this week, officials said.",
            "Passengers queued at the terminal from early morning, a spokesman said.",
            "News",
            "Sport",
            "NOTICE",
        ];
        let with = |name: &str, notice: &str| {
            let lines: Vec<&str> = article
                .iter()
                .map(|&t| match t {
                    "NAME" => name,
                    "NOTICE" => notice,
                    t => t,
                })
                .collect();
            masthead(&page(&lines))
        };
        // One capital, confirmed by the notice; a script without case.
        assert_eq!(
            with("Северный вестник", "© 2024 «Северный вестник»").as_deref(),
            Some("Северный вестник")
        );
        assert_eq!(
            with("東海あさひ新聞", "Copyright © 東海あさひ新聞社").as_deref(),
            Some("東海あさひ新聞")
        );
        assert_eq!(with("Северный вестник", "© 2024 Прочее"), None);
        // A writer's own notice confirms her byline, no masthead.
        assert_eq!(with("Ana Lima", "© 2024 Ana Lima"), None);
        assert_eq!(
            with("Harbour Bay", "© 2024 Harbour Bay Ltd").as_deref(),
            Some("Harbour Bay")
        );
        // The publisher's legal name shares a word with the masthead.
        assert_eq!(
            with("The Kestrel Sentinel", "© 2024 Kestrel Media Pvt. Ltd.").as_deref(),
            Some("The Kestrel Sentinel")
        );
        // Not without a legal form, nor on a shared particle alone.
        assert_eq!(with("The Kestrel Sentinel", "© 2024 Kestrel Media"), None);
        assert_eq!(with("Diario del Norte", "© Editorial del Sur S.L."), None);
    }

    #[test]
    fn a_masthead_under_a_ticker_is_read_above_the_headline() {
        let mut lines: Vec<&str> = ["STI", "+0.41%"].repeat(4);
        lines.extend([
            "Kestrel Business Times",
            "Markets",
            "Property",
            "Ferry operator profit falls as the harbour strike bites into the second quarter",
            "The harbour authority said the ferry would resume on Monday after the long strike.",
            "Unions said they would keep talking to the company this week, officials said.",
            "Passengers queued at the terminal from early morning, a spokesman said.",
            "Most Read",
            "Kestrel Business Times",
            "About Us",
        ]);
        assert_eq!(
            masthead(&page(&lines)).as_deref(),
            Some("Kestrel Business Times")
        );
    }

    proptest::proptest! {
        #[test]
        fn copyright_names_never_panic_and_are_trimmed(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "©", "(c)", "Copyright", "COPYRIGHT", "copyrights", " ", "  ", "\u{a0}",
                    "2022", "1999-2024", " - ", " – ", "The", "Daily", "Herald", "Média", "a",
                    ".", ",", " All", " rights reserved", "Inc.", "S.p.a.", "x", "(", ")", "&",
                    "/", "'", "é", "by ", "İ",
                ][..]),
                0..24,
            )
        ) {
            let t = parts.concat();
            if let Some(n) = copyright_name(&t) {
                proptest::prop_assert_eq!(n, n.trim());
                proptest::prop_assert!(!n.is_empty());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_counts_match_whitespace_splitting_on_generated_lines(
            t in "[ a\t\n\x0b\x0c\r\x00\x08\x0e\x1f!~\x7f]{0,40}|[ -~\t]{0,90}|.{0,30}|[a \u{a0}\u{2009}é]{0,90}",
            max in 1usize..25,
        ) {
            proptest::prop_assert_eq!(
                count_words_upto(&t, max),
                t.split_whitespace().take(max).count()
            );
        }
    }

    #[test]
    fn menu_words_are_found_as_a_comparison_with_each_finds_them() {
        let by_comparison = |w: &str| {
            MENU_WORDS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(w) || (!w.is_ascii() && w.to_lowercase() == *m))
        };
        let mut ws: Vec<String> = MENU_WORDS
            .iter()
            .flat_map(|m| {
                [
                    m.to_string(),
                    m.to_uppercase(),
                    format!("{m}s"),
                    format!("x{m}"),
                ]
            })
            .collect();
        ws.extend(
            [
                "",
                "Talks",
                "entertainments",
                "LIN\u{212a}EDIN",
                "ſhare",
                "Éurope",
                "a1",
                "homé",
            ]
            .map(String::from),
        );
        for w in &ws {
            assert_eq!(is_menu_word(w), by_comparison(w), "{w:?}");
        }
        assert!(MENU_WORDS.iter().all(|m| m.len() <= 15 && m.is_ascii()));
    }

    #[test]
    fn line_counts_count_each_line_by_its_key() {
        let lines: Vec<Line> = ["Share", "", "share!", "Talks resume", "SHARE", ""]
            .into_iter()
            .map(Line::new)
            .collect();
        let counts = line_counts(&lines);
        assert_eq!(counts.len(), 2);
        assert_eq!(counts.get(&key_hash("share")), Some(&3));
        assert_eq!(counts.get(&key_hash("talks resume")), Some(&1));
        assert_eq!(counts.get(&key_hash("")), None);
    }

    #[test]
    fn word_counts_match_whitespace_splitting() {
        for line in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\x0bvertical\x0cfeed\rreturn",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
            "non\u{a0}breaking and\u{2009}thin spaces",
            // Spacing that is not ASCII after an ASCII head of more and
            // of fewer words than counted.
            &format!("{}x\u{a0}y\u{2009}é z", "w ".repeat(30)),
            &format!("{}x\u{a0}y\u{2009}é z", "w ".repeat(9)),
        ] {
            for max in [1, 3, 21] {
                assert_eq!(
                    count_words_upto(line, max),
                    line.split_whitespace().take(max).count(),
                    "{line:?} {max}"
                );
            }
        }
    }
}
