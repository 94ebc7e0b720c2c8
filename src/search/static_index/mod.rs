//! The static index for the browser: manifest, word shards, term shards and text shards.
//!
//! Every file is a classic script that registers its JSON in `self.HandboekZoekData`, so the
//! client can load it with a `<script>` element from `http://` and `file://` alike.
//! - `manifest.js`: corpus statistics, tantivy's field norm table, stop words, facet names and
//!   combinations, and the first word/term of every shard.
//! - `w-<hash>.js`: surface words `[word, term, count]`; the term is given as the number of
//!   letters to cut off the word when it is a prefix of it, else as a string.
//! - `t<hash>-<n>.js`: terms `[term, heading postings, body postings]`, spread over shards by
//!   [`term_bucket`]; postings are varints (see [`encode`]): page delta, section in page,
//!   term frequency, field norm id, facet combo. The hash covers all term shards.
//! - `x<hash>-<n>.js`: the texts of a group of pages for snippets and result titles.

pub mod encode;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tantivy::fieldnorm::FieldNormReader;

use super::SearchError;
use super::analyzer::stop_words;
use super::corpus::{Corpus, LEVEL_SHIFT, ROLE_SHIFT};
use super::index::HEADING_BOOST;
use encode::{push_varint, short_hash, wrap};

/// Format version of the static index.
pub const VERSION: u32 = 1;
/// Term shards hold about this many bytes of postings on average.
pub const TERM_SHARD_BYTES: usize = 10_000;
/// A word shard is closed once it holds this many bytes.
pub const WORD_SHARD_BYTES: usize = 8_000;
/// Text shards aim at this many bytes (whole pages).
pub const TEXT_SHARD_BYTES: usize = 6_000;

/// The files of the static index: (file name, contents).
pub fn build(corpus: &Corpus) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let (combos, combo_of) = combos(corpus);
    let postings = postings(corpus, &combo_of);

    let term_shards = term_shards(corpus, postings, &mut files);

    let mut word_entries = corpus.vocabulary.entries().iter().map(|e| {
        let spec = match e.word.strip_prefix(e.term.as_str()) {
            Some(rest) => json!(rest.chars().count()),
            None => json!(e.term),
        };
        (e.word.clone(), json!([e.word, spec, e.count]))
    });
    let word_list = shards("w", &mut word_entries, WORD_SHARD_BYTES, &mut files);

    let (text_prefix, pages_per_text) = texts(corpus, &mut files);
    let manifest = json!({
        "versie": VERSION,
        "secties": corpus.sections.len(),
        "paginas": corpus.pages.len(),
        "tokens": corpus.total_tokens,
        "kopBoost": HEADING_BOOST,
        "normen": (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect::<Vec<_>>(),
        "stop": stop_words(),
        "types": corpus.kinds,
        "niveaus": corpus.settings.levels,
        "rollen": corpus.settings.roles,
        "combis": combos,
        "woorden": word_list,
        "termen": term_shards,
        "teksten": text_prefix,
        "paginasPerTekst": pages_per_text,
    });
    files.push((
        "manifest.js".into(),
        wrap("manifest", &manifest.to_string()),
    ));
    files
}

/// Writes the static index into `dir` (emptied first); returns (file, bytes) sorted by name.
pub fn write(corpus: &Corpus, dir: &Path) -> Result<Vec<(PathBuf, u64)>, SearchError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    let mut written = Vec::new();
    for (name, content) in build(corpus) {
        let path = dir.join(&name);
        std::fs::write(&path, &content).map_err(|e| SearchError::io(&path, e))?;
        written.push((PathBuf::from(name), content.len() as u64));
    }
    written.sort();
    Ok(written)
}

/// Distinct facet masks as `[kind, level bits, role bits]`, and the combo index by mask.
fn combos(corpus: &Corpus) -> (Vec<[u64; 3]>, BTreeMap<u64, u64>) {
    let mut masks: Vec<u64> = corpus.sections.iter().map(|s| s.facets).collect();
    masks.sort_unstable();
    masks.dedup();
    let list = masks
        .iter()
        .map(|m| {
            [
                m & 0xff,
                m >> LEVEL_SHIFT & 0xff_ffff,
                m >> ROLE_SHIFT & 0xff_ffff,
            ]
        })
        .collect();
    let index = masks
        .iter()
        .enumerate()
        .map(|(i, m)| (*m, i as u64))
        .collect();
    (list, index)
}

