//! Incremental rebuilds of the dev server give exactly what a full rebuild gives: after each
//! kind of edit, every published file is compared with a fresh load of the same sources.

use std::path::Path;

use handboek::serve::{Change, Outcome, Rebuilder};

use crate::support::copy_dir;

fn published(outcome: Outcome) -> handboek::serve::rebuild::Published {
    match outcome {
        Outcome::Published(p) => p,
        Outcome::Failed(ps) => panic!("{}", ps.render()),
    }
}

fn assert_same_as_full(root: &Path, out: &Path, incremental: &handboek::serve::rebuild::Published) {
    let full = published(Rebuilder::new(root.into(), out.into()).apply(&[Change::Config]));
    let mut a: Vec<_> = incremental.files.keys().collect();
    let mut b: Vec<_> = full.files.keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same files");
    for (k, v) in full.files.iter() {
        assert!(
            incremental.files[k] == *v,
            "{k} differs from a full build:\n{}\n---\n{}",
            String::from_utf8_lossy(&incremental.files[k]),
            String::from_utf8_lossy(v)
        );
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic");
    copy_dir(&src, dir.path());
    let root = dir.path().join("handbook");
    let out = dir.path().join("public");
    let mut r = Rebuilder::new(root.clone(), out.clone());
    published(r.apply(&[Change::Config]));
    let eerste = root.join("handboek/eerste.md");
    let tweede = root.join("handboek/tweede.md");
    let page = |p: &Path| Change::Page(p.strip_prefix(&root).unwrap().to_path_buf());

    let steps: Vec<(&Path, &str, &str)> = vec![
        (&eerste, "oorspronkelijke", "andere"),
        (&eerste, "title: Eerste hoofdstuk", "title: Begin"),
        (&tweede, "volgorde: 2", "volgorde: 0"),
        (
            &eerste,
            "## Doel",
            "## Doel\n\nZie [tweede](tweede.md).\n\n## Aanpak",
        ),
        (
            &tweede,
            "samenvatting: Het tweede.",
            "samenvatting: Anders.",
        ),
    ];
    let mut deferred = Vec::new();
    for (file, from, to) in steps {
        edit(file, from, to);
        let mut p = published(r.apply(&[page(file)]));
        assert!(!p.all, "`{to}` should not rebuild everything");
        if r.pending() {
            // The edited page went out first; the views that list it follow on their own.
            assert!(p.content && !p.changed.iter().any(|c| c.starts_with("niveau/")));
            deferred.push(to);
            p = published(r.apply(&[]));
            assert!(
                !p.content && !r.pending(),
                "views are published in one round"
            );
        }
        assert_same_as_full(&root, &out, &p);
    }
    assert!(
        deferred.contains(&"title: Begin"),
        "a title edit leaves the views for a round of their own: {deferred:?}"
    );

    edit(
        &root.join("templates/page.html"),
        "class=\"fixture\"",
        "class=\"x\"",
    );
    let p = published(r.apply(&[Change::Template("page.html".into())]));
    assert_same_as_full(&root, &out, &p);

    edit(&root.join("static/style.css"), "sans-serif", "serif");
    let p = published(r.apply(&[Change::Static("style.css".into())]));
    assert!(p.css.is_some());
    assert_same_as_full(&root, &out, &p);
}

#[test]
fn an_error_blocks_publishing_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic");
    copy_dir(&src, dir.path());
    let root = dir.path().join("handbook");
    let mut r = Rebuilder::new(root.clone(), dir.path().join("public"));
    published(r.apply(&[Change::Config]));
    let eerste = root.join("handboek/eerste.md");
    let tweede = root.join("handboek/tweede.md");
    edit(&eerste, "title: Eerste hoofdstuk", "title: Begin\nvanaf: Z");
    assert!(matches!(
        r.apply(&[Change::Page("handboek/eerste.md".into())]),
        Outcome::Failed(_)
    ));
    edit(&tweede, "Zie ook", "Lees ook");
    let Outcome::Failed(ps) = r.apply(&[Change::Page("handboek/tweede.md".into())]) else {
        panic!("the error in eerste.md still blocks");
    };
    assert!(ps.render().contains("eerste.md"));
    edit(&eerste, "\nvanaf: Z", "");
    let mut p = published(r.apply(&[Change::Page("handboek/eerste.md".into())]));
    assert!(
        p.changed.iter().any(|c| c == "handboek/tweede/index.html"),
        "{:?}",
        p.changed
    );
    if r.pending() {
        p = published(r.apply(&[]));
    }
    assert_same_as_full(&root, &dir.path().join("public"), &p);
}
