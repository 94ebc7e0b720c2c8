//! Files someone else put in the output folder (not in the last manifest) are carried over into
//! the new site before the swap, and put back when the swap fails.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::manifest::{ManifestEntry, folders_of, slash_path};
use super::remove::entries_of;
use super::{META_DIR, OutputError, io_err};

/// Move files carried over from the output folder (`from`, `to` pairs) back where they were.
pub(super) fn put_back(moved: Vec<(PathBuf, PathBuf)>) {
    for (from, to) in moved.into_iter().rev() {
        if let Some(p) = from.parent() {
            let _ = fs::create_dir_all(p);
        }
        let _ = fs::rename(&to, &from);
    }
}

/// What the earlier build wrote: its files and every folder holding one of them.
pub(super) struct Ours {
    files: HashSet<String>,
    dirs: HashSet<String>,
}

impl Ours {
    pub(super) fn new(entries: Vec<ManifestEntry>) -> Ours {
        let dirs = folders_of(entries.iter().map(|e| e.path.as_str()))
            .into_iter()
            .map(str::to_string)
            .collect();
        Ours {
            files: entries.into_iter().map(|e| e.path).collect(),
            dirs,
        }
    }
}

/// Move what someone else put in `dir` (inside the old `out`) to its place in `staged`; folders
/// are walked in parallel, since almost all of a site is ours and only looked at.
pub(super) fn carry_over_foreign(
    out: &Path,
    dir: &Path,
    staged: &Path,
    ours: &Ours,
    moved: &Mutex<Vec<(PathBuf, PathBuf)>>,
) -> Result<(), OutputError> {
    let entries = entries_of(dir).map_err(io_err(dir))?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let rel = path.strip_prefix(out).unwrap_or(&path).to_path_buf();
        let rel_s = slash_path(&rel);
        if rel_s == META_DIR {
            return Ok(());
        }
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            if ours.dirs.contains(&rel_s) {
                return carry_over_foreign(out, &path, staged, ours, moved);
            }
        } else if ours.files.contains(&rel_s) {
            return Ok(());
        }
        let target = staged.join(&rel);
        if target.exists() {
            if is_dir {
                return Ok(());
            }
            return Err(OutputError::Conflict { path: path.clone() });
        }
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).map_err(io_err(p))?;
        }
        fs::rename(&path, &target).map_err(io_err(&path))?;
        moved
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path, target));
        Ok(())
    })
}
