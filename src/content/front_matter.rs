//! Front matter: the YAML between `---` lines at the top of a page, typed and strict.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Problem;
use crate::yaml;

/// Every key a page may carry. Which collection-specific keys a page may use is checked in
/// [`super::collection`]; everything else belongs under `extra`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub samenvatting: Option<String>,
    pub volgorde: Option<i64>,
    pub vanaf: Option<String>,
    pub niveaus: Option<Vec<String>>,
    pub rollen: Option<Vec<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub gerelateerd: Vec<String>,
    /// A template other than the default for this kind of page.
    pub template: Option<String>,
    /// Ids of the source documents (`bronnen` in handbook.yaml) this page rests on.
    #[serde(default)]
    pub bronnen: Vec<String>,
    /// `true` for a page meant for editors: search ranks it below all guidance.
    pub redactie: Option<bool>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,

    // functiefamilie/<familie>/_index.md
    pub versie: Option<String>,
    pub vastgesteld: Option<String>,
    /// The job grading the family rests on, as the source names it.
    pub weging: Option<String>,
    pub typering: Option<BTreeMap<String, String>>,
    pub doel: Option<String>,
    // functiefamilie/<familie>/resultaatgebieden/*.md
    pub nummer: Option<u32>,
    pub resultaat: Option<String>,
    // functiefamilie/<familie>/functie-eisen.md
    pub competenties: Option<Vec<Competentie>>,
    // expertisegebieden/*.md
    pub vakgebied: Option<String>,
    pub kenmerk: Option<String>,
    pub competentie: Option<String>,
    // dilemmas/*.md
    pub spanningsveld: Option<Vec<String>>,
    pub casus: Option<String>,
    pub expertisegebieden: Option<Vec<String>>,
    pub resultaatgebieden: Option<Vec<String>>,
    pub principes: Option<Vec<String>>,
}

/// One competence of the functie-eisen.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Competentie {
    pub naam: String,
    #[serde(default)]
    pub omschrijving: String,
}

pub const COMMON_KEYS: &[&str] = &[
    "title",
    "samenvatting",
    "volgorde",
    "vanaf",
    "niveaus",
    "rollen",
    "tags",
    "gerelateerd",
    "template",
    "bronnen",
    "redactie",
    "extra",
];

/// Every key a front matter may have: the common ones and those of each typed collection.
pub fn all_keys() -> Vec<&'static str> {
    let typed = super::Kind::TYPED.iter().flat_map(|k| k.extra_keys());
    COMMON_KEYS.iter().chain(typed).copied().collect()
}

/// A page split into its front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text (empty when the page has none).
    pub yaml: &'a str,
    /// Byte offset of the YAML in the file.
    pub yaml_start: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_start: usize,
}

/// Split `text` at its `---` lines. A page without front matter is all body.
pub fn split<'a>(text: &'a str, path: &Path, source: &Arc<String>) -> Result<Split<'a>, Problem> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        if let Some(offset) = misplaced_front_matter(text) {
            return Err(Problem::error(
                path,
                "the front matter must start on the first line of the file, before any blank line",
            )
            .with_help("remove the blank lines above this `---`; now it is read as body text")
            .at_offset(source, offset, 3));
        }
        return Ok(Split {
            yaml: "",
            yaml_start: 0,
            body: text,
            body_start: 0,
        });
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for line in text[offset..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_start,
                body: &text[body_start..],
                body_start,
            });
        }
        offset += line.len();
    }
    Err(Problem::error(
        path,
        "the front matter is not closed: a line `---` is missing after it",
    )
    .with_help(
        "front matter is YAML between a `---` line at the top and a second `---` (or `...`) line",
    )
    .at_offset(source, 0, 3))
}

/// The offset of a `---` line that opens front matter below blank lines: the first line with
/// text is `---` and the next one looks like `key:`.
fn misplaced_front_matter(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    for line in lines.by_ref() {
        if !line.trim().is_empty() {
            break;
        }
        offset += line.len();
    }
    if offset == 0 || text[offset..].lines().next()?.trim() != "---" {
        return None;
    }
    let next = lines.next()?.trim_start();
    let key_len = next
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(next.len());
    (key_len > 0 && next[key_len..].starts_with(':')).then_some(offset)
}

/// Parse the YAML of a split page.
pub fn parse(split: &Split<'_>, path: &Path, source: &Arc<String>) -> Result<FrontMatter, Problem> {
    yaml::parse(
        split.yaml,
        split.yaml_start,
        path,
        source,
        "front matter",
        &all_keys(),
    )
}

/// The keys a plain folder's page (no `handbook.yaml`) reads; every other key is kept under
/// `extra` (levels, roles and sources mean nothing without `handbook.yaml`).
pub const PLAIN_KEYS: &[&str] = &[
    "title",
    "samenvatting",
    "volgorde",
    "tags",
    "redactie",
    "extra",
];

