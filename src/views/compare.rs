//! Comparisons of two levels: result areas added or dropped, knowledge and experience word-diffed.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::familie::AreaCtx;
use super::{Data, FamilieViews, LevelInfo, Link, View, level_info};
use crate::site::Site;
use crate::url_path::Linker;

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

/// `view` of `views/vergelijk.html`: two levels compared.
#[derive(Serialize)]
struct PairCtx<'a> {
    van: LevelInfo,
    naar: LevelInfo,
    van_url: String,
    naar_url: String,
    omgekeerd_url: String,
    chooser_url: String,
    /// Result areas at `naar` but not at `van`, dropped, and at both.
    added: Vec<AreaCtx>,
    dropped: Vec<AreaCtx>,
    common: Vec<AreaCtx>,
    rows: Vec<Row<'a>>,
    /// How many rows differ.
    changed: usize,
    chooser: Chooser<'a>,
}

/// `view` of `views/vergelijk-kiezer.html`: the chooser of two levels.
#[derive(Serialize)]
struct ChooserCtx<'a> {
    familie: Link<'a>,
    chooser: Chooser<'a>,
}

/// The level options and every pair as links (the chooser works without JavaScript).
#[derive(Serialize)]
struct Chooser<'a> {
    levels: Vec<LevelInfo>,
    /// One row per `van` level, one cell per `naar` level (none on the diagonal).
    rows: Vec<ChooserRow>,
    base: String,
    /// The pair shown, on a comparison page.
    van: Option<&'a str>,
    naar: Option<&'a str>,
}

#[derive(Serialize)]
struct ChooserRow {
    van: LevelInfo,
    cells: Vec<Option<ChooserCell>>,
}

#[derive(Serialize)]
struct ChooserCell {
    url: String,
    current: bool,
    naar: String,
}

/// Every ordered pair of two different levels, and the chooser.
pub fn views(site: &Site, fv: &FamilieViews<'_>) -> Vec<View<'static>> {
    let mut views: Vec<View<'static>> = fv
        .pairs
        .iter()
        .map(|(from, to)| pair_view(site, fv, from, to))
        .collect();
    if fv.has_chooser {
        views.push(chooser_view(site, fv));
    }
    views
}

fn pair_view(site: &Site, fv: &FamilieViews<'_>, from: &str, to: &str) -> View<'static> {
    let f = &fv.familie;
    let url = fv.pair_url(from, to);
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
    breadcrumbs.push(("Vergelijken".into(), fv.chooser_url.clone()));
    View {
        title: format!("{} en {} vergeleken", a.name, b.name),
        samenvatting: Some(format!(
            "Wat er van {} naar {} bijkomt of wegvalt aan resultaatgebieden, en hoe de eisen aan kennis en ervaring verschuiven.",
            a.name, b.name
        )),
        template: "views/vergelijk.html",
        breadcrumbs,
        data: Data::of(&PairCtx {
            van_url: linker.link(&fv.profile_url(from)),
            naar_url: linker.link(&fv.profile_url(to)),
            omgekeerd_url: linker.link(&fv.pair_url(to, from)),
            chooser_url: linker.link(&fv.chooser_url),
            added,
            dropped,
            common,
            rows,
            changed,
            chooser: chooser(site, fv, &linker, Some((from, to))),
            van: a,
            naar: b,
        }),
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

/// The chooser as seen from `linker`; `current` is the pair shown.
fn chooser<'a>(
    site: &Site,
    fv: &FamilieViews<'_>,
    linker: &Linker,
    current: Option<(&'a str, &'a str)>,
) -> Chooser<'a> {
    let levels = site.config.level_ids();
    let rows = levels
        .iter()
        .map(|from| ChooserRow {
            van: level_info(site, from),
            cells: levels
                .iter()
                .map(|to| {
                    (from != to).then(|| ChooserCell {
                        url: linker.link(&fv.pair_url(from, to)),
                        current: current == Some((from.as_str(), to.as_str())),
                        naar: level_info(site, to).name,
                    })
                })
                .collect(),
        })
        .collect();
    Chooser {
        levels: levels.iter().map(|l| level_info(site, l)).collect(),
        rows,
        base: linker.link(&fv.chooser_url),
        van: current.map(|c| c.0),
        naar: current.map(|c| c.1),
    }
}

fn chooser_view(site: &Site, fv: &FamilieViews<'_>) -> View<'static> {
    let f = &fv.familie;
    let url = fv.chooser_url.clone();
    let linker = Linker::for_url(&url);
    let data = ChooserCtx {
        familie: Link {
            title: f.title(site),
            url: linker.link(f.url(site)),
        },
        chooser: chooser(site, fv, &linker, None),
    };
    View {
        title: format!("Niveaus vergelijken: {}", f.id),
        samenvatting: Some(
            "Kies twee niveaus en zie wat er bijkomt aan resultaatgebieden en hoe de eisen aan kennis en ervaring verschuiven.".into(),
        ),
        template: "views/vergelijk-kiezer.html",
        breadcrumbs: f.breadcrumbs(site),
        data: Data::of(&data),
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
