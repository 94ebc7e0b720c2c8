//! Links from a handbook page to the views about it (`page.views` in the template context).

use super::familie::families;
use super::{level_info, level_slug};
use crate::content::Kind;
use crate::render::Linker;
use crate::render::context::LinkCtx;
use crate::site::Site;

/// The views to show on page `i`: the profiles, comparison and matrices on a familie's page,
/// the overview on the section of the dilemmas and of the expertise areas.
pub fn links_for(site: &Site, i: usize, linker: &Linker) -> Vec<LinkCtx> {
    let p = &site.pages[i].page;
    let link = |title: String, url: String| LinkCtx {
        title,
        url: linker.link(&url),
    };
    let mut out = Vec::new();
    if !p.is_section {
        return Vec::new();
    }
    if p.familie.is_some()
        && let Some(f) = families(site).into_iter().find(|f| f.page == i)
    {
        out.push(link(
            "Alle functieprofielen".into(),
            format!("{}niveau/", p.url),
        ));
        for level in site.config.level_ids() {
            let name = level_info(site, &level).name;
            out.push(link(
                format!("Functieprofiel {name}"),
                format!("{}niveau/{}/", p.url, level_slug(&level)),
            ));
        }
        if site.config.levels.len() >= 2 {
            out.push(link(
                "Twee niveaus vergelijken".into(),
                super::compare::chooser_url(site, &f),
            ));
        }
        out.push(link(
            "Matrices per niveau".into(),
            super::matrix::matrix_url(site, &f),
        ));
        out.push(link(
            "Wijzigingen".into(),
            super::wijzigingen::url(site, &f),
        ));
    }
    // An overview sits on a collection, a top-level section: only those look for its kind.
    if site.pages[i].parent != Some(site.home()) {
        return out;
    }
    for (kind, title) in [
        (Kind::Dilemma, "Overzicht van de dilemma's, te filteren"),
        (Kind::Expertisegebied, "Overzicht van de expertisegebieden"),
    ] {
        let first = site.of_kind(kind).next();
        if first.is_some_and(|j| site.pages[j].page.collection == p.id) {
            out.push(link(title.into(), format!("{}overzicht/", p.url)));
        }
    }
    out
}
