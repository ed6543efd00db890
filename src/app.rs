//! The app: router, shared state, and the one place progress is loaded and
//! saved. Pages read and change state through [`Ctx`]; they never touch
//! storage themselves.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, LocalStore};
use crate::content::Catalog;
use crate::i18n::{Lang, Ui};
use crate::pages::{
    certificate::CertificatePage,
    lesson::LessonPage,
    not_found::not_found,
    overview::Overview,
    quiz::QuizPage,
    scenario::ScenarioPage,
    settings::{export_progress, SettingsPage},
};
use crate::progress::{self, Notice, Progress, Store};
use crate::route::Route;
use crate::router::provide_location;
use crate::views;

/// Where the chosen language is remembered. A setting, not progress.
const LANG_KEY: &str = "kend-tegnene.lang";
/// Written when the learner deletes their progress, so other open tabs
/// drop theirs too instead of merging it back.
const RESET_KEY: &str = "kend-tegnene.reset";

pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// State shared by every page.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub progress: RwSignal<Progress>,
    pub notice: RwSignal<Option<Notice>>,
    /// The catalog once fetched and decoded (`None` while loading). A
    /// signal set by an effect rather than a memo: it decodes once per fetch
    /// and needs no comparison code for the catalog types.
    pub catalog: RwSignal<Option<Result<Catalog, String>>>,
}

impl Ctx {
    /// The strings of the current language. Untracked: a change of
    /// language rebuilds the whole page (see `App`), so no single string
    /// needs to react to it.
    pub fn ui(&self) -> &'static Ui {
        self.lang.get_untracked().ui()
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The URL of a compiled content file in the current language.
pub fn content_url(lang: Lang, path: &str) -> String {
    // Relative in an LMS, which serves the package below a path of its own.
    let root = if crate::lms::active().is_some() { "" } else { "/" };
    format!("{root}content/{}/{path}", lang.code())
}

/// Fetch a compiled content file (`path` below `content/<lang>/`) in the
/// current language, again when the language changes. The catalog and every
/// page load through this one function, so the async machinery is compiled
/// once for all of them.
fn load_in(lang: RwSignal<Lang>, path: String) -> LocalResource<Result<String, String>> {
    LocalResource::new(move || browser::fetch_text(content_url(lang.get(), &path)))
}

/// Fetch one compiled item: `folder` is "lessons", "scenarios" or "quizzes".
pub fn load_item(folder: &'static str, id: String) -> LocalResource<Result<String, String>> {
    load_in(ctx().lang, format!("{folder}/{id}.json"))
}

#[component]
fn App() -> impl IntoView {
    // Launched from an LMS's package: progress lives in the LMS.
    let lms = crate::lms::start();
    let store = crate::lms::store();
    let loaded = progress::load(store);
    let lang =
        RwSignal::new(LocalStore.read(LANG_KEY).ok().flatten().and_then(|c| Lang::from_code(&c)).unwrap_or_default());
    let progress = RwSignal::new(loaded.progress);
    let notice = RwSignal::new(loaded.notice);
    let catalog_text = load_in(lang, "index.json".into());
    let catalog = RwSignal::new(None);
    Effect::new(move || {
        let mut decoded = catalog_text.get().map(browser::decode::<Catalog>);
        if let (Some(Ok(c)), Some(l)) = (decoded.as_mut(), lms) {
            l.package.keep_modules(c);
        }
        catalog.set(decoded)
    });
    let ctx = Ctx { lang, progress, notice, catalog };
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

    // The language follows into <html lang>, the title, and storage.
    Effect::new(move || {
        let l = lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", l.code());
            }
            doc.set_title(l.ui().app_title);
        }
        let _ = LocalStore.write(LANG_KEY, l.code());
    });

    let location = provide_location();
    crate::lms::watch(ctx, location);
    // Keyed on the language too: switching language rebuilds the page, so
    // pages use plain strings rather than one reactive closure per string.
    let page = move || match (lang.get(), location.route.get()).1 {
        Route::Overview => Overview(),
        Route::Lesson(id) => LessonPage(id),
        Route::Scenario(id) => ScenarioPage(id),
        Route::Quiz(id) => QuizPage(id),
        Route::Certificate(id) => CertificatePage(id),
        Route::Settings => SettingsPage(),
        Route::NotFound => not_found(),
    };

    // The frame around the page is plain markup (see `views`); its buttons
    // (language, and the notice's) are handled here.
    let on_click = move |ev: leptos::ev::MouseEvent| match browser::action(&ev).map(|(act, _)| act).as_deref() {
        Some("lang") => {
            lang.update(|l| *l = l.other());
            request_animation_frame(|| browser::focus_id("lang-switch"));
        }
        Some("dismiss") => notice.set(None),
        Some("export") => export_progress(),
        Some("backup") => download_backup(),
        Some("lms-close") => crate::lms::close(),
        _ => {}
    };
    view! {
        <div on:click=on_click inner_html=move || views::shell::header(lang.get())></div>
        <div on:click=on_click inner_html=move || views::shell::notice(lang.get(), notice.get().as_ref()) + &crate::lms::bar(lang.get())></div>
        <main id="main" tabindex="-1">{page}</main>
        <div inner_html=move || views::shell::footer(lang.get())></div>
    }
}

/// Offer the copy of unreadable progress that loading kept, as a file.
pub fn download_backup() {
    if let Ok(Some(raw)) = LocalStore.read(progress::BACKUP_KEY) {
        let _ = browser::download("kend-tegnene-backup.json", &raw);
    }
}

/// Delete the learner's progress here and in every other open tab.
pub fn reset_progress() {
    let ctx = ctx();
    let _ = LocalStore.write(RESET_KEY, &browser::now().to_string());
    ctx.progress.set(Progress::default());
}
