//! Snippets: the window of a section's text with the most matches, escaped, matches in `<mark>`.

use super::analyzer::Analyzer;

/// Words in a snippet.
pub const SNIPPET_WORDS: usize = 28;

pub use crate::markdown::escape as escape_html;

/// The snippet of `text` for a query whose matching terms are `terms` (sorted).
pub fn snippet_html(analyzer: &Analyzer, text: &str, terms: &[String]) -> String {
    let words = analyzer.words(text);
    if words.is_empty() {
        return escape_html(text);
    }
    let hit: Vec<bool> = words
        .iter()
        .map(|w| {
            analyzer.word_analysis(&w.folded).is_some_and(|a| {
                std::iter::once(&a.term)
                    .chain(&a.parts)
                    .any(|t| terms.binary_search(t).is_ok())
            })
        })
        .collect();
    let span = SNIPPET_WORDS.min(words.len());
    let mut best = (0usize, 0usize);
    let mut count = hit[..span].iter().filter(|h| **h).count();
    best.1 = count;
    for start in 1..=words.len() - span {
        count = count + usize::from(hit[start + span - 1]) - usize::from(hit[start - 1]);
        if count > best.1 {
            best = (start, count);
        }
    }
    let (first, last) = (best.0, best.0 + span - 1);
    let from = if first == 0 { 0 } else { words[first].from };
    let to = if last + 1 == words.len() {
        text.len()
    } else {
        words[last].to
    };
    let mut out = String::new();
    if from > 0 {
        out.push_str("… ");
    }
    let mut at = from;
    for (w, h) in words[first..=last].iter().zip(&hit[first..=last]) {
        if *h {
            out.push_str(&escape_html(&text[at..w.from]));
            out.push_str("<mark>");
            out.push_str(&escape_html(&text[w.from..w.to]));
            out.push_str("</mark>");
            at = w.to;
        }
    }
    out.push_str(&escape_html(&text[at..to]));
    if to < text.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchSettings;

    #[test]
    fn marks_stemmed_matches_and_escapes() {
        let analyzer = Analyzer::new(&SearchSettings::default(), &[]);
        let html = snippet_html(
            &analyzer,
            "De <b>begeleiding</b> van inwoners & hun netwerk.",
            &["begeleid".to_string(), "inwoner".to_string()],
        );
        assert_eq!(
            html,
            "De &lt;b&gt;<mark>begeleiding</mark>&lt;/b&gt; van <mark>inwoners</mark> &amp; hun netwerk."
        );
    }

    #[test]
    fn picks_the_window_with_most_matches() {
        let analyzer = Analyzer::new(&SearchSettings::default(), &[]);
        let filler = "tekst ".repeat(40);
        let text = format!("{filler}meldcode hier{filler}");
        let html = snippet_html(&analyzer, &text, &["meldcod".to_string()]);
        assert!(html.starts_with("… "), "{html}");
        assert!(html.contains("<mark>meldcode</mark>"), "{html}");
    }
}
