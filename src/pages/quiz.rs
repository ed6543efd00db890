//! A knowledge check: one question at a time, a confidence rating before
//! the answer is checked, elaborated feedback after, then the result with
//! scores and calibration per indicator category, a retry of only what was
//! missed, and spaced review of missed questions over the following days.
//!
//! What a round still has to ask is derived from saved progress (the
//! questions answered this round, and each question's last answer), so a
//! reload resumes the round where it was.

use leptos::prelude::*;

use super::{find_item, ContentError, LoadError};
use crate::app::{content_url, ctx};
use crate::browser::{self, focus_id, now};
use crate::content::{Question, QuestionKind, Quiz};
use crate::i18n::{fill, Ui};
use crate::progress::{LastAnswer, Progress};
use crate::quiz::confidence::{calibration, tag_scores, Confidence};
use crate::quiz::grade::{grade, presented_order, round_percent, Graded, Response};
use crate::quiz::review::{after_answer, is_due};

#[component]
pub fn QuizPage(id: String) -> impl IntoView {
    let ctx = ctx();
    let quiz = {
        let id = id.clone();
        LocalResource::new(move || browser::fetch_text(content_url(ctx.lang.get(), &format!("quizzes/{id}.json"))))
    };
    view! {
        {move || super::or_loading({
                if let Some(err) = ctx.catalog.get().and_then(Result::ok).and_then(|c| find_item(&c, &id)).and_then(|i| i.error) {
                    Some(view! { <ContentError message=err/> }.into_any())
                } else {
                quiz.get().map(|r| match browser::decode::<Quiz>(r) {
                    Ok(q) => quiz_view(q).into_any(),
                    Err(e) => view! { <LoadError message=e/> }.into_any(),
                })
                }
            })}
        
    }
}

/// Needs practice: last answered wrongly, or due for review.
fn needs_practice(p: &Progress, quiz: &str, question: &str, now: u64) -> bool {
    p.item(quiz, question)
        .is_some_and(|r| r.last.as_ref().is_some_and(|l| !l.correct) || r.review.as_ref().is_some_and(|v| is_due(v, now)))
}

/// The questions of the round in progress still to be asked, in order.
fn remaining(q: &Quiz, p: &Progress, now: u64) -> Option<Vec<usize>> {
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

#[derive(Clone)]
struct Answered {
    question: usize,
    graded: Graded,
    response: Vec<usize>,
    last: bool,
}

fn confidence_label(ui: &Ui, c: Confidence) -> &'static str {
    match c {
        Confidence::Guess => ui.confidence_guess,
        Confidence::Fairly => ui.confidence_fairly,
        Confidence::Sure => ui.confidence_sure,
    }
}

