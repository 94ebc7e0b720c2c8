//! The navigation tree as HTML (`nav_items`). Every entry is rendered by
//! `partials/nav-item.html`, and almost every rendering is shared between pages: a closed entry
//! once per folder depth, an open ancestor of the current page once per depth (rendered around a
//! stand-in for its children, which are put in per page). A page renders only its own entry, so
//! the cost of a page does not grow with the size of the navigation.
//!
//! A folder of more than [`SHOW_ALL_UP_TO`] entries shows only [`WINDOW`] of them around the
//! entry on the path (or its first ones), then one entry "alle 4.600 pagina's in …" that links to
//! the folder's index page (`partials/nav-more.html`), so a page's size does not grow with the
//! number of its siblings either. The window is a slice of the shared rendering.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tera::{Context, Value};

use super::context::Linker;
use super::{Renderer, lock};
use crate::diagnostics::Problem;
use crate::site::Site;

/// The template that renders one navigation entry.
const NAV_ITEM_TEMPLATE: &str = "partials/nav-item.html";

/// Stands for the children while an open entry is rendered once for all pages below it.
const CHILDREN_STAND_IN: &str = "\u{e000}handboek-nav-children\u{e001}";

/// The template of the entry that links a large folder's index page.
const NAV_MORE_TEMPLATE: &str = "partials/nav-more.html";

/// A folder with up to this many entries shows all of them.
pub const SHOW_ALL_UP_TO: usize = 30;

/// How many entries a larger folder shows around the one on the path.
pub const WINDOW: usize = 15;

/// A page and the `root` of the pages that see it.
type Key = (usize, String);

/// A section's children as closed entries, one after another.
struct ClosedItems {
    html: String,
    /// Where each child's HTML ends in `html`.
    ends: Vec<usize>,
    /// The entry linking the folder's index page; empty when the folder shows all its entries.
    more: String,
}

impl ClosedItems {
    /// Where the `k`-th child's HTML starts in `html`.
    fn start(&self, k: usize) -> usize {
        if k == 0 { 0 } else { self.ends[k - 1] }
    }

    /// The entries shown when none is on the path: all, or the first [`WINDOW`] and the link.
    fn shown(&self) -> String {
        if self.more.is_empty() {
            return self.html.clone();
        }
        [&self.html[..self.start(WINDOW)], self.more.as_str()].concat()
    }

    /// The entries shown with the `k`-th child's HTML replaced by `item`.
    fn with(&self, k: usize, item: &str) -> String {
        let (from, to) = window(self.ends.len(), k, !self.more.is_empty());
        let mut out = String::with_capacity(self.ends[to - 1] - self.start(from) + item.len());
        out.push_str(&self.html[self.start(from)..self.start(k)]);
        out.push_str(item);
        out.push_str(&self.html[self.ends[k]..self.ends[to - 1]]);
        out.push_str(&self.more);
        out
    }
}

/// The children `from..to` of `n` shown around child `k`: all when not `bounded`, else
/// [`WINDOW`] of them with `k` in the middle where the ends allow.
fn window(n: usize, k: usize, bounded: bool) -> (usize, usize) {
    if !bounded || n <= WINDOW {
        return (0, n);
    }
    let from = k.saturating_sub(WINDOW / 2).min(n - WINDOW);
    (from, from + WINDOW)
}

/// `n` as Dutch writes it, with a dot between thousands: 4600 → `4.600`.
pub fn dutch_number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An open entry's HTML before and after its children; none when the template does not print
/// `children` exactly once as it is (then the entry is rendered on every page).
type Wrapper = Option<Arc<(String, String)>>;

/// Rendered navigation entries of one render run.
pub struct Nav<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    closed: Mutex<HashMap<Key, Arc<ClosedItems>>>,
    open: Mutex<HashMap<Key, Wrapper>>,
}

