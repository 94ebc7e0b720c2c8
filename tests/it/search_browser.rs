//! Browser test of the search client in headless Chromium, over HTTP (with a strict CSP) and
//! from a `file://` copy of the site: type a query, filter on level B, open a result and land
//! on its heading; text from the index is shown, never run.
//!
//! Builds a small static site itself (write_indexes + minimal pages); skipped when chromium or
//! chromedriver is missing unless HANDBOEK_BROWSER_TESTS=1.

use crate::support::browser;
use crate::support::search_testdata as testdata;

use std::path::Path;

use browser::{Browser, serve_dir};
use handboek::search::plan::Unknown;
use handboek::search::snippet::escape_html;
use handboek::search::{SearchRequest, SearchSection, Searcher, write_indexes};

const CSP: &str = "Content-Security-Policy: default-src 'self'\r\n";

/// A page with the site header (search form) and the client script.
fn html(depth: usize, title: &str, main: &str) -> String {
    let base = "../".repeat(depth);
    format!(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <script src=\"{base}static/csp-check.js\"></script></head><body>\
         <header><form role=\"search\" action=\"{base}zoeken/\"><input name=\"q\" id=\"zoekveld\" type=\"search\"></form></header>\
         <main>{main}</main><script src=\"{base}static/zoeken/engine.js\" defer></script>\
         <script src=\"{base}static/zoeken/zoeken.js\" defer></script></body></html>",
        escape_html(title)
    )
}

/// Writes the fixture site into `out`.
fn build_site(out: &Path) -> Vec<SearchSection> {
    let (sections, settings) = testdata::fixture();
    write_indexes(&sections, &settings, out).unwrap();
    let client = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/zoeken");
    std::fs::create_dir_all(out.join("static/zoeken")).unwrap();
    for script in ["engine.js", "zoeken.js"] {
        std::fs::copy(client.join(script), out.join("static/zoeken").join(script)).unwrap();
    }
    std::fs::write(
        out.join("static/csp-check.js"),
        "window.violations=[];document.addEventListener('securitypolicyviolation',function(e){window.violations.push(e.violatedDirective)});",
    )
    .unwrap();
    std::fs::write(out.join("index.html"), html(0, "Home", "<h1>Handboek</h1>")).unwrap();
    let search_page = "<section id=\"zoekpagina\"><form id=\"zoekpagina-form\"><input id=\"zoekpagina-veld\" name=\"q\"></form>\
        <div id=\"zoek-facetten\"></div><p id=\"zoek-status\"></p><ol id=\"zoek-resultaten\"></ol></section>";
    std::fs::create_dir_all(out.join("zoeken")).unwrap();
    std::fs::write(
        out.join("zoeken/index.html"),
        html(1, "Zoeken", search_page),
    )
    .unwrap();
    let mut pages: Vec<(String, String, String)> = Vec::new();
    for s in &sections {
        let body = match &s.anchor {
            None => format!(
                "<h1>{}</h1><p>{}</p>",
                escape_html(&s.page_title),
                escape_html(&s.text)
            ),
            Some(a) => format!(
                "<h2 id=\"{a}\">{}</h2><p>{}</p>",
                escape_html(&s.heading),
                escape_html(&s.text)
            ),
        };
        match pages.last_mut() {
            Some(p) if p.0 == s.url => p.2.push_str(&body),
            _ => pages.push((s.url.clone(), s.page_title.clone(), body)),
        }
    }
    for (url, title, body) in pages {
        let depth = url.matches('/').count();
        let filler = "<p>…</p>".repeat(60);
        std::fs::create_dir_all(out.join(&url)).unwrap();
        std::fs::write(
            out.join(&url).join("index.html"),
            html(depth, &title, &format!("{body}{filler}")),
        )
        .unwrap();
    }
    sections
}

/// The number of pages tantivy finds, for comparison with what the page says.
fn expected_total(out: &Path, query: &str, level: Option<&str>) -> usize {
    let index = out.join(".handboek/index");
    // `handboek build` writes no tantivy index: the shipped handbook is indexed in memory.
    let searcher = if index.is_dir() {
        Searcher::open(&index).unwrap()
    } else {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
        let loaded = handboek::build::load(&root, None, &[]).unwrap();
        let sections = handboek::search::from_site::sections(&loaded.site);
        let settings = handboek::search::from_site::settings(&loaded.site.config);
        Searcher::in_memory(&sections, &settings).unwrap()
    };
    let request = SearchRequest {
        query: query.into(),
        level: level.map(String::from),
        limit: 10,
        ..Default::default()
    };
    searcher
        .search_with(&request, Unknown::Vocabulary)
        .unwrap()
        .total
}

/// On the search page showing `query`: the count matches tantivy's, filtering on level B
/// narrows it to tantivy's count for level B.
fn filter_on_level_b(b: &Browser, out: &Path, query: &str) {
    let status = b.wait_for("#zoek-status");
    let total = expected_total(out, query, None);
    let shows = |n: usize| b.text(&status).starts_with(&format!("{n} ")).then_some(());
    b.wait_until("status", || shows(total));
    let level_b = b.wait_for("button[data-dim=\"niveau\"][data-value=\"B\"]");
    b.click(&level_b);
    let total_b = expected_total(out, query, Some("B"));
    assert!(
        total_b > 0 && total_b < total,
        "level B must narrow the results ({total_b} of {total})"
    );
    b.wait_until("filtered status", || shows(total_b));
    b.wait_for("button[data-dim=\"niveau\"][data-value=\"B\"][aria-pressed=\"true\"]");
}

