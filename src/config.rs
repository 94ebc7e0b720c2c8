//! The handbook's settings in `handbook.yaml`: title, base URL, levels, roles, Markdown and
//! search options. A folder without `handbook.yaml` gets the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Problem, did_you_mean};
use crate::yaml;

pub mod init;
mod legacy;
pub mod mkdocs;
pub mod summary;

pub const CONFIG_FILE: &str = "handbook.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Another theme folder, relative to the handbook folder.
    #[serde(default)]
    pub theme: Option<PathBuf>,
    /// `niveaus` in the file (`levels` is read with a warning); `levels` for templates.
    #[serde(default, rename(deserialize = "niveaus"), alias = "levels")]
    pub levels: Vec<LevelDef>,
    /// `rollen` in the file (`roles` is read with a warning); `roles` for templates.
    #[serde(default, rename(deserialize = "rollen"), alias = "roles")]
    pub roles: Vec<RoleDef>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub search: SearchConfig,
    /// The source documents the handbook draws on; pages name them under `bronnen`.
    #[serde(default)]
    pub bronnen: Vec<BronDef>,
    /// Free data for templates.
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Set for a folder without `handbook.yaml`: plain Markdown, read tolerantly.
    #[serde(skip)]
    pub plain: Option<PlainMode>,
}

/// How a plain Markdown folder (no `handbook.yaml`) is read: tolerant, with what its
/// `mkdocs.yml` or, without one, its `SUMMARY.md` (mdBook, GitBook) says.
#[derive(Debug, Clone, Default)]
pub struct PlainMode {
    /// The folder read, to see which index file a folder has.
    pub root: PathBuf,
    /// What `mkdocs.yml` says, when the folder has one.
    pub mkdocs: Option<mkdocs::MkDocs>,
    /// The chapters `SUMMARY.md` lists, when the folder has one and no `mkdocs.yml`.
    pub summary: Option<summary::Summary>,
}

impl PlainMode {
    /// Position and title `nav:` (or `SUMMARY.md`) gives the page or folder at `rel`.
    pub fn nav(&self, rel: &Path) -> Option<&mkdocs::NavEntry> {
        self.nav_entries()?.get(rel)
    }

    /// Every page and folder `nav:` (or `SUMMARY.md`) places, and the file that says so.
    pub fn nav_entries(&self) -> Option<&std::collections::BTreeMap<PathBuf, mkdocs::NavEntry>> {
        match (&self.mkdocs, &self.summary) {
            (Some(m), _) => Some(&m.nav),
            (None, Some(s)) => Some(&s.nav),
            (None, None) => None,
        }
    }

    /// The file that orders the pages: `mkdocs.yml` or `SUMMARY.md`.
    pub fn nav_file(&self) -> Option<PathBuf> {
        match (&self.mkdocs, &self.summary) {
            (Some(m), _) => Some(m.path.clone()),
            (None, Some(_)) => Some(PathBuf::from(summary::FILE_NAME)),
            (None, None) => None,
        }
    }

    /// The extra stylesheets to link, relative to the site root.
    pub fn extra_css(&self) -> &[String] {
        self.mkdocs.as_ref().map_or(&[], |m| &m.extra_css)
    }

    /// The external links of `nav:`.
    pub fn links(&self) -> &[mkdocs::Link] {
        self.mkdocs.as_ref().map_or(&[], |m| &m.links)
    }
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "language",
    "base_url",
    "description",
    "theme",
    "niveaus",
    "rollen",
    "markdown",
    "search",
    "extra",
    "id",
    "name",
    "schaal",
    "denkniveau",
    "omschrijving",
    "smart_punctuation",
    "sanitize_html",
    "synonyms",
    "bronnen",
    "author",
    "publisher",
    "year",
    "schaal_toelichting",
];

/// One level of the functiefamilie, lowest first in the config.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    pub id: String,
    pub name: String,
    #[serde(default, with = "opt_string_or_number")]
    pub schaal: Option<String>,
    #[serde(default)]
    pub denkniveau: Option<String>,
    #[serde(default)]
    pub omschrijving: Option<String>,
    /// What qualifies the scale, as the source says it (for instance that it is indicative).
    #[serde(default)]
    pub schaal_toelichting: Option<String>,
}

/// One source document. Only what the source itself says: unknown fields stay out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BronDef {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default, with = "opt_string_or_number")]
    pub year: Option<String>,
}

/// A role a reader comes in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub id: String,
    pub name: String,
    /// `omschrijving` in the file (`description` is read with a warning).
    #[serde(default, rename(deserialize = "omschrijving"), alias = "description")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub smart_punctuation: bool,
    #[serde(default = "yes")]
    pub sanitize_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: false,
            sanitize_html: true,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

fn default_language() -> String {
    "nl".into()
}
fn default_base_url() -> String {
    "/".into()
}
fn yes() -> bool {
    true
}

