use leptos::prelude::*;

use super::markup;
use crate::state::ctx;
use crate::views::shell;

/// The page for an address the app does not know, or a module that is not
/// in the course.
pub fn not_found() -> AnyView {
    markup(shell::not_found(ctx().lang.get_untracked()))
}
