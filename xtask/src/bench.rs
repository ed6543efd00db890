//! Measurements for the notes: the app shell's size, each prerendered
//! page's size, and load and render times in headless Chromium. Numbers are
//! printed, never asserted on time.
//!
//! Times are read from the page's own clock (first contentful paint, largest
//! contentful paint, and the marks the app sets when it has taken over the
//! page or rendered one), as the median of several loads. Cold: every load
//! in a new browser profile (nothing cached, no service worker). Warm: the
//! same page loaded again in the profile that loaded it once. App and static
//! page alternate in one run.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::support::{self, js, with_browser};
use crate::Result;
use kend_tegnene::content::compile::compile;

const RUNS: usize = 11;

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

pub fn run(root: &Path) -> Result {
    sizes(&root.join("dist"))?;
    std::env::set_var("KT_DIST", root.join("dist"));
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let real = real_site(root);
    rt.block_on(cold_and_warm(&real));
    rt.block_on(times(root, &real));
    lighthouse(&real);
    Ok(())
}

/// Lighthouse (mobile profile, simulated slow 4G and CPU, a cold load) on
/// the overviews, the first lesson and case, and the static page of that
/// lesson: the median of three runs each, and the range of the largest
/// paint, as the simulation varies from run to run with the order in which
/// the page's few requests finished (the icon, when it happens to arrive
/// before the first paint, adds a simulated round trip, to any page).
fn lighthouse(real: &Path) {
    const LH_RUNS: usize = 3;
    if let Err(e) = crate::setup::bench_tools() {
        println!("\nLighthouse not run: {e}");
        return;
    }
    let server = support::Server::start(real, 0).expect("a server for Lighthouse");
    println!(
        "\nLighthouse {} (mobile, simulated throttling, cold): median of {LH_RUNS}",
        crate::setup::LIGHTHOUSE_VERSION
    );
    println!(
        "{:<22} {:>5} {:>5} {:>5} {:>5} {:>7} {:>7} {:>6} {:>6} {:>10}",
        "", "perf", "a11y", "b.p.", "seo", "FCP ms", "LCP ms", "CLS", "TBT", "LCP range"
    );
    for (name, path) in [
        ("/", "/"),
        ("/en/", "/en/"),
        ("first lesson", "/lesson/what-is-trafficking"),
        ("first case", "/scenario/er-night-shift"),
        ("static lesson page", "/static-lesson.html"),
    ] {
        let reports: Vec<serde_json::Value> = (0..LH_RUNS).filter_map(|_| lighthouse_once(&server.url(path))).collect();
        if reports.is_empty() {
            println!("{name:<22} Lighthouse failed");
            continue;
        }
        let mid = |f: &dyn Fn(&serde_json::Value) -> f64| median(reports.iter().map(f).collect());
        let score = |c: &str| format!("{:.2}", mid(&|r| r["categories"][c]["score"].as_f64().unwrap_or(f64::NAN)));
        let audit = |r: &serde_json::Value, a: &str| r["audits"][a]["numericValue"].as_f64().unwrap_or(f64::NAN);
        let num = |a: &str| mid(&|r| audit(r, a));
        let lcps: Vec<f64> = reports.iter().map(|r| audit(r, "largest-contentful-paint")).collect();
        let spread = format!(
            "{:.0}-{:.0}",
            lcps.iter().cloned().fold(f64::INFINITY, f64::min),
            lcps.iter().cloned().fold(0.0, f64::max)
        );
        println!(
            "{name:<22} {:>5} {:>5} {:>5} {:>5} {:>7.0} {:>7.0} {:>6.3} {:>6.0} {spread:>10}",
            score("performance"),
            score("accessibility"),
            score("best-practices"),
            score("seo"),
            num("first-contentful-paint"),
            num("largest-contentful-paint"),
            num("cumulative-layout-shift"),
            num("total-blocking-time")
        );
        // What keeps a category from 1.0, so it can be fixed.
        let r = &reports[0];
        for cat in ["accessibility", "best-practices", "seo"] {
            for a in r["categories"][cat]["auditRefs"].as_array().into_iter().flatten() {
                let id = a["id"].as_str().unwrap_or_default();
                let audit = &r["audits"][id];
                if a["weight"].as_f64().unwrap_or(0.0) > 0.0 && audit["score"].as_f64().is_some_and(|s| s < 1.0) {
                    println!("{:<22}   {cat}: {id}: {}", "", audit["title"].as_str().unwrap_or_default());
                }
            }
        }
    }
}

