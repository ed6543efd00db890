//! Progress that is never lost, with each fault injected for real: a
//! corrupt stored value, storage blocked by the browser, a full storage,
//! two tabs, export and import between two browser profiles, a malformed
//! import file, and the certificate printed to PDF.

use std::path::Path;

use serde_json::{json, Value};

use crate::support::{
    find, goto, js, reload, set_stored, stored, temp_dir, wait_text, with_browser, with_browser_prefs,
};

const KEY: &str = "kend-tegnene.progress";
const LESSON: &str = "what-is-trafficking";

#[tokio::test]
async fn a_corrupt_value_is_backed_up_and_the_course_goes_on() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        find(&c, "h1").await;
        set_stored(&c, KEY, "{\"version\":2,\"lessons\":{\"x\":").await;
        reload(&c).await;
        wait_text(&c, "#storage-notice", "kunne ikke læses").await;
        find(&c, "#storage-notice [data-act='backup']").await;
        assert_eq!(
            stored(&c, "kend-tegnene.progress.backup").await.as_deref(),
            Some("{\"version\":2,\"lessons\":{\"x\":")
        );
        // The course continues, and saves again, without touching the backup.
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        let saved: Value = serde_json::from_str(&stored(&c, KEY).await.unwrap()).unwrap();
        assert!(saved["lessons"][LESSON].is_object());
        assert!(stored(&c, "kend-tegnene.progress.backup").await.is_some());
        // The backup can be downloaded from "Your data".
        goto(&c, &server.url("/settings")).await;
        find(&c, "#download-backup").await;
    })
    .await;
}

#[tokio::test]
async fn blocked_storage_keeps_the_course_working_in_memory_with_a_lasting_warning() {
    // Blocking site data makes every localStorage access throw.
    let prefs = json!({ "profile.default_content_setting_values.cookies": 2 });
    with_browser_prefs(prefs, |c, server| async move {
        goto(&c, &server.url("/")).await;
        let blocked = js(&c, "try { localStorage.length; return false } catch (e) { return true }").await;
        assert_eq!(blocked, true, "storage is really blocked");
        wait_text(&c, "#storage-notice", "tillader ikke").await;
        find(&c, "#storage-notice [data-act='export']").await;
        assert!(
            c.find(fantoccini::Locator::Css("#storage-notice [data-act='dismiss']")).await.is_err(),
            "a lasting warning"
        );
        // Progress still works in memory.
        find(&c, &format!("a[href='/lesson/{LESSON}']")).await.click().await.unwrap();
        find(&c, "#mark-read").await.click().await.unwrap();
        find(&c, "a.brand").await.click().await.unwrap();
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Gennemført").await;
        find(&c, "#storage-notice").await;
    })
    .await;
}

#[tokio::test]
async fn a_full_storage_is_reported_and_progress_kept_in_memory() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, "#mark-read").await;
        // Fill this origin's storage to the quota.
        // Fill this origin's storage to the last byte: big pieces first, then
        // ever smaller ones.
        let filled = js(&c, "let n = 0, last = ''; for (const size of [262144, 16384, 1024, 64, 1]) { const chunk = 'x'.repeat(size); try { for (;;) localStorage.setItem('fill' + n++, chunk) } catch (e) { last = e.name } } return last").await;
        assert_eq!(filled, "QuotaExceededError");
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#storage-notice", "tillader ikke").await;
        assert_eq!(find(&c, "#mark-read").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    })
    .await;
}

#[tokio::test]
async fn two_tabs_see_each_others_progress_and_merge() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        let first = c.window().await.unwrap();
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Ikke startet").await;
        let second = c.new_window(true).await.unwrap().handle;
        c.switch_to_window(second).await.unwrap();
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        // The first tab shows it without a reload, then adds its own.
        c.switch_to_window(first).await.unwrap();
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Gennemført").await;
        goto(&c, &server.url("/lesson/where-it-happens")).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        let saved: Value = serde_json::from_str(&stored(&c, KEY).await.unwrap()).unwrap();
        assert!(saved["lessons"][LESSON].is_object() && saved["lessons"]["where-it-happens"].is_object(), "{saved}");
    })
    .await;
}

