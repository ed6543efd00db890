//! Screenshots for the README, made from the built app by
//! `cargo xtask screenshots` (ignored in the ordinary test run): the
//! overview, a lesson, a case with feedback, a result with its charts and
//! the certificate, at desktop width and at 390 px phone width.

use std::path::PathBuf;

use fantoccini::key::Key;

use crate::learner::finished_quiz;
use crate::progress::completed_core;
use crate::support::{find, goto, js, press, set_stored, with_browser};

const KEY: &str = "kend-tegnene.progress";

#[tokio::test]
#[ignore = "writes docs/screenshots; run by `cargo xtask screenshots`"]
async fn screenshots() {
    let out = PathBuf::from(std::env::var("KT_SCREENSHOTS").unwrap_or_else(|_| "docs/screenshots".into()));
    std::fs::create_dir_all(&out).unwrap();
    with_browser(move |c, server| async move {
        for (width, height, size) in [(1024, 768, "desktop"), (390, 844, "phone")] {
            c.set_window_size(width, height).await.unwrap();
            goto(&c, &server.url("/")).await;
            // Part of the core done and the quiz finished, as a learner in
            // the health track would have it.
            let mut progress = finished_quiz();
            let core: serde_json::Value = serde_json::from_str(&completed_core()).unwrap();
            progress["lessons"] = core["lessons"].clone();
            js(&c, "localStorage.clear(); localStorage.setItem('kend-tegnene.role', 'health'); return null").await;
            set_stored(&c, KEY, &progress.to_string()).await;
            let shot = |name: &str| out.join(format!("{name}-{size}.png"));
            let save = |c: fantoccini::Client, path: PathBuf| async move {
                // Let fonts and layout settle.
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                std::fs::write(path, c.screenshot().await.unwrap()).unwrap();
            };

            goto(&c, &server.url("/")).await;
            find(&c, "#continue").await;
            save(c.clone(), shot("overview")).await;

            goto(&c, &server.url("/lesson/signs-and-signals")).await;
            find(&c, ".prose h2").await;
            save(c.clone(), shot("lesson")).await;

            goto(&c, &server.url("/scenario/er-night-shift")).await;
            find(&c, "#start").await.click().await.unwrap();
            find(&c, "#choice-0").await;
            press(&c, "2").await;
            press(&c, &Key::Enter.to_string()).await;
            find(&c, ".feedback").await;
            js(&c, "document.querySelector('.feedback').scrollIntoView(); return null").await;
            save(c.clone(), shot("case-feedback")).await;

            goto(&c, &server.url("/quiz/core-check")).await;
            find(&c, "#result-title").await;
            js(&c, "document.getElementById('result-title').scrollIntoView(); return null").await;
            save(c.clone(), shot("result")).await;

            set_stored(&c, KEY, &completed_core()).await;
            goto(&c, &server.url("/certificate/core")).await;
            find(&c, "#learner-name").await.send_keys("Kim Testesen").await.unwrap();
            js(&c, "document.querySelector('.certificate').scrollIntoView(); return null").await;
            save(c.clone(), shot("certificate")).await;
        }
    })
    .await;
}
