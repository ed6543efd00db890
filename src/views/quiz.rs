//! The knowledge check's screens: intro, a question, the feedback on an
//! answer, and the result.

use crate::content::{Question, QuestionKind, Quiz};
use crate::html::{strip_tags, Html};
use crate::i18n::{fill, Ui};
use crate::progress::{LastAnswer, Progress};
use crate::quiz::confidence::{calibration, tag_scores, Confidence};
use crate::quiz::grade::{presented_order, Graded};
use crate::quiz::review::is_due;

/// Needs practice: last answered wrongly, or due for review.
pub fn needs_practice(p: &Progress, quiz: &str, question: &str, now: u64) -> bool {
    p.item(quiz, question).is_some_and(|r| {
        r.last.as_ref().is_some_and(|l| !l.correct) || r.review.as_ref().is_some_and(|v| is_due(v, now))
    })
}

/// The questions of the round in progress still to be asked, in order;
/// `None` when no round is in progress.
pub fn remaining(q: &Quiz, p: &Progress, now: u64) -> Option<Vec<usize>> {
    let cur = p.quiz(&q.id)?.current.as_ref()?;
    Some(
        (0..q.questions.len())
            .filter(|&i| {
                let id = &q.questions[i].id;
                !cur.answered.contains(id) && (!cur.retry || needs_practice(p, &q.id, id, now))
            })
            .collect(),
    )
}

/// The share of the quiz's questions whose latest answer was right, 0-100.
pub fn percent_right(q: &Quiz, p: &Progress) -> u8 {
    let right = q
        .questions
        .iter()
        .filter(|x| p.item(&q.id, &x.id).and_then(|r| r.last.as_ref()).is_some_and(|l| l.correct))
        .count();
    (right * 100 / q.questions.len().max(1)) as u8
}

pub fn practice_count(q: &Quiz, p: &Progress, now: u64) -> usize {
    q.questions.iter().filter(|x| needs_practice(p, &q.id, &x.id, now)).count()
}

fn confidence_label(ui: &'static Ui, c: Confidence) -> &'static str {
    match c {
        Confidence::Guess => ui.confidence_guess,
        Confidence::Fairly => ui.confidence_fairly,
        Confidence::Sure => ui.confidence_sure,
    }
}

pub fn intro(ui: &'static Ui, q: &Quiz) -> String {
    let mut h = Html::new();
    h.el_raw("div", &[("class", "prose")], &q.intro);
    h.el("button", &[("type", "button"), ("class", "button"), ("id", "start"), ("data-act", "start")], ui.quiz_start);
    h.finish()
}

/// A question with its answer widget and the confidence rating. `number`
/// counts from 1 within the round.
pub fn question(ui: &'static Ui, q: &Question, number: usize) -> String {
    let mut h = Html::new();
    h.el(
        "h2",
        &[("id", "question-title"), ("tabindex", "-1"), ("class", "step-count")],
        &fill(ui.quiz_question_of, number),
    );
    h.open("form", &[("class", "choices"), ("id", "question-form"), ("data-kind", q.kind.id())]);
    h.open("fieldset", &[]).el_raw("legend", &[("class", "prose")], &q.prompt);
    match q.kind {
        QuestionKind::Spot => {
            h.el("p", &[("class", "hint")], ui.quiz_mark_signs).open("p", &[("class", "spot-text")]);
            for (i, s) in q.segments.iter().enumerate() {
                let id = format!("option-{i}");
                h.open(
                    "input",
                    &[
                        ("type", "checkbox"),
                        ("class", "segment-box"),
                        ("name", "answer"),
                        ("value", &i.to_string()),
                        ("id", &id),
                    ],
                );
                h.el_raw("label", &[("for", &id), ("class", "segment")], &s.text).text(" ");
            }
            h.close("p");
        }
        QuestionKind::Order => {
            h.el("p", &[("class", "hint")], ui.quiz_order_help)
                .open("ol", &[("class", "order-list"), ("id", "order-list")]);
            for i in presented_order(&q.id, q.options.len()) {
                let label = strip_tags(&q.options[i].text);
                let (up, down, n) = (fill(ui.quiz_move_up, &label), fill(ui.quiz_move_down, &label), i.to_string());
                h.open("li", &[("data-i", &n)])
                    .el_raw("span", &[], &q.options[i].text)
                    .open("span", &[("class", "order-buttons")]);
                h.el(
                    "button",
                    &[("type", "button"), ("class", "small"), ("data-act", "up"), ("data-i", &n), ("aria-label", &up)],
                    "↑",
                );
                h.el(
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "small"),
                        ("data-act", "down"),
                        ("data-i", &n),
                        ("aria-label", &down),
                    ],
                    "↓",
                );
                h.close("span").close("li");
            }
            h.close("ol");
        }
        kind => {
            let multi = kind == QuestionKind::Multiple;
            if multi {
                h.el("p", &[("class", "hint")], ui.quiz_choose_all);
            }
            let texts: Vec<String> = if kind == QuestionKind::TrueFalse {
                vec![ui.quiz_true.into(), ui.quiz_false.into()]
            } else {
                q.options.iter().map(|o| o.text.clone()).collect()
            };
            for (i, t) in texts.iter().enumerate() {
                let id = format!("option-{i}");
                h.open("div", &[("class", "option")]);
                h.open(
                    "input",
                    &[
                        ("type", if multi { "checkbox" } else { "radio" }),
                        ("name", "answer"),
                        ("value", &i.to_string()),
                        ("id", &id),
                    ],
                );
                h.open("label", &[("for", &id)]).el(
                    "span",
                    &[("class", "key"), ("aria-hidden", "true")],
                    &(i + 1).to_string(),
                );
                h.el_raw("span", &[], t).close("label").close("div");
            }
        }
    }
    h.close("fieldset").open("fieldset", &[("class", "confidence")]).el("legend", &[], ui.quiz_confidence);
    for (i, c) in Confidence::ALL.into_iter().enumerate() {
        let id = format!("confidence-{i}");
        h.open("span", &[("class", "confidence-option")]);
        h.open("input", &[("type", "radio"), ("name", "confidence"), ("value", &i.to_string()), ("id", &id)]);
        h.el("label", &[("for", &id)], confidence_label(ui, c)).close("span");
    }
    h.close("fieldset");
    h.el("p", &[("class", "field-error"), ("id", "form-error"), ("role", "alert")], "");
    h.el("button", &[("type", "submit"), ("class", "button"), ("id", "check")], ui.quiz_check);
    h.close("form");
    h.finish()
}

