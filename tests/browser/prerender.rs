//! The prerendered site: readable with JavaScript off, taken over by the app
//! without a visible change (same markup, no layout shift, focus and scroll
//! kept), and served compressed, cached and with the same headers by the own
//! server and by nginx with deploy/nginx.conf.

use std::io::{Read, Write};
use std::time::Duration;

use fantoccini::{Client, Locator};
use kend_tegnene::i18n::Lang;
use serde_json::{json, Value};

use crate::support::{
    copy_dir, dist, find, js, temp_dir, wait_app, with_browser, with_browser_caps, with_browser_prefs, Server,
};

const LESSON: &str = "what-is-trafficking";

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no '{css}': {e}")).text().await.unwrap()
}

async fn displayed(c: &Client, css: &str) -> bool {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no '{css}': {e}")).is_displayed().await.unwrap()
}

#[tokio::test]
async fn without_javascript_the_overview_and_lessons_read_and_their_links_work() {
    let no_js = json!({ "profile": {
        "default_content_setting_values": { "javascript": 2 },
        "managed_default_content_settings": { "javascript": 2 }
    }});
    with_browser_prefs(no_js, |c, server| async move {
        c.goto(&server.url("/")).await.unwrap();
        assert_eq!(text(&c, "h1").await, "Kend tegnene");
        assert!(c.find_all(Locator::Css(".module")).await.unwrap().len() >= 2, "the modules are listed");
        assert!(!displayed(&c, &format!("li[data-id='{LESSON}'] .status")).await, "no made-up progress");
        // Into a lesson by its link, on to the next by the lesson's own link.
        c.find(Locator::Css(&format!("li[data-id='{LESSON}'] a.item-title"))).await.unwrap().click().await.unwrap();
        assert!(text(&c, "h1").await.contains("menneskehandel"));
        assert!(text(&c, ".prose").await.len() > 500, "the lesson's text is there");
        assert!(!displayed(&c, "#mark-read").await, "a button that needs the app is not offered");
        let first = text(&c, "h1").await;
        c.find(Locator::Css(".actions a.button")).await.unwrap().click().await.unwrap();
        assert_ne!(text(&c, "h1").await, first);
        // The language switch is a link too.
        c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
        assert!(c.current_url().await.unwrap().path().starts_with("/en/lesson/"));
        assert_eq!(c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("en"));
        // A case and a check say plainly what they need.
        for path in ["/en/scenario/er-night-shift", "/quiz/core-check"] {
            c.goto(&server.url(path)).await.unwrap();
            let lang = if path.starts_with("/en") { Lang::En } else { Lang::Da };
            assert_eq!(text(&c, ".needs-browser").await, lang.ui().needs_browser, "{path}");
            assert!(!displayed(&c, "#start").await, "{path}: no start button that does nothing");
            assert!(!text(&c, "h1").await.is_empty());
        }
        let description = c.find(Locator::Css("meta[name=description]")).await.unwrap().attr("content").await.unwrap();
        assert_eq!(description.as_deref(), Some(Lang::Da.ui().meta_description));
    })
    .await;
}

#[tokio::test]
async fn when_the_app_cannot_start_the_pages_read_and_say_what_does_not_work() {
    // JavaScript runs, but the app's WebAssembly never arrives (a failed
    // download, a proxy that strips it): the site without its wasm.
    let site = temp_dir("no-wasm-site");
    copy_dir(&dist(), &site);
    for e in std::fs::read_dir(&site).unwrap().flatten() {
        if e.file_name().to_string_lossy().contains(".wasm") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    with_browser(move |c, server| async move {
        if !server.is_own("when_the_app_cannot_start_the_pages_read_and_say_what_does_not_work") {
            return;
        }
        server.set_root(&site);
        c.goto(&server.url(&format!("/en/lesson/{LESSON}"))).await.unwrap();
        let alert = find(&c, ".needs-browser[role=alert]").await.text().await.unwrap();
        assert!(alert.contains("Cases and checks need a newer browser"), "{alert}");
        assert!(text(&c, ".prose").await.len() > 500, "the lesson's text is there");
        assert_eq!(js(&c, "return document.documentElement.className").await, "pre", "nothing half-started");
        // Its links still work, as plain links.
        let first = text(&c, "h1").await;
        c.find(Locator::Css(".actions a.button")).await.unwrap().click().await.unwrap();
        assert_ne!(text(&c, "h1").await, first);
        c.goto(&server.url("/scenario/er-night-shift")).await.unwrap();
        find(&c, ".needs-browser[role=alert]").await;
        assert!(!displayed(&c, "#start").await, "no start button that does nothing");
    })
    .await;
}

/// Every prerendered page's address, from the files the build wrote.
fn addresses() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() && e.file_name() != "content" {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    let dist = dist();
    let mut files = Vec::new();
    walk(&dist, &mut files);
    let mut out: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(&dist).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|f| f != "shell.html")
        .map(|f| match f.as_str() {
            "index.html" => "/".to_string(),
            "404.html" => "/no/such/page".to_string(),
            "en/404.html" => "/en/no/such/page".to_string(),
            other => format!("/{}", other.trim_end_matches(".html").trim_end_matches("index")),
        })
        .collect();
    out.sort();
    out
}

