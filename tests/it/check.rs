//! `handboek check` on fixture sites: each kind of warning and error, `--strict`, `--external`
//! against a server of our own on 127.0.0.1, and that nothing is written.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use crate::support;

fn site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    support::copy_dir(&support::fixture(name).join("handbook"), &root);
    (dir, root)
}

fn check(root: &Path, args: &[&str]) -> (Output, String, String) {
    let out = Command::new(support::BIN)
        .arg("check")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stdout, stderr)
}

#[test]
fn warnings_are_reported_and_fail_only_with_strict() {
    let (dir, root) = site("check-warnings");
    let (out, stdout, stderr) = check(&root, &[]);
    assert!(out.status.success(), "{stderr}");
    for expected in [
        "handboek/zonder-samenvatting.md:2:1: this page has no `samenvatting`",
        "leeg/_index.md:1:1: this section has no pages",
        "handboek/plaatje.md:6:1: this image has no alt text",
        "handboek/half-af.md:6:1: placeholder `TODO:` is still in the page",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(stderr.contains("⚠"), "warnings are marked as such");
    assert!(stdout.contains("0 errors, 4 warnings"), "{stdout}");
    // The messages as the editor sees them (the summary's link count follows the theme).
    insta::assert_snapshot!("check_warnings", support::redact_temp(&stderr, dir.path()));
    assert!(!dir.path().join("public").exists(), "check writes nothing");

    let (out, stdout, _) = check(&root, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("--strict"), "{stdout}");
}

#[test]
fn broken_links_anchors_and_references_fail() {
    let (_dir, root) = site("check-errors");
    let (out, stdout, stderr) = check(&root, &[]);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "handboek/_index.md:6:5: the link points to `#bestaat-niet` on handboek/doel.md",
        "handboek/doel.md:4:15: `gerelateerd` refers to `onbekende-pagina`",
        "links to `../../kapot/`, but",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("│ ---") || stderr.contains("╭─"),
        "snippets: {stderr}"
    );
    assert!(stdout.contains("3 errors, 0 warnings"), "{stdout}");
    // The messages as the editor sees them (the summary's link count follows the theme).
    insta::assert_snapshot!("check_errors", support::redact_temp(&stderr, _dir.path()));
}

#[test]
fn orphan_pages_are_those_no_link_reaches() {
    let (_dir, root) = site("check-warnings");
    let loaded = handboek::build::load(&root, None, &[]).unwrap();
    let reached = ["index.html", "handboek/index.html"]
        .into_iter()
        .map(String::from)
        .collect();
    let orphans = handboek::check::content::orphans(&loaded.site, &reached);
    let text: Vec<String> = orphans.iter().map(|p| p.to_plain()).collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("handboek/verstopt.md:1:1: no link in the site leads")),
        "{text:?}"
    );
    assert!(
        !text.iter().any(|t| t.starts_with("handboek/_index.md")),
        "{text:?}"
    );
}

/// A server on 127.0.0.1 answering 200 on `/goed`, 404 elsewhere; records request lines.
fn link_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut header = String::new();
            while reader.read_line(&mut header).unwrap_or(0) > 2 {
                header.clear();
            }
            log.lock().unwrap().push(line.trim().to_string());
            let status = if line.contains(" /goed ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let mut s = stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (addr, seen)
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let (_dir, root) = site("check-warnings");
    let (addr, seen) = link_server();
    std::fs::write(
        root.join("handboek/extern.md"),
        format!(
            "---\ntitle: Extern\nsamenvatting: Links naar buiten.\n---\n\n[goed](http://{addr}/goed) en [weg](http://{addr}/weg).\n"
        ),
    )
    .unwrap();
    let (out, _, stderr) = check(&root, &[]);
    assert!(out.status.success(), "{stderr}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "no request without --external"
    );

    let (out, stdout, stderr) = check(&root, &["--external"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("the external link http://{addr}/weg answers 404")),
        "{stderr}"
    );
    assert!(!stderr.contains("/goed answers"), "{stderr}");
    assert!(stdout.contains("2 external links"), "{stdout}");
}

#[test]
fn an_absolute_link_to_no_page_fails_the_check() {
    let (_dir, root) = site("serve-basic");
    let page = root.join("handboek/eerste.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nZie [weg](/handboek/bestaat-niet/).\n"),
    )
    .unwrap();
    let (out, stdout, stderr) = check(&root, &[]);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stderr.contains("`/handboek/bestaat-niet/` points to no page"),
        "{stderr}"
    );
}
