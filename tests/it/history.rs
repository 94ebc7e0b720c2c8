//! Dates and versions from the git history: a fixture handbook committed three times in a
//! temporary repository (the handbook is a subfolder of it), built with the real binary.
//!
//! The commits are made with the `git` binary; without it the tests print `skipped:` and pass.

use std::path::Path;
use std::process::Command;

use crate::support::TestSite;

fn have_git() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: the `git` binary is not installed");
    }
    ok
}

/// Run git in `dir` with a fixed identity and the commit date `date` (ISO 8601, UTC).
fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Redactie",
            "-c",
            "user.email=redactie@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit_all(t: &TestSite, message: &str, date: &str) {
    git(t.dir.path(), &["add", "-A"], date);
    git(t.dir.path(), &["commit", "-q", "-m", message], date);
}

fn replace(t: &TestSite, rel: &str, from: &str, to: &str) {
    let path = t.site().join(rel);
    let text = std::fs::read_to_string(&path).expect("read fixture file");
    assert!(text.contains(from), "{rel} holds {from:?}");
    std::fs::write(path, text.replace(from, to)).expect("write fixture file");
}

const REGIE: &str = "functiefamilie/proef/resultaatgebieden/02-regie.md";

/// The fixture in a repository at the temp dir (the handbook is its subfolder `site/`):
/// 1. 15 January 2025: the first version (`versie: "1"`);
/// 2. 10 June 2025: result area 2 moves from `vanaf: C` to `vanaf: B`;
/// 3. 1 September 2025: version 2, with a new result area, an activity, a knowledge cell and a
///    competence changed.
fn repository() -> Option<TestSite> {
    if !have_git() {
        return None;
    }
    let t = TestSite::new("history");
    git(t.dir.path(), &["init", "-q"], "2025-01-15T10:00:00Z");
    commit_all(&t, "Eerste versie", "2025-01-15T10:00:00Z");
    replace(&t, REGIE, "vanaf: C", "vanaf: B");
    commit_all(&t, "Regie vanaf B", "2025-06-10T12:00:00Z");
    let fam = "functiefamilie/proef/";
    replace(
        &t,
        &format!("{fam}_index.md"),
        "versie: \"1\"",
        "versie: \"2\"",
    );
    replace(
        &t,
        &format!("{fam}_index.md"),
        "vastgesteld: 2025-01-15",
        "vastgesteld: 2025-09-01",
    );
    replace(
        &t,
        &format!("{fam}resultaatgebieden/01-plannen.md"),
        "een plan.",
        "een haalbaar plan.",
    );
    replace(
        &t,
        &format!("{fam}kennis-en-ervaring.yaml"),
        "gedegen kennis",
        "brede kennis",
    );
    replace(
        &t,
        &format!("{fam}functie-eisen.md"),
        "Je bent betrouwbaar.",
        "Je bent betrouwbaar en eerlijk.",
    );
    t.write(
        &format!("{fam}resultaatgebieden/03-netwerk.md"),
        "---\ntitle: Netwerk onderhouden\nnummer: 3\nvanaf: B\nresultaat: \"Er is een netwerk.\"\n---\n\n- Je onderhoudt je netwerk.\n",
    );
    commit_all(&t, "Versie 2", "2025-09-01T08:30:00Z");
    Some(t)
}

