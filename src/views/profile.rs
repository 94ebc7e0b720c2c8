//! Functieprofielen: one printable page per level of a functiefamilie, and their index.

use serde::Serialize;

use super::familie::AreaCtx;
use super::{Data, Extra, FamilieViews, LevelInfo, Link, View, html, level_info};
use crate::content::Kind;
use crate::content::front_matter::Competentie;
use crate::site::Site;
use crate::url_path::Linker;

/// A link with a label, for lists of other views.
#[derive(Serialize)]
pub struct ViewLink {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
struct ExpertiseCtx {
    title: String,
    url: String,
    kenmerk: Option<String>,
    vakgebied: Option<String>,
}

#[derive(Serialize)]
struct KennisRow<'a> {
    naam: &'a str,
    tekst: &'a str,
}

/// `view` of `views/profiel.html`: one level's functieprofiel.
#[derive(Serialize)]
struct ProfileCtx<'a> {
    familie: ViewLink,
    level: LevelInfo,
    versie: Option<&'a str>,
    vastgesteld: Option<&'a str>,
    vastgesteld_tekst: Option<String>,
    weging: Option<&'a str>,
    doel: Option<&'a str>,
    typering: Option<&'a str>,
    plaats: Option<String>,
    areas: Vec<AreaCtx>,
    kennis: Vec<KennisRow<'a>>,
    competenties: &'a [Competentie],
    eisen: Option<ViewLink>,
    expertise: Vec<ExpertiseCtx>,
    profiles: Vec<ViewLink>,
    comparisons: Vec<ViewLink>,
    matrix_url: String,
    print_css: String,
    /// The page of established versions, and the entry of the version before this one.
    wijzigingen_url: String,
    vorige: Option<serde_json::Value>,
    /// The PDF of this profile, next to the page (see src/pdf/).
    pdf: String,
}

/// `view` of `views/profielen.html`: the index of a familie's profiles.
#[derive(Serialize)]
struct ProfilesCtx<'a> {
    familie: Link<'a>,
    levels: Vec<ProfileEntry>,
    compare_url: String,
    matrix_url: String,
}

/// One level in the index of profiles: the level, its profile, how many result areas it has.
#[derive(Serialize)]
struct ProfileEntry {
    level: LevelInfo,
    url: String,
    areas: usize,
}

/// The profiles of one familie, their print stylesheets, and the index of profiles.
pub fn views(site: &Site, fv: &FamilieViews<'_>) -> (Vec<View<'static>>, Vec<Extra>) {
    let mut views = Vec::new();
    let mut extras = Vec::new();
    for profile in &fv.profiles {
        let (level, url) = (&profile.id, profile.url.clone());
        let linker = Linker::for_url(&url);
        let info = level_info(site, level);
        let title = format!("Functieprofiel {}", info.name);
        let canonical = format!("{}{url}", site.config.base_url);
        extras.push(Extra {
            path: format!("{url}afdruk.css"),
            bytes: format!(
                "@page {{\n  @bottom-left {{ content: {}; }}\n}}\n",
                html::css_string(&format!("{title} · {canonical}"))
            )
            .into_bytes(),
        });
        let data = profile_ctx(site, fv, level, info, &linker, &url);
        views.push(View {
            samenvatting: Some(format!(
                "Wat {} doet, kent en kan: resultaatgebieden, kennis en ervaring, competenties.",
                data.level.name
            )),
            url,
            template: "views/profiel.html",
            title,
            breadcrumbs: profile_breadcrumbs(site, fv),
            data: Data::of(&data),
            sources: fv.familie.sources(site),
        });
    }
    views.push(index_view(site, fv));
    (views, extras)
}

