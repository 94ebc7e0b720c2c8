//! `handboek check`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::check::{self, CheckOptions};

pub fn run(path: PathBuf, strict: bool, external: bool) -> ExitCode {
    let opts = CheckOptions {
        root: path,
        external,
    };
    match check::check(&opts) {
        Ok(report) => {
            for p in &report.problems.0 {
                eprintln!("{}", p.render());
            }
            println!("{}", report.summary());
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
