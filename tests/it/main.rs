//! The integration tests: one test binary (`cargo test --test it`), so the crate is linked once
//! instead of once per test file. Each file of `tests/it/` is a module; a test's name is its
//! module path, e.g. `build::a_second_build_is_byte_identical`, so `cargo test --test it build::`
//! runs one file's tests and `cargo test --test it fuzz:: -- --nocapture` the fuzzers.
//!
//! Adding tests: put them in a new file `tests/it/<name>.rs` and add `mod <name>;` below (keep
//! the list sorted). Shared helpers live in `support` (`use crate::support::{TestSite, …};`,
//! `use crate::support::browser::Browser;`); fixture sites stay in `tests/fixtures/`, fuzz seeds
//! in `tests/fuzz/<target>/`, snapshots next to their module in `tests/it/snapshots/`.
//!
//! All tests run as threads of this one process: none may set environment variables or change
//! the working directory (pass `current_dir`/`env` to the `Command` instead), servers bind port
//! 0, and browser sessions (`Browser::start`, printing with Chromium) take a
//! `support::browser::turn()`, so at most two Chromiums run at a time.

mod audit;
mod bad_input;
mod bronnen;
mod browser_views;
mod build;
mod check;
mod fuzz;
mod handbook;
mod history;
mod navigation;
mod new;
mod old_spelling;
mod pdf;
mod plain;
mod publish;
mod search_browser;
mod search_engine;
mod search_parity;
mod search_relevance;
mod serve;
mod serve_incremental;
mod support;
mod views;
