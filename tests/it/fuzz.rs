//! Fuzzing on stable Rust: property tests (proptest) that feed each parser the seed corpus under
//! `tests/fuzz/<target>/` as it is, then mutations of it (tokens of the target's syntax and
//! arbitrary Unicode inserted, spans deleted, copied and spliced from other seeds), for a bounded
//! time. Every target asserts that nothing panics and checks cheap invariants of the result.
//!
//! Each target runs for `HANDBOEK_FUZZ_SECONDS` (default 3; `.ci/run` sets 60) and prints its
//! number of executions (`cargo test --test it fuzz:: -- --nocapture` shows them). A failure is
//! shrunk to a small input and printed; add that input to the target's folder as a new seed
//! once it is fixed, so it is tried on every run from then on.

use crate::support::search_testdata as testdata;

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestRunner};

use handboek::config::Config as HandbookConfig;
use handboek::content::front_matter;
use handboek::content::load::{SourceFile, decode};
use handboek::content::page;
use handboek::markdown::{self, LinkTargets, RenderInput};
use handboek::search::limits::{self, QueryError};
use handboek::search::plan::Unknown;
use handboek::search::{SearchError, SearchRequest, Searcher};

// ---------------------------------------------------------------- the harness

/// How long each target runs.
fn budget() -> Duration {
    let seconds = std::env::var("HANDBOEK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(3.0);
    Duration::from_secs_f64(seconds)
}

/// The seed files of a target, sorted by name: (file name, text).
fn seeds(target: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let seeds: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(f).unwrap())
        })
        .collect();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

/// One change to an input.
#[derive(Debug, Clone)]
enum Mutation {
    /// Insert a token at a position.
    Insert(Index, String),
    /// Delete up to n characters from a position.
    Delete(Index, usize),
    /// Copy up to n characters from one position to another.
    Copy(Index, Index, usize),
    /// Insert up to n characters of another seed, from a position of it.
    Splice(Index, Index, Index, usize),
}

fn mutation(dictionary: &'static [&'static str]) -> impl Strategy<Value = Mutation> {
    let token = prop_oneof![
        4 => select(dictionary).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,8}",
    ];
    prop_oneof![
        5 => (any::<Index>(), token).prop_map(|(at, t)| Mutation::Insert(at, t)),
        2 => (any::<Index>(), 1usize..24).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => (any::<Index>(), any::<Index>(), 1usize..64)
            .prop_map(|(from, to, n)| Mutation::Copy(from, to, n)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>(), 1usize..128)
            .prop_map(|(seed, from, to, n)| Mutation::Splice(seed, from, to, n)),
    ]
}

/// A position in `0..=len` (insertion point).
fn at(index: &Index, len: usize) -> usize {
    index.index(len + 1)
}

fn apply(seed: &str, mutations: &[Mutation], seeds: &[String]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for m in mutations {
        match m {
            Mutation::Insert(i, token) => {
                let p = at(i, chars.len());
                chars.splice(p..p, token.chars());
            }
            Mutation::Delete(i, n) => {
                let p = at(i, chars.len());
                let end = (p + n).min(chars.len());
                chars.drain(p..end);
            }
            Mutation::Copy(from, to, n) => {
                let f = at(from, chars.len());
                let piece: Vec<char> = chars[f..(f + n).min(chars.len())].to_vec();
                let t = at(to, chars.len());
                chars.splice(t..t, piece);
            }
            Mutation::Splice(seed, from, to, n) => {
                let other: Vec<char> = seeds[seed.index(seeds.len())].chars().collect();
                let f = at(from, other.len());
                let t = at(to, chars.len());
                chars.splice(t..t, other[f..(f + n).min(other.len())].iter().copied());
            }
        }
    }
    chars.into_iter().collect()
}

/// Inputs: a seed with a few mutations, or a string of tokens alone.
fn inputs(
    seeds: Arc<Vec<String>>,
    dictionary: &'static [&'static str],
) -> impl Strategy<Value = String> {
    let tokens = prop_oneof![
        3 => select(dictionary).prop_map(str::to_string),
        1 => "\\PC{0,8}",
        1 => Just("\n".to_string()),
    ];
    let mutated = (
        any::<Index>(),
        proptest::collection::vec(mutation(dictionary), 1..12),
    )
        .prop_map(move |(seed, ms)| apply(&seeds[seed.index(seeds.len())], &ms, &seeds));
    prop_oneof![
        6 => mutated,
        1 => proptest::collection::vec(tokens, 0..40).prop_map(|t| t.concat()),
    ]
}

