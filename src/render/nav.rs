//! The navigation tree as HTML (`nav_items`). Every entry is rendered by
//! `partials/nav-item.html`, and almost every rendering is shared between pages: a closed entry
//! once per folder depth, an open ancestor of the current page once per depth (rendered around a
//! stand-in for its children, which are put in per page). A page renders only its own entry, so
//! the cost of a page does not grow with the size of the navigation.

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

/// A page and the `root` of the pages that see it.
type Key = (usize, String);

/// A section's children as closed entries, one after another.
struct ClosedItems {
    html: String,
    /// Where each child's HTML ends in `html`.
    ends: Vec<usize>,
}

impl ClosedItems {
    /// `html` with the `k`-th child's HTML replaced by `item`.
    fn with(&self, k: usize, item: &str) -> String {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        let mut out = String::with_capacity(self.html.len() + item.len());
        out.push_str(&self.html[..start]);
        out.push_str(item);
        out.push_str(&self.html[self.ends[k]..]);
        out
    }
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
        let Some(k) = children.iter().position(|i| path.contains(i)) else {
            return Ok(closed.html.clone());
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
        let items = Arc::new(ClosedItems { html, ends });
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
