//! Course content: the compiled model the browser reads, and (with the
//! `authoring` feature, natively only) the compiler that makes it.
//!
//! Pipeline, run by `cargo xtask build` after Trunk has built the app shell:
//!
//! ```text
//! content/course.toml ─────────────┐
//! content/<lang>/lessons/*.md ─────┤                    <dist>/content/<lang>/index.json
//! content/<lang>/scenarios/*.toml ─┼─ compile::compile ─▶ <dist>/content/<lang>/lessons/<id>.json
//! content/<lang>/quizzes/*.toml ───┤                    <dist>/content/<lang>/scenarios/<id>.json
//! content/<lang>/glossary.toml ────┤                    <dist>/content/<lang>/pages/glossary.json, pages/search.json
//! content/<lang>/guides/*.md ──────┘                    <dist>/content/<lang>/guides/<id>.json
//!                                                      <dist>/content/<lang>/quizzes/<id>.json
//! ```
//!
//! The checks that need no file (a scenario's graph, a quiz's questions)
//! live beside the logic in `crate::quiz` and run on the compiled model;
//! the compiler maps each issue back to its line. The authoring format is
//! described for authors in `content/README.md`.
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
#[cfg(feature = "authoring")]
pub mod reference;
