//! Accessibility: axe-core's WCAG 2.1 A and AA rules on every page, in both
//! languages, with no violation allowed.

use crate::support::{axe_script, find, js, violations, with_browser};

const PAGES: [(&str, &str); 8] = [
    ("/", "#overall-progress"),
    ("/lesson/what-is-trafficking", "#mark-read"),
    ("/scenario/er-night-shift", "#start"),
    ("/quiz/core-check", "#start"),
    ("/settings", "#export"),
    ("/certificate/core", "#certificate-missing"),
    ("/no/such/page", "h1"),
    ("/lesson/what-is-trafficking#means", "#mark-read"),
];

#[tokio::test]
async fn no_page_has_an_accessibility_violation_in_either_language() {
    let axe = axe_script();
    with_browser(move |c, server| async move {
        let mut found = Vec::new();
        for lang in ["da", "en"] {
            // Each language starts from a fresh course, so every page shows
            // its first screen.
            c.goto(&server.url("/")).await.unwrap();
            js(&c, &format!("localStorage.clear(); localStorage.setItem('kend-tegnene.lang', '{lang}'); return null"))
                .await;
            for (path, ready) in PAGES {
                c.goto(&server.url(path)).await.unwrap();
                find(&c, ready).await;
                found.extend(violations(&c, &axe).await.into_iter().map(|v| format!("{lang} {path}: {v}")));
            }
            // The inside of a scenario and of a quiz, too.
            for path in ["/scenario/er-night-shift", "/quiz/core-check"] {
                c.goto(&server.url(path)).await.unwrap();
                find(&c, "#start").await.click().await.unwrap();
                find(&c, "form").await;
                found.extend(violations(&c, &axe).await.into_iter().map(|v| format!("{lang} {path} (question): {v}")));
            }
        }
        assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
    })
    .await;
}
