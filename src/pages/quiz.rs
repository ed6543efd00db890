//! The knowledge-check page: keeps the screen state and turns clicks, keys
//! and form submits into progress updates. What each screen shows is written
//! by `views::quiz`.
//!
//! What a round still has to ask is derived from saved progress (the
//! questions answered this round, and each question's last answer), so a
//! reload resumes the round where it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::{self, focus_id, now};
use crate::content::{QuestionKind, Quiz};
use crate::progress::LastAnswer;
use crate::quiz::confidence::Confidence;
use crate::quiz::grade::{grade, Graded, Response};
use crate::quiz::review::after_answer;
use crate::state::ctx;
use crate::views::quiz as views;

/// The knowledge-check page. (A plain function, not a component: one view
/// type fewer in the wasm.)
#[allow(non_snake_case)]
pub fn QuizPage(id: String) -> AnyView {
    super::item_page("quizzes", id, |q: Quiz| quiz_view(q).into_any())
}

/// The screen shown, beyond what progress says.
#[derive(Clone)]
enum Screen {
    /// Whatever progress says: the next question of the round, or the
    /// intro or the last result when no round is in progress.
    Current,
    Feedback {
        question: usize,
        graded: Graded,
        last: bool,
    },
    Result,
    /// The end of the pre-check, with its score.
    PreResult(u8),
}

/// The learner's answer as the form holds it; `Err` names what is missing.
fn read_form(kind: QuestionKind) -> Result<(Response, Confidence), &'static str> {
    let ui = ctx().ui();
    let doc = document();
    let form: web_sys::HtmlFormElement =
        doc.get_element_by_id("question-form").ok_or(ui.quiz_pick_first)?.unchecked_into();
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| ui.quiz_pick_first)?;
    let picked: Vec<usize> = data.get_all("answer").iter().filter_map(|v| v.as_string()?.parse().ok()).collect();
    let response = match kind {
        QuestionKind::Single => picked.first().map(|&c| Response::Single(c)),
        QuestionKind::TrueFalse => picked.first().map(|&c| Response::TrueFalse(c == 0)),
        QuestionKind::Multiple => (!picked.is_empty()).then_some(Response::Multiple(picked)),
        QuestionKind::Spot => (!picked.is_empty()).then_some(Response::Spot(picked)),
        QuestionKind::Order => {
            let items = doc.query_selector_all("#order-list li").map_err(|_| ui.quiz_pick_first)?;
            let order = (0..items.length())
                .filter_map(|i| {
                    items.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-i")?.parse().ok()
                })
                .collect();
            Some(Response::Order(order))
        }
    }
    .ok_or(ui.quiz_pick_first)?;
    let confidence = data
        .get("confidence")
        .as_string()
        .and_then(|v| v.parse().ok())
        .and_then(Confidence::from_u8)
        .ok_or(ui.quiz_confidence_first)?;
    Ok((response, confidence))
}

/// Move a step of an order question up or down in the list, keeping focus
/// on the button pressed.
fn move_step(button: &web_sys::Element, up: bool) {
    let Some(li) = button.closest("li").ok().flatten() else { return };
    let Some(list) = li.parent_node() else { return };
    let sibling = if up { li.previous_element_sibling() } else { li.next_element_sibling() };
    if let Some(sibling) = sibling {
        let _ = if up { list.insert_before(&li, Some(&sibling)) } else { list.insert_before(&sibling, Some(&li)) };
    }
    if let Ok(b) = button.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
}

