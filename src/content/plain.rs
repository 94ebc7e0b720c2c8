//! Plain folders (no `handbook.yaml`): what the tolerant reading did, told once as notes, and
//! file names that slugify alike kept apart with stable URLs.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::Page;
use super::front_matter::unknown_plain_keys;
use super::page::INDEX_NAMES;
use crate::config::{PlainMode, summary};
use crate::diagnostics::Problem;

/// Say what the tolerant reading did to the parsed pages of a plain folder. (Names that
/// slugify alike are kept apart later, in [`distinct_urls`], which the dev server runs too.)
pub fn arrange(pages: &mut [Page], plain: &PlainMode) -> Vec<Problem> {
    let mut notes = Vec::new();
    notes.extend(unknown_keys_note(pages));
    notes.extend(index_losers(pages));
    notes.extend(nav_misses(pages, plain));
    notes
}

/// One note for every key handboek does not read, counted over all pages.
fn unknown_keys_note(pages: &[Page]) -> Option<Problem> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut carrying = 0;
    for p in pages {
        let keys = unknown_plain_keys(p.yaml());
        carrying += usize::from(!keys.is_empty());
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return None;
    }
    let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let list: Vec<String> = by_count.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    let pages_word = if carrying == 1 {
        "page carries"
    } else {
        "pages carry"
    };
    Some(
        Problem::note(
            ".",
            format!(
                "{carrying} {pages_word} keys handboek does not know: {}; kept under extra",
                list.join(", ")
            ),
        )
        .with_help("templates read them as `page.extra.<key>`; add a handbook.yaml (`handboek init`) for the full model"),
    )
}

/// An `index.md` or `README.md` beside a better index file stays an ordinary page: say so.
fn index_losers(pages: &[Page]) -> Vec<Problem> {
    let sections: HashSet<&str> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| p.id.as_str())
        .collect();
    pages
        .iter()
        .filter(|p| !p.is_section)
        .filter_map(|p| {
            let name = p.source.file_name()?.to_string_lossy().to_lowercase();
            if !INDEX_NAMES.contains(&name.as_str()) {
                return None;
            }
            let folder = p.id.rsplit_once('/').map_or("", |(f, _)| f);
            let winner = sections
                .contains(folder)
                .then(|| {
                    pages
                        .iter()
                        .find(|s| s.is_section && s.id == folder)
                        .map(|s| s.source.display().to_string())
                })
                .flatten()?;
            Some(Problem::note(
                &p.source,
                format!(
                    "{winner} is this folder's index page; this file stays an ordinary page at /{}",
                    p.url
                ),
            ))
        })
        .collect()
}

/// Pages whose names slugify alike get a numbered URL, in sorted order of their file names:
/// the first keeps the URL, the next get `-2`, `-3`, …
pub fn distinct_urls(pages: &mut [Page]) -> Vec<Problem> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        groups.entry(p.url.clone()).or_default().push(i);
    }
    let mut used: HashSet<String> = groups.keys().cloned().collect();
    let mut notes = Vec::new();
    for (url, mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.sort_by(|&a, &b| pages[a].source.cmp(&pages[b].source));
        let first = pages[members[0]].source.clone();
        let base = url.trim_end_matches('/').to_string();
        let mut n = 1;
        for &i in &members[1..] {
            let fresh = loop {
                n += 1;
                let candidate = format!("{base}-{n}/");
                if used.insert(candidate.clone()) {
                    break candidate;
                }
            };
            notes.push(Problem::note(
                &pages[i].source,
                format!(
                    "this name and {} both become /{url}; this page is published at /{fresh}",
                    first.display()
                ),
            ));
            pages[i].url = fresh;
        }
    }
    notes
}

/// Pages `nav:` names that are not in the folder.
fn nav_misses(pages: &[Page], plain: &PlainMode) -> Vec<Problem> {
    let (Some(nav), Some(file)) = (plain.nav_entries(), plain.nav_file()) else {
        return Vec::new();
    };
    let what = if plain.mkdocs.is_some() {
        "`nav:`"
    } else {
        summary::FILE_NAME
    };
    let sources: HashSet<&Path> = pages.iter().map(|p| p.source.as_path()).collect();
    let folders: HashSet<PathBuf> = pages
        .iter()
        .flat_map(|p| p.source.ancestors().skip(1).map(Path::to_path_buf))
        .collect();
    nav.keys()
        .filter(|k| !sources.contains(k.as_path()) && !folders.contains(*k))
        .map(|k| {
            Problem::warning(
                &file,
                format!(
                    "{what} names {}, which is not in the docs folder",
                    k.display()
                ),
            )
        })
        .collect()
}
