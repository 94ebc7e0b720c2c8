//! Headless Chromium over WebDriver (chromedriver), and a static file server, for browser tests.
//!
//! `Browser::start("test name")` returns None (after printing why) when chromium or
//! chromedriver is missing, and panics instead when `HANDBOEK_BROWSER_TESTS=1` (CI).
//! Every browser gets a fresh profile; the driver is killed on drop. All tests share one
//! process, so a session holds a `turn()` for its life: at most two Chromiums run at a time.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMIUM: [&str; 3] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
];
const CHROMEDRIVER: [&str; 2] = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];
/// The flags every headless Chromium of the tests starts with (no network of its own).
pub const HEADLESS: [&str; 6] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
];
/// The W3C WebDriver key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running headless Chromium session.
pub struct Browser {
    driver: Child,
    base: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
    /// Dropped after the driver is killed (fields drop after `Drop::drop`).
    _turn: Turn,
}

/// How many Chromiums may run at once: two, so the audit can crawl with one browser while a
/// second checks widths on a phone (a test never needs more than two).
const BROWSERS_AT_ONCE: usize = 2;
static RUNNING: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

/// The right to run one Chromium, given back on drop (also when the test panics).
pub struct Turn(());

impl Drop for Turn {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
        *running -= 1;
        FREED.notify_one();
    }
}

/// Waits for a turn to run Chromium: browser tests run as threads of one test binary and would
/// otherwise start several browsers at once on a small machine (timeouts, not failures of the
/// site). Hold the turn while Chromium runs.
pub fn turn() -> Turn {
    let mut running = RUNNING.lock().unwrap_or_else(|p| p.into_inner());
    while *running >= BROWSERS_AT_ONCE {
        running = FREED.wait(running).unwrap_or_else(|p| p.into_inner());
    }
    *running += 1;
    Turn(())
}

fn find(candidates: &[&str], env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p));
    }
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

impl Browser {
    /// Starts chromedriver and a browser session, or None when they are not installed.
    pub fn start(test: &str) -> Option<Browser> {
        Browser::start_with(test, json!({}))
    }

    /// Like `start`, with extra capabilities merged into `alwaysMatch`
    /// (e.g. `{"goog:loggingPrefs": {"browser": "ALL"}}`).
    pub fn start_with(test: &str, extra: Value) -> Option<Browser> {
        let required = std::env::var("HANDBOEK_BROWSER_TESTS").as_deref() == Ok("1");
        let (Some(chromium), Some(driver)) = (
            find(&CHROMIUM, "CHROMIUM"),
            find(&CHROMEDRIVER, "CHROMEDRIVER"),
        ) else {
            assert!(
                !required,
                "{test}: HANDBOEK_BROWSER_TESTS=1 but chromium/chromedriver are missing (apt-get install chromium chromium-driver)"
            );
            eprintln!(
                "SKIPPED {test}: chromium or chromedriver not found (apt-get install chromium chromium-driver; HANDBOEK_BROWSER_TESTS=1 makes this fail)"
            );
            return None;
        };
        // A port chosen free can be taken by another test before chromedriver binds it, and a
        // driver can die while it starts the browser: then start again on a fresh port.
        let mut last_error = String::new();
        for _attempt in 0..4 {
            match Browser::launch(&driver, &chromium, &extra, turn()) {
                Ok(browser) => return Some(browser),
                Err(e) => {
                    eprintln!("{test}: chromedriver did not start a session ({e}); trying again");
                    last_error = e;
                }
            }
        }
        panic!("{test}: chromedriver did not start a session: {last_error}");
    }

