//! The tantivy side of search on the fixture corpus: query syntax, Dutch analysis end to end,
//! facets, snippets, errors, and deterministic static output.

use crate::support::search_testdata as testdata;

use handboek::search::{SearchError, SearchRequest, SearchResults, Searcher, write_indexes};

fn searcher() -> Searcher {
    let (sections, settings) = testdata::fixture();
    Searcher::in_memory(&sections, &settings).unwrap()
}

fn search(s: &Searcher, query: &str) -> SearchResults {
    s.search(&SearchRequest {
        query: query.into(),
        limit: 50,
        ..Default::default()
    })
    .unwrap()
}

fn all_text(r: &SearchResults) -> String {
    r.hits
        .iter()
        .map(|h| h.snippet_html.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn compound_parts_find_the_compound() {
    let s = searcher();
    for (part, compound) in [
        ("hulpverlening", "schuldhulpverlening"),
        ("beleid", "arbeidsmarktbeleid"),
        ("medewerker", "wijkteammedewerker"),
    ] {
        let r = search(&s, &format!("{part} "));
        assert!(
            all_text(&r).contains(&format!("<mark>{compound}</mark>")),
            "{part} must find {compound}"
        );
    }
}

#[test]
fn diacritics_do_not_matter() {
    let s = searcher();
    let a = search(&s, "financien");
    let b = search(&s, "Financiën");
    assert!(a.total > 0);
    assert_eq!(a.hits, b.hits);
}

#[test]
fn synonym_finds_the_phrase() {
    let s = searcher();
    let r = search(&s, "mpop ");
    assert!(r.total > 0);
    assert!(
        all_text(&r).contains("plan van de inwoner"),
        "{}",
        all_text(&r)
    );
}

#[test]
fn phrase_query_requires_the_words_in_order() {
    let s = searcher();
    let loose = search(&s, "inwoner plan");
    let phrase = search(&s, "\"plan van de inwoner\"");
    assert!(phrase.total > 0 && phrase.total <= loose.total);
    let reversed = search(&s, "\"inwoner plan\"");
    assert_eq!(reversed.total, 0);
}

#[test]
fn excluded_words_remove_sections() {
    let s = searcher();
    let with = search(&s, "inwoner ");
    let without = search(&s, "inwoner -gemeente");
    assert!(without.total < with.total);
    assert!(!all_text(&without).contains("<mark>gemeente"));
}

#[test]
fn prefix_on_the_last_word() {
    let s = searcher();
    assert!(search(&s, "schuldh").total > 0);
    assert_eq!(
        search(&s, "schuldh ").total,
        0,
        "a finished word is no prefix"
    );
}

#[test]
fn hyphenated_and_odd_queries_do_not_crash() {
    let s = searcher();
    assert!(search(&s, "re-integratie").total > 0);
    for q in [
        "",
        " ",
        "-",
        "\"",
        "\"\"",
        "- -",
        "van de",
        "***",
        "a-b-c-d",
        "\"onafgesloten",
        "-inwoner",
    ] {
        let r = search(&s, q);
        assert!(r.hits.len() <= r.total, "{q}");
    }
}

#[test]
fn typo_tolerance_and_stemming() {
    let s = searcher();
    assert!(search(&s, "begeleidng ").total > 0, "one typo");
    assert!(
        search(&s, "begeleidingen ").total > 0,
        "an inflection the corpus lacks is stemmed"
    );
    assert_eq!(
        search(&s, "beleid ")
            .hits
            .iter()
            .filter(|h| h.snippet_html.contains("<mark>begeleiding"))
            .count(),
        0,
        "beleid is not begeleiding"
    );
}

#[test]
fn facet_filters_and_counts() {
    let s = searcher();
    let all = search(&s, "inwoner ");
    let level_b = s
        .search(&SearchRequest {
            query: "inwoner ".into(),
            level: Some("B".into()),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(level_b.total < all.total);
    assert!(
        level_b
            .hits
            .iter()
            .all(|h| h.levels.contains(&"B".to_string()))
    );
    let count_b = all
        .facets
        .level
        .iter()
        .find(|f| f.value == "B")
        .map(|f| f.count);
    assert_eq!(
        count_b,
        Some(level_b.total as u32),
        "facet count = filtered total"
    );
    let dilemmas = s
        .search(&SearchRequest {
            query: "team".into(),
            kind: Some("dilemma".into()),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(dilemmas.total > 0 && dilemmas.hits.iter().all(|h| h.collection == "dilemmas"));
    let err = s
        .search(&SearchRequest {
            query: "team".into(),
            level: Some("Z".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            SearchError::UnknownFacet {
                facet: "niveau",
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("A, B, C, D"));
}

#[test]
fn snippets_escape_html() {
    let s = searcher();
    let r = search(&s, "onerror");
    let hit = &r.hits[0];
    assert!(
        hit.snippet_html
            .contains("&lt;img src=x <mark>onerror</mark>="),
        "{}",
        hit.snippet_html
    );
    assert!(!hit.snippet_html.contains("<img"));
    assert_eq!(hit.url, "handboek/veilig-html/#voorbeeld");
}

#[test]
fn json_and_text_output() {
    let s = searcher();
    let r = search(&s, "meldcode");
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "page_title",
        "heading",
        "url",
        "snippet_html",
        "score",
        "collection",
        "levels",
        "roles",
    ] {
        assert!(json["hits"][0].get(key).is_some(), "{key}");
    }
    assert!(
        json["facets"]["type"].is_array()
            && json["facets"]["level"].is_array()
            && json["facets"]["role"].is_array()
    );
    let text = r.to_text(false);
    assert!(
        text.contains(&r.hits[0].page_title) && text.contains(&format!("/{}", r.hits[0].url)),
        "{text}"
    );
    assert!(!text.contains("<mark>"));
    assert!(
        search(&s, "xyzzy")
            .to_text(false)
            .starts_with("Geen resultaten")
    );
}

#[test]
fn missing_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Searcher::open(&dir.path().join(".handboek/index"))
        .err()
        .unwrap();
    assert!(matches!(err, SearchError::MissingIndex(_)));
    assert!(err.to_string().contains("handboek build"));
}

#[test]
fn reopened_index_answers_like_the_in_memory_one() {
    let (sections, settings) = testdata::fixture();
    let dir = tempfile::tempdir().unwrap();
    let report = write_indexes(&sections, &settings, dir.path()).unwrap();
    assert!(report.files.iter().any(|f| f.ends_with("manifest.js")));
    let opened = Searcher::open(&dir.path().join(".handboek/index")).unwrap();
    let memory = searcher();
    for q in [
        "wijkcoach inwoner",
        "schuldh",
        "\"plan van de inwoner\"",
        "begeleidng ",
    ] {
        assert_eq!(search(&opened, q), search(&memory, q), "{q}");
    }
}

#[test]
fn static_index_is_deterministic() {
    let (sections, settings) = testdata::fixture();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_indexes(&sections, &settings, a.path()).unwrap();
    write_indexes(&sections, &settings, b.path()).unwrap();
    let read = |dir: &std::path::Path| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("zoeken/index"))
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let files = read(a.path());
    assert!(files.len() > 3);
    assert_eq!(files, read(b.path()));
}

#[test]
fn empty_corpus_builds_and_answers_nothing() {
    let (_, settings) = testdata::fixture();
    let dir = tempfile::tempdir().unwrap();
    let report = write_indexes(&[], &settings, dir.path()).unwrap();
    assert_eq!(report.sections, 0);
    let s = Searcher::open(&dir.path().join(".handboek/index")).unwrap();
    assert_eq!(search(&s, "inwoner").total, 0);
}

/// Issue 17 item 4: a query past the bounds is refused before it is planned (a 48 KB query
/// used to take hundreds of MB), whoever calls the engine.
#[test]
fn a_query_past_the_bounds_is_refused_by_the_engine() {
    let s = searcher();
    let long = "begeleiding ".repeat(4096);
    let err = s
        .search(&SearchRequest {
            query: long,
            limit: 10,
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the query is too long: 49152 characters, at most 256"),
        "{err}"
    );
    let many = "hulp ".repeat(13);
    let err = s
        .search(&SearchRequest {
            query: many,
            limit: 10,
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("too many words: 13, at most 12"),
        "{err}"
    );
    // At the bounds a query is answered.
    assert!(search(&s, &"hulp ".repeat(12)).total > 0);
}

/// Runs the CLI search on the fixture handbook of the serve tests.
fn cli_search(args: &[&str]) -> std::process::Output {
    let handbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/serve-basic/handbook");
    std::process::Command::new(env!("CARGO_BIN_EXE_handboek"))
        .arg("search")
        .args(args)
        .arg("--path")
        .arg(handbook)
        .output()
        .unwrap()
}

#[test]
fn cli_refuses_a_100_kb_query_as_a_usage_error() {
    let query = "begeleiding ".repeat(100 * 1024 / 12);
    let out = cli_search(&[&query]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("the query is too long"), "{err}");
    assert!(err.contains("at most 256"), "{err}");
    assert!(
        err.len() < 2000,
        "the message does not echo the query: {err}"
    );
    let out = cli_search(&[&"hulp ".repeat(13)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("too many words: 13, at most 12"), "{err}");
}

/// Issue 17: `--limit 0` used to answer 10 pages silently.
#[test]
fn cli_refuses_a_limit_of_zero() {
    let out = cli_search(&["eerste", "--limit", "0"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("the limit must be at least 1"), "{err}");
    assert!(out.stdout.is_empty());
    let out = cli_search(&["eerste", "--limit", "1", "--json"]);
    crate::support::assert_success(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["hits"].as_array().map(Vec::len), Some(1));
}

/// `handboek search … | head`: a reader that closes the pipe early is no reason to panic.
#[test]
fn cli_search_into_a_closed_pipe_exits_without_a_panic() {
    use std::process::{Command, Stdio};
    let handbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("handbook");
    let mut child = Command::new(env!("CARGO_BIN_EXE_handboek"))
        .args(["search", "beschikking", "--limit", "50", "--path"])
        .arg(handbook)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the command has loaded the handbook and printed anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "{err}");
}

/// The browser client mirrors `handboek::search::limits`: same bounds, same counts.
#[test]
fn the_browser_client_bounds_queries_like_the_engine() {
    use handboek::search::limits::{self, QueryError};
    let ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("HANDBOEK_REQUIRE_NODE").as_deref() != Ok("1"),
            "node is required (HANDBOEK_REQUIRE_NODE=1) but was not found"
        );
        eprintln!("skipped: node not found (set HANDBOEK_REQUIRE_NODE=1 to fail instead)");
        return;
    }
    let queries = vec![
        String::new(),
        "a".repeat(256),
        "a".repeat(257),
        "€".repeat(256),
        "€".repeat(257),
        "😀".repeat(257),
        "hulp ".repeat(12),
        "hulp ".repeat(13),
        "re-integratie \"plan van de\" -jeugd 24/7 financiën* Ⅻ ½ x²".into(),
        "één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien".into(),
        "a-b-c-d-e-f-g-h-i-j-k-l-m".into(),
    ];
    // Rust's verdict per query as [kind, count]: ["ok", 0], ["long", chars], ["words", words].
    let rust: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| match limits::check_query(q) {
            Ok(()) => serde_json::json!(["ok", 0]),
            Err(QueryError::TooLong { chars }) => serde_json::json!(["long", chars]),
            Err(QueryError::TooManyWords { words }) => serde_json::json!(["words", words]),
            Err(e) => serde_json::json!(["other", e.to_string()]),
        })
        .collect();
    let client = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/static/zoeken/engine.js");
    let script = format!(
        "const z = require({client:?}); const qs = {queries};
         console.log(JSON.stringify(qs.map(q => {{
           const m = z.checkQuery(q);
           if (m === null) return ['ok', 0];
           const n = Number((m.match(/: (\\d+)/) || [])[1]);
           return [m.includes('te lang') ? 'long' : 'words', n];
         }})));
         let loads = 0;
         const engine = new z.Engine(() => {{ loads++; return Promise.reject(new Error('no index')); }});
         engine.search({{ query: 'hulp '.repeat(13), limit: 10 }}).then(
           () => {{ console.error('answered'); process.exit(1); }},
           e => {{ if (!(e instanceof z.QueryError) || loads !== 0) {{ console.error(String(e), loads); process.exit(1); }} }});",
        client = client.display().to_string(),
        queries = serde_json::to_string(&queries).unwrap(),
    );
    let out = std::process::Command::new("node")
        .args(["-e", &script])
        .output()
        .unwrap();
    crate::support::assert_success(&out);
    // The client refuses before it loads any part of the index.
    let js: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js, rust);
    assert_eq!(
        rust.iter().filter(|v| v[0] == "ok").count(),
        5,
        "the cases cover both sides of each bound: {rust:?}"
    );
}