impl<'a> Nav<'a> {
    pub fn new(site: &'a Site, renderer: &'a Renderer) -> Nav<'a> {
        Nav {
            site,
            renderer,
            closed: Mutex::new(HashMap::new()),
            open: Mutex::new(HashMap::new()),
        }
    }

    /// The top-level entries seen from `current` (none: from no page, e.g. the 404 page), opened
    /// along the path to it.
    pub fn html(&self, current: Option<usize>, linker: &Linker) -> Result<String, Problem> {
        let mut path = current.map(|c| self.site.ancestors(c)).unwrap_or_default();
        path.extend(current);
        self.items(self.site.home(), &path, current, linker)
    }

    /// The children of `owner`; the one on `path` opened, with its own children inside it.
    fn items(
        &self,
        owner: usize,
        path: &[usize],
        current: Option<usize>,
        linker: &Linker,
    ) -> Result<String, Problem> {
        let closed = self.closed_items(owner, linker)?;
        let children = &self.site.pages[owner].children;
        // The child on the path follows `owner` in it (a plain search: folders can be large).
        let on_path = path
            .iter()
            .position(|&p| p == owner)
            .map_or(path.first(), |d| path.get(d + 1));
        let Some(k) = on_path.and_then(|c| children.iter().position(|i| i == c)) else {
            return Ok(closed.shown());
        };
        let i = children[k];
        let inner = self.items(i, path, current, linker)?;
        let item = if Some(i) == current {
            self.item(i, true, true, &inner, linker)?
        } else {
            match self.wrapper(i, linker)? {
                Some(w) => [w.0.as_str(), &inner, w.1.as_str()].concat(),
                None => self.item(i, true, false, &inner, linker)?,
            }
        };
        Ok(closed.with(k, &item))
    }

    fn closed_items(&self, owner: usize, linker: &Linker) -> Result<Arc<ClosedItems>, Problem> {
        let key = (owner, linker.root.clone());
        if let Some(items) = lock(&self.closed).get(&key) {
            return Ok(Arc::clone(items));
        }
        let mut html = String::new();
        let mut ends = Vec::new();
        for &i in &self.site.pages[owner].children {
            html.push_str(&self.item(i, false, false, "", linker)?);
            ends.push(html.len());
        }
        let more = if ends.len() > SHOW_ALL_UP_TO {
            self.more(owner, linker)?
        } else {
            String::new()
        };
        let items = Arc::new(ClosedItems { html, ends, more });
        lock(&self.closed).insert(key, Arc::clone(&items));
        Ok(items)
    }

    /// Entry `i` opened on the path to a page below it, split around its children.
    fn wrapper(&self, i: usize, linker: &Linker) -> Result<Wrapper, Problem> {
        let key = (i, linker.root.clone());
        if let Some(w) = lock(&self.open).get(&key) {
            return Ok(w.clone());
        }
        let html = self.item(i, true, false, CHILDREN_STAND_IN, linker)?;
        let mut parts = html.split(CHILDREN_STAND_IN);
        let wrapper = match (parts.next(), parts.next(), parts.next()) {
            (Some(before), Some(after), None) => Some(Arc::new((before.into(), after.into()))),
            _ => None,
        };
        lock(&self.open).insert(key, wrapper.clone());
        Ok(wrapper)
    }

    /// The entry linking the index page of folder `owner` through [`NAV_MORE_TEMPLATE`]:
    /// `count` (Dutch digits), `folder` (its title), `url`, `root`.
    fn more(&self, owner: usize, linker: &Linker) -> Result<String, Problem> {
        let p = &self.site.pages[owner];
        let mut ctx = Context::new();
        ctx.insert_value("count", Value::from(dutch_number(p.children.len())));
        ctx.insert_value("folder", Value::from(p.page.title.as_str()));
        ctx.insert_value("url", Value::from(linker.link(&p.page.url)));
        ctx.insert_value("root", Value::from(linker.root.as_str()));
        self.renderer.render(NAV_MORE_TEMPLATE, &ctx)
    }

    /// One entry through [`NAV_ITEM_TEMPLATE`]: `entry`, `children` as HTML, `root`.
    fn item(
        &self,
        i: usize,
        open: bool,
        current: bool,
        children: &str,
        linker: &Linker,
    ) -> Result<String, Problem> {
        let p = &self.site.pages[i].page;
        let mut entry = tera::Map::default();
        entry.insert("title".into(), Value::from(p.title.as_str()));
        entry.insert("url".into(), Value::from(linker.link(&p.url)));
        entry.insert("current".into(), Value::from(current));
        entry.insert("open".into(), Value::from(open));
        entry.insert("is_section".into(), Value::from(p.is_section));
        let mut ctx = Context::new();
        ctx.insert_value("entry", Value::from(entry));
        ctx.insert_value("children", Value::safe_string(children));
        ctx.insert_value("root", Value::from(linker.root.as_str()));
        self.renderer.render(NAV_ITEM_TEMPLATE, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_have_a_dot_between_thousands() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (4600, "4.600"),
            (1_234_567, "1.234.567"),
        ];
        for (n, text) in cases {
            assert_eq!(dutch_number(n), text);
        }
    }

    #[test]
    fn the_window_keeps_its_size_at_the_ends() {
        assert_eq!(window(20, 3, false), (0, 20));
        assert_eq!(window(5000, 0, true), (0, WINDOW));
        assert_eq!(window(5000, 2500, true), (2493, 2508));
        assert_eq!(window(5000, 4999, true), (5000 - WINDOW, 5000));
    }
}
