//! `handboek serve`: build, serve the site from memory on localhost, watch the sources and
//! rebuild only what a change touches, reload the browser, show build errors in the page.

pub mod affected;
pub mod disk;
pub mod http;
pub mod paths;
pub mod plan;
pub mod rebuild;
pub mod search;
pub mod state;
pub mod supervise;
pub mod watch;
pub mod world;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

pub use rebuild::{Change, Outcome, Rebuilder};
pub use search::{Indexer, SearchIndex, SearchParams};
use state::{BrowserEvent, Shared};

use crate::output::OutputError;

/// What `handboek serve` was asked to do.
pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub poll: bool,
    /// Makes the `/api/zoek` index of each published version.
    pub indexer: Indexer,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("`{0}` is not an IP address to listen on (try 127.0.0.1)")]
    BadAddress(String),
    #[error(
        "cannot listen on {addr}: the port is already in use (is another `handboek serve` running?); choose another with --port"
    )]
    InUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot watch the handbook for changes: {0}")]
    Watch(String),
    #[error("the server stopped: {0}")]
    Server(io::Error),
}

/// Bind the address, or say clearly why not.
pub fn bind(bind: &str, port: u16) -> Result<std::net::TcpListener, ServeError> {
    let ip: IpAddr = bind
        .parse()
        .map_err(|_| ServeError::BadAddress(bind.to_string()))?;
    let addr = SocketAddr::new(ip, port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => ServeError::InUse { addr },
        _ => ServeError::Bind { addr, source: e },
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| ServeError::Bind { addr, source: e })?;
    Ok(listener)
}

/// Run the dev server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let listener = bind(&opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(ServeError::Server)?;
    crate::output::check_target(&opts.out)?;
    let shared = Shared::new();
    // Watch before the first build, so no save made during it is missed.
    let config = crate::config::Config::load(&opts.root).ok();
    let theme_dir = config.as_ref().and_then(|c| c.theme.clone());
    let plain = config.as_ref().is_some_and(|c| c.is_plain());
    let places = watch::Places::new(&opts.root, theme_dir.as_deref(), &opts.out, plain);
    let (tx, rx) = mpsc::channel::<Vec<Change>>();
    let watching =
        watch::watch(places, opts.poll, tx).map_err(|e| ServeError::Watch(e.to_string()))?;
    let mut rebuilder = Rebuilder::new(opts.root.clone(), opts.out.clone());
    let (disk_tx, disk_thread) = disk::writer(opts.out.clone());
    let first = supervise::apply(&mut rebuilder, &[Change::Config]);
    if handle(&mut rebuilder, first, &shared, &disk_tx) {
        index(&rebuilder, &shared, &opts);
    }
    let url = format!("http://{addr}{}", shared.base_path());
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {addr}: other computers on the network can reach this server"
        );
    }
    println!("Serving the handbook at {url} (Ctrl-C stops)");
    if opts.open {
        open_browser(&url);
    }
    let worker = {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut index_due = false;
            loop {
                // Views left for later and the search index follow once the editor paused (a
                // save soon after would make them stale anyway).
                let mut changes = if rebuilder.pending() {
                    match rx.recv_timeout(VIEWS_AFTER_QUIET) {
                        Ok(c) => c,
                        Err(mpsc::RecvTimeoutError::Timeout) => Vec::new(),
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                } else if index_due {
                    match rx.recv_timeout(INDEX_AFTER_QUIET) {
                        Ok(c) => c,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            index(&rebuilder, &shared, &opts);
                            index_due = false;
                            continue;
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                } else {
                    match rx.recv() {
                        Ok(c) => c,
                        Err(_) => break,
                    }
                };
                while let Ok(more) = rx.try_recv() {
                    changes.extend(more);
                }
                let outcome = supervise::apply(&mut rebuilder, &changes);
                index_due |= handle(&mut rebuilder, outcome, &shared, &disk_tx);
            }
        })
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Server)?;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let stop = {
            let shared = Arc::clone(&shared);
            async move {
                shutdown_signal().await;
                shared.send(BrowserEvent::Bye);
            }
        };
        axum::serve(listener, http::router(Arc::clone(&shared)))
            .with_graceful_shutdown(stop)
            .await
    });
    runtime.shutdown_timeout(Duration::from_secs(2));
    drop(watching);
    let _ = worker.join();
    let _ = disk_thread.join();
    println!("Stopped.");
    result.map_err(ServeError::Server)
}

