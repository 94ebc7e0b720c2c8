//! Helpers for the integration tests: copy a fixture site to a temp dir, run the real binary,
//! read what it wrote; headless Chromium (`browser`), the site audit's checks (`crawl`), nginx
//! (`nginx`) and the generated corpus of the benches (`corpus`).
#![allow(dead_code)]

pub mod browser;
#[path = "../../../benches/common/corpus.rs"]
pub mod corpus;
pub mod crawl;
pub mod nginx;
pub mod search_testdata;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_handboek");

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copy `from` into `to`, creating folders; files already in `to` are overwritten.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temp dir holding a copy of fixture `name` in `site/`.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn new(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), &dir.path().join("site"));
        TestSite { dir }
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Lay the files of another fixture over the site.
    pub fn overlay(&self, name: &str) {
        copy_dir(&fixture(name), &self.site());
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.site().join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).expect("create dir");
        }
        std::fs::write(path, content).expect("write file");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .expect("run handboek")
    }

    /// `handboek build site --out public` plus extra arguments.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build", "site", "--out", "public"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// `text` with the temp dir `dir` written as `[TMP]`, so a snapshot holds no machine's path.
pub fn redact_temp(text: &str, dir: &Path) -> String {
    let mut out = text.to_string();
    for form in [dir.to_path_buf(), dir.canonicalize().unwrap_or_default()] {
        let form = form.display().to_string();
        if !form.is_empty() {
            out = out.replace(&form, "[TMP]");
        }
    }
    out
}

/// Fails the test with the command's standard error unless it exited with 0.
pub fn assert_success(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
