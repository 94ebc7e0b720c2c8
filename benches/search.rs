//! Search benchmark on generated Dutch-like corpora (1,000 and 10,000 pages by default).
//!
//! `cargo bench --bench search [-- PAGES...]` prints: static index build time and peak memory,
//! fixed cost (client + manifest, gzip), bytes per query term (gzip), bytes of a first
//! two-word query with snippets, client time with shards cached (needs node), tantivy query
//! time. Budgets: 35 KB, 12 KB, 80 KB, 10 ms, 5 ms, 5 s and 200 MB.

#[path = "../tests/it/support/search_testdata.rs"]
mod testdata;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use handboek::search::corpus::Corpus;
use handboek::search::{SearchRequest, Searcher, static_index, write_indexes};
use serde_json::Value;
use testdata::{Rng, generate};

fn proc_status(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    if v.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[v.len() * 9 / 10], v[v.len() - 1])
}

/// Runs tests/js/bench.mjs on the queries; None without node.
fn client(site: &Path, queries: &[String], mode: &str) -> Option<Value> {
    let file = site.join("bench-queries.json");
    std::fs::write(&file, serde_json::to_vec(queries).ok()?).ok()?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/bench.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(site)
        .arg(&file)
        .arg(mode)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "node bench failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn run(pages: usize) {
    let (sections, settings) = generate(pages, 42);
    println!("== {pages} pages, {} sections", sections.len());

    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = proc_status("VmRSS:");
    let start = Instant::now();
    let corpus = Corpus::build(&sections, &settings).expect("corpus");
    let analysis = start.elapsed();
    let files = static_index::build(&corpus);
    let build = start.elapsed();
    let peak = proc_status("VmHWM:").saturating_sub(before);
    let bytes: usize = files.iter().map(|(_, c)| c.len()).sum();
    println!(
        "static index build: {:.2} s (analysis {:.2} s), peak +{} MB (budget 5 s, 200 MB); {} files, {:.1} MB raw; {} terms, {} words",
        build.as_secs_f64(),
        analysis.as_secs_f64(),
        peak / 1024,
        files.len(),
        bytes as f64 / 1e6,
        corpus.terms.len(),
        corpus.vocabulary.len()
    );
    drop(files);

    // Sample words: single-term queries over the vocabulary, two-word queries from texts.
    let mut rng = Rng::new(pages as u64);
    let entries = corpus.vocabulary.entries();
    let single: Vec<String> = (0..200)
        .map(|_| format!("{} ", entries[rng.below(entries.len())].word))
        .collect();
    let analyzer = corpus.analyzer.clone();
    let pairs: Vec<String> = (0..30)
        .map(|_| {
            let s = &sections[rng.below(sections.len())];
            let words: Vec<String> = analyzer
                .words(&s.text)
                .into_iter()
                .map(|w| w.folded)
                .filter(|w| !analyzer.is_stop(w))
                .collect();
            let i = rng.below(words.len().saturating_sub(1));
            format!(
                "{} {}",
                words[i],
                words.get(i + 1).cloned().unwrap_or_default()
            )
        })
        .collect();
    drop(corpus);

    // HANDBOEK_BENCH_KEEP=1 keeps the written site for a closer look.
    let tmp = tempfile::tempdir().expect("temp dir");
    let (site, _guard) = if std::env::var_os("HANDBOEK_BENCH_KEEP").is_some() {
        let kept = tmp.keep();
        println!("site kept in {}", kept.display());
        (kept, None)
    } else {
        (tmp.path().to_path_buf(), Some(tmp))
    };
    let dir = site.as_path();
    let start = Instant::now();
    let report = write_indexes(&sections, &settings, dir).expect("write");
    println!(
        "write_indexes (tantivy + static, to disk): {:.2} s, static {:.1} MB",
        start.elapsed().as_secs_f64(),
        report.static_bytes as f64 / 1e6
    );

    let searcher = Searcher::open(&dir.join(".handboek/index")).expect("open");
    let mut times = Vec::new();
    for q in pairs.iter().chain(&single) {
        let request = SearchRequest {
            query: q.clone(),
            limit: 10,
            ..Default::default()
        };
        let start = Instant::now();
        let found = searcher.search(&request).expect("search");
        times.push((start.elapsed().as_secs_f64() * 1000.0, q, found.total));
    }
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest = times
        .first()
        .map(|(ms, q, n)| format!("; slowest {q:?}: {ms:.1} ms, {n} pages"));
    let (med, p90, max) = median(times.iter().map(|t| t.0).collect());
    println!(
        "tantivy query with snippets: median {med:.2} ms, p90 {p90:.2} ms, max {max:.2} ms (budget 5 ms){}",
        slowest.unwrap_or_default()
    );

    let Some(single_js) = client(dir, &single, "terms") else {
        println!("client figures skipped: node not found");
        return;
    };
    let pairs_js = client(dir, &pairs, "texts").unwrap_or_default();
    let fixed =
        single_js["client"].as_f64().unwrap_or(0.0) + single_js["manifest"].as_f64().unwrap_or(0.0);
    println!(
        "fixed cost: {:.1} KB gzip (client {:.1} KB + manifest {:.1} KB; budget 35 KB)",
        fixed / 1024.0,
        single_js["client"].as_f64().unwrap_or(0.0) / 1024.0,
        single_js["manifest"].as_f64().unwrap_or(0.0) / 1024.0
    );
    let field = |v: &Value, k: &str| -> Vec<f64> {
        v["queries"]
            .as_array()
            .map(|a| a.iter().filter_map(|q| q[k].as_f64()).collect())
            .unwrap_or_default()
    };
    let (med, p90, max) = median(field(&single_js, "bytes"));
    println!(
        "per query term (words, term shards; no snippets): median {:.1} KB, p90 {:.1} KB, max {:.1} KB gzip (budget 12 KB)",
        med / 1024.0,
        p90 / 1024.0,
        max / 1024.0
    );
    let (med, p90, max) = median(field(&pairs_js, "bytes"));
    println!(
        "first two-word query with snippets: median {:.1} KB, p90 {:.1} KB, max {:.1} KB gzip (budget 80 KB)",
        med / 1024.0,
        p90 / 1024.0,
        max / 1024.0
    );
    let (med, p90, max) = median(
        field(&pairs_js, "ms")
            .into_iter()
            .chain(field(&single_js, "ms"))
            .collect(),
    );
    let means = median(
        field(&pairs_js, "meanMs")
            .into_iter()
            .chain(field(&single_js, "meanMs"))
            .collect(),
    );
    println!(
        "client time, shards cached (per query the median of 10 runs): median {med:.2} ms, p90 {p90:.2} ms, max {max:.2} ms (budget 10 ms); with the mean of 10 runs instead: p90 {:.2} ms, max {:.2} ms",
        means.1, means.2
    );
    let mut slow: Vec<&Value> = [&single_js, &pairs_js]
        .into_iter()
        .filter_map(|v| v["queries"].as_array())
        .flatten()
        .collect();
    slow.sort_by(|a, b| {
        b["ms"]
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&a["ms"].as_f64().unwrap_or(0.0))
    });
    for q in slow.iter().take(3) {
        println!(
            "  slowest: {} ({:.1} ms, {:.1} KB, {} of {pages} pages match)",
            q["query"],
            q["ms"].as_f64().unwrap_or(0.0),
            q["bytes"].as_f64().unwrap_or(0.0) / 1024.0,
            q["total"]
        );
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    for pages in sizes {
        run(pages);
    }
}
