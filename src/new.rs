//! `handboek new`: a new source file with the front matter of its collection, a free file name
//! and placeholders (`TODO:`) that `handboek check` reports until they are filled in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::slug::slugify;

/// The kinds of page `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Dilemma,
    Hoofdstuk,
    Expertisegebied,
    Resultaatgebied,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(
        "`{0}` is not a kind of page `new` knows: use dilemma, hoofdstuk, expertisegebied or resultaatgebied"
    )]
    UnknownKind(String),
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{0}")]
    Config(String),
    #[error("no functiefamilie found under {0}: make functiefamilie/<naam>/_index.md first")]
    NoFamilie(PathBuf),
    #[error("there are several functiefamilies ({0}): write the title as `<familie>/<titel>`")]
    WhichFamilie(String),
    #[error("there is no functiefamilie `{0}`; there are: {1}")]
    UnknownFamilie(String, String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::str::FromStr for NewKind {
    type Err = NewError;
    fn from_str(s: &str) -> Result<Self, NewError> {
        match s {
            "dilemma" => Ok(NewKind::Dilemma),
            "hoofdstuk" => Ok(NewKind::Hoofdstuk),
            "expertisegebied" => Ok(NewKind::Expertisegebied),
            "resultaatgebied" => Ok(NewKind::Resultaatgebied),
            other => Err(NewError::UnknownKind(other.to_string())),
        }
    }
}

/// A YAML string that survives any title: a double-quoted scalar.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
}

const TODO: &str = "TODO: …invullen…";

/// Write the new page under `root` and return its path.
pub fn new_page(root: &Path, kind: NewKind, title: &str) -> Result<PathBuf, NewError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(NewError::EmptyTitle);
    }
    let config = Config::load(root).map_err(|ps| {
        NewError::Config(
            ps.iter()
                .map(|p| p.to_plain())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let (dir, title, prefix, extra) = match kind {
        NewKind::Dilemma => (root.join("dilemmas"), title, String::new(), dilemma()),
        NewKind::Hoofdstuk => (root.join("handboek"), title, String::new(), String::new()),
        NewKind::Expertisegebied => (
            root.join("expertisegebieden"),
            title,
            String::new(),
            format!("vakgebied: \"{TODO}\"\nkenmerk: \"{TODO}\"\ncompetentie: \"{TODO}\"\n"),
        ),
        NewKind::Resultaatgebied => {
            let (familie, title) = familie(root, title)?;
            let dir = root
                .join("functiefamilie")
                .join(familie)
                .join("resultaatgebieden");
            let nummer = next_number(&dir);
            let vanaf = config.levels.first().map_or("A", |l| l.id.as_str());
            let extra = format!("nummer: {nummer}\nvanaf: {vanaf}\nresultaat: \"{TODO}\"\n");
            (dir, title, format!("{nummer:02}-"), extra)
        }
    };
    let slug = free_slug(root, &slugify(title));
    let path = dir.join(format!("{prefix}{slug}.md"));
    let mut text = String::from("---\n");
    let _ = writeln!(text, "title: {}", quoted(title));
    let _ = writeln!(text, "samenvatting: \"{TODO}\"");
    text.push_str(&extra);
    text.push_str("---\n\n");
    text.push_str(&body(kind));
    std::fs::create_dir_all(&dir).map_err(|source| NewError::Io {
        path: dir.clone(),
        source,
    })?;
    std::fs::write(&path, text).map_err(|source| NewError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

fn dilemma() -> String {
    format!(
        "spanningsveld:\n  - \"{TODO} (de ene waarde)\"\n  - \"{TODO} (de andere waarde)\"\ncasus: \"{TODO}\"\nexpertisegebieden: []\nresultaatgebieden: []\nprincipes: []\n"
    )
}

fn body(kind: NewKind) -> String {
    match kind {
        NewKind::Dilemma => format!(
            "## De spanning\n\n{TODO}\n\n## Vragen voor het teamgesprek\n\n1. {TODO}\n2. {TODO}\n3. {TODO}\n"
        ),
        NewKind::Resultaatgebied => format!("- {TODO}\n- {TODO}\n"),
        _ => format!("{TODO}\n"),
    }
}

/// The family and the title from `familie/titel`, or the only family there is.
fn familie<'a>(root: &Path, title: &'a str) -> Result<(String, &'a str), NewError> {
    let base = root.join("functiefamilie");
    let mut families: Vec<String> = std::fs::read_dir(&base)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    families.sort();
    if let Some((f, t)) = title.split_once('/') {
        let (f, t) = (f.trim(), t.trim());
        if !families.iter().any(|x| x == f) {
            return Err(NewError::UnknownFamilie(f.to_string(), families.join(", ")));
        }
        if t.is_empty() {
            return Err(NewError::EmptyTitle);
        }
        return Ok((f.to_string(), t));
    }
    match families.as_slice() {
        [] => Err(NewError::NoFamilie(base)),
        [one] => Ok((one.clone(), title)),
        many => Err(NewError::WhichFamilie(many.join(", "))),
    }
}

/// One more than the highest `NN-` prefix in `dir`.
fn next_number(dir: &Path) -> u32 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.split('-').next()?.parse::<u32>().ok()
                })
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0)
        + 1
}

/// `slug`, or `slug-2`, `slug-3`, … when a page anywhere in the handbook has that name, so
/// references by file name stay unique.
fn free_slug(root: &Path, slug: &str) -> String {
    let slug = if slug.is_empty() { "pagina" } else { slug };
    let taken: std::collections::HashSet<String> = WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let stem = e.path().file_stem()?.to_string_lossy().into_owned();
            // Result areas carry a number prefix: `07-netwerk` is taken as `netwerk` too.
            let bare = stem
                .split_once('-')
                .filter(|(n, _)| n.parse::<u32>().is_ok());
            Some(bare.map_or(stem.clone(), |(_, s)| s.to_string()))
        })
        .collect();
    (1..)
        .map(|n| {
            if n == 1 {
                slug.to_string()
            } else {
                format!("{slug}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
        .unwrap_or_else(|| slug.to_string())
}
