//! Parse: one Markdown source into a [`Page`] with checked, typed front matter.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::collection::{Kind, collection_of, familie_of, kind_of};
use super::front_matter::{self, COMMON_KEYS, FrontMatter};
use super::load::SourceFile;
use crate::config::Config;
use crate::diagnostics::{Problem, did_you_mean};
use crate::slug::slugify;
use crate::yaml;

/// One page of the handbook, parsed but not yet rendered.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path from the handbook folder without `.md`; a section is its folder; the home page is "".
    pub id: String,
    /// The source file, relative to the handbook folder.
    pub source: PathBuf,
    pub text: Arc<String>,
    pub is_section: bool,
    pub kind: Kind,
    /// The first folder of the path ("" for pages at the top).
    pub collection: String,
    pub familie: Option<String>,
    /// URL relative to the site root: "" for home, else ending in `/`.
    pub url: String,
    pub title: String,
    pub meta: FrontMatter,
    /// Where the YAML and the body start in `text`.
    pub yaml_range: (usize, usize),
    pub body_start: usize,
    /// Levels this page concerns, in config order; every level when unrestricted.
    pub levels: Vec<String>,
    pub restricted_levels: bool,
    pub roles: Vec<String>,
    pub restricted_roles: bool,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn yaml(&self) -> &str {
        &self.text[self.yaml_range.0..self.yaml_range.1]
    }

    /// A problem about `key` in this page's front matter, pointing at the key's line.
    pub fn key_problem(
        &self,
        key: &str,
        value: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        let yaml = self.yaml();
        let rel = value
            .and_then(|v| yaml::value_offset(yaml, key, v))
            .or_else(|| yaml::key_offset(yaml, key));
        let problem = Problem::error(&self.source, message);
        match rel {
            Some(o) => {
                let len = value.map_or(key.len(), str::len).max(1);
                problem.at_offset(&self.text, self.yaml_range.0 + o, len)
            }
            None => problem.at_offset(&self.text, 0, 3),
        }
    }

    /// Depth of the URL: how many `../` lead from this page to the site root.
    pub fn depth(&self) -> usize {
        self.url.matches('/').count()
    }
}

/// The id and URL of the source at `rel`.
pub fn id_and_url(rel: &Path) -> (String, String, bool) {
    let is_section = rel.file_name().is_some_and(|n| n == "_index.md");
    id_and_url_as(rel, is_section)
}

/// The names of a plain folder's index page, the one that wins first.
pub const INDEX_NAMES: &[&str] = &["_index.md", "index.md", "readme.md"];

/// In a plain folder under `root`: whether `rel` is its folder's index page (`_index.md`, else
/// `index.md`, else `README.md`, as in Hugo, MkDocs and mdBook).
pub fn is_plain_index(rel: &Path, root: &Path) -> bool {
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return false;
    };
    let Some(rank) = INDEX_NAMES.iter().position(|n| *n == name) else {
        return false;
    };
    let dir = root.join(rel.parent().unwrap_or(Path::new("")));
    !INDEX_NAMES[..rank]
        .iter()
        .any(|better| dir.join(better).is_file())
}

/// The id and URL of the source at `rel`, as its folder's index page when `is_section`.
pub fn id_and_url_as(rel: &Path, is_section: bool) -> (String, String, bool) {
    let without_ext = rel.with_extension("");
    let mut parts: Vec<String> = without_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if is_section {
        parts.pop();
    }
    let id = parts.join("/");
    let url: String = parts
        .iter()
        .map(|p| format!("{}/", slug_or_keep(p)))
        .collect();
    (id, url, is_section)
}

fn slug_or_keep(part: &str) -> String {
    match slugify(part) {
        s if s.is_empty() => "pagina".into(),
        s => s,
    }
}

