//! Browser tests of the views in headless Chromium: the "mijn niveau en rol" filter (over
//! WebDriver) and the A4 print of a functieprofiel (print-to-PDF, read with pdftotext).
//!
//! Without chromium, chromedriver or pdftotext these tests print "skipped: …" and pass, unless
//! HANDBOEK_BROWSER_TESTS=1 is set (CI), where a missing tool fails them.

#[path = "common/browser.rs"]
mod browser;

use std::path::{Path, PathBuf};
use std::process::Command;

use browser::{Browser, serve_dir};

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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
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
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
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

    // A shared link wins over the stored choice.
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
    let (Some(chromium), Some(pdftotext)) = (
        require(&["chromium", "chromium-browser", "google-chrome"]),
        require(&["pdftotext"]),
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = built_site(tmp.path());
    let pdf = tmp.path().join("b.pdf");
    let status = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
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
