//! Write: the site is built in a temporary folder beside the output folder and swapped in only
//! when every file is written. An output folder that an earlier build did not make is refused.

pub mod assets;
mod file;
pub mod interrupt;
pub mod sitemap;
mod swap;
mod target;

pub use file::OutputFile;
pub use target::{Target, lock_path};

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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

/// The folder and the parent folder of `out`, as staging and recycling need them.
fn name_and_parent(out: &Path) -> (String, &Path) {
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
    kept: Option<Kept>,
}

/// The files and folders of a kept version (relative, `/`-separated), listed while its symbolic
/// links are removed, so that finishing the build needs no second walk.
#[derive(Debug, Default)]
struct Kept {
    files: Vec<String>,
    dirs: Vec<String>,
}

impl Kept {
    fn join(mut self, other: Kept) -> Kept {
        self.files.extend(other.files);
        self.dirs.extend(other.dirs);
        self
    }
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
fn holds(path: &Path, bytes: &[u8]) -> bool {
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

impl ManifestEntry {
    pub fn of(f: &OutputFile) -> ManifestEntry {
        ManifestEntry {
            path: f.path.clone(),
            sources: f.sources.iter().map(|s| slash_path(s)).collect(),
        }
    }
}

/// A relative path as the manifest writes it, with `/` separators.
fn slash_path(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
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
/// for the next build to clear (see [`Target::open`]).
fn keep_replaced(old: &Path, out: &Path) {
    let reuse = reuse_dir(out);
    if remove_any(&reuse).is_ok() && fs::rename(old, &reuse).is_ok() {
        return;
    }
    let _ = remove_any(old);
}

/// Move files carried over from the output folder (`from`, `to` pairs) back where they were.
fn put_back(moved: Vec<(PathBuf, PathBuf)>) {
    for (from, to) in moved.into_iter().rev() {
        if let Some(p) = from.parent() {
            let _ = fs::create_dir_all(p);
        }
        let _ = fs::rename(&to, &from);
    }
}

/// Remove a staging folder after a failed build.
pub fn discard(staging: &Staging) {
    let _gate = interrupt::hold();
    let _ = fs::remove_dir_all(&staging.dir);
    interrupt::forget(&staging.dir);
}

/// What the earlier build wrote: its files and every folder holding one of them.
struct Ours {
    files: HashSet<String>,
    dirs: HashSet<String>,
}

impl Ours {
    fn new(entries: Vec<ManifestEntry>) -> Ours {
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

/// Every folder that holds one of `paths` (relative, `/`-separated), at any depth.
fn folders_of<'p>(paths: impl Iterator<Item = &'p str>) -> HashSet<&'p str> {
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

/// The entries of one folder, to walk them in parallel.
fn entries_of(dir: &Path) -> io::Result<Vec<fs::DirEntry>> {
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

/// List a kept version (`dir` inside `root`) and remove every symbolic link from it before
/// anything is written into it: a link put there must not lead a write outside the site.
fn survey(root: &Path, dir: &Path) -> io::Result<Kept> {
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
/// write (`keep`) and the folders left empty; the metadata folder stays. The build may have put
/// a folder where a kept file was, or a file where a kept folder was: those are not stale.
fn prune(root: &Path, kept: &Kept, keep: &HashSet<String>) -> io::Result<()> {
    let ours = |rel: &str| {
        rel.strip_prefix(META_DIR)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    kept.files
        .par_iter()
        .filter(|rel| !ours(rel) && !keep.contains(*rel))
        .try_for_each(|rel| match fs::remove_file(root.join(rel)) {
            Err(e) if root.join(rel).symlink_metadata().is_ok_and(|m| m.is_file()) => Err(e),
            _ => Ok(()),
        })?;
    let live = folders_of(keep.iter().map(String::as_str));
    let mut stale: Vec<&String> = kept
        .dirs
        .iter()
        .filter(|d| !ours(d) && !live.contains(d.as_str()))
        .collect();
    // Deepest first, so a folder is empty by the time it is removed.
    stale.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for dir in stale {
        match fs::remove_dir(root.join(dir)) {
            Err(e) if root.join(dir).symlink_metadata().is_ok_and(|m| m.is_dir()) => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Move what someone else put in `dir` (inside the old `out`) to its place in `staged`; folders
/// are walked in parallel, since almost all of a site is ours and only looked at.
fn carry_over_foreign(
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
