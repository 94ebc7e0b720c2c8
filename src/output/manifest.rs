//! The manifest (`.handboek/build.json`): every file a build wrote, with the sources it was made
//! from, so the next build knows what is its own. Paths in it are relative and `/`-separated.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{MANIFEST, META_DIR, OutputError, io_err};
use crate::output::OutputFile;

/// What an earlier build wrote, read back from its manifest.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub files: Vec<ManifestEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Manifest {
    pub fn read(out: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(out.join(META_DIR).join(MANIFEST)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

impl ManifestEntry {
    pub fn of(f: &OutputFile) -> ManifestEntry {
        ManifestEntry {
            path: f.path.clone(),
            sources: f.sources.iter().map(|s| slash_path(s)).collect(),
        }
    }
}

/// A relative path as the manifest writes it, with `/` separators.
pub(super) fn slash_path(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// Write the manifest: every file in `dir` that this build wrote, with its sources.
pub fn write_manifest(
    dir: &Path,
    mut entries: Vec<ManifestEntry>,
    copies: &[(PathBuf, PathBuf)],
) -> Result<(), OutputError> {
    entries.extend(copies.iter().map(|(rel, _)| {
        let path = slash_path(rel);
        ManifestEntry {
            sources: vec![path.clone()],
            path,
        }
    }));
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = Manifest {
        generator: format!("handboek {}", env!("CARGO_PKG_VERSION")),
        files: entries,
    };
    let meta = dir.join(META_DIR);
    fs::create_dir_all(&meta).map_err(io_err(&meta))?;
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    let path = meta.join(MANIFEST);
    fs::write(&path, json).map_err(io_err(&path))
}

/// Every folder that holds one of `paths` (relative, `/`-separated), at any depth.
pub(super) fn folders_of<'p>(paths: impl Iterator<Item = &'p str>) -> HashSet<&'p str> {
    let mut dirs = HashSet::new();
    for mut path in paths {
        while let Some((dir, _)) = path.rsplit_once('/') {
            if !dirs.insert(dir) {
                break;
            }
            path = dir;
        }
    }
    dirs
}
