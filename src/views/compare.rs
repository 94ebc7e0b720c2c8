//! Comparisons of two levels: result areas added or dropped, knowledge and experience word-diffed.

use serde::Serialize;
use serde_json::json;
use similar::{ChangeTag, TextDiff};

use super::familie::Familie;
use super::profile::profile_url;
use super::{View, level_info, level_slug};
use crate::render::Linker;
use crate::site::Site;

/// A run of words, changed or not.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    naam: &'a str,
    /// Missing when the criterion is not asked at that level.
    van: Option<Vec<Segment>>,
    naar: Option<Vec<Segment>>,
    gelijk: bool,
}

pub fn pair_url(site: &Site, f: &Familie<'_>, from: &str, to: &str) -> String {
    format!(
        "{}vergelijk/{}-{}/",
        f.url(site),
        level_slug(from),
        level_slug(to)
    )
}

pub fn chooser_url(site: &Site, f: &Familie<'_>) -> String {
    format!("{}vergelijk/", f.url(site))
}

/// Every ordered pair of two different levels, and the chooser.
pub fn views(site: &Site, f: &Familie<'_>) -> Vec<View<'static>> {
    let levels = site.config.level_ids();
    let mut views = Vec::new();
    for from in &levels {
        for to in levels.iter().filter(|t| *t != from) {
            views.push(pair_view(site, f, from, to));
        }
    }
    if levels.len() >= 2 {
        views.push(chooser_view(site, f));
    }
    views
}

fn pair_view(site: &Site, f: &Familie<'_>, from: &str, to: &str) -> View<'static> {
    let url = pair_url(site, f, from, to);
    let linker = Linker::for_url(&url);
    let (a, b) = (level_info(site, from), level_info(site, to));
    let at = |level: &str| f.areas_at(site, level).collect::<Vec<_>>();
    let (in_a, in_b) = (at(from), at(to));
    let added: Vec<_> = in_b
        .iter()
        .filter(|i| !in_a.contains(i))
        .map(|&i| f.area_ctx(site, i, &linker))
        .collect();
    let dropped: Vec<_> = in_a
        .iter()
        .filter(|i| !in_b.contains(i))
        .map(|&i| f.area_ctx(site, i, &linker))
        .collect();
    let common: Vec<_> = in_a
        .iter()
        .filter(|i| in_b.contains(i))
        .map(|&i| f.area_ctx(site, i, &linker))
        .collect();
    let rows: Vec<Row<'_>> = f
        .matrix
        .map(|m| {
            m.criteria
                .iter()
                .map(|c| row(&c.naam, c.at(from), c.at(to)))
                .collect()
        })
        .unwrap_or_default();
    let changed = rows.iter().filter(|r| !r.gelijk).count();
    let mut breadcrumbs = f.breadcrumbs(site);
    breadcrumbs.push(("Vergelijken".into(), chooser_url(site, f)));
    View {
        title: format!("{} en {} vergeleken", a.name, b.name),
        samenvatting: Some(format!(
            "Wat er van {} naar {} bijkomt of wegvalt aan resultaatgebieden, en hoe de eisen aan kennis en ervaring verschuiven.",
            a.name, b.name
        )),
        template: "views/vergelijk.html",
        breadcrumbs,
        data: json!({
            "van": a,
            "naar": b,
            "van_url": linker.link(&profile_url(site, f, from)),
            "naar_url": linker.link(&profile_url(site, f, to)),
            "omgekeerd_url": linker.link(&pair_url(site, f, to, from)),
            "chooser_url": linker.link(&chooser_url(site, f)),
            "added": added,
            "dropped": dropped,
            "common": common,
            "rows": rows,
            "changed": changed,
            "chooser": chooser_data(site, f, &linker, Some((from, to))),
        })
        .into(),
        sources: f.sources(site),
        url,
    }
}

fn row<'a>(naam: &'a str, a: Option<&str>, b: Option<&str>) -> Row<'a> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (van, naar) = word_diff(a, b);
            Row {
                naam,
                van: Some(van),
                naar: Some(naar),
                gelijk: a.trim() == b.trim(),
            }
        }
        (a, b) => Row {
            naam,
            van: a.map(whole),
            naar: b.map(whole),
            gelijk: a.is_none() && b.is_none(),
        },
    }
}

fn whole(text: &str) -> Vec<Segment> {
    vec![Segment {
        text: text.to_string(),
        changed: false,
    }]
}

