//! What readers ask of the shipped handbook's search: the generated pages (functieprofielen,
//! comparisons, overviews) are found with their own type, pages for editors come last, and
//! compounds the handbook never uses find their parts. Library and CLI.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use handboek::search::plan::Unknown;
use handboek::search::{SearchRequest, SearchResults, SearchSection, Searcher, from_site};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook")
}

fn shipped() -> (Vec<SearchSection>, Searcher) {
    let loaded = match handboek::build::load(&root(), None, &[]) {
        Ok(l) => l,
        Err(problems) => panic!("{}", problems.render()),
    };
    let sections = from_site::sections(&loaded.site);
    let settings = from_site::settings(&loaded.site.config);
    let searcher = Searcher::in_memory(&sections, &settings).unwrap();
    (sections, searcher)
}

fn ask(s: &Searcher, query: &str, kind: Option<&str>) -> SearchResults {
    let request = SearchRequest {
        query: query.into(),
        kind: kind.map(String::from),
        limit: 50,
        ..SearchRequest::default()
    };
    s.search(&request).unwrap()
}

fn urls(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| h.url.split('#').next().unwrap_or("").to_string())
        .collect()
}

fn first(s: &Searcher, query: &str) -> String {
    urls(&ask(s, query, None))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no results for {query:?}"))
}

#[test]
fn hr_questions_land_on_the_functieprofiel_and_the_comparison() {
    let (_, s) = shipped();
    let cases = [
        ("functieprofiel C", "functiefamilie/wijkcoach/niveau/c/"),
        (
            "functieprofiel wijkcoach D",
            "functiefamilie/wijkcoach/niveau/d/",
        ),
        ("schaal 8", "functiefamilie/wijkcoach/niveau/b/"),
        ("schaal 7", "functiefamilie/wijkcoach/niveau/a/"),
        ("denkniveau mbo", "functiefamilie/wijkcoach/niveau/a/"),
        ("typering B", "functiefamilie/wijkcoach/niveau/b/"),
        (
            "verschil tussen B en C",
            "functiefamilie/wijkcoach/vergelijk/b-c/",
        ),
        (
            "verschil tussen A en B",
            "functiefamilie/wijkcoach/vergelijk/a-b/",
        ),
        (
            "A en D vergeleken",
            "functiefamilie/wijkcoach/vergelijk/a-d/",
        ),
        ("niveau D", "niveau/d/"),
        ("rol HR-adviseur", "rol/hr-adviseur/"),
        ("matrices", "functiefamilie/wijkcoach/matrix/"),
    ];
    for (query, want) in cases {
        assert_eq!(first(&s, query), want, "first result for {query:?}");
    }
}

#[test]
fn generated_pages_have_their_own_type_to_filter_on() {
    let (sections, s) = shipped();
    let kind_of = |url: &str| {
        sections
            .iter()
            .find(|x| x.url == url)
            .map(|x| x.collection.as_str())
    };
    assert_eq!(
        kind_of("functiefamilie/wijkcoach/niveau/b/"),
        Some("functieprofiel")
    );
    assert_eq!(
        kind_of("functiefamilie/wijkcoach/vergelijk/b-c/"),
        Some("vergelijking")
    );
    assert_eq!(
        kind_of("functiefamilie/wijkcoach/matrix/"),
        Some("overzicht")
    );
    assert_eq!(kind_of("niveau/b/"), Some("overzicht"));
    assert_eq!(kind_of("rol/wijkteammanager/"), Some("overzicht"));
    let r = ask(&s, "wijkcoach", Some("functieprofiel"));
    assert!(r.total >= 4, "{r:?}");
    assert!(r.hits.iter().all(|h| h.collection == "functieprofiel"));
    let r = ask(&s, "wijkcoach", None);
    let types: BTreeSet<&str> = r.facets.kind.iter().map(|f| f.value.as_str()).collect();
    for t in ["functieprofiel", "vergelijking", "overzicht", "handboek"] {
        assert!(types.contains(t), "type facet {t} missing: {types:?}");
    }
    // The level data and the front matter a page shows are searchable where they are shown.
    let profile = ask(
        &s,
        "generalist hbo-niveau jeugdzorgtaken",
        Some("functieprofiel"),
    );
    assert_eq!(urls(&profile)[0], "functiefamilie/wijkcoach/niveau/b/");
}

