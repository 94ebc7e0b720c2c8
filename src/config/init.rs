//! `handboek init`: a first `handbook.yaml` for an existing Markdown folder, so a team moves
//! from the tolerant plain mode to the full model one step at a time.

use std::path::{Path, PathBuf};

use super::{CONFIG_FILE, Config};

/// Why no `handbook.yaml` was written.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already exists; handboek init does not overwrite it")]
    Exists(PathBuf),
    #[error("{0} is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("{0}")]
    MkDocs(String),
}

/// Write `handbook.yaml` into the Markdown folder of `path` (an MkDocs project root means its
/// `docs_dir`); returns the file written.
pub fn init(path: &Path) -> Result<PathBuf, InitError> {
    let root =
        super::mkdocs::content_root(path, None).map_err(|p| InitError::MkDocs(p.to_plain()))?;
    if !root.is_dir() {
        return Err(InitError::NotAFolder(root));
    }
    let file = root.join(CONFIG_FILE);
    if file.exists() {
        return Err(InitError::Exists(file));
    }
    let title = Config::plain_for(&root)
        .map(|c| c.title)
        .unwrap_or_else(|_| Config::defaults_for(&root).title);
    std::fs::write(&file, handbook_yaml(&title)).map_err(|e| InitError::Write(file.clone(), e))?;
    Ok(file)
}

/// The text of a first `handbook.yaml`: the title set, levels and roles as commented examples.
pub fn handbook_yaml(title: &str) -> String {
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| "\"Handboek\"".into());
    format!(
        r#"# Settings of the handbook. With this file the folder is read strictly: unknown front matter
# keys are errors (free data goes under `extra:`), pages need a `title`. Run `handboek check`.
title: {quoted}
language: nl
base_url: /

# The levels of the functiefamilie, lowest first. Pages limit themselves with `niveaus: [A, B]`
# or `vanaf: B`.
niveaus: []
#  - id: A
#    name: Medewerker A
#    schaal: "7"
#    denkniveau: mbo
#  - id: B
#    name: Medewerker B
#    schaal: "8"
#    denkniveau: hbo

# The roles a reader comes in. Pages limit themselves with `rollen: [hr-adviseur]`.
rollen: []
#  - id: medewerker
#    name: Medewerker
#    omschrijving: "Zoekt houvast bij het eigen werk."
#  - id: hr-adviseur
#    name: HR-adviseur
#    omschrijving: "Zoekt het functieprofiel van een niveau."

search:
  # Words that find each other, e.g. [mpop, plan van de inwoner].
  synonyms: []
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_file_is_a_valid_handbook_yaml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
        let file = init(dir.path()).unwrap();
        let (config, warnings) = Config::load_with_warnings(dir.path()).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(!config.is_plain());
        assert!(config.levels.is_empty() && config.roles.is_empty());
        assert!(matches!(init(dir.path()), Err(InitError::Exists(f)) if f == file));
        let odd = handbook_yaml("Een \"titel\": met: tekens");
        let c: Config = yaml_serde::from_str(&odd).unwrap();
        assert_eq!(c.title, "Een \"titel\": met: tekens");
    }
}
