use leptos::prelude::*;

use crate::app::ctx;

#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = ctx();
    view! {
        <h1 id="page-title">{ctx.ui().not_found_title}</h1>
        <p>{ctx.ui().not_found_text}</p>
        <p><a href="/">{ctx.ui().back_to_overview}</a></p>
    }
}
