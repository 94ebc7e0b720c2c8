//! Dutch stemming: the Snowball Dutch *Porter* stemmer (frostem, pinned) with fixes for this handbook.
//!
//! The newer Snowball Dutch stemmer (tantivy's default) strips `ge-` and conflates words the
//! handbook must keep apart (begeleiding/beleid, gemeente/menen, gegevens/geven, gedrag/drag,
//! geweld/wel). The Porter variant keeps them apart; its gaps are patched here: plurals in
//! `-ies`, `-aus` and `-ches`, double consonants left at the end (`rollen` → `roll`), and a
//! short exception list. `golden/stems.tsv` pins the result for the handbook's vocabulary.

/// Word → term for words the rules below still get wrong.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("dilemmas", "dilemma"),
    ("plaats", "plaats"),
    ("teamleden", "teamlid"),
    ("leden", "lid"),
];

/// A Dutch stemmer.
#[derive(Clone, Copy)]
pub struct DutchStemmer {
    porter: frostem::Stemmer,
}

impl Default for DutchStemmer {
    fn default() -> Self {
        DutchStemmer {
            porter: frostem::Stemmer::new(frostem::Algorithm::DutchPorter),
        }
    }
}

impl DutchStemmer {
    /// The stem of a lowercased, folded word.
    pub fn stem(&self, word: &str) -> String {
        if let Some((_, term)) = EXCEPTIONS.iter().find(|(w, _)| *w == word) {
            return (*term).to_string();
        }
        let n = word.len();
        let base = if n > 5 && (word.ends_with("ies") || word.ends_with("aus")) {
            &word[..n - 1]
        } else if n > 6 && word.ends_with("ches") {
            &word[..n - 2]
        } else {
            word
        };
        let mut stem = self.porter.stem(base).into_owned();
        let bytes = stem.as_bytes();
        let len = bytes.len();
        if len > 3 && bytes[len - 1] == bytes[len - 2] && b"bfglmnprs".contains(&bytes[len - 1]) {
            stem.pop();
        }
        stem
    }
}
