//! Browser tests of the views in headless Chromium: the "mijn niveau en rol" filter (over
//! WebDriver) and the A4 print of a functieprofiel (print-to-PDF, read with pdftotext).
//!
//! Without chromium, chromedriver or pdftotext these tests print "skipped: …" and pass, unless
//! HANDBOEK_BROWSER_TESTS=1 is set (CI), where a missing tool fails them.

use crate::support::browser;

use std::path::{Path, PathBuf};
use std::process::Command;

use browser::{Browser, serve_dir};

use crate::support::copy_dir;

/// Every response of the test server carries the policy the intranet sets.
const CSP: &str = "Content-Security-Policy: default-src 'self'\r\n";

/// The first of `names` found on the PATH.
fn find_tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/views-basic");

/// The tool's path, or None after saying why the test is skipped (a failure in CI).
fn require(names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = find_tool(names) {
        return Some(p);
    }
    if std::env::var("HANDBOEK_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        panic!(
            "{} not found, and HANDBOEK_BROWSER_TESTS=1 requires the browser tests to run",
            names[0]
        );
    }
    eprintln!("skipped: {} not found", names[0]);
    None
}

/// The fixture built into `<tmp>/public`.
fn built_site(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    copy_dir(Path::new(FIXTURE), &site);
    let out = tmp.join("public");
    let o = Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("build")
        .arg(&site)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    crate::support::assert_success(&o);
    out
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

const VISIBLE_DILEMMAS: &str = "return Array.from(document.querySelectorAll('.overzicht-item'))\
    .filter(function (e) { return !e.hidden; })\
    .map(function (e) { return e.querySelector('a').textContent; });";

/// Run `script` (a function body) in the page.
fn script(b: &Browser, script: &str) -> serde_json::Value {
    b.execute(script, Vec::new())
}

/// Pick `value` in the header's choice for `field` (`niveau` or `rol`).
fn choose(b: &Browser, field: &str, value: &str) {
    let select = b.wait_for(&format!("#filterkeuze select[data-filter=\"{field}\"]"));
    b.execute(
        "arguments[0].value = arguments[1];\
         arguments[0].dispatchEvent(new Event('change', {bubbles: true})); return null;",
        vec![
            serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": select}),
            serde_json::json!(value),
        ],
    );
}

#[test]
fn choosing_level_b_and_role_hr_filters_the_dilemmas_and_survives_a_reload() {
    let Some(b) = Browser::start("choosing_level_b_and_role_hr_filters_the_dilemmas") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let base = serve_dir(&out, CSP);
    let page = format!("{base}dilemmas/overzicht/");
    b.goto(&page);
    assert_eq!(script(&b, VISIBLE_DILEMMAS).as_array().unwrap().len(), 4);
    let keuze = b.wait_for("#filterkeuze");
    assert_eq!(
        b.attribute(&keuze, "hidden").as_deref(),
        None,
        "the choice is shown"
    );
    choose(&b, "niveau", "B");
    choose(&b, "rol", "hr-adviseur");
    let expected = serde_json::json!([
        "Dilemma a-b-hr",
        "Dilemma b-hr-werkbegeleider",
        "Dilemma voor-iedereen"
    ]);
    assert_eq!(script(&b, VISIBLE_DILEMMAS), expected);
    let stored = script(&b, "return localStorage.getItem('handboek.filter');");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(stored.as_str().unwrap()).unwrap(),
        serde_json::json!({"niveau": "B", "rol": "hr-adviseur"})
    );
    assert_eq!(b.url(), format!("{page}?niveau=B&rol=hr-adviseur"));
    let bar = b.text(&b.wait_for("#filterbalk"));
    assert!(bar.contains("Filter: niveau B, rol HR-adviseur"), "{bar}");
    assert!(bar.contains("alles tonen"), "{bar}");

    // A reload, and the same page opened without the query: the choice is kept.
    b.goto(&b.url());
    assert_eq!(script(&b, VISIBLE_DILEMMAS), expected);
    b.goto(&page);
    assert_eq!(script(&b, VISIBLE_DILEMMAS), expected);
    assert_eq!(
        b.url(),
        format!("{page}?niveau=B&rol=hr-adviseur"),
        "the URL shows the choice"
    );

    // The section page's list is filtered too.
    b.goto(&format!("{base}dilemmas/"));
    let cards = script(
        &b,
        "return Array.from(document.querySelectorAll('li.kaart'))\
         .filter(function (e) { return !e.hidden; }).length;",
    );
    assert_eq!(cards, 3);

    // Passages that do not apply to B are marked and folded.
    b.goto(&format!("{base}handboek/passages/"));
    let marked = script(
        &b,
        "return Array.from(document.querySelectorAll('div.voor.niet-van-toepassing.ingeklapt'))\
         .map(function (e) { return e.getAttribute('data-niveaus'); });",
    );
    assert_eq!(marked, serde_json::json!(["C D"]));

    // A shared link shows its own choice (without storing it: see the test below).
    b.goto(&format!("{page}?niveau=C&rol=wijkcoach"));
    assert_eq!(
        script(&b, VISIBLE_DILEMMAS),
        serde_json::json!(["Dilemma vanaf-c-coach", "Dilemma voor-iedereen"])
    );

    // "alles tonen" clears the filter.
    b.click(&b.wait_for(".filterbalk-knop"));
    assert_eq!(script(&b, VISIBLE_DILEMMAS).as_array().unwrap().len(), 4);
    assert_eq!(
        script(&b, "return localStorage.getItem('handboek.filter');"),
        serde_json::Value::Null
    );
    assert_eq!(b.url(), page);
}

