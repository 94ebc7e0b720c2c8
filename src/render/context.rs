//! The context every template receives (documented in `docs/templates.md`), built per page
//! with URLs already made relative to that page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{BronDef, Config};
use crate::content::front_matter::FrontMatter;
use crate::markdown::Heading;
use crate::site::Site;
use crate::views::Views;

/// Kept here too for the modules of render that name it by this path.
pub use crate::url_path::Linker;

#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub base_url: &'a str,
    pub levels: Vec<LevelCtx<'a>>,
    pub roles: &'a [crate::config::RoleDef],
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Stylesheets of a plain folder's mkdocs.yml (`extra_css`), relative to the site root.
    pub extra_css: &'a [String],
    /// External links of a plain folder's mkdocs.yml `nav:`.
    pub links: &'a [crate::config::mkdocs::Link],
    /// A plain Markdown folder (no handbook.yaml): no levels, roles or sources to speak of.
    pub plain: bool,
}

#[derive(Serialize)]
pub struct LevelCtx<'a> {
    pub id: &'a str,
    pub slug: String,
    pub name: &'a str,
    pub schaal: Option<&'a str>,
    pub denkniveau: Option<&'a str>,
    pub omschrijving: Option<&'a str>,
    pub schaal_toelichting: Option<&'a str>,
}

impl<'a> SiteCtx<'a> {
    pub fn new(site: &'a Site) -> Self {
        let c = &site.config;
        SiteCtx {
            title: &c.title,
            description: c.description.as_deref(),
            language: &c.language,
            base_url: &c.base_url,
            levels: c
                .levels
                .iter()
                .map(|l| LevelCtx {
                    id: &l.id,
                    slug: crate::slug::slugify(&l.id),
                    name: &l.name,
                    schaal: l.schaal.as_deref(),
                    denkniveau: l.denkniveau.as_deref(),
                    omschrijving: l.omschrijving.as_deref(),
                    schaal_toelichting: l.schaal_toelichting.as_deref(),
                })
                .collect(),
            roles: &c.roles,
            extra: &c.extra,
            extra_css: c.plain.as_ref().map_or(&[], |p| p.extra_css()),
            links: c.plain.as_ref().map_or(&[], |p| p.links()),
            plain: c.is_plain(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Serialize, Clone)]
pub struct LinkCtx {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PageRef<'a> {
    pub title: &'a str,
    pub url: String,
    pub samenvatting: Option<&'a str>,
    pub collection: &'a str,
    pub kind: crate::content::Kind,
    pub is_section: bool,
    pub levels: &'a [String],
    pub roles: &'a [String],
    pub all_levels: bool,
    pub all_roles: bool,
}

#[derive(Serialize)]
pub struct PageCtx<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub samenvatting: Option<&'a str>,
    pub url: String,
    pub source: String,
    pub collection: &'a str,
    pub kind: crate::content::Kind,
    pub is_section: bool,
    pub content: &'a str,
    pub toc: Vec<&'a Heading>,
    pub levels: Vec<Named>,
    pub all_levels: bool,
    pub roles: Vec<Named>,
    pub all_roles: bool,
    pub tags: &'a [String],
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    pub meta: &'a FrontMatter,
    pub breadcrumbs: Vec<LinkCtx>,
    pub previous: Option<LinkCtx>,
    pub next: Option<LinkCtx>,
    pub children: Vec<PageRef<'a>>,
    pub backlinks: Vec<PageRef<'a>>,
    pub related: Vec<PageRef<'a>>,
    pub expertise: Vec<PageRef<'a>>,
    pub resultaatgebieden: Vec<PageRef<'a>>,
    pub principes: Vec<PageRef<'a>>,
    pub words: usize,
    pub reading_minutes: usize,
    /// Generated views about this page (profiles on a familie, overviews on a collection).
    pub views: Vec<LinkCtx>,
    /// The source documents the page names under `bronnen`; empty = our own elaboration.
    pub bronnen: Vec<&'a BronDef>,
}

/// The sources named by `ids`, each once, in the order first named; unknown ids are skipped
/// (they were reported when the page was parsed).
pub fn bronnen<'a, 'b>(
    config: &'a Config,
    ids: impl IntoIterator<Item = &'b String>,
) -> Vec<&'a BronDef> {
    let mut out: Vec<&BronDef> = Vec::new();
    for id in ids {
        if let Some(b) = config.bron(id)
            && !out.iter().any(|o| o.id == b.id)
        {
            out.push(b);
        }
    }
    out
}

