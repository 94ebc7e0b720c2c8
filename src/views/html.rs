//! Small text helpers of the views: moving rendered HTML to another URL, Dutch dates, CSS strings.

/// HTML rendered for the page at `source_url` (its links start with that page's `../` root),
/// rewritten for a page whose root is `to_root`: root-relative links get the new root, links to
/// an anchor of the source page point at that page.
pub fn rebase(html: &str, source_url: &str, to_root: &str) -> String {
    let from_root = "../".repeat(source_url.matches('/').count());
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at + len]);
        rest = &rest[at + len..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        out.push_str(&relink(value, &from_root, source_url, to_root));
        rest = &rest[end..];
    }
}

fn relink(value: &str, from_root: &str, source_url: &str, to_root: &str) -> String {
    let external = value.starts_with('/')
        || value.starts_with("mailto:")
        || value.starts_with("tel:")
        || value.contains("://");
    if external {
        return value.to_string();
    }
    if let Some(anchor) = value.strip_prefix('#') {
        return format!("{to_root}{source_url}#{anchor}");
    }
    match value.strip_prefix(from_root) {
        Some(inner) => format!("{to_root}{inner}"),
        None => value.to_string(),
    }
}

/// The content under the `<h2>` with `id` up to the next `<h2>` (without the heading itself).
pub fn section<'a>(html: &'a str, id: &str) -> Option<&'a str> {
    let start = html.find(&format!("<h2 id=\"{id}\""))?;
    let after = start + html[start..].find("</h2>")? + "</h2>".len();
    let end = html[after..].find("<h2").map_or(html.len(), |e| after + e);
    Some(html[after..end].trim())
}

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `2019-01-01` → `1 januari 2019`; anything else is returned as it is.
pub fn dutch_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && y.len() == 4
    {
        return format!("{d} {} {y}", MAANDEN[m - 1]);
    }
    iso.to_string()
}

/// `text` as a double-quoted CSS string.
pub fn css_string(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            '\n' | '\r' => s.push(' '),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebase_moves_root_links_and_anchors() {
        let html = r##"<a href="../../handboek/x/">x</a> <a href="#doel">d</a> <a href="https://e.nl/">e</a> <img src="../../img/a.png">"##;
        let out = rebase(html, "functiefamilie/wijkcoach/", "../../../../");
        assert!(out.contains(r#"href="../../../../handboek/x/""#), "{out}");
        assert!(out.contains(r#"href="../../../../functiefamilie/wijkcoach/#doel""#));
        assert!(out.contains(r#"href="https://e.nl/""#));
        assert!(out.contains(r#"src="../../../../img/a.png""#));
    }

    #[test]
    fn dates_in_dutch() {
        assert_eq!(dutch_date("2019-01-01"), "1 januari 2019");
        assert_eq!(dutch_date("2024-12-31"), "31 december 2024");
        assert_eq!(dutch_date("voorjaar"), "voorjaar");
    }

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
