//! Dutch-friendly slugs for URLs and heading ids: `Financiën & schulden` → `financien-schulden`.

use std::collections::HashMap;

/// Lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
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

/// `text` in Unicode NFC, so names compare alike however they were typed or copied: macOS
/// writes `financiën.md` as `e` + a combining diaeresis (NFD), editors type `ë` (NFC).
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Hands out unique ids within one page: the second `Doel` becomes `doel-1`.
#[derive(Debug, Default)]
pub struct UniqueIds {
    seen: HashMap<String, usize>,
}

impl UniqueIds {
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }

    pub fn unique(&mut self, text: &str) -> String {
        let base = match slugify(text) {
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
