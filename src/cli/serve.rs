//! `handboek serve`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::serve::{self, ServeOptions};

pub fn run(
    path: PathBuf,
    port: u16,
    bind: String,
    open: bool,
    poll: bool,
    out: PathBuf,
) -> ExitCode {
    let opts = ServeOptions {
        root: path,
        out,
        bind,
        port,
        open,
        poll,
        indexer: serve::search::tantivy_indexer(),
    };
    match serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