/// The markup of `#app` as served and as the app left it, each with
/// comments, `<noscript>` and empty text taken out.
const COMPARE: &str = "const done = arguments[arguments.length - 1];
fetch(location.href).then(r => r.text()).then(t => {
  const norm = (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll('noscript').forEach(n => n.remove());
    const w = document.createTreeWalker(c, NodeFilter.SHOW_COMMENT);
    const gone = [];
    while (w.nextNode()) gone.push(w.currentNode);
    gone.forEach(n => n.remove());
    c.normalize();
    return c.innerHTML;
  };
  const served = new DOMParser().parseFromString(t, 'text/html');
  let shift = 0;
  new PerformanceObserver(l => {}).observe({ type: 'layout-shift', buffered: true });
  for (const e of performance.getEntriesByType('layout-shift')) shift += e.value;
  done([norm(served.getElementById('app')), norm(document.getElementById('app')), shift,
        document.title, served.title, document.documentElement.lang, served.documentElement.lang]);
}).catch(e => done(['fetch failed: ' + e]));";

#[tokio::test]
async fn the_app_takes_over_every_prerendered_page_without_a_visible_change() {
    let addresses = addresses();
    assert!(addresses.len() > 30, "{addresses:?}");
    assert!(addresses.contains(&format!("/en/lesson/{LESSON}")) && addresses.contains(&"/en/".to_string()));
    with_browser(move |c, server| async move {
        let mut differences = Vec::new();
        for address in &addresses {
            c.goto(&server.url(address)).await.unwrap();
            wait_app(&c).await;
            let r = c.execute_async(COMPARE, vec![]).await.unwrap();
            let r = r.as_array().unwrap();
            assert!(r.len() == 7, "{address}: {r:?}");
            if r[0] != r[1] {
                differences.push(format!("{address}:\n  served: {}\n  app:    {}", r[0], r[1]));
            }
            // Chromium reports layout shifts headless too; the take-over adds none.
            assert!(r[2].as_f64().unwrap() < 0.001, "{address}: layout shift {}", r[2]);
            assert_eq!(r[3], r[4], "{address}: the title stays");
            assert_eq!(r[5], r[6], "{address}: the language stays");
        }
        assert!(differences.is_empty(), "the app changed what the page showed:\n{}", differences.join("\n"));
    })
    .await;
}

#[tokio::test]
async fn focus_and_scroll_stay_where_the_learner_put_them_before_the_app_took_over() {
    // Return from navigation at once, so the test can act on the page
    // before the (slowed down) wasm has arrived.
    with_browser_caps(json!({}), json!({ "pageLoadStrategy": "none" }), |c, server| async move {
        if !server.is_own("focus_and_scroll_stay_where_the_learner_put_them_before_the_app_took_over") {
            return;
        }
        server.set_delay(".wasm", Duration::from_millis(2500));
        c.goto(&server.url(&format!("/lesson/{LESSON}"))).await.unwrap();
        find(&c, ".actions a.button").await;
        let before = js(
            &c,
            "const a = document.querySelector('.actions a.button'); a.focus(); window.scrollTo(0, 300);
             return [document.documentElement.classList.contains('pre'), a.getAttribute('href'), window.scrollY]",
        )
        .await;
        assert_eq!(before[0], true, "the app had not taken over yet");
        wait_app(&c).await;
        let after = js(
            &c,
            "const a = document.activeElement; return [a.tagName, a.getAttribute('href'), window.scrollY,
             document.querySelector('#mark-read').getAttribute('aria-pressed')]",
        )
        .await;
        assert_eq!(after[0], "A");
        assert_eq!(after[1], before[1], "focus stays on the same link");
        assert_eq!(after[2], before[2], "the page did not scroll");
        assert_eq!(after[3], "false", "the app's own button is there");
    })
    .await;
}

