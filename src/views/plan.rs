//! The plan of the generated pages: which views the site has, the URL of each, what each lists,
//! and which handbook page links to which view. Made once per build from the resolved site
//! ([`plan`]); the views, the page template context, the sitemap and the search index read it,
//! so no URL of a view is spelled out anywhere else.

use std::collections::BTreeMap;

use super::familie::{Familie, families};
use crate::content::Kind;
use crate::site::Site;
use crate::slug::slugify;

/// Every generated page of one site, by kind.
pub struct Views<'a> {
    /// The functieprofielen, comparisons and matrices of each functiefamilie, by familie id.
    pub families: Vec<FamilieViews<'a>>,
    /// `niveau/<id>/`, one per level, in the order of `handbook.yaml`.
    pub levels: Vec<Planned>,
    /// `rol/<id>/`, one per role, in the order of `handbook.yaml`.
    pub roles: Vec<Planned>,
    /// `niveau/`, when the handbook has levels.
    pub level_index: Option<String>,
    /// `rol/`, when the handbook has roles.
    pub role_index: Option<String>,
    /// The overviews of the dilemmas and the expertise areas, when there are such pages.
    pub overviews: Vec<Overview>,
    /// Page index → the views linked from that page (`page.views`), URLs relative to the root.
    links: BTreeMap<usize, Vec<PlannedLink>>,
}

/// A view about one level or role: its id and URL.
pub struct Planned {
    pub id: String,
    pub url: String,
}

/// A link to a view, as a handbook page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLink {
    pub title: String,
    /// Relative to the site root.
    pub url: String,
}

/// The views of one functiefamilie.
pub struct FamilieViews<'a> {
    pub familie: Familie<'a>,
    /// The familie's own page URL.
    pub url: String,
    /// `<familie>/niveau/`: the index of its profiles.
    pub index_url: String,
    /// `(level id, URL)` of the profile of every level.
    pub profiles: Vec<Planned>,
    /// `<familie>/vergelijk/`: the chooser of two levels (linked to even with one level).
    pub chooser_url: String,
    /// Whether the chooser page exists (two levels or more).
    pub has_chooser: bool,
    /// `(from, to)` of every comparison page, in the order they are made.
    pub pairs: Vec<(String, String)>,
    /// `<familie>/matrix/`.
    pub matrix_url: String,
    /// `<familie>/wijzigingen/`: the established versions and what changed.
    pub wijzigingen_url: String,
}

impl FamilieViews<'_> {
    /// The URL of the profile of `level`.
    pub fn profile_url(&self, level: &str) -> String {
        self.profiles
            .iter()
            .find(|p| p.id == level)
            .map_or_else(|| profile_url(&self.url, level), |p| p.url.clone())
    }

    /// The URL of the comparison of `from` with `to`.
    pub fn pair_url(&self, from: &str, to: &str) -> String {
        format!(
            "{}{}-{}/",
            self.chooser_url,
            super::level_slug(from),
            super::level_slug(to)
        )
    }
}

/// The URL of the profile of `level` in the familie at `base`.
pub(crate) fn profile_url(base: &str, level: &str) -> String {
    format!("{base}niveau/{}/", super::level_slug(level))
}

/// An overview of one collection (`<collection>/overzicht/`).
pub struct Overview {
    pub kind: Kind,
    /// The collection the pages belong to (the id of its section page).
    pub collection: String,
    pub url: String,
    /// The pages it lists, in reading order.
    pub pages: Vec<usize>,
}

impl Views<'_> {
    /// The views linked from page `i`: the profiles, comparison and matrices on a familie's
    /// page, the overview on the section of the dilemmas and of the expertise areas.
    pub fn links_for(&self, i: usize) -> &[PlannedLink] {
        self.links.get(&i).map_or(&[], Vec::as_slice)
    }

    /// The overview of pages of `kind`, if the site has one.
    pub fn overview(&self, kind: Kind) -> Option<&Overview> {
        self.overviews.iter().find(|o| o.kind == kind)
    }

    /// The URL of every view, in the order the views are made.
    pub fn urls(&self) -> Vec<String> {
        let mut urls = Vec::new();
        for f in &self.families {
            urls.extend(f.profiles.iter().map(|p| p.url.clone()));
            urls.push(f.index_url.clone());
            urls.extend(f.pairs.iter().map(|(a, b)| f.pair_url(a, b)));
            if f.has_chooser {
                urls.push(f.chooser_url.clone());
            }
            urls.push(f.matrix_url.clone());
            urls.push(f.wijzigingen_url.clone());
        }
        urls.extend(self.levels.iter().map(|l| l.url.clone()));
        urls.extend(self.roles.iter().map(|r| r.url.clone()));
        urls.extend(self.level_index.clone());
        urls.extend(self.role_index.clone());
        urls.extend(self.overviews.iter().map(|o| o.url.clone()));
        urls
    }
}

