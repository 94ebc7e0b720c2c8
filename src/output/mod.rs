//! Write: the site is built in a temporary folder beside the output folder and swapped in only
//! when every file is written. An output folder that an earlier build did not make is refused.
//!
//! One job a file: [`manifest`] (what a build wrote), [`staging`] (the folder a build writes
//! into), `reuse` (a staging folder made from the version replaced last time), `publish` (the
//! swap), `carry_over` (files someone else put in the output folder), `remove` (removing
//! trees), `target` (the locked output folder), `swap` (the one-step exchange).

pub mod assets;
mod carry_over;
mod file;
pub mod interrupt;
pub mod manifest;
mod publish;
mod remove;
mod reuse;
pub mod sitemap;
pub mod staging;
mod swap;
mod target;

pub use file::OutputFile;
pub use manifest::{Manifest, ManifestEntry, write_manifest};
pub use publish::swap_in;
pub use remove::{remove_any, remove_tree};
pub use staging::{
    Staging, copy_files, discard, reuse_dir, seal, staging_dir, write_bytes, write_file,
};
pub use target::{Target, lock_path};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use staging::name_and_parent;

/// Build metadata inside the output folder: the manifest and the search index for the CLI.
pub const META_DIR: &str = ".handboek";
pub const MANIFEST: &str = "build.json";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} is not empty and was not made by handboek; refusing to replace it")]
    Foreign { path: PathBuf },
    #[error("{path} exists and is not a folder")]
    NotADir { path: PathBuf },
    #[error("{path} is a symbolic link to {target}, which does not exist")]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{path} is in the output folder but was not written by handboek, and the new build writes a file of that name"
    )]
    Conflict { path: PathBuf },
    #[error("writing the search index: {0}")]
    Search(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuse an output folder that holds files but no manifest of an earlier build.
pub fn check_target(out: &Path) -> Result<(), OutputError> {
    match fs::metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(OutputError::NotADir {
            path: out.to_path_buf(),
        }),
        Ok(_) => {
            let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
            if empty || out.join(META_DIR).join(MANIFEST).is_file() {
                Ok(())
            } else {
                Err(OutputError::Foreign {
                    path: out.to_path_buf(),
                })
            }
        }
    }
}