thread_local! {
    /// True while a generated input runs: its panic is caught, shrunk and reported by proptest.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// Where the last quiet panic happened.
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps the panics of generated inputs (hundreds while shrinking) off the terminal, and
/// remembers where the last one happened for the report.
fn quiet_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                let place = info.location().map(ToString::to_string).unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = place);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `check` on every seed, then on generated inputs until the time budget is spent.
fn fuzz(target: &str, dictionary: &'static [&'static str], check: impl Fn(&str)) {
    let start = Instant::now();
    quiet_panics();
    let seeds = seeds(target);
    for (name, text) in &seeds {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(text)));
        assert!(run.is_ok(), "fuzz {target}: the seed {name} fails");
    }
    let texts = Arc::new(seeds.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>());
    let strategy = inputs(Arc::clone(&texts), dictionary);
    let config = Config {
        cases: 64,
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    };
    // A runner runs `cases` inputs once; batches of fresh runners, each with the next random
    // stream of one parent, run until the time is up.
    let mut parent = TestRunner::new(config.clone());
    let executions = AtomicU64::new(seeds.len() as u64);
    let budget = budget();
    while start.elapsed() < budget {
        let mut runner = TestRunner::new_with_rng(config.clone(), parent.new_rng());
        let result = runner.run(&strategy, |input| {
            executions.fetch_add(1, Ordering::Relaxed);
            QUIET.with(|q| q.set(true));
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input)));
            QUIET.with(|q| q.set(false));
            if let Err(payload) = run {
                std::panic::resume_unwind(payload);
            }
            Ok(())
        });
        if let Err(e) = result {
            let place = LAST_PANIC.with(|p| p.borrow().clone());
            panic!("fuzz {target}: panicked at {place}: {e}");
        }
    }
    eprintln!(
        "fuzz {target}: {} executions in {:.1} s ({} seeds), no failure",
        executions.load(Ordering::Relaxed),
        start.elapsed().as_secs_f64(),
        seeds.len()
    );
}

/// A config with four levels and two roles, as the handbook has (read as `handbook.yaml` is, so
/// new optional fields need no change here).
fn config() -> HandbookConfig {
    let levels: Vec<serde_json::Value> = ["A", "B", "C", "D"]
        .iter()
        .map(|id| serde_json::json!({ "id": id, "name": format!("Niveau {id}") }))
        .collect();
    serde_json::from_value(serde_json::json!({
        "title": "Fuzz",
        "levels": levels,
        "roles": [
            { "id": "wijkcoach", "name": "Wijkcoach" },
            { "id": "hr-adviseur", "name": "HR-adviseur" },
        ],
    }))
    .expect("a valid config")
}

/// A problem must render (snippet, line, column) without panicking, whatever its offsets.
fn render_problem(p: &handboek::diagnostics::Problem) {
    assert!(!p.render().is_empty());
}

// ---------------------------------------------------------------- (a) front matter

const FRONT_MATTER_TOKENS: &[&str] = &[
    "---",
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    "\u{feff}",
    ": ",
    "title: ",
    "niveaus: ",
    "vanaf: ",
    "rollen: ",
    "tags: ",
    "gerelateerd: ",
    "volgorde: ",
    "extra: ",
    "nummer: ",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "  ",
    "\t",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "<<: ",
    "|\n",
    ">\n",
    "~",
    "null",
    "1e400",
    "-0",
    "é",
    "€",
    "😀",
    "\u{301}",
    "\0",
];

fn front_matter_check(text: &str) {
    let rel = PathBuf::from("handboek/pagina.md");
    let Ok(text) = decode(&rel, text.as_bytes().to_vec()) else {
        return;
    };
    let source = Arc::new(text);
    match front_matter::split(&source, &rel, &source) {
        Ok(split) => {
            assert_eq!(&source[split.body_start..], split.body);
            let yaml_end = split.yaml_start + split.yaml.len();
            assert!(split.yaml.is_empty() || &source[split.yaml_start..yaml_end] == split.yaml);
            if !source.starts_with("---") {
                assert_eq!(split.body_start, 0, "no front matter: all body");
            }
            if let Err(p) = front_matter::parse(&split, &rel, &source) {
                render_problem(&p);
            }
        }
        Err(p) => render_problem(&p),
    }
    // The typed front matter of one collection, picked by the input (each gets its turn).
    static CONFIG: OnceLock<HandbookConfig> = OnceLock::new();
    let config = CONFIG.get_or_init(config);
    let collections = [
        "handboek/pagina.md",
        "dilemmas/keuze.md",
        "expertisegebieden/jeugdzorg.md",
        "functiefamilie/wijkcoach/resultaatgebieden/01-aanmelding.md",
        "functiefamilie/wijkcoach/_index.md",
    ];
    let file = SourceFile {
        rel: PathBuf::from(collections[source.len() % collections.len()]),
        text: Arc::clone(&source),
    };
    match page::parse(&file, config, source.len() % 7 != 0) {
        Ok(page) => {
            assert!(page.body_start <= source.len());
            assert!(source.is_char_boundary(page.body_start));
        }
        Err(problems) => problems.iter().for_each(render_problem),
    }
}

