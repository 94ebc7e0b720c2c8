//! The dev server's copy of the site and its rebuilds: a full load when the configuration or the
//! set of files changes; otherwise only what an edit touches, reusing the rendered Markdown of
//! every other page. Nothing is published while the sources have errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use super::affected::{self, Shape};
use super::state::Files;
use super::world::{self, World};
use crate::diagnostics::{Problem, Problems};
use crate::render::{self, OutputFile};

/// Output path → the sources it was made from.
pub type Sources = BTreeMap<String, Vec<PathBuf>>;

/// One changed source, sorted by what it needs rebuilt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `handbook.yaml`: everything.
    Config,
    /// A Markdown page, relative to the handbook folder.
    Page(PathBuf),
    /// A template, by name (`page.html`, `partials/nav.html`).
    Template(String),
    /// A static file of the theme, by name (`style.css`).
    Static(String),
    /// Anything else (data, images, new or removed files): a full load.
    Other,
}

/// A new version of the site, ready to swap in.
pub struct Published {
    pub files: Arc<Files>,
    /// Output paths whose bytes changed, appeared or disappeared.
    pub changed: Vec<String>,
    /// Whether every page was rebuilt.
    pub all: bool,
    /// Whether the pages' content changed (the search index must follow); false when only views
    /// or stylesheets were published.
    pub content: bool,
    /// Set when only stylesheets changed: their (old, new) published paths.
    pub css: Option<Vec<(String, String)>>,
    pub warnings: Problems,
    pub elapsed: Duration,
    /// Time spent in each stage, for the terminal line.
    pub stages: Vec<(&'static str, Duration)>,
}

/// What a rebuild came to.
pub enum Outcome {
    Published(Published),
    Failed(Problems),
}

/// Changes not yet published.
#[derive(Default)]
struct Dirty {
    full: bool,
    /// Edited pages by id, with their shape in the published site.
    pages: BTreeMap<String, Shape>,
    templates: BTreeSet<String>,
    statics: BTreeSet<String>,
    /// Views that page edits touched, left for a round of their own (see [`Rebuilder::pending`]).
    views: bool,
}

/// The site as the dev server holds it.
pub struct Rebuilder {
    root: PathBuf,
    out: PathBuf,
    world: Option<World>,
    dirty: Dirty,
    files: Arc<Files>,
    /// Output path → the sources it was made from, for the manifest.
    sources: Arc<Sources>,
    stages: Vec<(&'static str, Duration)>,
}

impl Rebuilder {
    pub fn new(root: PathBuf, out: PathBuf) -> Rebuilder {
        Rebuilder {
            root,
            out,
            world: None,
            dirty: Dirty {
                full: true,
                ..Dirty::default()
            },
            files: Arc::new(Files::new()),
            sources: Arc::new(Sources::new()),
            stages: Vec::new(),
        }
    }

    /// The handbook folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Forget the loaded site (after a rebuild panicked half-way): the next [`Rebuilder::apply`]
    /// loads everything again. The published files stay, to compare the next version with.
    pub(super) fn reset(&mut self) {
        self.world = None;
        self.stages.clear();
        self.dirty = Dirty {
            full: true,
            ..Dirty::default()
        };
    }

    /// The published site's `base_url`, once loaded.
    pub fn base_url(&self) -> Option<&str> {
        self.world.as_ref().map(|w| w.site.config.base_url.as_str())
    }

    pub fn world(&self) -> Option<&World> {
        self.world.as_ref()
    }

    /// Output path → sources of the published site.
    pub fn sources(&self) -> Arc<Sources> {
        Arc::clone(&self.sources)
    }

    /// Whether published pages are waiting for the views that list them: the edited pages go out
    /// first (the editor sees the page at once), the views (large lists at many pages) in a
    /// round of their own, `apply(&[])`, once no newer edit came for a moment.
    pub fn pending(&self) -> bool {
        self.dirty.views
    }

