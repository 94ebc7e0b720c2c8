//! Navigation that does not grow with a folder's size, the paginated index of a large folder,
//! and what `build` prints on a terminal, a pipe and with `--quiet`.

use crate::support::browser;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::support::{TestSite, stderr, stdout};

/// Pages in the large folder.
const BIG: usize = 2000;

/// A plain folder (no handbook.yaml) with `groot/` of 2,000 pages, `klein/` of 50, `dertig/`
/// of exactly 30 and `eenendertig/` of 31, built once for every test in this file.
fn site() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let t = TestSite::new("minimal");
        std::fs::remove_dir_all(t.site()).expect("empty the site");
        t.write("_index.md", "# Start\n\nWelkom.\n");
        for (folder, title, n) in [
            ("groot", "Groot", BIG),
            ("klein", "Klein", 50),
            ("dertig", "Dertig", 30),
            ("eenendertig", "Eenendertig", 31),
        ] {
            t.write(
                &format!("{folder}/_index.md"),
                format!("# {title}\n\nDe map.\n"),
            );
            for i in 0..n {
                t.write(
                    &format!("{folder}/p-{i:04}.md"),
                    format!("# Pagina {i:04}\n\nTekst van pagina {i} over [de map](_index.md).\n"),
                );
            }
        }
        let o = t.build(&["--no-search"]);
        assert!(o.status.success(), "{}", stderr(&o));
        t
    })
}

/// The main navigation of a built page.
fn main_nav(html: &str) -> &str {
    let start = html
        .find("<nav class=\"hoofdnav\"")
        .expect("main navigation");
    let end = start + html[start..].find("</nav>").expect("end of nav");
    &html[start..end]
}

/// The links (`href`) in `html` whose tag carries `marker`, in order.
fn hrefs_after<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
    html.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let h = rest.find("href=\"")? + 6;
            let end = rest[h..].find('"')?;
            Some(&rest[h..h + end])
        })
        .collect()
}

#[test]
fn a_page_in_a_folder_of_2000_shows_fifteen_neighbours_and_a_link_to_all() {
    let html = site().read("groot/p-1000/index.html");
    let nav = main_nav(&html);
    let entries: Vec<&str> = hrefs_after(nav, "<li class=\"nav-item")
        .into_iter()
        .filter(|h| h.starts_with("../../groot/p-"))
        .collect();
    let expected: Vec<String> = (993..1008)
        .map(|i| format!("../../groot/p-{i:04}/"))
        .collect();
    assert_eq!(entries, expected, "{nav}");
    assert!(
        nav.contains("<a href=\"../../groot/p-1000/\" aria-current=\"page\">"),
        "{nav}"
    );
    assert!(
        nav.contains("<a href=\"../../groot/\">alle 2.000 pagina's in Groot</a>"),
        "{nav}"
    );
    // The first page of the folder: the first fifteen.
    let first = site().read("groot/p-0000/index.html");
    let first = main_nav(&first);
    assert_eq!(
        first.matches("href=\"../../groot/p-").count(),
        15,
        "{first}"
    );
    assert!(first.contains("groot/p-0014/") && !first.contains("groot/p-0015/"));
}

#[test]
fn a_page_in_a_folder_of_2000_is_within_a_fifth_of_one_in_a_folder_of_50() {
    let big = site().read("groot/p-1000/index.html").len();
    let small = site().read("klein/p-0025/index.html").len();
    assert!(
        big as f64 <= small as f64 * 1.2,
        "a page in the large folder is {big} bytes, in the small one {small}"
    );
    // The folder index is split too: its first page is not the size of the whole folder.
    let index = site().read("groot/pagina/2/index.html").len();
    assert!(
        index < 100 * 1024,
        "groot/pagina/2/index.html is {index} bytes"
    );
}

#[test]
fn the_pages_of_a_large_folder_index_list_every_child_once() {
    let t = site();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let pages = BIG.div_ceil(200);
    for n in 1..=pages {
        let path = if n == 1 {
            "groot/index.html".to_string()
        } else {
            format!("groot/pagina/{n}/index.html")
        };
        let html = t.read(&path);
        let up = if n == 1 { "../" } else { "../../../" };
        for href in hrefs_after(&html, "<h3 class=\"kaart-titel\">") {
            let child = href.strip_prefix(up).unwrap_or(href).to_string();
            *seen.entry(child).or_default() += 1;
        }
        assert!(
            html.contains(&format!(
                "aria-label=\"Pagina {n}\" aria-current=\"page\">{n}</a>"
            )),
            "{path} marks its own number"
        );
        assert!(
            html.contains("<nav class=\"paginering\" aria-label=\"Pagina's van Groot\">"),
            "{path}"
        );
        assert_eq!(html.contains("rel=\"prev\">‹ Vorige"), n > 1, "{path}");
        assert_eq!(
            html.contains("rel=\"next\">Volgende ›"),
            n < pages,
            "{path}"
        );
    }
    assert!(
        !t.out()
            .join(format!("groot/pagina/{}/index.html", pages + 1))
            .exists()
    );
    // Every page links its folder: that list of back-links is on the first page only.
    assert!(t.read("groot/index.html").contains("linklijst"));
    let second = t.read("groot/pagina/2/index.html");
    assert!(
        !second.contains("linklijst"),
        "page 2 repeats the back-links"
    );
    assert_eq!(seen.len(), BIG, "every child listed");
    assert!(seen.values().all(|&c| c == 1), "no child twice");
    assert!(seen.contains_key("groot/p-1999/"));
}

