//! Text in and out: HTML entities decoded on the way in, Markdown escaped on
//! the way out, so capture text can never become markup.

use std::borrow::Cow;

/// Decodes HTML entities (`&#39;`, `&amp;`, `&nbsp;` ...) and turns the odd
/// spaces of web pages (no-break, thin, zero-width) into plain ones.
///
/// Decoding runs twice because captures often hold doubly escaped text
/// (`&amp;#39;`).
pub fn decode(line: &str) -> Cow<'_, str> {
    if line.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'&') {
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

/// Escapes one paragraph of plain text as Markdown prose: every character
/// Markdown or HTML would interpret is backslash-escaped, so the rendered
/// text is exactly the captured text. `<` always comes out as `\<`.
pub fn markdown(text: &str) -> String {
    // Most prose holds nothing to escape.
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'&'
                | b'|'
                | b'~'
                | b'$'
                | b'!'
                | b'\n'
                | b'\r'
        )
    };
    let starts_plain = text
        .trim_start()
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'"' || b == b'\'' || b >= 0x80);
    if starts_plain && text == text.trim() && !text.bytes().any(special) {
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
/// counting and indexing lines and sentences.
pub fn key_hash(text: &str) -> u64 {
    key_hash_len(text).0
}

/// [`key_hash`] and the number of characters in the key.
pub fn key_hash_len(text: &str) -> (u64, usize) {
    // FNV-1a over the normalised characters.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut n = 0usize;
    let mut feed = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    // ASCII bytes are handled one by one; only the rest is decoded.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                n += 1;
                feed(b.to_ascii_lowercase());
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            n += 1;
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    feed(b);
                }
            }
        }
    }
    (h, n)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn keys_ignore_spacing_and_punctuation() {
        assert_eq!(key("the diplomatic “talks”"), key("thediplomatic talks"));
        assert_eq!(
            key_hash("the diplomatic “talks”"),
            key_hash("thediplomatic talks")
        );
        assert_ne!(key_hash("talks"), key_hash("walks"));
    }
}
