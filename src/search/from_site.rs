//! What the search indexes are made of: the sections of every page of a resolved site.

use crate::config::Config;
use crate::site::Site;

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
    let mut out = Vec::new();
    for &i in &site.order {
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
        let section = |anchor: Option<String>, heading: String, text: String| SearchSection {
            page_id: p.id.clone(),
            page_title: p.title.clone(),
            url: p.url.clone(),
            anchor,
            heading,
            breadcrumb: breadcrumb.clone(),
            collection: p.collection.clone(),
            levels: p.levels.clone(),
            roles: p.roles.clone(),
            expertise: expertise.clone(),
            text,
        };
        let mut intro = p.meta.samenvatting.clone().unwrap_or_default();
        for extra in [
            &p.meta.casus,
            &p.meta.resultaat,
            &p.meta.vakgebied,
            &p.meta.kenmerk,
            &p.meta.competentie,
        ]
        .into_iter()
        .flatten()
        {
            intro.push(' ');
            intro.push_str(extra);
        }
        let mut rest = sp.rendered.sections.iter().peekable();
        if let Some(first) = rest.next_if(|s| s.anchor.is_none()) {
            intro.push(' ');
            intro.push_str(&first.text);
        }
        out.push(section(None, String::new(), intro.trim().to_string()));
        for s in rest {
            out.push(section(s.anchor.clone(), s.heading.clone(), s.text.clone()));
        }
    }
    out
}
