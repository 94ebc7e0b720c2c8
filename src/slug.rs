//! Dutch-friendly slugs for URLs and heading ids: `Financiën & schulden` → `financien-schulden`.

use std::collections::HashMap;

/// Lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    slug_keeping(text, |c| c.is_ascii_alphanumeric())
}

/// The slug of a heading's text: as [`slugify`], but underscores stay, as MkDocs, GitHub and
/// Hugo keep them (`### docs_dir` → `#docs_dir`), so links written for those keep working.
pub fn heading_slug(text: &str) -> String {
    slug_keeping(text, |c| c.is_ascii_alphanumeric() || c == '_')
}

/// The characters of `text` (in ASCII) that `keep` accepts, lowercased, each run of the others
/// one hyphen between them.
fn slug_keeping(text: &str, keep: fn(char) -> bool) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut hyphen = false;
    for c in ascii.chars() {
        if keep(c) {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    }
    out
}

/// The id MkDocs gives a heading (Python-Markdown's `toc` slugify): the text decomposed and
/// stripped to ASCII, every character but letters, digits, `_`, `-` and spaces removed,
/// lowercased, and each run of spaces and hyphens one hyphen (`Theme localization/translation`
/// → `theme-localizationtranslation`).
pub fn mkdocs_slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let kept: String = text
        .nfkd()
        .filter(|c| {
            c.is_ascii() && (c.is_alphanumeric() || matches!(c, '_' | '-') || c.is_whitespace())
        })
        .collect();
    let mut out = String::with_capacity(kept.len());
    let mut separator = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_whitespace() {
            separator = true;
            continue;
        }
        if separator {
            out.push('-');
            separator = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    if separator {
        out.push('-');
    }
    out
}

/// `text` in Unicode NFC, so names compare alike however they were typed or copied: macOS
/// writes `financiën.md` as `e` + a combining diaeresis (NFD), editors type `ë` (NFC).
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// The id GitHub, Hugo and mdBook give a heading: lowercased letters (accents kept), digits,
/// `_` and `-`, each space a hyphen, the rest left out (`People & Body` → `people--body`).
pub fn github_slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How heading ids are made: so that the links an author wrote for the tool the pages came
/// from still reach them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IdStyle {
    /// handboek's own: [`heading_slug`], the second `Doel` `doel-1`.
    #[default]
    Handbook,
    /// MkDocs': [`mkdocs_slug`], the second `Doel` `doel_1`.
    MkDocs,
    /// GitHub's, Hugo's and mdBook's: [`github_slug`], the second `Doel` `doel-1`.
    GitHub,
}

/// Hands out unique ids within one page: the second `Doel` becomes `doel-1`.
#[derive(Debug, Default)]
pub struct UniqueIds {
    seen: HashMap<String, usize>,
    style: IdStyle,
}

impl UniqueIds {
    /// Ids in `style`.
    pub fn new(style: IdStyle) -> UniqueIds {
        UniqueIds {
            style,
            ..UniqueIds::default()
        }
    }

    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }

    pub fn unique(&mut self, text: &str) -> String {
        let slug = match self.style {
            IdStyle::MkDocs => return self.unique_as_mkdocs(text),
            IdStyle::GitHub => github_slug(text),
            IdStyle::Handbook => heading_slug(text),
        };
        let base = match slug {
            s if s.is_empty() => "kopje".to_string(),
            s => s,
        };
        let mut n = match self.seen.get(&base) {
            None => {
                self.seen.insert(base.clone(), 0);
                return base;
            }
            Some(n) => *n,
        };
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(base, n);
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }

    /// Python-Markdown's `unique`: while the id is taken or empty, a trailing `_<n>` counts up,
    /// else `_1` is added.
    fn unique_as_mkdocs(&mut self, text: &str) -> String {
        let mut id = mkdocs_slug(text);
        while id.is_empty() || self.seen.contains_key(&id) {
            id = match id.rsplit_once('_') {
                Some((stem, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                    let next = n.parse::<u64>().map_or(1, |n| n.saturating_add(1));
                    format!("{stem}_{next}")
                }
                _ => format!("{id}_1"),
            };
        }
        self.seen.insert(id.clone(), 0);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dutch_words_lose_their_accents() {
        assert_eq!(slugify("Financiën"), "financien");
        assert_eq!(slugify("Eén gezin – één plan"), "een-gezin-een-plan");
        assert_eq!(
            slugify("  Wat willen we bereiken? "),
            "wat-willen-we-bereiken"
        );
        assert_eq!(slugify("01 Aannemen & verwerken"), "01-aannemen-verwerken");
    }

    #[test]
    fn heading_slugs_keep_underscores_and_urls_do_not() {
        assert_eq!(heading_slug("Using the docs_dir"), "using-the-docs_dir");
        assert_eq!(heading_slug("__init__.py"), "__init__-py");
        assert_eq!(slugify("docs_dir"), "docs-dir");
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("site_name"), "site_name");
    }

    #[test]
    fn mkdocs_ids_are_made_as_mkdocs_makes_them() {
        assert_eq!(
            mkdocs_slug("Supporting theme Localization/Translation"),
            "supporting-theme-localizationtranslation"
        );
        assert_eq!(
            mkdocs_slug("4.53.17 August 22, 2025"),
            "45317-august-22-2025"
        );
        assert_eq!(mkdocs_slug("Financiën & schulden"), "financien-schulden");
        assert_eq!(mkdocs_slug("on_event_name"), "on_event_name");
        let mut ids = UniqueIds::new(IdStyle::MkDocs);
        assert_eq!(ids.unique("Doel"), "doel");
        assert_eq!(ids.unique("Doel"), "doel_1");
        assert_eq!(ids.unique("Doel"), "doel_2");
        assert_eq!(ids.unique("???"), "_1");
        assert_eq!(ids.unique("!!!"), "_2");
    }

    #[test]
    fn github_ids_are_made_as_github_makes_them() {
        assert_eq!(github_slug("People & Body"), "people--body");
        assert_eq!(
            github_slug("Financiën en `schulden`"),
            "financiën-en-schulden"
        );
        assert_eq!(github_slug("hugo_mod 2.0!"), "hugo_mod-20");
        let mut ids = UniqueIds::new(IdStyle::GitHub);
        assert_eq!(ids.unique("Doel"), "doel");
        assert_eq!(ids.unique("Doel"), "doel-1");
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("Doel"), "doel");
        assert_eq!(ids.unique("Doel"), "doel-1");
        assert_eq!(ids.unique("Doel"), "doel-2");
        assert_eq!(ids.unique("Doel 1"), "doel-1-1");
        assert_eq!(ids.unique("???"), "kopje");
    }

    proptest! {
        #[test]
        fn slugs_are_url_safe(s in "\\PC{0,40}") {
            let slug = slugify(&s);
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }

        #[test]
        fn unique_ids_never_repeat(words in proptest::collection::vec("[a-c ]{0,4}", 0..30)) {
            let mut ids = UniqueIds::default();
            let mut seen = std::collections::HashSet::new();
            for w in &words {
                prop_assert!(seen.insert(ids.unique(w)));
            }
        }
    }
}