#[tokio::test]
async fn export_then_import_into_a_fresh_profile() {
    let downloads = temp_dir("downloads");
    let prefs =
        json!({ "download.default_directory": downloads.to_string_lossy(), "download.prompt_for_download": false });
    // The exported text is copied out before the first browser closes:
    // closing it may still tidy up its download folder.
    let file = temp_dir("exported").join("progress.json");
    let (dl, copy) = (downloads.clone(), file.clone());
    with_browser_prefs(prefs, move |c, server| async move {
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        goto(&c, &server.url("/settings")).await;
        find(&c, "#export").await.click().await.unwrap();
        let downloaded = wait_for_file(&dl).await;
        let text = std::fs::read_to_string(&downloaded).unwrap();
        assert!(text.contains("\"format\":\"kend-tegnene-progress\"") && text.contains(LESSON));
        std::fs::write(&copy, text).unwrap();
    })
    .await;
    with_browser(move |c, server| async move {
        goto(&c, &server.url("/settings")).await;
        find(&c, "#import-file").await.send_keys(&file.to_string_lossy()).await.unwrap();
        wait_text(&c, "#import-preview", LESSON).await;
        find(&c, "#import-confirm").await.click().await.unwrap();
        wait_text(&c, "#data-status", "hentet ind").await;
        goto(&c, &server.url("/")).await;
        wait_text(&c, &format!("li[data-id='{LESSON}'] .status"), "Gennemført").await;
    })
    .await;
}

async fn wait_for_file(dir: &Path) -> std::path::PathBuf {
    for _ in 0..200 {
        if let Some(f) = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
        {
            return f;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no download in {}", dir.display());
}

#[tokio::test]
async fn a_malformed_import_file_is_refused_and_changes_nothing() {
    let dir = temp_dir("bad-import");
    let bad = dir.join("not-progress.json");
    std::fs::write(&bad, "{\"format\":\"something-else\",\"progress\":{}}").unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        "{\"format\":\"kend-tegnene-progress\",\"exported_at\":1,\"progress\":{\"version\":2,\"lessons\":[",
    )
    .unwrap();
    with_browser(move |c, server| async move {
        goto(&c, &server.url(&format!("/lesson/{LESSON}"))).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        goto(&c, &server.url("/settings")).await;
        let before = stored(&c, KEY).await;
        find(&c, "#import-file").await.send_keys(&bad.to_string_lossy()).await.unwrap();
        wait_text(&c, "#import-error", "ikke en fil med fremskridt").await;
        find(&c, "#import-file").await.send_keys(&broken.to_string_lossy()).await.unwrap();
        wait_text(&c, "#import-error", "").await;
        assert!(c.find(fantoccini::Locator::Css("#import-confirm")).await.is_err(), "nothing to confirm");
        assert_eq!(stored(&c, KEY).await, before, "progress unchanged");
    })
    .await;
}

/// Progress with every item of the core module completed.
pub(crate) fn completed_core() -> String {
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(crate::support::dist().join("content/da/index.json")).unwrap())
            .unwrap();
    let module = index["modules"].as_array().unwrap().iter().find(|m| m["id"] == "core").unwrap();
    let (mut lessons, mut scenarios, mut quizzes) = (json!({}), json!({}), json!({}));
    for item in module["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        match item["kind"].as_str().unwrap() {
            "lesson" => lessons[id] = json!({ "read_at": 1 }),
            "scenario" => scenarios[id] = json!({ "best": 90, "attempts": [], "current": null }),
            _ => quizzes[id] = json!({ "best": 80, "rounds": 1, "last_finished_at": 2, "current": null }),
        }
    }
    json!({ "version": 2, "lessons": lessons, "scenarios": scenarios, "quizzes": quizzes, "items": {} }).to_string()
}

#[tokio::test]
async fn the_certificate_prints_to_one_page_with_the_name_and_results() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/certificate/core")).await;
        find(&c, "#certificate-missing li").await;
        set_stored(&c, KEY, &completed_core()).await;
        reload(&c).await;
        find(&c, "#learner-name").await.send_keys("Kim Testesen").await.unwrap();
        wait_text(&c, "#certificate-name", "Kim Testesen").await;
        let pdf = c.print(fantoccini::wd::PrintConfiguration::default()).await.unwrap();
        let dir = temp_dir("certificate");
        let path = dir.join("certificate.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out =
            std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
        // pdftotext breaks lines where the page does; compare words.
        let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Kim Testesen"), "{text}");
        assert!(text.contains("Kursusbevis"));
        assert!(text.contains("ikke en eksamen"), "it says it is self-study, not an exam");
        assert!(text.contains("90 %") && text.contains("80 %"), "{text}");
        assert!(!text.contains("Udskriv"), "the controls are not printed");
        let pages = std::process::Command::new("pdfinfo").arg(&path).output().unwrap();
        assert!(
            String::from_utf8_lossy(&pages.stdout)
                .lines()
                .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
            "one page"
        );
    })
    .await;
}
