//! Build benchmark: generates corpora of 1,000 and 10,000 pages and builds each with the release
//! binary, reporting wall time of a first build and of rebuilds into the same folder, pages per
//! second and peak memory (max RSS of the process); with the search index also the search
//! stage alone (median of the rebuilds, from the build's `HANDBOEK_TIMINGS` report).
//!
//! Run: `cargo bench --bench build` (HANDBOEK_BENCH_SIZES=1000,10000 to choose sizes;
//! HANDBOEK_BENCH_WIDE=wide:5000,tiny:10000 for the shapes of one large folder, empty for none).

#[path = "common/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let sizes: Vec<usize> = std::env::var("HANDBOEK_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let bin = env!("CARGO_BIN_EXE_handboek");
    let tmp = tempfile::tempdir().expect("temp dir");
    for n in sizes {
        let src = tmp.path().join(format!("corpus-{n}"));
        corpus::generate(&src, n).expect("generate corpus");
        let words = count_words(&src);
        for (label, extra) in [
            ("without search index", &["--no-search"][..]),
            ("with search index", &[][..]),
        ] {
            // As a user works: a first build into an empty folder, then rebuilds into the same
            // folder (each writes over the version it replaced, kept beside the output).
            let out = tmp.path().join(format!("out-{n}"));
            let mut times = Vec::new();
            let mut peak = 0;
            let mut search_ms = Vec::new();
            let timings = tmp.path().join("timings.txt");
            for _ in 0..4 {
                let start = Instant::now();
                let (ok, rss_kb) = run_measured(bin, &src, &out, extra, &timings);
                times.push(start.elapsed().as_secs_f64());
                assert!(
                    ok,
                    "build of {n} pages failed: {}",
                    std::fs::read_to_string(&timings).unwrap_or_default()
                );
                peak = peak.max(rss_kb);
                search_ms.extend(search_stage_ms(&timings));
            }
            let _ = std::fs::remove_dir_all(&out);
            let _ = std::fs::remove_dir_all(tmp.path().join(format!(".out-{n}.reuse")));
            let first = times.remove(0);
            times.sort_by(f64::total_cmp);
            let median = times[times.len() / 2];
            println!(
                "{n:>6} pages ({} words/page), {label:<21}: first {first:>6.3} s, rebuild median {:>6.3} s, {:>7.0} pages/s, peak RSS {:>5} MB",
                words / n.max(1),
                median,
                n as f64 / median,
                peak / 1024
            );
            if search_ms.len() > 1 {
                search_ms.remove(0);
                search_ms.sort_unstable();
                println!(
                    "{n:>6} pages, search stage alone: rebuild median {:>6.3} s",
                    search_ms[search_ms.len() / 2] as f64 / 1000.0
                );
            }
        }
    }
    wide_shapes(bin, tmp.path());
}

/// The wide shapes: one folder of many pages (`wide:5000`) and of many one-sentence pages
/// (`tiny:10000`), chosen with HANDBOEK_BENCH_WIDE (empty: none). One first build each, with the
/// search index: time, peak memory and output bytes per page (the `.handboek` metadata left out).
fn wide_shapes(bin: &str, tmp: &Path) {
    let shapes =
        std::env::var("HANDBOEK_BENCH_WIDE").unwrap_or_else(|_| "wide:5000,tiny:10000".into());
    for shape in shapes.split(',').filter(|s| !s.trim().is_empty()) {
        let (name, n) = shape.trim().split_once(':').unwrap_or((shape, "5000"));
        let Ok(n) = n.parse::<usize>() else { continue };
        let src = tmp.join(format!("corpus-{name}-{n}"));
        corpus::generate_wide(&src, n, name == "tiny").expect("generate corpus");
        let out = tmp.join(format!("out-{name}-{n}"));
        let start = Instant::now();
        let (ok, rss_kb) = run_measured(bin, &src, &out, &[], &tmp.join("timings-wide.txt"));
        let secs = start.elapsed().as_secs_f64();
        assert!(ok, "build of the {name} shape with {n} pages failed");
        let bytes: u64 = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_entry(|e| e.file_name() != ".handboek")
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok().filter(|m| m.is_file()))
            .map(|m| m.len())
            .sum();
        println!(
            "{n:>6} pages in one folder ({name:<4}), with search index: first {secs:>6.3} s, peak RSS {:>5} MB, {:>6} output bytes/page",
            rss_kb / 1024,
            bytes / n.max(1) as u64
        );
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(&src);
    }
}

fn count_words(root: &Path) -> usize {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            std::fs::read_to_string(e.path())
                .map(|t| t.split_whitespace().count())
                .unwrap_or(0)
        })
        .sum()
}

/// The time of the search stage in a build's timing report (`search indexes: N ms`).
fn search_stage_ms(report: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(report).ok()?;
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("search indexes:"))?;
    line.split(':')
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Run one build (its timing report into `timings`) and return whether it succeeded and the
/// peak resident memory in KB.
fn run_measured(bin: &str, src: &Path, out: &Path, extra: &[&str], timings: &Path) -> (bool, u64) {
    let report = std::fs::File::create(timings).expect("timing report file");
    let child = Command::new(bin)
        .arg("build")
        .arg(src)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("HANDBOEK_TIMINGS", "1")
        .stdout(std::process::Stdio::null())
        .stderr(report)
        .spawn()
        .expect("start handboek");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child with valid pointers; reaps it and fills its resource usage.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    (
        r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss as u64,
    )
}
