//! Collections: what kind of page a file is by its place in the handbook, and which front
//! matter keys that kind requires and allows.

use std::path::Path;

use serde::Serialize;

/// The kind of page, decided by the page's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Any page or section without a typed collection.
    Generic,
    /// `functiefamilie/<familie>/_index.md`.
    Familie,
    /// `functiefamilie/<familie>/resultaatgebieden/*.md`.
    Resultaatgebied,
    /// `functiefamilie/<familie>/functie-eisen.md`.
    FunctieEisen,
    /// `expertisegebieden/*.md`.
    Expertisegebied,
    /// `dilemmas/*.md`.
    Dilemma,
}

/// The collection a page belongs to: the first folder of its path.
pub fn collection_of(rel: &Path) -> String {
    let mut parts = rel.components();
    let first = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    match (first, parts.next()) {
        (Some(dir), Some(_)) => dir,
        _ => String::new(),
    }
}

/// The kind of the page at `rel` (relative to the handbook folder).
pub fn kind_of(rel: &Path) -> Kind {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let p: Vec<&str> = parts.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["functiefamilie", _, "_index.md"] => Kind::Familie,
        ["functiefamilie", _, "functie-eisen.md"] => Kind::FunctieEisen,
        ["functiefamilie", _, "resultaatgebieden", f] if *f != "_index.md" => Kind::Resultaatgebied,
        ["expertisegebieden", f] if *f != "_index.md" => Kind::Expertisegebied,
        ["dilemmas", f] if *f != "_index.md" => Kind::Dilemma,
        _ => Kind::Generic,
    }
}

/// The familie a page of `functiefamilie/<familie>/…` belongs to.
pub fn familie_of(rel: &Path) -> Option<String> {
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str();
    if first != "functiefamilie" {
        return None;
    }
    let familie = parts.next()?.as_os_str().to_string_lossy().into_owned();
    parts.next().map(|_| familie)
}

impl Kind {
    /// Keys this kind adds to the common ones.
    /// The kinds with keys of their own.
    pub const TYPED: [Kind; 5] = [
        Kind::Familie,
        Kind::Resultaatgebied,
        Kind::FunctieEisen,
        Kind::Expertisegebied,
        Kind::Dilemma,
    ];

    pub fn extra_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Generic => &[],
            Kind::Familie => &["versie", "vastgesteld", "weging", "typering", "doel"],
            Kind::Resultaatgebied => &["nummer", "resultaat"],
            Kind::FunctieEisen => &["competenties"],
            Kind::Expertisegebied => &["vakgebied", "kenmerk", "competentie"],
            Kind::Dilemma => &[
                "spanningsveld",
                "casus",
                "expertisegebieden",
                "resultaatgebieden",
                "principes",
            ],
        }
    }

    /// Keys a page of this kind must have.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Resultaatgebied => &["nummer", "vanaf"],
            Kind::Expertisegebied => &["vakgebied", "kenmerk", "competentie"],
            Kind::Dilemma => &["spanningsveld", "casus"],
            _ => &[],
        }
    }

    /// How the kind is called in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Generic => "a page",
            Kind::Familie => "a functiefamilie (_index.md)",
            Kind::Resultaatgebied => "a result area",
            Kind::FunctieEisen => "the functie-eisen page",
            Kind::Expertisegebied => "an expertise area",
            Kind::Dilemma => "a dilemma",
        }
    }

    /// The kind whose extra keys include `key`, for "this key belongs to …" help.
    pub fn owning(key: &str) -> Option<Kind> {
        Kind::TYPED
            .into_iter()
            .find(|k| k.extra_keys().contains(&key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_folder_layout() {
        assert_eq!(kind_of(Path::new("dilemmas/a.md")), Kind::Dilemma);
        assert_eq!(kind_of(Path::new("dilemmas/_index.md")), Kind::Generic);
        assert_eq!(
            kind_of(Path::new(
                "functiefamilie/wijkcoach/resultaatgebieden/01-a.md"
            )),
            Kind::Resultaatgebied
        );
        assert_eq!(
            kind_of(Path::new("functiefamilie/wijkcoach/_index.md")),
            Kind::Familie
        );
        assert_eq!(collection_of(Path::new("handboek/a/b.md")), "handboek");
        assert_eq!(collection_of(Path::new("b.md")), "");
        assert_eq!(
            familie_of(Path::new("functiefamilie/wijkcoach/x.md")).as_deref(),
            Some("wijkcoach")
        );
    }
}
