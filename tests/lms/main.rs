//! The SCORM packages in a real SCORM runtime (scorm-again) inside an
//! imitation of Moodle, driven in real headless Chromium: launch, resume,
//! completion and score, Finish exactly once, the 4,096-character limit of
//! SCORM 1.2, no LMS at all, and an LMS whose commits fail.
//!
//! Needs the packages from `cargo xtask package` (`cargo xtask test` makes
//! them) and the test tools from `cargo xtask setup`.

#[path = "../support/mod.rs"]
mod support;

mod harness;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use harness::Lms;
use kend_tegnene::progress::Progress;
use support::{axe_script, find, js, violations, wait_text, with_browser};

const LESSON: &str = "what-is-trafficking";
const SCENARIO: &str = "er-night-shift";

/// Wait until `check` holds for the harness's record (commits arrive from
/// the runtime in their own time).
async fn until(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !check() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Open the player and switch into the course's frame once it has started.
async fn launch(c: &Client, lms: &Lms) {
    c.goto(&lms.player()).await.unwrap();
    find(c, "iframe").await;
    c.clone().enter_frame(0).await.unwrap();
    find(c, "#lms-status").await;
}

/// Play a scenario to an ending, always taking the first choice.
async fn play_scenario(c: &Client) {
    find(c, "#start").await.click().await.unwrap();
    for _ in 0..30 {
        if c.find(Locator::Css("#result-title")).await.is_ok() {
            return;
        }
        if let Ok(choice) = c.find(Locator::Css("input[name='choice']")).await {
            choice.click().await.unwrap();
            find(c, "#confirm").await.click().await.unwrap();
            find(c, "#continue").await.click().await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    find(c, "#result-title").await;
}

/// Go to an item from the overview, by its link, as a learner does.
async fn open(c: &Client, href: &str) {
    find(c, "a.brand").await.click().await.unwrap();
    find(c, &format!("a[href='{href}']")).await.click().await.unwrap();
}

async fn launch_lesson_case_close_and_resume(package: &str) {
    let lms = Lms::start(package);
    let l = lms.clone();
    with_browser(move |c, _| async move {
        let lms = l;
        launch(&c, &lms).await;
        wait_text(&c, "#lms-status", "læringsplatform").await;
        assert_eq!(violations(&c, &axe_script()).await, Vec::<String>::new(), "the course with the LMS bar");
        until("incomplete on the first launch", || {
            lms.el("cmi.core.lesson_status", "cmi.completion_status") == "incomplete"
        })
        .await;
        // The address never changes inside the LMS.
        let address = js(&c, "return location.pathname").await;
        open(&c, &format!("/lesson/{LESSON}")).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        open(&c, &format!("/scenario/{SCENARIO}")).await;
        play_scenario(&c).await;
        assert_eq!(js(&c, "return location.pathname").await, address);
        // Committed after a short quiet time, without closing.
        until("progress committed", || !lms.get("cmi.suspend_data").is_empty()).await;
        find(&c, "#lms-close").await.click().await.unwrap();
        wait_text(&c, "#lms-status", "Du kan lukke vinduet").await;
        until("Finish", || lms.record.lock().unwrap().finishes == 1).await;
        // The page goes away (the LMS closes the frame): no second Finish.
        c.clone().enter_parent_frame().await.unwrap();
        js(&c, "document.querySelector('iframe').remove(); return null").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(lms.record.lock().unwrap().finishes, 1, "Finish exactly once");
        let calls = js(&c, "return window.calls.filter(m => m === 'LMSFinish' || m === 'Terminate').length").await;
        assert_eq!(calls, 1);

        let data = lms.get("cmi.suspend_data");
        assert!(data.len() <= 4096, "{} characters", data.len());
        let stored = kend_tegnene::scorm::encode::decode(&data).expect("the LMS keeps readable progress");
        assert!(stored.is_read(LESSON));
        assert!(stored.scenario(SCENARIO).and_then(|s| s.best).is_some());
        assert_eq!(lms.el("cmi.core.exit", "cmi.exit"), "suspend");
        assert_eq!(lms.el("cmi.core.lesson_location", "cmi.location"), format!("/scenario/{SCENARIO}"));
        let time = lms.el("cmi.core.session_time", "cmi.session_time");
        if lms.version == "1.2" {
            // CMITimespan: HH[HH]:MM:SS[.SS] (the runtime may shorten the hours).
            let parts: Vec<&str> = time.split(':').collect();
            assert!(parts.len() == 3 && (2..=4).contains(&parts[0].len()) && parts[1].len() == 2, "{time}");
        } else {
            assert!(time.starts_with("PT") && time.ends_with('S'), "{time}");
        }

        // Relaunch: resumes where the learner was, with what the LMS stored.
        launch(&c, &lms).await;
        find(&c, "#result-title, #start, #confirm").await;
        open(&c, &format!("/lesson/{LESSON}")).await;
        wait_text(&c, "#mark-read", "Læst").await;
        assert!(
            js(&c, "return localStorage.getItem('kend-tegnene.progress')").await.is_null(),
            "nothing in the browser"
        );
    })
    .await;
}

#[tokio::test]
async fn scorm_12_launch_resume_and_finish_once() {
    launch_lesson_case_close_and_resume("kend-tegnene-police-scorm12.zip").await;
}

#[tokio::test]
async fn scorm_2004_launch_resume_and_finish_once() {
    launch_lesson_case_close_and_resume("kend-tegnene-police-scorm2004.zip").await;
}

/// Progress with everything in the police package done but the lesson
/// `skip`, and every knowledge check passed with 90.
fn nearly_done(skip: &str) -> String {
    use kend_tegnene::content::{Catalog, ItemKind};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let compiled = kend_tegnene::content::compile::compile(&root);
    let index = compiled.files.iter().find(|(path, _)| path.ends_with("da/index.json")).expect("a catalog");
    let catalog: Catalog = miniserde::json::from_str(&index.1).expect("the catalog decodes");
    let mut p = Progress::default();
    for m in catalog.modules.iter().filter(|m| m.id == "core" || m.id == "police") {
        for item in m.items.iter().filter(|i| i.id != skip) {
            match item.kind {
                ItemKind::Lesson => p.mark_read(&item.id, 1),
                ItemKind::Scenario => {
                    p.choose(&item.id, 0, 1);
                    p.finish(&item.id, "end", 75, 2);
                }
                ItemKind::Quiz => p.finish_round(&item.id, 90, 3),
            }
        }
    }
    kend_tegnene::scorm::encode::encode(&p, 4096).unwrap()
}

async fn finishing_records_completion_and_score(package: &str) {
    let lms = Lms::start(package);
    {
        let mut r = lms.record.lock().unwrap();
        let v12 = lms.version == "1.2";
        r.cmi.insert("cmi.suspend_data".into(), nearly_done("what-to-do"));
        r.cmi.insert(if v12 { "cmi.core.exit" } else { "cmi.exit" }.into(), "suspend".into());
        r.cmi.insert(if v12 { "cmi.core.lesson_status" } else { "cmi.completion_status" }.into(), "incomplete".into());
    }
    let l = lms.clone();
    with_browser(move |c, _| async move {
        let lms = l;
        launch(&c, &lms).await;
        // Only the package's modules are shown.
        find(&c, "a[href='/quiz/police-check']").await;
        assert!(c.find(Locator::Css("a[href='/quiz/health-check']")).await.is_err());
        assert_eq!(lms.el("cmi.core.lesson_status", "cmi.completion_status"), "incomplete");
        open(&c, "/lesson/what-to-do").await;
        find(&c, "#mark-read").await.click().await.unwrap();
        // Completion is committed at once, before any close.
        if lms.version == "1.2" {
            until("passed", || lms.get("cmi.core.lesson_status") == "passed").await;
        } else {
            until("completed", || lms.get("cmi.completion_status") == "completed").await;
            assert_eq!(lms.get("cmi.success_status"), "passed");
            assert_eq!(lms.get("cmi.score.scaled"), "0.9");
        }
        assert_eq!(lms.el("cmi.core.score.raw", "cmi.score.raw"), "90");
        assert_eq!(lms.el("cmi.core.score.min", "cmi.score.min"), "0");
        assert_eq!(lms.el("cmi.core.score.max", "cmi.score.max"), "100");
        assert_eq!(lms.record.lock().unwrap().finishes, 0);
        find(&c, "#lms-close").await.click().await.unwrap();
        until("Finish", || lms.record.lock().unwrap().finishes == 1).await;
        assert_eq!(lms.el("cmi.core.exit", "cmi.exit"), if lms.version == "1.2" { "" } else { "normal" });
    })
    .await;
}

#[tokio::test]
async fn scorm_12_finishing_records_passed_and_score() {
    finishing_records_completion_and_score("kend-tegnene-police-scorm12.zip").await;
}

#[tokio::test]
async fn scorm_2004_finishing_records_completed_passed_and_score() {
    finishing_records_completion_and_score("kend-tegnene-police-scorm2004.zip").await;
}

#[tokio::test]
async fn review_mode_writes_nothing() {
    let lms = Lms::start("kend-tegnene-embassy-scorm2004.zip");
    {
        let mut r = lms.record.lock().unwrap();
        r.review = true;
        r.cmi.insert("cmi.suspend_data".into(), nearly_done("what-to-do"));
        r.cmi.insert("cmi.completion_status".into(), "incomplete".into());
    }
    let before = lms.record.lock().unwrap().cmi.clone();
    let l = lms.clone();
    with_browser(move |c, _| async move {
        let lms = l;
        launch(&c, &lms).await;
        wait_text(&c, "#lms-status", "Intet af det, du gør nu").await;
        open(&c, "/lesson/what-to-do").await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        tokio::time::sleep(Duration::from_secs(4)).await;
        find(&c, "#lms-close").await.click().await.unwrap();
        until("Finish", || lms.record.lock().unwrap().finishes == 1).await;
        let sets = js(&c, "return window.parent.API_1484_11.cmi.suspend_data").await;
        assert_eq!(sets.as_str(), before.get("cmi.suspend_data").map(String::as_str), "nothing set");
        // The runtime sends its own record at Terminate; the course itself
        // committed nothing.
        let commits = js(&c, "return window.parent.calls.filter(m => m === 'Commit').length").await;
        assert_eq!(commits, 0);
        let r = lms.record.lock().unwrap();
        assert_eq!(r.cmi.get("cmi.suspend_data"), before.get("cmi.suspend_data"));
        assert_eq!(r.cmi.get("cmi.completion_status").map(String::as_str), Some("incomplete"));
    })
    .await;
}

#[tokio::test]
async fn without_an_lms_the_course_works_and_says_nothing_is_recorded() {
    let lms = Lms::start("kend-tegnene-hele-kurset-scorm12.zip");
    with_browser(move |c, _| async move {
        c.goto(&lms.launch_alone()).await.unwrap();
        wait_text(&c, "#lms-status", "intet bliver registreret").await;
        assert_eq!(violations(&c, &axe_script()).await, Vec::<String>::new(), "the no-LMS notice");
        open(&c, &format!("/lesson/{LESSON}")).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#mark-read", "Læst").await;
        // Search works with the address kept on the launch page.
        let page = js(&c, "return location.pathname").await;
        find(&c, "#search-q").await.send_keys("cmm\n").await.unwrap();
        find(&c, ".results").await;
        assert_eq!(js(&c, "return location.pathname").await, page);
        // No service worker, and nothing outside the package's folder.
        assert_eq!(js(&c, "return navigator.serviceWorker.controller === null").await, true);
        let regs = js(&c, "return navigator.serviceWorker.getRegistrations().then(r => r.length)").await;
        assert_eq!(regs, 0);
    })
    .await;
}

#[tokio::test]
async fn a_failing_commit_is_retried_shown_and_nothing_is_lost() {
    let lms = Lms::start("kend-tegnene-health-scorm12.zip");
    lms.record.lock().unwrap().failing = true;
    let l = lms.clone();
    with_browser(move |c, _| async move {
        let lms = l;
        launch(&c, &lms).await;
        open(&c, &format!("/lesson/{LESSON}")).await;
        find(&c, "#mark-read").await.click().await.unwrap();
        wait_text(&c, "#lms-status", "kunne ikke gemmes i læringsplatformen").await;
        find(&c, "#lms-status [data-act='export']").await;
        assert_eq!(violations(&c, &axe_script()).await, Vec::<String>::new(), "the failure notice");
        // The learner's work is still in the runtime, waiting for a commit.
        let pending = js(&c, "return window.parent.API.cmi.suspend_data").await;
        assert!(pending.as_str().unwrap_or_default().len() > 2);
        // The LMS recovers: the next retry saves it.
        lms.record.lock().unwrap().failing = false;
        until("the retry commits", || !lms.get("cmi.suspend_data").is_empty()).await;
        let stored = kend_tegnene::scorm::encode::decode(&lms.get("cmi.suspend_data")).unwrap();
        assert!(stored.is_read(LESSON));
        wait_text(&c, "#lms-status", "registreres dér").await;
    })
    .await;
}

/// A schema that imports every namespace a manifest uses, so xmllint
/// checks all of it (it validates against one schema file).
fn schema_wrapper(v12: bool) -> &'static str {
    if v12 {
        r#"<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xsd:schema>"#
    } else {
        r#"<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.imsglobal.org/xsd/imscp_v1p1" schemaLocation="imscp_v1p1.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_v1p3" schemaLocation="adlcp_v1p3.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlseq_v1p3" schemaLocation="adlseq_v1p3.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlnav_v1p3" schemaLocation="adlnav_v1p3.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsss" schemaLocation="imsss_v1p0.xsd"/>
</xsd:schema>"#
    }
}

fn xmllint(dir: &std::path::Path, manifest: &str) -> std::process::Output {
    std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema", "all-kend-tegnene.xsd", manifest])
        .current_dir(dir)
        .output()
        .expect("xmllint (Debian libxml2-utils) is installed by `cargo xtask setup`")
}

/// Every zip, as an LMS receives it: the manifest at the root, valid
/// against the official schemas the package itself ships, one SCO titled in
/// Danish, and the package's modules in lms.json.
#[test]
fn every_package_is_upload_ready_and_its_manifest_validates() {
    let zips: Vec<_> = std::fs::read_dir(harness::packages())
        .unwrap()
        .filter_map(|e| Some(e.ok()?.file_name().into_string().ok()?).filter(|n| n.ends_with(".zip")))
        .collect();
    assert_eq!(zips.len(), 8, "{zips:?}");
    for name in zips {
        let dir = support::temp_dir("package");
        let file = std::fs::File::open(harness::packages().join(&name)).unwrap();
        zip::ZipArchive::new(file).unwrap().extract(&dir).unwrap();
        let v12 = name.ends_with("scorm12.zip");
        std::fs::write(dir.join("all-kend-tegnene.xsd"), schema_wrapper(v12)).unwrap();
        let out = xmllint(&dir, "imsmanifest.xml");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success() && said.contains("validates"), "{name}: {said}");
        let manifest = std::fs::read_to_string(dir.join("imsmanifest.xml")).unwrap();
        assert_eq!(manifest.matches("adlcp:scorm").count(), 1, "{name}: one SCO");
        assert!(manifest.contains("<title>Kend tegnene"), "{name}");
        let config: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("lms.json")).unwrap()).unwrap();
        let modules = config["modules"].as_array().unwrap();
        assert_eq!(modules[0], "core", "{name}");
        assert_eq!(modules.len() > 2, name.contains("hele-kurset"), "{name}: {modules:?}");
        assert!(!dir.join("sw.js").exists() && !dir.join("index.html").exists(), "{name}: nothing of the website's");
        // The check is real: a misspelt element fails.
        std::fs::write(dir.join("broken.xml"), manifest.replace("<organizations", "<organisations")).unwrap();
        assert!(!xmllint(&dir, "broken.xml").status.success(), "{name}");
    }
}
