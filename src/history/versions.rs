//! Established versions of a functiefamilie: the commits on the first-parent line of `HEAD`
//! where the `versie` or `vastgesteld` key of `functiefamilie/<familie>/_index.md` changed to
//! a value, each with the family's files as they were in that commit. A commit that removes
//! both keys withdraws every version before it: those are no longer listed.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gix::ObjectId;
use serde::{Deserialize, Serialize};

use super::walk::{list, subtree};
use super::{HistoryError, Snapshot};

/// The folder of the families, inside the handbook folder.
const FAMILIES: &str = "functiefamilie";

/// One established version, as the cache keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Established {
    pub commit: String,
    /// Committer time, seconds since 1970 (UTC).
    pub seconds: i64,
    pub versie: Option<String>,
    pub vastgesteld: Option<String>,
}

/// An established version with the family's sources at that commit.
#[derive(Debug, Clone)]
pub struct Version {
    pub established: Established,
    /// Path relative to the handbook folder → text; empty when they could not be read.
    pub files: Vec<(PathBuf, Arc<String>)>,
}

/// The `versie` and `vastgesteld` keys of a family page's text (`None` for a key that is
/// missing or a text that does not parse).
fn keys(text: &str) -> (Option<String>, Option<String>) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, None);
    };
    let Some(end) = rest.find("\n---") else {
        return (None, None);
    };
    let Ok(value) = yaml_serde::from_str::<serde_json::Value>(&rest[..end]) else {
        return (None, None);
    };
    let get = |k: &str| match value.get(k)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    };
    (get("versie"), get("vastgesteld"))
}

fn blob_text(repo: &gix::Repository, id: ObjectId) -> Result<String, HistoryError> {
    let blob = repo.find_blob(id).map_err(HistoryError::git)?;
    let text = String::from_utf8_lossy(&blob.data);
    Ok(text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n"))
}

/// The blob of `<familie>/_index.md` under the families' tree `families`.
fn index_blob(
    repo: &gix::Repository,
    families: Option<ObjectId>,
    familie: &str,
) -> Result<Option<ObjectId>, HistoryError> {
    let Some(families) = families else {
        return Ok(None);
    };
    let Some(dir) = subtree(repo, families, &[familie.to_string()])? else {
        return Ok(None);
    };
    let tree = repo.find_tree(dir).map_err(HistoryError::git)?;
    let decoded = tree.decode().map_err(HistoryError::git)?;
    Ok(decoded
        .entries
        .iter()
        .find(|e| e.mode.is_blob() && e.filename == "_index.md")
        .map(|e| e.oid.to_owned()))
}

/// The families' tree in commit `commit`.
fn families_tree(
    repo: &gix::Repository,
    commit: ObjectId,
    prefix: &[String],
) -> Result<Option<ObjectId>, HistoryError> {
    let c = repo.find_commit(commit).map_err(HistoryError::git)?;
    let tree = c.tree_id().map_err(HistoryError::git)?.detach();
    let mut path = prefix.to_vec();
    path.push(FAMILIES.into());
    subtree(repo, tree, &path)
}

/// Every established version of every family in `HEAD`, newest first: one pass over the
/// first-parent line, skipping commits whose families' tree did not change.
pub fn established(
    repo: &gix::Repository,
    head: ObjectId,
    prefix: &[String],
) -> Result<BTreeMap<String, Vec<Established>>, HistoryError> {
    let mut out: BTreeMap<String, Vec<Established>> = BTreeMap::new();
    let mut current = head;
    let mut current_tree = families_tree(repo, head, prefix)?;
    let Some(top) = current_tree else {
        return Ok(out);
    };
    let families: Vec<String> = {
        let tree = repo.find_tree(top).map_err(HistoryError::git)?;
        let decoded = tree.decode().map_err(HistoryError::git)?;
        decoded
            .entries
            .iter()
            .filter(|e| e.mode.is_tree())
            .map(|e| super::nfc(&e.filename.to_string()))
            .collect()
    };
    let mut withdrawn = std::collections::HashSet::new();
    loop {
        let commit = repo.find_commit(current).map_err(HistoryError::git)?;
        let seconds = commit.time().map_err(HistoryError::git)?.seconds;
        let parent = commit.parent_ids().next().map(|id| id.detach());
        let parent_tree = match parent {
            Some(p) => families_tree(repo, p, prefix)?,
            None => None,
        };
        if parent_tree != current_tree {
            for f in &families {
                if withdrawn.contains(f) {
                    continue;
                }
                let now = index_blob(repo, current_tree, f)?;
                let before = index_blob(repo, parent_tree, f)?;
                if now == before {
                    continue;
                }
                let read = |b: Option<ObjectId>| -> Result<_, HistoryError> {
                    Ok(match b {
                        Some(b) => keys(&blob_text(repo, b)?),
                        None => (None, None),
                    })
                };
                let (versie, vastgesteld) = read(now)?;
                let earlier = read(before)?;
                if versie.is_none() && vastgesteld.is_none() {
                    if earlier != (None, None) {
                        withdrawn.insert(f.clone());
                    }
                } else if (versie.clone(), vastgesteld.clone()) != earlier {
                    out.entry(f.clone()).or_default().push(Established {
                        commit: current.to_string(),
                        seconds,
                        versie,
                        vastgesteld,
                    });
                }
            }
        }
        match parent {
            Some(p) if parent_tree.is_some() => (current, current_tree) = (p, parent_tree),
            _ => break,
        }
    }
    Ok(out)
}

/// The established versions of `snapshot`, each with its family's files read from its commit.
/// A version whose files cannot be read keeps no files (the page shows it as "niet te tonen").
pub fn read(
    repo: &gix::Repository,
    snapshot: &Snapshot,
    prefix: &[String],
) -> BTreeMap<String, Vec<Version>> {
    snapshot
        .versions
        .iter()
        .map(|(familie, list)| {
            let versions = list
                .iter()
                .map(|e| Version {
                    files: files_at(repo, &e.commit, prefix, familie).unwrap_or_default(),
                    established: e.clone(),
                })
                .collect();
            (familie.clone(), versions)
        })
        .collect()
}

fn files_at(
    repo: &gix::Repository,
    commit: &str,
    prefix: &[String],
    familie: &str,
) -> Result<Vec<(PathBuf, Arc<String>)>, HistoryError> {
    let id = ObjectId::from_hex(commit.as_bytes()).map_err(HistoryError::git)?;
    let Some(families) = families_tree(repo, id, prefix)? else {
        return Ok(Vec::new());
    };
    let Some(dir) = subtree(repo, families, &[familie.to_string()])? else {
        return Ok(Vec::new());
    };
    let mut blobs = HashMap::new();
    list(repo, dir, "", &mut blobs)?;
    let mut files = Vec::new();
    for (path, blob) in blobs {
        let rel = Path::new(FAMILIES).join(familie).join(&path);
        files.push((rel, Arc::new(blob_text(repo, blob)?)));
    }
    files.sort();
    Ok(files)
}
