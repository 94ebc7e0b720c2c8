//! The typst source of one functieprofiel: the data the HTML profile shows (src/views/profile.rs)
//! for one level of one functiefamilie, laid out for A4.

use std::fmt::Write as _;

use super::escape::{markup, string};
use super::markdown;
use crate::markdown::blocks::{self, Marker};
use crate::site::Site;
use crate::views::{Familie, LevelInfo, dutch_date, level_info, profile_url};

/// The source of the profile of `level` in `f`, and what the PDF is called.
pub struct ProfileSource {
    /// The document's title (also its PDF metadata title).
    pub title: String,
    /// The typst markup.
    pub typst: String,
}

/// The typst markup of the profile of `level` in familie `f`.
pub fn profile(site: &Site, f: &Familie<'_>, level: &str) -> ProfileSource {
    let info = level_info(site, level);
    let title = format!("Functieprofiel {}", info.name);
    let mut t = String::with_capacity(16 * 1024);
    preamble(&mut t, site, f, &info, &title);
    heading_block(&mut t, site, f, &info, &title);
    let meta = &site.pages[f.page].page.meta;
    if let Some(typering) = meta.typering.as_ref().and_then(|m| m.get(level)) {
        section(&mut t, "Typering");
        paragraph(&mut t, typering);
    }
    if let Some(doel) = &meta.doel {
        section(&mut t, "Doel van de functie");
        paragraph(&mut t, doel);
    }
    plaats(&mut t, site, f, &info);
    areas(&mut t, site, f, &info);
    kennis(&mut t, f, &info);
    competenties(&mut t, site, f);
    expertise(&mut t, site, &info);
    ProfileSource { title, typst: t }
}

/// The id of the familie page's section that the profile shows as its place in the organisation.
const PLAATS: &str = "plaats-in-de-organisatie";

/// The familie page's section "Plaats in de organisatie", as the HTML profile shows it.
fn plaats(t: &mut String, site: &Site, f: &Familie<'_>, info: &LevelInfo) {
    let sp = &site.pages[f.page];
    let Some(body) = section_markdown(sp, PLAATS, &site.config) else {
        return;
    };
    let body = for_level(&body, &info.id, site);
    if body.trim().is_empty() {
        return;
    }
    section(t, "Plaats in de organisatie");
    let _ = writeln!(t, "{}\n", markdown::to_typst(&body, 3));
}

/// The Markdown under the heading with id `id` of a page, up to the next heading of the same
/// or a higher level (callouts opened up as text); None when the page has no such heading.
fn section_markdown(
    sp: &crate::site::SitePage,
    id: &str,
    config: &crate::config::Config,
) -> Option<String> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let body = crate::markdown::callouts::opened_as_text(sp.page.body());
    let mut headings = sp.rendered.headings.iter();
    // The level of the wanted heading once found, and where its text starts once it has ended.
    let mut found: Option<(HeadingLevel, Option<usize>)> = None;
    let parser = Parser::new_ext(&body, crate::markdown::options(config)).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let heading = headings.next()?;
                match found {
                    Some((open, Some(from))) if level <= open => {
                        return Some(body[from..range.start].to_string());
                    }
                    None if heading.id == id => found = Some((level, None)),
                    _ => {}
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((_, from @ None)) = &mut found {
                    *from = Some(range.end);
                }
            }
            _ => {}
        }
    }
    let (_, from) = found?;
    Some(body[from.unwrap_or(body.len()).min(body.len())..].to_string())
}

/// The expertise areas open to this level, as the HTML profile lists them.
fn expertise(t: &mut String, site: &Site, info: &LevelInfo) {
    let areas: Vec<_> = crate::views::expertise_at(site, &info.id).collect();
    if areas.is_empty() {
        return;
    }
    section(t, "Expertisegebieden");
    paragraph(
        t,
        "Elke wijkcoach kan, op elk niveau, een extra expertisegebied hebben. Een expertise maakt \
         het werk rijker, maar brengt je niet op een hoger niveau.",
    );
    t.push_str("#list(\n");
    for p in areas {
        match &p.meta.kenmerk {
            Some(k) => {
                let _ = writeln!(t, "  [#strong[{}] \\ {}],", markup(&p.title), markup(k));
            }
            None => {
                let _ = writeln!(t, "  [#strong[{}]],", markup(&p.title));
            }
        }
    }
    t.push_str(")\n\n");
}

