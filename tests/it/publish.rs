//! Publishing the output folder: a symlinked `--out`, the atomic swap, temporary folders left by
//! a kill or an interrupt, two builds into one folder, and a build killed at random moments.
#![cfg(unix)]

use crate::support;

use crate::support::corpus;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::{BIN, TestSite, snapshot, stderr};

/// The published files; the tantivy index under `.handboek/` is build metadata whose file names
/// change with every build, so only its presence is compared.
fn published(out: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".handboek/index/"))
        .collect()
}

/// Temporary folders a build of `out` left beside it (`.NAME.tmp-PID`).
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.tmp-");
    let parent = out.parent().unwrap_or(Path::new("."));
    let mut found: Vec<String> = fs::read_dir(parent)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn spawn_build(dir: &Path, src: &str, out: &str) -> Child {
    Command::new(BIN)
        .current_dir(dir)
        .args(["build", src, "--out", out])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start handboek")
}

fn signal(child: &Child, sig: i32) {
    let pid = i32::try_from(child.id()).expect("pid fits");
    // SAFETY: kill(2) with the pid of a child this test started and has not reaped yet.
    let rc = unsafe { libc::kill(pid, sig) };
    assert_eq!(rc, 0, "signal {sig} to {pid}");
}

/// Wait until a staging folder of `out` appears (the build is writing), at most `limit`.
fn wait_for_staging(out: &Path, child: &mut Child, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if !leftovers(out).is_empty() {
            return true;
        }
        if child.try_wait().ok().flatten().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

/// Pages of a handbook whose build is still under way when a test acts on it: at 1,000 pages a
/// debug build runs about a second after its staging folder appears. (At 150 pages it ran 0.2 s
/// in all, and a signal sent 50 ms after the staging folder appeared could come after publishing.)
const STILL_BUILDING_PAGES: usize = 1000;

/// A generated handbook of `pages` pages in `dir/name`.
fn generated(dir: &Path, name: &str, pages: usize) -> PathBuf {
    let root = dir.join(name);
    corpus::generate(&root, pages).expect("generate corpus");
    root
}

#[test]
fn a_symlinked_out_keeps_the_files_someone_put_in_its_target() {
    let t = TestSite::new("minimal");
    let target = t.dir.path().join("target");
    fs::create_dir(&target).expect("mkdir target");
    std::os::unix::fs::symlink("target", t.out()).expect("symlink");
    let first = t.build(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    fs::write(target.join("precious.txt"), "kostbaar").expect("write");
    fs::create_dir_all(target.join("docs")).expect("mkdir docs");
    fs::write(target.join("docs/x.pdf"), "%PDF-1.4").expect("write");

    let second = t.build(&[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(
        fs::read_to_string(target.join("precious.txt"))
            .ok()
            .as_deref(),
        Some("kostbaar")
    );
    assert_eq!(
        fs::read_to_string(target.join("docs/x.pdf"))
            .ok()
            .as_deref(),
        Some("%PDF-1.4")
    );
    // The link still leads to the site, which is complete.
    assert!(
        fs::symlink_metadata(t.out())
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(t.out().join("index.html").is_file());
    assert!(target.join("index.html").is_file());
    assert!(leftovers(&target).is_empty() && leftovers(&t.out()).is_empty());
    // A third build: the files are still there.
    assert!(t.build(&[]).status.success());
    assert!(target.join("precious.txt").is_file() && target.join("docs/x.pdf").is_file());
}

#[test]
fn a_symlink_to_a_folder_handboek_did_not_make_is_refused() {
    let t = TestSite::new("minimal");
    let target = t.dir.path().join("target");
    fs::create_dir(&target).expect("mkdir target");
    fs::write(target.join("notes.txt"), "van iemand anders").expect("write");
    std::os::unix::fs::symlink("target", t.out()).expect("symlink");
    let o = t.build(&[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not made by handboek"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(target.join("notes.txt")).ok().as_deref(),
        Some("van iemand anders")
    );
}

#[test]
fn a_reader_never_misses_index_html_while_builds_publish() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let stop = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(AtomicU64::new(0));
    let misses = Arc::new(AtomicU64::new(0));
    let reader = {
        let (stop, polls, misses) = (stop.clone(), polls.clone(), misses.clone());
        let page = t.out().join("index.html");
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match fs::read(&page) {
                    Ok(bytes) if !bytes.is_empty() => {}
                    _ => {
                        misses.fetch_add(1, Ordering::Relaxed);
                    }
                }
                polls.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    let builds = 20;
    for i in 0..builds {
        // Every other build changes the home page, so versions really alternate.
        t.write(
            "_index.md",
            format!("---\ntitle: Handboek\n---\nVersie {}.\n", i % 2),
        );
        let o = t.build(&[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    stop.store(true, Ordering::Relaxed);
    reader.join().expect("reader");
    let (polls, misses) = (
        polls.load(Ordering::Relaxed),
        misses.load(Ordering::Relaxed),
    );
    eprintln!("{builds} builds, {polls} polls of index.html, {misses} misses");
    assert!(polls > 1000, "the reader hardly ran: {polls} polls");
    assert_eq!(misses, 0, "{misses} of {polls} polls found no index.html");
}

#[test]
fn a_killed_build_leaves_nothing_after_the_next_build() {
    let t = tempfile::tempdir().expect("temp dir");
    generated(t.path(), "hb", STILL_BUILDING_PAGES);
    let out = t.path().join("public");
    let mut child = spawn_build(t.path(), "hb", "public");
    assert!(
        wait_for_staging(&out, &mut child, Duration::from_secs(60)),
        "the build never made its staging folder"
    );
    std::thread::sleep(Duration::from_millis(50));
    signal(&child, libc::SIGKILL);
    let _ = child.wait();
    assert_eq!(leftovers(&out).len(), 1, "the kill left its staging folder");

    let o = Command::new(BIN)
        .current_dir(t.path())
        .args(["build", "hb", "--out", "public"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("index.html").is_file());
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

#[test]
fn sigterm_and_ctrl_c_remove_the_staging_folder_before_exiting() {
    let t = tempfile::tempdir().expect("temp dir");
    generated(t.path(), "hb", STILL_BUILDING_PAGES);
    let out = t.path().join("public");
    for sig in [libc::SIGTERM, libc::SIGINT] {
        let mut child = spawn_build(t.path(), "hb", "public");
        assert!(
            wait_for_staging(&out, &mut child, Duration::from_secs(60)),
            "the build never made its staging folder"
        );
        signal(&child, sig);
        let o = child.wait_with_output().expect("wait");
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains("Interrupted; no temporary folder is left behind."),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            leftovers(&out),
            Vec::<String>::new(),
            "signal {sig} left a staging folder"
        );
        assert!(
            !out.exists(),
            "an interrupted first build published a site: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_second_build_into_the_same_folder_waits_for_the_first() {
    let t = tempfile::tempdir().expect("temp dir");
    generated(t.path(), "hb", STILL_BUILDING_PAGES);
    let out = t.path().join("public");
    let reference = t.path().join("reference");
    let o = Command::new(BIN)
        .current_dir(t.path())
        .args(["build", "hb", "--out", "reference"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));

    let mut first = spawn_build(t.path(), "hb", "public");
    assert!(
        wait_for_staging(&out, &mut first, Duration::from_secs(60)),
        "the first build never made its staging folder"
    );
    let second = spawn_build(t.path(), "hb", "public");
    let first = first.wait_with_output().expect("first");
    let second = second.wait_with_output().expect("second");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("waiting for another build of"),
        "the second build did not say it waited: {}",
        stderr(&second)
    );
    assert_eq!(published(&out), published(&reference));
    assert!(leftovers(&out).is_empty());
}

/// A small xorshift generator: the kill moments are the same in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// A build killed with SIGKILL at 30 moments spread over its run leaves the complete old or the
/// complete new site every time, and the next build leaves no temporary folder.
/// `HANDBOEK_CRASH_PAGES` sets the handbook's size (default 80, so the test stays well under a
/// minute in a debug build, where 2,000 pages take about a minute per build; for the full size:
/// `HANDBOEK_CRASH_PAGES=2000 cargo test --release --test it random_moments`).
#[test]
fn a_build_killed_at_random_moments_leaves_the_old_or_the_new_site() {
    let pages: usize = std::env::var("HANDBOEK_CRASH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(80);
    let kills = 30;
    let t = tempfile::tempdir().expect("temp dir");
    let root = t.path();
    generated(root, "a", pages);
    generated(root, "b", pages);
    // Version b differs from a in its home page and one page more.
    fs::write(
        root.join("b/_index.md"),
        "---\ntitle: Benchmarkhandboek\nsamenvatting: Versie b.\n---\nWelkom bij versie b.\n",
    )
    .expect("write");
    fs::write(
        root.join("b/deel-000/extra.md"),
        "---\ntitle: Extra\nsamenvatting: Alleen in b.\n---\nAlleen in versie b.\n",
    )
    .expect("write");
    let run = |src: &str, out: &str| {
        let start = Instant::now();
        let o = Command::new(BIN)
            .current_dir(root)
            .args(["build", src, "--out", out])
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", stderr(&o));
        start.elapsed()
    };
    run("a", "ref-a");
    run("b", "ref-b");
    let refs = [
        published(&root.join("ref-a")),
        published(&root.join("ref-b")),
    ];
    assert_ne!(refs[0], refs[1]);
    let out = root.join("public");
    run("b", "public");
    // A rebuild over the kept version: the span the kill moments are spread over.
    let took = run("a", "public");
    let mut current = 0;
    let mut rng = Rng(0x5eed_1234_abcd_0017);
    // The span shrinks to the quickest build seen: under load the first measure can be slow,
    // and moments past the end of a build kill nothing.
    let mut span = took.as_micros() as u64;
    let (mut finished, mut published_new) = (0, 0);
    let mut kill = 0;
    // Builds that finish before their moment do not count; at most three times as many tries.
    for attempt in 0..3 * kills {
        if kill == kills {
            break;
        }
        let next = 1 - current;
        let mut child = spawn_build(root, ["a", "b"][next], "public");
        // Every other moment falls in the last fifth of a build, where it writes and swaps.
        let r = rng.next() % span.max(1);
        let moment = Duration::from_micros(if attempt % 2 == 0 { r } else { span - r / 5 });
        let start = Instant::now();
        let mut exited = None;
        while exited.is_none() && start.elapsed() < moment {
            std::thread::sleep(Duration::from_millis(1));
            exited = child.try_wait().expect("wait");
        }
        let status = match exited {
            Some(status) => status,
            None => {
                signal(&child, libc::SIGKILL);
                kill += 1;
                child.wait().expect("wait")
            }
        };
        if status.success() {
            finished += 1;
            span = span.min(start.elapsed().as_micros() as u64);
        }
        let now = published(&out);
        let which = refs.iter().position(|r| *r == now);
        let Some(which) = which else {
            let a: Vec<_> = now.keys().filter(|k| !refs[0].contains_key(*k)).collect();
            panic!(
                "kill {kill}: the site is neither the old nor the new version ({} files; \
                 not in a: {a:?})",
                now.len()
            );
        };
        assert!(
            out.join("zoeken/index/manifest.js").is_file(),
            "kill {kill}: no search index"
        );
        if which != current {
            published_new += 1;
        }
        current = which;
    }
    run(["a", "b"][1 - current], "public");
    assert_eq!(leftovers(&out), Vec::<String>::new());
    assert_eq!(published(&out), refs[1 - current]);
    assert!(
        kill >= kills / 2,
        "only {kill} builds were killed before they finished"
    );
    eprintln!(
        "{kill} kills of a {pages}-page build ({} ms a build; {finished} finished first, \
         {published_new} published the new site): the old or new site every time",
        took.as_millis()
    );
}

/// Take the lock of `out` the way a build does, as another build would hold it.
fn hold_lock(out: &Path) -> fs::File {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let path = out
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .expect("open lock file");
    file.lock().expect("lock");
    file
}

#[test]
fn a_build_publishes_nothing_while_another_holds_the_output() {
    let t = TestSite::new("minimal");
    let lock = hold_lock(&t.out());
    let child = spawn_build(t.dir.path(), "site", "public");
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        !t.out().exists(),
        "published while another build held the lock"
    );
    assert!(leftovers(&t.out()).is_empty(), "staged while locked out");
    drop(lock);
    let o = child.wait_with_output().expect("build");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("waiting for another build of public to finish"),
        "{}",
        stderr(&o)
    );
    assert!(t.out().join("index.html").is_file());
}

#[test]
fn serve_writes_its_output_only_when_no_build_holds_it() {
    let t = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::fixture("serve-basic"), t.path());
    let out = t.path().join("public");
    let lock = hold_lock(&out);
    let mut child = Command::new(BIN)
        .current_dir(t.path())
        .args(["serve", "handbook", "--out", "public", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    std::thread::sleep(Duration::from_secs(3));
    let written_early = out.join(".handboek/build.json").exists();
    drop(lock);
    let start = Instant::now();
    while !out.join(".handboek/build.json").is_file() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let written = out.join(".handboek/build.json").is_file();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !written_early,
        "serve wrote the output while a build held it"
    );
    assert!(
        written,
        "serve never wrote the output after the lock was freed"
    );
}

#[test]
fn a_build_that_cannot_publish_keeps_every_file_someone_put_in_the_output() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    for i in 0..40 {
        fs::write(t.out().join(format!("eigen-{i:02}.txt")), format!("{i}")).expect("write");
    }
    // A file of someone else's where the next build copies one: that build must fail.
    fs::write(t.out().join("handboek/bijlage.pdf"), "eigen").expect("write");
    t.write("handboek/bijlage.pdf", "nieuw");
    let o = t.build(&[]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("was not written by handboek"),
        "{}",
        stderr(&o)
    );
    let lost: Vec<String> = (0..40)
        .map(|i| format!("eigen-{i:02}.txt"))
        .filter(|f| !t.out().join(f).is_file())
        .collect();
    assert!(lost.is_empty(), "the failed build lost {lost:?}");
    assert_eq!(
        fs::read_to_string(t.out().join("handboek/bijlage.pdf"))
            .ok()
            .as_deref(),
        Some("eigen")
    );
    assert!(t.out().join("index.html").is_file());
    assert!(leftovers(&t.out()).is_empty());
}
