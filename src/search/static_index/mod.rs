//! The static index for the browser: manifest, word shards, term shards and text shards.
//!
//! Every file is a classic script that registers its JSON in `self.HandboekZoekData`, so the
//! client can load it with a `<script>` element from `http://` and `file://` alike.
//! - `manifest.js`: corpus statistics, tantivy's field norm table, stop words, facet names and
//!   combinations, and the first word/term of every shard.
//! - `w-<hash>.js`: surface words `[word, term, count]`; the term is given as the number of
//!   letters to cut off the word when it is a prefix of it, else as a string.
//! - `t<hash>-<n>.js`: sorted terms `[term, heading postings, body postings]`, in shards whose
//!   bounds the manifest lists (see [`separator`]); postings are varints (see [`encode`]):
//!   page delta, section in page, term frequency, field norm id, facet combo. The hash
//!   covers all term shards.
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
/// A term shard is closed once it holds this many bytes.
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

/// Packs the sorted terms into shards of about [`TERM_SHARD_BYTES`] (a term never splits),
/// named `t<hash of all term shards>-<n>`; returns `{"naam": prefix, "grenzen": separators}`,
/// where separator `i` is the shortest prefix of shard `i`'s first term that sorts after the
/// last term of shard `i - 1` (`""` for the first), so the manifest stays small and the
/// completions of a word mostly share a shard.
fn term_shards(
    corpus: &Corpus,
    postings: Vec<[String; 2]>,
    files: &mut Vec<(String, String)>,
) -> Value {
    let mut bodies: Vec<String> = Vec::new();
    let mut separators: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last: Option<&str> = None;
    for (term, [head, body]) in corpus.terms.iter().zip(postings) {
        if current.is_empty() {
            separators.push(separator(last, term));
            current.push('[');
        } else {
            current.push(',');
        }
        current.push_str(&json!([term, head, body]).to_string());
        last = Some(term);
        if current.len() >= TERM_SHARD_BYTES {
            current.push(']');
            bodies.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() || bodies.is_empty() {
        if current.is_empty() {
            separators.push(String::new());
            current.push('[');
        }
        current.push(']');
        bodies.push(current);
    }
    let prefix = format!("t{}", short_hash(bodies.concat().as_bytes()));
    for (i, body) in bodies.iter().enumerate() {
        let name = format!("{prefix}-{i}");
        files.push((format!("{name}.js"), wrap(&name, body)));
    }
    json!({"naam": prefix, "grenzen": separators})
}

/// The shortest prefix of `first` that sorts after `previous` ("" when there is none).
pub fn separator(previous: Option<&str>, first: &str) -> String {
    let Some(previous) = previous else {
        return String::new();
    };
    let mut end = 0;
    for (i, c) in first.char_indices() {
        end = i + c.len_utf8();
        if &first[..end] > previous {
            break;
        }
    }
    first[..end].to_string()
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
    let pages: Vec<String> = corpus
        .pages
        .iter()
        .map(|p| {
            let sections = &corpus.sections[p.first as usize..(p.first + p.len) as usize];
            let s0 = sections[0].section;
            let list: Vec<(&String, &Option<String>, &String)> = sections
                .iter()
                .map(|s| (&s.section.heading, &s.section.anchor, &s.section.text))
                .collect();
            serde_json::to_string(&(&s0.page_title, &s0.url, &s0.breadcrumb, &s0.page_id, list))
                .unwrap_or_default()
        })
        .collect();
    let total: usize = pages.iter().map(String::len).sum();
    let average = total / pages.len().max(1);
    let per = (TEXT_SHARD_BYTES / average.max(1)).max(1);
    let bodies: Vec<String> = pages
        .chunks(per)
        .map(|c| format!("[{}]", c.join(",")))
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
    use super::separator;

    #[test]
    fn separators_are_short_and_between_shards() {
        assert_eq!(separator(None, "aanpak"), "");
        assert_eq!(separator(Some("begeleid"), "beleid"), "bel");
        assert_eq!(separator(Some("hulp"), "hulpverlen"), "hulpv");
        assert_eq!(separator(Some("zorg"), "één"), "é");
    }
}
