//! A course that fits each learner: the role and its overview, a title for
//! every page, charts with their text alternative, the glossary and its
//! links, search (its index fetched only when searching), the "what to do
//! now" page from a case's ending, the manifest, and the notice that a new
//! version is ready.

use serde_json::{json, Value};

use crate::support::{copy_dir, dist, find, goto, js, reload, set_stored, stored, temp_dir, wait_text, with_browser};

const KEY: &str = "kend-tegnene.progress";

fn content(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dist().join("content").join(path)).unwrap()).unwrap()
}

async fn title(c: &fantoccini::Client) -> String {
    js(c, "return document.title").await.as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_role_leads_the_overview_and_changing_it_hides_nothing() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        find(&c, "#role-choice").await;
        // Before a role is chosen every module is shown, none folded.
        assert_eq!(js(&c, "return document.querySelectorAll('details.other-tracks').length").await, 0);
        find(&c, "[data-role='health']").await.click().await.unwrap();
        find(&c, "#other-tracks").await;
        assert_eq!(stored(&c, "kend-tegnene.role").await.as_deref(), Some("health"));
        assert_eq!(js(&c, "return !!document.getElementById('role-choice')").await, false);
        let lead =
            js(&c, "return [...document.querySelectorAll('.overview-body > section.module h2')].map(h => h.id)").await;
        assert_eq!(lead, json!(["module-core", "module-health"]));
        let folded =
            js(&c, "return [...document.querySelectorAll('#other-tracks section.module h2')].map(h => h.id)").await;
        assert_eq!(folded, json!(["module-police", "module-embassy"]));
        assert!(find(&c, "#continue a").await.attr("href").await.unwrap().unwrap().starts_with("/lesson/"));
        assert_eq!(js(&c, "return document.querySelectorAll('svg.chart.meter').length").await, 5);

        // Done in the police track, then the role changes: nothing hidden.
        let police = content("da/index.json")["modules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == "police")
            .unwrap()
            .clone();
        let first = police["items"][0]["id"].as_str().unwrap().to_string();
        let (mut lessons, mut scenarios) = (json!({}), json!({}));
        match police["items"][0]["kind"].as_str().unwrap() {
            "lesson" => lessons[&first] = json!({ "read_at": 1 }),
            _ => scenarios[&first] = json!({ "best": 90, "attempts": [], "current": null }),
        }
        let progress = json!({ "version": 2, "lessons": lessons, "scenarios": scenarios, "quizzes": {}, "items": {} });
        set_stored(&c, KEY, &progress.to_string()).await;
        goto(&c, &server.url("/settings")).await;
        assert_eq!(find(&c, "[data-role='health']").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
        find(&c, "[data-role='police']").await.click().await.unwrap();
        wait_text(&c, "[aria-pressed='true']", "Politi").await;
        goto(&c, &server.url("/")).await;
        find(&c, "#module-police").await;
        let status = js(&c, &format!("return document.querySelector('[data-id=\"{first}\"] .status').className")).await;
        assert_eq!(status, "status status-done");
        assert!(stored(&c, KEY).await.unwrap().contains(&first), "progress is not tied to the role");
    })
    .await;
}