    /// Take `changes` into account and rebuild what they touch.
    pub fn apply(&mut self, changes: &[Change]) -> Outcome {
        let start = Instant::now();
        self.stages.clear();
        let mut edited = Vec::new();
        for c in changes {
            match c {
                Change::Config | Change::Other => self.dirty.full = true,
                Change::Template(n) => _ = self.dirty.templates.insert(n.clone()),
                Change::Static(n) => _ = self.dirty.statics.insert(n.clone()),
                Change::Page(rel) => match self.page_index(rel) {
                    Some(i) => edited.push((i, rel.clone())),
                    None => self.dirty.full = true,
                },
            }
        }
        if self.dirty.full || self.world.is_none() {
            return self.full(start);
        }
        let Some(mut w) = self.world.take() else {
            return self.full(start);
        };
        for (i, _) in &edited {
            let id = w.site.pages[*i].page.id.clone();
            if let std::collections::btree_map::Entry::Vacant(e) = self.dirty.pages.entry(id) {
                e.insert(affected::shape(&w.site, *i));
            }
        }
        if !edited.is_empty() {
            let rels: Vec<PathBuf> = edited.into_iter().map(|(_, r)| r).collect();
            w.reparse(&self.root, &rels);
            self.stages.push(("resolve", start.elapsed()));
        }
        let theme_changed = changes
            .iter()
            .any(|c| matches!(c, Change::Template(_) | Change::Static(_)));
        if theme_changed {
            w.reload_theme(&self.root);
        }
        let outcome = self.render_dirty(&mut w, start);
        self.world = Some(w);
        outcome
    }

    fn page_index(&self, rel: &Path) -> Option<usize> {
        let w = self.world.as_ref()?;
        if !self.root.join(rel).is_file() {
            return None;
        }
        w.site
            .pages
            .iter()
            .position(|p| !p.implicit && p.page.source == rel)
    }

