//! Views: pages made from the whole site (functieprofielen, comparisons, matrices, lists).

mod compare;
mod familie;
mod html;
mod links;
mod listing;
mod matrix;
mod overview;
mod profile;
pub mod search;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Problem;
use crate::render::{self, Frame, Linker, OutputFile};
use crate::site::Site;

pub use familie::Familie;
pub use links::links_for;
pub use {familie::families, html::dutch_date, profile::profile_url};

/// One generated page: where it goes, which template draws it and the data it gets as `view`.
pub struct View<'a> {
    /// URL relative to the site root, ending in `/`.
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub samenvatting: Option<String>,
    /// `(title, url relative to the site root)` from home to the parent.
    pub breadcrumbs: Vec<(String, String)>,
    pub data: Data<'a>,
    /// The pages it shows directly; empty for a view that reads the whole site.
    pub sources: Vec<PathBuf>,
}

/// The data of a view: made with the view, or only when its page is rendered (large lists, so
/// that no more of them are in memory at once than there are render threads).
pub enum Data<'a> {
    Ready(serde_json::Value),
    Later(Box<dyn Fn() -> tera::Value + Send + Sync + 'a>),
}

impl<'a> Data<'a> {
    pub fn later(make: impl Fn() -> tera::Value + Send + Sync + 'a) -> Data<'a> {
        Data::Later(Box::new(make))
    }
}

impl From<serde_json::Value> for Data<'_> {
    fn from(v: serde_json::Value) -> Self {
        Data::Ready(v)
    }
}

/// A file a view needs beside its page (the print stylesheet of a functieprofiel).
pub struct Extra {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct ViewPageCtx<'a> {
    title: &'a str,
    samenvatting: Option<&'a str>,
    url: String,
    kind: &'static str,
    template: &'static str,
    breadcrumbs: Vec<render::context::LinkCtx>,
    /// The sources named by the pages the view shows (see [`View::sources`]).
    bronnen: Vec<&'a crate::config::BronDef>,
}

/// Every generated page of the site, and the files beside them.
pub fn all_views(site: &Site) -> (Vec<View<'_>>, Vec<Extra>) {
    let mut views = Vec::new();
    let mut extras = Vec::new();
    let (per_familie, lists) = rayon::join(
        || {
            familie::families(site)
                .par_iter()
                .map(|f| {
                    let (mut views, css) = profile::views(site, f);
                    views.extend(compare::views(site, f));
                    views.extend(matrix::views(site, f));
                    (views, css)
                })
                .collect::<Vec<_>>()
        },
        || listing::views(site),
    );
    for (v, css) in per_familie {
        views.extend(v);
        extras.extend(css);
    }
    views.extend(lists);
    (views, extras)
}

/// Render every view page.
pub fn render(frame: &Frame) -> (Vec<OutputFile>, Vec<Problem>) {
    let site = frame.site();
    let (views, extras) = all_views(site);
    let mut problems = clashes(site, &views);
    let by_source: HashMap<&std::path::Path, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.page.source.as_path(), i))
        .collect();
    let results: Vec<Result<OutputFile, Box<Problem>>> = views
        .par_iter()
        .map(|v| render_view(frame, v, &by_source))
        .collect();
    let mut files: Vec<OutputFile> = extras
        .into_iter()
        .map(|e| OutputFile {
            path: e.path,
            bytes: e.bytes,
            sources: Vec::new(),
        })
        .collect();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(p) => problems.push(*p),
        }
    }
    (files, problems)
}

/// The URL of every generated page, relative to the site root (for the sitemap). Makes the
/// views without rendering them.
pub fn urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = familie::families(site)
        .par_iter()
        .map(|f| {
            let mut v: Vec<String> = profile::views(site, f)
                .0
                .into_iter()
                .map(|v| v.url)
                .collect();
            v.extend(compare::views(site, f).into_iter().map(|v| v.url));
            v.extend(matrix::views(site, f).into_iter().map(|v| v.url));
            v
        })
        .flatten()
        .collect();
    urls.extend(listing::views(site).into_iter().map(|v| v.url));
    urls
}

/// A page of the handbook whose URL a view also needs is an error on that page.
fn clashes(site: &Site, views: &[View]) -> Vec<Problem> {
    let taken: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.implicit)
        .map(|(i, p)| (p.page.url.as_str(), i))
        .collect();
    views
        .iter()
        .filter_map(|v| taken.get(v.url.as_str()).map(|&i| (v, i)))
        .map(|(v, i)| {
            Problem::error(
                &site.pages[i].page.source,
                format!(
                    "this page's URL /{} is needed for the generated page \"{}\"",
                    v.url, v.title
                ),
            )
            .with_help("rename or move the file; the generated views own this URL")
        })
        .collect()
}

fn render_view(
    frame: &Frame,
    v: &View,
    by_source: &HashMap<&std::path::Path, usize>,
) -> Result<OutputFile, Box<Problem>> {
    let site = frame.site();
    let linker = Linker::for_url(&v.url);
    let named = v
        .sources
        .iter()
        .filter_map(|s| by_source.get(s.as_path()))
        .flat_map(|&i| &site.pages[i].page.meta.bronnen);
    let mut ctx = frame.context(&linker, None, &v.url).map_err(Box::new)?;
    let page = ViewPageCtx {
        title: &v.title,
        samenvatting: v.samenvatting.as_deref(),
        url: linker.link(&v.url),
        kind: "view",
        template: v.template,
        breadcrumbs: v
            .breadcrumbs
            .iter()
            .map(|(title, url)| render::context::LinkCtx {
                title: title.clone(),
                url: linker.link(url),
            })
            .collect(),
        bronnen: render::context::bronnen(&site.config, named),
    };
    ctx.insert("page", &page);
    match &v.data {
        Data::Ready(data) => ctx.insert("view", data),
        Data::Later(make) => ctx.insert_value("view", make()),
    }
    let html = frame
        .renderer()
        .render(v.template, &ctx)
        .map_err(Box::new)?;
    Ok(OutputFile {
        path: render::output_path(&v.url),
        bytes: html.into_bytes(),
        sources: v.sources.clone(),
    })
}

/// The URL slug of a level id (`B` → `b`).
pub fn level_slug(id: &str) -> String {
    crate::slug::slugify(id)
}

/// `{id, slug, name, schaal, denkniveau, omschrijving, schaal_toelichting}` of one level, as views show it.
#[derive(Serialize, Clone)]
pub struct LevelInfo {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub schaal: Option<String>,
    pub denkniveau: Option<String>,
    pub omschrijving: Option<String>,
    pub schaal_toelichting: Option<String>,
}

pub fn level_info(site: &Site, id: &str) -> LevelInfo {
    let def = site.config.level(id);
    LevelInfo {
        id: id.to_string(),
        slug: level_slug(id),
        name: def.map_or_else(|| id.to_string(), |l| l.name.clone()),
        schaal: def.and_then(|l| l.schaal.clone()),
        denkniveau: def.and_then(|l| l.denkniveau.clone()),
        omschrijving: def.and_then(|l| l.omschrijving.clone()),
        schaal_toelichting: def.and_then(|l| l.schaal_toelichting.clone()),
    }
}
