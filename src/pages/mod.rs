//! One component per routed page. Pages render what the content model and
//! the progress model say, and change progress only through pure methods on
//! [`crate::progress::Progress`].

pub mod certificate;
pub mod lesson;
pub mod not_found;
pub mod overview;
pub mod quiz;
pub mod scenario;
pub mod settings;

use leptos::prelude::*;

use crate::app::ctx;
use crate::content::{Catalog, Item, ItemKind};
use crate::i18n::fill;
use crate::progress::Progress;

/// The view once loaded, or a loading message until then. (Suspense would
/// do the same at a far larger cost in wasm size.)
pub fn or_loading(view: Option<AnyView>) -> AnyView {
    view.unwrap_or_else(|| view! { <p class="loading">{ctx().ui().loading}</p> }.into_any())
}

/// A failed load, with a way to try again.
#[component]
pub fn LoadError(message: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="error-box" role="alert">
            <p>{move || fill(ctx.ui().load_failed, &message)}</p>
            <button type="button" on:click=move |_| ctx.reload_catalog()>{ctx.ui().retry}</button>
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
    let segment = match item.kind {
        ItemKind::Lesson => "lesson",
        ItemKind::Scenario => "scenario",
        ItemKind::Quiz => "quiz",
    };
    format!("/{segment}/{}", item.id)
}

/// Where a learner stands with one item.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Read, or finished with this best percentage.
    Done(Option<u8>),
    InProgress,
    NotStarted,
}

pub fn completion(p: &Progress, item: &Item) -> Completion {
    match item.kind {
        ItemKind::Lesson if p.is_read(&item.id) => Completion::Done(None),
        ItemKind::Lesson => Completion::NotStarted,
        ItemKind::Scenario => match p.scenario(&item.id) {
            Some(r) if r.current.is_some() => Completion::InProgress,
            Some(r) if r.best.is_some() => Completion::Done(r.best),
            _ => Completion::NotStarted,
        },
        ItemKind::Quiz => match p.quiz(&item.id) {
            Some(r) if r.current.is_some() => Completion::InProgress,
            Some(r) if r.rounds > 0 => Completion::Done(r.best),
            _ => Completion::NotStarted,
        },
    }
}

/// Shown in place of an item whose content file failed to compile.
#[component]
pub fn ContentError(message: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="error-box content-error" role="alert">
            <p>{ctx.ui().content_error}</p>
            <p><code>{message}</code></p>
        </div>
    }
}
