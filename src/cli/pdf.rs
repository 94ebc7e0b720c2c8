//! `handboek pdf`: typesets the functieprofiel of one level (or of every level) as PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::CommandFactory;
use clap::error::ErrorKind;

use crate::pdf::{self, PdfError};

pub struct Args {
    pub path: PathBuf,
    pub familie: Option<String>,
    pub niveau: Option<String>,
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let start = Instant::now();
    let to_file = args
        .out
        .as_deref()
        .filter(|o| !o.is_dir() && o.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")));
    if to_file.is_some() && args.niveau.is_none() {
        return usage_error(
            "--out names one file, but without --niveau every level gets a PDF: give --niveau or a folder",
        );
    }
    let loaded = match crate::build::load(&args.path, None, &[]) {
        Ok(l) if !l.problems.has_errors() => l,
        Ok(l) => return fail(&l.problems.render()),
        Err(problems) => return fail(&problems.render()),
    };
    let jobs = match pdf::jobs(
        &loaded.site,
        args.familie.as_deref(),
        args.niveau.as_deref(),
    ) {
        Ok(jobs) => jobs,
        Err(e @ (PdfError::UnknownFamilie { .. } | PdfError::UnknownLevel { .. })) => {
            return usage_error(&e.to_string());
        }
        Err(e) => return fail(&format!("error: {e}")),
    };
    if jobs.is_empty() {
        return fail("error: this handbook has no functieprofielen");
    }
    let (files, problems) = pdf::typeset_all(&jobs);
    if !problems.is_empty() {
        let text: Vec<String> = problems.iter().map(|p| p.render()).collect();
        return fail(&text.join("\n"));
    }
    let dir = match (to_file, &args.out) {
        (Some(_), _) => None,
        (None, Some(d)) => Some(d.clone()),
        (None, None) => Some(PathBuf::from(".")),
    };
    if let Some(d) = &dir
        && let Err(e) = std::fs::create_dir_all(d)
    {
        return fail(&format!("error: cannot create {}: {e}", d.display()));
    }
    for (job, file) in jobs.iter().zip(&files) {
        let target = match (&dir, to_file) {
            (Some(d), _) => d.join(job.file_name()),
            (None, Some(f)) => f.to_path_buf(),
            (None, None) => PathBuf::from(job.file_name()),
        };
        if let Err(e) = write(&target, &file.bytes) {
            return fail(&format!("error: cannot write {}: {e}", target.display()));
        }
        println!(
            "Wrote {} ({}, {} kB)",
            target.display(),
            job.title,
            file.bytes.len().div_ceil(1024)
        );
    }
    eprintln!(
        "{} PDF{} in {} ms",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        start.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

/// A usage error as clap reports one (the message, the usage line, exit status 2).
fn usage_error(message: &str) -> ExitCode {
    let mut cli = super::Cli::command();
    cli.build();
    let err = match cli.find_subcommand_mut("pdf") {
        Some(sub) => sub.error(ErrorKind::ValueValidation, message),
        None => cli.error(ErrorKind::ValueValidation, message),
    };
    let _ = err.print();
    ExitCode::from(2)
}

fn fail(text: &str) -> ExitCode {
    eprintln!("{text}");
    ExitCode::FAILURE
}
