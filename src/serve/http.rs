//! The HTTP side of `gazette serve`: files from the output folder, and
//! nothing else.
//!
//! A request path is checked before it comes near the file system
//! ([`request_segments`]): `..`, `.`, backslashes, NUL and encoded slashes
//! are refused, whether written plainly or percent-encoded. What is left is
//! joined under the output folder, canonicalized and checked to still be
//! inside it, so a symlink pointing out of the site serves nothing.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tokio::sync::watch;

use super::reload::{self, LiveState};

/// What the server shares with every request.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The folder the site is built into.
    pub output: PathBuf,
    /// The site's state, for the reload script and the overlay.
    pub live: watch::Receiver<LiveState>,
    /// Becomes true when the server shuts down, to end event streams.
    pub shutdown: watch::Receiver<bool>,
}

/// The axum app: every path goes through one handler, so the method check
/// and the path checks cannot be bypassed by a route.
pub fn router(state: AppState) -> Router {
    Router::new().fallback(handle).with_state(Arc::new(state))
}

/// Where a request path leads inside the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// This file (canonical, inside the output folder).
    File(PathBuf),
    /// A folder asked for without its trailing slash: go to this path.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// A path no browser sends for a page of the site.
    BadRequest,
}

/// Splits a raw (still percent-encoded) request path into decoded names,
/// or `None` when it tries to leave the folder it is resolved in or hides a
/// separator: `..` and `.` segments, `%2e%2e`, `%2f`, `%5c`, backslashes,
/// NUL, drive letters, invalid UTF-8. Empty segments (`//`) are dropped.
pub fn request_segments(raw: &str) -> Option<Vec<String>> {
    if !raw.starts_with('/') || raw.contains(['\\', '\0']) {
        return None;
    }
    let mut out = Vec::new();
    for seg in raw.split('/').filter(|s| !s.is_empty()) {
        let lower = seg.to_ascii_lowercase();
        // An encoded separator would turn one segment into several after
        // decoding, dodging the `..` check below.
        if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
            return None;
        }
        let name = percent_decode_str(seg).decode_utf8().ok()?;
        if name.contains(['/', '\\', '\0']) {
            return None;
        }
        // Exactly one plain name: rejects `.`, `..`, and on Windows `C:`.
        let mut comps = Path::new(name.as_ref()).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(n)), None) if n == name.as_ref() => {}
            _ => return None,
        }
        out.push(name.into_owned());
    }
    Some(out)
}