/// The URL of the view of level `id` (`niveau/<id>/`).
pub fn level_url(id: &str) -> String {
    format!("niveau/{}/", super::level_slug(id))
}

/// The URL of the view of role `id` (`rol/<id>/`).
pub fn role_url(id: &str) -> String {
    format!("rol/{}/", slugify(id))
}

/// Plan the views of `site`.
pub fn plan(site: &Site) -> Views<'_> {
    let levels = site.config.level_ids();
    let families: Vec<FamilieViews<'_>> = families(site)
        .into_iter()
        .map(|familie| familie_views(familie, site, &levels))
        .collect();
    let mut views = Views {
        levels: levels
            .iter()
            .map(|id| Planned {
                id: id.clone(),
                url: level_url(id),
            })
            .collect(),
        roles: site
            .config
            .roles
            .iter()
            .map(|r| Planned {
                id: r.id.clone(),
                url: role_url(&r.id),
            })
            .collect(),
        level_index: (!levels.is_empty()).then(|| "niveau/".to_string()),
        role_index: (!site.config.roles.is_empty()).then(|| "rol/".to_string()),
        overviews: [Kind::Dilemma, Kind::Expertisegebied]
            .into_iter()
            .filter_map(|kind| overview(site, kind))
            .collect(),
        families,
        links: BTreeMap::new(),
    };
    views.links = page_links(site, &views);
    views
}

fn familie_views<'a>(familie: Familie<'a>, site: &Site, levels: &[String]) -> FamilieViews<'a> {
    let base = familie.url(site).to_string();
    let pairs = levels
        .iter()
        .flat_map(|from| {
            levels
                .iter()
                .filter(move |to| *to != from)
                .map(move |to| (from.clone(), to.clone()))
        })
        .collect();
    FamilieViews {
        familie,
        index_url: format!("{base}niveau/"),
        profiles: levels
            .iter()
            .map(|l| Planned {
                id: l.clone(),
                url: profile_url(&base, l),
            })
            .collect(),
        chooser_url: format!("{base}vergelijk/"),
        has_chooser: levels.len() >= 2,
        pairs,
        matrix_url: format!("{base}matrix/"),
        wijzigingen_url: format!("{base}wijzigingen/"),
        url: base,
    }
}

/// The overview of the pages of `kind`, under the collection of the first of them.
fn overview(site: &Site, kind: Kind) -> Option<Overview> {
    let pages: Vec<usize> = site.of_kind(kind).collect();
    let &first = pages.first()?;
    let collection = site.pages[first].page.collection.clone();
    let base = site
        .get(&collection)
        .map_or(format!("{collection}/"), |sp| sp.page.url.clone());
    Some(Overview {
        kind,
        url: format!("{base}overzicht/"),
        collection,
        pages,
    })
}

/// The links of every handbook page that links to views.
fn page_links(site: &Site, views: &Views) -> BTreeMap<usize, Vec<PlannedLink>> {
    let mut links: BTreeMap<usize, Vec<PlannedLink>> = BTreeMap::new();
    let link = |title: String, url: &str| PlannedLink {
        title,
        url: url.to_string(),
    };
    for f in &views.families {
        let i = f.familie.page;
        let p = &site.pages[i].page;
        if !p.is_section || p.familie.is_none() {
            continue;
        }
        let list = links.entry(i).or_default();
        list.push(link("Alle functieprofielen".into(), &f.index_url));
        for profile in &f.profiles {
            let name = super::level_info(site, &profile.id).name;
            list.push(link(format!("Functieprofiel {name}"), &profile.url));
        }
        if site.config.levels.len() >= 2 {
            list.push(link("Twee niveaus vergelijken".into(), &f.chooser_url));
        }
        list.push(link("Matrices per niveau".into(), &f.matrix_url));
        list.push(link("Wijzigingen".into(), &f.wijzigingen_url));
    }
    // An overview sits on a collection, a top-level section: only those link to it.
    for (kind, title) in [
        (Kind::Dilemma, "Overzicht van de dilemma's, te filteren"),
        (Kind::Expertisegebied, "Overzicht van de expertisegebieden"),
    ] {
        let Some(o) = views.overview(kind) else {
            continue;
        };
        let Some(&i) = site.by_id.get(&o.collection) else {
            continue;
        };
        if site.pages[i].page.is_section && site.pages[i].parent == Some(site.home()) {
            links.entry(i).or_default().push(link(title.into(), &o.url));
        }
    }
    links
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
