//! Everything for one level (`/niveau/<id>/`) or role (`/rol/<id>/`), grouped with counts.

use serde::Serialize;

use super::profile::ViewLink;
use super::{Data, FamilieViews, LevelInfo, View, Views, level_info};
use crate::config::RoleDef;
use crate::content::Kind;
use crate::markdown::Passages;
use crate::markdown::blocks::dutch_list;
use crate::site::Site;
use crate::url_path::Linker;
use std::sync::{Arc, OnceLock};
use tera::Value;

/// A page in a list of a view, with what the browser filter needs.
#[derive(Serialize)]
pub struct Item<'a> {
    pub title: &'a str,
    pub url: String,
    pub samenvatting: Option<&'a str>,
    pub kind: Kind,
    /// Space-separated level and role ids (`data-niveaus`, `data-rollen`).
    pub niveaus: String,
    pub rollen: String,
    /// "niveau B, C en D" when the page is for some levels only.
    pub levels_label: Option<String>,
    /// Role names when the page is for some roles only.
    pub roles_label: Option<String>,
}

/// The data of `/niveau/<id>/` (`level`, `typering`) and `/rol/<id>/` (`role`) before the
/// lists are added (see [`listing`] for those: their items are template values made once).
#[derive(Serialize, Default)]
struct Head<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a LevelInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    typering: Option<&'a [Typering<'a>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a RoleDef>,
    families: Vec<FamilieLinks<'a>>,
}

/// How a familie types one level.
#[derive(Serialize)]
struct Typering<'a> {
    familie: &'a str,
    tekst: &'a str,
}

/// A familie's views for one level (its profile) or for a role (every profile).
#[derive(Serialize)]
struct FamilieLinks<'a> {
    title: &'a str,
    url: String,
    profiles: Vec<ViewLink>,
    /// The comparison with the next level up, on a level's page.
    next: Option<ViewLink>,
    compare_url: String,
    matrix_url: String,
}

/// `view` of `views/niveaus.html`.
#[derive(Serialize)]
struct LevelsCtx {
    levels: Vec<LevelEntry>,
}

#[derive(Serialize)]
struct LevelEntry {
    level: LevelInfo,
    url: String,
}

/// `view` of `views/rollen.html`.
#[derive(Serialize)]
struct RolesCtx<'a> {
    roles: Vec<RoleEntry<'a>>,
}

#[derive(Serialize)]
struct RoleEntry<'a> {
    role: &'a RoleDef,
    url: String,
}

/// Each page's [`Item`] as a template value, made once and shared by the level and role views:
/// most pages are listed in all of them, and those views all sit at the same depth.
struct ItemValues<'a> {
    site: &'a Site,
    root: String,
    values: Vec<OnceLock<Value>>,
}

