use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode, ast};

use super::{markup, printable, string};

/// The text a reader sees for `text`: whitespace runs as one space, control characters gone.
fn shown(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else if let Some(c) = printable(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The text of parsed markup, or the first node that is anything but plain text.
fn plain_text(node: &SyntaxNode) -> Result<String, String> {
    let mut out = String::new();
    for child in node.children() {
        match child.kind() {
            SyntaxKind::Text => out.push_str(child.leaf_text()),
            SyntaxKind::Space => out.push(' '),
            SyntaxKind::Escape => match child.cast::<ast::Escape>() {
                Some(e) => out.push(e.get()),
                None => return Err("escape".into()),
            },
            other => return Err(format!("{other:?} in {:?}", node.full_text())),
        }
    }
    Ok(out)
}

/// Characters that mean something in typst markup, mixed with any character at all.
fn risky_text() -> impl Strategy<Value = String> {
    let risky = prop::sample::select(
        "#$*_<>@\\[]`=-+/\"'~:.1 \n\th{}u()"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec(prop_oneof![3 => risky, 1 => any::<char>()], 0..60)
        .prop_map(|v| v.into_iter().collect())
}

#[test]
fn markup_escapes_what_typst_would_read_as_code_or_markup() {
    assert_eq!(markup("#let x = 1"), "\\#let x \\= 1");
    assert_eq!(markup("$a$ *b* _c_"), "\\$a\\$ \\*b\\* \\_c\\_");
    assert_eq!(markup("<label> @ref"), "\\<label\\> \\@ref");
    assert_eq!(markup("a\\b [c]"), "a\\\\b \\[c\\]");
    assert_eq!(markup("1. punt\n\n= kop"), "1\\. punt \\= kop");
    assert_eq!(
        markup("https://x.nl // geen commentaar"),
        "https\\:\\/\\/x\\.nl \\/\\/ geen commentaar"
    );
}

#[test]
fn characters_no_font_has_become_the_replacement_character() {
    assert_eq!(markup("a\u{11667}b"), "a\u{FFFD}b");
    assert_eq!(markup("a\u{E0041}b"), "ab");
    assert_eq!(markup("één"), "één");
}

#[test]
fn string_literal_escapes_quotes_and_backslashes() {
    assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
}

proptest! {
    #[test]
    fn any_text_stays_plain_text_in_markup(text in risky_text()) {
        let escaped = markup(&text);
        let root = typst::syntax::parse(&escaped);
        prop_assert!(!root.diagnosis().errors, "{escaped:?} does not parse");
        let seen = plain_text(&root).map_err(|e| TestCaseError::fail(format!("{escaped:?}: {e}")))?;
        prop_assert_eq!(seen, shown(&text));
    }

    #[test]
    fn any_text_stays_one_string_in_code(text in risky_text()) {
        let literal = string(&text);
        let root = typst::syntax::parse_code(&literal);
        prop_assert!(!root.diagnosis().errors, "{literal:?} does not parse");
        let strings: Vec<String> = root
            .children()
            .filter_map(|c| c.cast::<ast::Str>())
            .map(|s| s.get().to_string())
            .collect();
        let expected: String = text
            .chars()
            .filter_map(|c| if matches!(c, '\n' | '\r' | '\t') { Some(c) } else { printable(c) })
            .collect();
        prop_assert_eq!(strings, vec![expected]);
    }
}
