//! The course inside a learning platform (LMS): SCORM 1.2 and SCORM 2004
//! 4th edition, as plain Rust tested natively. The browser side
//! (`lms.rs`) only finds the LMS's API object and calls it.
//!
//! - [`Version`]: the two data models' names for the same things.
//! - [`session`]: the API state machine (initialize, read the launch data,
//!   write, debounced commits with retries, finish exactly once).
//! - [`encode`]: progress as compact, versioned `suspend_data`.
//! - [`report`]: completion, success and score from progress.
//! - [`time`]: session time in each version's format.
//!
//! Another runtime (cmi5/xAPI) would add a sibling of `session` that sends
//! the same [`Report`] as statements; `encode` and `report` stay as they are.

pub mod encode;
pub mod session;
pub mod time;

use crate::content::{Catalog, ItemKind};
use crate::progress::Progress;
use crate::views::overview::{completion, Completion};

pub use session::{Api, Launch, Session, State};

/// The mastery score when the package does not set one: a learner passes
/// with 80 % on average over the package's knowledge checks.
pub const DEFAULT_MASTERY: u8 = 80;

/// What `cargo xtask package` tells the launch page about its package, in
/// `lms.json`.
#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Package {
    /// `"1.2"` or `"2004"`.
    pub scorm: String,
    /// The modules in the package (their ids); the course shows only these.
    pub modules: Vec<String>,
    /// Mastery score, 0-100 (an LMS's own overrides it).
    pub mastery: u8,
    /// The app's JS glue and wasm, relative to the launch page.
    pub js: String,
    pub wasm: String,
}

impl Package {
    /// Show only the package's modules.
    pub fn keep_modules(&self, catalog: &mut Catalog) {
        catalog.modules.retain(|m| self.modules.is_empty() || self.modules.contains(&m.id));
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    Scorm12,
    Scorm2004,
}

/// The data model elements the course uses, named per version by
/// [`Version::element`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum El {
    Entry,
    Mode,
    Credit,
    /// 1.2: lesson_status; 2004: completion_status.
    Completion,
    /// 2004 only: success_status. (1.2 folds it into lesson_status.)
    Success,
    Location,
    SuspendData,
    ScoreRaw,
    ScoreMin,
    ScoreMax,
    ScoreScaled,
    SessionTime,
    Exit,
    Mastery,
}

impl El {
    pub const COUNT: usize = El::Mastery as usize + 1;
}

impl Version {
    /// `"1.2"` or `"2004"`, as the package's `lms.json` says.
    pub fn from_code(code: &str) -> Option<Version> {
        match code {
            "1.2" => Some(Version::Scorm12),
            "2004" => Some(Version::Scorm2004),
            _ => None,
        }
    }

    /// The name of the API object the LMS puts on a parent window.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }

    /// The API's methods: initialize, get, set, commit, finish, last error.
    pub fn method(self, m: Method) -> &'static str {
        let names = match self {
            Version::Scorm12 => {
                ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish", "LMSGetLastError"]
            }
            Version::Scorm2004 => ["Initialize", "GetValue", "SetValue", "Commit", "Terminate", "GetLastError"],
        };
        names[m as usize]
    }

    /// The element's name, or `None` where this version has no such element.
    pub fn element(self, e: El) -> Option<&'static str> {
        // In the order of `El`: (1.2, 2004); "" where there is none. A
        // table rather than a match: smaller in the wasm.
        const NAMES: [(&str, &str); El::COUNT] = [
            ("cmi.core.entry", "cmi.entry"),
            ("cmi.core.lesson_mode", "cmi.mode"),
            ("cmi.core.credit", "cmi.credit"),
            ("cmi.core.lesson_status", "cmi.completion_status"),
            ("", "cmi.success_status"),
            ("cmi.core.lesson_location", "cmi.location"),
            ("cmi.suspend_data", "cmi.suspend_data"),
            ("cmi.core.score.raw", "cmi.score.raw"),
            ("cmi.core.score.min", "cmi.score.min"),
            ("cmi.core.score.max", "cmi.score.max"),
            ("", "cmi.score.scaled"),
            ("cmi.core.session_time", "cmi.session_time"),
            ("cmi.core.exit", "cmi.exit"),
            ("cmi.student_data.mastery_score", "cmi.scaled_passing_score"),
        ];
        let (v12, v2004) = NAMES[e as usize];
        let name = if self == Version::Scorm12 { v12 } else { v2004 };
        (!name.is_empty()).then_some(name)
    }

    /// The most `suspend_data` may hold: CMIString4096 in 1.2; 64,000
    /// characters in 2004.
    pub fn suspend_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4096,
            Version::Scorm2004 => 64_000,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Initialize,
    Get,
    Set,
    Commit,
    Finish,
    LastError,
}

