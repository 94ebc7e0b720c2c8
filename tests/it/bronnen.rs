//! Sources (`bronnen`): a page shows the sources it names at its foot and "Eigen uitwerking" when
//! it names none; the functieprofiel shows the weging and the scale's qualification instead of an
//! invented version; an unknown source id is an error with a suggestion; `check --strict` fails on
//! a page of the functiefamilie without a source. Fixture: `tests/fixtures/bronnen`.

use crate::support;

use support::{TestSite, stderr, stdout};

/// The text of the first `<section class="bronnen…">` of a page.
fn foot(html: &str) -> &str {
    let start = html
        .find("<section class=\"bronnen")
        .unwrap_or_else(|| panic!("no sources section in:\n{html}"));
    let len = html[start..].find("</section>").expect("closed section");
    &html[start..start + len]
}

#[test]
fn a_page_shows_its_sources_once_each_and_in_order() {
    let t = TestSite::new("bronnen");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = t.read("handboek/met-bron/index.html");
    let foot = foot(&html);
    assert!(
        foot.contains("<cite>De proefbron</cite>, Proefstichting (2017)"),
        "{foot}"
    );
    assert!(
        foot.contains("<cite>Een blog zonder uitgever</cite>, Een schrijver</li>"),
        "a field the source does not give is left out: {foot}"
    );
    assert_eq!(foot.matches("<li>").count(), 2, "named twice, shown once");
    assert!(
        foot.find("De proefbron") < foot.find("Een blog"),
        "in the order named"
    );
    assert!(!foot.contains("Eigen uitwerking"), "{foot}");
}

#[test]
fn a_page_without_sources_is_marked_as_our_own() {
    let t = TestSite::new("bronnen");
    assert!(t.build(&[]).status.success());
    let html = t.read("handboek/zonder-bron/index.html");
    let foot = foot(&html);
    assert!(foot.contains("Eigen uitwerking"), "{foot}");
    assert!(!foot.contains("<cite>"), "{foot}");
    // The home page, rendered by index.html, has the foot too.
    assert!(foot_of_home(&t).contains("Eigen uitwerking"));
}

fn foot_of_home(t: &TestSite) -> String {
    foot(&t.read("index.html")).to_string()
}

#[test]
fn the_functieprofiel_shows_the_weging_and_no_invented_version() {
    let t = TestSite::new("bronnen");
    assert!(t.build(&[]).status.success());
    let html = t.read("functiefamilie/proef/niveau/b/index.html");
    assert!(
        html.contains("<dt>Weging</dt><dd>functieweging door een bureau (december 2017)</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd>8 met uitloop (indicatief, nog niet gewogen)</dd>"),
        "the scale with what qualifies it: {html}"
    );
    assert!(!html.contains("Versie"), "no version where none is given");
    assert!(!html.contains("Vastgesteld"), "no date where none is given");
    assert!(
        html.contains("weging: functieweging door een bureau (december 2017).</p>"),
        "the printed foot names the weging"
    );
    // The sources of the pages the profile is made of.
    assert!(foot(&html).contains("<cite>De proefbron</cite>"));
    // Area 2 has an empty `resultaat`: no empty "Resultaat:" line, on the profile or the page.
    assert_eq!(html.matches("<strong>Resultaat:</strong>").count(), 1);
    let area = t.read("functiefamilie/proef/resultaatgebieden/02-zonder-resultaat/index.html");
    assert!(!area.contains("Resultaat:"), "{area}");
    let familie = t.read("functiefamilie/proef/index.html");
    assert!(familie.contains("Weging: functieweging door een bureau"));
}

#[test]
fn an_unknown_source_is_an_error_with_a_suggestion() {
    let t = TestSite::new("bronnen");
    t.write(
        "handboek/zonder-bron.md",
        "---\ntitle: Zonder bron\nsamenvatting: \"Kort.\"\nbronnen: [proefbrn]\n---\n\nTekst.\n",
    );
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        "handboek/zonder-bron.md:4:",
        "unknown source `proefbrn` in `bronnen`",
        "did you mean `proefbron`?",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn an_unknown_source_far_from_any_lists_the_known_ones() {
    let t = TestSite::new("bronnen");
    t.write(
        "handboek/zonder-bron.md",
        "---\ntitle: Zonder bron\nsamenvatting: \"Kort.\"\nbronnen: [xyz]\n---\n\nTekst.\n",
    );
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("known sources: proefbron, blogbron"), "{err}");
}

#[test]
fn check_strict_lists_functiefamilie_pages_without_a_source() {
    let t = TestSite::new("bronnen");
    let o = t.run(&["check", "site"]);
    let err = stderr(&o);
    assert!(o.status.success(), "a warning only: {err}");
    // The message wraps at the terminal width: look for its parts.
    let warning = "03-zonder-bron.md:2:1: this page of the functiefamilie";
    assert!(err.contains(warning), "missing `{warning}` in:\n{err}");
    assert!(err.contains("names no source (`bronnen`)"), "{err}");
    assert!(err.contains("known sources: proefbron,"), "{err}");
    assert!(
        !err.contains("handboek/zonder-bron.md"),
        "pages outside the functiefamilie may be our own: {err}"
    );
    let strict = t.run(&["check", "site", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stdout(&strict));
    assert!(stderr(&strict).contains(warning));

    // Naming the source makes it pass.
    t.write(
        "functiefamilie/proef/resultaatgebieden/03-zonder-bron.md",
        "---\ntitle: Gebied zonder bron\nsamenvatting: \"Nu met bron.\"\nnummer: 3\nvanaf: B\nbronnen: [proefbron]\n---\n\n- Nog een activiteit.\n",
    );
    let strict = t.run(&["check", "site", "--strict"]);
    assert!(
        strict.status.success(),
        "{}{}",
        stderr(&strict),
        stdout(&strict)
    );
}

#[test]
fn a_source_listed_twice_is_an_error() {
    let t = TestSite::new("bronnen");
    let yaml = std::fs::read_to_string(t.site().join("handbook.yaml")).expect("read config");
    t.write(
        "handbook.yaml",
        format!("{yaml}  - id: proefbron\n    title: \"Nog eens\"\n"),
    );
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the source `proefbron` is listed twice"),
        "{err}"
    );
}
