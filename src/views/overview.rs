//! Overviews of the dilemmas and the expertise areas, filterable by level, role and expertise area.

use serde::Serialize;

use super::listing::{Item, item};
use super::{Data, Overview, View, Views, level_url, role_url};
use crate::content::Kind;
use crate::site::Site;
use crate::slug::slugify;
use crate::url_path::Linker;

/// `view` of `views/dilemmas.html` and `views/expertise.html`.
#[derive(Serialize)]
struct OverviewCtx<'a, T> {
    items: Vec<T>,
    count: usize,
    choices: Choices<'a>,
}

/// The filter choices every overview offers: levels, roles, expertise areas, and the plain
/// pages that show the same selection without JavaScript.
#[derive(Serialize)]
struct Choices<'a> {
    levels: Vec<Choice<'a>>,
    roles: Vec<Choice<'a>>,
    expertise: Vec<ExpertiseRef<'a>>,
}

/// A level or role to filter on, and its page.
#[derive(Serialize)]
struct Choice<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
}

/// An expertise area with its `data-expertise` key.
#[derive(Serialize)]
struct ExpertiseRef<'a> {
    key: String,
    title: &'a str,
    url: String,
}

/// A dilemma in the overview.
#[derive(Serialize)]
struct DilemmaItem<'a> {
    page: Item<'a>,
    spanningsveld: &'a Option<Vec<String>>,
    expertise: Vec<ExpertiseRef<'a>>,
    /// The keys of `expertise`, space-separated (`data-expertise`).
    expertise_keys: String,
}

/// An expertise area in the overview, with the dilemmas that refer to it.
#[derive(Serialize)]
struct ExpertiseItem<'a> {
    page: Item<'a>,
    key: String,
    vakgebied: &'a Option<String>,
    kenmerk: &'a Option<String>,
    competentie: &'a Option<String>,
    dilemmas: Vec<DilemmaRef<'a>>,
}

#[derive(Serialize)]
struct DilemmaRef<'a> {
    title: &'a str,
    url: String,
    niveaus: String,
    rollen: String,
}

/// `data-expertise` key of an expertise page.
fn key(site: &Site, i: usize) -> String {
    slugify(&site.pages[i].page.id)
}

fn expertise_ref<'a>(site: &'a Site, i: usize, linker: &Linker) -> ExpertiseRef<'a> {
    ExpertiseRef {
        key: key(site, i),
        title: &site.pages[i].page.title,
        url: linker.link(&site.pages[i].page.url),
    }
}

fn choices<'a>(site: &'a Site, linker: &Linker, anchor: &str) -> Choices<'a> {
    Choices {
        levels: site
            .config
            .levels
            .iter()
            .map(|l| Choice {
                id: &l.id,
                name: &l.name,
                url: format!("{}#{anchor}", linker.link(&level_url(&l.id))),
            })
            .collect(),
        roles: site
            .config
            .roles
            .iter()
            .map(|r| Choice {
                id: &r.id,
                name: &r.name,
                url: format!("{}#{anchor}", linker.link(&role_url(&r.id))),
            })
            .collect(),
        expertise: site
            .of_kind(Kind::Expertisegebied)
            .map(|i| expertise_ref(site, i, linker))
            .collect(),
    }
}

fn section_crumbs(site: &Site, collection: &str) -> Vec<(String, String)> {
    let mut crumbs = vec![(site.pages[site.home()].page.title.clone(), String::new())];
    if let Some(sp) = site.get(collection) {
        crumbs.push((sp.page.title.clone(), sp.page.url.clone()));
    }
    crumbs
}

/// The overviews of the plan: `<dilemmas>/overzicht/` and `<expertisegebieden>/overzicht/`.
pub fn views(site: &Site, plan: &Views) -> Vec<View<'static>> {
    plan.overviews
        .iter()
        .filter_map(|o| match o.kind {
            Kind::Dilemma => Some(dilemmas(site, o)),
            Kind::Expertisegebied => Some(expertise(site, o)),
            _ => None,
        })
        .collect()
}

fn dilemmas(site: &Site, o: &Overview) -> View<'static> {
    let linker = Linker::for_url(&o.url);
    let items: Vec<DilemmaItem> = o
        .pages
        .iter()
        .map(|&i| {
            let sp = &site.pages[i];
            let keys: Vec<String> = sp.refs.expertise.iter().map(|&e| key(site, e)).collect();
            DilemmaItem {
                page: item(site, i, &linker),
                spanningsveld: &sp.page.meta.spanningsveld,
                expertise: sp
                    .refs
                    .expertise
                    .iter()
                    .map(|&e| expertise_ref(site, e, &linker))
                    .collect(),
                expertise_keys: keys.join(" "),
            }
        })
        .collect();
    let data = OverviewCtx {
        count: items.len(),
        items,
        choices: choices(site, &linker, "dilemmas"),
    };
    View {
        title: "Overzicht van de dilemma's".into(),
        samenvatting: Some("Alle dilemma's op een rij; kies een niveau, rol of expertisegebied om de lijst te filteren.".into()),
        template: "views/dilemmas.html",
        breadcrumbs: section_crumbs(site, &o.collection),
        data: Data::of(&data),
        sources: Vec::new(),
        url: o.url.clone(),
    }
}

fn expertise(site: &Site, o: &Overview) -> View<'static> {
    let linker = Linker::for_url(&o.url);
    let items: Vec<ExpertiseItem> = o
        .pages
        .iter()
        .map(|&i| {
            let sp = &site.pages[i];
            let dilemmas = sp
                .backlinks
                .iter()
                .map(|&b| &site.pages[b].page)
                .filter(|b| b.kind == Kind::Dilemma)
                .map(|b| DilemmaRef {
                    title: &b.title,
                    url: linker.link(&b.url),
                    niveaus: b.levels.join(" "),
                    rollen: b.roles.join(" "),
                })
                .collect();
            ExpertiseItem {
                page: item(site, i, &linker),
                key: key(site, i),
                vakgebied: &sp.page.meta.vakgebied,
                kenmerk: &sp.page.meta.kenmerk,
                competentie: &sp.page.meta.competentie,
                dilemmas,
            }
        })
        .collect();
    let data = OverviewCtx {
        count: items.len(),
        items,
        choices: choices(site, &linker, "expertisegebieden"),
    };
    View {
        title: "Overzicht van de expertisegebieden".into(),
        samenvatting: Some("De expertisegebieden van het T-profiel met hun kenmerk en de dilemma's waarin ze een rol spelen.".into()),
        template: "views/expertise.html",
        breadcrumbs: section_crumbs(site, &o.collection),
        data: Data::of(&data),
        sources: Vec::new(),
        url: o.url.clone(),
    }
}
