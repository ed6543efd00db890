//! Kend tegnene: a self-study course on recognising the signs of human
//! trafficking. See ARCHITECTURE.md for the map.
//!
//! `content`, `quiz`, `progress` and `i18n` are plain Rust: they build and
//! test natively, without a browser and without Leptos. The browser app
//! (`app` and its pages) is compiled for wasm32 only.

pub mod content;
pub mod html;
pub mod i18n;
/// The static pages the build writes (native only).
#[cfg(feature = "authoring")]
pub mod prerender;
pub mod progress;
pub mod quiz;
pub mod role;
pub mod route;
pub mod scorm;
pub mod views;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
// The LMS bridge is in the SCORM packages' build only (`--features lms`);
// the website's shell gets the stand-in, which does nothing.
#[cfg(all(target_arch = "wasm32", feature = "lms"))]
mod lms;
#[cfg(all(target_arch = "wasm32", not(feature = "lms")))]
#[path = "lms_off.rs"]
mod lms;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod router;
#[cfg(target_arch = "wasm32")]
mod state;
