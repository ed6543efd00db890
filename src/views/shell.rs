//! What surrounds every page: skip link, header with the language switch,
//! the notice about saved progress, and the footer.

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
    h.el("a", &[("href", &home)], ui.nav_overview).text(" ").el("a", &[("href", &lang.href("/settings"))], ui.nav_data);
    h.close("nav");
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

#[cfg(test)]
mod tests {
    use super::*;

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
