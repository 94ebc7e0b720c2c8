//! What the server shares between the rebuild thread and the request handlers: the published
//! site (a map swapped as a whole, so no request sees a half-made version), the current build
//! failure, the search index and the channel of browser events.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use super::search::{SearchIndex, Unavailable};

/// Every file of one published version of the site, by path relative to the output folder.
pub type Files = HashMap<String, Bytes>;

/// What the browser is told after a rebuild.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BrowserEvent {
    /// Pages changed: reload when the open page is among `pages` (URL paths) or `all` is set.
    Reload {
        generation: u64,
        all: bool,
        pages: Vec<String>,
    },
    /// Only stylesheets changed: swap each `from` URL for `to` without reloading.
    Css {
        generation: u64,
        swaps: Vec<(String, String)>,
    },
    /// The last build failed; `text` is the report the terminal shows.
    Problems { generation: u64, text: String },
    /// The server is stopping; the browser closes its connection.
    Bye,
}

impl BrowserEvent {
    /// The SSE event name.
    pub fn name(&self) -> &'static str {
        match self {
            BrowserEvent::Reload { .. } => "reload",
            BrowserEvent::Css { .. } => "css",
            BrowserEvent::Problems { .. } => "problems",
            BrowserEvent::Bye => "bye",
        }
    }
}

/// The state behind the server.
pub struct Shared {
    files: RwLock<Arc<Files>>,
    failure: RwLock<Option<Arc<String>>>,
    search: RwLock<Arc<dyn SearchIndex>>,
    generation: RwLock<u64>,
    /// `base_url`'s path, e.g. `/` or `/handboek/`.
    pub base_path: RwLock<String>,
    pub events: broadcast::Sender<BrowserEvent>,
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read().unwrap_or_else(|e| e.into_inner()).clone()
}

fn write<T>(lock: &RwLock<T>, value: T) {
    *lock.write().unwrap_or_else(|e| e.into_inner()) = value;
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            files: RwLock::new(Arc::new(Files::new())),
            failure: RwLock::new(None),
            search: RwLock::new(Arc::new(Unavailable)),
            generation: RwLock::new(0),
            base_path: RwLock::new("/".into()),
            events,
        })
    }

    /// The published site as it is now; later swaps do not change the returned map.
    pub fn files(&self) -> Arc<Files> {
        read(&self.files)
    }

    pub fn failure(&self) -> Option<Arc<String>> {
        read(&self.failure)
    }

    pub fn search(&self) -> Arc<dyn SearchIndex> {
        read(&self.search)
    }

    pub fn generation(&self) -> u64 {
        read(&self.generation)
    }

    pub fn base_path(&self) -> String {
        read(&self.base_path)
    }

    /// Swap in a new version of the site and clear any failure; returns its generation.
    pub fn publish(&self, files: Arc<Files>) -> u64 {
        write(&self.files, files);
        write(&self.failure, None);
        let mut g = self.generation.write().unwrap_or_else(|e| e.into_inner());
        *g += 1;
        *g
    }

    pub fn set_search(&self, index: Arc<dyn SearchIndex>) {
        write(&self.search, index);
    }

    /// Record a failed build; the published site stays as it was.
    pub fn fail(&self, text: String) {
        write(&self.failure, Some(Arc::new(text.clone())));
        self.send(BrowserEvent::Problems {
            generation: self.generation(),
            text,
        });
    }

    pub fn send(&self, event: BrowserEvent) {
        // No browser listening is fine.
        let _ = self.events.send(event);
    }
}
