//! Term data of the static index: for every term its document frequencies, its membership
//! (which sections of which units contain it, for exact match sets and facet counts) and its
//! postings in impact tiers (best scores first, so the client scores only the tiers it needs).
//!
//! - Membership: per unit in ascending order the unit gap and the mask of its sections that
//!   contain the term (heading or body), as varints; for a term in more than one unit in
//!   [`DENSE_SHARE`], `~` and then the mask of every unit (0 for none), which packs better.
//! - A tier: its impact classes, best first (each the heading term frequency, its field norm id
//!   when the frequency is not 0, the body term frequency and its norm id likewise), then its
//!   postings sorted by unit, each as unit gap, section in unit and class number (or, when
//!   shorter, as a bitmap over the term's postings, see `encode_tier`). Tier `k`
//!   holds the next [`FIRST_TIER`]`·`[`TIER_GROWTH`]`^k` best postings; the tiers after the
//!   first carry a bound: their best class, from which the client computes the highest score
//!   the tier can add.

use rayon::prelude::*;
use tantivy::fieldnorm::FieldNormReader;

use super::encode::{DIGITS, push_varint};
use super::units::Units;
use crate::search::corpus::Corpus;
use crate::search::index::HEADING_BOOST;

/// Postings in the first tier.
pub const FIRST_TIER: usize = 32;
/// Each tier after the first holds this many times the postings of the one before.
pub const TIER_GROWTH: usize = 2;

/// A term in more than one unit in this many is stored densely.
pub const DENSE_SHARE: usize = 4;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// One section containing a term: where, its frequencies and norm ids per field, its score.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Posting {
    /// Place among the term's postings in unit order (its bit in the membership).
    member: u32,
    unit: u32,
    sec: u32,
    tf: [u32; 2],
    norm: [u8; 2],
    score: f32,
}

/// The encoded data of one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermData {
    /// Sections with the term in the heading and in the body.
    pub df: [u32; 2],
    /// Membership (see the module doc).
    pub membership: String,
    /// Tiers, best first: (bound, classes, postings); the first bound is empty.
    pub tiers: Vec<[String; 3]>,
}

/// BM25 as tantivy computes it (f32), for ordering postings by score.
struct Scorer {
    sections: f32,
    /// `K1 * (1 - B + B * fieldnorm / average)` per norm id, per field.
    norm_factor: [Vec<f32>; 2],
}

impl Scorer {
    fn new(corpus: &Corpus) -> Scorer {
        let n = corpus.sections.len().max(1) as f32;
        let factor = |field: usize| {
            let avg = corpus.total_tokens[field] as f32 / n;
            (0..=255u8)
                .map(|id| {
                    let norm = FieldNormReader::id_to_fieldnorm(id) as f32;
                    K1 * (1.0 - B + B * norm / avg)
                })
                .collect()
        };
        Scorer {
            sections: n,
            norm_factor: [factor(0), factor(1)],
        }
    }

    /// The inverse document frequency of a term in each field.
    fn idf(&self, df: [u32; 2]) -> [f32; 2] {
        df.map(|df| {
            let df = df as f32;
            (1.0 + (self.sections - df + 0.5) / (df + 0.5)).ln()
        })
    }

    fn score(&self, idf: [f32; 2], p: &Posting) -> f32 {
        let mut total = 0.0;
        for (field, idf) in idf.into_iter().enumerate() {
            if p.tf[field] == 0 {
                continue;
            }
            let tf = p.tf[field] as f32;
            let s = idf * (1.0 + K1) * tf / (tf + self.norm_factor[field][p.norm[field] as usize]);
            total += if field == 0 { s * HEADING_BOOST } else { s };
        }
        total
    }
}

/// The data of every term, by term id.
pub fn terms(corpus: &Corpus, units: &Units) -> Vec<TermData> {
    let all = Postings::new(corpus, units);
    let scorer = Scorer::new(corpus);
    (0..corpus.terms.len())
        .into_par_iter()
        .map(|term| encode_term(&scorer, all.of(term), units.list.len()))
        .collect()
}

/// A posting as stored for all terms at once (the compact part of [`Posting`]).
#[derive(Debug, Clone, Copy, Default)]
struct Stored {
    unit: u32,
    tf: [u32; 2],
    sec: u8,
    norm: [u8; 2],
}

/// The postings of every term, term after term, each term's in unit order: one allocation of
/// exactly the size needed (lists grown one by one cost half as much again in spare room).
struct Postings {
    /// Where each term's postings start; the last entry is the total.
    starts: Vec<usize>,
    list: Vec<Stored>,
}

impl Postings {
    fn new(corpus: &Corpus, units: &Units) -> Postings {
        let mut starts = vec![0usize; corpus.terms.len() + 1];
        each_posting(corpus, units, |term, _| starts[term as usize + 1] += 1);
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut list = vec![Stored::default(); starts[starts.len() - 1]];
        let mut next = starts.clone();
        each_posting(corpus, units, |term, p| {
            list[next[term as usize]] = p;
            next[term as usize] += 1;
        });
        Postings { starts, list }
    }

    fn of(&self, term: usize) -> &[Stored] {
        &self.list[self.starts[term]..self.starts[term + 1]]
    }
}