#[test]
fn the_printed_b_profile_has_no_navigation_and_holds_result_areas_1_to_8() {
    let Some((chromium, pdftotext)) = print_tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let pdf = tmp.path().join("b.pdf");
    let _turn = browser::turn();
    let status = Command::new(&chromium)
        .args(browser::HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            tmp.path().join("profiel").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(
            &out.join("functiefamilie/proef/niveau/b/index.html"),
        ))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for n in 1..=8 {
        assert!(
            text.contains(&format!("Gebied nummer {n}\n")),
            "area {n}:\n{text}"
        );
    }
    assert!(!text.contains("Gebied nummer 9"), "{text}");
    for nav in [
        "Naar de inhoud",
        "Startpagina",
        "Terug naar boven",
        "Dilemma's",
        "Menu",
        "Vergelijken",
    ] {
        assert!(!text.contains(nav), "navigation {nav:?} printed:\n{text}");
    }
    assert!(text.contains("Functieprofiel Coach B"));
    assert!(text.contains("pagina 1 van"), "page numbers:\n{text}");
    assert!(
        text.contains("/functiefamilie/proef/niveau/b/"),
        "URL in the footer"
    );
}

/// Chromium and pdftotext, or None (after saying so) when a print test cannot run.
fn print_tools() -> Option<(PathBuf, PathBuf)> {
    Some((
        require(&["chromium", "chromium-browser", "google-chrome"])?,
        require(&["pdftotext"])?,
    ))
}

/// `page` printed to PDF by headless Chromium (scripts run, beforeprint fires), as text.
fn printed_text(chromium: &Path, pdftotext: &Path, tmp: &Path, page: &Path) -> String {
    let pdf = tmp.join("afdruk.pdf");
    let _turn = browser::turn();
    let o = Command::new(chromium)
        .args(browser::HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", tmp.join("profiel").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&text.stdout).into_owned()
}

#[test]
fn the_printed_comparison_shows_the_folded_part_and_the_full_address_on_every_page() {
    let Some((chromium, pdftotext)) = print_tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let page = out.join("functiefamilie/proef/vergelijk/a-b/index.html");
    let text = printed_text(&chromium, &pdftotext, tmp.path(), &page);
    // "Op beide niveaus (5)" is a <details>, shut on screen: on paper its list is there.
    let common = text.find("Op beide niveaus (5)").expect(&text);
    for n in 1..=5 {
        assert!(
            text[common..].contains(&format!("{n}. Gebied nummer {n}\n")),
            "area {n} of the folded part:\n{text}"
        );
    }
    // base_url is "/" in the fixture: the footer gives the address the page was opened at.
    let url = file_url(&page);
    let pages = text.matches("pagina ").count();
    assert!(pages >= 1, "page numbers:\n{text}");
    assert_eq!(
        text.matches(&url).count(),
        pages,
        "{url} on every page:\n{text}"
    );
}

/// An element reference for WebDriver arguments.
fn el(id: &str) -> serde_json::Value {
    serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": id})
}

/// JS: `ratio(el)`, the WCAG contrast of an element's text colour against the first opaque
/// background behind it (walking up the ancestors).
const CONTRAST: &str = "function rgb(s) { var m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }\
    function lum(c) { var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };\
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }\
    function bg(e) { for (; e; e = e.parentElement) { var c = rgb(getComputedStyle(e).backgroundColor); if (c[3] > 0) return c; } return [255, 255, 255, 1]; }\
    function ratio(e) { var a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }";

/// `[text, contrast]` of every piece of text in the open suggestion list.
fn suggestion_texts(b: &Browser) -> Vec<(String, f64)> {
    let got = script(
        b,
        &format!(
            "{CONTRAST} var out = [];\
             document.querySelectorAll('#zoek-suggesties a[role=option], #zoek-suggesties a[role=option] span').forEach(function (e) {{\
               var own = Array.from(e.childNodes).filter(function (n) {{ return n.nodeType === 3; }}).map(function (n) {{ return n.textContent; }}).join('').trim();\
               if (own && e.offsetHeight > 0) out.push([own, ratio(e)]);\
             }});\
             return out;"
        ),
    );
    got.as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_f64().unwrap()))
        .collect()
}