/// Page, header, footer and the styles of the document.
fn preamble(t: &mut String, site: &Site, f: &Familie<'_>, info: &LevelInfo, title: &str) {
    let meta = &site.pages[f.page].page.meta;
    let mut version = Vec::new();
    if let Some(v) = &meta.versie {
        version.push(format!("versie {v}"));
    }
    if let Some(d) = &meta.vastgesteld {
        version.push(format!("vastgesteld op {}", dutch_date(d)));
    }
    let version = capitalize(&version.join(", "));
    let url = format!("{}{}", site.config.base_url, profile_url(site, f, &info.id));
    let url_markup = if url.starts_with("http://") || url.starts_with("https://") {
        format!("#link({})[{}]", string(&url), markup(&url))
    } else {
        markup(&url)
    };
    let _ = write!(
        t,
        r#"#set document(title: {title}, author: {author})
#set text(lang: "nl", region: "nl", font: ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono", "New Computer Modern Math"), size: 10.5pt)
#set par(justify: true, leading: 0.6em, spacing: 0.85em)
#set page(
  paper: "a4",
  margin: (x: 2.3cm, top: 2.6cm, bottom: 2.8cm),
  header: [
    #set text(size: 8.5pt, fill: luma(70))
    #set par(justify: false)
    {site_title} #h(1fr) {familie} · {level}
    #v(-0.6em)
    #line(length: 100%, stroke: 0.4pt + luma(160))
  ],
  footer: context [
    #set text(size: 8pt, fill: luma(70))
    #set par(justify: false, spacing: 0.45em)
    #line(length: 100%, stroke: 0.4pt + luma(160))
    {version} #h(1fr) pagina #counter(page).display() van #counter(page).final().first()

    {url}
  ],
)
#set list(indent: 0.3em, body-indent: 0.6em, spacing: 0.5em)
#set enum(indent: 0.3em, spacing: 0.5em)
#set table(stroke: 0.4pt + luma(170), inset: (x: 5pt, y: 4pt))
#show table: set par(justify: false)
#show table.cell.where(y: 0): set text(weight: "bold")
#show heading: set par(justify: false)
#show heading: set text(hyphenate: false)
#show heading.where(level: 1): set text(size: 20pt)
#show heading.where(level: 1): set block(above: 0.4em, below: 0.7em)
#show heading.where(level: 2): set text(size: 14pt)
#show heading.where(level: 2): set block(above: 1.5em, below: 0.75em)
#show heading.where(level: 3): set text(size: 11.5pt)
#show heading.where(level: 3): set block(above: 1.25em, below: 0.6em)
#show heading.where(level: 4): set text(size: 10.5pt, style: "italic")

"#,
        title = string(title),
        author = string(&site.config.title),
        site_title = markup(&site.config.title),
        familie = markup(f.title(site)),
        level = markup(&format!("Niveau {}", info.id)),
        version = markup(&version),
        url = url_markup,
    );
}

/// The familie above the title, the title, and the level's facts.
fn heading_block(t: &mut String, site: &Site, f: &Familie<'_>, info: &LevelInfo, title: &str) {
    let _ = writeln!(
        t,
        "#text(size: 9.5pt, fill: luma(70))[{}]\n",
        markup(f.title(site))
    );
    let _ = writeln!(t, "#heading(level: 1)[{}]\n", markup(title));
    let mut facts = vec![format!("Niveau #strong[{}]", markup(&info.id))];
    if let Some(s) = &info.schaal {
        let mut fact = format!("Schaal #strong[{}]", markup(s));
        if let Some(n) = &info.schaal_toelichting {
            let _ = write!(fact, " {}", markup(&format!("({n})")));
        }
        facts.push(fact);
    }
    if let Some(d) = &info.denkniveau {
        facts.push(format!("Denkniveau #strong[{}]", markup(d)));
    }
    let meta = &site.pages[f.page].page.meta;
    if let Some(v) = &meta.versie {
        facts.push(format!("Versie #strong[{}]", markup(v)));
    }
    if let Some(d) = &meta.vastgesteld {
        facts.push(format!("Vastgesteld #strong[{}]", markup(&dutch_date(d))));
    }
    if let Some(w) = &meta.weging {
        facts.push(format!("Weging #strong[{}]", markup(w)));
    }
    let _ = writeln!(t, "{}\n", facts.join(" #h(0.4em)·#h(0.4em) "));
    if let Some(o) = &info.omschrijving {
        paragraph(t, o);
    }
}

