//! The scenario's screens: intro, a step with its choices, the feedback on
//! a choice, and the result with the replay beside the recommended path.

use crate::content::{Quality, Scenario, Step};
use crate::html::Html;
use crate::i18n::{fill, Ui};
use crate::progress::Progress;
use crate::quiz::scenario::{self as logic, Position};
use crate::quiz::shuffle::shown_order;

/// The order a step's choices are shown in for the attempt with `seed`.
pub fn choice_order(step: &Step, seed: u64) -> Vec<usize> {
    shown_order(seed, &step.id, &step.choices.iter().map(|c| c.pin_last).collect::<Vec<_>>())
}

/// The screen shown when no feedback is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Intro,
    Playing,
    Result,
}

impl Phase {
    /// Where a learner arrives: the attempt in progress (a reload resumes
    /// it), else the last result, else the intro.
    pub fn on_arrival(started: bool, finished_before: bool) -> Phase {
        match (!started, finished_before) {
            (false, _) => Phase::Playing,
            (true, true) => Phase::Result,
            (true, false) => Phase::Intro,
        }
    }
}

/// Feedback on the choice just made, shown until the learner continues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revealed {
    pub step: String,
    pub choice: usize,
    /// The choice led to an ending: continuing shows the result.
    pub finished: bool,
}

pub fn quality_label(ui: &Ui, q: Quality) -> &'static str {
    match q {
        Quality::Best => ui.quality_best,
        Quality::Acceptable => ui.quality_acceptable,
        Quality::Harmful => ui.quality_harmful,
    }
}

fn grade_label(ui: &Ui, q: Quality) -> &'static str {
    match q {
        Quality::Best => ui.grade_best,
        Quality::Acceptable => ui.grade_acceptable,
        Quality::Harmful => ui.grade_harmful,
    }
}

pub fn loading(ui: &'static Ui) -> String {
    let mut h = Html::new();
    h.el("p", &[], ui.loading);
    h.finish()
}

pub fn intro(ui: &'static Ui, s: &Scenario) -> String {
    let mut h = Html::new();
    h.el_raw("div", &[("class", "prose")], &s.intro);
    h.el(
        "button",
        &[("type", "button"), ("class", "button"), ("id", "start"), ("data-act", "start")],
        ui.scenario_start,
    );
    h.finish()
}

/// The step the path of choices has reached; a path that does not end at
/// a step (the page restarts a path that does not fit) shows "loading".
pub fn playing(ui: &'static Ui, s: &Scenario, path: &[usize], seed: u64) -> String {
    match logic::position(s, path) {
        Ok(Position::Step { step: st, decisions }) => step(ui, st, decisions, seed),
        _ => loading(ui),
    }
}

/// A step and its choices, after `decisions` choices made, in the
/// attempt's order: `choice-<n>` is the n-th shown (the number keys follow
/// it), its value the choice's index in the scenario. The form's error line
/// stays empty here: the page fills it in place when the learner confirms
/// without a choice, so the form is not reset.
pub fn step(ui: &'static Ui, step: &Step, decisions: usize, seed: u64) -> String {
    let mut h = Html::new();
    h.el(
        "h2",
        &[("id", "step-title"), ("tabindex", "-1"), ("class", "step-count")],
        &fill(ui.scenario_step_of, decisions + 1),
    );
    h.el_raw("div", &[("class", "prose")], &step.text);
    if step.dilemma {
        h.el("p", &[("class", "dilemma")], ui.scenario_dilemma);
    }
    h.open("form", &[("class", "choices")]).open("fieldset", &[]).el("legend", &[], ui.scenario_choose);
    h.el("p", &[("class", "field-error"), ("id", "form-error"), ("role", "alert")], "");
    for (pos, i) in choice_order(step, seed).into_iter().enumerate() {
        let id = format!("choice-{pos}");
        h.open("div", &[("class", "option")]);
        h.open("input", &[("type", "radio"), ("name", "choice"), ("value", &i.to_string()), ("id", &id)]);
        h.open("label", &[("for", &id)]).el(
            "span",
            &[("class", "key"), ("aria-hidden", "true")],
            &(pos + 1).to_string(),
        );
        h.el_raw("span", &[], &step.choices[i].text).close("label").close("div");
    }
    h.close("fieldset");
    h.el("button", &[("type", "submit"), ("class", "button"), ("id", "confirm")], ui.scenario_confirm);
    h.close("form");
    h.finish()
}