/// A reference to page `i` as lists show it.
pub fn page_ref<'a>(site: &'a Site, i: usize, linker: &Linker) -> PageRef<'a> {
    let p = &site.pages[i].page;
    PageRef {
        title: &p.title,
        url: linker.link(&p.url),
        samenvatting: p.meta.samenvatting.as_deref(),
        collection: &p.collection,
        kind: p.kind,
        is_section: p.is_section,
        levels: &p.levels,
        roles: &p.roles,
        all_levels: !p.restricted_levels,
        all_roles: !p.restricted_roles,
    }
}

fn link_to(site: &Site, i: usize, linker: &Linker) -> LinkCtx {
    let p = &site.pages[i].page;
    LinkCtx {
        title: p.title.clone(),
        url: linker.link(&p.url),
    }
}

/// The context of page `i`.
pub fn page_ctx<'a>(site: &'a Site, views: &Views, i: usize, linker: &Linker) -> PageCtx<'a> {
    let sp = &site.pages[i];
    let p = &sp.page;
    let refs = |list: &[usize]| {
        list.iter()
            .map(|&j| page_ref(site, j, linker))
            .collect::<Vec<_>>()
    };
    let (prev, next) = site.neighbours(i);
    PageCtx {
        id: &p.id,
        title: &p.title,
        samenvatting: p.meta.samenvatting.as_deref(),
        url: linker.link(&p.url),
        source: p.source.to_string_lossy().replace('\\', "/"),
        collection: &p.collection,
        kind: p.kind,
        is_section: p.is_section,
        content: &sp.rendered.html,
        toc: sp
            .rendered
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect(),
        levels: named_levels(site, &p.levels),
        all_levels: !p.restricted_levels,
        roles: named_roles(site, &p.roles),
        all_roles: !p.restricted_roles,
        tags: &p.meta.tags,
        extra: &p.meta.extra,
        meta: &p.meta,
        breadcrumbs: site
            .ancestors(i)
            .into_iter()
            .map(|j| link_to(site, j, linker))
            .collect(),
        previous: prev.map(|j| link_to(site, j, linker)),
        next: next.map(|j| link_to(site, j, linker)),
        children: refs(&sp.children),
        backlinks: refs(&sp.backlinks),
        related: refs(&sp.refs.related),
        expertise: refs(&sp.refs.expertise),
        resultaatgebieden: refs(&sp.refs.resultaatgebieden),
        principes: refs(&sp.refs.principes),
        words: sp.rendered.words,
        reading_minutes: sp.rendered.words.div_ceil(200).max(1),
        views: views
            .links_for(i)
            .iter()
            .map(|l| LinkCtx {
                title: l.title.clone(),
                url: linker.link(&l.url),
            })
            .collect(),
        bronnen: bronnen(&site.config, &p.meta.bronnen),
    }
}

pub fn named_levels(site: &Site, ids: &[String]) -> Vec<Named> {
    ids.iter()
        .map(|id| Named {
            id: id.clone(),
            name: site
                .config
                .level(id)
                .map_or_else(|| id.clone(), |l| l.name.clone()),
        })
        .collect()
}

pub fn named_roles(site: &Site, ids: &[String]) -> Vec<Named> {
    ids.iter()
        .map(|id| Named {
            id: id.clone(),
            name: site
                .config
                .role(id)
                .map_or_else(|| id.clone(), |r| r.name.clone()),
        })
        .collect()
}
