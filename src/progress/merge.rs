//! Merging two copies of progress, as when two browser tabs save at once.
//!
//! [`Progress::merge`] is a join: commutative, associative and idempotent,
//! so the copies can be merged in any order, any number of times, and end
//! up the same. Each field is merged by a rule that never loses something
//! the learner finished (see the rules on [`Progress::merge`]).

use super::{
    Attempt, ItemRecord, LessonRecord, Map, Progress, QuizRecord, ScenarioRecord, CURRENT_VERSION, KEPT_ATTEMPTS,
};

impl Progress {
    /// Both copies in one. The result is [`normalized`](Self::normalized)
    /// and has `version == CURRENT_VERSION`. Keys present on either side are
    /// always kept. Per entry:
    ///
    /// - **Lessons**: read if read on either side; `read_at` is the earlier.
    /// - **Scenarios**: `best` is the highest of both bests and of every
    ///   finished attempt's percent. `attempts` is the union of both sides,
    ///   sorted (oldest first, by the derived total order of [`Attempt`]:
    ///   `finished_at`, then choices, ending, percent), without duplicates,
    ///   of which the newest [`KEPT_ATTEMPTS`] are kept. `current` is the
    ///   greater of the two by (`updated_at`, `choices`), but none when a
    ///   kept attempt finished at or after its `updated_at` (that attempt
    ///   was finished in another tab).
    /// - **Quizzes**: `best`, `rounds` and `last_finished_at` are each the
    ///   higher. `current` is the greater by the derived order of
    ///   [`QuizCurrent`](super::QuizCurrent) (`updated_at`, answered,
    ///   retry, seed, drawn, pre), but none when a round finished at or
    ///   after its `updated_at`. (The pre-check's answers are items, see
    ///   [`pre_prefix`](super::pre_prefix).)
    /// - **Items**: `answered` and `correct` are each the higher (counts
    ///   from two tabs cannot be told apart from the same answers counted
    ///   twice, so they are not added up). `last` and `review` are taken
    ///   together from the side whose (`last`, `review`) is greater, by the
    ///   derived order of [`LastAnswer`](super::LastAnswer) (`at` first):
    ///   the newest answer decides the place in the review queue.
    pub fn merge(&self, other: &Progress) -> Progress {
        Progress {
            version: CURRENT_VERSION,
            lessons: union(&self.lessons, &other.lessons, merge_lesson),
            scenarios: union(&self.scenarios, &other.scenarios, merge_scenario),
            quizzes: union(&self.quizzes, &other.quizzes, merge_quiz),
            items: union(&self.items, &other.items, merge_item),
        }
    }

    /// The same progress in the form [`merge`](Self::merge) gives: version
    /// [`CURRENT_VERSION`], scenario attempts sorted, without duplicates and
    /// at most [`KEPT_ATTEMPTS`], each `best` at least every kept attempt's
    /// percent, and no attempt or round in progress that was finished
    /// later. Progress built with the methods of [`Progress`] is already in
    /// this form as long as the clock does not go backwards.
    pub fn normalized(&self) -> Progress {
        self.merge(&Progress { version: CURRENT_VERSION, ..Progress::default() })
    }
}

/// Every key of both maps, with the two entries merged by `f` (`None` for a
/// side that lacks the key).
fn union<T>(a: &Map<T>, b: &Map<T>, f: fn(Option<&T>, Option<&T>) -> T) -> Map<T> {
    let mut out = Map::new();
    for (k, va) in a {
        out.insert(k.clone(), f(Some(va), b.get(k)));
    }
    for (k, vb) in b {
        if !a.contains_key(k) {
            out.insert(k.clone(), f(None, Some(vb)));
        }
    }
    out
}

fn merge_lesson(a: Option<&LessonRecord>, b: Option<&LessonRecord>) -> LessonRecord {
    let read_at = a.iter().chain(b.iter()).map(|r| r.read_at).min().unwrap_or(0);
    LessonRecord { read_at }
}

