use super::*;
use std::sync::Arc;

fn analyzer() -> Analyzer {
    let settings = SearchSettings {
        synonyms: vec![vec!["mpop".into(), "plan van de inwoner".into()]],
        ..SearchSettings::default()
    };
    Analyzer::new(&settings, &[])
}

fn terms(a: &Analyzer, text: &str) -> Vec<String> {
    a.analyze(text).into_iter().map(|t| t.text).collect()
}

fn term(a: &Analyzer, word: &str) -> String {
    a.word_term(&a.fold(word)).unwrap_or_default()
}

#[test]
fn lowercases_and_folds_diacritics() {
    let a = analyzer();
    assert_eq!(a.fold("Financiën"), "financien");
    assert_eq!(terms(&a, "FINANCIËN"), terms(&a, "financien"));
    assert_eq!(terms(&a, "coördinatie"), terms(&a, "coordinatie"));
}

#[test]
fn splits_on_unicode_word_boundaries() {
    let a = analyzer();
    let words: Vec<String> = a
        .words("re-integratie, zorg/welzijn (Wmo)")
        .into_iter()
        .map(|w| w.folded)
        .collect();
    assert_eq!(words, ["re", "integratie", "zorg", "welzijn", "wmo"]);
}

#[test]
fn drops_stop_words_but_keeps_positions() {
    let a = analyzer();
    let words: Vec<(String, usize)> = a
        .analyze("plan van de inwoner")
        .into_iter()
        .filter(|t| t.kind == TermKind::Word)
        .map(|t| (t.text, t.position))
        .collect();
    assert_eq!(words, [("plan".to_string(), 0), ("inwoner".to_string(), 3)]);
    assert!(terms(&a, "van de het een").is_empty());
}

#[test]
fn stems_keep_handbook_words_apart() {
    let a = analyzer();
    for (x, y) in [
        ("begeleiding", "beleid"),
        ("gemeente", "menen"),
        ("gegevens", "geven"),
        ("gedrag", "drag"),
        ("geweld", "wel"),
        ("plaats", "plat"),
    ] {
        assert_ne!(term(&a, x), term(&a, y), "{x} and {y} must differ");
    }
}

#[test]
fn stems_conflate_inflections() {
    let a = analyzer();
    for (x, y) in [
        ("inwoners", "inwoner"),
        ("rollen", "rol"),
        ("plannen", "plan"),
        ("situaties", "situatie"),
        ("niveaus", "niveau"),
        ("coaches", "coach"),
        ("gesprekken", "gesprek"),
        ("dilemma's", "dilemma"),
        ("schulden", "schuld"),
    ] {
        assert_eq!(term(&a, x), term(&a, y), "{x} and {y} must match");
    }
}

#[test]
fn compounds_add_their_parts_at_the_same_position() {
    let a = analyzer();
    let all = a.analyze("schuldhulpverlening");
    assert!(all.iter().all(|t| t.position == 0));
    let texts: Vec<&str> = all.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts[0], term(&a, "schuldhulpverlening"));
    for part in ["hulpverlening", "schuld", "hulp"] {
        assert!(
            texts.contains(&term(&a, part).as_str()),
            "{part} in {texts:?}"
        );
    }
}

#[test]
fn compounds_with_linking_s_and_nested_parts() {
    let a = analyzer();
    assert!(terms(&a, "arbeidsmarktbeleid").contains(&term(&a, "beleid")));
    assert!(terms(&a, "arbeidsmarktbeleid").contains(&term(&a, "arbeid")));
    assert!(terms(&a, "wijkteammedewerker").contains(&term(&a, "medewerker")));
    assert!(
        terms(&a, "beleidsmedewerkers").contains(&term(&a, "medewerker")),
        "inflected head"
    );
}

#[test]
fn no_part_under_four_letters() {
    let a = analyzer();
    for word in [
        "werkbegeleiding",
        "wijkteammedewerker",
        "schuldhulpverlening",
        "arbeidsmarktbeleid",
    ] {
        for p in a.parts(word) {
            assert!(p.chars().count() >= 4, "{word}: {p}");
        }
    }
    assert!(a.parts("beleid").is_empty());
    assert!(a.parts("gemeente").is_empty());
}