#[test]
fn the_sitemap_lists_every_page_of_a_long_folder_list_once() {
    let t = site();
    let xml = t.read("sitemap.xml");
    let pages = (2..)
        .take_while(|n| {
            t.out()
                .join(format!("groot/pagina/{n}/index.html"))
                .exists()
        })
        .count()
        + 1;
    assert!(pages > 2, "groot/ takes {pages} pages");
    for n in 2..=pages {
        let loc = format!("groot/pagina/{n}/</loc>");
        assert_eq!(xml.matches(&loc).count(), 1, "{loc} in the sitemap");
    }
    assert!(!xml.contains(&format!("groot/pagina/{}/", pages + 1)));
    assert!(
        !xml.contains("klein/pagina/"),
        "a folder of 50 has a list of one page"
    );
}

#[test]
fn folders_of_up_to_thirty_show_every_entry_and_no_more_link() {
    let t = site();
    let html = t.read("dertig/p-0000/index.html");
    let nav = main_nav(&html);
    assert_eq!(nav.matches("../../dertig/p-").count(), 30, "{nav}");
    assert!(!nav.contains("nav-alle"), "{nav}");
    let html = t.read("eenendertig/p-0000/index.html");
    let nav = main_nav(&html);
    assert_eq!(nav.matches("../../eenendertig/p-").count(), 15, "{nav}");
    assert!(nav.contains("alle 31 pagina's in Eenendertig"), "{nav}");
}

#[test]
fn the_shipped_handbook_shows_every_entry_of_its_folders() {
    let t = TestSite::new("minimal");
    let handbook = concat!(env!("CARGO_MANIFEST_DIR"), "/handbook");
    let o = t.run(&["build", handbook, "--out", "public", "--no-search"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Its largest folder: every page's navigation lists all of the folder's pages.
    let dir = std::path::Path::new(handbook).join("dilemmas");
    let sources = std::fs::read_dir(&dir)
        .expect("dilemmas")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "_index.md" && e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let html = t.read("dilemmas/index.html");
    assert_eq!(
        main_nav(&html).matches("<a href=\"../dilemmas/").count(),
        sources + 1
    );
    for entry in walkdir::WalkDir::new(t.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(entry.path()).expect("read");
            assert!(!html.contains("nav-alle"), "{}", entry.path().display());
            assert!(
                !html.contains("class=\"paginering\""),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_piped_build_prints_its_summary_and_no_progress() {
    let t = TestSite::new("minimal");
    let o = t.build(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "stderr: {:?}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert!(out.starts_with("Built "), "{out:?}");
    assert!(!out.contains('\r') && !out.contains('\u{1b}'), "{out:?}");
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let t = TestSite::new("minimal");
    let o = t.build(&["--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    let o = t.run(&["check", "site", "--quiet"]);
    assert_eq!(stdout(&o), "", "check --quiet: {}", stdout(&o));

    t.write("handboek/kapot.md", "---\ntitle: [\n---\nTekst.\n");
    let o = t.build(&["--quiet"]);
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(stderr(&o).contains("kapot.md"), "{}", stderr(&o));
}

/// In a narrow window, the menu of a page in the large folder opens and its links lead to the
/// neighbour and to the folder index. With `HANDBOEK_NAV_SCREENSHOTS=<dir>` the test saves the
/// open menu at 375 and 1280 px and the folder index's second page.
#[test]
fn the_mobile_menu_of_a_page_in_a_large_folder_opens_and_its_links_work() {
    let Some(b) = browser::Browser::start("navigation mobile menu") else {
        return;
    };
    let base = browser::serve_dir(&site().out(), "");
    let shots = std::env::var_os("HANDBOEK_NAV_SCREENSHOTS").map(std::path::PathBuf::from);
    let save = |name: &str, png: Vec<u8>| {
        if let Some(dir) = &shots {
            std::fs::create_dir_all(dir).expect("screenshot dir");
            std::fs::write(dir.join(name), png).expect("write screenshot");
        }
    };
    b.set_viewport(1280, 900);
    b.goto(&format!("{base}groot/p-1000/"));
    save("nav-1280.png", b.screenshot());
    b.set_viewport(375, 800);
    b.goto(&format!("{base}groot/p-1000/"));
    let summary = b.wait_for(".menu > summary");
    b.click(&summary);
    let open = b.execute("return document.querySelector('.menu').open;", vec![]);
    assert_eq!(open, serde_json::json!(true));
    let more = b.wait_for(".hoofdnav .nav-alle a");
    let visible = b.execute(
        "const r = arguments[0].getBoundingClientRect(); return r.width > 0 && r.height > 0;",
        vec![serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": more})],
    );
    assert_eq!(visible, serde_json::json!(true));
    save("nav-375-menu.png", b.full_screenshot(3000));
    let next = b
        .find(".hoofdnav a[href$='groot/p-1001/']")
        .expect("the next page in the menu");
    b.click(&next);
    b.wait_until("the neighbour opens", || {
        b.url().ends_with("groot/p-1001/").then_some(())
    });
    let summary = b.wait_for(".menu > summary");
    b.click(&summary);
    let more = b.wait_for(".hoofdnav .nav-alle a");
    b.click(&more);
    b.wait_until("the folder index opens", || {
        b.url().ends_with("/groot/").then_some(())
    });
    for (width, name) in [
        (1280, "index-page-2-1280.png"),
        (375, "index-page-2-375.png"),
    ] {
        b.set_viewport(width, 800);
        b.goto(&format!("{base}groot/pagina/2/"));
        let numbers = b.wait_for(".paginering");
        b.execute(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
            vec![serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": numbers})],
        );
        save(name, b.screenshot());
    }
    let three = b
        .find(".paginering a[aria-label='Pagina 3']")
        .expect("a link to page 3");
    b.execute(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
        vec![serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": three})],
    );
    b.click(&three);
    b.wait_until("page 3 of the index opens", || {
        b.url().ends_with("groot/pagina/3/").then_some(())
    });
}
