use super::*;
use crate::search::SearchSettings;
use crate::search::vocabulary::Entry;

fn fixture() -> (Vocabulary, Analyzer) {
    let a = Analyzer::new(&SearchSettings::default(), &[]);
    let words = [
        ("inwoner", 5),
        ("inwoners", 3),
        ("hulpverlening", 2),
        ("hulp", 4),
        ("huiselijk", 1),
        ("begeleiding", 6),
        ("integratie", 1),
        ("re", 1),
    ];
    let entries = words
        .iter()
        .map(|(w, c)| Entry {
            word: w.to_string(),
            term: a.stem(w),
            count: *c,
        })
        .collect();
    (Vocabulary::new(entries), a)
}

fn terms(c: &Clause) -> Vec<(&str, f32)> {
    c.terms.iter().map(|(t, w)| (t.as_str(), *w)).collect()
}

#[test]
fn last_word_gets_completions_by_count() {
    let (v, a) = fixture();
    let p = plan("hul", &v, &a, Unknown::Vocabulary);
    assert_eq!(
        terms(&p.must[0]),
        [("hulp", PREFIX_WEIGHT), ("hulpverlen", PREFIX_WEIGHT)]
    );
    let p = plan("hul ", &v, &a, Unknown::Vocabulary);
    assert!(p.is_empty(), "no prefix after a space: {p:?}");
}

#[test]
fn typo_on_long_unknown_words() {
    let (v, a) = fixture();
    let p = plan("begeleidng ", &v, &a, Unknown::Vocabulary);
    assert_eq!(terms(&p.must[0]), [("begeleid", TYPO_WEIGHT)]);
    let p = plan("hlp ", &v, &a, Unknown::Vocabulary);
    assert!(p.is_empty(), "no typo tolerance under 5 letters");
}

#[test]
fn exclusion_phrase_and_stop_words() {
    let (v, a) = fixture();
    let p = plan(
        "\"hulp van de inwoner\" -begeleiding",
        &v,
        &a,
        Unknown::Vocabulary,
    );
    assert_eq!(p.must.len(), 2);
    assert_eq!(p.must_not, ["begeleid"]);
    assert_eq!(
        p.phrases,
        [vec![(0, "hulp".to_string()), (3, "inwoner".to_string())]]
    );
    assert!(plan("van de", &v, &a, Unknown::Vocabulary).is_empty());
}

#[test]
fn hyphenated_words_are_two_clauses() {
    let (v, a) = fixture();
    let p = plan("re-integratie", &v, &a, Unknown::Vocabulary);
    assert_eq!(
        p.must.iter().map(|c| c.word.as_str()).collect::<Vec<_>>(),
        ["re", "integratie"]
    );
}

#[test]
fn unknown_words_are_stemmed_only_when_asked() {
    let (v, a) = fixture();
    assert!(plan("begeleidingen ", &v, &a, Unknown::Vocabulary).is_empty());
    let p = plan("begeleidingen ", &v, &a, Unknown::Stem);
    assert_eq!(terms(&p.must[0]), [("begeleid", 1.0)]);
}

#[test]
fn unknown_compound_becomes_one_clause_per_known_part() {
    let (v, a) = fixture();
    // "huiselijkhulpverlening" is not a corpus word; huiselijk and hulpverlening are.
    let p = plan("huiselijkhulpverlening", &v, &a, Unknown::Stem);
    let words: Vec<&str> = p.must.iter().map(|c| c.word.as_str()).collect();
    assert_eq!(words, ["huiselijk", "hulpverlening"]);
    assert_eq!(terms(&p.must[1]), [("hulpverlen", PART_WEIGHT)]);
    // Linking -s-: inwoner + s + begeleiding.
    let p = plan("inwonersbegeleiding zorg", &v, &a, Unknown::Vocabulary);
    let words: Vec<&str> = p.must.iter().map(|c| c.word.as_str()).collect();
    assert_eq!(words[..2], ["inwoners", "begeleiding"], "{p:?}");
}

#[test]
fn known_words_and_words_being_completed_are_not_split() {
    let (v, a) = fixture();
    let p = plan("hulpverlening ", &v, &a, Unknown::Vocabulary);
    assert_eq!(p.must.len(), 1);
    // While typing, "hulpverlen" still completes to a corpus word: no split.
    let p = plan("hulpverlen", &v, &a, Unknown::Vocabulary);
    assert_eq!(p.must.len(), 1);
    assert_eq!(p.must[0].word, "hulpverlen");
}
