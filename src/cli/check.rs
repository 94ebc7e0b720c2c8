//! `handboek check`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::check::{self, CheckOptions};

pub fn run(path: PathBuf, strict: bool, external: bool, quiet: bool) -> ExitCode {
    let opts = CheckOptions {
        root: path,
        external,
    };
    let mut progress = crate::progress::Progress::on_terminal(quiet);
    let result = check::check_with(&opts, &progress);
    progress.finish();
    match result {
        Ok(report) => {
            for p in &report.problems.0 {
                if !quiet || p.is_error() || (strict && report.fails(strict)) {
                    eprintln!("{}", p.render());
                }
            }
            if !quiet {
                println!("{}", report.summary());
            }
            if report.fails(strict) {
                if strict && !report.problems.has_errors() {
                    println!("Failed: --strict makes warnings count.");
                }
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(problems) => {
            eprintln!("{}", problems.render());
            ExitCode::FAILURE
        }
    }
}
