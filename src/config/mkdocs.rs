//! What an MkDocs project says in its `mkdocs.yml`: the site name, the docs folder, the `nav:`
//! order and titles, and the extra CSS files. Everything else in the file is ignored, including
//! YAML tags such as `!!python/name:` that only MkDocs' Python side understands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yaml_serde::Value;

use crate::diagnostics::Problem;

/// The names an MkDocs configuration file goes by.
pub const FILE_NAMES: &[&str] = &["mkdocs.yml", "mkdocs.yaml"];

/// The parts of `mkdocs.yml` handboek takes over.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MkDocs {
    /// The file read (as found, for messages).
    pub path: PathBuf,
    pub site_name: Option<String>,
    pub site_description: Option<String>,
    /// `docs_dir`, relative to the file's folder (MkDocs' default: `docs`).
    pub docs_dir: PathBuf,
    /// Position and title of every page and folder `nav:` names, by path relative to `docs_dir`
    /// (a folder by its own path).
    pub nav: BTreeMap<PathBuf, NavEntry>,
    /// External links of `nav:`, in order.
    pub links: Vec<Link>,
    /// `extra_css`, relative to `docs_dir`.
    pub extra_css: Vec<String>,
}

/// An external link of `nav:`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Where `nav:` puts a page or folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    /// Position in the whole `nav:`, counted from 1.
    pub order: i64,
    pub title: Option<String>,
}

/// The `mkdocs.yml` that belongs to the Markdown folder `root`: one in `root` itself or in one
/// of its two parents whose `docs_dir` is `root`.
pub fn find_for(root: &Path) -> Option<PathBuf> {
    let real = root.canonicalize().ok()?;
    for dir in real.ancestors().skip(1).take(3) {
        for name in FILE_NAMES {
            let file = dir.join(name);
            if !file.is_file() {
                continue;
            }
            let docs = read(&file)
                .map(|m| m.docs_dir)
                .unwrap_or_else(|_| "docs".into());
            if dir.join(docs).canonicalize().ok().as_deref() == Some(real.as_path()) {
                return Some(file);
            }
        }
    }
    None
}

/// The Markdown folder to build for `path`: `path` itself, or the `docs_dir` of the
/// `mkdocs.yml` in it (or of `mkdocs`, when given). A folder with `handbook.yaml` stays itself.
pub fn content_root(path: &Path, mkdocs: Option<&Path>) -> Result<PathBuf, Problem> {
    let file = match mkdocs {
        Some(f) => f.to_path_buf(),
        None => {
            if path.join(super::CONFIG_FILE).is_file() {
                return Ok(path.to_path_buf());
            }
            match FILE_NAMES
                .iter()
                .map(|n| path.join(n))
                .find(|f| f.is_file())
            {
                Some(f) => f,
                None => return Ok(path.to_path_buf()),
            }
        }
    };
    let m = read(&file)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    Ok(dir.join(m.docs_dir))
}

/// Read and understand `file`.
pub fn read(file: &Path) -> Result<MkDocs, Problem> {
    let bytes = std::fs::read(file)
        .map_err(|e| Problem::error(file, format!("cannot read the file: {e}")))?;
    let text = crate::content::load::decode(file, bytes)?;
    parse(&text, file)
}

/// Understand the text of an `mkdocs.yml`.
pub fn parse(text: &str, file: &Path) -> Result<MkDocs, Problem> {
    let doc: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        yaml_serde::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            Problem::error(
                file,
                format!("line {line}: mkdocs.yml is not valid YAML: {e}"),
            )
        })?
    };
    let mut m = MkDocs {
        path: file.to_path_buf(),
        site_name: string(doc.get("site_name")),
        site_description: string(doc.get("site_description")),
        docs_dir: string(doc.get("docs_dir"))
            .map(PathBuf::from)
            .unwrap_or_else(|| "docs".into()),
        ..MkDocs::default()
    };
    if let Some(css) = untagged(doc.get("extra_css")).and_then(Value::as_sequence) {
        m.extra_css = css
            .iter()
            .filter_map(|v| string(Some(v)))
            .filter(|c| !c.contains("://") && !c.starts_with("//"))
            .map(|c| {
                c.trim_start_matches("./")
                    .trim_start_matches('/')
                    .to_string()
            })
            .collect();
    }
    if let Some(nav) = untagged(doc.get("nav")).and_then(Value::as_sequence) {
        let mut walk = NavWalk {
            m: &mut m,
            counter: 0,
        };
        walk.items(nav);
    }
    Ok(m)
}

/// A value with any YAML tag taken off (`!ENV [NAME, default]` keeps its default).
fn untagged(v: Option<&Value>) -> Option<&Value> {
    match v? {
        Value::Tagged(t) => match &t.value {
            Value::Sequence(s) if s.len() > 1 => s.last(),
            other => Some(other),
        },
        other => Some(other),
    }
}

