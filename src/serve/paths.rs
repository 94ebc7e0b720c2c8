//! Request paths to keys of the published site. Nothing here touches the file system: a path
//! that tries to leave the site (`..`, encoded slashes, NUL, `//`) is refused outright.

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A file of the site, by its path relative to the output folder (`a/b/index.html`).
    File(String),
    /// A path that tries to leave the site or is malformed: answered with a bare 404.
    Refused,
}

/// The file a raw request path (as sent, before any decoding) asks for, below `base_path`
/// (the path of `base_url`, e.g. `/handboek/`; a request without that prefix is looked up as is).
pub fn lookup(raw: &str, base_path: &str) -> Lookup {
    let lower = raw.to_ascii_lowercase();
    if !raw.starts_with('/') || lower.contains("%2f") || lower.contains("%5c") {
        return Lookup::Refused;
    }
    let Some(path) = crate::url_path::decode(raw) else {
        return Lookup::Refused;
    };
    if path.contains(['\\', '\0']) || path.contains("//") {
        return Lookup::Refused;
    }
    let base = base_path.trim_end_matches('/');
    let rest = match path.strip_prefix(base) {
        Some(r) if !base.is_empty() && (r.is_empty() || r.starts_with('/')) => r,
        _ => path.as_str(),
    };
    let rest = rest.trim_start_matches('/');
    let segments: Vec<&str> = rest.split('/').collect();
    let (last, dirs) = segments.split_last().unwrap_or((&"", &[]));
    if dirs.iter().any(|s| s.is_empty()) {
        return Lookup::Refused;
    }
    if segments
        .iter()
        .any(|s| *s == "." || *s == ".." || s.starts_with(".handboek"))
    {
        return Lookup::Refused;
    }
    if last.is_empty() {
        Lookup::File(format!("{rest}index.html"))
    } else {
        Lookup::File(rest.to_string())
    }
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(s: &str) -> Lookup {
        Lookup::File(s.to_string())
    }

    #[test]
    fn maps_folders_to_their_index() {
        assert_eq!(lookup("/", "/"), file("index.html"));
        assert_eq!(lookup("/a/b/", "/"), file("a/b/index.html"));
        assert_eq!(lookup("/style.css", "/"), file("style.css"));
        assert_eq!(lookup("/caf%C3%A9/", "/"), file("café/index.html"));
    }

    #[test]
    fn strips_the_base_path_when_present() {
        assert_eq!(lookup("/handboek/a/", "/handboek/"), file("a/index.html"));
        assert_eq!(lookup("/handboek", "/handboek/"), file("index.html"));
        assert_eq!(lookup("/a/", "/handboek/"), file("a/index.html"));
        assert_eq!(
            lookup("/handboekx/", "/handboek/"),
            file("handboekx/index.html")
        );
    }

    #[test]
    fn refuses_every_way_out() {
        for raw in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2f..%2fetc/passwd",
            "/a%2Fb",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "//etc/passwd",
            "/a//b",
            "/./a",
            "/%00",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "/.handboek/build.json",
            "etc/passwd",
        ] {
            assert_eq!(lookup(raw, "/"), Lookup::Refused, "{raw}");
        }
    }

    #[test]
    fn knows_common_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.3f2a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