/// Calls `f(term, posting)` for every term of every section, units in order, then sections
/// in their unit, then terms by id (a term in heading and body gives one posting).
fn each_posting(corpus: &Corpus, units: &Units, mut f: impl FnMut(u32, Stored)) {
    for (u, unit) in units.list.iter().enumerate() {
        for sec in 0..unit.len {
            let [heading, body] = &corpus.sections[(unit.first + sec) as usize].fields;
            let norm = [heading.tokens, body.tokens].map(FieldNormReader::fieldnorm_to_id);
            let (mut h, mut b) = (heading.tf.iter().peekable(), body.tf.iter().peekable());
            loop {
                let (term, tf) = match (h.peek(), b.peek()) {
                    (None, None) => break,
                    (Some(&&(th, n)), Some(&&(tb, _))) if th < tb => (th, [n, 0]),
                    (Some(&&(th, n)), Some(&&(tb, m))) if th == tb => (th, [n, m]),
                    (Some(&&(th, n)), None) => (th, [n, 0]),
                    (_, Some(&&(tb, m))) => (tb, [0, m]),
                };
                if tf[0] > 0 {
                    h.next();
                }
                if tf[1] > 0 {
                    b.next();
                }
                let norm = [0, 1].map(|field| if tf[field] > 0 { norm[field] } else { 0 });
                let sec = sec as u8;
                f(
                    term,
                    Stored {
                        unit: u as u32,
                        tf,
                        sec,
                        norm,
                    },
                );
            }
        }
    }
}

fn encode_term(scorer: &Scorer, stored: &[Stored], units: usize) -> TermData {
    let mut list: Vec<Posting> = stored
        .iter()
        .enumerate()
        .map(|(member, p)| Posting {
            member: member as u32,
            unit: p.unit,
            sec: u32::from(p.sec),
            tf: p.tf,
            norm: p.norm,
            score: 0.0,
        })
        .collect();
    let mut df = [0u32; 2];
    for p in &list {
        for (d, tf) in df.iter_mut().zip(p.tf) {
            *d += u32::from(tf > 0);
        }
    }
    let mut masks: Vec<(u32, u64)> = Vec::new();
    for p in &list {
        match masks.last_mut() {
            Some((unit, mask)) if *unit == p.unit => *mask |= 1 << p.sec,
            _ => masks.push((p.unit, 1 << p.sec)),
        }
    }
    let mut membership = String::new();
    if masks.len() * DENSE_SHARE > units {
        membership.push('~');
        let mut next = 0;
        for (unit, mask) in masks {
            for _ in next..unit {
                push_varint(&mut membership, 0);
            }
            push_varint(&mut membership, mask);
            next = unit + 1;
        }
    } else {
        let mut prev = 0;
        for (unit, mask) in masks {
            push_varint(&mut membership, u64::from(unit - prev));
            push_varint(&mut membership, mask);
            prev = unit;
        }
    }
    let idf = scorer.idf(df);
    for p in &mut list {
        p.score = scorer.score(idf, p);
    }
    // (unit, section) is unique among a term's postings: the order is total.
    list.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.unit.cmp(&b.unit))
            .then(a.sec.cmp(&b.sec))
    });
    let mut tiers = Vec::new();
    let mut start = 0;
    let mut size = FIRST_TIER;
    while start < list.len() {
        let end = (start + size).min(list.len());
        let bound = if start == 0 {
            String::new()
        } else {
            let mut b = String::new();
            push_fields(&mut b, &list[start]);
            b
        };
        let mut tier: Vec<(Posting, u64)> = Vec::with_capacity(end - start);
        let mut classes: Vec<([u32; 2], [u8; 2])> = Vec::new();
        let mut class_text = String::new();
        for p in &list[start..end] {
            let class = match classes.iter().position(|c| *c == (p.tf, p.norm)) {
                Some(i) => i,
                None => {
                    classes.push((p.tf, p.norm));
                    push_fields(&mut class_text, p);
                    classes.len() - 1
                }
            };
            tier.push((*p, class as u64));
        }
        tier.sort_by_key(|(p, _)| p.member);
        tiers.push([bound, class_text, encode_tier(&tier, list.len())]);
        start = end;
        size *= TIER_GROWTH;
    }
    TermData {
        df,
        membership,
        tiers,
    }
}

/// The postings of a tier (sorted by unit) with their class numbers: as unit gap, section and
/// class each, or, when shorter, as `~`, a bitmap over the term's postings in unit order
/// (six per digit, first in the lowest bit) and the class numbers.
fn encode_tier(tier: &[(Posting, u64)], members: usize) -> String {
    let mut sparse = String::new();
    let mut prev = 0;
    for (p, class) in tier {
        push_varint(&mut sparse, u64::from(p.unit - prev));
        push_varint(&mut sparse, u64::from(p.sec));
        push_varint(&mut sparse, *class);
        prev = p.unit;
    }
    if sparse.len() < members.div_ceil(6) + tier.len() {
        return sparse;
    }
    let mut bits = vec![0u8; members.div_ceil(6)];
    for (p, _) in tier {
        bits[p.member as usize / 6] |= 1 << (p.member % 6);
    }
    let mut dense = String::with_capacity(1 + bits.len() + tier.len());
    dense.push('~');
    dense.extend(bits.iter().map(|b| DIGITS[*b as usize] as char));
    for (_, class) in tier {
        push_varint(&mut dense, *class);
    }
    if dense.len() < sparse.len() {
        dense
    } else {
        sparse
    }
}

/// Heading tf (and norm id when tf > 0), body tf (and norm id when tf > 0).
fn push_fields(out: &mut String, p: &Posting) {
    for field in 0..2 {
        push_varint(out, u64::from(p.tf[field]));
        if p.tf[field] > 0 {
            push_varint(out, u64::from(p.norm[field]));
        }
    }
}