fn build(t: &TestSite, out: &str) {
    let o = t.run(&["build", "site", "--out", out]);
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn read(t: &TestSite, out: &str, rel: &str) -> String {
    std::fs::read_to_string(t.dir.path().join(out).join(rel))
        .unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn footer(html: &str) -> String {
    let start = html.find("<p class=\"gewijzigd\">").unwrap_or(html.len());
    let end = html[start..].find("</p>").map_or(html.len(), |e| start + e);
    html[start..end].to_string()
}

#[test]
fn pages_show_the_date_of_the_last_commit_that_changed_their_source() {
    let Some(t) = repository() else { return };
    build(&t, "public");
    let inwoner = read(&t, "public", "handboek/inwoner/index.html");
    assert!(
        footer(&inwoner)
            .contains("Laatst gewijzigd op <time datetime=\"2025-01-15\">15 januari 2025</time>"),
        "{}",
        footer(&inwoner)
    );
    let regie = read(
        &t,
        "public",
        "functiefamilie/proef/resultaatgebieden/02-regie/index.html",
    );
    assert!(
        footer(&regie).contains("10 juni 2025"),
        "{}",
        footer(&regie)
    );
    // A profile is made from all the family's files: the newest of their dates.
    let profiel = read(&t, "public", "functiefamilie/proef/niveau/b/index.html");
    assert!(
        footer(&profiel).contains("1 september 2025"),
        "{}",
        footer(&profiel)
    );
    let sitemap = read(&t, "public", "sitemap.xml");
    for (url, day) in [
        ("handboek/inwoner/", "2025-01-15"),
        (
            "functiefamilie/proef/resultaatgebieden/02-regie/",
            "2025-06-10",
        ),
        ("functiefamilie/proef/niveau/b/", "2025-09-01"),
    ] {
        let entry =
            format!("<loc>https://intranet.example/handboek/{url}</loc><lastmod>{day}</lastmod>");
        assert!(sitemap.contains(&entry), "{entry} in\n{sitemap}");
    }
}

#[test]
fn an_uncommitted_edit_is_not_dated() {
    let Some(t) = repository() else { return };
    replace(&t, "handboek/inwoner.md", "centraal", "altijd centraal");
    t.write(
        "handboek/nieuw.md",
        "---\ntitle: Nieuw\n---\n\nNog niet vastgelegd.\n",
    );
    build(&t, "public");
    for rel in ["handboek/inwoner/index.html", "handboek/nieuw/index.html"] {
        let html = read(&t, "public", rel);
        assert!(
            footer(&html).contains("Laatst gewijzigd: niet vastgelegd"),
            "{rel}: {}",
            footer(&html)
        );
    }
    let sitemap = read(&t, "public", "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://intranet.example/handboek/handboek/inwoner/</loc></url>")
    );
    assert!(sitemap.contains("<loc>https://intranet.example/handboek/handboek/nieuw/</loc></url>"));
    // The pages that were not touched keep their dates.
    let regie = read(
        &t,
        "public",
        "functiefamilie/proef/resultaatgebieden/02-regie/index.html",
    );
    assert!(footer(&regie).contains("10 juni 2025"));
}

#[test]
fn without_a_repository_pages_have_no_dates() {
    let t = TestSite::new("history");
    build(&t, "public");
    let inwoner = read(&t, "public", "handboek/inwoner/index.html");
    assert!(
        !inwoner.contains("class=\"gewijzigd\""),
        "{}",
        footer(&inwoner)
    );
    assert!(!inwoner.contains("Laatst gewijzigd"));
    assert!(!read(&t, "public", "sitemap.xml").contains("<lastmod>"));
    let w = read(&t, "public", "functiefamilie/proef/wijzigingen/index.html");
    assert!(w.contains("Van deze functiefamilie is nog geen versie vastgesteld."));
}

/// Every file of the output folder `out` but the build metadata, by path.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .into_owned();
            if rel.starts_with(".handboek") {
                return None;
            }
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn the_same_commit_builds_the_same_bytes() {
    let Some(t) = repository() else { return };
    build(&t, "public");
    build(&t, "tweede");
    // The third build reads the walk from the cache of the first.
    build(&t, "public");
    assert!(t.dir.path().join("public/.handboek/history.json").is_file());
    let (a, b) = (
        files(&t.dir.path().join("public")),
        files(&t.dir.path().join("tweede")),
    );
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds of one commit");
    }
}

