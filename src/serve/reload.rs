//! Live reload: a Server-Sent Events stream of the site's state, the small
//! script that listens to it, and the error overlay.
//!
//! Every served HTML page gets `<script src="/__gazette/reload.js"
//! data-version="...">` just before `</body>`. The script opens
//! `/__gazette/events`, which sends the current state at once and again
//! after every rebuild: a new version makes the page reload; an error makes
//! it show the overlay. While the build is broken, the overlay is also
//! rendered into every page the server sends, so a page opened then shows it
//! too. Nothing here touches the files the build wrote.

use std::convert::Infallible;
use std::sync::Arc;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use tokio::sync::watch;

use crate::diag::Diagnostics;

/// Where the reload script is served.
pub const SCRIPT_PATH: &str = "/__gazette/reload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__gazette/events";
/// The reload script itself.
pub const SCRIPT: &str = include_str!("reload.js");
/// The `id` of the overlay element.
pub const OVERLAY_ID: &str = "__gazette-overlay";

/// What browsers need to know about the site being served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveState {
    /// Changes with every successful build, and between runs of the server,
    /// so a page from an older build knows to reload.
    pub version: String,
    /// The overlay markup while the last build failed.
    pub error: Option<Arc<str>>,
}

impl LiveState {
    /// The state of a server started at `instance` (any per-run value)
    /// after `builds` successful builds.
    pub fn new(instance: u64, builds: u64) -> Self {
        LiveState {
            version: format!("{instance:x}-{builds}"),
            error: None,
        }
    }

    /// The event sent to browsers for this state.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "version": self.version,
            "error": self.error.as_deref(),
        })
        .to_string()
    }

    /// What goes before `</body>` of each served page.
    pub fn snippet(&self) -> String {
        let mut s = format!(
            "<script src=\"{SCRIPT_PATH}\" data-version=\"{}\"></script>",
            html_escape::encode_double_quoted_attribute(&self.version)
        );
        if let Some(error) = &self.error {
            s.push_str(error);
        }
        s
    }
}

/// The error overlay for a failed build: every diagnostic as `build` prints
/// it, escaped.
pub fn overlay_html(diags: &Diagnostics) -> String {
    let n = diags.errors().count().max(1);
    let mut items = String::new();
    for d in &diags.0 {
        items
            .push_str("<pre style=\"margin:0 0 1em;white-space:pre-wrap;overflow-wrap:anywhere\">");
        items.push_str(&html_escape::encode_text(&d.to_string()));
        items.push_str("</pre>");
    }
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alertdialog\" aria-labelledby=\"{OVERLAY_ID}-title\" \
         style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;\
         box-sizing:border-box;background:rgba(24,24,27,.96);color:#fecaca;\
         font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
         <h2 id=\"{OVERLAY_ID}-title\" style=\"margin:0 0 .5em;font:bold 18px/1.3 system-ui,sans-serif;color:#fca5a5\">\
         The build failed: {n} problem{s}</h2>\
         <p style=\"margin:0 0 1.5em;font:14px/1.5 system-ui,sans-serif;color:#e4e4e7\">\
         The last good site is still being served. Fix the file and save: this page reloads by itself.</p>\
         {items}</div>",
        s = if n == 1 { "" } else { "s" }
    )
}

/// True when a response of this content type gets the reload script.
pub fn is_html(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/html")
}

/// Puts `snippet` just before the last `</body>` of `html` (any case), or
/// at the end when there is none. A page that already has the script is
/// returned as it is.
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    if contains(html, SCRIPT_PATH.as_bytes()) {
        return html.to_vec();
    }
    let at = rfind_ignore_case(html, b"</body").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn rfind_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The event stream for one browser: the current state at once, then every
