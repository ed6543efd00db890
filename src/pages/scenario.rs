//! A branching scenario: intro, one step at a time with feedback after each
//! choice, then the ending, the score and a replay beside the recommended
//! path. The attempt is saved after every choice, so a reload resumes it.

use leptos::prelude::*;

use super::{find_item, item_href, next_item, ContentError, LoadError};
use crate::app::{content_url, ctx};
use crate::browser::{self, focus_id, now};
use crate::content::{Quality, Scenario};
use crate::i18n::{fill, Ui};
use crate::quiz::scenario::{self as logic, Position};

#[component]
pub fn ScenarioPage(id: String) -> impl IntoView {
    let ctx = ctx();
    let scenario = {
        let id = id.clone();
        LocalResource::new(move || browser::fetch_text(content_url(ctx.lang.get(), &format!("scenarios/{id}.json"))))
    };
    let id = move || id.clone();
    view! {
        {move || super::or_loading({
                if let Some(err) = ctx.catalog.get().and_then(Result::ok).and_then(|c| find_item(&c, &id())).and_then(|i| i.error) {
                    Some(view! { <ContentError message=err/> }.into_any())
                } else {
                scenario.get().map(|r| match browser::decode::<Scenario>(r) {
                    Ok(s) => scenario_view(s).into_any(),
                    Err(e) => view! { <LoadError message=e/> }.into_any(),
                })
                }
            })}
        
    }
}

