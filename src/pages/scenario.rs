//! A branching scenario: intro, one step at a time with feedback after each
//! choice, then the ending, the score and a replay beside the recommended
//! path. The attempt is saved after every choice, so a reload resumes it.
//! What each screen shows is written by `views::scenario`; this keeps the
//! screen state and turns clicks, keys and submits into progress updates.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{item_href, next_item};
use crate::browser::{self, focus_id, now};
use crate::content::Scenario;
use crate::quiz::scenario::{self as logic, Position};
use crate::state::ctx;
use crate::views::scenario::{self as views, Phase, Revealed};

/// The scenario page. (A plain function, not a component: one view type
/// fewer in the wasm.)
#[allow(non_snake_case)]
pub fn ScenarioPage(id: String) -> AnyView {
    super::item_page("scenarios", id, |s: Scenario| scenario_view(s).into_any())
}

/// Focus an element once the view has been updated.
fn focus_later(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

/// The option picked in the step's form, read when it is submitted.
fn picked(ev: &leptos::ev::SubmitEvent) -> Option<usize> {
    let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    web_sys::FormData::new_with_form(&form).ok()?.get("choice").as_string()?.parse().ok()
}

fn scenario_view(s: Scenario) -> impl IntoView {
    let ctx = ctx();
    let s = StoredValue::new(s);
    let id = s.with_value(|s| s.id.clone());
    // The step shown follows the choices only, so that progress merged in
    // from another tab does not redraw (and so reset) the form.
    let choices = {
        let id = id.clone();
        Memo::new(move |_| ctx.progress.with(|p| p.current_choices(&id).to_vec()))
    };
    // A saved path that no longer fits the content (it was edited) cannot be
    // resumed; the finished attempts stay.
    if s.with_value(|s| logic::position(s, &choices.get_untracked()).is_err()) {
        ctx.progress.update(|p| p.restart(&id));
    }
    let (started, finished_before) = ctx.progress.with_untracked(|p| {
        let r = p.scenario(&id);
        (r.is_some_and(|r| r.current.is_some()), r.is_some_and(|r| !r.attempts.is_empty()))
    });
    let phase = RwSignal::new(Phase::on_arrival(started, finished_before));
    let revealed = RwSignal::new(None::<Revealed>);

    let start = {
        let id = id.clone();
        move || {
            ctx.progress.update(|p| p.begin(&id, now()));
            revealed.set(None);
            phase.set(Phase::Playing);
            focus_later("step-title");
        }
    };

    let confirm = {
        let id = id.clone();
        move |choice: Option<usize>| {
            let Some(choice) = choice else {
                // Said in place, not by redrawing, so the form keeps its state.
                if let Some(el) = document().get_element_by_id("form-error") {
                    el.set_text_content(Some(ctx.ui().scenario_pick_first));
                }
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
            focus_later("feedback-title");
        }
    };

    let next_step = move || {
        let finished = revealed.get_untracked().is_some_and(|r| r.finished);
        revealed.set(None);
        if finished {
            phase.set(Phase::Result);
            focus_later("result-title");
        } else {
            focus_later("step-title");
        }
    };

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((act, _)) = browser::action(&ev) else {
            return;
        };
        match act.as_str() {
            "start" | "restart" => start(),
            "continue" => next_step(),
            _ => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirm(picked(&ev));
    };
    // Number keys choose an option: 1 is the first.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Number keys choose an option, wherever focus is in the case (it
        // lands on the step's heading after each step).
        let Some(d) = ev.key().parse::<usize>().ok().filter(|d| (1..=9).contains(d)) else { return };
        if let Some(input) = document()
            .get_element_by_id(&format!("choice-{}", d - 1))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_checked(true);
            let _ = input.focus();
            ev.prevent_default();
        }
    };

    let title = s.with_value(|s| s.title.clone());
    let next = ctx
        .catalog
        .get_untracked()
        .and_then(Result::ok)
        .and_then(|c| next_item(&c, &id))
        .map(|n| (item_href(&n), n.title));

    let body = move || {
        let ui = ctx.ui();
        if let Some(r) = revealed.get() {
            return s.with_value(|s| views::feedback(ui, s, &r));
        }
        match phase.get() {
            Phase::Intro => s.with_value(|s| views::intro(ui, s)),
            Phase::Result => {
                let next = next.as_ref().map(|(href, title)| (href.as_str(), title.as_str()));
                let guide = crate::state::role().map_or("general", crate::role::Role::guide);
                let html = ctx.progress.with(|p| s.with_value(|s| views::result(ui, s, p, next)));
                html + &crate::views::reference::guide_link(ui, guide)
            }
            Phase::Playing => {
                let path = choices.get();
                let seed = ctx.progress.with_untracked(|p| s.with_value(|s| p.current_seed(&s.id)));
                s.with_value(|s| views::playing(ui, s, &path, seed))
            }
        }
    };

    view! {
        <article class="scenario">
            <h1 id="page-title">{title}</h1>
            <div aria-live="polite" class="scenario-body" on:click=on_click on:submit=on_submit on:keydown=on_key inner_html=body></div>
        </article>
    }
}
