//! Callouts: Python-Markdown admonitions (`!!! note "Titel"`, collapsible `???` and `???+`),
//! MkDocs Material content tabs (`=== "Tab"`) and GitHub alerts (`> [!NOTE]`), rendered as
//! titled, styled blocks. Admonitions are found in the source before Markdown parsing: their
//! indented bodies are taken out of the indentation (so they are not code blocks), and a map
//! leads every byte of the new text back to the source for messages.

use pulldown_cmark::BlockQuoteKind;

use super::escape;

/// The body with its admonitions opened up, and the HTML to put around their content.
#[derive(Debug, Default)]
pub struct Transformed {
    pub text: String,
    /// HTML to emit before the first Markdown event at or after each byte offset of `text`.
    pub markers: Vec<(usize, String)>,
    /// The title of every callout and tab as the reader sees it (none when it has none), at
    /// the offset of its opener line in `text`, with the indentation its body keeps there (a
    /// callout inside a list item stays in the item).
    pub titles: Vec<Title>,
    pub map: SourceMap,
}

/// A callout's or tab's title and where its opener line stood in the transformed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub offset: usize,
    /// Columns of indentation kept in the transformed text.
    pub indent: usize,
    pub text: String,
}

/// Leads byte offsets of the transformed text back to the original body.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// (offset in the new text, offset in the body) at the start of every line, ascending.
    lines: Vec<(usize, usize)>,
}

impl SourceMap {
    /// The body offset of byte `at` of the transformed text (identity without admonitions).
    pub fn original(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|&(out, _)| out <= at);
        match i.checked_sub(1).map(|i| self.lines[i]) {
            Some((out, body)) => body + (at - out),
            None => at,
        }
    }
}

/// What an opener line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Opener {
    kind: String,
    title: Option<String>,
    /// `None`: always open; `Some(open)`: a `<details>`, open or closed at first.
    collapsible: Option<bool>,
    tab: bool,
}

/// Open up the admonitions and tabs of `body`; `None` when it has none (the usual case).
pub fn transform(body: &str) -> Option<Transformed> {
    if !(body.contains("!!!") || body.contains("???") || body.contains("===")) {
        return None;
    }
    let mut t = Transformed::default();
    // Per open block: the indentation (in source columns) its body needs, and its closing HTML.
    let mut stack: Vec<(usize, &'static str)> = Vec::new();
    // An open code fence: its marker and the depth of the stack it opened at.
    let mut fence: Option<(String, usize)> = None;
    // The content column of the list item or definition the last lines belong to.
    let mut list: Option<usize> = None;
    let mut found = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            t.map.lines.push((t.text.len(), start));
            t.text.push('\n');
            continue;
        }
        let indent = columns(line);
        while let Some(&(need, close)) = stack.last() {
            if indent >= need {
                break;
            }
            stack.pop();
            close_block(&mut t, start, close);
            if fence
                .as_ref()
                .is_some_and(|(_, depth)| *depth > stack.len())
            {
                fence = None;
            }
        }
        // Each open block takes four columns off its body; the rest of the indentation stays
        // (a callout inside a list item stays in the item).
        let kept = indent.saturating_sub(4 * stack.len());
        let cut = strip_columns(line, indent);
        let content = &line[cut..];
        if let Some((marker, _)) = &fence {
            if content.starts_with(marker.as_str()) {
                fence = None;
            }
            push_line(&mut t, start, cut, kept, content);
            continue;
        }
        if content.starts_with("```") || content.starts_with("~~~") {
            let marker: String = content
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            fence = Some((marker, stack.len()));
            push_line(&mut t, start, cut, kept, content);
            continue;
        }
        let in_list = list.is_some_and(|col| kept >= col && kept <= col + 3);
        match (kept <= 3 || in_list)
            .then(|| opener(content.trim_end()))
            .flatten()
        {
            Some(o) => {
                found = true;
                t.map.lines.push((t.text.len(), start));
                t.markers.push((t.text.len(), open_html(&o)));
                let title = shown_title(&o);
                if !title.is_empty() {
                    t.titles.push(Title {
                        offset: t.text.len(),
                        indent: kept,
                        text: title,
                    });
                }
                t.text.push('\n');
                let close = if !o.tab && o.collapsible.is_some() {
                    DETAILS_CLOSE_HTML
                } else {
                    CLOSE_HTML
                };
                stack.push((indent + 4, close));
            }
            None => {
                match list_content(content) {
                    Some(width) => list = Some(kept + width),
                    None if list.is_some_and(|col| kept < col) => list = None,
                    None => {}
                }
                push_line(&mut t, start, cut, kept, content);
            }
        }
    }
    while let Some((_, close)) = stack.pop() {
        close_block(&mut t, body.len(), close);
    }
    found.then_some(t)
}

