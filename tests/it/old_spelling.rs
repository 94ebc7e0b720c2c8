//! `handbook.yaml`'s old English keys (`levels`, `roles`, a role's `description`) still build,
//! with a warning that names the file, the line and the new key; both spellings at once is an
//! error.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestSite, fixture, snapshot, stderr};

/// The published site, without the build metadata (the tantivy index names its files at random).
fn site(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(out);
    files.retain(|path, _| !path.starts_with(".handboek/"));
    files
}

#[test]
fn old_keys_build_the_same_site_with_a_warning_each() {
    let old = std::fs::read_to_string(fixture("old-spelling").join("handbook.yaml")).unwrap();
    let new = old
        .replace("\nlevels:", "\nniveaus:")
        .replace("\nroles:", "\nrollen:")
        .replace("description: Werkt", "omschrijving: Werkt")
        .replace("    description: Adviseert", "    omschrijving: Adviseert");
    let t = TestSite::new("minimal");
    t.write("handbook.yaml", &new);
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("old name"), "{}", stderr(&o));
    let with_new = site(&t.out());

    t.overlay("old-spelling");
    let o = t.build(&[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for expected in [
        "handbook.yaml:3:1",
        "`levels` is the old name of `niveaus`",
        "rename `levels` to `niveaus`",
        "handbook.yaml:8:1",
        "`roles` is the old name of `rollen`",
        "handbook.yaml:9:",
        "handbook.yaml:12:5",
        "`description` is the old name of `omschrijving`",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
    let with_old = site(&t.out());
    let differ: Vec<&String> = with_new
        .keys()
        .chain(with_old.keys())
        .filter(|k| with_new.get(*k) != with_old.get(*k))
        .collect();
    assert!(differ.is_empty(), "the old keys changed {differ:?}");
}

#[test]
fn old_and_new_key_at_once_is_an_error() {
    let t = TestSite::new("minimal");
    t.overlay("bad/config-both-spellings");
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for expected in [
        "handbook.yaml:4:1",
        "`levels` and `niveaus` are both given",
        "remove `levels` and keep `niveaus`",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}