/// One Lighthouse run on `url`: its report, or None if it failed.
fn lighthouse_once(url: &str) -> Option<serde_json::Value> {
    let bin = crate::setup::tools_dir().join("node_modules/.bin/lighthouse");
    let out = support::temp_dir("lighthouse").join("report.json");
    let ran = std::process::Command::new(&bin)
        .arg(url)
        .args(["--output=json", "--quiet", "--only-categories=performance,accessibility,best-practices,seo"])
        .arg(format!("--output-path={}", out.display()))
        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage")
        .env("CHROME_PATH", "/usr/bin/chromium")
        .env("PATH", crate::setup::path_with_tools())
        .status();
    let report = std::fs::read_to_string(&out).ok().and_then(|t| serde_json::from_str(&t).ok());
    report.filter(|_| ran.is_ok_and(|s| s.success()))
}

fn sizes(dist: &Path) -> Result {
    let row = |name: &str, bytes: &[u8]| {
        let (g, b) = (gzip_len(bytes), crate::site::brotli(bytes).len());
        println!("{name:<44} {:>9} {:>9} {:>9}", bytes.len(), g, b);
        (bytes.len(), g, b)
    };
    println!("{:<44} {:>9} {:>9} {:>9}", "app shell file", "raw B", "gzip-9 B", "brotli B");
    let mut total = (0, 0, 0);
    let mut shell = vec![dist.join("shell.html")];
    for e in std::fs::read_dir(dist).map_err(|e| e.to_string())?.flatten() {
        let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or_default().to_string();
        if e.path().is_file() && ["js", "wasm", "css"].contains(&ext.as_str()) {
            shell.push(e.path());
        }
    }
    shell.sort();
    for path in &shell {
        let r = row(&path.file_name().unwrap().to_string_lossy(), &std::fs::read(path).map_err(|e| e.to_string())?);
        total = (total.0 + r.0, total.1 + r.1, total.2 + r.2);
    }
    println!("{:<44} {:>9} {:>9} {:>9}", "app shell total (the size test's number: gzip)", total.0, total.1, total.2);
    println!("\n{:<44} {:>9} {:>9} {:>9}", "prerendered page", "raw B", "gzip-9 B", "brotli B");
    let mut pages = (0, 0, 0, 0);
    for path in crate::site::files(dist) {
        let rel = path.strip_prefix(dist).unwrap().to_string_lossy().into_owned();
        if rel.ends_with(".html") && rel != "shell.html" {
            let r = row(&rel, &std::fs::read(&path).map_err(|e| e.to_string())?);
            pages = (pages.0 + 1, pages.1 + r.0, pages.2 + r.1, pages.3 + r.2);
        }
    }
    println!("{:<44} {:>9} {:>9} {:>9}", format!("{} pages, total", pages.0), pages.1, pages.2, pages.3);
    Ok(())
}

/// Measure one load of `path` in `c`: [first contentful paint, largest
/// contentful paint, the app's take-over (-1 for a page without the loader),
/// bytes on the wire (page and everything it loaded, compressed, headers
/// included)].
const LOAD: &str = "const done = arguments[arguments.length - 1];
let lcp = 0;
new PerformanceObserver(l => { for (const e of l.getEntries()) lcp = e.startTime; })
  .observe({ type: 'largest-contentful-paint', buffered: true });
const wait = (f) => new Promise(r => { const t = () => { const v = f(); v !== null ? r(v) : setTimeout(t, 10); }; t(); });
const mark = (n) => { const m = performance.getEntriesByName(n); return m.length ? m[m.length - 1].startTime : null; };
Promise.all([
  wait(() => mark('first-contentful-paint')),
  wait(() => document.querySelector('head > script:not([src])') ? mark('takeover') : -1),
]).then(([fcp, app]) => setTimeout(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const bytes = performance.getEntriesByType('resource').reduce((a, e) => a + e.transferSize, nav.transferSize);
  done([fcp, lcp, app, bytes]);
}, 500));";

