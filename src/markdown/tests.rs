use std::path::Path;
use std::sync::Arc;

use super::*;

fn config() -> Config {
    let mut c = Config::defaults_for(Path::new("."));
    for id in ["A", "B", "C", "D"] {
        c.levels.push(crate::config::LevelDef {
            id: id.into(),
            name: format!("Niveau {id}"),
            schaal: None,
            denkniveau: None,
            omschrijving: None,
            schaal_toelichting: None,
        });
    }
    c.roles.push(crate::config::RoleDef {
        id: "hr-adviseur".into(),
        name: "HR-adviseur".into(),
        description: None,
    });
    c
}

fn render_str(md: &str) -> Rendered {
    render_with(md, &config())
}

fn render_with(md: &str, config: &Config) -> Rendered {
    let mut targets = LinkTargets::default();
    targets
        .pages
        .insert("b.md".into(), ("b".into(), "b/".into()));
    let text = Arc::new(md.to_string());
    render(&RenderInput {
        source: Path::new("a.md"),
        text: &text,
        body_start: 0,
        root: "../",
        config,
        targets: &targets,
    })
}

#[test]
fn headings_get_dutch_slugs_and_duplicates_numbers() {
    let r = render_str("## Financiën\n\n## Doel\n\n## Doel\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["financien", "doel", "doel-1"]);
    assert!(
        r.html
            .contains(r##"<h2 id="financien">Financiën <a class="anker" href="#financien""##),
        "{}",
        r.html
    );
}

#[test]
fn a_slug_never_takes_an_id_a_later_heading_gives_itself() {
    let r = render_str("## Doel\n\n## Aanpak {#doel}\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["doel-1", "doel"]);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn one_id_on_two_headings_is_an_error_at_the_second() {
    let r = render_str("## Een {#x}\n\ntekst\n\n## Twee {#x}\n");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].location.unwrap().line, 5);
}

#[test]
fn an_id_written_as_mkdocs_attr_list_is_the_headings_id() {
    let r = render_str(
        "## Navigatiepad <small>kruimelpad</small> { id=\"navigatiepad\" }\n\n## Versie 4.53 { id=4.53 .klein }\n\n[terug](#navigatiepad)\n",
    );
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["navigatiepad", "4.53"]);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // One id attribute per heading, the class kept.
    assert!(
        r.html.contains(r#"<h2 id="4.53" class="klein">"#),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches(" id=").count(), 2, "{}", r.html);
}

#[test]
fn md_links_become_relative_urls() {
    let r = render_str("[b](b.md#x)\n");
    assert!(r.html.contains(r##"href="../b/#x""##), "{}", r.html);
    assert_eq!(r.links[0].target, "b");
    assert_eq!(r.links[0].anchor.as_deref(), Some("x"));
}

#[test]
fn missing_link_is_an_error_with_line() {
    let r = render_str("text\n\n[c](c.md)\n");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].location.unwrap().line, 3);
}

#[test]
fn level_passages_are_marked_divs() {
    let r = render_str("voor\n::: niveau vanaf=C\nalleen *C*\n:::\nna\n");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(
        r.html
            .contains(r#"<div class="voor" data-niveaus="C D" data-rollen="">"#),
        "{}",
        r.html
    );
    assert!(r.html.contains("Voor niveaus C en D"), "{}", r.html);
    assert!(r.html.contains("<em>C</em>"), "{}", r.html);
    let open = r.html.find("<div").unwrap();
    let close = r.html.find("</div>").unwrap();
    assert!(open < r.html.find("alleen").unwrap() && r.html.find("alleen").unwrap() < close);
}

#[test]
fn unclosed_and_unknown_passages_are_errors() {
    let r = render_str("x\n\n::: niveau E\n");
    let messages: Vec<_> = r.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("unknown level `E`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("never closed")),
        "{messages:?}"
    );
    assert!(r.problems.iter().all(|p| p.location.unwrap().line == 3));
}

#[test]
fn colon_callouts_as_docusaurus_and_vitepress_write_them() {
    let r = render_str(
        "::: tip\nEen tip.\n:::\n\n:::warning[Let op: *veiligheid*]\nEerst dit.\n\n::::info Binnen\nGenest.\n::::\n:::\n\nNa.\n",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(
        r.html.contains(
            "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-titel\">Tip</p>"
        ),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<p class=\"callout-titel\">Let op: *veiligheid*</p>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("callout-info"), "{}", r.html);
    // Every callout closed where its `:::` stands: the last paragraph is outside them all.
    let after = r.html.rfind("</div>").unwrap();
    assert!(r.html.find("<p>Na.</p>").unwrap() > after, "{}", r.html);
    assert_eq!(
        r.html.matches("<div").count(),
        r.html.matches("</div>").count()
    );
}

#[test]
fn vitepress_details_fold_and_code_groups_only_group() {
    let r = render_str(
        "::: details Toon de stappen\nStap een.\n:::\n\n::: code-group\n\n```sh\nnpm i\n```\n\n:::\n\nNa.\n",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(
        r.html.contains(
            "<details class=\"callout callout-note\">\n<summary class=\"callout-titel\">Toon de stappen</summary>"
        ),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("</details>").count(), 1, "{}", r.html);
    assert!(
        r.html.contains("npm i") && !r.html.contains(":::"),
        "{}",
        r.html
    );
    assert_eq!(
        r.html.matches("<div").count(),
        r.html.matches("</div>").count()
    );
}

#[test]
fn a_foreign_colon_line_stays_text_in_a_plain_folder_and_is_an_error_in_a_handbook() {
    let md = "# API\n\n::: mkdocs.structure.files.Files\n    options:\n      show_root_heading: true\n\nMeer tekst.\n\n:::\n";
    let plain = Config::plain_for(Path::new(".")).unwrap();
    let r = render_with(md, &plain);
    assert!(
        r.problems
            .iter()
            .all(|p| p.level == crate::diagnostics::Level::Warning),
        "{:?}",
        r.problems
    );
    let lines: Vec<_> = r
        .problems
        .iter()
        .map(|p| p.location.unwrap().line)
        .collect();
    assert_eq!(lines, [3, 9], "{:?}", r.problems);
    assert!(
        r.html.contains("::: mkdocs.structure.files.Files"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<p>Meer tekst.</p>"), "{}", r.html);

    let r = render_str(md);
    assert!(
        r.problems
            .iter()
            .any(|p| p.level == crate::diagnostics::Level::Error
                && p.message
                    .contains("unknown passage kind `mkdocs.structure.files.Files`")),
        "{:?}",
        r.problems
    );
}

#[test]
fn passages_inside_code_fences_are_left_alone() {
    let r = render_str("```\n::: niveau Z\n```\n");
    assert!(r.problems.is_empty());
    assert!(r.html.contains("::: niveau Z"));
}

#[test]
fn raw_html_is_sanitized() {
    let r = render_str("<script>alert(1)</script>\n\n<p onclick=\"x\">hoi</p>\n");
    assert!(
        !r.html.contains("<script") && !r.html.contains("onclick"),
        "{}",
        r.html
    );
}

#[test]
fn sections_hold_plain_text_per_heading() {
    let r = render_str("Intro **vet**.\n\n## Doel\n\nEen `code` en [link](https://x.nl).\n");
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[0].text, "Intro vet.");
    assert_eq!(r.sections[1].heading, "Doel");
    assert_eq!(r.sections[1].text, "Een code en link.");
}

#[test]
fn tables_footnotes_tasks_and_strikethrough_render() {
    let r = render_str(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ [^1]\n\n[^1]: noot\n\n- [x] klaar\n",
    );
    assert!(r.html.contains("<th>a</th>"));
    assert!(r.html.contains("<del>weg</del>"));
    assert!(r.html.contains("footnote"));
    assert!(r.html.contains("checkbox"));
}

mod text {
    use super::render_str;
    use proptest::prelude::*;

    proptest! {
        /// The search text of a paragraph is its words joined by single spaces, and the word
        /// count is theirs, whatever whitespace (ASCII or not) the words are separated by.
        #[test]
        fn section_text_is_the_words_joined_by_one_space(
            words in proptest::collection::vec("[a-zé]{1,6}", 1..12),
            gaps in proptest::collection::vec(
                prop::sample::select(vec![" ", "  ", "\t", "\u{a0}", "\u{2003}", " \u{a0} "]),
                12,
            ),
        ) {
            let mut md = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    md.push_str(gaps[k]);
                }
                md.push_str(w);
            }
            let r = render_str(&md);
            let expected: Vec<&str> = md.split_whitespace().collect();
            prop_assert_eq!(&r.sections[0].text, &expected.join(" "));
            prop_assert_eq!(r.words, expected.len());
        }
    }
}

#[test]
fn callout_in_a_list_item_stays_in_the_item() {
    let r = render_str(
        "1. Stap een\n\n    !!! tip \"Binnen\"\n        In de stap.\n\n    Verder in de stap.\n2. Stap twee\n",
    );
    let html = r.html.replace('\n', "");
    assert!(
        html.contains(r#"<li><p>Stap een</p><div class="callout callout-tip" role="note"><p class="callout-titel">Binnen</p><p>In de stap.</p></div><p>Verder in de stap.</p></li>"#),
        "{}",
        r.html
    );
    // The callout's last item closes before the list does.
    let r = render_str("- punt\n\n    ??? note\n        Laatste.\n");
    let html = r.html.replace('\n', "");
    assert!(
        html.ends_with("<p>Laatste.</p></details></li></ul>"),
        "{}",
        r.html
    );
}

#[test]
fn link_problems_in_a_callout_point_at_the_source_line() {
    let r = render_str("Tekst\n\n!!! note\n    Zie [x](bestaat-niet.md).\n");
    let p = &r.problems[0];
    let loc = p.location.unwrap();
    assert_eq!((loc.line, loc.column), (4, 9), "{}", p.message);
}
