//! The text of every generated page as the search index needs it: what each view shows,
//! split at its headings, with a search type (`functieprofiel`, `vergelijking`, `overzicht`).

use serde_json::Value;

use super::{Data, View, Views, all_views};
use crate::site::Site;

/// Search type of the functieprofielen (one per level, and their index).
pub const FUNCTIEPROFIEL: &str = "functieprofiel";
/// Search type of the comparisons of two levels (and the chooser).
pub const VERGELIJKING: &str = "vergelijking";
/// Search type of every other generated page: matrices, per level, per role, lists.
pub const OVERZICHT: &str = "overzicht";

/// One part of a generated page: a heading with its text, or the intro (no anchor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// A generated page as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// URL relative to the site root, ending in `/`.
    pub url: String,
    pub title: String,
    /// One of [`FUNCTIEPROFIEL`], [`VERGELIJKING`], [`OVERZICHT`].
    pub kind: &'static str,
    /// Titles of the pages above it.
    pub breadcrumb: Vec<String>,
    /// Level ids it is about (every level when it is about all).
    pub levels: Vec<String>,
    /// Role ids it is about (every role when it is about all).
    pub roles: Vec<String>,
    /// The intro first, then one part per heading with text.
    pub parts: Vec<Part>,
}

/// Every generated page of the site with its text, in the order the views are made.
pub fn generated(site: &Site, plan: &Views) -> Vec<Generated> {
    let (views, _) = all_views(site, plan);
    views.iter().map(|v| of_view(site, v)).collect()
}