/// Parse the YAML of a plain folder's page: known keys typed, the rest moved under `extra`.
/// MkDocs' `description` also becomes the summary when there is none.
pub fn parse_plain(
    split: &Split<'_>,
    path: &Path,
    source: &Arc<String>,
) -> Result<FrontMatter, Problem> {
    let map: serde_json::Map<String, serde_json::Value> = yaml::parse(
        split.yaml,
        split.yaml_start,
        path,
        source,
        "front matter",
        &[],
    )?;
    let mut known = serde_json::Map::new();
    let mut extra = BTreeMap::new();
    for (key, value) in map {
        if key == "extra" {
            if let serde_json::Value::Object(o) = value {
                extra.extend(o);
            }
        } else if PLAIN_KEYS.contains(&key.as_str()) {
            known.insert(key, value);
        } else {
            extra.insert(key, value);
        }
    }
    if !known.contains_key("samenvatting")
        && let Some(serde_json::Value::String(d)) = extra.get("description")
    {
        known.insert("samenvatting".into(), serde_json::Value::String(d.clone()));
    }
    let mut meta: FrontMatter =
        serde_json::from_value(serde_json::Value::Object(known)).map_err(|e| {
            Problem::error(path, format!("front matter: {e}")).at_offset(
                source,
                split.yaml_start,
                1,
            )
        })?;
    meta.extra = extra;
    Ok(meta)
}

/// The top-level keys of a plain page's front matter that handboek does not read.
pub fn unknown_plain_keys(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_string())
        })
        .filter(|k| !k.is_empty() && k != "extra" && !PLAIN_KEYS.contains(&k.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Arc<String> {
        Arc::new(s.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = src("---\ntitle: A\n---\nBody\n");
        let sp = split(&s, Path::new("a.md"), &s).unwrap();
        assert_eq!(sp.yaml, "title: A\n");
        assert_eq!(sp.body, "Body\n");
        assert_eq!(&s[sp.body_start..], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let s = src("---\ntitle: A\nBody\n");
        let p = split(&s, Path::new("a.md"), &s).unwrap_err();
        assert!(p.message.contains("not closed"));
        assert_eq!(p.location.unwrap().line, 1);
    }

    #[test]
    fn front_matter_below_a_blank_line_is_an_error_on_its_line() {
        let s = src("\n\n---\ntitle: A\n---\nBody\n");
        let p = split(&s, Path::new("a.md"), &s).unwrap_err();
        assert!(p.message.contains("first line"), "{}", p.message);
        assert_eq!(p.location.unwrap().line, 3);
        // A thematic break below blank lines is body text.
        let s = src("\nTekst\n\n---\n\nMeer\n");
        assert_eq!(split(&s, Path::new("a.md"), &s).unwrap().body, &s[..]);
        let s = src("\n---\n\nMeer\n");
        assert!(split(&s, Path::new("a.md"), &s).is_ok());
    }

    #[test]
    fn three_dots_close_front_matter_as_in_yaml() {
        let s = src("---\ntitle: A\n...\nBody\n");
        let sp = split(&s, Path::new("a.md"), &s).unwrap();
        assert_eq!((sp.yaml, sp.body), ("title: A\n", "Body\n"));
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let s = src("---\ntitle: A\nsamenvating: x\n---\n");
        let sp = split(&s, Path::new("a.md"), &s).unwrap();
        let p = parse(&sp, Path::new("a.md"), &s).unwrap_err();
        assert!(
            p.message.contains("unknown key `samenvating`"),
            "{}",
            p.message
        );
        assert!(p.help.unwrap().contains("samenvatting"));
        assert_eq!(p.location.unwrap().line, 3);
    }

    #[test]
    fn plain_pages_keep_unknown_keys_under_extra() {
        let s = src("---\ntitle: A\nhide:\n  - toc\ndescription: Kort\n---\nBody\n");
        let sp = split(&s, Path::new("a.md"), &s).unwrap();
        let m = parse_plain(&sp, Path::new("a.md"), &s).unwrap();
        assert_eq!(m.title.as_deref(), Some("A"));
        assert_eq!(m.samenvatting.as_deref(), Some("Kort"));
        assert!(m.extra.contains_key("hide") && m.extra.contains_key("description"));
        assert_eq!(unknown_plain_keys(sp.yaml), vec!["hide", "description"]);
        // The handbook format stays strict.
        assert!(parse(&sp, Path::new("a.md"), &s).is_err());
    }

    #[test]
    fn wrong_type_names_the_key_and_line() {
        let s = src("---\ntitle: A\nvanaf: [A]\n---\n");
        let sp = split(&s, Path::new("a.md"), &s).unwrap();
        let p = parse(&sp, Path::new("a.md"), &s).unwrap_err();
        assert!(p.message.contains("`vanaf`"), "{}", p.message);
        assert_eq!(p.location.unwrap().line, 3);
    }
}
