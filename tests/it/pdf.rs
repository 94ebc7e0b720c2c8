//! `handboek pdf` and the PDFs `build` writes: the functieprofiel of each level of the shipped
//! handbook, typeset with typst, read back with poppler (`pdftotext`, `pdfinfo`, `pdftoppm`).
//!
//! Without poppler-utils the tests that read a PDF print "skipped: …" and pass, unless
//! HANDBOEK_BROWSER_TESTS=1 is set (CI), where a missing tool fails them. Page 1 of each level
//! is written as a PNG to target/tmp/pdf/ for a person to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_handboek");
const HANDBOOK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/handbook");
const AREAS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/handbook/functiefamilie/wijkcoach/resultaatgebieden"
);

fn handboek(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run handboek")
}

/// The poppler tool `name`, or None after saying why the test is skipped (a failure in CI).
fn poppler(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    if let Some(p) = std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
    {
        return Some(p);
    }
    if std::env::var("HANDBOEK_BROWSER_TESTS").is_ok_and(|v| v == "1") {
        panic!("{name} not found, and HANDBOEK_BROWSER_TESTS=1 requires the PDF tests to run");
    }
    eprintln!("skipped: {name} not found (Debian: poppler-utils)");
    None
}

/// The PDFs of every level, written by `handboek pdf` into a temp dir.
fn all_levels(dir: &Path) -> Vec<(String, PathBuf)> {
    let o = handboek(&[
        "pdf",
        HANDBOOK,
        "--familie",
        "wijkcoach",
        "--out",
        dir.to_str().unwrap(),
    ]);
    crate::support::assert_success(&o);
    ["a", "b", "c", "d"]
        .iter()
        .map(|l| {
            let p = dir.join(format!("functieprofiel-wijkcoach-{l}.pdf"));
            assert!(p.is_file(), "{} written", p.display());
            (l.to_uppercase(), p)
        })
        .collect()
}

/// The text of a PDF, each run of whitespace one space.
fn text_of(pdftotext: &Path, pdf: &Path) -> String {
    let o = Command::new(pdftotext).arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `(nummer, title, vanaf)` of every result area of the shipped handbook, from the sources.
fn areas() -> Vec<(u32, String, char)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(AREAS).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().to_string())
                .unwrap()
        };
        out.push((
            field("nummer:").parse().unwrap(),
            field("title:"),
            field("vanaf:").chars().next().unwrap(),
        ));
    }
    out.sort();
    out
}

#[test]
fn the_pdf_of_each_level_holds_exactly_its_result_areas_criteria_and_competences() {
    let Some(pdftotext) = poppler("pdftotext") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let matrix = std::fs::read_to_string(format!(
        "{HANDBOOK}/functiefamilie/wijkcoach/kennis-en-ervaring.yaml"
    ))
    .unwrap();
    for (level, pdf) in all_levels(tmp.path()) {
        let text = text_of(&pdftotext, &pdf);
        assert!(
            text.contains(&format!("Functieprofiel Wijkcoach {level}")),
            "{text}"
        );
        let l = level.chars().next().unwrap();
        for (nummer, title, vanaf) in areas() {
            let heading = format!("{nummer}. {title}");
            if vanaf <= l {
                assert!(
                    text.contains(&heading),
                    "level {level} lacks {heading:?}:\n{text}"
                );
            } else {
                assert!(!text.contains(&heading), "level {level} has {heading:?}");
            }
        }
        assert!(text.contains("Kennis en ervaring"));
        // Every cell of this level's column of the matrix.
        for line in matrix.lines() {
            let line = line.trim();
            if let Some(cell) = line.strip_prefix(&format!("{level}: \"")) {
                let cell = cell.trim_end_matches('"');
                assert!(text.contains(cell), "level {level} lacks {cell:?}");
            }
        }
        // What the HTML profile shows besides: the place in the organisation (from the
        // familie page) and the expertise areas open to the level.
        for c in [
            "Probleemoplossend vermogen",
            "Tact en verbinding",
            "Competenties",
            "Plaats in de organisatie",
            "valt hiërarchisch onder de wijkteammanager",
            "Expertisegebieden",
            "Jeugdzorg",
        ] {
            assert!(text.contains(c), "level {level} lacks {c}");
        }
        // The place in the organisation ends where the familie page's next section starts.
        assert!(!text.contains("Verschillende bijdragen"), "{text}");
        assert!(
            text.contains("/functiefamilie/wijkcoach/niveau/"),
            "the profile's URL"
        );
    }
}

