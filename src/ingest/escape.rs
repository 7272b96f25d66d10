//! Text in and out: HTML entities decoded on the way in, Markdown escaped on
//! the way out, so capture text can never become markup.

use std::borrow::Cow;

/// Decodes HTML entities (`&#39;`, `&amp;`, `&nbsp;` ...) and turns the odd
/// spaces of web pages (no-break, thin, zero-width) into plain ones.
///
/// Decoding runs twice because captures often hold doubly escaped text
/// (`&amp;#39;`).
pub fn decode(line: &str) -> Cow<'_, str> {
    if !needs_decoding(line.as_bytes()) {
        return Cow::Borrowed(line);
    }
    let once = if line.contains('&') {
        let d = html_escape::decode_html_entities(line).into_owned();
        if d.contains('&') {
            html_escape::decode_html_entities(&d).into_owned()
        } else {
            d
        }
    } else {
        line.to_string()
    };
    let mut out = String::with_capacity(once.len());
    for c in once.chars() {
        match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' | '\t' => out.push(' '),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// False only when [`decode`] would return the line unchanged: no `&`, no
/// control character (C0, DEL, C1) and none of the odd spaces it replaces
/// or drops. A byte scan, so accented and non-Latin text is not decoded
/// char by char.
fn needs_decoding(b: &[u8]) -> bool {
    // Blocks of 32 bytes are first checked for any suspect byte with plain
    // comparisons and no early exit, which the compiler vectorises; most
    // lines have none, and only lines that do are looked at closely.
    let suspect = |x: u8| {
        u8::from(x < 0x20)
            | u8::from(x == 0x7f)
            | u8::from(x == b'&')
            | u8::from(x == 0xc2)
            | u8::from(x == 0xe2)
            | u8::from(x == 0xef)
    };
    let mut blocks = b.chunks_exact(32);
    let any_suspect = blocks
        .by_ref()
        .any(|c| c.iter().fold(0u8, |acc, &x| acc | suspect(x)) != 0)
        || blocks.remainder().iter().any(|&x| suspect(x) != 0);
    any_suspect && needs_decoding_exact(b)
}

/// [`needs_decoding`], byte by byte.
fn needs_decoding_exact(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    // One table lookup per byte; the few lead bytes of odd chars are
    // looked at more closely.
    for (i, &x) in b.iter().enumerate() {
        if !DECODE_SUSPECT[usize::from(x)] {
            continue;
        }
        let odd = match x {
            // U+0080-U+00A0 (C1 controls, no-break space) and U+00AD.
            0xc2 => matches!(at(i + 1), 0x80..=0xa0 | 0xad),
            // U+2007, U+2009-U+200D, U+202F.
            0xe2 => at(i + 1) == 0x80 && matches!(at(i + 2), 0x87 | 0x89..=0x8d | 0xaf),
            // U+FEFF.
            0xef => at(i + 1) == 0xbb && at(i + 2) == 0xbf,
            // `&`, C0 controls and DEL.
            _ => true,
        };
        if odd {
            return true;
        }
    }
    false
}

/// Bytes that may start something [`decode`] changes: `&`, C0 controls,
/// DEL, and the lead bytes of the odd spaces and C1 controls.
const DECODE_SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || b == 0x7f || b == b'&' as usize || b == 0xc2 || b == 0xe2 || b == 0xef;
        b += 1;
    }
    t
};

/// True when a capture looks like a binary file rather than text: it holds
/// a NUL, or more than 16 control characters (other than `\n`, `\r`,
/// `\t` and form feed) among its first 4096 chars.
pub fn looks_binary(text: &str) -> bool {
    memchr::memchr(0, text.as_bytes()).is_some() || stray_controls(text, 4096) > 16
}

