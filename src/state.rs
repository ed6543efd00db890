//! The state every page shares ([`Ctx`]) and the loaders for content. Pages
//! depend on this module, never on `app` (which depends on every page), so
//! dependencies point one way: app → pages → state → models.

use std::cell::Cell;

use leptos::prelude::*;

use crate::browser::{self, LocalStore};
use crate::content::Catalog;
use crate::i18n::{Lang, Ui};
use crate::progress::{self, Progress, Store};
use crate::role::{Role, ROLE_KEY};
/// Written when the learner deletes their progress, so other open tabs
/// drop theirs too instead of merging it back.
pub const RESET_KEY: &str = "kend-tegnene.reset";

/// State shared by every page.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub progress: RwSignal<Progress>,
    /// The catalog once fetched and decoded (`None` while loading). A
    /// signal set by an effect rather than a memo: it decodes once per fetch
    /// and needs no comparison code for the catalog types.
    pub catalog: RwSignal<Option<Result<Catalog, String>>>,
}

thread_local! {
    /// The learner's role; `None` until they have chosen one. Not a signal:
    /// it changes rarely, and a change rebuilds the page as a change of
    /// language does (see [`set_role`]), which costs no signal code.
    static ROLE: Cell<Option<Role>> = const { Cell::new(None) };
}

/// The learner's role, if chosen.
pub fn role() -> Option<Role> {
    ROLE.with(Cell::get)
}

/// Read the stored role, once, at start-up.
pub fn load_role() {
    let stored = LocalStore.read(ROLE_KEY).ok().flatten().and_then(|r| Role::from_id(&r));
    ROLE.with(|r| r.set(stored));
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

/// A fetched content file: `None` while it loads, then the text or what
/// went wrong.
pub type Fetched = RwSignal<Option<Result<String, String>>>;

/// Fetch a compiled content file (`path` below `content/<lang>/`) in the
/// current language into `into`. The catalog and every page load through
/// this one function, so the async code is compiled once for all of them.
/// A plain task setting a signal rather than a `LocalResource`: the
/// resource's async-derived machinery cost about 8 KB gzip of wasm. The
/// result is dropped if the language changed while it loaded (a newer
/// fetch is on its way); a page left in the meantime ignores the write.
pub fn load_in(lang: RwSignal<Lang>, path: String, into: Fetched) {
    let asked = lang.get_untracked();
    leptos::task::spawn_local(async move {
        let text = browser::fetch_text(content_url(asked, &path)).await;
        if lang.get_untracked() == asked {
            into.set(Some(text));
        }
    });
}

/// Fetch one compiled item: `folder` is "lessons", "scenarios", "quizzes",
/// "guides" or "pages" (the glossary and the search index). A change of
/// language builds the page anew, and so fetches again.
pub fn load_item(folder: &'static str, id: &str) -> Fetched {
    let item = RwSignal::new(None);
    load_in(ctx().lang, format!("{folder}/{id}.json"), item);
    item
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

/// Remember the learner's role (a setting, kept apart from progress).
/// Kept even when storage is refused (for this visit). The caller builds
/// the page anew (see `app`).
pub fn set_role(role: Role) {
    let _ = LocalStore.write(ROLE_KEY, role.id());
    ROLE.with(|r| r.set(Some(role)));
}
