//! Plain Markdown folders and MkDocs projects (no `handbook.yaml`): what a reader sees after
//! `handboek build` — pages, titles, nav order, callouts, URLs — and that the handbook format
//! stays strict.

use crate::support::{TestSite, stderr, stdout};

/// The byte position of `needle` in `hay`, failing the test when it is missing.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{hay}"))
}

/// Whether the diagnostics in `err` say `message`, however the terminal width wrapped them.
fn says(err: &str, message: &str) -> bool {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect()
    };
    squash(err).contains(&squash(message))
}

/// The `<main>` of a page: what the reader reads, without the menu.
fn main_of(html: &str) -> &str {
    let start = at(html, "<main");
    let end = at(html, "</main>");
    &html[start..end]
}

#[test]
fn mkdocs_project_builds_from_its_root_with_name_nav_and_css() {
    let t = TestSite::new("plain-mkdocs");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Built 6 pages"), "{}", stdout(&o));
    // index.md is each folder's index page, not a page at /index/.
    for page in [
        "index.html",
        "werkwijze/index.html",
        "werkwijze/intake/index.html",
        "werkwijze/plan/index.html",
        "werkwijze/afronden/index.html",
        "over/index.html",
        "img/schema.svg",
        "css/eigen.css",
    ] {
        assert!(t.out().join(page).is_file(), "missing {page}");
    }
    assert!(!t.out().join("index/index.html").exists());
    assert!(!t.out().join("werkwijze/index/index.html").exists());
    let home = t.read("index.html");
    // site_name is the site's title; the nav's title names the page.
    assert!(home.contains("<h1>Wijkwerk in de praktijk</h1>"), "{home}");
    assert!(home.contains("Dit is de praktijkgids."));
    assert!(home.contains(r#"<link rel="stylesheet" href="css/eigen.css">"#));
    assert!(home.contains(r#"<a href="https://intranet.example/">Intranet</a>"#));
    // A link to a section of another page, and an image.
    assert!(home.contains(r#"href="werkwijze/plan/#doel""#), "{home}");
    assert!(home.contains(r#"src="img/schema.svg""#), "{home}");
    let plan = t.read("werkwijze/plan/index.html");
    assert!(plan.contains(r#"<link rel="stylesheet" href="../../css/eigen.css">"#));
    // `description:` is the summary; the note names the keys kept under extra.
    assert!(plan.contains("Samen met de inwoner een plan maken."));
    // Levels, roles and sources belong to the handbook format: a plain page does not mention them.
    assert!(!plan.contains("alle niveaus en rollen") && !plan.contains("Eigen uitwerking"));
    let err = stderr(&o);
    assert!(
        says(
            &err,
            "4 pages carry keys handboek does not know: description (2), hide (2), icon (1), status (1); kept under extra"
        ),
        "{err}"
    );
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn headings_get_the_ids_mkdocs_gives_them_so_its_links_still_reach_them() {
    let t = TestSite::new("plain-mkdocs");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let over = t.read("over/index.html");
    for id in [
        "taken-en-rollenverantwoordelijkheden",
        "doel",
        "doel_1",
        "werk_map",
    ] {
        assert!(over.contains(&format!(r#"id="{id}""#)), "no #{id}: {over}");
    }
    assert!(!stderr(&o).contains("no such heading"), "{}", stderr(&o));
}

#[test]
fn mkdocs_nav_decides_order_and_titles() {
    let t = TestSite::new("plain-mkdocs");
    assert!(t.build(&[]).status.success());
    let section = t.read("werkwijze/index.html");
    let main = main_of(&section);
    // nav: Intake, plan.md, Afronden (not the alphabetical afronden, intake, plan).
    let intake = at(main, "Intake</a>");
    let plan = at(main, "Plan van aanpak</a>");
    let afronden = at(main, "Afronden</a>");
    assert!(intake < plan && plan < afronden, "{main}");
    // The nav's title wins over the heading and the front matter.
    assert!(
        t.read("werkwijze/intake/index.html")
            .contains("<h1>Intake</h1>")
    );
    assert!(
        t.read("werkwijze/afronden/index.html")
            .contains("<h1>Afronden</h1>")
    );
    // Reading order follows the nav too.
    let plan_page = t.read("werkwijze/plan/index.html");
    assert!(plan_page.contains(r#"<a href="../../werkwijze/intake/" rel="prev">"#));
    assert!(plan_page.contains(r#"<a href="../../werkwijze/afronden/" rel="next">"#));
}

#[test]
fn admonitions_and_github_alerts_become_callouts() {
    let t = TestSite::new("plain-mkdocs");
    assert!(t.build(&[]).status.success());
    let plan = t.read("werkwijze/plan/index.html");
    let main = main_of(&plan);
    for expected in [
        "<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-titel\">Let op de termijn</p>\n<p>Een plan is er binnen <strong>zes weken</strong>.</p>\n<ul>",
        "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-titel\">Waarschuwing</p>",
        "<details class=\"callout callout-tip\">\n<summary class=\"callout-titel\">Meer lezen</summary>",
        "<details class=\"callout callout-example\" open>\n<summary class=\"callout-titel\">Voorbeeld</summary>",
        "<div class=\"callout callout-danger\" role=\"note\">\n<p class=\"callout-titel\">Genest</p>\n<p>Binnen een voorbeeld.</p>\n</div>\n</details>",
        "<p class=\"callout-titel\">Tip</p>\n<p>Vraag door.</p>",
        "<p class=\"callout-titel\">Belangrijk</p>",
        "<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-titel\">Let op</p>",
        "<pre><code>!!! note\n    Dit is code, geen callout.",
        "<blockquote>\n<p>Een gewoon citaat.</p>",
    ] {
        assert!(main.contains(expected), "missing {expected:?} in\n{main}");
    }
    assert!(!main.contains("[!TIP]") && !main.contains("!!! warning"));
    // The theme styles them.
    let css = std::fs::read_dir(t.out())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("style."))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .unwrap();
    assert!(css.contains(".callout-titel") && css.contains("details.callout"));
}

#[test]
fn docs_folder_finds_its_mkdocs_yml_and_mkdocs_flag_works() {
    let t = TestSite::new("plain-mkdocs");
    let o = t.run(&["build", "site/docs", "--out", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(t.read("index.html").contains("Wijkwerk in de praktijk"));
    let o = t.run(&[
        "build",
        "elders",
        "--mkdocs",
        "site/mkdocs.yml",
        "--out",
        "p2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let intake = std::fs::read_to_string(t.dir.path().join("p2/werkwijze/intake/index.html"));
    assert!(intake.unwrap().contains("<h1>Intake</h1>"));
}

#[test]
fn colliding_names_get_distinct_stable_urls() {
    let t = TestSite::new("plain-collide");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Sorted by the original names: `qm-move-disk.md` < `qm-move_disk.md`; `!` < `}` < `~`.
    for (url, title) in [
        ("qm-move-disk", "Schijf verplaatsen (streepjes)"),
        ("qm-move-disk-2", "Schijf verplaatsen (laag streepje)"),
        ("pagina", "Uitroepteken"),
        ("pagina-2", "Accolade"),
        ("pagina-3", "Tilde"),
    ] {
        let html = t.read(&format!("{url}/index.html"));
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{url}: {html}");
    }
    // A link to a renamed page leads to its new URL.
    assert!(t.read("index.html").contains(r#"href="qm-move-disk-2/""#));
    let err = stderr(&o);
    assert!(
        says(
            &err,
            "this name and qm-move-disk.md both become /qm-move-disk/; this page is published at /qm-move-disk-2/"
        ),
        "{err}"
    );
    assert!(says(
        &err,
        "this name and !.md both become /pagina/; this page is published at /pagina-3/"
    ));
    // A second build gives the same URLs.
    assert!(t.build(&[]).status.success());
    assert!(t.read("pagina-3/index.html").contains("<h1>Tilde</h1>"));
}

#[test]
fn readme_is_the_folder_index_and_index_md_wins_over_it() {
    let t = TestSite::new("plain-collide");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = t.read("index.html");
    assert!(
        home.contains("Een map zoals een git-wiki hem heeft."),
        "{home}"
    );
    assert!(t.read("sub/index.html").contains("<h1>Submap</h1>"));
    assert!(
        t.read("sub/readme/index.html")
            .contains("<h1>Lees mij</h1>")
    );
    assert!(
        says(
            &stderr(&o),
            "sub/index.md is this folder's index page; this file stays an ordinary page at /sub/readme/"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn broken_links_warn_in_a_plain_folder_and_fail_with_strict() {
    let t = TestSite::new("plain-collide");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(says(
        &stderr(&o),
        "the link `bestaat-niet.md` points to a page that does not exist"
    ));
    std::fs::remove_dir_all(t.out()).unwrap();
    let o = t.build(&["--strict"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--strict makes warnings count"),
        "{}",
        stderr(&o)
    );
    assert!(!t.out().exists(), "nothing is published");
}

#[test]
fn handbook_format_stays_strict() {
    let t = TestSite::new("minimal");
    t.write(
        "handboek/mkdocs-pagina.md",
        "---\ntitle: Uit MkDocs\nhide:\n  - toc\n---\n!!! note\n    Callouts werken wel.\n",
    );
    let o = t.build(&[]);
    assert!(!o.status.success());
    assert!(
        says(&stderr(&o), "unknown key `hide` in front matter"),
        "{}",
        stderr(&o)
    );
    // Without the unknown key it builds, and callouts render in the handbook format too.
    t.write(
        "handboek/mkdocs-pagina.md",
        "---\ntitle: Uit MkDocs\n---\n!!! note\n    Callouts werken wel.\n\n[kapot](bestaat-niet.md)\n",
    );
    let o = t.build(&[]);
    assert!(!o.status.success(), "a broken link stays an error");
    assert!(stderr(&o).contains("bestaat-niet.md"));
    t.write(
        "handboek/mkdocs-pagina.md",
        "---\ntitle: Uit MkDocs\n---\n!!! note\n    Callouts werken wel.\n\n> [!TIP]\n> Ook dit.\n",
    );
    t.write(
        "handboek/andere-map/index.md",
        "---\ntitle: Gewone pagina\n---\nTekst.\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = t.read("handboek/mkdocs-pagina/index.html");
    assert!(page.contains("<p class=\"callout-titel\">Opmerking</p>\n<p>Callouts werken wel.</p>"));
    assert!(page.contains("<p class=\"callout-titel\">Tip</p>"));
    // index.md is an ordinary page in a handbook, as before.
    assert!(
        t.read("handboek/andere-map/index/index.html")
            .contains("Gewone pagina")
    );
}

#[test]
fn init_writes_handbook_yaml_once_and_check_lists_what_to_add() {
    let t = TestSite::new("plain-mkdocs");
    let o = t.run(&["init", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = std::fs::read_to_string(t.site().join("docs/handbook.yaml")).unwrap();
    assert!(
        yaml.contains("title: \"Wijkwerk in de praktijk\""),
        "{yaml}"
    );
    assert!(yaml.contains("niveaus: []") && yaml.contains("#  - id: A"));
    assert!(yaml.contains("rollen: []") && yaml.contains("synonyms: []"));
    let o = t.run(&["init", "site"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(t.site().join("docs/handbook.yaml")).unwrap(),
        yaml
    );
    // Now a handbook: check names what the pages still lack.
    let o = t.run(&["check", "site/docs"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(says(&err, "unknown key `hide` in front matter"), "{err}");
}

#[test]
fn a_plain_folders_templates_and_static_folders_are_content_not_theme() {
    // Hugo's documentation has a section `templates/` whose pages show template code.
    let t = TestSite::new("plain-collide");
    t.write(
        "templates/404.md",
        "# Een 404-pagina\n\n```go-html-template\n{{ define \"main\" }}<h1>Weg</h1>{{ end }}\n```\n",
    );
    t.write(
        "templates/page.html",
        "<p>een voorbeeld, geen sjabloon</p>\n",
    );
    t.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    t.write("over.md", "# Over\n\n![logo](static/logo.svg)\n");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = t.read("templates/404/index.html");
    assert!(page.contains("{{ define"), "{page}");
    assert!(t.out().join("static/logo.svg").is_file());
    assert!(t.out().join("templates/page.html").is_file());
    // The theme's own page template still renders the pages.
    assert!(!t.read("over/index.html").contains("geen sjabloon"));
    assert!(
        t.read("over/index.html")
            .contains(r#"src="../static/logo.svg""#)
    );
}

#[test]
fn an_mdbook_takes_its_order_and_titles_from_summary_md_and_its_name_from_book_toml() {
    let t = TestSite::new("plain-mdbook");
    let o = t.run(&["build", "site/src", "--out", "public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = t.read("index.html");
    assert!(home.contains("<title>Werkboek wijkteam</title>"), "{home}");
    // SUMMARY.md orders the book; it is no page of it.
    assert!(!t.out().join("summary/index.html").exists());
    let main = main_of(&home);
    // The summary's titles, in its order; a page it leaves out comes after.
    let gids = at(main, "Zo werkt de gids</a>");
    let afronden = at(main, "Afronden</a>");
    let colofon = at(main, "Colofon</a>");
    let extra = at(main, "Aanvulling</a>");
    assert!(
        gids < afronden && afronden < colofon && colofon < extra,
        "{main}"
    );
    assert!(
        t.read("gids/index.html").contains("Eerste stap</a>"),
        "{}",
        t.read("gids/index.html")
    );
    assert!(!stderr(&o).contains("SUMMARY.md names"), "{}", stderr(&o));
}

#[test]
fn a_symlink_leading_out_of_a_plain_folder_is_a_warning_and_not_published() {
    // MkDocs projects link the repository's CONTRIBUTING.md into docs/.
    let t = TestSite::new("plain-mkdocs");
    std::fs::write(t.site().join("CONTRIBUTING.md"), "# Bijdragen\n\nGEHEIM\n").unwrap();
    std::os::unix::fs::symlink("../CONTRIBUTING.md", t.site().join("docs/contributing.md"))
        .unwrap();
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        says(
            &stderr(&o),
            "⚠ contributing.md: this symbolic link leads outside the handbook folder"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!t.out().join("contributing/index.html").exists());
    let leaked = crate::support::snapshot(&t.out())
        .values()
        .any(|bytes| bytes.windows(6).any(|w| w == b"GEHEIM"));
    assert!(!leaked, "the target's text was published");
}

#[test]
fn a_heading_that_repeats_the_front_matter_title_is_shown_once() {
    let t = TestSite::new("plain-collide");
    t.write(
        "herhaald.md",
        "---\ntitle: Wat is een algoritme?\n---\n\n# Wat is een *algoritme*?\nTekst.\n",
    );
    t.write(
        "anders.md",
        "---\ntitle: Korte titel\n---\n# Een langere kop\n\nTekst.\n",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = t.read("herhaald/index.html");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("<p>Tekst.</p>"), "{page}");
    // A heading that says something else stays.
    let other = t.read("anders/index.html");
    assert!(other.contains("Een langere kop</h1>"), "{other}");
}
