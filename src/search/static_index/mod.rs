//! The static index for the browser: manifest, word shards, term data and page texts.
//!
//! Every file is a classic script that registers its JSON in `self.HandboekZoekData`, so the
//! client can load it with a `<script>` element from `http://` and `file://` alike.
//! - `manifest.js`: corpus statistics, tantivy's field norm table, stop words, facet names and
//!   combinations, the units and their signatures (see [`units`]), the first word of every
//!   word shard and the first term of every term shard.
//! - `w-<hash>.js`: surface words `[word, term, count]`, plus the term's number when the term
//!   has a file of its own (so the client loads it without its term shard); the term is given
//!   as the number of letters to cut off the word when it is a prefix of it, else as a string.
//! - `t<hash>-<n>.js`: sorted terms, in shards whose bounds the manifest lists (see
//!   [`separator`]): `[term, heading df, body df, membership, tiers]` (see [`postings`]), or
//!   for a term with much data `[term, heading df, body df, "u<id>"]` with
//!   `[heading df, body df, membership, tiers]` in `t<hash>-u<id>.js` and its later tiers in
//!   `t<hash>-u<id>-<k>.js`.
//!   A tier is `[bound, classes, postings]` or, in a file of its own, `[bound, name]` with
//!   `[classes, postings]` in the file. The hash covers all term files.
//! - `x<hash>-<unit>.js`: the texts of one page (named by its first unit) for snippets. The
//!   hash covers the pages of one group of [`units::TEXT_GROUP_UNITS`] unit numbers, so an
//!   edit renames the texts of its group only; the manifest lists each group's `x<hash>`.

pub mod encode;
pub mod postings;
pub mod units;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde_json::{Value, json};
use tantivy::fieldnorm::FieldNormReader;

use super::SearchError;
use super::analyzer::stop_words;
use super::corpus::{Corpus, LEVEL_SHIFT, ROLE_SHIFT};
use super::index::HEADING_BOOST;
use encode::{hash_of, short_hash, wrap};
use postings::TermData;
use units::Units;

/// Format version of the static index.
pub const VERSION: u32 = 2;
/// A term shard is closed once it holds this many bytes.
pub const TERM_SHARD_BYTES: usize = 2_500;
/// A term whose entry would exceed this many bytes gets a file of its own.
pub const OWN_FILE_BYTES: usize = 1_500;
/// A word shard is closed once it holds this many bytes.
pub const WORD_SHARD_BYTES: usize = 8_000;

/// Receives every file of the static index as it is made: (file name, contents). The page
/// texts are made in parallel, so `emit` is called from several threads.
pub type Emit<'e> = dyn Fn(String, String) + Sync + 'e;

/// The files of the static index: (file name, contents), sorted by name.
pub fn build(corpus: &Corpus) -> Vec<(String, String)> {
    let files = Mutex::new(Vec::new());
    build_into(corpus, &|name, content| lock(&files).push((name, content)));
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort();
    files
}

/// The value behind a lock, also when a thread panicked holding it (the files made so far
/// stay valid).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes the files of the static index and hands each to `emit` as soon as it is made, so a
/// writer need not hold them all (the same files as [`build`]).
pub fn build_into(corpus: &Corpus, emit: &Emit) {
    let (combos, combo_of) = combos(corpus);
    let units = Units::new(corpus, &combo_of);
    let data = postings::terms(corpus, &units);
    let (term_shards, own) = term_shards(corpus, data, emit);

    let mut word_entries = corpus.vocabulary.entries().iter().map(|e| {
        let spec = match e.word.strip_prefix(e.term.as_str()) {
            Some(rest) => json!(rest.chars().count()),
            None => json!(e.term),
        };
        let id = corpus.terms.binary_search(&e.term).ok();
        match id.filter(|id| own.get(*id).copied().unwrap_or(false)) {
            Some(id) => (e.word.clone(), json!([e.word, spec, e.count, id])),
            None => (e.word.clone(), json!([e.word, spec, e.count])),
        }
    });
    let word_list = shards("w", &mut word_entries, WORD_SHARD_BYTES, emit);

    let text_groups = units::texts(corpus, &units, emit);
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
        "expertise": corpus.expertise,
        "expertiseNamen": expertise_names(corpus),
        "combis": combos,
        "eenheden": units.manifest(),
        "woorden": word_list,
        "termen": term_shards,
        "teksten": {"groep": units::TEXT_GROUP_UNITS, "namen": text_groups},
    });
    emit(
        "manifest.js".into(),
        wrap("manifest", &manifest.to_string()),
    );
}

/// The title of every expertise area (its page title when the page is in the corpus, else
/// the last part of its id).
fn expertise_names(corpus: &Corpus) -> Vec<String> {
    corpus
        .expertise
        .iter()
        .map(|id| {
            corpus
                .sections
                .iter()
                .find(|s| s.section.page_id == *id)
                .map(|s| s.section.page_title.clone())
                .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_string())
        })
        .collect()
}

