//! Render: every page of the resolved site through its tera template, in parallel.

pub mod context;
pub mod folder_index;
pub mod frame;
pub mod nav;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, Tera};

use crate::content::Kind;
use crate::diagnostics::Problem;
use crate::output::OutputFile;
use crate::site::Site;
pub use context::Linker;
pub use frame::Frame;
pub use theme::Theme;

/// The memo behind `m`, shared by the threads of a render run; a panic elsewhere cannot leave a
/// memo half-written, so a poisoned lock is used as it is.
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Published static files: their URLs (relative to the site root) by name.
#[derive(Debug, Default, Clone)]
pub struct AssetUrls(pub BTreeMap<String, String>);

impl AssetUrls {
    /// The map as templates see it from one page.
    pub fn for_page(&self, linker: &Linker) -> BTreeMap<String, String> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), linker.link(v)))
            .collect()
    }
}

/// The compiled templates.
pub struct Renderer {
    tera: Tera,
    /// Template name → where it came from and its text, to point at the line of an error.
    origins: BTreeMap<String, (PathBuf, Arc<String>)>,
}

impl Renderer {
    pub fn new(theme: &Theme) -> Result<Renderer, Vec<Problem>> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut origins = BTreeMap::new();
        let mut sources = Vec::new();
        let named = theme
            .base_templates
            .iter()
            .map(|(n, f)| (format!("theme/{n}"), f))
            .chain(theme.templates.iter().map(|(n, f)| (n.clone(), f)));
        let mut problems = Vec::new();
        for (name, file) in named {
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => {
                    origins.insert(name.clone(), (file.origin.clone(), Arc::new(text.clone())));
                    sources.push((name, text));
                }
                Err(_) => problems.push(Problem::error(
                    &file.origin,
                    "the template is not valid UTF-8",
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut r = Renderer { tera, origins };
        if let Err(e) = r.tera.add_raw_templates(sources) {
            return Err(vec![r.template_problem(&e, None)]);
        }
        Ok(r)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn render(&self, template: &str, ctx: &Context) -> Result<String, Problem> {
        self.tera
            .render(template, ctx)
            .map_err(|e| self.template_problem(&e, Some(template)))
    }

    /// A tera error as a problem pointing at the template file and line.
    fn template_problem(&self, e: &tera::Error, rendering: Option<&str>) -> Problem {
        let report = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        };
        let mut message = match report {
            Some(r) => r.message().to_string(),
            None => e.to_string(),
        };
        let mut cause = std::error::Error::source(e);
        while let Some(c) = cause {
            message.push_str(&format!(": {c}"));
            cause = c.source();
        }
        let name = report
            .map(|r| r.filename().to_string())
            .or(rendering.map(str::to_string))
            .unwrap_or_default();
        let Some((origin, text)) = self.origins.get(&name) else {
            return Problem::error(
                format!("template {name}"),
                format!("template error: {message}"),
            );
        };
        let problem = Problem::error(origin, format!("template error in `{name}`: {message}"));
        match report {
            Some(r) => problem.at_line(text, r.span().start_line, r.span().start_col + 1),
            None => problem,
        }
    }
}

/// The template for page `i`: its own choice, then one for its kind, then page/section/index.
pub fn template_for(site: &Site, i: usize, renderer: &Renderer) -> String {
    let p = &site.pages[i].page;
    if let Some(t) = &p.meta.template {
        return t.clone();
    }
    if i == site.home() {
        return "index.html".into();
    }
    let kind = match p.kind {
        Kind::Generic => None,
        Kind::Familie => Some("familie.html"),
        Kind::Resultaatgebied => Some("resultaatgebied.html"),
        Kind::FunctieEisen => Some("functie-eisen.html"),
        Kind::Expertisegebied => Some("expertisegebied.html"),
        Kind::Dilemma => Some("dilemma.html"),
    };
    match kind {
        Some(k) if renderer.has(k) => k.into(),
        _ if p.is_section => "section.html".into(),
        _ => "page.html".into(),
    }
}

/// `index.html` inside the page's URL folder.
pub fn output_path(url: &str) -> String {
    format!("{url}index.html")
}

/// Render page `i` to its output file.
pub fn render_page(frame: &Frame, i: usize) -> Result<OutputFile, Problem> {
    let site = frame.site();
    let p = &site.pages[i].page;
    let linker = Linker::for_url(&p.url);
    let mut ctx = frame.context(&linker, Some(i), &p.url)?;
    let mut page = context::page_ctx(site, frame.views(), i, &linker);
    let pagination = folder_index::paginate(site, i, 1, &mut page, &linker);
    ctx.insert("page", &page);
    ctx.insert("pagination", &pagination);
    let template = template_for(site, i, frame.renderer());
    let html = frame.renderer().render(&template, &ctx)?;
    Ok(OutputFile {
        path: output_path(&p.url),
        bytes: html.into_bytes(),
        sources: own_source(site, i),
    })
}

/// The 404 page, with absolute URLs from the base URL since it is served at any path.
pub fn render_404(frame: &Frame) -> Result<OutputFile, Problem> {
    let linker = Linker {
        root: frame.site().config.base_url.clone(),
    };
    let mut ctx = frame.context(&linker, None, "404.html")?;
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Pagina niet gevonden", "url": "404.html"}),
    );
    let html = frame.renderer().render("404.html", &ctx)?;
    Ok(OutputFile {
        path: "404.html".into(),
        bytes: html.into_bytes(),
        sources: Vec::new(),
    })
}

/// The full search page at `zoeken/`; the client script fills it from the static index.
pub fn render_search_page(frame: &Frame) -> Result<OutputFile, Problem> {
    let url = "zoeken/";
    let linker = Linker::for_url(url);
    let mut ctx = frame.context(&linker, None, url)?;
    ctx.insert(
        "page",
        &serde_json::json!({"title": "Zoeken", "url": "./", "toc": [], "breadcrumbs": []}),
    );
    let html = frame.renderer().render("zoeken.html", &ctx)?;
    Ok(OutputFile {
        path: output_path(url),
        bytes: html.into_bytes(),
        sources: Vec::new(),
    })
}

/// The Markdown file page `i` was made from (none for a folder without `_index.md`). What else
/// its HTML shows (titles of neighbours, references) the dev server tracks in `serve::affected`.
fn own_source(site: &Site, i: usize) -> Vec<PathBuf> {
    let sp = &site.pages[i];
    if sp.implicit {
        Vec::new()
    } else {
        vec![sp.page.source.clone()]
    }
}
