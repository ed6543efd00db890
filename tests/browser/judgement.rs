//! Training judgement in the browser: the order of a case's choices is
//! shuffled per attempt yet kept over a reload and in the replay, and a
//! module's pre-check is offered, taken and shown beside the result.

use crate::support::{dist, find, goto, js, press, reload, stored, temp_dir, wait_text, with_browser};

const SCENARIO: &str = "er-night-shift";

/// The choice indices in the order shown (`value` of choice-0, choice-1, ...).
async fn shown(c: &fantoccini::Client) -> String {
    let order = js(
        c,
        "return Array.from(document.querySelectorAll('input[name=choice]')).map(i => i.value + '@' + i.id).join(',')",
    )
    .await;
    order.as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_order_of_choices_survives_a_reload_and_shows_in_the_replay() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/scenario/{SCENARIO}"))).await;
        find(&c, "#start").await.click().await.unwrap();
        find(&c, "#choice-0").await;
        let first = shown(&c).await;
        // Not yet chosen: the attempt and its order are saved already.
        reload(&c).await;
        find(&c, "#choice-0").await;
        assert_eq!(shown(&c).await, first, "the same order after a reload");
        let seed = serde_json::from_str::<serde_json::Value>(&stored(&c, "kend-tegnene.progress").await.unwrap())
            .unwrap()["scenarios"][SCENARIO]["current"]["seed"]
            .as_u64()
            .unwrap();
        assert!(seed > 0);
        // The number key picks what is shown first.
        js(&c, "document.getElementById('step-title').focus(); return null").await;
        press(&c, "1").await;
        let picked = js(&c, "return document.querySelector('input[name=choice]:checked').id").await;
        assert_eq!(picked, "choice-0");
        find(&c, "#confirm").await.click().await.unwrap();
        find(&c, "#continue").await.click().await.unwrap();
        // Play on with the first shown choice to the end.
        for _ in 0..20 {
            find(&c, "#choice-0, #result-title").await;
            if c.find(fantoccini::Locator::Css("#result-title")).await.is_ok() {
                break;
            }
            let here = shown(&c).await;
            reload(&c).await;
            find(&c, "#choice-0").await;
            assert_eq!(shown(&c).await, here, "every step keeps its order over a reload");
            find(&c, "#choice-0").await.click().await.unwrap();
            find(&c, "#confirm").await.click().await.unwrap();
            find(&c, "#continue").await.click().await.unwrap();
        }
        wait_text(&c, "#score", "%").await;
        find(&c, "#costs").await;
        // The replay lists the first step's choices in the order shown.
        let replay_count =
            js(&c, "return document.querySelectorAll('.replay-row:first-child .replay-choices li').length").await;
        assert_eq!(replay_count.as_u64().unwrap() as usize, first.split(',').count());
        let chosen =
            js(&c, "return document.querySelector('.replay-row:first-child .replay-choices li:first-child').className")
                .await;
        assert_eq!(chosen, "chosen", "the first shown was chosen, and the replay shows it first");
    })
    .await;
}