#[test]
fn the_pdf_numbers_its_pages_and_says_what_it_is() {
    let (Some(pdfinfo), Some(pdftotext), Some(pdftoppm)) = (
        poppler("pdfinfo"),
        poppler("pdftotext"),
        poppler("pdftoppm"),
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tmp/pdf");
    std::fs::create_dir_all(&shots).unwrap();
    for (level, pdf) in all_levels(tmp.path()) {
        let info = Command::new(&pdfinfo).arg(&pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        let field = |key: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let pages: usize = field("Pages:").parse().unwrap();
        assert!((2..=12).contains(&pages), "level {level}: {pages} pages");
        assert_eq!(field("Title:"), format!("Functieprofiel Wijkcoach {level}"));
        assert_eq!(field("Tagged:"), "yes");
        assert_eq!(field("Page size:"), "595.276 x 841.89 pts (A4)");
        assert!(field("CreationDate:").is_empty(), "no date from the clock");
        let text = text_of(&pdftotext, &pdf);
        assert!(text.contains(&format!("pagina 1 van {pages}")), "{text}");
        assert!(text.contains(&format!("pagina {pages} van {pages}")));
        let o = Command::new(&pdftoppm)
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(shots.join(format!("wijkcoach-{}-pagina-1", level.to_lowercase())))
            .output()
            .unwrap();
        crate::support::assert_success(&o);
    }
}

#[test]
fn the_same_sources_give_the_same_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.pdf");
    let b = tmp.path().join("b.pdf");
    for out in [&a, &b] {
        let o = handboek(&[
            "pdf",
            HANDBOOK,
            "--familie",
            "wijkcoach",
            "--niveau",
            "c",
            "--out",
            out.to_str().unwrap(),
        ]);
        crate::support::assert_success(&o);
    }
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "two runs differ");
}

#[test]
fn an_unknown_familie_or_niveau_lists_the_valid_ones() {
    let o = handboek(&["pdf", HANDBOOK, "--familie", "bakker"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown functiefamilie `bakker`") && err.contains("wijkcoach"),
        "{err}"
    );
    let o = handboek(&["pdf", HANDBOOK, "--familie", "wijkcoach", "--niveau", "E"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown niveau `E`") && err.contains("A, B, C, D"),
        "{err}"
    );
}

#[test]
fn build_writes_a_pdf_next_to_every_profile_and_links_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = handboek(&["build", HANDBOOK, "--out", out.to_str().unwrap()]);
    crate::support::assert_success(&o);
    for l in ["a", "b", "c", "d"] {
        let dir = out.join(format!("functiefamilie/wijkcoach/niveau/{l}"));
        let name = format!("functieprofiel-wijkcoach-{l}.pdf");
        let pdf = std::fs::read(dir.join(&name)).expect("the PDF next to the profile");
        assert!(pdf.starts_with(b"%PDF-"));
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(
            html.contains(&format!("href=\"{name}\"")) && html.contains("Download als PDF"),
            "level {l} links its PDF"
        );
    }
}

#[test]
fn a_colon_callout_prints_with_its_title_and_goes_with_its_level_passage() {
    let Some(pdftotext) = poppler("pdftotext") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let hb = tmp.path().join("handbook");
    crate::support::copy_dir(Path::new(HANDBOOK), &hb);
    let area =
        hb.join("functiefamilie/wijkcoach/resultaatgebieden/01-ondersteuningsvragen-aannemen.md");
    let text = std::fs::read_to_string(&area).unwrap();
    std::fs::write(
        &area,
        format!(
            "{text}\n:::warning[Proefkop voor iedereen]\nProeftekst voor ieder niveau.\n:::\n\n\
             ::: niveau vanaf=C\n::: tip Proefkop voor C en D\nProeftekst vanaf C.\n:::\n:::\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("pdf");
    let o = handboek(&[
        "pdf",
        hb.to_str().unwrap(),
        "--familie",
        "wijkcoach",
        "--out",
        out.to_str().unwrap(),
    ]);
    crate::support::assert_success(&o);
    let a = text_of(&pdftotext, &out.join("functieprofiel-wijkcoach-a.pdf"));
    let c = text_of(&pdftotext, &out.join("functieprofiel-wijkcoach-c.pdf"));
    for text in [&a, &c] {
        assert!(
            text.contains("Proefkop voor iedereen Proeftekst voor ieder niveau."),
            "{text}"
        );
        assert!(!text.contains(":::"), "{text}");
    }
    assert!(
        !a.contains("Proefkop voor C en D") && !a.contains("Proeftekst vanaf C"),
        "{a}"
    );
    assert!(
        c.contains("Proefkop voor C en D Proeftekst vanaf C."),
        "{c}"
    );
}
