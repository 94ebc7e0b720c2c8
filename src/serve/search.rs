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
