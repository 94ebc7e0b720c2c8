//! `sitemap.xml`: every page under the base URL, the further pages of a long folder list and the
//! generated views included, each with the
//! date of its last commit as `<lastmod>` when the history gives one (see [`crate::history`]).
//!
//! The sitemap protocol asks for absolute URLs: with a full `base_url` (`https://…/handboek/`)
//! every `<loc>` is one. A `base_url` that is only a path (`/handboek/`) gives paths.

use std::path::PathBuf;

use super::OutputFile;
use crate::render::folder_index::{page_count, page_url};
use crate::site::Site;
use crate::views::Views;

pub fn sitemap(site: &Site, views: &Views) -> OutputFile {
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // Every page, and after a folder page the further pages of its list of contents.
    let pages = site.order.iter().flat_map(|&i| {
        let sp = &site.pages[i];
        let sources = if sp.implicit {
            Vec::new()
        } else {
            vec![sp.page.source.clone()]
        };
        (1..=page_count(sp.children.len()))
            .map(move |n| (page_url(&sp.page.url, n), sources.clone()))
    });
    let views: Vec<(String, Vec<PathBuf>)> = if site.history.is_known() {
        crate::views::all_views(site, views)
            .0
            .into_iter()
            .map(|v| (v.url, v.sources))
            .collect()
    } else {
        views.urls().into_iter().map(|u| (u, Vec::new())).collect()
    };
    let mut seen = std::collections::HashSet::new();
    for (url, sources) in pages.chain(views) {
        if !seen.insert(url.clone()) {
            continue;
        }
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::markdown::escape(&format!(
            "{base}{}",
            crate::url_path::encode(&url)
        )));
        xml.push_str("</loc>");
        if let Some(day) = site.history.of(&sources).and_then(|l| l.iso()) {
            xml.push_str("<lastmod>");
            xml.push_str(&day);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
        sources: Vec::new(),
    }
}
