//! The one Dutch analyzer: words, lowercase, ASCII folding, stop words, stemming, compounds, synonyms.

use std::collections::{HashMap, HashSet};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream,
};

use super::SearchSettings;
use super::compound::Lexicon;
use super::stem::DutchStemmer;
pub use super::tokenizer::NlTokenizer;

/// Name under which the analyzer is registered with tantivy.
pub const TOKENIZER_NAME: &str = "handboek_nl";
/// Words of this many bytes or more are dropped (as tantivy's `RemoveLongFilter`).
pub const MAX_WORD_BYTES: usize = 40;

/// The Dutch stop words (already folded), one a line, shipped with the crate.
const STOP_WORDS: &str = include_str!("stopwoorden.txt");

/// What produced a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// The stem of a word of the text.
    Word,
    /// The stem of a part of a compound word (same position as the word).
    Part,
    /// A term added because a synonym of it occurs here (same position).
    Synonym,
}

/// One analyzed term with its position and the byte range of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The indexed term.
    pub text: String,
    /// Word position (stop words keep their positions, so phrases line up).
    pub position: usize,
    /// What produced it.
    pub kind: TermKind,
    /// Byte offset of the word in the text.
    pub from: usize,
    /// Byte offset after the word.
    pub to: usize,
}

/// A word of the text after lowercasing and folding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded form, e.g. "financien".
    pub folded: String,
    /// Position among the words of the text.
    pub position: usize,
    /// Byte offset in the text.
    pub from: usize,
    /// Byte offset after the word.
    pub to: usize,
}

/// The analysis of one word: its term and the terms of its compound parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordTerms {
    /// The stem of the word.
    pub term: String,
    /// The stems of its parts (without the word's own term).
    pub parts: Vec<String>,
}

/// Word analyses already made, by folded word.
pub type WordCache = HashMap<String, Option<WordTerms>>;

/// The analyzer. Cheap to share: wrap it in an [`Arc`] and hand [`NlTokenizer`] to tantivy.
pub struct Analyzer {
    base: TextAnalyzer,
    stop: HashSet<String>,
    stemmer: DutchStemmer,
    lexicon: Lexicon,
    /// Synonym groups; a member is the sequence of its word terms.
    synonyms: Vec<Vec<Vec<String>>>,
}

/// The base chain: Unicode words, long words dropped, lowercase, ASCII folding.
fn base_chain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The stop word list, folded.
pub fn stop_words() -> Vec<String> {
    let mut words: Vec<String> = STOP_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    words.sort();
    words.dedup();
    words
}

