//! Shared by the browser tests: a served copy of the built course, and a
//! real headless Chromium driven through chromedriver (WebDriver).

#![allow(dead_code)]

pub mod server;

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub use server::Server;

/// The built app: `$KT_DIST`, or `dist/` in the project.
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("KT_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("index.html").is_file() && dist.join("content").is_dir(),
        "no built course in {}: run `cargo xtask test` (it builds first), or `cargo xtask build`",
        dist.display()
    );
    dist
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh folder under the system temp dir, unique to this process and call.
pub fn temp_dir(name: &str) -> PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("kend-tegnene-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A copy of a folder and everything in it (a site to change for a test).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// chromedriver, killed when dropped (also when a test panics).
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
}

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed by `cargo xtask setup`");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port, profile: temp_dir("profile") }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn capabilities(profile: &Path, prefs: &Value, extra_args: &[&str], extra: &Value) -> serde_json::Map<String, Value> {
    let mut caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "prefs": prefs,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-quic", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let args = caps["goog:chromeOptions"]["args"].as_array_mut().unwrap();
    args.extend(extra_args.iter().map(|a| json!(a)));
    for (k, v) in extra.as_object().into_iter().flatten() {
        caps[k] = v.clone();
    }
    caps.as_object().unwrap().clone()
}

/// Run `test` against a fresh server and a fresh browser profile, closing
/// both afterwards even if the test panics.
pub async fn with_browser<F, Fut>(test: F)
where
    F: FnOnce(Client, Server) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_browser_prefs(json!({}), test).await
}

/// The same, with Chromium preferences set (e.g. site data blocked, or a
/// download folder).
pub async fn with_browser_prefs<F, Fut>(prefs: Value, test: F)
where
    F: FnOnce(Client, Server) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_browser_all(prefs, &[], json!({}), test).await
}

/// The same, with Chromium preferences and extra command-line arguments
/// (e.g. `--force-dark-mode` for the dark system theme).
pub async fn with_browser_options<F, Fut>(prefs: Value, args: &[&str], test: F)
where
    F: FnOnce(Client, Server) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_browser_all(prefs, args, json!({}), test).await
}

/// The same, with WebDriver capabilities besides (e.g. `pageLoadStrategy`).
pub async fn with_browser_caps<F, Fut>(prefs: Value, extra: Value, test: F)
where
    F: FnOnce(Client, Server) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_browser_all(prefs, &[], extra, test).await
}

async fn with_browser_all<F, Fut>(prefs: Value, args: &[&str], extra: Value, test: F)
where
    F: FnOnce(Client, Server) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let server = Server::for_tests(&dist()).expect("start the test server");
    let driver = Driver::start();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities(&driver.profile, &prefs, args, &extra))
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session in Chromium");
    let result = tokio::spawn(test(client.clone(), server)).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}

const WAIT: Duration = Duration::from_secs(15);

/// Wait for an element matching `css`.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element '{css}' appeared: {e}"))
}

/// Wait until the element matching `css` has text containing `needle`.
pub async fn wait_text(c: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                if t.contains(needle) {
                    return t;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("'{css}' never contained '{needle}'; last text: '{last}'");
}

/// Open `url` and wait until the app has taken over the prerendered page
/// (before that, what needs the app is hidden and does nothing).
pub async fn goto(c: &Client, url: &str) {
    c.goto(url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    wait_app(c).await;
}

/// Reload the page and wait for the app, as [`goto`].
pub async fn reload(c: &Client) {
    c.refresh().await.expect("reload");
    wait_app(c).await;
}

/// Wait until the app has taken over the page (`<html class="pre">` gone).
pub async fn wait_app(c: &Client) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if js(c, "return !document.documentElement.classList.contains('pre')").await == true {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the app never took over {}", c.current_url().await.map(|u| u.to_string()).unwrap_or_default());
}

/// Run a script in the page and return its value.
pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {script}: {e}"))
}

/// Press keys on whatever has focus, as a keyboard user would.
pub async fn press(c: &Client, keys: &str) {
    c.active_element().await.expect("something has focus").send_keys(keys).await.expect("send keys");
}

/// The id of the focused element.
pub async fn focused_id(c: &Client) -> String {
    js(c, "return document.activeElement && document.activeElement.id").await.as_str().unwrap_or_default().to_string()
}

/// Press Tab until the element with `id` has focus, as a keyboard user would.
pub async fn tab_to(c: &fantoccini::Client, id: &str) {
    for _ in 0..60 {
        if focused_id(c).await == id {
            return;
        }
        press(c, &fantoccini::key::Key::Tab.to_string()).await;
    }
    panic!("Tab never reached #{id}");
}

/// Wait until the element with `id` has focus. Focus moves once the new
/// screen has rendered (at the next animation frame), so it is polled.
pub async fn wait_focus(c: &Client, id: &str) {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        last = focused_id(c).await;
        if last == id {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("focus never moved to #{id}; it is on #{last}");
}

/// A localStorage value of the page's origin.
pub async fn stored(c: &Client, key: &str) -> Option<String> {
    js(c, &format!("return localStorage.getItem('{key}')")).await.as_str().map(String::from)
}

/// Set a localStorage value of the page's origin.
pub async fn set_stored(c: &Client, key: &str, value: &str) {
    js(c, &format!("localStorage.setItem('{key}', {}); return null", serde_json::to_string(value).unwrap())).await;
}

/// axe-core's script, to run with [`violations`].
pub fn axe_script() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).expect("axe-core is installed by `cargo xtask setup`")
}

/// axe-core's WCAG 2.1 A and AA violations on the current page (or frame).
pub async fn violations(c: &Client, axe: &str) -> Vec<String> {
    js(c, axe).await;
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                .then(r => done(r.passes.length ? r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')) : ['axe checked nothing']))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe ran");
    result.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}
