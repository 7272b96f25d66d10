//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough,
//! smart punctuation and heading anchors; fenced code highlighted by syntect
//! as CSS classes, so a theme's stylesheet (light and dark) colours it.

use std::collections::{HashSet, VecDeque};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of syntect's CSS classes, so they never clash with a theme's own.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Loading the syntax set takes milliseconds; do it once per process.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders Markdown to HTML. Raw HTML in the text passes through, as a
/// site's own entries are trusted.
pub fn render(text: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Rewrite {
        inner: Parser::new_ext(text, options),
        ids: HashSet::new(),
        pending: VecDeque::new(),
    };
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The parser's events with headings given unique anchor ids and fenced
/// code highlighted. Streams: only a heading's or a code block's own events
/// are held, never the whole document's.
struct Rewrite<'a, I> {
    inner: I,
    ids: HashSet<String>,
    pending: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Rewrite<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        match self.inner.next()? {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        // The heading's events are needed for its text, and
                        // come after the start tag that carries the id.
                        let mut text = String::new();
                        for e in self.inner.by_ref() {
                            let end = matches!(e, Event::End(TagEnd::Heading(_)));
                            if let Event::Text(t) | Event::Code(t) = &e {
                                text.push_str(t);
                            }
                            self.pending.push_back(e);
                            if end {
                                break;
                            }
                        }
                        self.unique_id(&text)
                    }
                };
                self.ids.insert(id.clone());
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let mut code = String::new();
                for e in self.inner.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                Some(Event::Html(CowStr::from(highlight(&code, lang))))
            }
            e => Some(e),
        }
    }
}

impl<I> Rewrite<'_, I> {
    /// An anchor id for a heading with this text, unlike any before it.
    fn unique_id(&self, text: &str) -> String {
        let base = crate::entry::slugify(text);
        let base = if base.is_empty() {
            "section".into()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// Highlights one code block; unknown languages are escaped as plain text.
fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = (!lang.is_empty())
        .then(|| set.find_syntax_by_token(lang))
        .flatten();
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            html_escape::encode_double_quoted_attribute(lang)
        )
    };
    let Some(syntax) = syntax else {
        return format!(
            "<pre><code{lang_attr}>{}</code></pre>\n",
            html_escape::encode_text(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre><code{lang_attr}>{}</code></pre>\n",
                html_escape::encode_text(code)
            );
        }
    }
    format!(
        "<pre class=\"highlight\"><code{lang_attr}>{}</code></pre>\n",
        generator.finalize()
    )
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let mut css = String::new();
    if let Some(light) = themes.themes.get("InspiredGitHub")
        && let Ok(s) = css_for_theme_with_class_style(light, CLASS_STYLE)
    {
        css.push_str(&s);
    }
    if let Some(dark) = themes.themes.get("base16-ocean.dark")
        && let Ok(s) = css_for_theme_with_class_style(dark, CLASS_STYLE)
    {
        css.push_str("\n@media (prefers-color-scheme: dark) {\n");
        css.push_str(&s);
        css.push_str("\n}\n");
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchor_ids() {
        let html = render("## Talks end\n\ntext\n\n## Talks end\n");
        assert!(html.contains("<h2 id=\"talks-end\">"), "{html}");
        assert!(html.contains("<h2 id=\"talks-end-2\">"), "{html}");
    }

    #[test]
    fn explicit_ids_count_and_heading_text_includes_inline_code() {
        let html = render(
            "# Intro {#intro}\n\n## Intro\n\n```rust\nlet x = 1;\n```\n\n## The `port` talks\n\nEnd.\n",
        );
        assert!(html.contains("<h1 id=\"intro\">Intro</h1>"), "{html}");
        assert!(html.contains("<h2 id=\"intro-2\">Intro</h2>"), "{html}");
        assert!(
            html.contains("<h2 id=\"the-port-talks\">The <code>port</code> talks</h2>"),
            "{html}"
        );
        assert!(html.contains("<pre class=\"highlight\">"), "{html}");
        assert!(html.ends_with("<p>End.</p>\n"), "{html}");
    }

    #[test]
    fn renders_tables_footnotes_strikethrough_and_smart_quotes() {
        let html =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"new\"[^1]\n\n[^1]: A note.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("\u{201c}new\u{201d}"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let html = render("```rust\nfn main() { let x = 1; }\n```\n");
        assert!(html.contains("<pre class=\"highlight\">"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn code_in_unknown_languages_is_escaped() {
        let html = render("```nosuchlang\n<b>&\n```\n");
        assert!(html.contains("&lt;b&gt;&amp;"), "{html}");
    }

    #[test]
    fn raw_html_passes_through() {
        let html = render("<aside class=\"note\">Hi</aside>\n");
        assert!(html.contains("<aside class=\"note\">Hi</aside>"), "{html}");
    }

    #[test]
    fn stylesheet_has_a_dark_variant() {
        let css = highlight_css();
        assert!(css.contains(".hl-"), "no classes");
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
