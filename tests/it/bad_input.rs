//! One fixture per kind of bad input: the message names the file and line, the exit status is 1,
//! and the site built before is left exactly as it was.

use crate::support;

use support::{TestSite, snapshot, stderr};

/// Build the good site, lay `case` over it, build again: it must fail with every `expected`
/// fragment in the message and leave the first build untouched.
fn fails_and_keeps_old_site(case: &str, expected: &[&str]) -> String {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success(), "the good fixture must build");
    let before = snapshot(&t.out());
    t.overlay(&format!("bad/{case}"));
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{case}: {err}");
    for e in expected {
        assert!(err.contains(e), "{case}: expected `{e}` in:\n{err}");
    }
    assert!(err.contains("unchanged"), "{err}");
    assert_eq!(
        snapshot(&t.out()),
        before,
        "{case}: the old site was changed"
    );
    // The whole message as the editor sees it (tests/it/snapshots/it__bad_input__<case>.snap).
    insta::assert_snapshot!(case, support::redact_temp(&err, t.dir.path()));
    err
}

#[test]
fn unclosed_front_matter() {
    fails_and_keeps_old_site(
        "unclosed-front-matter",
        &["handboek/kapot.md:1:1", "front matter is not closed"],
    );
}

#[test]
fn yaml_syntax_error() {
    fails_and_keeps_old_site(
        "yaml-syntax",
        &["handboek/kapot.md:4:1", "not valid YAML", "quoted scalar"],
    );
}

#[test]
fn wrong_type() {
    fails_and_keeps_old_site(
        "wrong-type",
        &["handboek/kapot.md:4:", "wrong type for `vanaf`"],
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    fails_and_keeps_old_site(
        "unknown-key",
        &[
            "handboek/kapot.md:3:1",
            "unknown key `samenvating`",
            "did you mean `samenvatting`?",
        ],
    );
}

#[test]
fn unknown_level() {
    fails_and_keeps_old_site(
        "unknown-level",
        &[
            "handboek/kapot.md:4:8",
            "unknown level `E`",
            "known levels: A, B, C, D",
        ],
    );
}

#[test]
fn unknown_role() {
    fails_and_keeps_old_site(
        "unknown-role",
        &[
            "dilemmas/kapot.md:6:",
            "unknown role `hr-advisuer`",
            "did you mean `hr-adviseur`?",
        ],
    );
}

#[test]
fn link_to_missing_page() {
    fails_and_keeps_old_site(
        "missing-page",
        &[
            "handboek/kapot.md:5:9",
            "does not exist",
            "plan-van-de-inwoner.md",
        ],
    );
}

#[test]
fn link_to_missing_anchor() {
    fails_and_keeps_old_site(
        "missing-anchor",
        &["handboek/kapot.md:5:9", "`#doelen`", "did you mean `doel`?"],
    );
}

#[test]
fn two_headings_with_one_id() {
    fails_and_keeps_old_site(
        "duplicate-heading-id",
        &[
            "handboek/kapot.md:9:1",
            "two headings have the id `#doel`",
            "{#doel-2}",
        ],
    );
}

#[test]
fn two_files_claim_one_url() {
    fails_and_keeps_old_site("duplicate-url", &["both claim the URL /handboek/visie/"]);
}

#[test]
fn unclosed_level_block() {
    fails_and_keeps_old_site("unclosed-block", &["handboek/kapot.md:7:1", "never closed"]);
}

#[test]
fn template_error_names_template_and_line() {
    fails_and_keeps_old_site(
        "template-error",
        &["templates/page.html:4:1", "template error"],
    );
}

#[test]
fn unknown_config_key() {
    fails_and_keeps_old_site(
        "config-unknown-key",
        &[
            "handbook.yaml:2:1",
            "unknown key `descripton`",
            "did you mean `description`?",
        ],
    );
}

#[test]
fn unknown_reference_in_front_matter() {
    fails_and_keeps_old_site(
        "unknown-reference",
        &["dilemmas/kapot.md:6:", "`visei`", "did you mean `visie`?"],
    );
}

#[test]
fn invalid_utf8() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let before = snapshot(&t.out());
    t.write(
        "handboek/latin1.md",
        b"---\ntitle: Caf\xe9\n---\n".as_slice(),
    );
    let o = t.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("handboek/latin1.md")
            && err.contains("line 2, column 11")
            && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert_eq!(snapshot(&t.out()), before);
}

