//! A lesson page: keeps whether the lesson is read and turns the click on
//! "mark as read" into a progress update. The lesson is written by
//! `views::lesson`.

use leptos::prelude::*;

use super::{item_href, next_item};
use crate::browser::{self, focus_id, now};
use crate::content::Lesson;
use crate::state::ctx;
use crate::views::lesson as views;

/// The lesson page. (A plain function, not a component: one view type
/// fewer in the wasm.)
#[allow(non_snake_case)]
pub fn LessonPage(id: String) -> AnyView {
    super::item_page("lessons", id, |l: Lesson| lesson_view(l).into_any())
}

fn lesson_view(lesson: Lesson) -> impl IntoView {
    let ctx = ctx();
    let catalog = ctx.catalog.get_untracked().and_then(Result::ok);
    let id = lesson.id.clone();
    let read = {
        let id = id.clone();
        Memo::new(move |_| ctx.progress.with(|p| p.is_read(&id)))
    };
    let next = catalog.as_ref().and_then(|c| next_item(c, &id)).map(|n| (item_href(&n), n.title));
    let lesson = StoredValue::new(lesson);
    // A link to a section (`/lesson/x#means`): scroll there once rendered.
    request_animation_frame(|| {
        browser::mark("lesson-rendered");
        let hash = window().location().hash().unwrap_or_default();
        if let Some(el) = hash.strip_prefix('#').and_then(|h| document().get_element_by_id(h)) {
            el.scroll_into_view();
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((act, _)) = browser::action(&ev) else {
            return;
        };
        if act == "mark-read" {
            // The lesson is written anew with the button's new state: keep
            // focus on the button if it had it.
            let focused = document().active_element().is_some_and(|a| a.id() == "mark-read");
            ctx.progress.update(|p| p.mark_read(&id, now()));
            if focused {
                request_animation_frame(|| focus_id("mark-read"));
            }
        }
    };
    let body = move || {
        let read = read.get();
        let next = next.as_ref().map(|(href, title)| (href.as_str(), title.as_str()));
        lesson.with_value(|l| views::page(ctx.ui(), l, read, next))
    };
    view! { <article class="lesson" on:click=on_click inner_html=body></article> }
}
