use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    handboek::cli::run(handboek::cli::Cli::parse())
}
