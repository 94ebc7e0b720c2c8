//! Query planning, mirrored exactly by the browser client: words → clauses of weighted terms.
//!
//! A query is split on `"` into phrases and loose text; loose text into chunks on whitespace
//! (a chunk starting with `-` is excluded); chunks into words as the analyzer does (so
//! `re-integratie` is two words). Each positive word becomes a clause that must match: its
//! own term (weight 1), for the last word completions of it (weight 0.8, at most 10) and, for
//! an unknown word of 5+ letters, words one typo away (weight 0.5, at most 5). An unknown word
//! that splits into corpus words ([`super::split`]; not while a corpus word still completes it)
//! becomes one clause per part instead (weight 0.7 each). A clause scores the best of its
//! terms; the section score is the sum over clauses.

use super::analyzer::Analyzer;
use super::vocabulary::{Vocabulary, one_edit};

/// Weight of a completion of the last word.
pub const PREFIX_WEIGHT: f32 = 0.8;
/// Weight of a word one typo away.
pub const TYPO_WEIGHT: f32 = 0.5;
/// Weight of each part of a query word split into corpus words ([`super::split`]).
pub const PART_WEIGHT: f32 = 0.7;
/// At most this many completions.
pub const PREFIX_MAX: usize = 10;
/// At most this many typo candidates.
pub const TYPO_MAX: usize = 5;
/// Typo tolerance starts at this many letters.
pub const TYPO_MIN_CHARS: usize = 5;
/// Completion starts at this many letters.
pub const PREFIX_MIN_CHARS: usize = 2;

/// One word of the query that must match.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Clause {
    /// The folded word as typed.
    pub word: String,
    /// Terms with their weights, own term first.
    pub terms: Vec<(String, f32)>,
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Plan {
    /// Clauses that must all match.
    pub must: Vec<Clause>,
    /// Terms that must not occur.
    pub must_not: Vec<String>,
    /// Phrases: (offset, term) lists that must occur in order (Rust side only).
    pub phrases: Vec<Vec<(usize, String)>>,
}

impl Plan {
    /// True when nothing can match (no clause, or a clause without terms).
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() || self.must.iter().any(|c| c.terms.is_empty())
    }

    /// All terms that count as a match, for highlighting.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = self
            .must
            .iter()
            .flat_map(|c| c.terms.iter().map(|(t, _)| t.clone()))
            .collect();
        terms.sort();
        terms.dedup();
        terms
    }
}

/// How unknown words are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// As the browser does: only words of the corpus have terms.
    Vocabulary,
    /// The CLI and server may stem a word the corpus does not have.
    Stem,
}

/// A parsed piece of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Word { text: String, exclude: bool },
    Phrase(String),
}

/// Splits a query into words and phrases.
fn parse(query: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 {
            items.push(Item::Phrase(part.to_string()));
            continue;
        }
        for chunk in part.split_whitespace() {
            match chunk.strip_prefix('-') {
                Some(rest) if !rest.is_empty() => items.push(Item::Word {
                    text: rest.to_string(),
                    exclude: true,
                }),
                _ => items.push(Item::Word {
                    text: chunk.to_string(),
                    exclude: false,
                }),
            }
        }
    }
    items
}

/// Plans a query against the corpus vocabulary.
pub fn plan(query: &str, vocabulary: &Vocabulary, analyzer: &Analyzer, unknown: Unknown) -> Plan {
    let items = parse(query);
    let ends_in_word = query.chars().last().is_some_and(char::is_alphanumeric);
    let mut plan = Plan::default();
    let own_term = |word: &str| -> Option<String> {
        match vocabulary.get(word) {
            Some(e) => Some(e.term.clone()),
            None if unknown == Unknown::Stem => analyzer.word_term(word),
            None => None,
        }
    };
    let last_item = items.len().saturating_sub(1);
    for (index, item) in items.iter().enumerate() {
        match item {
            Item::Phrase(text) => {
                let words = analyzer.words(text);
                let mut phrase = Vec::new();
                let start = words.first().map_or(0, |w| w.position);
                for w in words.iter().filter(|w| !analyzer.is_stop(&w.folded)) {
                    let terms: Vec<(String, f32)> =
                        own_term(&w.folded).map(|t| (t, 1.0)).into_iter().collect();
                    if let Some((t, _)) = terms.first() {
                        phrase.push((w.position - start, t.clone()));
                    }
                    plan.must.push(Clause {
                        word: w.folded.clone(),
                        terms,
                    });
                }
                if phrase.len() > 1 {
                    plan.phrases.push(phrase);
                }
            }
            Item::Word { text, exclude } => {
                let words = analyzer.words(text);
                let last_word = words.len().saturating_sub(1);
                for (wi, w) in words.iter().enumerate() {
                    if analyzer.is_stop(&w.folded) {
                        continue;
                    }
                    if *exclude {
                        plan.must_not.extend(own_term(&w.folded));
                        continue;
                    }
                    let prefix = index == last_item && wi == last_word && ends_in_word;
                    if let Some(parts) = compound_parts(&w.folded, prefix, vocabulary, analyzer) {
                        plan.must.extend(parts);
                        continue;
                    }
                    plan.must
                        .push(word_clause(&w.folded, prefix, vocabulary, &own_term));
                }
            }
        }
    }
    plan
}

/// A word the corpus does not have (and, while being typed, that no corpus word starts with)
/// split into corpus words: one clause per part, each of weight [`PART_WEIGHT`].
fn compound_parts(
    word: &str,
    prefix: bool,
    vocabulary: &Vocabulary,
    analyzer: &Analyzer,
) -> Option<Vec<Clause>> {
    let completes = prefix
        && word.chars().count() >= PREFIX_MIN_CHARS
        && !vocabulary.with_prefix(word).is_empty();
    if vocabulary.get(word).is_some() || completes {
        return None;
    }
    let parts = super::split::split(word, vocabulary, &|w| analyzer.is_stop(w))?;
    Some(
        parts
            .into_iter()
            .map(|e| Clause {
                word: e.word.clone(),
                terms: vec![(e.term.clone(), PART_WEIGHT)],
            })
            .collect(),
    )
}

/// The clause of one positive word: own term, completions, typo candidates.
fn word_clause(
    word: &str,
    prefix: bool,
    vocabulary: &Vocabulary,
    own_term: &dyn Fn(&str) -> Option<String>,
) -> Clause {
    let mut terms: Vec<(String, f32)> = own_term(word).map(|t| (t, 1.0)).into_iter().collect();
    let add = |terms: &mut Vec<(String, f32)>, term: &str, weight: f32| {
        if !terms.iter().any(|(t, _)| t == term) {
            terms.push((term.to_string(), weight));
        }
    };
    let chars = word.chars().count();
    if prefix && chars >= PREFIX_MIN_CHARS {
        let mut completions: Vec<_> = vocabulary
            .with_prefix(word)
            .iter()
            .filter(|e| e.word != word)
            .collect();
        completions.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        for e in completions.into_iter().take(PREFIX_MAX) {
            add(&mut terms, &e.term, PREFIX_WEIGHT);
        }
    }
    if vocabulary.get(word).is_none() && chars >= TYPO_MIN_CHARS {
        let first: String = word.chars().take(1).collect();
        let mut near: Vec<_> = vocabulary
            .with_prefix(&first)
            .iter()
            .filter(|e| one_edit(word, &e.word))
            .collect();
        near.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        for e in near.into_iter().take(TYPO_MAX) {
            add(&mut terms, &e.term, TYPO_WEIGHT);
        }
    }
    Clause {
        word: word.to_string(),
        terms,
    }
}

#[cfg(test)]
mod tests;