/// Control characters other than `\n`, `\r`, `\t` and form feed among
/// the first `max` chars of `text`, counted on bytes without decoding, in
/// loops the compiler vectorises.
fn stray_controls(text: &str, max: usize) -> usize {
    let head = &text.as_bytes()[..chars_prefix_len(text, max)];
    // The control chars are C0, DEL and C1 (U+0080-U+009F: in UTF-8, 0xC2
    // then a byte below 0xA0). `head` ends at a char boundary, so no C1
    // pair is cut.
    let ascii = count_bytes(head, |b| u8::from(is_stray_ascii_control(b)));
    ascii + c1_controls(head)
}

/// C1 control chars in `b` (valid UTF-8): 0xC2 then a byte below 0xA0.
/// Most captures hold no 0xC2 at all; the rest are counted in blocks of
/// byte pairs, so the loop vectorises.
fn c1_controls(b: &[u8]) -> usize {
    if memchr::memchr(0xc2, b).is_none() {
        return 0;
    }
    let (Some(firsts), Some(seconds)) = (b.get(..b.len().saturating_sub(1)), b.get(1..)) else {
        return 0;
    };
    firsts
        .chunks(128)
        .zip(seconds.chunks(128))
        .map(|(x, y)| {
            let n = x.iter().zip(y).fold(0u8, |n, (&p, &q)| {
                n + (u8::from(p == 0xc2) & u8::from(q < 0xa0))
            });
            usize::from(n)
        })
        .sum()
}

/// How many bytes of `b` `f` gives 1 for (it gives 0 or 1): summed in
/// blocks of bytes, so the loop vectorises.
#[inline(always)]
fn count_bytes(b: &[u8], f: impl Fn(u8) -> u8) -> usize {
    let mut blocks = b.chunks_exact(128);
    let mut n = 0;
    for block in blocks.by_ref() {
        n += usize::from(block.iter().fold(0u8, |a, &x| a + f(x)));
    }
    n + blocks
        .remainder()
        .iter()
        .map(|&x| usize::from(f(x)))
        .sum::<usize>()
}

/// The length in bytes of the first `max` chars of `text` (all of it when
/// it is shorter): chars are counted by their first bytes, every byte but
/// a UTF-8 continuation byte.
fn chars_prefix_len(text: &str, max: usize) -> usize {
    let b = text.as_bytes();
    if b.len() <= max {
        return b.len();
    }
    let starts = |x: u8| u8::from(x & 0xc0 != 0x80);
    let (mut chars, mut i) = (0, 0);
    // Whole blocks while they cannot hold the end.
    for block in b.chunks_exact(128) {
        let n = usize::from(block.iter().fold(0u8, |a, &x| a + starts(x)));
        if chars + n > max {
            break;
        }
        chars += n;
        i += 128;
    }
    while let Some(&x) = b.get(i) {
        if starts(x) == 1 {
            if chars == max {
                return i;
            }
            chars += 1;
        }
        i += 1;
    }
    b.len()
}

/// An ASCII control character other than `\n`, `\r`, `\t` and form feed.
fn is_stray_ascii_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f
}

/// Bytes that may need escaping in [`markdown`], as a table: one lookup
/// per byte of prose that holds none.
const MARKDOWN_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let special = b"\\`*_[]<>&|~$!\n\r";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// True when `b` holds a byte of [`MARKDOWN_SPECIAL`]: blocks of 16
/// bytes are looked up with no early exit, three instructions a byte, and
/// most prose holds none.
fn has_markdown_special(b: &[u8]) -> bool {
    let special = |x: u8| MARKDOWN_SPECIAL[usize::from(x)];
    let mut blocks = b.chunks_exact(16);
    blocks
        .by_ref()
        .any(|c| c.iter().fold(false, |a, &x| a | special(x)))
        || blocks.remainder().iter().any(|&x| special(x))
}

