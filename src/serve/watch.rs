//! Watching the sources: native file events (or polling, for network drives), debounced,
//! editor temporary files dropped, and each changed path sorted into a [`Change`].

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, PollWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, NoCache, new_debouncer, new_debouncer_opt};

use super::rebuild::Change;
use crate::content::load::is_temp_file;

/// How long the sources must be quiet before a rebuild starts: long enough for an editor's
/// save (write, rename, chmod) to arrive as one batch.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// How often the polling watcher looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(400);

/// The folders that are watched and the output folder whose changes are ignored.
#[derive(Debug, Clone)]
pub struct Places {
    pub root: PathBuf,
    pub theme: Option<PathBuf>,
    pub out: PathBuf,
    /// Whether the root is a plain folder: its `templates/` and `static/` are content (see
    /// [`crate::config::Config::overrides_theme`]) and its `SUMMARY.md` orders the pages.
    pub plain: bool,
}

impl Places {
    /// Absolute, symlink-free forms of the folders, so event paths compare.
    pub fn new(root: &Path, theme: Option<&Path>, out: &Path, plain: bool) -> Places {
        Places {
            root: real(root),
            theme: theme.map(|t| real(&root.join(t))),
            out: real(out),
            plain,
        }
    }

    /// What a change of `path` means, or `None` when it does not matter.
    pub fn classify(&self, path: &Path) -> Option<Change> {
        if path.starts_with(&self.out) {
            return None;
        }
        let name = path.file_name()?.to_string_lossy();
        if is_temp_file(&name) {
            return None;
        }
        if let Some(theme) = &self.theme
            && let Ok(rel) = path.strip_prefix(theme)
        {
            return theme_change(rel);
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => is_temp_file(&n.to_string_lossy()),
            _ => false,
        });
        if hidden {
            return None;
        }
        // A plain folder's SUMMARY.md orders its pages, as handbook.yaml settles a handbook.
        let summary = self.plain && rel == Path::new(crate::config::summary::FILE_NAME);
        if rel == Path::new(crate::config::CONFIG_FILE) || summary {
            return Some(Change::Config);
        }
        if let Some(c) = theme_change(rel).filter(|_| !self.plain) {
            return Some(c);
        }
        if rel.extension().is_some_and(|e| e == "md") {
            return Some(Change::Page(rel.to_path_buf()));
        }
        Some(Change::Other)
    }
}

fn theme_change(rel: &Path) -> Option<Change> {
    let name = |p: &Path| p.to_string_lossy().replace('\\', "/");
    if let Ok(t) = rel.strip_prefix("templates") {
        return Some(Change::Template(name(t)));
    }
    if let Ok(s) = rel.strip_prefix("static") {
        return Some(Change::Static(name(s)));
    }
    None
}

/// The path made absolute and free of symbolic links, as far as it exists.
fn real(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => real(parent).join(name),
        _ => abs,
    }
}

/// Keeps the watcher running until dropped.
pub struct Watching(#[allow(dead_code)] Box<dyn Send>);

/// Watch `places` and send each debounced batch of changes to `tx`.
pub fn watch(places: Places, poll: bool, tx: Sender<Vec<Change>>) -> notify::Result<Watching> {
    let dirs: Vec<PathBuf> = std::iter::once(places.root.clone())
        .chain(places.theme.clone())
        .collect();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else {
            return;
        };
        let mut changes: Vec<Change> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| places.classify(p))
            .collect();
        changes.dedup();
        if !changes.is_empty() {
            let _ = tx.send(changes);
        }
    };
    if poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let mut d =
            new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, None, handler, NoCache, config)?;
        for dir in &dirs {
            d.watch(dir, RecursiveMode::Recursive)?;
        }
        Ok(Watching(Box::new(d)))
    } else {
        let mut d = new_debouncer(DEBOUNCE, None, handler)?;
        for dir in &dirs {
            d.watch(dir, RecursiveMode::Recursive)?;
        }
        Ok(Watching(Box::new(d)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places {
            root: PathBuf::from("/h"),
            theme: Some(PathBuf::from("/thema")),
            out: PathBuf::from("/h/public"),
            plain: false,
        }
    }

    #[test]
    fn sorts_changes_by_kind() {
        let p = places();
        let c = |s: &str| p.classify(Path::new(s));
        assert_eq!(c("/h/handbook.yaml"), Some(Change::Config));
        assert_eq!(c("/h/a/b.md"), Some(Change::Page("a/b.md".into())));
        assert_eq!(
            c("/h/templates/page.html"),
            Some(Change::Template("page.html".into()))
        );
        assert_eq!(
            c("/thema/templates/x/y.html"),
            Some(Change::Template("x/y.html".into()))
        );
        assert_eq!(
            c("/h/static/style.css"),
            Some(Change::Static("style.css".into()))
        );
        assert_eq!(c("/h/a/foto.png"), Some(Change::Other));
        assert_eq!(c("/h/SUMMARY.md"), Some(Change::Page("SUMMARY.md".into())));
    }

    #[test]
    fn a_plain_folders_templates_and_static_are_content() {
        let p = Places {
            plain: true,
            ..places()
        };
        let c = |s: &str| p.classify(Path::new(s));
        assert_eq!(
            c("/h/templates/404.md"),
            Some(Change::Page("templates/404.md".into()))
        );
        assert_eq!(c("/h/static/logo.png"), Some(Change::Other));
        assert_eq!(c("/h/SUMMARY.md"), Some(Change::Config));
        // A theme folder named in the settings is still the theme.
        assert_eq!(
            c("/thema/templates/page.html"),
            Some(Change::Template("page.html".into()))
        );
    }

    #[test]
    fn ignores_temp_files_output_and_outside() {
        let p = places();
        for s in [
            "/h/a/.b.md.swp",
            "/h/a/b.md~",
            "/h/.git/index",
            "/h/public/index.html",
            "/x/y.md",
            "/h/4913",
        ] {
            assert_eq!(p.classify(Path::new(s)), None, "{s}");
        }
    }
}