fn merge_scenario(a: Option<&ScenarioRecord>, b: Option<&ScenarioRecord>) -> ScenarioRecord {
    let sides: Vec<&ScenarioRecord> = a.into_iter().chain(b).collect();
    let mut attempts: Vec<Attempt> = sides.iter().flat_map(|r| r.attempts.iter().cloned()).collect();
    let best = sides.iter().map(|r| r.best).chain(attempts.iter().map(|t| Some(t.percent))).max().flatten();
    // Insertion sort: the lists are short (kept attempts from two sides),
    // and the app then carries no general sort (about 3 KB of wasm).
    for i in 1..attempts.len() {
        let mut j = i;
        while j > 0 && attempts[j - 1] > attempts[j] {
            attempts.swap(j - 1, j);
            j -= 1;
        }
    }
    attempts.dedup();
    if attempts.len() > KEPT_ATTEMPTS {
        attempts.drain(..attempts.len() - KEPT_ATTEMPTS);
    }
    let last_finished = attempts.last().map(|t| t.finished_at);
    let current = sides
        .iter()
        .filter_map(|r| r.current.as_ref())
        .max()
        .filter(|c| last_finished.is_none_or(|f| f < c.updated_at))
        .cloned();
    ScenarioRecord { best, attempts, current }
}

fn merge_quiz(a: Option<&QuizRecord>, b: Option<&QuizRecord>) -> QuizRecord {
    let sides: Vec<&QuizRecord> = a.into_iter().chain(b).collect();
    let best = sides.iter().map(|r| r.best).max().flatten();
    let rounds = sides.iter().map(|r| r.rounds).max().unwrap_or(0);
    let last_finished_at = sides.iter().map(|r| r.last_finished_at).max().flatten();
    let current = sides
        .iter()
        .filter_map(|r| r.current.as_ref())
        .max()
        .filter(|c| last_finished_at.is_none_or(|f| f < c.updated_at))
        .cloned();
    QuizRecord { best, rounds, last_finished_at, current }
}

fn merge_item(a: Option<&ItemRecord>, b: Option<&ItemRecord>) -> ItemRecord {
    let sides: Vec<&ItemRecord> = a.into_iter().chain(b).collect();
    let answered = sides.iter().map(|r| r.answered).max().unwrap_or(0);
    let correct = sides.iter().map(|r| r.correct).max().unwrap_or(0);
    let (last, review) =
        sides.iter().map(|r| (&r.last, &r.review)).max().map(|(l, r)| (l.clone(), r.clone())).unwrap_or_default();
    ItemRecord { answered, correct, last, review }
}

#[cfg(test)]
mod tests {
    use super::super::{item_key, Current, LastAnswer, QuizCurrent};
    use super::*;
    use crate::quiz::review::Review;

    fn answer(at: u64, correct: bool) -> LastAnswer {
        LastAnswer { at, correct, confidence: 2, tags: vec![] }
    }

    fn laws(a: &Progress, b: &Progress) {
        assert_eq!(a.merge(b), b.merge(a), "commutative");
        let m = a.merge(b);
        assert_eq!(m.merge(&m), m, "idempotent on its result");
        assert_eq!(m.merge(a), m, "absorbs its inputs");
    }