fn string(v: Option<&Value>) -> Option<String> {
    match untagged(v)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

struct NavWalk<'m> {
    m: &'m mut MkDocs,
    counter: i64,
}

impl NavWalk<'_> {
    fn next(&mut self) -> i64 {
        self.counter += 1;
        self.counter
    }

    fn items(&mut self, items: &[Value]) -> Vec<PathBuf> {
        let mut pages = Vec::new();
        for item in items {
            match untagged(Some(item)) {
                Some(Value::String(path)) => {
                    if let Some(p) = self.page(None, path) {
                        pages.push(p);
                    }
                }
                Some(Value::Mapping(map)) => {
                    for (k, v) in map {
                        let Some(title) = string(Some(k)) else {
                            continue;
                        };
                        match untagged(Some(v)) {
                            Some(Value::String(path)) => {
                                if let Some(p) = self.page(Some(title), path) {
                                    pages.push(p);
                                }
                            }
                            Some(Value::Sequence(children)) => {
                                pages.extend(self.section(title, children));
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        pages
    }

    /// A page of the nav; external links are kept aside. Returns the page's path.
    fn page(&mut self, title: Option<String>, path: &str) -> Option<PathBuf> {
        // `...` or `... | glob` (the awesome-pages plugin): "the other pages here"; those
        // come after the listed ones anyway.
        if path.trim_start().starts_with("...") {
            return None;
        }
        if path.contains("://") || path.starts_with("mailto:") || path.starts_with("//") {
            self.m.links.push(Link {
                title: title.unwrap_or_else(|| path.to_string()),
                url: path.to_string(),
            });
            return None;
        }
        let rel = PathBuf::from(path.trim_start_matches("./").trim_start_matches('/'));
        let order = self.next();
        self.m
            .nav
            .entry(rel.clone())
            .or_insert(NavEntry { order, title });
        Some(rel)
    }

    /// A nested section: its title goes to the folder its pages share, when they share one.
    fn section(&mut self, title: String, children: &[Value]) -> Vec<PathBuf> {
        let order = self.next();
        let pages = self.items(children);
        let folders: Vec<PathBuf> = pages
            .iter()
            .map(|p| p.parent().map(Path::to_path_buf).unwrap_or_default())
            .collect();
        let shared = folders
            .iter()
            .min_by_key(|f| f.components().count())
            .filter(|top| {
                !top.as_os_str().is_empty() && folders.iter().all(|f| f.starts_with(top))
            });
        if let Some(folder) = shared {
            let entry = NavEntry {
                order,
                title: Some(title),
            };
            self.m.nav.entry(folder.clone()).or_insert(entry);
        }
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
site_name: Ons handboek
docs_dir: inhoud
extra_css:
  - css/eigen.css
  - https://cdn.example/x.css
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
nav:
  - index.md
  - Aan de slag:
      - start/index.md
      - Installeren: start/installeren.md
      - Diep:
          - start/diep/a.md
  - GitHub: https://github.com/example
  - Over: over.md
"#;

    #[test]
    fn reads_name_dir_css_and_nav_past_python_tags() {
        let m = parse(SAMPLE, Path::new("mkdocs.yml")).unwrap();
        assert_eq!(m.site_name.as_deref(), Some("Ons handboek"));
        assert_eq!(m.docs_dir, PathBuf::from("inhoud"));
        assert_eq!(m.extra_css, vec!["css/eigen.css".to_string()]);
        assert_eq!(
            m.links,
            vec![Link {
                title: "GitHub".into(),
                url: "https://github.com/example".into()
            }]
        );
        let order = |p: &str| m.nav.get(Path::new(p)).map(|e| e.order);
        assert!(order("index.md") < order("start"));
        assert!(order("start") < order("start/index.md"));
        assert!(order("start/installeren.md") < order("start/diep/a.md"));
        assert!(order("start/diep/a.md") < order("over.md"));
        assert_eq!(
            m.nav[Path::new("start")].title.as_deref(),
            Some("Aan de slag")
        );
        assert_eq!(
            m.nav[Path::new("start/installeren.md")].title.as_deref(),
            Some("Installeren")
        );
        assert_eq!(
            m.nav[Path::new("start/diep")].title.as_deref(),
            Some("Diep")
        );
    }

    #[test]
    fn the_rest_entries_of_awesome_pages_are_passed_over() {
        let m = parse(
            "nav:\n  - index.md\n  - ...\n  - Rollen:\n      - ... | rollen/*.md\n  - over.md\n",
            Path::new("mkdocs.yml"),
        )
        .unwrap();
        let named: Vec<_> = m.nav.keys().collect();
        assert_eq!(named, [Path::new("index.md"), Path::new("over.md")]);
    }

    #[test]
    fn broken_yaml_is_an_error_not_a_panic() {
        assert!(parse("nav: [", Path::new("mkdocs.yml")).is_err());
        assert!(parse("", Path::new("mkdocs.yml")).is_ok());
        assert!(parse("- a\n- b", Path::new("mkdocs.yml")).is_ok());
    }
}