async fn load(c: &fantoccini::Client, url: &str) -> Vec<f64> {
    c.goto(url).await.unwrap();
    let v = c.execute_async(LOAD, vec![]).await.unwrap();
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap_or(f64::NAN)).collect()
}

/// The pages compared: a static page of the first lesson, the prerendered
/// page without its loader, and the app's first lesson and first case.
const PAGES: [(&str, &str); 4] = [
    ("static HTML lesson", "/static-lesson.html"),
    ("prerendered lesson, no loader", "/static-prerendered.html"),
    ("app, first lesson (prerendered)", "/lesson/what-is-trafficking"),
    ("app, first case (prerendered)", "/scenario/er-night-shift"),
];

/// Loads per page: a list of runs, each [FCP, LCP, app live, bytes].
type Runs = Vec<Vec<Vec<f64>>>;

/// Cold and warm loads of `PAGES`, alternating, each cold load in a new
/// profile; then cold loads on a slow line.
async fn cold_and_warm(real: &Path) {
    const COLD_RUNS: usize = 15;
    const SLOW_RUNS: usize = 5;
    let (cold, warm) = visits(real, COLD_RUNS, false).await;
    table(&format!("cold first visit (new profile, nothing cached): median of {COLD_RUNS}"), &cold);
    table(&format!("warm repeat visit (same profile): median of {COLD_RUNS}"), &warm);
    let (slow, _) = visits(real, SLOW_RUNS, true).await;
    table(
        &format!(
            "cold first visit on a slow line (Lighthouse's mobile throttling applied in Chromium: \
             562.5 ms latency, 1,474.56 kbit/s down, CPU 4x slower): median of {SLOW_RUNS}"
        ),
        &slow,
    );
    println!("(app live: the app has taken the page over, so the case's start button and choices work)");
}

/// `runs` rounds over `PAGES`, each page in a new browser, first visit
/// and repeat visit; on a slow line, when `slow`.
async fn visits(real: &Path, runs: usize, slow: bool) -> (Runs, Runs) {
    let mut cold: Runs = vec![Vec::new(); PAGES.len()];
    let mut warm: Runs = vec![Vec::new(); PAGES.len()];
    for round in 0..runs {
        // Each round starts with another page, so no page is always first.
        for k in 0..PAGES.len() {
            let i = (round + k) % PAGES.len();
            let real = real.to_path_buf();
            let path = PAGES[i].1.to_string();
            let (tx, rx) = std::sync::mpsc::channel();
            with_browser(move |c, server| async move {
                server.set_root(&real);
                if slow {
                    throttle(&c).await;
                }
                // A new browser is busy starting for a while (on two cores
                // that shows in every time): let it settle first. The
                // profile is still new, and nothing is cached.
                tokio::time::sleep(Duration::from_millis(1000)).await;
                let first = load(&c, &server.url(&path)).await;
                // The repeat visit: HTTP cache and service worker as a
                // returning learner has them.
                tokio::time::sleep(Duration::from_millis(300)).await;
                let again = load(&c, &server.url(&path)).await;
                tx.send((first, again)).unwrap();
            })
            .await;
            let (first, again) = rx.recv().unwrap();
            cold[i].push(first);
            warm[i].push(again);
        }
    }
    (cold, warm)
}

fn table(label: &str, runs: &Runs) {
    let col = |runs: &Vec<Vec<f64>>, k: usize| median(runs.iter().map(|r| r[k]).collect());
    println!("\n{label}, ms from navigation start");
    println!("{:<34} {:>8} {:>8} {:>10} {:>10}", "", "FCP", "LCP", "app live", "bytes");
    let static_fcp = col(&runs[0], 0);
    for (i, (name, _)) in PAGES.iter().enumerate() {
        let (fcp, lcp, app, bytes) = (col(&runs[i], 0), col(&runs[i], 1), col(&runs[i], 2), col(&runs[i], 3));
        let app = if app < 0.0 { "-".to_string() } else { format!("{app:.0}") };
        println!("{name:<34} {fcp:>8.0} {lcp:>8.0} {app:>10} {bytes:>10.0}");
        if i > 0 {
            println!(
                "{:<34} {:>8} {:>8} {:>10}",
                "  ÷ the static page's",
                format!("{:.2}x", fcp / static_fcp),
                format!("{:.2}x", lcp / col(&runs[0], 1)),
                if app == "-" { "-".into() } else { format!("{:.2}x", col(&runs[i], 2) / static_fcp) }
            );
        }
    }
}

