//! Removing folders and files of handboek's own: whole trees in parallel, links never followed.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// The entries of one folder, to walk them in parallel.
pub(super) fn entries_of(dir: &Path) -> io::Result<Vec<fs::DirEntry>> {
    fs::read_dir(dir)?.collect()
}

/// `fs::remove_dir_all`, its sub-folders removed in parallel: removing an old site of ten
/// thousand folders is file-system bound and the threads overlap their waits.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = entries_of(dir)?;
    entries.par_iter().try_for_each(|e| {
        // A symlink to a folder is removed as a link, never followed.
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Remove what stands at `path`, if anything: a folder with all it holds, a file or a symbolic
/// link (never followed).
pub fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => remove_tree(path),
        Ok(_) => fs::remove_file(path),
    }
}
