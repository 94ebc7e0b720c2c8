//! Compound splitting against a word list: `schuldhulpverlening` → schuld, hulpverlening, hulp, verlening.
//!
//! The list is the shipped `woorden.txt` (common words of the social domain) plus the words of
//! the corpus itself. A compound is split into a known first part (optionally followed by a
//! linking `s`, `en` or `er`) and a rest that is a known word, or whose stem is the stem of a
//! known word (so inflected heads split too), or that splits again. The shortest known first
//! part wins, so `schuldhulpverlening` yields the head `hulpverlening` before its own parts.

use std::collections::HashSet;

/// The shipped word list, folded, one a line.
const WORDS: &str = include_str!("woorden.txt");
/// No part is shorter than this many letters.
pub const MIN_PART: usize = 4;
/// Linking morphemes between the parts of a compound.
const LINKS: [&str; 4] = ["", "s", "en", "er"];
/// Maximum nesting of splits.
const MAX_DEPTH: usize = 4;

/// The words that may be parts of compounds, and their stems.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    words: HashSet<String>,
    stems: HashSet<String>,
}

/// The shipped word list.
pub fn shipped_words() -> impl Iterator<Item = &'static str> {
    WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// The shipped words plus `extra`, without stop words and words under [`MIN_PART`] letters.
    pub fn new(extra: &[String], stop: &HashSet<String>, stem: impl Fn(&str) -> String) -> Self {
        let words: HashSet<String> = shipped_words()
            .map(String::from)
            .chain(extra.iter().cloned())
            .filter(|w| w.chars().count() >= MIN_PART && !stop.contains(w))
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        let stems = words.iter().map(|w| stem(w)).collect();
        Lexicon { words, stems }
    }

    /// True when `word` is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The parts of a folded word, in order of discovery; empty when it is no compound.
    pub fn split(&self, word: &str, stem: &dyn Fn(&str) -> String) -> Vec<String> {
        let mut parts = Vec::new();
        self.split_into(word, stem, 0, &mut parts);
        parts
    }

    /// A word can end a compound when it, or its stem, is known.
    fn is_head(&self, word: &str, stem: &dyn Fn(&str) -> String) -> bool {
        self.words.contains(word) || self.stems.contains(&stem(word))
    }

    fn split_into(
        &self,
        word: &str,
        stem: &dyn Fn(&str) -> String,
        depth: usize,
        out: &mut Vec<String>,
    ) -> bool {
        if depth > MAX_DEPTH || word.chars().count() < 2 * MIN_PART {
            return false;
        }
        for (chars, (i, _)) in word.char_indices().enumerate() {
            if chars < MIN_PART {
                continue;
            }
            let first = &word[..i];
            if word[i..].chars().count() < MIN_PART {
                break;
            }
            if !self.words.contains(first) {
                continue;
            }
            for link in LINKS {
                let Some(rest) = word[i..].strip_prefix(link) else {
                    continue;
                };
                if rest.chars().count() < MIN_PART {
                    continue;
                }
                let mut sub = Vec::new();
                let head = self.is_head(rest, stem);
                let splits = self.split_into(rest, stem, depth + 1, &mut sub);
                if head || splits {
                    for part in [first.to_string(), rest.to_string()].into_iter().chain(sub) {
                        if !out.contains(&part) {
                            out.push(part);
                        }
                    }
                    return true;
                }
            }
        }
        false
    }
}
