//! Accessibility: axe-core's WCAG 2.1 A and AA rules on every page, in both
//! languages, with no violation allowed.

use crate::support::{axe_script, find, goto, js, violations, with_browser_options};

const PAGES: [(&str, &str); 13] = [
    ("/", "#overall-progress"),
    ("/lesson/what-is-trafficking", "#mark-read"),
    ("/scenario/er-night-shift", "#start"),
    ("/quiz/core-check", "#start"),
    ("/settings", "#export"),
    ("/certificate/core", "#certificate-missing"),
    ("/no/such/page", "h1"),
    ("/lesson/what-is-trafficking#means", "#mark-read"),
    ("/glossary", "dt#cmm"),
    ("/what-to-do", ".guide h1"),
    ("/what-to-do/health", ".guide h1"),
    ("/search?q=cmm", ".results"),
    ("/what-to-do/police", ".guide h1"),
];

#[tokio::test]
async fn no_page_has_an_accessibility_violation_in_either_language() {
    every_page_passes_axe(&[]).await;
}

/// The same checks, contrast above all, with the system theme dark.
#[tokio::test]
async fn no_page_has_an_accessibility_violation_in_the_dark_theme() {
    every_page_passes_axe(&["--force-dark-mode"]).await;
}

async fn every_page_passes_axe(args: &'static [&'static str]) {
    let axe = axe_script();
    with_browser_options(serde_json::json!({}), args, move |c, server| async move {
        goto(&c, &server.url("/")).await;
        let dark = js(&c, "return matchMedia('(prefers-color-scheme: dark)').matches").await;
        assert_eq!(dark, !args.is_empty(), "the theme asked for");
        let mut found = Vec::new();
        for (lang, prefix) in [("da", ""), ("en", "/en")] {
            // Each language starts from a fresh course, so every page shows
            // its first screen.
            goto(&c, &server.url("/")).await;
            js(&c, "localStorage.clear(); return null").await;
            for (path, ready) in PAGES {
                let path = format!("{prefix}{path}");
                let path = path.as_str();
                goto(&c, &server.url(path)).await;
                find(&c, ready).await;
                found.extend(violations(&c, &axe).await.into_iter().map(|v| format!("{lang} {path}: {v}")));
            }
            // The inside of a scenario and of a quiz, too.
            for path in ["/scenario/er-night-shift", "/quiz/core-check"] {
                let path = format!("{prefix}{path}");
                let path = path.as_str();
                goto(&c, &server.url(path)).await;
                find(&c, "#start").await.click().await.unwrap();
                find(&c, "form").await;
                found.extend(violations(&c, &axe).await.into_iter().map(|v| format!("{lang} {path} (question): {v}")));
            }
        }
        assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
    })
    .await;
}
