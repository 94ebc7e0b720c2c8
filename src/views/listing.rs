//! Everything for one level (`/niveau/<id>/`) or role (`/rol/<id>/`), grouped with counts.

use serde::Serialize;
use serde_json::json;

use super::familie::{Familie, families};
use super::profile::{ViewLink, profile_url};
use super::{View, all_sources, level_info, level_slug};
use crate::content::Kind;
use crate::markdown::blocks::dutch_list;
use crate::render::Linker;
use crate::site::Site;

/// A page in a list of a view, with what the browser filter needs.
#[derive(Serialize)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub samenvatting: Option<String>,
    pub kind: Kind,
    /// Space-separated level and role ids (`data-niveaus`, `data-rollen`).
    pub niveaus: String,
    pub rollen: String,
    /// "niveau B, C en D" when the page is for some levels only.
    pub levels_label: Option<String>,
    /// Role names when the page is for some roles only.
    pub roles_label: Option<String>,
}

/// The pages of one collection in a list.
#[derive(Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub url: String,
    pub count: usize,
    pub items: Vec<Item>,
}

pub fn item(site: &Site, i: usize, linker: &Linker) -> Item {
    let p = &site.pages[i].page;
    let all_levels = p.levels.len() == site.config.levels.len();
    let all_roles = p.roles.len() == site.config.roles.len();
    let role_names: Vec<String> = p
        .roles
        .iter()
        .map(|r| {
            site.config
                .role(r)
                .map_or_else(|| r.clone(), |d| d.name.clone())
        })
        .collect();
    Item {
        title: p.title.clone(),
        url: linker.link(&p.url),
        samenvatting: p.meta.samenvatting.clone(),
        kind: p.kind,
        niveaus: p.levels.join(" "),
        rollen: p.roles.join(" "),
        levels_label: (!all_levels).then(|| {
            let word = if p.levels.len() == 1 {
                "niveau"
            } else {
                "niveaus"
            };
            format!("{word} {}", dutch_list(&p.levels))
        }),
        roles_label: (!all_roles).then(|| dutch_list(&role_names)),
    }
}

/// Pages that a list can show: everything but the home page and made-up folder sections.
fn listable(site: &Site) -> impl Iterator<Item = usize> + '_ {
    let home = site.home();
    site.order.iter().copied().filter(move |&i| {
        i != home && !site.pages[i].implicit && !site.pages[i].page.collection.is_empty()
    })
}