fn profile_ctx<'a>(
    site: &'a Site,
    fv: &FamilieViews<'a>,
    level: &str,
    info: LevelInfo,
    linker: &Linker,
    url: &str,
) -> ProfileCtx<'a> {
    let f = &fv.familie;
    let fam = &site.pages[f.page];
    let meta = &fam.page.meta;
    let eisen = f.eisen.map(|i| &site.pages[i].page);
    let kennis = f
        .matrix
        .map(|m| {
            m.criteria
                .iter()
                .filter_map(|c| {
                    c.at(level).map(|tekst| KennisRow {
                        naam: &c.naam,
                        tekst,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let expertise = expertise_at(site, level)
        .map(|p| ExpertiseCtx {
            title: p.title.clone(),
            url: linker.link(&p.url),
            kenmerk: p.meta.kenmerk.clone(),
            vakgebied: p.meta.vakgebied.clone(),
        })
        .collect();
    ProfileCtx {
        familie: ViewLink {
            title: fam.page.title.clone(),
            url: linker.link(&fam.page.url),
            current: false,
        },
        versie: meta.versie.as_deref(),
        vastgesteld: meta.vastgesteld.as_deref(),
        vastgesteld_tekst: meta.vastgesteld.as_deref().map(html::dutch_date),
        weging: meta.weging.as_deref(),
        doel: meta.doel.as_deref(),
        typering: meta
            .typering
            .as_ref()
            .and_then(|t| t.get(level))
            .map(String::as_str),
        plaats: html::section(&fam.rendered.html, "plaats-in-de-organisatie")
            .map(|s| html::rebase(s, &fam.page.url, &linker.root)),
        areas: f
            .areas_at(site, level)
            .map(|i| f.area_ctx(site, i, linker))
            .collect(),
        kennis,
        competenties: eisen
            .and_then(|p| p.meta.competenties.as_deref())
            .unwrap_or_default(),
        eisen: eisen.map(|p| ViewLink {
            title: p.title.clone(),
            url: linker.link(&p.url),
            current: false,
        }),
        expertise,
        profiles: profile_links(site, fv, linker, Some(level)),
        comparisons: site
            .config
            .level_ids()
            .iter()
            .filter(|other| *other != level)
            .map(|other| ViewLink {
                title: format!("{} met {}", info.name, level_info(site, other).name),
                url: linker.link(&fv.pair_url(level, other)),
                current: false,
            })
            .collect(),
        matrix_url: linker.link(&fv.matrix_url),
        print_css: linker.link(&format!("{url}afdruk.css")),
        wijzigingen_url: linker.link(&super::wijzigingen::url(site, f)),
        vorige: super::wijzigingen::previous(
            site,
            f,
            meta.versie.as_deref(),
            meta.vastgesteld.as_deref(),
            linker,
        ),
        pdf: crate::pdf::file_name(&f.id, level),
        level: info,
    }
}

/// The expertise areas open to `level`, in reading order: what its profile lists (on the page
/// and in the PDF).
pub fn expertise_at<'s>(
    site: &'s Site,
    level: &'s str,
) -> impl Iterator<Item = &'s crate::content::page::Page> + 's {
    site.of_kind(Kind::Expertisegebied)
        .map(|i| &site.pages[i].page)
        .filter(move |p| p.levels.iter().any(|l| l == level))
}

/// A link to the profile of every level; `current` marks one.
pub fn profile_links(
    site: &Site,
    fv: &FamilieViews<'_>,
    linker: &Linker,
    current: Option<&str>,
) -> Vec<ViewLink> {
    site.config
        .levels
        .iter()
        .map(|l| ViewLink {
            title: l.name.clone(),
            url: linker.link(&fv.profile_url(&l.id)),
            current: current == Some(l.id.as_str()),
        })
        .collect()
}

/// A profile sits under the index of the familie's profiles.
fn profile_breadcrumbs(site: &Site, fv: &FamilieViews<'_>) -> Vec<(String, String)> {
    let mut crumbs = fv.familie.breadcrumbs(site);
    crumbs.push((
        format!("Functieprofielen {}", fv.familie.id),
        fv.index_url.clone(),
    ));
    crumbs
}

/// `<familie>/niveau/`: the profiles, the comparison chooser and the matrices of one familie.
fn index_view(site: &Site, fv: &FamilieViews<'_>) -> View<'static> {
    let f = &fv.familie;
    let url = fv.index_url.clone();
    let linker = Linker::for_url(&url);
    let data = ProfilesCtx {
        familie: Link {
            title: f.title(site),
            url: linker.link(f.url(site)),
        },
        levels: site
            .config
            .levels
            .iter()
            .map(|l| ProfileEntry {
                level: level_info(site, &l.id),
                url: linker.link(&fv.profile_url(&l.id)),
                areas: f.areas_at(site, &l.id).count(),
            })
            .collect(),
        compare_url: linker.link(&fv.chooser_url),
        matrix_url: linker.link(&fv.matrix_url),
    };
    View {
        title: format!("Functieprofielen {}", f.id),
        samenvatting: Some("Eén afdrukbaar functieprofiel per niveau.".into()),
        template: "views/profielen.html",
        breadcrumbs: f.breadcrumbs(site),
        data: Data::of(&data),
        sources: f.sources(site),
        url,
    }
}