/// How good the choice just made was, and why. Empty if the choice is not
/// in the scenario (it always is: it was just made from it).
pub fn feedback(ui: &'static Ui, s: &Scenario, r: &Revealed) -> String {
    let Some(c) = s.step(&r.step).and_then(|st| st.choices.get(r.choice)) else {
        return String::new();
    };
    let class = format!("feedback quality-{}", c.quality.id());
    let mut h = Html::new();
    h.open("section", &[("class", &class), ("aria-labelledby", "feedback-title")]);
    h.el("h2", &[("id", "feedback-title"), ("tabindex", "-1")], quality_label(ui, c.quality));
    h.open("p", &[("class", "chosen")]).el_raw("span", &[], &c.text).close("p");
    h.el_raw("div", &[("class", "prose")], &c.feedback);
    consequence(&mut h, ui, &c.consequence);
    if let Some(href) = &c.learn_more {
        h.open("p", &[]).el("a", &[("href", href)], ui.learn_more).close("p");
    }
    h.el(
        "button",
        &[("type", "button"), ("class", "button"), ("id", "continue"), ("data-act", "continue")],
        ui.scenario_continue,
    );
    h.close("section");
    h.finish()
}

/// What a choice led to, if the author wrote it.
fn consequence(h: &mut Html, ui: &Ui, text: &str) {
    if !text.is_empty() {
        h.open("div", &[("class", "consequence")]).el("h3", &[], ui.scenario_consequence);
        h.el_raw("div", &[("class", "prose")], text).close("div");
    }
}

