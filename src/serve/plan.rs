//! What a dev-server rebuild must do, decided from the changes alone before anything is
//! rendered: which pages, whether the views now or in a round of their own, whether the search
//! index must follow, and whether stylesheets can be swapped without a reload.

use std::collections::{BTreeMap, BTreeSet};

use super::affected::{self, Shape};
use super::world::World;

/// Changes not yet published.
#[derive(Debug, Default)]
pub struct Dirty {
    pub full: bool,
    /// Edited pages by id, with their shape in the published site.
    pub pages: BTreeMap<String, Shape>,
    pub templates: BTreeSet<String>,
    pub statics: BTreeSet<String>,
    /// Views that page edits touched, left for a round of their own (see
    /// [`super::rebuild::Rebuilder::pending`]).
    pub views: bool,
}

impl Dirty {
    /// Everything: the next rebuild loads the site again.
    pub fn everything() -> Dirty {
        Dirty {
            full: true,
            ..Dirty::default()
        }
    }
}

/// When the views (functieprofielen, per level and role, matrices) are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewsWork {
    /// Nothing they show changed.
    Untouched,
    /// In this round.
    Now,
    /// In a round of their own after this one: page edits go out first.
    Later,
}

/// The work of one incremental rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RebuildPlan {
    /// Page indexes into the site to render again, sorted.
    pub pages: Vec<usize>,
    /// Whether that is every page.
    pub all: bool,
    pub views: ViewsWork,
    /// Whether the pages' content changed (the search index must follow).
    pub content: bool,
    /// Set when only stylesheets changed: their (old, new) published paths.
    pub css: Option<Vec<(String, String)>>,
    /// Published paths of theme files that are no longer published.
    pub removed_assets: Vec<String>,
}

/// Decide the work for `dirty` on `world` (the site already reparsed, the theme reloaded).
pub fn plan(dirty: &Dirty, world: &World) -> RebuildPlan {
    let site = &world.site;
    let old = &world.published_assets.0;
    let new = &world.assets.0;
    let assets_moved = new != old;
    let mut pages =
        affected::pages_touched(site, dirty.pages.iter().map(|(id, s)| (id.as_str(), s)));
    let mut all = pages.len() == site.pages.len();
    if !dirty.templates.is_empty() {
        let using = world
            .renderer
            .as_ref()
            .and_then(|r| affected::pages_using(site, &world.theme, r, &dirty.templates));
        match using {
            Some(set) => pages.extend(set),
            None => all = true,
        }
    }
    all |= assets_moved;
    let by_edits = dirty
        .pages
        .iter()
        .any(|(id, before)| affected::touches_views(site, id, before));
    let templates = !dirty.templates.is_empty();
    let views = if by_edits && !all && !templates {
        ViewsWork::Later
    } else if all || templates || dirty.views || by_edits {
        ViewsWork::Now
    } else {
        ViewsWork::Untouched
    };
    RebuildPlan {
        pages: if all {
            (0..site.pages.len()).collect()
        } else {
            pages.into_iter().collect()
        },
        all,
        views,
        content: !dirty.pages.is_empty() || all || templates,
        css: css_swaps(dirty, old, new),
        removed_assets: old
            .values()
            .filter(|p| !new.values().any(|n| n == *p))
            .cloned()
            .collect(),
    }
}

/// When only stylesheets changed and moved: the (old, new) paths of each one that moved.
fn css_swaps(
    dirty: &Dirty,
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Option<Vec<(String, String)>> {
    let only_css = dirty.pages.is_empty()
        && dirty.templates.is_empty()
        && !dirty.statics.is_empty()
        && dirty.statics.iter().all(|s| s.ends_with(".css"));
    if !only_css || new == old {
        return None;
    }
    let swaps: Vec<(String, String)> = new
        .iter()
        .filter_map(|(name, url)| {
            let before = old.get(name)?;
            (before != url).then(|| (before.clone(), url.clone()))
        })
        .collect();
    let others_moved = new
        .iter()
        .any(|(n, u)| !n.ends_with(".css") && old.get(n) != Some(u));
    (!others_moved).then_some(swaps)
}

#[cfg(test)]
mod tests;
