//! The staging folder a build writes into beside the output folder: made fresh, or from the
//! version the build before replaced (see [`reuse_dir`]), where files that already hold the new
//! bytes are left as they are.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{ManifestEntry, slash_path, write_manifest};
use super::remove::{remove_any, remove_tree};
use super::reuse::{Kept, prune, survey};
use super::{OutputError, interrupt, io_err};
use crate::output::OutputFile;

/// The folder and the parent folder of `out`, as staging and recycling need them.
pub(super) fn name_and_parent(out: &Path) -> (String, &Path) {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (name, parent)
}

/// Where the version a build replaced is kept for the next build to write over:
/// `.public.reuse` beside `public/`. Writing over its files, rather than creating ten thousand
/// folders and files anew and deleting as many, keeps a rebuild off the file system's slowest
/// paths. It may be deleted at any time.
pub fn reuse_dir(out: &Path) -> PathBuf {
    let (name, parent) = name_and_parent(out);
    parent.join(format!(".{name}.reuse"))
}

/// The folder a build writes into before it is swapped in.
#[derive(Debug)]
pub struct Staging {
    pub dir: PathBuf,
    /// Made from the version kept by the build before ([`reuse_dir`]): what it held. Files may
    /// already be there, and those the new version does not write go before the swap.
    pub(super) kept: Option<Kept>,
}

/// A temporary folder beside `out` to build into: the previous version when one was kept (see
/// [`reuse_dir`]), else a fresh one.
pub fn staging_dir(out: &Path) -> Result<Staging, OutputError> {
    let (name, parent) = name_and_parent(out);
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    remove_any(&dir).map_err(io_err(&dir))?;
    let reuse = reuse_dir(out);
    let _gate = interrupt::hold();
    interrupt::register(&dir, &reuse);
    let is_dir = fs::symlink_metadata(&reuse).is_ok_and(|m| m.is_dir());
    if is_dir && fs::rename(&reuse, &dir).is_ok() {
        let kept = survey(&dir, &dir).map_err(io_err(&dir))?;
        return Ok(Staging {
            dir,
            kept: Some(kept),
        });
    }
    fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    Ok(Staging { dir, kept: None })
}

/// Write one rendered file into the staging folder.
pub fn write_file(staging: &Staging, f: &OutputFile) -> Result<(), OutputError> {
    write_bytes(staging, &f.path, &f.bytes)
}

/// Write `bytes` at `rel` inside the staging folder, creating its folders. A file that a
/// recycled staging folder already holds with these bytes is left as it is (its blocks and its
/// time stamp stay; web caches keep it).
pub fn write_bytes(staging: &Staging, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    let path = staging.dir.join(rel);
    let _gate = interrupt::hold();
    if staging.kept.is_some() && holds(&path, bytes) {
        return Ok(());
    }
    in_place(&path, |p| fs::write(p, bytes)).map_err(io_err(&path))
}

/// Whether the file at `path` holds exactly `bytes`.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Copy content files (images, PDFs) into the staging folder at their place in the handbook.
pub fn copy_files(staging: &Staging, copies: &[(PathBuf, PathBuf)]) -> Result<(), OutputError> {
    copies.par_iter().try_for_each(|(rel, src)| {
        let path = staging.dir.join(rel);
        let _gate = interrupt::hold();
        in_place(&path, |p| fs::copy(src, p).map(|_| ())).map_err(io_err(src))
    })
}

/// Make the file at `path` (its folders first). In a staging folder made from an earlier version
/// a file may stand where a folder must go, or a folder where the file goes: those are removed
/// (everything there is handboek's own) and it is tried once more.
fn in_place(path: &Path, make: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    let attempt = || {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        make(path)
    };
    attempt().or_else(|first| {
        let mut cleared = false;
        for above in path.ancestors().skip(1) {
            if above.is_file() {
                fs::remove_file(above)?;
                cleared = true;
            }
        }
        if path.is_dir() {
            remove_tree(path)?;
            cleared = true;
        }
        if !cleared {
            return Err(first);
        }
        attempt()
    })
}

/// Finish a staging folder: remove what a recycled one holds that this build did not write
/// (`entries` and `copies`), then write the manifest.
pub fn seal(
    staging: &Staging,
    entries: Vec<ManifestEntry>,
    copies: &[(PathBuf, PathBuf)],
) -> Result<(), OutputError> {
    let _gate = interrupt::hold();
    if let Some(kept) = &staging.kept {
        let keep: HashSet<String> = entries
            .iter()
            .map(|e| e.path.clone())
            .chain(copies.iter().map(|(rel, _)| slash_path(rel)))
            .collect();
        prune(&staging.dir, kept, &keep).map_err(io_err(&staging.dir))?;
    }
    write_manifest(&staging.dir, entries, copies)
}

/// Remove a staging folder after a failed build.
pub fn discard(staging: &Staging) {
    let _gate = interrupt::hold();
    let _ = fs::remove_dir_all(&staging.dir);
    interrupt::forget(&staging.dir);
}