/// How long the sources must stay unchanged before the views that list an edited page follow it
/// (the page itself is published at once).
const VIEWS_AFTER_QUIET: Duration = Duration::from_millis(250);

/// How long the sources must stay unchanged before the search index follows an edit.
const INDEX_AFTER_QUIET: Duration = Duration::from_millis(500);

/// Hand the published site to the search indexer (which builds on a thread of its own).
/// A panic while indexing (a bug) leaves the previous index in place; the server goes on.
fn index(rebuilder: &Rebuilder, shared: &Shared, opts: &ServeOptions) {
    if let Some(w) = rebuilder.world() {
        let made =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (opts.indexer)(&w.site)));
        match made {
            Ok(Ok(index)) => shared.set_search(index),
            Ok(Err(e)) => eprintln!("warning: search index: {e}"),
            Err(_) => eprintln!(
                "warning: search index: indexing crashed (a bug in handboek); the previous index stays"
            ),
        }
    }
}

/// Publish a rebuild (memory, browser, output folder) or report why it failed.
/// Returns whether the published pages changed, so the search index must follow.
fn handle(
    rebuilder: &mut Rebuilder,
    outcome: Outcome,
    shared: &Shared,
    disk: &mpsc::Sender<disk::Job>,
) -> bool {
    match outcome {
        Outcome::Failed(problems) => {
            let mut errors = problems.clone();
            errors.0.retain(|p| p.is_error());
            eprintln!("{}", problems.render());
            shared.fail(errors.render());
            false
        }
        Outcome::Published(p) => {
            if let Some(base) = rebuilder.base_url() {
                let path = crate::url_path::base_path(base);
                *shared.base_path.write().unwrap_or_else(|e| e.into_inner()) = path;
            }
            let generation = shared.publish(Arc::clone(&p.files));
            let base = shared.base_path();
            shared.send(match p.css.clone() {
                Some(swaps) => BrowserEvent::Css { generation, swaps },
                None => BrowserEvent::Reload {
                    generation,
                    all: p.all,
                    pages: page_urls(&base, &p.changed),
                },
            });
            if p.warnings.warnings() > 0 && p.all {
                eprintln!("{}", p.warnings.render());
            }
            let stages: Vec<String> = p
                .stages
                .iter()
                .map(|(name, at)| format!("{name} {}", at.as_millis()))
                .collect();
            println!(
                "Rebuilt in {} ms: {} file{} changed{}",
                p.elapsed.as_millis(),
                p.changed.len(),
                if p.changed.len() == 1 { "" } else { "s" },
                if stages.is_empty() {
                    String::new()
                } else {
                    format!(" (ms after start: {})", stages.join(", "))
                }
            );
            let _ = disk.send(disk::Job {
                files: Arc::clone(&p.files),
                sources: rebuilder.sources(),
                changed: p.changed.clone(),
                all: p.all,
            });
            p.content
        }
    }
}

/// The URL paths of changed HTML files, as the browser shows them (`a/b/index.html` → `/a/b/`).
fn page_urls(base: &str, changed: &[String]) -> Vec<String> {
    changed
        .iter()
        .filter(|p| p.ends_with(".html"))
        .flat_map(|p| {
            let url = p.strip_suffix("index.html").unwrap_or(p);
            let mut v = vec![format!("{base}{url}")];
            if base != "/" {
                v.push(format!("/{url}"));
            }
            v
        })
        .collect()
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn open_browser(url: &str) {
    let (cmd, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(cmd).args(&args).spawn() {
        eprintln!("note: could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
