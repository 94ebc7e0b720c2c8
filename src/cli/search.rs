//! `handboek search`: loads the handbook, indexes it in memory and prints ranked results.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;
use clap::error::ErrorKind;

use crate::search::{SearchRequest, Searcher, from_site, limits};

pub struct Args {
    pub query: String,
    pub niveau: Option<String>,
    pub rol: Option<String>,
    pub kind: Option<String>,
    pub expertise: Option<String>,
    pub limit: usize,
    pub json: bool,
    pub path: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    // Before anything is loaded: an out-of-bounds query is a usage error (exit 2).
    if let Err(e) = limits::check_query(&args.query) {
        return usage_error(&e.to_string());
    }
    let loaded = match crate::build::load(&args.path, None, &[]) {
        Ok(l) if !l.problems.has_errors() => l,
        Ok(l) => return fail(&l.problems),
        Err(problems) => return fail(&problems),
    };
    let sections = from_site::sections(&loaded.site);
    let settings = from_site::settings(&loaded.site.config);
    let request = SearchRequest {
        query: args.query,
        level: args.niveau,
        role: args.rol,
        kind: args.kind,
        expertise: args.expertise,
        limit: args.limit,
    };
    let results = Searcher::in_memory(&sections, &settings).and_then(|s| s.search(&request));
    match results {
        Ok(r) if args.json => {
            super::emit(&(serde_json::to_string_pretty(&r).unwrap_or_default() + "\n"));
            ExitCode::SUCCESS
        }
        Ok(r) => {
            super::emit(&r.to_text(std::io::stdout().is_terminal()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--limit`: a number of pages, at least 1.
pub fn parse_limit(value: &str) -> Result<usize, String> {
    let n: usize = value
        .parse()
        .map_err(|_| format!("`{value}` is not a number of pages"))?;
    limits::check_limit(n).map_err(|e| e.to_string())
}

/// A usage error as clap reports one (the message, the usage line, exit status 2).
fn usage_error(message: &str) -> ExitCode {
    let mut cli = super::Cli::command();
    cli.build(); // names the subcommand `handboek search` in its usage line
    let err = match cli.find_subcommand_mut("search") {
        Some(search) => search.error(ErrorKind::ValueValidation, message),
        None => cli.error(ErrorKind::ValueValidation, message),
    };
    let _ = err.print();
    ExitCode::from(2)
}

fn fail(problems: &crate::diagnostics::Problems) -> ExitCode {
    eprintln!("{}", problems.render());
    ExitCode::FAILURE
}
