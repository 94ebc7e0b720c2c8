//! Ranking by page, facet counts and the result types (JSON and terminal text).

use std::collections::BTreeMap;

use super::corpus::{LEVEL_SHIFT, ROLE_SHIFT};

/// One matching section, before grouping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Section ordinal.
    pub section: u32,
    /// Page ordinal.
    pub page: u32,
    /// Facet mask of the section.
    pub facets: u64,
    /// Expertise area bits of the section.
    pub expertise: u64,
    /// Its score.
    pub score: f32,
}

/// Facet filters as bits; None = no filter on that facet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Kind index.
    pub kind: Option<u64>,
    /// Level index.
    pub level: Option<u32>,
    /// Role index.
    pub role: Option<u32>,
    /// Expertise area index.
    pub expertise: Option<u32>,
    /// Kind index of pages ranked below every other match (editors' pages), unless filtered for.
    pub demote: Option<u64>,
}

/// The three facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Kind,
    Level,
    Role,
    Expertise,
}

impl Filter {
    /// True when a match passes every filter except the one on `skip`.
    fn passes(&self, m: &Match, skip: Option<Dim>) -> bool {
        let facets = m.facets;
        let expertise_ok = skip == Some(Dim::Expertise)
            || self.expertise.is_none_or(|e| m.expertise >> e & 1 == 1);
        let kind_ok = skip == Some(Dim::Kind) || self.kind.is_none_or(|k| facets & 0xff == k);
        let level_ok = skip == Some(Dim::Level)
            || self
                .level
                .is_none_or(|l| facets >> (LEVEL_SHIFT + l) & 1 == 1);
        let role_ok = skip == Some(Dim::Role)
            || self
                .role
                .is_none_or(|r| facets >> (ROLE_SHIFT + r) & 1 == 1);
        kind_ok && level_ok && role_ok && expertise_ok
    }
}

/// A page with its matching sections, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMatch {
    /// Page ordinal.
    pub page: u32,
    /// Best section score.
    pub score: f32,
    /// (section ordinal, score), best first.
    pub sections: Vec<(u32, f32)>,
}

/// Counts of pages per facet value: kind index → n, level index → n, role index → n.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawFacets {
    /// Pages per kind index.
    pub kind: BTreeMap<u64, u32>,
    /// Pages per level index.
    pub level: BTreeMap<u32, u32>,
    /// Pages per role index.
    pub role: BTreeMap<u32, u32>,
    /// Pages per expertise area index.
    pub expertise: BTreeMap<u32, u32>,
}

/// Groups matches by page (page score = best section), filtered, with disjunctive facet
/// counts (each facet counted with the other facets' filters applied); returns the best
/// `limit` pages with their sections, the number of matching pages, and the counts.
pub fn group(
    matches: &[Match],
    filter: &Filter,
    limit: usize,
) -> (Vec<PageMatch>, usize, RawFacets) {
    let mut ordered: Vec<&Match> = matches.iter().collect();
    if !ordered.is_sorted_by_key(|m| m.page) {
        ordered.sort_by_key(|m| m.page);
    }
    // (score, page, the page's matches in `ordered`) of every page with a passing match.
    let mut ranked: Vec<(bool, f32, u32, std::ops::Range<usize>)> = Vec::new();
    let demote = filter.demote.filter(|d| filter.kind != Some(*d));
    let mut at = 0;
    let mut kinds = [0u32; 64];
    let mut levels = [0u32; 64];
    let mut roles = [0u32; 64];
    let mut areas = [0u32; 64];
    for run in ordered.chunk_by(|a, b| a.page == b.page) {
        // Per facet: the bits of the sections that pass the other facets' filters.
        let (mut kind, mut level, mut role, mut area) = (0u64, 0u64, 0u64, 0u64);
        let mut best: Option<f32> = None;
        for m in run {
            if filter.passes(m, Some(Dim::Kind)) {
                kind |= 1u64 << (m.facets & 0x3f);
            }
            if filter.passes(m, Some(Dim::Level)) {
                level |= m.facets >> LEVEL_SHIFT & 0xff_ffff;
            }
            if filter.passes(m, Some(Dim::Role)) {
                role |= m.facets >> ROLE_SHIFT & 0xff_ffff;
            }
            if filter.passes(m, Some(Dim::Expertise)) {
                area |= m.expertise;
            }
            if filter.passes(m, None) {
                best = Some(best.map_or(m.score, |b| b.max(m.score)));
            }
        }
        let dims = [
            (kind, &mut kinds),
            (level, &mut levels),
            (role, &mut roles),
            (area, &mut areas),
        ];
        for (bits, counts) in dims {
            let mut rest = bits;
            while rest != 0 {
                counts[rest.trailing_zeros() as usize] += 1;
                rest &= rest - 1;
            }
        }
        if let (Some(score), Some(first)) = (best, run.first()) {
            let demoted = demote.is_some_and(|d| first.facets & 0xff == d);
            ranked.push((demoted, score, first.page, at..at + run.len()));
        }
        at += run.len();
    }
    let total = ranked.len();
    let order = |a: &(bool, f32, u32, _), b: &(bool, f32, u32, _)| {
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2))
    };
    if limit < ranked.len() {
        ranked.select_nth_unstable_by(limit, order);
        ranked.truncate(limit);
    }
    ranked.sort_by(order);
    let pages = ranked
        .into_iter()
        .map(|(_, score, page, range)| {
            let mut sections: Vec<(u32, f32)> = ordered[range]
                .iter()
                .filter(|m| filter.passes(m, None))
                .map(|m| (m.section, m.score))
                .collect();
            sections.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            PageMatch {
                page,
                score,
                sections,
            }
        })
        .collect();
    let counted = |counts: &[u32; 64]| -> Vec<(u32, u32)> {
        (0..64u32)
            .zip(counts.iter().copied())
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    let facets = RawFacets {
        kind: counted(&kinds)
            .into_iter()
            .map(|(i, n)| (u64::from(i), n))
            .collect(),
        level: counted(&levels).into_iter().collect(),
        role: counted(&roles).into_iter().collect(),
        expertise: counted(&areas).into_iter().collect(),
    };
    (pages, total, facets)
}