impl Analyzer {
    /// An analyzer with the shipped word list plus `extra_words` as compound parts.
    pub fn new(settings: &SearchSettings, extra_words: &[String]) -> Analyzer {
        let stop: HashSet<String> = stop_words().into_iter().collect();
        let stemmer = DutchStemmer::default();
        let mut analyzer = Analyzer {
            base: base_chain(),
            stop,
            stemmer,
            lexicon: Lexicon::default(),
            synonyms: Vec::new(),
        };
        analyzer.lexicon = Lexicon::new(extra_words, &analyzer.stop, |w| analyzer.stem(w));
        analyzer.synonyms = settings
            .synonyms
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|member| analyzer.word_terms(member))
                    .filter(|terms| !terms.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|group| group.len() > 1)
            .collect();
        analyzer
    }

    /// The words of `text`, lowercased and folded, stop words included.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        self.for_each_word(text, |folded, position, from, to| {
            words.push(Word {
                folded: folded.to_string(),
                position,
                from,
                to,
            })
        });
        words
    }

    /// Calls `visit(folded, position, from, to)` for every word of `text` in order, as
    /// [`Analyzer::words`] lists them, without allocating a string per word.
    pub fn for_each_word(&self, text: &str, mut visit: impl FnMut(&str, usize, usize, usize)) {
        let mut base = self.base.clone();
        let mut stream = base.token_stream(text);
        while let Some(t) = stream.next() {
            visit(&t.text, t.position, t.offset_from, t.offset_to);
        }
    }

    /// Lowercases and folds one word as the base chain does ("Financiën" → "financien").
    pub fn fold(&self, word: &str) -> String {
        self.words(word)
            .into_iter()
            .map(|w| w.folded)
            .collect::<Vec<_>>()
            .join("")
    }

    /// The synonym groups: each member as the sequence of its word terms.
    pub fn synonym_groups(&self) -> &[Vec<Vec<String>>] {
        &self.synonyms
    }

    /// True for a (folded) stop word.
    pub fn is_stop(&self, folded: &str) -> bool {
        self.stop.contains(folded)
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded)
    }

    /// The term of a folded word as typed in a query: its stem, or None for a stop word.
    pub fn word_term(&self, folded: &str) -> Option<String> {
        if folded.is_empty() || self.is_stop(folded) {
            None
        } else {
            Some(self.stem(folded))
        }
    }

    /// The word terms of a text, without compound parts or synonyms.
    pub fn word_terms(&self, text: &str) -> Vec<String> {
        self.words(text)
            .iter()
            .filter_map(|w| self.word_term(&w.folded))
            .collect()
    }

    /// The compound parts (folded, unstemmed) of a folded word; empty when it is no compound.
    pub fn parts(&self, folded: &str) -> Vec<String> {
        self.lexicon.split(folded, &|w| self.stem(w))
    }

    /// The term of a folded word and the terms of its compound parts; None for a stop word.
    pub fn word_analysis(&self, folded: &str) -> Option<WordTerms> {
        let term = self.word_term(folded)?;
        let mut parts: Vec<String> = Vec::new();
        for part in self.parts(folded) {
            let part_term = self.stem(&part);
            if part_term != term && !parts.contains(&part_term) {
                parts.push(part_term);
            }
        }
        Some(WordTerms { term, parts })
    }

    /// Full analysis: word terms, compound parts and synonyms, ordered by position.
    pub fn analyze(&self, text: &str) -> Vec<Term> {
        self.analyze_cached(text, &mut WordCache::new())
    }

    /// [`Analyzer::analyze`] with a cache of word analyses that grows as needed.
    pub fn analyze_cached(&self, text: &str, cache: &mut WordCache) -> Vec<Term> {
        let words = self.words(text);
        for w in &words {
            if !cache.contains_key(&w.folded) {
                let analysis = self.word_analysis(&w.folded);
                cache.insert(w.folded.clone(), analysis);
            }
        }
        self.analyze_words(&words, cache)
    }

    /// [`Analyzer::analyze`] with a fixed table of word analyses (missing words are analyzed).
    pub fn analyze_with(&self, text: &str, table: &WordCache) -> Vec<Term> {
        let words = self.words(text);
        if words.iter().all(|w| table.contains_key(&w.folded)) {
            return self.analyze_words(&words, table);
        }
        let mut local = WordCache::new();
        for w in &words {
            if !local.contains_key(&w.folded) {
                let analysis = match table.get(&w.folded) {
                    Some(a) => a.clone(),
                    None => self.word_analysis(&w.folded),
                };
                local.insert(w.folded.clone(), analysis);
            }
        }
        self.analyze_words(&words, &local)
    }

    fn analyze_words(&self, words: &[Word], table: &WordCache) -> Vec<Term> {
        let mut terms = Vec::new();
        self.for_each_term(words, table, |w, text, kind| {
            terms.push(Term {
                text: text.to_string(),
                position: w.position,
                kind,
                from: w.from,
                to: w.to,
            })
        });
        terms.sort_by_key(|t| t.position);
        terms
    }

    /// Calls `emit` for every term of `words` (each must be in `table`): per word its term and
    /// parts, then the synonyms of every group a run of words matches, at the run's first word
    /// (a term already at that position is not repeated).
    pub fn for_each_term<'a>(
        &'a self,
        words: &[Word],
        table: &'a WordCache,
        mut emit: impl FnMut(&Word, &'a str, TermKind),
    ) {
        let mut run: Vec<(&Word, &'a WordTerms)> = Vec::new();
        for w in words {
            let Some(Some(analysis)) = table.get(&w.folded) else {
                continue;
            };
            emit(w, &analysis.term, TermKind::Word);
            for part in &analysis.parts {
                emit(w, part, TermKind::Part);
            }
            run.push((w, analysis));
        }
        for i in 0..run.len() {
            let (word, analysis) = run[i];
            let mut added: Vec<&str> = Vec::new();
            for group in &self.synonyms {
                let matched = group.iter().any(|member| {
                    member.len() <= run.len() - i
                        && member.iter().zip(&run[i..]).all(|(m, (_, a))| *m == a.term)
                });
                if !matched {
                    continue;
                }
                for text in group.iter().flatten() {
                    let exists = analysis.term == *text
                        || analysis.parts.contains(text)
                        || added.contains(&text.as_str());
                    if !exists {
                        added.push(text);
                        emit(word, text, TermKind::Synonym);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
