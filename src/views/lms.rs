//! The bar that says how the course stands with the learning platform (LMS)
//! when it was launched from one, with "Save and close".

use crate::html::Html;
use crate::i18n::{fill, Lang};

/// What the learner is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banner {
    /// The LMS answers and records progress.
    Connected,
    /// Launched as a package, but no LMS answered: progress stays in the
    /// browser.
    Absent,
    /// Review, browse or no-credit: nothing is recorded.
    ReadOnly,
    /// Saving in the LMS fails (its error code); a copy is offered.
    Failing(String),
    /// Finished; the window may be closed.
    Closed,
}

pub fn banner(lang: Lang, b: &Banner) -> String {
    let (ui, lms) = (lang.ui(), lang.lms());
    let mut h = Html::new();
    let alert = matches!(b, Banner::Absent | Banner::Failing(_));
    h.open(
        "div",
        &[
            ("class", if alert { "notice lms-bar" } else { "lms-bar" }),
            ("id", "lms-status"),
            ("role", if alert { "alert" } else { "status" }),
        ],
    );
    let text = match b {
        Banner::Connected => lms.connected.to_string(),
        Banner::Absent => lms.absent.to_string(),
        Banner::ReadOnly => lms.read_only.to_string(),
        Banner::Failing(code) => fill(lms.failing, code),
        Banner::Closed => lms.closed.to_string(),
    };
    h.el("p", &[], &text);
    if let Banner::Failing(_) = b {
        h.el(
            "button",
            &[("type", "button"), ("class", "button secondary"), ("data-act", "export")],
            ui.storage_save_copy,
        );
    }
    if matches!(b, Banner::Connected | Banner::ReadOnly | Banner::Failing(_)) {
        h.el(
            "button",
            &[("type", "button"), ("class", "button"), ("id", "lms-close"), ("data-act", "lms-close")],
            lms.close,
        );
    }
    h.close("div");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_says_what_is_recorded_and_offers_what_helps() {
        let failing = banner(Lang::En, &Banner::Failing("101".into()));
        assert!(failing.contains("could not be saved in the learning platform (error code 101)"));
        assert!(failing.contains("data-act=\"export\"") && failing.contains("role=\"alert\""));
        let absent = banner(Lang::Da, &Banner::Absent);
        assert!(absent.contains("kun i denne browser") && !absent.contains("lms-close"));
        assert!(banner(Lang::En, &Banner::Connected).contains(">Save and close</button>"));
        assert!(!banner(Lang::En, &Banner::Closed).contains("<button"));
    }
}
