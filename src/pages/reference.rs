//! The glossary, the "what to do now" guides and search. Each fetches its
//! one compiled file when opened (the search index only when the learner
//! searches), and shows what `views::reference` writes.

use std::sync::Arc;

use leptos::prelude::*;

use super::{markup, or_loading, LoadError};
use crate::browser;
use crate::content::{Glossary, Lesson, SearchIndex};
use crate::state::{ctx, load_in};
use crate::views::reference as views;

/// Turns a fetched file's text into the page's markup, or an error message.
type Show = Arc<dyn Fn(String) -> Result<String, String> + Send + Sync>;

/// Fetch `path` (below `content/<lang>/`) and show it with `show`; then
/// scroll to the address's fragment, which only exists once the content
/// has arrived. Not generic: one copy of the loading machinery for all
/// three pages.
fn loaded(path: String, show: Show) -> AnyView {
    let file = load_in(ctx().lang, path);
    let page = move || {
        or_loading(file.get().map(|r| match r.and_then(|text| show(text)) {
            Ok(html) => {
                request_animation_frame(|| {
                    let hash = window().location().hash().unwrap_or_default();
                    if let Some(el) = hash.strip_prefix('#').and_then(|h| document().get_element_by_id(h)) {
                        el.scroll_into_view();
                        let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|e| e.focus());
                    }
                });
                markup(html)
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
    loaded(
        "glossary.json".into(),
        Arc::new(move |t| browser::decode::<Glossary>(Ok(t)).map(|g| views::glossary(ui, &g))),
    )
}

#[allow(non_snake_case)]
pub fn GuidePage(id: String) -> AnyView {
    let lang = ctx().lang.get_untracked();
    loaded(
        format!("guides/{id}.json"),
        Arc::new(move |t| browser::decode::<Lesson>(Ok(t)).map(|g| views::guide(lang, &g))),
    )
}

/// The query in the address (`/search?q=...`), decoded.
pub fn query() -> String {
    let search = window().location().search().unwrap_or_default();
    let raw = search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("q=")).unwrap_or_default();
    js_sys::decode_uri_component(&raw.replace('+', " ")).map(String::from).unwrap_or_default()
}

/// The results for the address's query; the index is fetched here, so
/// only when the learner searches.
#[allow(non_snake_case)]
pub fn SearchPage() -> AnyView {
    let ui = ctx().ui();
    let q = query();
    if let Some(input) = document().get_element_by_id("search-q") {
        let _ = input.unchecked_into::<web_sys::HtmlInputElement>().set_value(&q);
    }
    if q.trim().is_empty() {
        return markup(views::results(ui, None, &q));
    }
    let show = move |t| browser::decode::<SearchIndex>(Ok(t)).map(|i| views::results(ui, Some(&i), &q));
    loaded("search.json".into(), Arc::new(show))
}
