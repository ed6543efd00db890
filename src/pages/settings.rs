//! "Your data": save a copy of progress, bring one back in (after seeing
//! what it will change), delete progress, and rescue a backup. What it shows
//! is written by `views::settings`; this keeps the state and handles the
//! buttons and the file input, listening once on the container.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, focus_id, now, FileError, LocalStore};
use crate::progress::{self, ImportError, ImportPreview, Progress, Store, BACKUP_KEY, MAX_IMPORT_BYTES};
use crate::state::{ctx, download_backup, reset_progress};
use crate::views::settings::{self as views, import_message};

/// Download the learner's progress as a file.
pub fn export_progress() {
    let ctx = ctx();
    let text = ctx.progress.with_untracked(|p| progress::export(p, now()));
    let _ = browser::download(&format!("kend-tegnene-{}.json", browser::today()), &text);
}

/// The page. (A plain function, not a component: one view type fewer in
/// the wasm.)
#[allow(non_snake_case)]
pub fn SettingsPage() -> AnyView {
    let ctx = ctx();
    let pending = RwSignal::new(None::<(Progress, ImportPreview)>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<&'static str>);
    let confirm_reset = RwSignal::new(false);
    let has_backup = LocalStore.read(BACKUP_KEY).ok().flatten().is_some();

    // `change` bubbles from the file input to the container.
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| i.id() == "import-file")
        else {
            return;
        };
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

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((act, _)) = browser::action(&ev) else {
            return;
        };
        match act.as_str() {
            "export" => export_progress(),
            "import-confirm" => {
                if let Some((incoming, _)) = pending.try_update(Option::take).flatten() {
                    ctx.progress.update(|p| *p = p.merge(&incoming));
                }
                pending.set(None);
                done.set(Some(ctx.ui().import_done));
                request_animation_frame(|| focus_id("data-status"));
            }
            "import-cancel" => pending.set(None),
            "download-backup" => download_backup(),
            "reset" => {
                confirm_reset.set(true);
                request_animation_frame(|| focus_id("reset-confirm"));
            }
            "reset-confirm" => {
                reset_progress();
                confirm_reset.set(false);
                done.set(Some(ctx.ui().reset_done));
                request_animation_frame(|| focus_id("data-status"));
            }
            "reset-cancel" => confirm_reset.set(false),
            _ => {}
        }
    };

    let body = move || {
        let confirm = confirm_reset.get();
        pending.with(|p| {
            let preview = p.as_ref().map(|(_, pv)| pv);
            let role = crate::views::overview::role_choice(ctx.ui(), crate::state::role());
            role + &error.with(|e| views::body(ctx.ui(), e.as_deref(), preview, has_backup, confirm))
        })
    };

    view! {
        <h1 id="page-title">{ctx.ui().data_title}</h1>
        <p>{ctx.ui().data_intro}</p>
        // Kept out of the markup below: a live region must stay the same
        // element for its changes to be announced.
        <p class="status-line" id="data-status" tabindex="-1" role="status">{move || done.get()}</p>
        <div class="data-body" on:click=on_click on:change=on_change inner_html=body></div>
    }
    .into_any()
}
