//! Term numbers of the corpus: every word's term and compound parts, and the synonym groups,
//! as numbers into one sorted term list, so the term frequencies of a section are counted on
//! numbers rather than strings.

use rustc_hash::FxHashMap;

use super::FieldStats;
use crate::search::analyzer::WordTerms;

/// The terms of every word and synonym group, numbered in sorted order.
pub struct TermTable {
    /// Every term a word or synonym group can yield, sorted.
    pub terms: Vec<String>,
    /// By word number: its term and the range of its parts in `parts`; None for a stop word.
    words: Vec<Option<(u32, u32, u32)>>,
    parts: Vec<u32>,
    /// Synonym groups; a member is the sequence of its word terms.
    groups: Vec<Vec<Vec<u32>>>,
    /// The groups (ascending) with a member that starts with a term, by term.
    starts: FxHashMap<u32, Vec<usize>>,
}

impl TermTable {
    /// Numbers the terms of `analyses` (by word number) and of the synonym `groups`.
    pub fn new(analyses: &[Option<WordTerms>], groups: &[Vec<Vec<String>>]) -> TermTable {
        let mut terms: Vec<&str> = analyses
            .iter()
            .flatten()
            .flat_map(|a| std::iter::once(&a.term).chain(&a.parts))
            .chain(groups.iter().flatten().flatten())
            .map(String::as_str)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let id = |t: &str| terms.binary_search(&t).unwrap_or(0) as u32;
        let mut parts = Vec::new();
        let words = analyses
            .iter()
            .map(|a| {
                let a = a.as_ref()?;
                let from = parts.len() as u32;
                parts.extend(a.parts.iter().map(|p| id(p)));
                Some((id(&a.term), from, parts.len() as u32))
            })
            .collect();
        let groups: Vec<Vec<Vec<u32>>> = groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|m| m.iter().map(|t| id(t)).collect())
                    .collect()
            })
            .collect();
        let mut starts: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (g, group) in groups.iter().enumerate() {
            for first in group.iter().filter_map(|m| m.first()) {
                let list = starts.entry(*first).or_default();
                if list.last() != Some(&g) {
                    list.push(g);
                }
            }
        }
        TermTable {
            terms: terms.into_iter().map(String::from).collect(),
            words,
            parts,
            groups,
            starts,
        }
    }

    /// The term frequencies of a field given as word numbers: per word its term and parts,
    /// then the synonyms of every group a run of (non-stop) words matches, at the run's first
    /// word, unless the term is there already (as [`Analyzer::for_each_term`] emits them).
    ///
    /// [`Analyzer::for_each_term`]: crate::search::analyzer::Analyzer::for_each_term
    pub fn field(&self, words: &[u32], buf: &mut Vec<u32>) -> FieldStats {
        buf.clear();
        let mut run: Vec<(u32, &[u32])> = Vec::with_capacity(words.len());
        for &w in words {
            let Some(Some((term, from, to))) = self.words.get(w as usize) else {
                continue;
            };
            let parts = &self.parts[*from as usize..*to as usize];
            buf.push(*term);
            buf.extend_from_slice(parts);
            run.push((*term, parts));
        }
        if !self.starts.is_empty() {
            let mut added: Vec<u32> = Vec::new();
            for i in 0..run.len() {
                let (term, parts) = run[i];
                let Some(candidates) = self.starts.get(&term) else {
                    continue;
                };
                added.clear();
                for &g in candidates {
                    let group = &self.groups[g];
                    let matched = group.iter().any(|member| {
                        member.len() <= run.len() - i
                            && member.iter().zip(&run[i..]).all(|(m, (t, _))| m == t)
                    });
                    if !matched {
                        continue;
                    }
                    for &t in group.iter().flatten() {
                        if t != term && !parts.contains(&t) && !added.contains(&t) {
                            added.push(t);
                            buf.push(t);
                        }
                    }
                }
            }
        }
        buf.sort_unstable();
        let mut stats = FieldStats {
            tokens: buf.len() as u32,
            tf: Vec::new(),
        };
        for &t in buf.iter() {
            match stats.tf.last_mut() {
                Some((last, n)) if *last == t => *n += 1,
                _ => stats.tf.push((t, 1)),
            }
        }
        stats
    }
}