fn of_view(site: &Site, v: &View) -> Generated {
    let all_levels = site.config.level_ids();
    let all_roles = site.config.role_ids();
    let mut g = Generated {
        url: v.url.clone(),
        title: v.title.clone(),
        kind: OVERZICHT,
        breadcrumb: v.breadcrumbs.iter().map(|(t, _)| t.clone()).collect(),
        levels: all_levels.clone(),
        roles: all_roles,
        parts: Vec::new(),
    };
    let mut intro = Text::default();
    intro.add(v.samenvatting.as_deref());
    let data = match &v.data {
        Data::Ready(d) => Some(d),
        Data::Later(_) => None,
    };
    match (v.template, data) {
        ("views/profiel.html", Some(d)) => {
            g.kind = FUNCTIEPROFIEL;
            if let Some(id) = str_at(d, &["level", "id"]) {
                g.levels = vec![id.to_string()];
            }
            intro.add(str_at(d, &["familie", "title"]));
            // The facts at the top of the profile, as a heading of their own: HR asks for
            // "schaal 8" and must land here first.
            let mut facts = Text::default();
            level_facts(&mut facts, &d["level"]);
            if !facts.0.is_empty() {
                let mut about = text_of(Some(&facts.0));
                about.add(str_at(d, &["level", "omschrijving"]));
                g.part(None, &facts.0, about);
            }
            if let Some(versie) = str_at(d, &["versie"]) {
                intro.add(Some(&format!("Versie {versie}")));
            }
            intro.add(str_at(d, &["vastgesteld_tekst"]));
            g.part_of(Some("typering"), "Typering", str_at(d, &["typering"]));
            g.part_of(Some("doel"), "Doel van de functie", str_at(d, &["doel"]));
            let mut areas = Text::default();
            for a in list(d, "areas") {
                areas.add(str_at(a, &["title"]));
                areas.add(str_at(a, &["resultaat"]));
            }
            g.part(Some("resultaatgebieden"), "Resultaatgebieden", areas);
            let mut kennis = Text::default();
            for k in list(d, "kennis") {
                kennis.add(str_at(k, &["naam"]));
                kennis.add(str_at(k, &["tekst"]));
            }
            g.part(Some("kennis-en-ervaring"), "Kennis en ervaring", kennis);
            let mut comp = Text::default();
            for c in list(d, "competenties") {
                comp.add(str_at(c, &["naam"]));
                comp.add(str_at(c, &["omschrijving"]));
            }
            g.part(Some("competenties"), "Competenties", comp);
            let mut exp = Text::default();
            for e in list(d, "expertise") {
                exp.add(str_at(e, &["title"]));
                exp.add(str_at(e, &["kenmerk"]));
            }
            g.part(Some("expertisegebieden"), "Expertisegebieden", exp);
        }
        ("views/profielen.html", _) => g.kind = FUNCTIEPROFIEL,
        ("views/vergelijk.html", Some(d)) => {
            g.kind = VERGELIJKING;
            g.levels = ["van", "naar"]
                .iter()
                .filter_map(|k| str_at(d, &[k, "id"]).map(String::from))
                .collect();
            let naar = str_at(d, &["naar", "name"]).unwrap_or_default();
            let mut areas = Text::default();
            for (key, label) in [
                ("added", format!("Komen erbij op {naar}:")),
                ("dropped", format!("Horen niet bij {naar}:")),
                ("common", "Op beide niveaus:".to_string()),
            ] {
                let titles: Vec<&str> = list(d, key)
                    .iter()
                    .filter_map(|a| str_at(a, &["title"]))
                    .collect();
                if !titles.is_empty() {
                    areas.add(Some(&label));
                    titles.iter().for_each(|t| areas.add(Some(t)));
                }
            }
            g.part(Some("resultaatgebieden"), "Resultaatgebieden", areas);
            let rows = list(d, "rows");
            let mut kennis = Text::default();
            if !rows.is_empty() {
                // Shown above the table; in the intro too, so "verschil tussen B en C" finds it.
                let changed = d["changed"].as_u64().unwrap_or(0);
                let legend = format!("{changed} van de {} criteria verschillen.", rows.len());
                intro.add(Some(&legend));
                kennis.add(Some(&legend));
            }
            for r in rows {
                kennis.add(str_at(r, &["naam"]));
                for side in ["van", "naar"] {
                    let text: String = list(r, side)
                        .iter()
                        .filter_map(|s| str_at(s, &["text"]))
                        .collect();
                    kennis.add(Some(&text));
                }
            }
            g.part(Some("kennis-en-ervaring"), "Kennis en ervaring", kennis);
        }
        ("views/vergelijk-kiezer.html", _) => g.kind = VERGELIJKING,
        ("views/matrix.html", Some(d)) => {
            for a in list(d, "areas") {
                intro.add(str_at(a, &["title"]));
            }
            for k in list(d, "kennis") {
                intro.add(str_at(k, &["naam"]));
            }
        }
        ("views/niveau.html", _) => {
            if let Some(level) = site
                .config
                .levels
                .iter()
                .find(|l| v.url == super::level_url(&l.id))
            {
                g.levels = vec![level.id.clone()];
                let info = serde_json::json!(super::level_info(site, &level.id));
                level_facts(&mut intro, &info);
                for sp in &site.pages {
                    let t = sp
                        .page
                        .meta
                        .typering
                        .as_ref()
                        .and_then(|t| t.get(&level.id));
                    intro.add(t.map(String::as_str));
                }
            }
        }
        ("views/rol.html", _) => {
            if let Some(role) = site
                .config
                .roles
                .iter()
                .find(|r| v.url == super::role_url(&r.id))
            {
                g.roles = vec![role.id.clone()];
            }
        }
        _ => {}
    }
    g.parts.insert(
        0,
        Part {
            anchor: None,
            heading: String::new(),
            text: intro.0,
        },
    );
    g
}

/// "Schaal 8 · denkniveau hbo" of a level (`LevelInfo` as JSON).
fn level_facts(into: &mut Text, level: &Value) {
    if let Some(s) = str_at(level, &["schaal"]) {
        into.add(Some(&format!("Schaal {s}")));
    }
    if let Some(d) = str_at(level, &["denkniveau"]) {
        if !into.0.is_empty() {
            into.0.push_str(" ·");
        }
        into.add(Some(&format!("denkniveau {d}")));
    }
}

fn text_of(piece: Option<&str>) -> Text {
    let mut t = Text::default();
    t.add(piece);
    t
}

/// Plain text joined from pieces with spaces.
#[derive(Default)]
struct Text(String);

impl Text {
    fn add(&mut self, piece: Option<&str>) {
        let Some(piece) = piece.map(str::trim).filter(|p| !p.is_empty()) else {
            return;
        };
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        self.0.push_str(piece);
    }
}

impl Generated {
    fn part(&mut self, anchor: Option<&str>, heading: &str, text: Text) {
        if !text.0.is_empty() {
            self.parts.push(Part {
                anchor: anchor.map(String::from),
                heading: heading.to_string(),
                text: text.0,
            });
        }
    }

    fn part_of(&mut self, anchor: Option<&str>, heading: &str, text: Option<&str>) {
        self.part(anchor, heading, text_of(text));
    }
}

fn str_at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}
