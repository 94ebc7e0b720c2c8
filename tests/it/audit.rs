//! The site audit (issue 14): the shipped handbook built under `/handboek/`, served by Debian's
//! nginx with `Content-Security-Policy: default-src 'self'`, crawled in headless Chromium from the
//! sitemap and from links. It fails on any axe-core violation (WCAG 2.1 A/AA), console error, CSP
//! report, request to another host, broken link or anchor, or page wider than a 375 px phone,
//! and lists every problem at once. axe also runs in the states a reader creates: the header's
//! suggestion list open, a level filter folding passages, the phone menu open, search results
//! with a facet chosen. Screenshots of each page kind (whole page) at 1280 and 375 px and of each
//! state (viewport) go to `target/tmp/audit/`, with `report.txt`; the path is printed.
//!
//! Needs chromium, chromedriver, nginx (`/usr/sbin/nginx`) and axe-core (`npm ci`); without them
//! it prints `skipped: …` and passes, unless HANDBOEK_BROWSER_TESTS=1 (CI).

use crate::support::{browser, crawl, nginx};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use browser::Browser;
use crawl::{Finding, axe, console_errors, elsewhere, wait_for_script, width};
use nginx::Nginx;
use serde_json::json;

const PREFIX: &str = "/handboek/";
const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/node_modules/axe-core/axe.min.js"
);
/// Where nginx serves axe.min.js to the pages (outside the site's prefix).
const AXE_AT: &str = "/audit/axe.min.js";
const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (375, 812);

/// One page of each kind, for the screenshots (paths below the prefix).
const KINDS: [(&str, &str); 11] = [
    ("home", ""),
    ("section", "handboek/leidende-principes/"),
    ("page", "handboek/werkproces/"),
    ("dilemma", "dilemmas/melden-of-vertrouwensrelatie/"),
    ("expertisegebied", "expertisegebieden/jeugdzorg/"),
    ("functieprofiel", "functiefamilie/wijkcoach/niveau/b/"),
    ("comparison", "functiefamilie/wijkcoach/vergelijk/a-d/"),
    ("matrix", "functiefamilie/wijkcoach/matrix/"),
    ("level-view", "niveau/b/"),
    ("role-view", "rol/wijkcoach/"),
    ("search-results", "zoeken/?q=regie"),
];

/// A page with `::: niveau A` and `::: niveau B` passages, which level C folds.
const FOLDING_PAGE: &str = "handboek/werkproces/";
const QUERY: &str = "regie";

/// True when the search page shows results (for screenshots and the facet state).
const RESULTS_SHOWN: &str = "const r = document.getElementById('zoek-resultaten'); \
    return !!r && r.children.length > 0;";

/// True when the header's suggestion list (the field's `aria-controls`) shows options.
const SUGGESTIONS_SHOWN: &str = "const f = document.getElementById('zoekveld'); \
    const l = f && document.getElementById(f.getAttribute('aria-controls')); \
    return !!l && !l.hidden && l.getClientRects().length > 0 \
      && l.querySelectorAll('[role=option]').length > 0;";

/// The first facet value that is not "Alle" (a button or an input), or null.
const FIRST_FACET: &str = "const box = document.getElementById('zoek-facetten'); \
    if (!box) return null; \
    return box.querySelector('button[data-value]:not([data-value=\"\"]), \
      input[type=radio]:not([value=\"\"]), input[type=checkbox]');";

const FACET_CHOSEN: &str = "const box = document.getElementById('zoek-facetten'); \
    return !!box && !!box.querySelector('[aria-pressed=true]:not([data-value=\"\"]), \
      input:checked:not([value=\"\"])') \
      && (document.getElementById('zoek-resultaten') || {children: []}).children.length > 0;";

/// Why the audit cannot run here, if it cannot.
fn missing_tool() -> Option<String> {
    let nginx = nginx::binary();
    if !nginx.is_file() {
        return Some(format!(
            "{} not found (apt-get install nginx)",
            nginx.display()
        ));
    }
    if !Path::new(AXE).is_file() {
        return Some("axe-core not installed (run `npm ci` at the repo root)".into());
    }
    None
}

fn output_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the audit output folder");
    dir
}

fn build_site(out: &Path) {
    let handbook = concat!(env!("CARGO_MANIFEST_DIR"), "/handbook");
    let status = Command::new(env!("CARGO_BIN_EXE_handboek"))
        .args(["build", handbook, "--base-url", PREFIX, "--out"])
        .arg(out)
        .status()
        .expect("run handboek build");
    assert!(status.success(), "handboek build failed");
}

