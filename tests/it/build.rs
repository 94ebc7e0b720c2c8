//! The real CLI on fixture sites: what a user sees when a build succeeds or fails.

use crate::support;

use support::{TestSite, snapshot, stderr, stdout};

#[test]
fn minimal_site_builds_every_page() {
    let t = TestSite::new("minimal");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Built "), "{}", stdout(&o));
    for page in [
        "index.html",
        "handboek/index.html",
        "handboek/visie/index.html",
        "handboek/plan-van-de-inwoner/index.html",
        "handboek/lege-pagina/index.html",
        "handboek/leeg/index.html",
        "handboek/een-map/mijn-pagina/index.html",
        "dilemmas/schulden-of-jeugdhulp/index.html",
        "404.html",
        "sitemap.xml",
        "handboek/schema.png",
    ] {
        assert!(t.out().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn crlf_and_bom_sources_render_like_any_other() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let visie = t.read("handboek/visie/index.html");
    assert!(visie.contains("<h1"), "{visie}");
    assert!(visie.contains("id=\"financien\""), "{visie}");
    assert!(visie.contains("id=\"doel-1\""), "{visie}");
    assert!(!visie.contains('\r'));
    let plan = t.read("handboek/plan-van-de-inwoner/index.html");
    assert!(plan.contains("Plan van de inwoner"));
    assert!(
        !plan.contains("title: Plan"),
        "front matter after a BOM must not leak into the page"
    );
}

#[test]
fn links_to_md_files_become_relative_urls() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let visie = t.read("handboek/visie/index.html");
    assert!(
        visie.contains("href=\"../../handboek/plan-van-de-inwoner/#doel\""),
        "{visie}"
    );
    let plan = t.read("handboek/plan-van-de-inwoner/index.html");
    assert!(plan.contains("src=\"../../handboek/schema.png\""), "{plan}");
}

#[test]
fn level_passage_is_marked_with_its_levels() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let plan = t.read("handboek/plan-van-de-inwoner/index.html");
    assert!(plan.contains("data-niveaus=\"C D\""), "{plan}");
}

#[test]
fn sub_path_build_uses_the_base_url_where_absolute_urls_are_needed() {
    let t = TestSite::new("minimal");
    let o = t.build(&["--base-url", "/handboek/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sitemap = t.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>/handboek/handboek/visie/</loc>"),
        "{sitemap}"
    );
    let not_found = t.read("404.html");
    for href in hrefs(&not_found) {
        assert!(
            href.starts_with("/handboek/") || href.starts_with('#'),
            "404 link {href} escapes the sub-path"
        );
    }
    let page = t.read("handboek/visie/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"/handboek/handboek/visie/\">"),
        "{page}"
    );
    let page = page.replace(
        "<link rel=\"canonical\" href=\"/handboek/handboek/visie/\">",
        "",
    );
    for href in hrefs(&page) {
        assert!(
            !href.starts_with('/'),
            "page link {href} is absolute and breaks under a sub-path or from disk"
        );
    }
}

fn hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .chain(html.split(" src=\"").skip(1))
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn identical_input_gives_identical_bytes() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let first = published(&t);
    assert!(t.build(&[]).status.success());
    let second = published(&t);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

/// The published files; the tantivy index under `.handboek/` is build metadata, not the site.
fn published(t: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot(&t.out())
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".handboek/index"))
        .collect()
}

