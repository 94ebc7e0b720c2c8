//! A functiefamilie gathered from the site: its page, result areas, matrix and functie-eisen.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use super::html;
use crate::content::{Kind, Matrix};
use crate::site::Site;
use crate::url_path::Linker;

/// One functiefamilie and the pages that make up its profiles.
pub struct Familie<'a> {
    /// The familie's folder name (`wijkcoach`).
    pub id: String,
    /// Its section page (`functiefamilie/<id>/_index.md`, or the implicit folder section).
    pub page: usize,
    /// Result areas, by number.
    pub areas: Vec<usize>,
    pub eisen: Option<usize>,
    pub matrix: Option<&'a Matrix>,
}

/// A result area as the views show it.
#[derive(Serialize)]
pub struct AreaCtx {
    pub nummer: u32,
    pub title: String,
    pub url: String,
    pub resultaat: Option<String>,
    /// The activities (the page body), with links made relative to the view.
    pub body: String,
    pub levels: Vec<String>,
    /// The lowest level the area applies to.
    pub vanaf: String,
}

impl Familie<'_> {
    pub fn url<'s>(&self, site: &'s Site) -> &'s str {
        &site.pages[self.page].page.url
    }

    pub fn title<'s>(&self, site: &'s Site) -> &'s str {
        &site.pages[self.page].page.title
    }

    /// Breadcrumbs of a view under this familie: the familie's own, then the familie.
    pub fn breadcrumbs(&self, site: &Site) -> Vec<(String, String)> {
        let mut b: Vec<(String, String)> = site
            .ancestors(self.page)
            .into_iter()
            .map(|j| {
                (
                    site.pages[j].page.title.clone(),
                    site.pages[j].page.url.clone(),
                )
            })
            .collect();
        b.push((self.title(site).to_string(), self.url(site).to_string()));
        b
    }

    /// The result areas that apply at `level`, by number.
    pub fn areas_at<'s>(
        &'s self,
        site: &'s Site,
        level: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        self.areas
            .iter()
            .copied()
            .filter(move |&i| site.pages[i].page.levels.iter().any(|l| l == level))
    }

    pub fn area_ctx(&self, site: &Site, i: usize, linker: &Linker) -> AreaCtx {
        let sp = &site.pages[i];
        let p = &sp.page;
        AreaCtx {
            nummer: p.meta.nummer.unwrap_or(0),
            title: p.title.clone(),
            url: linker.link(&p.url),
            resultaat: p.meta.resultaat.clone(),
            body: html::rebase(&sp.rendered.html, &p.url, &linker.root),
            levels: p.levels.clone(),
            vanaf: p.levels.first().cloned().unwrap_or_default(),
        }
    }

    /// The sources every view of this familie is made from.
    pub fn sources(&self, site: &Site) -> Vec<PathBuf> {
        let mut s: Vec<PathBuf> = std::iter::once(self.page)
            .chain(self.areas.iter().copied())
            .chain(self.eisen)
            .filter(|&i| !site.pages[i].implicit)
            .map(|i| site.pages[i].page.source.clone())
            .collect();
        s.extend(self.matrix.map(|m| m.source.clone()));
        s.sort();
        s
    }
}

/// Every functiefamilie of the site, by id: any folder under `functiefamilie/` with a family
/// page, result areas or a knowledge-and-experience matrix.
pub fn families(site: &Site) -> Vec<Familie<'_>> {
    let mut ids: BTreeSet<String> = site.matrices.keys().cloned().collect();
    for sp in &site.pages {
        if let (Some(f), Kind::Familie | Kind::Resultaatgebied | Kind::FunctieEisen) =
            (&sp.page.familie, sp.page.kind)
        {
            ids.insert(f.clone());
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let page = site.by_id.get(&format!("functiefamilie/{id}")).copied()?;
            let of_familie = |kind: Kind| {
                site.of_kind(kind)
                    .filter(|&i| site.pages[i].page.familie.as_deref() == Some(id.as_str()))
                    .collect::<Vec<_>>()
            };
            let mut areas = of_familie(Kind::Resultaatgebied);
            areas.sort_by_key(|&i| {
                (
                    site.pages[i].page.meta.nummer.unwrap_or(0),
                    site.pages[i].page.id.clone(),
                )
            });
            let eisen = of_familie(Kind::FunctieEisen).first().copied();
            Some(Familie {
                matrix: site.matrices.get(&id),
                id,
                page,
                areas,
                eisen,
            })
        })
        .collect()
}
