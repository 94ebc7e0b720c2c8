//! A tantivy collector that keeps every match with its score, page and facet masks.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::schema::Field;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::index::Fields;
use super::results::Match;

/// Collects every match with its score, page and facets.
pub(crate) struct MatchCollector {
    pub(crate) fields: Fields,
}

pub(crate) struct MatchSegmentCollector {
    segment: SegmentOrdinal,
    section: Column<u64>,
    page: Column<u64>,
    facets: Column<u64>,
    expertise: Column<u64>,
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
            expertise: column(self.fields.expertise)?,
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
            expertise: self.expertise.first(doc).unwrap_or(0),
            score,
        };
        self.out.push((m, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.out
    }
}