#[test]
fn the_suggestion_list_is_readable_and_a_combobox() {
    let Some(b) = Browser::start("the_suggestion_list_is_readable_and_a_combobox") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let base = serve_dir(&out, CSP);
    b.goto(&format!("{base}dilemmas/"));
    let field = b.wait_for("#zoekveld");
    b.send_keys(&field, "dilemma");
    b.wait_for("#zoek-suggesties:not([hidden]) .zoek-suggestie");
    let attrs = script(
        &b,
        "var f = document.getElementById('zoekveld'), l = document.getElementById(f.getAttribute('aria-controls'));\
         return [f.getAttribute('role'), f.getAttribute('aria-autocomplete'), f.getAttribute('aria-expanded'),\
                 l && l.getAttribute('role'), l && l.getAttribute('aria-label')];",
    );
    assert_eq!(
        attrs,
        serde_json::json!(["combobox", "list", "true", "listbox", "Zoeksuggesties"])
    );
    let texts = suggestion_texts(&b);
    assert!(
        texts.iter().any(|(t, _)| t.starts_with("Alle resultaten")),
        "{texts:?}"
    );
    assert!(texts.len() >= 3, "{texts:?}");
    for (text, ratio) in &texts {
        assert!(*ratio >= 4.5, "{text:?} has contrast {ratio:.2}");
    }
    // An option chosen with the arrow keys stays readable and is the active descendant.
    b.send_keys(&field, "\u{E015}");
    let chosen = script(
        &b,
        &format!(
            "{CONTRAST} var f = document.getElementById('zoekveld'), o = document.getElementById(f.getAttribute('aria-activedescendant'));\
             var t = o.querySelector('.zoek-titel') || o;\
             return [o.getAttribute('aria-selected'), t.textContent.trim(), ratio(t)];"
        ),
    );
    assert_eq!(chosen[0], "true");
    assert!(!chosen[1].as_str().unwrap().is_empty(), "{chosen}");
    assert!(
        chosen[2].as_f64().unwrap() >= 4.5,
        "chosen option: {chosen}"
    );
    b.send_keys(&field, "\u{E00C}");
    assert_eq!(
        b.attribute(&field, "ariaExpanded").as_deref(),
        Some("false"),
        "Escape closes the list"
    );
}

/// The shipped handbook built into `<tmp>/public`.
fn built_handbook(tmp: &Path) -> PathBuf {
    let out = tmp.join("public");
    let o = Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("build")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    crate::support::assert_success(&o);
    out
}

/// For the page in the 375 px frame: `[scrollWidth, clientWidth, [scrolling boxes without a tab
/// stop or a name], header height]`.
const AT_375: &str = "var d = document.getElementById('smal').contentDocument, h = d.documentElement, bad = [];\
    d.querySelectorAll('body *').forEach(function (e) {\
      var s = d.defaultView.getComputedStyle(e);\
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1) {\
        var ids = (e.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);\
        var named = e.getAttribute('aria-label') || (e.caption && e.caption.textContent.trim()) ||\
          ids.some(function (i) { var l = d.getElementById(i); return l && l.textContent.trim(); });\
        if (e.tabIndex < 0 || !named) bad.push(e.tagName + '.' + e.className);\
      }\
    });\
    var kop = d.querySelector('.sitekop');\
    return [h.scrollWidth, h.clientWidth, bad, kop ? kop.getBoundingClientRect().height : 0];";