/// The width of a list marker or definition marker with its spaces (`- `, `1. `, `:   `).
fn list_content(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits)? {
        b'.' | b')' if digits > 0 => digits + 1,
        b'-' | b'*' | b'+' | b':' if digits == 0 => 1,
        _ => return None,
    };
    let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
    (spaces > 0 && spaces <= 4).then_some(marker + spaces)
}

/// Add a line: `kept` columns of indentation, then its content (which starts `cut` bytes
/// into the source line at `start`).
fn push_line(t: &mut Transformed, start: usize, cut: usize, kept: usize, content: &str) {
    t.map.lines.push((t.text.len(), start));
    t.text.extend(std::iter::repeat_n(' ', kept));
    t.map.lines.push((t.text.len(), start + cut));
    t.text.push_str(content);
    if !content.ends_with('\n') {
        t.text.push('\n');
    }
}

/// End a block: a blank line ends its last paragraph, then the closing HTML.
fn close_block(t: &mut Transformed, body_offset: usize, close: &str) {
    t.map.lines.push((t.text.len(), body_offset));
    t.text.push('\n');
    t.markers.push((t.text.len(), close.to_string()));
}

/// Leading indentation in columns (a tab counts to the next multiple of four).
fn columns(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4 - n % 4,
            _ => break,
        }
    }
    n
}

/// How many bytes of `line` make up its first `want` columns of indentation.
fn strip_columns(line: &str, want: usize) -> usize {
    let mut n = 0;
    for (i, c) in line.char_indices() {
        if n >= want {
            return i;
        }
        match c {
            ' ' => n += 1,
            '\t' => n += 4 - n % 4,
            _ => return i,
        }
    }
    line.len()
}

/// `!!! type "Title"`, `??? type`, `???+ type "Title"`, `=== "Tab"`.
fn opener(line: &str) -> Option<Opener> {
    let (rest, collapsible, tab) = if let Some(r) = line.strip_prefix("???+") {
        (r, Some(true), false)
    } else if let Some(r) = line.strip_prefix("???") {
        (r, Some(false), false)
    } else if let Some(r) = line.strip_prefix("!!!") {
        (r, None, false)
    } else if let Some(r) = line.strip_prefix("===") {
        (r.strip_prefix(['!', '+']).unwrap_or(r), None, true)
    } else {
        return None;
    };
    let rest = rest.trim();
    let (words, title) = match rest.find('"') {
        Some(q) => {
            let inner = rest[q + 1..].strip_suffix('"')?;
            (&rest[..q], Some(inner.to_string()))
        }
        None => (rest, None),
    };
    let mut words = words.split_whitespace();
    let kind = words.next().unwrap_or("").to_ascii_lowercase();
    if tab {
        return (kind.is_empty() && title.is_some()).then(|| Opener {
            kind: "tab".into(),
            title,
            collapsible: None,
            tab: true,
        });
    }
    let word_ok = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    if !word_ok(&kind) || !words.all(word_ok) {
        return None;
    }
    Some(Opener {
        kind,
        title,
        collapsible,
        tab: false,
    })
}

/// The CSS class and the Dutch default title of an admonition type (with Material's aliases).
pub fn style(kind: &str) -> (&'static str, String) {
    if let Some((class, title)) = known(kind) {
        return (class, title.to_string());
    }
    let mut c = kind.chars();
    let title = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    ("note", title)
}

