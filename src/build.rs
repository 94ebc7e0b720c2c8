//! The whole pipeline for one run: load → parse → resolve → validate → render → index → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::content;
use crate::diagnostics::{Problem, Problems};
use crate::output::{self, OutputError};
use crate::render::{self, AssetUrls, OutputFile, Renderer, Theme};
use crate::site::{self, Site};

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
    let mut cfg = Config::load(root).map_err(Problems)?;
    if let Some(url) = base_url {
        cfg.base_url = config::normalize_base_url(url);
    }
    let mut problems = Problems::default();
    let theme = match Theme::load(root, cfg.theme.as_deref()) {
        Ok(t) => t,
        Err(ps) => {
            problems.extend(ps);
            Theme::default()
        }
    };
    let (content, content_problems) = content::read(root, &cfg, has_config, exclude);
    problems.extend(content_problems);
    let (site, site_problems) = site::resolve(cfg, content);
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

/// Render every output file of a loaded site (pages, views, 404, sitemap, static files).
pub fn render_all(site: &Site, theme: &Theme, renderer: &Renderer) -> (Vec<OutputFile>, Problems) {
    let (mut files, urls): (Vec<OutputFile>, AssetUrls) = output::assets::theme_assets(theme);
    let (pages, page_problems) = render::render_pages(site, renderer, &urls);
    let mut problems = Problems(page_problems);
    files.extend(pages);
    match render::render_404(site, renderer, &urls) {
        Ok(f) => files.push(f),
        Err(p) => problems.push(p),
    }
    let (views, view_problems) = crate::views::render(site, renderer, &urls);
    files.extend(views);
    problems.extend(view_problems);
    files.push(output::sitemap::sitemap(site));
    problems.sort();
    (files, problems)
}

/// Build the handbook into the output folder, replacing it only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    output::check_target(&opts.out)?;
    let loaded = load(
        &opts.root,
        opts.base_url.as_deref(),
        std::slice::from_ref(&opts.out),
    )
    .map_err(BuildError::Content)?;
    let Loaded {
        site,
        theme,
        renderer,
        mut problems,
    } = loaded;
    let renderer = match renderer {
        Some(r) if !problems.has_errors() => r,
        _ => return Err(BuildError::Content(problems)),
    };
    let (files, render_problems) = render_all(&site, &theme, &renderer);
    problems.extend(render_problems.0);
    problems.sort();
    if problems.has_errors() {
        return Err(BuildError::Content(problems));
    }
    let copies: Vec<(PathBuf, PathBuf)> = site.assets.clone();
    let staged = output::staging_dir(&opts.out)?;
    let result = (|| {
        output::write_files(&staged, &files, &copies)?;
        output::write_manifest(&staged, &files, &copies)?;
        output::swap_in(&staged, &opts.out)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    result?;
    Ok(BuildReport {
        pages: site.pages.len(),
        files: files.len() + copies.len(),
        elapsed: start.elapsed(),
        warnings: problems,
    })
}
