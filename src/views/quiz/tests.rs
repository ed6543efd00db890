//! Tests of `views::quiz`.

use super::*;
use crate::content::{AnswerOption, Segment};
use crate::i18n::Lang;
use crate::quiz::grade::{grade, Response};

fn option(text: &str, correct: bool) -> AnswerOption {
    AnswerOption { text: text.into(), correct, feedback: format!("why {text}"), pin_last: false }
}

fn question(kind: QuestionKind) -> Question {
    Question {
        id: "q".into(),
        kind,
        prompt: "<p>Prompt</p>".into(),
        tags: vec!["coercion".into()],
        learn_more: Some("/lesson/a#b".into()),
        explanation: "<p>Because</p>".into(),
        options: vec![option("A", true), option("B", false), option("C", true)],
        segments: vec![
            Segment { text: "one".into(), sign: Some("coercion".into()), feedback: "sign".into() },
            Segment { text: "two".into(), sign: None, feedback: "not".into() },
        ],
    }
}

#[test]
fn every_kind_renders_numbered_inputs_and_confidence() {
    let ui = Lang::Da.ui();
    for kind in QuestionKind::ALL {
        let html = super::question(ui, &question(kind), 2, 0);
        assert!(html.contains("Spørgsmål 2"), "{html}");
        assert!(html.contains("id=\"confidence-2\""));
        match kind {
            QuestionKind::Order => assert_eq!(html.matches("data-act=\"up\"").count(), 3),
            _ => assert!(html.contains("id=\"option-0\"") && html.contains("name=\"answer\"")),
        }
    }
    assert!(super::question(ui, &question(QuestionKind::Multiple), 1, 0).contains("type=\"checkbox\""));
    assert!(super::question(ui, &question(QuestionKind::TrueFalse), 1, 0).contains("Sandt"));
}

#[test]
fn feedback_names_missed_signs_and_links_the_lesson() {
    let ui = Lang::En.ui();
    let q = question(QuestionKind::Spot);
    let html = feedback(ui, &q, &grade(&q, &Response::Spot(vec![1])), true, 0);
    assert!(html.contains("Missed sign (coercion and control)"), "{html}");
    assert!(html.contains("Not a sign"));
    assert!(html.contains("href=\"/lesson/a#b\""));
    assert!(html.contains("See the result"));
}

fn one_question_quiz() -> Quiz {
    Quiz {
        id: "k".into(),
        title: "K".into(),
        minutes: 1,
        tags: vec![],
        intro: String::new(),
        questions: vec![question(QuestionKind::Single)],
        round: 0,
        precheck: 0,
    }
}

fn pool_quiz(n: usize, round: u32) -> Quiz {
    let mut quiz = one_question_quiz();
    quiz.questions = (0..n)
        .map(|i| {
            let mut x = question(QuestionKind::Single);
            x.id = format!("q{i}");
            x
        })
        .collect();
    quiz.round = round;
    quiz.precheck = 2;
    quiz
}

#[test]
fn a_round_asks_its_draw_and_a_retake_draws_others() {
    let quiz = pool_quiz(6, 3);
    let mut p = Progress::default();
    let drawn = draw_round(&quiz, &p, false, 9);
    p.start_drawn("k", drawn.clone(), false, false, 9);
    let rest = remaining(&quiz, &p, 10).unwrap();
    assert_eq!(rest.iter().map(|&i| quiz.questions[i].id.clone()).collect::<Vec<_>>(), drawn);
    for (n, id) in drawn.iter().enumerate() {
        let answer = LastAnswer { at: 10 + n as u64, correct: n > 0, confidence: 1, tags: vec![] };
        p.record_answer("k", id, answer, None);
    }
    assert_eq!(remaining(&quiz, &p, 20), Some(vec![]));
    assert_eq!(percent_right(&quiz, &p), 66);
    p.finish_round("k", 66, 20);
    let again = draw_round(&quiz, &p, false, 21);
    assert!(again.iter().all(|id| !drawn.contains(id)), "{drawn:?} then {again:?}");
    // A retry asks the one missed, by id.
    p.start_drawn("k", vec![], true, false, 30);
    let rest = remaining(&quiz, &p, 31).unwrap();
    assert_eq!(rest.iter().map(|&i| &quiz.questions[i].id).collect::<Vec<_>>(), vec![&drawn[0]]);
}

