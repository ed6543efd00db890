//! Tests of `progress`.

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
        QuizCurrent { updated_at: 30, answered: vec!["q2".into()], retry: true, seed: 20, drawn: vec![], pre: false }
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
    p.items.insert(item_key("q", "a"), ItemRecord { answered: u32::MAX, correct: u32::MAX, last: None, review: None });
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
    assert_eq!(DecodeError::Future(4).to_string(), "saved progress is from a newer version of the course (version 4)");
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
