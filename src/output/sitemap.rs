//! `sitemap.xml`: every page under the base URL, the generated views included.
//!
//! The sitemap protocol asks for absolute URLs: with a full `base_url` (`https://…/handboek/`)
//! every `<loc>` is one. A `base_url` that is only a path (`/handboek/`) gives paths.

use super::OutputFile;
use crate::site::Site;
use crate::views::Views;

pub fn sitemap(site: &Site, views: &Views) -> OutputFile {
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let pages = site.order.iter().map(|&i| site.pages[i].page.url.clone());
    let mut seen = std::collections::HashSet::new();
    for url in pages.chain(views.urls()) {
        if !seen.insert(url.clone()) {
            continue;
        }
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::markdown::escape(&format!(
            "{base}{}",
            crate::url_path::encode(&url)
        )));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
        sources: Vec::new(),
    }
}
