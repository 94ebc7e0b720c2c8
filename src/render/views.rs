//! Draw the generated pages: the views of the run's plan ([`crate::views`] makes their data),
//! each through its template with the shared frame, in parallel.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{self, LinkCtx, Linker};
use super::{Frame, output_path};
use crate::config::BronDef;
use crate::diagnostics::Problem;
use crate::output::OutputFile;
use crate::views::{self, Data, View};

/// `page` of a view's template context.
#[derive(Serialize)]
struct ViewPageCtx<'a> {
    title: &'a str,
    samenvatting: Option<&'a str>,
    url: String,
    kind: &'static str,
    template: &'static str,
    breadcrumbs: Vec<LinkCtx>,
    /// The sources named by the pages the view shows (see [`View::sources`]).
    bronnen: Vec<&'a BronDef>,
}

/// Render every view page of the frame's plan, and the files beside them.
pub fn render(frame: &Frame) -> (Vec<OutputFile>, Vec<Problem>) {
    let site = frame.site();
    let (views, extras) = views::all_views(site, frame.views());
    let mut problems = views::clashes(site, &views);
    let by_source: HashMap<&Path, usize> = site
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

fn render_view(
    frame: &Frame,
    v: &View,
    by_source: &HashMap<&Path, usize>,
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
            .map(|(title, url)| LinkCtx {
                title: title.clone(),
                url: linker.link(url),
            })
            .collect(),
        bronnen: context::bronnen(&site.config, named),
    };
    ctx.insert("page", &page);
    ctx.insert("gewijzigd", &site.history.of(&v.sources).map(|l| l.ctx()));
    match &v.data {
        Data::Ready(data) => ctx.insert("view", data),
        Data::Later(make) => ctx.insert_value("view", make()),
    }
    let html = frame
        .renderer()
        .render(v.template, &ctx)
        .map_err(Box::new)?;
    Ok(OutputFile {
        path: output_path(&v.url),
        bytes: html.into_bytes(),
        sources: v.sources.clone(),
    })
}