#[test]
fn huge_file_is_refused_not_read() {
    let t = TestSite::new("minimal");
    let big = "a".repeat(9 * 1024 * 1024);
    t.write("handboek/groot.md", big);
    let o = t.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("handboek/groot.md") && stderr(&o).contains("refused"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let t = TestSite::new("minimal");
    t.overlay("bad/unknown-key");
    t.overlay("bad/missing-page");
    t.write("handboek/derde.md", "---\ntitle: Derde\nvanaf: Z\n---\n");
    let o = t.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    // unknown-key and missing-page both write handboek/kapot.md; the later one wins.
    assert!(err.contains("plan-van-de-inwonr.md"), "{err}");
    assert!(err.contains("unknown level `Z`"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    insta::assert_snapshot!(support::redact_temp(&err, t.dir.path()));
}

#[test]
fn a_broken_percent_escape_in_a_link_is_an_error_not_a_crash() {
    let err = fails_and_keeps_old_site(
        "broken-escape",
        &["handboek/kapot.md:5:5", "`%aé.md`", "does not exist"],
    );
    assert!(err.contains("`%a€.png`"), "{err}");
    assert!(err.contains("`%aé/x.md`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn check_reports_a_broken_percent_escape_without_crashing() {
    let t = TestSite::new("minimal");
    t.overlay("bad/broken-escape");
    let o = t.run(&["check", "site"]);
    let err = format!("{}{}", stderr(&o), support::stdout(&o));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("`%aé.md`"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_out_of_the_handbook_is_an_error_naming_link_and_target() {
    use std::os::unix::fs::symlink;
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let before = snapshot(&t.out());
    let outside = t.dir.path().join("buiten");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("geheim.md"),
        "---\ntitle: Geheim\n---\nGEHEIM\n",
    )
    .unwrap();
    std::fs::write(outside.join("geheim.txt"), "GEHEIM").unwrap();
    let hb = t.site().join("handboek");
    symlink("/etc/passwd", hb.join("passwd.md")).unwrap();
    symlink(outside.join("geheim.txt"), hb.join("notities.txt")).unwrap();
    symlink(&outside, hb.join("map")).unwrap();
    std::fs::create_dir_all(t.site().join("static")).unwrap();
    symlink("/etc/passwd", t.site().join("static/passwd.txt")).unwrap();
    let o = t.build(&[]);
    // Long messages wrap; join the lines again to find the paths.
    let err = stderr(&o).replace("\n  │ ", "");
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (link, target) in [
        ("handboek/passwd.md", "/etc/passwd".to_string()),
        (
            "handboek/notities.txt",
            outside.join("geheim.txt").display().to_string(),
        ),
        ("handboek/map", outside.display().to_string()),
        ("static/passwd.txt", "/etc/passwd".to_string()),
    ] {
        assert!(err.contains(link), "{link} in:\n{err}");
        assert!(err.contains(&target), "{target} in:\n{err}");
    }
    assert!(err.contains("outside the handbook folder"), "{err}");
    assert_eq!(snapshot(&t.out()), before);
    let c = t.run(&["check", "site"]);
    assert_eq!(c.status.code(), Some(1), "{}", stderr(&c));
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_handbook_keep_working() {
    use std::os::unix::fs::symlink;
    let t = TestSite::new("minimal");
    let hb = t.site().join("handboek");
    symlink("visie.md", hb.join("visie-kopie.md")).unwrap();
    symlink("Één map", hb.join("alias")).unwrap();
    symlink("schema.png", hb.join("schema-kopie.png")).unwrap();
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        t.read("handboek/visie-kopie/index.html")
            .contains("Tekst over geld")
    );
    assert!(
        t.out()
            .join("handboek/alias/mijn-pagina/index.html")
            .is_file()
    );
    assert!(t.out().join("handboek/schema-kopie.png").is_file());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_warning_names_the_folder_it_leads_back_to() {
    use std::os::unix::fs::symlink;
    let t = TestSite::new("minimal");
    symlink("..", t.site().join("handboek/lus")).unwrap();
    symlink(".", t.site().join("dilemmas/hier")).unwrap();
    let o = t.build(&[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("leads back to ;"), "{err}");
    assert!(
        err.contains("handboek/lus") && err.contains("leads back to the handbook folder itself"),
        "{err}"
    );
    assert!(
        err.contains("dilemmas/hier") && err.contains("leads back to `dilemmas`"),
        "{err}"
    );
}

#[test]
fn front_matter_after_a_blank_line_is_an_error_not_body_text() {
    fails_and_keeps_old_site(
        "front-matter-after-blank-line",
        &[
            "handboek/kapot.md:2:1",
            "front matter must start on the first line",
        ],
    );
}

#[test]
fn an_empty_level_list_is_an_error() {
    fails_and_keeps_old_site(
        "empty-levels",
        &["handboek/kapot.md:4:1", "`niveaus` is empty"],
    );
}

#[test]
fn a_page_related_to_itself_is_an_error() {
    fails_and_keeps_old_site(
        "related-to-itself",
        &["handboek/kapot.md:4:", "refers to the page itself"],
    );
}

#[test]
fn front_matter_closed_with_three_dots_is_accepted_as_in_yaml() {
    let t = TestSite::new("minimal");
    t.write(
        "handboek/punten.md",
        "---\ntitle: Punten\nsamenvatting: Gesloten met drie punten.\n...\nDe tekst.\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = t.read("handboek/punten/index.html");
    assert!(
        html.contains("<h1>Punten</h1>") || html.contains(">Punten<"),
        "{html}"
    );
    assert!(html.contains("De tekst."), "{html}");
    assert!(!html.contains("title: Punten"), "{html}");
}

#[test]
fn an_absolute_link_to_no_page_is_an_error_with_a_hint() {
    let err = fails_and_keeps_old_site(
        "absolute-link",
        &[
            "handboek/kapot.md:5:5",
            "`/handboek/visi/` points to no page of the site",
        ],
    )
    .replace("\n  │ ", " ")
    .replace("\n        ", " ");
    assert!(err.contains("link the `.md` file: `visie.md`"), "{err}");
}

#[test]
fn absolute_links_to_pages_become_relative_respecting_base_url() {
    let t = TestSite::new("minimal");
    t.write(
        "handboek/absoluut.md",
        "---\ntitle: Absoluut\nsamenvatting: Links.\n---\n[v](/handboek/visie/#doel) [s](/handboek/schema.png) [h](/)\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = t.read("handboek/absoluut/index.html");
    for href in [
        r##"href="../../handboek/visie/#doel""##,
        r#"href="../../handboek/schema.png""#,
        r#"href="../../""#,
    ] {
        assert!(html.contains(href), "{href} in {html}");
    }

    let yaml = std::fs::read_to_string(t.site().join("handbook.yaml")).unwrap();
    t.write("handbook.yaml", format!("base_url: /hb/\n{yaml}"));
    t.write(
        "handboek/absoluut.md",
        "---\ntitle: Absoluut\nsamenvatting: Links.\n---\n[v](/hb/handboek/visie/) [elders](/intranet/)\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = t.read("handboek/absoluut/index.html");
    assert!(html.contains(r#"href="../../handboek/visie/""#), "{html}");
    assert!(html.contains(r#"href="/intranet/""#), "{html}");
    t.write(
        "handboek/absoluut.md",
        "---\ntitle: Absoluut\nsamenvatting: Links.\n---\n[v](/hb/visie/)\n",
    );
    let o = t.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .replace("\n  │ ", " ")
            .contains("the site lives at /hb/"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_link_in_nfc_finds_a_file_named_in_nfd() {
    let t = TestSite::new("minimal");
    // A copy from macOS: `e` followed by a combining diaeresis.
    t.write(
        "handboek/financie\u{308}n.md",
        "---\ntitle: Financiën\nsamenvatting: Geld.\n---\nTekst.\n",
    );
    t.write("handboek/sche\u{301}ma.pdf", "%PDF");
    t.write(
        "handboek/geld.md",
        "---\ntitle: Geld\nsamenvatting: Links.\ngerelateerd: [financiën]\n---\n[f](financiën.md) [s](schéma.pdf)\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = t.read("handboek/geld/index.html");
    assert!(
        html.contains(r#"href="../../handboek/financien/""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="../../handboek/sche%CC%81ma.pdf""#),
        "{html}"
    );
}
