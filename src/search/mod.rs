//! Search: the Dutch analyzer, the tantivy index and the static in-browser index.
