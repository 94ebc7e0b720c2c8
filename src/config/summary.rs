//! What an mdBook or GitBook folder says in its `SUMMARY.md`: the order of the chapters and
//! their titles, read into the same places and titles as MkDocs' `nav:`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::mkdocs::NavEntry;

/// The file that lists an mdBook's chapters, in its source folder.
pub const FILE_NAME: &str = "SUMMARY.md";

/// The chapters a `SUMMARY.md` lists.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Position and title of every page it links, by path relative to the folder; a folder
    /// takes the place of its first chapter, and the title of its index page (`README.md`,
    /// `index.md`) when the summary links that.
    pub nav: BTreeMap<PathBuf, NavEntry>,
}

/// The title and description of the book whose source folder is `root`, from the `[book]`
/// table of the `book.toml` beside it (mdBook's `src` folder, or the one `src =` names).
pub fn book_for(root: &Path) -> Option<(String, Option<String>)> {
    let real = root.canonicalize().ok()?;
    let text = std::fs::read_to_string(real.parent()?.join("book.toml")).ok()?;
    let value: toml::Table = toml::from_str(&text).ok()?;
    let book = value.get("book")?.as_table()?;
    let src = book
        .get("src")
        .and_then(toml::Value::as_str)
        .unwrap_or("src");
    if real.file_name()? != std::ffi::OsStr::new(src.trim_matches('/')) {
        return None;
    }
    let title = book.get("title")?.as_str()?.trim().to_string();
    let description = book
        .get("description")
        .and_then(toml::Value::as_str)
        .map(str::to_string);
    Some((title, description)).filter(|(t, _)| !t.is_empty())
}

/// The `SUMMARY.md` of `root`, when it has one that reads as UTF-8.
pub fn read(root: &Path) -> Option<Summary> {
    let text = std::fs::read_to_string(root.join(FILE_NAME)).ok()?;
    Some(parse(&text))
}

/// The chapters of a `SUMMARY.md`, in order: every link to a file of the book (part titles,
/// separators, draft chapters `[Titel]()` and links out of the book are passed over).
pub fn parse(text: &str) -> Summary {
    let mut summary = Summary::default();
    let mut order = 0;
    // The link being read: its target and the text of its title so far.
    let mut link: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title)) = &mut link {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                let Some((dest, title)) = link.take() else {
                    continue;
                };
                let Some(rel) = chapter_path(&dest) else {
                    continue;
                };
                order += 1;
                let entry = NavEntry {
                    order,
                    title: Some(title.trim().to_string()).filter(|t| !t.is_empty()),
                };
                let is_index = rel
                    .file_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("README.md") || n == "index.md");
                // Each folder takes the place of its first chapter, and the title of its index
                // page when the summary links one.
                for folder in rel.ancestors().skip(1) {
                    if folder.as_os_str().is_empty() {
                        break;
                    }
                    let e = summary
                        .nav
                        .entry(folder.to_path_buf())
                        .or_insert(NavEntry { order, title: None });
                    if is_index && Some(folder) == rel.parent() && e.title.is_none() {
                        e.title.clone_from(&entry.title);
                    }
                }
                summary.nav.entry(rel).or_insert(entry);
            }
            _ => {}
        }
    }
    summary
}

/// The path of a chapter link relative to the book, or None for a draft chapter (no target),
/// an anchor on its own, or a link out of the book.
fn chapter_path(dest: &str) -> Option<PathBuf> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || crate::markdown::links::is_external(path) {
        return None;
    }
    let decoded = crate::url_path::decode_or_keep(path);
    let rel = decoded.trim_start_matches("./").trim_start_matches('/');
    crate::markdown::links::normalize(Path::new(rel)).filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Samenvatting

[Inleiding](README.md)

# Werkwijze

- [Intake](werkwijze/README.md)
    - [Eerste `gesprek`](./werkwijze/eerste%20gesprek.md)
    - [Nog te schrijven]()
- [Plan](werkwijze/plan.md#doel)

---

[Bijdragen](https://example.org/bijdragen) [Over](over.md)
";

    #[test]
    fn chapters_are_read_in_order_with_their_titles() {
        let s = parse(SAMPLE);
        let get = |p: &str| {
            s.nav
                .get(Path::new(p))
                .map(|e| (e.order, e.title.clone().unwrap_or_default()))
        };
        assert_eq!(get("README.md"), Some((1, "Inleiding".into())));
        assert_eq!(get("werkwijze/README.md"), Some((2, "Intake".into())));
        // The folder takes the place and title of its index page.
        assert_eq!(get("werkwijze"), Some((2, "Intake".into())));
        assert_eq!(
            get("werkwijze/eerste gesprek.md"),
            Some((3, "Eerste gesprek".into()))
        );
        assert_eq!(get("werkwijze/plan.md"), Some((4, "Plan".into())));
        assert_eq!(get("over.md"), Some((5, "Over".into())));
        assert_eq!(s.nav.len(), 6, "{:?}", s.nav);
        // A folder without an index page in the summary takes the place of its first chapter.
        let s = parse("- [Een](a.md)\n- [Twee](gids/twee.md)\n- [Drie](gids/diep/drie.md)\n");
        assert_eq!(
            s.nav[Path::new("gids")],
            NavEntry {
                order: 2,
                title: None
            }
        );
        assert_eq!(s.nav[Path::new("gids/diep")].order, 3);
    }

    #[test]
    fn a_link_out_of_the_book_is_passed_over() {
        let s = parse("- [Uit](../../etc/passwd)\n- [Binnen](a.md)\n");
        assert_eq!(s.nav.keys().collect::<Vec<_>>(), [Path::new("a.md")]);
    }
}
