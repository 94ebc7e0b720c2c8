use proptest::prelude::*;

use super::{escape, markdown, world};

fn typeset(body: &str) -> Result<Vec<u8>, world::TypesetError> {
    let source = format!(
        "#set document(title: \"Test\")\n#set text(lang: \"nl\", font: \"Libertinus Serif\")\n{body}\n"
    );
    world::compile(source, "test", "test")
}

#[test]
fn a_document_typesets_to_a_pdf_without_a_clock() {
    let a = typeset("Hallo *wereld*").expect("typesets");
    let b = typeset("Hallo *wereld*").expect("typesets");
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "the same source gives the same bytes");
    assert!(!String::from_utf8_lossy(&a).contains("/CreationDate"));
}

#[test]
fn typst_errors_become_a_message_not_a_panic() {
    let e = typeset("#nonsense(").expect_err("does not typeset");
    assert!(e.to_string().contains("line 3"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn any_text_and_markdown_typeset(text in "\\PC{0,80}", md in "(\\PC|[#$*_<>@\\[\\]`=\\n-]){0,120}") {
        let body = format!("{}\n\n{}", escape::markup(&text), markdown::to_typst(&md, 4));
        let result = typeset(&body);
        prop_assert!(result.is_ok(), "{text:?} / {md:?}: {:?}", result.err());
    }
}