/// Escapes one paragraph of plain text as Markdown prose: every character
/// Markdown or HTML would interpret is backslash-escaped, so the rendered
/// text is exactly the captured text. `<` always comes out as `\<`.
pub fn markdown(text: &str) -> String {
    // Most prose holds nothing to escape.
    let starts_plain = text
        .trim_start()
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'"' || b == b'\'' || b >= 0x80);
    if starts_plain && text == text.trim() && !has_markdown_special(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim();
        // Block markers only mean something at the start of a line.
        let mut chars = line.char_indices().peekable();
        let digits_end = line
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or(line.len(), |(i, _)| i);
        let ordered_list =
            digits_end > 0 && matches!(line[digits_end..].chars().next(), Some('.') | Some(')'));
        while let Some((at, c)) = chars.next() {
            let leading = at == 0;
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '$' => true,
                '#' | '+' | '-' | '=' | '!' if leading => true,
                '!' => chars.peek().is_some_and(|(_, n)| *n == '['),
                '.' | ')' if ordered_list && at == digits_end => true,
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A key for comparing text across captures: lowercase letters and digits
/// only, so spacing, quotes, dashes and words glued together do not matter.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A 64-bit hash of [`key`]`(text)`, computed without allocating: for
/// counting and indexing lines and sentences (only ever compared, never
/// shown or used for order).
pub fn key_hash(text: &str) -> u64 {
    key_hash_count::<false>(text).0
}

/// [`key_hash`] and the number of letters and digits of `text` the key
/// keeps (each counts once, even one whose lowercase is two characters).
pub fn key_hash_len(text: &str) -> (u64, usize) {
    key_hash_count::<true>(text)
}

/// [`key_hash`], and the number of letters and digits it keeps when `COUNT`
/// (else 0): lines are hashed without counting.
fn key_hash_count<const COUNT: bool>(text: &str) -> (u64, usize) {
    // The key's bytes are packed eight at a time into a word, and each word
    // is mixed in with one wide multiplication: far fewer dependent steps
    // than a byte-at-a-time hash. Key bytes are never zero, so a partly
    // filled word is never confused with a fuller one.
    let mut h = KeyHasher::default();
    let mut n = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at a time where the text allows, classified
        // together rather than byte by byte.
        while let Some(chunk) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let x = u64::from_le_bytes(*chunk);
            if x & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
            let (key, bits) = key_bytes(x, 8);
            h.push_bits(key, bits);
            if COUNT {
                n += (bits / 8) as usize;
            }
        }
        // Fewer than eight bytes left, or a non-ASCII byte among the next
        // eight: the ASCII bytes before it, then that char.
        let rest = bytes
            .get(i..i + 8)
            .unwrap_or(bytes.get(i..).unwrap_or_default());
        let ascii = rest.iter().take_while(|&&b| b < 0x80).count();
        let x = crate::ingest::words::pack_le(rest, 0, ascii);
        if ascii > 0 {
            let (key, bits) = key_bytes(x, ascii);
            h.push_bits(key, bits);
            if COUNT {
                n += (bits / 8) as usize;
            }
            i += ascii;
        }
        if ascii == rest.len() {
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            n += usize::from(COUNT);
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h.push(b);
                }
            }
        }
    }
    (h.finish(), n)
}

/// The key of the first `ascii` bytes of `x` (ASCII bytes, first byte
/// lowest; `ascii` from 1 to 8), packed first byte lowest, and its length
/// in bits: what [`key`] keeps of each byte (letters lowercased, digits),
/// without a lookup per byte.
#[inline(always)]
fn key_bytes(x: u64, ascii: usize) -> (u64, u32) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    // Every byte below 0x80, so no sum below carries into the next byte;
    // the bytes from `ascii` on are not looked at.
    let x = x & LOW7 & (u64::MAX >> (8 * (8 - ascii)));
    // The high bit of each byte of `v + splat(0x80 - lo)` is set exactly
    // where that byte of `v` is at least `lo`.
    let at_least = |v: u64, lo: u8| v.wrapping_add(splat(0x80 - lo));
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1);
    // `| 0x20` lowercases letters; only letters land in `a..=z`.
    let lower = x | splat(0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let kept = (digit | letter) & HIGH;
    // The high bits of the bytes left out, below byte `ascii`.
    let mut gaps = !kept & HIGH & (u64::MAX >> (8 * (8 - ascii)));
    let mut v = lower & ((kept >> 7) * 0xff);
    let mut bits = 8 * ascii as u32;
    // Each left-out byte is closed up by moving the bytes above it down;
    // from the top down, so the places of the lower ones still hold.
    while gaps != 0 {
        let top = gaps.ilog2();
        let below = (1u64 << (top - 7)) - 1;
        v = (v & below) | ((v >> 8) & !below);
        gaps ^= 1 << top;
        bits -= 8;
    }
    (v, bits)
}

