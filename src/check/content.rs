//! Checks on the content that do not stop a build: pages without `samenvatting`, empty sections,
//! images without alt text, placeholders left by `handboek new`, pages no link leads to, pages
//! of a functiefamilie that name no source.

use std::collections::HashSet;

use crate::diagnostics::{Level, Problem};
use crate::site::Site;

/// Texts `handboek new` writes for the editor to replace.
pub const PLACEHOLDERS: &[&str] = &["TODO: …invullen…", "TODO:", "…invullen…", "...invullen..."];

/// Warnings about every page of the site.
pub fn warnings(site: &Site) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, sp) in site.pages.iter().enumerate() {
        if sp.implicit {
            continue;
        }
        let p = &sp.page;
        if p.meta
            .samenvatting
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            let mut w = p.key_problem("title", None, "this page has no `samenvatting`");
            w.level = Level::Warning;
            out.push(w.with_help(
                "add one or two sentences under `samenvatting:`; lists and search results show them",
            ));
        }
        if p.familie.is_some() && p.meta.bronnen.is_empty() {
            let mut w = p.key_problem(
                "title",
                None,
                "this page of the functiefamilie names no source (`bronnen`)",
            );
            w.level = Level::Warning;
            let known: Vec<&str> = site.config.bronnen.iter().map(|b| b.id.as_str()).collect();
            let help = if known.is_empty() {
                "list the source documents under `bronnen:` in handbook.yaml and name them in the page's `bronnen:`".to_string()
            } else {
                format!(
                    "add `bronnen: [...]` with the source this page rests on (known sources: {})",
                    known.join(", ")
                )
            };
            out.push(w.with_help(help));
        }
        if p.is_section && i != site.home() && sp.children.is_empty() {
            out.push(
                Problem::warning(&p.source, "this section has no pages")
                    .at_offset(&p.text, 0, 3)
                    .with_help("add pages to its folder, or remove the section"),
            );
        }
        for &(offset, len) in &sp.rendered.images_without_alt {
            out.push(
                Problem::warning(&p.source, "this image has no alt text")
                    .at_offset(&p.text, offset, len)
                    .with_help("describe the image between the brackets: ![wat je ziet](pad.png)"),
            );
        }
        for (offset, ph) in placeholders(&p.text) {
            out.push(
                Problem::warning(
                    &p.source,
                    format!("placeholder `{ph}` is still in the page"),
                )
                .at_offset(&p.text, offset, ph.len())
                .with_help("fill in this part or remove it"),
            );
        }
    }
    out
}

/// Every placeholder in `text` with its offset; overlapping ones count once (the longest).
pub fn placeholders(text: &str) -> Vec<(usize, &'static str)> {
    let mut found: Vec<(usize, &'static str)> = PLACEHOLDERS
        .iter()
        .flat_map(|ph| text.match_indices(ph).map(move |(o, _)| (o, *ph)))
        .collect();
    found.sort_by_key(|&(o, ph)| (o, std::cmp::Reverse(ph.len())));
    let mut end = 0;
    found.retain(|&(o, ph)| {
        let keep = o >= end;
        if keep {
            end = o + ph.len();
        }
        keep
    });
    found
}

/// Warnings for pages that no link of the rendered site leads to (`reached` holds the output
/// paths reachable from the home page).
pub fn orphans(site: &Site, reached: &HashSet<String>) -> Vec<Problem> {
    site.pages
        .iter()
        .enumerate()
        .filter(|(i, sp)| *i != site.home() && !sp.implicit)
        .filter(|(_, sp)| !reached.contains(&crate::render::output_path(&sp.page.url)))
        .map(|(_, sp)| {
            Problem::warning(
                &sp.page.source,
                "no link in the site leads to this page; readers find it only by searching",
            )
            .at_offset(&sp.page.text, 0, 3)
            .with_help("link to it from its section or a related page")
        })
        .collect()
}