mod opt_string_or_number {
    use serde::{Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        crate::yaml::string_or_number::deserialize(d).map(Some)
    }

    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(v),
            None => s.serialize_none(),
        }
    }
}

impl Config {
    /// Default settings: the folder's name as title, no levels or roles (read strictly; see
    /// [`Config::plain_for`] for a folder without `handbook.yaml`).
    pub fn defaults_for(root: &Path) -> Config {
        let title = root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Handboek".into());
        Config {
            title,
            language: default_language(),
            base_url: default_base_url(),
            description: None,
            theme: None,
            levels: Vec::new(),
            roles: Vec::new(),
            markdown: MarkdownConfig::default(),
            search: SearchConfig::default(),
            bronnen: Vec::new(),
            extra: BTreeMap::new(),
            plain: None,
        }
    }

    /// Whether this is a plain Markdown folder rather than a handbook.
    pub fn is_plain(&self) -> bool {
        self.plain.is_some()
    }

    /// Whether the folder's own `templates/` and `static/` override the theme (a handbook's
    /// do). In a plain folder they are content like any other folder: Hugo's and MkDocs' trees
    /// have sections of those names.
    pub fn overrides_theme(&self) -> bool {
        !self.is_plain()
    }

    /// The settings of a plain folder: the defaults, and what its `mkdocs.yml` says.
    pub fn plain_for(root: &Path) -> Result<Config, Vec<Problem>> {
        let mut config = Config::defaults_for(root);
        config.plain = Some(PlainMode {
            root: root.to_path_buf(),
            mkdocs: None,
            summary: None,
        });
        let Some(file) = mkdocs::find_for(root) else {
            if let Some(plain) = &mut config.plain {
                plain.summary = summary::read(root);
            }
            if let Some((title, description)) = summary::book_for(root) {
                config.title = title;
                config.description = description;
            }
            return Ok(config);
        };
        let m = mkdocs::read(&file).map_err(|p| vec![p])?;
        if let Some(name) = m.site_name.clone().filter(|n| !n.trim().is_empty()) {
            config.title = name;
        }
        config.description = m.site_description.clone();
        if let Some(plain) = &mut config.plain {
            plain.mkdocs = Some(m);
        }
        Ok(config)
    }

    /// Read `handbook.yaml` from `root`, or the defaults when there is none; its warnings are
    /// dropped (see [`Config::load_with_warnings`]).
    pub fn load(root: &Path) -> Result<Config, Vec<Problem>> {
        Config::load_with_warnings(root).map(|(config, _)| config)
    }

