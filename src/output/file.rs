//! One file of the output: its path, its bytes and the sources it was made from.

use std::path::PathBuf;

/// One file of the output and the sources it was made from.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
    pub sources: Vec<PathBuf>,
}
