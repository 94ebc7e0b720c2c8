//! The theme: templates and static files, looked up in the handbook's own `templates/` and
//! `static/`, then a theme folder chosen in `handbook.yaml`, then the default theme embedded in
//! the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use walkdir::WalkDir;

use crate::diagnostics::Problem;

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// A file of the theme and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// Where the file was found: a path on disk, or `(embedded) templates/page.html`.
    pub origin: PathBuf,
    /// Whether the file comes from the handbook or a theme folder, not the embedded default.
    pub overridden: bool,
}

/// Templates and static files after the lookup order has been applied.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name → file, winner of the lookup.
    pub templates: BTreeMap<String, ThemeFile>,
    /// The theme's own templates (theme folder or embedded), reachable as `theme/<name>`.
    pub base_templates: BTreeMap<String, ThemeFile>,
    /// Static file name (relative to `static/`) → file.
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Assemble the theme for the handbook at `root` with the settings of `config`.
    pub fn load(root: &Path, config: &crate::config::Config) -> Result<Theme, Vec<Problem>> {
        let theme_dir = config.theme.as_deref();
        let mut theme = Theme::default();
        for name in DefaultTheme::iter() {
            let Some(file) = DefaultTheme::get(&name) else {
                continue;
            };
            let f = ThemeFile {
                bytes: file.data.into_owned(),
                origin: PathBuf::from(format!("(embedded theme) {name}")),
                overridden: false,
            };
            if let Some(t) = name.strip_prefix("templates/") {
                theme.base_templates.insert(t.to_string(), f);
            } else if let Some(s) = name.strip_prefix("static/") {
                theme.statics.insert(s.to_string(), f);
            }
        }
        let mut problems = Vec::new();
        if let Some(dir) = theme_dir {
            let dir = root.join(dir);
            if !dir.is_dir() {
                return Err(vec![Problem::error(
                    crate::config::CONFIG_FILE,
                    format!("the theme folder {} does not exist", dir.display()),
                )]);
            }
            overlay(&dir, "templates", &mut theme.base_templates, &mut problems);
            overlay(&dir, "static", &mut theme.statics, &mut problems);
        }
        theme.templates = theme.base_templates.clone();
        if config.overrides_theme() {
            overlay(root, "templates", &mut theme.templates, &mut problems);
            overlay(root, "static", &mut theme.statics, &mut problems);
        }
        if problems.is_empty() {
            Ok(theme)
        } else {
            Err(problems)
        }
    }

    /// Every file the theme was read from on disk (to watch them).
    pub fn disk_files(&self) -> Vec<PathBuf> {
        self.templates
            .values()
            .chain(self.base_templates.values())
            .chain(self.statics.values())
            .filter(|f| f.overridden)
            .map(|f| f.origin.clone())
            .collect()
    }
}

/// Put the files under `base/sub` over `into`, keyed by their path relative to `base/sub`.
/// A symbolic link that leads out of `base` (the handbook or theme folder) is an error.
fn overlay(
    base: &Path,
    sub: &str,
    into: &mut BTreeMap<String, ThemeFile>,
    problems: &mut Vec<Problem>,
) {
    let dir = &base.join(sub);
    if !dir.is_dir() {
        return;
    }
    let real_base = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    let mut outside = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(
            |e| match crate::content::load::link_outside(base, &real_base, e) {
                Some(p) => {
                    outside.push(p);
                    false
                }
                None => true,
            },
        );
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::error(
                    dir,
                    format!("cannot read the theme folder: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file()
            || crate::content::load::is_temp_file(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                into.insert(
                    name,
                    ThemeFile {
                        bytes,
                        origin: entry.path().to_path_buf(),
                        overridden: true,
                    },
                );
            }
            Err(e) => problems.push(Problem::error(
                entry.path(),
                format!("cannot read the file: {e}"),
            )),
        }
    }
    problems.extend(outside);
}
