//! Cleaning raw HTML that a source file brings in, so no script reaches the published site.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "aria-label", "aria-hidden", "role"])
        .add_tags([
            "input",
            "details",
            "summary",
            "figure",
            "figcaption",
            "mark",
        ])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("div", ["data-niveaus", "data-rollen"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("details", ["open"])
        .link_rel(None)
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b
});

/// The HTML with scripts, event handlers, `style` attributes and unknown tags removed.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out = clean(
            r#"<p onclick="x()" style="color:red">a</p><script>alert(1)</script><img src=x onerror=alert(1)>"#,
        );
        assert!(!out.contains("script"), "{out}");
        assert!(
            !out.contains("onclick") && !out.contains("onerror") && !out.contains("style="),
            "{out}"
        );
        assert!(out.contains("<p>a</p>"), "{out}");
    }

    #[test]
    fn our_own_markup_survives() {
        let html = r##"<h2 id="doel">Doel <a class="anker" href="#doel" aria-label="x">#</a></h2><div class="voor" data-niveaus="C D">x</div>"##;
        assert_eq!(clean(html), html);
    }
}
