//! The output folder a build publishes to. A symbolic link given as `--out` is resolved once and
//! its target treated exactly like a plain output folder (staged, swapped and kept beside the
//! target, never through the link). One build at a time writes it: a lock file beside it
//! (`.NAME.lock`) is held until the build ends. Temporary folders of builds that were killed
//! are cleared, the first of them kept as the reuse folder.

use std::fs;
use std::path::{Path, PathBuf};

use super::{OutputError, check_target, io_err, name_and_parent, remove_any, reuse_dir};

/// An output folder, resolved and locked for this process until dropped.
#[derive(Debug)]
pub struct Target {
    dir: PathBuf,
    _lock: fs::File,
}

impl Target {
    /// Resolve `out`, refuse it when it is not handboek's to replace, take its lock (waiting
    /// for another build, and saying so) and clear what killed builds left beside it.
    pub fn open(out: &Path) -> Result<Target, OutputError> {
        let dir = resolve(out)?;
        check_target(&dir)?;
        let lock = lock(&dir, out)?;
        clear_leftovers(&dir)?;
        Ok(Target { dir, _lock: lock })
    }

    /// The folder the site is published as (the target of a symbolic link).
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

/// The folder `out` names: itself, or where a symbolic link leads.
fn resolve(out: &Path) -> Result<PathBuf, OutputError> {
    match fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(out).map_err(|_| OutputError::DanglingLink {
                path: out.to_path_buf(),
                target: fs::read_link(out).unwrap_or_default(),
            })
        }
        _ => Ok(out.to_path_buf()),
    }
}

/// The lock file of the output folder `dir`: `.NAME.lock` beside it. It stays; only the lock on
/// it comes and goes (removing it could let two builds lock two different files).
pub fn lock_path(dir: &Path) -> PathBuf {
    let (name, parent) = name_and_parent(dir);
    parent.join(format!(".{name}.lock"))
}

fn lock(dir: &Path, shown: &Path) -> Result<fs::File, OutputError> {
    let path = lock_path(dir);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another build of {} to finish…",
                shown.display()
            );
            file.lock().map_err(io_err(&path))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    Ok(file)
}

/// The process id in the name of a temporary folder of `name` (`.NAME.tmp-PID`, or
/// `.NAME.tmp-PID.old` from a swap made in two steps).
fn leftover_pid(entry: &str, name: &str) -> Option<u32> {
    let rest = entry.strip_prefix(&format!(".{name}.tmp-"))?;
    let digits = rest.strip_suffix(".old").unwrap_or(rest);
    digits.parse().ok()
}

/// Whether process `pid` still runs (on Unix; elsewhere any other process counts as gone, as
/// the lock is held).
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    false
}

/// Remove the temporary folders that builds of `dir` left when they were killed; the first
/// becomes the reuse folder when there is none, so the next build need not start cold.
fn clear_leftovers(dir: &Path) -> Result<(), OutputError> {
    let (name, parent) = name_and_parent(dir);
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let reuse = reuse_dir(dir);
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(pid) = leftover_pid(&file_name.to_string_lossy(), &name) else {
            continue;
        };
        if alive(pid) {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && fs::symlink_metadata(&reuse).is_err() && fs::rename(&path, &reuse).is_ok() {
            continue;
        }
        remove_any(&path).map_err(io_err(&path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names_give_their_process_id() {
        assert_eq!(leftover_pid(".public.tmp-123", "public"), Some(123));
        assert_eq!(leftover_pid(".public.tmp-123.old", "public"), Some(123));
        assert_eq!(leftover_pid(".public.tmp-x", "public"), None);
        assert_eq!(leftover_pid(".public.reuse", "public"), None);
        assert_eq!(leftover_pid(".other.tmp-5", "public"), None);
    }
}
