//! The HTTP side of `handboek serve`: the published site from memory (with the reload script and
//! the error overlay injected into HTML), the browser event stream and `/api/zoek`.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use super::paths::{self, Lookup};
use super::search::{SearchError, SearchParams};
use super::state::{BrowserEvent, Shared};

/// The script every served HTML page loads in serve mode.
pub const RELOAD_JS_PATH: &str = "/__handboek/reload.js";
const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// The router of the dev server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(RELOAD_JS_PATH, get(reload_js))
        .route("/__handboek/overlay.css", get(overlay_css))
        .route("/__handboek/events", get(events))
        .route("/api/zoek", get(zoek).fallback(api_method_not_allowed))
        .fallback(file)
        .with_state(shared)
}

async fn reload_js() -> Response {
    asset(RELOAD_JS, "text/javascript; charset=utf-8")
}

async fn overlay_css() -> Response {
    asset(OVERLAY_CSS, "text/css; charset=utf-8")
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        text,
    )
        .into_response()
}

/// A bare 404 for paths that try to leave the site: no page, no hint.
fn refused() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "404 Niet gevonden\n",
    )
        .into_response()
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let key = match paths::lookup(uri.path(), &shared.base_path()) {
        Lookup::File(k) => k,
        Lookup::Refused => return refused(),
    };
    let files = shared.files();
    if let Some(bytes) = files.get(&key) {
        return respond(&shared, StatusCode::OK, &key, bytes.clone());
    }
    // The static search index lives with the search engine (it follows edits on its own).
    let in_index = key
        .strip_prefix(crate::search::STATIC_DIR)
        .and_then(|rest| rest.strip_prefix('/'));
    if let Some(bytes) = in_index.and_then(|name| shared.search().file(name)) {
        return respond(&shared, StatusCode::OK, &key, bytes);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let to = format!("{}/", uri.path());
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    match files.get("404.html") {
        Some(bytes) => respond(&shared, StatusCode::NOT_FOUND, "404.html", bytes.clone()),
        // Nothing published yet because the first build failed: a page to carry the overlay.
        None if shared.failure().is_some() => respond(
            &shared,
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            Bytes::from_static(b"<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>handboek serve</title></head><body></body></html>"),
        ),
        None => refused(),
    }
}

fn respond(shared: &Shared, status: StatusCode, key: &str, bytes: Bytes) -> Response {
    let kind = paths::content_type(key);
    let body = if kind.starts_with("text/html") {
        Bytes::from(inject(&bytes, shared))
    } else {
        bytes
    };
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// The page with the reload script (and the overlay, while the last build failed) before `</body>`.
pub fn inject(html: &[u8], shared: &Shared) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(text) = shared.failure() {
        snippet.push_str(&overlay_html(&text));
    }
    snippet.push_str(&format!(
        "<script src=\"{RELOAD_JS_PATH}\" data-generation=\"{}\"></script>",
        shared.generation()
    ));
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body";
    (0..html.len().saturating_sub(needle.len() - 1))
        .rev()
        .find(|&i| html[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The error overlay as HTML, styled by `/__handboek/overlay.css` (no inline style, for CSP).
pub fn overlay_html(text: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"/__handboek/overlay.css\"><div id=\"handboek-overlay\" role=\"alert\"><p class=\"handboek-overlay-title\">De laatste wijziging bouwt niet; je ziet de vorige versie.</p><pre>{}</pre></div>",
        crate::markdown::escape(text)
    )
}

fn sse_event(e: &BrowserEvent) -> Event {
    let data = serde_json::to_string(e).unwrap_or_else(|_| "{}".into());
    Event::default().event(e.name()).data(data)
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let rx = shared.events.subscribe();
    let first = match shared.failure() {
        Some(text) => BrowserEvent::Problems {
            generation: shared.generation(),
            text: text.to_string(),
        },
        None => BrowserEvent::Reload {
            generation: shared.generation(),
            all: false,
            pages: Vec::new(),
        },
    };
    let stream = futures_util::stream::unfold(
        (Some(first), rx, false),
        |(first, mut rx, done)| async move {
            if done {
                return None;
            }
            if let Some(e) = first {
                return Some((Ok::<_, Infallible>(sse_event(&e)), (None, rx, false)));
            }
            let event = match rx.recv().await {
                Ok(e) => e,
                Err(RecvError::Lagged(_)) => BrowserEvent::Reload {
                    generation: 0,
                    all: true,
                    pages: Vec::new(),
                },
                Err(RecvError::Closed) => BrowserEvent::Bye,
            };
            let last = matches!(event, BrowserEvent::Bye);
            Some((Ok(sse_event(&event)), (None, rx, last)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Every error of the API in one shape: `{"error": "<message>", "status": <code>}` as JSON.
pub fn api_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "status": status.as_u16() });
    (status, axum::Json(body)).into_response()
}

async fn api_method_not_allowed(method: Method) -> Response {
    let mut res = api_error(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("method {method} is not allowed here; use GET"),
    );
    res.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    res
}

async fn zoek(
    State(shared): State<Arc<Shared>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => return api_error(StatusCode::BAD_REQUEST, &e.body_text()),
    };
    // The bounds before any work: an out-of-bounds query never reaches the engine.
    let bounds = crate::search::limits::check_query(&params.q).and_then(|()| {
        params
            .limit
            .map_or(Ok(0), crate::search::limits::check_limit)
    });
    if let Err(e) = bounds {
        return api_error(StatusCode::BAD_REQUEST, &e.to_string());
    }
    let index = shared.search();
    let result = tokio::task::spawn_blocking(move || index.search(&params)).await;
    match result {
        Ok(Ok(v)) => (StatusCode::OK, axum::Json(v)).into_response(),
        Ok(Err(e)) => {
            let status = match e {
                SearchError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                SearchError::BadRequest(_) => StatusCode::BAD_REQUEST,
                SearchError::Failed(_) => StatusCode::INTERNAL_SERVER_ERROR,
            };
            api_error(status, &e.to_string())
        }
        Err(e) => api_error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
