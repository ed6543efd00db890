//! What surrounds every page: skip link, header with the language switch,
//! the notice about saved progress, and the footer.

use crate::content::Catalog;
use crate::html::Html;
use crate::i18n::{fill, Lang};
use crate::progress::Notice;
use crate::route::Route;

/// The header of the page at `route`. The language switch is a link to the
/// same page in the other language, so it works without the app too.
pub fn header(lang: Lang, route: &Route) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    h.el("a", &[("class", "skip-link"), ("href", "#main")], ui.skip_to_content);
    h.open("header", &[("class", "site-header")]).open("div", &[("class", "bar")]);
    let home = lang.href("/");
    h.el("a", &[("class", "brand"), ("href", &home)], ui.app_title);
    h.open("nav", &[("aria-label", ui.nav_label)]);
    for (href, text) in [
        ("/", ui.nav_overview),
        ("/what-to-do", ui.nav_now),
        ("/glossary", ui.nav_glossary),
        ("/settings", ui.nav_data),
    ] {
        h.el("a", &[("href", &lang.href(href))], text).text(" ");
    }
    h.close("nav");
    // Submitted by the router (the CSP forbids form actions): it goes to
    // the search page, which fetches the index only then.
    h.open("form", &[("role", "search"), ("class", "search-form"), ("id", "search-form")]);
    h.el("label", &[("for", "search-q"), ("class", "visually-hidden")], ui.nav_search);
    h.open("input", &[("type", "search"), ("id", "search-q"), ("name", "q"), ("autocomplete", "off")]);
    h.el("button", &[("type", "submit"), ("class", "search-button")], ui.nav_search).close("form");
    // The switch is written in the language it switches to.
    let other = route.address(lang.other());
    let attrs = [
        ("class", "lang-switch"),
        ("id", "lang-switch"),
        ("href", &other),
        ("lang", lang.other().code()),
        ("hreflang", lang.other().code()),
        ("aria-label", ui.switch_language_label),
    ];
    h.el("a", &attrs, ui.switch_language);
    h.close("div").close("header");
    h.finish()
}

pub fn footer(lang: Lang) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    h.open("footer", &[("class", "site-footer")]);
    h.el("p", &[], ui.footer_emergency).el("p", &[], ui.footer_privacy);
    h.close("footer");
    h.finish()
}

/// The notice about saved progress, if any. A notice that storage cannot be
/// used stays while it is true and offers a copy instead of "dismiss".
pub fn notice(lang: Lang, notice: Option<&Notice>) -> String {
    let ui = lang.ui();
    let Some(n) = notice else { return String::new() };
    let mut h = Html::new();
    h.open("div", &[("class", "notice"), ("role", "alert"), ("id", "storage-notice")]);
    match n {
        Notice::Corrupt { reason, backup_failed } => {
            h.el("p", &[], &fill(ui.storage_corrupt, reason));
            if !backup_failed {
                h.el(
                    "button",
                    &[("type", "button"), ("class", "button secondary"), ("data-act", "backup")],
                    ui.backup_button,
                );
            }
        }
        Notice::Future(v) => {
            h.el("p", &[], &fill(ui.storage_future, v));
        }
        Notice::Unavailable(_) => {
            h.el("p", &[], ui.storage_unavailable);
            h.el(
                "button",
                &[("type", "button"), ("class", "button secondary"), ("data-act", "export")],
                ui.storage_save_copy,
            );
        }
    }
    if !matches!(n, Notice::Unavailable(_)) {
        h.el("button", &[("type", "button"), ("class", "button secondary"), ("data-act", "dismiss")], ui.dismiss);
    }
    h.close("div");
    h.finish()
}

/// The document title for a route: the page's own name, then the course's
/// in the language in use ("Tegn og signaler – Kend tegnene", "Signs and
/// signals – Know the signs"). Items are named from the catalog
/// when it is there, else by their kind.
pub fn title(lang: Lang, route: &Route, catalog: Option<&Catalog>) -> String {
    let ui = lang.ui();
    let item = |id: &str, kind: &'static str| {
        let found = catalog.and_then(|c| c.modules.iter().flat_map(|m| &m.items).find(|i| i.id == id));
        found.map_or_else(|| kind.to_string(), |i| i.title.clone())
    };
    let module = |id: &str| catalog.and_then(|c| c.modules.iter().find(|m| m.id == id)).map(|m| m.title.clone());
    let page = match route {
        Route::Overview => ui.nav_overview.to_string(),
        Route::Lesson(id) => item(id, ui.kind_lesson),
        Route::Scenario(id) => item(id, ui.kind_scenario),
        Route::Quiz(id) => item(id, ui.kind_quiz),
        Route::Certificate(id) => match module(id) {
            Some(m) => format!("{}: {m}", ui.certificate_title),
            None => ui.certificate_title.to_string(),
        },
        Route::Settings => ui.data_title.to_string(),
        Route::Glossary => ui.nav_glossary.to_string(),
        Route::Search => ui.nav_search.to_string(),
        Route::Guide(id) => format!("{}: {}", ui.nav_now, guide_name(lang, id)),
        Route::NotFound => ui.not_found_title.to_string(),
    };
    format!("{page} – {}", ui.app_title)
}