/// `plan-van-de-inwoner` → `Plan van de inwoner`.
pub fn humanize(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Parse one source into a page, reporting every problem of its front matter.
pub fn parse(file: &SourceFile, config: &Config, has_config: bool) -> Result<Page, Vec<Problem>> {
    let rel = &file.rel;
    let text = &file.text;
    let split = front_matter::split(text, rel, text).map_err(|p| vec![p])?;
    let plain = config.plain.as_ref();
    let meta = match plain {
        Some(_) => front_matter::parse_plain(&split, rel, text),
        None => front_matter::parse(&split, rel, text),
    }
    .map_err(|p| vec![p])?;
    let (id, url, is_section) = match plain {
        Some(p) => id_and_url_as(rel, is_plain_index(rel, &p.root)),
        None => id_and_url(rel),
    };
    // Typed collections belong to the handbook format; a plain folder has only pages.
    let kind = if plain.is_some() {
        Kind::Generic
    } else {
        kind_of(rel)
    };
    let mut page = Page {
        title: String::new(),
        collection: collection_of(rel),
        familie: familie_of(rel),
        source: rel.clone(),
        text: Arc::clone(text),
        is_section,
        kind,
        id,
        url,
        yaml_range: (split.yaml_start, split.yaml_start + split.yaml.len()),
        body_start: split.body_start,
        levels: Vec::new(),
        restricted_levels: false,
        roles: Vec::new(),
        restricted_roles: false,
        meta,
    };
    let mut problems = Vec::new();
    page.title = match page.meta.title.clone() {
        Some(t) if !t.trim().is_empty() => {
            // MkDocs pages repeat their title as `# heading`; the theme shows the title once.
            if plain.is_some()
                && let Some((h1, end)) = leading_h1(page.body())
                && h1.to_lowercase() == t.trim().to_lowercase()
            {
                page.body_start += end;
            }
            t
        }
        _ if has_config && !split.yaml.is_empty() => {
            problems.push(
                page.key_problem("title", None, "the page has no `title`")
                    .with_help("add `title: …` to the front matter; it becomes the page's heading"),
            );
            String::new()
        }
        _ => title_from_body(&mut page, plain.is_some()),
    };
    if let Some(plain) = plain {
        apply_nav(&mut page, plain);
    }
    check_kind_keys(&page, &mut problems);
    resolve_levels(&mut page, config, &mut problems);
    resolve_roles(&mut page, config, &mut problems);
    check_bronnen(&page, config, &mut problems);
    if problems.is_empty() {
        Ok(page)
    } else {
        Err(problems)
    }
}

/// `nav:` of mkdocs.yml decides a page's place and, when it names one, its title (a folder's
/// index page takes the folder's section title).
fn apply_nav(page: &mut Page, plain: &crate::config::PlainMode) {
    let folder = page.is_section.then(|| page.source.parent()).flatten();
    let own = plain.nav(&page.source);
    let of_folder = folder.and_then(|f| plain.nav(f));
    if page.meta.volgorde.is_none()
        && let Some(e) = of_folder.or(own)
    {
        page.meta.volgorde = Some(e.order);
    }
    if let Some(t) = of_folder
        .and_then(|e| e.title.clone())
        .or_else(|| own.and_then(|e| e.title.clone()))
        .filter(|t| !t.trim().is_empty())
    {
        page.title = t;
    }
}

/// A page without a title takes its first `# heading` (dropped from the body) or its file name.
fn title_from_body(page: &mut Page, plain: bool) -> String {
    let body = page.body();
    if let Some((title, end)) = leading_h1(body) {
        page.body_start += end;
        return title;
    }
    if plain && let Some(h1) = first_h1(body) {
        return h1;
    }
    let stem = if page.is_section {
        page.source.parent().and_then(|p| p.file_name())
    } else {
        page.source.file_stem()
    };
    stem.map(|s| humanize(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Home".into())
}

/// When the first line of `body` with text is a `# heading`: its text and the offset in `body`
/// just past it.
fn leading_h1(body: &str) -> Option<(String, usize)> {
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let title = heading_text(first.strip_prefix("# ")?);
    let start = first.as_ptr() as usize - body.as_ptr() as usize;
    Some((title, start + first.len()))
}

/// The text of the first `# heading` of `body` outside code fences.
fn first_h1(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if let Some(title) = line.strip_prefix("# ").map(heading_text)
            && !title.is_empty()
        {
            return Some(title);
        }
    }
    None
}

/// The text a reader sees of the heading `# {h1}`: without emphasis marks, code ticks, link
/// targets, inline HTML and an attribute list (`{#id}`).
fn heading_text(h1: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let line = format!("# {h1}");
    let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    let mut text = String::new();
    for event in Parser::new_ext(&line, options) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_kind_keys(page: &Page, problems: &mut Vec<Problem>) {
    let set = present_keys(&page.meta);
    let allowed: Vec<&str> = COMMON_KEYS
        .iter()
        .chain(page.kind.extra_keys())
        .copied()
        .collect();
    for key in &set {
        if !allowed.contains(key) {
            let belongs = Kind::owning(key)
                .map(|k| format!("`{key}` belongs to {}", k.describe()))
                .unwrap_or_default();
            let help = did_you_mean(key, allowed.iter().copied())
                .map(|h| format!("{h} {belongs}"))
                .unwrap_or(format!("{belongs}; free data goes under `extra`"));
            problems.push(
                page.key_problem(
                    key,
                    None,
                    format!("`{key}` is not a key for {}", page.kind.describe()),
                )
                .with_help(help.trim().to_string()),
            );
        }
    }
    for key in page.kind.required_keys() {
        if !set.contains(key) {
            problems.push(
                page.key_problem(
                    "title",
                    None,
                    format!("{} needs the key `{key}`", page.kind.describe()),
                )
                .with_help(format!("add `{key}: …` to the front matter")),
            );
        }
    }
    if let Some(sv) = &page.meta.spanningsveld
        && sv.len() != 2
    {
        problems.push(page.key_problem(
            "spanningsveld",
            None,
            format!(
                "`spanningsveld` lists the two values in tension, found {}",
                sv.len()
            ),
        ));
    }
}

/// Which front matter keys a page has set.
fn present_keys(m: &FrontMatter) -> Vec<&'static str> {
    let checks: [(&str, bool); 16] = [
        ("versie", m.versie.is_some()),
        ("vastgesteld", m.vastgesteld.is_some()),
        ("weging", m.weging.is_some()),
        ("typering", m.typering.is_some()),
        ("doel", m.doel.is_some()),
        ("nummer", m.nummer.is_some()),
        ("resultaat", m.resultaat.is_some()),
        ("competenties", m.competenties.is_some()),
        ("vakgebied", m.vakgebied.is_some()),
        ("kenmerk", m.kenmerk.is_some()),
        ("competentie", m.competentie.is_some()),
        ("spanningsveld", m.spanningsveld.is_some()),
        ("casus", m.casus.is_some()),
        ("expertisegebieden", m.expertisegebieden.is_some()),
        ("resultaatgebieden", m.resultaatgebieden.is_some()),
        ("principes", m.principes.is_some()),
    ];
    let mut keys: Vec<&'static str> = checks
        .iter()
        .filter(|(_, set)| *set)
        .map(|(k, _)| *k)
        .collect();
    if m.vanaf.is_some() {
        keys.push("vanaf");
    }
    keys
}

fn resolve_levels(page: &mut Page, config: &Config, problems: &mut Vec<Problem>) {
    let all = config.level_ids();
    let mut wanted: Vec<String> = Vec::new();
    if let (Some(_), Some(_)) = (&page.meta.vanaf, &page.meta.niveaus) {
        problems.push(page.key_problem(
            "niveaus",
            None,
            "use either `vanaf` or `niveaus`, not both",
        ));
    }
    if let Some(v) = page.meta.vanaf.clone() {
        match config.level_index(&v) {
            Some(i) => wanted.extend(all[i..].iter().cloned()),
            None => problems.push(
                page.key_problem("vanaf", Some(&v), format!("unknown level `{v}` in `vanaf`"))
                    .with_help(config.level_help(&v)),
            ),
        }
    }
    if page.meta.niveaus.as_ref().is_some_and(Vec::is_empty) {
        problems.push(
            page.key_problem(
                "niveaus",
                None,
                "`niveaus` is empty: the page would be shown at no level",
            )
            .with_help("list the levels it is for, e.g. `niveaus: [A, B]`, or leave `niveaus` out: then it is for every level"),
        );
    }
    for v in page.meta.niveaus.clone().unwrap_or_default() {
        match config.level(&v) {
            Some(l) => wanted.push(l.id.clone()),
            None => problems.push(
                page.key_problem(
                    "niveaus",
                    Some(&v),
                    format!("unknown level `{v}` in `niveaus`"),
                )
                .with_help(config.level_help(&v)),
            ),
        }
    }
    if let Some(t) = &page.meta.typering {
        for v in t.keys() {
            if config.level(v).is_none() {
                problems.push(
                    page.key_problem(v, None, format!("unknown level `{v}` in `typering`"))
                        .with_help(config.level_help(v)),
                );
            }
        }
    }
    let total = all.len();
    page.levels = if page.meta.vanaf.is_some() || page.meta.niveaus.is_some() {
        all.into_iter().filter(|l| wanted.contains(l)).collect()
    } else {
        all
    };
    // `vanaf: A` names every level: the page is for everyone.
    page.restricted_levels = page.levels.len() < total;
}

/// Every id under `bronnen` must be a source listed in handbook.yaml.
fn check_bronnen(page: &Page, config: &Config, problems: &mut Vec<Problem>) {
    for b in &page.meta.bronnen {
        if config.bron(b).is_none() {
            problems.push(
                page.key_problem(
                    "bronnen",
                    Some(b),
                    format!("unknown source `{b}` in `bronnen`"),
                )
                .with_help(config.bron_help(b)),
            );
        }
    }
}

fn resolve_roles(page: &mut Page, config: &Config, problems: &mut Vec<Problem>) {
    let mut wanted = Vec::new();
    if page.meta.rollen.as_ref().is_some_and(Vec::is_empty) {
        problems.push(
            page.key_problem(
                "rollen",
                None,
                "`rollen` is empty: the page would be shown for no role",
            )
            .with_help(
                "list the roles it is for, or leave `rollen` out: then it is for every role",
            ),
        );
    }
    for r in page.meta.rollen.clone().unwrap_or_default() {
        match config.role(&r) {
            Some(role) => wanted.push(role.id.clone()),
            None => problems.push(
                page.key_problem(
                    "rollen",
                    Some(&r),
                    format!("unknown role `{r}` in `rollen`"),
                )
                .with_help(config.role_help(&r)),
            ),
        }
    }
    let all = config.role_ids();
    let total = all.len();
    page.roles = if page.meta.rollen.is_some() {
        all.into_iter().filter(|r| wanted.contains(r)).collect()
    } else {
        all
    };
    page.restricted_roles = page.roles.len() < total;
}

#[cfg(test)]
mod tests {
    use super::heading_text;

    #[test]
    fn a_title_taken_from_a_heading_is_the_text_a_reader_sees() {
        assert_eq!(heading_text("Werkwijze *samen* {#werk}"), "Werkwijze samen");
        assert_eq!(heading_text("MPA `mode` <Badge type=\"x\" />"), "MPA mode");
        assert_eq!(heading_text("Over [ons](a.md) ##"), "Over ons");
        assert_eq!(heading_text("Financiën & schulden"), "Financiën & schulden");
        assert_eq!(heading_text("   "), "");
    }
}
