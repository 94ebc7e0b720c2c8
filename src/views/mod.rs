//! Views: pages made from the whole site (functieprofielen, comparisons, matrices, lists).
//! [`plan`] decides which exist and where; each module here makes the data of one kind as
//! documented `Serialize` structs; `render::views` draws them. Nothing here renders a template.

mod compare;
mod familie;
mod html;
mod listing;
mod matrix;
mod overview;
mod plan;
mod profile;
pub mod search;
mod wijzigingen;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Problem;
use crate::site::Site;

pub use familie::Familie;
pub use plan::{FamilieViews, Overview, Planned, PlannedLink, Views, level_url, plan, role_url};
pub use {familie::families, html::dutch_date, profile::expertise_at};

/// The URL of the profile of `level` in familie `f`, as the plan makes it.
pub fn profile_url(site: &Site, f: &Familie<'_>, level: &str) -> String {
    plan::profile_url(f.url(site), level)
}

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

    /// The data of a view from its context struct (kept as JSON: the search index reads it).
    pub fn of(ctx: &impl Serialize) -> Data<'a> {
        Data::Ready(serde_json::to_value(ctx).unwrap_or(serde_json::Value::Null))
    }
}

/// A file a view needs beside its page (the print stylesheet of a functieprofiel).
pub struct Extra {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// `{title, url}`: a link to a page, relative to the view.
#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

/// Every generated page of the site in the order of `plan`, and the files beside them.
pub fn all_views<'a>(site: &'a Site, plan: &'a Views<'a>) -> (Vec<View<'a>>, Vec<Extra>) {
    let mut views = Vec::new();
    let mut extras = Vec::new();
    let (per_familie, lists) = rayon::join(
        || {
            plan.families
                .par_iter()
                .map(|f| {
                    let (mut views, css) = profile::views(site, f);
                    views.extend(compare::views(site, f));
                    views.extend(matrix::views(site, f));
                    views.extend(wijzigingen::views(site, &f.familie));
                    (views, css)
                })
                .collect::<Vec<_>>()
        },
        || listing::views(site, plan),
    );
    for (v, css) in per_familie {
        views.extend(v);
        extras.extend(css);
    }
    views.extend(lists);
    (views, extras)
}

/// A page of the handbook whose URL a view also needs is an error on that page.
pub fn clashes(site: &Site, views: &[View]) -> Vec<Problem> {
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
