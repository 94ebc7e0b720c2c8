//! Resolve: pages joined into one site graph — sections and their children, reading order,
//! rendered Markdown, checked links and references, back-links. Immutable once built.

pub mod refs;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Content, Kind, Matrix, Page};
use crate::diagnostics::Problem;
use crate::markdown::{self, LinkTargets, RenderInput, Rendered};
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
    let (pages, implicit) = with_implicit_sections(pages, &config);
    let pages = without_duplicate_urls(pages, &mut problems);
    let mut by_id = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        by_id.insert(p.id.clone(), i);
    }
    let targets = link_targets(&pages, &assets, &config.base_url);
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
    link_parents(&mut site_pages, &by_id);
    let order = reading_order(&site_pages, by_id.get("").copied().unwrap_or(0));
    for (pos, &i) in order.iter().enumerate() {
        site_pages[i].position = pos;
    }
    resolve_refs(&mut site_pages, &ref_index, &mut problems);
    check_links(&site_pages, &by_id, &mut problems);
    check_numbers(&site_pages, &mut problems);
    build_backlinks(&mut site_pages, &by_id);
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

/// Add a section for every folder that holds pages but no `_index.md`, and a home page.
fn with_implicit_sections(mut pages: Vec<Page>, config: &Config) -> (Vec<Page>, HashSet<String>) {
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
        let title = if id.is_empty() {
            config.title.clone()
        } else {
            crate::content::page::humanize(id.rsplit('/').next().unwrap_or(&id))
        };
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
            meta: Default::default(),
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
fn without_duplicate_urls(pages: Vec<Page>, problems: &mut Vec<Problem>) -> Vec<Page> {
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

fn link_targets(pages: &[Page], assets: &[(PathBuf, PathBuf)], base_url: &str) -> LinkTargets {
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

fn parent_id(id: &str) -> Option<String> {
    if id.is_empty() {
        return None;
    }
    Some(
        id.rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_string()),
    )
}

fn link_parents(pages: &mut [SitePage], by_id: &HashMap<String, usize>) {
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
fn sort_key(p: &SitePage) -> (i64, u32, String, String) {
    (
        p.page.meta.volgorde.unwrap_or(i64::MAX / 2),
        p.page.meta.nummer.unwrap_or(0),
        p.page.title.to_lowercase(),
        p.page.id.clone(),
    )
}

fn reading_order(pages: &[SitePage], home: usize) -> Vec<usize> {
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

fn resolve_refs(pages: &mut [SitePage], index: &refs::RefIndex, problems: &mut Vec<Problem>) {
    let plain: Vec<Page> = pages.iter().map(|p| p.page.clone()).collect();
    for (i, p) in plain.iter().enumerate() {
        pages[i].refs = index.resolve(&plain, p, problems);
    }
}

fn check_links(pages: &[SitePage], by_id: &HashMap<String, usize>, problems: &mut Vec<Problem>) {
    for p in pages {
        for link in &p.rendered.links {
            let target = if link.target.is_empty() {
                Some(p)
            } else {
                by_id.get(&link.target).map(|&i| &pages[i])
            };
            let (Some(target), Some(anchor)) = (target, &link.anchor) else {
                continue;
            };
            if !target.has_anchor(anchor) {
                let known: Vec<&str> = target
                    .rendered
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect();
                let help = crate::diagnostics::did_you_mean(anchor, known.iter().copied())
                    .unwrap_or_else(|| {
                        if known.is_empty() {
                            "that page has no headings".into()
                        } else {
                            format!("headings there: {}", known.join(", "))
                        }
                    });
                problems.push(
                    Problem::error(
                        &p.page.source,
                        format!(
                            "the link points to `#{anchor}` on {}, which has no such heading",
                            target.page.source.display()
                        ),
                    )
                    .with_help(help)
                    .at_offset(&p.page.text, link.offset, link.len),
                );
            }
        }
    }
}

impl SitePage {
    /// Whether `#anchor` exists on this page.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.rendered.headings.iter().any(|h| h.id == anchor)
            || self.rendered.html.contains(&format!("id=\"{anchor}\""))
    }
}

fn check_numbers(pages: &[SitePage], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<(String, u32), &PathBuf> = HashMap::new();
    for p in pages {
        if let (Kind::Resultaatgebied, Some(f), Some(n)) =
            (p.page.kind, &p.page.familie, p.page.meta.nummer)
        {
            if let Some(first) = seen.get(&(f.clone(), n)) {
                problems.push(p.page.key_problem(
                    "nummer",
                    Some(&n.to_string()),
                    format!("result area number {n} is also used by {}", first.display()),
                ));
            } else {
                seen.insert((f.clone(), n), &p.page.source);
            }
        }
    }
}

fn build_backlinks(pages: &mut [SitePage], by_id: &HashMap<String, usize>) {
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