    /// Load everything again and render every file.
    fn full(&mut self, start: Instant) -> Outcome {
        self.dirty.full = true;
        let w = match World::load(&self.root, &self.out) {
            Ok(w) => w,
            Err(ps) => return Outcome::Failed(ps),
        };
        let mut problems = w.problems();
        let Some(renderer) = w.renderer.as_ref().filter(|_| !problems.has_errors()) else {
            self.world = Some(w);
            return Outcome::Failed(problems);
        };
        let (files, render_problems) = crate::build::render_all(&w.site, &w.theme, renderer);
        problems.extend(render_problems.0);
        problems.sort();
        if problems.has_errors() {
            self.world = Some(w);
            return Outcome::Failed(problems);
        }
        let mut map = Files::with_capacity(files.len());
        let mut sources = BTreeMap::new();
        for f in files {
            sources.insert(f.path.clone(), f.sources);
            map.insert(f.path, Bytes::from(f.bytes));
        }
        for (rel, bytes) in world::read_copies(&self.root, &w.site.assets, &mut problems) {
            sources.insert(rel.clone(), vec![PathBuf::from(&rel)]);
            map.insert(rel, bytes);
        }
        let mut changed: Vec<String> = map
            .iter()
            .filter(|(k, v)| self.files.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        changed.extend(self.files.keys().filter(|k| !map.contains_key(*k)).cloned());
        changed.sort();
        self.files = Arc::new(map);
        self.sources = Arc::new(sources);
        self.world = Some(w);
        self.dirty = Dirty::default();
        Outcome::Published(Published {
            files: Arc::clone(&self.files),
            changed,
            all: true,
            content: true,
            css: None,
            warnings: problems,
            elapsed: start.elapsed(),
            stages: std::mem::take(&mut self.stages),
        })
    }

    /// Render what the dirty changes touch and publish it, unless there are errors.
    fn render_dirty(&mut self, w: &mut World, start: Instant) -> Outcome {
        let mut problems = w.problems();
        let Some(renderer) = w.renderer.as_ref().filter(|_| !problems.has_errors()) else {
            return Outcome::Failed(problems);
        };
        let (asset_files, urls) = crate::output::assets::theme_assets(&w.theme);
        let old_assets: BTreeMap<String, String> = w.published_assets.0.clone();
        let assets_moved = urls.0 != old_assets;
        let mut pages = affected::pages_touched(
            &w.site,
            self.dirty.pages.iter().map(|(id, s)| (id.as_str(), s)),
        );
        let mut all = pages.len() == w.site.pages.len();
        if !self.dirty.templates.is_empty() {
            match affected::pages_using(&w.site, &w.theme, renderer, &self.dirty.templates) {
                Some(set) => pages.extend(set),
                None => all = true,
            }
        }
        if assets_moved {
            all = true;
        }
        let indexes: Vec<usize> = if all {
            (0..w.site.pages.len()).collect()
        } else {
            pages.into_iter().collect()
        };
        let frame = render::Frame::new(&w.site, &urls, renderer);
        let results: Vec<Result<OutputFile, Box<Problem>>> = indexes
            .par_iter()
            .map(|&i| render::render_page(&frame, i).map_err(Box::new))
            .collect();
        let mut outputs = Vec::with_capacity(results.len() + 8);
        for r in results {
            match r {
                Ok(f) => outputs.push(f),
                Err(p) => problems.push(*p),
            }
        }
        for page in [
            render::render_404(&frame),
            render::render_search_page(&frame),
        ] {
            match page {
                Ok(f) => outputs.push(f),
                Err(p) => problems.push(p),
            }
        }
        self.stages.push(("pages", start.elapsed()));
        let by_edits = self
            .dirty
            .pages
            .iter()
            .any(|(id, before)| affected::touches_views(&w.site, id, before));
        let defer_views = by_edits && !all && self.dirty.templates.is_empty();
        let views_touched = all || !self.dirty.templates.is_empty() || self.dirty.views || by_edits;
        let content = !self.dirty.pages.is_empty() || all || !self.dirty.templates.is_empty();
        if views_touched && !defer_views {
            let (views, view_problems) = crate::views::render(&frame);
            self.stages.push(("views", start.elapsed()));
            outputs.extend(views);
            problems.extend(view_problems);
            // Typesets only the profiles whose sources changed (the others come from a cache).
            let (pdfs, pdf_problems) = crate::pdf::site_files(&w.site);
            outputs.extend(pdfs);
            problems.extend(pdf_problems);
        }
        outputs.push(crate::output::sitemap::sitemap(&w.site));
        problems.sort();
        if problems.has_errors() {
            return Outcome::Failed(problems);
        }
        let css = self.css_swaps(&old_assets, &urls.0, assets_moved);
        let removed: Vec<String> = old_assets
            .values()
            .filter(|p| !urls.0.values().any(|n| n == *p))
            .cloned()
            .collect();
        outputs.extend(asset_files);
        let mut map: Files = (*self.files).clone();
        let mut changed = Vec::new();
        for r in &removed {
            map.remove(r);
            Arc::make_mut(&mut self.sources).remove(r);
            changed.push(r.clone());
        }
        for f in outputs {
            if map.get(&f.path).is_none_or(|b| b[..] != f.bytes[..]) {
                changed.push(f.path.clone());
            }
            Arc::make_mut(&mut self.sources).insert(f.path.clone(), f.sources);
            map.insert(f.path, Bytes::from(f.bytes));
        }
        changed.sort();
        self.files = Arc::new(map);
        self.dirty = Dirty {
            views: defer_views,
            ..Dirty::default()
        };
        w.published_assets = urls;
        Outcome::Published(Published {
            files: Arc::clone(&self.files),
            changed,
            all,
            content,
            css,
            warnings: problems,
            elapsed: start.elapsed(),
            stages: std::mem::take(&mut self.stages),
        })
    }

    /// When only stylesheets changed: the (old, new) paths of each one that moved.
    fn css_swaps(
        &self,
        old: &BTreeMap<String, String>,
        new: &BTreeMap<String, String>,
        moved: bool,
    ) -> Option<Vec<(String, String)>> {
        let d = &self.dirty;
        let only_css = d.pages.is_empty()
            && d.templates.is_empty()
            && !d.statics.is_empty()
            && d.statics.iter().all(|s| s.ends_with(".css"));
        if !only_css || !moved {
            return None;
        }
        let swaps: Vec<(String, String)> = new
            .iter()
            .filter_map(|(name, url)| {
                let before = old.get(name)?;
                (before != url).then(|| (before.clone(), url.clone()))
            })
            .collect();
        let others_moved = new
            .iter()
            .any(|(n, u)| !n.ends_with(".css") && old.get(n) != Some(u));
        (!others_moved).then_some(swaps)
    }
}
