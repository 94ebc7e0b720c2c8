//! `handboek new`.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_kind: &str, _title: &str, _path: &Path) -> ExitCode {
    eprintln!("error: `new` is not built yet");
    ExitCode::from(2)
}