/// The audit's state: browser, server, axe source, screenshots folder, findings so far.
struct Audit {
    browser: Browser,
    nginx: Nginx,
    /// axe.min.js on the server's origin.
    axe: String,
    shots: PathBuf,
    findings: Vec<Finding>,
}

impl Audit {
    fn url(&self, path: &str) -> String {
        format!("{}{PREFIX}{path}", self.nginx.origin)
    }

    /// A screenshot of the viewport, as the reader sees the state.
    fn shot(&self, name: &str, viewport: (u32, u32)) {
        let file = self.shots.join(format!("{name}-{}.png", viewport.0));
        std::fs::write(&file, self.browser.screenshot()).expect("write a screenshot");
    }

    /// A screenshot of the whole page (up to 6000 px tall).
    fn full_shot(&self, name: &str, viewport: (u32, u32)) {
        let file = self.shots.join(format!("{name}-{}.png", viewport.0));
        let png = self.browser.full_screenshot(6000);
        std::fs::write(&file, png).expect("write a screenshot");
    }

    /// Runs every check on the page as it is now, labelled with its state.
    fn check_state(&mut self, label: &str, viewport: (u32, u32)) {
        let page = format!("{label} at {} px", viewport.0);
        let origin = self.nginx.origin.clone();
        self.findings.extend(axe(&self.browser, &self.axe, &page));
        self.findings
            .extend(elsewhere(&self.browser, &origin, &page));
        if viewport == PHONE {
            self.findings.extend(width(&self.browser, &page));
        }
        self.findings.extend(console_errors(&self.browser, &page));
    }

    /// A state that could not be reached is a finding too (the page changed under the test).
    fn unreachable(&mut self, label: &str, what: &str) {
        self.findings
            .push(Finding::new("state", "not reached", label, what));
    }

    fn screenshots(&mut self, viewport: (u32, u32)) {
        for (kind, path) in KINDS {
            self.browser.goto(&self.url(path));
            if kind == "search-results" && !wait_for_script(&self.browser, RESULTS_SHOWN) {
                self.unreachable("search results", "no results shown for the query");
            }
            self.full_shot(kind, viewport);
        }
        let _ = self.browser.console_log();
    }

    /// The header's suggestion list open, an option chosen with the arrow keys.
    fn suggestions_open(&mut self, viewport: (u32, u32)) {
        let label = format!("{PREFIX} with the suggestion list open");
        self.browser.goto(&self.url(""));
        let Some(field) = self.browser.find("#zoekveld") else {
            return self.unreachable(&label, "no search field #zoekveld in the header");
        };
        self.browser.send_keys(&field, QUERY);
        if !wait_for_script(&self.browser, SUGGESTIONS_SHOWN) {
            return self.unreachable(&label, "no suggestions shown after typing");
        }
        self.browser.send_keys(&field, "\u{E015}"); // ArrowDown
        std::thread::sleep(Duration::from_millis(100));
        self.shot("state-suggestions", viewport);
        self.check_state(&label, viewport);
    }

    /// Level C chosen in the header: the passages for A and B fold.
    fn filter_active(&mut self, viewport: (u32, u32)) {
        let label = format!("{PREFIX}{FOLDING_PAGE} with level C chosen");
        self.browser.goto(&self.url(FOLDING_PAGE));
        let chosen = self.browser.execute(
            "const s = document.querySelector('select[data-filter=niveau]'); \
             if (!s) return false; s.value = 'C'; \
             s.dispatchEvent(new Event('change', {bubbles: true})); return true;",
            vec![],
        );
        if chosen.as_bool() != Some(true)
            || !wait_for_script(
                &self.browser,
                "return document.querySelectorAll('.niet-van-toepassing').length > 0;",
            )
        {
            return self.unreachable(&label, "no folded passages after choosing level C");
        }
        self.browser.execute(
            "const folded = document.querySelector('.voor.niet-van-toepassing') \
               || document.querySelector('.niet-van-toepassing'); \
             folded.scrollIntoView({block: 'center', behavior: 'instant'}); return null;",
            vec![],
        );
        self.shot("state-filter", viewport);
        self.check_state(&label, viewport);
        self.browser
            .execute("localStorage.clear(); return null;", vec![]);
    }

