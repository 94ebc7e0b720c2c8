//! Publishing a finished staging folder: swap it in for the output folder (in one step where the
//! system can), keep the version replaced as the next build's reuse folder.

use std::fs;
use std::path::Path;
use std::sync::Mutex;

use super::carry_over::{Ours, carry_over_foreign, put_back};
use super::manifest::Manifest;
use super::remove::{remove_any, remove_tree};
use super::staging::{Staging, reuse_dir};
use super::{OutputError, interrupt, io_err, swap};

/// Replace `out` by the finished `staged` folder. Files in `out` that the earlier build did not
/// write (put there by someone else) are carried over into the new site. Where the system can,
/// the two folders are exchanged in one step (`swap::exchange`); the first build renames
/// the staging folder; elsewhere two renames, with a moment between them without `out`. The
/// version replaced becomes the reuse folder.
pub fn swap_in(staging: &Staging, out: &Path) -> Result<(), OutputError> {
    let staged = staging.dir.as_path();
    let _gate = interrupt::hold();
    let result = if out.exists() {
        let ours = Ours::new(Manifest::read(out).map(|m| m.files).unwrap_or_default());
        let moved = Mutex::new(Vec::new());
        let swapped = carry_over_foreign(out, out, staged, &ours, &moved).and_then(|()| {
            if swap::exchange(staged, out).map_err(io_err(out))? {
                keep_replaced(staged, out);
                Ok(())
            } else {
                swap_in_two_steps(staged, out)
            }
        });
        if swapped.is_err() {
            // Nothing was published: what was carried over goes back, before the staging
            // folder is discarded.
            put_back(moved.into_inner().unwrap_or_default());
        }
        swapped
    } else {
        fs::rename(staged, out).map_err(io_err(out))
    };
    if result.is_ok() {
        interrupt::forget(staged);
    }
    result
}

/// The fallback of [`swap_in`]: `out` moved aside, the staging folder renamed in its place.
fn swap_in_two_steps(staged: &Path, out: &Path) -> Result<(), OutputError> {
    let old = staged.with_extension("old");
    if old.exists() {
        remove_tree(&old).map_err(io_err(&old))?;
    }
    fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(e) = fs::rename(staged, out) {
        let _ = fs::rename(&old, out);
        return Err(OutputError::Io {
            path: out.to_path_buf(),
            source: e,
        });
    }
    keep_replaced(&old, out);
    Ok(())
}

/// Keep the version just replaced (now at `old`) as the reuse folder of `out`. The new site is
/// published by then, so this cannot fail the build: what cannot be moved or removed is left
/// for the next build to clear (see [`super::Target::open`]).
fn keep_replaced(old: &Path, out: &Path) {
    let reuse = reuse_dir(out);
    if remove_any(&reuse).is_ok() && fs::rename(old, &reuse).is_ok() {
        return;
    }
    let _ = remove_any(old);
}
