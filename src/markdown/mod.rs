//! Markdown to HTML with pulldown-cmark. Rendering returns data beside the HTML: the headings
//! (table of contents, anchors), the internal links to check, the plain-text sections for search.

pub mod blocks;
pub mod callouts;
pub mod links;
pub mod sanitize;

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::diagnostics::Problem;
use crate::slug::{IdStyle, UniqueIds};
use blocks::{BlockMarker, Marker};
pub use links::{InternalLink, LinkTargets, Resolved};

/// A heading of a page, for the table of contents and anchor checks.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The plain text under one heading (or before the first), the unit of search.
#[derive(Debug, Clone, Default)]
pub struct TextSection {
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// The levels and roles that `::: niveau`/`::: rol` passages of a page are for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passages {
    pub levels: std::collections::BTreeSet<String>,
    pub roles: std::collections::BTreeSet<String>,
}

/// What rendering one page's Markdown produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    pub sections: Vec<TextSection>,
    pub words: usize,
    /// Levels and roles of its `::: niveau`/`::: rol` passages.
    pub passages: Passages,
    /// Byte offsets (in the file) of images without alt text.
    pub images_without_alt: Vec<(usize, usize)>,
    /// External link destinations with their byte offset in the file.
    pub external_links: Vec<(String, usize)>,
    pub problems: Vec<Problem>,
}

/// Everything the renderer needs besides the text.
pub struct RenderInput<'a> {
    pub source: &'a Path,
    pub text: &'a std::sync::Arc<String>,
    pub body_start: usize,
    /// `../` repeated to the site root from this page's URL.
    pub root: &'a str,
    pub config: &'a Config,
    pub targets: &'a LinkTargets,
}

pub(crate) fn options(config: &Config) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    // MkDocs projects use Python-Markdown's definition lists (`Term` / `:   Definition`).
    if config.is_plain() {
        o |= Options::ENABLE_DEFINITION_LIST;
    }
    if config.markdown.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Render the body of one page.
pub fn render(input: &RenderInput<'_>) -> Rendered {
    let body = &input.text[input.body_start..];
    let opened = callouts::transform(body);
    let map = opened.as_ref().map(|t| &t.map);
    let body = opened.as_ref().map_or(body, |t| t.text.as_str());
    let (body, mut markers, block_problems) = blocks::extract(body, input.config);
    if let Some(t) = &opened {
        let mut all: Vec<BlockMarker> = t
            .markers
            .iter()
            .map(|(offset, html)| BlockMarker {
                offset: *offset,
                marker: if html.starts_with("</") {
                    Marker::RawClose(html.clone())
                } else {
                    Marker::RawOpen {
                        html: html.clone(),
                        title: None,
                    }
                },
            })
            .collect();
        all.append(&mut markers);
        all.sort_by_key(|m| m.offset);
        markers = all;
    }
    let mut out = Rendered::default();
    for (offset, len, p) in block_problems {
        let offset = map.map_or(offset, |m| m.original(offset));
        let mut p = p.at_offset(input.text, input.body_start + offset, len);
        p.path = input.source.to_path_buf();
        out.problems.push(p);
    }
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(&body, options(input.config))
            .into_offset_iter()
            .collect();
    let HeadingIds { ids, repeated } = heading_ids(&events, input.config);
    for (id, range) in repeated {
        let offset = input.body_start + map.map_or(range.start, |m| m.original(range.start));
        let message = format!("two headings have the id `#{id}`: links to it reach only the first");
        // As a dead link: a warning in a plain folder, an error in a handbook.
        let problem = if input.config.is_plain() {
            Problem::warning(input.source, message)
        } else {
            Problem::error(input.source, message)
        };
        let len = input
            .text
            .get(offset..)
            .and_then(|rest| rest.find('\n'))
            .unwrap_or(0);
        out.problems.push(
            problem
                .with_help(format!(
                    "give this heading an id of its own, e.g. `{{#{id}-2}}`"
                ))
                .at_offset(input.text, offset, len),
        );
    }
    let mut state = State::new(input, markers, ids);
    state.map = map;
    let mut html_events: Vec<Event<'_>> = Vec::with_capacity(events.len() + 8);
    for (event, range) in events {
        // A block opened inside a list item or quote closes before its container does.
        if let Event::End(_) = &event {
            state.close_inside(&mut html_events);
            state.depth = state.depth.saturating_sub(1);
        }
        state.flush_markers(range.start, &mut html_events, &mut out);
        if let Event::Start(_) = &event {
            state.depth += 1;
        }
        state.handle(event, range, &mut html_events, &mut out);
    }
    state.flush_markers(usize::MAX, &mut html_events, &mut out);
    state.finish_section(&mut out);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    out.html = if state.raw_html && input.config.markdown.sanitize_html {
        sanitize::clean(&html)
    } else {
        html
    };
    // Every page's HTML stays in memory until the site is written: no spare capacity.
    out.html.shrink_to_fit();
    out
}

