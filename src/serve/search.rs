//! The seam between the dev server's search and the search engine: an index made from each
//! published version of the site answers `/api/zoek` as JSON (the shape `handboek search --json`
//! prints) and serves the static index under `zoeken/index/` for the search box in the pages.
//!
//! The first version is indexed before the server starts; later versions are indexed on a
//! thread of their own after the reload event went out, and swapped in when ready (see
//! [`Live`]), so a save reloads the browser without waiting for the index.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use serde::Deserialize;

use crate::site::Site;

/// The query string of `/api/zoek?q=…&niveau=…&rol=…&type=…&expertise=…&limit=…`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub niveau: Option<String>,
    pub rol: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub expertise: Option<String>,
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

    /// A file of the static index by name (`manifest.js`), when this index publishes one.
    fn file(&self, _name: &str) -> Option<Bytes> {
        None
    }
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

/// The tantivy engine over the sections of a published site, with its static index files.
struct Engine {
    searcher: crate::search::Searcher,
    files: HashMap<String, Bytes>,
}

impl SearchIndex for Engine {
    fn search(&self, params: &SearchParams) -> Result<serde_json::Value, SearchError> {
        let request = crate::search::SearchRequest {
            query: params.q.clone(),
            level: params.niveau.clone(),
            role: params.rol.clone(),
            kind: params.kind.clone(),
            expertise: params.expertise.clone(),
            limit: params.limit.unwrap_or(crate::search::limits::DEFAULT_LIMIT),
        };
        let results = self.searcher.search(&request).map_err(|e| match e {
            // What the request asked for is wrong: the caller's error (400).
            crate::search::SearchError::Query(_)
            | crate::search::SearchError::UnknownFacet { .. } => {
                SearchError::BadRequest(e.to_string())
            }
            _ => SearchError::Failed(e.to_string()),
        })?;
        // Through text, so f32 scores read exactly as `handboek search --json` prints them.
        serde_json::to_string(&results)
            .and_then(|text| serde_json::from_str(&text))
            .map_err(|e| SearchError::Failed(e.to_string()))
    }

    fn file(&self, name: &str) -> Option<Bytes> {
        self.files.get(name).cloned()
    }
}

/// What indexing one version needs, taken from the site so it can run on another thread.
struct Job {
    sections: Vec<crate::search::SearchSection>,
    settings: crate::search::SearchSettings,
}

impl Job {
    fn of(site: &Site) -> Job {
        Job {
            sections: crate::search::from_site::sections(site),
            settings: crate::search::from_site::settings(&site.config),
        }
    }

    fn run(self) -> Result<Engine, SearchError> {
        let (searcher, files) =
            crate::search::Searcher::in_memory_with_static(&self.sections, &self.settings)
                .map_err(|e| SearchError::Failed(e.to_string()))?;
        let files = files
            .into_iter()
            .map(|(name, text)| (name, Bytes::from(text)))
            .collect();
        Ok(Engine { searcher, files })
    }
}

/// The index the server holds: the newest finished version, swapped as a whole. Static index
/// files of the version before stay reachable, so a page that loaded the old manifest just
/// before a swap still gets its shards (their names carry a content hash).
pub struct Live {
    current: RwLock<Option<Arc<Engine>>>,
    previous: RwLock<Option<Arc<Engine>>>,
}

impl Live {
    fn new() -> Arc<Live> {
        Arc::new(Live {
            current: RwLock::new(None),
            previous: RwLock::new(None),
        })
    }

    fn swap(&self, engine: Engine) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let old = current.replace(Arc::new(engine));
        *self.previous.write().unwrap_or_else(|e| e.into_inner()) = old;
    }

    fn current(&self) -> Option<Arc<Engine>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl SearchIndex for Live {
    fn search(&self, params: &SearchParams) -> Result<serde_json::Value, SearchError> {
        self.current()
            .ok_or(SearchError::Unavailable)?
            .search(params)
    }

    fn file(&self, name: &str) -> Option<Bytes> {
        let current = self.current()?;
        current.file(name).or_else(|| {
            let previous = self.previous.read().unwrap_or_else(|e| e.into_inner());
            previous.as_ref()?.file(name)
        })
    }
}

/// Indexes every published version with the same analyzer as `handboek search`: the first
/// at once, later ones on a background thread that always takes the newest waiting version.
pub fn tantivy_indexer() -> Indexer {
    let live = Live::new();
    let (tx, rx) = mpsc::channel::<Job>();
    {
        let live = Arc::clone(&live);
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                match job.run() {
                    Ok(engine) => live.swap(engine),
                    Err(e) => eprintln!("warning: search index: {e}"),
                }
            }
        });
    }
    Arc::new(move |site: &Site| {
        let job = Job::of(site);
        if live.current().is_none() {
            live.swap(job.run()?);
        } else if tx.send(job).is_err() {
            return Err(SearchError::Failed("the indexing thread stopped".into()));
        }
        Ok(Arc::clone(&live) as Arc<dyn SearchIndex>)
    })
}