/// Finds the file a request path names under `output`. A folder serves its
/// `index.html`; a folder asked for without its trailing slash redirects.
pub fn resolve(output: &Path, raw: &str) -> Resolved {
    let Some(names) = request_segments(raw) else {
        return Resolved::BadRequest;
    };
    let Ok(base) = output.canonicalize() else {
        return Resolved::NotFound;
    };
    let mut path = base.clone();
    path.extend(&names);
    let Some(real) = inside(&base, &path) else {
        return Resolved::NotFound;
    };
    let Ok(meta) = real.metadata() else {
        return Resolved::NotFound;
    };
    if meta.is_dir() {
        if !raw.ends_with('/') {
            // Rebuilt from the segments so `//host` can never become a
            // redirect to another site.
            let mut to = String::from("/");
            for seg in raw.split('/').filter(|s| !s.is_empty()) {
                to.push_str(seg);
                to.push('/');
            }
            return Resolved::Redirect(to);
        }
        return match inside(&base, &real.join("index.html")) {
            Some(index) if index.is_file() => Resolved::File(index),
            _ => Resolved::NotFound,
        };
    }
    if meta.is_file() && !raw.ends_with('/') {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// `path` canonicalized, when it exists and is inside `base` (canonical).
fn inside(base: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    real.starts_with(base).then_some(real)
}

/// The content type to send for a file name.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || essence.ends_with("+xml")
        || essence == "application/javascript"
        || essence == "application/json"
        || essence == "application/xml";
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

async fn handle(State(app): State<Arc<AppState>>, req: Request) -> Response {
    let head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !head {
        let mut res = text(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return finish(res, head);
    }
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let res = match path.as_str() {
        reload::SCRIPT_PATH => bytes(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            reload::SCRIPT.as_bytes().to_vec(),
        ),
        reload::EVENTS_PATH => {
            let mut res = reload::events(app.live.clone(), app.shutdown.clone()).into_response();
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            return if head { strip_body(res) } else { res };
        }
        _ => serve_file(&app, path, query).await,
    };
    finish(res, head)
}

async fn serve_file(app: &AppState, path: String, query: Option<String>) -> Response {
    let output = app.output.clone();
    let found = tokio::task::spawn_blocking(move || match resolve(&output, &path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(body) => Found::File(file, body),
            Err(_) => Found::Page(not_found_page(&output)),
        },
        Resolved::Redirect(to) => Found::Redirect(to),
        Resolved::NotFound => Found::Page(not_found_page(&output)),
        Resolved::BadRequest => Found::Bad,
    })
    .await;
    match found {
        Ok(Found::File(file, body)) => page(app, StatusCode::OK, &content_type(&file), body),
        Ok(Found::Page(body)) => page(app, StatusCode::NOT_FOUND, "text/html; charset=utf-8", body),
        Ok(Found::Redirect(mut to)) => {
            if let Some(q) = query {
                to.push('?');
                to.push_str(&q);
            }
            let mut res = text(StatusCode::FOUND, "302 Found\n");
            if let Ok(v) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Ok(Found::Bad) => text(StatusCode::BAD_REQUEST, "400 Bad Request\n"),
        Err(_) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 Internal Server Error\n",
        ),
    }
}

enum Found {
    File(PathBuf, Vec<u8>),
    Page(Vec<u8>),
    Redirect(String),
    Bad,
}

/// The site's own `404.html`, or a plain page when it has none yet (the
/// first build failed), which still gets the reload script and overlay.
fn not_found_page(output: &Path) -> Vec<u8> {
    let page = output
        .canonicalize()
        .ok()
        .and_then(|base| inside(&base, &base.join("404.html")))
        .and_then(|p| std::fs::read(p).ok());
    page.unwrap_or_else(|| {
        b"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
          <body><main><h1>Not found</h1><p>There is no page at this address.</p></main></body></html>\n"
            .to_vec()
    })
}

/// A file's bytes, with the reload script injected when it is HTML.
fn page(app: &AppState, status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let body = if reload::is_html(content_type) {
        let snippet = app.live.borrow().snippet();
        reload::inject(&body, &snippet)
    } else {
        body
    };
    bytes(status, content_type, body)
}

fn text(status: StatusCode, body: &'static str) -> Response {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn bytes(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// Sets `Content-Length`, and drops the body for HEAD.
fn finish(res: Response, head: bool) -> Response {
    let (mut parts, body) = res.into_parts();
    let len = axum::body::HttpBody::size_hint(&body).exact();
    if let Some(len) = len {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    if head {
        Response::from_parts(parts, Body::empty())
    } else {
        Response::from_parts(parts, body)
    }
}

fn strip_body(res: Response) -> Response {
    let (parts, _) = res.into_parts();
    Response::from_parts(parts, Body::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir_all(out.join("2022/01/21/talks-resume")).unwrap();
        std::fs::write(
            out.join("2022/01/21/talks-resume/index.html"),
            "<p>Talks</p>",
        )
        .unwrap();
        std::fs::write(out.join("index.html"), "<p>Home</p>").unwrap();
        std::fs::write(out.join("style.css"), "body{}").unwrap();
        std::fs::create_dir_all(out.join("empty")).unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "the password").unwrap();
        let out = out.canonicalize().unwrap();
        (tmp, out)
    }

    #[test]
    fn splits_and_decodes_plain_paths() {
        assert_eq!(request_segments("/"), Some(vec![]));
        assert_eq!(
            request_segments("/2022/01//caf%C3%A9%20noir/"),
            Some(vec!["2022".into(), "01".into(), "café noir".into()])
        );
        // Double encoding decodes once: a harmless literal name.
        assert_eq!(
            request_segments("/%252e%252e/x"),
            Some(vec!["%2e%2e".into(), "x".into()])
        );
        assert_eq!(request_segments("/...x"), Some(vec!["...x".into()]));
    }

    #[test]
    fn refuses_every_traversal_form() {
        for raw in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/..",
            "/./index.html",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/%2e./secret.txt",
            "/..%2fsecret.txt",
            "/..%2Fsecret.txt",
            "/..%5csecret.txt",
            "/..%5Csecret.txt",
            "/a%00.html",
            "/..\\secret.txt",
            "/\\secret.txt",
            "/a\0b",
            "/%ff%fe",
            "relative/path",
            "",
        ] {
            assert_eq!(request_segments(raw), None, "{raw:?} must be refused");
        }
    }

    #[test]
    fn resolves_files_and_folder_indexes() {
        let (_tmp, out) = site();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(
            resolve(&out, "/2022/01/21/talks-resume/"),
            Resolved::File(out.join("2022/01/21/talks-resume/index.html"))
        );
        assert_eq!(
            resolve(&out, "/style.css"),
            Resolved::File(out.join("style.css"))
        );
        assert_eq!(resolve(&out, "/style.css/"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/empty/"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/missing.html"), Resolved::NotFound);
    }

    #[test]
    fn redirects_folders_to_their_trailing_slash() {
        let (_tmp, out) = site();
        assert_eq!(
            resolve(&out, "/2022/01"),
            Resolved::Redirect("/2022/01/".into())
        );
        // Never a scheme-relative `//host/` redirect.
        assert_eq!(resolve(&out, "//2022"), Resolved::Redirect("/2022/".into()));
    }

    #[test]
    fn absolute_paths_stay_inside_the_output() {
        let (tmp, out) = site();
        let secret = tmp.path().join("secret.txt");
        let raw = format!("/{}", secret.display());
        assert_eq!(resolve(&out, &raw), Resolved::NotFound);
        assert_eq!(resolve(&out, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/etc/passwd"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_output_serve_nothing() {
        let (tmp, out) = site();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("style.css"), out.join("alias.css")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/"), Resolved::NotFound);
        // A link that stays inside is fine.
        assert_eq!(
            resolve(&out, "/alias.css"),
            Resolved::File(out.join("style.css"))
        );
    }

    proptest::proptest! {
        /// Whatever the request, the names it resolves to are plain names,
        /// so joining them under the output can only go down.
        #[test]
        fn accepted_paths_only_ever_go_down(raw in "/[a-z./%25cC2fF5eE\\\\]{0,24}") {
            if let Some(names) = request_segments(&raw) {
                let base = Path::new("/srv/out");
                let mut p = base.to_path_buf();
                p.extend(&names);
                let mut depth = 0usize;
                for c in p.strip_prefix(base).unwrap().components() {
                    proptest::prop_assert!(matches!(c, Component::Normal(_)), "{raw:?} -> {c:?}");
                    depth += 1;
                }
                proptest::prop_assert_eq!(depth, names.len());
            }
        }
    }

    #[test]
    fn guesses_content_types_with_charsets_for_text() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("style.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("atom.xml")),
            "text/xml; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("logo.png")), "image/png");
        assert_eq!(
            content_type(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }
}
