use std::process::ExitCode;

use clap::Parser;

/// Rendering allocates many small strings on every thread; mimalloc keeps that cheap and
/// returns memory instead of fragmenting per-thread arenas.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    handboek::cli::run(handboek::cli::Cli::parse())
}
