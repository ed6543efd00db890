//! Moving progress between browsers: export to a file, and import from one
//! after showing the learner what would change.
//!
//! An export is `{"format":"kend-tegnene-progress","exported_at":<ms>,
//! "progress":{...}}`, where `progress` is stored progress as
//! [`Progress::encode`] writes it. Importing reads exports of every
//! version, migrated like stored progress, and merges them into what the
//! learner has ([`Progress::merge`]), so an import never loses anything.

use std::fmt;

use miniserde::json::{self, Value};

use super::{DecodeError, Progress, CURRENT_VERSION};

/// The `format` field of an export.
pub const EXPORT_FORMAT: &str = "kend-tegnene-progress";

/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// The text of an export file of `p`, made at `now`.
pub fn export(p: &Progress, now: u64) -> String {
    // Progress is embedded as encoded, so an export holds exactly what
    // would be stored (version included).
    format!("{{\"format\":{},\"exported_at\":{now},\"progress\":{}}}", json::to_string(EXPORT_FORMAT), p.encode())
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// The file is not JSON at all.
    NotJson,
    /// JSON, but not a progress export of this course.
    NotProgressFile,
    /// Exported by a newer version of the course than this one.
    FromFuture(u32),
    /// A progress export, but damaged or edited into something unreadable.
    Invalid,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, limit } => {
                write!(f, "the file is too large ({bytes} bytes; at most {limit} bytes can be imported)")
            }
            ImportError::NotJson => f.write_str("the file is not a progress export (it is not JSON)"),
            ImportError::NotProgressFile => f.write_str("the file is not a progress export of this course"),
            ImportError::FromFuture(v) => write!(
                f,
                "the file was exported by a newer version of the course (progress version {v}; this version reads up to {CURRENT_VERSION})"
            ),
            ImportError::Invalid => f.write_str("the progress export is damaged and cannot be read"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Read an export file. The size is checked before anything is parsed.
pub fn parse_import(text: &str) -> Result<Progress, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len(), limit: MAX_IMPORT_BYTES });
    }
    let value: Value = json::from_str(text).map_err(|_| ImportError::NotJson)?;
    let Value::Object(mut o) = value else { return Err(ImportError::NotProgressFile) };
    match o.get("format") {
        Some(Value::String(s)) if s == EXPORT_FORMAT => {}
        _ => return Err(ImportError::NotProgressFile),
    }
    let progress = o.remove("progress").ok_or(ImportError::Invalid)?;
    super::migrate::decode_value(progress).map_err(|e| match e {
        DecodeError::Future(v) => ImportError::FromFuture(v),
        DecodeError::Corrupt(_) => ImportError::Invalid,
    })
}

/// What importing would change, to show before the learner confirms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// Lessons read in the file but not here, sorted.
    pub lessons_added: Vec<String>,
    /// Scenarios with a higher best score or finished attempts not here,
    /// sorted.
    pub scenarios_improved: Vec<String>,
    /// Quizzes with a higher best score or more finished rounds, sorted.
    pub quizzes_improved: Vec<String>,
    /// Questions answered in the file but never here.
    pub items_added: usize,
    /// Importing would change nothing at all (not even a round in
    /// progress or an answer count). May be false while every list above is
    /// empty, when only such details change.
    pub unchanged: bool,
}

/// What `current.merge(incoming)` would change in `current`. Scores and
/// attempts are compared with `current` as merging would tidy it
/// ([`Progress::normalized`]), so only what comes from `incoming` counts.
pub fn preview(current: &Progress, incoming: &Progress) -> ImportPreview {
    let before = current.normalized();
    let merged = current.merge(incoming);
    let lessons_added = incoming.lessons.keys().filter(|k| !before.lessons.contains_key(*k)).cloned().collect();
    let scenarios_improved = merged
        .scenarios
        .iter()
        .filter(|(k, m)| match before.scenarios.get(*k) {
            None => m.best.is_some() || !m.attempts.is_empty(),
            Some(c) => m.best > c.best || m.attempts.iter().any(|t| !c.attempts.contains(t)),
        })
        .map(|(k, _)| k.clone())
        .collect();
    let quizzes_improved = merged
        .quizzes
        .iter()
        .filter(|(k, m)| match before.quizzes.get(*k) {
            None => m.best.is_some() || m.rounds > 0,
            Some(c) => m.best > c.best || m.rounds > c.rounds,
        })
        .map(|(k, _)| k.clone())
        .collect();
    let items_added = incoming.items.keys().filter(|k| !before.items.contains_key(*k)).count();
    let unchanged = merged == before;
    ImportPreview { lessons_added, scenarios_improved, quizzes_improved, items_added, unchanged }
}

#[cfg(test)]
mod tests {
    use super::super::LastAnswer;
    use super::*;

    fn sample() -> Progress {
        let mut p = Progress::default();
        p.mark_read("what-is-trafficking", 1);
        p.finish("er-night-shift", "consulted-cmm", 75, 2);
        p.choose("er-night-shift", 1, 3);
        p.record_answer(
            "basics",
            "q1",
            LastAnswer { at: 4, correct: true, confidence: 2, tags: vec!["t".into()] },
            None,
        );
        p.finish_round("basics", 100, 5);
        p
    }

    #[test]
    fn export_has_the_documented_shape() {
        let text = export(&Progress::default(), 42);
        assert_eq!(
            text,
            "{\"format\":\"kend-tegnene-progress\",\"exported_at\":42,\"progress\":{\"version\":3,\"lessons\":{},\"scenarios\":{},\"quizzes\":{},\"items\":{}}}"
        );
    }