#[test]
fn corpus_words_extend_the_lexicon() {
    let plain = analyzer();
    assert!(plain.parts("buurtsportcoach").is_empty());
    let a = Analyzer::new(
        &SearchSettings::default(),
        &["buurt".into(), "sport".into()],
    );
    assert_eq!(
        a.parts("buurtsportcoach"),
        ["buurt", "sportcoach", "sport", "coach"]
    );
}

#[test]
fn synonyms_apply_both_ways() {
    let a = analyzer();
    let mpop = terms(&a, "Het MPOP is klaar");
    assert!(
        mpop.contains(&"plan".to_string()) && mpop.contains(&"inwoner".to_string()),
        "{mpop:?}"
    );
    let long = terms(&a, "Het plan van de inwoner is klaar");
    assert!(long.contains(&"mpop".to_string()), "{long:?}");
    assert!(!terms(&a, "het plan van de gemeente").contains(&"mpop".to_string()));
}

#[test]
fn drops_absurdly_long_words() {
    let a = analyzer();
    let long = "a".repeat(60);
    assert_eq!(
        terms(&a, &format!("zorg {long} welzijn")),
        ["zorg", "welzijn"]
    );
}

#[test]
fn tantivy_tokenizer_yields_the_same_terms() {
    let a = Arc::new(analyzer());
    let mut tok = TextAnalyzer::from(NlTokenizer::new(a.clone()));
    let text = "De wijkcoach bespreekt het MPOP met de inwoner over schuldhulpverlening.";
    let mut stream = tok.token_stream(text);
    let mut seen = Vec::new();
    while let Some(t) = stream.next() {
        seen.push((t.text.clone(), t.position));
    }
    let expected: Vec<(String, usize)> = a
        .analyze(text)
        .into_iter()
        .map(|t| (t.text, t.position))
        .collect();
    assert_eq!(seen, expected);
}

/// `golden/stems.tsv`: word, term, compound parts. Set HANDBOEK_UPDATE_GOLDEN=1 to rewrite it.
#[test]
fn golden_stems() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/golden/stems.tsv");
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let a = Analyzer::new(&SearchSettings::default(), &[]);
    let mut new = String::from(
        "# word\tterm\tparts (shipped word list only); regenerate with HANDBOEK_UPDATE_GOLDEN=1\n",
    );
    for line in old.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let word = line.split('\t').next().unwrap_or_default();
        let analysis = a.word_analysis(&a.fold(word));
        let (t, parts) = analysis
            .map(|w| (w.term, w.parts.join(",")))
            .unwrap_or_default();
        new.push_str(&format!("{word}\t{t}\t{parts}\n"));
    }
    if std::env::var("HANDBOEK_UPDATE_GOLDEN").is_ok() {
        std::fs::write(path, &new).unwrap();
        return;
    }
    let diff: Vec<String> = old
        .lines()
        .zip(new.lines())
        .filter(|(o, n)| o != n)
        .map(|(o, n)| format!("- {o}\n+ {n}"))
        .collect();
    assert!(diff.is_empty(), "stems changed:\n{}", diff.join("\n"));
    assert!(old.lines().count() > 100, "golden file too small");
}

#[test]
fn table_analysis_equals_cached_analysis() {
    let a = analyzer();
    let text = "Het MPOP: schuldhulpverlening voor de inwoner, plan van de inwoner en het plan van de inwoner.";
    let mut cache = WordCache::new();
    let cached = a.analyze_cached(text, &mut cache);
    assert_eq!(cached, a.analyze_with(text, &cache));
    assert_eq!(
        cached,
        a.analyze_with(text, &WordCache::new()),
        "missing words are analyzed"
    );
    let mut counted = Vec::new();
    a.for_each_term(&a.words(text), &cache, |w, t, _| {
        counted.push((t.to_string(), w.position))
    });
    counted.sort_by_key(|(_, p)| *p);
    let expected: Vec<(String, usize)> = cached.into_iter().map(|t| (t.text, t.position)).collect();
    assert_eq!(counted, expected);
}
