//! The command line: arguments and dispatch. Each command's behaviour lives in its own file.

mod build;
mod check;
mod new;
mod search;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Writes `text` to standard output. A reader that went away (`handboek search … | head`) is
/// not an error worth a panic: the rest of the output is dropped.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

#[derive(Debug, Parser)]
#[command(
    name = "handboek",
    version,
    about = "Build the methodology handbook into a fast, searchable static site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the handbook into a static site
    Build {
        /// The handbook folder
        #[arg(default_value = "handbook")]
        path: PathBuf,
        /// The output folder
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
        /// Publish under this URL path, e.g. /handboek/ (overrides handbook.yaml)
        #[arg(long)]
        base_url: Option<String>,
        /// Skip the search indexes (for timing the site alone)
        #[arg(long, hide = true)]
        no_search: bool,
        /// Print nothing but errors (no progress, warnings or summary)
        #[arg(long, short)]
        quiet: bool,
    },
    /// Build, serve on localhost and rebuild when a source changes
    Serve {
        /// The handbook folder
        #[arg(default_value = "handbook")]
        path: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; another interface than 127.0.0.1 only when asked
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the browser
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of native file events (network drives)
        #[arg(long)]
        poll: bool,
        /// Where the served site is written
        #[arg(long, short, default_value = "public")]
        out: PathBuf,
    },
    /// Check links, references and content without writing anything
    Check {
        /// The handbook folder
        #[arg(default_value = "handbook")]
        path: PathBuf,
        /// Fail on warnings too
        #[arg(long)]
        strict: bool,
        /// Also check external links (needs the network)
        #[arg(long)]
        external: bool,
        /// Print nothing but errors (no progress, warnings or summary)
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write a new source file with the front matter of its collection
    New {
        /// dilemma, hoofdstuk, expertisegebied or resultaatgebied
        kind: String,
        /// The title of the new page
        title: String,
        /// The handbook folder
        #[arg(long, default_value = "handbook")]
        path: PathBuf,
    },
    /// Search the handbook from the terminal
    Search {
        /// The query: words, "a phrase", -excluded, prefix* on the last word
        /// (at most 256 characters and 12 words)
        query: String,
        /// Only results for this level
        #[arg(long)]
        niveau: Option<String>,
        /// Only results for this role
        #[arg(long)]
        rol: Option<String>,
        /// Only this kind of page (dilemma, expertisegebied, resultaatgebied, …)
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only results that refer to this expertise area (e.g. jeugdzorg)
        #[arg(long)]
        expertise: Option<String>,
        /// At most this many pages (1 or more)
        #[arg(long, default_value_t = crate::search::limits::DEFAULT_LIMIT, value_parser = search::parse_limit)]
        limit: usize,
        /// Print the results as JSON
        #[arg(long)]
        json: bool,
        /// The handbook folder
        #[arg(long, default_value = "handbook")]
        path: PathBuf,
    },
}

/// Run the command line and return the process's exit status.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            path,
            out,
            base_url,
            no_search,
            quiet,
        } => build::run(path, out, base_url, !no_search, quiet),
        Command::Serve {
            path,
            port,
            bind,
            open,
            poll,
            out,
        } => serve::run(path, port, bind, open, poll, out),
        Command::Check {
            path,
            strict,
            external,
            quiet,
        } => check::run(path, strict, external, quiet),
        Command::New { kind, title, path } => new::run(&kind, &title, &path),
        Command::Search {
            query,
            niveau,
            rol,
            kind,
            expertise,
            limit,
            json,
            path,
        } => search::run(search::Args {
            query,
            niveau,
            rol,
            kind,
            expertise,
            limit,
            json,
            path,
        }),
    }
}