/// The old text with its removed words marked, and the new text with its added words marked.
pub fn word_diff(old: &str, new: &str) -> (Vec<Segment>, Vec<Segment>) {
    let diff = TextDiff::from_words(old, new);
    let mut van = Vec::new();
    let mut naar = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut van, text, false);
                push(&mut naar, text, false);
            }
            ChangeTag::Delete => push(&mut van, text, true),
            ChangeTag::Insert => push(&mut naar, text, true),
        }
    }
    (tidy(van), tidy(naar))
}

/// Append `text`; whitespace between two changed runs joins them into one.
fn push(segments: &mut Vec<Segment>, text: &str, changed: bool) {
    match segments.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => segments.push(Segment {
            text: text.to_string(),
            changed,
        }),
    }
}

/// Join `changed, " ", changed` into one run and keep whitespace at the edges of a run unmarked.
fn tidy(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut iter = segments.into_iter().peekable();
    while let Some(s) = iter.next() {
        let joins = !s.changed
            && s.text.trim().is_empty()
            && out.last().is_some_and(|l| l.changed)
            && iter.peek().is_some_and(|n| n.changed);
        if joins {
            if let (Some(last), Some(next)) = (out.last_mut(), iter.next()) {
                last.text.push_str(&s.text);
                last.text.push_str(&next.text);
            }
            continue;
        }
        match out.last_mut() {
            Some(last) if last.changed == s.changed => last.text.push_str(&s.text),
            _ => out.push(s),
        }
    }
    let mut split = Vec::with_capacity(out.len());
    for s in out {
        let trimmed = s.text.trim_end();
        if s.changed && trimmed.len() < s.text.len() && !trimmed.is_empty() {
            let tail = s.text[trimmed.len()..].to_string();
            split.push(Segment {
                text: trimmed.to_string(),
                changed: true,
            });
            push(&mut split, &tail, false);
        } else {
            push(&mut split, &s.text, s.changed);
        }
    }
    split
}

/// The level options and every pair as links (the chooser works without JavaScript).
fn chooser_data(
    site: &Site,
    f: &Familie<'_>,
    linker: &Linker,
    current: Option<(&str, &str)>,
) -> serde_json::Value {
    let levels = site.config.level_ids();
    let rows: Vec<serde_json::Value> = levels
        .iter()
        .map(|from| {
            let cells: Vec<serde_json::Value> = levels
                .iter()
                .map(|to| {
                    if from == to {
                        json!(null)
                    } else {
                        json!({
                            "url": linker.link(&pair_url(site, f, from, to)),
                            "current": current == Some((from.as_str(), to.as_str())),
                            "naar": level_info(site, to).name,
                        })
                    }
                })
                .collect();
            json!({"van": level_info(site, from), "cells": cells})
        })
        .collect();
    json!({
        "levels": levels.iter().map(|l| level_info(site, l)).collect::<Vec<_>>(),
        "rows": rows,
        "base": linker.link(&chooser_url(site, f)),
        "van": current.map(|c| c.0),
        "naar": current.map(|c| c.1),
    })
}

fn chooser_view(site: &Site, f: &Familie<'_>) -> View<'static> {
    let url = chooser_url(site, f);
    let linker = Linker::for_url(&url);
    View {
        title: format!("Niveaus vergelijken: {}", f.id),
        samenvatting: Some(
            "Kies twee niveaus en zie wat er bijkomt aan resultaatgebieden en hoe de eisen aan kennis en ervaring verschuiven.".into(),
        ),
        template: "views/vergelijk-kiezer.html",
        breadcrumbs: f.breadcrumbs(site),
        data: json!({
            "familie": {"title": f.title(site), "url": linker.link(f.url(site))},
            "chooser": chooser_data(site, f, &linker, None),
        }).into(),
        sources: f.sources(site),
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &[Segment]) -> String {
        s.iter()
            .map(|s| {
                if s.changed {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn word_diff_marks_changed_words_only() {
        let (a, b) = word_diff(
            "Je hebt basiskennis van de sociale kaart.",
            "Je hebt gedegen kennis van de sociale kaart.",
        );
        assert_eq!(marked(&a), "Je hebt [basiskennis] van de sociale kaart.");
        assert_eq!(marked(&b), "Je hebt [gedegen kennis] van de sociale kaart.");
    }

    #[test]
    fn equal_texts_have_no_marks() {
        let (a, b) = word_diff("gelijk blijft gelijk", "gelijk blijft gelijk");
        assert!(a.iter().chain(&b).all(|s| !s.changed));
    }
}
