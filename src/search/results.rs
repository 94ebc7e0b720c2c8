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
}

/// The three facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Kind,
    Level,
    Role,
}

impl Filter {
    /// True when `facets` passes every filter except the one on `skip`.
    fn passes(&self, facets: u64, skip: Option<Dim>) -> bool {
        let kind_ok = skip == Some(Dim::Kind) || self.kind.is_none_or(|k| facets & 0xff == k);
        let level_ok = skip == Some(Dim::Level)
            || self
                .level
                .is_none_or(|l| facets >> (LEVEL_SHIFT + l) & 1 == 1);
        let role_ok = skip == Some(Dim::Role)
            || self
                .role
                .is_none_or(|r| facets >> (ROLE_SHIFT + r) & 1 == 1);
        kind_ok && level_ok && role_ok
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
}

/// Groups matches by page (page score = best section), filtered, with disjunctive facet
/// counts (each facet counted with the other facets' filters applied).
pub fn group(matches: &[Match], filter: &Filter) -> (Vec<PageMatch>, RawFacets) {
    let mut pages: BTreeMap<u32, PageMatch> = BTreeMap::new();
    for m in matches.iter().filter(|m| filter.passes(m.facets, None)) {
        let page = pages.entry(m.page).or_insert(PageMatch {
            page: m.page,
            score: f32::NEG_INFINITY,
            sections: Vec::new(),
        });
        page.score = page.score.max(m.score);
        page.sections.push((m.section, m.score));
    }
    let mut ranked: Vec<PageMatch> = pages.into_values().collect();
    for p in &mut ranked {
        p.sections
            .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));

    let mut facets = RawFacets::default();
    for dim in [Dim::Kind, Dim::Level, Dim::Role] {
        let mut per_page: BTreeMap<u32, u64> = BTreeMap::new();
        for m in matches
            .iter()
            .filter(|m| filter.passes(m.facets, Some(dim)))
        {
            let bits = match dim {
                Dim::Kind => 1u64 << (m.facets & 0x3f),
                Dim::Level => m.facets >> LEVEL_SHIFT & 0xff_ffff,
                Dim::Role => m.facets >> ROLE_SHIFT & 0xff_ffff,
            };
            *per_page.entry(m.page).or_insert(0) |= bits;
        }
        for bits in per_page.into_values() {
            for i in 0..64u32 {
                if bits >> i & 1 == 1 {
                    match dim {
                        Dim::Kind => *facets.kind.entry(u64::from(i)).or_insert(0) += 1,
                        Dim::Level => *facets.level.entry(i).or_insert(0) += 1,
                        Dim::Role => *facets.role.entry(i).or_insert(0) += 1,
                    }
                }
            }
        }
    }
    (ranked, facets)
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
