//! The learner's progress: a versioned model, pure updates, merging of two
//! copies, export and import, and loading and saving through a small
//! [`Store`] trait.
//!
//! Progress is keyed by content ids, never by file path or position, so
//! editing or reordering the course keeps what a learner has done. Time is
//! passed in as milliseconds since the Unix epoch; nothing here reads a clock.
//!
//! Stored progress of every version that ever existed can be read: see
//! [`Progress::decode`] and the `migrate` module, which turns each version
//! into the next one step at a time.

mod map;
mod merge;
mod migrate;
mod store;
mod transfer;

use std::fmt;

use miniserde::json;

use crate::quiz::review::Review;

pub use map::Map;
pub use store::{load, save, Loaded, MemoryStore, Notice, Store, StoreError, BACKUP_KEY, KEY};
pub use transfer::{export, parse_import, preview, ImportError, ImportPreview, EXPORT_FORMAT, MAX_IMPORT_BYTES};

/// The version written by this build. Older versions are migrated on load;
/// newer ones are left untouched.
///
/// History:
/// - 1: lessons read and scenario attempts.
/// - 2: adds `quizzes` (rounds per quiz) and `items` (per question).
/// - 3: adds the shuffle `seed` to scenario attempts and quiz rounds, the
///   questions `drawn` for a round from the pool, the pre-check (`pre` on
///   a round, and the pre-check's answers in `QuizRecord::pre`).
pub const CURRENT_VERSION: u32 = 3;

/// How many finished attempts are kept per scenario (the newest).
pub const KEPT_ATTEMPTS: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Progress {
    pub version: u32,
    pub lessons: Map<LessonRecord>,
    pub scenarios: Map<ScenarioRecord>,
    /// Quiz rounds, by quiz id.
    pub quizzes: Map<QuizRecord>,
    /// Answers per question, by [`item_key`] (`"<quiz id>/<question id>"`).
    pub items: Map<ItemRecord>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: CURRENT_VERSION,
            lessons: Map::new(),
            scenarios: Map::new(),
            quizzes: Map::new(),
            items: Map::new(),
        }
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
    /// The shuffle seed of the attempt, so the replay shows the choices in
    /// the order the learner saw them (0: the authored order).
    pub seed: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct Current {
    pub updated_at: u64,
    pub choices: Vec<usize>,
    /// Orders the choices of every step of this attempt
    /// (`quiz::shuffle::shown_order`); set when the attempt starts.
    pub seed: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct QuizRecord {
    /// Best percentage of a finished round.
    pub best: Option<u8>,
    /// How many rounds were finished.
    pub rounds: u32,
    pub last_finished_at: Option<u64>,
    /// The round in progress, saved after every answer so a reload resumes.
    pub current: Option<QuizCurrent>,
}

/// A quiz round in progress. Ordered by `updated_at` first (then the rest,
/// so that [`Progress::merge`] has a total order to pick by).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct QuizCurrent {
    pub updated_at: u64,
    /// Question ids answered in this round, in order.
    pub answered: Vec<String>,
    /// A round of only the questions missed before.
    pub retry: bool,
    /// Orders the options of every question of the round.
    pub seed: u64,
    /// The question ids drawn for this round from the pool, in the order
    /// asked; empty: every question, in the quiz's order.
    pub drawn: Vec<String>,
    /// The module's pre-check rather than a round.
    pub pre: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct ItemRecord {
    /// Times the question was answered.
    pub answered: u32,
    /// Times it was answered correctly.
    pub correct: u32,
    pub last: Option<LastAnswer>,
    /// `Some` while the question is in the review queue.
    pub review: Option<Review>,
}

/// The latest answer to a question. Ordered by `at` first (then the rest,
/// so that [`Progress::merge`] has a total order to pick by).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct LastAnswer {
    pub at: u64,
    pub correct: bool,
    /// 0 a guess, 1 fairly sure, 2 sure.
    pub confidence: u8,
    /// The indicator tags of the question.
    pub tags: Vec<String>,
}

/// The key of a question in [`Progress::items`]: `"<quiz id>/<question id>"`.
pub fn item_key(quiz: &str, question: &str) -> String {
    format!("{quiz}/{question}")
}

/// The start of the keys in [`Progress::items`] that hold a quiz's
/// pre-check answers: `"<quiz id>/pre:"`, then the question id (`:` is in
/// no id). Kept apart from the question's own record: they measure what
/// the learner knew before the lessons, and neither count in the score nor
/// enter the review queue (their `review` is always `None`).
pub fn pre_prefix(quiz: &str) -> String {
    format!("{quiz}/pre:")
}

/// Why stored progress could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not readable as progress; the text says why.
    Corrupt(String),
    /// Written by a newer version of the course.
    Future(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Corrupt(reason) => write!(f, "saved progress is unreadable: {reason}"),
            DecodeError::Future(v) => write!(f, "saved progress is from a newer version of the course (version {v})"),
        }
    }
}

impl Progress {
    /// Read stored progress of any version up to [`CURRENT_VERSION`],
    /// migrating older versions one step at a time. The result always has
    /// `version == CURRENT_VERSION`.
    pub fn decode(raw: &str) -> Result<Progress, DecodeError> {
        migrate::decode(raw)
    }

    /// The JSON to store. Always written as [`CURRENT_VERSION`], whatever
    /// `self.version` says.
    pub fn encode(&self) -> String {
        if self.version == CURRENT_VERSION {
            json::to_string(self)
        } else {
            json::to_string(&Progress { version: CURRENT_VERSION, ..self.clone() })
        }
    }

    pub fn is_read(&self, lesson: &str) -> bool {
        self.lessons.contains_key(lesson)
    }

