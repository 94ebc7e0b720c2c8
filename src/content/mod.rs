//! Content: the handbook's sources read from disk and parsed into pages and data, before any
//! page knows about another.

pub mod collection;
pub mod front_matter;
pub mod load;
pub mod matrix;
pub mod page;
pub mod plain;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use collection::Kind;
pub use matrix::{Criterion, Matrix};
pub use page::Page;

use crate::config::Config;
use crate::diagnostics::Problem;

/// Everything parsed from a handbook folder.
#[derive(Debug, Default)]
pub struct Content {
    /// Pages sorted by id.
    pub pages: Vec<Page>,
    pub matrices: BTreeMap<String, Matrix>,
    /// Files copied as they are: (relative path, absolute path).
    pub assets: Vec<(PathBuf, PathBuf)>,
}

/// Read and parse every source under `root`; problems are collected, not returned early.
pub fn read(
    root: &Path,
    config: &Config,
    has_config: bool,
    exclude: &[PathBuf],
) -> (Content, Vec<Problem>) {
    let loaded = load::load(root, exclude, config.is_plain());
    let mut problems = loaded.problems;
    let parsed: Vec<Result<Page, Vec<Problem>>> = loaded
        .markdown
        .par_iter()
        .map(|f| page::parse(f, config, has_config))
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(p) => pages.push(p),
            Err(ps) => problems.extend(ps),
        }
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(plain) = &config.plain {
        // The list of chapters orders the book; it is no chapter itself.
        if plain.summary.is_some() {
            pages.retain(|p| p.source != Path::new(crate::config::summary::FILE_NAME));
        }
        problems.extend(plain::arrange(&mut pages, plain));
    }
    let mut matrices = BTreeMap::new();
    for f in &loaded.data {
        match matrix::parse(f, config) {
            Some(Ok(m)) => {
                matrices.insert(m.familie.clone(), m);
            }
            Some(Err(ps)) => problems.extend(ps),
            None => problems.push(Problem::warning(
                &f.rel,
                "this YAML file is not part of the content model and is not published",
            )),
        }
    }
    (
        Content {
            pages,
            matrices,
            assets: loaded.assets,
        },
        problems,
    )
}
