//! The part of every template context that does not depend on the page's content: `site`,
//! `generator`, `assets`, `nav_items`, and the plan of the views. Built once per render run and shared by all pages, so the
//! cost of a page stays independent of the size of the site: `site` is converted once, `assets`
//! once per folder depth, the navigation as [`super::nav`] describes.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Context, Value};

use super::context::{Linker, SiteCtx};
use super::nav::Nav;
use super::{AssetUrls, Renderer, lock};
use crate::diagnostics::Problem;
use crate::site::Site;
use crate::views::Views;

/// Shared context for one render run over one site.
pub struct Frame<'a> {
    site: &'a Site,
    /// The plan of the generated pages, made once per run.
    views: &'a Views<'a>,
    renderer: &'a Renderer,
    site_value: Value,
    generator: Value,
    assets: &'a AssetUrls,
    /// `root` → the `assets` map as pages with that root see it.
    assets_by_root: Mutex<HashMap<String, Value>>,
    nav: Nav<'a>,
}

impl<'a> Frame<'a> {
    pub fn new(
        site: &'a Site,
        views: &'a Views<'a>,
        assets: &'a AssetUrls,
        renderer: &'a Renderer,
    ) -> Frame<'a> {
        Frame {
            site,
            views,
            renderer,
            site_value: Value::from_serializable(&SiteCtx::new(site)),
            generator: Value::from(format!("handboek {}", env!("CARGO_PKG_VERSION"))),
            assets,
            assets_by_root: Mutex::new(HashMap::new()),
            nav: Nav::new(site, renderer),
        }
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    pub fn views(&self) -> &'a Views<'a> {
        self.views
    }

    pub fn renderer(&self) -> &'a Renderer {
        self.renderer
    }

    /// The variables every template gets: `site`, `root`, `assets`, `nav_items`, `canonical`,
    /// `generator`; `current` is the page being rendered, if it is a page of the handbook.
    pub fn context(
        &self,
        linker: &Linker,
        current: Option<usize>,
        url: &str,
    ) -> Result<Context, Problem> {
        let nav_items = self.nav.html(current, linker)?;
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("root", Value::from(linker.root.as_str()));
        ctx.insert_value("assets", self.assets_for(linker));
        ctx.insert_value("nav_items", Value::safe_string(&nav_items));
        ctx.insert_value(
            "canonical",
            Value::from(format!("{}{url}", self.site.config.base_url)),
        );
        ctx.insert_value("generator", self.generator.clone());
        // `gewijzigd`: the page's date from the history (views set theirs from their sources).
        let own = current
            .map(|i| &self.site.pages[i])
            .filter(|sp| !sp.implicit)
            .map(|sp| std::slice::from_ref(&sp.page.source));
        let lastmod = own.and_then(|s| self.site.history.of(s));
        ctx.insert("gewijzigd", &lastmod.map(|l| l.ctx()));
        Ok(ctx)
    }

    fn assets_for(&self, linker: &Linker) -> Value {
        let make = || Value::from(self.assets.for_page(linker));
        lock(&self.assets_by_root)
            .entry(linker.root.clone())
            .or_insert_with(make)
            .clone()
    }
}
