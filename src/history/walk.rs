//! One walk of the history: for every file of the handbook folder in `HEAD`, the committer time
//! of the last commit on the first-parent line that changed it.
//!
//! Newest commit first, each commit's handbook subtree is compared with its first parent's; equal
//! subtree ids are skipped without reading them, and only subtrees whose ids differ are opened.
//! The walk stops as soon as every file in `HEAD` has its date.

use std::collections::{BTreeMap, HashMap};

use gix::ObjectId;
use gix::bstr::ByteSlice;
use serde::{Deserialize, Serialize};

use super::{HistoryError, nfc};

/// The result of a walk: what the cache keeps.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Snapshot {
    /// The commit `HEAD` pointed to.
    pub head: String,
    /// The handbook folder inside the repository (`""` at its top, else `a/b`).
    pub prefix: String,
    /// Path inside the handbook folder (NFC, `/`) → (blob id in `HEAD`, committer time in
    /// seconds since 1970, UTC).
    pub files: BTreeMap<String, (String, i64)>,
    /// Established versions per functiefamilie, newest first.
    #[serde(default)]
    pub versions: BTreeMap<String, Vec<super::versions::Established>>,
}

/// Walk the history of `repo` from `head` for the folder at `prefix` (components, NFC). `None`
/// when that folder is not in `HEAD`'s tree.
pub fn walk(
    repo: &gix::Repository,
    head: ObjectId,
    prefix: &[String],
) -> Result<Option<Snapshot>, HistoryError> {
    let commit = repo.find_commit(head).map_err(HistoryError::git)?;
    let tree = commit.tree_id().map_err(HistoryError::git)?.detach();
    let Some(sub) = subtree(repo, tree, prefix)? else {
        return Ok(None);
    };
    let mut pending: HashMap<String, ObjectId> = HashMap::new();
    list(repo, sub, "", &mut pending)?;
    let blobs = pending.clone();
    let mut dated: BTreeMap<String, i64> = BTreeMap::new();
    let (mut current, mut current_sub) = (head, sub);
    while !pending.is_empty() {
        let commit = repo.find_commit(current).map_err(HistoryError::git)?;
        let seconds = commit.time().map_err(HistoryError::git)?.seconds;
        let parent = commit.parent_ids().next().map(|id| id.detach());
        let parent_sub = match parent {
            Some(p) => {
                let c = repo.find_commit(p).map_err(HistoryError::git)?;
                let t = c.tree_id().map_err(HistoryError::git)?.detach();
                subtree(repo, t, prefix)?
            }
            None => None,
        };
        if parent_sub != Some(current_sub) {
            let mut changed = |path: String| {
                if pending.remove(&path).is_some() {
                    dated.insert(path, seconds);
                }
            };
            diff(repo, current_sub, parent_sub, "", &mut changed)?;
        }
        match (parent, parent_sub) {
            (Some(p), Some(s)) => (current, current_sub) = (p, s),
            // Before this commit the folder did not exist: everything left was added here.
            _ => {
                for path in pending.drain().map(|(p, _)| p) {
                    dated.insert(path, seconds);
                }
            }
        }
    }
    let files = dated
        .into_iter()
        .filter_map(|(path, seconds)| {
            let blob = blobs.get(&path)?.to_string();
            Some((path, (blob, seconds)))
        })
        .collect();
    Ok(Some(Snapshot {
        head: head.to_string(),
        prefix: prefix.join("/"),
        files,
        versions: BTreeMap::new(),
    }))
}

/// One entry of a tree, owned.
struct Entry {
    name: String,
    is_tree: bool,
    id: ObjectId,
}

fn entries(repo: &gix::Repository, tree: ObjectId) -> Result<Vec<Entry>, HistoryError> {
    let tree = repo.find_tree(tree).map_err(HistoryError::git)?;
    let decoded = tree.decode().map_err(HistoryError::git)?;
    Ok(decoded
        .entries
        .iter()
        .filter(|e| !e.mode.is_commit())
        .map(|e| Entry {
            name: nfc(&e.filename.to_str_lossy()),
            is_tree: e.mode.is_tree(),
            id: e.oid.to_owned(),
        })
        .collect())
}

/// The tree at `prefix` under `tree`, comparing names in NFC.
pub fn subtree(
    repo: &gix::Repository,
    tree: ObjectId,
    prefix: &[String],
) -> Result<Option<ObjectId>, HistoryError> {
    let mut id = tree;
    for part in prefix {
        match entries(repo, id)?
            .into_iter()
            .find(|e| e.is_tree && &e.name == part)
        {
            Some(e) => id = e.id,
            None => return Ok(None),
        }
    }
    Ok(Some(id))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Every file under `tree` with its blob id.
pub fn list(
    repo: &gix::Repository,
    tree: ObjectId,
    dir: &str,
    out: &mut HashMap<String, ObjectId>,
) -> Result<(), HistoryError> {
    for e in entries(repo, tree)? {
        let path = join(dir, &e.name);
        if e.is_tree {
            list(repo, e.id, &path, out)?;
        } else {
            out.insert(path, e.id);
        }
    }
    Ok(())
}

/// Call `changed` for every file of `new` that is not in `old` with the same blob id.
fn diff(
    repo: &gix::Repository,
    new: ObjectId,
    old: Option<ObjectId>,
    dir: &str,
    changed: &mut dyn FnMut(String),
) -> Result<(), HistoryError> {
    let before: HashMap<String, (bool, ObjectId)> = match old {
        Some(old) => entries(repo, old)?
            .into_iter()
            .map(|e| (e.name, (e.is_tree, e.id)))
            .collect(),
        None => HashMap::new(),
    };
    for e in entries(repo, new)? {
        let was = before.get(&e.name);
        if was == Some(&(e.is_tree, e.id)) {
            continue;
        }
        let path = join(dir, &e.name);
        if e.is_tree {
            let old_tree = was.filter(|(t, _)| *t).map(|(_, id)| *id);
            diff(repo, e.id, old_tree, &path, changed)?;
        } else {
            changed(path);
        }
    }
    Ok(())
}