/// Every HTML page a build writes (but the search page itself) is in the search index.
#[test]
fn every_page_a_reader_can_open_is_in_the_index() {
    let (sections, _) = shipped();
    let indexed: BTreeSet<&str> = sections.iter().map(|s| s.url.as_str()).collect();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    handboek::build::build(&handboek::build::BuildOptions {
        root: root(),
        out: out.clone(),
        base_url: None,
        search: false,
    })
    .unwrap();
    let mut missing = Vec::new();
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "index.html") {
                let rel = path.parent().unwrap().strip_prefix(&out).unwrap();
                let url = rel.to_string_lossy().replace('\\', "/");
                let url = if url.is_empty() {
                    url
                } else {
                    format!("{url}/")
                };
                if url != "zoeken/" && !indexed.contains(url.as_str()) {
                    missing.push(url);
                }
            }
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "pages not in the index: {missing:?}");
}

#[test]
fn the_editors_page_ranks_below_every_other_match_unless_filtered_for() {
    let (_, s) = shipped();
    for query in ["MPOP", "schaal 8", "niveau", "rol", "dilemma", "link"] {
        let r = ask(&s, query, None);
        let all = urls(&r);
        if let Some(at) = all.iter().position(|u| u == "handboek/zo-schrijf-je-mee/") {
            assert_eq!(
                at,
                all.len() - 1,
                "{query:?}: editors' page at {at} of {all:?}"
            );
        }
    }
    // "front matter" only matches the editors' page: still found.
    assert_eq!(first(&s, "front matter"), "handboek/zo-schrijf-je-mee/");
    let r = ask(&s, "niveau", Some("redactie"));
    assert_eq!(urls(&r), ["handboek/zo-schrijf-je-mee/"]);
    // Its score beats other pages' for "MPOP": only the mark puts it last.
    let r = ask(&s, "MPOP", None);
    let editors = r
        .hits
        .iter()
        .find(|h| h.collection == "redactie")
        .map(|h| h.score);
    let higher = r
        .hits
        .iter()
        .filter(|h| editors.is_some_and(|e| h.score < e))
        .count();
    assert!(
        higher > 0,
        "the test must rank a page with a higher score last"
    );
}

#[test]
fn a_compound_the_handbook_never_uses_finds_its_parts() {
    let (sections, s) = shipped();
    let text: String = sections
        .iter()
        .map(|x| x.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    for (query, parts) in [
        ("gezinsbescherming", ["gezin", "bescherming"]),
        ("schuldenbeleid", ["schulden", "beleid"]),
        ("wijkteamoverleg", ["wijkteam", "overleg"]),
    ] {
        assert!(!text.contains(query), "{query} must be new to the handbook");
        for mode in [Unknown::Stem, Unknown::Vocabulary] {
            let plan = s.plan(query, mode);
            let words: Vec<&str> = plan.must.iter().map(|c| c.word.as_str()).collect();
            assert_eq!(words, parts, "{query:?} {mode:?}");
        }
        let r = ask(&s, query, None);
        assert!(r.total > 0, "{query:?} finds nothing");
        let hit = &r.hits[0];
        let found = sections
            .iter()
            .filter(|x| x.page_id == hit.page_id)
            .map(|x| format!("{} {}", x.heading, x.text).to_lowercase())
            .collect::<String>();
        for p in parts {
            assert!(found.contains(p), "{query:?}: top hit lacks {p}");
        }
    }
    // Typo tolerance keeps working; gibberish does not split.
    assert!(ask(&s, "inwonre ", None).total > 0);
    assert_eq!(ask(&s, "xqzwvkpl", None).total, 0);
}

#[test]
fn cli_finds_the_functieprofiel_and_filters_on_its_type() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_handboek"))
            .arg("search")
            .arg("--path")
            .arg(root())
            .args(args)
            .output()
            .unwrap();
        crate::support::assert_success(&out);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let r = run(&["--json", "functieprofiel C"]);
    assert_eq!(r["hits"][0]["url"], "functiefamilie/wijkcoach/niveau/c/");
    let r = run(&["--json", "--type", "vergelijking", "verschil tussen B en C"]);
    assert_eq!(
        r["hits"][0]["url"],
        "functiefamilie/wijkcoach/vergelijk/b-c/"
    );
    assert!(
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["collection"] == "vergelijking")
    );
    let r = run(&["--json", "gezinsbescherming"]);
    assert!(r["total"].as_u64() > Some(0));
}
