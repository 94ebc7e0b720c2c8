//! Links in Markdown: relative `.md` links become page URLs, relative files become asset URLs,
//! and every internal target is recorded so it can be checked once all pages are known.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::did_you_mean;

/// What the renderer needs to know about the other pages of the site. Paths are kept in
/// Unicode NFC (see [`crate::slug::nfc`]), so a link typed as `financiën.md` finds a file that
/// macOS named in NFD.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// Source path (relative to the handbook, NFC) → (page id, URL relative to the site root).
    pub pages: HashMap<PathBuf, (String, String)>,
    /// Files copied as they are: path relative to the handbook in NFC → the path on disk.
    pub assets: HashMap<PathBuf, PathBuf>,
    /// Page URL (relative to the site root) → source path (NFC), for absolute links.
    urls: HashMap<String, PathBuf>,
    /// Folder (NFC) → the source of its index page (`_index.md`, in a plain folder also
    /// `index.md` or `README.md`), for links to a folder.
    folders: HashMap<PathBuf, PathBuf>,
    /// The path of `base_url` (`/` or `/handboek/`): absolute links below it are internal.
    base_path: String,
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

/// A path in NFC.
fn nfc_path(path: &Path) -> PathBuf {
    PathBuf::from(crate::slug::nfc(&path.to_string_lossy()))
}

impl LinkTargets {
    /// Targets for a site published under `base_path` (the path of `base_url`).
    pub fn new(base_path: &str) -> LinkTargets {
        LinkTargets {
            base_path: base_path.to_string(),
            ..LinkTargets::default()
        }
    }

    /// Add the page whose source is `source`.
    pub fn add_page(&mut self, source: &Path, id: &str, url: &str) {
        let key = nfc_path(source);
        // A folder's index page has the folder's path as its id.
        if let Some(folder) = key.parent().filter(|f| *f == nfc_path(Path::new(id))) {
            self.folders.insert(folder.to_path_buf(), key.clone());
        }
        self.urls.insert(url.to_string(), key.clone());
        self.pages.insert(key, (id.to_string(), url.to_string()));
    }

    /// Add a file copied as it is, by its path relative to the handbook.
    pub fn add_asset(&mut self, rel: &Path) {
        self.assets.insert(nfc_path(rel), rel.to_path_buf());
    }

