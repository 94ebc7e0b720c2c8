//! Rebuild when the default theme changes: it is embedded in the binary, and new files in its
//! folder are not otherwise noticed by cargo.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
