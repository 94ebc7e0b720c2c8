//! URL paths, one home for the whole program: percent-decoding and -encoding (on the
//! `percent-encoding` crate) and the path part of `base_url`. Used by the Markdown links, the
//! sitemap, the link check and the dev server.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// What stays as written in a URL path: letters, digits and `/-_.~`; every other byte is escaped.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A file path as it must be written in a URL: `Één map/a b.png` → `%C3%89%C3%A9n%20map/a%20b.png`.
pub fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Decode `%XX` escapes strictly: `None` when an escape is broken (`%`, `%a`, `%zz`) or the
/// bytes are not UTF-8. For request paths, where anything odd is refused.
pub fn decode(s: &str) -> Option<String> {
    if has_broken_escape(s) {
        return None;
    }
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Decode the escapes editors write in link targets (`Mijn%20pagina.md`); a broken escape stays
/// as written, and a result that is not UTF-8 gives back `s` unchanged.
pub fn decode_or_keep(s: &str) -> String {
    match percent_decode_str(s).decode_utf8() {
        Ok(c) => c.into_owned(),
        Err(_) => s.to_string(),
    }
}

/// Whether some `%` is not followed by two hex digits.
fn has_broken_escape(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    })
}

/// The path part of a base URL (`https://intranet/handboek/` → `/handboek/`), with a slash at
/// both ends.
pub fn base_path(base_url: &str) -> String {
    let rest = match base_url.split_once("://") {
        Some((_, r)) => r.find('/').map_or("/", |i| &r[i..]),
        None => base_url,
    };
    let mut p = rest.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Makes URLs (relative to the site root) usable from one page: every URL in a page is relative,
/// so one folder works at `/`, under a sub-path and from disk.
#[derive(Debug, Clone)]
pub struct Linker {
    /// `../../` to the site root, or the absolute base URL for pages served at any path (404).
    pub root: String,
}

impl Linker {
    /// The linker of the page at `url` (relative to the site root, ending in `/`).
    pub fn for_url(url: &str) -> Linker {
        Linker {
            root: "../".repeat(url.matches('/').count()),
        }
    }

    pub fn link(&self, url: &str) -> String {
        if url.is_empty() && self.root.is_empty() {
            "./".into()
        } else {
            format!("{}{url}", self.root)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_path_cannot_hold() {
        assert_eq!(encode("a b/Één.png"), "a%20b/%C3%89%C3%A9n.png");
        assert_eq!(encode("x-y_z.~/q?#%"), "x-y_z.~/q%3F%23%25");
    }

    #[test]
    fn strict_decoding_refuses_broken_escapes() {
        assert_eq!(decode("/caf%C3%A9/").as_deref(), Some("/café/"));
        for s in ["%", "%a", "%zz", "%aé", "%a€", "%c0%ae", "a%2"] {
            assert_eq!(decode(s), None, "{s}");
        }
    }

    #[test]
    fn lenient_decoding_never_panics_and_keeps_what_it_cannot_read() {
        assert_eq!(decode_or_keep("Mijn%20pagina.md"), "Mijn pagina.md");
        assert_eq!(decode_or_keep("%aé.md"), "%aé.md");
        assert_eq!(decode_or_keep("%a€.png"), "%a€.png");
        assert_eq!(decode_or_keep("%ff.md"), "%ff.md");
        assert_eq!(decode_or_keep("50%"), "50%");
    }

    #[test]
    fn base_path_has_slashes_at_both_ends() {
        assert_eq!(base_path("https://intranet/handboek"), "/handboek/");
        assert_eq!(base_path("https://intranet"), "/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path("handboek/"), "/handboek/");
    }
}
