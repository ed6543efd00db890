use leptos::prelude::*;

use super::{find_item, item_href, next_item, ContentError, LoadError};
use crate::app::{content_url, ctx};
use crate::browser::{self, now};
use crate::content::{Catalog, Lesson, Source};
use crate::i18n::fill;

#[component]
pub fn LessonPage(id: String) -> impl IntoView {
    let ctx = ctx();
    let lesson = {
        let id = id.clone();
        LocalResource::new(move || browser::fetch_text(content_url(ctx.lang.get(), &format!("lessons/{id}.json"))))
    };
    let id = move || id.clone();
    view! {
        {move || super::or_loading({
                let catalog = ctx.catalog.get().and_then(Result::ok);
                // An item whose file failed to compile: say which file.
                if let Some(err) = catalog.as_ref().and_then(|c| find_item(c, &id())).and_then(|i| i.error) {
                    Some(view! { <ContentError message=err/> }.into_any())
                } else {
                lesson.get().map(|r| match browser::decode::<Lesson>(r) {
                    Ok(l) => lesson_view(l, catalog).into_any(),
                    Err(e) => view! { <LoadError message=e/> }.into_any(),
                })
                }
            })}
        
    }
}

fn lesson_view(lesson: Lesson, catalog: Option<Catalog>) -> impl IntoView {
    let ctx = ctx();
    let id = lesson.id.clone();
    let read = {
        let id = id.clone();
        Memo::new(move |_| ctx.progress.with(|p| p.is_read(&id)))
    };
    let mark = {
        let id = id.clone();
        move |_| ctx.progress.update(|p| p.mark_read(&id, now()))
    };
    let next = catalog.as_ref().and_then(|c| next_item(c, &id));
    // A link to a section (`/lesson/x#means`): scroll there once rendered.
    request_animation_frame(|| {
        browser::mark("lesson-rendered");
        let hash = window().location().hash().unwrap_or_default();
        if let Some(el) = hash.strip_prefix('#').and_then(|h| document().get_element_by_id(h)) {
            el.scroll_into_view();
        }
    });
    view! {
        <article class="lesson">
            <h1 id="page-title">{lesson.title}</h1>
            <p class="lesson-meta">
                {move || fill(ctx.ui().minutes, lesson.minutes)} " · "
                {move || fill(ctx.ui().lesson_updated, &lesson.updated)}
            </p>
            <div class="prose" inner_html=lesson.html></div>
            <section class="sources" aria-labelledby="sources-title">
                <h2 id="sources-title">{ctx.ui().lesson_sources}</h2>
                <ul>{lesson.sources.into_iter().map(source_view).collect_view()}</ul>
            </section>
            <div class="actions">
                <button
                    type="button"
                    id="mark-read"
                    class="button"
                    aria-pressed=move || read.get().to_string()
                    on:click=mark
                >
                    {move || if read.get() { ctx.ui().marked_read } else { ctx.ui().mark_read }}
                </button>
                {next.map(|n| {
                    let href = item_href(&n);
                    view! { <a class="button secondary" href=href>{n.title} " →"</a> }
                })}
            </div>
        </article>
    }
}

fn source_view(s: Source) -> impl IntoView {
    let detail = [s.publisher, s.year.map(|y| y.to_string())].into_iter().flatten().collect::<Vec<_>>().join(", ");
    view! {
        <li>
            {match s.url {
                Some(url) => view! { <a href=url rel="noopener noreferrer">{s.title}</a> }.into_any(),
                None => view! { <cite>{s.title}</cite> }.into_any(),
            }}
            {(!detail.is_empty()).then(|| format!(" ({detail})"))}
        </li>
    }
}