/// The id a heading's attribute list gives it: `{#id}`, or `{id="..."}` / `{ id=... }` as
/// Python-Markdown's attr_list (MkDocs) writes it.
fn own_id<'a>(e: &'a Event<'_>) -> Option<&'a str> {
    let Event::Start(Tag::Heading { id, attrs, .. }) = e else {
        return None;
    };
    id.as_deref().or_else(|| {
        attrs
            .iter()
            .find(|(key, _)| key.as_ref() == "id")
            .and_then(|(_, value)| value.as_deref())
            .map(|value| {
                ['"', '\'']
                    .iter()
                    .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
                    .unwrap_or(value)
            })
            .filter(|value| !value.is_empty())
    })
}

/// The id of every heading, in order: `{#own-id}` when given, else a unique slug of its text
/// that no `{#own-id}` of the page uses; and the body range of every `{#own-id}` that an
/// earlier heading already has (the second heading cannot be linked to).
fn heading_ids(events: &[(Event<'_>, std::ops::Range<usize>)], config: &Config) -> HeadingIds {
    // A plain folder's links name the ids the tool it was written for made.
    let style = match &config.plain {
        Some(p) if p.mkdocs.is_some() => IdStyle::MkDocs,
        Some(_) => IdStyle::GitHub,
        None => IdStyle::Handbook,
    };
    let mut unique = UniqueIds::new(style);
    let mut own = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    for (e, range) in events {
        if let Some(id) = own_id(e) {
            unique.reserve(id);
            if !own.insert(id) {
                repeated.push((id.to_string(), range.clone()));
            }
        }
    }
    let mut result = Vec::new();
    let mut text: Option<(String, Option<String>)> = None;
    for (e, _) in events {
        if let Event::Start(Tag::Heading { .. }) = e {
            text = Some((String::new(), own_id(e).map(str::to_string)));
        }
        match e {
            Event::Text(t) | Event::Code(t) => {
                if let Some((s, _)) = &mut text {
                    s.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((s, own)) = text.take() {
                    let id = own.unwrap_or_else(|| unique.unique(&s));
                    result.push((id, s.trim().to_string()));
                }
            }
            _ => {}
        }
    }
    HeadingIds {
        ids: result,
        repeated,
    }
}

/// What [`heading_ids`] finds.
struct HeadingIds {
    /// (id, text) of every heading, in order.
    ids: Vec<(String, String)>,
    /// Every own id that an earlier heading has already, with the body range of its heading.
    repeated: Vec<(String, std::ops::Range<usize>)>,
}

struct State<'i, 'a> {
    input: &'i RenderInput<'a>,
    markers: std::vec::IntoIter<BlockMarker>,
    next_marker: Option<BlockMarker>,
    ids: std::vec::IntoIter<(String, String)>,
    section: TextSection,
    /// Whitespace seen since the last word of the section's text (written as one space).
    space: bool,
    in_heading: bool,
    image_alt: Option<(String, usize, usize)>,
    raw_html: bool,
    /// Leads offsets back to the source when admonitions were opened up.
    map: Option<&'i callouts::SourceMap>,
    /// How many Markdown elements are open.
    depth: usize,
    /// The depth at which each open `:::` passage or callout began.
    open_at: Vec<usize>,
}

impl<'i, 'a> State<'i, 'a> {
    fn new(
        input: &'i RenderInput<'a>,
        markers: Vec<BlockMarker>,
        ids: Vec<(String, String)>,
    ) -> Self {
        let mut markers = markers.into_iter();
        let next_marker = markers.next();
        State {
            input,
            markers,
            next_marker,
            ids: ids.into_iter(),
            section: TextSection::default(),
            space: false,
            in_heading: false,
            image_alt: None,
            raw_html: false,
            map: None,
            depth: 0,
            open_at: Vec::new(),
        }
    }

    /// Emit the `<div>`s of `:::` lines that come before byte `upto` of the body.
    fn flush_markers(&mut self, upto: usize, html: &mut Vec<Event<'_>>, out: &mut Rendered) {
        while let Some(m) = self.next_marker.take_if(|m| m.offset <= upto) {
            match &m.marker {
                Marker::Open { levels, roles } => {
                    out.passages.levels.extend(levels.iter().cloned());
                    out.passages.roles.extend(roles.iter().cloned());
                    self.open_at.push(self.depth);
                }
                Marker::RawOpen { .. } => self.open_at.push(self.depth),
                Marker::Close | Marker::RawClose(_) => _ = self.open_at.pop(),
            }
            html.push(Event::Html(CowStr::from(self.marker_html(&m.marker))));
            self.next_marker = self.markers.next();
        }
    }

    /// Before an element ends: close the passages and callouts that began inside it.
    fn close_inside(&mut self, html: &mut Vec<Event<'_>>) {
        while self.open_at.last().is_some_and(|&d| d >= self.depth)
            && let Some(m) = self
                .next_marker
                .take_if(|m| matches!(m.marker, Marker::Close | Marker::RawClose(_)))
        {
            self.open_at.pop();
            html.push(Event::Html(CowStr::from(self.marker_html(&m.marker))));
            self.next_marker = self.markers.next();
        }
    }

    fn marker_html(&self, marker: &Marker) -> String {
        match marker {
            Marker::Close => "</div>\n".into(),
            Marker::RawOpen { html, .. } | Marker::RawClose(html) => html.clone(),
            Marker::Open { levels, roles } => {
                let label = blocks::label(levels, roles, self.input.config);
                format!(
                    "<div class=\"voor\" data-niveaus=\"{}\" data-rollen=\"{}\">\n<p class=\"voor-label\">{}</p>\n",
                    levels.join(" "),
                    roles.join(" "),
                    escape(&label)
                )
            }
        }
    }

    fn handle<'e>(
        &mut self,
        event: Event<'e>,
        range: std::ops::Range<usize>,
        html: &mut Vec<Event<'e>>,
        out: &mut Rendered,
    ) {
        let file_offset =
            self.input.body_start + self.map.map_or(range.start, |m| m.original(range.start));
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                self.space = true;
                html.push(Event::Html(CowStr::from(callouts::alert_open(kind))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.space = true;
                html.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                self.finish_section(out);
                let (id, title) = self.ids.next().unwrap_or_default();
                out.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    title: title.clone(),
                });
                self.section = TextSection {
                    anchor: Some(id.clone()),
                    heading: title,
                    text: String::new(),
                };
                self.in_heading = true;
                html.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    // The id is given once, above (an `id=` among them was taken as its id).
                    attrs: attrs
                        .into_iter()
                        .filter(|(key, _)| key.as_ref() != "id")
                        .collect(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                self.in_heading = false;
                if level != HeadingLevel::H1 {
                    let id = self.section.anchor.clone().unwrap_or_default();
                    html.push(Event::Html(CowStr::from(format!(
                        " <a class=\"anker\" href=\"#{id}\" aria-label=\"Link naar dit kopje\">#</a>"
                    ))));
                }
                html.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite(&dest_url, file_offset, range.len(), out);
                html.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite(&dest_url, file_offset, range.len(), out);
                self.image_alt = Some((String::new(), file_offset, range.len()));
                html.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, offset, len)) = self.image_alt.take()
                    && alt.trim().is_empty()
                {
                    out.images_without_alt.push((offset, len));
                }
                html.push(Event::End(TagEnd::Image));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((alt, _, _)) = &mut self.image_alt {
                    alt.push_str(t);
                }
                if !self.in_heading {
                    out.words += self.push_text(t);
                }
                html.push(event);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => {
                self.space = true;
                html.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html = true;
                html.push(event);
            }
            other => html.push(other),
        }
    }

    /// Add `t` to the section's text with every run of whitespace as one space (none at the
    /// ends); returns its number of words.
    fn push_text(&mut self, t: &str) -> usize {
        let text = &mut self.section.text;
        let mut space = self.space || t.starts_with(char::is_whitespace);
        let mut words = 0;
        let mut push = |word: &str| {
            if (words > 0 || space) && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
            words += 1;
            space = false;
        };
        if t.is_ascii() {
            // Most text is ASCII: split on bytes rather than decode every character.
            let mut start = None;
            for (i, b) in t.bytes().enumerate() {
                if b.is_ascii_whitespace() || b == 0x0b {
                    if let Some(s) = start.take() {
                        push(&t[s..i]);
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(s) = start {
                push(&t[s..]);
            }
        } else {
            t.split_whitespace().for_each(push);
        }
        self.space = space || t.ends_with(char::is_whitespace);
        words
    }

    fn finish_section(&mut self, out: &mut Rendered) {
        let mut s = std::mem::take(&mut self.section);
        s.text.shrink_to_fit();
        self.space = false;
        if !s.text.is_empty() || s.anchor.is_some() {
            out.sections.push(s);
        }
    }

    fn rewrite<'e>(
        &mut self,
        dest: &str,
        offset: usize,
        len: usize,
        out: &mut Rendered,
    ) -> CowStr<'e> {
        let root = self.input.root;
        match self.input.targets.resolve(self.input.source, dest) {
            Resolved::External => {
                if links::is_external(dest) {
                    out.external_links.push((dest.to_string(), offset));
                }
                CowStr::from(dest.to_string())
            }
            Resolved::Page {
                url,
                target,
                anchor,
            } => {
                out.links.push(InternalLink {
                    target,
                    anchor: anchor.clone(),
                    offset,
                    len,
                });
                let hash = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                let url = if url.is_empty() && root.is_empty() {
                    "./".to_string()
                } else {
                    format!("{root}{url}")
                };
                CowStr::from(format!("{url}{hash}"))
            }
            Resolved::SamePage { anchor } => {
                out.links.push(InternalLink {
                    target: String::new(),
                    anchor: Some(anchor.clone()),
                    offset,
                    len,
                });
                CowStr::from(format!("#{anchor}"))
            }
            Resolved::Asset { url } => {
                CowStr::from(format!("{root}{}", crate::url_path::encode(&url)))
            }
            Resolved::Missing { message, help } => {
                // A plain folder's links are warnings (errors with `--strict`).
                let problem = if self.input.config.is_plain() {
                    Problem::warning(self.input.source, message)
                } else {
                    Problem::error(self.input.source, message)
                };
                out.problems.push(problem.with_help_opt(help).at_offset(
                    self.input.text,
                    offset,
                    len,
                ));
                CowStr::from(dest.to_string())
            }
        }
    }
}

/// HTML-escape text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
