//! Query words the corpus does not have, split into words it does have: `jeugdbescherming`
//! → jeugd + bescherming. Mirrored exactly by the browser client (`compoundParts` in zoeken/engine.js).
//!
//! A split is a sequence of two to [`PARTS_MAX`] corpus words (no stop words, each at least
//! [`PART_MIN`] letters) that spells the word, with an optional linking `s`, `en` or `e` after
//! every part but the last. At each position the longest known word is tried first, and the
//! links in the order of [`LINKS`]; the first sequence that spells the whole word wins.

use std::collections::HashSet;

use super::vocabulary::{Entry, Vocabulary};

/// A part has at least this many letters.
pub const PART_MIN: usize = 3;
/// At most this many parts.
pub const PARTS_MAX: usize = 4;
/// Linking morphemes tried after a part, in this order.
pub const LINKS: [&str; 4] = ["", "s", "en", "e"];

/// The corpus words that spell `word` (folded), or None when it cannot be split so.
pub fn split<'v>(
    word: &str,
    vocabulary: &'v Vocabulary,
    is_stop: &dyn Fn(&str) -> bool,
) -> Option<Vec<&'v Entry>> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 * PART_MIN {
        return None;
    }
    let mut s = Splitter {
        chars: &chars,
        word,
        vocabulary,
        is_stop,
        failed: HashSet::new(),
    };
    let parts = s.from(0, PARTS_MAX)?;
    (parts.len() >= 2).then_some(parts)
}

struct Splitter<'a, 'v> {
    chars: &'a [char],
    word: &'a str,
    vocabulary: &'v Vocabulary,
    is_stop: &'a dyn Fn(&str) -> bool,
    /// (position, parts left) known not to lead to a split.
    failed: HashSet<(usize, usize)>,
}

impl<'v> Splitter<'_, 'v> {
    /// Corpus words that start the rest of the word at `pos`, longest first.
    fn known_at(&self, pos: usize) -> Vec<(&'v Entry, usize)> {
        if self.chars.len() - pos < PART_MIN {
            return Vec::new();
        }
        let rest: String = self.chars[pos..].iter().collect();
        let head: String = self.chars[pos..pos + PART_MIN].iter().collect();
        let mut known: Vec<(&Entry, usize)> = self
            .vocabulary
            .with_prefix(&head)
            .iter()
            .filter(|e| {
                rest.starts_with(&e.word) && e.word != self.word && !(self.is_stop)(&e.word)
            })
            .map(|e| (e, e.word.chars().count()))
            .collect();
        known.sort_by_key(|k| std::cmp::Reverse(k.1));
        known
    }

    fn from(&mut self, pos: usize, left: usize) -> Option<Vec<&'v Entry>> {
        if pos == self.chars.len() {
            return Some(Vec::new());
        }
        if left == 0 || self.failed.contains(&(pos, left)) {
            return None;
        }
        for (entry, len) in self.known_at(pos) {
            let end = pos + len;
            for link in LINKS {
                let link_len = link.chars().count();
                let linked = self.chars[end..]
                    .iter()
                    .take(link_len)
                    .copied()
                    .eq(link.chars());
                let next = end + link_len;
                if !linked || (!link.is_empty() && next == self.chars.len()) {
                    continue;
                }
                if let Some(mut rest) = self.from(next, left - 1) {
                    rest.insert(0, entry);
                    return Some(rest);
                }
            }
        }
        self.failed.insert((pos, left));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        Vocabulary::new(
            words
                .iter()
                .map(|w| Entry {
                    word: w.to_string(),
                    term: w.to_string(),
                    count: 1,
                })
                .collect(),
        )
    }

    fn parts(word: &str, v: &Vocabulary) -> Option<Vec<String>> {
        let stop = |w: &str| w == "een" || w == "van";
        split(word, v, &stop).map(|p| p.iter().map(|e| e.word.clone()).collect())
    }

    #[test]
    fn splits_into_longest_known_parts() {
        let v = vocabulary(&["jeugd", "bescherming", "be", "scherm", "schermin"]);
        assert_eq!(
            parts("jeugdbescherming", &v),
            Some(vec!["jeugd".into(), "bescherming".into()])
        );
    }

    #[test]
    fn handles_linking_s_e_en() {
        let v = vocabulary(&[
            "veiligheid",
            "plan",
            "school",
            "kind",
            "gesprek",
            "pann",
            "koek",
        ]);
        assert_eq!(
            parts("veiligheidsplan", &v),
            Some(vec!["veiligheid".into(), "plan".into()])
        );
        assert_eq!(parts("kinderengesprek", &v), None, "er is no link here");
        assert_eq!(
            parts("kindengesprek", &v),
            Some(vec!["kind".into(), "gesprek".into()])
        );
        assert_eq!(
            parts("pannekoek", &v),
            Some(vec!["pann".into(), "koek".into()])
        );
    }

    #[test]
    fn backtracks_when_the_longest_part_leaves_a_rest_that_does_not_split() {
        let v = vocabulary(&["huisarts", "huis", "artsen", "post", "senpost"]);
        // "huisarts" + "enpost"? no; "huisarts" + link "en" + "post": yes.
        assert_eq!(
            parts("huisartsenpost", &v),
            Some(vec!["huisarts".into(), "post".into()])
        );
        let v = vocabulary(&["wijkteam", "wijk", "teamoverleg", "overleg"]);
        assert_eq!(
            parts("wijkteamoverleg", &v),
            Some(vec!["wijkteam".into(), "overleg".into()])
        );
    }

    #[test]
    fn no_split_without_known_parts_stop_words_or_a_dangling_link() {
        let v = vocabulary(&["jeugd", "van", "plan"]);
        assert_eq!(parts("jeugdxyz", &v), None);
        assert_eq!(parts("vanplan", &v), None, "stop words are no parts");
        assert_eq!(parts("jeugds", &v), None);
        assert_eq!(
            parts("plans", &v),
            None,
            "a link must be followed by a part"
        );
        assert_eq!(parts("jeugd", &v), None, "one part is no split");
        assert_eq!(parts("", &v), None);
    }

    #[test]
    fn at_most_four_parts_and_quick_on_long_repetitive_words() {
        let v = vocabulary(&["aaa", "aaaa"]);
        assert_eq!(parts(&"a".repeat(12), &v).map(|p| p.len()), Some(3));
        assert_eq!(parts(&"a".repeat(17), &v), None);
        let t = std::time::Instant::now();
        assert_eq!(parts(&format!("{}b", "a".repeat(39)), &v), None);
        assert!(t.elapsed().as_millis() < 500);
    }
}
