//! The Markdown of a page body as typst markup: paragraphs, lists, emphasis, code, quotes,
//! tables and links; raw HTML is left out. All text goes through [`escape`], so the result is
//! always valid typst whatever the Markdown says.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::escape;

/// The typst markup for the Markdown `md`. Headings inside it become level `heading_level`
/// (the document's structure decides, not the Markdown's `#` count).
pub fn to_typst(md: &str, heading_level: u8) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut w = Writer {
        out: String::with_capacity(md.len() * 5 / 4),
        heading_level,
        code: None,
        links: Vec::new(),
    };
    for event in Parser::new_ext(md, options) {
        w.event(event);
    }
    w.out.trim().to_string()
}

struct Writer {
    out: String,
    heading_level: u8,
    /// The text of the code block being read.
    code: Option<String>,
    /// For each open link: whether it became a typst `link` (external) or stays plain text.
    links: Vec<bool>,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code.take().unwrap_or_default();
                    let code = code.strip_suffix('\n').unwrap_or(&code);
                    self.block(&format!("#raw(block: true, {})", escape::string(code)));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            // An image's alt text comes as text and stands in for it.
            Event::Text(t) => self.out.push_str(&escape::markup(&t)),
            Event::Code(t) => {
                self.out.push_str(&format!("#raw({})", escape::string(&t)));
            }
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.block("#line(length: 100%, stroke: 0.5pt + luma(160))"),
            Event::FootnoteReference(label) => {
                self.out
                    .push_str(&format!("#super[{}]", escape::markup(&label)));
            }
            Event::TaskListMarker(done) => {
                self.out
                    .push_str(if done { "\\[x\\] " } else { "\\[ \\] " });
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.out.push_str(&escape::markup(&t));
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let open = match tag {
            Tag::Paragraph => "",
            Tag::Heading { .. } => {
                self.out.push_str(&format!(
                    "#heading(level: {}, outlined: false)[",
                    self.heading_level
                ));
                return;
            }
            Tag::BlockQuote(_) => "#quote(block: true)[",
            Tag::CodeBlock(_) => {
                self.code = Some(String::new());
                return;
            }
            Tag::List(Some(first)) => {
                self.out.push_str(&format!("#enum(start: {first}, "));
                return;
            }
            Tag::List(None) => "#list(",
            Tag::Item => "[",
            Tag::FootnoteDefinition(label) => {
                self.out
                    .push_str(&format!("#block[#super[{}] ", escape::markup(&label)));
                return;
            }
            Tag::Table(aligns) => {
                self.out.push_str(&format!(
                    "#table(columns: {}, align: left, ",
                    aligns.len().max(1)
                ));
                return;
            }
            Tag::TableHead => "table.header(",
            Tag::TableRow => "",
            Tag::TableCell => "[",
            Tag::Emphasis => "#emph[",
            Tag::Strong => "#strong[",
            Tag::Strikethrough => "#strike[",
            Tag::Link { dest_url, .. } => {
                let external = is_external(&dest_url);
                if external {
                    self.out
                        .push_str(&format!("#link({})[", escape::string(&dest_url)));
                }
                self.links.push(external);
                return;
            }
            _ => "",
        };
        self.out.push_str(open);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.out.push_str("\n\n"),
            TagEnd::Heading(_) => self.out.push_str("]\n\n"),
            TagEnd::BlockQuote(_) => self.out.push_str("]\n\n"),
            TagEnd::List(_) => self.out.push_str(")\n\n"),
            TagEnd::Item => {
                trim_end(&mut self.out);
                self.out.push_str("], ");
            }
            TagEnd::FootnoteDefinition => self.out.push_str("]\n\n"),
            TagEnd::Table => self.out.push_str(")\n\n"),
            TagEnd::TableHead => self.out.push_str("), "),
            TagEnd::TableCell => self.out.push_str("], "),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.out.push(']'),
            TagEnd::Link => self.close_link(),
            _ => {}
        }
    }

    /// The end of a link: closes the typst `link` an external one opened.
    fn close_link(&mut self) {
        if self.links.pop() == Some(true) {
            self.out.push(']');
        }
    }

    /// A typst block element on its own.
    fn block(&mut self, markup: &str) {
        self.out.push_str(markup);
        self.out.push_str("\n\n");
    }
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

fn trim_end(s: &mut String) {
    let len = s.trim_end().len();
    s.truncate(len);
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