    /// Resolve `dest`, written in the page whose source is `from`.
    pub fn resolve(&self, from: &Path, dest: &str) -> Resolved {
        if is_external(dest) {
            return Resolved::External;
        }
        if dest.starts_with('/') {
            return self.resolve_absolute(from, dest);
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
        let decoded = crate::slug::nfc(&crate::url_path::decode_or_keep(path));
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
        if let Some(real) = self.assets.get(&target) {
            let url = real.to_string_lossy().replace('\\', "/");
            return Resolved::Asset { url };
        }
        // A folder, or the HTML file a page becomes as mdBook and MkDocs authors link to it.
        let page = self.page_for(&target);
        if let Some((id, url)) = page {
            return Resolved::Page {
                url: url.clone(),
                target: id.clone(),
                anchor,
            };
        }
        Resolved::Missing {
            message: format!(
                "the link `{dest}` points to a file that does not exist ({})",
                target.display()
            ),
            help: Some("link to a page by its `.md` file, e.g. `../handboek/visie.md`".into()),
        }
    }

    /// The page a link to a folder, to a page's HTML file or to a page without `.md` means, as
    /// mdBook, MkDocs, Hugo and VitePress authors write them: the folder's index page for
    /// `cli`, `cli/` and `cli/index.html`, the page `cli/build.md` for `cli/build.html` and
    /// `cli/build`.
    fn page_for(&self, target: &Path) -> Option<&(String, String)> {
        if let Some(source) = self.folders.get(target) {
            return self.pages.get(source);
        }
        if let Some(name) = target.file_name() {
            let mut md = name.to_os_string();
            md.push(".md");
            if let Some(page) = self.pages.get(&target.with_file_name(md)) {
                return Some(page);
            }
        }
        if target.extension().is_none_or(|e| e != "html") {
            return None;
        }
        if target.file_name().is_some_and(|n| n == "index.html") {
            let folder = target.parent().unwrap_or(Path::new(""));
            if let Some(source) = self.folders.get(folder) {
                return self.pages.get(source);
            }
        }
        self.pages.get(&target.with_extension("md"))
    }

    /// An absolute link (`/handboek/visie/`): below the base path it must name a page or file of
    /// the site, and is then written relative like any other link; above it, it leaves the site.
    fn resolve_absolute(&self, from: &Path, dest: &str) -> Resolved {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let decoded = crate::slug::nfc(&crate::url_path::decode_or_keep(path));
        let base = self.base_path.trim_matches('/');
        let below_base = if base.is_empty() {
            Some(decoded.trim_start_matches('/'))
        } else {
            decoded
                .trim_start_matches('/')
                .strip_prefix(base)
                .filter(|r| r.is_empty() || r.starts_with('/'))
                .map(|r| r.trim_start_matches('/'))
        };
        let Some(rest) = below_base else {
            return Resolved::External;
        };
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        let Some(normal) = normalize(Path::new(rest)) else {
            return Resolved::Missing {
                message: format!("the link `{dest}` points outside the site"),
                help: None,
            };
        };
        let normal = normal.to_string_lossy().replace('\\', "/");
        if let Some(real) = self.assets.get(Path::new(&normal)) {
            let url = real.to_string_lossy().replace('\\', "/");
            return Resolved::Asset { url };
        }
        let url = if normal.is_empty() {
            normal
        } else {
            format!("{normal}/")
        };
        if let Some((id, url)) = self.urls.get(&url).and_then(|src| self.pages.get(src)) {
            return Resolved::Page {
                url: url.clone(),
                target: id.clone(),
                anchor,
            };
        }
        let base_note = if base.is_empty() {
            String::new()
        } else {
            format!(" (the site lives at {})", self.base_path)
        };
        let hint = self
            .closest_url(&url)
            .map(|src| {
                format!(
                    "did you mean {}? link the `.md` file: `{}`",
                    src.display(),
                    relative_link(from, src)
                )
            })
            .unwrap_or_else(|| {
                "link to a page by its `.md` file, e.g. `../handboek/visie.md`".to_string()
            });
        Resolved::Missing {
            message: format!("the link `{dest}` points to no page of the site{base_note}"),
            help: Some(hint),
        }
    }

    /// The source of the page whose URL is most like `url`, when one is close.
    fn closest_url(&self, url: &str) -> Option<&PathBuf> {
        self.urls
            .iter()
            .map(|(u, src)| (strsim::jaro_winkler(url, u), src))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, src)| src)
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

/// The relative link from the page at `from` to the source `to` (both relative to the handbook).
fn relative_link(from: &Path, to: &Path) -> String {
    let dir: Vec<_> = from.parent().map_or(vec![], |d| d.components().collect());
    let target: Vec<_> = to.components().collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); dir.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
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
        let mut t = LinkTargets::new("/");
        t.add_page(
            Path::new("handboek/visie.md"),
            "handboek/visie",
            "handboek/visie/",
        );
        t.add_page(Path::new("dilemmas/_index.md"), "dilemmas", "dilemmas/");
        t.add_page(Path::new("_index.md"), "", "");
        t.add_asset(Path::new("handboek/schema.png"));
        // As macOS writes it: `e` followed by a combining diaeresis.
        t.add_page(
            Path::new("handboek/financie\u{308}n.md"),
            "handboek/financie\u{308}n",
            "handboek/financien/",
        );
        t.add_asset(Path::new("handboek/sche\u{301}ma.pdf"));
        t
    }

    fn page_url(r: Resolved) -> String {
        match r {
            Resolved::Page { url, .. } => url,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn absolute_links_resolve_against_the_site() {
        let t = targets();
        let from = Path::new("dilemmas/a.md");
        assert_eq!(
            page_url(t.resolve(from, "/handboek/visie/")),
            "handboek/visie/"
        );
        assert_eq!(
            page_url(t.resolve(from, "/handboek/visie")),
            "handboek/visie/"
        );
        assert_eq!(
            page_url(t.resolve(from, "/handboek/visie/index.html#doel")),
            "handboek/visie/"
        );
        assert_eq!(page_url(t.resolve(from, "/")), "");
        assert!(matches!(
            t.resolve(from, "/handboek/schema.png"),
            Resolved::Asset { .. }
        ));
        match t.resolve(from, "/handboek/visi/") {
            Resolved::Missing { message, help } => {
                assert!(message.contains("points to no page"), "{message}");
                let help = help.unwrap();
                assert!(help.contains("`../handboek/visie.md`"), "{help}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn absolute_links_respect_the_base_path() {
        let mut t = LinkTargets::new("/hb/");
        t.add_page(Path::new("x.md"), "x", "x/");
        let from = Path::new("a.md");
        assert_eq!(page_url(t.resolve(from, "/hb/x/")), "x/");
        assert!(matches!(
            t.resolve(from, "/hb/y/"),
            Resolved::Missing { .. }
        ));
        assert!(matches!(t.resolve(from, "/hbx/"), Resolved::External));
        assert!(matches!(
            t.resolve(from, "/andere-app/"),
            Resolved::External
        ));
    }

    #[test]
    fn nfc_links_find_nfd_file_names() {
        let t = targets();
        let from = Path::new("handboek/a.md");
        assert_eq!(
            page_url(t.resolve(from, "financiën.md")),
            "handboek/financien/"
        );
        assert_eq!(
            page_url(t.resolve(from, "financi%C3%ABn.md")),
            "handboek/financien/"
        );
        match t.resolve(from, "schéma.pdf") {
            Resolved::Asset { url } => assert_eq!(url, "handboek/sche\u{301}ma.pdf"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn links_to_a_folder_or_to_a_pages_html_file_reach_the_page() {
        let mut t = targets();
        // A plain folder: README.md is the index of `werk/`; in `oud/` index.md won over it.
        t.add_page(Path::new("werk/README.md"), "werk", "werk/");
        t.add_page(Path::new("werk/plan.md"), "werk/plan", "werk/plan/");
        t.add_page(Path::new("oud/index.md"), "oud", "oud/");
        t.add_page(Path::new("oud/README.md"), "oud/README", "oud/readme/");
        let from = Path::new("handboek/visie.md");
        for (dest, url) in [
            ("../werk/", "werk/"),
            ("../werk", "werk/"),
            ("../werk/index.html", "werk/"),
            ("../werk/plan.html#doel", "werk/plan/"),
            ("../werk/plan#doel", "werk/plan/"),
            ("../handboek/visie", "handboek/visie/"),
            ("../oud/", "oud/"),
            ("../oud/README.md", "oud/readme/"),
            ("../dilemmas/index.html", "dilemmas/"),
            ("../index.html", ""),
            ("../", ""),
        ] {
            assert_eq!(page_url(t.resolve(from, dest)), url, "{dest}");
        }
        assert!(matches!(
            t.resolve(from, "../werk/nergens.html"),
            Resolved::Missing { .. }
        ));
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
