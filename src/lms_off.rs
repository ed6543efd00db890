//! The website's stand-in for `lms.rs`: the LMS bridge is compiled only into
//! the SCORM packages' build of the app (`--features lms`), so the website's
//! shell carries none of it. Every function says "no LMS", and the compiler
//! drops the branches that depend on one.

use crate::browser::LocalStore;
use crate::i18n::Lang;
use crate::progress::Store;
use crate::router::Location;
use crate::state::Ctx;

pub struct Lms {
    pub package: crate::scorm::Package,
}

pub fn active() -> Option<&'static Lms> {
    None
}

pub fn start() -> Option<&'static Lms> {
    None
}

pub fn store() -> &'static dyn Store {
    &LocalStore
}

pub fn start_path() -> Option<String> {
    None
}

pub fn close() {}

pub fn watch(_: Ctx, _: Location) {}

pub fn bar(_: Lang) -> String {
    String::new()
}
