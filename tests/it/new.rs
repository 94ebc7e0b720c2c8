//! `handboek new`: each kind writes a page that loads, with a free name and placeholders that
//! `handboek check` reports.

use std::path::Path;
use std::process::Command;

use crate::support;

fn new(root: &Path, kind: &str, title: &str) -> std::process::Output {
    Command::new(support::BIN)
        .args(["new", kind, title, "--path"])
        .arg(root)
        .output()
        .unwrap()
}

fn handbook() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    support::copy_dir(&support::fixture("check-warnings").join("handbook"), &root);
    std::fs::create_dir_all(root.join("functiefamilie/wijkcoach/resultaatgebieden")).unwrap();
    std::fs::write(
        root.join("functiefamilie/wijkcoach/_index.md"),
        "---\ntitle: Wijkcoach\nsamenvatting: De familie.\n---\n\nTekst.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("functiefamilie/wijkcoach/resultaatgebieden/03-netwerk.md"),
        "---\ntitle: Netwerk\nsamenvatting: Het netwerk.\nnummer: 3\nvanaf: A\n---\n\n- Werk.\n",
    )
    .unwrap();
    (dir, root)
}

#[test]
fn every_kind_writes_a_page_that_loads_with_placeholders() {
    let (_dir, root) = handbook();
    for (kind, title, path) in [
        (
            "dilemma",
            "Melden of \"vertrouwen\": een keuze",
            "dilemmas/melden-of-vertrouwen-een-keuze.md",
        ),
        (
            "hoofdstuk",
            "Werken in de wijk",
            "handboek/werken-in-de-wijk.md",
        ),
        (
            "expertisegebied",
            "Schulden",
            "expertisegebieden/schulden.md",
        ),
        (
            "resultaatgebied",
            "Signalen oppakken",
            "functiefamilie/wijkcoach/resultaatgebieden/04-signalen-oppakken.md",
        ),
    ] {
        let out = new(&root, kind, title);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(root.join(path)).unwrap_or_else(|_| panic!("{path}"));
        assert!(text.contains("TODO:"), "{text}");
    }
    let check = Command::new(support::BIN)
        .arg("check")
        .arg(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success(),
        "the new pages load without errors:\n{stderr}"
    );
    for file in [
        "melden-of-vertrouwen-een-keuze.md",
        "werken-in-de-wijk.md",
        "schulden.md",
        "04-signalen-oppakken.md",
    ] {
        assert!(
            stderr.contains(&format!("{file}:3:16: placeholder")),
            "{file}:\n{stderr}"
        );
    }
    let strict = Command::new(support::BIN)
        .args(["check", "--strict"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn a_taken_name_gets_a_number() {
    let (_dir, root) = handbook();
    assert!(new(&root, "hoofdstuk", "Half af").status.success());
    assert!(root.join("handboek/half-af-2.md").is_file());
    assert!(new(&root, "dilemma", "Netwerk").status.success());
    assert!(
        root.join("dilemmas/netwerk-2.md").is_file(),
        "result area 03-netwerk holds the name"
    );
}

#[test]
fn unknown_kinds_and_families_are_refused() {
    let (_dir, root) = handbook();
    let out = new(&root, "recept", "Soep");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("dilemma, hoofdstuk, expertisegebied or resultaatgebied")
    );
    let out = new(&root, "resultaatgebied", "kok/Soep");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("there is no functiefamilie `kok`; there are: wijkcoach")
    );
}
