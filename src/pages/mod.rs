//! One component per routed page. Pages render what the content model and
//! the progress model say, and change progress only through pure methods on
//! [`crate::progress::Progress`].

pub mod certificate;
pub mod lesson;
pub mod not_found;
pub mod overview;
pub mod quiz;
pub mod reference;
pub mod scenario;
pub mod settings;

use leptos::prelude::*;

use crate::content::{Catalog, Item};
use crate::state::ctx;
use crate::views::shell;
// Pure, so it lives with the views (tested natively), as do `completion`
// and `Completion`; the pages use it from here as before.
pub use crate::views::overview::item_href;

/// Markup from `views`, as a view. Every small message goes through this
/// one function, so its view type is compiled once.
pub fn markup(html: String) -> AnyView {
    // Retry a failed load (a reload fetches whatever failed); print a guide.
    let on_click = |ev: leptos::ev::MouseEvent| match crate::browser::action(&ev).map(|(act, _)| act).as_deref() {
        Some("reload-page") => {
            let _ = window().location().reload();
        }
        Some("print") => {
            let _ = window().print();
        }
        _ => {}
    };
    view! { <div class="message" on:click=on_click inner_html=html></div> }.into_any()
}

/// The view once loaded, or a loading message until then. (Suspense would
/// do the same at a far larger cost in wasm size.)
pub fn or_loading(view: Option<AnyView>) -> AnyView {
    view.unwrap_or_else(|| markup(shell::loading(ctx().lang.get_untracked())))
}

/// A failed load, with a way to try again (a reload of the page, which
/// fetches whatever failed).
#[allow(non_snake_case)]
pub fn LoadError(message: String) -> AnyView {
    markup(shell::load_error(ctx().lang.get_untracked(), &message))
}

/// Shown in place of an item whose content file failed to compile.
#[allow(non_snake_case)]
pub fn ContentError(message: String) -> AnyView {
    markup(shell::content_error(ctx().lang.get_untracked(), &message))
}

/// The page of one content item (`folder` is "lessons", "scenarios",
/// "quizzes", "guides" or "pages"): the item's compile error if its file failed (naming file and
/// line), a loading message, a load error with a retry, or `show` with the
/// decoded item.
pub fn item_page<T: miniserde::Deserialize + 'static>(
    folder: &'static str,
    id: String,
    show: fn(T) -> AnyView,
) -> AnyView {
    let ctx = ctx();
    let item = crate::state::load_item(folder, &id);
    let page = move || {
        // The page waits for the catalog too (it says what comes next), so
        // it is written once, complete, as the prerendered page shows it.
        let Some(catalog) = ctx.catalog.get() else { return or_loading(None) };
        let error = catalog.ok().and_then(|c| find_item(&c, &id)).and_then(|i| i.error);
        or_loading(match error {
            Some(err) => Some(ContentError(err)),
            None => item.get().map(|r| match crate::browser::decode::<T>(r) {
                Ok(x) => show(x),
                Err(e) => LoadError(e),
            }),
        })
    };
    page.into_any()
}

/// The catalog entry for `id`, if the catalog has loaded.
pub fn find_item(catalog: &Catalog, id: &str) -> Option<Item> {
    catalog.item(id).cloned()
}

/// The item after `id` in course order, for a "next" link.
pub fn next_item(catalog: &Catalog, id: &str) -> Option<Item> {
    catalog.next_item(id).cloned()
}