impl<'a> ItemValues<'a> {
    fn new(site: &'a Site, root: &str) -> Self {
        ItemValues {
            site,
            root: root.to_string(),
            values: site.pages.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Page `i` as an item seen from `linker` (made afresh for a view at another depth).
    fn get(&self, i: usize, linker: &Linker) -> Value {
        let make = || Value::from_serializable(&item(self.site, i, linker));
        if linker.root == self.root {
            self.values[i].get_or_init(make).clone()
        } else {
            make()
        }
    }
}

pub fn item<'a>(site: &'a Site, i: usize, linker: &Linker) -> Item<'a> {
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
        title: &p.title,
        url: linker.link(&p.url),
        samenvatting: p.meta.samenvatting.as_deref(),
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

/// `pages` (in reading order) grouped by collection, collections in reading order: each group
/// `{id, title, url, count, items}`.
fn groups(items: &ItemValues, pages: &[usize], linker: &Linker) -> Vec<Value> {
    let site = items.site;
    let mut out: Vec<(&str, Vec<Value>)> = Vec::new();
    for &i in pages {
        let collection = &site.pages[i].page.collection;
        if site.pages[i].page.id == *collection {
            continue;
        }
        if out.last().is_none_or(|(id, _)| id != collection) {
            out.push((collection, Vec::new()));
        }
        if let Some((_, list)) = out.last_mut() {
            list.push(items.get(i, linker));
        }
    }
    // Reading order keeps a collection together; merge anyway should a collection recur.
    out.sort_by_key(|(id, _)| site.get(id).map_or(usize::MAX, |sp| sp.position));
    out.into_iter()
        .map(|(id, list)| {
            let (title, url) = match site.get(id) {
                Some(sp) => (sp.page.title.as_str(), linker.link(&sp.page.url)),
                None => (id, String::new()),
            };
            let mut g = tera::Map::default();
            g.insert("id".into(), Value::from(id));
            g.insert("title".into(), Value::from(title));
            g.insert("url".into(), Value::from(url));
            g.insert("count".into(), Value::from(list.len()));
            g.insert("items".into(), Value::from(list));
            Value::from(g)
        })
        .collect()
}

/// Pages with a `::: niveau`/`::: rol` passage that `concerns` a level or role.
fn with_passages(site: &Site, concerns: impl Fn(&Passages) -> bool) -> Vec<usize> {
    listable(site)
        .filter(|&i| concerns(&site.pages[i].rendered.passages))
        .collect()
}

/// Complete `head` with the pages for level or role `id`: every page whose `ids` hold it
/// (`groups`, `count`), those among them that are not for all `total` levels or roles
/// (`special`, `special_count`), and those with a passage for it (`passages`, a list of items).
fn listing<'a>(
    items: &ItemValues<'a>,
    head: Head<'a>,
    linker: &Linker,
    ids: impl Fn(&'a crate::content::Page) -> &'a Vec<String>,
    id: &str,
    total: usize,
    passage_ids: impl Fn(&Passages) -> &std::collections::BTreeSet<String>,
) -> Value {
    let site = items.site;
    let applies: Vec<usize> = listable(site)
        .filter(|&i| ids(&site.pages[i].page).iter().any(|x| x == id))
        .collect();
    let special: Vec<usize> = applies
        .iter()
        .copied()
        .filter(|&i| ids(&site.pages[i].page).len() < total)
        .collect();
    let passages: Vec<Value> = with_passages(site, |p| passage_ids(p).contains(id))
        .into_iter()
        .map(|i| items.get(i, linker))
        .collect();
    let Some(mut map) = Value::from_serializable(&head).into_map() else {
        return Value::from(());
    };
    map.insert("count".into(), Value::from(applies.len()));
    map.insert(
        "special".into(),
        Value::from(groups(items, &special, linker)),
    );
    map.insert("special_count".into(), Value::from(special.len()));
    map.insert(
        "groups".into(),
        Value::from(groups(items, &applies, linker)),
    );
    map.insert("passages".into(), Value::from(passages));
    Value::from(map)
}

fn familie_links<'a>(
    site: &'a Site,
    fams: &[FamilieViews<'_>],
    linker: &Linker,
    level: Option<&str>,
) -> Vec<FamilieLinks<'a>> {
    let levels = site.config.level_ids();
    fams.iter()
        .map(|fv| {
            let f = &fv.familie;
            let profiles: Vec<ViewLink> = levels
                .iter()
                .filter(|l| level.is_none_or(|c| c == l.as_str()))
                .map(|l| ViewLink {
                    title: format!("Functieprofiel {}", level_info(site, l).name),
                    url: linker.link(&fv.profile_url(l)),
                    current: false,
                })
                .collect();
            let next = level.and_then(|l| {
                let at = site.config.level_index(l)?;
                let to = levels.get(at + 1)?;
                Some(ViewLink {
                    title: format!("Doorgroeien naar {}", level_info(site, to).name),
                    url: linker.link(&fv.pair_url(l, to)),
                    current: false,
                })
            });
            FamilieLinks {
                title: &site.pages[f.page].page.title,
                url: linker.link(&site.pages[f.page].page.url),
                profiles,
                next,
                compare_url: linker.link(&fv.chooser_url),
                matrix_url: linker.link(&fv.matrix_url),
            }
        })
        .collect()
}

