//! The dev server's copy of the site and its rebuilds: a full load when the configuration or the
//! set of files changes; otherwise only what an edit touches, reusing the rendered Markdown of
//! every other page: the changes are sorted into [`Dirty`], [`plan::plan`] decides the work and
//! this module does it. Nothing is published while the sources have errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use super::affected;
use super::plan::{self, Dirty, RebuildPlan, ViewsWork};
use super::state::Files;
use super::world::{self, World};
use crate::diagnostics::{Problem, Problems};
use crate::output::OutputFile;
use crate::render;

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
            dirty: Dirty::everything(),
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
        self.dirty = Dirty::everything();
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
        let outcome = self.publish_dirty(&mut w, start);
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

    /// Plan the work the dirty changes need, do it and publish the result, unless there are
    /// errors.
    fn publish_dirty(&mut self, w: &mut World, start: Instant) -> Outcome {
        let mut problems = w.problems();
        let Some(renderer) = w.renderer.as_ref().filter(|_| !problems.has_errors()) else {
            return Outcome::Failed(problems);
        };
        let plan = plan::plan(&self.dirty, w);
        let (asset_files, urls) = crate::output::assets::theme_assets(&w.theme);
        let views = crate::views::plan(&w.site);
        let frame = render::Frame::new(&w.site, &views, &urls, renderer);
        let mut outputs = self.render(&frame, &plan, &mut problems, start);
        problems.sort();
        if problems.has_errors() {
            return Outcome::Failed(problems);
        }
        outputs.extend(asset_files);
        let changed = self.take_in(outputs, &plan.removed_assets);
        self.dirty = Dirty {
            views: plan.views == ViewsWork::Later,
            ..Dirty::default()
        };
        w.published_assets = urls;
        Outcome::Published(Published {
            files: Arc::clone(&self.files),
            changed,
            all: plan.all,
            content: plan.content,
            css: plan.css,
            warnings: problems,
            elapsed: start.elapsed(),
            stages: std::mem::take(&mut self.stages),
        })
    }

    /// Render what `plan` asks for: its pages, the site-wide files and the views when due.
    fn render(
        &mut self,
        frame: &render::Frame,
        plan: &RebuildPlan,
        problems: &mut Problems,
        start: Instant,
    ) -> Vec<OutputFile> {
        let results: Vec<Result<OutputFile, Box<Problem>>> = plan
            .pages
            .par_iter()
            .map(|&i| render::render_page(frame, i).map_err(Box::new))
            .collect();
        let mut outputs = Vec::with_capacity(results.len() + 8);
        for r in results {
            match r {
                Ok(f) => outputs.push(f),
                Err(p) => problems.push(*p),
            }
        }
        let (site_wide, site_wide_problems) = crate::build::render_site_wide(frame);
        outputs.extend(site_wide);
        problems.extend(site_wide_problems);
        self.stages.push(("pages", start.elapsed()));
        if plan.views == ViewsWork::Now {
            let (views, view_problems) = render::views::render(frame);
            self.stages.push(("views", start.elapsed()));
            outputs.extend(views);
            problems.extend(view_problems);
            // Typesets only the profiles whose sources changed (the others come from a cache).
            let (pdfs, pdf_problems) = crate::pdf::site_files(frame.site());
            outputs.extend(pdfs);
            problems.extend(pdf_problems);
        }
        outputs
    }

    /// Put `outputs` in the published files and drop the `removed` ones: the paths that changed.
    fn take_in(&mut self, outputs: Vec<OutputFile>, removed: &[String]) -> Vec<String> {
        let mut map: Files = (*self.files).clone();
        let mut changed = Vec::new();
        for r in removed {
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
        changed
    }
}
