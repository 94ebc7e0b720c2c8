//! `handboek serve`.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    _path: PathBuf,
    _port: u16,
    _bind: String,
    _open: bool,
    _poll: bool,
    _out: PathBuf,
) -> ExitCode {
    eprintln!("error: `serve` is not built yet");
    ExitCode::from(2)
}
