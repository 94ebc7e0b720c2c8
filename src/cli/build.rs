//! `handboek build`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::build::{self, BuildError, BuildOptions};

pub fn run(
    path: PathBuf,
    out: PathBuf,
    base_url: Option<String>,
    search: bool,
    strict: bool,
    quiet: bool,
) -> ExitCode {
    // First, before any thread starts: Ctrl-C and SIGTERM put the staging folder away.
    crate::output::interrupt::install();
    let opts = BuildOptions {
        root: path,
        out,
        base_url,
        search,
    };
    let mut progress = crate::progress::Progress::on_terminal(quiet);
    let result = build::build_with(&opts, strict, &progress);
    progress.finish();
    match result {
        Ok(_) if quiet => ExitCode::SUCCESS,
        Ok(report) => {
            for w in &report.warnings.0 {
                eprintln!("{}", w.render());
            }
            println!(
                "Built {} pages, {} files into {} in {} ms",
                report.pages,
                report.files,
                opts.out.display(),
                report.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_failure(&e, &opts.out),
    }
}

/// Print why a build failed and that the output folder was left alone.
pub fn report_failure(e: &BuildError, out: &std::path::Path) -> ExitCode {
    match e {
        BuildError::Content(problems) => {
            eprintln!("{}", problems.render());
            if !problems.has_errors() {
                eprintln!("Failed: --strict makes warnings count.");
            }
        }
        BuildError::Output(e) => {
            eprintln!("error: {e}");
            if matches!(e, crate::output::OutputError::Foreign { .. }) {
                eprintln!(
                    "  help: choose an empty folder, or one an earlier `handboek build` wrote"
                );
            }
        }
    }
    eprintln!("Nothing was published; {} is unchanged.", out.display());
    ExitCode::FAILURE
}
