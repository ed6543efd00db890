//! Interface strings, Danish and English.
//!
//! Every string the interface shows comes from one [`Ui`] table per language.
//! The table is a struct, not a map, so a string missing in one language is a
//! compile error rather than a blank on screen. Course text is not here: it
//! lives in `content/<lang>/`.

mod da;
mod en;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, miniserde::Serialize, miniserde::Deserialize,
)]
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

    /// Where this language's addresses start: Danish at the root, English
    /// under /en (see ARCHITECTURE.md, "Language in the address").
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Da => "",
            Lang::En => "/en",
        }
    }

    /// An in-app address (`/lesson/x#y`, written without a language) in
    /// this language: `/en/lesson/x#y`, and `/en/` for the overview.
    pub fn href(self, path: &str) -> String {
        match (self.prefix(), path) {
            ("", _) => path.to_string(),
            (prefix, "/") => format!("{prefix}/"),
            (prefix, _) => format!("{prefix}{path}"),
        }
    }

    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Da => &da::UI,
            Lang::En => &en::UI,
        }
    }

    /// The learning platform bar's strings: a table of their own, so the
    /// website's build, which has no LMS bridge, leaves them out.
    pub fn lms(self) -> &'static LmsUi {
        match self {
            Lang::Da => &da::LMS,
            Lang::En => &en::LMS,
        }
    }
}

/// The learning platform (LMS) bar: connected, none answering, review
/// mode, commits failing (`{}` the LMS's error code), the button, closed.
pub struct LmsUi {
    pub connected: &'static str,
    pub absent: &'static str,
    pub read_only: &'static str,
    pub failing: &'static str,
    pub close: &'static str,
    pub closed: &'static str,
}

/// One language's interface strings.
///
/// Strings with a `{}` take one value, filled in with [`fill`].
pub struct Ui {
    /// The language these strings are in: views write links in it.
    pub lang: Lang,
    pub app_title: &'static str,
    /// The page description search engines show, on every page.
    pub meta_description: &'static str,
    /// Said on a case, a check, "your data" and the certificate when the app
    /// cannot run (JavaScript off, an old browser, a failed download).
    pub needs_browser: &'static str,
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
    pub scenario_restart: &'static str,
    pub scenario_choose: &'static str,
    pub scenario_confirm: &'static str,
    pub scenario_pick_first: &'static str,
    pub scenario_continue: &'static str,
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
    pub scenario_dilemma: &'static str,
    pub scenario_consequence: &'static str,
    pub scenario_costs: &'static str,
    pub scenario_no_costs: &'static str,
    pub scenario_scoring: &'static str,
    pub replay_shown: &'static str,
    pub pre_offer: &'static str,
    pub pre_title: &'static str,
    pub pre_intro: &'static str,
    pub pre_start: &'static str,
    pub pre_result: &'static str,
    pub pre_then: &'static str,
    pub gain_title: &'static str,
    pub gain_before: &'static str,
    pub gain_after: &'static str,
    pub gain_none: &'static str,
    pub gain_sure_wrong: &'static str,
    pub learn_more: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_future: &'static str,
    pub storage_unavailable: &'static str,
    pub dismiss: &'static str,
    pub footer_privacy: &'static str,
    pub footer_emergency: &'static str,
    pub nav_data: &'static str,
    pub data_title: &'static str,
    pub data_intro: &'static str,
    pub export_title: &'static str,
    pub export_text: &'static str,
    pub export_button: &'static str,
    pub import_title: &'static str,
    pub import_text: &'static str,
    pub import_label: &'static str,
    pub import_preview: &'static str,
    pub import_lessons: &'static str,
    pub import_scenarios: &'static str,
    pub import_quizzes: &'static str,
    pub import_items: &'static str,
    pub import_unchanged: &'static str,
    pub import_confirm: &'static str,
    pub cancel: &'static str,
    pub import_done: &'static str,
    pub import_error_title: &'static str,
    pub import_too_large: &'static str,
    pub import_not_json: &'static str,
    pub import_not_progress: &'static str,
    pub import_future: &'static str,
    pub import_invalid: &'static str,
    pub import_unreadable: &'static str,
    pub reset_title: &'static str,
    pub reset_text: &'static str,
    pub reset_button: &'static str,
    pub reset_confirm_text: &'static str,
    pub reset_confirm: &'static str,
    pub reset_done: &'static str,
    pub backup_title: &'static str,
    pub backup_text: &'static str,
    pub backup_button: &'static str,
    pub storage_save_copy: &'static str,
    pub certificate_link: &'static str,
    pub certificate_title: &'static str,
    pub certificate_statement: &'static str,
    pub certificate_name: &'static str,
    pub certificate_completed_by: &'static str,
    pub certificate_module: &'static str,
    pub certificate_date: &'static str,
    pub certificate_version: &'static str,
    pub certificate_print: &'static str,
    pub certificate_incomplete: &'static str,
    pub kind_quiz: &'static str,
    pub quiz_start: &'static str,
    pub quiz_question_of: &'static str,
    pub quiz_check: &'static str,
    pub quiz_next: &'static str,
    pub quiz_finish: &'static str,
    pub quiz_pick_first: &'static str,
    pub quiz_confidence: &'static str,
    pub quiz_confidence_first: &'static str,
    pub confidence_guess: &'static str,
    pub confidence_fairly: &'static str,
    pub confidence_sure: &'static str,
    pub quiz_correct: &'static str,
    pub quiz_partly: &'static str,
    pub quiz_wrong: &'static str,
    pub quiz_your_answer: &'static str,
    pub quiz_should_choose: &'static str,
    pub quiz_missed_sign: &'static str,
    pub quiz_marked_sign: &'static str,
    pub quiz_not_sign: &'static str,
    pub quiz_true: &'static str,
    pub quiz_false: &'static str,
    pub quiz_choose_all: &'static str,
    pub quiz_mark_signs: &'static str,
    pub quiz_order_help: &'static str,
    pub quiz_move_up: &'static str,
    pub quiz_move_down: &'static str,
    pub quiz_result: &'static str,
    pub quiz_score: &'static str,
    pub quiz_by_tag: &'static str,
    pub quiz_tag_score: &'static str,
    pub quiz_calibration: &'static str,
    pub quiz_sure_wrong: &'static str,
    pub quiz_well_calibrated: &'static str,
    pub quiz_retry: &'static str,
    pub quiz_restart: &'static str,
    pub quiz_review_later: &'static str,
    pub review_due: &'static str,
    pub review_start: &'static str,
    pub review_none: &'static str,
    pub tag_recruitment_deception: &'static str,
    pub tag_recruitment_coercion: &'static str,
    pub tag_recruitment_vulnerability: &'static str,
    pub tag_exploitation: &'static str,
    pub tag_coercion: &'static str,
    pub tag_vulnerability: &'static str,
    pub tag_behaviour: &'static str,
    pub tag_child: &'static str,
    pub nav_now: &'static str,
    pub nav_glossary: &'static str,
    pub nav_search: &'static str,
    pub search_none: &'static str,
    pub search_count: &'static str,
    pub guide_general: &'static str,
    pub role_title: &'static str,
    pub role_intro: &'static str,
    pub role_police: &'static str,
    pub role_health: &'static str,
    pub role_embassy: &'static str,
    pub role_other: &'static str,
    pub continue_link: &'static str,
    pub start_link: &'static str,
    pub all_done: &'static str,
    pub your_track: &'static str,
    pub other_tracks: &'static str,
}

