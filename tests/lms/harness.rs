//! An LMS in a few hundred lines, close enough to Moodle for the course to
//! meet the same conditions there: the package is unzipped and served below
//! `/pluginfile.php/27/mod_scorm/content/3/`, unknown paths give 404, `.wasm`
//! goes out as `document/unknown` and `.js` as `application/x-javascript`.
//! The player page runs the npm package scorm-again as the SCORM runtime
//! (window.API or window.API_1484_11) with the launch page in an iframe;
//! scorm-again commits here, and the harness keeps what an LMS would:
//! the latest data model, and how often Finish was called.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

pub const CONTENT: &str = "/pluginfile.php/27/mod_scorm/content/3/";

#[derive(Default)]
pub struct Record {
    /// The data model as last committed (flattened: "cmi.core.lesson_status" → value).
    pub cmi: BTreeMap<String, String>,
    pub commits: usize,
    pub finishes: usize,
    /// Answer commits with an HTTP 500, as a failing LMS does.
    pub failing: bool,
    /// Launch in review mode.
    pub review: bool,
}

#[derive(Clone)]
pub struct Lms {
    pub base: String,
    pub version: &'static str,
    root: PathBuf,
    pub record: Arc<Mutex<Record>>,
}

/// The packages written by `cargo xtask package`.
pub fn packages() -> PathBuf {
    let dir = std::env::var_os("KT_PACKAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/packages"));
    assert!(dir.is_dir(), "no packages in {}: run `cargo xtask package` (or `cargo xtask test`)", dir.display());
    dir
}

fn scorm_again() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/node_modules/scorm-again/dist")
}

