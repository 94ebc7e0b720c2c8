//! Which pages an edit touches. A page's HTML shows its own body, the titles of its neighbours
//! (navigation, breadcrumbs, previous/next, child lists) and of the pages it refers to or that
//! refer to it (back-links). A body-only edit touches the page and the targets of links it added
//! or dropped; a front matter edit also touches everything that lists the page.

use std::collections::{BTreeSet, HashSet};

use crate::render::{Renderer, Theme, template_for};
use crate::site::Site;

/// What an edited page looked like in the last published site.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    pub yaml: String,
    /// Ids of the pages whose HTML shows this page's title: previous, next, back-links,
    /// references and link targets (their back-links), the parent.
    pub listed_on: BTreeSet<String>,
    /// Ids of the pages this one links to.
    pub links: BTreeSet<String>,
    /// Whether the views (functieprofielen, per level and role) read this page's body: pages
    /// of a functiefamilie do.
    pub in_views: bool,
    /// The levels and roles of its `::: niveau`/`::: rol` passages (the views list those pages).
    pub passages: crate::markdown::Passages,
}

/// Whether an edit from `before` to the page's current shape can change a view.
pub fn touches_views(site: &Site, id: &str, before: &Shape) -> bool {
    let Some(&i) = site.by_id.get(id) else {
        return true;
    };
    let after = shape(site, i);
    before.yaml != after.yaml
        || before.in_views
        || after.in_views
        || before.passages != after.passages
        || before.links != after.links
}

/// The shape of page `i` of `site`.
pub fn shape(site: &Site, i: usize) -> Shape {
    let p = &site.pages[i];
    let id = |j: usize| site.pages[j].page.id.clone();
    let links: BTreeSet<String> = p
        .rendered
        .links
        .iter()
        .filter(|l| site.by_id.contains_key(&l.target))
        .map(|l| l.target.clone())
        .collect();
    let (prev, next) = site.neighbours(i);
    let mut listed_on: BTreeSet<String> = prev
        .into_iter()
        .chain(next)
        .chain(p.parent)
        .chain(p.backlinks.iter().copied())
        .chain(p.refs.all())
        .map(id)
        .collect();
    listed_on.extend(links.iter().cloned());
    Shape {
        yaml: p.page.yaml().to_string(),
        listed_on,
        links,
        in_views: p.page.collection == "functiefamilie",
        passages: p.rendered.passages.clone(),
    }
}

/// Pages of `site` to render again after the pages in `edited` (id and former shape) changed.
pub fn pages_touched<'a>(
    site: &Site,
    edited: impl IntoIterator<Item = (&'a str, &'a Shape)>,
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (id, before) in edited {
        let Some(&i) = site.by_id.get(id) else {
            continue;
        };
        out.insert(i);
        let after = shape(site, i);
        let ids: Vec<&String> = if before.yaml != after.yaml {
            let parent = site.pages[i].parent;
            match parent {
                Some(p) if p != site.home() => out.extend(subtree(site, p)),
                _ => return (0..site.pages.len()).collect(),
            }
            before.listed_on.union(&after.listed_on).collect()
        } else {
            before.links.symmetric_difference(&after.links).collect()
        };
        out.extend(ids.into_iter().filter_map(|t| site.by_id.get(t).copied()));
    }
    out
}

/// Page `i` and everything below it.
pub fn subtree(site: &Site, i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        out.push(j);
        stack.extend(&site.pages[j].children);
    }
    out
}

/// Pages to render again after the templates `changed` were edited: the pages rendered with one
/// of them, or every page when another template builds on one of them (`extends`, `include`,
/// `import`); `None` means every page.
pub fn pages_using(
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    changed: &BTreeSet<String>,
) -> Option<BTreeSet<usize>> {
    let all = theme.templates.iter().chain(&theme.base_templates);
    let used_by_others = all.into_iter().any(|(name, f)| {
        let text = String::from_utf8_lossy(&f.bytes);
        changed.iter().any(|c| {
            name != c
                && (text.contains(&format!("\"{c}\"")) || text.contains(&format!("\"theme/{c}\"")))
        })
    });
    if used_by_others {
        return None;
    }
    let wanted: HashSet<&str> = changed.iter().map(String::as_str).collect();
    Some(
        (0..site.pages.len())
            .filter(|&i| wanted.contains(template_for(site, i, renderer).as_str()))
            .collect(),
    )
}
