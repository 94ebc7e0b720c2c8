//! The loaded handbook the dev server keeps between rebuilds: the resolved site, the theme and
//! the problems of each stage, so an edit re-reads one file instead of the whole handbook.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;

use crate::config::{self, Config};
use crate::content::load::{SourceFile, read_text};
use crate::content::{self, Content};
use crate::diagnostics::{Problem, Problems};
use crate::markdown::Rendered;
use crate::render::{AssetUrls, Renderer, Theme};
use crate::site::{self, Site};

/// A handbook loaded and resolved, with the problems of each stage kept apart.
pub struct World {
    pub site: Site,
    pub theme: Theme,
    pub renderer: Option<Renderer>,
    /// The URLs of the theme's static files in the published site.
    pub published_assets: AssetUrls,
    /// The URLs of the theme's static files as the theme is now (they differ from
    /// `published_assets` after a static file changed, until the next publish).
    pub assets: AssetUrls,
    has_config: bool,
    /// Problems of reading and parsing, by file; a page that does not parse keeps its last
    /// good version in `site`.
    file_problems: BTreeMap<PathBuf, Vec<Problem>>,
    theme_problems: Vec<Problem>,
    site_problems: Vec<Problem>,
}

impl World {
    /// Load the handbook at `root`, leaving the output folder `out` out of the content.
    pub fn load(root: &Path, out: &Path) -> Result<World, Problems> {
        if !root.is_dir() {
            return Err(Problems(vec![Problem::error(
                root,
                "this handbook folder does not exist",
            )]));
        }
        let has_config = root.join(config::CONFIG_FILE).is_file();
        let (cfg, config_warnings) = Config::load_with_warnings(root).map_err(Problems)?;
        let (theme, mut theme_problems) = match Theme::load(root, &cfg) {
            Ok(t) => (t, Vec::new()),
            Err(ps) => (Theme::default(), ps),
        };
        let (content, content_problems) =
            content::read(root, &cfg, has_config, &[out.to_path_buf()]);
        let (mut site, site_problems) = site::resolve(cfg, content);
        // Dates once at start (the build's cache is used when `out` has one); a warning about the
        // repository is shown by `build`, the server just goes without dates.
        site.history =
            crate::history::History::read(root, Some(&out.join(crate::output::META_DIR))).0;
        let renderer = match Renderer::new(&theme) {
            Ok(r) => Some(r),
            Err(ps) => {
                theme_problems.extend(ps);
                None
            }
        };
        let mut file_problems: BTreeMap<PathBuf, Vec<Problem>> = BTreeMap::new();
        if !config_warnings.is_empty() {
            file_problems.insert(PathBuf::from(config::CONFIG_FILE), config_warnings);
        }
        for p in content_problems {
            file_problems.entry(p.path.clone()).or_default().push(p);
        }
        let published_assets = crate::output::assets::theme_assets(&theme).1;
        Ok(World {
            site,
            theme,
            renderer,
            assets: published_assets.clone(),
            published_assets,
            has_config,
            file_problems,
            theme_problems,
            site_problems,
        })
    }

    /// Every problem of the handbook as it is on disk now, sorted.
    pub fn problems(&self) -> Problems {
        let mut all = Problems::default();
        all.extend(self.file_problems.values().flatten().cloned());
        all.extend(self.theme_problems.iter().cloned());
        all.extend(self.site_problems.iter().cloned());
        all.sort();
        all
    }

    /// Read the pages at `rels` again and resolve the site, reusing every other page's
    /// rendered Markdown. A page that no longer parses keeps its last good version.
    pub fn reparse(&mut self, root: &Path, rels: &[PathBuf]) {
        let mut fresh = HashMap::new();
        for rel in rels {
            self.file_problems.remove(rel);
            let parsed = read_text(&root.join(rel), rel)
                .map_err(|p| vec![p])
                .and_then(|text| {
                    let file = SourceFile {
                        rel: rel.clone(),
                        text: Arc::new(text),
                    };
                    content::page::parse(&file, &self.site.config, self.has_config)
                });
            match parsed {
                Ok(page) => _ = fresh.insert(rel.clone(), page),
                Err(ps) => _ = self.file_problems.insert(rel.clone(), ps),
            }
        }
        if fresh.is_empty() {
            return;
        }
        let mut reuse: HashMap<String, Rendered> = HashMap::new();
        let mut pages = Vec::with_capacity(self.site.pages.len());
        // The site is resolved anew below: its pages move over instead of being copied.
        for sp in std::mem::take(&mut self.site.pages) {
            if sp.implicit {
                continue;
            }
            match fresh.remove(&sp.page.source) {
                Some(p) => pages.push(p),
                None => {
                    reuse.insert(sp.page.id.clone(), sp.rendered);
                    pages.push(sp.page);
                }
            }
        }
        let content = Content {
            pages,
            matrices: self.site.matrices.clone(),
            assets: self.site.assets.clone(),
        };
        let reuse = Mutex::new(reuse);
        let take = |p: &content::Page| {
            reuse
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&p.id)
        };
        let (mut site, problems) = site::resolve_reusing(self.site.config.clone(), content, &take);
        site.history = std::mem::take(&mut self.site.history);
        site.history.refresh(root, rels);
        self.site = site;
        self.site_problems = problems;
    }

    /// Load the theme again after a template or static file changed.
    pub fn reload_theme(&mut self, root: &Path) {
        self.theme_problems.clear();
        self.theme = match Theme::load(root, &self.site.config) {
            Ok(t) => t,
            Err(ps) => {
                self.theme_problems = ps;
                Theme::default()
            }
        };
        self.renderer = match Renderer::new(&self.theme) {
            Ok(r) => Some(r),
            Err(ps) => {
                self.theme_problems.extend(ps);
                None
            }
        };
        self.assets = crate::output::assets::theme_assets(&self.theme).1;
    }
}

/// The content files copied as they are, read into memory. A file whose real path lies outside
/// the handbook folder (a symbolic link out) is not served.
pub fn read_copies(
    root: &Path,
    assets: &[(PathBuf, PathBuf)],
    problems: &mut Problems,
) -> Vec<(String, Bytes)> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::with_capacity(assets.len());
    for (rel, abs) in assets {
        let inside = abs
            .canonicalize()
            .is_ok_and(|real| real.starts_with(&real_root));
        if !inside {
            problems.push(Problem::warning(
                rel,
                "this file is a link to outside the handbook folder; the dev server does not serve it",
            ));
            continue;
        }
        match std::fs::read(abs) {
            Ok(bytes) => out.push((rel.to_string_lossy().replace('\\', "/"), Bytes::from(bytes))),
            Err(e) => problems.push(Problem::warning(rel, format!("cannot read the file: {e}"))),
        }
    }
    out
}