    /// Mark a lesson read; the first time counts.
    pub fn mark_read(&mut self, lesson: &str, now: u64) {
        self.lessons.get_or_insert_with(lesson, || LessonRecord { read_at: now });
    }

    pub fn scenario(&self, id: &str) -> Option<&ScenarioRecord> {
        self.scenarios.get(id)
    }

    /// The choices of the attempt in progress (empty if none).
    pub fn current_choices(&self, id: &str) -> &[usize] {
        self.scenarios.get(id).and_then(|r| r.current.as_ref()).map_or(&[], |c| &c.choices)
    }

    /// Start a new attempt, replacing any in progress; `now` seeds the order
    /// its choices are shown in.
    pub fn begin(&mut self, id: &str, now: u64) {
        let rec = self.scenarios.get_or_default(id);
        rec.current = Some(Current { updated_at: now, choices: vec![], seed: now });
    }

    /// The shuffle seed of the attempt in progress (0 if none).
    pub fn current_seed(&self, id: &str) -> u64 {
        self.scenarios.get(id).and_then(|r| r.current.as_ref()).map_or(0, |c| c.seed)
    }

    /// Record one more choice in the attempt in progress.
    pub fn choose(&mut self, id: &str, choice: usize, now: u64) {
        let rec = self.scenarios.get_or_default(id);
        let current = rec.current.get_or_insert(Current { updated_at: now, choices: vec![], seed: now });
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
        let rec = self.scenarios.get_or_default(id);
        let (choices, seed) = rec.current.take().map(|c| (c.choices, c.seed)).unwrap_or_default();
        rec.attempts.push(Attempt { finished_at: now, choices, ending: ending.to_string(), percent, seed });
        rec.best = rec.best.max(Some(percent));
        if rec.attempts.len() > KEPT_ATTEMPTS {
            rec.attempts.drain(..rec.attempts.len() - KEPT_ATTEMPTS);
        }
    }

    pub fn quiz(&self, id: &str) -> Option<&QuizRecord> {
        self.quizzes.get(id)
    }

    /// What is known about one question of a quiz.
    pub fn item(&self, quiz: &str, question: &str) -> Option<&ItemRecord> {
        self.items.get(&item_key(quiz, question))
    }

    /// Record an answer to a question: counts it, keeps it as the last
    /// answer, sets the question's place in the review queue (`None` takes
    /// it out), and adds the question to the quiz's round in progress,
    /// starting an ordinary (not retry) round if there is none. In a
    /// pre-check the answer is kept in [`QuizRecord::pre`] only.
    pub fn record_answer(&mut self, quiz: &str, question: &str, answer: LastAnswer, review: Option<Review>) {
        let at = answer.at;
        let pre = self.quizzes.get(quiz).and_then(|r| r.current.as_ref()).is_some_and(|c| c.pre);
        let key = if pre { format!("{}{question}", pre_prefix(quiz)) } else { item_key(quiz, question) };
        let item = self.items.get_or_default(&key);
        item.answered = item.answered.saturating_add(1);
        if answer.correct {
            item.correct = item.correct.saturating_add(1);
        }
        item.last = Some(answer);
        item.review = if pre { None } else { review };
        let rec = self.quizzes.get_or_default(quiz);
        let current = rec.current.get_or_insert(QuizCurrent {
            updated_at: at,
            answered: vec![],
            retry: false,
            seed: at,
            drawn: vec![],
            pre: false,
        });
        current.answered.push(question.to_string());
        current.updated_at = at;
    }

    /// Start a new round of a quiz, replacing any round in progress.
    pub fn start_round(&mut self, quiz: &str, retry: bool, now: u64) {
        self.start_drawn(quiz, vec![], retry, false, now);
    }

    /// Start a round of the questions `drawn` from the pool (empty: all),
    /// or with `pre`, the module's pre-check (offered once: a question
    /// answered again in it keeps its newer answer), replacing any round in
    /// progress.
    pub fn start_drawn(&mut self, quiz: &str, drawn: Vec<String>, retry: bool, pre: bool, now: u64) {
        let rec = self.quizzes.get_or_default(quiz);
        rec.current = Some(QuizCurrent { updated_at: now, answered: vec![], retry, seed: now, drawn, pre });
    }

    /// The pre-check's answers to a quiz (empty if it was not taken).
    pub fn pre_answers(&self, quiz: &str) -> Vec<&LastAnswer> {
        let prefix = pre_prefix(quiz);
        self.items.iter().filter(|(k, _)| k.starts_with(&prefix)).filter_map(|(_, r)| r.last.as_ref()).collect()
    }

    /// Close the round in progress as finished with this score. A
    /// pre-check is closed without counting as a round.
    pub fn finish_round(&mut self, quiz: &str, percent: u8, now: u64) {
        let rec = self.quizzes.get_or_default(quiz);
        if rec.current.take().is_some_and(|c| c.pre) {
            return;
        }
        rec.rounds = rec.rounds.saturating_add(1);
        rec.best = rec.best.max(Some(percent));
        rec.last_finished_at = Some(now);
    }

    /// The keys ([`item_key`]) of the questions due for review at `now`,
    /// sorted.
    pub fn due_reviews(&self, now: u64) -> Vec<String> {
        self.items
            .iter()
            .filter(|(_, r)| r.review.as_ref().is_some_and(|rv| rv.due_at <= now))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// How many questions are in the review queue, due or not.
    pub fn review_count(&self) -> usize {
        self.items.values().filter(|r| r.review.is_some()).count()
    }

    /// Lessons read, plus scenarios finished, plus quizzes with a finished
    /// round.
    pub fn completed_count(&self) -> usize {
        self.lessons.len()
            + self.scenarios.values().filter(|r| !r.attempts.is_empty()).count()
            + self.quizzes.values().filter(|r| r.rounds > 0).count()
    }
}

#[cfg(test)]
mod tests;