#[test]
fn the_precheck_is_offered_once_and_shown_beside_the_after() {
    let ui = Lang::En.ui();
    let quiz = pool_quiz(4, 2);
    assert!(intro(ui, &quiz, true).contains("data-act=\"pre\""));
    assert!(!intro(ui, &quiz, false).contains("data-act=\"pre\""));
    let mut p = Progress::default();
    p.start_drawn("k", draw_round(&quiz, &p, true, 5), false, true, 5);
    let tags = vec!["coercion".to_string()];
    let a = |at, correct, confidence| LastAnswer { at, correct, confidence, tags: tags.clone() };
    p.record_answer("k", "q0", a(6, false, 2), None);
    p.record_answer("k", "q1", a(7, false, 0), None);
    assert_eq!(percent_right(&quiz, &p), 0);
    p.finish_round("k", 0, 8);
    p.start_round("k", false, 9);
    p.record_answer("k", "q0", a(10, true, 2), None);
    p.record_answer("k", "q1", a(11, true, 2), None);
    p.finish_round("k", 100, 12);
    let html = result(ui, &quiz, &p, Some(100), 13);
    assert!(html.contains("<h3>Before and after the lessons</h3>"), "{html}");
    assert!(html.contains("<td>0 / 2 · sure but wrong: 1</td><td>2 / 2</td>"), "{html}");
    assert!(html.contains("<td>0 / 2 · sure but wrong: 1</td><td>2 / 2</td>"), "{html}");
}

#[test]
fn options_are_shuffled_per_round_with_none_of_these_last() {
    let ui = Lang::En.ui();
    let mut q = question(QuestionKind::Single);
    q.options[1].pin_last = true;
    for seed in 1..10 {
        let order = option_order(&q, seed);
        assert_eq!(order[2], 1);
        let html = super::question(ui, &q, 1, seed);
        assert!(html.contains(&format!("value=\"{}\" id=\"option-0\"", order[0])), "{html}");
    }
    assert_eq!(option_order(&q, 0), vec![0, 1, 2], "seed 0: as authored");
}

#[test]
fn percent_right_counts_latest_answers() {
    let mut quiz = one_question_quiz();
    let mut second = question(QuestionKind::Single);
    second.id = "q2".into();
    quiz.questions.push(second);
    let mut p = Progress::default();
    let answer = |correct, at| LastAnswer { at, correct, confidence: 0, tags: vec![] };
    p.record_answer("k", "q", answer(false, 1), None);
    p.record_answer("k", "q2", answer(true, 2), None);
    assert_eq!(percent_right(&quiz, &p), 50);
    p.record_answer("k", "q", answer(true, 3), None);
    assert_eq!(percent_right(&quiz, &p), 100);
}

#[test]
fn result_shows_sure_and_wrong_per_category_and_a_retry() {
    let ui = Lang::En.ui();
    let quiz = one_question_quiz();
    let mut p = Progress::default();
    p.start_round("k", false, 0);
    let answer =
        LastAnswer { at: 1, correct: false, confidence: Confidence::Sure.to_u8(), tags: vec!["coercion".into()] };
    p.record_answer("k", "q", answer, None);
    p.finish_round("k", 0, 2);
    let html = result(ui, &quiz, &p, None, 3);
    assert!(html.contains("You were sure and wrong on 1 questions about: coercion and control"), "{html}");
    assert!(html.contains("Retry the 1 you missed"));
    assert!(html.contains("0 / 1"));
}

#[test]
fn result_charts_have_tables_beside_them() {
    let ui = Lang::En.ui();
    let quiz = one_question_quiz();
    let mut p = Progress::default();
    let answer =
        LastAnswer { at: 1, correct: true, confidence: Confidence::Fairly.to_u8(), tags: vec!["coercion".into()] };
    p.record_answer("k", "q", answer, None);
    let html = result(ui, &quiz, &p, Some(100), 3);
    assert_eq!(html.matches("<svg class=\"chart bars\"").count(), 2, "{html}");
    assert!(html.contains("<table class=\"tag-scores\">") && html.contains("<table class=\"calibration\">"));
    // One bar per confidence level; the "fairly sure" answer was right.
    assert!(html.contains("<th scope=\"row\">Fairly sure</th><td>1 / 1 correct</td>"), "{html}");
    assert!(html.contains("<th scope=\"row\">Sure</th><td>0 / 0 correct</td>"));
}