/// Encoded postings per term: [heading, body].
fn postings(corpus: &Corpus, combo_of: &BTreeMap<u64, u64>) -> Vec<[String; 2]> {
    let mut lists: Vec<[(String, Option<u32>); 2]> = vec![Default::default(); corpus.terms.len()];
    for s in &corpus.sections {
        let combo = combo_of.get(&s.facets).copied().unwrap_or(0);
        for (field, stats) in s.fields.iter().enumerate() {
            let norm = FieldNormReader::fieldnorm_to_id(stats.tokens);
            for (term, tf) in &stats.tf {
                let (out, last) = &mut lists[*term as usize][field];
                push_varint(out, u64::from(s.page - last.unwrap_or(0)));
                push_varint(out, u64::from(s.in_page));
                push_varint(out, u64::from(*tf));
                push_varint(out, u64::from(norm));
                push_varint(out, combo);
                *last = Some(s.page);
            }
        }
    }
    lists.into_iter().map(|l| l.map(|(s, _)| s)).collect()
}

/// Spreads the terms over shards by hash (FNV-1a of the term, modulo the shard count), so
/// the manifest needs no list of terms; returns `{"n": shards, "naam": name prefix}`.
fn term_shards(
    corpus: &Corpus,
    postings: Vec<[String; 2]>,
    files: &mut Vec<(String, String)>,
) -> Value {
    let total: usize = postings.iter().map(|[h, b]| h.len() + b.len()).sum();
    let count = total.div_ceil(TERM_SHARD_BYTES).max(1);
    let mut buckets: Vec<Vec<Value>> = vec![Vec::new(); count];
    for (term, [head, body]) in corpus.terms.iter().zip(postings) {
        buckets[term_bucket(term, count)].push(json!([term, head, body]));
    }
    let bodies: Vec<String> = buckets
        .into_iter()
        .map(|b| Value::Array(b).to_string())
        .collect();
    let prefix = format!("t{}", short_hash(bodies.concat().as_bytes()));
    for (i, body) in bodies.iter().enumerate() {
        let name = format!("{prefix}-{i}");
        files.push((format!("{name}.js"), wrap(&name, body)));
    }
    json!({"n": count, "naam": prefix})
}

/// The shard of a term: FNV-1a (32 bit) of its UTF-8 bytes modulo `count`.
pub fn term_bucket(term: &str, count: usize) -> usize {
    let hash = term.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as usize % count.max(1)
}

/// Packs sorted (key, entry) pairs into shards of about `target` bytes; returns
/// `[first key, file stem]` per shard.
fn shards(
    prefix: &str,
    entries: &mut dyn Iterator<Item = (String, Value)>,
    target: usize,
    files: &mut Vec<(String, String)>,
) -> Vec<[String; 2]> {
    let mut list = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut first = String::new();
    let mut size = 0;
    let mut flush = |current: &mut Vec<Value>, first: &str, list: &mut Vec<[String; 2]>| {
        if current.is_empty() {
            return;
        }
        let body = Value::Array(std::mem::take(current)).to_string();
        let name = format!("{prefix}-{}", short_hash(body.as_bytes()));
        files.push((format!("{name}.js"), wrap(&name, &body)));
        list.push([first.to_string(), name]);
    };
    for (key, entry) in entries {
        if current.is_empty() {
            first = key;
        }
        size += entry.to_string().len() + 1;
        current.push(entry);
        if size >= target {
            flush(&mut current, &first, &mut list);
            size = 0;
        }
    }
    flush(&mut current, &first, &mut list);
    list
}

/// Writes text shards of whole pages; returns the name prefix and pages per shard.
fn texts(corpus: &Corpus, files: &mut Vec<(String, String)>) -> (String, usize) {
    let pages: Vec<Value> = corpus
        .pages
        .iter()
        .map(|p| {
            let sections = &corpus.sections[p.first as usize..(p.first + p.len) as usize];
            let s0 = sections[0].section;
            let list: Vec<Value> = sections
                .iter()
                .map(|s| json!([s.section.heading, s.section.anchor, s.section.text]))
                .collect();
            json!([s0.page_title, s0.url, s0.breadcrumb, s0.page_id, list])
        })
        .collect();
    let total: usize = pages.iter().map(|p| p.to_string().len()).sum();
    let average = total / pages.len().max(1);
    let per = (TEXT_SHARD_BYTES / average.max(1)).max(1);
    let bodies: Vec<String> = pages
        .chunks(per)
        .map(|c| Value::Array(c.to_vec()).to_string())
        .collect();
    let prefix = format!("x{}", short_hash(bodies.concat().as_bytes()));
    for (i, body) in bodies.iter().enumerate() {
        let name = format!("{prefix}-{i}");
        files.push((format!("{name}.js"), wrap(&name, body)));
    }
    (prefix, per)
}

#[cfg(test)]
mod tests {
    use super::term_bucket;

    /// The client computes the same buckets (tests/js/engine.test.mjs).
    #[test]
    fn term_buckets_are_fnv1a() {
        assert_eq!(term_bucket("inwoner", 1000), 209);
        assert_eq!(term_bucket("financien", 97), 36);
        assert_eq!(term_bucket("ï", 1 << 30), 547_220_455);
    }
}
