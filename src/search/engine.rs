//! The tantivy index: schema, writing from the analyzed corpus, and the [`Searcher`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Score, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use super::analyzer::{Analyzer, NlTokenizer, TOKENIZER_NAME, WordCache};
use super::corpus::{Corpus, field_texts};
use super::meta::Meta;
use super::plan::{Plan, Unknown, plan};
use super::results::{Match, group};
use super::{SearchError, SearchRequest, SearchResults, SearchSection, SearchSettings};

/// Boost of the heading field over the body.
pub const HEADING_BOOST: f32 = 2.0;
/// Memory budget of the index writer.
const WRITER_BUDGET: usize = 50_000_000;

/// The fields of the schema.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub heading: Field,
    pub body: Field,
    pub section: Field,
    pub page: Field,
    pub facets: Field,
    pub data: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        heading: b.add_text_field("heading", text.clone()),
        body: b.add_text_field("body", text),
        section: b.add_u64_field("section", FAST),
        page: b.add_u64_field("page", FAST),
        facets: b.add_u64_field("facets", FAST),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

fn fields_of(schema: &Schema) -> Result<Fields, SearchError> {
    let f = |name: &str| schema.get_field(name).map_err(SearchError::from);
    Ok(Fields {
        heading: f("heading")?,
        body: f("body")?,
        section: f("section")?,
        page: f("page")?,
        facets: f("facets")?,
        data: f("data")?,
    })
}

fn register(index: &Index, analyzer: &Arc<Analyzer>) {
    let tokenizer = TextAnalyzer::from(NlTokenizer::new(analyzer.clone()));
    index.tokenizers().register(TOKENIZER_NAME, tokenizer);
}

/// Adds every section of the corpus to `index` (pre-tokenized with the corpus analyzer).
fn fill(index: &Index, corpus: &Corpus, fields: Fields) -> Result<(), SearchError> {
    register(index, &corpus.analyzer);
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)?;
    let mut cache = WordCache::new();
    for (ordinal, s) in corpus.sections.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for (field, text) in [fields.heading, fields.body]
            .into_iter()
            .zip(field_texts(s.section))
        {
            let tokens = corpus
                .analyzer
                .analyze_cached(text, &mut cache)
                .into_iter()
                .map(|t| Token {
                    offset_from: t.from,
                    offset_to: t.to,
                    position: t.position,
                    text: t.text,
                    position_length: 1,
                })
                .collect();
            doc.add_pre_tokenized_text(
                field,
                PreTokenizedString {
                    text: String::new(),
                    tokens,
                },
            );
        }
        doc.add_u64(fields.section, ordinal as u64);
        doc.add_u64(fields.page, u64::from(s.page));
        doc.add_u64(fields.facets, s.facets);
        let data = serde_json::to_string(s.section).unwrap_or_default();
        doc.add_text(fields.data, data);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Writes the tantivy index of the corpus into `dir` (emptied first); returns the files.
pub fn write_index(corpus: &Corpus, dir: &Path) -> Result<Vec<PathBuf>, SearchError> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| SearchError::io(dir, e))?;
    let (schema, fields) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    fill(&index, corpus, fields)?;
    Meta::from_corpus(corpus).save(dir)?;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| SearchError::io(dir, e))? {
        let entry = entry.map_err(|e| SearchError::io(dir, e))?;
        files.push(PathBuf::from(entry.file_name()));
    }
    files.sort();
    Ok(files)
}

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
        let corpus = Corpus::build(sections, settings)?;
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        fill(&index, &corpus, fields)?;
        let reader = index.reader()?;
        Ok(Searcher {
            reader,
            fields,
            analyzer: corpus.analyzer.clone(),
            meta: Meta::from_corpus(&corpus),
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
        let filter = self.meta.filter(request)?;
        let plan = self.plan(&request.query, unknown);
        let matches = self.matches(&plan)?;
        let (pages, facets) = group(
            &matches.iter().map(|(m, _)| *m).collect::<Vec<_>>(),
            &filter,
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
            total: pages.len(),
            hits: Vec::new(),
            facets: self.meta.facets(&facets),
        };
        let limit = if request.limit == 0 {
            10
        } else {
            request.limit
        };
        for page in pages.iter().take(limit) {
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

/// Collects every match with its score, page and facets.
struct MatchCollector {
    fields: Fields,
}

struct MatchSegmentCollector {
    segment: SegmentOrdinal,
    section: Column<u64>,
    page: Column<u64>,
    facets: Column<u64>,
    out: Vec<(Match, DocAddress)>,
}

impl Collector for MatchCollector {
    type Fruit = Vec<(Match, DocAddress)>;
    type Child = MatchSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let schema = reader.schema();
        let column = |field: Field| reader.fast_fields().u64(schema.get_field_name(field));
        Ok(MatchSegmentCollector {
            segment,
            section: column(self.fields.section)?,
            page: column(self.fields.page)?,
            facets: column(self.fields.facets)?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for MatchSegmentCollector {
    type Fruit = Vec<(Match, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let m = Match {
            section: self.section.first(doc).unwrap_or(0) as u32,
            page: self.page.first(doc).unwrap_or(0) as u32,
            facets: self.facets.first(doc).unwrap_or(0),
            score,
        };
        self.out.push((m, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}
