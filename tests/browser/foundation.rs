//! The foundation: overview, lesson, scenario, progress kept over a reload,
//! deep links, history, language, a broken content file, and privacy.

use fantoccini::key::Key;

use crate::support::{
    dist, find, goto, js, press, reload, stored, tab_to, temp_dir, wait_focus, wait_text, with_browser,
};

const LESSON: &str = "what-is-trafficking";
const SCENARIO: &str = "er-night-shift";

#[tokio::test]
async fn lesson_and_scenario_progress_survive_a_reload() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        wait_text(&c, "h1", "Kend tegnene").await;
        assert_eq!(js(&c, "return document.documentElement.lang").await, "da");

        // Open the lesson from the overview and mark it read.
        find(&c, &format!("a[href='/lesson/{LESSON}']")).await.click().await.unwrap();
        wait_text(&c, "h1", "menneskehandel").await;
        find(&c, ".prose h2").await;
        let mark = find(&c, "#mark-read").await;
        assert_eq!(mark.attr("aria-pressed").await.unwrap().as_deref(), Some("false"));
        mark.click().await.unwrap();
        assert_eq!(find(&c, "#mark-read").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));

        // Play the scenario to an ending with the keyboard alone: Tab to
        // Start, then at every step 1 and Enter, then Tab to Continue.
        goto(&c, &server.url(&format!("/scenario/{SCENARIO}"))).await;
        find(&c, "#start").await;
        tab_to(&c, "start").await;
        press(&c, &Key::Enter.to_string()).await;
        for _ in 0..20 {
            find(&c, "#choice-0, #result-title").await;
            if c.find(fantoccini::Locator::Css("#result-title")).await.is_ok() {
                break;
            }
            wait_focus(&c, "step-title").await;
            press(&c, "1").await;
            wait_focus(&c, "choice-0").await;
            press(&c, &Key::Enter.to_string()).await;
            let feedback = find(&c, "#feedback-title").await;
            assert!(!feedback.text().await.unwrap().is_empty());
            wait_focus(&c, "feedback-title").await;
            tab_to(&c, "continue").await;
            press(&c, &Key::Enter.to_string()).await;
        }
        let score = wait_text(&c, "#score", "%").await;
        find(&c, ".replay li").await;

        // Reload: the progress is still there, on the overview too.
        reload(&c).await;
        wait_text(&c, "#score", &score).await;
        goto(&c, &server.url("/")).await;
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Gennemført").await;
        wait_text(&c, &format!("li[data-id='{SCENARIO}'] .status"), "%").await;
        let stored: serde_json::Value =
            serde_json::from_str(&stored(&c, "kend-tegnene.progress").await.unwrap()).unwrap();
        assert_eq!(stored["version"], kend_tegnene::progress::CURRENT_VERSION);
        assert!(stored["lessons"][LESSON]["read_at"].is_u64());
        assert!(stored["scenarios"][SCENARIO]["best"].is_u64());
    })
    .await;
}

#[tokio::test]
async fn a_scenario_resumes_after_a_reload_mid_way() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/scenario/{SCENARIO}"))).await;
        find(&c, "#start").await.click().await.unwrap();
        find(&c, "#choice-1").await.click().await.unwrap();
        find(&c, "#confirm").await.click().await.unwrap();
        find(&c, "#continue").await.click().await.unwrap();
        let step = wait_text(&c, "#step-title", "2").await;
        reload(&c).await;
        wait_text(&c, "#step-title", &step).await;
    })
    .await;
}

#[tokio::test]
async fn deep_links_reload_and_history_work() {
    with_browser(|c, server| async move {
        // Straight to a lesson, then reload it.
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        let title = wait_text(&c, "h1", "menneskehandel").await;
        reload(&c).await;
        wait_text(&c, "h1", &title).await;

        // An unknown address shows the not-found page.
        goto(&c, &server.url("/no/such/page")).await;
        wait_text(&c, "h1", "Siden findes ikke").await;

        // Back and forward between the overview and a lesson.
        goto(&c, &server.url("/")).await;
        find(&c, &format!("a[href='/lesson/{LESSON}']")).await.click().await.unwrap();
        wait_text(&c, "h1", &title).await;
        c.back().await.unwrap();
        wait_text(&c, "h1", "Kend tegnene").await;
        c.forward().await.unwrap();
        wait_text(&c, "h1", &title).await;
    })
    .await;
}

