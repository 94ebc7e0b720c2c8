//! Parity between the browser client and tantivy: the same top pages, scores and facet counts.
//!
//! Writes the indexes of the fixture corpus, answers 50+ queries with tantivy (treating
//! unknown words as the browser does), and runs `node --test tests/js/parity.test.mjs`.
//! Skipped with a message when node is absent, unless HANDBOEK_REQUIRE_NODE=1.

use crate::support::search_testdata as testdata;

use std::path::Path;
use std::process::Command;

use handboek::search::plan::Unknown;
use handboek::search::{SearchRequest, Searcher, write_indexes};
use serde_json::json;

/// (query, level, role, type)
type Case<Q> = (
    Q,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// A case with an expertise filter too.
type FullCase = (Case<String>, Option<&'static str>);

const CASES: &[Case<&str>] = &[
    ("inwoner", None, None, None),
    ("wijkcoach", None, None, None),
    ("gemeente", None, None, None),
    ("beleid", None, None, None),
    ("begeleiding", None, None, None),
    ("hulpverlening", None, None, None),
    ("medewerker", None, None, None),
    ("schuldhulpverlening", None, None, None),
    ("financien", None, None, None),
    ("financiën", None, None, None),
    ("FINANCIËN ", None, None, None),
    ("meldcode", None, None, None),
    ("veiligheid", None, None, None),
    ("netwerk", None, None, None),
    ("zelfregie", None, None, None),
    ("mpop", None, None, None),
    ("mdo", None, None, None),
    ("coaches", None, None, None),
    ("dilemma's", None, None, None),
    ("dossier", None, None, None),
    ("kwaliteit", None, None, None),
    ("jeugdzorg", None, None, None),
    ("verslaving", None, None, None),
    ("gegevens", None, None, None),
    ("arbeidsmarkt", None, None, None),
    ("werkbegeleiding", None, None, None),
    ("wijkteammedewerker", None, None, None),
    ("arbeidsmarktbeleid", None, None, None),
    ("kindermishandeling", None, None, None),
    ("wijkcoach inwoner", None, None, None),
    ("plan inwoner", None, None, None),
    ("gemeente beleid", None, None, None),
    ("hulpverlening netwerk", None, None, None),
    ("veiligheid meldcode geweld", None, None, None),
    ("team rol collega", None, None, None),
    ("kennis arbeidsmarkt migratie", None, None, None),
    ("eigen kracht zelfregie", None, None, None),
    ("re-integratie", None, None, None),
    ("wat-werkt-gesprek", None, None, None),
    ("HR-adviseur functieprofiel", None, None, None),
    ("van de", None, None, None),
    ("het een", None, None, None),
    ("xyzzy", None, None, None),
    ("onbekendwoord inwoner", None, None, None),
    ("inwo", None, None, None),
    ("begel", None, None, None),
    ("schuldh", None, None, None),
    ("wijkt", None, None, None),
    ("coach ver", None, None, None),
    ("begeleidng ", None, None, None),
    ("gemeete ", None, None, None),
    ("inwonre ", None, None, None),
    ("inwoner -gemeente", None, None, None),
    ("coach -team", None, None, None),
    ("inwoner", Some("B"), None, None),
    ("wijkcoach", None, Some("hr-adviseur"), None),
    ("team", None, None, Some("dilemma")),
    ("gesprek", Some("C"), Some("werkbegeleider"), None),
    ("zorg", Some("A"), None, Some("handboek")),
    ("onerror", None, None, None),
    ("img", None, None, None),
];

fn node() -> Option<String> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| "node".to_string())
}

/// Skips (or fails under HANDBOEK_REQUIRE_NODE=1) without node.
fn node_or_skip(test: &str) -> Option<String> {
    let node = node();
    if node.is_none() {
        assert!(
            std::env::var("HANDBOEK_REQUIRE_NODE").as_deref() != Ok("1"),
            "node is required (HANDBOEK_REQUIRE_NODE=1) but was not found"
        );
        eprintln!("SKIPPED {test}: node not found (set HANDBOEK_REQUIRE_NODE=1 to fail instead)");
    }
    node
}