/// Writes the static index into `dir`, which then holds nothing else; returns (file, bytes)
/// sorted by name.
///
/// Files of an earlier index are written over, and those not written again are removed after:
/// a rebuild into a reused folder does not delete and recreate ten thousand files that keep
/// their names.
pub fn write(corpus: &Corpus, dir: &Path) -> Result<Vec<(PathBuf, u64)>, SearchError> {
    let earlier = earlier_files(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    let written = Mutex::new(Vec::new());
    let failed = Mutex::new(None);
    build_into(corpus, &|name, content| {
        if lock(&failed).is_some() {
            return;
        }
        let path = dir.join(&name);
        match std::fs::write(&path, &content) {
            Ok(()) => lock(&written).push((PathBuf::from(name), content.len() as u64)),
            Err(e) => *lock(&failed) = Some(SearchError::io(&path, e)),
        }
    });
    if let Some(e) = lock(&failed).take() {
        return Err(e);
    }
    let mut written = written.into_inner().unwrap_or_else(PoisonError::into_inner);
    written.sort();
    let stale: Vec<&PathBuf> = earlier
        .iter()
        .filter(|name| written.binary_search_by(|(w, _)| w.cmp(name)).is_err())
        .collect();
    stale.par_iter().try_for_each(|name| {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(|e| SearchError::io(&path, e))
    })?;
    Ok(written)
}

/// The files in `dir` (none when it does not exist); anything in it that is not a file is
/// removed, so no new file collides with it.
fn earlier_files(dir: &Path) -> Result<Vec<PathBuf>, SearchError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SearchError::io(dir, e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| SearchError::io(dir, e))?;
        let path = entry.path();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file {
            files.push(PathBuf::from(entry.file_name()));
        } else if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path).map_err(|e| SearchError::io(&path, e))?;
        } else {
            std::fs::remove_file(&path).map_err(|e| SearchError::io(&path, e))?;
        }
    }
    Ok(files)
}

/// Combination number by (facet mask, expertise bits).
pub type ComboOf = BTreeMap<(u64, u64), u64>;

