//! The surface words of the corpus with their terms: what the browser uses instead of a stemmer.

/// One surface word (folded) of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The folded word, e.g. "financien".
    pub word: String,
    /// Its term (the stem), e.g. "financien".
    pub term: String,
    /// Number of sections the word occurs in.
    pub count: u32,
}

/// All surface words, sorted by word.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    entries: Vec<Entry>,
}

impl Vocabulary {
    /// Builds from entries in any order; the same word twice keeps the first.
    pub fn new(mut entries: Vec<Entry>) -> Vocabulary {
        entries.sort_by(|a, b| a.word.cmp(&b.word));
        entries.dedup_by(|a, b| a.word == b.word);
        Vocabulary { entries }
    }

    /// The entries, sorted by word.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of a folded word.
    pub fn get(&self, word: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.word.as_str().cmp(word))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// All entries whose word starts with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> &[Entry] {
        let start = self.entries.partition_point(|e| e.word.as_str() < prefix);
        let len = self.entries[start..]
            .iter()
            .take_while(|e| e.word.starts_with(prefix))
            .count();
        &self.entries[start..start + len]
    }
}

/// True when `a` and `b` differ by exactly one edit: insert, delete, substitute, or swap of
/// two adjacent letters (optimal string alignment distance 1), counted in characters.
pub fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match (ra.len(), rb.len()) {
        (x, y) if x == y => {
            ra[1..] == rb[1..] || (x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        (x, y) if x + 1 == y => ra == &rb[1..],
        (x, y) if y + 1 == x => &ra[1..] == rb,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(word: &str, count: u32) -> Entry {
        Entry {
            word: word.into(),
            term: word.into(),
            count,
        }
    }

    #[test]
    fn prefix_and_lookup() {
        let v = Vocabulary::new(vec![
            entry("hulp", 3),
            entry("hulpverlening", 2),
            entry("huis", 1),
        ]);
        assert_eq!(v.with_prefix("hulp").len(), 2);
        assert_eq!(v.with_prefix("hu").len(), 3);
        assert!(v.with_prefix("x").is_empty());
        assert_eq!(v.get("huis").map(|e| e.count), Some(1));
        assert!(v.get("hui").is_none());
    }

    #[test]
    fn one_edit_cases() {
        assert!(one_edit("inwoner", "inwonr"));
        assert!(one_edit("inwoner", "inwonner"));
        assert!(one_edit("inwoner", "inwomer"));
        assert!(one_edit("inwoner", "inwnoer"));
        assert!(one_edit("financien", "finanicen"));
        assert!(!one_edit("inwoner", "inwoner"));
        assert!(!one_edit("inwoner", "iwonre"));
        assert!(!one_edit("abc", "abcde"));
    }
}
