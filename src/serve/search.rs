//! The seam between the dev server's `/api/zoek` and the search engine: an index made from each
//! published version of the site answers queries as JSON (the shape `handboek search --json` prints).

use std::sync::Arc;

use serde::Deserialize;

use crate::site::Site;

/// The query string of `/api/zoek?q=…&niveau=…&rol=…&type=…&limit=…`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub niveau: Option<String>,
    pub rol: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub limit: Option<usize>,
}

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// No search engine is wired into this server (answered with 503).
    #[error("search is not available in this build of handboek serve")]
    Unavailable,
    /// The query or its filters are not valid (answered with 400).
    #[error("{0}")]
    BadRequest(String),
    /// The engine failed (answered with 500).
    #[error("search failed: {0}")]
    Failed(String),
}

/// Answers queries against one published version of the site.
pub trait SearchIndex: Send + Sync {
    fn search(&self, params: &SearchParams) -> Result<serde_json::Value, SearchError>;
}

/// Makes a [`SearchIndex`] for a freshly published site (called after every successful rebuild).
pub type Indexer = Arc<dyn Fn(&Site) -> Result<Arc<dyn SearchIndex>, SearchError> + Send + Sync>;

/// The index used until an engine is wired in: every query gets [`SearchError::Unavailable`].
pub struct Unavailable;

impl SearchIndex for Unavailable {
    fn search(&self, _params: &SearchParams) -> Result<serde_json::Value, SearchError> {
        Err(SearchError::Unavailable)
    }
}

/// The indexer used by `handboek serve` until the tantivy engine is wired in.
pub fn default_indexer() -> Indexer {
    Arc::new(|_site: &Site| Ok(Arc::new(Unavailable) as Arc<dyn SearchIndex>))
}

/// The tantivy engine over the sections of a published site.
struct Engine(crate::search::Searcher);

impl SearchIndex for Engine {
    fn search(&self, params: &SearchParams) -> Result<serde_json::Value, SearchError> {
        let request = crate::search::SearchRequest {
            query: params.q.clone(),
            level: params.niveau.clone(),
            role: params.rol.clone(),
            kind: params.kind.clone(),
            limit: params.limit.unwrap_or(10),
        };
        let results = self
            .0
            .search(&request)
            .map_err(|e| SearchError::BadRequest(e.to_string()))?;
        // Through text, so f32 scores read exactly as `handboek search --json` prints them.
        serde_json::to_string(&results)
            .and_then(|text| serde_json::from_str(&text))
            .map_err(|e| SearchError::Failed(e.to_string()))
    }
}

/// Indexes every published version in memory with the same analyzer as `handboek search`.
pub fn tantivy_indexer() -> Indexer {
    Arc::new(|site: &Site| {
        let sections = crate::search::from_site::sections(site);
        let settings = crate::search::from_site::settings(&site.config);
        crate::search::Searcher::in_memory(&sections, &settings)
            .map(|s| Arc::new(Engine(s)) as Arc<dyn SearchIndex>)
            .map_err(|e| SearchError::Failed(e.to_string()))
    })
}