/// Every element in `#app` that shows text of its own in the window, as
/// "tag x,y text" (position on the page). (Below the window, the footer
/// moves up when the app folds the other tracks away: nobody sees it.)
const SHOWN: &str = "const out = [];
for (const el of document.querySelectorAll('#app *')) {
  if (!el.checkVisibility({ visibilityProperty: true })) continue;
  const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  if (!own) continue;
  const r = el.getBoundingClientRect();
  if (r.bottom <= 0 || r.top >= innerHeight) continue;
  out.push(el.tagName + ' ' + Math.round(r.left) + ',' + Math.round(r.top + scrollY) + ' ' + own);
}
return out;";

#[tokio::test]
async fn a_returning_learner_sees_nothing_shown_move_or_change_when_the_app_takes_over() {
    with_browser_caps(json!({}), json!({ "pageLoadStrategy": "none" }), |c, server| async move {
        if !server.is_own("a_returning_learner_sees_nothing_shown_move_or_change_when_the_app_takes_over") {
            return;
        }
        // A learner who chose a role and read a lesson, with the service
        // worker a first visit installs.
        c.goto(&server.url("/")).await.unwrap();
        wait_app(&c).await;
        find(&c, "[data-act=role][data-role=police]").await.click().await.unwrap();
        c.goto(&server.url(&format!("/lesson/{LESSON}"))).await.unwrap();
        wait_app(&c).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        for _ in 0..200 {
            c.refresh().await.unwrap();
            wait_app(&c).await;
            let ready = "return !!navigator.serviceWorker.controller &&
                caches.open('kend-tegnene-learner').then(c => c.match('/returning')).then(r => !!r)";
            if js(&c, ready).await == true {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The app's content arrives late, so the prerendered page is seen,
        // in a window tall enough to show the overview's modules.
        server.set_delay(".json", Duration::from_millis(1500));
        c.set_window_size(1280, 2400).await.unwrap();
        for address in ["/", "/en/", &format!("/lesson/{LESSON}"), "/scenario/er-night-shift", "/quiz/core-check", "/settings"] {
            let url = server.url(address);
            c.goto(&url).await.unwrap();
            // The class and what is shown, read in one go before the app
            // takes over (null until painted; false if the app was first).
            let painted = format!(
                "if (location.href !== '{url}') return null;
                 if (!document.documentElement.classList.contains('pre')) return document.readyState === 'loading' ? null : false;
                 if (!performance.getEntriesByName('first-contentful-paint').length) return null;
                 return [document.documentElement.className, (() => {{ {SHOWN} }})()];"
            );
            let mut before = Value::Null;
            for _ in 0..500 {
                before = js(&c, &painted).await;
                if !before.is_null() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            if before == false && !["/", "/en/"].contains(&address) {
                // Nothing was painted before the app took over: nothing to move.
                continue;
            }
            assert!(before.is_array(), "{address}: the prerendered page was not seen: {before}");
            assert_eq!(before[0], "pre returning", "{address}: marked by the service worker");
            let before = &before[1];
            wait_app(&c).await;
            let after = js(&c, SHOWN).await;
            let after = after.as_array().unwrap();
            let gone: Vec<_> = before.as_array().unwrap().iter().filter(|b| !after.contains(b)).collect();
            assert!(gone.is_empty(), "{address}: shown before the app took over, then moved or changed: {gone:?}");
        }
        // What was held back is there now, arranged for the police.
        c.goto(&server.url("/")).await.unwrap();
        wait_app(&c).await;
        assert!(displayed(&c, "#module-police").await && !displayed(&c, "#module-health").await);
        assert!(c.find(Locator::Css("#role-choice")).await.is_err(), "the role is chosen");
    })
    .await;
}

/// A raw HTTP/1.1 GET: status, headers (lower-case names), body.
fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(server.authority()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", server.authority());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete answer");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let mut body = raw[split + 4..].to_vec();
    if header(&headers, "transfer-encoding") == "chunked" {
        body = unchunk(&body);
    }
    (status, headers, body)
}

/// A chunked body (Caddy sends files that way), put back together.
fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line = raw.windows(2).position(|w| w == b"\r\n").expect("a chunk size line");
        let size = std::str::from_utf8(&raw[..line]).unwrap().split(';').next().unwrap().trim();
        let size = usize::from_str_radix(size, 16).expect("a hexadecimal chunk size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line + 2..line + 2 + size]);
        raw = &raw[line + 2 + size + 2..];
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
}

/// The hashed file at the top of dist/ whose name starts so.
fn hashed(prefix: &str, ext: &str) -> String {
    std::fs::read_dir(dist())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix) && n.ends_with(ext) && n.len() == prefix.len() + 16 + ext.len())
        .unwrap_or_else(|| panic!("no {prefix}<hash>{ext} in dist"))
}

