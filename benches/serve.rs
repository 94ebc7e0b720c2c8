//! `handboek serve` under time: from saving one page to the browser's reload event, at 1,000 and
//! 10,000 generated pages, and 50 clients fetching pages during rebuilds without one failed or
//! half-written response. Run with `cargo bench --bench serve`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "common/corpus.rs"]
mod corpus;

const BIN: &str = env!("CARGO_BIN_EXE_handboek");

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> (Server, Duration) {
    let t = Instant::now();
    let mut child = Command::new(BIN)
        .args(["serve", "handbook", "--port", "0", "--out", "public"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut addr = String::new();
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(rest) = line.trim().strip_prefix("Serving the handbook at http://") {
            addr = rest.split('/').next().unwrap_or_default().to_string();
            break;
        }
        line.clear();
    }
    std::thread::spawn(move || for _ in out.lines() {});
    (Server { child, addr }, t.elapsed())
}

fn get(addr: &str, path: &str) -> Result<(u16, Vec<u8>), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&bytes);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.as_bytes().to_vec())
        .unwrap_or_default();
    Ok((status, body))
}

/// Open the event stream; `wait(needle)` reads until it appears.
struct Events(TcpStream, String);

impl Events {
    fn open(addr: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET /__handboek/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let mut e = Events(s, String::new());
        e.wait("event: ");
        e
    }
    fn wait(&mut self, needle: &str) {
        let start = Instant::now();
        loop {
            if let Some(i) = self.1.find(needle) {
                self.1 = self.1[i + needle.len()..].to_string();
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "no {needle}");
            let mut buf = [0u8; 65536];
            if let Ok(n) = self.0.read(&mut buf) {
                self.1.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    }
}

fn url_of(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    format!("/{}/", rel.to_string_lossy().replace('\\', "/"))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run(pages: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("handbook");
    let files = corpus::generate(&root, pages).expect("generate corpus");
    let (server, startup) = start(dir.path());
    let addr = server.addr.clone();
    println!(
        "{pages} pages: first build and start {} ms",
        startup.as_millis()
    );
    let mut events = Events::open(&addr);
    let target = &files[files.len() / 2];
    let url = url_of(&root, target);
    let mut body_edits = Vec::new();
    let mut title_edits = Vec::new();
    let original = std::fs::read_to_string(target).unwrap();
    for round in 1..=10 {
        let next = format!("{original}\nversie-{round}\n");
        let t = Instant::now();
        std::fs::write(target, next).unwrap();
        events.wait(&format!("\"{url}\""));
        body_edits.push(t.elapsed());
    }
    for round in 1..=5 {
        let next = original.replacen("title: Pagina", &format!("title: Pagina{round}"), 1);
        let t = Instant::now();
        std::fs::write(target, next).unwrap();
        events.wait(&format!("\"{url}\""));
        title_edits.push(t.elapsed());
    }
    println!(
        "{pages} pages: save → reload event, body edit: median {} ms, max {} ms",
        median(&mut body_edits).as_millis(),
        body_edits.iter().max().unwrap().as_millis()
    );
    println!(
        "{pages} pages: save → reload event, title edit: median {} ms, max {} ms",
        median(&mut title_edits).as_millis(),
        title_edits.iter().max().unwrap().as_millis()
    );
    // The views listing the page (per level, per role) follow once the editor paused.
    let t = Instant::now();
    std::fs::write(
        target,
        original.replacen("title: Pagina", "title: Paginaview", 1),
    )
    .unwrap();
    events.wait(&format!("\"{url}\""));
    let page_at = t.elapsed();
    events.wait("/niveau/");
    println!(
        "{pages} pages: title edit, then a pause: page reloaded after {} ms, the views listing it after {} ms",
        page_at.as_millis(),
        t.elapsed().as_millis()
    );
    load(&addr, &root, &files, (target, &original), &url, &mut events);
}

/// 50 clients fetch pages (the edited one among them) while it is saved again and again.
fn load(
    addr: &str,
    root: &Path,
    files: &[PathBuf],
    (target, original): (&Path, &str),
    url: &str,
    events: &mut Events,
) {
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let bad = Arc::new(AtomicUsize::new(0));
    let urls: Arc<Vec<String>> = Arc::new(
        files
            .iter()
            .step_by((files.len() / 40).max(1))
            .map(|f| url_of(root, f))
            .chain([url.to_string()])
            .collect(),
    );
    let clients: Vec<_> = (0..50)
        .map(|c| {
            let (stop, ok, bad, urls, addr) = (
                stop.clone(),
                ok.clone(),
                bad.clone(),
                urls.clone(),
                addr.to_string(),
            );
            std::thread::spawn(move || {
                let mut n = c;
                while !stop.load(Ordering::Relaxed) {
                    let u = if n % 2 == 0 {
                        &urls[urls.len() - 1]
                    } else {
                        &urls[n % urls.len()]
                    };
                    n += 1;
                    match get(&addr, u) {
                        Ok((200, body)) => {
                            let text = String::from_utf8_lossy(&body);
                            let whole = text.trim_end().ends_with("</html>")
                                && text.matches("versie-").count() <= 1;
                            if whole {
                                ok.fetch_add(1, Ordering::Relaxed)
                            } else {
                                bad.fetch_add(1, Ordering::Relaxed)
                            };
                        }
                        _ => _ = bad.fetch_add(1, Ordering::Relaxed),
                    }
                }
            })
        })
        .collect();
    let t = Instant::now();
    let mut rebuilds = 0;
    for round in 100..110 {
        std::fs::write(target, format!("{original}\nversie-{round}\n")).unwrap();
        events.wait(&format!("\"{url}\""));
        rebuilds += 1;
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        let _ = c.join();
    }
    println!(
        "{} pages: 50 clients during {rebuilds} rebuilds ({} ms): {} responses, {} failed or half-written",
        files.len(),
        t.elapsed().as_millis(),
        ok.load(Ordering::Relaxed),
        bad.load(Ordering::Relaxed)
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SERVE_BENCH_PAGES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for pages in sizes {
        run(pages);
    }
}
