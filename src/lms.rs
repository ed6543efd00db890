//! The browser side of running inside a learning platform (LMS). Thin: the
//! launch page (`lms.js`) finds the SCORM API object and the package's
//! `lms.json`; this hands them to the pure [`crate::scorm`] logic, keeps
//! progress in `suspend_data` through the `Store` trait, and shows the
//! state with "Save and close".

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::Ctx;
use crate::browser::{self, now, LocalStore};
use crate::progress::Store;
use crate::router::Location;
use crate::scorm::session::LmsStore;
use crate::scorm::{self, Api, Package, Session, State, Version};
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
    banner: RwSignal<Banner>,
}

thread_local! {
    static LMS: std::cell::Cell<Option<&'static Lms>> = const { std::cell::Cell::new(None) };
}

/// The LMS launch, if the course was started from the package's launch
/// page (`None` on the website).
pub fn active() -> Option<&'static Lms> {
    LMS.with(|l| l.get())
}

/// Read what the launch page found and start the session. Call once, from
/// the app root, before anything reads progress.
pub fn start() -> Option<&'static Lms> {
    let launch = js_sys::Reflect::get(&js_sys::global(), &"ktLms".into()).ok().filter(|v| v.is_object())?;
    let get = |k: &str| js_sys::Reflect::get(&launch, &k.into()).ok();
    let package: Package = miniserde::json::from_str(&get("config")?.as_string()?).ok()?;
    let version = Version::from_code(&package.scorm)?;
    let session = get("api")
        .filter(|a| a.is_object())
        .and_then(|api| Session::start(JsApi(api), version, now()).ok())
        .map(RefCell::new);
    let banner = RwSignal::new(if session.is_some() { Banner::Connected } else { Banner::Absent });
    let lms: &'static Lms = Box::leak(Box::new(Lms { package, session, banner }));
    LMS.with(|l| l.set(Some(lms)));
    lms.refresh();
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
        let Some(s) = &self.session else { return };
        let s = s.borrow();
        let b = match s.state() {
            State::Saved | State::Pending => Banner::Connected,
            State::ReadOnly => Banner::ReadOnly,
            State::Failing => Banner::Failing(s.last_error.clone().unwrap_or_default()),
            State::Closed if s.last_error.is_some() => Banner::Failing(s.last_error.clone().unwrap_or_default()),
            State::Closed => Banner::Closed,
        };
        if self.banner.get_untracked() != b {
            self.banner.set(b);
        }
    }

    /// Finish the session (once, whoever asks first).
    fn close(&self) {
        if let Some(s) = &self.session {
            let _ = s.borrow_mut().finish(now());
            self.refresh();
        }
    }
}

/// Report results and the location as they change, commit when due, and
/// finish when the page goes away.
pub fn watch(ctx: Ctx, location: Location) {
    let Some(lms) = active() else { return };
    let Some(session) = &lms.session else { return };
    let mastery = session.borrow().launch.mastery.unwrap_or(lms.package.mastery);
    Effect::new(move || {
        ctx.catalog.with(|c| {
            if let Some(Ok(c)) = c {
                let r = ctx.progress.with(|p| scorm::report(c, &lms.package.modules, p, mastery));
                session.borrow_mut().report(&r, now());
            }
        });
    });
    Effect::new(move || {
        let href = location.route.with(|r| r.href());
        session.borrow_mut().set_location(&href, now());
    });
    let _ = set_interval_with_handle(
        move || {
            session.borrow_mut().tick(now());
            lms.refresh();
        },
        std::time::Duration::from_secs(1),
    );
    // The LMS's API lives in the parent window, which outlives this frame:
    // Finish is handed to it here, without waiting on anything during unload.
    browser::listen_on_window("pagehide", move |_| lms.close());
}

/// The bar with the state and "Save and close" (nothing on the website).
pub fn bar() -> impl IntoView {
    let on_click = move |ev: leptos::ev::MouseEvent| match browser::action(&ev).map(|(a, _)| a).as_deref() {
        Some("lms-close") => {
            if let Some(l) = active() {
                l.close();
            }
        }
        Some("export") => crate::pages::settings::export_progress(),
        _ => {}
    };
    let html = move || match active() {
        Some(l) => crate::views::lms::banner(crate::app::ctx().lang.get(), &l.banner.get()),
        None => String::new(),
    };
    view! { <div on:click=on_click inner_html=html></div> }
}
