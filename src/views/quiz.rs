//! The knowledge check's screens: intro, a question, the feedback on an
//! answer, and the result.

use crate::content::{Question, QuestionKind, Quiz, INDICATOR_TAGS};
use crate::html::{strip_tags, Html};
use crate::i18n::{fill, Ui};
use crate::progress::{LastAnswer, Progress};
use crate::quiz::confidence::{calibration, tag_scores, Confidence};
use crate::quiz::grade::Graded;
use crate::quiz::pool::{draw, Seen};
use crate::quiz::review::is_due;
use crate::quiz::shuffle::{presented_order, shown_order};
use crate::views::chart;

/// Needs practice: last answered wrongly, or due for review.
pub fn needs_practice(p: &Progress, quiz: &str, question: &str, now: u64) -> bool {
    p.item(quiz, question).is_some_and(|r| {
        r.last.as_ref().is_some_and(|l| !l.correct) || r.review.as_ref().is_some_and(|v| is_due(v, now))
    })
}

/// The questions of the round in progress still to be asked, in order (the
/// round's draw, or every question of a retry or an undrawn round); `None`
/// when no round is in progress.
pub fn remaining(q: &Quiz, p: &Progress, now: u64) -> Option<Vec<usize>> {
    let cur = p.quiz(&q.id)?.current.as_ref()?;
    let asked: Vec<usize> = if cur.drawn.is_empty() {
        (0..q.questions.len()).collect()
    } else {
        cur.drawn.iter().filter_map(|id| q.questions.iter().position(|x| x.id == *id)).collect()
    };
    Some(
        asked
            .into_iter()
            .filter(|&i| {
                let id = &q.questions[i].id;
                !cur.answered.contains(id) && (!cur.retry || needs_practice(p, &q.id, id, now))
            })
            .collect(),
    )
}

/// The questions for a new round (`pre`: the pre-check) with `seed`: drawn
/// from the pool, unseen ones first, then missed ones.
pub fn draw_round(q: &Quiz, p: &Progress, pre: bool, seed: u64) -> Vec<String> {
    let n = if pre { q.precheck } else { q.round } as usize;
    draw(q, n, seed, |id| match p.item(&q.id, id).and_then(|r| r.last.as_ref()) {
        None => Seen::Unseen,
        Some(l) if !l.correct => Seen::Missed,
        Some(_) => Seen::Right,
    })
}

/// The share right, 0-100: of the pre-check's answers in a pre-check, of
/// the round's questions in a drawn round, else of every question answered
/// so far (by its latest answer: a retry counts them all).
pub fn percent_right(q: &Quiz, p: &Progress) -> u8 {
    let Some(rec) = p.quiz(&q.id) else { return 0 };
    let share = |right: usize, of: usize| (right * 100 / of.max(1)) as u8;
    let last = |id: &str| p.item(&q.id, id).and_then(|r| r.last.as_ref());
    match &rec.current {
        Some(c) if c.pre => {
            let pre = p.pre_answers(&q.id);
            share(pre.iter().filter(|a| a.correct).count(), pre.len())
        }
        Some(c) if !c.drawn.is_empty() && !c.retry => {
            share(c.drawn.iter().filter(|id| last(id).is_some_and(|l| l.correct)).count(), c.drawn.len())
        }
        _ => {
            let lasts: Vec<&LastAnswer> = q.questions.iter().filter_map(|x| last(&x.id)).collect();
            share(lasts.iter().filter(|l| l.correct).count(), lasts.len())
        }
    }
}

/// The order a question's options are shown in for the round with `seed`.
pub fn option_order(q: &Question, seed: u64) -> Vec<usize> {
    match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            shown_order(seed, &q.id, &q.options.iter().map(|o| o.pin_last).collect::<Vec<_>>())
        }
        QuestionKind::Order => presented_order(seed, &q.id, q.options.len()),
        _ => (0..q.options.len()).collect(),
    }
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

/// The quiz's intro. `pre_check` offers the module's pre-check first (to a
/// learner who has neither taken it nor finished a round).
pub fn intro(ui: &'static Ui, q: &Quiz, pre_check: bool) -> String {
    let mut h = Html::new();
    if pre_check {
        h.open("div", &[("class", "precheck")]).el("h2", &[], ui.pre_title).el("p", &[], ui.pre_intro);
        h.el("button", &[("type", "button"), ("class", "button"), ("id", "pre"), ("data-act", "pre")], ui.pre_start);
        h.close("div");
    }
    h.el_raw("div", &[("class", "prose")], &q.intro);
    let class = if pre_check { "button secondary" } else { "button" };
    h.el("button", &[("type", "button"), ("class", class), ("id", "start"), ("data-act", "start")], ui.quiz_start);
    h.finish()
}

/// The end of the pre-check: its score, and on to the module's lessons.
pub fn pre_result(ui: &'static Ui, percent: u8, next: Option<(&str, &str)>) -> String {
    let mut h = Html::new();
    h.open("section", &[("class", "result"), ("aria-labelledby", "result-title")]);
    h.el("h2", &[("id", "result-title"), ("tabindex", "-1")], ui.pre_title);
    h.el("p", &[("class", "score"), ("id", "score")], &fill(ui.pre_result, percent));
    let (href, title) = next.unwrap_or(("/", ui.pre_then));
    h.open("p", &[])
        .open("a", &[("class", "button"), ("href", &ui.lang.href(href))])
        .text(title)
        .text(" →")
        .close("a")
        .close("p");
    h.close("section");
    h.finish()
}

