//! The analyzer as a tantivy tokenizer: every term of [`Analyzer::analyze`] becomes a token.
//!
//! While an index is filled, the tokenizer reads the corpus's word analyses
//! ([`NlTokenizer::with_words`]) instead of analyzing every word again, and hands tantivy the
//! text itself: pre-tokenized documents cost tantivy a JSON round trip of every token.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::analyzer::{Analyzer, WordCache};

/// The analyzer as a tantivy tokenizer: every term of [`Analyzer::analyze`] becomes a token.
#[derive(Clone)]
pub struct NlTokenizer {
    analyzer: Arc<Analyzer>,
    /// Word analyses made already (the corpus's, while indexing it).
    words: Option<Arc<WordCache>>,
}

impl NlTokenizer {
    /// Wraps a shared analyzer.
    pub fn new(analyzer: Arc<Analyzer>) -> NlTokenizer {
        NlTokenizer {
            analyzer,
            words: None,
        }
    }

    /// Wraps a shared analyzer with a table of word analyses (words not in it are analyzed).
    pub fn with_words(analyzer: Arc<Analyzer>, words: Arc<WordCache>) -> NlTokenizer {
        NlTokenizer {
            analyzer,
            words: Some(words),
        }
    }
}

/// The tokens of one text, analyzed up front.
pub struct NlTokenStream {
    tokens: Vec<Token>,
    index: usize,
    empty: Token,
}

impl Tokenizer for NlTokenizer {
    type TokenStream<'a> = NlTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> NlTokenStream {
        let terms = match &self.words {
            Some(table) => self.analyzer.analyze_with(text, table),
            None => self.analyzer.analyze(text),
        };
        let tokens = terms
            .into_iter()
            .map(|t| Token {
                offset_from: t.from,
                offset_to: t.to,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        NlTokenStream {
            tokens,
            index: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for NlTokenStream {
    fn advance(&mut self) -> bool {
        if self.index < self.tokens.len() {
            self.index += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        match self.index.checked_sub(1) {
            Some(i) => self.tokens.get(i).unwrap_or(&self.empty),
            None => &self.empty,
        }
    }
    fn token_mut(&mut self) -> &mut Token {
        match self
            .index
            .checked_sub(1)
            .and_then(|i| self.tokens.get_mut(i))
        {
            Some(token) => token,
            None => &mut self.empty,
        }
    }
}
