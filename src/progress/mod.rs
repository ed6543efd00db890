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

mod merge;
mod migrate;
mod store;
mod transfer;

use std::collections::BTreeMap;
use std::fmt;

use miniserde::json;

use crate::quiz::review::Review;

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
    pub lessons: BTreeMap<String, LessonRecord>,
    pub scenarios: BTreeMap<String, ScenarioRecord>,
    /// Quiz rounds, by quiz id.
    pub quizzes: BTreeMap<String, QuizRecord>,
    /// Answers per question, by [`item_key`] (`"<quiz id>/<question id>"`).
    pub items: BTreeMap<String, ItemRecord>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: CURRENT_VERSION,
            lessons: BTreeMap::new(),
            scenarios: BTreeMap::new(),
            quizzes: BTreeMap::new(),
            items: BTreeMap::new(),
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
        self.lessons.entry(lesson.to_string()).or_insert(LessonRecord { read_at: now });
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
        let rec = self.scenarios.entry(id.to_string()).or_default();
        rec.current = Some(Current { updated_at: now, choices: vec![], seed: now });
    }

    /// The shuffle seed of the attempt in progress (0 if none).
    pub fn current_seed(&self, id: &str) -> u64 {
        self.scenarios.get(id).and_then(|r| r.current.as_ref()).map_or(0, |c| c.seed)
    }

    /// Record one more choice in the attempt in progress.
    pub fn choose(&mut self, id: &str, choice: usize, now: u64) {
        let rec = self.scenarios.entry(id.to_string()).or_default();
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
        let rec = self.scenarios.entry(id.to_string()).or_default();
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
        let item = self.items.entry(key).or_default();
        item.answered = item.answered.saturating_add(1);
        if answer.correct {
            item.correct = item.correct.saturating_add(1);
        }
        item.last = Some(answer);
        item.review = if pre { None } else { review };
        let rec = self.quizzes.entry(quiz.to_string()).or_default();
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
        let rec = self.quizzes.entry(quiz.to_string()).or_default();
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
        let rec = self.quizzes.entry(quiz.to_string()).or_default();
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
mod tests {
    use super::*;

    fn answer(at: u64, correct: bool) -> LastAnswer {
        LastAnswer { at, correct, confidence: 1, tags: vec!["debt-bondage".into()] }
    }

    fn due(at: u64) -> Option<Review> {
        Some(Review { leitner_box: 0, due_at: at })
    }

    #[test]
    fn round_trips_through_json() {
        let mut p = Progress::default();
        p.mark_read("what-is-trafficking", 1_000);
        p.choose("er-night-shift", 2, 2_000);
        p.choose("er-night-shift", 0, 3_000);
        p.finish("er-night-shift", "consulted-cmm", 88, 4_000);
        p.choose("er-night-shift", 1, 5_000);
        p.record_answer("basics", "q1", answer(6_000, false), due(7_000));
        p.finish_round("basics", 50, 8_000);
        p.start_round("basics", true, 9_000);
        assert_eq!(Progress::decode(&p.encode()), Ok(p));
    }

    #[test]
    fn encoding_always_writes_the_current_version() {
        let p = Progress { version: 1, ..Progress::default() };
        assert!(p.encode().contains("\"version\":3"));
        assert_eq!(Progress::decode(&p.encode()).unwrap().version, CURRENT_VERSION);
    }

    #[test]
    fn first_read_time_is_kept() {
        let mut p = Progress::default();
        p.mark_read("a", 1);
        p.mark_read("a", 9);
        assert_eq!(p.lessons["a"].read_at, 1);
        assert!(p.is_read("a"));
        assert!(!p.is_read("b"));
    }

    #[test]
    fn choices_are_recorded_in_order() {
        let mut p = Progress::default();
        assert_eq!(p.current_choices("s"), &[] as &[usize]);
        p.choose("s", 2, 1);
        p.choose("s", 0, 5);
        assert_eq!(p.current_choices("s"), &[2, 0]);
        assert_eq!(p.scenario("s").unwrap().current.as_ref().unwrap().updated_at, 5);
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
        p.restart("never-started");
        assert!(p.scenario("never-started").is_none());
    }

    #[test]
    fn record_answer_counts_and_starts_a_round() {
        let mut p = Progress::default();
        p.record_answer("basics", "q1", answer(10, false), due(100));
        p.record_answer("basics", "q2", answer(20, true), None);
        p.record_answer("basics", "q1", answer(30, true), due(500));
        let q1 = p.item("basics", "q1").unwrap();
        assert_eq!((q1.answered, q1.correct), (2, 1));
        assert_eq!(q1.last, Some(answer(30, true)));
        assert_eq!(q1.review, due(500));
        let q2 = p.item("basics", "q2").unwrap();
        assert_eq!((q2.answered, q2.correct, q2.review.clone()), (1, 1, None));
        assert!(p.item("basics", "q3").is_none());
        assert!(p.item("other", "q1").is_none());
        assert!(p.items.contains_key("basics/q1"));
        let cur = p.quiz("basics").unwrap().current.clone().unwrap();
        assert_eq!(
            cur,
            QuizCurrent {
                updated_at: 30,
                answered: vec!["q1".into(), "q2".into(), "q1".into()],
                retry: false,
                seed: 10,
                drawn: vec![],
                pre: false
            }
        );
        assert_eq!(p.quiz("basics").unwrap().rounds, 0);
    }

    #[test]
    fn a_correct_answer_can_take_a_question_out_of_review() {
        let mut p = Progress::default();
        p.record_answer("basics", "q1", answer(10, false), due(100));
        assert_eq!(p.review_count(), 1);
        p.record_answer("basics", "q1", answer(200, true), None);
        assert_eq!(p.review_count(), 0);
        assert_eq!(p.item("basics", "q1").unwrap().answered, 2);
    }

    #[test]
    fn start_round_replaces_the_round_in_progress() {
        let mut p = Progress::default();
        p.record_answer("basics", "q1", answer(10, true), None);
        p.start_round("basics", true, 20);
        assert_eq!(
            p.quiz("basics").unwrap().current,
            Some(QuizCurrent { updated_at: 20, answered: vec![], retry: true, seed: 20, drawn: vec![], pre: false })
        );
        p.record_answer("basics", "q2", answer(30, true), None);
        let cur = p.quiz("basics").unwrap().current.clone().unwrap();
        assert_eq!(
            cur,
            QuizCurrent {
                updated_at: 30,
                answered: vec!["q2".into()],
                retry: true,
                seed: 20,
                drawn: vec![],
                pre: false
            }
        );
        // Answers of the earlier round stay counted.
        assert_eq!(p.item("basics", "q1").unwrap().answered, 1);
    }

    #[test]
    fn finish_round_keeps_best_and_counts_rounds() {
        let mut p = Progress::default();
        p.record_answer("basics", "q1", answer(10, true), None);
        p.finish_round("basics", 80, 20);
        p.start_round("basics", false, 30);
        p.finish_round("basics", 40, 40);
        let r = p.quiz("basics").unwrap();
        assert_eq!(*r, QuizRecord { best: Some(80), rounds: 2, last_finished_at: Some(40), current: None });
        assert_eq!(p.completed_count(), 1);
    }

    #[test]
    fn due_reviews_are_sorted_and_due_inclusive() {
        let mut p = Progress::default();
        p.record_answer("z", "q", answer(1, false), due(100));
        p.record_answer("a", "q2", answer(1, false), due(50));
        p.record_answer("a", "q1", answer(1, false), due(101));
        p.record_answer("a", "q3", answer(1, true), None);
        assert_eq!(p.due_reviews(49), Vec::<String>::new());
        assert_eq!(p.due_reviews(100), vec!["a/q2".to_string(), "z/q".to_string()]);
        assert_eq!(p.due_reviews(u64::MAX), vec!["a/q1".to_string(), "a/q2".to_string(), "z/q".to_string()]);
        assert_eq!(p.review_count(), 3);
    }

    #[test]
    fn completed_counts_lessons_scenarios_and_quizzes() {
        let mut p = Progress::default();
        assert_eq!(p.completed_count(), 0);
        p.mark_read("l", 1);
        p.choose("s", 0, 2); // not finished
        p.record_answer("q", "a", answer(3, true), None); // round not finished
        assert_eq!(p.completed_count(), 1);
        p.finish("s", "end", 50, 4);
        p.finish_round("q", 100, 5);
        assert_eq!(p.completed_count(), 3);
    }

    #[test]
    fn counts_saturate() {
        let mut p = Progress::default();
        p.items
            .insert(item_key("q", "a"), ItemRecord { answered: u32::MAX, correct: u32::MAX, last: None, review: None });
        p.quizzes.insert("q".into(), QuizRecord { rounds: u32::MAX, ..Default::default() });
        p.record_answer("q", "a", answer(1, true), None);
        p.finish_round("q", 1, 2);
        assert_eq!(p.item("q", "a").unwrap().answered, u32::MAX);
        assert_eq!(p.quiz("q").unwrap().rounds, u32::MAX);
    }

    #[test]
    fn corrupt_and_future_values_are_told_apart() {
        assert!(matches!(Progress::decode("{not json"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"lessons\":{}}"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"version\":1,\"lessons\":7}"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"version\":2,\"lessons\":7}"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(Progress::decode("{\"version\":3,\"lessons\":7}"), Err(DecodeError::Corrupt(_))));
        assert_eq!(Progress::decode("{\"version\":99}"), Err(DecodeError::Future(99)));
    }

    #[test]
    fn decode_errors_read_as_english() {
        assert_eq!(
            DecodeError::Future(4).to_string(),
            "saved progress is from a newer version of the course (version 4)"
        );
        assert!(DecodeError::Corrupt("not valid JSON".into()).to_string().contains("not valid JSON"));
    }

    #[test]
    fn version_1_fixture_loads() {
        let raw = include_str!("../../tests/fixtures/progress/v1.json");
        let p = Progress::decode(raw).unwrap();
        assert_eq!(p.version, CURRENT_VERSION);
        assert!(p.is_read("what-is-trafficking"));
        assert_eq!(p.scenario("er-night-shift").unwrap().best, Some(75));
        assert_eq!(p.current_choices("er-night-shift"), &[1]);
        assert!(p.quizzes.is_empty() && p.items.is_empty());
    }

    #[test]
    fn version_2_fixture_loads() {
        let raw = include_str!("../../tests/fixtures/progress/v2.json");
        let p = Progress::decode(raw).unwrap();
        assert!(p.is_read("what-is-trafficking"));
        assert_eq!(p.quiz("signs-basics").unwrap().best, Some(80));
        assert_eq!(p.item("signs-basics", "passport-held").unwrap().answered, 2);
        assert_eq!(p.review_count(), 1);
    }

    #[test]
    fn version_3_fixture_loads() {
        let raw = include_str!("../../tests/fixtures/progress/v3.json");
        let p = Progress::decode(raw).unwrap();
        let s = p.scenario("er-night-shift").unwrap();
        assert_eq!(s.current.as_ref().unwrap().seed, 1_733_000_000_500);
        assert_eq!(s.attempts[0].seed, 1_733_000_000_000);
        let q = p.quiz("signs-basics").unwrap();
        let cur = q.current.as_ref().unwrap();
        assert_eq!((cur.drawn.len(), cur.pre, cur.retry), (2, false, true));
        let pre = p.pre_answers("police-check");
        assert_eq!((pre.len(), pre.iter().filter(|a| a.correct).count()), (2, 1));
        assert_eq!(p.review_count(), 1, "pre-check answers are never in review");
    }

    #[test]
    fn a_precheck_keeps_its_answers_apart_and_is_not_a_round() {
        let mut p = Progress::default();
        p.start_drawn("basics", vec!["q1".into(), "q2".into()], false, true, 10);
        p.record_answer("basics", "q1", answer(11, false), due(99));
        let rec = p.quiz("basics").unwrap();
        assert!(!p.pre_answers("basics")[0].correct);
        assert_eq!(rec.current.as_ref().unwrap().answered, vec!["q1".to_string()]);
        assert!(p.item("basics", "q1").is_none(), "no record of its own from a pre-check");
        assert_eq!(p.review_count(), 0, "nor a review");
        p.finish_round("basics", 0, 12);
        let rec = p.quiz("basics").unwrap();
        assert_eq!((rec.rounds, rec.best, rec.current.is_none(), p.pre_answers("basics").len()), (0, None, true, 1));
        // A real round afterwards counts as usual.
        p.start_drawn("basics", vec!["q2".into()], false, false, 20);
        p.record_answer("basics", "q2", answer(21, true), None);
        assert_eq!(p.item("basics", "q2").unwrap().correct, 1);
        assert_eq!(p.pre_answers("basics").len(), 1);
        assert!(p.pre_answers("basic").is_empty() && p.pre_answers("basicsx").is_empty());
    }

    #[test]
    fn a_begun_attempt_keeps_its_seed() {
        let mut p = Progress::default();
        p.begin("s", 40);
        p.choose("s", 1, 50);
        assert_eq!(p.current_seed("s"), 40);
        p.finish("s", "end", 100, 60);
        assert_eq!((p.scenario("s").unwrap().attempts[0].seed, p.current_seed("s")), (40, 0));
    }

    #[test]
    fn an_attempt_keeps_its_seed_into_the_replay() {
        let mut p = Progress::default();
        p.choose("s", 1, 77);
        p.choose("s", 0, 80);
        p.finish("s", "end", 50, 90);
        assert_eq!(p.scenario("s").unwrap().attempts[0].seed, 77);
    }

    #[test]
    fn regression_inputs_do_not_panic() {
        // Known hard cases: empty, truncated, deeply nested, huge numbers, a BOM.
        // (Add inputs the fuzz targets find here.)
        for raw in ["", "[", &"[".repeat(100_000), &"{\"a\":".repeat(50_000), "{\"version\":2e400}", "\u{feff}{}"] {
            assert!(Progress::decode(raw).is_err());
        }
    }
}
