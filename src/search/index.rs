//! The tantivy index: schema, and writing it from the analyzed corpus.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

use super::SearchError;
use super::analyzer::{Analyzer, NlTokenizer, TOKENIZER_NAME};
use super::corpus::{Corpus, field_texts};
use super::meta::Meta;

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
    pub expertise: Field,
    pub data: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
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
        expertise: b.add_u64_field("expertise", FAST),
        data: b.add_text_field("data", STORED),
    };
    (b.build(), fields)
}

pub(crate) fn fields_of(schema: &Schema) -> Result<Fields, SearchError> {
    let f = |name: &str| schema.get_field(name).map_err(SearchError::from);
    Ok(Fields {
        heading: f("heading")?,
        body: f("body")?,
        section: f("section")?,
        page: f("page")?,
        facets: f("facets")?,
        expertise: f("expertise")?,
        data: f("data")?,
    })
}

pub(crate) fn register(index: &Index, analyzer: &Arc<Analyzer>) {
    let tokenizer = TextAnalyzer::from(NlTokenizer::new(analyzer.clone()));
    index.tokenizers().register(TOKENIZER_NAME, tokenizer);
}

/// Adds every section of the corpus to `index`, in corpus order; the tokenizer reads the
/// corpus's word analyses, so no word is analyzed twice.
pub(crate) fn fill(index: &Index, corpus: &Corpus, fields: Fields) -> Result<(), SearchError> {
    let tokenizer = NlTokenizer::with_words(corpus.analyzer.clone(), corpus.words.clone());
    index
        .tokenizers()
        .register(TOKENIZER_NAME, TextAnalyzer::from(tokenizer));
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)?;
    for (ordinal, s) in corpus.sections.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for (field, text) in [fields.heading, fields.body]
            .into_iter()
            .zip(field_texts(s.section))
        {
            doc.add_text(field, text);
        }
        doc.add_u64(fields.section, ordinal as u64);
        doc.add_u64(fields.page, u64::from(s.page));
        doc.add_u64(fields.facets, s.facets);
        doc.add_u64(fields.expertise, s.expertise);
        let data = serde_json::to_string(s.section).unwrap_or_default();
        doc.add_text(fields.data, data);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    // Queries are analyzed without the corpus table.
    register(index, &corpus.analyzer);
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
