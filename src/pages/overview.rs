//! The course overview. What it shows is written by `views::overview`; it
//! re-renders when progress changes (in this tab or another).

use leptos::prelude::*;

use super::LoadError;
use crate::browser::now;
use crate::content::Catalog;
use crate::state::ctx;
use crate::views::overview as views;

/// The page. (A plain function, not a component: one view type fewer in
/// the wasm.)
#[allow(non_snake_case)]
pub fn Overview() -> AnyView {
    let ctx = ctx();
    view! {
        <h1 id="page-title">{ctx.ui().app_title}</h1>
        <p class="lead">{ctx.ui().tagline}</p>
        {move || super::or_loading(ctx.catalog.get().map(|r| match r {
                Ok(c) => catalog_view(c).into_any(),
                Err(e) => LoadError(e),
            }))}
    }
    .into_any()
}

fn catalog_view(catalog: Catalog) -> impl IntoView {
    let ctx = ctx();
    request_animation_frame(|| crate::browser::mark("overview-rendered"));
    let body = move || {
        let (ui, role) = (ctx.ui(), crate::state::role());
        ctx.progress.with(|p| views::catalog(ui, &catalog, p, now(), role))
    };
    view! { <div class="overview-body" inner_html=body></div> }
}
