//! Interface strings, Danish and English.
//!
//! Every string the interface shows comes from one [`Ui`] table per language.
//! The table is a struct, not a map, so a string missing in one language is a
//! compile error rather than a blank on screen. Course text is not here: it
//! lives in `content/<lang>/`.

mod da;
mod en;


#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, miniserde::Serialize, miniserde::Deserialize)]
pub enum Lang {
    /// Danish is the default language of the course.
    #[default]
    #[serde(rename = "da")]
    Da,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// BCP 47 code, used for `<html lang>` and content folders.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }

    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Da => &da::UI,
            Lang::En => &en::UI,
        }
    }
}

/// One language's interface strings.
///
/// Strings with a `{}` take one value, filled in with [`fill`].
pub struct Ui {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    /// Label of the language switch, written in the language it switches to.
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub nav_label: &'static str,
    pub nav_overview: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_overview: &'static str,
    pub core_module: &'static str,
    pub audience_police: &'static str,
    pub audience_health: &'static str,
    pub audience_embassy: &'static str,
    pub kind_lesson: &'static str,
    pub kind_scenario: &'static str,
    pub minutes: &'static str,
    pub status_done: &'static str,
    pub status_not_started: &'static str,
    pub status_in_progress: &'static str,
    pub status_score: &'static str,
    pub overview_progress: &'static str,
    pub content_error: &'static str,
    pub lesson_sources: &'static str,
    pub lesson_updated: &'static str,
    pub mark_read: &'static str,
    pub marked_read: &'static str,
    pub scenario_start: &'static str,
    pub scenario_resume: &'static str,
    pub scenario_restart: &'static str,
    pub scenario_choose: &'static str,
    pub scenario_confirm: &'static str,
    pub scenario_pick_first: &'static str,
    pub scenario_continue: &'static str,
    pub scenario_feedback: &'static str,
    pub scenario_step_of: &'static str,
    pub scenario_result: &'static str,
    pub scenario_score: &'static str,
    pub grade_best: &'static str,
    pub grade_acceptable: &'static str,
    pub grade_harmful: &'static str,
    pub quality_best: &'static str,
    pub quality_acceptable: &'static str,
    pub quality_harmful: &'static str,
    pub replay_title: &'static str,
    pub replay_yours: &'static str,
    pub replay_recommended: &'static str,
    pub learn_more: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_future: &'static str,
    pub storage_unavailable: &'static str,
    pub dismiss: &'static str,
    pub footer_privacy: &'static str,
    pub footer_emergency: &'static str,
}

/// Put `value` in place of the first `{}` in `template`.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("sv"), None);
        assert_eq!(Lang::default(), Lang::Da);
    }

    #[test]
    fn fill_replaces_one_placeholder() {
        assert_eq!(fill("{} af {}", 3), "3 af {}");
    }

    #[test]
    fn languages_differ_and_none_is_blank() {
        // A cheap guard against a table copied without translation.
        let (da, en) = (Lang::Da.ui(), Lang::En.ui());
        assert_ne!(da.mark_read, en.mark_read);
        assert!(!da.app_title.is_empty() && !en.app_title.is_empty());
    }
}