/// Distinct facet combinations as `[kind, level bits, role bits, expertise bits]`, and the
/// combination number by (facet mask, expertise bits).
fn combos(corpus: &Corpus) -> (Vec<[u64; 4]>, ComboOf) {
    let mut masks: Vec<(u64, u64)> = corpus
        .sections
        .iter()
        .map(|s| (s.facets, s.expertise))
        .collect();
    masks.sort_unstable();
    masks.dedup();
    let list = masks
        .iter()
        .map(|(m, e)| {
            [
                m & 0xff,
                m >> LEVEL_SHIFT & 0xff_ffff,
                m >> ROLE_SHIFT & 0xff_ffff,
                *e,
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

/// Packs the sorted terms into shards of about [`TERM_SHARD_BYTES`] (a term never splits;
/// a large one gets files of its own), named `t<hash of all term files>-<n>`; returns
/// `{"naam": prefix, "grenzen": separators}`, where separator `i` is the shortest prefix of
/// shard `i`'s first term that sorts after the last term of shard `i - 1` (`""` for the
/// first), so the manifest stays small and the completions of a word mostly share a shard.
fn term_shards(corpus: &Corpus, data: Vec<TermData>, emit: &Emit) -> (Value, Vec<bool>) {
    let mut has_file = vec![false; data.len()];
    let mut bodies: Vec<String> = Vec::new();
    let mut own: Vec<(String, String)> = Vec::new();
    let mut separators: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last: Option<&str> = None;
    for (id, (term, d)) in corpus.terms.iter().zip(data).enumerate() {
        if current.is_empty() {
            separators.push(separator(last, term));
            current.push('[');
        } else {
            current.push(',');
        }
        let tiers: Vec<Value> = d.tiers.iter().map(|t| json!(t)).collect();
        let inline = json!([term, d.df[0], d.df[1], d.membership, tiers]).to_string();
        if inline.len() <= OWN_FILE_BYTES {
            current.push_str(&inline);
        } else {
            let name = format!("u{id}");
            let tiers: Vec<Value> = d
                .tiers
                .into_iter()
                .enumerate()
                .map(|(k, [bound, classes, postings])| {
                    if k == 0 {
                        return json!([bound, classes, postings]);
                    }
                    let tier = format!("{name}-{k}");
                    own.push((tier.clone(), json!([classes, postings]).to_string()));
                    json!([bound, tier])
                })
                .collect();
            own.push((
                name.clone(),
                json!([d.df[0], d.df[1], d.membership, tiers]).to_string(),
            ));
            has_file[id] = true;
            current.push_str(&json!([term, d.df[0], d.df[1], name]).to_string());
        }
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
    let prefix = format!(
        "t{}",
        hash_of(
            bodies
                .iter()
                .chain(own.iter().map(|(_, b)| b))
                .map(String::as_str)
        )
    );
    let named = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| (i.to_string(), body))
        .chain(own);
    for (suffix, body) in named {
        let name = format!("{prefix}-{suffix}");
        emit(format!("{name}.js"), wrap(&name, &body));
    }
    (json!({"naam": prefix, "grenzen": separators}), has_file)
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
    emit: &Emit,
) -> Vec<[String; 2]> {
    let mut list = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut first = String::new();
    let mut size = 0;
    let flush = |current: &mut Vec<Value>, first: &str, list: &mut Vec<[String; 2]>| {
        if current.is_empty() {
            return;
        }
        let body = Value::Array(std::mem::take(current)).to_string();
        let name = format!("{prefix}-{}", short_hash(body.as_bytes()));
        emit(format!("{name}.js"), wrap(&name, &body));
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

#[cfg(test)]
mod tests {
    use super::{separator, write};
    use crate::search::corpus::Corpus;
    use crate::search::{SearchSection, SearchSettings};

    fn section(page: &str, text: &str) -> SearchSection {
        SearchSection {
            page_id: page.into(),
            page_title: page.into(),
            url: format!("{page}/"),
            anchor: None,
            heading: String::new(),
            breadcrumb: Vec::new(),
            collection: "handboek".into(),
            levels: Vec::new(),
            roles: Vec::new(),
            expertise: Vec::new(),
            text: text.into(),
        }
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_name_always_stands_for_the_same_contents() {
        let settings = SearchSettings {
            levels: vec!["A".into()],
            ..SearchSettings::default()
        };
        let pages = |a_has_level: bool| {
            let mut a = section("a", "huisbezoek");
            if a_has_level {
                a.levels = vec!["A".into()];
            }
            [a, section("b", "keukentafelgesprek")]
        };
        let mut seen = std::collections::HashMap::new();
        for a_has_level in [false, true] {
            let sections = pages(a_has_level);
            let corpus = Corpus::build(&sections, &settings).expect("corpus");
            for (name, contents) in super::build(&corpus) {
                if name == "manifest.js" {
                    continue;
                }
                let before = seen.entry(name.clone()).or_insert(contents.clone());
                assert_eq!(*before, contents, "{name} changed contents");
            }
        }
    }

    #[test]
    fn an_edit_renames_only_the_page_texts_of_its_group() {
        let settings = SearchSettings::default();
        let pages = |edited: &str| -> Vec<SearchSection> {
            (0..300)
                .map(|i| {
                    let text = if i == 7 { edited } else { "huisbezoek" };
                    section(&format!("p{i:03}"), &format!("{text} {i}"))
                })
                .collect()
        };
        let texts = |sections: &[SearchSection]| -> std::collections::BTreeSet<String> {
            let corpus = Corpus::build(sections, &settings).expect("corpus");
            super::build(&corpus)
                .into_iter()
                .map(|(name, _)| name)
                .filter(|name| name.starts_with('x'))
                .collect()
        };
        let before = texts(&pages("huisbezoek"));
        let after = texts(&pages("keukentafelgesprek"));
        assert_eq!(before.len(), 300);
        let renamed = before.difference(&after).count();
        assert_eq!(renamed, super::units::TEXT_GROUP_UNITS as usize);
    }

    #[test]
    fn a_rewrite_leaves_only_the_new_index() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("index");
        let settings = SearchSettings::default();
        let first = [section("a", "huisbezoek bij de inwoner")];
        write(&Corpus::build(&first, &settings).expect("corpus"), &dir).expect("first write");
        let second = [
            section("a", "keukentafelgesprek"),
            section("b", "schuldhulp"),
        ];
        let corpus = Corpus::build(&second, &settings).expect("corpus");
        // Left by someone else: a folder and a link where files may go, and a stray file.
        std::fs::create_dir_all(dir.join("oud.js/binnen")).expect("folder");
        std::fs::write(dir.join("los.txt"), "x").expect("file");
        let outside = tmp.path().join("buiten.js");
        std::fs::write(&outside, "buiten").expect("outside");
        std::fs::remove_file(dir.join("manifest.js")).expect("old manifest");
        std::os::unix::fs::symlink(&outside, dir.join("manifest.js")).expect("link");

        let written = write(&corpus, &dir).expect("second write");
        let expected: Vec<String> = written
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(names(&dir), expected);
        assert_eq!(
            std::fs::read_to_string(&outside).expect("outside"),
            "buiten"
        );
        let fresh = tmp.path().join("fresh");
        write(&corpus, &fresh).expect("fresh write");
        assert_eq!(names(&fresh), expected);
        for name in &expected {
            assert_eq!(
                std::fs::read(dir.join(name)).expect("rewritten"),
                std::fs::read(fresh.join(name)).expect("fresh"),
                "{name}"
            );
        }
    }

    #[test]
    fn separators_are_short_and_between_shards() {
        assert_eq!(separator(None, "aanpak"), "");
        assert_eq!(separator(Some("begeleid"), "beleid"), "bel");
        assert_eq!(separator(Some("hulp"), "hulpverlen"), "hulpv");
        assert_eq!(separator(Some("zorg"), "één"), "é");
    }
}