impl Ui {
    /// The learner-facing name of an indicator tag (see the taxonomy in
    /// `content::INDICATOR_TAGS`); an unknown tag is shown as it is.
    pub fn tag<'a>(&'static self, tag: &'a str) -> &'a str {
        match tag {
            "recruitment-deception" => self.tag_recruitment_deception,
            "recruitment-coercion" => self.tag_recruitment_coercion,
            "recruitment-vulnerability" => self.tag_recruitment_vulnerability,
            "exploitation" => self.tag_exploitation,
            "coercion" => self.tag_coercion,
            "vulnerability" => self.tag_vulnerability,
            "behaviour" => self.tag_behaviour,
            "child" => self.tag_child,
            other => other,
        }
    }
}

/// Strings of pages written whole at build time (the glossary, the guides):
/// kept out of [`Ui`] so they are not in the wasm.
#[cfg(feature = "authoring")]
pub struct Authored {
    pub glossary_intro: &'static str,
    pub glossary_source: &'static str,
    pub guide_other: &'static str,
    pub guide_print: &'static str,
}

#[cfg(feature = "authoring")]
impl Lang {
    pub fn authored(self) -> &'static Authored {
        match self {
            Lang::Da => &da::AUTHORED,
            Lang::En => &en::AUTHORED,
        }
    }
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
    fn every_indicator_tag_has_a_name_in_both_languages() {
        for lang in Lang::ALL {
            for tag in crate::content::INDICATOR_TAGS {
                assert_ne!(lang.ui().tag(tag), tag, "{tag} has no {} name", lang.code());
            }
        }
    }

    #[test]
    fn languages_differ_and_none_is_blank() {
        // A cheap guard against a table copied without translation.
        let (da, en) = (Lang::Da.ui(), Lang::En.ui());
        assert_ne!(da.mark_read, en.mark_read);
        assert!(!da.app_title.is_empty() && !en.app_title.is_empty());
    }

    #[test]
    fn the_lms_bar_is_in_both_languages_with_its_placeholder() {
        for lang in Lang::ALL {
            let l = lang.lms();
            for text in [l.connected, l.absent, l.read_only, l.failing, l.close, l.closed] {
                assert!(!text.is_empty());
                assert_eq!(text.matches("{}").count(), usize::from(text == l.failing), "{text}");
            }
        }
        assert_ne!(Lang::Da.lms().close, Lang::En.lms().close);
    }
}