/// A Chrome DevTools command, sent through chromedriver's
/// `goog/cdp/execute` endpoint.
#[derive(Debug)]
struct Cdp(&'static str, serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> std::result::Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(serde_json::json!({ "cmd": self.0, "params": self.1 }).to_string()))
    }
}

/// Lighthouse's mobile throttling as it applies it in the browser (its
/// "devtools" method): slow 4G and a CPU four times slower.
async fn throttle(c: &fantoccini::Client) {
    c.issue_cmd(Cdp("Network.enable", serde_json::json!({}))).await.expect("the network domain");
    let line = serde_json::json!({
        "offline": false,
        "latency": 562.5,
        "downloadThroughput": 1474.56 * 1024.0 / 8.0,
        "uploadThroughput": 675.0 * 1024.0 / 8.0
    });
    c.issue_cmd(Cdp("Network.emulateNetworkConditions", line)).await.expect("a slow line");
    c.issue_cmd(Cdp("Emulation.setCPUThrottlingRate", serde_json::json!({ "rate": 4 }))).await.expect("a slow CPU");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// A site with the real shell and content, plus a static HTML page of the
/// first lesson for comparison (with its stylesheet, compressed like the
/// rest), and the prerendered page of that lesson without its loader.
fn real_site(root: &Path) -> std::path::PathBuf {
    let site = support::temp_dir("bench-real");
    support::copy_dir(&root.join("dist"), &site);
    let hashed = |prefix: &str, ext: &str| {
        std::fs::read_dir(&site)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix) && n.ends_with(ext))
            .unwrap_or_else(|| panic!("no hashed {prefix}*{ext}"))
    };
    let css = hashed("main-", ".css");
    let lesson: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.join("content/da/lessons/what-is-trafficking.json")).unwrap(),
    )
    .unwrap();
    let icon = hashed("favicon-", ".svg");
    let html = format!(
        "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Kend tegnene</title><meta name=\"description\" content=\"Kend tegnene\"><link rel=\"icon\" href=\"/{icon}\" type=\"image/svg+xml\">\
<link rel=\"stylesheet\" href=\"/{}\"></head><body><main id=\"main\"><article class=\"lesson\">\
<h1>{}</h1><div class=\"prose\">{}</div></article></main></body></html>",
        css,
        lesson["title"].as_str().unwrap(),
        lesson["html"].as_str().unwrap()
    );
    write_compressed(&site.join("static-lesson.html"), &html);
    // The prerendered page itself without the loader: what the app's
    // loading costs a first visit, beside a page that has nothing else.
    let page = std::fs::read_to_string(site.join("lesson/what-is-trafficking.html")).unwrap();
    let boot = page.find("<script>").expect("the loader's tag");
    let end = boot + page[boot..].find("</script>").unwrap() + "</script>".len();
    write_compressed(&site.join("static-prerendered.html"), &format!("{}{}", &page[..boot], &page[end..]));
    site
}

fn write_compressed(path: &Path, html: &str) {
    std::fs::write(path, html).unwrap();
    let mut with = path.as_os_str().to_owned();
    with.push(".gz");
    std::fs::write(&with, crate::site::gzip(html.as_bytes())).unwrap();
    with = path.as_os_str().to_owned();
    with.push(".br");
    std::fs::write(&with, crate::site::brotli(html.as_bytes())).unwrap();
}