/// What the LMS is told about the learner, worked out from progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    /// Every item of the package's modules is done.
    pub done: bool,
    /// Average best score over the package's knowledge checks (0-100),
    /// once every check has a finished round.
    pub score: Option<u8>,
    /// The score reaches the mastery score (once there is a score).
    pub passed: Option<bool>,
}

/// The report for the package's `modules` (all modules when empty), with
/// the same idea of "done" the overview and the certificate use.
pub fn report(catalog: &Catalog, modules: &[String], p: &Progress, mastery: u8) -> Report {
    let items: Vec<_> = catalog
        .modules
        .iter()
        .filter(|m| modules.is_empty() || modules.contains(&m.id))
        .flat_map(|m| &m.items)
        .collect();
    let state = |i| completion(p, i);
    let done = !items.is_empty() && items.iter().all(|i| matches!(state(i), Completion::Done(_)));
    let checks: Vec<_> = items.iter().filter(|i| i.kind == ItemKind::Quiz).map(|i| state(i)).collect();
    let score = if checks.iter().all(|c| matches!(c, Completion::Done(_))) && !checks.is_empty() {
        let sum: u32 =
            checks.iter().map(|c| if let Completion::Done(b) = c { u32::from(b.unwrap_or(0)) } else { 0 }).sum();
        Some(((sum + checks.len() as u32 / 2) / checks.len() as u32) as u8)
    } else {
        None
    };
    Report { done, score, passed: score.map(|s| s >= mastery) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::{Item, Module};

    /// The real course's catalog, compiled from `content/`.
    pub fn catalog() -> Catalog {
        let compiled =
            crate::content::compile::compile(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")));
        let index = compiled.files.iter().find(|(path, _)| path.ends_with("da/index.json")).expect("a Danish catalog");
        miniserde::json::from_str(&index.1).expect("the catalog decodes")
    }

    fn item(id: &str, kind: ItemKind) -> Item {
        Item { id: id.into(), kind, title: id.into(), minutes: 1, error: None, precheck: 0 }
    }

    fn small() -> Catalog {
        let module = |id: &str, items| Module { id: id.into(), title: id.into(), audience: None, items };
        Catalog {
            lang: crate::i18n::Lang::Da,
            content_version: "x".into(),
            modules: vec![
                module("core", vec![item("l", ItemKind::Lesson), item("c1", ItemKind::Quiz)]),
                module("police", vec![item("s", ItemKind::Scenario), item("c2", ItemKind::Quiz)]),
                module("health", vec![item("c3", ItemKind::Quiz)]),
            ],
        }
    }

    #[test]
    fn done_only_when_every_item_of_the_package_is_done() {
        let c = small();
        let mods = vec!["core".to_string(), "police".to_string()];
        let mut p = Progress::default();
        assert_eq!(report(&c, &mods, &p, 80), Report { done: false, score: None, passed: None });
        p.finish_round("c1", 100, 1);
        p.finish_round("c2", 70, 1);
        let r = report(&c, &mods, &p, 80);
        assert_eq!(r, Report { done: false, score: Some(85), passed: Some(true) }, "checks done, lessons not");
        p.mark_read("l", 1);
        p.finish("s", "end", 10, 1);
        assert!(report(&c, &mods, &p, 80).done);
        // The health check is not in this package; the whole course needs it.
        assert!(!report(&c, &[], &p, 80).done);
        assert_eq!(report(&c, &mods, &p, 90).passed, Some(false));
    }

    #[test]
    fn a_round_in_progress_is_not_done() {
        let c = small();
        let mut p = Progress::default();
        p.finish_round("c1", 100, 1);
        p.start_round("c1", true, 2);
        assert_eq!(report(&c, &["core".into()], &p, 80).score, None);
    }

    #[test]
    fn names_per_version() {
        assert_eq!(Version::Scorm12.element(El::Mastery), Some("cmi.student_data.mastery_score"));
        assert_eq!(Version::Scorm2004.element(El::Entry), Some("cmi.entry"));
        assert_eq!(Version::Scorm2004.element(El::Success), Some("cmi.success_status"));
        assert_eq!(Version::Scorm12.element(El::Success), None);
        assert_eq!(Version::Scorm12.element(El::Completion), Some("cmi.core.lesson_status"));
        assert_eq!(Version::Scorm2004.element(El::Completion), Some("cmi.completion_status"));
        assert_eq!(Version::Scorm12.element(El::ScoreScaled), None);
        assert_eq!(Version::Scorm2004.method(Method::Finish), "Terminate");
        assert_eq!(Version::Scorm12.method(Method::LastError), "LMSGetLastError");
        assert_eq!(Version::from_code("2004").map(Version::api_name), Some("API_1484_11"));
        assert_eq!(Version::from_code("3"), None);
    }

    #[test]
    fn the_real_course_has_modules_and_checks() {
        let c = catalog();
        assert!(c.modules.iter().any(|m| m.id == "core"));
        assert!(c.modules.iter().flat_map(|m| &m.items).any(|i| i.kind == ItemKind::Quiz));
    }
}
