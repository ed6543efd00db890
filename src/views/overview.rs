//! The course overview: overall progress, questions due for review, and
//! each module with its items and where the learner stands with each.
//!
//! Also where a learner's standing with an item is worked out
//! ([`completion`]) and where an item lives ([`item_href`]): the
//! certificate and the pages use them too (`pages` re-exports them).

use crate::content::{Audience, Catalog, Item, ItemKind, Module};
use crate::html::Html;
use crate::i18n::{fill, Ui};
use crate::progress::Progress;
use crate::role::{arrange, done_of, next_step, Role};
use crate::views::chart;

/// An item's address without a language (views write it with
/// `ui.lang.href`).
pub fn item_href(item: &Item) -> String {
    crate::route::Route::of_item(item).href()
}

/// Where a learner stands with one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Read, or finished with this best percentage.
    Done(Option<u8>),
    InProgress,
    NotStarted,
}

pub fn completion(p: &Progress, item: &Item) -> Completion {
    match item.kind {
        ItemKind::Lesson if p.is_read(&item.id) => Completion::Done(None),
        ItemKind::Lesson => Completion::NotStarted,
        ItemKind::Scenario => match p.scenario(&item.id) {
            Some(r) if r.current.is_some() => Completion::InProgress,
            Some(r) if r.best.is_some() => Completion::Done(r.best),
            _ => Completion::NotStarted,
        },
        ItemKind::Quiz => match p.quiz(&item.id) {
            Some(r) if r.current.is_some() => Completion::InProgress,
            Some(r) if r.rounds > 0 => Completion::Done(r.best),
            _ => Completion::NotStarted,
        },
    }
}

/// Shown in place of an item whose content file failed to compile (the
/// same markup as `pages::ContentError`).
pub fn content_error(h: &mut Html, ui: &'static Ui, message: &str) {
    h.open("div", &[("class", "error-box content-error"), ("role", "alert")]);
    h.el("p", &[], ui.content_error).open("p", &[]).el("code", &[], message).close("p");
    h.close("div");
}

fn audience_name(ui: &'static Ui, audience: Option<Audience>) -> &'static str {
    match audience {
        None => ui.core_module,
        Some(Audience::Police) => ui.audience_police,
        Some(Audience::Health) => ui.audience_health,
        Some(Audience::Embassy) => ui.audience_embassy,
    }
}

fn kind_name(ui: &'static Ui, kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Lesson => ui.kind_lesson,
        ItemKind::Scenario => ui.kind_scenario,
        ItemKind::Quiz => ui.kind_quiz,
    }
}

/// The status badge: its text and its class suffix (`status-done` etc.).
fn status(ui: &'static Ui, c: Completion) -> (String, &'static str) {
    match c {
        Completion::Done(Some(pct)) => (fill(ui.status_score, pct), "done"),
        Completion::Done(None) => (ui.status_done.to_string(), "done"),
        Completion::InProgress => (ui.status_in_progress.to_string(), "doing"),
        Completion::NotStarted => (ui.status_not_started.to_string(), "todo"),
    }
}

/// The role choice: one button per role, the chosen one pressed. Shown on
/// the overview until a role is chosen, and in the settings.
pub fn role_choice(ui: &'static Ui, current: Option<Role>) -> String {
    let mut h = Html::new();
    h.open("section", &[("class", "panel role-choice"), ("id", "role-choice"), ("aria-labelledby", "role-title")]);
    h.el("h2", &[("id", "role-title"), ("tabindex", "-1")], ui.role_title).el("p", &[], ui.role_intro);
    h.open("div", &[("class", "role-buttons")]);
    for r in Role::ALL {
        let pressed = if current == Some(r) { "true" } else { "false" };
        let attrs = [
            ("type", "button"),
            ("class", "button secondary"),
            ("data-act", "role"),
            ("data-role", r.id()),
            ("aria-pressed", pressed),
        ];
        h.el("button", &attrs, role_name(ui, r));
    }
    h.close("div").close("section");
    h.finish()
}

