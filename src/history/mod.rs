//! History: page dates and family versions read from the git repository that holds the
//! handbook folder (with gix, no `git` binary).
//!
//! The rules (see `docs/content-model.md`, "Datums en versies"):
//! - A page's date is the committer time (as a UTC calendar day) of the last commit on the
//!   first-parent line of `HEAD` that changed its source. Dates come only from commits, so the
//!   same commit builds the same bytes.
//! - A source that differs from `HEAD` (edited, or not in `HEAD` at all) is "niet vastgelegd".
//! - No repository, no commit yet, or a handbook folder that is not in `HEAD`: no dates at all.
//! - Any error reading the repository: one warning, then no dates. The build never fails on it.
//! - The walk is cached in the output's build metadata (`.handboek/history.json`), keyed by the
//!   `HEAD` commit id: an unchanged `HEAD` costs no walk, only hashing the sources to find edits.

mod cache;
pub mod date;
pub mod versions;
mod walk;
mod worktree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use versions::Version;
pub use walk::Snapshot;

use crate::diagnostics::Problem;

/// Where the walk is cached, inside the output's metadata folder.
pub const CACHE_FILE: &str = "history.json";

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("reading the git repository: {0}")]
    Git(String),
}

impl HistoryError {
    fn git(e: impl std::fmt::Display) -> HistoryError {
        HistoryError::Git(e.to_string())
    }
}

/// When a page last changed, as far as the repository tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lastmod {
    /// Committer time of the last commit that changed it, seconds since 1970 (UTC).
    Committed(i64),
    /// Edited since `HEAD`, or not in `HEAD` at all.
    Uncommitted,
}

/// What templates get as `gewijzigd`.
#[derive(Debug, Serialize)]
pub struct LastmodCtx {
    pub vastgelegd: bool,
    /// `2026-03-03`
    pub datum: Option<String>,
    /// `3 maart 2026`
    pub tekst: Option<String>,
}

impl Lastmod {
    pub fn iso(&self) -> Option<String> {
        match self {
            Lastmod::Committed(s) => Some(date::iso(*s)),
            Lastmod::Uncommitted => None,
        }
    }

    pub fn ctx(&self) -> LastmodCtx {
        match self {
            Lastmod::Committed(s) => LastmodCtx {
                vastgelegd: true,
                datum: Some(date::iso(*s)),
                tekst: Some(date::dutch(*s)),
            },
            Lastmod::Uncommitted => LastmodCtx {
                vastgelegd: false,
                datum: None,
                tekst: None,
            },
        }
    }
}

/// The history of one handbook folder as one build sees it.
#[derive(Debug, Default)]
pub struct History {
    /// The walk, `None` without a repository (then nothing has a date).
    snapshot: Option<Snapshot>,
    /// Sources in `HEAD` whose text on disk differs from it.
    edited: std::collections::HashSet<String>,
    /// Established versions per functiefamilie, newest first.
    pub versions: BTreeMap<String, Vec<Version>>,
}

/// A path as the history keys it: `/` separators, NFC (macOS may hand out NFD names).
pub fn key(rel: &Path) -> String {
    nfc(&rel.to_string_lossy().replace('\\', "/"))
}

pub(crate) fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

impl History {
    /// Read the history of the handbook at `root`, using and refreshing the cache in `meta`
    /// (the metadata folder of the last build, if any). A problem is a warning at most.
    pub fn read(root: &Path, meta: Option<&Path>) -> (History, Option<Problem>) {
        match Self::try_read(root, meta) {
            Ok(h) => (h, None),
            Err(e) => (
                History::default(),
                Some(
                    Problem::warning(root, format!("{e}; pages get no dates"))
                        .with_help("the site is built without dates from the history"),
                ),
            ),
        }
    }

    fn try_read(root: &Path, meta: Option<&Path>) -> Result<History, HistoryError> {
        let Some(found) = open(root)? else {
            return Ok(History::default());
        };
        let Found { repo, head, prefix } = found;
        let cached = meta.and_then(|m| cache::read(m, &head.to_string(), &prefix.join("/")));
        let snapshot = match cached {
            Some(s) => s,
            None => match walk::walk(&repo, head, &prefix)? {
                Some(mut s) => {
                    s.versions = versions::established(&repo, head, &prefix)?;
                    s
                }
                None => return Ok(History::default()),
            },
        };
        let edited = worktree::edited(root, &snapshot);
        let versions = versions::read(&repo, &snapshot, &prefix);
        Ok(History {
            snapshot: Some(snapshot),
            edited,
            versions,
        })
    }

    /// Whether the handbook's history is known (a repository with the folder in `HEAD`).
    pub fn is_known(&self) -> bool {
        self.snapshot.is_some()
    }

    /// The date of a page made from `sources` (paths relative to the handbook folder): the
    /// newest of their dates; uncommitted when any of them is; `None` without sources or
    /// without a history.
    pub fn of(&self, sources: &[PathBuf]) -> Option<Lastmod> {
        let snapshot = self.snapshot.as_ref()?;
        let mut newest: Option<i64> = None;
        for s in sources {
            let k = key(s);
            match snapshot.files.get(&k) {
                Some((_, secs)) if !self.edited.contains(&k) => {
                    newest = Some(newest.map_or(*secs, |n| n.max(*secs)));
                }
                _ => return Some(Lastmod::Uncommitted),
            }
        }
        newest.map(Lastmod::Committed)
    }

    /// Write the walk into the metadata folder `meta` of the build being made.
    pub fn save(&self, meta: &Path) {
        if let Some(s) = &self.snapshot {
            cache::write(meta, s);
        }
    }

    /// After the files at `rels` changed on disk (the dev server): check them against `HEAD`
    /// again. A new commit is seen at the next full load.
    pub fn refresh(&mut self, root: &Path, rels: &[PathBuf]) {
        let Some(snapshot) = &self.snapshot else {
            return;
        };
        for rel in rels {
            let k = key(rel);
            match snapshot.files.get(&k) {
                Some((blob, _)) if worktree::same(&root.join(rel), blob) => {
                    self.edited.remove(&k);
                }
                _ => {
                    self.edited.insert(k);
                }
            }
        }
    }
}

/// A repository found for a handbook folder.
struct Found {
    repo: gix::Repository,
    head: gix::ObjectId,
    /// The handbook folder inside the repository, by component, NFC.
    prefix: Vec<String>,
}

/// The repository holding `root`, its `HEAD` commit and where `root` lies in it; `None` when
/// there is no repository, no commit yet, or no work tree.
fn open(root: &Path) -> Result<Option<Found>, HistoryError> {
    let Ok(mut repo) = gix::discover(root) else {
        return Ok(None);
    };
    repo.object_cache_size_if_unset(16 * 1024 * 1024);
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return Ok(None);
    };
    let Ok(head) = repo.head_id().map(|id| id.detach()) else {
        return Ok(None);
    };
    let real_root = root.canonicalize().map_err(HistoryError::git)?;
    let real_workdir = workdir.canonicalize().map_err(HistoryError::git)?;
    let Ok(rel) = real_root.strip_prefix(&real_workdir) else {
        return Ok(None);
    };
    let prefix = rel
        .components()
        .map(|c| nfc(&c.as_os_str().to_string_lossy()))
        .collect();
    Ok(Some(Found { repo, head, prefix }))
}
