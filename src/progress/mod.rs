//! The learner's progress: a versioned model, pure updates, and loading and
//! saving through a small [`Store`] trait.
//!
//! Progress is keyed by content ids, never by file path or position, so
//! editing or reordering the course keeps what a learner has done. Time is
//! passed in as milliseconds since the Unix epoch; nothing here reads a clock.

mod store;

use std::collections::BTreeMap;

use miniserde::json::{self, Value};

pub use store::{load, save, Loaded, MemoryStore, Notice, Store, StoreError, BACKUP_KEY, KEY};

/// The version written by this build. Older versions are migrated on load;
/// newer ones are left untouched.
pub const CURRENT_VERSION: u32 = 1;

/// How many finished attempts are kept per scenario (the newest).
pub const KEPT_ATTEMPTS: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Progress {
    pub version: u32,
    pub lessons: BTreeMap<String, LessonRecord>,
    pub scenarios: BTreeMap<String, ScenarioRecord>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { version: CURRENT_VERSION, lessons: BTreeMap::new(), scenarios: BTreeMap::new() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct LessonRecord {
    /// When the learner first marked the lesson as read.
    pub read_at: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct ScenarioRecord {
    /// Best percentage over all attempts, kept even when old attempts are
    /// dropped.
    pub best: Option<u8>,
    /// Finished attempts, oldest first, at most [`KEPT_ATTEMPTS`].
    pub attempts: Vec<Attempt>,
    /// The attempt in progress, saved after every choice so a reload resumes.
    pub current: Option<Current>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct Attempt {
    pub finished_at: u64,
    /// Choice indices from the start step.
    pub choices: Vec<usize>,
    pub ending: String,
    pub percent: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct Current {
    pub updated_at: u64,
    pub choices: Vec<usize>,
}

/// Why stored progress could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not readable as progress; the text says why.
    Corrupt(String),
    /// Written by a newer version of the course.
    Future(u32),
}

impl Progress {
    /// Read stored progress of any version up to [`CURRENT_VERSION`].
    pub fn decode(raw: &str) -> Result<Progress, DecodeError> {
        let value: Value = json::from_str(raw).map_err(|_| DecodeError::Corrupt("not valid JSON".into()))?;
        let version = match &value {
            Value::Object(o) => match o.get("version") {
                Some(Value::Number(n)) => n.to_string().parse::<u64>().ok(),
                _ => None,
            },
            _ => None,
        }
        .ok_or_else(|| DecodeError::Corrupt("no version number".into()))?;
        if version > CURRENT_VERSION as u64 {
            return Err(DecodeError::Future(version.min(u32::MAX as u64) as u32));
        }
        // Version 1 is the first; later versions add their migration here,
        // one step at a time: `if version == 1 { value = v1_to_v2(value) }`.
        json::from_str(raw).map_err(|_| DecodeError::Corrupt("not in the format of saved progress".into()))
    }

    pub fn encode(&self) -> String {
        json::to_string(self)
    }

    pub fn is_read(&self, lesson: &str) -> bool {
        self.lessons.contains_key(lesson)
    }

    /// Mark a lesson read; the first time counts.
    pub fn mark_read(&mut self, lesson: &str, now: u64) {
        self.lessons.entry(lesson.to_string()).or_insert(LessonRecord { read_at: now });
    }

    pub fn scenario(&self, id: &str) -> Option<&ScenarioRecord> {
        self.scenarios.get(id)
    }

    /// The choices of the attempt in progress (empty if none).
    pub fn current_choices(&self, id: &str) -> &[usize] {
        self.scenarios.get(id).and_then(|r| r.current.as_ref()).map_or(&[], |c| &c.choices)
    }

    /// Record one more choice in the attempt in progress.
    pub fn choose(&mut self, id: &str, choice: usize, now: u64) {
        let rec = self.scenarios.entry(id.to_string()).or_default();
        let current = rec.current.get_or_insert(Current { updated_at: now, choices: vec![] });
        current.choices.push(choice);
        current.updated_at = now;
    }

    /// Forget the attempt in progress (start again).
    pub fn restart(&mut self, id: &str) {
        if let Some(rec) = self.scenarios.get_mut(id) {
            rec.current = None;
        }
    }

    /// Close the attempt in progress as finished with this result.
    pub fn finish(&mut self, id: &str, ending: &str, percent: u8, now: u64) {
        let rec = self.scenarios.entry(id.to_string()).or_default();
        let choices = rec.current.take().map(|c| c.choices).unwrap_or_default();
        rec.attempts.push(Attempt { finished_at: now, choices, ending: ending.to_string(), percent });
        rec.best = rec.best.max(Some(percent));
        if rec.attempts.len() > KEPT_ATTEMPTS {
            rec.attempts.drain(..rec.attempts.len() - KEPT_ATTEMPTS);
        }
    }

    /// Lessons read plus scenarios finished.
    pub fn completed_count(&self) -> usize {
        self.lessons.len() + self.scenarios.values().filter(|r| !r.attempts.is_empty()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let mut p = Progress::default();
        p.mark_read("what-is-trafficking", 1_000);
        p.choose("er-night-shift", 2, 2_000);
        p.choose("er-night-shift", 0, 3_000);
        p.finish("er-night-shift", "consulted-cmm", 88, 4_000);
        p.choose("er-night-shift", 1, 5_000);
        assert_eq!(Progress::decode(&p.encode()), Ok(p));
    }

    #[test]
    fn first_read_time_is_kept() {
        let mut p = Progress::default();
        p.mark_read("a", 1);
        p.mark_read("a", 9);
        assert_eq!(p.lessons["a"].read_at, 1);
    }

    #[test]
    fn finishing_keeps_best_and_clears_current() {
        let mut p = Progress::default();
        p.choose("s", 1, 1);
        p.finish("s", "good", 100, 2);
        p.choose("s", 0, 3);
        p.finish("s", "bad", 0, 4);
        let r = p.scenario("s").unwrap();
        assert_eq!(r.best, Some(100));
        assert_eq!(r.attempts.len(), 2);
        assert_eq!(r.attempts[0].choices, vec![1]);
        assert!(r.current.is_none());
        assert_eq!(p.completed_count(), 1);
    }

    #[test]
    fn old_attempts_are_dropped_but_best_stays() {
        let mut p = Progress::default();
        p.finish("s", "good", 100, 0);
        for t in 1..=(KEPT_ATTEMPTS as u64 + 3) {
            p.finish("s", "bad", 10, t);
        }
        let r = p.scenario("s").unwrap();
        assert_eq!(r.attempts.len(), KEPT_ATTEMPTS);
        assert_eq!(r.best, Some(100));
    }

    #[test]
    fn restart_forgets_only_the_current_attempt() {
        let mut p = Progress::default();
        p.finish("s", "good", 100, 1);
        p.choose("s", 1, 2);
        p.restart("s");
        assert_eq!(p.current_choices("s"), &[] as &[usize]);
        assert_eq!(p.scenario("s").unwrap().attempts.len(), 1);
    }

    #[test]
    fn corrupt_and_future_values_are_told_apart() {
        assert!(matches!(Progress::decode("{not json"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"lessons\":{}}"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"version\":1,\"lessons\":7}"), Err(DecodeError::Corrupt(_))));
        assert_eq!(Progress::decode("{\"version\":99}"), Err(DecodeError::Future(99)));
    }

    #[test]
    fn version_1_fixture_loads() {
        let raw = include_str!("../../tests/fixtures/progress/v1.json");
        let p = Progress::decode(raw).unwrap();
        assert!(p.is_read("what-is-trafficking"));
        assert_eq!(p.scenario("er-night-shift").unwrap().best, Some(75));
    }
}
