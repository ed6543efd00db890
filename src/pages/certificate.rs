//! A printable certificate for one module. What it shows is written by
//! `views::certificate`. The learner's name is typed here and kept only on
//! screen (in a signal, never saved).

use leptos::prelude::*;

use crate::browser;
use crate::content::Module;
use crate::state::ctx;
use crate::views::certificate as views;

/// The page. (A plain function, not a component: one view type fewer in
/// the wasm.)
#[allow(non_snake_case)]
pub fn CertificatePage(id: String) -> AnyView {
    let ctx = ctx();
    view! {
        {move || super::or_loading(ctx.catalog.get().map(|r| match r.ok().and_then(|c| {
                let version = c.content_version.clone();
                c.modules.into_iter().find(|m| m.id == id).map(|m| (m, version))
            }) {
                Some((m, version)) => certificate_view(m, version).into_any(),
                None => super::not_found::not_found(),
            }))}
    }
    .into_any()
}

fn certificate_view(module: Module, version: String) -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(String::new());
    let module = StoredValue::new(module);
    let complete = Memo::new(move |_| module.with_value(|m| ctx.progress.with(|p| views::is_complete(m, p))));
    // The name field is a live element outside the markup below, so typing
    // keeps focus while the certificate re-renders with the name.
    let controls = move || {
        complete.get().then(|| {
            let ui = ctx.ui();
            view! {
                <div class="no-print certificate-controls">
                    <label for="learner-name">{ui.certificate_name}</label>
                    <input type="text" id="learner-name" autocomplete="name" prop:value=name.get_untracked()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                    <button type="button" class="button" id="print" on:click=move |_| { let _ = window().print(); }>{ui.certificate_print}</button>
                </div>
            }
        })
    };
    let body = move || {
        let ui = ctx.ui();
        let today = browser::today();
        name.with(|n| module.with_value(|m| ctx.progress.with(|p| views::certificate(ui, m, p, n, &today, &version))))
    };
    view! {
        {controls}
        <div class="certificate-body" inner_html=body></div>
    }
}