    #[test]
    fn export_round_trips() {
        let p = sample();
        assert_eq!(parse_import(&export(&p, 99)), Ok(p));
    }

    #[test]
    fn an_old_export_is_migrated() {
        let v1 = include_str!("../../tests/fixtures/progress/v1.json");
        let text = format!("{{\"format\":\"kend-tegnene-progress\",\"exported_at\":1,\"progress\":{v1}}}");
        let p = parse_import(&text).unwrap();
        assert_eq!(p.version, CURRENT_VERSION);
        assert!(p.is_read("what-is-trafficking"));
    }

    #[test]
    fn exported_at_is_optional() {
        let text =
            "{\"format\":\"kend-tegnene-progress\",\"progress\":{\"version\":1,\"lessons\":{},\"scenarios\":{}}}";
        assert_eq!(parse_import(text), Ok(Progress::default()));
    }

    #[test]
    fn bad_files_are_told_apart() {
        let wrap = |progress: &str| {
            format!("{{\"format\":\"kend-tegnene-progress\",\"exported_at\":1,\"progress\":{progress}}}")
        };
        assert_eq!(parse_import("hello"), Err(ImportError::NotJson));
        assert_eq!(parse_import(""), Err(ImportError::NotJson));
        assert_eq!(parse_import(&export(&sample(), 1)[..40]), Err(ImportError::NotJson));
        assert_eq!(parse_import("[]"), Err(ImportError::NotProgressFile));
        assert_eq!(parse_import("{}"), Err(ImportError::NotProgressFile));
        assert_eq!(parse_import("{\"format\":\"other\",\"progress\":{}}"), Err(ImportError::NotProgressFile));
        assert_eq!(parse_import("{\"format\":7}"), Err(ImportError::NotProgressFile));
        // Stored progress on its own is not an export.
        assert_eq!(parse_import(&sample().encode()), Err(ImportError::NotProgressFile));
        assert_eq!(parse_import("{\"format\":\"kend-tegnene-progress\"}"), Err(ImportError::Invalid));
        assert_eq!(parse_import(&wrap("null")), Err(ImportError::Invalid));
        assert_eq!(parse_import(&wrap("{\"version\":2}")), Err(ImportError::Invalid));
        assert_eq!(parse_import(&wrap("{\"version\":0}")), Err(ImportError::Invalid));
        assert_eq!(parse_import(&wrap("{\"version\":5,\"whatever\":[]}")), Err(ImportError::FromFuture(5)));
        let out_of_range = export(&sample(), 1).replace("\"percent\":75", "\"percent\":300");
        assert_eq!(parse_import(&out_of_range), Err(ImportError::Invalid));
        let negative = export(&sample(), 1).replace("\"read_at\":1", "\"read_at\":-1");
        assert_eq!(parse_import(&negative), Err(ImportError::Invalid));
    }

    #[test]
    fn size_is_checked_before_parsing() {
        let text = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(
            parse_import(&text),
            Err(ImportError::TooLarge { bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES })
        );
        // Exactly the limit is read (and here is not JSON).
        assert_eq!(parse_import(&" ".repeat(MAX_IMPORT_BYTES)), Err(ImportError::NotJson));
    }

    #[test]
    fn errors_read_as_english() {
        assert_eq!(
            ImportError::TooLarge { bytes: 3_000_000, limit: MAX_IMPORT_BYTES }.to_string(),
            "the file is too large (3000000 bytes; at most 2097152 bytes can be imported)"
        );
        assert!(ImportError::FromFuture(3).to_string().contains("newer version"));
        for e in [ImportError::NotJson, ImportError::NotProgressFile, ImportError::Invalid] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn preview_lists_what_would_change() {
        let mut current = Progress::default();
        current.mark_read("what-is-trafficking", 1);
        current.finish("er-night-shift", "a", 90, 1);
        current.finish_round("basics", 50, 1);
        let incoming = sample();
        let pv = preview(&current, &incoming);
        assert_eq!(pv.lessons_added, Vec::<String>::new());
        assert_eq!(pv.scenarios_improved, vec!["er-night-shift".to_string()], "a new finished attempt");
        assert_eq!(pv.quizzes_improved, vec!["basics".to_string()]);
        assert_eq!(pv.items_added, 1);
        assert!(!pv.unchanged);

        let mut fresh = Progress::default();
        fresh.mark_read("other", 1);
        let pv = preview(&fresh, &incoming);
        assert_eq!(pv.lessons_added, vec!["what-is-trafficking".to_string()]);
        assert_eq!(pv.scenarios_improved, vec!["er-night-shift".to_string()]);
    }

    #[test]
    fn preview_of_what_is_already_here_changes_nothing() {
        let p = sample();
        assert_eq!(preview(&p, &p), ImportPreview { unchanged: true, ..Default::default() });
        assert_eq!(preview(&p, &Progress::default()), ImportPreview { unchanged: true, ..Default::default() });
        let mut older = Progress::default();
        older.mark_read("what-is-trafficking", 1);
        assert!(preview(&p, &older).unchanged);
    }

    #[test]
    fn preview_notices_changes_outside_the_lists() {
        let p = sample();
        let mut later = p.clone();
        later.choose("er-night-shift", 0, 10);
        let pv = preview(&p, &later);
        assert!(pv.scenarios_improved.is_empty() && !pv.unchanged);
    }
}