/// A page in the results, shown by its best section.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    /// Page id.
    pub page_id: String,
    /// Page title.
    pub page_title: String,
    /// Heading of the best section ("" for the intro).
    pub heading: String,
    /// URL of the best section, relative to the site root, with `#anchor`.
    pub url: String,
    /// Escaped text with `<mark>` around the matches.
    pub snippet_html: String,
    /// Score of the best section (the page's score).
    pub score: f32,
    /// Collection of the page.
    pub collection: String,
    /// Levels of the best section.
    pub levels: Vec<String>,
    /// Roles of the best section.
    pub roles: Vec<String>,
    /// Titles of the ancestors.
    pub breadcrumb: Vec<String>,
    /// Other matching sections of the page, best first.
    pub sections: Vec<SectionHit>,
}

/// Another matching heading of a page.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SectionHit {
    /// Heading text.
    pub heading: String,
    /// URL with `#anchor`.
    pub url: String,
    /// Escaped text with `<mark>`.
    pub snippet_html: String,
    /// Score.
    pub score: f32,
}

/// Pages per value of one facet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FacetCount {
    /// The value: collection name, level id or role id.
    pub value: String,
    /// Number of pages.
    pub count: u32,
}

/// The facet counts of a result.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facets {
    /// Per collection.
    #[serde(rename = "type")]
    pub kind: Vec<FacetCount>,
    /// Per level.
    pub level: Vec<FacetCount>,
    /// Per role.
    pub role: Vec<FacetCount>,
    /// Per expertise area (its page id).
    pub expertise: Vec<FacetCount>,
}

/// What a search answers: `handboek search --json` prints it, `/api/zoek` returns it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching pages (after filters).
    pub total: usize,
    /// The best pages, best first.
    pub hits: Vec<Hit>,
    /// Facet counts.
    pub facets: Facets,
}

impl SearchResults {
    /// Plain text for the terminal; `<mark>` becomes bold when `color` is set.
    pub fn to_text(&self, color: bool) -> String {
        let mut out = String::new();
        if self.hits.is_empty() {
            out.push_str(&format!("Geen resultaten voor \"{}\".\n", self.query));
            return out;
        }
        let shown = self.hits.len();
        out.push_str(&format!(
            "{} pagina{} voor \"{}\"{}:\n\n",
            self.total,
            if self.total == 1 { "" } else { "'s" },
            self.query,
            if shown < self.total {
                format!(" (de beste {shown})")
            } else {
                String::new()
            }
        ));
        for (i, hit) in self.hits.iter().enumerate() {
            let title = if hit.heading.is_empty() {
                hit.page_title.clone()
            } else {
                format!("{} › {}", hit.page_title, hit.heading)
            };
            out.push_str(&format!("{:>2}. {}  ({:.3})\n", i + 1, title, hit.score));
            out.push_str(&format!("    /{}\n", hit.url));
            out.push_str(&format!(
                "    {}\n",
                terminal_snippet(&hit.snippet_html, color)
            ));
            for s in &hit.sections {
                out.push_str(&format!("    - {}  /{}\n", s.heading, s.url));
            }
            out.push('\n');
        }
        out
    }
}

/// Turns snippet HTML into terminal text.
fn terminal_snippet(html: &str, color: bool) -> String {
    let (open, close) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(section: u32, page: u32, kind: u64, score: f32) -> Match {
        Match {
            section,
            page,
            facets: kind,
            expertise: 0,
            score,
        }
    }

    #[test]
    fn demoted_pages_come_after_every_other_match_unless_filtered_for() {
        // Page 1 (kind 7, the editors' kind) scores best.
        let matches = [m(0, 0, 0, 1.0), m(1, 1, 7, 9.0), m(2, 2, 0, 0.5)];
        let pages = |filter: Filter, limit| {
            let (p, total, _) = group(&matches, &filter, limit);
            (p.iter().map(|p| p.page).collect::<Vec<_>>(), total)
        };
        let demote = Filter {
            demote: Some(7),
            ..Filter::default()
        };
        assert_eq!(pages(Filter::default(), 10), (vec![1, 0, 2], 3));
        assert_eq!(pages(demote, 10), (vec![0, 2, 1], 3));
        assert_eq!(pages(demote, 2), (vec![0, 2], 3));
        let only = Filter {
            kind: Some(7),
            ..demote
        };
        assert_eq!(pages(only, 10), (vec![1], 1));
    }
}
