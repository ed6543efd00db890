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
        .unwrap_or_else(|| format!("{e:?}"))
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
