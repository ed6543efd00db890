//! End-to-end tests in real headless Chromium against the built course:
//! real clicks, real keys, real localStorage, a real reload.
//!
//! Needs `dist/` (built by `cargo xtask test`, which runs these).

#[path = "../support/mod.rs"]
mod support;

mod a11y;
mod foundation;
mod judgement;
mod learner;
mod prerender;
mod progress;
mod quiz;
mod screenshots;
mod size;
