//! The quiz engine in the browser: every question type answered with the
//! keyboard alone, feedback, result with calibration, retry of the missed
//! questions, the review count, and resuming a round after a reload.

use fantoccini::key::Key;

use crate::support::{find, goto, js, press, reload, set_stored, stored, tab_to, wait_focus, wait_text, with_browser};

const QUIZ: &str = "core-check";

#[tokio::test]
async fn every_question_type_can_be_answered_with_the_keyboard_alone() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/quiz/{QUIZ}"))).await;
        find(&c, "#start").await;
        tab_to(&c, "start").await;
        press(&c, &Key::Enter.to_string()).await;
        find(&c, "#question-form").await;
        // A round is drawn from the pool, so it need not hold every kind:
        // make it one question of each kind, as a saved round would be.
        let ids = c
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     fetch('/content/da/quizzes/{QUIZ}.json').then(r => r.json()).then(q => {{
                       const seen = {{}}; const ids = [];
                       for (const x of q.questions) if (!seen[x.kind]) {{ seen[x.kind] = 1; ids.push(x.id); }}
                       done([ids, q]);
                     }});"
                ),
                vec![],
            )
            .await
            .unwrap();
        let (quiz, ids) = (ids[1].clone(), ids[0].clone());
        let mut saved: serde_json::Value =
            serde_json::from_str(&stored(&c, "kend-tegnene.progress").await.unwrap()).unwrap();
        saved["quizzes"][QUIZ]["current"]["drawn"] = ids.clone();
        set_stored(&c, "kend-tegnene.progress", &saved.to_string()).await;
        reload(&c).await;
        find(&c, "#question-form").await;
        js(&c, "document.getElementById('question-title').focus(); return null").await;

        let mut kinds = Vec::new();
        for n in 1..=40 {
            find(&c, "#question-form, #result-title").await;
            if c.find(fantoccini::Locator::Css("#result-title")).await.is_ok() {
                break;
            }
            wait_text(&c, "#question-title", &n.to_string()).await;
            let kind = js(&c, "return document.getElementById('question-form').dataset.kind").await;
            let kind = kind.as_str().unwrap().to_string();
            match kind.as_str() {
                // Number keys pick options (toggle, for several). The single
                // choice is answered rightly: its number is where the right
                // option is shown.
                "single" => {
                    let id = &ids[n - 1];
                    let question = quiz["questions"].as_array().unwrap().iter().find(|q| q["id"] == *id).unwrap();
                    let right = question["options"].as_array().unwrap().iter().position(|o| o["correct"] == true);
                    let shown = js(
                        &c,
                        &format!(
                            "return document.querySelector('input[name=answer][value=\"{}\"]').id",
                            right.unwrap()
                        ),
                    )
                    .await;
                    let pos: usize = shown.as_str().unwrap().trim_start_matches("option-").parse().unwrap();
                    press(&c, &(pos + 1).to_string()).await;
                }
                "true-false" => press(&c, "1").await,
                "multiple" | "spot" => {
                    press(&c, "1").await;
                    press(&c, "2").await;
                }
                // Order: move the first step down with its button.
                "order" => {
                    let first = js(&c, "return document.querySelector('#order-list li').dataset.i").await;
                    tab_to(&c, "question-title").await;
                    for _ in 0..60 {
                        let f = js(
                            &c,
                            "const a = document.activeElement; return a && a.dataset.act === 'down' ? 'down' : ''",
                        )
                        .await;
                        if f == "down" {
                            break;
                        }
                        press(&c, &Key::Tab.to_string()).await;
                    }
                    press(&c, &Key::Enter.to_string()).await;
                    let now_second = js(&c, "return document.querySelectorAll('#order-list li')[1].dataset.i").await;
                    assert_eq!(now_second, first, "the step moved down one place");
                }
                other => panic!("unknown question kind {other}"),
            }
            // Confidence, then Enter submits the form.
            tab_to(&c, "confidence-0").await;
            press(&c, &Key::Right.to_string()).await;
            press(&c, &Key::Right.to_string()).await;
            assert_eq!(js(&c, "return document.getElementById('confidence-2').checked").await, true);
            press(&c, &Key::Enter.to_string()).await;

            let feedback = find(&c, "#feedback-title").await;
            assert!(!feedback.text().await.unwrap().is_empty());
            wait_focus(&c, "feedback-title").await;
            assert!(!find(&c, ".feedback .marks").await.text().await.unwrap().is_empty());
            tab_to(&c, "next").await;
            press(&c, &Key::Enter.to_string()).await;
            kinds.push(kind);
        }
        for k in ["single", "multiple", "true-false", "order", "spot"] {
            assert!(kinds.iter().any(|x| x == k), "no {k} question in {kinds:?}");
        }

        // The result: score, per-category table, calibration, and a retry
        // of only the missed questions.
        wait_text(&c, "#score", "%").await;
        wait_focus(&c, "result-title").await;
        find(&c, ".tag-scores tr").await;
        find(&c, "#calibration").await;
        let retry = find(&c, "#retry").await.text().await.unwrap();
        let missed: usize = retry.split_whitespace().find_map(|w| w.parse().ok()).expect("a count in the retry button");
        assert!(missed >= 1 && missed < kinds.len(), "some but not all were missed: {retry}");
        tab_to(&c, "retry").await;
        press(&c, &Key::Enter.to_string()).await;
        wait_text(&c, "#question-title", "1").await;
        let stored: serde_json::Value =
            serde_json::from_str(&stored(&c, "kend-tegnene.progress").await.unwrap()).unwrap();
        assert_eq!(stored["quizzes"][QUIZ]["current"]["retry"], true);
        assert_eq!(stored["quizzes"][QUIZ]["rounds"], 1);
    })
    .await;
}

#[tokio::test]
async fn a_quiz_round_resumes_after_a_reload() {
    with_browser(|c, server| async move {
        goto(&c, &server.url(&format!("/quiz/{QUIZ}"))).await;
        find(&c, "#start").await.click().await.unwrap();
        find(&c, "#question-form").await;
        // Answer the first question whatever it is.
        js(&c, "document.querySelectorAll('#question-form [name=answer]')[0]?.click(); document.getElementById('confidence-1').click(); return null").await;
        find(&c, "#check").await.click().await.unwrap();
        find(&c, "#next").await.click().await.unwrap();
        wait_text(&c, "#question-title", "2").await;
        reload(&c).await;
        wait_text(&c, "#question-title", "2").await;
    })
    .await;
}

#[tokio::test]
async fn the_overview_counts_questions_due_for_review() {
    with_browser(|c, server| async move {
        goto(&c, &server.url("/")).await;
        wait_text(&c, "#review-due", "").await;
        let progress = serde_json::json!({
            "version": 2, "lessons": {}, "scenarios": {}, "quizzes": {},
            "items": {
                "core-check/not-smuggling": {
                    "answered": 1, "correct": 0,
                    "last": { "at": 1, "correct": false, "confidence": 2, "tags": ["behaviour"] },
                    "review": { "leitner_box": 0, "due_at": 1 }
                }
            }
        });
        set_stored(&c, "kend-tegnene.progress", &progress.to_string()).await;
        reload(&c).await;
        wait_text(&c, "#review-due", "1 spørgsmål til repetition").await;
        find(&c, &format!("#review-due a[href='/quiz/{QUIZ}']")).await;
    })
    .await;
}
