//! Checks on the resolved graph: anchors of internal links, result area numbers.

use std::collections::HashMap;
use std::path::PathBuf;

use super::SitePage;
use crate::content::Kind;
use crate::diagnostics::Problem;

pub(super) fn check_links(
    pages: &[SitePage],
    by_id: &HashMap<String, usize>,
    plain: bool,
    problems: &mut Vec<Problem>,
) {
    for p in pages {
        for link in &p.rendered.links {
            let target = if link.target.is_empty() {
                Some(p)
            } else {
                by_id.get(&link.target).map(|&i| &pages[i])
            };
            let (Some(target), Some(anchor)) = (target, &link.anchor) else {
                continue;
            };
            if !target.has_anchor(anchor) {
                let known: Vec<&str> = target
                    .rendered
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .collect();
                let help = crate::diagnostics::did_you_mean(anchor, known.iter().copied())
                    .unwrap_or_else(|| {
                        if known.is_empty() {
                            "that page has no headings".into()
                        } else {
                            format!("headings there: {}", known.join(", "))
                        }
                    });
                // A plain folder's links are warnings (errors with `--strict`).
                let problem = if plain {
                    Problem::warning
                } else {
                    Problem::error
                };
                problems.push(
                    problem(
                        &p.page.source,
                        format!(
                            "the link points to `#{anchor}` on {}, which has no such heading",
                            target.page.source.display()
                        ),
                    )
                    .with_help(help)
                    .at_offset(&p.page.text, link.offset, link.len),
                );
            }
        }
    }
}

pub(super) fn check_numbers(pages: &[SitePage], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<(String, u32), &PathBuf> = HashMap::new();
    for p in pages {
        if let (Kind::Resultaatgebied, Some(f), Some(n)) =
            (p.page.kind, &p.page.familie, p.page.meta.nummer)
        {
            if let Some(first) = seen.get(&(f.clone(), n)) {
                problems.push(p.page.key_problem(
                    "nummer",
                    Some(&n.to_string()),
                    format!("result area number {n} is also used by {}", first.display()),
                ));
            } else {
                seen.insert((f.clone(), n), &p.page.source);
            }
        }
    }
}
