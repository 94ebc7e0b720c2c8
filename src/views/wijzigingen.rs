//! "Wijzigingen": the established versions of a functiefamilie, newest first, and per level
//! what changed against the version before (result areas added, removed or moved to another
//! level, activities, knowledge-and-experience cells, competences). Old versions are read from
//! their commits (see [`crate::history::versions`]) and parsed with today's content model.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::json;

use super::compare::{Segment, word_diff};
use super::familie::Familie;
use super::{Data, Link, View, level_info};
use crate::content::front_matter::Competentie;
use crate::content::load::SourceFile;
use crate::content::{Kind, Matrix, matrix, page};
use crate::history::{Version, date};
use crate::site::Site;
use crate::url_path::Linker;

/// The URL of the page of changes of familie `f`.
pub fn url(site: &Site, f: &Familie<'_>) -> String {
    format!("{}wijzigingen/", f.url(site))
}

/// The anchor of a version on that page.
pub fn anchor(commit: &str) -> String {
    format!("versie-{}", commit.get(..10).unwrap_or(commit))
}

/// A family as one version has it, parsed with today's content model.
struct Model {
    /// Result areas by file stem: (nummer, title, levels, activities).
    areas: BTreeMap<String, Area>,
    matrix: Option<Matrix>,
    competenties: Vec<Competentie>,
}

struct Area {
    nummer: u32,
    title: String,
    levels: Vec<String>,
    body: String,
}

fn parse(site: &Site, files: &[(std::path::PathBuf, Arc<String>)]) -> Option<Model> {
    if files.is_empty() {
        return None;
    }
    let mut model = Model {
        areas: BTreeMap::new(),
        matrix: None,
        competenties: Vec::new(),
    };
    for (rel, text) in files {
        let file = SourceFile {
            rel: rel.clone(),
            text: Arc::clone(text),
        };
        match rel.extension().and_then(|e| e.to_str()) {
            Some("md") => {
                let p = page::parse(&file, &site.config, true).ok()?;
                match p.kind {
                    Kind::Resultaatgebied => {
                        let stem = rel.file_stem()?.to_string_lossy().into_owned();
                        model.areas.insert(
                            stem,
                            Area {
                                nummer: p.meta.nummer.unwrap_or(0),
                                body: p.body().trim().to_string(),
                                title: p.title,
                                levels: p.levels,
                            },
                        );
                    }
                    Kind::FunctieEisen => {
                        model.competenties = p.meta.competenties.unwrap_or_default();
                    }
                    _ => {}
                }
            }
            Some("yaml" | "yml") => {
                if let Some(m) = matrix::parse(&file, &site.config) {
                    model.matrix = Some(m.ok()?);
                }
            }
            _ => {}
        }
    }
    Some(model)
}

#[derive(Serialize)]
struct AreaRef {
    nummer: u32,
    title: String,
}

#[derive(Serialize)]
struct Moved {
    nummer: u32,
    title: String,
    van: String,
    naar: String,
}

/// A changed text: the old one with removed words in `<del>`, the new one with added words in
/// `<ins>`, as escaped HTML; `None` where the text is missing (not asked at that level).
#[derive(Serialize)]
struct TextChange {
    naam: String,
    van: Option<String>,
    naar: Option<String>,
}

fn marked(segments: &[Segment], tag: &str) -> String {
    segments
        .iter()
        .map(|s| {
            let text = crate::markdown::escape(&s.text);
            if s.changed && !s.text.trim().is_empty() {
                format!("<{tag}>{text}</{tag}>")
            } else {
                text
            }
        })
        .collect()
}

#[derive(Serialize)]
struct LevelChanges {
    level: super::LevelInfo,
    toegevoegd: Vec<AreaRef>,
    vervallen: Vec<AreaRef>,
    verschoven: Vec<Moved>,
    activiteiten: Vec<TextChange>,
    kennis: Vec<TextChange>,
}