/// What the learner is told after answering: per option or piece, the
/// explanation, a link to the lesson, and the way on.
pub fn feedback(ui: &'static Ui, q: &Question, g: &Graded, last: bool) -> String {
    let (heading, class) = if g.correct {
        (ui.quiz_correct, "feedback quality-best")
    } else if g.earned > 0 {
        (ui.quiz_partly, "feedback quality-acceptable")
    } else {
        (ui.quiz_wrong, "feedback quality-harmful")
    };
    let mut h = Html::new();
    h.open("section", &[("class", class), ("aria-labelledby", "feedback-title")]);
    h.el("h2", &[("id", "feedback-title"), ("tabindex", "-1")], heading).open("ul", &[("class", "marks")]);
    let mut row = |label: &str, text: &str, feedback: &str, right: bool| {
        h.open("li", &[("class", if right { "mark right" } else { "mark wrong" })]);
        h.open("strong", &[]).text(label).text(": ").close("strong").el_raw("span", &[], text);
        if !feedback.is_empty() {
            h.el_raw("div", &[("class", "prose")], feedback);
        }
        h.close("li");
    };
    match q.kind {
        QuestionKind::Spot => {
            for (s, m) in q.segments.iter().zip(&g.marks).filter(|(_, m)| m.chosen || m.expected) {
                let label = if m.missed() {
                    ui.quiz_missed_sign
                } else if m.expected {
                    ui.quiz_marked_sign
                } else {
                    ui.quiz_not_sign
                };
                let label = match &s.sign {
                    Some(tag) => format!("{label} ({})", ui.tag(tag)),
                    None => label.to_string(),
                };
                row(&label, &s.text, &s.feedback, m.is_right());
            }
        }
        QuestionKind::Order => {
            for (i, o) in q.options.iter().enumerate() {
                row(&format!("{}.", i + 1), &o.text, &o.feedback, g.marks.get(i).is_some_and(|m| m.chosen));
            }
        }
        _ => {
            for (o, m) in q.options.iter().zip(&g.marks).filter(|(_, m)| m.chosen || m.expected) {
                let label = if m.chosen { ui.quiz_your_answer } else { ui.quiz_should_choose };
                row(label, &o.text, &o.feedback, m.is_right());
            }
        }
    }
    h.close("ul").el_raw("div", &[("class", "prose")], &q.explanation);
    if let Some(href) = &q.learn_more {
        h.open("p", &[]).el("a", &[("href", href)], ui.learn_more).close("p");
    }
    let next = if last { ui.quiz_finish } else { ui.quiz_next };
    h.el("button", &[("type", "button"), ("class", "button"), ("id", "next"), ("data-act", "next")], next);
    h.close("section");
    h.finish()
}

