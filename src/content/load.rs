//! Load: walk the handbook folder and read every source file in parallel, as checked UTF-8.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Problem, relative};

/// Files larger than this are refused: no handbook page is this big, a log file dropped in is.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Folders of the handbook that hold no content.
pub const NON_CONTENT_DIRS: &[&str] = &["templates", "static"];

/// One text source read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the handbook folder.
    pub rel: PathBuf,
    pub text: Arc<String>,
}

/// What the walk found: Markdown pages, YAML data files and other files to copy.
#[derive(Debug, Default)]
pub struct Loaded {
    pub markdown: Vec<SourceFile>,
    pub data: Vec<SourceFile>,
    /// Other files, copied as they are: (relative path, absolute path).
    pub assets: Vec<(PathBuf, PathBuf)>,
    pub problems: Vec<Problem>,
}

/// Whether a file name is an editor's temporary or backup file.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// A file found by the walk: relative path, absolute path, and its text when it is a source.
type ReadFile = (PathBuf, PathBuf, Option<String>);

/// Walk `root` and read its sources. `exclude` lists folders to skip (the output folder).
/// In a handbook `templates/` and `static/` are skipped (they hold theme overrides) and a
/// symbolic link that leads outside is an error; in a `plain` folder they are content and such
/// a link is a warning. Either way the link's target is not published.
pub fn load(root: &Path, exclude: &[PathBuf], plain: bool) -> Loaded {
    let mut loaded = Loaded::default();
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|x| x.canonicalize().ok())
        .collect();
    let mut files = Vec::new();
    // Symbolic links may point anywhere on the machine: only what lies inside the handbook
    // folder is published (`ln -s /etc/passwd handboek/a.md` must not reach the site).
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut outside = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() == 0 {
                return true;
            }
            if is_temp_file(&name) {
                return false;
            }
            if !plain
                && e.depth() == 1
                && e.file_type().is_dir()
                && NON_CONTENT_DIRS.contains(&name.as_ref())
            {
                return false;
            }
            if let Some(p) = link_outside(root, &real_root, e) {
                outside.push(p);
                return false;
            }
            !(e.file_type().is_dir()
                && !exclude.is_empty()
                && e.path().canonicalize().is_ok_and(|c| exclude.contains(&c)))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => loaded.problems.push(walk_problem(root, &e)),
        }
    }
    loaded.problems.extend(outside.into_iter().map(|mut p| {
        // As a dead link: a warning in a plain folder (MkDocs projects link their
        // CONTRIBUTING.md into docs/), an error in a handbook.
        if plain {
            p.level = crate::diagnostics::Level::Warning;
        }
        p
    }));
    let read: Vec<Result<ReadFile, Problem>> = files
        .par_iter()
        .map(|path| {
            let rel = relative(path, root);
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "md" | "yaml" | "yml") || rel == Path::new(crate::config::CONFIG_FILE)
            {
                return Ok((rel, path.clone(), None));
            }
            read_text(path, &rel).map(|t| (rel, path.clone(), Some(t)))
        })
        .collect();
    for r in read {
        match r {
            Ok((rel, _, Some(text))) if rel.extension().is_some_and(|e| e == "md") => {
                loaded.markdown.push(SourceFile {
                    rel,
                    text: Arc::new(text),
                })
            }
            Ok((rel, _, Some(text))) => loaded.data.push(SourceFile {
                rel,
                text: Arc::new(text),
            }),
            Ok((rel, abs, None)) => {
                if rel != Path::new(crate::config::CONFIG_FILE) {
                    loaded.assets.push((rel, abs))
                }
            }
            Err(p) => loaded.problems.push(p),
        }
    }
    loaded
}

/// The error for a walked entry that is a symbolic link whose real target lies outside
/// `real_root` (the canonical form of `root`, the folder walked); `None` for anything else.
pub fn link_outside(root: &Path, real_root: &Path, e: &walkdir::DirEntry) -> Option<Problem> {
    if !e.path_is_symlink() {
        return None;
    }
    let target = e.path().canonicalize().ok()?;
    if target.starts_with(real_root) {
        return None;
    }
    Some(outside_problem(&relative(e.path(), root), &target))
}

fn outside_problem(link: &Path, target: &Path) -> Problem {
    Problem::error(
        link,
        format!(
            "this symbolic link leads outside the handbook folder, to {}; it is not published",
            target.display()
        ),
    )
    .with_help("copy the file into the handbook folder, or remove the link")
}

fn walk_problem(root: &Path, e: &walkdir::Error) -> Problem {
    let path = e
        .path()
        .map(|p| relative(p, root))
        .unwrap_or_else(|| root.to_path_buf());
    if let Some(ancestor) = e.loop_ancestor() {
        let back = relative(ancestor, root);
        let to = if back.as_os_str().is_empty() {
            "the handbook folder itself".to_string()
        } else {
            format!("`{}`", back.display())
        };
        return Problem::warning(
            path,
            format!("symbolic link loop: this folder leads back to {to}; skipped"),
        );
    }
    let reason = e
        .io_error()
        .map(|io| io.to_string())
        .unwrap_or_else(|| e.to_string());
    Problem::error(path, format!("cannot read this folder or file: {reason}"))
}

/// Read one file as text, refusing huge files and invalid UTF-8.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Problem> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Problem::error(rel, format!("cannot read the file: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            rel,
            format!(
                "the file is {} MB; files over {} MB are refused",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("is this really a handbook page? move large files out of the handbook folder"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.read_to_end(&mut bytes).map_err(cannot)?;
    decode(rel, bytes)
}

/// Bytes to text: UTF-8 only, without a byte order mark, with `\n` line endings.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Problem::error(
                rel,
                format!(
                    "line {line}, column {column}: the file is not valid UTF-8 (byte 0x{:02x})",
                    bytes[valid]
                ),
            )
            .with_help("save the file as UTF-8 in your editor"));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let t = decode(Path::new("a.md"), b"\xef\xbb\xbfa\r\nb\r\n".to_vec()).unwrap();
        assert_eq!(t, "a\nb\n");
    }

    #[test]
    fn decode_names_line_of_bad_byte() {
        let p = decode(Path::new("a.md"), b"ok\nfo\xffo".to_vec()).unwrap_err();
        assert!(p.message.contains("line 2, column 3"), "{}", p.message);
    }

    #[test]
    fn temp_files_are_recognised() {
        for n in [".#a.md", "a.md~", ".a.md.swp", "#a.md#", "4913"] {
            assert!(is_temp_file(n), "{n}");
        }
        assert!(!is_temp_file("a.md"));
    }
}