#[test]
fn fuzz_front_matter() {
    fuzz("front_matter", FRONT_MATTER_TOKENS, front_matter_check);
}

// ---------------------------------------------------------------- (b) Markdown

const MARKDOWN_TOKENS: &[&str] = &[
    "::: niveau vanaf=C\n",
    "::: niveau A B\n",
    "::: rol hr-adviseur\n",
    ":::\n",
    ":::",
    "```\n",
    "~~~\n",
    "    ",
    "[x](",
    "](",
    ")",
    "[",
    "]",
    "![",
    "[ref]: ",
    "[ref]",
    "\n[ref]: b.md\n",
    "b.md",
    "_index.md",
    "../",
    "./",
    "#",
    "#doel",
    "?q=1",
    "%",
    "%a",
    "%C3%AB",
    "%e2%82",
    "%zz",
    "%20",
    "é",
    "€",
    "😀",
    "\u{301}",
    "<",
    ">",
    "<div>",
    "</div>",
    "<script>",
    "&amp;",
    "|",
    "*",
    "**",
    "`",
    "\\",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "{#id}",
    "[^1]",
    "[^1]: ",
    "- [ ] ",
    "https://",
    "mailto:",
    "//",
    "img.png",
    "\"titel\"",
    "\t",
    "\0",
];

fn link_targets() -> LinkTargets {
    let mut t = LinkTargets::default();
    for (path, id, url) in [
        ("handboek/b.md", "handboek/b", "handboek/b/"),
        ("handboek/a.md", "handboek/a", "handboek/a/"),
        ("handboek/_index.md", "handboek", "handboek/"),
        (
            "handboek/financiën.md",
            "handboek/financien",
            "handboek/financien/",
        ),
        ("a.md", "a", "a/"),
    ] {
        t.pages.insert(path.into(), (id.into(), url.into()));
    }
    t.assets
        .insert("handboek/img.png".into(), "handboek/img.png".into());
    t
}

fn markdown_check(text: &str) {
    static FIXED: OnceLock<(HandbookConfig, LinkTargets)> = OnceLock::new();
    let (config, targets) = FIXED.get_or_init(|| (config(), link_targets()));
    let source = Arc::new(text.to_string());
    let rel = PathBuf::from("handboek/a.md");
    // The body as a page has it: after its front matter when it has one.
    let body_start = front_matter::split(&source, &rel, &source).map_or(0, |s| s.body_start);
    let rendered = markdown::render(&RenderInput {
        source: &rel,
        text: &source,
        body_start,
        root: "../../",
        config,
        targets,
    });
    for link in &rendered.links {
        assert!(link.offset + link.len <= source.len(), "{link:?}");
    }
    for (_, offset) in &rendered.external_links {
        assert!(*offset <= source.len());
    }
    // Heading ids are unique, or the page is told: only an id the author wrote twice
    // (`{#id}`, also inside a longer attribute list such as `{.x #id}`) repeats, and a problem
    // names it.
    let mut seen = std::collections::HashSet::new();
    for h in &rendered.headings {
        if !seen.insert(h.id.as_str()) {
            let told = format!("two headings have the id `#{}`", h.id);
            assert!(
                rendered.problems.iter().any(|p| p.message.contains(&told)),
                "heading id {} repeats unreported",
                h.id
            );
        }
    }
    rendered.problems.iter().for_each(render_problem);
}

#[test]
fn fuzz_markdown() {
    fuzz("markdown", MARKDOWN_TOKENS, markdown_check);
}

// ---------------------------------------------------------------- (c) the search query

