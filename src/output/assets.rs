//! Static files: theme assets published under a content-hash name, content files copied as is.

use std::collections::BTreeMap;

use super::OutputFile;
use crate::render::AssetUrls;
use crate::render::theme::Theme;

/// `style.css` with hash `3f2a…` → `style.3f2a9c1e.css`.
pub fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    let (dir, file) = match name.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), name),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{short}.{ext}"),
        _ => format!("{dir}{file}.{short}"),
    }
}

/// The theme's static files as output files, and the URL of each by its name.
pub fn theme_assets(theme: &Theme) -> (Vec<OutputFile>, AssetUrls) {
    let mut files = Vec::new();
    let mut urls = BTreeMap::new();
    for (name, f) in &theme.statics {
        let path = fingerprinted(name, &f.bytes);
        urls.insert(name.clone(), path.clone());
        let sources = if f.overridden {
            vec![f.origin.clone()]
        } else {
            Vec::new()
        };
        files.push(OutputFile {
            path,
            bytes: f.bytes.clone(),
            sources,
        });
    }
    (files, AssetUrls(urls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_before_the_extension() {
        let a = fingerprinted("style.css", b"a");
        assert!(
            a.starts_with("style.") && a.ends_with(".css") && a.len() == "style..css".len() + 10
        );
        assert_ne!(a, fingerprinted("style.css", b"b"));
        assert!(fingerprinted("zoeken/zoeken.js", b"a").starts_with("zoeken/zoeken."));
    }
}
