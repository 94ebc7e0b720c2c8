//! The tantivy side of search on the fixture corpus: query syntax, Dutch analysis end to end,
//! facets, snippets, errors, and deterministic static output.

use handboek::search::{
    SearchError, SearchRequest, SearchResults, Searcher, testdata, write_indexes,
};

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
