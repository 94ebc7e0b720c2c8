//! The analyzed corpus: every section analyzed once, shared by the tantivy and the static index.

mod scan;
mod terms;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyzer::{Analyzer, WordCache, WordTerms};
use super::vocabulary::{Entry, Vocabulary};
use super::{SearchError, SearchSection, SearchSettings};
use terms::TermTable;

/// Index of the heading field (heading, or page title for the intro).
pub const HEADING: usize = 0;
/// Index of the body field (section text).
pub const BODY: usize = 1;
/// Collections known to the client, in display order; others follow sorted.
pub const KNOWN_KINDS: [&str; 5] = [
    "handboek",
    "functiefamilie",
    "expertisegebieden",
    "dilemmas",
    "",
];
/// Bit offset of the level bits in a facet mask (bits 0..8 hold the kind index).
pub const LEVEL_SHIFT: u32 = 8;
/// Bit offset of the role bits in a facet mask.
pub const ROLE_SHIFT: u32 = 32;
/// At most this many levels, and this many roles.
pub const MAX_FACET_VALUES: usize = 24;
/// Expertise areas beyond this many get no facet bit (the client keeps them in 32-bit masks).
pub const MAX_EXPERTISE: usize = 32;

/// A page: a run of consecutive sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Ordinal of its first section.
    pub first: u32,
    /// Number of sections.
    pub len: u32,
}

/// Token count and term frequencies of one field of one section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldStats {
    /// Number of tokens (what tantivy records as the field norm).
    pub tokens: u32,
    /// (term id, frequency), sorted by term id.
    pub tf: Vec<(u32, u32)>,
}

/// One section with its place and analysis.
#[derive(Debug, Clone)]
pub struct CorpusSection<'a> {
    /// The section as given.
    pub section: &'a SearchSection,
    /// Page ordinal.
    pub page: u32,
    /// Position of the section within its page.
    pub in_page: u32,
    /// Facet mask: kind index | level bits | role bits.
    pub facets: u64,
    /// Expertise area bits (by index in [`Corpus::expertise`]).
    pub expertise: u64,
    /// Heading and body statistics.
    pub fields: [FieldStats; 2],
}

/// The corpus, analyzed.
pub struct Corpus<'a> {
    /// The settings used.
    pub settings: SearchSettings,
    /// Corpus words used as compound parts (kept so a reopened index analyzes alike).
    pub extra_words: Vec<String>,
    /// The analyzer built for this corpus.
    pub analyzer: Arc<Analyzer>,
    /// Collection names by kind index.
    pub kinds: Vec<String>,
    /// Expertise area ids referenced by sections, sorted (at most [`MAX_EXPERTISE`]).
    pub expertise: Vec<String>,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Sections, grouped by page.
    pub sections: Vec<CorpusSection<'a>>,
    /// Terms, sorted; a term id indexes this list.
    pub terms: Vec<String>,
    /// Surface words with their terms.
    pub vocabulary: Vocabulary,
    /// Total tokens per field.
    pub total_tokens: [u64; 2],
    /// The analysis of every word of the corpus (shared with the tantivy tokenizer).
    pub words: Arc<WordCache>,
}

/// The texts of the two fields of a section.
pub fn field_texts(s: &SearchSection) -> [&str; 2] {
    let heading = if s.heading.is_empty() {
        &s.page_title
    } else {
        &s.heading
    };
    [heading.as_str(), s.text.as_str()]
}

/// Bits of the values of `ids` in `all`.
fn bits(ids: &[String], all: &[String]) -> u64 {
    ids.iter()
        .filter_map(|id| all.iter().position(|a| a == id))
        .fold(0, |acc, i| acc | (1u64 << i))
}

