//! The course overview. What it shows is written by `views::overview`; it
//! re-renders when progress changes (in this tab or another).

use leptos::prelude::*;

use super::LoadError;
use crate::browser::now;
use crate::content::Catalog;
use crate::role::Role;
use crate::state::ctx;
use crate::state::set_role;
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

/// A click on a role button (on the overview and in the settings): the
/// role is remembered, and focus moves to where the page now leads.
pub fn on_role(ev: leptos::ev::MouseEvent) {
    let Some((act, el)) = crate::browser::action(&ev) else { return };
    if let Some(role) = (act == "role").then(|| el.get_attribute("data-role")).flatten().and_then(|r| Role::from_id(&r))
    {
        let overview = document()
            .get_element_by_id("role-choice")
            .is_some_and(|c| c.closest(".overview-body").ok().flatten().is_some());
        set_role(role);
        request_animation_frame(move || {
            crate::browser::focus_id(if overview { "overall-progress" } else { "role-title" })
        });
    }
}

fn catalog_view(catalog: Catalog) -> impl IntoView {
    let ctx = ctx();
    request_animation_frame(|| crate::browser::mark("overview-rendered"));
    let body = move || {
        let (ui, role) = (ctx.ui(), ctx.role.get());
        ctx.progress.with(|p| views::catalog(ui, &catalog, p, now(), role))
    };
    view! { <div class="overview-body" on:click=on_role inner_html=body></div> }
}
