//! `handboek serve` end to end: the real binary on a copy of a fixture site, spoken to over real
//! HTTP on 127.0.0.1 (raw requests, so nothing normalises `..` before the server sees it).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::copy_dir;

const BIN: &str = env!("CARGO_BIN_EXE_handboek");

/// A running `handboek serve` on a copy of `tests/fixtures/<fixture>`.
struct Server {
    child: Child,
    addr: String,
    dir: tempfile::TempDir,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(fixture: &str) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        copy_dir(&src, dir.path());
        Server::start_in(dir, &["--port", "0"])
    }

    fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "handbook", "--out", "public"])
            .args(extra)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let err_pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err_pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut addr = String::new();
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.trim().strip_prefix("Serving the handbook at http://") {
                addr = rest.split('/').next().unwrap().to_string();
                break;
            }
            line.clear();
        }
        assert!(
            !addr.is_empty(),
            "serve did not start: {}",
            stderr.lock().unwrap()
        );
        std::thread::spawn(move || for _ in out.lines() {});
        Server {
            child,
            addr,
            dir,
            stderr,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn get(&self, target: &str) -> (u16, String) {
        raw_get(&self.addr, target)
    }

    fn events(&self) -> Events {
        Events::open(&self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Send `GET <target>` exactly as written and return the status and body.
fn raw_get(addr: &str, target: &str) -> (u16, String) {
    raw_request(addr, "GET", target)
}

/// The browser event stream, read raw.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(addr: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET /__handboek/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut e = Events {
            stream,
            seen: String::new(),
        };
        e.wait_for("event: ", Duration::from_secs(10));
        e
    }

    /// Read until `needle` appears after what was consumed; return the text up to it.
    fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(i) = self.seen.find(needle) {
                let end = self.seen[i..]
                    .find("\n\n")
                    .map_or(self.seen.len(), |j| i + j);
                let got = self.seen[..end].to_string();
                self.seen = self.seen[end..].to_string();
                return got;
            }
            assert!(
                start.elapsed() < limit,
                "no `{needle}` within {limit:?}; saw: {}",
                self.seen
            );
            let mut buf = [0u8; 8192];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; saw: {}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serves_pages_and_reloads_after_a_save() {
    let s = Server::start("serve-basic");
    let (status, body) = s.get("/handboek/eerste/");
    assert_eq!(status, 200);
    assert!(body.contains("De oorspronkelijke tekst"), "{body}");
    assert!(
        body.contains("<script src=\"/__handboek/reload.js\""),
        "{body}"
    );
    let (status, js) = s.get("/__handboek/reload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));

    let mut events = s.events();
    edit(
        &s.path("handbook/handboek/eerste.md"),
        "oorspronkelijke",
        "herschreven",
    );
    let event = events.wait_for("\"pages\":[\"/handboek/eerste/\"", Duration::from_secs(10));
    assert!(event.contains("event: reload"), "{event}");
    let (_, body) = s.get("/handboek/eerste/");
    assert!(body.contains("De herschreven tekst"), "{body}");
    let on_disk = s.path("public/handboek/eerste/index.html");
    let start = Instant::now();
    while !std::fs::read_to_string(&on_disk)
        .unwrap()
        .contains("De herschreven tekst")
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "public/ was not updated"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !std::fs::read_to_string(&on_disk)
            .unwrap()
            .contains("reload.js")
    );
}

#[test]
fn a_title_change_reloads_every_page_that_lists_it() {
    let s = Server::start("serve-basic");
    let mut events = s.events();
    edit(
        &s.path("handbook/handboek/tweede.md"),
        "title: Tweede hoofdstuk",
        "title: Vervolg",
    );
    let event = events.wait_for("event: reload", Duration::from_secs(10));
    for page in ["/handboek/", "/handboek/eerste/", "/handboek/tweede/"] {
        assert!(event.contains(&format!("\"{page}\"")), "{page} in {event}");
    }
    let (_, body) = s.get("/handboek/");
    assert!(body.contains("Vervolg"), "{body}");
}

#[test]
fn a_broken_page_shows_the_overlay_and_keeps_the_last_good_site() {
    let s = Server::start("serve-basic");
    let mut events = s.events();
    let page = s.path("handbook/handboek/eerste.md");
    edit(&page, "title: Eerste hoofdstuk", "titel: Eerste hoofdstuk");
    let event = events.wait_for("event: problems", Duration::from_secs(10));
    assert!(event.contains("unknown key `titel`"), "{event}");

    let (status, body) = s.get("/handboek/eerste/");
    assert_eq!(status, 200);
    assert!(
        body.contains("De oorspronkelijke tekst"),
        "old page still served: {body}"
    );
    assert!(body.contains("id=\"handboek-overlay\""), "{body}");
    assert!(body.contains("handboek/eerste.md:2:1"), "{body}");
    assert!(body.contains("did you mean `title`?"), "{body}");
    // The terminal shows it too; the thread reading the server's stderr may lag the event.
    let shown = Instant::now() + Duration::from_secs(10);
    while !s.stderr.lock().unwrap().contains("unknown key `titel`") {
        assert!(Instant::now() < shown, "{}", s.stderr.lock().unwrap());
        std::thread::sleep(Duration::from_millis(20));
    }

    edit(&page, "titel: Eerste hoofdstuk", "title: Eerste hoofdstuk");
    events.wait_for("event: reload", Duration::from_secs(10));
    let (_, body) = s.get("/handboek/eerste/");
    assert!(!body.contains("handboek-overlay"), "{body}");
}

#[test]
fn a_template_change_rebuilds_the_pages_using_it() {
    let s = Server::start("serve-basic");
    let mut events = s.events();
    edit(
        &s.path("handbook/templates/apart.html"),
        "class=\"apart\"",
        "class=\"apart nieuw\"",
    );
    let event = events.wait_for("event: reload", Duration::from_secs(10));
    assert!(event.contains("\"/handboek/tweede/\""), "{event}");
    assert!(!event.contains("\"/handboek/eerste/\""), "{event}");
    assert!(
        s.get("/handboek/tweede/")
            .1
            .contains("class=\"apart nieuw\"")
    );

    edit(
        &s.path("handbook/templates/page.html"),
        "class=\"fixture\"",
        "class=\"nieuw\"",
    );
    let event = events.wait_for("event: reload", Duration::from_secs(10));
    assert!(event.contains("\"/handboek/eerste/\""), "{event}");
    assert!(
        s.get("/handboek/eerste/")
            .1
            .contains("<div class=\"nieuw\">")
    );
}

#[test]
fn a_stylesheet_change_swaps_the_stylesheet_without_reload() {
    let s = Server::start("serve-basic");
    let mut events = s.events();
    edit(&s.path("handbook/static/style.css"), "sans-serif", "serif");
    let event = events.wait_for("event: css", Duration::from_secs(10));
    assert!(event.contains("\"swaps\":[[\"style."), "{event}");
    let (_, body) = s.get("/");
    let href = body
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let (status, css) = s.get(&format!("/{href}"));
    assert_eq!(status, 200, "{href}");
    assert!(css.contains("font-family: serif"), "{css}");
}

#[test]
fn paths_out_of_the_site_get_a_bare_404() {
    let s = Server::start("serve-basic");
    std::fs::write(s.path("geheim.txt"), "GEHEIM").unwrap();
    let start = Instant::now();
    while !s.path("public/.handboek/build.json").is_file() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "public/ was not written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(s.dir.path(), s.path("public/lek")).unwrap();
    for target in [
        "/../geheim.txt",
        "/../../../../etc/passwd",
        "/handboek/../../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fgeheim.txt",
        "/%2e%2e%2fgeheim.txt",
        "/handboek%2f..%2f..%2fgeheim.txt",
        "/..%5cgeheim.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/lek/geheim.txt",
        "/.handboek/build.json",
        "/%00",
    ] {
        let (status, body) = s.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(
            !body.contains("GEHEIM") && !body.contains("root:"),
            "{target}: {body}"
        );
    }
}

#[test]
fn unknown_paths_get_the_site_404_page() {
    let s = Server::start("serve-basic");
    let (status, body) = s.get("/bestaat/niet/");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"), "{body}");
    let (status, _) = s.get("/handboek/eerste");
    assert_eq!(status, 308, "a folder without its slash redirects");
}

#[test]
fn api_search_answers_like_the_cli() {
    let s = Server::start("serve-basic");
    let (status, body) = s.get("/api/zoek?q=eerste");
    assert_eq!(status, 200, "{body}");
    let api: serde_json::Value = serde_json::from_str(&body).unwrap();
    let out = Command::new(BIN)
        .args(["search", "eerste", "--json", "--path", "handbook"])
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    crate::support::assert_success(&out);
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(api["total"].as_u64().unwrap_or(0) > 0, "{body}");
    assert_eq!(api["hits"], cli["hits"]);
    assert_eq!(api["facets"], cli["facets"]);
}

/// The JSON a static index file registers (`(self.X=self.X||{})["name"]=JSON;`).
fn registered(body: &str) -> serde_json::Value {
    let json = body
        .split_once("]=")
        .map(|(_, rest)| rest.trim_end().trim_end_matches(';'))
        .unwrap_or_default();
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// The term shards of the static index the server publishes now: (manifest, shard texts).
fn term_shards(s: &Server) -> (serde_json::Value, Vec<(String, String)>) {
    let (status, body) = s.get("/zoeken/index/manifest.js");
    assert_eq!(status, 200, "{body}");
    let manifest = registered(&body);
    let prefix = manifest["termen"]["naam"].as_str().unwrap_or_default();
    let count = manifest["termen"]["grenzen"].as_array().map_or(0, Vec::len);
    let shards = (0..count)
        .map(|i| {
            let target = format!("/zoeken/index/{prefix}-{i}.js");
            let (status, body) = s.get(&target);
            assert_eq!(status, 200, "{target}: {body}");
            (target, body)
        })
        .collect();
    (manifest, shards)
}

#[test]
fn the_search_box_index_is_served_and_follows_edits() {
    let s = Server::start("serve-basic");
    let (before, shards) = term_shards(&s);
    assert!(!shards.is_empty());
    assert!(
        shards.iter().any(|(_, b)| b.contains("\"oorspronk")),
        "{shards:?}"
    );
    let page = format!(
        "/zoeken/index/{}-0.js",
        before["teksten"]["namen"][0].as_str().unwrap_or_default()
    );
    let (status, body) = s.get(&page);
    assert_eq!(status, 200, "page texts for snippets: {body}");
    assert!(body.contains("HandboekZoekData"));

    let mut events = s.events();
    edit(
        &s.path("handbook/handboek/eerste.md"),
        "oorspronkelijke",
        "kwartiermakende",
    );
    events.wait_for("event: reload", Duration::from_secs(10));
    // The index follows after the reload, on its own thread.
    let start = Instant::now();
    let (after, shards) = loop {
        let (m, shards) = term_shards(&s);
        if m["termen"]["naam"] != before["termen"]["naam"] {
            break (m, shards);
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the static index did not follow the edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        shards.iter().any(|(_, b)| b.contains("\"kwartiermak")),
        "{shards:?}"
    );
    assert_ne!(after["teksten"], before["teksten"]);
    // A page that loaded the old manifest just before the swap still gets its shards.
    let old = format!(
        "/zoeken/index/{}-0.js",
        before["termen"]["naam"].as_str().unwrap_or_default()
    );
    assert_eq!(s.get(&old).0, 200);
    assert_eq!(s.get("/zoeken/index/t000000000000-0.js").0, 404);
}

#[test]
fn a_second_server_on_the_same_port_gets_a_clear_error() {
    let s = Server::start("serve-basic");
    let port = s.addr.rsplit(':').next().unwrap();
    let out = Command::new(BIN)
        .args(["serve", "handbook", "--port", port, "--out", "public2"])
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("already in use"), "{err}");
}

#[test]
fn a_bad_bind_address_is_refused() {
    let out = Command::new(BIN)
        .args(["serve", "handbook", "--bind", "overal", "--port", "0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an IP address"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_with_a_browser_connected() {
    let mut s = Server::start("serve-basic");
    let mut events = s.events();
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    events.wait_for("event: bye", Duration::from_secs(5));
    let start = Instant::now();
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}: {}", s.stderr.lock().unwrap());
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_server_rebuilds_after_a_page_that_once_crashed_the_rebuild() {
    let s = Server::start("serve-basic");
    let mut events = s.events();
    let page = s.path("handbook/handboek/eerste.md");
    // `%`, one hex digit, then a multi-byte character: this once killed the rebuild thread.
    edit(
        &page,
        "De oorspronkelijke tekst",
        "Zie [x](%aé.md). De oorspronkelijke tekst",
    );
    let event = events.wait_for("event: problems", Duration::from_secs(10));
    assert!(
        event.contains("%aé.md") || event.contains("rebuild crashed"),
        "{event}"
    );
    let (status, body) = s.get("/handboek/eerste/");
    assert_eq!(status, 200);
    assert!(body.contains("id=\"handboek-overlay\""), "{body}");

    edit(&page, "Zie [x](%aé.md). De oorspronkelijke", "De herstelde");
    events.wait_for("event: reload", Duration::from_secs(10));
    let (_, body) = s.get("/handboek/eerste/");
    assert!(body.contains("De herstelde tekst"), "{body}");
    assert!(!body.contains("handboek-overlay"), "{body}");
}

/// Send a raw request with any method and return the status and body.
fn raw_request(addr: &str, method: &str, target: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The one shape of an API error: `{"error": "<message>", "status": <code>}`.
fn api_error(status: u16, body: &str) -> String {
    let v: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    assert_eq!(v["status"].as_u64(), Some(u64::from(status)), "{body}");
    let keys: Vec<&String> = v
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["error", "status"], "{body}");
    v["error"].as_str().unwrap_or_default().to_string()
}

/// Issue 17 item 4: a 48 KB query took ~250 MB (eight at once 2 GB); it is refused at once.
#[test]
fn api_refuses_a_48_kb_query_with_json_quickly() {
    let s = Server::start("serve-basic");
    let q = "begeleiding+".repeat(48 * 1024 / 12);
    let start = Instant::now();
    let (status, body) = s.get(&format!("/api/zoek?q={q}"));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(status, 400, "{body}");
    let message = api_error(400, &body);
    assert_eq!(
        message,
        "the query is too long: 49152 characters, at most 256"
    );
    let (status, body) = s.get(&format!("/api/zoek?q={}", "hulp+".repeat(13)));
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        api_error(400, &body),
        "the query has too many words: 13, at most 12"
    );
    let (status, body) = s.get(&format!("/api/zoek?q={}", "eerste+".repeat(12)));
    assert_eq!(status, 200, "at the bound a query is answered: {body}");
}

/// Issue 17 item 4: some API errors were plain text (a bad `limit`), some JSON; now all JSON.
#[test]
fn api_errors_share_one_json_shape() {
    let s = Server::start("serve-basic");
    let (status, body) = s.get("/api/zoek?q=eerste&limit=veel");
    assert_eq!(status, 400, "{body}");
    assert!(api_error(400, &body).contains("limit"), "{body}");
    let (status, body) = s.get("/api/zoek?q=eerste&limit=0");
    assert_eq!(status, 400, "{body}");
    assert_eq!(api_error(400, &body), "the limit must be at least 1");
    let (status, body) = s.get("/api/zoek?q=eerste&niveau=Z");
    assert_eq!(status, 400, "{body}");
    assert!(api_error(400, &body).contains("niveau"), "{body}");
    let (status, body) = s.get("/api/zoek?q=eerste&limit=-1");
    assert_eq!(status, 400, "{body}");
    api_error(400, &body);
    let (status, body) = raw_request(&s.addr, "POST", "/api/zoek?q=eerste");
    assert_eq!(status, 405, "{body}");
    assert!(api_error(405, &body).contains("GET"), "{body}");
    let (status, body) = s.get("/api/zoek?q=eerste&limit=1");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(1), "{body}");
}