    /// A search with a facet value chosen.
    fn facet_chosen(&mut self, viewport: (u32, u32)) {
        let label = format!("{PREFIX}zoeken/?q={QUERY} with a facet chosen");
        self.browser.goto(&self.url(&format!("zoeken/?q={QUERY}")));
        if !wait_for_script(&self.browser, RESULTS_SHOWN) {
            return self.unreachable(&label, "no results shown for the query");
        }
        let facet = self.browser.execute(
            &format!("const f = (() => {{ {FIRST_FACET} }})(); if (f) f.click(); return !!f;"),
            vec![],
        );
        if facet.as_bool() != Some(true) || !wait_for_script(&self.browser, FACET_CHOSEN) {
            return self.unreachable(&label, "no facet to choose, or choosing it showed nothing");
        }
        self.shot("state-facet", viewport);
        self.check_state(&label, viewport);
    }

    /// The phone menu opened by its toggle.
    fn menu_open(&mut self, viewport: (u32, u32)) {
        let label = format!("{PREFIX}{FOLDING_PAGE} with the menu open");
        self.browser.goto(&self.url(FOLDING_PAGE));
        let Some(toggle) = self.browser.find("details.menu > summary") else {
            return self.unreachable(&label, "no menu toggle (details.menu > summary)");
        };
        self.browser.click(&toggle);
        if !wait_for_script(
            &self.browser,
            "return !!document.querySelector('details.menu[open]');",
        ) {
            return self.unreachable(&label, "the menu did not open");
        }
        self.shot("state-menu", viewport);
        self.check_state(&label, viewport);
    }

    /// CSP reports received by nginx's report endpoint, one finding each.
    fn csp_reports(&mut self) {
        std::thread::sleep(Duration::from_millis(500));
        let reports = self.nginx.reports();
        self.findings
            .extend(crawl::csp_findings(&reports, &self.nginx.origin));
    }
}

/// The search page has no content of its own, so the sitemap may leave it out.
const NOT_IN_SITEMAP: &str = "zoeken/";

