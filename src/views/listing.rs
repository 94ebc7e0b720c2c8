//! Everything for one level (`/niveau/<id>/`) or role (`/rol/<id>/`), grouped with counts.

use serde::Serialize;
use serde_json::json;

use super::familie::{Familie, families};
use super::profile::{ViewLink, profile_url};
use super::{Data, LevelInfo, View, level_info, level_slug};
use crate::content::Kind;
use crate::markdown::Passages;
use crate::markdown::blocks::dutch_list;
use crate::render::Linker;
use crate::site::Site;
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
/// lists are added.
#[derive(Serialize, Default)]
struct Head<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a LevelInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    typering: Option<&'a [serde_json::Value]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a crate::config::RoleDef>,
    families: serde_json::Value,
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
pub fn views(site: &Site) -> Vec<View<'_>> {
    let fams = Arc::new(families(site));
    // Every level and role view sits two folders deep (`niveau/<id>/`, `rol/<id>/`).
    let items = Arc::new(ItemValues::new(site, &Linker::for_url("niveau/a/").root));
    let mut views = Vec::new();
    let home = vec![(site.pages[site.home()].page.title.clone(), String::new())];
    let all_levels = site.config.level_ids();
    for level in &all_levels {
        let url = format!("niveau/{}/", level_slug(level));
        let linker = Linker::for_url(&url);
        let info = level_info(site, level);
        let typering: Vec<serde_json::Value> = fams
            .iter()
            .filter_map(|f| {
                let t = site.pages[f.page].page.meta.typering.as_ref()?.get(level)?;
                Some(json!({"familie": f.title(site), "tekst": t}))
            })
            .collect();
        let fams = Arc::clone(&fams);
        let items = Arc::clone(&items);
        let (level, count) = (level.clone(), all_levels.len());
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
                    families: familie_links(site, &fams, &linker, Some(&level)),
                    ..Head::default()
                };
                listing(
                    &items,
                    head,
                    &linker,
                    |p| &p.levels,
                    &level,
                    count,
                    |p| &p.levels,
                )
            }),
            sources: Vec::new(),
            url,
        });
    }
    for role in &site.config.roles {
        let url = format!("rol/{}/", crate::slug::slugify(&role.id));
        let linker = Linker::for_url(&url);
        let fams = Arc::clone(&fams);
        let items = Arc::clone(&items);
        let count = site.config.roles.len();
        views.push(View {
            title: format!("Rol: {}", role.name),
            samenvatting: role.description.clone(),
            template: "views/rol.html",
            breadcrumbs: home.clone(),
            data: Data::later(move || {
                let head = Head {
                    role: Some(role),
                    families: familie_links(site, &fams, &linker, None),
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
    views.extend(indexes(site, &home));
    views.extend(super::overview::views(site));
    views
}

fn indexes<'a>(site: &Site, home: &[(String, String)]) -> Vec<View<'a>> {
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
            data: json!({"levels": levels}).into(),
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
            data: json!({"roles": roles}).into(),
            sources: Vec::new(),
        });
    }
    views
}
