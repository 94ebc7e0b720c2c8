use std::collections::HashSet;
use std::fs;
use std::path::Path;

use super::super::staging::{holds, reuse_dir};
use super::*;

fn kept(files: &[&str], dirs: &[&str]) -> Kept {
    Kept {
        files: files.iter().map(|s| s.to_string()).collect(),
        dirs: dirs.iter().map(|s| s.to_string()).collect(),
    }
}

fn set(paths: &[&str]) -> HashSet<String> {
    paths.iter().map(|s| s.to_string()).collect()
}

#[test]
fn files_the_new_version_did_not_write_are_stale() {
    let k = kept(&["index.html", "oud.html", "a/b.html"], &[]);
    let (files, _) = stale(&k, &set(&["index.html", "a/b.html"]));
    assert_eq!(files, ["oud.html"]);
}

#[test]
fn the_metadata_folder_is_never_stale() {
    let k = kept(
        &[
            ".handboek/build.json",
            ".handboek/index/meta.json",
            ".handboekx.html",
        ],
        &[".handboek", ".handboek/index", ".handboekx"],
    );
    let (files, dirs) = stale(&k, &set(&[]));
    assert_eq!(files, [".handboekx.html"]);
    assert_eq!(dirs, [".handboekx"]);
}

#[test]
fn folders_holding_a_written_file_stay_and_the_rest_go_deepest_first() {
    let k = kept(&[], &["a", "a/b", "a/b/c", "d", "d/e", "live", "live/deep"]);
    let (_, dirs) = stale(&k, &set(&["live/deep/page.html", "a/page.html"]));
    assert_eq!(dirs, ["a/b/c", "a/b", "d/e", "d"]);
}

#[test]
fn a_folder_where_the_new_version_wrote_a_file_is_listed_for_removal() {
    // The removal then fails on the file and is let be (see `prune`).
    let k = kept(&["x/index.html"], &["x"]);
    let (files, dirs) = stale(&k, &set(&["x"]));
    assert_eq!(files, ["x/index.html"]);
    assert_eq!(dirs, ["x"]);
}

#[test]
fn folders_of_lists_every_ancestor_once() {
    let dirs = folders_of(["a/b/c.html", "a/d.html", "top.html", "a/b/e/f.html"].into_iter());
    let mut dirs: Vec<&str> = dirs.into_iter().collect();
    dirs.sort();
    assert_eq!(dirs, ["a", "a/b", "a/b/e"]);
}

#[test]
fn joined_kept_lists_hold_both() {
    let k = kept(&["a"], &["d"]).join(kept(&["b"], &["e"]));
    assert_eq!(k.files, ["a", "b"]);
    assert_eq!(k.dirs, ["d", "e"]);
}

#[test]
fn the_reuse_folder_sits_beside_the_output_folder() {
    assert_eq!(
        reuse_dir(Path::new("/srv/site/public")),
        Path::new("/srv/site/.public.reuse")
    );
    assert_eq!(reuse_dir(Path::new("public")), Path::new("./.public.reuse"));
}

#[test]
fn holds_only_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.html");
    fs::write(&path, b"<p>hallo</p>").unwrap();
    assert!(holds(&path, b"<p>hallo</p>"));
    assert!(!holds(&path, b"<p>hallo!</p>"));
    assert!(!holds(&path, b"<p>hallo</x>"));
    assert!(!holds(&dir.path().join("missing"), b""));
    assert!(!holds(dir.path(), b""));
}

#[test]
fn survey_lists_files_and_folders_and_drops_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("a/b")).unwrap();
    fs::write(root.join("a/b/c.html"), "c").unwrap();
    fs::write(root.join("top.html"), "t").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", root.join("a/link")).unwrap();
    let mut k = survey(root, root).unwrap();
    k.files.sort();
    k.dirs.sort();
    assert_eq!(k.files, ["a/b/c.html", "top.html"]);
    assert_eq!(k.dirs, ["a", "a/b"]);
    assert!(fs::symlink_metadata(root.join("a/link")).is_err());
}

#[test]
fn prune_removes_stale_files_and_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("old/deep")).unwrap();
    fs::create_dir_all(root.join("new")).unwrap();
    fs::write(root.join("old/deep/x.html"), "x").unwrap();
    fs::write(root.join("new/y.html"), "y").unwrap();
    let k = survey(root, root).unwrap();
    prune(root, &k, &set(&["new/y.html"])).unwrap();
    assert!(!root.join("old").exists());
    assert!(root.join("new/y.html").is_file());
}
