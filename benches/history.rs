//! History benchmark: what reading the git history adds to a build. The generated corpus is
//! committed in a temporary repository as a subfolder, in 1,000 commits (the first adds every
//! file, each later one changes ten pages), with `git fast-import`; the same corpus outside a
//! repository is the baseline. Builds run with the release binary and `--no-search`.
//!
//! Run: `cargo bench --bench history` (HANDBOEK_BENCH_SIZES=10000 and
//! HANDBOEK_BENCH_COMMITS=1000 by default; HANDBOEK_BENCH_RUNS=5 builds of each kind, median).
//! Needs the `git` binary; without it, it says so.

#[path = "common/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    if Command::new("git").arg("--version").output().is_err() {
        println!("skipped: the `git` binary is not installed");
        return;
    }
    let sizes: Vec<usize> = std::env::var("HANDBOEK_BENCH_SIZES")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let commits: usize = std::env::var("HANDBOEK_BENCH_COMMITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let runs: usize = std::env::var("HANDBOEK_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let bin = env!("CARGO_BIN_EXE_handboek");
    let tmp = tempfile::tempdir().expect("temp dir");
    for n in sizes {
        let plain = tmp.path().join(format!("plain-{n}"));
        let pages = corpus::generate(&plain, n).expect("generate corpus");
        let repo = tmp.path().join(format!("repo-{n}"));
        let handbook = repo.join("handbook");
        corpus::generate(&handbook, n).expect("generate corpus");
        let start = Instant::now();
        commit_history(&repo, &handbook, &pages, &plain, commits);
        let made = start.elapsed().as_secs_f64();
        let out = tmp.path().join(format!("out-{n}"));
        // Baseline: no repository. Then in the repository without a cache (a fresh output
        // folder each time: the walk runs), then with the cache of the build before.
        let base = median(runs, || build(bin, &plain, &out, true));
        let walk = median(runs, || build(bin, &handbook, &out, true));
        build(bin, &handbook, &out, false);
        let cached = median(runs, || build(bin, &handbook, &out, false));
        let pct = |t: f64| (t / base - 1.0) * 100.0;
        println!(
            "{n:>6} pages, {commits} commits (made in {made:.1} s), --no-search: no repository {base:.3} s; \
             with history, walked {walk:.3} s ({:+.1}%); cached {cached:.3} s ({:+.1}%)",
            pct(walk),
            pct(cached)
        );
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(tmp.path().join(format!(".out-{n}.reuse")));
    }
}

/// The median wall time of `runs` runs of `f`.
fn median(runs: usize, mut f: impl FnMut() -> f64) -> f64 {
    let mut t: Vec<f64> = (0..runs).map(|_| f()).collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// One `handboek build --no-search`; with `fresh`, into an output folder emptied first.
fn build(bin: &str, src: &Path, out: &Path, fresh: bool) -> f64 {
    if fresh {
        let _ = std::fs::remove_dir_all(out);
    }
    let start = Instant::now();
    let ok = Command::new(bin)
        .arg("build")
        .arg(src)
        .arg("--out")
        .arg(out)
        .arg("--no-search")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "build of {} failed", src.display());
    start.elapsed().as_secs_f64()
}

/// Commit the corpus at `handbook` (inside `repo`) in `commits` commits, one a day: the first
/// adds every file, each later one appends a line to ten pages. The files on disk end as in
/// the last commit.
fn commit_history(repo: &Path, handbook: &Path, pages: &[PathBuf], plain: &Path, commits: usize) {
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(repo)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run git")
    };
    assert!(git(&["init", "-q"]).status.success());
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(handbook)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(handbook).expect("inside");
            let key = format!("handbook/{}", rel.to_string_lossy());
            files.insert(key, std::fs::read(e.path()).expect("read corpus"));
        }
    }
    let rel_pages: Vec<String> = pages
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(plain).unwrap_or(p);
            format!("handbook/{}", rel.to_string_lossy())
        })
        .collect();
    let mut stream: Vec<u8> = Vec::new();
    let day = 86_400i64;
    for c in 0..commits {
        let when = 1_700_000_000 + c as i64 * day;
        let msg = format!("wijziging {c}");
        write!(
            stream,
            "commit refs/heads/main\ncommitter Redactie <redactie@example.org> {when} +0000\ndata {}\n{msg}\n",
            msg.len()
        )
        .expect("write stream");
        let changed: Vec<String> = if c == 0 {
            files.keys().cloned().collect()
        } else {
            (0..10)
                .map(|k| rel_pages[(c * 7919 + k * 104_729) % rel_pages.len()].clone())
                .collect()
        };
        for path in changed {
            let data = files.get_mut(&path).expect("known file");
            if c > 0 {
                data.extend_from_slice(format!("\nWijziging {c}.\n").as_bytes());
            }
            write!(stream, "M 100644 inline {path}\ndata {}\n", data.len()).expect("write");
            stream.extend_from_slice(data);
            stream.push(b'\n');
        }
    }
    let mut child = Command::new("git")
        .current_dir(repo)
        .args(["fast-import", "--quiet"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::piped())
        .spawn()
        .expect("start git fast-import");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&stream)
        .expect("feed git fast-import");
    assert!(child.wait().expect("git fast-import").success());
    assert!(
        git(&["symbolic-ref", "HEAD", "refs/heads/main"])
            .status
            .success()
    );
    // The work tree as in the last commit (the baseline corpus gets the same text).
    for (path, data) in &files {
        let rel = path.strip_prefix("handbook/").expect("in handbook");
        std::fs::write(handbook.join(rel), data).expect("write work tree");
        std::fs::write(plain.join(rel), data).expect("write baseline");
    }
}
