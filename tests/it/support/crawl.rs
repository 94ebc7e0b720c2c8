//! The checks of the site audit, page by page in a real browser: axe-core (WCAG 2.1 A/AA),
//! console errors, requests to another host, links and anchors, width on a phone.
//!
//! Every problem becomes a `Finding`; nothing stops at the first one, so one run reports all.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fmt;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::browser::Browser;

/// The axe-core tags of WCAG 2.1 level A and AA.
pub const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One problem: where, which check or rule, and what (a selector, URL or message).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Which check found it: `axe`, `console`, `csp`, `elsewhere`, `link`, `anchor`, `width`.
    pub check: String,
    /// The axe rule, or a short name of the problem.
    pub rule: String,
    /// The page (a path, with the state it was in when that matters).
    pub page: String,
    /// The element, URL or message.
    pub target: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} — {}",
            self.check, self.rule, self.page, self.target
        )
    }
}

impl Finding {
    pub fn new(check: &str, rule: &str, page: &str, target: impl Into<String>) -> Finding {
        Finding {
            check: check.into(),
            rule: rule.into(),
            page: page.into(),
            target: target.into(),
        }
    }
}

/// All findings as one readable text: counts per check and rule, then every finding.
pub fn report(findings: &[Finding]) -> String {
    let mut counts: BTreeMap<(&str, &str), (usize, BTreeSet<&str>)> = BTreeMap::new();
    for f in findings {
        let entry = counts.entry((&f.check, &f.rule)).or_default();
        entry.0 += 1;
        entry.1.insert(&f.page);
    }
    let mut out = format!(
        "{} problems found\n\nper rule (findings, pages):\n",
        findings.len()
    );
    for ((check, rule), (n, pages)) in &counts {
        out.push_str(&format!("  {check} {rule}: {n} on {} pages\n", pages.len()));
    }
    out.push_str("\nevery finding (check rule: page — target):\n");
    let mut sorted = findings.to_vec();
    sorted.sort();
    sorted.dedup();
    for f in &sorted {
        out.push_str(&format!("  {f}\n"));
    }
    out
}

/// Runs axe-core on the page as it is now; one finding per rule and element. `axe_url` is
/// axe.min.js on the page's origin: a same-origin script passes `default-src 'self'` and the
/// browser caches it, where sending its 550 kB through WebDriver on every page would not.
pub fn axe(browser: &Browser, axe_url: &str, page: &str) -> Vec<Finding> {
    let script = "const [tags, url, done] = arguments;\n\
        const run = () => axe.run(document, {runOnly: {type: 'tag', values: tags}, \
          resultTypes: ['violations'], preload: false})\
          .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, \
            targets: v.nodes.map(n => n.target.join(' '))}))))\
          .catch(e => done({error: String(e)}));\n\
        if (window.axe) { run(); } else {\n\
          const s = document.createElement('script');\n\
          s.src = url; s.onload = run;\n\
          s.onerror = () => done({error: 'axe-core did not load from ' + url});\n\
          document.head.appendChild(s);\n\
        }";
    let result = browser.execute_async(script, vec![json!(WCAG_TAGS), json!(axe_url)]);
    if let Some(error) = result.get("error") {
        return vec![Finding::new("axe", "axe-error", page, error.to_string())];
    }
    let mut out = Vec::new();
    for violation in result.as_array().into_iter().flatten() {
        let rule = format!(
            "{} ({})",
            violation["id"].as_str().unwrap_or("?"),
            violation["impact"].as_str().unwrap_or("?")
        );
        for target in violation["targets"].as_array().into_iter().flatten() {
            out.push(Finding::new(
                "axe",
                &rule,
                page,
                target.as_str().unwrap_or("?"),
            ));
        }
    }
    out
}

/// Console errors since the last call (chromedriver's browser log, level SEVERE).
pub fn console_errors(browser: &Browser, page: &str) -> Vec<Finding> {
    browser
        .console_log()
        .into_iter()
        .filter(|e| e["level"].as_str() == Some("SEVERE"))
        .map(|e| {
            let message = e["message"].as_str().unwrap_or("?").to_string();
            Finding::new("console", "error", page, message)
        })
        .collect()
}

/// How wide the page is in a 375 px viewport, and which elements stick out
/// (the outermost ones, not those inside a box that scrolls or clips).
const WIDTH_SCRIPT: &str = r#"
const vw = window.innerWidth, doc = document.documentElement;
const name = el => {
  let s = el.tagName.toLowerCase();
  if (el.id) return s + '#' + el.id;
  for (const c of el.classList) s += '.' + c;
  return s;
};
const path = el => {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
    parts.unshift(name(e));
    if (e.id) break;
  }
  return parts.join(' > ');
};
// Clipped: some box on the way to the element's containing block hides or scrolls overflow.
// An absolutely positioned element skips the boxes up to its positioned ancestor.
const clipped = el => {
  for (let e = el; ;) {
    const pos = getComputedStyle(e).position;
    if (pos === 'fixed') return false;
    const next = pos === 'absolute' ? e.offsetParent : e.parentElement;
    if (!next || next === document.body || next === doc) return false;
    if (getComputedStyle(next).overflowX !== 'visible') return true;
    e = next;
  }
};
const out = el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.right > vw + 0.5 && !clipped(el);
};
const wide = new Map();
if (doc.scrollWidth > vw) {
  for (const el of document.body.querySelectorAll('*')) {
    if (!out(el) || (el.parentElement !== document.body && out(el.parentElement))) continue;
    const key = path(el), right = Math.round(el.getBoundingClientRect().right);
    const seen = wide.get(key) || {n: 0, right: 0};
    wide.set(key, {n: seen.n + 1, right: Math.max(seen.right, right)});
  }
}
const list = [...wide].slice(0, 5).map(([k, v]) => k + ' (' + (v.n > 1 ? v.n + '×, ' : '') + v.right + ' px)');
return {viewport: vw, width: doc.scrollWidth, wide: list};
"#;

