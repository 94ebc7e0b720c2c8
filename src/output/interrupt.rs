//! Ctrl-C and SIGTERM during a build: the staging folder is put away before the process exits,
//! so an interrupted build leaves no temporary folder. Every write into a staging folder holds
//! the gate ([`hold`]); the signal thread closes it, waits for writes under way, moves each
//! staging folder to the reuse place (or removes it) and exits without opening it again.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

static GATE: RwLock<()> = RwLock::new(());

/// Staging folders in use, each with the reuse folder it may become.
static STAGED: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());

/// Held while writing into a staging folder or moving one. Never take it twice on one thread,
/// nor hold it while waiting for other threads that take it.
pub fn hold() -> RwLockReadGuard<'static, ()> {
    GATE.read().unwrap_or_else(PoisonError::into_inner)
}

/// Note a staging folder that an interrupt must put away (call while holding the gate).
pub(crate) fn register(staging: &Path, reuse: &Path) {
    STAGED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((staging.to_path_buf(), reuse.to_path_buf()));
}

/// A staging folder that was swapped in or removed (call while holding the gate).
pub(crate) fn forget(staging: &Path) {
    STAGED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|(s, _)| s != staging);
}

/// Put the staging folders away: each becomes the reuse folder when there is none, else it is
/// removed. Returns with the gate closed for good.
fn put_away() {
    let gate = GATE.write().unwrap_or_else(PoisonError::into_inner);
    std::mem::forget(gate);
    let staged = STAGED.lock().unwrap_or_else(PoisonError::into_inner);
    for (dir, reuse) in staged.iter() {
        if !dir.exists() {
            continue;
        }
        if fs::symlink_metadata(reuse).is_err() && fs::rename(dir, reuse).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(dir);
    }
}

/// Handle Ctrl-C (SIGINT) and SIGTERM on a thread of its own for the rest of the process: put
/// the staging folders away and exit with 128 + the signal's number. Call before any other
/// thread is started (they inherit the blocked signals); elsewhere than on Unix it does nothing.
pub fn install() {
    #[cfg(unix)]
    unix::install();
}

#[cfg(unix)]
mod unix {
    use std::mem::MaybeUninit;

    fn signals() -> libc::sigset_t {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: sigemptyset initialises the set; sigaddset adds valid signal numbers to it.
        unsafe {
            libc::sigemptyset(set.as_mut_ptr());
            libc::sigaddset(set.as_mut_ptr(), libc::SIGINT);
            libc::sigaddset(set.as_mut_ptr(), libc::SIGTERM);
            set.assume_init()
        }
    }

    pub(super) fn install() {
        let set = signals();
        // SAFETY: blocks two signals for this thread (and the threads it starts later).
        let rc = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
        if rc != 0 {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("interrupt".into())
            .spawn(move || {
                let mut sig: libc::c_int = 0;
                // SAFETY: waits for one of the blocked signals in `set`.
                while unsafe { libc::sigwait(&set, &mut sig) } != 0 {}
                super::put_away();
                eprintln!("Interrupted; no temporary folder is left behind.");
                std::process::exit(128 + sig);
            });
        if spawned.is_err() {
            // Without the thread, let the signals end the process as they would have.
            // SAFETY: unblocks the signals blocked above.
            unsafe { libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
        }
    }
}
