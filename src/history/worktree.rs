//! Which committed sources differ on disk from `HEAD`: each Markdown and YAML file of the
//! handbook in `HEAD` is hashed as git would and compared with its blob id.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::Snapshot;

/// Whether a file of this name can be a source with a date (pages and data, not images).
fn is_source(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".yaml") || path.ends_with(".yml")
}

/// The sources in `snapshot` whose file under `root` is missing or differs from `HEAD`.
pub fn edited(root: &Path, snapshot: &Snapshot) -> HashSet<String> {
    snapshot
        .files
        .par_iter()
        .filter(|(path, _)| is_source(path))
        .filter(|(path, (blob, _))| !same(&root.join(path.as_str()), blob))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Whether the file at `path` holds the blob `blob` (hex id). A checkout that turned `\n` into
/// `\r\n` (`core.autocrlf`) still counts as the same.
pub fn same(path: &Path, blob: &str) -> bool {
    // The history keys names in NFC; a file system that keeps a decomposed (NFD) name, as one
    // copied from macOS, is read under that name.
    let nfd = || {
        use unicode_normalization::UnicodeNormalization;
        std::fs::read(path.to_string_lossy().nfd().collect::<String>())
    };
    let Ok(bytes) = std::fs::read(path).or_else(|_| nfd()) else {
        return false;
    };
    let Ok(want) = gix::ObjectId::from_hex(blob.as_bytes()) else {
        return false;
    };
    let hash = |data: &[u8]| gix::objs::compute_hash(want.kind(), gix::objs::Kind::Blob, data).ok();
    if hash(&bytes) == Some(want) {
        return true;
    }
    bytes.contains(&b'\r') && {
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        hash(text.as_bytes()) == Some(want)
    }
}