/// The hash behind [`key_hash_len`]: bytes gathered into 64-bit words,
/// each folded in with a 128-bit multiplication (as wyhash and ahash do).
#[derive(Default)]
struct KeyHasher {
    h: u64,
    word: u64,
    /// Bits of `word` filled.
    shift: u32,
    total: u64,
}

impl KeyHasher {
    const K1: u64 = 0xa076_1d64_78bd_642f;
    const K2: u64 = 0xe703_7ed1_a0b4_28db;

    fn fold(a: u64, b: u64) -> u64 {
        let m = u128::from(a) * u128::from(b);
        (m as u64) ^ ((m >> 64) as u64)
    }

    #[inline(always)]
    fn push(&mut self, b: u8) {
        self.word |= u64::from(b) << self.shift;
        self.shift += 8;
        if self.shift == 64 {
            self.h = Self::fold(self.h ^ self.word ^ Self::K1, Self::K2);
            self.word = 0;
            self.shift = 0;
            self.total += 8;
        }
    }

    /// [`KeyHasher::push`] of the `bits / 8` bytes of `v` (first byte
    /// lowest; `bits` from 0 to 64, higher bits of `v` clear), at once.
    #[inline(always)]
    fn push_bits(&mut self, v: u64, bits: u32) {
        self.word |= v << self.shift;
        let filled = self.shift + bits;
        if filled >= 64 {
            self.h = Self::fold(self.h ^ self.word ^ Self::K1, Self::K2);
            self.total += 8;
            // The bytes of `v` that did not fit (none when `shift` is 0).
            self.word = v.checked_shr(64 - self.shift).unwrap_or(0);
            self.shift = filled - 64;
        } else {
            self.shift = filled;
        }
    }

