//! The [`Searcher`]: answers a [`SearchRequest`] from the tantivy index.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, IndexReader, TantivyDocument, Term};

use super::analyzer::Analyzer;
use super::collector::MatchCollector;
use super::corpus::Corpus;
use super::index::{Fields, HEADING_BOOST, fields_of, fill, register, schema};
use super::meta::Meta;
use super::plan::{Plan, Unknown, plan};
use super::results::{Match, group};
use super::{SearchError, SearchRequest, SearchResults, SearchSection, SearchSettings};

/// Answers queries from a tantivy index.
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    analyzer: Arc<Analyzer>,
    meta: Meta,
}

impl Searcher {
    /// Opens the index written by [`crate::search::write_indexes`] (`<out>/.handboek/index`).
    pub fn open(index_dir: &Path) -> Result<Searcher, SearchError> {
        let meta = Meta::load(index_dir)?;
        let index = Index::open_in_dir(index_dir)?;
        let fields = fields_of(&index.schema())?;
        let analyzer = Arc::new(Analyzer::new(&meta.settings, &meta.extra_words));
        register(&index, &analyzer);
        let reader = index.reader()?;
        Ok(Searcher {
            reader,
            fields,
            analyzer,
            meta,
        })
    }

    /// Builds an index in memory (for the dev server and tests).
    pub fn in_memory(
        sections: &[SearchSection],
        settings: &SearchSettings,
    ) -> Result<Searcher, SearchError> {
        Searcher::from_corpus(&Corpus::build(sections, settings)?)
    }

    /// Builds an index in memory and the files of the static index (name, contents) from the
    /// same analysis, as the dev server publishes them.
    pub fn in_memory_with_static(
        sections: &[SearchSection],
        settings: &SearchSettings,
    ) -> Result<(Searcher, Vec<(String, String)>), SearchError> {
        let corpus = Corpus::build(sections, settings)?;
        Ok((
            Searcher::from_corpus(&corpus)?,
            super::static_index::build(&corpus),
        ))
    }

    fn from_corpus(corpus: &Corpus) -> Result<Searcher, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        fill(&index, corpus, fields)?;
        let reader = index.reader()?;
        Ok(Searcher {
            reader,
            fields,
            analyzer: corpus.analyzer.clone(),
            meta: Meta::from_corpus(corpus),
        })
    }

    /// The analyzer of this index.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Plans a query: unknown words are stemmed (the browser only knows corpus words).
    pub fn plan(&self, query: &str, unknown: Unknown) -> Plan {
        plan(query, &self.meta.vocabulary, &self.analyzer, unknown)
    }

    /// Searches: ranked pages with snippets, and facet counts.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        self.search_with(request, Unknown::Stem)
    }

    /// Searches, treating unknown words as the browser does ([`Unknown::Vocabulary`]) or not.
    pub fn search_with(
        &self,
        request: &SearchRequest,
        unknown: Unknown,
    ) -> Result<SearchResults, SearchError> {
        super::limits::check_query(&request.query)?;
        let filter = self.meta.filter(request)?;
        let plan = self.plan(&request.query, unknown);
        let matches = self.matches(&plan)?;
        let limit = if request.limit == 0 {
            super::limits::DEFAULT_LIMIT
        } else {
            request.limit
        };
        let (pages, total, facets) = group(
            &matches.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
            &filter,
            limit,
        );
        let address = |section: u32| {
            let i = matches
                .binary_search_by_key(&section, |(m, _)| m.section)
                .ok()?;
            Some(matches[i].1)
        };
        let terms = plan.highlight_terms();
        let searcher = self.reader.searcher();
        let load = |section: u32| -> Result<Option<SearchSection>, SearchError> {
            let Some(addr) = address(section) else {
                return Ok(None);
            };
            let doc: TantivyDocument = searcher.doc(addr)?;
            let json = doc
                .get_first(self.fields.data)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            serde_json::from_str(json)
                .map(Some)
                .map_err(|e| SearchError::Corrupt {
                    path: PathBuf::from("data"),
                    message: e.to_string(),
                })
        };
        let mut results = SearchResults {
            query: request.query.clone(),
            total,
            hits: Vec::new(),
            facets: self.meta.facets(&facets),
        };
        for page in &pages {
            let mut loaded = Vec::new();
            for (section, score) in page.sections.iter().take(4) {
                if let Some(s) = load(*section)? {
                    loaded.push((s, *score));
                }
            }
            if let Some(hit) = super::meta::hit(&self.analyzer, &loaded, &terms) {
                results.hits.push(hit);
            }
        }
        Ok(results)
    }

    /// Every section matching the plan with its score and address.
    fn matches(&self, plan: &Plan) -> Result<Vec<(Match, DocAddress)>, SearchError> {
        if plan.is_empty() {
            return Ok(Vec::new());
        }
        let query = self.query(plan);
        let searcher = self.reader.searcher();
        let collector = MatchCollector {
            fields: self.fields,
        };
        let mut matches = searcher.search(&query, &collector)?;
        matches.sort_by_key(|(m, _)| m.section);
        Ok(matches)
    }

    /// The tantivy query of a plan (see [`super::plan`] for its meaning).
    pub fn query(&self, plan: &Plan) -> BooleanQuery {
        let f = self.fields;
        let term_query = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in &plan.must {
            let alternatives: Vec<Box<dyn Query>> = clause
                .terms
                .iter()
                .map(|(term, weight)| {
                    let both = BooleanQuery::new(vec![
                        (Occur::Should, term_query(f.body, term)),
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(term_query(f.heading, term), HEADING_BOOST)),
                        ),
                    ]);
                    Box::new(BoostQuery::new(Box::new(both), *weight)) as Box<dyn Query>
                })
                .collect();
            clauses.push((
                Occur::Must,
                Box::new(DisjunctionMaxQuery::new(alternatives)),
            ));
        }
        for term in &plan.must_not {
            clauses.push((Occur::MustNot, term_query(f.body, term)));
            clauses.push((Occur::MustNot, term_query(f.heading, term)));
        }
        for phrase in &plan.phrases {
            let in_field = |field: Field| -> Box<dyn Query> {
                let terms = phrase
                    .iter()
                    .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                    .collect();
                Box::new(PhraseQuery::new_with_offset(terms))
            };
            let either = BooleanQuery::new(vec![
                (Occur::Should, in_field(f.body)),
                (Occur::Should, in_field(f.heading)),
            ]);
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(either), 0.0)),
            ));
        }
        BooleanQuery::new(clauses)
    }
}