    /// Read `handbook.yaml` from `root`, or the defaults when there is none, with the warnings
    /// about it (old spellings of keys).
    pub fn load_with_warnings(root: &Path) -> Result<(Config, Vec<Problem>), Vec<Problem>> {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Config::plain_for(root).map(|config| (config, Vec::new()));
        }
        let rel = PathBuf::from(CONFIG_FILE);
        // The same reader as the pages: the same size limit and the same message for bad UTF-8.
        let text = crate::content::load::read_text(&path, &rel).map_err(|p| vec![p])?;
        let source = Arc::new(text);
        let (warnings, errors): (Vec<Problem>, Vec<Problem>) = legacy::check(&source, &rel)
            .into_iter()
            .partition(|p| p.level == crate::diagnostics::Level::Warning);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut config: Config = yaml::parse(&source, 0, &rel, &source, CONFIG_FILE, CONFIG_KEYS)
            .map_err(|p| vec![p])?;
        config.base_url = normalize_base_url(&config.base_url);
        config.validate(&rel, &source)?;
        Ok((config, warnings))
    }

    fn validate(&self, rel: &Path, source: &Arc<String>) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for id in self
            .levels
            .iter()
            .map(|l| &l.id)
            .chain(self.roles.iter().map(|r| &r.id))
        {
            if !seen.insert(id.to_lowercase()) {
                let at = yaml::value_offset(source, "- id", id).unwrap_or(0);
                problems.push(
                    Problem::error(
                        rel,
                        format!("the id `{id}` is used twice among levels and roles"),
                    )
                    .at_offset(source, at, id.len()),
                );
            }
            if !valid_id(id) {
                let at = yaml::value_offset(source, "- id", id).unwrap_or(0);
                problems.push(
                    Problem::error(
                        rel,
                        format!("the id `{id}` may only hold letters, digits and `-`"),
                    )
                    .at_offset(source, at, id.len().max(1)),
                );
            }
        }
        let mut bron_ids = std::collections::BTreeSet::new();
        for b in &self.bronnen {
            let at = || yaml::value_offset(source, "- id", &b.id).unwrap_or(0);
            if !bron_ids.insert(b.id.to_lowercase()) {
                problems.push(
                    Problem::error(rel, format!("the source `{}` is listed twice", b.id))
                        .at_offset(source, at(), b.id.len()),
                );
            }
            if !valid_id(&b.id) {
                problems.push(
                    Problem::error(
                        rel,
                        format!(
                            "the source id `{}` may only hold letters, digits and `-`",
                            b.id
                        ),
                    )
                    .at_offset(source, at(), b.id.len().max(1)),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The source with this id (case-insensitive).
    pub fn bron(&self, id: &str) -> Option<&BronDef> {
        self.bronnen.iter().find(|b| b.id.eq_ignore_ascii_case(id))
    }

    /// A "did you mean" for an unknown source id, listing the known ones otherwise.
    pub fn bron_help(&self, id: &str) -> String {
        did_you_mean(id, self.bronnen.iter().map(|b| b.id.as_str())).unwrap_or_else(|| {
            if self.bronnen.is_empty() {
                "no sources are listed under `bronnen` in handbook.yaml".into()
            } else {
                let ids: Vec<&str> = self.bronnen.iter().map(|b| b.id.as_str()).collect();
                format!("known sources: {}", ids.join(", "))
            }
        })
    }

    /// Level ids in order, lowest first.
    pub fn level_ids(&self) -> Vec<String> {
        self.levels.iter().map(|l| l.id.clone()).collect()
    }

    pub fn role_ids(&self) -> Vec<String> {
        self.roles.iter().map(|r| r.id.clone()).collect()
    }

    /// The level with this id (case-insensitive: `b` is `B`).
    pub fn level(&self, id: &str) -> Option<&LevelDef> {
        self.levels.iter().find(|l| l.id.eq_ignore_ascii_case(id))
    }

    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.id.eq_ignore_ascii_case(id))
    }

    pub fn role(&self, id: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// A "did you mean" for an unknown level id, listing the known ones otherwise.
    pub fn level_help(&self, id: &str) -> String {
        did_you_mean(id, self.levels.iter().map(|l| l.id.as_str())).unwrap_or_else(|| {
            if self.levels.is_empty() {
                "no levels are defined in handbook.yaml".into()
            } else {
                format!("known levels: {}", self.level_ids().join(", "))
            }
        })
    }

    pub fn role_help(&self, id: &str) -> String {
        did_you_mean(id, self.roles.iter().map(|r| r.id.as_str())).unwrap_or_else(|| {
            if self.roles.is_empty() {
                "no roles are defined in handbook.yaml".into()
            } else {
                format!("known roles: {}", self.role_ids().join(", "))
            }
        })
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// `handboek` → `/handboek/`; empty → `/`; full URLs keep their scheme and host.
pub fn normalize_base_url(url: &str) -> String {
    let mut url = url.trim().to_string();
    if !url.contains("://") && !url.starts_with('/') {
        url.insert(0, '/');
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(bytes: &[u8]) -> Result<(Config, Vec<Problem>), Vec<Problem>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), bytes).unwrap();
        Config::load_with_warnings(dir.path())
    }

    #[test]
    fn an_oversized_handbook_yaml_is_refused_like_a_page() {
        let mut text = b"title: T\nextra:\n  x: \"".to_vec();
        text.resize(9 * 1024 * 1024, b'a');
        text.extend_from_slice(b"\"\n");
        let errors = load_text(&text).unwrap_err();
        assert!(
            errors[0].message.contains("files over 8 MB are refused"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_handbook_yaml_that_is_not_utf8_names_the_line() {
        let errors = load_text(b"title: T\ndescription: caf\xe9\n").unwrap_err();
        assert!(
            errors[0]
                .message
                .starts_with("line 2, column 17: the file is not valid UTF-8"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn old_and_new_spellings_give_the_same_settings() {
        let new = "title: T\nniveaus:\n  - {id: A, name: Niveau A}\nrollen:\n  - {id: hr, name: HR, omschrijving: Adviseert.}\n";
        let old = "title: T\nlevels:\n  - {id: A, name: Niveau A}\nroles:\n  - {id: hr, name: HR, description: Adviseert.}\n";
        let (a, none) = load_text(new.as_bytes()).unwrap();
        let (b, warnings) = load_text(old.as_bytes()).unwrap();
        assert!(none.is_empty());
        assert_eq!(warnings.len(), 3);
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap()
        );
        assert_eq!(a.roles[0].description.as_deref(), Some("Adviseert."));
    }

    #[test]
    fn both_spellings_at_once_are_an_error() {
        let text = "title: T\nniveaus: []\nlevels: []\n";
        let errors = load_text(text.as_bytes()).unwrap_err();
        assert_eq!(
            errors[0].message,
            "`levels` and `niveaus` are both given; `levels` is the old name of `niveaus`"
        );
    }

    #[test]
    fn base_url_always_has_slashes() {
        assert_eq!(normalize_base_url(""), "/");
        assert_eq!(normalize_base_url("handboek"), "/handboek/");
        assert_eq!(normalize_base_url("/handboek/"), "/handboek/");
        assert_eq!(
            normalize_base_url("https://intranet/hb"),
            "https://intranet/hb/"
        );
    }
}
