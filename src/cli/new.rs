//! `handboek new`.

use std::path::Path;
use std::process::ExitCode;

use crate::new::{NewKind, new_page};

pub fn run(kind: &str, title: &str, path: &Path) -> ExitCode {
    let result = kind
        .parse::<NewKind>()
        .and_then(|k| new_page(path, k, title));
    match result {
        Ok(file) => {
            println!("Wrote {}", file.display());
            println!("Fill in the parts marked TODO; `handboek check` lists those still open.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