/// Writes indexes, tantivy's answers, and runs the node side.
fn parity(
    node: &str,
    sections: &[handboek::search::SearchSection],
    settings: &handboek::search::SearchSettings,
    cases: &[FullCase],
) {
    let tmp = tempfile::tempdir().unwrap();
    // HANDBOEK_PARITY_KEEP=1 keeps the site and tantivy's answers for a closer look.
    let (dir, _guard) = if std::env::var_os("HANDBOEK_PARITY_KEEP").is_some() {
        let kept = tmp.keep();
        eprintln!("parity site kept in {}", kept.display());
        (kept, None)
    } else {
        (tmp.path().to_path_buf(), Some(tmp))
    };
    write_indexes(sections, settings, &dir).unwrap();
    let searcher = Searcher::open(&dir.join(".handboek/index")).unwrap();
    let mut expected = Vec::new();
    for ((query, level, role, kind), expertise) in cases {
        let request = SearchRequest {
            query: query.to_string(),
            level: level.map(String::from),
            role: role.map(String::from),
            kind: kind.map(String::from),
            expertise: expertise.map(String::from),
            limit: 10,
        };
        let results = searcher.search_with(&request, Unknown::Vocabulary).unwrap();
        let plan = searcher.plan(query, Unknown::Vocabulary);
        let hits: Vec<_> = results
            .hits
            .iter()
            .map(|h| json!({"page_id": h.page_id, "score": h.score}))
            .collect();
        expected.push(json!({
            "query": query, "level": level, "role": role, "kind": kind, "expertise": expertise,
            "plan": plan, "total": results.total, "hits": hits, "facets": results.facets,
        }));
    }
    let matched = expected
        .iter()
        .filter(|e| e["total"].as_u64() > Some(0))
        .count();
    assert!(matched >= 40, "too few queries with results: {matched}");
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_vec_pretty(&expected).unwrap(),
    )
    .unwrap();
    let test_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/parity.test.mjs");
    let out = Command::new(node)
        .arg("--test")
        .arg(&test_file)
        .env("HANDBOEK_PARITY_DIR", &dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let failures: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            l.starts_with("not ok")
                || l.contains("Error")
                || l.contains("expected")
                || l.contains("actual")
        })
        .collect();
    assert!(
        out.status.success(),
        "node parity test failed:\n{}\n{}",
        failures.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    let pass = stdout
        .lines()
        .find(|l| l.starts_with("# pass"))
        .unwrap_or("");
    eprintln!("node parity: {pass}");
}

#[test]
fn browser_client_matches_tantivy_on_the_fixture() {
    let Some(node) = node_or_skip("browser_client_matches_tantivy_on_the_fixture") else {
        return;
    };
    let (sections, settings) = testdata::fixture();
    let cases: Vec<_> = CASES
        .iter()
        .map(|(q, l, r, k)| ((q.to_string(), *l, *r, *k), None))
        .collect();
    parity(&node, &sections, &settings, &cases);
}

/// A generated corpus has many facet combinations and long postings (multi-digit varints).
#[test]
fn browser_client_matches_tantivy_on_a_generated_corpus() {
    let Some(node) = node_or_skip("browser_client_matches_tantivy_on_a_generated_corpus") else {
        return;
    };
    let (sections, settings) = testdata::generate(300, 3);
    let analyzer = handboek::search::analyzer::Analyzer::new(&settings, &[]);
    let mut rng = testdata::Rng::new(11);
    let levels = [None, Some("A"), Some("B"), Some("D")];
    let cases: Vec<_> = (0..60)
        .map(|i| {
            let s = &sections[rng.below(sections.len())];
            let words: Vec<String> = analyzer
                .words(&s.text)
                .into_iter()
                .map(|w| w.folded)
                .filter(|w| !analyzer.is_stop(w))
                .collect();
            let at = rng.below(words.len().saturating_sub(2));
            let n = 1 + i % 3;
            let mut query = words[at..(at + n).min(words.len())].join(" ");
            if i % 4 == 0 {
                query.truncate(query.len().saturating_sub(2));
            }
            let expertise = [None, None, Some("jeugdzorg"), Some("schuldenproblematiek")];
            (
                (query, levels[i % 4], None, None),
                expertise[i % 3 + usize::from(i % 7 == 0)],
            )
        })
        .collect();
    parity(&node, &sections, &settings, &cases);
}