pub fn role_name(ui: &'static Ui, r: Role) -> &'static str {
    match r {
        Role::Police => ui.role_police,
        Role::Health => ui.role_health,
        Role::Embassy => ui.role_embassy,
        Role::Other => ui.role_other,
    }
}

/// Everything below the page's heading and lead, once the catalog has
/// loaded: the role choice (until made), where the learner stands, where
/// to continue, reviews due, then the core module and the role's track,
/// with the other tracks folded below as optional. `now` decides which
/// reviews are due.
pub fn catalog(ui: &'static Ui, catalog: &Catalog, p: &Progress, now: u64, role: Option<Role>) -> String {
    let mut h = Html::new();
    if role.is_none() {
        h.raw(&role_choice(ui, None));
    }
    let (lead, rest) = arrange(catalog, role);
    let (done, total) = done_of(&lead, p);
    let summary = fill(ui.your_track, format!("{done} / {total}"));
    // Focusable: choosing a role moves focus here, to what now leads.
    h.el("p", &[("class", "summary"), ("id", "overall-progress"), ("tabindex", "-1")], &summary);
    chart::progress_bar(&mut h, done, total);
    h.open("p", &[("class", "continue"), ("id", "continue")]);
    match next_step(catalog, role, p) {
        Some(item) => {
            // Nothing begun yet: there is nothing to continue.
            let fresh = p.completed_count() == 0 && completion(p, item) == Completion::NotStarted;
            let label = if fresh { ui.start_link } else { ui.continue_link };
            h.text(label).text(" ").el("a", &[("href", &ui.lang.href(&item_href(item)))], &item.title);
        }
        None => {
            h.text(ui.all_done);
        }
    }
    h.close("p");
    h.open("p", &[("class", "review-due"), ("id", "review-due")]);
    let due = p.due_reviews(now);
    match due.first().and_then(|key| key.split('/').next()) {
        Some(quiz) => {
            h.text(&fill(ui.review_due, due.len())).text(" ");
            h.el("a", &[("href", &ui.lang.href(&format!("/quiz/{quiz}")))], ui.review_start);
        }
        None => {
            h.text(ui.review_none);
        }
    }
    h.close("p");
    for m in lead {
        module(&mut h, ui, m, p);
    }
    if !rest.is_empty() {
        h.open("details", &[("class", "other-tracks"), ("id", "other-tracks")]).el("summary", &[], ui.other_tracks);
        for m in rest {
            module(&mut h, ui, m, p);
        }
        h.close("details");
    }
    h.finish()
}

fn module(h: &mut Html, ui: &'static Ui, m: &Module, p: &Progress) {
    let heading_id = format!("module-{}", m.id);
    h.open("section", &[("class", "module"), ("aria-labelledby", &heading_id)]);
    h.el("h2", &[("id", &heading_id)], &m.title);
    h.el("p", &[("class", "module-audience")], audience_name(ui, m.audience));
    let (done, total) = done_of(&[m], p);
    h.el("p", &[("class", "module-progress")], &fill(ui.overview_progress, format!("{done} / {total}")));
    chart::progress_bar(h, done, total);
    // The pre-check, offered before the lessons until it or a round is done.
    let pre = m.items.iter().find(|i| i.precheck > 0 && i.error.is_none());
    let fresh = |i: &&Item| p.pre_answers(&i.id).is_empty() && p.quiz(&i.id).is_none_or(|r| r.rounds == 0);
    if let Some(quiz) = pre.filter(fresh) {
        h.open("p", &[("class", "precheck-offer")]);
        h.el(
            "a",
            &[("href", &ui.lang.href(&item_href(quiz))), ("class", "button secondary")],
            &fill(ui.pre_offer, quiz.precheck),
        );
        h.close("p");
    }
    h.open("ol", &[("class", "items")]);
    for item in &m.items {
        let (text, class) = status(ui, completion(p, item));
        h.open("li", &[("class", "item"), ("data-id", &item.id)]);
        h.el("a", &[("href", &ui.lang.href(&item_href(item))), ("class", "item-title")], &item.title);
        h.open("span", &[("class", "item-meta")]).text(kind_name(ui, item.kind)).text(" · ");
        h.text(&fill(ui.minutes, item.minutes)).close("span");
        h.el("span", &[("class", &format!("status status-{class}"))], &text);
        if let Some(e) = &item.error {
            content_error(h, ui, e);
        }
        h.close("li");
    }
    h.close("ol");
    let cert = ui.lang.href(&format!("/certificate/{}", m.id));
    h.open("p", &[]).el("a", &[("href", &cert)], ui.certificate_link).close("p");
    h.close("section");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn item(id: &str, kind: ItemKind, error: Option<&str>) -> Item {
        Item {
            id: id.into(),
            kind,
            title: format!("<b>{id}</b>"),
            minutes: 5,
            precheck: 0,
            error: error.map(Into::into),
        }
    }

    fn sample() -> Catalog {
        Catalog {
            lang: Lang::En,
            content_version: "2024-01".into(),
            modules: vec![
                Module {
                    id: "core".into(),
                    title: "Core & more".into(),
                    audience: None,
                    items: vec![item("intro", ItemKind::Lesson, None), item("case", ItemKind::Scenario, None)],
                },
                Module {
                    id: "police".into(),
                    title: "Police".into(),
                    audience: Some(Audience::Police),
                    items: vec![item("check", ItemKind::Quiz, Some("quizzes/check.toml:3: <bad>"))],
                },
            ],
        }
    }

    #[test]
    fn hrefs_and_completion() {
        let mut p = Progress::default();
        let lesson = item("intro", ItemKind::Lesson, None);
        assert_eq!(item_href(&lesson), "/lesson/intro");
        assert_eq!(item_href(&item("k", ItemKind::Quiz, None)), "/quiz/k");
        assert_eq!(completion(&p, &lesson), Completion::NotStarted);
        p.mark_read("intro", 1);
        assert_eq!(completion(&p, &lesson), Completion::Done(None));
        let quiz = item("k", ItemKind::Quiz, None);
        p.start_round("k", false, 1);
        assert_eq!(completion(&p, &quiz), Completion::InProgress);
        p.finish_round("k", 80, 2);
        assert_eq!(completion(&p, &quiz), Completion::Done(Some(80)));
    }

    #[test]
    fn lists_modules_items_and_their_status() {
        let ui = Lang::En.ui();
        let mut p = Progress::default();
        p.mark_read("intro", 1);
        let html = catalog(ui, &sample(), &p, 0, None);
        assert!(
            html.contains(
                "<p class=\"summary\" id=\"overall-progress\" tabindex=\"-1\">Your course: 1 / 3 completed</p>"
            ),
            "{html}"
        );
        assert!(html.contains("<p class=\"review-due\" id=\"review-due\">No questions due for review right now.</p>"));
        assert_eq!(html.matches("<section class=\"module\"").count(), 2);
        assert!(html.contains("aria-labelledby=\"module-core\"><h2 id=\"module-core\">Core &amp; more</h2>"));
        assert!(html.contains("<p class=\"module-audience\">Core module for everyone</p>"));
        assert!(html.contains("<p class=\"module-audience\">Police</p>"));
        assert!(html.contains("<li class=\"item\" data-id=\"intro\"><a href=\"/en/lesson/intro\" class=\"item-title\">&lt;b&gt;intro&lt;/b&gt;</a>"));
        assert!(html.contains("<span class=\"item-meta\">Lesson · 5 min</span>"));
        assert!(html.contains("<span class=\"status status-done\">Completed</span>"));
        assert!(html.contains("<span class=\"status status-todo\">Not started</span>"));
        assert!(html.contains("<ol class=\"items\">"));
        assert!(html.contains("href=\"/en/certificate/police\""));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn english_links_stay_in_english() {
        let html = catalog(Lang::En.ui(), &sample(), &Progress::default(), 0, None);
        assert!(html.contains("href=\"/en/lesson/intro\"") && html.contains("href=\"/en/certificate/police\""));
        assert!(!html.contains("href=\"/lesson/"), "{html}");
    }

    #[test]
    fn shows_content_errors_in_place_of_the_item() {
        let html = catalog(Lang::En.ui(), &sample(), &Progress::default(), 0, None);
        assert_eq!(html.matches("class=\"error-box content-error\"").count(), 1);
        assert!(html.contains("<code>quizzes/check.toml:3: &lt;bad&gt;</code>"), "{html}");
    }

    #[test]
    fn offers_due_reviews() {
        let ui = Lang::En.ui();
        let mut p = Progress::default();
        p.start_round("check", false, 0);
        let answer = crate::progress::LastAnswer { at: 0, correct: false, confidence: 0, tags: vec![] };
        let review = crate::quiz::review::after_answer(None, false, 0);
        p.record_answer("check", "q1", answer, review);
        let later = 400 * 24 * 60 * 60 * 1000;
        let html = catalog(ui, &sample(), &p, later, None);
        assert!(html.contains("1 questions due for review today <a href=\"/en/quiz/check\">Review now</a>"), "{html}");
        assert!(html.contains("<span class=\"status status-doing\">In progress</span>"));
    }

    #[test]
    fn a_role_leads_with_its_track_and_folds_the_others() {
        let ui = Lang::En.ui();
        let html = catalog(ui, &sample(), &Progress::default(), 0, None);
        assert!(html.contains("id=\"role-choice\"") && html.contains("data-role=\"embassy\""), "{html}");
        assert!(!html.contains("<details"));
        let html = catalog(ui, &sample(), &Progress::default(), 0, Some(Role::Health));
        assert!(!html.contains("id=\"role-choice\""));
        let folded = &html[html.find("<details").expect("other tracks folded")..];
        assert!(folded.contains("<summary>Other tracks (optional)</summary>") && folded.contains("module-police"));
        assert!(html.contains("Start here: <a href=\"/en/lesson/intro\">"), "{html}");
        let mut p = Progress::default();
        p.mark_read("intro", 1);
        let later = catalog(ui, &sample(), &p, 0, Some(Role::Health));
        assert!(later.contains("Continue where you left off: <a href=\"/en/scenario/case\">"), "{later}");
        assert!(html.contains("Your course: 0 / 2 completed"));
        assert_eq!(html.matches("<svg class=\"chart meter\"").count(), 3);
        let police = catalog(ui, &sample(), &Progress::default(), 0, Some(Role::Police));
        assert!(!police.contains("<details"));
        assert!(role_choice(ui, Some(Role::Police)).contains("data-role=\"police\" aria-pressed=\"true\""));
    }
}