#[test]
fn pages_and_files_are_served_compressed_cached_and_with_the_security_headers() {
    let server = Server::for_tests(&dist()).unwrap();
    let wasm = format!("/{}", hashed("kend-tegnene_bg-", ".wasm"));
    let icon = format!("/{}", hashed("favicon-", ".svg"));
    for (path, kind, cache) in [
        ("/", "text/html", "no-cache"),
        ("/en/", "text/html", "no-cache"),
        ("/en", "text/html", "no-cache"),
        (&format!("/lesson/{LESSON}") as &str, "text/html", "no-cache"),
        (&format!("/en/lesson/{LESSON}"), "text/html", "no-cache"),
        ("/sw.js", "javascript", "no-cache"),
        ("/content/da/index.json", "application/json", "no-cache"),
        (&wasm, "application/wasm", "immutable"),
        (&icon, "image/svg+xml", "immutable"),
    ] {
        let (status, h, _) = get(&server, path, &[("Accept-Encoding", "gzip, deflate, br")]);
        assert_eq!(status, 200, "{path}");
        assert!(header(&h, "content-type").contains(kind), "{path}: {h:?}");
        assert!(header(&h, "cache-control").contains(cache), "{path}: {h:?}");
        assert!(header(&h, "vary").contains("Accept-Encoding"), "{path}: {h:?}");
        assert_eq!(header(&h, "content-security-policy"), crate::support::server::csp(), "{path}");
        assert_eq!(header(&h, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&h, "referrer-policy"), "no-referrer", "{path}");
        if path != icon {
            assert_eq!(header(&h, "content-encoding"), "br", "{path}: the brotli copy");
        }
    }
    // gzip for a browser that has no brotli, nothing for one that has neither.
    let (_, h, body) = get(&server, &wasm, &[("Accept-Encoding", "gzip")]);
    assert_eq!(header(&h, "content-encoding"), "gzip");
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut unpacked).unwrap();
    assert_eq!(unpacked, std::fs::read(dist().join(wasm.trim_start_matches('/'))).unwrap());
    let (_, h, body) = get(&server, "/", &[]);
    assert_eq!(header(&h, "content-encoding"), "");
    assert!(String::from_utf8_lossy(&body).starts_with("<!doctype html><html lang=\"da\""));
    // Revalidation: the same page again is a 304.
    let (_, h, _) = get(&server, "/", &[("Accept-Encoding", "br")]);
    let (status, _, body) = get(&server, "/", &[("Accept-Encoding", "br"), ("If-None-Match", header(&h, "etag"))]);
    assert_eq!((status, body.len()), (304, 0));
    // Any other address: the not-found page of its language, as a 404.
    for (path, lang) in [("/no/such/page", Lang::Da), ("/en/no/such/page", Lang::En), ("/lesson/nope", Lang::Da)] {
        let (status, h, body) = get(&server, path, &[]);
        assert_eq!(status, 404, "{path}");
        assert!(header(&h, "content-type").starts_with("text/html"), "{path}");
        assert!(String::from_utf8_lossy(&body).contains(lang.ui().not_found_title), "{path}");
    }
}
