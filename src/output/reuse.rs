//! A staging folder made from a kept version: list it (dropping symbolic links) before the build
//! writes into it, and afterwards remove what the new version did not write.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use super::META_DIR;
use super::manifest::{folders_of, slash_path};
use super::remove::entries_of;

/// The files and folders of a kept version (relative, `/`-separated), listed while its symbolic
/// links are removed, so that finishing the build needs no second walk.
#[derive(Debug, Default)]
pub(super) struct Kept {
    pub(super) files: Vec<String>,
    pub(super) dirs: Vec<String>,
}

impl Kept {
    fn join(mut self, other: Kept) -> Kept {
        self.files.extend(other.files);
        self.dirs.extend(other.dirs);
        self
    }
}

/// List a kept version (`dir` inside `root`) and remove every symbolic link from it before
/// anything is written into it: a link put there must not lead a write outside the site.
pub(super) fn survey(root: &Path, dir: &Path) -> io::Result<Kept> {
    let entries = entries_of(dir)?;
    entries
        .par_iter()
        .map(|e| {
            let kind = e.file_type()?;
            let path = e.path();
            let rel = || slash_path(path.strip_prefix(root).unwrap_or(&path));
            if kind.is_symlink() {
                fs::remove_file(&path).or_else(|_| fs::remove_dir(&path))?;
                Ok(Kept::default())
            } else if kind.is_dir() {
                let mut below = survey(root, &path)?;
                below.dirs.push(rel());
                Ok(below)
            } else {
                Ok(Kept {
                    files: vec![rel()],
                    dirs: Vec::new(),
                })
            }
        })
        .try_reduce(Kept::default, |a, b| Ok(a.join(b)))
}

/// Remove from a staging folder made from a kept version every file the new version did not
/// write (`keep`) and the folders left empty (see [`stale`]). Where the build put a folder in
/// place of a kept file, or a file in place of a kept folder, the removal fails and is let be.
pub(super) fn prune(root: &Path, kept: &Kept, keep: &HashSet<String>) -> io::Result<()> {
    let (files, dirs) = stale(kept, keep);
    files
        .par_iter()
        .try_for_each(|rel| match fs::remove_file(root.join(rel)) {
            Err(e) if root.join(rel).symlink_metadata().is_ok_and(|m| m.is_file()) => Err(e),
            _ => Ok(()),
        })?;
    for dir in dirs {
        match fs::remove_dir(root.join(dir)) {
            Err(e) if root.join(dir).symlink_metadata().is_ok_and(|m| m.is_dir()) => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// What of a kept version the new version (`keep`, the files it wrote) leaves stale: the files it
/// did not write, and the folders that hold none of its files, deepest first so that each is
/// empty by the time it is removed. The metadata folder stays.
fn stale<'k>(kept: &'k Kept, keep: &HashSet<String>) -> (Vec<&'k str>, Vec<&'k str>) {
    let files = kept
        .files
        .iter()
        .map(String::as_str)
        .filter(|rel| !in_meta(rel) && !keep.contains(*rel))
        .collect();
    let live = folders_of(keep.iter().map(String::as_str));
    let mut dirs: Vec<&str> = kept
        .dirs
        .iter()
        .map(String::as_str)
        .filter(|d| !in_meta(d) && !live.contains(d))
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    (files, dirs)
}

/// Whether `rel` is the metadata folder or inside it.
fn in_meta(rel: &str) -> bool {
    rel.strip_prefix(META_DIR)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests;