/// `view` of `views/wijzigingen.html`.
#[derive(Serialize)]
struct WijzigingenCtx<'a> {
    familie: Link<'a>,
    /// The index of the familie's profiles.
    profielen_url: String,
    /// The established versions, newest first.
    versies: Vec<VersionCtx>,
    /// Whether the handbook's git history could be read at all.
    geschiedenis: bool,
}

#[derive(Serialize)]
struct VersionCtx {
    anchor: String,
    versie: Option<String>,
    vastgesteld: Option<String>,
    vastgesteld_tekst: Option<String>,
    /// The commit's date.
    datum: String,
    datum_tekst: String,
    commit: String,
    /// False when the version no longer parses with today's content model.
    te_tonen: bool,
    /// False for the first version: nothing to compare with.
    vergeleken: bool,
    /// The oldest established version.
    eerste: bool,
    niveaus: Vec<LevelChanges>,
    competenties: Vec<TextChange>,
    /// Compared, and nothing but the version keys changed.
    alleen_versie: bool,
}

fn diff_text(naam: &str, old: Option<&str>, new: Option<&str>) -> Option<TextChange> {
    if old.map(str::trim) == new.map(str::trim) {
        return None;
    }
    let whole = |t: &str| {
        vec![Segment {
            text: t.to_string(),
            changed: true,
        }]
    };
    let (van, naar) = match (old, new) {
        (Some(a), Some(b)) => {
            let (a, b) = word_diff(a, b);
            (Some(a), Some(b))
        }
        (a, b) => (a.map(whole), b.map(whole)),
    };
    Some(TextChange {
        naam: naam.to_string(),
        van: van.map(|s| marked(&s, "del")),
        naar: naar.map(|s| marked(&s, "ins")),
    })
}

fn level_changes(site: &Site, level: &str, old: &Model, new: &Model) -> LevelChanges {
    let at = |a: &Area| a.levels.iter().any(|l| l == level);
    let r = |a: &Area| AreaRef {
        nummer: a.nummer,
        title: a.title.clone(),
    };
    let mut ch = LevelChanges {
        level: level_info(site, level),
        toegevoegd: Vec::new(),
        vervallen: Vec::new(),
        verschoven: Vec::new(),
        activiteiten: Vec::new(),
        kennis: Vec::new(),
    };
    for (id, a) in &new.areas {
        match old.areas.get(id) {
            None if at(a) => ch.toegevoegd.push(r(a)),
            None => {}
            Some(o) if at(a) != at(o) => ch.verschoven.push(Moved {
                nummer: a.nummer,
                title: a.title.clone(),
                van: o.levels.first().cloned().unwrap_or_default(),
                naar: a.levels.first().cloned().unwrap_or_default(),
            }),
            Some(o) if at(a) => {
                ch.activiteiten
                    .extend(diff_text(&a.title, Some(&o.body), Some(&a.body)))
            }
            Some(_) => {}
        }
    }
    for (id, o) in &old.areas {
        if !new.areas.contains_key(id) && at(o) {
            ch.vervallen.push(r(o));
        }
    }
    let criteria = |m: &Option<Matrix>| -> BTreeMap<String, Option<String>> {
        m.iter()
            .flat_map(|m| &m.criteria)
            .map(|c| (c.naam.clone(), c.at(level).map(str::to_string)))
            .collect()
    };
    let (before, after) = (criteria(&old.matrix), criteria(&new.matrix));
    let mut names: Vec<&String> = after.keys().collect();
    names.extend(before.keys().filter(|k| !after.contains_key(*k)));
    for naam in names {
        let get = |m: &BTreeMap<String, Option<String>>| m.get(naam).cloned().flatten();
        ch.kennis.extend(diff_text(
            naam,
            get(&before).as_deref(),
            get(&after).as_deref(),
        ));
    }
    ch
}