/// The result areas of exactly this level, with their activities and result.
fn areas(t: &mut String, site: &Site, f: &Familie<'_>, info: &LevelInfo) {
    let areas: Vec<usize> = f.areas_at(site, &info.id).collect();
    if areas.is_empty() {
        return;
    }
    section(t, "Resultaatgebieden");
    let word = if areas.len() == 1 {
        "resultaatgebied"
    } else {
        "resultaatgebieden"
    };
    // The lead stays with what follows, as the heading does.
    let _ = writeln!(
        t,
        "#block(sticky: true)[{}]\n",
        markup(&format!("{} werkt aan {} {word}.", info.name, areas.len()))
    );
    for i in areas {
        let page = &site.pages[i].page;
        let nummer = page
            .meta
            .nummer
            .map(|n| format!("{n}. "))
            .unwrap_or_default();
        let _ = writeln!(
            t,
            "#heading(level: 3)[{}]\n",
            markup(&format!("{nummer}{}", page.title))
        );
        let body = crate::markdown::callouts::opened_as_text(page.body());
        let body = for_level(&body, &info.id, site);
        let _ = writeln!(t, "{}\n", markdown::to_typst(&body, 4));
        if let Some(r) = &page.meta.resultaat {
            let _ = writeln!(t, "#strong[Resultaat:] {}\n", markup(r));
        }
    }
}

/// The level's column of the knowledge-and-experience matrix.
fn kennis(t: &mut String, f: &Familie<'_>, info: &LevelInfo) {
    let Some(m) = f.matrix else { return };
    let rows: Vec<(&str, &str)> = m
        .criteria
        .iter()
        .filter_map(|c| c.at(&info.id).map(|tekst| (c.naam.as_str(), tekst)))
        .collect();
    if rows.is_empty() {
        return;
    }
    section(t, "Kennis en ervaring");
    t.push_str("#table(\n  columns: (30%, 1fr),\n  align: left,\n");
    let _ = writeln!(t, "  table.header([Criterium], [{}]),", markup(&info.name));
    for (naam, tekst) in rows {
        let _ = writeln!(t, "  [{}], [{}],", markup(naam), markup(tekst));
    }
    t.push_str(")\n\n");
}

/// The competences, the same for every level.
fn competenties(t: &mut String, site: &Site, f: &Familie<'_>) {
    let Some(eisen) = f.eisen.map(|i| &site.pages[i].page) else {
        return;
    };
    let Some(list) = eisen.meta.competenties.as_deref().filter(|l| !l.is_empty()) else {
        return;
    };
    section(t, "Competenties");
    paragraph(t, "Deze competenties gelden voor elk niveau.");
    for c in list {
        if c.omschrijving.trim().is_empty() {
            let _ = writeln!(
                t,
                "#block(breakable: false, below: 0.95em)[#strong[{}]]\n",
                markup(&c.naam)
            );
        } else {
            let _ = writeln!(
                t,
                "#block(breakable: false, below: 0.95em)[#strong[{}] \\ {}]\n",
                markup(&c.naam),
                markup(&c.omschrijving)
            );
        }
    }
}

fn section(t: &mut String, title: &str) {
    let _ = writeln!(t, "#heading(level: 2)[{}]\n", markup(title));
}

fn paragraph(t: &mut String, text: &str) {
    let _ = writeln!(t, "{}\n", markup(text.trim()));
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `body` without the `::: niveau` passages that do not apply to `level` (and without the
/// `:::` lines themselves); a `::: tip` callout keeps its text under its title in bold.
pub fn for_level(body: &str, level: &str, site: &Site) -> String {
    let (blanked, markers, _) = blocks::extract(body, &site.config);
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut titles: Vec<(usize, String)> = Vec::new();
    let mut open: Vec<(usize, bool)> = Vec::new();
    for m in &markers {
        match &m.marker {
            Marker::Open { levels, .. } => {
                open.push((
                    m.offset,
                    levels.is_empty() || levels.iter().any(|l| l == level),
                ));
            }
            Marker::Close => {
                if let Some((start, false)) = open.pop() {
                    cut.push((start, m.offset));
                }
            }
            // Callouts: their text is kept, their HTML has no place in the PDF.
            Marker::RawOpen {
                title: Some(title), ..
            } => {
                let line = &body[m.offset..];
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                titles.push((
                    m.offset,
                    crate::markdown::callouts::bold_title(title, indent),
                ));
            }
            Marker::RawOpen { .. } | Marker::RawClose(_) => {}
        }
    }
    titles.retain(|(at, _)| !cut.iter().any(|&(s, e)| (s..e).contains(at)));
    if cut.is_empty() && titles.is_empty() {
        return blanked;
    }
    let mut titles = titles.into_iter().peekable();
    let mut out = String::with_capacity(blanked.len());
    for (i, c) in blanked.char_indices() {
        if cut.iter().any(|&(s, e)| (s..e).contains(&i)) {
            continue;
        }
        if let Some((_, title)) = titles.next_if(|(at, _)| *at <= i) {
            out.push_str(&title);
        }
        out.push(c);
    }
    out
}
