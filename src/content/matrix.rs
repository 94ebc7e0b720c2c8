//! The knowledge-and-experience matrix of a functiefamilie: criteria × levels, from
//! `functiefamilie/<familie>/kennis-en-ervaring.yaml`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::load::SourceFile;
use crate::config::Config;
use crate::diagnostics::Problem;
use crate::yaml;

pub const MATRIX_FILE: &str = "kennis-en-ervaring.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixFile {
    criteria: Vec<CriterionFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    naam: String,
    #[serde(default)]
    niveaus: BTreeMap<String, String>,
}

/// One criterion row: its text per level id; a missing level is not asked at that level.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub naam: String,
    pub niveaus: BTreeMap<String, String>,
}

impl Criterion {
    pub fn at(&self, level: &str) -> Option<&str> {
        self.niveaus
            .get(level)
            .map(String::as_str)
            .filter(|t| !t.trim().is_empty())
    }
}

/// The matrix of one familie.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub familie: String,
    pub source: PathBuf,
    pub criteria: Vec<Criterion>,
}

/// Parse a data file if it is a familie's matrix; other YAML files are not content.
pub fn parse(file: &SourceFile, config: &Config) -> Option<Result<Matrix, Vec<Problem>>> {
    let parts: Vec<String> = file
        .rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let familie = match parts.as_slice() {
        [f, familie, m] if f == "functiefamilie" && m == MATRIX_FILE => familie.clone(),
        _ => return None,
    };
    let parsed: Result<MatrixFile, Problem> = yaml::parse(
        &file.text,
        0,
        &file.rel,
        &file.text,
        MATRIX_FILE,
        &["criteria", "naam", "niveaus"],
    );
    let parsed = match parsed {
        Ok(p) => p,
        Err(p) => return Some(Err(vec![p])),
    };
    let mut problems = Vec::new();
    let mut criteria = Vec::new();
    for c in parsed.criteria {
        let mut niveaus = BTreeMap::new();
        for (level, text) in c.niveaus {
            match config.level(&level) {
                Some(l) => {
                    niveaus.insert(l.id.clone(), text);
                }
                None => {
                    let at = yaml::key_offset(&file.text, &level).unwrap_or(0);
                    problems.push(
                        Problem::error(
                            &file.rel,
                            format!("unknown level `{level}` in criterion `{}`", c.naam),
                        )
                        .with_help(config.level_help(&level))
                        .at_offset(&file.text, at, level.len()),
                    );
                }
            }
        }
        criteria.push(Criterion {
            naam: c.naam,
            niveaus,
        });
    }
    Some(if problems.is_empty() {
        Ok(Matrix {
            familie,
            source: file.rel.clone(),
            criteria,
        })
    } else {
        Err(problems)
    })
}