#[test]
fn output_has_no_external_urls_inline_scripts_or_style_attributes() {
    let t = TestSite::new("minimal");
    t.write("handboek/html.md", "---\ntitle: HTML\nsamenvatting: Ruwe HTML.\n---\n<script>alert(1)</script>\n\n<p style=\"color:red\" onclick=\"x()\">rood</p>\n\n<img src=x onerror=alert(1)>\n");
    assert!(t.build(&[]).status.success());
    for (path, bytes) in snapshot(&t.out()) {
        if !(path.ends_with(".html") || path.ends_with(".css") || path.ends_with(".js")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for external in ["http://", "https://", "//fonts.", "cdn"] {
            let allowed =
                text.matches(external).count() == text.matches("http://www.w3.org").count();
            assert!(
                external != "http://" || allowed,
                "{path} refers to an external host"
            );
            if external != "http://" {
                assert!(!text.contains(external), "{path} refers to {external}");
            }
        }
        if path.ends_with(".html") {
            assert!(!text.contains("style=\""), "{path} has a style attribute");
            assert!(
                !text.contains("onclick") && !text.contains("onerror"),
                "{path} has an event handler"
            );
            for tag in text.split("<script").skip(1) {
                let head = tag.split('>').next().unwrap_or("");
                assert!(head.contains("src="), "{path} has an inline script");
            }
        }
    }
}

#[test]
fn plain_markdown_folder_without_config_builds() {
    let t = TestSite::new("minimal");
    let plain = t.dir.path().join("plain");
    std::fs::create_dir_all(plain.join("deel")).unwrap();
    std::fs::write(plain.join("README.md"), "# Lees mij\n\nTekst.\n").unwrap();
    std::fs::write(plain.join("deel/stuk.md"), "Zonder front matter.\n").unwrap();
    let o = t.run(&["build", "plain", "--out", "plain-out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // README.md is the folder's index page (issue 16), here the home page.
    let readme = std::fs::read_to_string(t.dir.path().join("plain-out/index.html")).unwrap();
    assert_eq!(readme.matches("<h1").count(), 1, "{readme}");
    assert!(readme.contains("Tekst."));
    assert!(!t.dir.path().join("plain-out/readme").exists());
    assert!(
        t.dir
            .path()
            .join("plain-out/deel/stuk/index.html")
            .is_file()
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let t = TestSite::new("minimal");
    let o = t.run(&["build", "site", "--out", "site"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("was not made by handboek"),
        "{}",
        stderr(&o)
    );
    assert!(
        t.site().join("handbook.yaml").is_file(),
        "the source folder must survive"
    );
    let o = t.run(&["build", "site", "--out", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(t.site().join("handbook.yaml").is_file());
}

#[test]
fn files_someone_else_put_in_the_output_are_kept() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    std::fs::write(t.out().join(".htaccess"), "beheer").unwrap();
    assert!(t.build(&[]).status.success());
    assert_eq!(
        std::fs::read_to_string(t.out().join(".htaccess")).unwrap(),
        "beheer"
    );
}

#[test]
fn usage_errors_exit_2() {
    let t = TestSite::new("minimal");
    assert_eq!(t.run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(t.run(&["bouw"]).status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang_the_build() {
    let t = TestSite::new("minimal");
    std::os::unix::fs::symlink("..", t.site().join("handboek/lus")).unwrap();
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("symbolic link loop"), "{}", stderr(&o));
}

#[test]
fn search_page_and_static_index_are_published() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    let page = t.read("zoeken/index.html");
    for needle in [
        "id=\"zoekpagina-veld\"",
        "id=\"zoek-facetten\"",
        "id=\"zoek-resultaten\"",
        "data-zoek-index=\"../zoeken/index/\"",
    ] {
        assert!(page.contains(needle), "missing {needle}");
    }
    let visie = t.read("handboek/visie/index.html");
    assert!(
        visie.contains("data-zoek-index=\"../../zoeken/index/\""),
        "every page carries the search client"
    );
    assert!(t.out().join("zoeken/index").read_dir().unwrap().count() > 0);
    assert!(
        !t.out().join(".handboek/index").exists(),
        "no tantivy index: `handboek search` and `serve` index the sources in memory"
    );
}

#[test]
fn a_rebuild_over_the_kept_version_drops_what_is_gone() {
    let t = TestSite::new("minimal");
    t.write("handboek/weg.md", "---\ntitle: Weg\n---\nStraks weg.\n");
    t.write("handboek/bijlage", "een bestand");
    assert!(t.build(&[]).status.success());
    assert!(t.out().join("handboek/weg/index.html").is_file());
    let one_build = published(&t);
    // A second build writes over the version the first one replaced (kept beside `public/`).
    assert!(t.build(&[]).status.success());
    assert!(t.dir.path().join(".public.reuse").is_dir());
    std::fs::remove_file(t.site().join("handboek/weg.md")).unwrap();
    // A file of the earlier version stands where a folder must now go.
    std::fs::remove_file(t.site().join("handboek/bijlage")).unwrap();
    t.write(
        "handboek/bijlage/_index.md",
        "---\ntitle: Bijlagen\n---\nNu een map.\n",
    );
    std::fs::write(t.out().join("robots.txt"), "beheer").unwrap();
    for round in 0..2 {
        let o = t.build(&[]);
        assert!(o.status.success(), "round {round}: {}", stderr(&o));
        assert!(!t.out().join("handboek/weg").exists(), "round {round}");
        assert!(t.read("handboek/bijlage/index.html").contains("Nu een map"));
        assert_eq!(t.read("robots.txt"), "beheer", "round {round}");
    }
    // Apart from what changed, the same site as a fresh build.
    let now = published(&t);
    for (path, bytes) in &now {
        if let Some(before) = one_build.get(path)
            && path.starts_with("dilemmas/")
        {
            assert!(before == bytes, "{path} differs");
        }
    }
    let stale: Vec<_> = now
        .keys()
        .filter(|p| p.contains("weg/") || p.as_str() == "handboek/bijlage")
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
}

#[cfg(unix)]
#[test]
fn a_link_put_into_the_kept_version_is_not_written_through() {
    let t = TestSite::new("minimal");
    assert!(t.build(&[]).status.success());
    assert!(t.build(&[]).status.success());
    let kept = t.dir.path().join(".public.reuse");
    let outside = t.dir.path().join("buiten.txt");
    std::fs::write(&outside, "onaangeroerd").unwrap();
    std::fs::remove_file(kept.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&outside, kept.join("index.html")).unwrap();
    std::fs::remove_dir_all(kept.join("dilemmas")).unwrap();
    std::os::unix::fs::symlink(t.dir.path(), kept.join("dilemmas")).unwrap();
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "onaangeroerd");
    assert!(!t.out().join("index.html").is_symlink());
    assert!(!t.out().join("dilemmas").is_symlink());
    assert!(t.read("index.html").contains("<html"));
    assert!(!t.dir.path().join("index.html").exists());
}

#[test]
fn the_navigation_opens_any_depth_and_takes_an_overridden_entry_template() {
    let t = TestSite::new("minimal");
    let deep = "handboek/a/b/c/d/e/f/g";
    t.write(&format!("{deep}/diep.md"), "# Diep\n\nTekst.\n");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = t.read(&format!("{deep}/diep/index.html"));
    let nav = &page[page.find("class=\"hoofdnav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(
        nav.contains("g/diep/\" aria-current=\"page\">Diep</a>"),
        "the page eight levels down is marked current: {nav}"
    );
    assert_eq!(nav.matches("nav-open").count(), 9, "{nav}");
    assert!(
        nav.contains("href=\"../../../../../../../../../handboek/visie/\""),
        "closed entries link relative to this page: {nav}"
    );
    let visie = t.read("handboek/visie/index.html");
    assert!(visie.contains("href=\"../../handboek/visie/\" aria-current=\"page\""));

    t.write(
        "templates/partials/nav-item.html",
        "<li class=\"eigen\">{{ entry.title }}{% if children %}<ul>{{ children | safe }}</ul>{% endif %}</li>",
    );
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let visie = t.read("handboek/visie/index.html");
    assert!(visie.contains("<li class=\"eigen\">Visie</li>"), "{visie}");
    assert!(!visie.contains("nav-item"), "{visie}");
}
