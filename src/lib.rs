//! handboek: a static site generator for the methodology handbook of a social-domain organisation.
//!
//! The pipeline, one module a stage: [`config`] → [`content`] (load, front matter) →
//! [`markdown`] → [`site`] (resolve: references, navigation, back-links) → [`views`] (the plan of
//! the pages made from the whole site: functieprofielen, comparisons, matrices, overviews, and
//! their data) → [`render`] (tera: the pages and the views, in parallel) →
//! [`search`] (tantivy and the static index) → [`output`] (atomic write).

// `Problem` carries its source snippet; it only travels on the error path, so its size is fine.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod history;
pub mod markdown;
pub mod new;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod url_path;
pub mod views;
pub mod yaml;
