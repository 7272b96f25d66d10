//! Property tests: the content pass never panics, and no capture text can
//! reach a body as live markup.

use gazette::config::Config;
use gazette::ingest::ingest;
use gazette::source::SourceFile;
use proptest::prelude::*;

/// Every `<` in a body is backslash-escaped.
fn no_unescaped_lt(body: &str) -> bool {
    let mut prev_backslashes = 0usize;
    for c in body.chars() {
        if c == '<' && prev_backslashes.is_multiple_of(2) {
            return false;
        }
        if c == '\\' {
            prev_backslashes += 1;
        } else {
            prev_backslashes = 0;
        }
    }
    true
}

/// Lines that look like pieces of real captures, to reach deep paths.
fn capture_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("8:49 a.m. ET, January 21, 2022".to_string()),
        Just("Updated 9:06 p.m. ET, March 13, 2022".to_string()),
        Just("By Ana Lima and Tom Reed, WNN".to_string()),
        Just("From WNN's Karl Berg in Tallinn".to_string()),
        Just("  • Oops!".to_string()),
        Just("In this article:".to_string()),
        Just("Recommended Stories".to_string()),
        Just("20220121".to_string()),
        Just("https://wnn.example/a/b".to_string()),
        Just(" date 2022-01-21 Talks resume".to_string()),
        Just("With reporting by AP and Reuters".to_string()),
        Just(
            "The minister said the <script>talks</script> would go on & on, officials said."
                .to_string()
        ),
        "[A-Za-z<>&#*_ .,:;'\"()/|•-]{0,80}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_or_leaks_markup(text in any::<String>()) {
        let (entries, _) = ingest(&[SourceFile::from_text("x.txt", text)], &Config::default());
        for e in &entries {
            prop_assert!(no_unescaped_lt(&e.body), "{}", e.body);
        }
    }

    #[test]
    fn capture_like_text_never_panics_or_leaks_markup(
        a in prop::collection::vec(capture_line(), 0..40),
        b in prop::collection::vec(capture_line(), 0..40),
    ) {
        let sources = vec![
            SourceFile::from_text("a.txt", a.join("\n")),
            SourceFile::from_text("b.txt", b.join("\n")),
        ];
        let (entries, _) = ingest(&sources, &Config::default());
        for e in &entries {
            prop_assert!(no_unescaped_lt(&e.body), "{}", e.body);
            prop_assert!(!e.captured_from.is_empty());
        }
    }
}
