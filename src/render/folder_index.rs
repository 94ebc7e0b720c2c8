//! A folder index page too long for one page: its children are split into pages of
//! [`PER_PAGE`], the first at the folder's own URL, the others at `<folder>/pagina/<n>/`, each
//! with a `pagination` context (previous, next, a bounded list of page numbers) that
//! `partials/paginering.html` shows. Together the pages list every child exactly once.

use serde::Serialize;

use super::context::{Linker, PageCtx, page_ctx};
use super::{Frame, OutputFile, output_path, template_for};
use crate::diagnostics::Problem;
use crate::render::nav::dutch_number;
use crate::site::Site;

/// Children listed on one page of a folder index.
pub const PER_PAGE: usize = 200;

/// How many page numbers are shown on each side of the current one (first and last always).
const NEAR: usize = 2;

/// What `partials/paginering.html` receives as `pagination`.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the folder index has.
    pub count: usize,
    /// The first and last child on this page (from 1) and all children, in Dutch digits.
    pub first: String,
    pub last: String,
    pub total: String,
    /// The folder's title (the page title of pages 2 and on carries the page number).
    pub folder: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The page numbers shown; a gap where `number` is none.
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

/// How many pages the index of a folder with `children` children takes.
pub fn page_count(children: usize) -> usize {
    children.div_ceil(PER_PAGE).max(1)
}

/// The URL (relative to the site root) of page `n` of the index at `folder_url`.
pub fn page_url(folder_url: &str, n: usize) -> String {
    if n <= 1 {
        folder_url.to_string()
    } else {
        format!("{folder_url}pagina/{n}/")
    }
}

/// Limit `ctx.children` to page `n` of page `i`'s index; the pagination to show, if the index
/// takes more than one page.
pub fn paginate(
    site: &Site,
    i: usize,
    n: usize,
    ctx: &mut PageCtx,
    linker: &Linker,
) -> Option<Pagination> {
    let total = ctx.children.len();
    let count = page_count(total);
    if count <= 1 {
        return None;
    }
    let from = (n - 1) * PER_PAGE;
    let to = (from + PER_PAGE).min(total);
    ctx.children.truncate(to);
    ctx.children.drain(..from);
    let folder = &site.pages[i].page;
    let link = |k: usize| linker.link(&page_url(&folder.url, k));
    let mut pages = Vec::new();
    for k in 1..=count {
        if k == 1 || k == count || k.abs_diff(n) <= NEAR {
            pages.push(PageLink {
                number: Some(k),
                url: link(k),
                current: k == n,
            });
        } else if pages.last().is_some_and(|p| p.number.is_some()) {
            pages.push(PageLink {
                number: None,
                url: String::new(),
                current: false,
            });
        }
    }
    Some(Pagination {
        number: n,
        count,
        first: dutch_number(from + 1),
        last: dutch_number(to),
        total: dutch_number(total),
        folder: folder.title.clone(),
        previous: (n > 1).then(|| link(n - 1)),
        next: (n < count).then(|| link(n + 1)),
        pages,
    })
}

/// Pages 2 and on of page `i`'s index (none for most pages). A page of the site already at
/// one of their URLs is an error that names both.
pub fn render_more(frame: &Frame, i: usize) -> Vec<Result<OutputFile, Problem>> {
    let site = frame.site();
    let sp = &site.pages[i];
    let count = page_count(sp.children.len());
    if count <= 1 {
        return Vec::new();
    }
    (2..=count).map(|n| render_one(frame, i, n)).collect()
}

fn render_one(frame: &Frame, i: usize, n: usize) -> Result<OutputFile, Problem> {
    let site = frame.site();
    let p = &site.pages[i].page;
    let url = page_url(&p.url, n);
    if let Some(other) = site.pages.iter().find(|o| o.page.url == url) {
        return Err(Problem::error(
            &other.page.source,
            format!(
                "this page's URL /{url} is where page {n} of the list of `{}` goes; rename the file",
                p.title
            ),
        ));
    }
    let linker = Linker::for_url(&url);
    let mut ctx = frame.context(&linker, Some(i), &url)?;
    let title = format!(
        "{} · pagina {n} van {}",
        p.title,
        page_count(site.pages[i].children.len())
    );
    let mut page = page_ctx(site, frame.views(), i, &linker);
    let pagination = paginate(site, i, n, &mut page, &linker);
    page.title = &title;
    // What the folder's own page says about itself stays there: a list of every page that
    // links the folder would otherwise be repeated on each of its pages.
    page.content = "";
    page.toc.clear();
    page.backlinks.clear();
    page.related.clear();
    ctx.insert("page", &page);
    ctx.insert("pagination", &pagination);
    let html = frame
        .renderer()
        .render(&template_for(site, i, frame.renderer()), &ctx)?;
    Ok(OutputFile {
        path: output_path(&url),
        bytes: html.into_bytes(),
        sources: super::own_source(site, i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_start_at_the_folder() {
        assert_eq!(page_url("map/", 1), "map/");
        assert_eq!(page_url("map/", 3), "map/pagina/3/");
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PER_PAGE), 1);
        assert_eq!(page_count(PER_PAGE + 1), 2);
    }
}
