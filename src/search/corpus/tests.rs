use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::Corpus;
use crate::search::{SearchSection, SearchSettings};

/// Words that exercise every path of the analysis: stop words, compounds and their parts,
/// synonyms of one and of several words, accents and capitals, digits, a word too long to
/// index (over 40 bytes) and punctuation between words.
const WORDS: [&str; 24] = [
    "de",
    "het",
    "en",
    "van",
    "jeugd",
    "bescherming",
    "jeugdbescherming",
    "schuldhulpverlening",
    "hulpverlening",
    "plan",
    "inwoner",
    "MPOP",
    "mpop",
    "Financiën",
    "financien",
    "wijkcoach",
    "wijkcoaches",
    "schaal",
    "8",
    "keukentafelgesprek",
    "gesprek",
    "zorgmijder",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "Één",
];
const SEPARATORS: [&str; 4] = [" ", ", ", ". ", " (x) "];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..SEPARATORS.len()), 0..40).prop_map(|words| {
        words
            .into_iter()
            .map(|(w, s)| format!("{}{}", WORDS[w], SEPARATORS[s]))
            .collect()
    })
}

fn sections() -> impl Strategy<Value = Vec<SearchSection>> {
    prop::collection::vec((0..4usize, text(), text()), 1..12).prop_map(|list| {
        list.into_iter()
            .map(|(page, heading, body)| SearchSection {
                page_id: format!("p{page}"),
                page_title: format!("Pagina {page}"),
                url: format!("p{page}/"),
                anchor: None,
                heading,
                breadcrumb: Vec::new(),
                collection: "handboek".into(),
                levels: Vec::new(),
                roles: Vec::new(),
                expertise: Vec::new(),
                text: body,
            })
            .collect()
    })
}

fn settings() -> SearchSettings {
    SearchSettings {
        synonyms: vec![
            vec!["mpop".into(), "plan van de inwoner".into()],
            vec!["gesprek".into(), "keukentafelgesprek".into()],
            vec![
                "zorgmijder".into(),
                "wijkcoach".into(),
                "nooit gebruikt".into(),
            ],
        ],
        ..SearchSettings::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The numbered one-pass analysis counts exactly what the analyzer yields for each text.
    #[test]
    fn term_frequencies_are_the_analyzers_terms(sections in sections()) {
        let settings = settings();
        let corpus = Corpus::build(&sections, &settings).expect("corpus");
        let mut all_terms = BTreeSet::new();
        for s in &corpus.sections {
            for (field, text) in super::field_texts(s.section).into_iter().enumerate() {
                let mut want: BTreeMap<String, u32> = BTreeMap::new();
                for t in corpus.analyzer.analyze(text) {
                    *want.entry(t.text).or_insert(0) += 1;
                }
                let stats = &s.fields[field];
                let got: BTreeMap<String, u32> = stats
                    .tf
                    .iter()
                    .map(|&(id, n)| (corpus.terms[id as usize].clone(), n))
                    .collect();
                prop_assert_eq!(stats.tokens, want.values().sum::<u32>());
                prop_assert!(stats.tf.windows(2).all(|w| w[0].0 < w[1].0));
                all_terms.extend(want.keys().cloned());
                prop_assert_eq!(got, want, "field {} of {:?}", field, text);
            }
        }
        prop_assert_eq!(corpus.terms, all_terms.into_iter().collect::<Vec<_>>());
    }

    /// A word's count is the number of sections it occurs in (heading or text).
    #[test]
    fn word_counts_are_sections_with_the_word(sections in sections()) {
        let corpus = Corpus::build(&sections, &settings()).expect("corpus");
        for entry in corpus.vocabulary.entries() {
            let with = corpus
                .sections
                .iter()
                .filter(|s| {
                    super::field_texts(s.section)
                        .iter()
                        .any(|t| corpus.analyzer.words(t).iter().any(|w| w.folded == entry.word))
                })
                .count();
            prop_assert_eq!(entry.count as usize, with, "{}", entry.word);
        }
    }
}
