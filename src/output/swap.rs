//! Swap two folders in one step where the system allows it: on Linux `renameat2` with
//! `RENAME_EXCHANGE` (ext4, tmpfs, xfs, btrfs and more), so a reader of the output folder
//! finds the old version or the new one, never nothing.

use std::io;
use std::path::Path;

/// Exchange the folders at `a` and `b` atomically. `Ok(false)` when this system or file system
/// cannot (the caller falls back to two renames).
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let cstr = |p: &Path| {
            CString::new(p.as_os_str().as_bytes())
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
        };
        let (a, b) = (cstr(a)?, cstr(b)?);
        // SAFETY: two NUL-terminated paths that live across the call; AT_FDCWD resolves them
        // like rename(2) does.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
            _ => Err(e),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_two_folders_or_says_it_cannot() {
        let t = tempfile::tempdir().expect("temp dir");
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        std::fs::create_dir(&a).expect("a");
        std::fs::create_dir(&b).expect("b");
        std::fs::write(a.join("from-a"), "").expect("write");
        if exchange(&a, &b).expect("exchange") {
            assert!(b.join("from-a").is_file() && !a.join("from-a").exists());
        }
    }
}
