//! "Your data": save a copy of progress, bring one back in (after seeing
//! what it will change), delete progress, and rescue a backup.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{ctx, reset_progress};
use crate::browser::{self, focus_id, now, FileError, LocalStore};
use crate::i18n::{fill, Ui};
use crate::progress::{self, ImportError, ImportPreview, Progress, Store, BACKUP_KEY, MAX_IMPORT_BYTES};

/// Download the learner's progress as a file.
pub fn export_progress() {
    let ctx = ctx();
    let text = ctx.progress.with_untracked(|p| progress::export(p, now()));
    let _ = browser::download(&format!("kend-tegnene-{}.json", browser::today()), &text);
}

fn import_message(ui: &Ui, e: &ImportError) -> String {
    match e {
        ImportError::TooLarge { bytes, .. } => fill(ui.import_too_large, bytes),
        ImportError::NotJson => ui.import_not_json.to_string(),
        ImportError::NotProgressFile => ui.import_not_progress.to_string(),
        ImportError::FromFuture(v) => fill(ui.import_future, v),
        ImportError::Invalid => ui.import_invalid.to_string(),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = ctx();
    let pending = RwSignal::new(None::<(Progress, ImportPreview)>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<&'static str>);
    let confirm_reset = RwSignal::new(false);
    let backup = LocalStore.read(BACKUP_KEY).ok().flatten();

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let ui = ctx.ui();
        done.set(None);
        leptos::task::spawn_local(async move {
            let result = match browser::read_file(&input, MAX_IMPORT_BYTES).await {
                Ok(None) => return,
                Ok(Some(text)) => progress::parse_import(&text).map_err(|e| import_message(ui, &e)),
                Err(FileError::TooLarge(bytes)) => {
                    Err(import_message(ui, &ImportError::TooLarge { bytes, limit: MAX_IMPORT_BYTES }))
                }
                Err(FileError::Unreadable) => Err(ui.import_unreadable.to_string()),
            };
            input.set_value("");
            match result {
                Ok(incoming) => {
                    let preview = ctx.progress.with_untracked(|p| progress::preview(p, &incoming));
                    error.set(None);
                    pending.set(Some((incoming, preview)));
                    request_animation_frame(|| focus_id("import-preview"));
                }
                Err(message) => {
                    pending.set(None);
                    error.set(Some(message));
                    request_animation_frame(|| focus_id("import-error"));
                }
            }
        });
    };

    let confirm_import = move |_| {
        if let Some((incoming, _)) = pending.get_untracked() {
            ctx.progress.update(|p| *p = p.merge(&incoming));
        }
        pending.set(None);
        done.set(Some(ctx.ui().import_done));
        request_animation_frame(|| focus_id("data-status"));
    };

    let preview_view = move || {
        let ui = ctx.ui();
        pending.get().map(|(_, pv)| {
            let list = |template: &str, ids: &[String]| (!ids.is_empty()).then(|| view! { <li>{fill(template, ids.join(", "))}</li> });
            view! {
                <div class="panel" id="import-preview" tabindex="-1">
                    {if pv.unchanged {
                        view! { <p>{ui.import_unchanged}</p> }.into_any()
                    } else {
                        view! {
                            <p>{ui.import_preview}</p>
                            <ul>
                                {list(ui.import_lessons, &pv.lessons_added)}
                                {list(ui.import_scenarios, &pv.scenarios_improved)}
                                {list(ui.import_quizzes, &pv.quizzes_improved)}
                                {(pv.items_added > 0).then(|| view! { <li>{fill(ui.import_items, pv.items_added)}</li> })}
                            </ul>
                        }
                        .into_any()
                    }}
                    <button type="button" class="button" id="import-confirm" on:click=confirm_import>{ui.import_confirm}</button>
                    <button type="button" class="button secondary" on:click=move |_| pending.set(None)>{ui.cancel}</button>
                </div>
            }
        })
    };

    view! {
        <h1 id="page-title">{ctx.ui().data_title}</h1>
        <p>{ctx.ui().data_intro}</p>
        <p class="status-line" id="data-status" tabindex="-1" role="status">{move || done.get()}</p>

        <h2>{ctx.ui().export_title}</h2>
        <p>{ctx.ui().export_text}</p>
        <button type="button" class="button" id="export" on:click=move |_| export_progress()>{ctx.ui().export_button}</button>

        <h2>{ctx.ui().import_title}</h2>
        <p>{ctx.ui().import_text}</p>
        {move || error.get().map(|e| view! {
            <div class="error-box" id="import-error" role="alert" tabindex="-1">
                <h3>{ctx.ui().import_error_title}</h3>
                <p>{e}</p>
            </div>
        })}
        <label class="file-label" for="import-file">{ctx.ui().import_label}</label>
        <input type="file" id="import-file" accept=".json,application/json" on:change=on_file/>
        {preview_view}

        {backup.map(|raw| view! {
            <h2>{ctx.ui().backup_title}</h2>
            <p>{ctx.ui().backup_text}</p>
            <button type="button" class="button secondary" id="download-backup"
                on:click=move |_| { let _ = browser::download("kend-tegnene-backup.json", &raw); }>
                {ctx.ui().backup_button}
            </button>
        })}

        <h2>{ctx.ui().reset_title}</h2>
        <p>{ctx.ui().reset_text}</p>
        {move || if confirm_reset.get() {
            let ui = ctx.ui();
            view! {
                <div class="panel warning" id="reset-confirm-panel">
                    <p><strong>{ui.reset_confirm_text}</strong></p>
                    <button type="button" class="button secondary" on:click=move |_| export_progress()>{ui.export_button}</button>
                    <button type="button" class="button danger" id="reset-confirm" on:click=move |_| {
                        reset_progress();
                        confirm_reset.set(false);
                        done.set(Some(ctx.ui().reset_done));
                        request_animation_frame(|| focus_id("data-status"));
                    }>{ui.reset_confirm}</button>
                    <button type="button" class="button secondary" on:click=move |_| confirm_reset.set(false)>{ui.cancel}</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button danger" id="reset" on:click=move |_| {
                    confirm_reset.set(true);
                    request_animation_frame(|| focus_id("reset-confirm"));
                }>{ctx.ui().reset_button}</button>
            }
            .into_any()
        }}
    }
}
