//! One component per routed page. Pages render what the content model and
//! the progress model say, and change progress only through pure methods on
//! [`crate::progress::Progress`].

pub mod lesson;
pub mod not_found;
pub mod overview;
pub mod scenario;

use leptos::prelude::*;

use crate::app::ctx;
use crate::content::{Catalog, Item};
use crate::i18n::fill;

/// A failed load, with a way to try again.
#[component]
pub fn LoadError(message: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="error-box" role="alert">
            <p>{move || fill(ctx.ui().load_failed, &message)}</p>
            <button type="button" on:click=move |_| ctx.reload_catalog()>{move || ctx.ui().retry}</button>
        </div>
    }
}

/// The catalog entry for `id`, if the catalog has loaded.
pub fn find_item(catalog: &Catalog, id: &str) -> Option<Item> {
    catalog.modules.iter().flat_map(|m| &m.items).find(|i| i.id == id).cloned()
}

/// The item after `id` in course order, for a "next" link.
pub fn next_item(catalog: &Catalog, id: &str) -> Option<Item> {
    let mut items = catalog.modules.iter().flat_map(|m| &m.items);
    items.by_ref().find(|i| i.id == id)?;
    items.next().cloned()
}

pub fn item_href(item: &Item) -> String {
    match item.kind {
        crate::content::ItemKind::Lesson => format!("/lesson/{}", item.id),
        crate::content::ItemKind::Scenario => format!("/scenario/{}", item.id),
    }
}

/// Shown in place of an item whose content file failed to compile.
#[component]
pub fn ContentError(message: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="error-box content-error" role="alert">
            <p>{move || ctx.ui().content_error}</p>
            <p><code>{message}</code></p>
        </div>
    }
}