/// Who a "what to do now" guide is for.
pub fn guide_name(lang: Lang, id: &str) -> &'static str {
    let ui = lang.ui();
    match id {
        "police" => ui.audience_police,
        "health" => ui.audience_health,
        "embassy" => ui.audience_embassy,
        _ => ui.guide_general,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Item, ItemKind, Module};

    #[test]
    fn every_route_has_its_own_title_in_each_language() {
        let catalog = Catalog {
            lang: Lang::Da,
            content_version: "1".into(),
            modules: vec![Module {
                id: "core".into(),
                title: "Grundmodul".into(),
                audience: None,
                items: vec![Item {
                    id: "signs".into(),
                    kind: ItemKind::Lesson,
                    title: "Tegn og signaler".into(),
                    minutes: 5,
                    precheck: 0,
                    error: None,
                }],
            }],
        };
        let c = Some(&catalog);
        assert_eq!(title(Lang::Da, &Route::Lesson("signs".into()), c), "Tegn og signaler – Kend tegnene");
        assert_eq!(title(Lang::Da, &Route::Lesson("signs".into()), None), "Lektion – Kend tegnene");
        assert_eq!(title(Lang::Da, &Route::Certificate("core".into()), c), "Kursusbevis: Grundmodul – Kend tegnene");
        assert_eq!(title(Lang::En, &Route::Guide("police".into()), c), "What to do now: Police – Know the signs");
        let routes = [
            Route::Overview,
            Route::Settings,
            Route::Glossary,
            Route::Search,
            Route::Guide("general".into()),
            Route::Quiz("x".into()),
            Route::Scenario("y".into()),
            Route::NotFound,
        ];
        for lang in Lang::ALL {
            let titles: std::collections::BTreeSet<String> = routes.iter().map(|r| title(lang, r, c)).collect();
            assert_eq!(titles.len(), routes.len(), "{titles:?}");
        }
    }

    #[test]
    fn header_links_what_to_do_and_has_a_labelled_search() {
        let h = header(Lang::Da, &Route::Overview);
        assert!(h.contains("<a href=\"/what-to-do\">Hvad gør jeg nu?</a>"), "{h}");
        assert!(header(Lang::En, &Route::Overview).contains("<a href=\"/en/what-to-do\">"));
        assert!(h.contains("<form role=\"search\"") && h.contains("<label for=\"search-q\""));
    }

    #[test]
    fn header_switch_names_the_other_language_in_it() {
        let lesson = Route::Lesson("a".into());
        let h = header(Lang::Da, &lesson);
        assert!(h.contains("href=\"/en/lesson/a\" lang=\"en\""), "{h}");
        assert!(h.contains(">English</a>"));
        let en = header(Lang::En, &lesson);
        assert!(en.contains(">Dansk</a>") && en.contains("href=\"/lesson/a\" lang=\"da\""), "{en}");
        assert!(en.contains("class=\"brand\" href=\"/en/\"") && en.contains("href=\"/en/settings\""));
    }

    #[test]
    fn unavailable_storage_offers_a_copy_and_cannot_be_dismissed() {
        let n = notice(Lang::En, Some(&Notice::Unavailable("x".into())));
        assert!(n.contains("data-act=\"export\""));
        assert!(!n.contains("data-act=\"dismiss\""));
        let c = notice(Lang::En, Some(&Notice::Corrupt { reason: "<bad>".into(), backup_failed: false }));
        assert!(c.contains("&lt;bad&gt;") && c.contains("data-act=\"backup\"") && c.contains("data-act=\"dismiss\""));
        assert_eq!(notice(Lang::En, None), "");
    }
}

/// Shown while a page's content is on its way.
pub fn loading(lang: Lang) -> String {
    let mut h = Html::new();
    h.el("p", &[("class", "loading")], lang.ui().loading);
    h.finish()
}

/// A load that failed (a poor connection, say), with a way to try again.
pub fn load_error(lang: Lang, message: &str) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    h.open("div", &[("class", "error-box"), ("role", "alert")]);
    h.el("p", &[], &fill(ui.load_failed, message));
    h.el("button", &[("type", "button"), ("class", "button secondary"), ("data-act", "reload-page")], ui.retry);
    h.close("div");
    h.finish()
}

/// Shown in place of an item whose content file failed to compile: the
/// message names the file and line.
pub fn content_error(lang: Lang, message: &str) -> String {
    let mut h = Html::new();
    h.open("div", &[("class", "error-box content-error"), ("role", "alert")]);
    h.el("p", &[], lang.ui().content_error).open("p", &[]).el("code", &[], message).close("p");
    h.close("div");
    h.finish()
}

pub fn not_found(lang: Lang) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], ui.not_found_title).el("p", &[], ui.not_found_text);
    h.open("p", &[]).el("a", &[("href", &lang.href("/"))], ui.back_to_overview).close("p");
    h.finish()
}