#[test]
fn at_375_px_no_page_is_wider_than_the_screen() {
    let Some(b) = Browser::start("at_375_px_no_page_is_wider_than_the_screen") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_handbook(tmp.path());
    // A frame 375 px wide is a phone's screen: its media queries and layout are the phone's.
    std::fs::write(
        out.join("smal.html"),
        "<!doctype html><title>375</title><iframe id=\"smal\" width=\"375\" height=\"800\"></iframe>",
    )
    .unwrap();
    let base = serve_dir(&out, "");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let pages: Vec<String> = sitemap
        .split("<loc>/")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap().to_string())
        .collect();
    assert!(pages.len() > 100, "{} pages", pages.len());
    for kind in ["niveau/b/", "vergelijk/a-d/", "matrix/", "overzicht/"] {
        assert!(pages.iter().any(|p| p.ends_with(kind)), "no {kind}");
    }
    b.goto(&format!("{base}smal.html"));
    let mut wide = Vec::new();
    for page in &pages {
        b.execute(
            "var f = document.getElementById('smal'); f.removeAttribute('data-klaar');\
             f.onload = function () { f.setAttribute('data-klaar', '1'); }; f.src = arguments[0]; return null;",
            vec![serde_json::json!(format!("{base}{page}"))],
        );
        b.wait_for("#smal[data-klaar]");
        let got = script(&b, AT_375);
        let (scroll, client) = (got[0].as_f64().unwrap(), got[1].as_f64().unwrap());
        if scroll > client || !got[2].as_array().unwrap().is_empty() {
            wide.push(format!("{page}: {scroll} > {client}, {}", got[2]));
        }
        if page.is_empty() {
            let header = got[3].as_f64().unwrap();
            assert!(header <= 120.0, "the phone header is {header}px high");
        }
    }
    assert!(
        wide.is_empty(),
        "pages wider than 375 px:\n{}",
        wide.join("\n")
    );
}

const SHARED_VIEW: [&str; 2] = ["Dilemma vanaf-c-coach", "Dilemma voor-iedereen"];

#[test]
fn a_shared_link_shows_its_choice_without_overwriting_the_stored_one() {
    let Some(b) = Browser::start("a_shared_link_shows_its_choice_without_overwriting") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let base = serve_dir(&out, CSP);
    let page = format!("{base}dilemmas/overzicht/");
    let shared = format!("{page}?niveau=C&rol=wijkcoach");
    let mine = serde_json::json!({"niveau": "B", "rol": "hr-adviseur"});
    let stored = |b: &Browser| {
        let s = script(b, "return localStorage.getItem('handboek.filter');");
        s.as_str()
            .map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap())
    };
    b.goto(&page);
    choose(&b, "niveau", "B");
    choose(&b, "rol", "hr-adviseur");

    // A colleague's link: its view, the reader's choice untouched, and an offer.
    b.goto(&shared);
    assert_eq!(script(&b, VISIBLE_DILEMMAS), serde_json::json!(SHARED_VIEW));
    assert_eq!(stored(&b), Some(mine.clone()), "the stored choice is kept");
    let bar = b.text(&b.wait_for("#filterbalk"));
    assert!(
        bar.contains("Gedeelde link: niveau C, rol Wijkcoach"),
        "{bar}"
    );
    assert!(bar.contains("niveau B, rol HR-adviseur"), "{bar}");
    assert!(bar.contains("als mijn keuze bewaren"), "{bar}");
    assert_eq!(
        script(
            &b,
            "return document.querySelector('#filterkeuze select[data-filter=niveau]').value;"
        ),
        "C"
    );
    assert_eq!(b.url(), shared, "the link stays as it was shared");

    // Elsewhere in the site the reader's own choice applies.
    b.goto(&page);
    assert_eq!(script(&b, VISIBLE_DILEMMAS).as_array().unwrap().len(), 3);
    assert_eq!(b.url(), format!("{page}?niveau=B&rol=hr-adviseur"));

    // Back to one's own choice from the shared view.
    b.goto(&shared);
    b.click(&b.wait_for(".filterbalk-terug"));
    assert_eq!(script(&b, VISIBLE_DILEMMAS).as_array().unwrap().len(), 3);
    assert_eq!(b.url(), format!("{page}?niveau=B&rol=hr-adviseur"));
    assert_eq!(stored(&b), Some(mine));

    // Adopting it makes it the stored choice.
    b.goto(&shared);
    b.click(&b.wait_for(".filterbalk-bewaar"));
    assert_eq!(
        stored(&b),
        Some(serde_json::json!({"niveau": "C", "rol": "wijkcoach"}))
    );
    let bar = b.text(&b.wait_for("#filterbalk"));
    assert!(bar.contains("Filter: niveau C, rol Wijkcoach"), "{bar}");
    b.goto(&page);
    assert_eq!(script(&b, VISIBLE_DILEMMAS), serde_json::json!(SHARED_VIEW));
}

/// Whether the search page's facet `dim` = `value` is pressed.
fn facet_pressed(b: &Browser, dim: &str, value: &str) -> bool {
    b.find(&format!(
        "button[data-dim=\"{dim}\"][data-value=\"{value}\"][aria-pressed=\"true\"]"
    ))
    .is_some()
}