/// A question with its answer widget and the confidence rating. `number`
/// counts from 1 within the round; `seed` orders the options (the n-th
/// shown has the id `option-<n>`, so number keys follow what is shown; its
/// value is the option's index in the question).
pub fn question(ui: &'static Ui, q: &Question, number: usize, seed: u64) -> String {
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
            for i in option_order(q, seed) {
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
            for (pos, i) in option_order(q, seed).into_iter().filter(|&i| i < texts.len()).enumerate() {
                let t = &texts[i];
                let id = format!("option-{pos}");
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
                    &(pos + 1).to_string(),
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

/// What the learner is told after answering: per option or piece (options
/// in the order shown, by `seed`), the explanation, a link to the lesson,
/// and the way on.
pub fn feedback(ui: &'static Ui, q: &Question, g: &Graded, last: bool, seed: u64) -> String {
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
            let shown = option_order(q, seed).into_iter().filter_map(|i| Some((q.options.get(i)?, g.marks.get(i)?)));
            for (o, m) in shown.filter(|(_, m)| m.chosen || m.expected) {
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

/// How often answers were right at each confidence level: a chart and,
/// as its text alternative, a table.
fn calibration_chart(h: &mut Html, ui: &'static Ui, lasts: &[&LastAnswer]) {
    let levels = Confidence::ALL.map(|c| {
        let at = lasts.iter().filter(|l| l.confidence == c.to_u8());
        (confidence_label(ui, c), at.clone().filter(|l| l.correct).count() as u32, at.count() as u32)
    });
    chart::bars(h, &levels);
    h.open("table", &[("class", "calibration")]).open("tbody", &[]);
    for (label, right, of) in levels {
        h.open("tr", &[]).el("th", &[("scope", "row")], label);
        h.el("td", &[], &fill(ui.quiz_tag_score, format!("{right} / {of}"))).close("tr");
    }
    h.close("tbody").close("table");
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
    h.el("h3", &[], ui.quiz_by_tag);
    let rows: Vec<_> = scores.iter().map(|s| (ui.tag(s.tag), s.correct, s.answered)).collect();
    chart::bars(&mut h, &rows);
    h.open("table", &[("class", "tag-scores")]).open("tbody", &[]);
    for s in scores {
        h.open("tr", &[]).el("th", &[("scope", "row")], ui.tag(s.tag));
        h.el("td", &[], &fill(ui.quiz_tag_score, format!("{} / {}", s.correct, s.answered))).close("tr");
    }
    h.close("tbody").close("table");
    h.el("h3", &[], ui.quiz_calibration).open("div", &[("id", "calibration")]);
    calibration_chart(&mut h, ui, &lasts);
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
    let pre = p.pre_answers(&q.id);
    if !pre.is_empty() {
        gain(&mut h, ui, &pre, &lasts);
    }
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

/// The learning gain: the pre-check beside the answers since, as the score
/// and, per indicator category, right answers and answers given sure but
/// wrong (calibration).
fn gain(h: &mut Html, ui: &'static Ui, before: &[&LastAnswer], after: &[&LastAnswer]) {
    // [right, answered, sure but wrong] of a set, for one tag or all.
    let count = |set: &[&LastAnswer], tag: Option<&str>| {
        let mut c = [0u32; 3];
        for l in set.iter().filter(|l| tag.is_none_or(|t| l.tags.iter().any(|x| x == t))) {
            c[1] += 1;
            if l.correct {
                c[0] += 1;
            } else if l.confidence == Confidence::Sure.to_u8() {
                c[2] += 1;
            }
        }
        c
    };
    let row = |h: &mut Html, label: &str, tag: Option<&str>| {
        h.open("tr", &[]).el("th", &[("scope", "row")], label);
        for set in [before, after] {
            let c = count(set, tag);
            h.open("td", &[]);
            if c[1] == 0 {
                h.text(ui.gain_none);
            } else {
                h.text(&format!("{} / {}", c[0], c[1]));
            }
            if c[2] > 0 {
                h.text(" · ").text(&fill(ui.gain_sure_wrong, c[2]));
            }
            h.close("td");
        }
        h.close("tr");
    };
    h.el("h3", &[], ui.gain_title).open("table", &[("class", "tag-scores gain"), ("id", "gain")]);
    h.open("thead", &[]).open("tr", &[]).el("td", &[], "").el("th", &[("scope", "col")], ui.gain_before);
    h.el("th", &[("scope", "col")], ui.gain_after).close("tr").close("thead").open("tbody", &[]);
    row(h, ui.quiz_result, None);
    // In the taxonomy's order: no sort to ship.
    for tag in INDICATOR_TAGS {
        if count(before, Some(tag))[1] + count(after, Some(tag))[1] > 0 {
            row(h, ui.tag(tag), Some(tag));
        }
    }
    h.close("tbody").close("table");
}

#[cfg(test)]
mod tests;
