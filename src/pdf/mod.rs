//! PDFs of the functieprofielen, typeset with typst as a library: fonts embedded in the binary,
//! no browser, no system fonts, no clock. `handboek pdf` writes them on request; `build` writes
//! one next to every profile page.

mod document;
pub mod escape;
pub mod markdown;
mod world;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use rayon::prelude::*;

use crate::diagnostics::Problem;
use crate::output::OutputFile;
use crate::site::Site;
use crate::views::{Familie, families, level_slug, profile_url};

pub use world::TypesetError;

/// What cannot be made as asked.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("this handbook has no functiefamilie")]
    NoFamilies,
    #[error("unknown functiefamilie `{given}`; the handbook has: {valid}")]
    UnknownFamilie { given: String, valid: String },
    #[error("unknown niveau `{given}`; the levels are: {valid}")]
    UnknownLevel { given: String, valid: String },
    #[error(transparent)]
    Typeset(#[from] TypesetError),
}

/// One profile to typeset: made while the page sources are still in memory.
pub struct Job {
    pub familie: String,
    pub level: String,
    /// Where the PDF goes, relative to the site root (next to the profile page).
    pub path: String,
    pub title: String,
    /// The typst markup of the whole document.
    pub typst: String,
    /// The sources the profile is made from.
    pub sources: Vec<PathBuf>,
}

impl Job {
    /// The PDF's file name (`functieprofiel-wijkcoach-c.pdf`).
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The file name of the PDF of `level` in familie `familie`.
pub fn file_name(familie: &str, level: &str) -> String {
    format!(
        "functieprofiel-{}-{}.pdf",
        crate::slug::slugify(familie),
        level_slug(level)
    )
}

/// The profiles of `familie` (every familie when `None`) at `level` (every level when `None`).
pub fn jobs(site: &Site, familie: Option<&str>, level: Option<&str>) -> Result<Vec<Job>, PdfError> {
    let all = families(site);
    let chosen: Vec<&Familie<'_>> = match familie {
        None => all.iter().collect(),
        Some(_) if all.is_empty() => return Err(PdfError::NoFamilies),
        Some(id) => {
            let f = all
                .iter()
                .find(|f| f.id == id)
                .ok_or_else(|| PdfError::UnknownFamilie {
                    given: id.to_string(),
                    valid: all
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            vec![f]
        }
    };
    let ids = site.config.level_ids();
    let levels: Vec<String> = match level {
        None => ids.iter().map(|l| l.to_string()).collect(),
        Some(given) => {
            let found = ids
                .iter()
                .find(|l| l.eq_ignore_ascii_case(given.trim()))
                .ok_or_else(|| PdfError::UnknownLevel {
                    given: given.to_string(),
                    valid: ids
                        .iter()
                        .map(|l| l.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            vec![found.to_string()]
        }
    };
    Ok(chosen
        .into_iter()
        .flat_map(|f| levels.iter().map(move |l| (f, l)))
        .map(|(f, l)| {
            let doc = document::profile(site, f, l);
            Job {
                familie: f.id.clone(),
                level: l.clone(),
                path: format!("{}{}", profile_url(site, f, l), file_name(&f.id, l)),
                title: doc.title,
                typst: doc.typst,
                sources: f.sources(site),
            }
        })
        .collect())
}

/// Typeset one profile. The same markup gives the same bytes, so a PDF made before in this
/// process is reused (`serve` typesets only the profiles whose sources changed).
pub fn typeset(job: &Job) -> Result<Arc<Vec<u8>>, TypesetError> {
    static CACHE: LazyLock<Mutex<HashMap<blake3::Hash, Arc<Vec<u8>>>>> =
        LazyLock::new(Mutex::default);
    let key = {
        let mut h = blake3::Hasher::new();
        h.update(job.path.as_bytes());
        h.update(&[0]);
        h.update(job.typst.as_bytes());
        h.finalize()
    };
    let cache = || {
        CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(pdf) = cache().get(&key) {
        return Ok(Arc::clone(pdf));
    }
    let pdf = Arc::new(world::compile(job.typst.clone(), &job.path, &job.path)?);
    let mut c = cache();
    if c.len() >= 256 {
        c.clear();
    }
    c.insert(key, Arc::clone(&pdf));
    Ok(pdf)
}

/// Typeset every job in parallel, as output files of the site.
pub fn typeset_all(jobs: &[Job]) -> (Vec<OutputFile>, Vec<Problem>) {
    let results: Vec<Result<OutputFile, Problem>> = jobs
        .par_iter()
        .map(|job| {
            typeset(job)
                .map(|pdf| OutputFile {
                    path: job.path.clone(),
                    bytes: pdf.as_ref().clone(),
                    sources: job.sources.clone(),
                })
                .map_err(|e| Problem::error(&job.path, e.to_string()))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}

/// The PDF of every profile of the site.
pub fn site_files(site: &Site) -> (Vec<OutputFile>, Vec<Problem>) {
    match jobs(site, None, None) {
        Ok(jobs) => typeset_all(&jobs),
        Err(e) => (
            Vec::new(),
            vec![Problem::error("functiefamilie", e.to_string())],
        ),
    }
}

#[cfg(test)]
mod tests;
