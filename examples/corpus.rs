//! Write a synthetic handbook corpus: `cargo run --release --example corpus -- DIR PAGES [SHAPE]`,
//! SHAPE `deep` (the default: folders of 50), `wide` (one folder) or `tiny` (one folder of
//! pages of one sentence).

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(pages)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: corpus DIR PAGES");
        std::process::exit(2);
    };
    let root = std::path::Path::new(&dir);
    let written = match args.next().as_deref() {
        None | Some("deep") => corpus::generate(root, pages),
        Some("wide") => corpus::generate_wide(root, pages, false),
        Some("tiny") => corpus::generate_wide(root, pages, true),
        Some(other) => {
            eprintln!("unknown shape {other}: deep, wide or tiny");
            std::process::exit(2);
        }
    };
    match written {
        Ok(files) => println!("wrote {} pages to {dir}", files.len()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