#[tokio::test]
async fn every_route_has_its_own_title_in_both_languages() {
    with_browser(|c, server| async move {
        let index = content("da/index.json");
        let lesson = &index["modules"][0]["items"][0];
        let routes = [
            "/".to_string(),
            format!("/lesson/{}", lesson["id"].as_str().unwrap()),
            "/scenario/er-night-shift".into(),
            "/quiz/core-check".into(),
            "/certificate/core".into(),
            "/settings".into(),
            "/glossary".into(),
            "/what-to-do".into(),
            "/what-to-do/embassy".into(),
            "/search?q=cmm".into(),
            "/no/such/page".into(),
        ];
        for (lang, prefix) in [("da", ""), ("en", "/en")] {
            let mut seen = std::collections::BTreeSet::new();
            for route in &routes {
                goto(&c, &server.url(&format!("{prefix}{route}"))).await;
                find(&c, "#page-title").await;
                // The title follows once the catalog has named the item.
                let mut t = title(&c).await;
                for _ in 0..50 {
                    if t.contains(" – ") && !t.starts_with("Lektion") && !t.starts_with("Lesson") {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    t = title(&c).await;
                }
                let course = if lang == "da" { "Kend tegnene" } else { "Know the signs" };
                assert!(t.ends_with(&format!(" – {course}")), "{lang} {route}: {t}");
                assert!(seen.insert(t.clone()), "{lang} {route}: the title {t} is used twice");
            }
            let lesson_title =
                content(&format!("{lang}/index.json"))["modules"][0]["items"][0]["title"].as_str().unwrap().to_string();
            assert!(seen.iter().any(|t| t.starts_with(&format!("{lesson_title} – "))), "{seen:?}");
        }
    })
    .await;
}

/// Progress with the core check finished: every other answer right, with
/// each confidence level used.
pub(crate) fn finished_quiz() -> Value {
    let quiz = content("da/quizzes/core-check.json");
    let mut items = json!({});
    for (n, q) in quiz["questions"].as_array().unwrap().iter().enumerate() {
        let key = format!("core-check/{}", q["id"].as_str().unwrap());
        let last = json!({ "at": 1, "correct": n % 2 == 0, "confidence": (n % 3) as u8, "tags": q["tags"] });
        items[key] = json!({ "answered": 1, "correct": u32::from(n % 2 == 0), "last": last, "review": null });
    }
    json!({ "version": 2, "lessons": {}, "scenarios": {},
        "quizzes": { "core-check": { "best": 50, "rounds": 1, "last_finished_at": 2, "current": null } }, "items": items })
}

#[tokio::test]
async fn the_result_shows_charts_with_tables_beside_them() {
    with_browser(|c, server| async move {
        let progress = finished_quiz();
        goto(&c, &server.url("/")).await;
        set_stored(&c, KEY, &progress.to_string()).await;
        goto(&c, &server.url("/quiz/core-check")).await;
        find(&c, "#result-title").await;
        assert_eq!(js(&c, "return document.querySelectorAll('svg.chart.bars[aria-hidden=true]').length").await, 2);
        // The text alternative: a row per category and per confidence level.
        let bars =
            js(&c, "return document.querySelectorAll('svg.chart.bars')[0].querySelectorAll('rect.fill').length").await;
        let rows = js(&c, "return document.querySelectorAll('table.tag-scores tr').length").await;
        assert_eq!(bars, rows);
        assert_eq!(js(&c, "return document.querySelectorAll('table.calibration tr').length").await, 3);
        // Drawn in the page's text colour, so it follows the theme.
        let fill = js(&c, "return getComputedStyle(document.querySelector('svg.chart text')).fill").await;
        let color = js(&c, "return getComputedStyle(document.body).color").await;
        assert_eq!(fill, color);
    })
    .await;
}

#[tokio::test]
async fn glossary_links_search_and_the_guide_from_a_case_ending() {
    with_browser(|c, server| async move {
        // A term link in a lesson lands on its entry in the glossary.
        goto(&c, &server.url("/lesson/after-identification")).await;
        find(&c, ".prose a[href='/glossary#refleksionsperiode']").await.click().await.unwrap();
        wait_text(&c, "dt#refleksionsperiode", "Refleksionsperiode").await;
        assert_eq!(c.current_url().await.unwrap().fragment(), Some("refleksionsperiode"));
        // And one in a guide.
        goto(&c, &server.url("/what-to-do/police")).await;
        find(&c, ".guide a[href='/glossary#identifikation']").await.click().await.unwrap();
        find(&c, "dt#identifikation").await;
        wait_text(&c, "dt#identifikation", "Identifikation").await;
        assert_eq!(js(&c, "return document.activeElement.id").await, "identifikation");

        // Search: nothing fetched at start-up; a term found in each language.
        // (What was requested is known only to the own server.)
        let own = server.is_own("glossary_links_search_and_the_guide_from_a_case_ending: request log");
        server.requests.lock().unwrap().clear();
        goto(&c, &server.url("/")).await;
        find(&c, "#overall-progress").await;
        assert!(
            !own || !server.requests.lock().unwrap().iter().any(|r| r.contains("search.json")),
            "index fetched at start-up"
        );
        find(&c, "#search-q").await.send_keys("refleksionsperiode").await.unwrap();
        find(&c, ".search-button").await.click().await.unwrap();
        find(&c, ".results a[href='/glossary#refleksionsperiode']").await;
        assert!(!own || server.requests.lock().unwrap().iter().any(|r| r.contains("/content/da/pages/search.json")));
        // A result jumps to a section of a lesson when the word is there.
        goto(&c, &server.url("/search?q=reflection%20period")).await;
        wait_text(&c, "main", "Intet fundet").await;
        goto(&c, &server.url("/en/search?q=reflection%20period")).await;
        find(&c, ".results a[href='/en/glossary#refleksionsperiode']").await.click().await.unwrap();
        wait_text(&c, "dt#refleksionsperiode", "Reflection period").await;

        // The end of a case links to the guide for the learner's role.
        let scenario = content("da/scenarios/er-night-shift.json");
        let ending = scenario["endings"][0]["id"].as_str().unwrap();
        let attempt = json!({ "finished_at": 1, "choices": [], "ending": ending, "percent": 50 });
        let progress = json!({ "version": 2, "lessons": {}, "quizzes": {}, "items": {},
            "scenarios": { "er-night-shift": { "best": 50, "attempts": [attempt], "current": null } } });
        set_stored(&c, KEY, &progress.to_string()).await;
        js(&c, "localStorage.setItem('kend-tegnene.role', 'health'); return null").await;
        goto(&c, &server.url("/scenario/er-night-shift")).await;
        find(&c, "#guide-link").await.click().await.unwrap();
        find(&c, ".guide h1").await;
        assert_eq!(c.current_url().await.unwrap().path(), "/what-to-do/health");
        let text = find(&c, ".guide").await.text().await.unwrap();
        assert!(text.contains("+45 70 20 25 50") && text.contains("cmm@sbst.dk") && text.contains("112"), "{text}");

        // Printed, the guide fits one A4 page.
        let pdf = c.print(fantoccini::wd::PrintConfiguration::default()).await.unwrap();
        let path = temp_dir("guide").join("guide.pdf");
        std::fs::write(&path, pdf).unwrap();
        let info = std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo (poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        assert!(info.lines().any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")), "{info}");
    })
    .await;
}

#[tokio::test]
async fn the_course_can_be_installed() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        find(&c, "#page-title").await;
        let href = js(&c, "return document.querySelector('link[rel=manifest]').href").await;
        assert_eq!(href, server.url("/manifest.webmanifest"));
        let manifest = js(
            &c,
            "return fetch('/manifest.webmanifest').then(r => r.json().then(j => [r.headers.get('content-type'), j]))",
        )
        .await;
        assert_eq!(manifest[0], "application/manifest+json");
        assert_eq!(manifest[1]["start_url"], "/");
        assert_eq!(manifest[1]["display"], "standalone");
        for icon in manifest[1]["icons"].as_array().unwrap() {
            let src = icon["src"].as_str().unwrap();
            assert!(src.starts_with('/'), "same origin: {src}");
            let ok = js(&c, &format!("return fetch('{src}').then(r => r.ok)")).await;
            assert_eq!(ok, true, "{src}");
        }
    })
    .await;
}