fn competence_changes(old: &Model, new: &Model) -> Vec<TextChange> {
    let map = |m: &Model| -> BTreeMap<String, String> {
        m.competenties
            .iter()
            .map(|c| (c.naam.clone(), c.omschrijving.clone()))
            .collect()
    };
    let (before, after) = (map(old), map(new));
    let mut names: Vec<&String> = after.keys().collect();
    names.extend(before.keys().filter(|k| !after.contains_key(*k)));
    names
        .into_iter()
        .filter_map(|n| {
            diff_text(
                n,
                before.get(n).map(String::as_str),
                after.get(n).map(String::as_str),
            )
        })
        .collect()
}

fn version_ctx(
    site: &Site,
    v: &Version,
    model: Option<&Model>,
    older: Option<&Model>,
) -> VersionCtx {
    let e = &v.established;
    let (niveaus, competenties) = match (model, older) {
        (Some(new), Some(old)) => (
            site.config
                .level_ids()
                .iter()
                .map(|l| level_changes(site, l, old, new))
                .collect(),
            competence_changes(old, new),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let niveaus: Vec<LevelChanges> = niveaus
        .into_iter()
        .filter(|n: &LevelChanges| {
            !(n.toegevoegd.is_empty()
                && n.vervallen.is_empty()
                && n.verschoven.is_empty()
                && n.activiteiten.is_empty()
                && n.kennis.is_empty())
        })
        .collect();
    VersionCtx {
        anchor: anchor(&e.commit),
        versie: e.versie.clone(),
        vastgesteld_tekst: e.vastgesteld.as_deref().map(super::html::dutch_date),
        vastgesteld: e.vastgesteld.clone(),
        datum: date::iso(e.seconds),
        datum_tekst: date::dutch(e.seconds),
        commit: e.commit.get(..10).unwrap_or(&e.commit).to_string(),
        te_tonen: model.is_some(),
        vergeleken: model.is_some() && older.is_some(),
        eerste: false,
        alleen_versie: model.is_some()
            && older.is_some()
            && niveaus.is_empty()
            && competenties.is_empty(),
        niveaus,
        competenties,
    }
}

/// The page of changes of familie `f`.
pub fn views(site: &Site, f: &Familie<'_>) -> Vec<View<'static>> {
    let url = url(site, f);
    let linker = Linker::for_url(&url);
    let versions: &[Version] = site
        .history
        .versions
        .get(&f.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let models: Vec<Option<Model>> = versions.iter().map(|v| parse(site, &v.files)).collect();
    let list: Vec<VersionCtx> = versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let older = models.get(i + 1).and_then(Option::as_ref);
            let mut ctx = version_ctx(site, v, models[i].as_ref(), older);
            ctx.eerste = i + 1 == versions.len();
            ctx
        })
        .collect();
    let breadcrumbs = f.breadcrumbs(site);
    vec![View {
        title: format!("Wijzigingen {}", f.title(site)),
        samenvatting: Some(
            "Elke vastgestelde versie van de functiefamilie, de nieuwste eerst, en per niveau wat er veranderde.".into(),
        ),
        template: "views/wijzigingen.html",
        breadcrumbs,
        data: Data::of(&WijzigingenCtx {
            familie: Link {
                title: f.title(site),
                url: linker.link(f.url(site)),
            },
            profielen_url: linker.link(&format!("{}niveau/", f.url(site))),
            versies: list,
            geschiedenis: site.history.is_known(),
        }),
        sources: f.sources(site),
        url,
    }]
}

/// For a profile: the link to the entry of the version before the current one, if any. The
/// current one is the family's `versie`/`vastgesteld` now; the previous one is the newest
/// established version that differs from it.
pub fn previous(
    site: &Site,
    f: &Familie<'_>,
    versie: Option<&str>,
    vastgesteld: Option<&str>,
    linker: &Linker,
) -> Option<serde_json::Value> {
    let versions = site.history.versions.get(&f.id)?;
    let prev = versions.iter().find(|v| {
        (
            v.established.versie.as_deref(),
            v.established.vastgesteld.as_deref(),
        ) != (versie, vastgesteld)
    })?;
    Some(json!({
        "versie": prev.established.versie,
        "url": format!("{}#{}", linker.link(&url(site, f)), anchor(&prev.established.commit)),
    }))
}