/// Clicks the first result matching `selector` (a link to a heading) and waits until the
/// heading's top is in `top` (the theme may scroll smoothly).
fn open_result_at_its_heading(b: &Browser, selector: &str, top: std::ops::Range<f64>) {
    let result = b.wait_for(selector);
    let href = b.attribute(&result, "href").unwrap_or_default();
    let anchor = href.rsplit('#').next().unwrap_or_default().to_string();
    b.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block:'center',behavior:'instant'})",
        vec![serde_json::json!(selector)],
    );
    b.click(&result);
    b.wait_until("result page", || {
        b.url().ends_with(&format!("#{anchor}")).then_some(())
    });
    let probe = format!(
        "var e=document.getElementById(decodeURIComponent('{anchor}'));return e&&document.readyState==='complete'?e.getBoundingClientRect().top:null"
    );
    b.wait_until(&format!("heading #{anchor} at the top"), || {
        let at = b.execute(&probe, vec![]).as_f64()?;
        top.contains(&at).then_some(())
    });
}

/// The whole scenario against a site at `home` (an http:// or file:// URL of index.html).
fn scenario(b: &Browser, home: &str, out: &Path) {
    b.goto(home);
    let field = b.wait_for("#zoekveld");
    b.send_keys(&field, "wijkcoach");
    let first = b.wait_for("#zoek-suggesties .zoek-suggestie");
    assert!(!b.text(&first).is_empty());
    // Keyboard: arrow down selects the first suggestion.
    b.send_keys(&field, "\u{E015}");
    assert_eq!(b.attribute(&first, "ariaSelected").as_deref(), Some("true"));
    // Enter without a selection goes to the full page with the query in the URL.
    b.send_keys(&field, "\u{E013}");
    b.send_keys(&field, "\u{E007}");
    b.wait_until("search page", || b.url().contains("zoeken/").then_some(()));
    assert!(b.url().contains("q=wijkcoach"), "{}", b.url());
    filter_on_level_b(b, out, "wijkcoach");
    open_result_at_its_heading(b, "#zoek-resultaten a[href*=\"#kop-\"]", -5.0..5.0);

    // Text from the index is escaped, never run.
    b.goto(home);
    let field = b.wait_for("#zoekveld");
    b.send_keys(&field, "onerror");
    let shown = b.wait_for("#zoek-suggesties .zoek-suggestie");
    assert!(b.text(&shown).contains("<img"), "{}", b.text(&shown));
    let injected = b.execute(
        "return document.querySelectorAll('#zoek-suggesties img').length",
        vec![],
    );
    assert_eq!(injected.as_u64(), Some(0));
    assert_ne!(
        b.execute("return document.title", vec![]).as_str(),
        Some("pwned")
    );
    let violations = b.execute("return window.violations", vec![]);
    assert_eq!(violations, serde_json::json!([]), "CSP violations");
}

#[test]
fn search_in_the_browser_over_http() {
    let Some(b) = Browser::start("search_in_the_browser_over_http") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    build_site(dir.path());
    let base = serve_dir(dir.path(), CSP);
    scenario(&b, &base, dir.path());
}

#[test]
fn search_in_the_browser_from_disk() {
    let Some(b) = Browser::start("search_in_the_browser_from_disk") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kopie van de site");
    build_site(&site);
    let home = format!("file://{}/index.html", site.display()).replace(' ', "%20");
    scenario(&b, &home, &site);
}

/// Builds the shipped handbook (`handbook/`) with the real binary into `out`.
fn build_handbook(out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("build")
        .arg(&root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    crate::support::assert_success(&built);
}

/// On the real build: type a query in the header, go to the search page, filter on level B,
/// open a result that links to a heading and land on it.
fn handbook_scenario(b: &Browser, home: &str, out: &Path) {
    b.goto(home);
    let field = b.wait_for("#zoekveld");
    b.send_keys(&field, "inwoner");
    b.wait_for("#zoek-suggesties .zoek-suggestie");
    b.send_keys(&field, "\u{E007}");
    b.wait_until("search page", || {
        b.url().contains("q=inwoner").then_some(())
    });
    filter_on_level_b(b, out, "inwoner");
    // The pages refer to expertise areas: the search page offers them as a facet too.
    let area = b.wait_for("button[data-dim=\"expertise\"][data-value^=\"expertisegebieden/\"]");
    assert!(
        !b.text(&area).contains("expertisegebieden/"),
        "shown by title"
    );
    open_result_at_its_heading(b, "#zoek-resultaten a.zoek-link[href*=\"#\"]", -5.0..200.0);
}

#[test]
fn search_the_shipped_handbook_over_http() {
    let Some(b) = Browser::start("search_the_shipped_handbook_over_http") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_handbook(&out);
    let base = serve_dir(&out, "");
    handbook_scenario(&b, &base, &out);
}

#[test]
fn search_the_shipped_handbook_from_disk() {
    let Some(b) = Browser::start("search_the_shipped_handbook_from_disk") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kopie van het handboek");
    build_handbook(&out);
    let home = format!("file://{}/index.html", out.display()).replace(' ', "%20");
    handbook_scenario(&b, &home, &out);
}