/// `/niveau/<id>/`, `/rol/<id>/`, their indexes `/niveau/`, `/rol/`, and the overviews.
pub fn views<'a>(site: &'a Site, plan: &'a Views<'a>) -> Vec<View<'a>> {
    let fams = &plan.families;
    // Every level and role view sits two folders deep (`niveau/<id>/`, `rol/<id>/`).
    let items = Arc::new(ItemValues::new(site, &Linker::for_url("niveau/a/").root));
    let mut views = Vec::new();
    let home = vec![(site.pages[site.home()].page.title.clone(), String::new())];
    let count = plan.levels.len();
    for planned in &plan.levels {
        let (level, url) = (&planned.id, planned.url.clone());
        let linker = Linker::for_url(&url);
        let info = level_info(site, level);
        let typering: Vec<Typering> = fams
            .iter()
            .filter_map(|fv| {
                let page = &site.pages[fv.familie.page].page;
                let t = page.meta.typering.as_ref()?.get(level)?;
                Some(Typering {
                    familie: &page.title,
                    tekst: t,
                })
            })
            .collect();
        let items = Arc::clone(&items);
        views.push(View {
            title: format!("Niveau {}: {}", level, info.name),
            samenvatting: info.omschrijving.clone(),
            template: "views/niveau.html",
            breadcrumbs: home.clone(),
            // Made when the page is rendered: a list of every page is large.
            data: Data::later(move || {
                let head = Head {
                    level: Some(&info),
                    typering: Some(&typering),
                    families: familie_links(site, fams, &linker, Some(level)),
                    ..Head::default()
                };
                listing(
                    &items,
                    head,
                    &linker,
                    |p| &p.levels,
                    level,
                    count,
                    |p| &p.levels,
                )
            }),
            sources: Vec::new(),
            url,
        });
    }
    let count = site.config.roles.len();
    for (role, planned) in site.config.roles.iter().zip(&plan.roles) {
        let url = planned.url.clone();
        let linker = Linker::for_url(&url);
        let items = Arc::clone(&items);
        views.push(View {
            title: format!("Rol: {}", role.name),
            samenvatting: role.description.clone(),
            template: "views/rol.html",
            breadcrumbs: home.clone(),
            data: Data::later(move || {
                let head = Head {
                    role: Some(role),
                    families: familie_links(site, fams, &linker, None),
                    ..Head::default()
                };
                listing(
                    &items,
                    head,
                    &linker,
                    |p| &p.roles,
                    &role.id,
                    count,
                    |p| &p.roles,
                )
            }),
            sources: Vec::new(),
            url,
        });
    }
    views.extend(indexes(site, plan, &home));
    views.extend(super::overview::views(site, plan));
    views
}

fn indexes<'a>(site: &'a Site, plan: &Views, home: &[(String, String)]) -> Vec<View<'a>> {
    let mut views = Vec::new();
    if let Some(url) = &plan.level_index {
        let linker = Linker::for_url(url);
        let levels = plan
            .levels
            .iter()
            .map(|l| LevelEntry {
                level: level_info(site, &l.id),
                url: linker.link(&l.url),
            })
            .collect();
        views.push(View {
            url: url.clone(),
            template: "views/niveaus.html",
            title: "Per niveau".into(),
            samenvatting: Some("Kies een niveau en zie alles wat voor dat niveau geldt.".into()),
            breadcrumbs: home.to_vec(),
            data: Data::of(&LevelsCtx { levels }),
            sources: Vec::new(),
        });
    }
    if let Some(url) = &plan.role_index {
        let linker = Linker::for_url(url);
        let roles = site
            .config
            .roles
            .iter()
            .zip(&plan.roles)
            .map(|(r, planned)| RoleEntry {
                role: r,
                url: linker.link(&planned.url),
            })
            .collect();
        views.push(View {
            url: url.clone(),
            template: "views/rollen.html",
            title: "Per rol".into(),
            samenvatting: Some("Kies je rol en zie alles wat voor die rol geldt.".into()),
            breadcrumbs: home.to_vec(),
            data: Data::of(&RolesCtx { roles }),
            sources: Vec::new(),
        });
    }
    views
}
