//! References between pages by id: `gerelateerd`, `expertisegebieden`, `resultaatgebieden`
//! (`familie/nummer`) and `principes`, resolved with a "did you mean" for unknown ids.

use std::collections::{BTreeMap, HashMap};

use crate::content::{Kind, Page};
use crate::diagnostics::{Problem, did_you_mean};
use crate::slug::nfc;

/// Finds pages by the ids editors write.
pub struct RefIndex {
    /// Full id, unique stem, or `familie/nummer` → page index.
    names: HashMap<String, usize>,
    /// Stems used by more than one page: written alone, they are ambiguous.
    ambiguous: BTreeMap<String, Vec<String>>,
}

/// The references of one page, resolved to page indexes.
#[derive(Debug, Default, Clone)]
pub struct Refs {
    pub related: Vec<usize>,
    pub expertise: Vec<usize>,
    pub resultaatgebieden: Vec<usize>,
    pub principes: Vec<usize>,
}

impl Refs {
    pub fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.related
            .iter()
            .chain(&self.expertise)
            .chain(&self.resultaatgebieden)
            .chain(&self.principes)
            .copied()
    }
}

/// One reference key of the front matter: its name, the ids written, the kind they must be, where they go.
type RefList<'a> = (&'a str, &'a [String], Option<Kind>, &'a mut Vec<usize>);

impl RefIndex {
    pub fn new(pages: &[Page]) -> RefIndex {
        let mut names = HashMap::new();
        let mut stems: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in pages.iter().enumerate() {
            // Ids in NFC, like the names editors type (see `slug::nfc`).
            let id = nfc(&p.id);
            names.insert(id.clone(), i);
            if let Some(stem) = id.rsplit('/').next()
                && !stem.is_empty()
            {
                stems.entry(stem.to_string()).or_default().push(i);
            }
            if let (Kind::Resultaatgebied, Some(f), Some(n)) = (p.kind, &p.familie, p.meta.nummer) {
                names.insert(format!("{f}/{n}"), i);
            }
        }
        let mut ambiguous = BTreeMap::new();
        for (stem, idx) in stems {
            if idx.len() == 1 {
                names.entry(stem).or_insert(idx[0]);
            } else if !names.contains_key(&stem) {
                ambiguous.insert(stem, idx.iter().map(|&i| pages[i].id.clone()).collect());
            }
        }
        RefIndex { names, ambiguous }
    }

    pub fn get(&self, name: &str) -> Option<usize> {
        self.names
            .get(&nfc(name.trim().trim_end_matches(".md")))
            .copied()
    }

    fn resolve_one(
        &self,
        pages: &[&Page],
        page: &Page,
        key: &str,
        name: &str,
        want: Option<Kind>,
    ) -> Result<usize, Problem> {
        if let Some(ids) = self.ambiguous.get(&nfc(name)) {
            return Err(page
                .key_problem(
                    key,
                    Some(name),
                    format!("`{name}` in `{key}` could mean more than one page"),
                )
                .with_help(format!("write the full id: {}", ids.join(" or "))));
        }
        let Some(i) = self.get(name) else {
            let candidates = self
                .names
                .iter()
                .filter(|(_, i)| want.is_none_or(|k| pages[**i].kind == k))
                .map(|(n, _)| n.as_str());
            let help = did_you_mean(name, candidates).unwrap_or_else(|| match want {
                Some(Kind::Resultaatgebied) => {
                    "refer to a result area as `familie/nummer`, e.g. `wijkcoach/3`".into()
                }
                _ => "refer to a page by its file name without `.md`, or by its path".into(),
            });
            return Err(page
                .key_problem(
                    key,
                    Some(name),
                    format!("`{key}` refers to `{name}`, which does not exist"),
                )
                .with_help(help));
        };
        if pages[i].id == page.id {
            return Err(page
                .key_problem(
                    key,
                    Some(name),
                    format!("`{key}` lists `{name}`, which refers to the page itself"),
                )
                .with_help("a page cannot refer to itself; remove it from the list"));
        }
        if let Some(k) = want
            && pages[i].kind != k
        {
            return Err(page.key_problem(
                key,
                Some(name),
                format!(
                    "`{key}` must refer to {}, but `{name}` is {}",
                    k.describe(),
                    pages[i].kind.describe()
                ),
            ));
        }
        Ok(i)
    }

    /// Resolve every reference in the front matter of `page`.
    pub fn resolve(&self, pages: &[&Page], page: &Page, problems: &mut Vec<Problem>) -> Refs {
        let mut refs = Refs::default();
        let m = &page.meta;
        let lists: [RefList<'_>; 4] = [
            ("gerelateerd", &m.gerelateerd, None, &mut refs.related),
            (
                "expertisegebieden",
                m.expertisegebieden.as_deref().unwrap_or(&[]),
                Some(Kind::Expertisegebied),
                &mut refs.expertise,
            ),
            (
                "resultaatgebieden",
                m.resultaatgebieden.as_deref().unwrap_or(&[]),
                Some(Kind::Resultaatgebied),
                &mut refs.resultaatgebieden,
            ),
            (
                "principes",
                m.principes.as_deref().unwrap_or(&[]),
                None,
                &mut refs.principes,
            ),
        ];
        for (key, names, want, into) in lists {
            for name in names {
                match self.resolve_one(pages, page, key, name, want) {
                    Ok(i) if !into.contains(&i) => into.push(i),
                    Ok(_) => {}
                    Err(p) => problems.push(p),
                }
            }
        }
        refs
    }
}
