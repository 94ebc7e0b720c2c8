//! Units of the static index and the page texts.
//!
//! A unit is a run of at most [`UNIT_SECTIONS`] consecutive sections of one page, so the
//! client can hold a unit's matching sections in one 32-bit mask. Units are sorted by their
//! signature (the facet combination of each section), so the manifest lists each signature
//! once with the number of units that carry it and the client derives every section's facets
//! from its unit number alone; postings need no facet data.

use rayon::prelude::*;
use serde_json::{Value, json};

use super::Emit;
use super::encode::{hash_of, wrap};
use crate::search::corpus::Corpus;

/// At most this many sections in a unit (bits of a mask the client handles as an int32).
pub const UNIT_SECTIONS: u32 = 30;

/// One unit: sections `first..first + len` (corpus ordinals) of page `page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Page ordinal.
    pub page: u32,
    /// Which unit of its page (0 for the first).
    pub chunk: u32,
    /// Corpus ordinal of its first section.
    pub first: u32,
    /// Number of sections.
    pub len: u32,
}

/// The units of a corpus in index order, with what the manifest says about them.
#[derive(Debug, Clone, Default)]
pub struct Units {
    /// Units by unit number.
    pub list: Vec<Unit>,
    /// Distinct signatures in unit order: facet combination numbers per section, trailing
    /// repeats dropped (section `i` has combination `sig[min(i, len - 1)]`).
    pub signatures: Vec<Vec<u64>>,
    /// Number of consecutive units per signature.
    pub runs: Vec<u32>,
    /// Unit number of the first unit of every page, by page ordinal.
    pub heads: Vec<u32>,
}

impl Units {
    /// Cuts the pages into units and sorts them by signature (then page).
    pub fn new(corpus: &Corpus, combo_of: &super::ComboOf) -> Units {
        let mut keyed: Vec<(Vec<u64>, Unit)> = Vec::new();
        for (page, p) in corpus.pages.iter().enumerate() {
            let mut chunk = 0;
            let mut at = 0;
            while at < p.len {
                let len = (p.len - at).min(UNIT_SECTIONS);
                let first = p.first + at;
                let mut sig: Vec<u64> = corpus.sections[first as usize..(first + len) as usize]
                    .iter()
                    .map(|s| combo_of.get(&(s.facets, s.expertise)).copied().unwrap_or(0))
                    .collect();
                while sig.len() >= 2 && sig[sig.len() - 1] == sig[sig.len() - 2] {
                    sig.pop();
                }
                let unit = Unit {
                    page: page as u32,
                    chunk,
                    first,
                    len,
                };
                keyed.push((sig, unit));
                chunk += 1;
                at += len;
            }
        }
        keyed.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.page.cmp(&b.1.page))
                .then(a.1.chunk.cmp(&b.1.chunk))
        });
        let mut units = Units {
            heads: vec![0; corpus.pages.len()],
            ..Units::default()
        };
        for (i, (sig, unit)) in keyed.into_iter().enumerate() {
            if units.signatures.last() == Some(&sig) {
                if let Some(n) = units.runs.last_mut() {
                    *n += 1;
                }
            } else {
                units.signatures.push(sig);
                units.runs.push(1);
            }
            if unit.chunk == 0 {
                units.heads[unit.page as usize] = i as u32;
            }
            units.list.push(unit);
        }
        units
    }

    /// `(unit, index in unit)` of every section, by corpus ordinal.
    pub fn of_sections(&self, sections: usize) -> Vec<(u32, u32)> {
        let mut out = vec![(0, 0); sections];
        for (u, unit) in self.list.iter().enumerate() {
            for i in 0..unit.len {
                out[(unit.first + i) as usize] = (u as u32, i);
            }
        }
        out
    }

    /// The manifest's description: signatures, run lengths, and `[unit, first unit of its
    /// page, chunk]` for every unit that continues a page.
    pub fn manifest(&self) -> Value {
        let rest: Vec<[u32; 3]> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, u)| u.chunk > 0)
            .map(|(i, u)| [i as u32, self.heads[u.page as usize], u.chunk])
            .collect();
        json!({"sigs": self.signatures, "runs": self.runs, "vervolg": rest})
    }
}

/// Page texts are named per group of this many unit numbers: an edit renames the text files of
/// its group only (browsers and copies to the web server keep the rest), and the manifest
/// lists one name per group.
pub const TEXT_GROUP_UNITS: u32 = 64;

/// Writes one text file per page (named by its group's prefix and the unit number of its first
/// unit) for snippets and result titles; returns the name prefix of every group of
/// [`TEXT_GROUP_UNITS`] unit numbers ("" for a group in which no page starts).
pub fn texts(corpus: &Corpus, units: &Units, emit: &Emit) -> Vec<String> {
    let mut bodies: Vec<(u32, String)> = corpus
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let sections = &corpus.sections[p.first as usize..(p.first + p.len) as usize];
            let s0 = sections[0].section;
            let list: Vec<(&String, &Option<String>, &String)> = sections
                .iter()
                .map(|s| (&s.section.heading, &s.section.anchor, &s.section.text))
                .collect();
            let body = serde_json::to_string(&(
                &s0.page_title,
                &s0.url,
                &s0.breadcrumb,
                &s0.page_id,
                list,
            ))
            .unwrap_or_default();
            (units.heads[i], body)
        })
        .collect();
    let groups = units.list.len().div_ceil(TEXT_GROUP_UNITS as usize);
    let mut prefixes = vec![String::new(); groups];
    // Units are in signature order, not page order: sorted by unit, each group is one run.
    bodies.sort_unstable_by_key(|(head, _)| *head);
    for run in bodies.chunk_by(|a, b| a.0 / TEXT_GROUP_UNITS == b.0 / TEXT_GROUP_UNITS) {
        // The unit numbers are in the hash too: they change with a page's facets while its
        // text stays, and a file name must never stand for other contents (browsers cache by
        // name).
        let heads: Vec<String> = run.iter().map(|(head, _)| format!("{head}:")).collect();
        let hash = hash_of(
            heads
                .iter()
                .zip(run)
                .flat_map(|(head, (_, body))| [head.as_str(), body.as_str()]),
        );
        prefixes[(run[0].0 / TEXT_GROUP_UNITS) as usize] = format!("x{hash}");
    }
    bodies.into_par_iter().for_each(|(head, body)| {
        let name = format!("{}-{head}", prefixes[(head / TEXT_GROUP_UNITS) as usize]);
        emit(format!("{name}.js"), wrap(&name, &body));
    });
    prefixes
}