fn quiz_view(q: Quiz) -> impl IntoView {
    let ctx = ctx();
    let q = StoredValue::new(q);
    let id = q.with_value(|q| q.id.clone());
    let screen = RwSignal::new(Screen::Current);
    // The score of the round just finished, shown on the result.
    let finished = RwSignal::new(None::<u8>);
    // The module's first item: where the pre-check sends the learner.
    let module_start = ctx.catalog.get_untracked().and_then(Result::ok).and_then(|c| {
        let m = c.modules.iter().find(|m| m.items.iter().any(|i| i.id == id))?;
        m.items.first().map(|i| (super::item_href(i), i.title.clone()))
    });

    let start = {
        let id = id.clone();
        move |retry: bool, pre: bool| {
            ctx.progress.update(|p| {
                let t = now();
                let drawn = if retry { vec![] } else { q.with_value(|q| views::draw_round(q, p, pre, t)) };
                p.start_drawn(&id, drawn, retry, pre, t)
            });
            finished.set(None);
            screen.set(Screen::Current);
            request_animation_frame(|| focus_id("question-title"));
        }
    };

    let check = {
        let id = id.clone();
        move || {
            let t = now();
            let Some(i) =
                ctx.progress.with_untracked(|p| q.with_value(|q| views::remaining(q, p, t)?.first().copied()))
            else {
                return;
            };
            let question = q.with_value(|q| q.questions[i].clone());
            let (response, confidence) = match read_form(question.kind) {
                Ok(answer) => answer,
                Err(message) => {
                    if let Some(el) = document().get_element_by_id("form-error") {
                        el.set_text_content(Some(message));
                    }
                    return;
                }
            };
            let graded = grade(&question, &response);
            let mut last = false;
            ctx.progress.update(|p| {
                let review = after_answer(p.item(&id, &question.id).and_then(|r| r.review.clone()), graded.correct, t);
                let answer = LastAnswer {
                    at: t,
                    correct: graded.correct,
                    confidence: confidence.to_u8(),
                    tags: question.tags.clone(),
                };
                p.record_answer(&id, &question.id, answer, review);
                last = q.with_value(|q| views::remaining(q, p, t)).is_some_and(|r| r.is_empty());
            });
            screen.set(Screen::Feedback { question: i, graded, last });
            request_animation_frame(|| focus_id("feedback-title"));
        }
    };

    let next = {
        let id = id.clone();
        move || {
            if !matches!(screen.get_untracked(), Screen::Feedback { last: true, .. }) {
                screen.set(Screen::Current);
                request_animation_frame(|| focus_id("question-title"));
                return;
            }
            // Scored on each question's latest answer, so a round resumed
            // after a reload, or a retry of the missed ones, counts them all.
            let (mut percent, mut pre) = (0, false);
            ctx.progress.update(|p| {
                percent = q.with_value(|q| views::percent_right(q, p));
                pre = p.quiz(&id).and_then(|r| r.current.as_ref()).is_some_and(|c| c.pre);
                p.finish_round(&id, percent, now());
            });
            finished.set(Some(percent));
            screen.set(if pre { Screen::PreResult(percent) } else { Screen::Result });
            request_animation_frame(|| focus_id("result-title"));
        }
    };

    let on_click = {
        let start = start.clone();
        move |ev: leptos::ev::MouseEvent| {
            let Some((act, el)) = browser::action(&ev) else {
                return;
            };
            match act.as_str() {
                "start" | "restart" => start(false, false),
                "retry" => start(true, false),
                "pre" => start(false, true),
                "next" => next(),
                "up" => move_step(&el, true),
                "down" => move_step(&el, false),
                _ => {}
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check();
    };
    // Number keys pick (or toggle) options: 1 is the first.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(d) = ev.key().parse::<usize>().ok().filter(|d| (1..=9).contains(d)) else { return };
        if let Some(input) = document()
            .get_element_by_id(&format!("option-{}", d - 1))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            input.click();
            let _ = input.focus();
            ev.prevent_default();
        }
    };

    let body = move || {
        let ui = ctx.ui();
        let t = now();
        ctx.progress.with(|p| {
            let rec = p.quiz(&id);
            let seed = rec.and_then(|r| r.current.as_ref()).map_or(0, |c| c.seed);
            q.with_value(|q| match screen.get() {
                Screen::Feedback { question, graded, last } => {
                    views::feedback(ui, &q.questions[question], &graded, last, seed)
                }
                Screen::PreResult(percent) => {
                    let next = module_start.as_ref().map(|(h, t)| (h.as_str(), t.as_str()));
                    views::pre_result(ui, percent, next)
                }
                Screen::Result => views::result(ui, q, p, finished.get(), t),
                Screen::Current => match views::remaining(q, p, t) {
                    Some(rest) if !rest.is_empty() => {
                        // Numbered within the round (a retry round starts at 1).
                        let asked = rec.and_then(|r| r.current.as_ref()).map_or(0, |c| c.answered.len());
                        views::question(ui, &q.questions[rest[0]], asked + 1, seed)
                    }
                    _ if rec.is_some_and(|r| r.rounds > 0) => views::result(ui, q, p, None, t),
                    _ => views::intro(ui, q, q.precheck > 0 && p.pre_answers(&id).is_empty()),
                },
            })
        })
    };

    let title = q.with_value(|q| q.title.clone());
    view! {
        <article class="quiz">
            <h1 id="page-title">{title}</h1>
            <div aria-live="polite" class="quiz-body" on:click=on_click on:submit=on_submit on:keydown=on_key inner_html=body></div>
        </article>
    }
}