/// Feedback on the choice just made, shown until the learner continues.
#[derive(Clone, PartialEq)]
struct Revealed {
    step: String,
    choice: usize,
    finished: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Intro,
    Playing,
    Result,
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

/// Focus an element once the view has been updated.
fn focus_later(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

fn scenario_view(s: Scenario) -> impl IntoView {
    let ctx = ctx();
    let s = StoredValue::new(s);
    let id = s.with_value(|s| s.id.clone());
    let choices = {
        let id = id.clone();
        Memo::new(move |_| ctx.progress.with(|p| p.current_choices(&id).to_vec()))
    };
    // A saved path that no longer fits the content (it was edited) cannot be
    // resumed; the finished attempts stay.
    if s.with_value(|s| logic::position(s, &choices.get_untracked()).is_err()) {
        ctx.progress.update(|p| p.restart(&id));
    }
    let finished_before = ctx.progress.with_untracked(|p| p.scenario(&id).is_some_and(|r| !r.attempts.is_empty()));
    let phase = RwSignal::new(match (choices.get_untracked().is_empty(), finished_before) {
        (false, _) => Phase::Playing,
        (true, true) => Phase::Result,
        (true, false) => Phase::Intro,
    });
    let revealed = RwSignal::new(None::<Revealed>);
    let selected = RwSignal::new(None::<usize>);
    let missing_choice = RwSignal::new(false);

    let start = {
        let id = id.clone();
        move |_| {
            ctx.progress.update(|p| p.restart(&id));
            revealed.set(None);
            selected.set(None);
            phase.set(Phase::Playing);
            focus_later("step-title");
        }
    };

    let confirm = {
        let id = id.clone();
        move || {
            let Some(choice) = selected.get_untracked() else {
                missing_choice.set(true);
                focus_later("choice-0");
                return;
            };
            let path = choices.get_untracked();
            let Some(step) = s.with_value(|s| match logic::position(s, &path) {
                Ok(Position::Step { step, .. }) => Some(step.id.clone()),
                _ => None,
            }) else {
                return;
            };
            let mut finished = false;
            ctx.progress.update(|p| {
                let t = now();
                p.choose(&id, choice, t);
                let path = p.current_choices(&id).to_vec();
                if let Ok(Some(o)) = s.with_value(|s| logic::outcome(s, &path)) {
                    p.finish(&id, &o.ending, o.percent, t);
                    finished = true;
                }
            });
            revealed.set(Some(Revealed { step, choice, finished }));
            selected.set(None);
            missing_choice.set(false);
            focus_later("feedback-title");
        }
    };

    let next_step = move |_| {
        let finished = revealed.get_untracked().is_some_and(|r| r.finished);
        revealed.set(None);
        if finished {
            phase.set(Phase::Result);
            focus_later("result-title");
        } else {
            focus_later("step-title");
        }
    };

    let title = s.with_value(|s| s.title.clone());
    let intro = s.with_value(|s| s.intro.clone());
    let next = ctx.catalog.get_untracked().and_then(Result::ok).and_then(|c| next_item(&c, &id));

    let body = move || {
        let ui = ctx.ui();
        if let Some(r) = revealed.get() {
            return s.with_value(|s| feedback_view(ui, s, &r, next_step)).into_any();
        }
        match phase.get() {
            Phase::Intro => view! {
                <div class="prose" inner_html=intro.clone()></div>
                <button type="button" class="button" id="start" on:click=start.clone()>{ui.scenario_start}</button>
            }
            .into_any(),
            Phase::Result => s.with_value(|s| result_view(ui, s, &ctx.progress.get(), start.clone(), next.clone())).into_any(),
            Phase::Playing => {
                let path = choices.get();
                s.with_value(|s| match logic::position(s, &path) {
                    Ok(Position::Step { step, decisions }) => {
                        step_view(ui, step, decisions, selected, missing_choice, confirm.clone()).into_any()
                    }
                    _ => view! { <p>{ui.loading}</p> }.into_any(),
                })
            }
        }
    };

    view! {
        <article class="scenario">
            <h1 id="page-title">{title}</h1>
            <div aria-live="polite" class="scenario-body">{body}</div>
        </article>
    }
}

fn step_view(
    ui: &'static Ui,
    step: &crate::content::Step,
    decisions: usize,
    selected: RwSignal<Option<usize>>,
    missing_choice: RwSignal<bool>,
    confirm: impl Fn() + Clone + 'static,
) -> impl IntoView {
    let n = step.choices.len();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Number keys choose an option: 1 is the first.
        if let Some(d) = ev.key().chars().next().and_then(|c| c.to_digit(10)) {
            let i = d as usize;
            if (1..=n).contains(&i) && ev.key().len() == 1 {
                selected.set(Some(i - 1));
                focus_id(&format!("choice-{}", i - 1));
                ev.prevent_default();
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirm();
    };
    let options = step
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let input_id = format!("choice-{i}");
            view! {
                <div class="option">
                    <input
                        type="radio"
                        name="choice"
                        id=input_id.clone()
                        prop:checked=move || selected.get() == Some(i)
                        on:change=move |_| selected.set(Some(i))
                    />
                    <label for=input_id>
                        <span class="key" aria-hidden="true">{i + 1}</span>
                        <span inner_html=c.text.clone()></span>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 id="step-title" tabindex="-1" class="step-count">{fill(ui.scenario_step_of, decisions + 1)}</h2>
        <div class="prose" inner_html=step.text.clone()></div>
        <form class="choices" on:submit=submit on:keydown=on_key>
            <fieldset>
                <legend>{ui.scenario_choose}</legend>
                {move || missing_choice.get().then(|| view! { <p class="field-error" role="alert">{ui.scenario_pick_first}</p> })}
                {options}
            </fieldset>
            <button type="submit" class="button" id="confirm">{ui.scenario_confirm}</button>
        </form>
    }
}

fn feedback_view(ui: &'static Ui, s: &Scenario, r: &Revealed, next_step: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let choice = s.step(&r.step).and_then(|st| st.choices.get(r.choice)).cloned();
    choice.map(|c| {
        view! {
            <section class=format!("feedback quality-{}", c.quality.id()) aria-labelledby="feedback-title">
                <h2 id="feedback-title" tabindex="-1">{quality_label(ui, c.quality)}</h2>
                <p class="chosen"><span inner_html=c.text></span></p>
                <div class="prose" inner_html=c.feedback></div>
                {c.learn_more.map(|href| view! { <p><a href=href>{ui.learn_more}</a></p> })}
                <button type="button" class="button" id="continue" on:click=next_step>{ui.scenario_continue}</button>
            </section>
        }
    })
}

fn result_view(
    ui: &'static Ui,
    s: &Scenario,
    progress: &crate::progress::Progress,
    restart: impl Fn(leptos::ev::MouseEvent) + 'static,
    next: Option<crate::content::Item>,
) -> impl IntoView {
    let attempt = progress.scenario(&s.id).and_then(|r| r.attempts.last()).cloned();
    let Some(attempt) = attempt else {
        return view! { <p>{ui.loading}</p> }.into_any();
    };
    let ending = s.ending(&attempt.ending).cloned();
    let rows = logic::replay(s, &attempt.choices).unwrap_or_default();
    let replay = rows
        .into_iter()
        .enumerate()
        .map(|(n, row)| {
            let step = s.step(&row.step);
            let text = |i: usize| step.and_then(|st| st.choices.get(i)).map(|c| c.text.clone()).unwrap_or_default();
            let same = row.chosen == row.recommended;
            view! {
                <li class=if same { "replay-row same" } else { "replay-row differs" }>
                    <p class="replay-step">{fill(ui.scenario_step_of, n + 1)}</p>
                    <p>
                        <strong>{ui.replay_yours} ": "</strong>
                        <span inner_html=text(row.chosen)></span>
                        " (" {quality_label(ui, row.quality)} ")"
                    </p>
                    {(!same).then(|| view! {
                        <p><strong>{ui.replay_recommended} ": "</strong><span inner_html=text(row.recommended)></span></p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="result" aria-labelledby="result-title">
            <h2 id="result-title" tabindex="-1">{ui.scenario_result}</h2>
            {ending.map(|e| view! {
                <p class=format!("grade grade-{}", e.grade.id())>{grade_label(ui, e.grade)}</p>
                <div class="prose" inner_html=e.text></div>
            })}
            <p class="score" id="score">{fill(ui.scenario_score, attempt.percent)}</p>
            <h3>{ui.replay_title}</h3>
            <ol class="replay">{replay}</ol>
            <div class="actions">
                <button type="button" class="button secondary" id="restart" on:click=restart>{ui.scenario_restart}</button>
                {next.map(|n| {
                    let href = item_href(&n);
                    view! { <a class="button" href=href>{n.title} " →"</a> }
                })}
            </div>
        </section>
    }
    .into_any()
}
