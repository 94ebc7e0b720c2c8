//! Problems found in a handbook: one type for every error and warning a run reports, with the
//! file, line, column and source snippet an editor needs to fix it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

mod timing;
pub use timing::timing;

/// How serious a problem is: errors stop the build, warnings only fail `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    /// Information about what the tool did for the reader (plain folders): never fails a run.
    Note,
}

/// A location inside a source file, 1-based line and column plus the byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub offset: usize,
    #[serde(skip)]
    pub len: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn at_offset(text: &str, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        let len = len.min(text.len() - offset);
        Location {
            line,
            column,
            offset,
            len,
        }
    }

    /// The location of 1-based `line` and `column` in `text`.
    pub fn at_line(text: &str, line: usize, column: usize) -> Self {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                let rest = &l[col_bytes..];
                let len = rest.trim_end_matches(['\n', '\r']).len().max(1);
                return Location::at_offset(text, offset + col_bytes, len);
            }
            offset += l.len();
        }
        Location::at_offset(text, text.len(), 0)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One error or warning about one file of the handbook.
#[derive(Debug, Clone)]
pub struct Problem {
    pub level: Level,
    /// The file, relative to the handbook folder where possible.
    pub path: PathBuf,
    pub message: String,
    pub help: Option<String>,
    pub location: Option<Location>,
    source: Option<Arc<String>>,
}

impl Problem {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Error,
            path: path.into(),
            message: message.into(),
            help: None,
            location: None,
            source: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Warning,
            ..Problem::error(path, message)
        }
    }

    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            level: Level::Note,
            ..Problem::error(path, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attach the source text and the place in it this problem is about.
    pub fn at(mut self, source: &Arc<String>, location: Location) -> Self {
        self.source = Some(Arc::clone(source));
        self.location = Some(location);
        self
    }

    /// Attach the source text and the place in it given as a byte offset.
    pub fn at_offset(self, source: &Arc<String>, offset: usize, len: usize) -> Self {
        let location = Location::at_offset(source, offset, len);
        self.at(source, location)
    }

    /// Attach the source text and the place in it given as a 1-based line and column.
    pub fn at_line(self, source: &Arc<String>, line: usize, column: usize) -> Self {
        let location = Location::at_line(source, line, column);
        self.at(source, location)
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `path:line:column`, the way editors and terminals link to a place.
    pub fn position(&self) -> String {
        match self.location {
            Some(l) => format!("{}:{}:{}", self.path.display(), l.line, l.column),
            None => self.path.display().to_string(),
        }
    }

    /// The problem as plain text without a snippet (for the dev server overlay and JSON).
    pub fn to_plain(&self) -> String {
        let mut s = format!("{}: {}", self.position(), self.message);
        if let Some(help) = &self.help {
            s.push_str("\n  help: ");
            s.push_str(help);
        }
        s
    }

    /// The problem rendered with its source snippet, without colours.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(100);
        if handler.render_report(&mut out, self).is_err() {
            return self.to_plain();
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position(), self.message)
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn severity(&self) -> Option<Severity> {
        Some(match self.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Note => Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let loc = self.location?;
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".to_string()),
            (loc.offset, loc.len),
        ))))
    }
}

/// Every problem of one run, sorted so the report reads file by file.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Problem>) {
        self.0.extend(other);
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.iter().filter(|p| p.level == Level::Warning).count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (a.level, &a.path, a.location.map(|l| l.offset), &a.message).cmp(&(
                b.level,
                &b.path,
                b.location.map(|l| l.offset),
                &b.message,
            ))
        });
        self.0.dedup_by(|a, b| a.to_plain() == b.to_plain());
    }

    /// All problems rendered with snippets, then a one-line count.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for p in &self.0 {
            out.push_str(&p.render());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out
    }

    pub fn summary(&self) -> String {
        format!(
            "{} error{}, {} warning{}",
            self.errors(),
            if self.errors() == 1 { "" } else { "s" },
            self.warnings(),
            if self.warnings() == 1 { "" } else { "s" }
        )
    }
}

/// A "did you mean" for `word` among `candidates`, when one is close enough.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// `path` relative to `root` when it lies inside it.
pub fn relative(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_chars() {
        let text = "ab\ncdé\nfg";
        let l = Location::at_offset(text, 7, 1);
        assert_eq!((l.line, l.column), (2, 4));
        let l = Location::at_line(text, 3, 2);
        assert_eq!((l.line, l.column, l.offset), (3, 2, 9));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "vanaf"]).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(did_you_mean("xyz", ["title", "vanaf"]), None);
    }
}
