//! `handboek search`.

use std::path::PathBuf;
use std::process::ExitCode;

pub struct Args {
    pub query: String,
    pub niveau: Option<String>,
    pub rol: Option<String>,
    pub kind: Option<String>,
    pub limit: usize,
    pub json: bool,
    pub path: PathBuf,
}

pub fn run(_args: Args) -> ExitCode {
    eprintln!("error: `search` is not built yet");
    ExitCode::from(2)
}
