//! Client-side navigation in a few lines: same-origin link clicks become
//! `history.pushState`, back and forward update the route, and after each
//! change the page scrolls to the fragment (or the top) and focus moves to
//! the page heading, so a screen reader announces the new page.
//!
//! The language is part of the address (see `route::Route::parse_address`),
//! so the language switch is a link like any other.
//!
//! Hand-written rather than leptos_router: the app has four routes, and the
//! general router cost about a third of the size budget (see ARCHITECTURE.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::focus_id;
use crate::i18n::Lang;
use crate::route::Route;

/// The current language and route, both read from the address.
#[derive(Clone, Copy)]
pub struct Location {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
}

fn current_path() -> (String, String) {
    let loc = window().location();
    (loc.pathname().unwrap_or_default(), loc.hash().unwrap_or_default())
}

/// Set up the route signal and the listeners. Call once, in the app root.
pub fn provide_location() -> Location {
    // In an LMS the address never changes (the LMS serves the package from
    // a path where any other 404s): routes live in history entries' state,
    // and the first is where the learner was last time.
    let lms = crate::lms::start_path();
    if let (Some(start), Ok(history)) = (&lms, window().history()) {
        let _ = history.replace_state(&start.into(), "");
    }
    let (lang, route) = Route::parse_address(&lms.unwrap_or_else(|| current_path().0));
    let location = Location { lang: RwSignal::new(lang), route: RwSignal::new(route) };
    provide_context(location);

    // Back and forward.
    crate::browser::listen_on_window("popstate", move |_| {
        if crate::lms::active().is_some() {
            // An entry without a route is a jump within the page.
            if let Some(path) = window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_string()) {
                location.set(&path);
                after_navigation("", false);
            }
            return;
        }
        let hash = location.follow();
        after_navigation(&hash, false);
    });

    // Same-origin link clicks, except modified clicks, downloads, links
    // with a target, and links within the same page.
    crate::browser::listen_on_window("click", move |ev| {
        let ev: web_sys::MouseEvent = ev.unchecked_into();
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        // Links in a page the app has not taken over yet (see boot.js) are
        // followed by the browser.
        if anchor.has_attribute("download")
            || !anchor.target().is_empty()
            || anchor.closest(".pre").ok().flatten().is_some()
        {
            return;
        }
        let here = window().location();
        if anchor.origin() != here.origin().unwrap_or_default() {
            return;
        }
        let (path, hash) = (anchor.pathname(), anchor.hash());
        if path == here.pathname().unwrap_or_default() && !hash.is_empty() {
            return; // a jump within the page: the browser does it
        }
        ev.prevent_default();
        crate::browser::mark("navigate");
        // The language switch keeps the learner where they are, on the switch.
        location.go(&format!("{path}{}{hash}", anchor.search()), anchor.id() == "lang-switch");
    });
    // The header's search form: the CSP forbids form actions, so it goes to
    // the search page from here (which fetches the index only then).
    crate::browser::listen_on_window("submit", move |ev| {
        let form = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if form.is_some_and(|f| f.id() == "search-form") {
            ev.prevent_default();
            let q = document()
                .get_element_by_id("search-q")
                .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().value())
                .unwrap_or_default();
            let search = location.lang.get_untracked().href("/search");
            location.navigate(&format!("{search}?q={}", js_sys::encode_uri_component(&q)));
        }
    });
    location
}

impl Location {
    /// Go to an in-app address, adding a history entry.
    pub fn navigate(self, href: &str) {
        self.go(href, false);
    }

    /// Go to `href`; `stay` keeps the scroll and focuses the language switch.
    fn go(self, href: &str, stay: bool) {
        if crate::lms::active().is_some() {
            // The path stays the launch page's; only a query (search) goes
            // into the address, where the page reads it.
            let (path, hash) = href.split_once('#').unwrap_or((href, ""));
            let (path, query) = path.split_once('?').unwrap_or((path, ""));
            if let Ok(history) = window().history() {
                let here = window().location().pathname().unwrap_or_default();
                let url = if query.is_empty() { here } else { format!("{here}?{query}") };
                let _ = history.push_state_with_url(&path.into(), "", Some(&url));
            }
            self.set(path);
            after_navigation(hash, stay);
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        let hash = self.follow();
        after_navigation(&hash, stay);
    }

    /// Set language and route from the address; returns its fragment.
    fn follow(self) -> String {
        let (path, hash) = current_path();
        self.set(&path);
        hash
    }

    /// Set language and route from a path.
    fn set(self, path: &str) {
        let (lang, route) = Route::parse_address(path);
        if self.lang.get_untracked() != lang {
            self.lang.set(lang);
        }
        self.route.set(route);
    }
}

/// Once the new page has rendered: scroll to the fragment, or to the top
/// with focus on the main region, or (`stay`) keep the scroll and focus the
/// language switch. (A fragment in content that is still loading is
/// scrolled to by the page that renders it.)
fn after_navigation(hash: &str, stay: bool) {
    let target = hash.trim_start_matches('#').to_string();
    request_animation_frame(move || {
        let doc = document();
        match (!target.is_empty()).then(|| doc.get_element_by_id(&target)).flatten() {
            Some(el) => el.scroll_into_view(),
            None if stay => focus_id("lang-switch"),
            None => {
                window().scroll_to_with_x_and_y(0.0, 0.0);
                focus_id("main");
            }
        }
    });
}