/// Every page of the build is in the sitemap and is crawled: one finding per page that is not.
fn unlisted_pages(site: &Path, sitemap: &[String], crawled: &[String]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for entry in walkdir::WalkDir::new(site).into_iter().flatten() {
        if entry.file_name() != "index.html" {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(site) else {
            continue;
        };
        let folder = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/"));
        let page = match folder.as_deref() {
            None | Some("") => PREFIX.to_string(),
            Some(folder) => format!("{PREFIX}{folder}/"),
        };
        if !sitemap.contains(&page) && page != format!("{PREFIX}{NOT_IN_SITEMAP}") {
            findings.push(Finding::new(
                "sitemap",
                "page missing",
                &page,
                "not in sitemap.xml",
            ));
        }
        if !crawled.contains(&page) {
            findings.push(Finding::new(
                "crawl",
                "page not reached",
                &page,
                "neither in the sitemap nor linked from a page",
            ));
        }
    }
    findings
}

/// The browser for a test, or None (after printing `skipped: …`) when a tool is missing.
fn start_browser(test: &str) -> Option<Browser> {
    if let Some(why) = missing_tool() {
        assert!(
            std::env::var("HANDBOEK_BROWSER_TESTS").as_deref() != Ok("1"),
            "{test}: HANDBOEK_BROWSER_TESTS=1 but {why}"
        );
        eprintln!("skipped: {test}: {why}");
        return None;
    }
    Browser::start_with(test, json!({"goog:loggingPrefs": {"browser": "ALL"}}))
}

/// The audit itself can fail: on a hand-made site with one problem of each kind it reports
/// each of them, and nothing on the page without problems.
#[test]
fn the_audit_reports_each_kind_of_problem() {
    let test = "the_audit_reports_each_kind_of_problem";
    let Some(browser) = start_browser(test) else {
        return;
    };
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audit-defects");
    let nginx = Nginx::start(Path::new(site), PREFIX, &[(AXE_AT, Path::new(AXE))]);
    let axe_url = format!("{}{AXE_AT}", nginx.origin);
    browser.set_viewport(DESKTOP.0, DESKTOP.1);
    let crawled = crawl::crawl(
        &browser,
        &nginx.origin,
        PREFIX,
        &[PREFIX.into()],
        &axe_url,
        |_| {},
    );
    let mut findings = crawled.findings;
    browser.set_viewport(PHONE.0, PHONE.1);
    findings.extend(crawl::widths(&browser, &nginx.origin, &crawled.pages));
    std::thread::sleep(Duration::from_millis(500));
    findings.extend(crawl::csp_findings(&nginx.reports(), &nginx.origin));
    let report = crawl::report(&findings);

    let expected = [
        ("axe", "html-has-lang", "/handboek/"),
        ("console", "a console error on purpose", "/handboek/"),
        ("console", "Content Security Policy", "/handboek/"),
        ("csp", "inline", "/handboek/"),
        ("link", "/handboek/kapot/", "/handboek/"),
        ("anchor", "/handboek/goed/#bestaat-niet", "/handboek/"),
        ("width", "div.breed", "/handboek/"),
    ];
    for (check, what, page) in expected {
        assert!(
            findings.iter().any(|f| f.check == check
                && f.page == page
                && (f.rule.contains(what) || f.target.contains(what))),
            "the audit missed {check} {what:?} on {page}:\n{report}"
        );
    }
    assert_eq!(crawled.pages, ["/handboek/", "/handboek/goed/"], "{report}");
    assert!(
        findings.iter().all(|f| f.page != "/handboek/goed/"),
        "a page without problems got findings:\n{report}"
    );
}

#[test]
fn every_page_passes_the_audit_in_every_state() {
    let Some(browser) = start_browser("every_page_passes_the_audit_in_every_state") else {
        return;
    };
    let begin = Instant::now();
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("public");
    build_site(&site);
    let nginx = Nginx::start(&site, PREFIX, &[(AXE_AT, Path::new(AXE))]);
    let axe_url = format!("{}{AXE_AT}", nginx.origin);
    let shots = output_dir();
    let mut audit = Audit {
        browser,
        nginx,
        axe: axe_url,
        shots: shots.clone(),
        findings: Vec::new(),
    };

    // Desktop: crawl with axe, console, requests, links and anchors.
    audit.browser.set_viewport(DESKTOP.0, DESKTOP.1);
    let sitemap = ureq::get(&audit.url("sitemap.xml"))
        .call()
        .and_then(|mut r| r.body_mut().read_to_string())
        .expect("the sitemap is served");
    let listed = crawl::sitemap_paths(&sitemap, &audit.nginx.origin);
    let mut start = vec![PREFIX.to_string()];
    start.extend(listed.iter().cloned());
    // A second browser checks each page's width on a phone while the first crawls on.
    let (crawled_tx, crawled_rx) = std::sync::mpsc::channel::<String>();
    let origin = audit.nginx.origin.clone();
    let phone = std::thread::spawn(move || {
        let Some(browser) = start_browser("audit at 375 px") else {
            return Vec::new();
        };
        browser.set_viewport(PHONE.0, PHONE.1);
        let mut findings = Vec::new();
        for page in crawled_rx {
            findings.extend(crawl::widths(&browser, &origin, &[page]));
        }
        findings
    });
    let crawled = crawl::crawl(
        &audit.browser,
        &audit.nginx.origin,
        PREFIX,
        &start,
        &audit.axe,
        |page| {
            let _ = crawled_tx.send(page.to_string());
        },
    );
    drop(crawled_tx);
    audit.findings.extend(crawled.findings);
    audit
        .findings
        .extend(unlisted_pages(&site, &listed, &crawled.pages));
    for (kind, path) in KINDS.iter().filter(|(_, p)| !p.contains('?')) {
        let page = format!("{PREFIX}{path}");
        if !crawled.pages.contains(&page) {
            audit.unreachable(
                &page,
                &format!("the {kind} page was not reached by the crawl"),
            );
        }
    }
    audit.screenshots(DESKTOP);
    audit.suggestions_open(DESKTOP);
    audit.filter_active(DESKTOP);
    audit.facet_chosen(DESKTOP);
    let desktop_took = begin.elapsed();

    // Phone: the widths checked alongside the crawl, then the phone states.
    let widths = phone
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    audit.findings.extend(widths);
    audit.browser.set_viewport(PHONE.0, PHONE.1);
    audit.screenshots(PHONE);
    audit.menu_open(PHONE);
    audit.suggestions_open(PHONE);
    audit.csp_reports();

    let report = crawl::report(&audit.findings);
    std::fs::write(shots.join("report.txt"), &report).expect("write the audit report");
    eprintln!(
        "audit: {} pages crawled in {:.1} s (desktop incl. states {:.1} s, all {:.1} s); \
         screenshots and report.txt in {}",
        crawled.pages.len(),
        crawled.took.as_secs_f64(),
        desktop_took.as_secs_f64(),
        begin.elapsed().as_secs_f64(),
        shots.display()
    );
    assert!(
        audit.findings.is_empty(),
        "the site audit found problems (also in {}):\n{report}",
        shots.join("report.txt").display()
    );
}
