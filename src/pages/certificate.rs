//! A printable certificate for one module: the learner's name (typed here,
//! kept only on screen), the module, each part with its result, the date and
//! the content version. It says plainly that it records self-study.

use leptos::prelude::*;

use super::{completion, item_href, Completion};
use crate::app::ctx;
use crate::browser;
use crate::content::Module;

#[component]
pub fn CertificatePage(id: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        {move || super::or_loading(ctx.catalog.get().map(|r| match r.ok().and_then(|c| {
                let version = c.content_version.clone();
                c.modules.into_iter().find(|m| m.id == id).map(|m| (m, version))
            }) {
                Some((m, version)) => certificate_view(m, version).into_any(),
                None => view! { <super::not_found::NotFound/> }.into_any(),
            }))}
        
    }
}

fn certificate_view(module: Module, version: String) -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(String::new());
    let module = StoredValue::new(module);
    move || {
        let ui = ctx.ui();
        let rows: Vec<_> = module.with_value(|m| {
            ctx.progress.with(|p| m.items.iter().map(|i| (i.clone(), completion(p, i))).collect())
        });
        let missing: Vec<_> = rows.iter().filter(|(_, c)| !matches!(c, Completion::Done(_))).map(|(i, _)| i.clone()).collect();
        let title = module.with_value(|m| m.title.clone());
        if !missing.is_empty() {
            return view! {
                <h1 id="page-title">{ui.certificate_title}</h1>
                <p>{ui.certificate_incomplete}</p>
                <ul id="certificate-missing">
                    {missing.into_iter().map(|i| { let href = item_href(&i); view! { <li><a href=href>{i.title}</a></li> } }).collect_view()}
                </ul>
            }
            .into_any();
        }
        view! {
            <div class="no-print certificate-controls">
                <label for="learner-name">{ui.certificate_name}</label>
                <input type="text" id="learner-name" autocomplete="name" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="button" class="button" id="print" on:click=move |_| { let _ = window().print(); }>{ui.certificate_print}</button>
            </div>
            <section class="certificate" aria-labelledby="page-title">
                <p class="certificate-course">{ui.app_title}</p>
                <h1 id="page-title">{ui.certificate_title}</h1>
                <p class="certificate-label">{ui.certificate_completed_by}</p>
                <p class="certificate-name" id="certificate-name">{move || name.get()}</p>
                <p><span class="certificate-label">{ui.certificate_module} ": "</span><strong>{title}</strong></p>
                <table class="certificate-items">
                    <tbody>
                        {rows.into_iter().map(|(item, c)| {
                            let result = match c {
                                Completion::Done(Some(pct)) => format!("{pct} %"),
                                _ => ui.status_done.to_string(),
                            };
                            view! { <tr><th scope="row">{item.title}</th><td>{result}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
                <p><span class="certificate-label">{ui.certificate_date} ": "</span>{browser::today()}</p>
                <p><span class="certificate-label">{ui.certificate_version} ": "</span>{version.clone()}</p>
                <p class="certificate-statement">{ui.certificate_statement}</p>
            </section>
        }
        .into_any()
    }
}
