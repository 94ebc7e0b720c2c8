//! `handboek init`.

use std::path::Path;
use std::process::ExitCode;

use crate::config::init::{InitError, init};

pub fn run(path: &Path) -> ExitCode {
    match init(path) {
        Ok(file) => {
            println!("Wrote {}", file.display());
            println!(
                "The folder is now read as a handbook: `handboek check` lists what to add or change."
            );
            ExitCode::SUCCESS
        }
        Err(e @ InitError::Exists(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