    #[test]
    fn lessons_are_united_with_the_earliest_read_time() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.mark_read("x", 5);
        b.mark_read("x", 3);
        b.mark_read("y", 9);
        let m = a.merge(&b);
        assert_eq!(m.lessons["x"].read_at, 3);
        assert_eq!(m.lessons["y"].read_at, 9);
        laws(&a, &b);
    }

    #[test]
    fn attempts_from_both_tabs_are_kept_and_best_is_the_highest() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.finish("s", "one", 40, 10);
        b.finish("s", "two", 90, 20);
        b.finish("s", "three", 10, 5);
        let m = a.merge(&b);
        let r = m.scenario("s").unwrap();
        assert_eq!(r.best, Some(90));
        let times: Vec<u64> = r.attempts.iter().map(|t| t.finished_at).collect();
        assert_eq!(times, vec![5, 10, 20]);
        laws(&a, &b);
    }

    #[test]
    fn only_the_newest_attempts_are_kept_but_their_best_stays() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.finish("s", "great", 100, 0);
        for t in 1..=KEPT_ATTEMPTS as u64 {
            b.finish("s", "meh", 20, t);
        }
        let m = a.merge(&b);
        let r = m.scenario("s").unwrap();
        assert_eq!(r.attempts.len(), KEPT_ATTEMPTS);
        assert_eq!(r.attempts[0].finished_at, 1);
        assert_eq!(r.best, Some(100));
        laws(&a, &b);
    }

    #[test]
    fn an_attempt_finished_elsewhere_is_no_longer_in_progress() {
        let mut a = Progress::default();
        a.choose("s", 1, 10);
        let stale = a.clone();
        a.finish("s", "end", 60, 10);
        let m = stale.merge(&a);
        assert_eq!(m.scenario("s").unwrap().current, None);
        assert_eq!(m.scenario("s").unwrap().attempts.len(), 1);
        laws(&a, &stale);
    }

    #[test]
    fn the_newer_attempt_in_progress_wins() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.finish("s", "end", 60, 10);
        a.choose("s", 0, 30);
        b.choose("s", 2, 20);
        let m = a.merge(&b);
        assert_eq!(m.scenario("s").unwrap().current, Some(Current { updated_at: 30, choices: vec![0], seed: 30 }));
        laws(&a, &b);
    }

    #[test]
    fn quiz_rounds_best_and_finish_time_are_the_highest() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.finish_round("q", 90, 10);
        b.finish_round("q", 50, 20);
        b.finish_round("q", 60, 30);
        let m = a.merge(&b);
        assert_eq!(
            *m.quiz("q").unwrap(),
            QuizRecord { best: Some(90), rounds: 2, last_finished_at: Some(30), current: None }
        );
        laws(&a, &b);
    }

    #[test]
    fn a_round_finished_elsewhere_is_no_longer_in_progress() {
        let mut a = Progress::default();
        a.record_answer("q", "x", answer(10, true), None);
        let stale = a.clone();
        a.finish_round("q", 100, 11);
        assert_eq!(stale.merge(&a).quiz("q").unwrap().current, None);
        // A round started after the other tab finished one is kept.
        let mut c = stale.clone();
        c.start_round("q", true, 12);
        let m = c.merge(&a);
        assert_eq!(
            m.quiz("q").unwrap().current,
            Some(QuizCurrent { updated_at: 12, answered: vec![], retry: true, seed: 12, drawn: vec![], pre: false })
        );
        laws(&a, &stale);
        laws(&a, &c);
    }

    #[test]
    fn items_take_the_newest_answer_with_its_review() {
        let mut a = Progress::default();
        let mut b = Progress::default();
        a.record_answer("q", "x", answer(10, false), Some(Review { leitner_box: 0, due_at: 100 }));
        a.record_answer("q", "x", answer(11, false), Some(Review { leitner_box: 0, due_at: 101 }));
        b.record_answer("q", "x", answer(20, true), None);
        b.record_answer("q", "y", answer(5, true), None);
        let m = a.merge(&b);
        let x = m.item("q", "x").unwrap();
        assert_eq!((x.answered, x.correct), (2, 1));
        assert_eq!(x.last, Some(answer(20, true)));
        assert_eq!(x.review, None, "the newer correct answer took it out of review");
        assert!(m.items.contains_key(&item_key("q", "y")));
        laws(&a, &b);
    }

    #[test]
    fn the_result_is_the_current_version() {
        let a = Progress { version: 1, ..Progress::default() };
        assert_eq!(a.merge(&a).version, CURRENT_VERSION);
    }

    #[test]
    fn normalizing_sorts_dedups_and_lifts_best() {
        let mut p = Progress::default();
        let t = |at, percent| Attempt { finished_at: at, choices: vec![], ending: "e".into(), percent, seed: 0 };
        p.scenarios.insert(
            "s".into(),
            ScenarioRecord {
                best: None,
                attempts: vec![t(5, 10), t(1, 70), t(5, 10)],
                current: Some(Current { updated_at: 5, choices: vec![], seed: 0 }),
            },
        );
        let n = p.normalized();
        let r = n.scenario("s").unwrap();
        assert_eq!(r.attempts, vec![t(1, 70), t(5, 10)]);
        assert_eq!(r.best, Some(70));
        assert_eq!(r.current, None);
        assert_eq!(n.normalized(), n);
        assert_eq!(p.merge(&p), n);
    }

    #[test]
    fn progress_built_by_the_methods_is_already_normal() {
        let mut p = Progress::default();
        p.mark_read("l", 1);
        p.choose("s", 0, 2);
        p.finish("s", "end", 70, 3);
        p.choose("s", 1, 4);
        p.record_answer("q", "x", answer(5, false), Some(Review { leitner_box: 0, due_at: 9 }));
        p.finish_round("q", 0, 6);
        p.record_answer("q", "x", answer(7, true), None);
        assert_eq!(p.normalized(), p);
        assert_eq!(p.merge(&p), p);
    }
}
