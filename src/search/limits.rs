//! The bounds of a search query, in one place: `handboek search`, `/api/zoek` and the engine
//! check them here, and the browser client (`themes/default/static/zoeken/engine.js`,
//! `MAX_QUERY_CHARS` / `MAX_QUERY_WORDS`) mirrors them (a test keeps the two equal).
//!
//! A query is refused before anything is planned or allocated for it: each word becomes a
//! clause of the tantivy query with its own scorers, so an unbounded query meant unbounded
//! memory (a 48 KB query took hundreds of MB).

/// At most this many characters (Unicode scalar values) in a query.
pub const MAX_QUERY_CHARS: usize = 256;
/// At most this many words in a query (runs of letters and digits, as the analyzer splits them;
/// stop words and the words of a phrase count too).
pub const MAX_QUERY_WORDS: usize = 12;
/// The number of pages answered when no limit is given.
pub const DEFAULT_LIMIT: usize = 10;

/// Why a query or a limit is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// More than [`MAX_QUERY_CHARS`] characters.
    #[error("the query is too long: {chars} characters, at most {MAX_QUERY_CHARS}")]
    TooLong {
        /// Characters in the query.
        chars: usize,
    },
    /// More than [`MAX_QUERY_WORDS`] words.
    #[error("the query has too many words: {words}, at most {MAX_QUERY_WORDS}")]
    TooManyWords {
        /// Words in the query.
        words: usize,
    },
    /// A limit of 0 pages.
    #[error("the limit must be at least 1")]
    ZeroLimit,
}

/// Accepts a query within the bounds. Reads the text once and allocates nothing.
pub fn check_query(query: &str) -> Result<(), QueryError> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong { chars });
    }
    let words = word_count(query);
    if words > MAX_QUERY_WORDS {
        return Err(QueryError::TooManyWords { words });
    }
    Ok(())
}

/// Accepts a limit of at least one page.
pub fn check_limit(limit: usize) -> Result<usize, QueryError> {
    match limit {
        0 => Err(QueryError::ZeroLimit),
        n => Ok(n),
    }
}

/// The words of a query: maximal runs of letters and digits (`\p{Alphabetic}\p{N}` in the client).
pub fn word_count(query: &str) -> usize {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_at_the_bounds_pass_and_one_more_is_refused() {
        let at = "a".repeat(MAX_QUERY_CHARS);
        assert_eq!(check_query(&at), Ok(()));
        assert_eq!(
            check_query(&format!("{at}é")),
            Err(QueryError::TooLong {
                chars: MAX_QUERY_CHARS + 1
            })
        );
        // Multi-byte characters count once: 256 × `€` is 768 bytes and still fits.
        assert_eq!(check_query(&"€".repeat(MAX_QUERY_CHARS)), Ok(()));
        let twelve = ["hulp"; MAX_QUERY_WORDS].join(" ");
        assert_eq!(check_query(&twelve), Ok(()));
        assert_eq!(
            check_query(&format!("{twelve} \"en-nog\"")),
            Err(QueryError::TooManyWords { words: 14 })
        );
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  -- \" * "), 0);
        assert_eq!(
            word_count("re-integratie \"plan van\" -jeugd 24/7 financiën*"),
            8
        );
    }

    #[test]
    fn a_limit_of_zero_is_refused() {
        assert_eq!(check_limit(0), Err(QueryError::ZeroLimit));
        assert_eq!(check_limit(1), Ok(1));
    }
}