#[test]
fn the_changes_page_lists_every_version_and_what_changed() {
    let Some(t) = repository() else { return };
    build(&t, "public");
    let w = read(&t, "public", "functiefamilie/proef/wijzigingen/index.html");
    let v2 = w
        .find("Versie 2, vastgesteld op")
        .expect("version 2 listed");
    let v1 = w
        .find("Versie 1, vastgesteld op")
        .expect("version 1 listed");
    assert!(v2 < v1, "newest first");
    let (nieuw, eerste) = (&w[v2..v1], &w[v1..]);
    assert!(nieuw.contains("1 september 2025"));
    assert!(eerste.contains("15 januari 2025"));
    assert!(eerste.contains("De eerste vastgestelde versie."));
    // Commit 2 only moved a result area: it is no version, its change shows under version 2.
    assert_eq!(w.matches("class=\"versie\"").count(), 2);
    for expected in [
        "<h3>Coach B</h3>",
        "Regie voeren: was vanaf C, nu vanaf B",
        "<span class=\"nummer\">3.</span> Netwerk onderhouden",
        "Was: - Je maakt samen met de inwoner een plan.",
        "Wordt: - Je maakt samen met de inwoner een <ins>haalbaar</ins> plan.",
        "Je hebt <del>gedegen</del> kennis van de sociale kaart.",
        "Je hebt <ins>brede</ins> kennis van de sociale kaart.",
        "<h3>Competenties (alle niveaus)</h3>",
        "<ins>betrouwbaar en eerlijk.</ins>",
    ] {
        assert!(nieuw.contains(expected), "missing {expected:?} in\n{nieuw}");
    }
    // Level A saw no result area move and no knowledge cell change, only the activity.
    let a = &nieuw[nieuw.find("<h3>Coach A</h3>").expect("level A")..];
    let a = &a[..a.find("<h3>Coach B</h3>").expect("level B after A")];
    assert!(!a.contains("Regie voeren") && !a.contains("Netwerk") && !a.contains("sociale kaart"));
    // The profile names its version and links to the entry of the one before.
    let profiel = read(&t, "public", "functiefamilie/proef/niveau/b/index.html");
    assert!(profiel.contains(
        "Versie 2, vastgesteld op <time datetime=\"2025-09-01\">1 september 2025</time>"
    ));
    let ids: Vec<&str> = w
        .split("<section class=\"versie\" id=\"")
        .skip(1)
        .filter_map(|s| s.get(..s.find('"')?))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let link = format!(
        "functiefamilie/proef/wijzigingen/#{}\">vorige versie (1)</a>",
        ids[1]
    );
    assert!(profiel.contains(&link), "{link} in the profile");
    let familie = read(&t, "public", "functiefamilie/proef/index.html");
    assert!(
        familie.contains("proef/wijzigingen/\">Wijzigingen</a>"),
        "link on the family page"
    );
}

#[test]
fn an_old_version_that_no_longer_parses_is_listed_but_not_shown() {
    let Some(t) = repository() else { return };
    // A third version whose result area has a key today's model refuses, then fixed again.
    let fam = "functiefamilie/proef/";
    replace(&t, REGIE, "nummer: 2", "nummer: 2\nonbekend: ja");
    replace(
        &t,
        &format!("{fam}_index.md"),
        "versie: \"2\"",
        "versie: \"3\"",
    );
    commit_all(&t, "Versie 3 met een fout", "2025-10-01T08:00:00Z");
    replace(&t, REGIE, "nummer: 2\nonbekend: ja", "nummer: 2");
    replace(
        &t,
        &format!("{fam}_index.md"),
        "versie: \"3\"",
        "versie: \"4\"",
    );
    commit_all(&t, "Versie 4", "2025-11-01T08:00:00Z");
    build(&t, "public");
    let w = read(&t, "public", "functiefamilie/proef/wijzigingen/index.html");
    let v3 = w
        .find("Versie 3, vastgesteld op")
        .expect("version 3 listed");
    assert!(w[v3..].contains("Deze versie is niet te tonen"));
    let v4 = w
        .find("Versie 4, vastgesteld op")
        .expect("version 4 listed");
    assert!(w[v4..v3].contains("De versie hiervoor is niet te tonen"));
}

#[test]
fn removing_the_version_keys_withdraws_the_versions_before() {
    let Some(t) = repository() else { return };
    let index = "functiefamilie/proef/_index.md";
    replace(&t, index, "versie: \"2\"\n", "");
    replace(&t, index, "vastgesteld: 2025-09-01\n", "");
    commit_all(&t, "Versie ingetrokken", "2025-10-01T08:00:00Z");
    build(&t, "public");
    let w = read(&t, "public", "functiefamilie/proef/wijzigingen/index.html");
    assert!(w.contains("Van deze functiefamilie is nog geen versie vastgesteld."));
    assert!(!w.contains("class=\"versie\""));
}