#[test]
fn the_search_page_shares_the_level_with_the_header_and_keeps_it_on_reload() {
    let Some(b) = Browser::start("the_search_page_shares_the_level_with_the_header") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let base = serve_dir(&out, CSP);
    let level = "return localStorage.getItem('handboek.filter');";
    let header = "return document.querySelector('#filterkeuze select[data-filter=niveau]').value;";
    b.goto(&format!("{base}dilemmas/"));
    choose(&b, "niveau", "B");
    b.goto(&format!("{base}zoeken/?q=dilemm"));
    b.wait_for("#zoek-resultaten .zoek-resultaat");
    assert!(
        b.find("#zoekveld").is_none(),
        "one search box on the search page"
    );
    b.wait_until("facet B", || facet_pressed(&b, "niveau", "B").then_some(()));
    b.wait_for("#filterbalk:not([hidden])");

    // "Alle" under Niveau clears the filter bar, the header's choice and the stored level.
    b.click(&b.wait_for("button[data-dim=\"niveau\"][data-value=\"\"]"));
    b.wait_until("no filter bar", || {
        b.find("#filterbalk:not([hidden])").is_none().then_some(())
    });
    assert_eq!(script(&b, header), "");
    assert_eq!(script(&b, level), serde_json::Value::Null);

    // The header's choice filters the results; typing on and reloading keep it.
    choose(&b, "niveau", "B");
    b.wait_until("facet B", || facet_pressed(&b, "niveau", "B").then_some(()));
    let field = b.wait_for("#zoekpagina-veld");
    b.send_keys(&field, "a");
    b.wait_until("the query in the URL", || {
        b.url().contains("q=dilemma&").then_some(())
    });
    b.goto(&b.url());
    b.wait_for("#zoek-resultaten .zoek-resultaat");
    b.wait_until("facet B after reload", || {
        facet_pressed(&b, "niveau", "B").then_some(())
    });
    assert_eq!(script(&b, level), r#"{"niveau":"B"}"#);

    // One design: the chosen facet in the site's accent, no crumb said twice.
    let look = script(
        &b,
        "var on = document.querySelector('button.zoek-facet[aria-pressed=true]');\
         var twice = Array.from(document.querySelectorAll('.zoek-kruimel')).filter(function (k) {\
           var parts = k.textContent.split(' \\u203a ').map(function (p) { return p.toLowerCase().replace(/\\u2019/g, \"'\"); });\
           return new Set(parts).size !== parts.length; }).map(function (k) { return k.textContent; });\
         return [getComputedStyle(on).backgroundColor, twice];",
    );
    assert_eq!(look, serde_json::json!(["rgb(11, 85, 99)", []]));
}

#[test]
fn the_comparison_form_opened_from_disk_goes_to_the_page_file() {
    let Some(b) = Browser::start("the_comparison_form_opened_from_disk") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    b.goto(&file_url(
        &out.join("functiefamilie/proef/vergelijk/index.html"),
    ));
    let form = b.wait_for("form[data-vergelijk]");
    b.execute(
        "var f = arguments[0]; f.elements.van.value = 'a'; f.elements.naar.value = 'c'; return null;",
        vec![el(&form)],
    );
    b.click(&b.wait_for("form[data-vergelijk] button[type=submit]"));
    let url = b.wait_until("the comparison", || {
        let u = b.url();
        u.contains("/vergelijk/a-c").then_some(u)
    });
    assert!(url.ends_with("/vergelijk/a-c/index.html"), "{url}");
    b.wait_for("table.vergelijking");
}

#[test]
fn no_printed_page_of_a_handbook_profile_ends_with_a_heading_or_its_lead() {
    let Some((chromium, pdftotext)) = print_tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_handbook(tmp.path());
    let page = out.join("functiefamilie/wijkcoach/niveau/b/index.html");
    let text = printed_text(&chromium, &pdftotext, tmp.path(), &page);
    let url = file_url(&page);
    let headings = [
        "Typering",
        "Doel van de functie",
        "Plaats in de organisatie",
        "Resultaatgebieden",
        "Kennis en ervaring",
        "Competenties",
        "Expertisegebieden",
    ];
    // pdftotext ends each page with a form feed; the footer (address, page number) is last.
    for (n, sheet) in text.split('\x0c').filter(|s| s.contains(&url)).enumerate() {
        let last = sheet
            .lines()
            .map(str::trim)
            .take_while(|l| *l != url)
            .filter(|l| !l.is_empty())
            .last()
            .unwrap_or("");
        assert!(
            !headings.contains(&last) && !last.contains("werkt aan"),
            "page {} ends with {last:?}:\n{sheet}",
            n + 1
        );
    }
}
