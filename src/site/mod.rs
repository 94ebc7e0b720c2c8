//! Resolve: pages joined into one site graph — sections and their children, reading order,
//! rendered Markdown, checked links and references, back-links. Immutable once built.

mod checks;
mod graph;
pub mod refs;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, Kind, Matrix, Page};
use crate::diagnostics::Problem;
use crate::markdown::{self, RenderInput, Rendered};
pub use refs::Refs;

/// A page in the site: the parsed page, its rendered body and its place among the others.
#[derive(Debug)]
pub struct SitePage {
    pub page: Page,
    pub rendered: Rendered,
    /// Sections made up for folders without `_index.md` (and a home page when there is none).
    pub implicit: bool,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub refs: Refs,
    /// Pages that link to or refer to this one, in reading order.
    pub backlinks: Vec<usize>,
    /// Position in the reading order.
    pub position: usize,
}

/// The whole handbook, resolved.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<SitePage>,
    pub by_id: HashMap<String, usize>,
    /// Page indexes in reading order: home, then depth first through the sections.
    pub order: Vec<usize>,
    pub matrices: BTreeMap<String, Matrix>,
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// Dates and versions from the git history (empty without a repository).
    pub history: crate::history::History,
}

impl Site {
    /// For a one-shot build, once the site is resolved and checked: free the Markdown sources
    /// (every problem that quotes them is known by now) and, without a search index, the plain
    /// text kept for it, so rendering reuses that memory.
    pub fn release_sources(&mut self, keep_search_text: bool) {
        for p in &mut self.pages {
            p.page.text = Arc::default();
            p.page.yaml_range = (0, 0);
            p.page.body_start = 0;
            if !keep_search_text {
                p.rendered.sections = Vec::new();
            }
        }
    }

    /// For a one-shot build, once every page is written and the search sections are taken:
    /// free the pages' HTML, so the search stage reuses that memory.
    pub fn release_html(&mut self) {
        for p in &mut self.pages {
            p.rendered.html = String::new();
        }
    }

    pub fn home(&self) -> usize {
        self.by_id.get("").copied().unwrap_or(0)
    }

    pub fn get(&self, id: &str) -> Option<&SitePage> {
        self.by_id.get(id).map(|&i| &self.pages[i])
    }

    /// The ancestors of page `i`, from the home page down, without `i` itself.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = self.pages[i].parent;
        while let Some(p) = cur {
            chain.push(p);
            cur = self.pages[p].parent;
        }
        chain.reverse();
        chain
    }

    /// Previous and next page in reading order.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let pos = self.pages[i].position;
        let prev = pos.checked_sub(1).map(|p| self.order[p]);
        let next = self.order.get(pos + 1).copied();
        (prev, next)
    }

    /// Pages of one kind, in reading order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = usize> + '_ {
        self.order
            .iter()
            .copied()
            .filter(move |&i| self.pages[i].page.kind == kind)
    }
}

/// Join the content into a site. Problems are collected; the site is usable for `check` even
/// when there are some.
pub fn resolve(config: Config, content: Content) -> (Site, Vec<Problem>) {
    resolve_reusing(config, content, &|_| None)
}

/// [`resolve`], taking a page's rendered Markdown from `reuse` when it gives one: the dev server
/// hands back the pages an edit did not touch (same text, same set of pages, same config).
pub fn resolve_reusing(
    config: Config,
    content: Content,
    reuse: &(dyn Fn(&Page) -> Option<Rendered> + Sync),
) -> (Site, Vec<Problem>) {
    let mut problems = Vec::new();
    let Content {
        pages,
        matrices,
        assets,
    } = content;
    let mut pages = pages;
    if config.is_plain() {
        // A plain folder keeps names that slugify alike apart instead of refusing them.
        problems.extend(crate::content::plain::distinct_urls(&mut pages));
    }
    let (pages, implicit) = graph::with_implicit_sections(pages, &config);
    let pages = graph::without_duplicate_urls(pages, &mut problems);
    let mut by_id = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        by_id.insert(p.id.clone(), i);
    }
    let targets = graph::link_targets(&pages, &assets, &config.base_url);
    let rendered: Vec<Rendered> = pages
        .par_iter()
        .map(|p| {
            if implicit.contains(&p.id) {
                return Rendered::default();
            }
            if let Some(r) = reuse(p) {
                return r;
            }
            let root = "../".repeat(p.depth());
            markdown::render(&RenderInput {
                source: &p.source,
                text: &p.text,
                body_start: p.body_start,
                root: &root,
                config: &config,
                targets: &targets,
            })
        })
        .collect();
    let ref_index = refs::RefIndex::new(&pages);
    let mut site_pages: Vec<SitePage> = pages
        .into_iter()
        .zip(rendered)
        .map(|(page, rendered)| {
            problems.extend(rendered.problems.iter().cloned());
            SitePage {
                implicit: implicit.contains(&page.id),
                page,
                rendered,
                parent: None,
                children: Vec::new(),
                refs: Refs::default(),
                backlinks: Vec::new(),
                position: 0,
            }
        })
        .collect();
    graph::link_parents(&mut site_pages, &by_id);
    let order = graph::reading_order(&site_pages, by_id.get("").copied().unwrap_or(0));
    for (pos, &i) in order.iter().enumerate() {
        site_pages[i].position = pos;
    }
    graph::resolve_refs(&mut site_pages, &ref_index, &mut problems);
    checks::check_links(&site_pages, &by_id, config.is_plain(), &mut problems);
    checks::check_numbers(&site_pages, &mut problems);
    graph::build_backlinks(&mut site_pages, &by_id);
    let site = Site {
        config,
        pages: site_pages,
        by_id,
        order,
        matrices,
        assets,
        history: Default::default(),
    };
    (site, problems)
}

impl SitePage {
    /// Whether `#anchor` exists on this page.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.rendered.headings.iter().any(|h| h.id == anchor)
            || self.rendered.html.contains(&format!("id=\"{anchor}\""))
    }
}
