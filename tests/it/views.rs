//! The generated views (functieprofielen, comparisons, matrices, per level and per role), built
//! by the real binary from `tests/fixtures/views-basic` copied to a temp dir.
//!
//! The fixture has levels A–D and result areas 1–5 from A, 6–8 from B, 9–11 from C and 12 from
//! D; the criterion "Coördinatie van projecten" has no cell for A. A failing case copies the
//! fixture and breaks one file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::copy_dir;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/views-basic");

/// The fixture in a temp dir, with `edit` applied to it before the build.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new(FIXTURE), &dir.path().join("site"));
        Case { dir }
    }

    fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn replace(&self, file: &str, from: &str, to: &str) -> &Self {
        let path = self.site().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(&self, file: &str, text: &str) -> &Self {
        let path = self.site().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn build(&self) -> Output {
        Command::new(env!("CARGO_BIN_EXE_handboek"))
            .arg("build")
            .arg(self.site())
            .arg("--out")
            .arg(self.out())
            .output()
            .unwrap()
    }

    fn built(&self) -> &Self {
        let out = self.build();
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }

    fn html(&self, url: &str) -> String {
        let path = self.out().join(url).join("index.html");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// The numbers `n` of every `id="resultaatgebied-n"` in `html`.
fn area_ids(html: &str) -> Vec<u32> {
    html.match_indices("id=\"resultaatgebied-")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

fn failing(case: &Case) -> String {
    let out = case.build();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the build should fail with exit 1"
    );
    assert!(!case.out().exists(), "nothing may be published");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn b_profile_holds_result_areas_1_to_8_and_not_9() {
    let case = Case::new();
    case.built();
    let html = case.html("functiefamilie/proef/niveau/b");
    assert_eq!(area_ids(&html), (1..=8).collect::<Vec<_>>());
    assert!(html.contains("Activiteit 8.2 van het gebied."));
    assert!(!html.contains("Gebied nummer 9"));
    assert!(html.contains("<dt>Schaal</dt><dd>8</dd>"));
    assert!(html.contains("<dt>Denkniveau</dt><dd>hbo</dd>"));
    assert!(
        html.contains("<dd>2.1</dd>"),
        "version from the front matter"
    );
    assert!(html.contains(r#"<time datetime="2024-03-15">15 maart 2024</time>"#));
    assert!(html.contains("Typering van niveau B."));
    assert!(html.contains("Het doel van de proeffunctie."));
    assert!(html.contains("Probleemoplossend vermogen"), "competences");
    assert!(html.contains("Expertise jeugd"), "expertise areas");
    assert!(
        html.contains(r#"href="../../../../handboek/passages/""#),
        "links in the familie's text point at the right page from the profile"
    );
}

#[test]
fn a_cell_missing_at_level_a_is_absent_from_the_a_profile() {
    let case = Case::new();
    case.built();
    let a = case.html("functiefamilie/proef/niveau/a");
    let kennis = between(&a, "<table class=\"matrix kennis\"", "</table>");
    assert!(kennis.contains("Je hebt basiskennis van de sociale kaart."));
    assert!(!kennis.contains("Coördinatie van projecten"));
    let b = case.html("functiefamilie/proef/niveau/b");
    assert!(b.contains("Coördinatie van projecten"));
    assert_eq!(area_ids(&a), (1..=5).collect::<Vec<_>>());
}

#[test]
fn comparison_a_to_c_lists_areas_6_to_11_as_added_with_a_word_diff() {
    let case = Case::new();
    case.built();
    let html = case.html("functiefamilie/proef/vergelijk/a-c");
    let added = between(&html, "class=\"gebiedenlijst erbij\"", "</ul>");
    assert_eq!(area_ids(added), (6..=11).collect::<Vec<_>>());
    assert!(!html.contains("class=\"gebiedenlijst vervallen\""));
    assert!(html.contains("Je hebt <del>basiskennis</del> van de sociale kaart."));
    assert!(html.contains("Je hebt <ins>specifieke expertise</ins> van de sociale kaart."));
    let row = between(&html, "Coördinatie van projecten", "</tr>");
    assert!(row.contains("niet gevraagd"));
    let back = case.html("functiefamilie/proef/vergelijk/c-a");
    let dropped = between(&back, "class=\"gebiedenlijst vervallen\"", "</ul>");
    assert_eq!(area_ids(dropped), (6..=11).collect::<Vec<_>>());
}

#[test]
fn every_ordered_pair_and_the_chooser_are_rendered() {
    let case = Case::new();
    case.built();
    for a in ["a", "b", "c", "d"] {
        for b in ["a", "b", "c", "d"] {
            let path = case
                .out()
                .join(format!("functiefamilie/proef/vergelijk/{a}-{b}/index.html"));
            assert_eq!(path.exists(), a != b, "{}", path.display());
        }
    }
    let chooser = case.html("functiefamilie/proef/vergelijk");
    assert!(chooser.contains(r#"href="../../../functiefamilie/proef/vergelijk/b-d/""#));
}

#[test]
fn matrices_are_accessible_tables() {
    let case = Case::new();
    case.built();
    let html = case.html("functiefamilie/proef/matrix");
    assert_eq!(html.matches("<caption id=").count(), 2);
    assert_eq!(
        html.matches(r#"<div class="tabel-scroll" tabindex="0" role="region" aria-labelledby=""#)
            .count(),
        2,
        "each wide table scrolls in a focusable box named by its caption"
    );
    assert!(html.contains(r#"<th scope="col">"#) && html.contains(r#"<th scope="row">"#));
    let row9 = between(&html, "Gebied nummer 9</a></th>", "</tr>");
    assert_eq!(row9.matches("class=\"ja\"").count(), 2, "area 9: C and D");
    assert_eq!(row9.matches("class=\"nee\"").count(), 2);
}

#[test]
fn a_vanaf_c_passage_is_marked_for_c_and_d_only() {
    let case = Case::new();
    case.built();
    let html = case.html("handboek/passages");
    let passage = between(&html, "<div class=\"voor\" data-niveaus=\"C D\"", "</div>");
    assert!(passage.contains("Alleen voor niveau C en D."));
    assert!(html.contains(r#"<div class="voor" data-niveaus="A B" data-rollen="">"#));
    let c = case.html("niveau/c");
    let passages = between(&c, "id=\"passages\"", "</section>");
    assert!(passages.contains("Passages per niveau"));
}

#[test]
fn per_level_and_per_role_pages_group_what_applies_with_counts() {
    let case = Case::new();
    case.built();
    let a = case.html("niveau/a");
    let dilemmas = between(&a, "<section class=\"groep\" id=\"dilemmas\"", "</section>");
    assert!(
        dilemmas.contains("<span data-telling>2</span>"),
        "{dilemmas}"
    );
    assert!(!dilemmas.contains("Dilemma b-hr-werkbegeleider"));
    assert!(dilemmas.contains("Dilemma a-b-hr"));
    assert!(!dilemmas.contains("Dilemma vanaf-c-coach"));
    assert!(a.contains("Functieprofiel Coach A"));
    let hr = case.html("rol/hr-adviseur");
    let special = between(&hr, "id=\"speciaal-dilemmas\"", "</section>");
    assert!(special.contains("<span data-telling>2</span>"), "{special}");
    assert!(!hr.contains("Dilemma vanaf-c-coach"));
    assert!(
        hr.contains(r#"data-niveaus="A B""#),
        "items carry their levels for the filter"
    );
    for url in ["niveau", "rol", "functiefamilie/proef/niveau"] {
        case.html(url);
    }
}

#[test]
fn overviews_carry_the_filter_attributes() {
    let case = Case::new();
    case.built();
    let html = case.html("dilemmas/overzicht");
    assert!(html.contains(
        r#"data-niveaus="A B" data-rollen="hr-adviseur" data-expertise="expertisegebieden-jeugd expertisegebieden-schulden""#
    ));
    assert!(html.contains(r#"<option value="expertisegebieden-schulden">"#));
    let exp = case.html("expertisegebieden/overzicht");
    assert!(exp.contains("Kenmerk schulden."));
    assert!(
        !html.contains(" style=") && !html.contains("<script>"),
        "CSP: no inline"
    );
}

#[test]
fn views_are_deterministic() {
    let one = Case::new();
    one.built();
    let two = Case::new();
    two.built();
    for url in [
        "functiefamilie/proef/niveau/b",
        "functiefamilie/proef/vergelijk/a-c",
        "niveau/b",
        "rol/hr-adviseur",
        "dilemmas/overzicht",
    ] {
        assert_eq!(one.html(url), two.html(url), "{url}");
    }
}

#[test]
fn unknown_level_in_a_result_area_is_an_error_with_file_and_line() {
    let case = Case::new();
    case.replace(
        "functiefamilie/proef/resultaatgebieden/09-gebied-9.md",
        "vanaf: C",
        "vanaf: E",
    );
    let err = failing(&case);
    assert!(
        err.contains("functiefamilie/proef/resultaatgebieden/09-gebied-9.md:4:8: unknown level `E` in `vanaf`"),
        "{err}"
    );
}

#[test]
fn unknown_level_in_the_knowledge_matrix_is_an_error_with_file_and_line() {
    let case = Case::new();
    case.replace(
        "functiefamilie/proef/kennis-en-ervaring.yaml",
        "      B: \"Je werkt mee",
        "      E: \"Je werkt mee",
    );
    let err = failing(&case);
    assert!(
        err.contains("functiefamilie/proef/kennis-en-ervaring.yaml:10:7: unknown level `E`"),
        "{err}"
    );
}

#[test]
fn unknown_level_in_a_passage_is_an_error_with_file_and_line() {
    let case = Case::new();
    case.replace("handboek/passages.md", "vanaf=C", "vanaf=E");
    let err = failing(&case);
    assert!(
        err.contains("handboek/passages.md:7:1: unknown level `E` in a `::: niveau` passage"),
        "{err}"
    );
}

#[test]
fn a_page_on_a_view_url_is_an_error() {
    let case = Case::new();
    case.write("niveau/b.md", "---\ntitle: Mijn eigen B\n---\n\nTekst.\n");
    let err = failing(&case);
    assert!(err.contains("niveau/b.md"), "{err}");
    assert!(err.contains("is needed for the generated page"), "{err}");
}

#[test]
fn pages_link_to_their_views_and_lists_carry_filter_attributes() {
    let case = Case::new();
    case.built();
    let familie = case.html("functiefamilie/proef");
    let links = between(&familie, "<nav class=\"weergaven\"", "</nav>");
    assert!(
        links.contains(r#"href="../../functiefamilie/proef/niveau/b/">Functieprofiel Coach B"#)
    );
    assert!(links.contains(r#"href="../../functiefamilie/proef/vergelijk/""#));
    assert!(links.contains(r#"href="../../functiefamilie/proef/matrix/""#));
    assert!(
        links.contains(r#"href="../../functiefamilie/proef/niveau/">Alle functieprofielen"#),
        "the index of the profiles is linked from the familie"
    );
    let section = case.html("dilemmas");
    assert!(section.contains(r#"href="../dilemmas/overzicht/""#));
    assert!(section.contains(r#"data-niveaus="C D" data-rollen="wijkcoach""#));
    let home = case.html("");
    assert!(home.contains(r#"<div id="filterkeuze" hidden><details class="filterkeuze-uitklap">"#));
    assert!(home.contains(r#"<form class="filterkeuze" aria-label="Mijn niveau en rol">"#));
    assert!(home.contains(r#"href="niveau/">Alle niveaus op een rij"#));
    assert!(home.contains(r#"href="rol/">Alle rollen op een rij"#));
    assert!(home.contains(r#"<option value="hr-adviseur">HR-adviseur</option>"#));
}

/// Every `index.html` under `dir` as a URL relative to the site root (`a/b/`), the published
/// pages only (not the metadata folder, the search page or the 404 page).
fn page_urls(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().unwrap().is_dir() {
            if prefix.is_empty() && (name == ".handboek" || name == "zoeken") {
                continue;
            }
            page_urls(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name == "index.html" {
            out.push(prefix.to_string());
        }
    }
}

#[test]
fn the_sitemap_lists_every_page_generated_ones_included_with_absolute_urls() {
    let case = Case::new();
    case.replace(
        "handbook.yaml",
        "base_url: /",
        "base_url: https://intranet.example/handboek/",
    )
    .built();
    let xml = std::fs::read_to_string(case.out().join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    for loc in &locs {
        assert!(
            loc.starts_with("https://intranet.example/handboek/"),
            "not absolute: {loc}"
        );
    }
    let mut pages = Vec::new();
    page_urls(&case.out(), "", &mut pages);
    pages.sort();
    for page in &pages {
        let url = format!("https://intranet.example/handboek/{page}");
        assert!(locs.contains(&url.as_str()), "{url} is not in the sitemap");
    }
    for generated in [
        "functiefamilie/proef/niveau/b/",
        "functiefamilie/proef/niveau/",
        "functiefamilie/proef/vergelijk/a-c/",
        "functiefamilie/proef/matrix/",
        "niveau/",
        "niveau/b/",
        "rol/",
        "rol/hr-adviseur/",
        "dilemmas/overzicht/",
    ] {
        let url = format!("https://intranet.example/handboek/{generated}");
        assert!(locs.contains(&url.as_str()), "{url} is not in the sitemap");
    }
    assert_eq!(locs.len(), pages.len(), "each page once: {locs:#?}");
}

/// The icon a page links to (`<link rel="icon" href="…">`), read from the output.
fn favicon(case: &Case) -> Vec<u8> {
    let home = case.html("");
    let href = home
        .split(r#"<link rel="icon" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the icon");
    assert!(
        href.starts_with("favicon.") && href.ends_with(".svg"),
        "{href}"
    );
    std::fs::read(case.out().join(href)).unwrap()
}

#[test]
fn every_page_links_a_favicon_that_the_handbook_can_override() {
    let case = Case::new();
    case.built();
    let shipped = favicon(&case);
    assert!(String::from_utf8_lossy(&shipped).contains("<svg"));
    let profile = case.html("functiefamilie/proef/niveau/b");
    assert!(profile.contains(r#"<link rel="icon" href="../../../../favicon."#));
    let own = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>"#;
    case.write("static/favicon.svg", own).built();
    assert_eq!(favicon(&case), own.as_bytes());
}
