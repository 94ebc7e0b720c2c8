//! The part of every template context that does not depend on the page's content: `site`,
//! `generator`, `assets`, `nav`. Built once per render run and shared by all pages, so the cost of
//! a page stays independent of the size of the site: `site` is converted once, `assets` once per
//! folder depth, and a navigation list once per (section, depth); a page only re-creates the
//! entries along its own path.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tera::{Context, Value};

use super::AssetUrls;
use super::context::{Linker, SiteCtx};
use crate::site::Site;

/// Navigation lists by (section, `root`): the section's children as closed entries.
type ClosedLists = HashMap<(usize, String), Arc<Vec<Value>>>;

/// Shared context for one render run over one site.
pub struct Frame<'a> {
    site: &'a Site,
    site_value: Value,
    generator: Value,
    assets: &'a AssetUrls,
    /// `root` → the `assets` map as pages with that root see it.
    assets_by_root: Mutex<HashMap<String, Value>>,
    closed_lists: Mutex<ClosedLists>,
}

impl<'a> Frame<'a> {
    pub fn new(site: &'a Site, assets: &'a AssetUrls) -> Frame<'a> {
        Frame {
            site,
            site_value: Value::from_serializable(&SiteCtx::new(site)),
            generator: Value::from(format!("handboek {}", env!("CARGO_PKG_VERSION"))),
            assets,
            assets_by_root: Mutex::new(HashMap::new()),
            closed_lists: Mutex::new(HashMap::new()),
        }
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The variables every template gets: `site`, `root`, `assets`, `nav`, `canonical`,
    /// `generator`; `current` is the page being rendered, if it is a page of the handbook.
    pub fn context(&self, linker: &Linker, current: Option<usize>, url: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("root", Value::from(linker.root.as_str()));
        ctx.insert_value("assets", self.assets_for(linker));
        ctx.insert_value("nav", self.nav(current, linker));
        ctx.insert_value(
            "canonical",
            Value::from(format!("{}{url}", self.site.config.base_url)),
        );
        ctx.insert_value("generator", self.generator.clone());
        ctx
    }

    fn assets_for(&self, linker: &Linker) -> Value {
        let make = || Value::from(self.assets.for_page(linker));
        let mut cache = self
            .assets_by_root
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        cache
            .entry(linker.root.clone())
            .or_insert_with(make)
            .clone()
    }

    /// The navigation seen from `current` (None: from no page, e.g. the 404 page): the
    /// top-level entries, opened along the path to the current page.
    fn nav(&self, current: Option<usize>, linker: &Linker) -> Value {
        let mut path = current.map(|c| self.site.ancestors(c)).unwrap_or_default();
        path.extend(current);
        self.list(self.site.home(), &path, current, linker)
    }

    /// The children of `owner` as navigation entries; the one on `path` opened.
    fn list(&self, owner: usize, path: &[usize], current: Option<usize>, linker: &Linker) -> Value {
        let closed = self.closed(owner, linker);
        let children = &self.site.pages[owner].children;
        let mut entries: Vec<Value> = closed.as_ref().clone();
        for (k, &i) in children.iter().enumerate() {
            if path.contains(&i) {
                let open = self.list(i, path, current, linker);
                entries[k] = self.entry(i, true, Some(i) == current, open, linker);
            }
        }
        Value::from(entries)
    }

    fn closed(&self, owner: usize, linker: &Linker) -> Arc<Vec<Value>> {
        let key = (owner, linker.root.clone());
        if let Some(list) = self
            .closed_lists
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Arc::clone(list);
        }
        let list: Arc<Vec<Value>> = Arc::new(
            self.site.pages[owner]
                .children
                .iter()
                .map(|&i| self.entry(i, false, false, Value::from(Vec::<Value>::new()), linker))
                .collect(),
        );
        self.closed_lists
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&list));
        list
    }

    fn entry(
        &self,
        i: usize,
        open: bool,
        current: bool,
        children: Value,
        linker: &Linker,
    ) -> Value {
        let p = &self.site.pages[i].page;
        let mut map = tera::Map::default();
        map.insert("title".into(), Value::from(p.title.as_str()));
        map.insert("url".into(), Value::from(linker.link(&p.url)));
        map.insert("current".into(), Value::from(current));
        map.insert("open".into(), Value::from(open));
        map.insert("is_section".into(), Value::from(p.is_section));
        map.insert("children".into(), children);
        Value::from(map)
    }
}
