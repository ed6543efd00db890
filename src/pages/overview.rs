use leptos::prelude::*;

use super::{completion, item_href, Completion, ContentError, LoadError};
use crate::app::ctx;
use crate::content::{Audience, Catalog, Item, ItemKind, Module};
use crate::i18n::{fill, Ui};
use crate::browser::now;
use crate::progress::Progress;

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = ctx();
    view! {
        <h1 id="page-title">{ctx.ui().app_title}</h1>
        <p class="lead">{ctx.ui().tagline}</p>
        {move || super::or_loading(ctx.catalog.get().map(|r| match r {
                Ok(c) => catalog_view(c).into_any(),
                Err(e) => view! { <LoadError message=e/> }.into_any(),
            }))}
        
    }
}

fn catalog_view(catalog: Catalog) -> impl IntoView {
    let ctx = ctx();
    let total: usize = catalog.modules.iter().map(|m| m.items.len()).sum();
    request_animation_frame(|| crate::browser::mark("overview-rendered"));
    view! {
        <p class="summary" id="overall-progress">
            {move || fill(ctx.ui().overview_progress, format!("{} / {total}", ctx.progress.with(Progress::completed_count)))}
        </p>
        <p class="review-due" id="review-due">
            {move || {
                let due = ctx.progress.with(|p| p.due_reviews(now()));
                match due.first().and_then(|key| key.split('/').next()) {
                    Some(quiz) => view! {
                        {fill(ctx.ui().review_due, due.len())} " "
                        <a href=format!("/quiz/{quiz}")>{ctx.ui().review_start}</a>
                    }
                    .into_any(),
                    None => view! { {ctx.ui().review_none} }.into_any(),
                }
            }}
        </p>
        {catalog.modules.into_iter().map(module_view).collect_view()}
    }
}

fn audience_name(ui: &Ui, audience: Option<Audience>) -> &'static str {
    match audience {
        None => ui.core_module,
        Some(Audience::Police) => ui.audience_police,
        Some(Audience::Health) => ui.audience_health,
        Some(Audience::Embassy) => ui.audience_embassy,
    }
}

fn module_view(module: Module) -> impl IntoView {
    let ctx = ctx();
    let heading_id = format!("module-{}", module.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="module" aria-labelledby=labelled_by>
            <h2 id=heading_id>{module.title}</h2>
            <p class="module-audience">{move || audience_name(ctx.ui(), module.audience)}</p>
            <ol class="items">{module.items.into_iter().map(item_view).collect_view()}</ol>
            <p><a href=format!("/certificate/{}", module.id)>{ctx.ui().certificate_link}</a></p>
        </section>
    }
}

fn item_view(item: Item) -> impl IntoView {
    let ctx = ctx();
    let kind = item.kind;
    let status = {
        let item = item.clone();
        Memo::new(move |_| {
            let ui = ctx.ui();
            match ctx.progress.with(|p| completion(p, &item)) {
                Completion::Done(Some(pct)) => (fill(ui.status_score, pct), "done"),
                Completion::Done(None) => (ui.status_done.to_string(), "done"),
                Completion::InProgress => (ui.status_in_progress.to_string(), "doing"),
                Completion::NotStarted => (ui.status_not_started.to_string(), "todo"),
            }
        })
    };
    let kind_name = move || match kind {
        ItemKind::Lesson => ctx.ui().kind_lesson,
        ItemKind::Scenario => ctx.ui().kind_scenario,
        ItemKind::Quiz => ctx.ui().kind_quiz,
    };
    view! {
        <li class="item" data-id=item.id.clone()>
            <a href=item_href(&item) class="item-title">{item.title.clone()}</a>
            <span class="item-meta">
                {kind_name} " · " {move || fill(ctx.ui().minutes, item.minutes)}
            </span>
            <span class=move || format!("status status-{}", status.get().1)>{move || status.get().0}</span>
            {item.error.clone().map(|e| view! { <ContentError message=e/> })}
        </li>
    }
}
