//! A small static file server for the built course: used by `cargo xtask
//! serve` and by the browser tests. It serves `dist/` on loopback the way
//! `deploy/nginx.conf` does: the prerendered page for an address (`/x` is
//! `x.html`, `/en/` is `en/index.html`), the not-found page with status 404
//! for any other address, the gzip or brotli copy the browser accepts,
//! immutable caching for the app's hashed files and revalidation (ETag) for
//! everything else, and the same security headers a production host should.
//!
//! With `KT_BASE_URL` set, the tests run against that server instead (the
//! real nginx, started by `cargo xtask test`); tests that need to take the
//! server down or change what it serves skip themselves there.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The page's policy (`prerender::CSP`, also a meta tag in every page) plus
/// what only a header can say: no framing. deploy/nginx.conf sends the same
/// (the browser tests check it against nginx too).
pub fn csp() -> String {
    format!("{}; frame-ancestors 'none'", kend_tegnene::prerender::CSP)
}

/// For a year, never revalidated: the name changes when the content does.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages, content, the service worker: asked again each time (a 304 when
/// unchanged), so a new build is seen at once.
pub const REVALIDATE: &str = "no-cache";

/// A running server. Dropping it leaves the thread running until the process
/// ends, which is what both users want.
#[derive(Clone)]
pub struct Server {
    /// `http://host:port`, no trailing slash.
    base: String,
    /// False when the tests run against another server (`KT_BASE_URL`).
    own: bool,
    root: Arc<Mutex<PathBuf>>,
    down: Arc<AtomicBool>,
    /// Answers for paths ending so are held back this long (a slow network).
    delay: Arc<Mutex<Option<(String, Duration)>>>,
    /// Every path requested, in order, for tests that check what was loaded.
    pub requests: Arc<Mutex<Vec<String>>>,
    /// Watch mode (`cargo xtask serve` only): pages get [`RELOAD_SCRIPT`],
    /// which reloads them when `generation` changes.
    dev: Arc<AtomicBool>,
    generation: Arc<AtomicU64>,
}

/// Served at `/__dev/reload.js` in watch mode only, and loaded by a script
/// tag the server adds to every page (same origin, so the CSP allows it;
/// nothing of it is in the built app). It asks `/__dev/generation` every
/// second and reloads the page when the content was compiled again.
pub const RELOAD_SCRIPT: &str = "let seen=null;setInterval(async()=>{try{const r=await fetch('/__dev/generation',{cache:'no-store'});const v=await r.text();if(seen!==null&&v!==seen)location.reload();seen=v}catch(_){}},1000);\n";

/// A page with the watch-mode script added to its head.
pub fn with_reload_script(html: &str) -> String {
    html.replacen("</head>", "<script type=\"module\" src=\"/__dev/reload.js\"></script></head>", 1)
}

