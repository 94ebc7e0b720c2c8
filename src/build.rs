//! The whole pipeline for one run: load → parse → resolve → validate → render → index → write.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::content;
use crate::diagnostics::{Problem, Problems, timing};
use crate::output::{self, OutputError, OutputFile};
use crate::progress::Progress;
use crate::render::{self, AssetUrls, Frame, Renderer, Theme};
use crate::site::{self, Site};
use crate::views::Views;

/// Where to read and write, and what to override from `handbook.yaml`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    /// Whether to write the search indexes (tantivy and static).
    pub search: bool,
}

/// A handbook loaded, resolved and validated, ready to render.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub renderer: Option<Renderer>,
    /// Every problem found; errors among them mean the site must not be written.
    pub problems: Problems,
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Problems,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the handbook has errors")]
    Content(Problems),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Load and validate the handbook at `root`; `exclude` lists folders that are not content.
pub fn load(root: &Path, base_url: Option<&str>, exclude: &[PathBuf]) -> Result<Loaded, Problems> {
    if !root.is_dir() {
        return Err(Problems(vec![Problem::error(
            root,
            "this handbook folder does not exist",
        )]));
    }
    let has_config = root.join(config::CONFIG_FILE).is_file();
    let (mut cfg, config_warnings) = Config::load_with_warnings(root).map_err(Problems)?;
    if let Some(url) = base_url {
        cfg.base_url = config::normalize_base_url(url);
    }
    let mut problems = Problems::default();
    problems.extend(config_warnings);
    let theme = match Theme::load(root, &cfg) {
        Ok(t) => t,
        Err(ps) => {
            problems.extend(ps);
            Theme::default()
        }
    };
    let t = Instant::now();
    let (content, content_problems) = content::read(root, &cfg, has_config, exclude);
    timing("load and parse", t);
    problems.extend(content_problems);
    let t = Instant::now();
    let (site, site_problems) = site::resolve(cfg, content);
    timing("resolve and render Markdown", t);
    problems.extend(site_problems);
    let renderer = match Renderer::new(&theme) {
        Ok(r) => Some(r),
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    problems.sort();
    Ok(Loaded {
        site,
        theme,
        renderer,
        problems,
    })
}

/// Render every output file of a loaded site (static files, pages, views, 404, sitemap) and hand
/// each to `emit` as soon as it is made, in parallel, so a build never holds the whole site in memory.
pub fn render_each<E>(
    site: &Site,
    views: &Views,
    theme: &Theme,
    renderer: &Renderer,
    emit: E,
) -> Problems
where
    E: Fn(OutputFile) -> Result<(), Problem> + Sync,
{
    render_each_with(site, views, theme, renderer, &Progress::hidden(), emit)
}

/// [`render_each`], counting the pages on `progress`.
pub fn render_each_with<E>(
    site: &Site,
    views: &Views,
    theme: &Theme,
    renderer: &Renderer,
    progress: &Progress,
    emit: E,
) -> Problems
where
    E: Fn(OutputFile) -> Result<(), Problem> + Sync,
{
    progress.stage("rendering", site.pages.len());
    let (statics, urls): (Vec<OutputFile>, AssetUrls) = output::assets::theme_assets(theme);
    let frame = Frame::new(site, views, &urls, renderer);
    let mut problems = Problems::default();
    // Views read the whole site and are few but large: made beside the pages, not after them.
    let (pages, (view_files, view_problems)) = rayon::join(
        || {
            (0..site.pages.len())
                .into_par_iter()
                .flat_map_iter(|i| {
                    progress.inc();
                    let more = render::folder_index::render_more(&frame, i);
                    std::iter::once(render::render_page(&frame, i))
                        .chain(more)
                        .filter_map(|f| f.and_then(&emit).err())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<Problem>>()
        },
        || render::views::render(&frame),
    );
    problems.extend(pages);
    problems.extend(view_problems);
    let mut rest = statics;
    rest.extend(view_files);
    let (site_wide, site_wide_problems) = render_site_wide(&frame);
    rest.extend(site_wide);
    problems.extend(site_wide_problems);
    problems.extend(
        rest.into_par_iter()
            .filter_map(|f| emit(f).err())
            .collect::<Vec<_>>(),
    );
    problems.sort();
    problems
}

/// The files made once for the whole site, beside the pages and the views: the 404 page, the
/// search page and the sitemap. The one list of them, for the build and the dev server alike.
pub fn render_site_wide(frame: &Frame) -> (Vec<OutputFile>, Vec<Problem>) {
    let mut files = Vec::with_capacity(3);
    let mut problems = Vec::new();
    for page in [render::render_404(frame), render::render_search_page(frame)] {
        match page {
            Ok(f) => files.push(f),
            Err(p) => problems.push(p),
        }
    }
    files.push(output::sitemap::sitemap(frame.site(), frame.views()));
    (files, problems)
}

/// Every output file in memory, sorted by path (for `serve` and `check`).
pub fn render_all(site: &Site, theme: &Theme, renderer: &Renderer) -> (Vec<OutputFile>, Problems) {
    render_all_with(site, theme, renderer, &Progress::hidden())
}

/// [`render_all`], counting the pages on `progress`.
pub fn render_all_with(
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    progress: &Progress,
) -> (Vec<OutputFile>, Problems) {
    let files = Mutex::new(Vec::new());
    let views = crate::views::plan(site);
    let (mut problems, (pdfs, pdf_problems)) = rayon::join(
        || {
            render_each_with(site, &views, theme, renderer, progress, |f| {
                files
                    .lock()
                    .map_err(|_| Problem::error(&f.path, "internal error: poisoned lock"))?
                    .push(f);
                Ok(())
            })
        },
        || crate::pdf::site_files(site),
    );
    problems.extend(pdf_problems);
    problems.sort();
    let mut files = files.into_inner().unwrap_or_default();
    files.extend(pdfs);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, problems)
}

/// Build the handbook into the output folder, replacing it only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with(opts, false, &Progress::hidden())
}

/// [`build`], showing its stages on `progress`; with `strict`, warnings (a plain folder's
/// broken links) stop it as errors do.
pub fn build_with(
    opts: &BuildOptions,
    strict: bool,
    progress: &Progress,
) -> Result<BuildReport, BuildError> {
    let fails = |p: &Problems| p.has_errors() || (strict && p.warnings() > 0);
    let start = Instant::now();
    progress.stage("reading", 0);
    // Held until the build returns: one build at a time writes this output folder.
    let target = output::Target::open(&opts.out)?;
    let out = target.path();
    // The history is read beside the handbook: the walk shares no work with loading it.
    let ((history, history_problem), loaded) = rayon::join(
        || {
            let t = Instant::now();
            let h = crate::history::History::read(&opts.root, Some(&out.join(output::META_DIR)));
            timing("git history", t);
            h
        },
        || {
            load(
                &opts.root,
                opts.base_url.as_deref(),
                &[opts.out.clone(), out.to_path_buf()],
            )
        },
    );
    let loaded = loaded.map_err(BuildError::Content)?;
    let Loaded {
        mut site,
        theme,
        renderer,
        mut problems,
    } = loaded;
    let renderer = match renderer {
        Some(r) if !fails(&problems) => r,
        _ => return Err(BuildError::Content(problems)),
    };
    site.history = history;
    problems.extend(history_problem);
    // The PDFs of the functieprofielen are made from the Markdown, which the next line frees.
    let pdf_jobs = crate::pdf::jobs(&site, None, None).unwrap_or_default();
    site.release_sources(opts.search);
    let copies: Vec<(PathBuf, PathBuf)> = site.assets.clone();
    let staging = output::staging_dir(out)?;
    let written = Mutex::new(Vec::new());
    let t = Instant::now();
    // The plan of the generated pages, made once: rendering, the sitemap and search read it.
    let views = crate::views::plan(&site);
    let emit = |f: OutputFile| {
        output::write_file(&staging, &f).map_err(|e| Problem::error(&f.path, e.to_string()))?;
        let entry = output::ManifestEntry::of(&f);
        written
            .lock()
            .map_err(|_| Problem::error(&f.path, "internal error: poisoned lock"))?
            .push(entry);
        Ok(())
    };
    let (render_problems, (pdfs, pdf_problems)) = rayon::join(
        || render_each_with(&site, &views, &theme, &renderer, progress, emit),
        || crate::pdf::typeset_all(&pdf_jobs),
    );
    timing("render templates and write", t);
    problems.extend(render_problems.0);
    problems.extend(pdf_problems);
    problems.extend(pdfs.into_iter().filter_map(|f| emit(f).err()));
    problems.sort();
    if fails(&problems) {
        output::discard(&staging);
        return Err(BuildError::Content(problems));
    }
    let mut written = written.into_inner().unwrap_or_default();
    let t = Instant::now();
    let sections = opts
        .search
        .then(|| crate::search::from_site::sections_with(&site, &views));
    drop(views);
    if let Some(sections) = sections {
        progress.stage("search index", 0);
        // Every page is written and its search text taken: the search stage reuses the HTML's memory.
        site.release_html();
        let settings = crate::search::from_site::settings(&site.config);
        let gate = output::interrupt::hold();
        let indexed = crate::search::write_static_index(&sections, &settings, &staging.dir);
        drop(gate);
        match indexed {
            Ok(report) => written.extend(
                report
                    .files
                    .iter()
                    .filter(|f| !f.starts_with(output::META_DIR))
                    .map(|f| output::ManifestEntry {
                        path: f.to_string_lossy().replace('\\', "/"),
                        sources: Vec::new(),
                    }),
            ),
            Err(e) => {
                output::discard(&staging);
                return Err(BuildError::Output(OutputError::Search(e.to_string())));
            }
        }
        timing("search indexes", t);
    }
    site.history.save(&staging.dir.join(output::META_DIR));
    progress.stage("writing", 0);
    let files = written.len() + copies.len();
    let result = (|| {
        output::copy_files(&staging, &copies)?;
        output::seal(&staging, written, &copies)?;
        let t = Instant::now();
        let swapped = output::swap_in(&staging, out);
        timing("swap in", t);
        swapped
    })();
    if result.is_err() {
        output::discard(&staging);
    }
    result?;
    let report = BuildReport {
        pages: site.pages.len(),
        files,
        elapsed: start.elapsed(),
        warnings: problems,
    };
    // Freeing every page one by one takes tens of milliseconds at 10,000 pages; the command
    // need not wait for it (a process that ends right after does not, a longer one still frees).
    std::thread::spawn(move || drop(site));
    Ok(report)
}
