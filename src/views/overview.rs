//! Overviews of the dilemmas and the expertise areas, filterable by level, role and expertise area.

use serde_json::json;

use super::listing::item;
use super::{View, level_slug};
use crate::content::Kind;
use crate::render::Linker;
use crate::site::Site;
use crate::slug::slugify;

/// `data-expertise` key of an expertise page.
fn key(site: &Site, i: usize) -> String {
    slugify(&site.pages[i].page.id)
}

/// The filter choices every overview offers: levels, roles, expertise areas, and the plain
/// pages that show the same selection without JavaScript.
fn choices(site: &Site, linker: &Linker, anchor: &str) -> serde_json::Value {
    let expertise: Vec<serde_json::Value> = site
        .of_kind(Kind::Expertisegebied)
        .map(|i| {
            json!({
                "key": key(site, i),
                "title": site.pages[i].page.title,
                "url": linker.link(&site.pages[i].page.url),
            })
        })
        .collect();
    let levels: Vec<serde_json::Value> = site
        .config
        .levels
        .iter()
        .map(|l| json!({"id": l.id, "name": l.name, "url": format!("{}#{anchor}", linker.link(&format!("niveau/{}/", level_slug(&l.id))))}))
        .collect();
    let roles: Vec<serde_json::Value> = site
        .config
        .roles
        .iter()
        .map(|r| json!({"id": r.id, "name": r.name, "url": format!("{}#{anchor}", linker.link(&format!("rol/{}/", slugify(&r.id))))}))
        .collect();
    json!({"levels": levels, "roles": roles, "expertise": expertise})
}

fn section_crumbs(site: &Site, collection: &str) -> Vec<(String, String)> {
    let mut crumbs = vec![(site.pages[site.home()].page.title.clone(), String::new())];
    if let Some(sp) = site.get(collection) {
        crumbs.push((sp.page.title.clone(), sp.page.url.clone()));
    }
    crumbs
}

/// `<dilemmas>/overzicht/` and `<expertisegebieden>/overzicht/`, when the site has such pages.
pub fn views(site: &Site) -> Vec<View<'static>> {
    let mut views = Vec::new();
    let dilemmas: Vec<usize> = site.of_kind(Kind::Dilemma).collect();
    if let Some(&first) = dilemmas.first() {
        let collection = site.pages[first].page.collection.clone();
        let base = site
            .get(&collection)
            .map_or(format!("{collection}/"), |sp| sp.page.url.clone());
        let url = format!("{base}overzicht/");
        let linker = Linker::for_url(&url);
        let items: Vec<serde_json::Value> = dilemmas
            .iter()
            .map(|&i| {
                let sp = &site.pages[i];
                let expertise: Vec<serde_json::Value> = sp
                    .refs
                    .expertise
                    .iter()
                    .map(|&e| json!({"key": key(site, e), "title": site.pages[e].page.title, "url": linker.link(&site.pages[e].page.url)}))
                    .collect();
                let keys: Vec<String> = sp.refs.expertise.iter().map(|&e| key(site, e)).collect();
                json!({
                    "page": item(site, i, &linker),
                    "spanningsveld": sp.page.meta.spanningsveld,
                    "expertise": expertise,
                    "expertise_keys": keys.join(" "),
                })
            })
            .collect();
        views.push(View {
            title: "Overzicht van de dilemma's".into(),
            samenvatting: Some("Alle dilemma's op een rij; kies een niveau, rol of expertisegebied om de lijst te filteren.".into()),
            template: "views/dilemmas.html",
            breadcrumbs: section_crumbs(site, &collection),
            data: json!({"items": items, "count": dilemmas.len(), "choices": choices(site, &linker, "dilemmas")}).into(),
            sources: Vec::new(),
            url,
        });
    }
    let areas: Vec<usize> = site.of_kind(Kind::Expertisegebied).collect();
    if let Some(&first) = areas.first() {
        let collection = site.pages[first].page.collection.clone();
        let base = site
            .get(&collection)
            .map_or(format!("{collection}/"), |sp| sp.page.url.clone());
        let url = format!("{base}overzicht/");
        let linker = Linker::for_url(&url);
        let items: Vec<serde_json::Value> = areas
            .iter()
            .map(|&i| {
                let sp = &site.pages[i];
                let dilemmas: Vec<serde_json::Value> = sp
                    .backlinks
                    .iter()
                    .filter(|&&b| site.pages[b].page.kind == Kind::Dilemma)
                    .map(|&b| json!({"title": site.pages[b].page.title, "url": linker.link(&site.pages[b].page.url), "niveaus": site.pages[b].page.levels.join(" "), "rollen": site.pages[b].page.roles.join(" ")}))
                    .collect();
                json!({
                    "page": item(site, i, &linker),
                    "key": key(site, i),
                    "vakgebied": sp.page.meta.vakgebied,
                    "kenmerk": sp.page.meta.kenmerk,
                    "competentie": sp.page.meta.competentie,
                    "dilemmas": dilemmas,
                })
            })
            .collect();
        views.push(View {
            title: "Overzicht van de expertisegebieden".into(),
            samenvatting: Some("De expertisegebieden van het T-profiel met hun kenmerk en de dilemma's waarin ze een rol spelen.".into()),
            template: "views/expertise.html",
            breadcrumbs: section_crumbs(site, &collection),
            data: json!({"items": items, "count": areas.len(), "choices": choices(site, &linker, "expertisegebieden")}).into(),
            sources: Vec::new(),
            url,
        });
    }
    views
}
