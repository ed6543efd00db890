//! The browser side of running inside a learning platform (LMS). Thin: the
//! launch page (`lms.js`) finds the SCORM API object and the package's
//! `lms.json`; this hands them to the pure [`crate::scorm`] logic, keeps
//! progress in `suspend_data` through the `Store` trait, and shows the
//! state with "Save and close".

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::{self, now, LocalStore};
use crate::progress::Store;
use crate::router::Location;
use crate::scorm::session::LmsStore;
use crate::scorm::{self, Api, Package, Session, State, Version};
use crate::state::Ctx;
use crate::views::lms::Banner;

/// The LMS's API object, called through JS reflection.
pub struct JsApi(JsValue);

impl Api for JsApi {
    fn call(&self, method: &str, args: &[&str]) -> String {
        let Some(f) =
            js_sys::Reflect::get(&self.0, &method.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        else {
            return "false".into();
        };
        let list = js_sys::Array::new();
        for a in args {
            list.push(&JsValue::from_str(a));
        }
        match f.apply(&self.0, &list) {
            Ok(v) => v
                .as_string()
                .or_else(|| v.as_bool().map(|b| b.to_string()))
                .or_else(|| v.as_f64().map(|n| (n as i64).to_string()))
                .unwrap_or_default(),
            Err(_) => "false".into(),
        }
    }
}

pub struct Lms {
    pub package: Package,
    /// `None` when no LMS answered: the course then keeps progress in the
    /// browser.
    session: Option<RefCell<Session<JsApi>>>,
    /// The session's state as last shown (`None`: no LMS). A small `Copy`
    /// value, so the bar re-renders only when it changes.
    state: RwSignal<Option<State>>,
    /// What `sync` reads: set by `watch`.
    app: std::cell::Cell<Option<(Ctx, Location)>>,
}

thread_local! {
    static LMS: std::cell::Cell<Option<&'static Lms>> = const { std::cell::Cell::new(None) };
}

/// The LMS launch, if the course was started from the package's launch
/// page (`None` on the website).
pub fn active() -> Option<&'static Lms> {
    LMS.with(|l| l.get())
}

/// Read what the launch page found (`globalThis.ktLms`: the API object,
/// and from `lms.json` the version, the modules and the mastery score) and
/// start the session. Call once, from the app root, before anything reads
/// progress.
pub fn start() -> Option<&'static Lms> {
    let launch = js_sys::Reflect::get(&js_sys::global(), &"ktLms".into()).ok().filter(|v| v.is_object())?;
    let get = |k: &str| js_sys::Reflect::get(&launch, &k.into()).ok();
    let text = |k: &str| get(k).and_then(|v| v.as_string()).unwrap_or_default();
    let version = Version::from_code(&text("scorm"))?;
    let modules = text("modules").split(',').filter(|m| !m.is_empty()).map(String::from).collect();
    let mastery = scorm::session::percent(&text("mastery"), false).unwrap_or(scorm::DEFAULT_MASTERY);
    let package = Package { scorm: String::new(), modules, mastery, js: String::new(), wasm: String::new() };
    let session = get("api")
        .filter(|a| a.is_object())
        .and_then(|api| Session::start(JsApi(api), version, now()).ok())
        .map(RefCell::new);
    let state = RwSignal::new(session.as_ref().map(|s| s.borrow().state()));
    let lms: &'static Lms = Box::leak(Box::new(Lms { package, session, state, app: Default::default() }));
    LMS.with(|l| l.set(Some(lms)));
    Some(lms)
}

/// Where progress is kept: the LMS's `suspend_data` when one answered,
/// otherwise the browser.
pub fn store() -> &'static dyn Store {
    match active().and_then(|l| l.session.as_ref()) {
        Some(session) => Box::leak(Box::new(LmsStore { session, other: &LocalStore, now })),
        None => &LocalStore,
    }
}

/// The route to open at launch: where the learner was.
pub fn start_path() -> Option<String> {
    let lms = active()?;
    let location = lms.session.as_ref().map(|s| s.borrow().launch.location.clone()).unwrap_or_default();
    Some(if location.starts_with('/') { location } else { "/".into() })
}

impl Lms {
    fn refresh(&self) {
        let state = self.session.as_ref().map(|s| s.borrow().state());
        if self.state.get_untracked() != state {
            self.state.set(state);
        }
    }
}

/// Tell the session where the learner is and stands (it sends only what
/// changed), then commit if one is due. Run every second rather than from
/// effects: a second is soon enough, and the wasm stays smaller.
fn sync(finish: bool) {
    let Some(lms) = active() else { return };
    if let (Some(session), Some((ctx, location))) = (&lms.session, lms.app.get()) {
        let mut s = session.borrow_mut();
        let mastery = s.launch.mastery.unwrap_or(lms.package.mastery);
        s.set_location(&location.route.get_untracked().href(), now());
        ctx.catalog.with_untracked(|c| {
            if let Some(Ok(c)) = c {
                let r = ctx.progress.with_untracked(|p| scorm::report(c, &lms.package.modules, p, mastery));
                s.report(&r, now());
            }
        });
        s.tick(now());
        if finish {
            let _ = s.finish(now());
        }
    }
    lms.refresh();
}

/// Finish the session (once, whoever asks first): "Save and close".
pub fn close() {
    sync(true);
}

/// Report results and the location, commit when due, and finish when the
/// page goes away.
pub fn watch(ctx: Ctx, location: Location) {
    let Some(lms) = active() else { return };
    lms.app.set(Some((ctx, location)));
    every(1000, move |_| sync(false));
    // The LMS's API lives in the parent window, which outlives this frame:
    // Finish is handed to it here, without waiting on anything during unload.
    browser::listen_on_window("pagehide", move |_| close());
}

/// The LMS bar's markup (empty on the website); the app shows it with the
/// storage notice and handles its buttons ("lms-close", "export").
pub fn bar(lang: crate::i18n::Lang) -> String {
    let Some(lms) = active() else { return String::new() };
    let error = || lms.session.as_ref().and_then(|s| s.borrow().last_error.clone()).unwrap_or_default();
    let banner = match lms.state.get() {
        None => Banner::Absent,
        Some(State::Saved | State::Pending) => Banner::Connected,
        Some(State::ReadOnly) => Banner::ReadOnly,
        Some(State::Failing) => Banner::Failing(error()),
        Some(State::Closed) if !error().is_empty() => Banner::Failing(error()),
        Some(State::Closed) => Banner::Closed,
    };
    crate::views::lms::banner(lang, &banner)
}

/// Call `f` every `ms` milliseconds for the rest of the page's life. (The
/// same closure type as `browser::listen_on_window`; `f` gets no real event.)
fn every(ms: i32, f: impl FnMut(web_sys::Event) + 'static) {
    let f = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(f.as_ref().unchecked_ref(), ms);
    }
    f.forget();
}