    /// One try at starting chromedriver on a free port and opening a session in it.
    fn launch(
        driver: &Path,
        chromium: &Path,
        extra: &Value,
        turn: Turn,
    ) -> Result<Browser, String> {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let profile = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
        // From here on, dropping `browser` kills the driver.
        let mut browser = Browser {
            driver: child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
            _profile: profile,
            _turn: turn,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = browser.driver.try_wait() {
                return Err(format!("chromedriver exited ({status})"));
            }
            let ready = browser
                .agent
                .get(&format!("{}/status", browser.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .is_some_and(|v| v["value"]["ready"].as_bool() == Some(true));
            if ready {
                break;
            }
            if Instant::now() > deadline {
                return Err("chromedriver did not answer /status within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args: Vec<String> = HEADLESS
            .iter()
            .chain(&[
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,900",
            ])
            .map(|a| a.to_string())
            .collect();
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let mut always = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        });
        if let (Some(always), Some(extra)) = (always.as_object_mut(), extra.as_object()) {
            always.extend(extra.clone());
        }
        let caps = json!({"capabilities": {"alwaysMatch": always}});
        let session = browser
            .agent
            .post(&format!("{}/session", browser.base))
            .header("Content-Type", "application/json")
            .send(caps.to_string())
            .and_then(|mut r| r.body_mut().read_to_string())
            .map_err(|e| format!("POST /session: {e}"))?;
        let session: Value =
            serde_json::from_str(&session).map_err(|e| format!("POST /session: {e}: {session}"))?;
        let id = session["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session: {session}"))?;
        browser.base = format!("{}/session/{id}", browser.base);
        Ok(browser)
    }

    /// One WebDriver command; returns its `value`. Panics on a WebDriver error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        };
        let text = response
            .and_then(|mut r| r.body_mut().read_to_string())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"));
        if let Some(error) = value["value"].get("error") {
            panic!("{method} {path}: {error}: {}", value["value"]["message"]);
        }
        value["value"].clone()
    }

    /// Opens a URL.
    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Runs JavaScript (a function body; `arguments` holds `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs asynchronous JavaScript: the script calls `arguments[arguments.length - 1]` with
    /// its result (WebDriver's script timeout applies, 30 s by default).
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Resizes the window so the page's viewport is `width` × `height` CSS pixels.
    pub fn set_viewport(&self, width: u32, height: u32) {
        let size = |w: u32, h: u32| {
            self.call(
                "POST",
                "/window/rect",
                Some(json!({"width": w, "height": h})),
            );
        };
        size(width, height);
        // The window may be larger than its viewport: grow it by the difference.
        let inner = self.execute("return [window.innerWidth, window.innerHeight];", vec![]);
        let (w, h) = (
            inner[0].as_u64().unwrap_or(0),
            inner[1].as_u64().unwrap_or(0),
        );
        let (dw, dh) = (
            u64::from(width).saturating_sub(w),
            u64::from(height).saturating_sub(h),
        );
        if dw > 0 || dh > 0 {
            size(width + dw as u32, height + dh as u32);
        }
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let encoded = self.call("GET", "/screenshot", None);
        decode_base64(encoded.as_str().unwrap_or_default())
    }

    /// A PNG of the whole page (up to `max_height` CSS pixels tall), through the DevTools
    /// protocol (chromedriver's `goog/cdp/execute`), as WebDriver only shoots the viewport.
    pub fn full_screenshot(&self, max_height: u32) -> Vec<u8> {
        let size = self.execute(
            "const d = document.documentElement; return [d.scrollWidth, d.scrollHeight];",
            vec![],
        );
        let width = size[0].as_u64().unwrap_or(1);
        let height = size[1].as_u64().unwrap_or(1).min(u64::from(max_height));
        let shot = self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Page.captureScreenshot", "params": {
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            }})),
        );
        decode_base64(shot["data"].as_str().unwrap_or_default())
    }

    /// The browser's console messages since the last call (needs the capability
    /// `goog:loggingPrefs` with `browser`), each as `{level, message, timestamp}`.
    pub fn console_log(&self) -> Vec<Value> {
        let logs = self.call("POST", "/se/log", Some(json!({"type": "browser"})));
        logs.as_array().cloned().unwrap_or_default()
    }

    /// The first element matching a CSS selector, if any.
    pub fn find(&self, css: &str) -> Option<String> {
        let found = self.call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()?
            .first()?
            .get(ELEMENT)?
            .as_str()
            .map(String::from)
    }

    /// Waits until `css` matches an element (up to 10 s).
    pub fn wait_for(&self, css: &str) -> String {
        self.wait_until(&format!("element {css}"), || self.find(css))
    }

    /// Polls `probe` until it returns Some (up to 10 s), then returns it.
    pub fn wait_until<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(v) = probe() {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} at {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types into an element.
    pub fn send_keys(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        );
    }

    /// Clicks an element.
    pub fn click(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/click"), None);
    }

    /// The visible text of an element.
    pub fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// An attribute or property of an element.
    pub fn attribute(&self, element: &str, name: &str) -> Option<String> {
        self.call("GET", &format!("/element/{element}/property/{name}"), None)
            .as_str()
            .map(String::from)
    }
}

/// Decodes standard base64 (WebDriver's screenshot encoding); other characters are skipped.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for six in text.bytes().filter_map(value) {
        bits = (bits << 6) | u32::from(six);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Serves `root` over HTTP on 127.0.0.1 (a thread per connection); returns the base URL.
/// `headers` are added to every response (e.g. a Content-Security-Policy).
pub fn serve_dir(root: &Path, headers: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || serve_one(stream, &root, headers));
        }
    });
    format!("http://127.0.0.1:{port}/")
}

fn serve_one(mut stream: TcpStream, root: &Path, headers: &str) {
    let mut line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty() && *p != "..") {
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let mut body = Vec::new();
    let status = match std::fs::File::open(&file).and_then(|mut f| f.read_to_end(&mut body)) {
        Ok(_) => "200 OK",
        Err(_) => "404 Not Found",
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}
