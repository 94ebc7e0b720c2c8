//! User text made safe for typst: as markup (every ASCII punctuation character escaped) and as a
//! string literal. Nothing a user writes can start code, math, a label, a reference or markup,
//! and a character no embedded font can show becomes U+FFFD (PDF/UA allows no missing glyphs).

use super::world::has_glyph;

/// `text` as typst markup that shows exactly that text: every ASCII punctuation character is
/// escaped with a backslash, every run of whitespace (line breaks included) becomes one space and control
/// characters are dropped, so the text stays one run of words in one paragraph.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let Some(c) = printable(c) else {
            continue;
        };
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// `text` as a typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.extend(printable(c)),
        }
    }
    out.push('"');
    out
}

/// `c` as it can be shown: itself when a font has it, nothing for a control or invisible
/// formatting character, else the replacement character.
pub fn printable(c: char) -> Option<char> {
    if c.is_control() {
        return None;
    }
    if has_glyph(c) {
        return Some(c);
    }
    let invisible = matches!(
        u32::from(c),
        0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F | 0xFEFF
            | 0xE0000..=0xE007F | 0xE0100..=0xE01EF
    );
    if invisible {
        None
    } else if has_glyph('\u{FFFD}') {
        Some('\u{FFFD}')
    } else {
        Some('?')
    }
}

#[cfg(test)]
#[path = "escape_tests.rs"]
mod tests;
