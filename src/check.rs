//! `gazette check`: everything `build` would read, validated; nothing written.
//!
//! It loads the config, every entry and the templates, renders every page
//! in memory and checks that every internal link of every page points at a
//! page or file the build would write.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use crate::diag::{Diagnostic, Diagnostics};
use crate::render::Renderer;

/// Checks the site at `root`. Returns the warnings on success.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    let prepared = crate::build::prepare(root, None, false)?;
    let specs = crate::render::plan(&prepared.site, &prepared.theme);
    let renderer = Renderer::new(&prepared.site, &prepared.theme, &specs)?;
    let links: Mutex<Vec<(String, Vec<String>)>> = Mutex::new(Vec::new());
    crate::build::render_all(&renderer, &specs, |spec, bytes| {
        if spec.path.ends_with(".html") {
            let found = internal_links(&String::from_utf8_lossy(&bytes));
            if let Ok(mut l) = links.lock() {
                l.push((spec.path.clone(), found));
            }
        }
        Ok(())
    })?;

    let mut files: HashSet<String> = specs.iter().map(|s| s.path.clone()).collect();
    files.extend(
        crate::theme::DEFAULT_STATIC
            .iter()
            .map(|(n, _)| n.to_string()),
    );
    files.insert("syntax.css".into());
    for dir in &prepared.theme.static_dirs {
        if dir.is_dir() {
            for item in walkdir::WalkDir::new(dir).into_iter().flatten() {
                if item.file_type().is_file()
                    && let Ok(rel) = item.path().strip_prefix(dir)
                {
                    files.insert(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    let base = prepared.site.config.base_path();
    let mut diags = Diagnostics::new();
    let mut pages = links.into_inner().unwrap_or_default();
    pages.sort();
    for (page, found) in pages {
        for link in found {
            if !resolves(&link, &base, &files) {
                diags.push(
                    Diagnostic::error(format!("broken link to `{link}`"))
                        .at(page.clone())
                        .cause("no page or file of the site has this address"),
                );
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(prepared.warnings)
}

/// The `href` and `src` values of a page that point into the site: absolute
/// paths (`/news/2022/`), without fragments or queries.
pub fn internal_links(html: &str) -> Vec<String> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r#"(?:href|src)\s*=\s*"([^"]*)""#).unwrap_or_else(|_| unreachable!())
    });
    re.captures_iter(html)
        .filter_map(|c| c.get(1))
        .map(|m| html_escape::decode_html_entities(m.as_str()).into_owned())
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .map(|l| {
            let end = l.find(['#', '?']).unwrap_or(l.len());
            l[..end].to_string()
        })
        .collect()
}

/// Whether an absolute link resolves to one of `files` (output-relative
/// paths) under `base` (the base path, `/` or `/news/`).
pub fn resolves(link: &str, base: &str, files: &HashSet<String>) -> bool {
    let Some(rel) = link
        .strip_prefix(base)
        .or_else(|| (link.len() + 1 == base.len() && base.starts_with(link)).then_some(""))
    else {
        return false;
    };
    if rel.is_empty() || rel.ends_with('/') {
        files.contains(&format!("{rel}index.html"))
    } else {
        files.contains(rel) || files.contains(&format!("{rel}/index.html"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_internal_links_only() {
        let l = internal_links(
            r#"<a href="/news/2022/#x">a</a><a href="https://example.org/">b</a><img src="/news/a.png"><a href="//cdn.example/x">"#,
        );
        assert_eq!(l, ["/news/2022/", "/news/a.png"]);
    }

    #[test]
    fn links_resolve_to_index_files_under_the_base_path() {
        let files: HashSet<String> = ["index.html", "2022/index.html", "style.css"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(resolves("/news/", "/news/", &files));
        assert!(resolves("/news/2022/", "/news/", &files));
        assert!(resolves("/news/style.css", "/news/", &files));
        assert!(!resolves("/news/2023/", "/news/", &files));
        assert!(!resolves("/2022/", "/news/", &files));
    }
}
