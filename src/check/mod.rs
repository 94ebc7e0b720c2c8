//! `handboek check`: load and render the handbook in memory, without writing, and report every
//! broken link, anchor and reference (in the Markdown and in what the templates write), orphan
//! pages, empty sections, missing summaries, images without alt text and leftover placeholders.

pub mod content;
pub mod external;
pub mod html;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::build::{self, Loaded};
use crate::diagnostics::{Problem, Problems};
use crate::output::OutputFile;
use crate::render::output_path;
use crate::site::Site;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Also fetch external links (needs the network).
    pub external: bool,
}

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    pub problems: Problems,
    pub pages: usize,
    /// Internal links followed in the rendered HTML.
    pub links: usize,
    /// External links fetched (0 without `--external`).
    pub external: usize,
}

impl CheckReport {
    /// Whether the check fails: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.problems.has_errors() || (strict && self.problems.warnings() > 0)
    }

    /// The closing line of the report.
    pub fn summary(&self) -> String {
        let ext = if self.external > 0 {
            format!(", {} external links", self.external)
        } else {
            String::new()
        };
        format!(
            "Checked {} pages, {} links{ext}: {}",
            self.pages,
            self.links,
            self.problems.summary()
        )
    }
}

/// Check the handbook at `opts.root`. `Err` when it cannot be loaded at all.
pub fn check(opts: &CheckOptions) -> Result<CheckReport, Problems> {
    check_with(opts, &crate::progress::Progress::hidden())
}

/// [`check`], showing its stages on `progress`.
pub fn check_with(
    opts: &CheckOptions,
    progress: &crate::progress::Progress,
) -> Result<CheckReport, Problems> {
    progress.stage("reading", 0);
    let Loaded {
        site,
        theme,
        renderer,
        mut problems,
    } = build::load(&opts.root, None, &[])?;
    let mut links = 0;
    if let Some(renderer) = &renderer {
        let (files, render_problems) = build::render_all_with(&site, &theme, renderer, progress);
        progress.stage("checking links", 0);
        problems.extend(render_problems.0);
        let (link_problems, reached, count) = check_rendered(&site, &files);
        problems.extend(link_problems);
        problems.extend(content::orphans(&site, &reached));
        links = count;
    }
    problems.extend(content::warnings(&site));
    let mut external = 0;
    if opts.external {
        let (ps, n) = external::check(&site);
        problems.extend(ps);
        external = n;
    }
    problems.sort();
    Ok(CheckReport {
        pages: site.pages.iter().filter(|p| !p.implicit).count(),
        problems,
        links,
        external,
    })
}

/// Check the links in the rendered HTML; returns the problems, the output paths reachable from
/// the home page and the number of internal links followed.
fn check_rendered(site: &Site, files: &[OutputFile]) -> (Vec<Problem>, HashSet<String>, usize) {
    let base = crate::url_path::base_path(&site.config.base_url);
    let mut keys: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
    keys.extend(
        site.assets
            .iter()
            .map(|(rel, _)| rel.to_string_lossy().replace('\\', "/")),
    );
    let html: BTreeMap<String, String> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let page_of: HashMap<String, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (output_path(&p.page.url), i))
        .collect();
    // Why a target is broken → the links to it (file, href as written).
    let mut broken: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut count = 0;
    for (key, text) in &html {
        // Links in the Markdown body were checked when resolving; check only the template's.
        let body = page_of.get(key).map(|&i| &site.pages[i].rendered.html);
        let scan = match body {
            Some(b) if !b.is_empty() => text.replacen(b.as_str(), "", 1),
            _ => text.clone(),
        };
        for href in html::attribute_urls(&scan) {
            let Some(link) = html::resolve(key, &href, &base) else {
                continue;
            };
            count += 1;
            let Some(target) = link.target else {
                let reason = format!("`{href}` leads out of the site");
                broken.entry(reason).or_default().push((key.clone(), href));
                continue;
            };
            let found = [target.clone(), format!("{target}/index.html")]
                .into_iter()
                .find(|t| keys.contains(t));
            let reason = match (&found, &link.anchor) {
                (None, _) => format!("{target} is not in the site"),
                (Some(t), Some(a)) if html.get(t).is_some_and(|h| !html::has_anchor(h, a)) => {
                    format!("{t} has no element with id `{a}`")
                }
                _ => continue,
            };
            broken.entry(reason).or_default().push((key.clone(), href));
        }
    }
    let problems = broken
        .into_iter()
        .map(|(reason, from)| {
            let (first, href) = &from[0];
            let path: &Path = page_of
                .get(first)
                .map_or(Path::new(first), |&i| site.pages[i].page.source.as_path());
            let others = match from.len() {
                1 => String::new(),
                n => format!(" (and on {} other pages)", n - 1),
            };
            Problem::error(
                path,
                format!("the rendered page {first} links to `{href}`, but {reason}{others}"),
            )
            .with_help(
                "this link is written by a template, not by the Markdown: check the templates",
            )
        })
        .collect();
    let reached = html::reachable("index.html", &html, &base);
    (problems, reached, count)
}