impl<'a> Corpus<'a> {
    /// Analyzes all sections.
    pub fn build(
        sections: &'a [SearchSection],
        settings: &SearchSettings,
    ) -> Result<Self, SearchError> {
        if settings.levels.len() > MAX_FACET_VALUES {
            return Err(SearchError::TooManyFacetValues("niveaus"));
        }
        if settings.roles.len() > MAX_FACET_VALUES {
            return Err(SearchError::TooManyFacetValues("rollen"));
        }
        let ordered = order_by_page(sections);
        let mut kinds: Vec<String> = KNOWN_KINDS.iter().map(|k| k.to_string()).collect();
        let mut others: Vec<&String> = sections
            .iter()
            .map(|s| &s.collection)
            .filter(|c| !KNOWN_KINDS.contains(&c.as_str()))
            .collect();
        others.sort();
        others.dedup();
        kinds.extend(others.into_iter().take(64 - KNOWN_KINDS.len()).cloned());
        let mut expertise: Vec<String> = sections
            .iter()
            .flat_map(|s| s.expertise.iter().cloned())
            .collect();
        expertise.sort();
        expertise.dedup();
        expertise.truncate(MAX_EXPERTISE);

        let base = Analyzer::new(settings, &[]);
        let scanned = scan::scan(&base, &ordered);
        let mut extra_words: Vec<String> = scanned
            .words
            .iter()
            .filter(|w| w.len() >= 4 && !base.is_stop(w) && w.chars().all(char::is_alphabetic))
            .cloned()
            .collect();
        extra_words.sort();
        let analyzer = Arc::new(Analyzer::new(settings, &extra_words));
        let analyses: Vec<Option<WordTerms>> = scanned
            .words
            .par_iter()
            .map(|w| analyzer.word_analysis(w))
            .collect();
        let table = TermTable::new(&analyses, analyzer.synonym_groups());
        let mut stats: Vec<[FieldStats; 2]> = scanned
            .fields
            .into_par_iter()
            .map_init(Vec::new, |buf, [heading, body]| {
                [table.field(&heading, buf), table.field(&body, buf)]
            })
            .collect();
        let terms = drop_unused(table.terms, &mut stats);

        let mut corpus_sections = Vec::with_capacity(ordered.len());
        let mut pages: Vec<Page> = Vec::new();
        let mut total_tokens = [0u64; 2];
        for (s, fields) in ordered.into_iter().zip(stats) {
            let new_page = corpus_sections
                .last()
                .is_none_or(|prev: &CorpusSection| prev.section.page_id != s.page_id);
            if new_page {
                pages.push(Page {
                    first: corpus_sections.len() as u32,
                    len: 0,
                });
            }
            let page = pages.len() as u32 - 1;
            let in_page = pages[page as usize].len;
            pages[page as usize].len += 1;
            let kind = kinds.iter().position(|k| *k == s.collection).unwrap_or(4) as u64;
            let facets = kind
                | bits(&s.levels, &settings.levels) << LEVEL_SHIFT
                | bits(&s.roles, &settings.roles) << ROLE_SHIFT;
            for (total, f) in total_tokens.iter_mut().zip(&fields) {
                *total += u64::from(f.tokens);
            }
            corpus_sections.push(CorpusSection {
                section: s,
                page,
                in_page,
                facets,
                expertise: bits(&s.expertise, &expertise),
                fields,
            });
        }
        let mut entries = Vec::new();
        let mut words = WordCache::default();
        for ((word, count), analysis) in scanned.words.into_iter().zip(scanned.counts).zip(analyses)
        {
            if let Some(a) = &analysis {
                entries.push(Entry {
                    word: word.clone(),
                    term: a.term.clone(),
                    count,
                });
            }
            words.insert(word, analysis);
        }
        Ok(Corpus {
            settings: settings.clone(),
            extra_words,
            analyzer,
            kinds,
            expertise,
            pages,
            sections: corpus_sections,
            terms,
            vocabulary: Vocabulary::new(entries),
            total_tokens,
            words: Arc::new(words),
        })
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// Sections grouped by page, pages in order of first appearance, sections in given order.
fn order_by_page(sections: &[SearchSection]) -> Vec<&SearchSection> {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in sections.iter().enumerate() {
        first_seen.entry(s.page_id.as_str()).or_insert(i);
    }
    let mut ordered: Vec<(usize, usize, &SearchSection)> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (first_seen[s.page_id.as_str()], i, s))
        .collect();
    ordered.sort_by_key(|(page, i, _)| (*page, *i));
    ordered.into_iter().map(|(_, _, s)| s).collect()
}

/// Drops the terms no section contains (synonyms whose group never matched) and renumbers
/// the term frequencies to match; returns the terms left, still sorted.
fn drop_unused(terms: Vec<String>, stats: &mut [[FieldStats; 2]]) -> Vec<String> {
    let mut used = vec![false; terms.len()];
    for (id, _) in stats.iter().flatten().flat_map(|f| &f.tf) {
        used[*id as usize] = true;
    }
    if used.iter().all(|u| *u) {
        return terms;
    }
    let mut remap = vec![0u32; terms.len()];
    let mut kept = Vec::new();
    for ((term, used), new) in terms.into_iter().zip(&used).zip(&mut remap) {
        if *used {
            *new = kept.len() as u32;
            kept.push(term);
        }
    }
    for (id, _) in stats.iter_mut().flatten().flat_map(|f| &mut f.tf) {
        *id = remap[*id as usize];
    }
    kept
}

#[cfg(test)]
mod tests;
