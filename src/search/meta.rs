//! What a reopened index needs besides tantivy's files: settings, corpus words, facet names.

use std::path::Path;

use super::analyzer::Analyzer;
use super::corpus::Corpus;
use super::results::{FacetCount, Facets, Filter, Hit, RawFacets, SectionHit};
use super::snippet::snippet_html;
use super::vocabulary::Vocabulary;
use super::{SearchError, SearchRequest, SearchSection, SearchSettings};

/// File name of the meta data inside the index folder.
pub const META_FILE: &str = "handboek-zoek.json";
/// Format version; a different one means "rebuild the site".
const VERSION: u32 = 2;

/// Settings, compound words, collections and vocabulary of an index.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Format version.
    pub version: u32,
    /// The search settings used.
    pub settings: SearchSettings,
    /// Corpus words used as compound parts.
    pub extra_words: Vec<String>,
    /// Collection names by kind index.
    pub kinds: Vec<String>,
    /// Expertise area ids by index.
    pub expertise: Vec<String>,
    /// Surface words of the corpus.
    pub vocabulary: Vocabulary,
}

impl Meta {
    /// The meta data of an analyzed corpus.
    pub fn from_corpus(corpus: &Corpus) -> Meta {
        Meta {
            version: VERSION,
            settings: corpus.settings.clone(),
            extra_words: corpus.extra_words.clone(),
            kinds: corpus.kinds.clone(),
            expertise: corpus.expertise.clone(),
            vocabulary: corpus.vocabulary.clone(),
        }
    }

    /// Writes `handboek-zoek.json` into `dir`.
    pub fn save(&self, dir: &Path) -> Result<(), SearchError> {
        let path = dir.join(META_FILE);
        let json = serde_json::to_vec(self).map_err(|e| SearchError::Corrupt {
            path: path.clone(),
            message: e.to_string(),
        })?;
        std::fs::write(&path, json).map_err(|e| SearchError::io(&path, e))
    }

    /// Reads `handboek-zoek.json` from `dir`.
    pub fn load(dir: &Path) -> Result<Meta, SearchError> {
        let path = dir.join(META_FILE);
        if !path.is_file() {
            return Err(SearchError::MissingIndex(dir.to_path_buf()));
        }
        let bytes = std::fs::read(&path).map_err(|e| SearchError::io(&path, e))?;
        let corrupt = |message: String| SearchError::Corrupt {
            path: path.clone(),
            message,
        };
        let meta: Meta = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
        if meta.version != VERSION {
            return Err(corrupt(format!(
                "versie {} (verwacht {VERSION}); bouw de site opnieuw",
                meta.version
            )));
        }
        Ok(meta)
    }

    /// The facet filter of a request; unknown values are errors that list the choices.
    pub fn filter(&self, request: &SearchRequest) -> Result<Filter, SearchError> {
        let kind = match request.kind.as_deref() {
            None => None,
            Some(k) => {
                let wanted = kind_alias(k);
                let index = self.kinds.iter().position(|c| *c == wanted);
                Some(index.ok_or_else(|| {
                    SearchError::UnknownFacet {
                        facet: "type",
                        value: k.to_string(),
                        choices: self
                            .kinds
                            .iter()
                            .map(|k| if k.is_empty() { "overig" } else { k.as_str() })
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                })? as u64)
            }
        };
        let find = |value: &Option<String>, all: &[String], facet: &'static str| match value {
            None => Ok(None),
            Some(v) => all
                .iter()
                .position(|a| a.eq_ignore_ascii_case(v))
                .map(|i| Some(i as u32))
                .ok_or_else(|| SearchError::UnknownFacet {
                    facet,
                    value: v.clone(),
                    choices: all.join(", "),
                }),
        };
        let expertise = match &request.expertise {
            None => None,
            Some(e) => Some(
                self.expertise
                    .iter()
                    .position(|id| id.eq_ignore_ascii_case(e) || id.rsplit('/').next() == Some(e))
                    .ok_or_else(|| SearchError::UnknownFacet {
                        facet: "expertise",
                        value: e.clone(),
                        choices: self.expertise.join(", "),
                    })? as u32,
            ),
        };
        Ok(Filter {
            kind,
            level: find(&request.level, &self.settings.levels, "niveau")?,
            role: find(&request.role, &self.settings.roles, "rol")?,
            expertise,
            demote: self
                .kinds
                .iter()
                .position(|k| k == super::from_site::EDITORS)
                .map(|i| i as u64),
        })
    }

    /// Facet counts with their names.
    pub fn facets(&self, raw: &RawFacets) -> Facets {
        let named = |names: &[String], counts: Vec<(usize, u32)>| {
            counts
                .into_iter()
                .filter_map(|(i, count)| {
                    names.get(i).map(|n| FacetCount {
                        value: n.clone(),
                        count,
                    })
                })
                .collect()
        };
        Facets {
            kind: named(
                &self.kinds,
                raw.kind.iter().map(|(k, n)| (*k as usize, *n)).collect(),
            ),
            level: named(
                &self.settings.levels,
                raw.level.iter().map(|(k, n)| (*k as usize, *n)).collect(),
            ),
            role: named(
                &self.settings.roles,
                raw.role.iter().map(|(k, n)| (*k as usize, *n)).collect(),
            ),
            expertise: named(
                &self.expertise,
                raw.expertise
                    .iter()
                    .map(|(k, n)| (*k as usize, *n))
                    .collect(),
            ),
        }
    }
}

/// The collection a `--type` value means: "dilemma" → "dilemmas", "overig" → "".
pub fn kind_alias(kind: &str) -> String {
    match kind.to_lowercase().as_str() {
        "dilemma" | "dilemmas" => "dilemmas".into(),
        "expertise" | "expertisegebied" | "expertisegebieden" => "expertisegebieden".into(),
        "functie" | "functiefamilie" => "functiefamilie".into(),
        "profiel" | "functieprofielen" => "functieprofiel".into(),
        "vergelijk" | "vergelijken" | "vergelijkingen" => "vergelijking".into(),
        "overig" | "overige" | "other" => String::new(),
        other => other.into(),
    }
}

/// The URL of a section: page URL with `#anchor`.
pub fn section_url(s: &SearchSection) -> String {
    match &s.anchor {
        Some(a) => format!("{}#{a}", s.url),
        None => s.url.clone(),
    }
}

/// A result page from its matching sections (best first) and the terms to highlight.
pub fn hit(
    analyzer: &Analyzer,
    sections: &[(SearchSection, f32)],
    terms: &[String],
) -> Option<Hit> {
    let ((best, score), rest) = sections.split_first()?;
    let snippet = |s: &SearchSection| {
        let text = if s.text.is_empty() {
            &s.heading
        } else {
            &s.text
        };
        snippet_html(analyzer, text, terms)
    };
    Some(Hit {
        page_id: best.page_id.clone(),
        page_title: best.page_title.clone(),
        heading: best.heading.clone(),
        url: section_url(best),
        snippet_html: snippet(best),
        score: *score,
        collection: best.collection.clone(),
        levels: best.levels.clone(),
        roles: best.roles.clone(),
        breadcrumb: best.breadcrumb.clone(),
        sections: rest
            .iter()
            .map(|(s, score)| SectionHit {
                heading: if s.heading.is_empty() {
                    s.page_title.clone()
                } else {
                    s.heading.clone()
                },
                url: section_url(s),
                snippet_html: snippet(s),
                score: *score,
            })
            .collect(),
    })
}
