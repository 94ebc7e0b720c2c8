//! Building the site graph: made-up sections for folders, duplicate URLs left out, link
//! targets, parents and children, reading order, resolved references, back-links.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{SitePage, refs};
use crate::config::Config;
use crate::content::{Kind, Page};
use crate::diagnostics::Problem;
use crate::markdown::LinkTargets;

/// Add a section for every folder that holds pages but no `_index.md`, and a home page.
pub(super) fn with_implicit_sections(
    mut pages: Vec<Page>,
    config: &Config,
) -> (Vec<Page>, HashSet<String>) {
    let existing: HashSet<String> = pages.iter().map(|p| p.id.clone()).collect();
    let mut missing: BTreeMap<String, ()> = BTreeMap::new();
    for p in &pages {
        let mut id = p.id.as_str();
        while let Some((parent, _)) = id.rsplit_once('/') {
            if !existing.contains(parent) {
                missing.insert(parent.to_string(), ());
            }
            id = parent;
        }
        if !p.id.is_empty() && !existing.contains("") {
            missing.insert(String::new(), ());
        }
    }
    if pages.is_empty() {
        missing.insert(String::new(), ());
    }
    let mut implicit = HashSet::new();
    for id in missing.into_keys() {
        let rel = PathBuf::from(&id).join("_index.md");
        let (_, url, _) = crate::content::page::id_and_url(&rel);
        let mut title = if id.is_empty() {
            config.title.clone()
        } else {
            crate::content::page::humanize(id.rsplit('/').next().unwrap_or(&id))
        };
        // A plain folder's `mkdocs.yml` may name and place the folder.
        let nav = config.plain.as_ref().and_then(|p| p.nav(Path::new(&id)));
        if let Some(t) = nav.and_then(|e| e.title.clone()) {
            title = t;
        }
        implicit.insert(id.clone());
        pages.push(Page {
            id: id.clone(),
            source: PathBuf::from(&id),
            text: Arc::new(String::new()),
            is_section: true,
            kind: Kind::Generic,
            collection: crate::content::collection::collection_of(&rel),
            familie: crate::content::collection::familie_of(&rel),
            url,
            title,
            meta: crate::content::front_matter::FrontMatter {
                volgorde: nav.map(|e| e.order),
                ..Default::default()
            },
            yaml_range: (0, 0),
            body_start: 0,
            levels: config.level_ids(),
            restricted_levels: false,
            roles: config.role_ids(),
            restricted_roles: false,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    (pages, implicit)
}

/// Two sources that would write the same URL: the second is reported and left out.
pub(super) fn without_duplicate_urls(pages: Vec<Page>, problems: &mut Vec<Problem>) -> Vec<Page> {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut kept = Vec::with_capacity(pages.len());
    for p in pages {
        if let Some(first) = seen.get(&p.url) {
            problems.push(
                Problem::error(
                    &p.source,
                    format!(
                        "this page and {} both claim the URL /{}",
                        first.display(),
                        p.url
                    ),
                )
                .with_help("rename one of the two files"),
            );
            continue;
        }
        seen.insert(p.url.clone(), p.source.clone());
        kept.push(p);
    }
    kept
}

pub(super) fn link_targets(
    pages: &[Page],
    assets: &[(PathBuf, PathBuf)],
    base_url: &str,
) -> LinkTargets {
    let mut t = LinkTargets::new(&crate::url_path::base_path(base_url));
    for p in pages {
        if p.source.extension().is_some_and(|e| e == "md") {
            t.add_page(&p.source, &p.id, &p.url);
        }
    }
    for (rel, _) in assets {
        t.add_asset(rel);
    }
    t
}

pub(super) fn parent_id(id: &str) -> Option<String> {
    if id.is_empty() {
        return None;
    }
    Some(
        id.rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_string()),
    )
}

pub(super) fn link_parents(pages: &mut [SitePage], by_id: &HashMap<String, usize>) {
    for i in 0..pages.len() {
        let parent = parent_id(&pages[i].page.id).and_then(|p| by_id.get(&p).copied());
        pages[i].parent = parent;
        if let Some(p) = parent {
            pages[p].children.push(i);
        }
    }
    for i in 0..pages.len() {
        let mut children = std::mem::take(&mut pages[i].children);
        children.sort_by(|&a, &b| sort_key(&pages[a]).cmp(&sort_key(&pages[b])));
        pages[i].children = children;
    }
}

/// Siblings sort by `volgorde`, then by result area number, then by title.
pub(super) fn sort_key(p: &SitePage) -> (i64, u32, String, String) {
    (
        p.page.meta.volgorde.unwrap_or(i64::MAX / 2),
        p.page.meta.nummer.unwrap_or(0),
        p.page.title.to_lowercase(),
        p.page.id.clone(),
    )
}

pub(super) fn reading_order(pages: &[SitePage], home: usize) -> Vec<usize> {
    let mut order = Vec::with_capacity(pages.len());
    let mut stack = vec![home];
    let mut seen = vec![false; pages.len()];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push(i);
        stack.extend(pages[i].children.iter().rev());
    }
    // Pages no section reaches (cannot happen with implicit sections, but never lose a page).
    order.extend((0..pages.len()).filter(|&i| !seen[i]));
    order
}

pub(super) fn resolve_refs(
    pages: &mut [SitePage],
    index: &refs::RefIndex,
    problems: &mut Vec<Problem>,
) {
    let plain: Vec<&Page> = pages.iter().map(|p| &p.page).collect();
    let refs: Vec<refs::Refs> = plain
        .iter()
        .map(|p| index.resolve(&plain, p, problems))
        .collect();
    for (p, r) in pages.iter_mut().zip(refs) {
        p.refs = r;
    }
}

pub(super) fn build_backlinks(pages: &mut [SitePage], by_id: &HashMap<String, usize>) {
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (i, p) in pages.iter().enumerate() {
        let linked = p
            .rendered
            .links
            .iter()
            .filter_map(|l| by_id.get(&l.target).copied());
        for t in p.refs.all().chain(linked) {
            if t != i && !back[t].contains(&i) {
                back[t].push(i);
            }
        }
    }
    for (i, mut b) in back.into_iter().enumerate() {
        b.sort_by_key(|&j| pages[j].position);
        pages[i].backlinks = b;
    }
}