impl Lms {
    /// Unzip `package` (a file name in [`packages`]) as Moodle does on
    /// upload, and serve it.
    pub fn start(package: &str) -> Lms {
        let version = if package.contains("scorm2004") { "2004" } else { "1.2" };
        let root = crate::support::temp_dir("lms");
        let file = std::fs::File::open(packages().join(package)).unwrap_or_else(|e| panic!("{package}: {e}"));
        zip::ZipArchive::new(file).expect("a zip file").extract(&root).expect("unzip the package");
        assert!(root.join("imsmanifest.xml").is_file(), "the manifest is at the zip's root");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let lms = Lms {
            base: format!("http://{}", listener.local_addr().unwrap()),
            version,
            root,
            record: Arc::new(Mutex::new(Record::default())),
        };
        let l = lms.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let l = l.clone();
                std::thread::spawn(move || {
                    let _ = l.handle(stream);
                });
            }
        });
        lms
    }

    /// The player page: what a learner opens from the course page.
    pub fn player(&self) -> String {
        format!("{}/mod/scorm/player.php?scoid=1", self.base)
    }

    /// The launch page alone, as if opened without any LMS around it.
    pub fn launch_alone(&self) -> String {
        format!("{}{CONTENT}lms.html", self.base)
    }

    pub fn get(&self, element: &str) -> String {
        self.record.lock().unwrap().cmi.get(element).cloned().unwrap_or_default()
    }

    /// The element's name in this version (`core` elements move in 2004).
    pub fn el(&self, v12: &str, v2004: &str) -> String {
        self.get(if self.version == "1.2" { v12 } else { v2004 })
    }

    /// What the LMS hands the runtime at launch, from what it stored: like
    /// Moodle, `resume` after a suspended session, and a new attempt after
    /// a normal exit.
    fn launch_data(&self) -> Value {
        let r = self.record.lock().unwrap();
        let v12 = self.version == "1.2";
        let name = |a: &str, b: &str| if v12 { a.to_string() } else { b.to_string() };
        let exit = r.cmi.get(&name("cmi.core.exit", "cmi.exit")).cloned().unwrap_or_default();
        let mut data = serde_json::Map::new();
        let resume = exit == "suspend";
        let entry = if r.cmi.is_empty() {
            "ab-initio"
        } else if resume {
            "resume"
        } else {
            ""
        };
        data.insert(name("cmi.core.entry", "cmi.entry"), json!(entry));
        data.insert(name("cmi.core.lesson_mode", "cmi.mode"), json!(if r.review { "review" } else { "normal" }));
        data.insert(name("cmi.core.credit", "cmi.credit"), json!("credit"));
        for el in [
            name("cmi.core.lesson_status", "cmi.completion_status"),
            name("cmi.core.lesson_location", "cmi.location"),
            "cmi.suspend_data".to_string(),
            name("cmi.core.score.raw", "cmi.score.raw"),
        ] {
            if let Some(v) = r.cmi.get(&el).filter(|v| !v.is_empty()) {
                data.insert(el, json!(v));
            }
        }
        Value::Object(data)
    }

    fn handle(&self, stream: TcpStream) -> std::io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let mut length = 0;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or("/"));
        let path = target.split('?').next().unwrap_or("/");
        let mut out = stream;
        match (method, path) {
            ("GET", "/mod/scorm/player.php") => {
                respond(&mut out, "200 OK", "text/html; charset=utf-8", PLAYER.as_bytes())
            }
            ("GET", "/mod/scorm/player.js") => {
                respond(&mut out, "200 OK", "application/x-javascript", PLAYER_JS.as_bytes())
            }
            ("GET", "/mod/scorm/launch") => {
                let runtime = if self.version == "1.2" { "Scorm12API" } else { "Scorm2004API" };
                let api = if self.version == "1.2" { "API" } else { "API_1484_11" };
                let finish = if self.version == "1.2" { "LMSFinish" } else { "Terminate" };
                let launch = json!({ "runtime": runtime, "api": api, "finish": finish, "data": self.launch_data(), "src": format!("{CONTENT}lms.html") });
                respond(&mut out, "200 OK", "application/json", launch.to_string().as_bytes())
            }
            ("POST", "/mod/scorm/commit") => {
                let mut r = self.record.lock().unwrap();
                if r.failing {
                    return respond(
                        &mut out,
                        "500 Internal Server Error",
                        "application/json",
                        b"{\"result\":false,\"errorCode\":101}",
                    );
                }
                let cmi: BTreeMap<String, Value> = serde_json::from_slice(&body).unwrap_or_default();
                for (k, v) in cmi {
                    let v = match v {
                        Value::String(s) => s,
                        Value::Null => continue,
                        other => other.to_string(),
                    };
                    r.cmi.insert(k, v);
                }
                r.commits += 1;
                respond(&mut out, "200 OK", "application/json", b"{\"result\":true,\"errorCode\":0}")
            }
            ("POST", "/mod/scorm/finished") => {
                self.record.lock().unwrap().finishes += 1;
                respond(&mut out, "204 No Content", "text/plain", b"")
            }
            ("GET", p) if p.starts_with("/lib/scorm-again/") => {
                let file = scorm_again().join(p.trim_start_matches("/lib/scorm-again/"));
                match std::fs::read(file) {
                    Ok(b) => respond(&mut out, "200 OK", "application/x-javascript", &b),
                    Err(_) => respond(&mut out, "404 Not Found", "text/plain", b"not found"),
                }
            }
            ("GET", p) if p.starts_with(CONTENT) => {
                let rel = &p[CONTENT.len()..];
                let file = self.root.join(rel);
                if rel.split('/').any(|s| s == "..") || !file.is_file() {
                    return respond(&mut out, "404 Not Found", "text/html", b"<h1>Not found</h1>");
                }
                // Moodle's own types: no application/wasm, the old JS type.
                let kind = match rel.rsplit('.').next().unwrap_or_default() {
                    "html" => "text/html; charset=utf-8",
                    "js" => "application/x-javascript",
                    "css" => "text/css",
                    "json" => "application/json",
                    "xml" | "xsd" => "application/xml",
                    _ => "document/unknown",
                };
                respond(&mut out, "200 OK", kind, &std::fs::read(file)?)
            }
            _ => respond(&mut out, "404 Not Found", "text/html", b"<h1>Not found</h1>"),
        }
    }
}

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

const PLAYER: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Moodle: course player</title>
<script src="/lib/scorm-again/scorm12.min.js"></script>
<script src="/lib/scorm-again/scorm2004.min.js"></script>
<script src="/mod/scorm/player.js"></script>
</head><body><h1>Course player</h1><main id="player"></main></body></html>"#;

/// The runtime on the parent page: its data loaded from the harness before
/// the course starts, commits to the harness, and each Finish reported.
const PLAYER_JS: &str = r#"
(async () => {
  const launch = await (await fetch("/mod/scorm/launch")).json();
  const api = new window[launch.runtime]({
    lmsCommitUrl: "/mod/scorm/commit",
    dataCommitFormat: "flattened",
    autocommit: false,
    logLevel: 5,
  });
  for (const [key, value] of Object.entries(launch.data)) {
    const path = key.split(".").slice(1);
    let o = api.cmi;
    for (const p of path.slice(0, -1)) o = o[p];
    o[path[path.length - 1]] = value;
  }
  api.on(launch.finish, () => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/mod/scorm/finished", false);
    xhr.send("");
  });
  window.calls = [];
  for (const m of ["LMSInitialize", "Initialize", "LMSFinish", "Terminate", "LMSCommit", "Commit"]) {
    api.on(m, () => window.calls.push(m));
  }
  window[launch.api] = api;
  const frame = document.createElement("iframe");
  frame.title = "Course";
  frame.style.width = "100%";
  frame.style.height = "800px";
  frame.src = launch.src;
  document.getElementById("player").append(frame);
})();
"#;
