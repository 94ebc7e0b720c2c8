//! The shipped handbook: it builds without errors or warnings, every page has a summary, and
//! every level and role has content of its own, so no filtered view is empty.

use std::path::Path;

use handboek::content::Kind;

fn shipped() -> handboek::build::Loaded {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    match handboek::build::load(&root, None, &[]) {
        Ok(l) => l,
        Err(problems) => panic!("{}", problems.render()),
    }
}

#[test]
fn shipped_handbook_has_no_problems() {
    let loaded = shipped();
    assert!(loaded.problems.0.is_empty(), "{}", loaded.problems.render());
}

#[test]
fn every_page_has_a_summary() {
    let loaded = shipped();
    let missing: Vec<_> = loaded
        .site
        .pages
        .iter()
        .filter(|p| {
            !p.implicit
                && p.page
                    .meta
                    .samenvatting
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty())
        })
        .map(|p| p.page.source.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "pages without samenvatting: {missing:?}"
    );
}

#[test]
fn every_level_and_role_has_content_of_its_own() {
    let loaded = shipped();
    let site = &loaded.site;
    let passages = |attr: &str, id: &str| {
        site.pages.iter().any(|p| {
            p.rendered
                .html
                .split(&format!("{attr}=\""))
                .skip(1)
                .any(|rest| {
                    rest.split('"')
                        .next()
                        .unwrap_or("")
                        .split(' ')
                        .any(|x| x == id)
                })
        })
    };
    for level in site.config.level_ids() {
        let pages = site
            .pages
            .iter()
            .any(|p| p.page.restricted_levels && p.page.levels.contains(&level));
        assert!(
            pages || passages("data-niveaus", &level),
            "no content tagged for level {level}"
        );
    }
    for role in site.config.role_ids() {
        let pages = site
            .pages
            .iter()
            .any(|p| p.page.restricted_roles && p.page.roles.contains(&role));
        assert!(
            pages || passages("data-rollen", &role),
            "no content tagged for role {role}"
        );
    }
}

#[test]
fn functiefamilie_holds_the_result_areas_matrix_and_competences() {
    let loaded = shipped();
    let site = &loaded.site;
    let mut numbers: Vec<(u32, String)> = site
        .of_kind(Kind::Resultaatgebied)
        .map(|i| {
            let p = &site.pages[i].page;
            (
                p.meta.nummer.unwrap_or(0),
                p.levels.first().cloned().unwrap_or_default(),
            )
        })
        .collect();
    numbers.sort();
    let expected: Vec<(u32, String)> = (1..=14)
        .map(|n| {
            let from = match n {
                1..=5 => "A",
                6..=8 => "B",
                9..=11 => "C",
                _ => "D",
            };
            (n, from.to_string())
        })
        .collect();
    assert_eq!(numbers, expected);
    let matrix = &site.matrices["wijkcoach"];
    assert!(
        matrix.criteria.len() >= 12,
        "{} criteria",
        matrix.criteria.len()
    );
    assert!(
        matrix.criteria.iter().any(|c| c.at("A").is_none()),
        "some rows are empty for A"
    );
    let eisen = site
        .get("functiefamilie/wijkcoach/functie-eisen")
        .expect("functie-eisen.md");
    assert_eq!(
        eisen.page.meta.competenties.as_ref().map(Vec::len),
        Some(11)
    );
    assert_eq!(site.of_kind(Kind::Expertisegebied).count(), 10);
    assert!(site.of_kind(Kind::Dilemma).count() >= 20);
}

#[test]
fn shipped_handbook_passes_check_strict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("check")
        .arg(&root)
        .arg("--strict")
        .output()
        .expect("run handboek check");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{err}{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn what_a_coach_or_hr_looks_for_is_found_in_the_first_hits() {
    use handboek::search::{SearchRequest, Searcher, from_site};
    let loaded = shipped();
    let searcher = Searcher::in_memory(
        &from_site::sections(&loaded.site),
        &from_site::settings(&loaded.site.config),
    )
    .expect("index the shipped handbook");
    for (query, page) in [
        ("112", "handboek/acuut-gevaar"),
        ("crisisdienst", "handboek/acuut-gevaar"),
        ("buiten kantoortijd", "handboek/acuut-gevaar"),
        ("beschikking", "handboek/begrippen"),
        ("zorgmijder", "handboek/begrippen"),
        ("persoonlijk plan", "handboek/wmo-procedure"),
        ("bezwaar", "handboek/wmo-procedure"),
        ("format maatwerkbesluit", "handboek/format-maatwerkbesluit"),
        ("vakgroep", "handboek/vakgroep-en-coaching"),
        ("HCG", "functiefamilie/wijkcoach/werkgever-en-functieweging"),
        (
            "gedetacheerd",
            "functiefamilie/wijkcoach/werkgever-en-functieweging",
        ),
    ] {
        let results = searcher
            .search(&SearchRequest {
                query: query.into(),
                limit: 3,
                ..Default::default()
            })
            .expect("search");
        let pages: Vec<&str> = results.hits.iter().map(|h| h.page_id.as_str()).collect();
        assert!(
            pages.contains(&page),
            "{query:?} should find {page} in the first three hits, found {pages:?}"
        );
    }
}

#[test]
fn shipped_functiefamilie_says_only_what_the_source_says() {
    let loaded = shipped();
    let site = &loaded.site;
    let familie = &site
        .get("functiefamilie/wijkcoach")
        .expect("the familie page")
        .page
        .meta;
    // The source gives no version or date; it gives the HCG weging of December 2017.
    assert_eq!(familie.versie, None);
    assert_eq!(familie.vastgesteld, None);
    assert_eq!(
        familie.weging.as_deref(),
        Some("functieweging door HCG (december 2017)")
    );
    let d = site.config.level("D").expect("level D");
    assert_eq!(
        d.schaal_toelichting.as_deref(),
        Some("indicatief, in afwachting van de weging")
    );
    // The source has a "Resultaat:" sentence for areas 1, 2 and 5 only.
    let mut with_result: Vec<u32> = site
        .of_kind(Kind::Resultaatgebied)
        .map(|i| &site.pages[i].page.meta)
        .filter(|m| m.resultaat.as_deref().is_some_and(|r| !r.trim().is_empty()))
        .filter_map(|m| m.nummer)
        .collect();
    with_result.sort();
    assert_eq!(with_result, vec![1, 2, 5]);
    // Every page of the functiefamilie names its source.
    let unsourced: Vec<String> = site
        .pages
        .iter()
        .filter(|p| !p.implicit && p.page.familie.is_some() && p.page.meta.bronnen.is_empty())
        .map(|p| p.page.source.display().to_string())
        .collect();
    assert!(unsourced.is_empty(), "without bronnen: {unsourced:?}");
}

#[test]
fn shipped_handbook_builds_and_the_profile_shows_the_weging() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("build")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run handboek build");
    crate::support::assert_success(&o);
    let profile = std::fs::read_to_string(out.join("functiefamilie/wijkcoach/niveau/d/index.html"))
        .expect("profile of D");
    assert!(profile.contains("<dt>Weging</dt><dd>functieweging door HCG (december 2017)</dd>"));
    assert!(profile.contains("(indicatief, in afwachting van de weging)"));
    assert!(!profile.contains("<dt>Versie</dt>"), "no invented version");
    assert!(profile.contains("<cite>Functiefamilie wijkcoach A – B – C – D</cite>"));
    let own = std::fs::read_to_string(out.join("handboek/zo-schrijf-je-mee/index.html"))
        .expect("a page of our own");
    assert!(own.contains("Eigen uitwerking"));
}
