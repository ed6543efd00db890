//! The app: router, shared state, and the one place progress is loaded and
//! saved. Pages read and change state through [`Ctx`]; they never touch
//! storage themselves.

use leptos::prelude::*;

use crate::browser::{self, LocalStore};
use crate::content::Catalog;
use crate::i18n::{fill, Lang, Ui};
use crate::pages::{lesson::LessonPage, not_found::NotFound, overview::Overview, scenario::ScenarioPage};
use crate::progress::{self, Notice, Progress, Store};
use crate::route::Route;
use crate::router::provide_location;

/// Where the chosen language is remembered. A setting, not progress.
const LANG_KEY: &str = "kend-tegnene.lang";

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// State shared by every page.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub progress: RwSignal<Progress>,
    pub notice: RwSignal<Option<Notice>>,
    catalog_text: LocalResource<Result<String, String>>,
    pub catalog: Memo<Option<Result<Catalog, String>>>,
}

impl Ctx {
    pub fn ui(&self) -> &'static Ui {
        self.lang.get().ui()
    }

    pub fn reload_catalog(&self) {
        self.catalog_text.refetch();
    }
}

pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The URL of a compiled content file in the current language.
pub fn content_url(lang: Lang, path: &str) -> String {
    format!("/content/{}/{path}", lang.code())
}

#[component]
fn App() -> impl IntoView {
    let loaded = progress::load(&LocalStore);
    let lang = RwSignal::new(
        LocalStore.read(LANG_KEY).ok().flatten().and_then(|c| Lang::from_code(&c)).unwrap_or_default(),
    );
    let progress = RwSignal::new(loaded.progress);
    let notice = RwSignal::new(loaded.notice);
    let catalog_text = LocalResource::new(move || browser::fetch_text(content_url(lang.get(), "index.json")));
    let catalog = Memo::new(move |_| catalog_text.get().map(browser::decode::<Catalog>));
    let ctx = Ctx { lang, progress, notice, catalog_text, catalog };
    provide_context(ctx);

    // The one effect that persists progress. It skips the first run (the
    // value just loaded) and never writes when loading said it must not.
    let may_save = loaded.may_save;
    Effect::watch(
        move || progress.get(),
        move |p, _, _| {
            if !may_save {
                return;
            }
            if let Err(e) = progress::save(&LocalStore, p) {
                notice.set(Some(Notice::Unavailable(e.0)));
            }
        },
        false,
    );

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
    let page = move || match location.route.get() {
        Route::Overview => view! { <Overview/> }.into_any(),
        Route::Lesson(id) => view! { <LessonPage id/> }.into_any(),
        Route::Scenario(id) => view! { <ScenarioPage id/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };

    view! {
        <a class="skip-link" href="#main">{move || ctx.ui().skip_to_content}</a>
        <Header/>
        <Notices/>
        <main id="main" tabindex="-1">{page}</main>
        <Footer/>
    }
}

#[component]
fn Header() -> impl IntoView {
    let ctx = ctx();
    let switch = move |_| ctx.lang.update(|l| *l = l.other());
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">{move || ctx.ui().app_title}</a>
                <nav aria-label=move || ctx.ui().nav_label>
                    <a href="/">{move || ctx.ui().nav_overview}</a>
                </nav>
                <button
                    type="button"
                    class="lang-switch"
                    id="lang-switch"
                    lang=move || ctx.lang.get().other().code()
                    aria-label=move || ctx.ui().switch_language_label
                    on:click=switch
                >
                    {move || ctx.ui().switch_language}
                </button>
            </div>
        </header>
    }
}

/// Lasting messages about saved progress. Shown until dismissed.
#[component]
fn Notices() -> impl IntoView {
    let ctx = ctx();
    move || {
        let ui = ctx.ui();
        ctx.notice.get().map(|n| {
            let text = match n {
                Notice::Corrupt { reason, .. } => fill(ui.storage_corrupt, reason),
                Notice::Future(v) => fill(ui.storage_future, v),
                Notice::Unavailable(_) => ui.storage_unavailable.to_string(),
            };
            view! {
                <div class="notice" role="alert" id="storage-notice">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| ctx.notice.set(None)>{ui.dismiss}</button>
                </div>
            }
        })
    }
}

#[component]
fn Footer() -> impl IntoView {
    let ctx = ctx();
    view! {
        <footer class="site-footer">
            <p>{move || ctx.ui().footer_emergency}</p>
            <p>{move || ctx.ui().footer_privacy}</p>
        </footer>
    }
}
