//! Search: the Dutch analyzer, the tantivy index and the static in-browser index.
//!
//! One analysis serves both indexes: [`analyzer::Analyzer`] turns text into terms (stems,
//! compound parts, synonyms), [`corpus::Corpus`] applies it to every section once, and both
//! the tantivy index ([`index`], searched by [`engine`]) and the static shards ([`static_index`]) are written from
//! that single result. Queries are planned the same way in Rust ([`plan`]) and in the browser
//! client (`themes/default/static/zoeken/engine.js`), so both rank the same sections.

pub mod analyzer;
mod collector;
pub mod compound;
pub mod corpus;
pub mod engine;
pub mod from_site;
pub mod index;
pub mod limits;
pub mod meta;
pub mod plan;
pub mod results;
pub mod snippet;
pub mod split;
pub mod static_index;
pub mod stem;
pub mod tokenizer;
pub mod vocabulary;

use std::path::{Path, PathBuf};

pub use engine::Searcher;
pub use results::{FacetCount, Facets, Hit, SearchResults, SectionHit};

/// One unit of search: a heading and its text (or a page's intro before its first heading).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchSection {
    /// Page id, e.g. "handboek/plan-van-de-inwoner".
    pub page_id: String,
    /// Title of the page.
    pub page_title: String,
    /// Page URL relative to the site root, no leading slash ("" for home).
    pub url: String,
    /// Heading id; None for the page intro.
    pub anchor: Option<String>,
    /// Heading text ("" for the intro).
    pub heading: String,
    /// Titles of the ancestors.
    pub breadcrumb: Vec<String>,
    /// The search type: the collection ("handboek" | "functiefamilie" | "expertisegebieden" |
    /// "dilemmas" | ""), "redactie" for a page meant for editors, or the type of a generated
    /// page ("functieprofiel" | "vergelijking" | "overzicht").
    pub collection: String,
    /// Level ids that apply (all levels when for everyone).
    pub levels: Vec<String>,
    /// Role ids that apply (all roles when for everyone).
    pub roles: Vec<String>,
    /// Expertise area ids referenced.
    pub expertise: Vec<String>,
    /// Plain text of the section.
    pub text: String,
}

/// Search settings from `handbook.yaml`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchSettings {
    /// Groups of words or phrases that mean the same, e.g. `["mpop", "plan van de inwoner"]`.
    pub synonyms: Vec<Vec<String>>,
    /// Level ids in order (A, B, C, D).
    pub levels: Vec<String>,
    /// Role ids in order.
    pub roles: Vec<String>,
}

/// A query with its facet filters.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchRequest {
    /// The words typed: `"phrase"`, `-excluded`, a prefix on the last word.
    pub query: String,
    /// Only sections for this level.
    pub level: Option<String>,
    /// Only sections for this role.
    pub role: Option<String>,
    /// Only this collection ("dilemma", "dilemmas", "handboek", ...).
    pub kind: Option<String>,
    /// Only sections that reference this expertise area (its page id, or the last part of it).
    #[serde(default)]
    pub expertise: Option<String>,
    /// At most this many pages; 0 means [`limits::DEFAULT_LIMIT`] (the CLI and `/api/zoek`
    /// refuse 0 with [`limits::check_limit`]).
    pub limit: usize,
}

/// What [`write_indexes`] wrote.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SearchReport {
    /// Files written, relative to the output folder, sorted.
    pub files: Vec<PathBuf>,
    /// Number of sections indexed.
    pub sections: usize,
    /// Number of pages indexed.
    pub pages: usize,
    /// Number of distinct terms.
    pub terms: usize,
    /// Number of distinct surface words.
    pub words: usize,
    /// Bytes of the static index (all files under `zoeken/index/`).
    pub static_bytes: u64,
}

