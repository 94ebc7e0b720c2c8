//! Matrices of a functiefamilie: result areas × levels and knowledge-and-experience × levels.

use serde_json::json;

use super::familie::Familie;
use super::profile::{profile_links, profile_url};
use super::{View, level_info};
use crate::render::Linker;
use crate::site::Site;

pub fn matrix_url(site: &Site, f: &Familie<'_>) -> String {
    format!("{}matrix/", f.url(site))
}

/// The matrix page of one familie.
pub fn views(site: &Site, f: &Familie<'_>) -> Vec<View<'static>> {
    let url = matrix_url(site, f);
    let linker = Linker::for_url(&url);
    let levels = site.config.level_ids();
    let areas: Vec<serde_json::Value> = f
        .areas
        .iter()
        .map(|&i| {
            let p = &site.pages[i].page;
            let cells: Vec<bool> = levels.iter().map(|l| p.levels.contains(l)).collect();
            json!({
                "nummer": p.meta.nummer.unwrap_or(0),
                "title": p.title,
                "url": linker.link(&p.url),
                "cells": cells,
            })
        })
        .collect();
    let totals: Vec<usize> = levels.iter().map(|l| f.areas_at(site, l).count()).collect();
    let kennis: Vec<serde_json::Value> = f
        .matrix
        .map(|m| {
            m.criteria
                .iter()
                .map(|c| {
                    let cells: Vec<Option<&str>> = levels.iter().map(|l| c.at(l)).collect();
                    json!({"naam": c.naam, "cells": cells})
                })
                .collect()
        })
        .unwrap_or_default();
    let header: Vec<serde_json::Value> = levels
        .iter()
        .map(|l| {
            json!({
                "level": level_info(site, l),
                "url": linker.link(&profile_url(site, f, l)),
            })
        })
        .collect();
    vec![View {
        title: format!("Matrices {}", f.id),
        samenvatting: Some(
            "Welk niveau werkt aan welk resultaatgebied, en wat er per niveau aan kennis en ervaring wordt gevraagd.".into(),
        ),
        template: "views/matrix.html",
        breadcrumbs: f.breadcrumbs(site),
        data: json!({
            "familie": {"title": f.title(site), "url": linker.link(f.url(site))},
            "levels": header,
            "areas": areas,
            "totals": totals,
            "kennis": kennis,
            "profiles": profile_links(site, f, &linker, None),
            "compare_url": linker.link(&super::compare::chooser_url(site, f)),
        }).into(),
        sources: f.sources(site),
        url,
    }]
}
