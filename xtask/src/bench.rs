//! Measurements for the notes: the app shell's size, and load and render
//! times in headless Chromium. Numbers are printed, never asserted on time.
//!
//! Times are read from the page's own clock (performance marks the app sets
//! when a page has rendered), as the median of several fresh loads.

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
    tokio::runtime::Runtime::new().map_err(|e| e.to_string())?.block_on(times(root));
    Ok(())
}

fn sizes(dist: &Path) -> Result {
    println!("{:<28} {:>10} {:>10}", "app shell file", "raw B", "gzip B");
    let (mut raw, mut gz) = (0, 0);
    let mut entries: Vec<_> = std::fs::read_dir(dist).map_err(|e| e.to_string())?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
        let g = gzip_len(&bytes);
        println!("{:<28} {:>10} {:>10}", e.file_name().to_string_lossy(), bytes.len(), g);
        raw += bytes.len();
        gz += g;
    }
    println!("{:<28} {:>10} {:>10}", "total", raw, gz);
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// A site with the real shell and content, plus a static HTML page of the
/// first lesson for comparison, plus (under /big) nothing: the big course is
/// a second site.
fn real_site(root: &Path) -> std::path::PathBuf {
    let site = support::temp_dir("bench-real");
    copy_dist(root, &site);
    let lesson: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.join("content/da/lessons/what-is-trafficking.json")).unwrap(),
    )
    .unwrap();
    let html = format!(
        "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Kend tegnene</title><link rel=\"stylesheet\" href=\"/main.css\"></head><body><main id=\"main\"><article class=\"lesson\">\
<h1>{}</h1><div class=\"prose\">{}</div></article></main></body></html>",
        lesson["title"].as_str().unwrap(),
        lesson["html"].as_str().unwrap()
    );
    std::fs::write(site.join("static-lesson.html"), html).unwrap();
    site
}

fn copy_dist(root: &Path, site: &Path) {
    copy_dir(&root.join("dist"), site);
}

/// The same shell with a generated course of 1,000 lessons in 50 modules.
fn big_site(root: &Path) -> std::path::PathBuf {
    let site = support::temp_dir("bench-big");
    copy_dist(root, site.as_path());
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

async fn times(root: &Path) {
    let real = real_site(root);
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
        println!("\nmedian of {RUNS} loads in headless Chromium (ms from navigation start)");
        println!("static HTML lesson, first contentful paint   {s:>8.1}");
        println!("app, first lesson rendered                   {a:>8.1}   ({:.2}x the static page)", a / s);
        println!("app, next lesson after a link click          {:>8.1}", median(nav));
        let (or, ob) = (median(overview_real), median(overview_big));
        println!("app, overview rendered, real course          {or:>8.1}");
        println!("app, overview rendered, 1,000 lessons        {ob:>8.1}   ({:.2}x the real course)", ob / or);
        println!("app, a lesson rendered, 1,000-lesson course  {:>8.1}", median(lesson_big));
    })
    .await;
}