/// The result: score, scores per indicator category, calibration, and the
/// ways to practise what was missed.
pub fn result(ui: &'static Ui, q: &Quiz, p: &Progress, round: Option<u8>, now: u64) -> String {
    let lasts: Vec<&LastAnswer> = q.questions.iter().filter_map(|x| p.item(&q.id, &x.id)?.last.as_ref()).collect();
    let confidence = |l: &LastAnswer| Confidence::from_u8(l.confidence).unwrap_or(Confidence::Guess);
    let scores = tag_scores(lasts.iter().map(|l| (l.tags.as_slice(), l.correct)));
    let calib = calibration(lasts.iter().map(|l| (l.tags.as_slice(), confidence(l), l.correct)));
    let percent = round.or_else(|| p.quiz(&q.id).and_then(|r| r.best)).unwrap_or(0);
    let mut h = Html::new();
    h.open("section", &[("class", "result"), ("aria-labelledby", "result-title")]);
    h.el("h2", &[("id", "result-title"), ("tabindex", "-1")], ui.quiz_result);
    h.el("p", &[("class", "score"), ("id", "score")], &fill(ui.quiz_score, percent));
    h.el("h3", &[], ui.quiz_by_tag).open("table", &[("class", "tag-scores")]).open("tbody", &[]);
    for s in scores {
        h.open("tr", &[]).el("th", &[("scope", "row")], ui.tag(s.tag));
        h.el("td", &[], &fill(ui.quiz_tag_score, format!("{} / {}", s.correct, s.answered))).close("tr");
    }
    h.close("tbody").close("table");
    h.el("h3", &[], ui.quiz_calibration).open("div", &[("id", "calibration")]);
    let sure_wrong: Vec<_> = calib.iter().filter(|c| c.sure_and_wrong > 0).collect();
    if sure_wrong.is_empty() {
        h.el("p", &[], ui.quiz_well_calibrated);
    } else {
        h.open("ul", &[]);
        for c in sure_wrong {
            h.el("li", &[], &format!("{}{}", fill(ui.quiz_sure_wrong, c.sure_and_wrong), ui.tag(c.tag)));
        }
        h.close("ul");
    }
    h.close("div");
    if q.questions.iter().any(|x| p.item(&q.id, &x.id).is_some_and(|r| r.review.is_some())) {
        h.el("p", &[], ui.quiz_review_later);
    }
    h.close("section").open("div", &[("class", "actions")]);
    let practice = practice_count(q, p, now);
    if practice > 0 {
        h.el(
            "button",
            &[("type", "button"), ("class", "button"), ("id", "retry"), ("data-act", "retry")],
            &fill(ui.quiz_retry, practice),
        );
    }
    h.el(
        "button",
        &[("type", "button"), ("class", "button secondary"), ("id", "restart"), ("data-act", "restart")],
        ui.quiz_restart,
    );
    h.close("div");
    h.finish()
}

#[cfg(test)]
mod tests {
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
            let html = super::question(ui, &question(kind), 2);
            assert!(html.contains("Spørgsmål 2"), "{html}");
            assert!(html.contains("id=\"confidence-2\""));
            match kind {
                QuestionKind::Order => assert_eq!(html.matches("data-act=\"up\"").count(), 3),
                _ => assert!(html.contains("id=\"option-0\"") && html.contains("name=\"answer\"")),
            }
        }
        assert!(super::question(ui, &question(QuestionKind::Multiple), 1).contains("type=\"checkbox\""));
        assert!(super::question(ui, &question(QuestionKind::TrueFalse), 1).contains("Sandt"));
    }

    #[test]
    fn feedback_names_missed_signs_and_links_the_lesson() {
        let ui = Lang::En.ui();
        let q = question(QuestionKind::Spot);
        let html = feedback(ui, &q, &grade(&q, &Response::Spot(vec![1])), true);
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
}