/// Serve build A, load it, serve build B: the new service worker takes
/// over, the notice appears, and its button reloads into build B with the
/// progress kept.
#[tokio::test]
async fn a_new_version_is_announced_and_the_reload_keeps_progress() {
    let a = temp_dir("build-a");
    let b = temp_dir("build-b");
    copy_dir(&dist(), &a);
    copy_dir(&dist(), &b);
    // Build B: a different shell hash in the worker, and a mark in the page.
    let sw = std::fs::read_to_string(b.join("sw.js")).unwrap();
    let marked = sw.replacen("kend-tegnene-", "kend-tegnene-b", 1);
    assert_ne!(marked, sw);
    std::fs::write(b.join("sw.js"), marked).unwrap();
    let html = std::fs::read_to_string(b.join("index.html")).unwrap();
    let marked = html.replacen("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"><meta name=build content=b>", 1);
    assert_ne!(marked, html);
    std::fs::write(b.join("index.html"), marked).unwrap();
    // The compressed copies of what was changed would be served instead.
    for stale in ["sw.js.br", "sw.js.gz", "index.html.br", "index.html.gz"] {
        let _ = std::fs::remove_file(b.join(stale));
    }
    with_browser(move |c, server| async move {
        if !server.is_own("a_new_version_is_announced_and_the_reload_keeps_progress") {
            return;
        }
        server.set_root(&a);
        goto(&c, &server.url("/")).await;
        find(&c, "#page-title").await;
        // Wait until the worker controls the page (first visit: no notice).
        for _ in 0..100 {
            if js(&c, "return !!navigator.serviceWorker.controller").await == true {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        reload(&c).await;
        find(&c, "#page-title").await;
        assert_eq!(js(&c, "return !!navigator.serviceWorker.controller").await, true);
        assert_eq!(js(&c, "return !!document.getElementById('update-notice')").await, false);
        let progress = json!({ "version": 2, "lessons": { "kept": { "read_at": 7 } }, "scenarios": {}, "quizzes": {}, "items": {} });
        set_stored(&c, KEY, &progress.to_string()).await;

        server.set_root(&b);
        js(&c, "return navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => null)").await;
        let notice = find(&c, "#update-notice[role=status]").await;
        assert!(notice.text().await.unwrap().contains("ny version"));
        find(&c, "#update-reload").await.click().await.unwrap();
        find(&c, "meta[name=build][content=b]").await;
        find(&c, "#page-title").await;
        assert!(stored(&c, KEY).await.unwrap().contains("\"kept\""), "progress kept across the reload");
    })
    .await;
}

#[tokio::test]
async fn every_guide_prints_on_one_a4_page_in_both_languages() {
    with_browser(|c, server| async move {
        for (lang, prefix) in [("da", ""), ("en", "/en")] {
            for guide in ["", "/police", "/health", "/embassy"] {
                goto(&c, &server.url(&format!("{prefix}/what-to-do{guide}"))).await;
                find(&c, ".guide .sources li").await;
                let pdf = c.print(fantoccini::wd::PrintConfiguration::default()).await.unwrap();
                let path = temp_dir("guides").join("guide.pdf");
                std::fs::write(&path, pdf).unwrap();
                let info = std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo");
                let info = String::from_utf8_lossy(&info.stdout).to_string();
                let pages = info.lines().find(|l| l.starts_with("Pages:")).unwrap_or_default().to_string();
                assert!(pages.trim_end().ends_with(" 1"), "{lang} /what-to-do{guide}: {pages}");
                let text = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
                let text = String::from_utf8_lossy(&text.stdout).to_string();
                assert!(text.contains("+45 70 20 25 50") && text.contains("112"), "{lang} {guide}: {text}");
            }
        }
    })
    .await;
}
