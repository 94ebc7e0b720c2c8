//! Links in Markdown: relative `.md` links become page URLs, relative files become asset URLs,
//! and every internal target is recorded so it can be checked once all pages are known.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::did_you_mean;

/// What the renderer needs to know about the other pages of the site.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// Source path (relative to the handbook) → (page id, URL relative to the site root).
    pub pages: HashMap<PathBuf, (String, String)>,
    /// Files copied as they are, relative to the handbook.
    pub assets: HashSet<PathBuf>,
}

/// A link from a page to a page of the site, to check after rendering.
#[derive(Debug, Clone)]
pub struct InternalLink {
    pub target: String,
    pub anchor: Option<String>,
    /// Byte range of the link in the source file.
    pub offset: usize,
    pub len: usize,
}

/// The result of resolving one link destination.
#[derive(Debug)]
pub enum Resolved {
    /// Leave the destination as written (external, mailto, absolute).
    External,
    /// A page: its URL relative to the site root, and the page and anchor to check.
    Page {
        url: String,
        target: String,
        anchor: Option<String>,
    },
    /// An anchor on the same page.
    SamePage { anchor: String },
    /// A copied file: its URL relative to the site root.
    Asset { url: String },
    Missing {
        message: String,
        help: Option<String>,
    },
}

/// Whether a destination points outside the site (has a scheme, or is protocol-relative).
pub fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
}

impl LinkTargets {
    /// Resolve `dest`, written in the page whose source is `from`.
    pub fn resolve(&self, from: &Path, dest: &str) -> Resolved {
        if is_external(dest) || dest.starts_with('/') {
            return Resolved::External;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            return match anchor {
                Some(anchor) => Resolved::SamePage { anchor },
                None => Resolved::External,
            };
        }
        let decoded = crate::url_path::decode_or_keep(path);
        let dir = from.parent().unwrap_or(Path::new(""));
        let Some(target) = normalize(&dir.join(&decoded)) else {
            return Resolved::Missing {
                message: format!("the link `{dest}` points outside the handbook"),
                help: None,
            };
        };
        if target.extension().is_some_and(|e| e == "md") {
            return match self.pages.get(&target) {
                Some((id, url)) => Resolved::Page {
                    url: url.clone(),
                    target: id.clone(),
                    anchor,
                },
                None => Resolved::Missing {
                    message: format!(
                        "the link `{dest}` points to a page that does not exist ({})",
                        target.display()
                    ),
                    help: self.suggest_page(&target),
                },
            };
        }
        let as_dir_index = target.join("_index.md");
        if let Some((id, url)) = self.pages.get(&as_dir_index) {
            return Resolved::Page {
                url: url.clone(),
                target: id.clone(),
                anchor,
            };
        }
        if self.assets.contains(&target) {
            let url = target.to_string_lossy().replace('\\', "/");
            return Resolved::Asset { url };
        }
        Resolved::Missing {
            message: format!(
                "the link `{dest}` points to a file that does not exist ({})",
                target.display()
            ),
            help: Some("link to a page by its `.md` file, e.g. `../handboek/visie.md`".into()),
        }
    }

    fn suggest_page(&self, target: &Path) -> Option<String> {
        let wanted = target.to_string_lossy();
        let names: Vec<String> = self
            .pages
            .keys()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        did_you_mean(&wanted, names.iter().map(String::as_str))
    }
}

/// `a/./b/../c.md` → `a/c.md`; None when it climbs above the root.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> LinkTargets {
        let mut t = LinkTargets::default();
        t.pages.insert(
            "handboek/visie.md".into(),
            ("handboek/visie".into(), "handboek/visie/".into()),
        );
        t.pages.insert(
            "dilemmas/_index.md".into(),
            ("dilemmas".into(), "dilemmas/".into()),
        );
        t.assets.insert("handboek/schema.png".into());
        t
    }

    #[test]
    fn relative_md_links_resolve_to_urls() {
        let t = targets();
        match t.resolve(Path::new("dilemmas/a.md"), "../handboek/visie.md#doel") {
            Resolved::Page { url, anchor, .. } => {
                assert_eq!(url, "handboek/visie/");
                assert_eq!(anchor.as_deref(), Some("doel"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            t.resolve(Path::new("handboek/x.md"), "schema.png"),
            Resolved::Asset { .. }
        ));
        assert!(matches!(
            t.resolve(Path::new("a.md"), "https://x.nl"),
            Resolved::External
        ));
        assert!(matches!(
            t.resolve(Path::new("a.md"), "#kop"),
            Resolved::SamePage { .. }
        ));
        assert!(matches!(
            t.resolve(Path::new("handboek/x.md"), "visi.md"),
            Resolved::Missing { .. }
        ));
        assert!(matches!(
            t.resolve(Path::new("x.md"), "../../x.md"),
            Resolved::Missing { .. }
        ));
    }
}