/// The class and Dutch title of a callout kind that MkDocs Material, GitHub, Docusaurus or
/// VitePress name.
fn known(kind: &str) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        "note" | "seealso" => ("note", "Opmerking"),
        "abstract" | "summary" | "tldr" => ("abstract", "Samenvatting"),
        "info" | "todo" => ("info", "Info"),
        "tip" | "hint" => ("tip", "Tip"),
        "important" => ("important", "Belangrijk"),
        "success" | "check" | "done" => ("success", "Gelukt"),
        "question" | "help" | "faq" => ("question", "Vraag"),
        "warning" | "attention" => ("warning", "Waarschuwing"),
        "caution" => ("caution", "Let op"),
        "failure" | "fail" | "missing" => ("failure", "Mislukt"),
        "danger" | "error" => ("danger", "Gevaar"),
        "bug" => ("bug", "Fout"),
        "example" => ("example", "Voorbeeld"),
        "quote" | "cite" => ("quote", "Citaat"),
        "details" => ("note", "Details"),
        _ => return None,
    })
}

/// Whether `kind` names a callout (`::: tip` opens one; `::: details` a closed one, as in
/// VitePress).
pub fn is_kind(kind: &str) -> bool {
    known(kind).is_some()
}

/// The HTML that closes an always-open callout.
pub const CLOSE_HTML: &str = "</div>\n";

/// The HTML that closes a collapsible one.
const DETAILS_CLOSE_HTML: &str = "</details>\n";

/// The opening and closing HTML of a `::: kind` callout, and the title it shows (`title` or
/// the kind's own).
pub fn open_colon(kind: &str, title: Option<String>) -> (String, &'static str, String) {
    let details = kind == "details";
    let opener = Opener {
        kind: kind.to_string(),
        title,
        collapsible: details.then_some(false),
        tab: false,
    };
    let close = if details {
        DETAILS_CLOSE_HTML
    } else {
        CLOSE_HTML
    };
    (open_html(&opener), close, shown_title(&opener))
}

/// The title shown above a callout or tab ("" for none).
fn shown_title(o: &Opener) -> String {
    if o.tab {
        return o.title.clone().unwrap_or_default();
    }
    let title = o.title.clone().unwrap_or_else(|| style(&o.kind).1);
    if title.is_empty() && o.collapsible.is_some() {
        "Meer".to_string()
    } else {
        title
    }
}

fn open_html(o: &Opener) -> String {
    let title = escape(&shown_title(o));
    if o.tab {
        return format!("<div class=\"tabblad\">\n<p class=\"tabblad-titel\">{title}</p>\n");
    }
    let (class, _) = style(&o.kind);
    match o.collapsible {
        Some(open) => format!(
            "<details class=\"callout callout-{class}\"{}>\n<summary class=\"callout-titel\">{title}</summary>\n",
            if open { " open" } else { "" },
        ),
        None if title.is_empty() => {
            format!("<div class=\"callout callout-{class}\" role=\"note\">\n")
        }
        None => format!(
            "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-titel\">{title}</p>\n"
        ),
    }
}

/// `body` with its admonitions and tabs opened up as plain Markdown, for print: each title a
/// bold paragraph, each body out of its indentation (not a code block).
pub fn opened_as_text(body: &str) -> std::borrow::Cow<'_, str> {
    let Some(t) = transform(body) else {
        return body.into();
    };
    let mut out = String::with_capacity(t.text.len() + 64);
    let mut at = 0;
    for title in &t.titles {
        out.push_str(&t.text[at..title.offset]);
        // The title's paragraph keeps the opener's indentation: inside a list item it stays in
        // the item.
        out.push_str(&bold_title(&title.text, title.indent));
        at = title.offset;
    }
    out.push_str(&t.text[at..]);
    out.into()
}

/// A callout's title as a bold Markdown paragraph of its own, indented by `indent` columns.
pub fn bold_title(title: &str, indent: usize) -> String {
    let mut out = String::with_capacity(title.len() + indent + 8);
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str("**");
    // Bold ends at the title's last letter: spaces inside `**` would undo it.
    for c in title.trim().chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str("**\n");
    out
}

/// The opening HTML of a GitHub alert (`> [!NOTE]`).
pub fn alert_open(kind: BlockQuoteKind) -> String {
    let name = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    let (class, title) = style(name);
    format!(
        "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-titel\">{title}</p>\n"
    )
}

#[cfg(test)]
mod tests;
