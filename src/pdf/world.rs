//! The typst world of one document: its generated source, the fonts embedded in the binary
//! (typst-assets), no files and no clock. Compiles the source into PDF bytes.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The standard library, the fonts and their book: made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// Whether one of the embedded fonts has a glyph for `c` (PDF/UA forbids text without one).
pub fn has_glyph(c: char) -> bool {
    SHARED
        .fonts
        .iter()
        .any(|f| f.info().coverage.contains(u32::from(c)))
}

/// One document to typeset.
struct DocWorld {
    main: Source,
}

/// The file id of every document (interned once per process: ids are never freed).
fn main_id() -> Option<FileId> {
    static ID: LazyLock<Option<FileId>> = LazyLock::new(|| {
        VirtualPath::new("/functieprofiel.typ")
            .ok()
            .map(|p| RootedPath::new(VirtualRoot::Project, p).intern())
    });
    *ID
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// No clock: the same sources give the same document.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Why typst could not make a PDF of a generated document (a bug in the generator).
#[derive(Debug, thiserror::Error)]
#[error("typst could not typeset {name}: {message}")]
pub struct TypesetError {
    pub name: String,
    pub message: String,
}

/// Typeset `source` into a tagged PDF (PDF/UA-1). `ident` names the document stably (it becomes
/// the PDF's document id); no creation date is written.
pub fn compile(source: String, ident: &str, name: &str) -> Result<Vec<u8>, TypesetError> {
    let id = main_id().ok_or_else(|| TypesetError {
        name: name.to_string(),
        message: "no file id for the document".to_string(),
    })?;
    let world = DocWorld {
        main: Source::new(id, source),
    };
    let fail = |diags: &[SourceDiagnostic]| TypesetError {
        name: name.to_string(),
        message: describe(&world, diags),
    };
    let document: PagedDocument = typst::compile(&world).output.map_err(|d| fail(&d))?;
    let options = |standards: PdfStandards| PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("handboek".to_string())),
        timestamp: None,
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let ua = PdfStandards::new(&[PdfStandard::Ua_1]).unwrap_or_default();
    // PDF/UA-1 when the text allows it (every glyph in a font, see escape::printable); else
    // still a tagged PDF rather than no PDF.
    let pdf = typst_pdf::pdf(&document, &options(ua))
        .or_else(|_| typst_pdf::pdf(&document, &options(PdfStandards::default())))
        .map_err(|d| fail(&d));
    // Memoized layouts of documents that are gone: keep a long `serve` from growing.
    typst::comemo::evict(10);
    pdf
}

/// The errors of a failed compile, each with the line of generated source it points at.
fn describe(world: &DocWorld, diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let at = world
                .range(d.span)
                .and_then(|r| {
                    let text = world.main.text();
                    let start = text.get(..r.start)?.rfind('\n').map_or(0, |i| i + 1);
                    let line = text.get(..start)?.matches('\n').count() + 1;
                    let rest = text.get(start..)?;
                    let snippet = rest.lines().next().unwrap_or_default();
                    Some(format!(" (line {line}: `{snippet}`)"))
                })
                .unwrap_or_default();
            format!("{}{at}", d.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
