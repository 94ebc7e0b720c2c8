//! The plan of the views: which exist for the shipped handbook and for one without a
//! functiefamilie, their URLs, and that the views and page links take them from the plan.

use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::content::Kind;
use crate::site::Site;
use crate::views::all_views;

fn load(dir: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    match crate::build::load(&root, None, &[]) {
        Ok(loaded) => loaded.site,
        Err(problems) => panic!("{dir} does not load: {problems:?}"),
    }
}

fn link_titles(views: &Views, site: &Site, id: &str) -> Vec<(String, String)> {
    let i = site.by_id[id];
    views
        .links_for(i)
        .iter()
        .map(|l| (l.title.clone(), l.url.clone()))
        .collect()
}

#[test]
fn the_shipped_handbook_has_one_familie_with_its_profiles_comparisons_and_matrix() {
    let site = load("handbook");
    let views = plan(&site);
    let ids: Vec<&str> = views
        .families
        .iter()
        .map(|f| f.familie.id.as_str())
        .collect();
    assert_eq!(ids, ["wijkcoach"]);
    let f = &views.families[0];
    assert_eq!(f.index_url, "functiefamilie/wijkcoach/niveau/");
    let profiles: Vec<&str> = f.profiles.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        profiles,
        [
            "functiefamilie/wijkcoach/niveau/a/",
            "functiefamilie/wijkcoach/niveau/b/",
            "functiefamilie/wijkcoach/niveau/c/",
            "functiefamilie/wijkcoach/niveau/d/",
        ]
    );
    assert_eq!(f.pairs.len(), 12, "every ordered pair of four levels");
    assert_eq!(
        f.pair_url("B", "C"),
        "functiefamilie/wijkcoach/vergelijk/b-c/"
    );
    assert!(f.has_chooser);
    assert_eq!(f.chooser_url, "functiefamilie/wijkcoach/vergelijk/");
    assert_eq!(f.matrix_url, "functiefamilie/wijkcoach/matrix/");
    let levels: Vec<&str> = views.levels.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(levels, ["niveau/a/", "niveau/b/", "niveau/c/", "niveau/d/"]);
    assert_eq!(views.roles.len(), 8);
    assert!(views.roles.iter().any(|r| r.url == "rol/hr-adviseur/"));
    assert_eq!(views.level_index.as_deref(), Some("niveau/"));
    assert_eq!(views.role_index.as_deref(), Some("rol/"));
    let overviews: Vec<(Kind, &str)> = views
        .overviews
        .iter()
        .map(|o| (o.kind, o.url.as_str()))
        .collect();
    assert_eq!(
        overviews,
        [
            (Kind::Dilemma, "dilemmas/overzicht/"),
            (Kind::Expertisegebied, "expertisegebieden/overzicht/")
        ]
    );
    let dilemmas = views.overview(Kind::Dilemma).map(|o| o.pages.len());
    assert_eq!(dilemmas, Some(site.of_kind(Kind::Dilemma).count()));
}

#[test]
fn the_familie_page_and_the_collections_link_to_their_views() {
    let site = load("handbook");
    let views = plan(&site);
    let familie = link_titles(&views, &site, "functiefamilie/wijkcoach");
    let titles: Vec<&str> = familie.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles[0], "Alle functieprofielen");
    assert_eq!(
        titles[titles.len() - 3..],
        [
            "Twee niveaus vergelijken",
            "Matrices per niveau",
            "Wijzigingen"
        ]
    );
    assert_eq!(
        titles.len(),
        4 + 4,
        "one link per level besides the four others"
    );
    assert_eq!(
        link_titles(&views, &site, "dilemmas"),
        [(
            "Overzicht van de dilemma's, te filteren".to_string(),
            "dilemmas/overzicht/".to_string()
        )]
    );
    assert_eq!(
        link_titles(&views, &site, "expertisegebieden")[0].1,
        "expertisegebieden/overzicht/"
    );
    // A page that is not a familie or a collection links to no view.
    assert!(link_titles(&views, &site, "functiefamilie").is_empty());
    assert!(link_titles(&views, &site, "").is_empty());
}

#[test]
fn a_handbook_without_a_functiefamilie_plans_no_profiles() {
    let site = load("tests/fixtures/minimal");
    let views = plan(&site);
    assert!(views.families.is_empty());
    let urls = views.urls();
    assert!(
        urls.iter()
            .all(|u| !u.contains("vergelijk") && !u.contains("matrix"))
    );
    assert_eq!(views.levels.len(), 4);
    assert_eq!(views.roles.len(), 2);
    assert!(urls.contains(&"dilemmas/overzicht/".to_string()));
    assert!(views.overview(Kind::Expertisegebied).is_none());
    let linked: usize = (0..site.pages.len())
        .map(|i| views.links_for(i).len())
        .sum();
    assert_eq!(linked, 1, "only the dilemmas link to their overview");
}

/// The views make exactly the pages of the plan, at its URLs, each once; every link a page
/// shows leads to one of them. A URL computed anywhere but in the plan would drift from it.
#[test]
fn the_views_are_the_plan_and_nothing_is_planned_twice() {
    for dir in [
        "handbook",
        "tests/fixtures/minimal",
        "tests/fixtures/views-basic",
    ] {
        let site = load(dir);
        let views = plan(&site);
        let urls = views.urls();
        let unique: HashSet<&String> = urls.iter().collect();
        assert_eq!(unique.len(), urls.len(), "{dir}: a URL planned twice");
        let (made, _) = all_views(&site, &views);
        let made: Vec<String> = made.into_iter().map(|v| v.url).collect();
        assert_eq!(made, urls, "{dir}: the views differ from the plan");
        for i in 0..site.pages.len() {
            for l in views.links_for(i) {
                assert!(unique.contains(&l.url), "{dir}: {} is not planned", l.url);
            }
        }
    }
}
