//! The app: router, shared state, and the one place progress is loaded and
//! saved. Pages read and change state through [`Ctx`]; they never touch
//! storage themselves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::content::Catalog;
use crate::i18n::Lang;
use crate::pages::{
    certificate::CertificatePage,
    lesson::LessonPage,
    not_found::not_found,
    overview::Overview,
    quiz::QuizPage,
    reference::{GlossaryPage, GuidePage, SearchPage},
    scenario::ScenarioPage,
    settings::{export_progress, SettingsPage},
};
use crate::progress::{self, Notice, Progress};
use crate::role::Role;
use crate::route::Route;
use crate::router::provide_location;
use crate::state::{download_backup, load_in, set_role, Ctx, RESET_KEY};
use crate::views;

/// Mount the app. On a prerendered page (one with `#app`, written by the
/// build) the app renders into a hidden `#app-next` beside it, which boot.js
/// swaps in once it shows the same thing (see there); on a bare launch page
/// it renders into a new `#app`.
pub fn start() {
    let doc = document();
    let Ok(host) = doc.create_element("div") else { return };
    if doc.get_element_by_id("app").is_some() {
        host.set_id("app-next");
        let _ = host.set_attribute("hidden", "");
    } else {
        host.set_id("app");
    }
    if let Some(body) = doc.body() {
        let _ = body.append_child(&host);
    }
    leptos::mount::mount_to(host.unchecked_into(), App).forget();
}

#[component]
fn App() -> impl IntoView {
    // Launched from an LMS's package: progress lives in the LMS.
    crate::lms::start();
    let store = crate::lms::store();
    let loaded = progress::load(store);
    // The address says the language (see `route`).
    let location = provide_location();
    let lang = location.lang;
    let progress = RwSignal::new(loaded.progress);
    let notice = RwSignal::new(loaded.notice);
    // Fetched at once, before any page asks for its item (the catalog then
    // arrives first, as a page expects), and again whenever the language
    // changes (the effect's first run only notes the language).
    let catalog_text = RwSignal::new(None);
    load_in(lang, "index.json".into(), catalog_text);
    Effect::new(move |before: Option<Lang>| {
        let now = lang.get();
        if before.is_some_and(|b| b != now) {
            load_in(lang, "index.json".into(), catalog_text);
        }
        now
    });
    let catalog = RwSignal::new(None);
    Effect::new(move || {
        let mut decoded = catalog_text.get().map(browser::decode::<Catalog>);
        if let (Some(Ok(c)), Some(l)) = (decoded.as_mut(), crate::lms::active()) {
            l.package.keep_modules(c);
        }
        catalog.set(decoded)
    });
    crate::state::load_role();
    let ctx = Ctx { lang, progress, catalog };
    provide_context(ctx);

    // The one effect that persists progress. It skips the first run (the
    // value just loaded) and never writes when loading said it must not.
    let may_save = loaded.may_save;
    // It watches the encoded text, so progress itself is never cloned.
    Effect::watch(
        move || progress.with(Progress::encode),
        move |text, _, _| {
            if !may_save {
                return;
            }
            if let Err(e) = progress::save(store, text) {
                notice.set(Some(Notice::Unavailable(e.0)));
            }
        },
        false,
    );

    // Another tab saved: merge its progress into ours (merge never loses a
    // completion, and both tabs end with the same value), or drop ours if
    // the learner deleted their progress there.
    browser::listen_on_window("storage", move |ev| {
        let ev: web_sys::StorageEvent = ev.unchecked_into();
        match ev.key().as_deref() {
            Some(progress::KEY) => {
                if let Some(other) = ev.new_value().and_then(|raw| Progress::decode(&raw).ok()) {
                    let merged = progress.with_untracked(|p| p.merge(&other));
                    // Compared as saved text: no comparison code for every
                    // progress type in the wasm.
                    if progress.with_untracked(|p| p.encode() != merged.encode()) {
                        progress.set(merged);
                    }
                }
            }
            Some(RESET_KEY) => progress.set(Progress::default()),
            _ => {}
        }
    });
    browser::request_persistent_storage();

    crate::lms::watch(ctx, location);
    // The language follows into <html lang>; the title follows the
    // language, the page, and the catalog (which names the items).
    Effect::new(move || {
        let l = lang.get();
        let catalog = catalog.get().and_then(Result::ok);
        let title = views::shell::title(l, &location.route.get(), catalog.as_ref());
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", l.code());
            }
            doc.set_title(&title);
        }
    });

    // Keyed on the language too: switching language rebuilds the page, so
    // pages use plain strings rather than one reactive closure per string.
    let page = move || match (lang.get(), location.route.get()).1 {
        Route::Overview => Overview(),
        Route::Lesson(id) => LessonPage(id),
        Route::Scenario(id) => ScenarioPage(id),
        Route::Quiz(id) => QuizPage(id),
        Route::Certificate(id) => CertificatePage(id),
        Route::Settings => SettingsPage(),
        Route::Glossary => GlossaryPage(),
        Route::Guide(id) => GuidePage(id),
        Route::Search => SearchPage(),
        Route::NotFound => not_found(),
    };

    // The frame around the page is plain markup (see `views`); the notice's
    // buttons are handled here (the language switch is a link).
    let on_click = move |ev: leptos::ev::MouseEvent| match browser::action(&ev).map(|(act, _)| act).as_deref() {
        Some("dismiss") => notice.set(None),
        Some("export") => export_progress(),
        Some("backup") => download_backup(),
        Some("lms-close") => crate::lms::close(),
        _ => {}
    };
    // A role button (on the overview, and in the settings): remember the
    // role, and move focus to what the page now leads with.
    browser::listen_on_window("click", move |ev| {
        let Some((act, el)) = browser::action(&ev) else { return };
        let Some(role) = (act == "role").then(|| el.get_attribute("data-role")).flatten() else { return };
        if let Some(role) = Role::from_id(&role) {
            let overview = el.closest(".overview-body").ok().flatten().is_some();
            set_role(role);
            // The page is built anew for the role, as for a new address.
            location.route.set(location.route.get_untracked());
            request_animation_frame(move || {
                browser::focus_id(if overview { "overall-progress" } else { "role-title" })
            });
        }
    });
    view! {
        <div on:click=on_click inner_html=move || views::shell::header(lang.get(), &location.route.get())></div>
        <div on:click=on_click inner_html=move || views::shell::notice(lang.get(), notice.get().as_ref()) + &crate::lms::bar(lang.get())></div>
        <main id="main" tabindex="-1">{page}</main>
        <div inner_html=move || views::shell::footer(lang.get())></div>
    }
}
