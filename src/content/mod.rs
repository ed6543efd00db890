//! Course content: the compiled model the browser reads, and (with the
//! `authoring` feature, natively only) the compiler that makes it.
//!
//! Pipeline, run by `cargo xtask build` after Trunk has built the app shell:
//!
//! ```text
//! content/course.toml ─┐
//! content/<lang>/lessons/*.md ──┼─ compile::compile ─▶ <dist>/content/<lang>/index.json
//! content/<lang>/scenarios/*.toml ┘                    <dist>/content/<lang>/lessons/<id>.json
//!                                                     <dist>/content/<lang>/scenarios/<id>.json
//! ```
//!
//! The compiler never stops at the first problem: it reports every one with
//! file and line, and still writes the rest, so one broken file leaves the
//! course usable and the app names the file that failed.

pub mod model;
pub use model::*;

#[cfg(feature = "authoring")]
pub mod compile;
#[cfg(feature = "authoring")]
pub mod markdown;
