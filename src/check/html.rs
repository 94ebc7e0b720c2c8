//! Links in rendered HTML, read in memory: every `href` and `src`, resolved against the page's
//! place in the output, so links that templates write are checked like links in Markdown.

use std::collections::{BTreeMap, HashMap, HashSet};

/// One link found in an HTML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    /// As written, entities decoded.
    pub href: String,
    /// The output file it points to, or `None` when it leaves the site.
    pub target: Option<String>,
    pub anchor: Option<String>,
}

/// Every `href="…"` and `src="…"` value in `html`, entities decoded.
pub fn attribute_urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let before = rest[..i].chars().last();
            rest = &rest[i + attr.len()..];
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = rest[1..].find(quote) else {
                break;
            };
            out.push(decode_entities(&rest[1..1 + end]));
            rest = &rest[1 + end..];
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Resolve `href`, written in output file `from` (`a/b/index.html`), to an output path.
/// `base_path` is the path of `base_url` (`/` or `/handboek/`), for absolute links.
pub fn resolve(from: &str, href: &str, base_path: &str) -> Option<HtmlLink> {
    if crate::markdown::links::is_external(href) {
        return None;
    }
    let (rest, anchor) = match href.split_once('#') {
        Some((r, a)) => (r, Some(a).filter(|a| !a.is_empty())),
        None => (href, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    let anchor = anchor.map(|a| crate::url_path::decode(a).unwrap_or_else(|| a.into()));
    let link = |target| HtmlLink {
        href: href.to_string(),
        target,
        anchor: anchor.clone(),
    };
    if rest.is_empty() {
        return Some(link(Some(from.to_string())));
    }
    let decoded = crate::url_path::decode(rest).unwrap_or_else(|| rest.to_string());
    let joined = if let Some(abs) = decoded.strip_prefix('/') {
        let base = base_path.trim_matches('/');
        let abs = abs
            .strip_prefix(base)
            .unwrap_or(abs)
            .trim_start_matches('/');
        abs.to_string()
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.is_empty() {
            decoded
        } else {
            format!("{dir}/{decoded}")
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(link(None));
                }
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if joined.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(link(Some(path)))
}

/// Whether `html` has an element with `id="anchor"` (or `name="anchor"`).
pub fn has_anchor(html: &str, anchor: &str) -> bool {
    html.contains(&format!("id=\"{anchor}\"")) || html.contains(&format!("name=\"{anchor}\""))
}

/// The output paths reachable by following links from `start`.
pub fn reachable(start: &str, html: &BTreeMap<String, String>, base_path: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_string()];
    let mut cache: HashMap<String, Vec<String>> = HashMap::new();
    while let Some(key) = stack.pop() {
        if !seen.insert(key.clone()) {
            continue;
        }
        let Some(text) = html.get(&key) else { continue };
        let targets = cache.entry(key.clone()).or_insert_with(|| {
            attribute_urls(text)
                .iter()
                .filter_map(|h| resolve(&key, h, base_path)?.target)
                .collect()
        });
        for t in targets.iter() {
            let t = if html.contains_key(t) {
                t.clone()
            } else {
                format!("{t}/index.html")
            };
            if html.contains_key(&t) && !seen.contains(&t) {
                stack.push(t);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quoted_attributes() {
        let html = r#"<a href="../x/">x</a><img src='y.png' alt=""><a data-href="no">"#;
        assert_eq!(attribute_urls(html), vec!["../x/", "y.png"]);
    }

    #[test]
    fn resolves_relative_absolute_and_anchors() {
        let r = |h| resolve("a/b/index.html", h, "/hb/").and_then(|l| l.target);
        assert_eq!(r("../c/").as_deref(), Some("a/c/index.html"));
        assert_eq!(r("../../").as_deref(), Some("index.html"));
        assert_eq!(r("/hb/x/").as_deref(), Some("x/index.html"));
        assert_eq!(r("s.css?v=1").as_deref(), Some("a/b/s.css"));
        assert_eq!(r("../../../weg/"), None);
        assert!(resolve("a/index.html", "https://x.nl/", "/").is_none());
        let l = resolve("a/index.html", "#doel", "/").unwrap();
        assert_eq!(
            (l.target.as_deref(), l.anchor.as_deref()),
            (Some("a/index.html"), Some("doel"))
        );
    }
}
