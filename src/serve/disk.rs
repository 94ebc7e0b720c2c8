//! Writing what the dev server publishes to the output folder, so `public/` always holds what a
//! build would write: the first version through the atomic staging swap of `handboek build`,
//! later ones file by file (each written beside its place and renamed over it). Each version is
//! written under the output folder's lock, the one `handboek build` takes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::state::Files;
use crate::output::OutputFile;
use crate::output::{self, OutputError};

fn io_err(path: &Path, source: std::io::Error) -> OutputError {
    OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The manifest's view of the site: every path and its sources, without bytes.
fn entries(sources: &BTreeMap<String, Vec<PathBuf>>) -> Vec<output::ManifestEntry> {
    sources
        .iter()
        .map(|(path, sources)| {
            output::ManifestEntry::of(&OutputFile {
                path: path.clone(),
                bytes: Vec::new(),
                sources: sources.clone(),
            })
        })
        .collect()
}

/// Write the whole site into a staging folder and swap it in for `out`.
pub fn write_all(
    out: &Path,
    files: &Files,
    sources: &BTreeMap<String, Vec<PathBuf>>,
) -> Result<(), OutputError> {
    let target = output::Target::open(out)?;
    let out = target.path();
    let staging = output::staging_dir(out)?;
    let result = (|| {
        files
            .par_iter()
            .try_for_each(|(path, bytes)| output::write_bytes(&staging, path, bytes))?;
        output::seal(&staging, entries(sources), &[])?;
        output::swap_in(&staging, out)
    })();
    if result.is_err() {
        output::discard(&staging);
    }
    result
}

/// Write the files at `changed` (or remove them when they are gone) and the manifest.
pub fn write_changed(
    out: &Path,
    files: &Files,
    changed: &[String],
    sources: &BTreeMap<String, Vec<PathBuf>>,
) -> Result<(), OutputError> {
    // The same lock as `handboek build`: a build into this folder waits, and so does this.
    let target = output::Target::open(out)?;
    let out = target.path();
    changed.par_iter().try_for_each(|path| {
        let target = out.join(path);
        let Some(bytes) = files.get(path) else {
            return match fs::remove_file(&target) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(&target, e)),
                _ => Ok(()),
            };
        };
        let dir = target.parent().unwrap_or(out);
        fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.handboek-tmp"));
        fs::write(&tmp, bytes).map_err(|e| io_err(&tmp, e))?;
        fs::rename(&tmp, &target).map_err(|e| io_err(&target, e))
    })?;
    output::write_manifest(out, entries(sources), &[])
}

/// A published version waiting to be written.
pub struct Job {
    pub files: std::sync::Arc<Files>,
    pub sources: std::sync::Arc<BTreeMap<String, Vec<PathBuf>>>,
    pub changed: Vec<String>,
    pub all: bool,
}

/// Write published versions on a thread of their own, so the next rebuild need not wait for
/// the disk. Jobs that queue up are merged: only the newest files are written.
pub fn writer(out: PathBuf) -> (std::sync::mpsc::Sender<Job>, std::thread::JoinHandle<()>) {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let handle = std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            while let Ok(next) = rx.try_recv() {
                job.all |= next.all;
                job.changed.extend(next.changed);
                job.files = next.files;
                job.sources = next.sources;
            }
            job.changed.sort();
            job.changed.dedup();
            let written = if job.all {
                write_all(&out, &job.files, &job.sources)
            } else {
                write_changed(&out, &job.files, &job.changed, &job.sources)
            };
            if let Err(e) = written {
                eprintln!(
                    "warning: the site is served, but writing {} failed: {e}",
                    out.display()
                );
            }
        }
    });
    (tx, handle)
}