#[tokio::test]
async fn the_language_switch_goes_to_the_same_page_in_english_and_sets_html_lang() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        wait_text(&c, "h1", "menneskehandel").await;
        find(&c, "#lang-switch").await.click().await.unwrap();
        wait_text(&c, "h1", "trafficking").await;
        assert_eq!(js(&c, "return location.pathname").await, format!("/en/lesson/{LESSON}"));
        assert_eq!(js(&c, "return document.documentElement.lang").await, "en");
        crate::support::wait_focus(&c, "lang-switch").await;
        // Links stay in English, and the address keeps it over a reload.
        find(&c, "a.brand[href='/en/']").await.click().await.unwrap();
        wait_text(&c, &format!("li[data-id='{LESSON}'] a[href='/en/lesson/{LESSON}']"), "trafficking").await;
        reload(&c).await;
        wait_text(&c, "h1", "Know the signs").await;
        assert_eq!(js(&c, "return document.documentElement.lang").await, "en");
        assert_eq!(js(&c, "return document.title").await, "Overview – Know the signs");
        // And back to Danish.
        find(&c, "#lang-switch").await.click().await.unwrap();
        wait_text(&c, "h1", "Kend tegnene").await;
        assert_eq!(js(&c, "return location.pathname").await, "/");
    })
    .await;
}

#[tokio::test]
async fn a_broken_content_file_is_named_and_the_rest_still_works() {
    // The same app shell, with content compiled from a fixture that has one
    // broken lesson.
    let site = temp_dir("broken-site");
    for entry in std::fs::read_dir(dist()).unwrap().flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), site.join(entry.file_name())).unwrap();
        }
    }
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-content/content");
    kend_tegnene::content::compile::compile(&fixture).write_to(&site.join("content")).unwrap();
    with_browser(move |c, server| async move {
        if !server.is_own("a_broken_content_file_is_named_and_the_rest_still_works") {
            return;
        }
        server.set_root(&site);
        goto(&c, &server.url("/")).await;
        wait_text(&c, "li[data-id='broken-lesson'] .content-error", "content/da/lessons/broken-lesson.md:4").await;
        // Opening it says the same; the good lesson still opens.
        goto(&c, &server.url("/lesson/broken-lesson")).await;
        wait_text(&c, ".content-error", "broken-lesson.md:4").await;
        goto(&c, &server.url("/lesson/good-lesson")).await;
        wait_text(&c, "h1", "A lesson that works").await;
    })
    .await;
}

#[tokio::test]
async fn no_request_leaves_the_origin() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, ".prose h2").await;
        goto(&c, &server.url(&format!("/scenario/{SCENARIO}"))).await;
        find(&c, "#start").await;
        let foreign = js(
            &c,
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
        )
        .await;
        assert_eq!(foreign, serde_json::json!([]), "requests to other origins");
        // Every page names its icon, which is there (no 404 in the console).
        let icon = c
            .execute_async(
                "const done = arguments[0]; fetch(document.querySelector('link[rel=icon]').href).then(r => done(r.status))",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(icon, 200);
        if !server.is_own("no_request_leaves_the_origin (what the server was asked)") {
            return;
        }
        let requests = server.requests.lock().unwrap().clone();
        assert!(requests.iter().any(|r| r.starts_with("/kend-tegnene_bg-") && r.ends_with(".wasm")), "{requests:?}");
        assert!(!requests.iter().any(|r| r == "/favicon.ico"), "{requests:?}");
        // A lesson is loaded when opened, not at start-up.
        assert!(requests.iter().any(|r| r == &format!("/content/da/lessons/{LESSON}.json")));
        assert!(!requests.iter().any(|r| r.starts_with("/content/en/")), "only the language in use is loaded: {requests:?}");
    })
    .await;
}

#[tokio::test]
async fn after_one_visit_the_course_works_with_the_server_gone() {
    with_browser(|c, server| async move {
        if !server.is_own("after_one_visit_the_course_works_with_the_server_gone") {
            return;
        }
        goto(&c, &server.url("/")).await;
        find(&c, &format!("li[data-id='{LESSON}']")).await;
        // Wait for the service worker to take over, then visit once.
        let controlled = js(&c, "return new Promise(r => { const f = () => navigator.serviceWorker.controller ? r(true) : setTimeout(f, 50); f(); })").await;
        assert_eq!(controlled, true);
        reload(&c).await;
        find(&c, &format!("a[href='/lesson/{LESSON}']")).await.click().await.unwrap();
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;

        server.set_down(true);
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        wait_text(&c, "h1", "menneskehandel").await;
        assert_eq!(find(&c, "#mark-read").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
        goto(&c, &server.url("/")).await;
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Gennemført").await;
        // A page never visited: the kept shell shows it.
        goto(&c, &server.url("/settings")).await;
        wait_text(&c, "h1", kend_tegnene::i18n::Lang::Da.ui().data_title).await;
    })
    .await;
}
