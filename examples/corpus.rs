//! Write a synthetic handbook corpus: `cargo run --release --example corpus -- DIR PAGES`.

#[path = "../benches/common/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(pages)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: corpus DIR PAGES");
        std::process::exit(2);
    };
    match corpus::generate(std::path::Path::new(&dir), pages) {
        Ok(files) => println!("wrote {} pages to {dir}", files.len()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
