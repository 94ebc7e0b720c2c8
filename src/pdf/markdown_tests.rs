use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode};

use super::to_typst;

/// Every identifier the generated markup may call; anything else came from user text.
const ALLOWED: &[&str] = &[
    "list",
    "enum",
    "emph",
    "strong",
    "strike",
    "raw",
    "link",
    "heading",
    "quote",
    "table",
    "header",
    "linebreak",
    "line",
    "super",
    "block",
    "luma",
    "start",
    "block",
    "level",
    "outlined",
    "false",
    "true",
    "columns",
    "align",
    "left",
    "length",
    "stroke",
    "pt",
];

fn idents(node: &SyntaxNode, out: &mut Vec<String>) {
    if matches!(node.kind(), SyntaxKind::Ident | SyntaxKind::MathIdent) {
        out.push(node.leaf_text().to_string());
    }
    for child in node.children() {
        idents(child, out);
    }
}

fn kinds(node: &SyntaxNode, out: &mut Vec<SyntaxKind>) {
    out.push(node.kind());
    for child in node.children() {
        kinds(child, out);
    }
}

#[test]
fn lists_emphasis_and_paragraphs() {
    let t = to_typst(
        "Eerste alinea met *nadruk* en **vet**.\n\n- een\n- twee `code`\n\nSlot.",
        4,
    );
    assert_eq!(
        t,
        "Eerste alinea met #emph[nadruk] en #strong[vet]\\.\n\n\
         #list([een], [twee #raw(\"code\")], )\n\nSlot\\."
    );
}

#[test]
fn ordered_and_nested_lists() {
    let t = to_typst("3. drie\n4. vier\n   - diep", 4);
    assert!(
        t.starts_with("#enum(start: 3, [drie], [vier#list([diep], )"),
        "{t}"
    );
}

#[test]
fn headings_take_the_documents_level_and_html_is_left_out() {
    let t = to_typst("# Kop\n\n<div>weg</div>\n\ntekst <b>vet</b>", 4);
    assert!(
        t.starts_with("#heading(level: 4, outlined: false)[Kop]"),
        "{t}"
    );
    assert!(
        !t.contains("weg") && !t.contains("<b>") && t.contains("tekst"),
        "{t}"
    );
}

#[test]
fn external_links_stay_links_and_internal_ones_become_text() {
    let t = to_typst("[site](https://example.org/a\"b) en [pagina](../x/)", 4);
    assert_eq!(t, "#link(\"https://example.org/a\\\"b\")[site] en pagina");
}

proptest! {
    #[test]
    fn any_markdown_gives_valid_markup_that_calls_only_what_we_write(
        md in prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(vec![
                    "#", "$", "*", "_", "<a>", "@x", "\\", "[", "]", "`", "=", "- ", "1. ", "\n",
                    "\n\n", "  ", "> ", "```", "|", "---", "[t](u)", "![alt](i.png)", "<b>",
                    "#let x = 1", "#import \"a\"", "$x$", "~", "//", "/*", "h", "u{41}", "))",
                ]).prop_map(String::from),
                1 => any::<char>().prop_map(String::from),
                1 => "[a-z ]{0,8}",
            ],
            0..40,
        ).prop_map(|v| v.concat())
    ) {
        let t = to_typst(&md, 4);
        let root = typst::syntax::parse(&t);
        prop_assert!(!root.diagnosis().errors, "{md:?} gave {t:?}");
        let mut names = Vec::new();
        idents(&root, &mut names);
        for n in &names {
            prop_assert!(ALLOWED.contains(&n.as_str()), "{md:?} gave {t:?}: calls {n}");
        }
        let mut ks = Vec::new();
        kinds(&root, &mut ks);
        for k in [SyntaxKind::Label, SyntaxKind::Ref, SyntaxKind::Equation, SyntaxKind::LetBinding, SyntaxKind::ModuleImport, SyntaxKind::Raw] {
            prop_assert!(!ks.contains(&k), "{md:?} gave {t:?}: {k:?}");
        }
    }
}

#[test]
fn a_callout_prints_as_its_title_and_text_not_as_code() {
    let body = "Voor.\n\n!!! warning \" Let op: *meldcode* \"\n    Eerst **veiligheid**.\n\n    Dan de rest.\n\n??? tip\n    Verborgen tip.\n\nNa.\n";
    let t = to_typst(&crate::markdown::callouts::opened_as_text(body), 4);
    assert!(!t.contains("#raw"), "{t}");
    assert!(t.contains("#strong[Let op\\: \\*meldcode\\*]"), "{t}");
    assert!(t.contains("Eerst #strong[veiligheid]"), "{t}");
    assert!(t.contains("Dan de rest"), "{t}");
    assert!(t.contains("#strong[Tip]\n\nVerborgen tip"), "{t}");
    assert!(
        t.starts_with("Voor") && t.trim_end().ends_with("Na\\."),
        "{t}"
    );
}

#[test]
fn a_callout_inside_a_list_item_prints_inside_the_item() {
    let body =
        "1. Eerste stap.\n\n    !!! note \"Let op\"\n        Binnen de stap.\n\n2. Tweede stap.\n";
    let t = to_typst(&crate::markdown::callouts::opened_as_text(body), 4);
    // One numbered list of two items, the callout's title and text in the first.
    assert_eq!(t.matches("#enum(").count(), 1, "{t}");
    let first = t.split("], [").next().unwrap_or_default();
    assert!(first.contains("#strong[Let op]"), "{t}");
    assert!(first.contains("Binnen de stap"), "{t}");
    assert!(t.contains("Tweede stap"), "{t}");
}