const QUERY_TOKENS: &[&str] = &[
    "\"",
    "-",
    "*",
    " ",
    "  ",
    "\t",
    "\n",
    "hulp",
    "begeleiding",
    "schuldhulpverlening",
    "de",
    "van",
    "plan",
    "inwoner",
    "financiën",
    "re-integratie",
    "jeugd",
    "mpop",
    "Ĳ",
    "é",
    "\u{301}",
    "😀",
    "€",
    "½",
    "x²",
    "Ⅻ",
    "ß",
    "İ",
    "ﬁ",
    "0",
    "24/7",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

fn query_check(query: &str) {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    let searcher = SEARCHER.get_or_init(|| {
        let (sections, settings) = testdata::fixture();
        Searcher::in_memory(&sections, &settings).expect("the fixture indexes")
    });
    let bounds = limits::check_query(query);
    match &bounds {
        Ok(()) => {
            assert!(query.chars().count() <= limits::MAX_QUERY_CHARS);
            assert!(limits::word_count(query) <= limits::MAX_QUERY_WORDS);
        }
        Err(QueryError::TooLong { chars }) => assert_eq!(*chars, query.chars().count()),
        Err(e) => assert!(matches!(e, QueryError::TooManyWords { .. }), "{e}"),
    }
    // The plan of any query has at most one clause or excluded term per part of a word typed
    // (a word the corpus lacks is split into at most `PARTS_MAX` known parts), so the bound on
    // words bounds the work.
    for unknown in [Unknown::Stem, Unknown::Vocabulary] {
        let plan = searcher.plan(query, unknown);
        assert!(
            plan.must.len() + plan.must_not.len()
                <= limits::word_count(query) * handboek::search::split::PARTS_MAX
        );
    }
    for term in searcher.analyzer().analyze(query) {
        assert!(term.from <= term.to && term.to <= query.len(), "{term:?}");
        assert!(query.is_char_boundary(term.from) && query.is_char_boundary(term.to));
    }
    let request = SearchRequest {
        query: query.to_string(),
        limit: 3,
        ..Default::default()
    };
    match (searcher.search(&request), bounds) {
        (Ok(results), Ok(())) => assert!(results.hits.len() <= 3),
        (Err(SearchError::Query(e)), Err(expected)) => assert_eq!(e, expected),
        (Ok(_), Err(e)) => panic!("an out-of-bounds query was answered: {e}"),
        (Err(e), _) => panic!("search failed: {e}"),
    }
}

#[test]
fn fuzz_search_query() {
    fuzz("search_query", QUERY_TOKENS, query_check);
}

// ---------------------------------------------------------------- (d) handbook.yaml

const CONFIG_TOKENS: &[&str] = &[
    "title: ",
    "base_url: ",
    "language: ",
    "levels:\n",
    "roles:\n",
    "  - id: ",
    "    name: ",
    "    schaal: ",
    "markdown:\n",
    "  smart_punctuation: ",
    "search:\n",
    "  synonyms:\n",
    "extra:\n",
    "theme: ",
    "- ",
    ": ",
    "\n",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!binary ",
    "<<: ",
    "|\n",
    "null",
    "true",
    "~",
    "-1",
    "1e400",
    "/",
    "//",
    "https://x/",
    "../",
    "é",
    "€",
    "😀",
    "\u{feff}",
    "\r",
    "\0",
    "---\n",
    "...\n",
    "? ",
];

fn config_check(text: &str) {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    thread_local! {
        static SCRATCH: PathBuf = {
            // In memory where the system has it: writing the file is most of an execution.
            let dir = DIR.get_or_init(|| {
                let shm = Path::new("/dev/shm");
                let made = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() };
                made.or_else(|_| tempfile::tempdir()).expect("a temp dir")
            });
            let mine = dir.path().join(format!("{:?}", std::thread::current().id()));
            std::fs::create_dir_all(&mine).expect("a scratch folder");
            mine
        };
    }
    SCRATCH.with(|dir| {
        std::fs::write(dir.join("handbook.yaml"), text).expect("write handbook.yaml");
        match HandbookConfig::load(dir) {
            Ok(config) => {
                assert!(config.base_url.ends_with('/'), "{}", config.base_url);
                let mut ids: Vec<String> = config
                    .level_ids()
                    .into_iter()
                    .chain(config.role_ids())
                    .map(|id| id.to_lowercase())
                    .collect();
                let before = ids.len();
                ids.sort();
                ids.dedup();
                assert_eq!(ids.len(), before, "level and role ids are unique");
            }
            Err(problems) => problems.iter().for_each(render_problem),
        }
    });
}

#[test]
fn fuzz_handbook_yaml() {
    fuzz("handbook_yaml", CONFIG_TOKENS, config_check);
}
