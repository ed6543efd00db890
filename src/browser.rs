//! The few places the app touches the browser directly: the clock, fetching
//! content, and localStorage behind the [`Store`] trait.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::progress::{Store, StoreError};

/// Milliseconds since the Unix epoch.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Fetch a compiled content file (same origin only) as text.
///
/// One non-generic future for every kind of content keeps the wasm small:
/// the async machinery is compiled once, and only decoding is per type.
pub async fn fetch_text(url: String) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(&url)).await.map_err(|e| format!("{url}: {}", js_error(e)))?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js_error)?).await.map_err(js_error)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Decode fetched content. (The content check has already validated every
/// file; failing here means the server sent something else.)
pub fn decode<T: miniserde::Deserialize>(fetched: Result<String, String>) -> Result<T, String> {
    fetched.and_then(|text| miniserde::json::from_str(&text).map_err(|_| "not a compiled content file".to_string()))
}

/// The browser's localStorage. Every call can fail (disabled storage,
/// private mode, quota exceeded) and every failure is returned, never
/// panicked on.
pub struct LocalStore;

impl LocalStore {
    fn storage() -> Result<web_sys::Storage, StoreError> {
        let window = web_sys::window().ok_or_else(|| StoreError("no window".into()))?;
        match window.local_storage() {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(StoreError("localStorage is not available".into())),
            Err(e) => Err(StoreError(js_error(e))),
        }
    }
}

impl Store for LocalStore {
    fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::storage()?.get_item(key).map_err(|e| StoreError(js_error(e)))
    }

    fn write(&self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::storage()?.set_item(key, value).map_err(|e| StoreError(js_error(e)))
    }
}

/// The action a click asked for: the `data-act` of the nearest element
/// carrying one, and that element. Pages are plain markup (see `views`), so
/// each listens once on its container and dispatches on this.
pub fn action(ev: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-act]").ok()??;
    Some((el.get_attribute("data-act")?, el))
}

/// Listen to `event` on the window for the rest of the page's life (the
/// app's own listeners: history, link clicks, other tabs' storage). One
/// closure type for all of them keeps the wasm small.
pub fn listen_on_window(event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let f = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    }
    f.forget();
}

/// Offer `text` to the learner as a file download. Nothing leaves the
/// machine: the file is made from a blob in the page.
pub fn download(filename: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(js_error)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The text of the first file chosen in a file input, refusing files over
/// `limit` bytes before reading them.
pub async fn read_file(input: &web_sys::HtmlInputElement, limit: usize) -> Result<Option<String>, FileError> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return Ok(None) };
    let size = file.size() as usize;
    if size > limit {
        return Err(FileError::TooLarge(size));
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| FileError::Unreadable)?;
    Ok(text.as_string())
}

pub enum FileError {
    TooLarge(usize),
    Unreadable,
}

/// Ask the browser to keep this site's storage even when space runs low.
/// Where the browser has no such API, nothing happens.
pub fn request_persistent_storage() {
    if let Some(w) = web_sys::window() {
        let storage = w.navigator().storage();
        if js_sys::Reflect::has(&storage, &JsValue::from_str("persist")).unwrap_or(false) {
            let _ = storage.persist();
        }
    }
}

/// Today as YYYY-MM-DD in the learner's time zone.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Record a performance mark, read by `cargo xtask bench` to time renders.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Move keyboard focus to the element with this id, if it exists, so a
/// screen reader announces the new content after a page or step change.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