/// The same shell with a generated course of 1,000 lessons in 50 modules.
fn big_site(root: &Path) -> std::path::PathBuf {
    let site = support::temp_dir("bench-big");
    support::copy_dir(&root.join("dist"), &site);
    let content = support::temp_dir("bench-big-content").join("content");
    let mut manifest = String::from("version = \"bench\"\n");
    let lesson_da = std::fs::read_to_string(root.join("content/da/lessons/what-is-trafficking.md")).unwrap();
    let lesson_en = std::fs::read_to_string(root.join("content/en/lessons/what-is-trafficking.md")).unwrap();
    for lang in ["da", "en"] {
        std::fs::create_dir_all(content.join(lang).join("lessons")).unwrap();
    }
    for m in 0..50 {
        let ids: Vec<String> = (0..20).map(|i| format!("lesson-{m}-{i}")).collect();
        manifest.push_str(&format!(
            "[[module]]\nid = \"m{m}\"\ntitle = {{ da = \"Modul {m}\", en = \"Module {m}\" }}\nitems = [{}]\n",
            ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
        ));
        for id in &ids {
            for (lang, text) in [("da", &lesson_da), ("en", &lesson_en)] {
                let text = text
                    .replacen("id = \"what-is-trafficking\"", &format!("id = \"{id}\""), 1)
                    .replace("lesson:what-is-trafficking", &format!("lesson:{id}"));
                std::fs::write(content.join(lang).join("lessons").join(format!("{id}.md")), text).unwrap();
            }
        }
    }
    std::fs::write(content.join("course.toml"), manifest).unwrap();
    let compiled = compile(&content);
    compiled.write_to(&site.join("content")).unwrap();
    site
}

async fn mark_time(c: &fantoccini::Client, name: &str) -> f64 {
    let script = format!(
        "const m = performance.getEntriesByName('{name}'); return m.length ? m[m.length - 1].startTime : null;"
    );
    for _ in 0..400 {
        if let Some(t) = js(c, &script).await.as_f64() {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no performance mark '{name}'");
}

async fn times(root: &Path, real: &Path) {
    let real = real.to_path_buf();
    let big = big_site(root);
    with_browser(move |c, server| async move {
        server.set_root(&real);
        // Warm the browser once so the first measured run is not special.
        c.goto(&server.url("/lesson/what-is-trafficking")).await.unwrap();
        mark_time(&c, "lesson-rendered").await;

        let mut static_fcp = Vec::new();
        let mut app_lesson = Vec::new();
        let mut nav = Vec::new();
        let mut overview_real = Vec::new();
        let mut overview_big = Vec::new();
        let mut lesson_big = Vec::new();
        for _ in 0..RUNS {
            c.goto(&server.url("/static-lesson.html")).await.unwrap();
            let fcp = js(&c, "return new Promise(r => { const f = () => { const p = performance.getEntriesByName('first-contentful-paint'); p.length ? r(p[0].startTime) : setTimeout(f, 5); }; f(); })").await;
            static_fcp.push(fcp.as_f64().unwrap());

            c.goto(&server.url("/lesson/what-is-trafficking")).await.unwrap();
            app_lesson.push(mark_time(&c, "lesson-rendered").await);
            mark_time(&c, "takeover").await;

            // Next lesson by a link click, as a learner would.
            js(&c, "document.querySelector('.actions a.button').click(); return null").await;
            let mut t = None;
            for _ in 0..400 {
                let v = js(&c, "const r = performance.getEntriesByName('lesson-rendered'); const n = performance.getEntriesByName('navigate'); return (r.length > 1 && n.length) ? r[r.length-1].startTime - n[n.length-1].startTime : null").await;
                if let Some(v) = v.as_f64() {
                    t = Some(v);
                    break;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            nav.push(t.expect("the next lesson rendered"));

            c.goto(&server.url("/")).await.unwrap();
            overview_real.push(mark_time(&c, "overview-rendered").await);
        }
        server.set_root(&big);
        for _ in 0..RUNS {
            c.goto(&server.url("/")).await.unwrap();
            overview_big.push(mark_time(&c, "overview-rendered").await);
            c.goto(&server.url("/lesson/lesson-49-19")).await.unwrap();
            lesson_big.push(mark_time(&c, "lesson-rendered").await);
        }
        let (s, a) = (median(static_fcp), median(app_lesson));
        println!("\nwarm, one browser session: median of {RUNS} loads in headless Chromium (ms from navigation start)");
        println!("static HTML lesson, first contentful paint   {s:>8.1}");
        println!("app, first lesson rendered by the app        {a:>8.1}   ({:.2}x the static page; the prerendered page shows it before)", a / s);
        println!("app, next lesson after a link click          {:>8.1}", median(nav));
        let (or, ob) = (median(overview_real), median(overview_big));
        println!("app, overview rendered, real course          {or:>8.1}");
        println!("app, overview rendered, 1,000 lessons        {ob:>8.1}   ({:.2}x the real course)", ob / or);
        println!("app, a lesson rendered, 1,000-lesson course  {:>8.1}", median(lesson_big));
    })
    .await;
}