/// `pages` (in reading order) grouped by collection, collections in reading order.
pub fn groups(site: &Site, pages: &[usize], linker: &Linker) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for &i in pages {
        let collection = &site.pages[i].page.collection;
        if site.pages[i].page.id == *collection {
            continue;
        }
        if out.last().is_none_or(|g| g.id != *collection) {
            let (title, url) = match site.get(collection) {
                Some(sp) => (sp.page.title.clone(), linker.link(&sp.page.url)),
                None => (collection.clone(), String::new()),
            };
            out.push(Group {
                id: collection.clone(),
                title,
                url,
                count: 0,
                items: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            g.items.push(item(site, i, linker));
            g.count += 1;
        }
    }
    // Reading order keeps a collection together; merge anyway should a collection recur.
    out.sort_by_key(|g| site.get(&g.id).map_or(usize::MAX, |sp| sp.position));
    out
}

/// Pages with a `::: niveau`/`::: rol` passage for `id` (`attr` is `data-niveaus`/`data-rollen`).
fn with_passages(site: &Site, attr: &str, id: &str) -> Vec<usize> {
    let needle = format!("{attr}=\"");
    listable(site)
        .filter(|&i| {
            let html = &site.pages[i].rendered.html;
            html.match_indices(&needle).any(|(at, _)| {
                let rest = &html[at + needle.len()..];
                let value = &rest[..rest.find('"').unwrap_or(0)];
                value.split(' ').any(|v| v == id)
            })
        })
        .collect()
}

fn familie_links(
    site: &Site,
    fams: &[Familie<'_>],
    linker: &Linker,
    level: Option<&str>,
) -> serde_json::Value {
    let levels = site.config.level_ids();
    fams.iter()
        .map(|f| {
            let profiles: Vec<ViewLink> = levels
                .iter()
                .filter(|l| level.is_none_or(|c| c == l.as_str()))
                .map(|l| ViewLink {
                    title: format!("Functieprofiel {}", level_info(site, l).name),
                    url: linker.link(&profile_url(site, f, l)),
                    current: false,
                })
                .collect();
            let next = level.and_then(|l| {
                let at = site.config.level_index(l)?;
                let to = levels.get(at + 1)?;
                Some(ViewLink {
                    title: format!("Doorgroeien naar {}", level_info(site, to).name),
                    url: linker.link(&super::compare::pair_url(site, f, l, to)),
                    current: false,
                })
            });
            json!({
                "title": f.title(site),
                "url": linker.link(f.url(site)),
                "profiles": profiles,
                "next": next,
                "compare_url": linker.link(&super::compare::chooser_url(site, f)),
                "matrix_url": linker.link(&super::matrix::matrix_url(site, f)),
            })
        })
        .collect()
}

/// `/niveau/<id>/`, `/rol/<id>/` and their indexes `/niveau/`, `/rol/`.
pub fn views(site: &Site) -> Vec<View> {
    let fams = families(site);
    let mut views = Vec::new();
    let home = vec![(site.pages[site.home()].page.title.clone(), String::new())];
    let all_levels = site.config.level_ids();
    for level in &all_levels {
        let url = format!("niveau/{}/", level_slug(level));
        let linker = Linker::for_url(&url);
        let info = level_info(site, level);
        let applies: Vec<usize> = listable(site)
            .filter(|&i| site.pages[i].page.levels.contains(level))
            .collect();
        let special: Vec<usize> = applies
            .iter()
            .copied()
            .filter(|&i| site.pages[i].page.levels.len() < all_levels.len())
            .collect();
        let passages = with_passages(site, "data-niveaus", level);
        let typering: Vec<serde_json::Value> = fams
            .iter()
            .filter_map(|f| {
                let t = site.pages[f.page].page.meta.typering.as_ref()?.get(level)?;
                Some(json!({"familie": f.title(site), "tekst": t}))
            })
            .collect();
        views.push(View {
            title: format!("Niveau {}: {}", level, info.name),
            samenvatting: info.omschrijving.clone(),
            template: "views/niveau.html",
            breadcrumbs: home.clone(),
            data: json!({
                "level": info,
                "typering": typering,
                "families": familie_links(site, &fams, &linker, Some(level)),
                "count": applies.len(),
                "special": groups(site, &special, &linker),
                "special_count": special.len(),
                "groups": groups(site, &applies, &linker),
                "passages": passages.iter().map(|&i| item(site, i, &linker)).collect::<Vec<_>>(),
            }),
            sources: all_sources(site),
            url,
        });
    }
    for role in &site.config.roles {
        let url = format!("rol/{}/", crate::slug::slugify(&role.id));
        let linker = Linker::for_url(&url);
        let applies: Vec<usize> = listable(site)
            .filter(|&i| site.pages[i].page.roles.contains(&role.id))
            .collect();
        let special: Vec<usize> = applies
            .iter()
            .copied()
            .filter(|&i| site.pages[i].page.roles.len() < site.config.roles.len())
            .collect();
        let passages = with_passages(site, "data-rollen", &role.id);
        views.push(View {
            title: format!("Rol: {}", role.name),
            samenvatting: role.description.clone(),
            template: "views/rol.html",
            breadcrumbs: home.clone(),
            data: json!({
                "role": role,
                "families": familie_links(site, &fams, &linker, None),
                "count": applies.len(),
                "special": groups(site, &special, &linker),
                "special_count": special.len(),
                "groups": groups(site, &applies, &linker),
                "passages": passages.iter().map(|&i| item(site, i, &linker)).collect::<Vec<_>>(),
            }),
            sources: all_sources(site),
            url,
        });
    }
    views.extend(indexes(site, &home));
    views.extend(super::overview::views(site));
    views
}

fn indexes(site: &Site, home: &[(String, String)]) -> Vec<View> {
    let mut views = Vec::new();
    if !site.config.levels.is_empty() {
        let linker = Linker::for_url("niveau/");
        let levels: Vec<serde_json::Value> = site
            .config
            .levels
            .iter()
            .map(|l| json!({"level": level_info(site, &l.id), "url": linker.link(&format!("niveau/{}/", level_slug(&l.id)))}))
            .collect();
        views.push(View {
            url: "niveau/".into(),
            template: "views/niveaus.html",
            title: "Per niveau".into(),
            samenvatting: Some("Kies een niveau en zie alles wat voor dat niveau geldt.".into()),
            breadcrumbs: home.to_vec(),
            data: json!({"levels": levels}),
            sources: Vec::new(),
        });
    }
    if !site.config.roles.is_empty() {
        let linker = Linker::for_url("rol/");
        let roles: Vec<serde_json::Value> = site
            .config
            .roles
            .iter()
            .map(|r| json!({"role": r, "url": linker.link(&format!("rol/{}/", crate::slug::slugify(&r.id)))}))
            .collect();
        views.push(View {
            url: "rol/".into(),
            template: "views/rollen.html",
            title: "Per rol".into(),
            samenvatting: Some("Kies je rol en zie alles wat voor die rol geldt.".into()),
            breadcrumbs: home.to_vec(),
            data: json!({"roles": roles}),
            sources: Vec::new(),
        });
    }
    views
}
