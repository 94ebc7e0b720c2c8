//! One pass over the text of every section: its words, folded and numbered, in order.
//!
//! The text is split into words once; everything after (word counts, the compound lexicon,
//! term frequencies, synonyms) reads the numbered words, not the text.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::field_texts;
use crate::search::SearchSection;
use crate::search::analyzer::Analyzer;

/// Sections scanned by one task: their distinct words are merged into the corpus's once.
const CHUNK: usize = 64;

/// The words of the corpus and of every section.
pub struct Scanned {
    /// Distinct folded words, numbered in order of first occurrence.
    pub words: Vec<String>,
    /// Number of sections each word occurs in, by word number.
    pub counts: Vec<u32>,
    /// For every section (in the order given), the word numbers of its heading and body.
    pub fields: Vec<[Vec<u32>; 2]>,
}

/// The words of a run of sections, numbered within the run.
struct Chunk {
    words: Vec<String>,
    counts: Vec<u32>,
    fields: Vec<[Vec<u32>; 2]>,
}

/// Splits every section into folded words (stop words included), numbering them.
pub fn scan(analyzer: &Analyzer, sections: &[&SearchSection]) -> Scanned {
    let mut chunks: Vec<Chunk> = sections
        .par_chunks(CHUNK)
        .map(|run| scan_chunk(analyzer, run))
        .collect();
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let renumbered: Vec<Vec<u32>> = chunks
        .iter_mut()
        .map(|chunk| {
            std::mem::take(&mut chunk.words)
                .into_iter()
                .zip(&chunk.counts)
                .map(|(word, &n)| {
                    let id = match index.get(&word) {
                        Some(&id) => id,
                        None => {
                            let id = words.len() as u32;
                            words.push(word.clone());
                            index.insert(word, id);
                            counts.push(0);
                            id
                        }
                    };
                    counts[id as usize] += n;
                    id
                })
                .collect()
        })
        .collect();
    let fields = chunks
        .into_par_iter()
        .zip(renumbered)
        .map(|(chunk, global)| {
            let mut fields = chunk.fields;
            for id in fields.iter_mut().flatten().flatten() {
                *id = global[*id as usize];
            }
            fields
        })
        .flatten()
        .collect();
    Scanned {
        words,
        counts,
        fields,
    }
}

fn scan_chunk(analyzer: &Analyzer, sections: &[&SearchSection]) -> Chunk {
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut chunk = Chunk {
        words: Vec::new(),
        counts: Vec::new(),
        fields: Vec::with_capacity(sections.len()),
    };
    // The section that last counted each word, so a word counts once per section.
    let mut counted_in: Vec<usize> = Vec::new();
    for (n, s) in sections.iter().enumerate() {
        let fields = field_texts(s).map(|text| {
            let mut ids = Vec::new();
            analyzer.for_each_word(text, |folded, _, _, _| {
                let id = match index.get(folded) {
                    Some(&id) => id,
                    None => {
                        let id = chunk.words.len() as u32;
                        index.insert(folded.to_string(), id);
                        chunk.words.push(folded.to_string());
                        chunk.counts.push(0);
                        counted_in.push(usize::MAX);
                        id
                    }
                };
                if counted_in[id as usize] != n {
                    counted_in[id as usize] = n;
                    chunk.counts[id as usize] += 1;
                }
                ids.push(id);
            });
            ids
        });
        chunk.fields.push(fields);
    }
    chunk
}