/// A page with more sections than fit in one unit of the static index (30) is cut into units
/// that the client puts together again: its score, sections and facet counts stay right.
#[test]
fn browser_client_matches_tantivy_with_a_page_of_many_sections() {
    let Some(node) = node_or_skip("browser_client_matches_tantivy_with_a_page_of_many_sections")
    else {
        return;
    };
    let (mut sections, settings) = testdata::fixture();
    let long: Vec<_> = sections
        .iter()
        .take(70)
        .enumerate()
        .map(|(i, s)| handboek::search::SearchSection {
            page_id: "handboek/lang".into(),
            page_title: "Een lange pagina".into(),
            url: "handboek/lang/".into(),
            anchor: (i > 0).then(|| format!("deel-{i}")),
            heading: if i == 0 {
                String::new()
            } else {
                format!("Deel {i}")
            },
            levels: if i % 2 == 1 {
                vec!["B".into()]
            } else {
                settings.levels.clone()
            },
            ..s.clone()
        })
        .collect();
    sections.extend(long);
    let cases: Vec<_> = CASES
        .iter()
        .map(|(q, l, r, k)| ((q.to_string(), *l, *r, *k), None))
        .chain([(("deel".to_string(), Some("B"), None, None), None)])
        .collect();
    parity(&node, &sections, &settings, &cases);
}

/// Query words the corpus does not have, split into corpus words, and pages meant for editors
/// (type `redactie`, ranked after every other match unless filtered for): the client plans,
/// ranks and counts them as tantivy does.
#[test]
fn browser_client_matches_tantivy_on_compounds_and_editors_pages() {
    let Some(node) = node_or_skip("browser_client_matches_tantivy_on_compounds_and_editors_pages")
    else {
        return;
    };
    let (mut sections, settings) = testdata::fixture();
    let mut pages: Vec<String> = sections.iter().map(|s| s.page_id.clone()).collect();
    pages.dedup();
    let editors: Vec<_> = sections
        .iter()
        .filter(|s| pages[..6].contains(&s.page_id))
        .map(|s| handboek::search::SearchSection {
            page_id: format!("redactie/{}", s.page_id),
            url: format!("redactie/{}", s.url),
            collection: "redactie".into(),
            ..s.clone()
        })
        .collect();
    sections.extend(editors);
    const COMPOUNDS: &[Case<&str>] = &[
        ("gemeentebeleid", None, None, None),
        ("inwonersnetwerk", None, None, None),
        ("teamgesprek", None, None, None),
        ("veiligheidsbeleid", None, None, None),
        ("kwaliteitsnetwerk zorg", None, None, None),
        ("wijkcoach gemeentebeleid", None, None, None),
        ("gemeentebeleid", Some("B"), None, None),
        ("inwoner", None, None, Some("redactie")),
        ("gemeentebeleid", None, None, Some("redactie")),
        ("team", None, None, Some("handboek")),
    ];
    let searcher = Searcher::in_memory(&sections, &settings).unwrap();
    let split = searcher.plan("gemeentebeleid", Unknown::Vocabulary);
    assert!(
        split.must.len() >= 2,
        "the case must split into corpus words: {split:?}"
    );
    let cases: Vec<_> = CASES
        .iter()
        .chain(COMPOUNDS)
        .map(|(q, l, r, k)| ((q.to_string(), *l, *r, *k), None))
        .collect();
    parity(&node, &sections, &settings, &cases);
}

/// The shipped handbook, generated pages and the editors' page included: HR's questions, the
/// type filters of the generated pages and compounds the handbook never uses.
#[test]
fn browser_client_matches_tantivy_on_the_shipped_handbook() {
    let Some(node) = node_or_skip("browser_client_matches_tantivy_on_the_shipped_handbook") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    let loaded = match handboek::build::load(&root, None, &[]) {
        Ok(l) => l,
        Err(problems) => panic!("{}", problems.render()),
    };
    let sections = handboek::search::from_site::sections(&loaded.site);
    let settings = handboek::search::from_site::settings(&loaded.site.config);
    const SHIPPED: &[Case<&str>] = &[
        ("functieprofiel C", None, None, None),
        ("schaal 8", None, None, None),
        ("verschil tussen B en C", None, None, None),
        ("denkniveau mbo", None, None, None),
        ("MPOP", None, None, None),
        ("niveau", None, None, None),
        ("front matter", None, None, None),
        ("niveau", None, None, Some("redactie")),
        ("wijkcoach", None, None, Some("functieprofiel")),
        ("wijkcoach", None, None, Some("vergelijking")),
        ("wijkcoach", None, None, Some("overzicht")),
        ("gezinsbescherming", None, None, None),
        ("schuldenbeleid", None, None, None),
        ("wijkteamoverleg", Some("C"), None, None),
    ];
    let cases: Vec<_> = CASES
        .iter()
        .chain(SHIPPED)
        .map(|(q, l, r, k)| ((q.to_string(), *l, *r, *k), None))
        .collect();
    parity(&node, &sections, &settings, &cases);
}
