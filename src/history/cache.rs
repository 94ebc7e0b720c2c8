//! The walk kept between builds in the output's metadata folder, keyed by the `HEAD` commit id
//! and the handbook folder's place in the repository.

use std::path::Path;

use super::{CACHE_FILE, Snapshot};

/// The cache's format with the rules that made it; another value is walked anew.
const FORMAT: &str = concat!("2 ", env!("CARGO_PKG_VERSION"));

#[derive(serde::Serialize, serde::Deserialize)]
struct Cached {
    format: String,
    snapshot: Snapshot,
}

/// The cached walk for `head` and `prefix`, if the file holds that one.
pub fn read(meta: &Path, head: &str, prefix: &str) -> Option<Snapshot> {
    let text = std::fs::read_to_string(meta.join(CACHE_FILE)).ok()?;
    let c: Cached = serde_json::from_str(&text).ok()?;
    let s = c.snapshot;
    (c.format == FORMAT && s.head == head && s.prefix == prefix).then_some(s)
}

/// Keep the walk for the next build; a cache that cannot be written is only a slower next build.
pub fn write(meta: &Path, snapshot: &Snapshot) {
    if std::fs::create_dir_all(meta).is_ok()
        && let Ok(json) = serde_json::to_string(&Cached {
            format: FORMAT.into(),
            snapshot: snapshot.clone(),
        })
    {
        let _ = std::fs::write(meta.join(CACHE_FILE), json);
    }
}
