//! What the search indexes are made of: the sections of every page of a resolved site.

use rayon::prelude::*;

use crate::config::Config;
use crate::content::front_matter::FrontMatter;
use crate::site::Site;

/// The search type of pages meant for editors (front matter `redactie: true`): ranked below
/// every other match unless the reader filters for this type.
pub const EDITORS: &str = "redactie";

use super::{SearchSection, SearchSettings};

/// The synonyms, levels and roles of the handbook.
pub fn settings(config: &Config) -> SearchSettings {
    SearchSettings {
        synonyms: config.search.synonyms.clone(),
        levels: config.level_ids(),
        roles: config.role_ids(),
    }
}

/// One search section per heading of every page (and one for the text before the first heading,
/// which also carries the page's summary).
pub fn sections(site: &Site) -> Vec<SearchSection> {
    sections_with(site, &crate::views::plan(site))
}

/// [`sections`] with the plan of the views the build already made.
pub fn sections_with(site: &Site, views: &crate::views::Views) -> Vec<SearchSection> {
    let mut out: Vec<SearchSection> = site
        .order
        .par_iter()
        .flat_map_iter(|&i| page_sections(site, i))
        .collect();
    let t = std::time::Instant::now();
    let generated = crate::views::search::generated(site, views);
    crate::diagnostics::timing("search: generated pages' text", t);
    for g in generated {
        let page_id = g.url.trim_end_matches('/').to_string();
        for part in g.parts {
            out.push(SearchSection {
                page_id: page_id.clone(),
                page_title: g.title.clone(),
                url: g.url.clone(),
                anchor: part.anchor,
                heading: part.heading,
                breadcrumb: g.breadcrumb.clone(),
                collection: g.kind.to_string(),
                levels: g.levels.clone(),
                roles: g.roles.clone(),
                expertise: Vec::new(),
                text: part.text,
            });
        }
    }
    out
}

/// The sections of page `i`: its intro (summary, the front matter it shows, the text before
/// its first heading), then one per heading.
fn page_sections(site: &Site, i: usize) -> Vec<SearchSection> {
    let sp = &site.pages[i];
    let p = &sp.page;
    let breadcrumb: Vec<String> = site
        .ancestors(i)
        .into_iter()
        .map(|a| site.pages[a].page.title.clone())
        .collect();
    let expertise: Vec<String> = sp
        .refs
        .expertise
        .iter()
        .map(|&e| site.pages[e].page.id.clone())
        .collect();
    let collection = if p.meta.redactie == Some(true) {
        EDITORS.to_string()
    } else {
        p.collection.clone()
    };
    let section = |anchor: Option<String>, heading: String, text: String| SearchSection {
        page_id: p.id.clone(),
        page_title: p.title.clone(),
        url: p.url.clone(),
        anchor,
        heading,
        breadcrumb: breadcrumb.clone(),
        collection: collection.clone(),
        levels: p.levels.clone(),
        roles: p.roles.clone(),
        expertise: expertise.clone(),
        text,
    };
    let mut intro = p.meta.samenvatting.clone().unwrap_or_default();
    for extra in shown_front_matter(site, &p.meta) {
        intro.push(' ');
        intro.push_str(&extra);
    }
    let mut rest = sp.rendered.sections.iter().peekable();
    if let Some(first) = rest.next_if(|s| s.anchor.is_none()) {
        intro.push(' ');
        intro.push_str(&first.text);
    }
    let mut out = vec![section(None, String::new(), intro.trim().to_string())];
    for s in rest {
        out.push(section(s.anchor.clone(), s.heading.clone(), s.text.clone()));
    }
    out
}

/// The front matter a page shows besides its body: the case and the two poles of a dilemma,
/// the result of a result area, the purpose and the typing per level of a functiefamilie, the
/// competences of the functie-eisen, the field of an expertise area.
fn shown_front_matter(site: &Site, meta: &FrontMatter) -> Vec<String> {
    let mut out: Vec<String> = [
        &meta.casus,
        &meta.resultaat,
        &meta.doel,
        &meta.vakgebied,
        &meta.kenmerk,
        &meta.competentie,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    out.extend(meta.spanningsveld.iter().flatten().cloned());
    if let Some(typering) = &meta.typering {
        for level in &site.config.levels {
            if let Some(t) = typering.get(&level.id) {
                out.push(format!("{}: {t}", level.name));
            }
        }
    }
    for c in meta.competenties.iter().flatten() {
        out.push(format!("{}: {}", c.naam, c.omschrijving));
    }
    out
}
