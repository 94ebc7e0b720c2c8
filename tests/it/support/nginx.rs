//! Debian's nginx serving a built site under a sub-path with a strict Content-Security-Policy,
//! as the intranet does, plus a collector for the policy's violation reports.
//!
//! nginx runs in the foreground as one process (`daemon off`, `master_process off`) with its
//! config, pid, logs and temp folders in a temp dir; it is killed on drop. The policy's
//! `report-uri` is a path on the same nginx, proxied to a thread of the test that keeps each
//! report's JSON body.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where Debian installs nginx (`apt-get install nginx-light`).
pub const NGINX: &str = "/usr/sbin/nginx";
/// nginx to run: `$NGINX` if set, else Debian's.
pub fn binary() -> PathBuf {
    std::env::var_os("NGINX").map_or_else(|| PathBuf::from(NGINX), PathBuf::from)
}

/// The path (on the same origin) that receives CSP reports.
pub const REPORT_PATH: &str = "/csp-rapport";
/// The policy every response carries.
pub const POLICY: &str = "default-src 'self'";

/// A running nginx; killed on drop.
pub struct Nginx {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub origin: String,
    reports: Arc<Mutex<Vec<String>>>,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// Serves `root` under `prefix` (e.g. `/handboek/`, with both slashes); everything else is
    /// 404. A missing page gets `<prefix>404.html`, as a web server set up for the site would.
    /// `files` adds single files of the test at exact paths (outside `prefix`).
    pub fn start(root: &Path, prefix: &str, files: &[(&str, &Path)]) -> Nginx {
        let dir = tempfile::tempdir().expect("temp dir");
        let reports = Arc::new(Mutex::new(Vec::new()));
        let collector = collect_reports(Arc::clone(&reports));
        let port = free_port();
        let files: String = files
            .iter()
            .map(|(at, file)| format!("    location = {at} {{ alias {}; }}\n", file.display()))
            .collect();
        let config = config(dir.path(), root, prefix, port, collector, &files);
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).expect("write nginx.conf");
        let nginx = binary();
        let mut child = Command::new(&nginx)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", nginx.display()));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                let log = std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default();
                panic!("nginx exited ({status}): {err}{log}");
            }
            assert!(Instant::now() < deadline, "nginx did not listen on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            reports,
            dir,
        }
    }

    /// The CSP reports received so far (each a JSON body).
    pub fn reports(&self) -> Vec<String> {
        self.reports.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// nginx's error log (missing files are logged there).
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    /// The folder with nginx's config and logs.
    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// The whole nginx config: nothing read from /etc/nginx, nothing written outside `dir`.
fn config(dir: &Path, root: &Path, prefix: &str, port: u16, collector: u16, files: &str) -> String {
    let d = dir.display();
    let root = root.display();
    // As root, nginx would switch to `nobody`, who cannot read a private temp dir.
    // SAFETY: getuid has no preconditions and cannot fail.
    let user = if unsafe { libc::getuid() } == 0 {
        "user root root;"
    } else {
        ""
    };
    format!(
        r#"{user}
daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
  types {{
    text/html html;
    text/css css;
    text/javascript js mjs;
    application/json json;
    application/xml xml;
    text/plain txt;
    image/svg+xml svg;
    image/png png;
    image/jpeg jpg jpeg;
    image/x-icon ico;
    font/woff2 woff2;
    application/pdf pdf;
    application/octet-stream bin;
  }}
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css text/javascript application/json application/xml text/plain image/svg+xml;
  access_log {d}/access.log;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  server {{
    listen 127.0.0.1:{port};
    server_name localhost;
    add_header Content-Security-Policy "{POLICY}; report-uri {REPORT_PATH}" always;
    location {prefix} {{
      alias {root}/;
      index index.html;
      error_page 404 {prefix}404.html;
    }}
    location = {REPORT_PATH} {{
      proxy_pass http://127.0.0.1:{collector};
    }}
{files}  }}
}}
"#
    )
}

/// A thread that answers every request with 204 and keeps its body; returns its port.
fn collect_reports(into: Arc<Mutex<Vec<String>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the report collector");
    let port = listener.local_addr().expect("collector address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Some(body) = read_body(&stream)
                && let Ok(mut all) = into.lock()
            {
                all.push(body);
            }
            let mut stream = stream;
            let _ = stream.write_all(
                b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    port
}

fn read_body(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(String::from_utf8_lossy(&body).into_owned())
}