#[tokio::test]
async fn the_precheck_is_offered_before_the_lessons_and_shown_beside_the_result() {
    // The app shell with a small fixture course whose quiz has a pre-check.
    let site = temp_dir("precheck-site");
    for entry in std::fs::read_dir(dist()).unwrap().flatten() {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), site.join(entry.file_name())).unwrap();
        }
    }
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/precheck/content");
    let compiled = kend_tegnene::content::compile::compile(&fixture);
    assert!(compiled.problems.is_empty(), "{:?}", compiled.problems);
    compiled.write_to(&site.join("content")).unwrap();
    with_browser(move |c, server| async move {
        if !server.is_own("the_precheck_is_offered_before_the_lessons_and_shown_beside_the_result") {
            return;
        }
        server.set_root(&site);
        goto(&c, &server.url("/")).await;
        find(&c, ".precheck-offer a[href='/quiz/pool']").await.click().await.unwrap();
        find(&c, "#pre").await.click().await.unwrap();
        // Two questions, both answered "true" with "sure".
        answer_first_option(&c, 2, 2).await;
        wait_text(&c, "#score", "%").await;
        let stored: serde_json::Value =
            serde_json::from_str(&stored(&c, "kend-tegnene.progress").await.unwrap()).unwrap();
        let items = stored["items"].as_object().unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|(k, v)| k.starts_with("pool/pre:") && v["review"].is_null()), "{items:?}");
        assert_eq!(stored["quizzes"]["pool"]["rounds"], 0, "a pre-check is not a round");
        // The overview no longer offers it; the round shows before and after.
        goto(&c, &server.url("/")).await;
        find(&c, "li[data-id='pool']").await;
        assert!(c.find(fantoccini::Locator::Css(".precheck-offer")).await.is_err());
        goto(&c, &server.url("/quiz/pool")).await;
        assert!(c.find(fantoccini::Locator::Css("#pre")).await.is_err());
        find(&c, "#start").await.click().await.unwrap();
        answer_first_option(&c, 2, 1).await;
        wait_text(&c, "#gain", "Før").await;
        wait_text(&c, "#gain", "Efter").await;
    })
    .await;
}

/// The storyboard prints: Chromium turns it into an A4 PDF in which every
/// item of the course starts on a page of its own.
#[test]
fn the_storyboard_prints_to_pdf_with_a_page_per_item() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let compiled = kend_tegnene::content::compile::compile(&content);
    let dir = temp_dir("storyboard");
    for course in &compiled.courses {
        let html = dir.join(format!("{}.html", course.lang.code()));
        std::fs::write(&html, kend_tegnene::views::storyboard::render(course)).unwrap();
        let pdf = dir.join(format!("{}.pdf", course.lang.code()));
        let status = std::process::Command::new("/usr/bin/chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()))
            .stderr(std::process::Stdio::null())
            .status()
            .expect("chromium is installed by `cargo xtask setup`");
        assert!(status.success());
        let info = std::process::Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo (poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page count: {info}"));
        let items = course.catalog.modules.iter().map(|m| m.items.len()).sum::<usize>();
        assert!(pages > items, "{pages} pages for {items} items ({})", course.lang.code());
        assert!(info.contains("(A4)"), "{info}");
    }
}

/// Watch mode: with the server's reload script, an open page reloads by
/// itself once the content was compiled again; nothing else changes (the
/// CSP allows the script: it is same-origin, not inline).
#[tokio::test]
async fn in_watch_mode_an_open_page_reloads_when_the_content_changes() {
    with_browser(|c, server| async move {
        if !server.is_own("in_watch_mode_an_open_page_reloads_when_the_content_changes") {
            return;
        }
        server.enable_reload();
        goto(&c, &server.url("/")).await;
        wait_text(&c, "h1", "Kend tegnene").await;
        find(&c, "script[src='/__dev/reload.js']").await;
        js(&c, "window.__before = 1; return null").await;
        // Let the script read the generation once, then change it.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        server.reload();
        for _ in 0..50 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            if js(&c, "return window.__before === undefined && !!document.querySelector('h1')").await == true {
                return;
            }
        }
        panic!("the page did not reload within 5 s");
    })
    .await;
}

/// Answer `questions` questions in a row with the first option, at the given
/// confidence level, going on to the next after each.
async fn answer_first_option(c: &fantoccini::Client, questions: usize, confidence: u8) {
    for n in 1..=questions {
        wait_text(c, "#question-title", &n.to_string()).await;
        find(c, "#option-0").await.click().await.unwrap();
        find(c, &format!("#confidence-{confidence}")).await.click().await.unwrap();
        find(c, "#check").await.click().await.unwrap();
        find(c, "#next").await.click().await.unwrap();
    }
}