/// The last finished attempt: the grade and score of its whole path, the
/// ending, what every choice that was not the best cost, and the replay in
/// the order the learner saw the choices; with the ways on. `next` is the
/// next item's address and title.
pub fn result(ui: &'static Ui, s: &Scenario, p: &Progress, next: Option<(&str, &str)>) -> String {
    let Some(attempt) = p.scenario(&s.id).and_then(|r| r.attempts.last()) else {
        return loading(ui);
    };
    let outcome = logic::outcome(s, &attempt.choices).ok().flatten();
    let mut h = Html::new();
    h.open("section", &[("class", "result"), ("aria-labelledby", "result-title")]);
    h.el("h2", &[("id", "result-title"), ("tabindex", "-1")], ui.scenario_result);
    if let Some(o) = &outcome {
        h.el("p", &[("class", &format!("grade grade-{}", o.grade.id()))], grade_label(ui, o.grade));
    }
    if let Some(e) = s.ending(&attempt.ending) {
        h.el_raw("div", &[("class", "prose")], &e.text);
    }
    // The score saved with the attempt, from the rules of its day.
    h.el("p", &[("class", "score"), ("id", "score")], &fill(ui.scenario_score, attempt.percent));
    h.el("p", &[("class", "hint")], ui.scenario_scoring);
    h.el("h3", &[], ui.scenario_costs).open("ul", &[("class", "costs"), ("id", "costs")]);
    let costs: Vec<_> = outcome.iter().flat_map(|o| o.costs()).collect();
    if costs.is_empty() {
        h.el("li", &[], ui.scenario_no_costs);
    }
    for d in costs {
        let Some(c) = s.step(&d.step).and_then(|st| st.choices.get(d.choice)) else { continue };
        h.open("li", &[("class", &format!("cost quality-{}", c.quality.id()))]);
        h.open("p", &[]).open("strong", &[]).text(quality_label(ui, c.quality)).text(": ").close("strong");
        h.el_raw("span", &[], &c.text).close("p").el_raw("div", &[("class", "prose")], &c.feedback);
        consequence(&mut h, ui, &c.consequence);
        h.close("li");
    }
    h.close("ul").el("h3", &[], ui.replay_title).open("ol", &[("class", "replay")]);
    for (n, row) in logic::replay(s, &attempt.choices).unwrap_or_default().into_iter().enumerate() {
        let Some(step) = s.step(&row.step) else { continue };
        let same = step.choices[row.recommended].quality == row.quality;
        h.open("li", &[("class", if same { "replay-row same" } else { "replay-row differs" })]);
        h.el("p", &[("class", "replay-step")], &fill(ui.scenario_step_of, n + 1));
        h.open("ol", &[("class", "replay-choices"), ("aria-label", ui.replay_shown)]);
        for i in choice_order(step, attempt.seed) {
            let c = &step.choices[i];
            h.open("li", &[("class", if i == row.chosen { "chosen" } else { "" })]).el_raw("span", &[], &c.text);
            if i == row.chosen {
                h.text(" — ").open("strong", &[]).text(ui.replay_yours).close("strong");
                h.text(" (").text(quality_label(ui, c.quality)).text(")");
            } else if c.quality == Quality::Best && !same {
                h.text(" — ").open("strong", &[]).text(ui.replay_recommended).close("strong");
            }
            h.close("li");
        }
        h.close("ol").close("li");
    }
    h.close("ol").open("div", &[("class", "actions")]);
    h.el(
        "button",
        &[("type", "button"), ("class", "button secondary"), ("id", "restart"), ("data-act", "restart")],
        ui.scenario_restart,
    );
    if let Some((href, title)) = next {
        h.open("a", &[("class", "button"), ("href", &ui.lang.href(href))]).text(title).text(" →").close("a");
    }
    h.close("div").close("section");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Choice, Ending};
    use crate::i18n::Lang;

    fn choice(text: &str, quality: Quality, next: &str) -> Choice {
        Choice {
            text: format!("<em>{text}</em>"),
            feedback: format!("<p>why {text}</p>"),
            quality,
            next: next.into(),
            tags: vec![],
            learn_more: Some("/lesson/a#b".into()),
            consequence: String::new(),
            pin_last: false,
        }
    }

    /// Two steps, then a good or a harmful ending.
    fn scenario() -> Scenario {
        Scenario {
            id: "s".into(),
            title: "S".into(),
            minutes: 5,
            tags: vec![],
            intro: "<p>Intro</p>".into(),
            start: "one".into(),
            steps: vec![
                Step {
                    id: "one".into(),
                    text: "<p>First</p>".into(),
                    choices: vec![choice("ask", Quality::Best, "two"), choice("leave", Quality::Harmful, "bad")],
                    dilemma: false,
                },
                Step {
                    id: "two".into(),
                    text: "<p>Second</p>".into(),
                    choices: vec![choice("wait", Quality::Acceptable, "good"), choice("call", Quality::Best, "good")],
                    dilemma: false,
                },
            ],
            endings: vec![
                Ending { id: "good".into(), grade: Quality::Best, text: "<p>Safe</p>".into() },
                Ending { id: "bad".into(), grade: Quality::Harmful, text: "<p>Lost</p>".into() },
            ],
        }
    }

    #[test]
    fn arrival_resumes_an_attempt_or_shows_the_last_result() {
        assert_eq!(Phase::on_arrival(true, true), Phase::Playing);
        assert_eq!(Phase::on_arrival(false, true), Phase::Result);
        assert_eq!(Phase::on_arrival(false, false), Phase::Intro);
    }

    #[test]
    fn intro_has_the_start_button() {
        let html = intro(Lang::Da.ui(), &scenario());
        assert!(
            html.contains("<p>Intro</p>") && html.contains("id=\"start\"") && html.contains("Start casen"),
            "{html}"
        );
    }

    #[test]
    fn a_step_numbers_its_choices_in_a_form() {
        let ui = Lang::Da.ui();
        let html = playing(ui, &scenario(), &[0], 0);
        assert!(html.contains("id=\"step-title\" tabindex=\"-1\"") && html.contains(">Valg 2</h2>"), "{html}");
        assert!(html.contains("<p>Second</p>"));
        assert!(html.contains("<form class=\"choices\">"));
        assert!(html.contains("name=\"choice\" value=\"1\" id=\"choice-1\""));
        assert!(!html.contains("choice-2"));
        assert!(html.contains("<em>call</em>"));
        assert!(html.contains("id=\"form-error\" role=\"alert\"></p>"));
        assert!(html.contains("type=\"submit\" class=\"button\" id=\"confirm\""));
        // A path past the steps (or off them) is no step.
        assert_eq!(playing(ui, &scenario(), &[1], 0), "<p>Henter …</p>");
        assert_eq!(playing(ui, &scenario(), &[5], 0), "<p>Henter …</p>");
    }

    #[test]
    fn choices_are_shown_in_the_attempts_order_with_keys_that_follow_it() {
        let ui = Lang::En.ui();
        let mut s = scenario();
        s.steps[1].choices.push(choice("none", Quality::Harmful, "bad"));
        s.steps[1].choices[2].pin_last = true;
        s.steps[1].dilemma = true;
        let orders: std::collections::BTreeSet<Vec<usize>> =
            (1..30).map(|seed| choice_order(&s.steps[1], seed)).collect();
        assert!(orders.len() == 2 && orders.iter().all(|o| o[2] == 2), "{orders:?}");
        for seed in 1..5 {
            let order = choice_order(&s.steps[1], seed);
            let html = playing(ui, &s, &[0], seed);
            let first = format!("value=\"{}\" id=\"choice-0\"", order[0]);
            assert!(html.contains(&first), "{html}");
            assert!(html.contains("value=\"2\" id=\"choice-2\""), "pinned last");
            assert!(html.contains("class=\"dilemma\">A dilemma"));
        }
        assert!(!playing(ui, &s, &[], 1).contains("dilemma"));
    }

    #[test]
    fn a_consequence_is_shown_after_the_feedback() {
        let ui = Lang::Da.ui();
        let mut s = scenario();
        s.steps[1].choices[0].consequence = "<p>Hun gik.</p>".into();
        let html = feedback(ui, &s, &Revealed { step: "two".into(), choice: 0, finished: true });
        assert!(html.contains("<p>why wait</p></div><div class=\"consequence\"><h3>Hvad det førte til</h3><div class=\"prose\"><p>Hun gik.</p></div></div>"), "{html}");
    }

    #[test]
    fn feedback_names_the_quality_and_links_the_lesson() {
        let ui = Lang::En.ui();
        let r = Revealed { step: "one".into(), choice: 1, finished: true };
        let html = feedback(ui, &scenario(), &r);
        assert!(html.contains("class=\"feedback quality-harmful\""), "{html}");
        assert!(html.contains("id=\"feedback-title\" tabindex=\"-1\">Harmful choice</h2>"));
        assert!(html.contains("<p class=\"chosen\"><span><em>leave</em></span></p>"));
        assert!(html.contains("<p>why leave</p>") && html.contains("href=\"/lesson/a#b\""));
        assert!(html.contains("id=\"continue\" data-act=\"continue\""));
        assert_eq!(feedback(ui, &scenario(), &Revealed { choice: 9, ..r }), "");
    }

    #[test]
    fn result_shows_the_ending_score_and_replay() {
        let ui = Lang::En.ui();
        let s = scenario();
        let mut p = Progress::default();
        assert_eq!(result(ui, &s, &p, None), "<p>Loading …</p>");
        p.choose("s", 0, 1);
        p.choose("s", 0, 2);
        let o = logic::outcome(&s, p.current_choices("s")).unwrap().unwrap();
        p.finish("s", &o.ending, o.percent, 3);
        let html = result(ui, &s, &p, Some(("/quiz/k", "Check & see")));
        assert!(html.contains("id=\"result-title\" tabindex=\"-1\">The case is over</h2>"), "{html}");
        // The best ending, reached with an acceptable choice: graded by the
        // whole path (2 + 1 + 2 of 6 points), and that choice's cost shown.
        assert!(html.contains("class=\"grade grade-acceptable\">") && html.contains("<p>Safe</p>"));
        assert!(html.contains("id=\"score\">Your result: 83 %</p>"));
        assert!(html.contains("<li class=\"cost quality-acceptable\"><p><strong>Acceptable choice: </strong><span><em>wait</em></span></p><div class=\"prose\"><p>why wait</p></div></li>"), "{html}");
        assert_eq!(html.matches("<li class=\"cost").count(), 1);
        assert_eq!(html.matches("<li class=\"replay-row").count(), 2);
        assert!(html.contains("<li class=\"replay-row same\"><p class=\"replay-step\">Decision 1</p>"));
        assert!(html.contains("<span><em>wait</em></span> — <strong>Your choice</strong> (Acceptable choice)"));
        assert!(html.contains("<li class=\"replay-row differs\">"));
        assert!(html.contains("<span><em>call</em></span> — <strong>Recommended</strong>"));
        assert!(html.contains("id=\"restart\" data-act=\"restart\">Start again</button>"));
        assert!(html.contains("<a class=\"button\" href=\"/en/quiz/k\">Check &amp; see →</a>"));
    }
}
