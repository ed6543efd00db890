//! A small static file server for the built course: used by `cargo xtask
//! serve` and by the browser tests. It serves `dist/` on loopback, falls
//! back to `index.html` for app routes so deep links survive a reload, and
//! sends the same security headers a production host should.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// Must match the policy in index.html; a header can also forbid framing.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'";

/// A running server. Dropping it leaves the thread running until the process
/// ends, which is what both users want.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    root: Arc<Mutex<PathBuf>>,
    down: Arc<AtomicBool>,
    /// Every path requested, in order, for tests that check what was loaded.
    pub requests: Arc<Mutex<Vec<String>>>,
    /// Watch mode (`cargo xtask serve` only): pages get [`RELOAD_SCRIPT`],
    /// which reloads them when `generation` changes.
    dev: Arc<AtomicBool>,
    generation: Arc<AtomicU64>,
}

/// Served at `/__dev/reload.js` in watch mode only, and loaded by a script
/// tag the server adds to `index.html` (same origin, so the CSP allows it;
/// nothing of it is in the built app). It asks `/__dev/generation` every
/// second and reloads the page when the content was compiled again.
pub const RELOAD_SCRIPT: &str = "let seen=null;setInterval(async()=>{try{const r=await fetch('/__dev/generation',{cache:'no-store'});const v=await r.text();if(seen!==null&&v!==seen)location.reload();seen=v}catch(_){}},1000);\n";

/// `index.html` with the watch-mode script added to its head.
pub fn with_reload_script(html: &str) -> String {
    html.replacen("</head>", "<script type=\"module\" src=\"/__dev/reload.js\"></script></head>", 1)
}

impl Server {
    /// Serve `root` on `127.0.0.1:port` (0 picks a free port).
    pub fn start(root: &Path, port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let server = Server {
            addr: listener.local_addr()?,
            root: Arc::new(Mutex::new(root.to_path_buf())),
            down: Arc::new(AtomicBool::new(false)),
            requests: Arc::new(Mutex::new(Vec::new())),
            dev: Arc::new(AtomicBool::new(false)),
            generation: Arc::new(AtomicU64::new(0)),
        };
        let s = server.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                thread::spawn(move || {
                    let _ = s.handle(stream);
                });
            }
        });
        Ok(server)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// While down, every connection is closed without an answer, as if the
    /// server were gone.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Watch mode: add the reload script to pages, and answer its requests.
    pub fn enable_reload(&self) {
        self.dev.store(true, Ordering::SeqCst);
    }

    /// Tell open pages to reload (the content was compiled again).
    pub fn reload(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Serve another folder from now on (e.g. a build with broken content).
    pub fn set_root(&self, root: &Path) {
        *self.root.lock().unwrap() = root.to_path_buf();
    }

    fn handle(&self, stream: TcpStream) -> std::io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
        }
        if self.down.load(Ordering::SeqCst) {
            return Ok(()); // dropped without a response
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default();
        let target = parts.next().unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
        self.requests.lock().unwrap().push(path.clone());
        let mut out = stream;
        if method != "GET" && method != "HEAD" {
            return respond(&mut out, "405 Method Not Allowed", "text/plain", b"method not allowed", method == "HEAD");
        }
        let head = method == "HEAD";
        if self.dev.load(Ordering::SeqCst) {
            match path.as_str() {
                "/__dev/generation" => {
                    let body = self.generation.load(Ordering::SeqCst).to_string();
                    return respond(&mut out, "200 OK", "text/plain; charset=utf-8", body.as_bytes(), head);
                }
                "/__dev/reload.js" => {
                    return respond(
                        &mut out,
                        "200 OK",
                        "text/javascript; charset=utf-8",
                        RELOAD_SCRIPT.as_bytes(),
                        head,
                    );
                }
                _ => {}
            }
        }
        let root = self.root.lock().unwrap().clone();
        match resolve(&root, &path) {
            Some(file) => {
                let mut body = std::fs::read(&file)?;
                if self.dev.load(Ordering::SeqCst) && file.file_name().is_some_and(|n| n == "index.html") {
                    body = with_reload_script(&String::from_utf8_lossy(&body)).into_bytes();
                }
                respond(&mut out, "200 OK", content_type(&file), &body, head)
            }
            None => respond(&mut out, "404 Not Found", "text/plain; charset=utf-8", b"not found", method == "HEAD"),
        }
    }
}

/// The file for a request path: the file itself, or `index.html` for app
/// routes (paths without a file extension). Never anything outside `root`.
pub fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == ".." || seg.starts_with('.') && !seg.is_empty() || seg.contains('\\')) {
        return None;
    }
    let candidate = root.join(rel);
    if candidate.is_file() {
        return Some(candidate);
    }
    let last = rel.rsplit('/').next().unwrap_or_default();
    if !last.contains('.') {
        let index = root.join("index.html");
        return index.is_file().then_some(index);
    }
    None
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let headers = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
Content-Security-Policy: {CSP}\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
Connection: close\r\n\r\n",
        body.len()
    );
    out.write_all(headers.as_bytes())?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}