/// Everything that can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("zoekindex: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The search index is missing; the site has not been built yet.
    #[error("geen zoekindex in {0}: bouw de site eerst met `handboek build`")]
    MissingIndex(PathBuf),
    /// A stored file of the index could not be decoded.
    #[error("{path}: beschadigde zoekindex: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// An unknown facet value was asked for.
    #[error("onbekend(e) {facet} `{value}`; kies uit: {choices}")]
    UnknownFacet {
        /// "niveau", "rol" or "type".
        facet: &'static str,
        /// The value given.
        value: String,
        /// The accepted values, comma separated.
        choices: String,
    },
    /// The query is out of bounds (see [`limits`]).
    #[error("{0}")]
    Query(#[from] limits::QueryError),
    /// Too many levels or roles to encode as facet bits.
    #[error("te veel {0} voor de zoekindex (maximaal 24)")]
    TooManyFacetValues(&'static str),
}

impl SearchError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Folder of the tantivy index inside the output folder.
pub const INDEX_DIR: &str = ".handboek/index";
/// Folder of the static index inside the output folder.
pub const STATIC_DIR: &str = "zoeken/index";

/// Writes the static index to `<out>/zoeken/index/` (and removes a tantivy index left in
/// `<out>/.handboek/index/`); returns the files written (relative to `out`) and figures.
///
/// This is what `handboek build` writes: `handboek search` and `handboek serve` index the
/// sources in memory, so no command reads a tantivy index from the output folder, and
/// writing one cost more than the rest of the search stage.
pub fn write_static_index(
    sections: &[SearchSection],
    settings: &SearchSettings,
    out: &Path,
) -> Result<SearchReport, SearchError> {
    let corpus = analyze(sections, settings)?;
    let stale = out.join(INDEX_DIR);
    if stale.exists() {
        std::fs::remove_dir_all(&stale).map_err(|e| SearchError::io(&stale, e))?;
    }
    let written = write_static(&corpus, out)?;
    Ok(report(&corpus, Vec::new(), written))
}

/// The analysis both indexes read, timed.
fn analyze<'a>(
    sections: &'a [SearchSection],
    settings: &'a SearchSettings,
) -> Result<corpus::Corpus<'a>, SearchError> {
    let t = std::time::Instant::now();
    let corpus = corpus::Corpus::build(sections, settings)?;
    crate::diagnostics::timing("search: analyze", t);
    Ok(corpus)
}

/// The static index of `corpus` into `<out>/zoeken/index/`, timed.
fn write_static(corpus: &corpus::Corpus, out: &Path) -> Result<Vec<(PathBuf, u64)>, SearchError> {
    let t = std::time::Instant::now();
    let written = static_index::write(corpus, &out.join(STATIC_DIR));
    crate::diagnostics::timing("search: static index", t);
    written
}

/// The report of the files written from `corpus`.
fn report(
    corpus: &corpus::Corpus,
    mut files: Vec<PathBuf>,
    written: Vec<(PathBuf, u64)>,
) -> SearchReport {
    let static_bytes = written.iter().map(|(_, len)| *len).sum();
    files.extend(
        written
            .into_iter()
            .map(|(f, _)| Path::new(STATIC_DIR).join(f)),
    );
    files.sort();
    SearchReport {
        files,
        sections: corpus.sections.len(),
        pages: corpus.pages.len(),
        terms: corpus.term_count(),
        words: corpus.vocabulary.len(),
        static_bytes,
    }
}

/// Writes the tantivy index to `<out>/.handboek/index/` and the static index to
/// `<out>/zoeken/index/`; returns the files written (relative to `out`) and figures.
/// [`Searcher::open`] reads the tantivy index.
pub fn write_indexes(
    sections: &[SearchSection],
    settings: &SearchSettings,
    out: &Path,
) -> Result<SearchReport, SearchError> {
    let corpus = analyze(sections, settings)?;
    // The tantivy index and the static index read the same analysis: made side by side.
    let (tantivy_files, written) = rayon::join(
        || {
            let t = std::time::Instant::now();
            let files = index::write_index(&corpus, &out.join(INDEX_DIR));
            crate::diagnostics::timing("search: tantivy index", t);
            files
        },
        || write_static(&corpus, out),
    );
    let files = tantivy_files?
        .into_iter()
        .map(|f| Path::new(INDEX_DIR).join(f))
        .collect::<Vec<_>>();
    Ok(report(&corpus, files, written?))
}
