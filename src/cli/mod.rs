//! The command line: arguments and dispatch. Each command's behaviour lives in its own file.

mod build;
mod check;
mod init;
mod new;
mod pdf;
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
        /// Fail on warnings too (a plain folder's broken links)
        #[arg(long)]
        strict: bool,
        /// Read this mkdocs.yml: its docs_dir is the folder to build
        #[arg(long, value_name = "FILE")]
        mkdocs: Option<PathBuf>,
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
        /// Read this mkdocs.yml: its docs_dir is the folder to serve
        #[arg(long, value_name = "FILE")]
        mkdocs: Option<PathBuf>,
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
        /// Read this mkdocs.yml: its docs_dir is the folder to check
        #[arg(long, value_name = "FILE")]
        mkdocs: Option<PathBuf>,
    },
    /// Write a handbook.yaml for an existing Markdown folder
    Init {
        /// The folder (an MkDocs project root works too)
        #[arg(default_value = ".")]
        path: PathBuf,
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
    /// Write the functieprofiel of one level (or of every level) as PDF
    Pdf {
        /// The handbook folder
        #[arg(default_value = "handbook")]
        path: PathBuf,
        /// The functiefamilie (e.g. wijkcoach); every familie when left out
        #[arg(long)]
        familie: Option<String>,
        /// The level (e.g. C); every level, one file each, when left out
        #[arg(long)]
        niveau: Option<String>,
        /// A .pdf file (with --niveau) or a folder; default: the current folder
        #[arg(long, short)]
        out: Option<PathBuf>,
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
            strict,
            mkdocs,
            quiet,
        } => match content_root(path, mkdocs.as_deref()) {
            Ok(path) => build::run(path, out, base_url, !no_search, strict, quiet),
            Err(code) => code,
        },
        Command::Serve {
            path,
            port,
            bind,
            open,
            poll,
            out,
            mkdocs,
        } => match content_root(path, mkdocs.as_deref()) {
            Ok(path) => serve::run(path, port, bind, open, poll, out),
            Err(code) => code,
        },
        Command::Check {
            path,
            strict,
            external,
            mkdocs,
            quiet,
        } => match content_root(path, mkdocs.as_deref()) {
            Ok(path) => check::run(path, strict, external, quiet),
            Err(code) => code,
        },
        Command::Init { path } => init::run(&path),
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
        Command::Pdf {
            path,
            familie,
            niveau,
            out,
        } => pdf::run(pdf::Args {
            path,
            familie,
            niveau,
            out,
        }),
    }
}

/// The Markdown folder a command works on: `path`, or the `docs_dir` of the `mkdocs.yml` in it
/// (or of `--mkdocs`). `handbook`, the default, falls back to an MkDocs project in `.`.
fn content_root(path: PathBuf, mkdocs: Option<&std::path::Path>) -> Result<PathBuf, ExitCode> {
    let path = if mkdocs.is_none()
        && path == std::path::Path::new("handbook")
        && !path.exists()
        && crate::config::mkdocs::FILE_NAMES
            .iter()
            .any(|n| std::path::Path::new(n).is_file())
    {
        PathBuf::from(".")
    } else {
        path
    };
    crate::config::mkdocs::content_root(&path, mkdocs).map_err(|p| {
        eprintln!("{}", p.render());
        ExitCode::FAILURE
    })
}
