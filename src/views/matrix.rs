//! Matrices of a functiefamilie: result areas × levels and knowledge-and-experience × levels.

use serde::Serialize;

use super::profile::{ViewLink, profile_links};
use super::{Data, FamilieViews, LevelInfo, Link, View, level_info};
use crate::site::Site;
use crate::url_path::Linker;

/// `view` of `views/matrix.html`.
#[derive(Serialize)]
struct MatrixCtx<'a> {
    familie: Link<'a>,
    /// The column heads: each level and its profile.
    levels: Vec<LevelHead>,
    areas: Vec<AreaRow<'a>>,
    /// Per level, how many result areas apply.
    totals: Vec<usize>,
    kennis: Vec<KennisRow<'a>>,
    profiles: Vec<ViewLink>,
    compare_url: String,
}

#[derive(Serialize)]
struct LevelHead {
    level: LevelInfo,
    url: String,
}

/// A result area and, per level, whether it applies.
#[derive(Serialize)]
struct AreaRow<'a> {
    nummer: u32,
    title: &'a str,
    url: String,
    cells: Vec<bool>,
}

/// A criterion of knowledge and experience and its text per level (none: not asked).
#[derive(Serialize)]
struct KennisRow<'a> {
    naam: &'a str,
    cells: Vec<Option<&'a str>>,
}

/// The matrix page of one familie.
pub fn views(site: &Site, fv: &FamilieViews<'_>) -> Vec<View<'static>> {
    let f = &fv.familie;
    let url = fv.matrix_url.clone();
    let linker = Linker::for_url(&url);
    let levels = site.config.level_ids();
    let areas = f
        .areas
        .iter()
        .map(|&i| {
            let p = &site.pages[i].page;
            AreaRow {
                nummer: p.meta.nummer.unwrap_or(0),
                title: &p.title,
                url: linker.link(&p.url),
                cells: levels.iter().map(|l| p.levels.contains(l)).collect(),
            }
        })
        .collect();
    let totals: Vec<usize> = levels.iter().map(|l| f.areas_at(site, l).count()).collect();
    let kennis = f
        .matrix
        .map(|m| {
            m.criteria
                .iter()
                .map(|c| KennisRow {
                    naam: &c.naam,
                    cells: levels.iter().map(|l| c.at(l)).collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let data = MatrixCtx {
        familie: Link {
            title: f.title(site),
            url: linker.link(f.url(site)),
        },
        levels: levels
            .iter()
            .map(|l| LevelHead {
                level: level_info(site, l),
                url: linker.link(&fv.profile_url(l)),
            })
            .collect(),
        areas,
        totals,
        kennis,
        profiles: profile_links(site, fv, &linker, None),
        compare_url: linker.link(&fv.chooser_url),
    };
    vec![View {
        title: format!("Matrices {}", f.id),
        samenvatting: Some(
            "Welk niveau werkt aan welk resultaatgebied, en wat er per niveau aan kennis en ervaring wordt gevraagd.".into(),
        ),
        template: "views/matrix.html",
        breadcrumbs: f.breadcrumbs(site),
        data: Data::of(&data),
        sources: f.sources(site),
        url,
    }]
}