/// change, until the server shuts down.
pub fn events(
    live: watch::Receiver<LiveState>,
    shutdown: watch::Receiver<bool>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = futures_util::stream::unfold(
        (live, shutdown, true),
        |(mut live, mut shutdown, first)| async move {
            if !first {
                tokio::select! {
                    changed = live.changed() => changed.ok()?,
                    _ = shutdown.wait_for(|stop| *stop) => return None,
                }
            }
            if *shutdown.borrow() {
                return None;
            }
            let state = live.borrow_and_update().clone();
            let mut event = Event::default().event("state").data(state.to_json());
            if first {
                // Reconnect quickly when the server restarts.
                event = event.retry(std::time::Duration::from_millis(1000));
            }
            Some((Ok(event), (live, shutdown, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    const SNIPPET: &str = "<script src=\"/__gazette/reload.js\"></script>";

    #[test]
    fn injects_just_before_the_closing_body_tag() {
        let html = b"<html><body><p>Talks resume</p></body></html>";
        let out = String::from_utf8(inject(html, SNIPPET)).unwrap();
        assert_eq!(
            out,
            format!("<html><body><p>Talks resume</p>{SNIPPET}</body></html>")
        );
    }

    #[test]
    fn injects_before_the_last_body_tag_in_any_case() {
        let html = b"<BODY><pre>&lt;/body&gt; </body> quoted</pre></BODY >\n";
        let out = String::from_utf8(inject(html, SNIPPET)).unwrap();
        assert!(out.ends_with(&format!("{SNIPPET}</BODY >\n")), "{out}");
        assert_eq!(out.matches(SNIPPET).count(), 1);
    }

    #[test]
    fn appends_when_there_is_no_body_tag() {
        let out = String::from_utf8(inject(b"<p>Fragment", SNIPPET)).unwrap();
        assert_eq!(out, format!("<p>Fragment{SNIPPET}"));
    }

    #[test]
    fn injects_only_once() {
        let once = inject(b"<body></body>", SNIPPET);
        assert_eq!(inject(&once, SNIPPET), once);
    }

    #[test]
    fn keeps_bytes_that_are_not_utf8() {
        let html = b"<body>caf\xe9</body>";
        let out = inject(html, "X");
        assert_eq!(out, b"<body>caf\xe9X</body>");
    }

    #[test]
    fn only_html_content_types_get_the_script() {
        assert!(is_html("text/html"));
        assert!(is_html("text/html; charset=utf-8"));
        assert!(is_html("TEXT/HTML"));
        assert!(!is_html("text/css"));
        assert!(!is_html("application/atom+xml"));
        assert!(!is_html("application/xhtml+xml-ish"));
        assert!(!is_html(""));
    }

    #[test]
    fn overlay_names_file_and_line_and_escapes_text() {
        let diags: Diagnostics = Diagnostic::error("unknown field `<script>alert(1)</script>`")
            .at("content/2022/talks & news.md")
            .line_col(3, 1)
            .cause("did you mean `title`?")
            .into();
        let html = overlay_html(&diags);
        assert!(
            html.contains("content/2022/talks &amp; news.md:3:1: unknown field `&lt;script&gt;"),
            "{html}"
        );
        assert!(html.contains("caused by: did you mean `title`?"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("1 problem<"));
        assert!(html.starts_with(&format!("<div id=\"{OVERLAY_ID}\"")));
    }

    #[test]
    fn snippet_carries_the_version_and_the_overlay_while_broken() {
        let mut state = LiveState::new(0xabc, 2);
        assert_eq!(
            state.snippet(),
            "<script src=\"/__gazette/reload.js\" data-version=\"abc-2\"></script>"
        );
        state.error = Some(Arc::from("<div id=\"__gazette-overlay\">x</div>"));
        assert!(
            state
                .snippet()
                .ends_with("<div id=\"__gazette-overlay\">x</div>")
        );
        let json: serde_json::Value = serde_json::from_str(&state.to_json()).unwrap();
        assert_eq!(json["version"], "abc-2");
        assert_eq!(json["error"], "<div id=\"__gazette-overlay\">x</div>");
    }
}
