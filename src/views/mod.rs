//! Pages as HTML, written by pure functions: what a page shows for a given
//! model, progress and state. The page components (`src/pages/`) only keep
//! the state, call these, and turn clicks and form submits into progress
//! updates. Being pure, these are tested natively.
//!
//! Interactive elements carry `data-act` (and `data-i` for an index); the
//! page listens once on its container and dispatches on those.

pub mod certificate;
pub mod chart;
pub mod lesson;
pub mod lms;
pub mod overview;
pub mod quiz;
pub mod reference;
pub mod scenario;
pub mod settings;
pub mod shell;
#[cfg(feature = "authoring")]
pub mod storyboard;
