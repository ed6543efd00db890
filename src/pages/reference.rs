//! The glossary, the "what to do now" guides and search. Each fetches its
//! one compiled file when opened (the search index only when the learner
//! searches), and shows what `views::reference` writes.

use leptos::prelude::*;

use super::{markup, or_loading, LoadError};
use crate::browser;
use crate::content::{Glossary, Lesson, SearchIndex};
use crate::state::{ctx, load_in};
use crate::views::reference as views;

/// Fetch `path` (below `content/<lang>/`), decode it, and show it with
/// `show`; then scroll to the address's fragment, which only exists once
/// the content has arrived.
fn loaded<T: miniserde::Deserialize + 'static>(
    path: String,
    show: impl Fn(&T) -> String + Send + Sync + 'static,
) -> AnyView {
    let file = load_in(ctx().lang, path);
    let page = move || {
        or_loading(file.get().map(|r| match browser::decode::<T>(r) {
            Ok(x) => {
                request_animation_frame(|| {
                    let hash = window().location().hash().unwrap_or_default();
                    if let Some(el) = hash.strip_prefix('#').and_then(|h| document().get_element_by_id(h)) {
                        el.scroll_into_view();
                        let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|e| e.focus());
                    }
                });
                markup(show(&x))
            }
            Err(e) => LoadError(e),
        }))
    };
    page.into_any()
}

use wasm_bindgen::JsCast;

#[allow(non_snake_case)]
pub fn GlossaryPage() -> AnyView {
    let ui = ctx().ui();
    loaded("glossary.json".into(), move |g: &Glossary| views::glossary(ui, g))
}

#[allow(non_snake_case)]
pub fn GuidePage(id: String) -> AnyView {
    let lang = ctx().lang.get_untracked();
    loaded(format!("guides/{id}.json"), move |g: &Lesson| views::guide(lang, g))
}

/// The query in the address (`/search?q=...`), decoded.
pub fn query() -> String {
    let search = window().location().search().unwrap_or_default();
    let raw = search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("q=")).unwrap_or_default();
    js_sys::decode_uri_component(&raw.replace('+', " ")).map(String::from).unwrap_or_default()
}

#[allow(non_snake_case)]
pub fn SearchPage() -> AnyView {
    let ui = ctx().ui();
    let q = query();
    if let Some(input) = document().get_element_by_id("search-q") {
        let _ = input.unchecked_into::<web_sys::HtmlInputElement>().set_value(&q);
    }
    let heading = view! { <h1 id="page-title">{ui.nav_search}</h1> };
    let body = if q.trim().is_empty() {
        markup(String::new())
    } else {
        loaded("search.json".into(), move |index: &SearchIndex| views::results(ui, index, &q))
    };
    view! { {heading} <div role="status">{body}</div> }.into_any()
}
