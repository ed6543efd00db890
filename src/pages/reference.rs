//! The glossary, the "what to do now" guides and search. Each is compiled
//! (the first two as whole pages of HTML) into a file of a lesson's shape, so all three load through the one
//! loader the lessons use (`item_page`) and cost next to no wasm: guides
//! are `guides/<id>.json`; the glossary (already HTML) and the search index
//! (text, one entry a line; see `SearchIndex`) are `pages/glossary.json`
//! and `pages/search.json`, the index fetched only when the learner
//! searches.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{item_page, markup};
use crate::content::Lesson;
use crate::state::ctx;
use crate::views::reference as views;

/// Markup shown once its content has arrived, then a scroll to the
/// address's fragment (a glossary term, say), which only exists now.
fn show(html: String) -> AnyView {
    request_animation_frame(|| {
        let hash = window().location().hash().unwrap_or_default();
        if let Some(el) = hash.strip_prefix('#').and_then(|h| document().get_element_by_id(h)) {
            el.scroll_into_view();
            let _ = el.dyn_ref::<web_sys::HtmlElement>().map(|e| e.focus());
        }
    });
    markup(html)
}

#[allow(non_snake_case)]
pub fn GlossaryPage() -> AnyView {
    item_page("pages", "glossary".into(), |l: Lesson| show(l.html))
}

#[allow(non_snake_case)]
pub fn GuidePage(id: String) -> AnyView {
    item_page("guides", id, |l: Lesson| show(l.html))
}

/// The query in the address (`/search?q=...`), decoded.
pub fn query() -> String {
    // The search form writes the only parameter, `q`.
    let search = window().location().search().unwrap_or_default();
    let raw = search.split_once("q=").map_or("", |(_, q)| q);
    js_sys::decode_uri_component(&raw.replace('+', " ")).map(String::from).unwrap_or_default()
}

/// The results for the address's query.
#[allow(non_snake_case)]
pub fn SearchPage() -> AnyView {
    let q = query();
    if let Some(input) = document().get_element_by_id("search-q") {
        let _ = input.unchecked_into::<web_sys::HtmlInputElement>().set_value(&q);
    }
    if q.trim().is_empty() {
        return markup(views::results(ctx().ui(), None, &q));
    }
    item_page("pages", "search".into(), |l: Lesson| show(views::results(ctx().ui(), Some(&l.html), &query())))
}