impl Server {
    /// The state of a server at `base`, serving `root` when it is our own.
    fn at(base: String, own: bool, root: &Path) -> Server {
        Server {
            base,
            own,
            root: Arc::new(Mutex::new(root.to_path_buf())),
            down: Arc::new(AtomicBool::new(false)),
            delay: Arc::new(Mutex::new(None)),
            requests: Arc::new(Mutex::new(Vec::new())),
            dev: Arc::new(AtomicBool::new(false)),
            generation: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Serve `root` on `127.0.0.1:port` (0 picks a free port).
    pub fn start(root: &Path, port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let server = Server::at(format!("http://{}", listener.local_addr()?), true, root);
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

    /// The server the browser tests use: another one at `KT_BASE_URL` if
    /// set (nothing is started), else this one serving `root`.
    pub fn for_tests(root: &Path) -> std::io::Result<Server> {
        match std::env::var("KT_BASE_URL") {
            Ok(base) if !base.is_empty() => Ok(Server::at(base.trim_end_matches('/').to_string(), false, root)),
            _ => Server::start(root, 0),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `host:port`, for raw HTTP requests.
    pub fn authority(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// Whether this is the own server (which tests can take down, point
    /// elsewhere or slow down), not another one at `KT_BASE_URL`. A test that
    /// needs that returns early when this is false, saying so.
    pub fn is_own(&self, test: &str) -> bool {
        if !self.own {
            eprintln!("{test}: skipped against {} (needs the own test server)", self.base);
        }
        self.own
    }

    /// While down, every connection is closed without an answer, as if the
    /// server were gone.
    pub fn set_down(&self, down: bool) {
        assert!(self.own, "only the own server can be taken down");
        self.down.store(down, Ordering::SeqCst);
    }

    /// Watch mode: add the reload script to pages, and answer its requests.
    pub fn enable_reload(&self) {
        assert!(self.own, "only the own server has a watch mode");
        self.dev.store(true, Ordering::SeqCst);
    }

    /// Tell open pages to reload (the content was compiled again).
    pub fn reload(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Serve another folder from now on (e.g. a build with broken content).
    pub fn set_root(&self, root: &Path) {
        assert!(self.own, "only the own server can serve another folder");
        *self.root.lock().unwrap() = root.to_path_buf();
    }

    /// Hold back answers for paths ending in `suffix` by `delay`.
    pub fn set_delay(&self, suffix: &str, delay: Duration) {
        assert!(self.own, "only the own server can be slowed down");
        *self.delay.lock().unwrap() = Some((suffix.to_string(), delay));
    }

    fn handle(&self, stream: TcpStream) -> std::io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        let (mut accept, mut if_none_match) = (String::new(), String::new());
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                match name.trim().to_ascii_lowercase().as_str() {
                    "accept-encoding" => accept = value.trim().to_ascii_lowercase(),
                    "if-none-match" => if_none_match = value.trim().to_string(),
                    _ => {}
                }
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
        let delay = self.delay.lock().unwrap().clone();
        if let Some((suffix, d)) = delay {
            if path.ends_with(&suffix) {
                thread::sleep(d);
            }
        }
        let mut out = stream;
        let head = method == "HEAD";
        if method != "GET" && !head {
            let r = Reply::plain("405 Method Not Allowed", "method not allowed");
            return r.send(&mut out, head);
        }
        if self.dev.load(Ordering::SeqCst) {
            match path.as_str() {
                "/__dev/generation" => {
                    let body = self.generation.load(Ordering::SeqCst).to_string();
                    return Reply::plain("200 OK", &body).send(&mut out, head);
                }
                "/__dev/reload.js" => {
                    let mut r = Reply::plain("200 OK", RELOAD_SCRIPT);
                    r.kind = "text/javascript; charset=utf-8";
                    return r.send(&mut out, head);
                }
                _ => {}
            }
        }
        let root = self.root.lock().unwrap().clone();
        let dev = self.dev.load(Ordering::SeqCst);
        let reply = match resolve(&root, &path) {
            Some((file, status)) => Reply::file(&file, status, &accept, &if_none_match, dev)?,
            None => Reply::plain("404 Not Found", "not found"),
        };
        reply.send(&mut out, head)
    }
}

/// The file for a request path, and the status to send it with: the file
/// itself, the prerendered page (`x.html`, `x/index.html`) for an address
/// without an extension, or else that language's not-found page with 404.
/// Never anything outside `root`, never a hidden file.
pub fn resolve(root: &Path, path: &str) -> Option<(PathBuf, &'static str)> {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|seg| seg == ".." || seg.starts_with('.') && !seg.is_empty() || seg.contains('\\')) {
        return None;
    }
    let candidate = root.join(rel);
    if candidate.is_file() {
        return Some((candidate, "200 OK"));
    }
    let last = rel.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return None;
    }
    let trimmed = rel.trim_end_matches('/');
    let pages = [root.join(format!("{trimmed}.html")), root.join(trimmed).join("index.html")];
    if let Some(page) = pages.into_iter().find(|p| p.is_file()) {
        return Some((page, "200 OK"));
    }
    let english = rel == "en" || rel.starts_with("en/");
    let missing = root.join(if english { "en/404.html" } else { "404.html" });
    missing.is_file().then_some((missing, "404 Not Found"))
}

/// Whether a file's name carries a content hash (`name-<16 hex>.ext`).
pub fn is_hashed(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
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
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// An answer about to be sent.
struct Reply {
    status: &'static str,
    kind: &'static str,
    body: Vec<u8>,
    extra: String,
}

impl Reply {
    fn plain(status: &'static str, text: &str) -> Reply {
        Reply { status, kind: "text/plain; charset=utf-8", body: text.as_bytes().to_vec(), extra: String::new() }
    }

    /// `file`, or its brotli or gzip copy if the browser accepts one; a 304
    /// when the browser's copy is current. In watch mode (`dev`) pages are
    /// sent uncompressed with the reload script added.
    fn file(file: &Path, status: &'static str, accept: &str, if_none_match: &str, dev: bool) -> std::io::Result<Reply> {
        let accepts =
            |coding: &str| accept.split(',').any(|c| c.split(';').next().unwrap_or_default().trim() == coding);
        let mut extra = String::new();
        let mut body = None;
        for (coding, suffix) in [("br", "br"), ("gzip", "gz")] {
            let copy = PathBuf::from(format!("{}.{suffix}", file.display()));
            if accepts(coding) && copy.is_file() {
                body = Some(std::fs::read(&copy)?);
                extra.push_str(&format!("Content-Encoding: {coding}\r\n"));
                break;
            }
        }
        let page = file.extension().is_some_and(|e| e == "html");
        let body = match body {
            Some(_) if dev && page => {
                extra.clear();
                with_reload_script(&std::fs::read_to_string(file)?).into_bytes()
            }
            Some(b) => b,
            None if dev && page => with_reload_script(&std::fs::read_to_string(file)?).into_bytes(),
            None => std::fs::read(file)?,
        };
        let cache = if is_hashed(file) { IMMUTABLE } else { REVALIDATE };
        let etag = format!("\"{}\"", fnv(&body));
        extra.push_str(&format!("Vary: Accept-Encoding\r\nCache-Control: {cache}\r\nETag: {etag}\r\n"));
        if status == "200 OK" && if_none_match.split(',').any(|t| t.trim() == etag) {
            return Ok(Reply { status: "304 Not Modified", kind: content_type(file), body: Vec::new(), extra });
        }
        Ok(Reply { status, kind: content_type(file), body, extra })
    }

    fn send(&self, out: &mut TcpStream, head: bool) -> std::io::Result<()> {
        let cache = if self.extra.contains("Cache-Control") { "" } else { "Cache-Control: no-cache\r\n" };
        let headers = format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{cache}{}\
Content-Security-Policy: {}\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
Connection: close\r\n\r\n",
            self.status,
            self.kind,
            self.body.len(),
            self.extra,
            csp()
        );
        out.write_all(headers.as_bytes())?;
        if !head {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn fnv(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}")
}
