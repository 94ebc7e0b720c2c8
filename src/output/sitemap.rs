//! `sitemap.xml`: every page under the base URL.

use crate::render::OutputFile;
use crate::site::Site;

pub fn sitemap(site: &Site) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for &i in &site.order {
        let url = &site.pages[i].page.url;
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::markdown::escape(&format!(
            "{}{}",
            site.config.base_url,
            crate::url_path::encode(url)
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