    fn finish(&self) -> u64 {
        let total = self.total + u64::from(self.shift / 8);
        let h = Self::fold(self.h ^ self.word ^ Self::K1, Self::K2 ^ total);
        Self::fold(h ^ Self::K2, Self::K1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`stray_controls`] as it was first written: char by char.
    fn stray_controls_by_chars(text: &str, max: usize) -> usize {
        text.chars()
            .take(max)
            .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
            .count()
    }

    #[test]
    fn stray_controls_agree_with_a_char_count() {
        let long_ascii = format!("{}\x01\x02", "a".repeat(4095));
        let long_mixed = format!("é{}\x01\x02", "a".repeat(4094));
        let cases = [
            "",
            "plain text\n\r\t\x0c",
            "\x01\x02\x1f\x7f",
            "\u{80}\u{9f}\u{a0} C1 controls and a no-break space",
            "é\x01",
            &long_ascii,
            &long_mixed,
        ];
        for t in cases {
            for max in [0, 1, 3, 4096] {
                assert_eq!(
                    stray_controls(t, max),
                    stray_controls_by_chars(t, max),
                    "{t:?} {max}"
                );
            }
        }
        for t in cases {
            for max in [0, 1, 2, 127, 128, 129, 4095, 4096, 5000] {
                let by_chars = t.char_indices().nth(max).map_or(t.len(), |(i, _)| i);
                assert_eq!(chars_prefix_len(t, max), by_chars, "{t:?} {max}");
            }
        }
        assert_eq!(stray_controls(&long_ascii, 4096), 1);
        assert_eq!(stray_controls(&long_mixed, 4096), 1);
        // One char more before them: "\x01" is the 4097th char.
        assert_eq!(stray_controls(&format!("é{long_ascii}"), 4096), 0);
        assert!(looks_binary("text\0"));
        assert!(looks_binary(&"\x01".repeat(17)));
        assert!(!looks_binary(&"\x01".repeat(16)));
        assert!(looks_binary(&"\u{85}".repeat(17)));
    }

    proptest::proptest! {
        #[test]
        fn stray_controls_agree_on_generated_text(
            t in "[a\x00-\x1f\x7f\u{80}-\u{a0}é€]{0,200}",
            max in 0usize..220,
        ) {
            proptest::prop_assert_eq!(stray_controls(&t, max), stray_controls_by_chars(&t, max));
            let by_chars = t.char_indices().nth(max).map_or(t.len(), |(i, _)| i);
            proptest::prop_assert_eq!(chars_prefix_len(&t, max), by_chars);
        }
    }

    #[test]
    fn decodes_numeric_and_named_entities() {
        assert_eq!(
            decode("Nato&#39;s &amp; EU\u{a0}talks"),
            "Nato's & EU talks"
        );
        assert_eq!(decode("double &amp;#39;escaped"), "double 'escaped");
    }

    #[test]
    fn escapes_markup_so_nothing_renders_as_html() {
        assert_eq!(
            markdown("<script>alert(1)</script> & *x*"),
            "\\<script\\>alert(1)\\</script\\> \\& \\*x\\*"
        );
        assert_eq!(markdown("# not a heading"), "\\# not a heading");
        assert_eq!(markdown("1. not a list"), "1\\. not a list");
        assert_eq!(markdown("- not a bullet"), "\\- not a bullet");
        assert_eq!(markdown("Plain prose, kept."), "Plain prose, kept.");
    }

    #[test]
    fn markdown_special_bytes_are_the_fifteen_it_escapes_or_checks() {
        let listed: Vec<u8> = (0..=255u8)
            .filter(|&b| MARKDOWN_SPECIAL[usize::from(b)])
            .collect();
        assert_eq!(listed, b"\n\r!$&*<>[\\]_`|~".to_vec());
    }

    #[test]
    fn markdown_special_bytes_are_found_at_every_place() {
        for len in 0..40 {
            let plain = "a".repeat(len);
            assert!(!has_markdown_special(plain.as_bytes()));
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut t = plain.clone().into_bytes();
                    t[at] = b;
                    assert_eq!(
                        has_markdown_special(&t),
                        MARKDOWN_SPECIAL[usize::from(b)],
                        "{len} {at} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn keys_ignore_spacing_and_punctuation() {
        assert_eq!(key("the diplomatic “talks”"), key("thediplomatic talks"));
        assert_eq!(
            key_hash("the diplomatic “talks”"),
            key_hash("thediplomatic talks")
        );
        assert_ne!(key_hash("talks"), key_hash("walks"));
    }

    #[test]
    fn key_hashes_are_equal_exactly_when_keys_are() {
        // Lengths around the eight-byte words the hash packs.
        let texts = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh0",
            "ABCD efgh",
            "abcd-efgh",
            "abcdefghabcdefgh",
            "abcdefghabcdefg",
            "Ünïcode Straße",
            "ünïcode strasse",
            "Лавров сказал",
            "лавров  сказал!",
            "0",
            "00",
            "000000000",
        ];
        for a in texts {
            assert_eq!(key_hash_len(a).1, key(a).chars().count(), "{a}");
            for b in texts {
                assert_eq!(key_hash(a) == key_hash(b), key(a) == key(b), "{a} / {b}");
            }
        }
    }

    /// The hash of [`key`] fed to the hasher byte by byte: what
    /// [`key_hash_len`] computes without building the key.
    fn key_hash_len_reference(text: &str) -> (u64, usize) {
        let k = key(text);
        let mut h = KeyHasher::default();
        for b in k.bytes() {
            h.push(b);
        }
        (
            h.finish(),
            text.chars().filter(|c| c.is_alphanumeric()).count(),
        )
    }

    #[test]
    fn key_bytes_keep_exactly_the_bytes_a_key_keeps() {
        // Every ASCII byte at every place of a word, between bytes that
        // are kept and bytes that are not, with every count of bytes.
        for b in 0u8..0x80 {
            for fill in [b'a', b'Z', b'5', b' ', b'-', 0x7f] {
                for at in 0..8 {
                    let mut w = [fill; 8];
                    w[at] = b;
                    for ascii in 1..=8 {
                        let text: String = w[..ascii].iter().map(|&c| char::from(c)).collect();
                        let k = key(&text);
                        let (packed, bits) = key_bytes(u64::from_le_bytes(w), ascii);
                        assert_eq!(bits as usize, 8 * k.len(), "{w:?} {ascii}");
                        let mut expected = [0u8; 8];
                        expected[..k.len()].copy_from_slice(k.as_bytes());
                        assert_eq!(packed, u64::from_le_bytes(expected), "{w:?} {ascii}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn key_hashes_agree_with_hashing_the_key_byte_by_byte(
            t in "[a-zA-Z0-9 .,'\\-\t\x00\x7féЛß€\u{130}\u{1d400}]{0,80}",
        ) {
            let (hash, len) = key_hash_len(&t);
            proptest::prop_assert_eq!(hash, key_hash_len_reference(&t).0);
            proptest::prop_assert_eq!(key_hash(&t), hash);
            // Counted per char of the text: "İ" counts once, though it
            // lowercases to two chars.
            proptest::prop_assert_eq!(len, t.chars().filter(|c| c.is_alphanumeric()).count());
        }
    }

    #[test]
    fn key_hashes_read_eight_bytes_at_a_time_exactly_as_byte_by_byte() {
        let pieces = [
            "The harbour authority said",
            " ",
            "Pärnu",
            "“quoted”",
            "—",
            "U.S.-led",
            "12:05",
            "Лавров",
            "x",
            "ÉCOLE",
            "\t",
            "abcdefgh",
        ];
        // Every order of a few pieces, so non-ASCII chars fall at every
        // place of an eight-byte chunk and at the ends.
        let mut texts = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{a}{b}{c}{a}"));
                }
            }
        }
        for t in &texts {
            assert_eq!(key_hash_len(t), key_hash_len_reference(t), "{t:?}");
            assert_eq!(key_hash(t), key_hash_len_reference(t).0, "{t:?}");
        }
    }

    #[test]
    fn lines_left_alone_by_decoding_are_exactly_those_it_would_not_change() {
        let mut lines: Vec<String> = [
            "plain ASCII prose.",
            "Pärnu, Kraków and Лавров — “quoted” …",
            "tab\there",
            "amp & here",
            "soft\u{ad}hyphen",
            "zero\u{200b}width",
            "thin\u{2009}space and\u{2007}figure",
            "narrow\u{202f}nbsp",
            "bom\u{feff}",
            "c1 \u{85} control",
            "del \u{7f}",
            "no\u{a0}break",
            "en\u{2002}space stays",
            "\u{2028} line separator",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every char up to U+3000, alone in a line.
        lines.extend(
            (0u32..0x3000)
                .filter_map(char::from_u32)
                .map(|c| format!("a{c}b")),
        );
        // Odd chars at every place of lines longer than one block.
        for c in [
            '&', '\t', '\u{a0}', '\u{ad}', '\u{200b}', '\u{feff}', '\u{85}', 'é', '“',
        ] {
            for at in 0..70 {
                let mut line = "x".repeat(70);
                line.insert(at, c);
                lines.push(line);
            }
        }
        for line in &lines {
            let changed = match decode(line) {
                Cow::Borrowed(_) => false,
                Cow::Owned(o) => o != *line,
            };
            if changed {
                assert!(needs_decoding(line.as_bytes()), "{line:?}");
            }
            if !needs_decoding(line.as_bytes()) {
                assert!(matches!(decode(line), Cow::Borrowed(_)), "{line:?}");
            }
        }
    }
}