/// A finding when the page is wider than the viewport.
pub fn width(browser: &Browser, page: &str) -> Vec<Finding> {
    let r = browser.execute(WIDTH_SCRIPT, vec![]);
    let (vw, w) = (r["viewport"].as_u64(), r["width"].as_u64());
    match (vw, w) {
        (Some(vw), Some(w)) if w > vw => {
            let wide: Vec<&str> = r["wide"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            vec![Finding::new(
                "width",
                &format!("wider than {vw} px"),
                page,
                format!("{w} px; sticking out: {}", wide.join(", ")),
            )]
        }
        _ => Vec::new(),
    }
}

/// What the page links to, which ids it has, and what it loaded.
const FACTS_SCRIPT: &str = r#"
const links = [];
for (const a of document.querySelectorAll('a[href], area[href]')) links.push(a.href);
for (const f of document.querySelectorAll('form[action]')) links.push(f.action);
const ids = [];
for (const e of document.querySelectorAll('[id]')) ids.push(e.id);
for (const a of document.querySelectorAll('a[name]')) ids.push(a.name);
const loaded = performance.getEntriesByType('resource').map(e => e.name);
return {links: links, ids: ids, loaded: loaded, html: document.contentType === 'text/html'};
"#;

/// Requests the page made to another origin (Resource Timing entries).
pub fn elsewhere(browser: &Browser, origin: &str, page: &str) -> Vec<Finding> {
    let facts = browser.execute(FACTS_SCRIPT, vec![]);
    loaded_elsewhere(&facts, origin, page)
}

fn loaded_elsewhere(facts: &Value, origin: &str, page: &str) -> Vec<Finding> {
    facts["loaded"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|url| url.starts_with("http") && !same_origin(url, origin))
        .map(|url| Finding::new("elsewhere", "request to another host", page, url))
        .collect()
}

fn same_origin(url: &str, origin: &str) -> bool {
    url.strip_prefix(origin)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A link target split into path, and fragment (percent-decoded), if it is on `origin`.
fn split(url: &str, origin: &str) -> Option<(String, String)> {
    if !same_origin(url, origin) {
        return None;
    }
    let rest = &url[origin.len()..];
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let path = rest.split('?').next().unwrap_or("/");
    let path = if path.is_empty() { "/" } else { path };
    Some((path.to_string(), percent_decode(fragment)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path's HTTP status and whether it is a page.
#[derive(Clone, Copy)]
struct Head {
    status: u16,
    html: bool,
}

/// The crawl: every page reachable from the start paths, checked at the current window size.
pub struct Crawl {
    /// The pages visited in the browser, in order.
    pub pages: Vec<String>,
    pub findings: Vec<Finding>,
    /// Time spent, for the log.
    pub took: Duration,
}

/// Visits every same-origin page under `prefix` reachable from `start` (following links),
/// runs axe and the other checks on each, and checks every link and anchor. `visited` hears of
/// each page when its turn is done (so a second browser can check it at another size).
pub fn crawl(
    browser: &Browser,
    origin: &str,
    prefix: &str,
    start: &[String],
    axe_url: &str,
    mut visited: impl FnMut(&str),
) -> Crawl {
    let begin = Instant::now();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let mut heads: HashMap<String, Head> = HashMap::new();
    let mut head = |path: &str| -> Head {
        *heads.entry(path.to_string()).or_insert_with(|| {
            match agent.get(&format!("{origin}{path}")).call() {
                Ok(r) => Head {
                    status: r.status().as_u16(),
                    html: r
                        .headers()
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.starts_with("text/html")),
                },
                Err(_) => Head {
                    status: 0,
                    html: false,
                },
            }
        })
    };
    let mut findings = Vec::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for path in start {
        let h = head(path);
        if h.status != 200 {
            findings.push(Finding::new(
                "link",
                &format!("broken ({})", h.status),
                "sitemap.xml",
                path.clone(),
            ));
        } else if seen.insert(path.clone()) {
            queue.push_back(path.clone());
        }
    }
    let mut pages = Vec::new();
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let _ = browser.console_log();
    while let Some(page) = queue.pop_front() {
        browser.goto(&format!("{origin}{page}"));
        let facts = browser.execute(FACTS_SCRIPT, vec![]);
        findings.extend(loaded_elsewhere(&facts, origin, &page));
        findings.extend(axe(browser, axe_url, &page));
        findings.extend(console_errors(browser, &page));
        let page_ids: BTreeSet<String> = facts["ids"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect();
        ids.insert(page.clone(), page_ids);
        for link in facts["links"].as_array().into_iter().flatten() {
            let Some(url) = link.as_str() else { continue };
            let Some((path, fragment)) = split(url, origin) else {
                continue;
            };
            let h = head(&path);
            if h.status != 200 {
                findings.push(Finding::new(
                    "link",
                    &format!("broken ({})", h.status),
                    &page,
                    url,
                ));
                continue;
            }
            if !fragment.is_empty() {
                anchors.push((page.clone(), path.clone(), fragment));
            }
            if h.html && path.starts_with(prefix) && seen.insert(path.clone()) {
                queue.push_back(path);
            }
        }
        visited(&page);
        pages.push(page);
    }
    for (page, path, fragment) in anchors {
        if let Some(targets) = ids.get(&path)
            && !targets.contains(&fragment)
        {
            findings.push(Finding::new(
                "anchor",
                "missing",
                &page,
                format!("{path}#{fragment}"),
            ));
        }
    }
    Crawl {
        pages,
        findings,
        took: begin.elapsed(),
    }
}

/// Every page's width and console at the current (phone) window size.
pub fn widths(browser: &Browser, origin: &str, pages: &[String]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for page in pages {
        browser.goto(&format!("{origin}{page}"));
        findings.extend(width(browser, page));
        findings.extend(console_errors(browser, page));
    }
    findings
}

/// One finding per CSP report (`{"csp-report": {...}}` bodies, as `report-uri` sends them).
pub fn csp_findings(reports: &[String], origin: &str) -> Vec<Finding> {
    reports
        .iter()
        .map(|body| {
            let report: Value = serde_json::from_str(body).unwrap_or_default();
            let r = &report["csp-report"];
            let page = r["document-uri"]
                .as_str()
                .map(|u| u.trim_start_matches(origin).to_string())
                .unwrap_or_else(|| "?".into());
            let directive = r["effective-directive"]
                .as_str()
                .or(r["violated-directive"].as_str())
                .unwrap_or("?");
            let blocked = format!(
                "blocked {} ({}:{})",
                r["blocked-uri"].as_str().unwrap_or("?"),
                r["source-file"].as_str().unwrap_or("?"),
                r["line-number"]
            );
            Finding::new("csp", directive, &page, blocked)
        })
        .collect()
}

/// The paths listed in a sitemap (`<loc>` as a path or an absolute URL on `origin`).
pub fn sitemap_paths(xml: &str, origin: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|loc| {
            let loc = loc.trim().replace("&amp;", "&");
            if loc.starts_with('/') {
                return loc;
            }
            // An absolute URL: its path is served by this nginx, whatever the host.
            let after_scheme = loc.split_once("://").map_or(loc.as_str(), |(_, r)| r);
            match after_scheme.find('/') {
                Some(i) => after_scheme[i..].to_string(),
                None => "/".to_string(),
            }
        })
        .map(|p| {
            split(&format!("{origin}{p}"), origin)
                .map(|(path, _)| path)
                .unwrap_or(p)
        })
        .collect()
}

/// Polls `probe` (a script returning true when the state is reached) for up to 10 s.
pub fn wait_for_script(browser: &Browser, script: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if browser.execute(script, vec![]).as_bool() == Some(true) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_to_another_origin_are_findings() {
        let origin = "http://127.0.0.1:8080";
        let facts = json!({"loaded": [
            "http://127.0.0.1:8080/handboek/style.css",
            "http://127.0.0.1:80801/trick.js",
            "https://fonts.example.org/font.woff2",
            "data:image/png;base64,AAAA",
        ]});
        let found: Vec<String> = loaded_elsewhere(&facts, origin, "/p/")
            .into_iter()
            .map(|f| f.target)
            .collect();
        assert_eq!(
            found,
            [
                "http://127.0.0.1:80801/trick.js",
                "https://fonts.example.org/font.woff2"
            ]
        );
    }

    #[test]
    fn link_targets_split_into_path_and_decoded_fragment() {
        let origin = "http://127.0.0.1:8080";
        assert_eq!(
            split(
                "http://127.0.0.1:8080/handboek/a/?niveau=B#w%C3%A9rk",
                origin
            ),
            Some(("/handboek/a/".into(), "wérk".into()))
        );
        assert_eq!(
            split("http://127.0.0.1:8080", origin),
            Some(("/".into(), "".into()))
        );
        assert_eq!(split("https://example.org/handboek/", origin), None);
    }

    #[test]
    fn sitemap_locations_may_be_paths_or_absolute_urls() {
        let xml = "<urlset><url><loc>/handboek/</loc></url>\
                   <url><loc>https://intranet.example/handboek/a/?x=1&amp;y=2</loc></url></urlset>";
        assert_eq!(
            sitemap_paths(xml, "http://127.0.0.1:1"),
            ["/handboek/", "/handboek/a/"]
        );
    }
}
