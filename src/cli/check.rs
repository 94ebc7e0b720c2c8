//! `handboek check`.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_path: PathBuf, _strict: bool, _external: bool) -> ExitCode {
    eprintln!("error: `check` is not built yet");
    ExitCode::from(2)
}