fn quiz_view(q: Quiz) -> impl IntoView {
    let ctx = ctx();
    let q = StoredValue::new(q);
    let id = q.with_value(|q| q.id.clone());
    let remaining_now = move || ctx.progress.with(|p| q.with_value(|q| remaining(q, p, now())));
    let practice_count = move || {
        ctx.progress.with(|p| q.with_value(|q| q.questions.iter().filter(|x| needs_practice(p, &q.id, &x.id, now())).count()))
    };
    // Indices chosen for the current question, and the confidence.
    let chosen = RwSignal::new(Vec::<usize>::new());
    let confidence = RwSignal::new(None::<Confidence>);
    let missing = RwSignal::new(None::<&'static str>);
    let answered = RwSignal::new(None::<Answered>);
    let round_scores = RwSignal::new(Vec::<Graded>::new());
    let show_result = RwSignal::new(false);

    let start = {
        let id = id.clone();
        move |retry: bool| {
            ctx.progress.update(|p| p.start_round(&id, retry, now()));
            round_scores.set(vec![]);
            show_result.set(false);
            answered.set(None);
            request_animation_frame(|| focus_id("question-title"));
        }
    };

    let reset_answer = move |question: &Question| {
        chosen.set(if question.kind == QuestionKind::Order {
            presented_order(&question.id, question.options.len())
        } else {
            vec![]
        });
        confidence.set(None);
        missing.set(None);
    };

    let check = {
        let id = id.clone();
        move |i: usize| {
            let ui = ctx.ui();
            let Some(question) = q.with_value(|q| q.questions.get(i).cloned()) else { return };
            let picked = chosen.get_untracked();
            let response = match question.kind {
                QuestionKind::Single => picked.first().map(|&c| Response::Single(c)),
                QuestionKind::TrueFalse => picked.first().map(|&c| Response::TrueFalse(c == 0)),
                QuestionKind::Multiple => (!picked.is_empty()).then(|| Response::Multiple(picked.clone())),
                QuestionKind::Spot => (!picked.is_empty()).then(|| Response::Spot(picked.clone())),
                QuestionKind::Order => Some(Response::Order(picked.clone())),
            };
            let Some(response) = response else {
                missing.set(Some(ui.quiz_pick_first));
                return;
            };
            let Some(conf) = confidence.get_untracked() else {
                missing.set(Some(ui.quiz_confidence_first));
                request_animation_frame(|| focus_id("confidence-0"));
                return;
            };
            let graded = grade(&question, &response);
            let t = now();
            let mut last = false;
            ctx.progress.update(|p| {
                let review = after_answer(p.item(&id, &question.id).and_then(|r| r.review.clone()), graded.correct, t);
                let answer = LastAnswer { at: t, correct: graded.correct, confidence: conf.to_u8(), tags: question.tags.clone() };
                p.record_answer(&id, &question.id, answer, review);
                last = q.with_value(|q| remaining(q, p, t)).is_some_and(|r| r.is_empty());
            });
            round_scores.update(|s| s.push(graded.clone()));
            answered.set(Some(Answered { question: i, graded, response: picked, last }));
            request_animation_frame(|| focus_id("feedback-title"));
        }
    };

    let next = {
        let id = id.clone();
        move |_| {
            let finished = answered.get_untracked().is_some_and(|a| a.last);
            answered.set(None);
            if finished {
                let t = now();
                ctx.progress.update(|p| {
                    let retry = p.quiz(&id).and_then(|r| r.current.as_ref()).is_some_and(|c| c.retry);
                    // A full round scores itself; a retry round scores the
                    // share of all questions now answered right.
                    let percent = if retry {
                        q.with_value(|q| {
                            let right = q.questions.iter().filter(|x| p.item(&id, &x.id).and_then(|r| r.last.as_ref()).is_some_and(|l| l.correct)).count();
                            (right * 100 / q.questions.len().max(1)) as u8
                        })
                    } else {
                        round_percent(&round_scores.get_untracked())
                    };
                    p.finish_round(&id, percent, t);
                });
                show_result.set(true);
                request_animation_frame(|| focus_id("result-title"));
            } else {
                request_animation_frame(|| focus_id("question-title"));
            }
        }
    };

    let title = q.with_value(|q| q.title.clone());
    let intro = q.with_value(|q| q.intro.clone());
    let body = move || {
        let ui = ctx.ui();
        if let Some(a) = answered.get() {
            return q.with_value(|q| feedback_view(ui, &q.questions[a.question], &a, next.clone())).into_any();
        }
        match remaining_now() {
            Some(rest) if !rest.is_empty() && !show_result.get() => {
                let i = rest[0];
                let done = q.with_value(|q| q.questions.len()) - rest.len();
                let question = q.with_value(|q| q.questions[i].clone());
                reset_answer(&question);
                let check = check.clone();
                question_view(ui, question, done, chosen, confidence, missing, move || check(i)).into_any()
            }
            _ if show_result.get() || ctx.progress.with(|p| p.quiz(&id).is_some_and(|r| r.rounds > 0)) => {
                let start = start.clone();
                let start2 = start.clone();
                let percent = round_scores.with(|s| (!s.is_empty()).then(|| round_percent(s)));
                view! {
                    {ctx.progress.with(|p| q.with_value(|q| result_view(ui, q, p, percent)))}
                    <div class="actions">
                        {move || (practice_count() > 0).then(|| {
                            let start = start.clone();
                            view! { <button type="button" class="button" id="retry" on:click=move |_| start(true)>{fill(ui.quiz_retry, practice_count())}</button> }
                        })}
                        <button type="button" class="button secondary" id="restart" on:click=move |_| start2(false)>{ui.quiz_restart}</button>
                    </div>
                }
                .into_any()
            }
            _ => {
                let start = start.clone();
                view! {
                    <div class="prose" inner_html=intro.clone()></div>
                    <button type="button" class="button" id="start" on:click=move |_| start(false)>{ui.quiz_start}</button>
                }
                .into_any()
            }
        }
    };

    view! {
        <article class="quiz">
            <h1 id="page-title">{title}</h1>
            <div aria-live="polite" class="quiz-body">{body}</div>
        </article>
    }
}

fn question_view(
    ui: &'static Ui,
    question: Question,
    done: usize,
    chosen: RwSignal<Vec<usize>>,
    confidence: RwSignal<Option<Confidence>>,
    missing: RwSignal<Option<&'static str>>,
    check: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let kind = question.kind;
    let n = if kind == QuestionKind::Spot { question.segments.len() } else { question.options.len() };
    let multi = matches!(kind, QuestionKind::Multiple | QuestionKind::Spot);
    let toggle = move |i: usize| {
        chosen.update(|c| {
            if !multi {
                *c = vec![i];
            } else if let Some(pos) = c.iter().position(|&x| x == i) {
                c.remove(pos);
            } else {
                c.push(i);
            }
        })
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Number keys pick (or toggle) options; not for the order and spot
        // widgets, whose buttons are reached with Tab.
        let target_is_input = ev.target().is_some_and(|t| {
            use wasm_bindgen::JsCast;
            t.dyn_ref::<web_sys::Element>().is_some_and(|e| e.tag_name() == "INPUT" && e.get_attribute("type").as_deref() == Some("text"))
        });
        if target_is_input || matches!(kind, QuestionKind::Order | QuestionKind::Spot) {
            return;
        }
        if let Some(d) = ev.key().parse::<usize>().ok().filter(|d| (1..=n).contains(d)) {
            toggle(d - 1);
            focus_id(&format!("option-{}", d - 1));
            ev.prevent_default();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        check();
    };
    let texts: Vec<String> = match kind {
        QuestionKind::Spot => question.segments.iter().map(|s| s.text.clone()).collect(),
        _ => question.options.iter().map(|o| o.text.clone()).collect(),
    };
    let widget = match kind {
        QuestionKind::Spot => view! {
            <p class="hint">{ui.quiz_mark_signs}</p>
            <p class="spot-text">
                {texts.into_iter().enumerate().map(|(i, t)| view! {
                    <button type="button" class="segment" id=format!("option-{i}")
                        aria-pressed=move || chosen.with(|c| c.contains(&i)).to_string()
                        on:click=move |_| toggle(i) inner_html=t></button>
                    " "
                }).collect_view()}
            </p>
        }
        .into_any(),
        QuestionKind::Order => view! {
            <p class="hint">{ui.quiz_order_help}</p>
            <ol class="order-list">
                {move || {
                    let order = chosen.get();
                    let len = order.len();
                    order.into_iter().enumerate().map(|(pos, opt)| {
                        let text = texts[opt].clone();
                        let plain = strip_tags(&text);
                        let (up, down) = (fill(ui.quiz_move_up, &plain), fill(ui.quiz_move_down, &plain));
                        let mv = move |to: usize| {
                            chosen.update(|c| c.swap(pos, to));
                            request_animation_frame(move || focus_id(&format!("order-{opt}-{}", if to < pos { "up" } else { "down" })));
                        };
                        view! {
                            <li>
                                <span inner_html=text></span>
                                <span class="order-buttons">
                                    <button type="button" class="small" id=format!("order-{opt}-up") aria-label=up disabled=pos == 0 on:click=move |_| mv(pos - 1)>"↑"</button>
                                    <button type="button" class="small" id=format!("order-{opt}-down") aria-label=down disabled=pos + 1 == len on:click=move |_| mv(pos + 1)>"↓"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        }
        .into_any(),
        _ => {
            let input_type = if multi { "checkbox" } else { "radio" };
            let texts = if kind == QuestionKind::TrueFalse { vec![ui.quiz_true.to_string(), ui.quiz_false.to_string()] } else { texts };
            view! {
                {multi.then(|| view! { <p class="hint">{ui.quiz_choose_all}</p> })}
                {texts.into_iter().enumerate().map(|(i, t)| {
                    let input_id = format!("option-{i}");
                    view! {
                        <div class="option">
                            <input type=input_type name="answer" id=input_id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&i))
                                on:change=move |_| toggle(i)/>
                            <label for=input_id><span class="key" aria-hidden="true">{i + 1}</span><span inner_html=t></span></label>
                        </div>
                    }
                }).collect_view()}
            }
            .into_any()
        }
    };
    view! {
        <h2 id="question-title" tabindex="-1" class="step-count">{fill(ui.quiz_question_of, done + 1)}</h2>
        <form class="choices" on:submit=submit on:keydown=on_key>
            <fieldset>
                <legend class="prose" inner_html=question.prompt></legend>
                {widget}
            </fieldset>
            <fieldset class="confidence">
                <legend>{ui.quiz_confidence}</legend>
                {Confidence::ALL.into_iter().enumerate().map(|(i, c)| {
                    let cid = format!("confidence-{i}");
                    view! {
                        <span class="confidence-option">
                            <input type="radio" name="confidence" id=cid.clone()
                                prop:checked=move || confidence.get() == Some(c)
                                on:change=move |_| confidence.set(Some(c))/>
                            <label for=cid>{confidence_label(ui, c)}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            {move || missing.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="submit" class="button" id="check">{ui.quiz_check}</button>
        </form>
    }
}

/// Text without markup, for labels read out by screen readers.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn feedback_view(ui: &'static Ui, question: &Question, a: &Answered, next: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let g = &a.graded;
    let (heading, class) = if g.correct {
        (ui.quiz_correct, "best")
    } else if g.earned > 0 {
        (ui.quiz_partly, "acceptable")
    } else {
        (ui.quiz_wrong, "harmful")
    };
    // One line per option or segment the learner should hear about.
    let rows = match question.kind {
        QuestionKind::Spot => question
            .segments
            .iter()
            .zip(&g.marks)
            .filter(|(_, m)| m.chosen || m.expected)
            .map(|(s, m)| {
                let label = if m.missed() { ui.quiz_missed_sign } else if m.expected { ui.quiz_marked_sign } else { ui.quiz_not_sign };
                let tag = s.sign.as_deref().map(|t| format!(" ({})", ui.tag(t))).unwrap_or_default();
                (format!("{label}{tag}"), s.text.clone(), s.feedback.clone(), m.is_right())
            })
            .collect::<Vec<_>>(),
        QuestionKind::Order => question
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (format!("{}.", i + 1), o.text.clone(), o.feedback.clone(), g.marks.get(i).is_some_and(|m| m.chosen)))
            .collect(),
        _ => question
            .options
            .iter()
            .zip(&g.marks)
            .filter(|(_, m)| m.chosen || m.expected)
            .map(|(o, m)| {
                let label = if m.chosen { ui.quiz_your_answer } else { ui.quiz_should_choose };
                (label.to_string(), o.text.clone(), o.feedback.clone(), m.is_right())
            })
            .collect(),
    };
    let _ = &a.response;
    view! {
        <section class=format!("feedback quality-{class}") aria-labelledby="feedback-title">
            <h2 id="feedback-title" tabindex="-1">{heading}</h2>
            <ul class="marks">
                {rows.into_iter().map(|(label, text, feedback, right)| view! {
                    <li class=if right { "mark right" } else { "mark wrong" }>
                        <strong>{label} ": "</strong><span inner_html=text></span>
                        {(!feedback.is_empty()).then(|| view! { <div class="prose" inner_html=feedback></div> })}
                    </li>
                }).collect_view()}
            </ul>
            <div class="prose" inner_html=question.explanation.clone()></div>
            {question.learn_more.clone().map(|href| view! { <p><a href=href>{ui.learn_more}</a></p> })}
            <button type="button" class="button" id="next" on:click=next>{if a.last { ui.quiz_finish } else { ui.quiz_next }}</button>
        </section>
    }
}

fn result_view(ui: &'static Ui, q: &Quiz, p: &Progress, round: Option<u8>) -> impl IntoView {
    let lasts: Vec<&LastAnswer> = q.questions.iter().filter_map(|x| p.item(&q.id, &x.id)?.last.as_ref()).collect();
    let scores = tag_scores(lasts.iter().map(|l| (l.tags.as_slice(), l.correct)));
    let calib = calibration(lasts.iter().map(|l| (l.tags.as_slice(), Confidence::from_u8(l.confidence).unwrap_or(Confidence::Guess), l.correct)));
    let percent = round.or_else(|| p.quiz(&q.id).and_then(|r| r.best)).unwrap_or(0);
    let sure_wrong: Vec<_> = calib.iter().filter(|c| c.sure_and_wrong > 0).collect();
    let review_count = q.questions.iter().filter(|x| p.item(&q.id, &x.id).is_some_and(|r| r.review.is_some())).count();
    view! {
        <section class="result" aria-labelledby="result-title">
            <h2 id="result-title" tabindex="-1">{ui.quiz_result}</h2>
            <p class="score" id="score">{fill(ui.quiz_score, percent)}</p>
            <h3>{ui.quiz_by_tag}</h3>
            <table class="tag-scores">
                <tbody>
                    {scores.into_iter().map(|s| view! {
                        <tr><th scope="row">{ui.tag(s.tag)}</th><td>{fill(ui.quiz_tag_score, format!("{} / {}", s.correct, s.answered))}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{ui.quiz_calibration}</h3>
            <div id="calibration">
                {if sure_wrong.is_empty() {
                    view! { <p>{ui.quiz_well_calibrated}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {sure_wrong.into_iter().map(|c| view! { <li>{fill(ui.quiz_sure_wrong, c.sure_and_wrong)}{ui.tag(c.tag)}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </div>
            {(review_count > 0).then(|| view! { <p>{ui.quiz_review_later}</p> })}
        </section>
    }
}
