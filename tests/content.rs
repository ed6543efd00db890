//! The content check over every file in `content/`: it fails, listing each
//! problem with file and line, when anything an author wrote is wrong.

use std::path::Path;

use kend_tegnene::content::compile::compile;

#[test]
fn every_content_file_is_valid() {
    let compiled = compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let report: Vec<String> = compiled.problems.iter().map(|p| p.to_string()).collect();
    assert!(report.is_empty(), "content problems:\n{}", report.join("\n"));
    assert!(compiled.files.iter().any(|(p, _)| p == "da/index.json"));
    assert!(compiled.files.iter().any(|(p, _)| p == "en/index.json"));
}

#[test]
fn a_broken_file_is_named_with_its_line_and_the_rest_still_compiles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-content/content");
    let compiled = compile(&root);
    let report: Vec<String> = compiled.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        report.iter().any(|p| p.starts_with("content/da/lessons/broken-lesson.md:4:")),
        "expected the broken line to be named: {report:?}"
    );
    let files: Vec<&str> = compiled.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(files.contains(&"da/lessons/good-lesson.json"));
    assert!(!files.contains(&"da/lessons/broken-lesson.json"));
    let index = &compiled.files.iter().find(|(p, _)| p == "da/index.json").unwrap().1;
    assert!(index.contains("broken-lesson.md:4"), "the catalog carries the message: {index}");
}

fn fixture(name: &str) -> kend_tegnene::content::compile::Compiled {
    compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).join("content"))
}

fn report(compiled: &kend_tegnene::content::compile::Compiled) -> Vec<String> {
    compiled.problems.iter().map(|p| p.to_string()).collect()
}

/// A problem at `file:line` whose message contains every one of `words`.
fn assert_reported(report: &[String], file_line: &str, words: &[&str]) {
    let prefix = format!("{file_line}: ");
    assert!(
        report.iter().any(|p| p.starts_with(&prefix) && words.iter().all(|w| p.contains(w))),
        "expected a problem at {file_line} mentioning {words:?}; got:\n{}",
        report.join("\n")
    );
}

#[test]
fn a_quiz_question_without_a_correct_answer_is_named_with_file_and_line() {
    let r = report(&fixture("quiz-problems"));
    assert_reported(&r, "content/da/quizzes/no-correct.toml:22", &["nothing-right", "no option has correct = true"]);
    assert_reported(&r, "content/en/quizzes/no-correct.toml:22", &["nothing-right"]);
    assert!(!r.iter().any(|p| p.contains("'fine'")), "the sound question is not reported: {r:?}");
}

#[test]
fn unknown_indicator_tags_in_a_quiz_are_named_with_file_and_line() {
    let r = report(&fixture("quiz-problems"));
    assert_reported(&r, "content/da/quizzes/unknown-tag.toml:4", &["unknown indicator tag 'chains'"]);
    assert_reported(
        &r,
        "content/da/quizzes/unknown-tag.toml:11",
        &["question 'tagged'", "unknown indicator tag 'victim'"],
    );
    assert_reported(
        &r,
        "content/da/quizzes/assorted.toml:39",
        &["question 'odd-sign'", "segment 1", "unknown indicator tag 'passport'"],
    );
}

#[test]
fn a_duplicate_question_id_is_named_with_file_and_line() {
    let r = report(&fixture("quiz-problems"));
    assert_reported(&r, "content/da/quizzes/duplicate-id.toml:14", &["question 'same'", "unique"]);
    assert!(
        !r.iter().any(|p| p.starts_with("content/da/quizzes/duplicate-id.toml:7:")),
        "the first use is fine: {r:?}"
    );
}

#[test]
fn a_spot_question_without_signs_is_named_with_file_and_line() {
    let r = report(&fixture("quiz-problems"));
    assert_reported(&r, "content/da/quizzes/no-sign.toml:7", &["question 'nothing-to-spot'", "sign"]);
}

#[test]
fn other_quiz_problems_are_named_with_file_and_line() {
    let r = report(&fixture("quiz-problems"));
    let f = "content/da/quizzes/assorted.toml";
    assert_reported(&r, &format!("{f}:8"), &["question 'what-type'", "unknown type 'essay'", "true-false"]);
    assert_reported(&r, &format!("{f}:13"), &["question 'no-answer'", "answer = true or answer = false"]);
    assert_reported(&r, &format!("{f}:19"), &["question 'two-steps'", "at least 3"]);
    assert_reported(&r, &format!("{f}:35"), &["unknown lesson 'no-such-lesson'"]);
    assert_reported(&r, &format!("{f}:51"), &["question 'stray-parts'", "answer is not used by a single question"]);
}

#[test]
fn a_course_item_id_the_router_cannot_use_is_named_with_its_line() {
    let compiled = fixture("quiz-problems");
    let r = report(&compiled);
    assert_reported(&r, "content/course.toml:12", &["item id 'Bad_Item'", "lowercase"]);
    let index = &compiled.files.iter().find(|(p, _)| p == "da/index.json").unwrap().1;
    assert!(index.contains("Bad_Item"), "the catalog still lists it, with its error: {index}");
}

#[test]
fn quizzes_with_problems_are_left_out_and_the_catalog_names_the_line() {
    let compiled = fixture("quiz-problems");
    let files: Vec<&str> = compiled.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(!files.iter().any(|f| f.contains("/quizzes/")), "every fixture quiz is broken: {files:?}");
    let index = &compiled.files.iter().find(|(p, _)| p == "da/index.json").unwrap().1;
    assert!(index.contains("no-correct.toml:22"), "{index}");
    assert!(index.contains("\"kind\":\"quiz\""), "{index}");
}

#[test]
fn a_quiz_must_have_the_same_questions_in_every_language() {
    // (The fixture is too small to be judged for guessability.)
    let r: Vec<String> =
        report(&fixture("quiz-languages")).into_iter().filter(|p| !p.contains("the longest option")).collect();
    let f = "content/en/quizzes/check.toml";
    assert_reported(&r, &format!("{f}:7"), &["question 'first'", "type 'single' here but 'true-false'"]);
    assert_reported(&r, &format!("{f}:22"), &["question 'third'", "is not in content/da/quizzes/check.toml"]);
    assert_reported(&r, &format!("{f}:1"), &["question 'second'", "is missing here"]);
    assert_eq!(r.len(), 3, "{r:?}");
}

mod core_check {
    use super::*;
    use kend_tegnene::content::{QuestionKind, Quiz, INDICATOR_TAGS};
    use kend_tegnene::quiz::{grade, Response};

    fn quiz(lang: &str) -> Quiz {
        let compiled = compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
        let path = format!("{lang}/quizzes/core-check.json");
        let json = &compiled.files.iter().find(|(p, _)| *p == path).unwrap_or_else(|| panic!("{path} is compiled")).1;
        miniserde::json::from_str(json).expect("the compiled quiz reads back into the model")
    }

    #[test]
    fn has_every_question_type_and_the_same_ids_in_both_languages() {
        let (da, en) = (quiz("da"), quiz("en"));
        for kind in QuestionKind::ALL {
            assert!(da.questions.iter().any(|q| q.kind == kind), "a {} question", kind.id());
        }
        // The pool a round is drawn from: at least 30 questions, and twice
        // the round, so a retake is a different test.
        assert!(da.questions.len() >= 30, "core-check pool has {} questions", da.questions.len());
        assert!(da.questions.len() >= 2 * da.round as usize);
        let ids = |q: &Quiz| q.questions.iter().map(|q| (q.id.clone(), q.kind)).collect::<Vec<_>>();
        assert_eq!(ids(&da), ids(&en));
    }

    #[test]
    fn teaches_with_every_answer() {
        for lang in ["da", "en"] {
            for q in quiz(lang).questions {
                assert!(!q.explanation.is_empty(), "{lang} {}: explanation", q.id);
                assert!(
                    q.learn_more.as_deref().is_some_and(|l| {
                        let home = if lang == "en" { "/en/lesson/" } else { "/lesson/" };
                        l.starts_with(home) && l.contains('#')
                    }),
                    "{lang} {}: learn_more",
                    q.id
                );
                assert!(
                    !q.tags.is_empty() && q.tags.iter().all(|t| INDICATOR_TAGS.contains(&t.as_str())),
                    "{lang} {}: tags",
                    q.id
                );
                for o in &q.options {
                    assert!(!o.feedback.is_empty(), "{lang} {}: feedback on '{}'", q.id, o.text);
                }
                for s in &q.segments {
                    assert!(!s.feedback.is_empty(), "{lang} {}: feedback on '{}'", q.id, s.text);
                }
            }
        }
    }

    #[test]
    fn the_spot_question_has_6_to_10_pieces_of_which_3_to_5_are_signs() {
        for lang in ["da", "en"] {
            let quiz = quiz(lang);
            let spot = quiz.questions.iter().find(|q| q.kind == QuestionKind::Spot).unwrap();
            let signs = spot.segments.iter().filter(|s| s.sign.is_some()).count();
            assert!((6..=10).contains(&spot.segments.len()), "{lang}: {} segments", spot.segments.len());
            assert!((3..=5).contains(&signs), "{lang}: {signs} signs");
        }
    }

    #[test]
    fn true_false_options_are_in_the_language_of_the_file() {
        let words = |lang| {
            let q = quiz(lang).questions.into_iter().find(|q| q.kind == QuestionKind::TrueFalse).unwrap();
            (q.options[0].text.clone(), q.options[1].text.clone())
        };
        assert_eq!(words("da"), ("Sandt".to_string(), "Falsk".to_string()));
        assert_eq!(words("en"), ("True".to_string(), "False".to_string()));
    }

    #[test]
    fn the_right_answers_grade_as_correct() {
        for lang in ["da", "en"] {
            for q in quiz(lang).questions {
                let right = |pred: &dyn Fn(usize) -> bool, n: usize| (0..n).filter(|&i| pred(i)).collect::<Vec<_>>();
                let r = match q.kind {
                    QuestionKind::Single => Response::Single(q.options.iter().position(|o| o.correct).unwrap()),
                    QuestionKind::Multiple => Response::Multiple(right(&|i| q.options[i].correct, q.options.len())),
                    QuestionKind::TrueFalse => Response::TrueFalse(q.options[0].correct),
                    QuestionKind::Order => Response::Order((0..q.options.len()).collect()),
                    QuestionKind::Spot => Response::Spot(right(&|i| q.segments[i].sign.is_some(), q.segments.len())),
                };
                assert!(grade(&q, &r).correct, "{lang} {}", q.id);
            }
        }
    }
}

/// The examples in the authoring guide, content/README.md, are real: each
/// block after an `<!-- example: <kind> -->` line is put into a copy of the
/// course and must compile without a single problem.
#[test]
fn the_authoring_guide_examples_compile() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(manifest_dir.join("content/README.md")).unwrap();
    let mut examples: std::collections::BTreeMap<String, String> = Default::default();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(kind) = line.trim().strip_prefix("<!-- example: ").and_then(|l| l.strip_suffix(" -->")) else {
            continue;
        };
        let fence = lines.next().expect("a code block follows the marker");
        assert!(fence.starts_with("```"), "a code block follows <!-- example: {kind} -->");
        let text = examples.entry(kind.to_string()).or_default();
        for l in lines.by_ref().take_while(|l| !l.starts_with("```")) {
            text.push_str(l);
            text.push('\n');
        }
        text.push('\n');
    }
    assert_eq!(examples.keys().collect::<Vec<_>>(), ["lesson", "quiz", "scenario"]);

    let root = std::env::temp_dir().join(format!("kend-tegnene-guide-{}", std::process::id())).join("content");
    let _ = std::fs::remove_dir_all(&root);
    let mut items = vec![];
    for lang in ["da", "en"] {
        let lessons = root.join(lang).join("lessons");
        std::fs::create_dir_all(&lessons).unwrap();
        // The lessons link to the glossary.
        let glossary = manifest_dir.join("content").join(lang).join("glossary.toml");
        std::fs::copy(glossary, root.join(lang).join("glossary.toml")).unwrap();
        for entry in std::fs::read_dir(manifest_dir.join("content").join(lang).join("lessons")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, lessons.join(path.file_name().unwrap())).unwrap();
            if lang == "da" {
                items.push(path.file_stem().unwrap().to_string_lossy().to_string());
            }
        }
        for (kind, folder, ext) in
            [("lesson", "lessons", "md"), ("scenario", "scenarios", "toml"), ("quiz", "quizzes", "toml")]
        {
            std::fs::create_dir_all(root.join(lang).join(folder)).unwrap();
            std::fs::write(root.join(lang).join(folder).join(format!("example-{kind}.{ext}")), &examples[kind])
                .unwrap();
        }
    }
    items.extend(["example-lesson", "example-scenario", "example-quiz"].map(String::from));
    let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    std::fs::write(
        root.join("course.toml"),
        format!("version = \"2026-11-28\"\n\n[[module]]\nid = \"core\"\ntitle = {{ da = \"G\", en = \"C\" }}\nitems = [{}]\n", quoted.join(", ")),
    )
    .unwrap();

    let compiled = compile(&root);
    let r = report(&compiled);
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
    assert!(r.is_empty(), "the guide's examples have problems:\n{}", r.join("\n"));
    for f in ["da/lessons/example-lesson.json", "da/scenarios/example-scenario.json", "en/quizzes/example-quiz.json"] {
        assert!(compiled.files.iter().any(|(p, _)| p == f), "{f} is compiled");
    }
}

#[test]
fn glossary_links_to_unknown_terms_are_named_with_file_and_line() {
    let compiled = fixture("glossary-terms");
    let report = report(&compiled);
    for lang in ["da", "en"] {
        assert_reported(&report, &format!("content/{lang}/lessons/terms.md:13"), &["unknown glossary term 'made-up'"]);
    }
    // In a definition and in a guide too, and a term missing in one language.
    assert_reported(&report, "content/da/glossary.toml:4", &["unknown glossary term 'cmm'"]);
    assert_reported(&report, "content/da/guides/general.md:11", &["unknown glossary term 'cmm'"]);
    assert_reported(&report, "content/da/guides/police.md:1", &["guide 'police' is missing"]);
    assert_reported(&report, "content/en/glossary.toml:1", &["'cmm' must be in the glossary of every language"]);
    assert_eq!(report.len(), 8, "{report:#?}");
    let file = |p: &str| compiled.files.iter().find(|(f, _)| f == p).map(|(_, j)| j.clone()).unwrap_or_default();
    assert!(file("da/lessons/terms.json").contains(r#"<a href=\"/glossary#refleksionsperiode\">"#));
    assert!(file("en/pages/glossary.json").contains("Reflection period"));
    assert!(file("da/pages/search.json").contains("/glossary#refleksionsperiode"));
    assert!(file("da/guides/general.json").contains("Hvad gør jeg nu?"));
}

#[test]
fn a_choice_that_is_not_best_may_not_silently_lead_where_the_best_one_leads() {
    let r = report(&fixture("judgement"));
    let f = "content/da/scenarios/silent.toml";
    assert_reported(&r, &format!("{f}:15"), &["choice 1 of step 'one'", "consequence"]);
    assert!(!r.iter().any(|p| p.contains("choice 3 of step 'one'")), "a consequence is enough: {r:?}");
}

#[test]
fn a_step_has_2_to_5_choices_and_two_best_only_as_a_dilemma() {
    let r = report(&fixture("judgement"));
    let f = "content/da/scenarios/silent.toml";
    assert_reported(&r, &format!("{f}:31"), &["step 'two' has 1 choices", "2 to 5"]);
    assert_reported(&r, &format!("{f}:41"), &["step 'three' has 2 best choices", "dilemma"]);
    assert!(!r.iter().any(|p| p.contains("step 'four'")), "a dilemma may have two best: {r:?}");
}

#[test]
fn a_pool_is_at_least_twice_the_round_and_holds_the_precheck() {
    let r = report(&fixture("judgement"));
    assert_reported(&r, "content/da/quizzes/pool.toml:5", &["round = 2", "at least 4", "has 3"]);
    assert_reported(&r, "content/da/quizzes/pool.toml:6", &["precheck = 4"]);
}

#[test]
fn answers_guessable_by_their_length_are_refused_per_language() {
    let compiled = fixture("judgement");
    let r = report(&compiled);
    assert_reported(&r, "content/da:1", &["6 of 7", "85 %", "at most 40 %", "quizzes/pool.toml 3/3"]);
    assert_reported(&r, "content/en:1", &["6 of 7"]);
    let (_, g) = compiled.guessability[0];
    assert_eq!((g.longest_right, g.counted), (6, 7));
}

#[test]
fn the_new_fields_reach_the_compiled_model() {
    let compiled = fixture("judgement");
    let da = &compiled.courses[0];
    let s = &da.scenarios.get("silent");
    // The scenario has problems, so it is not in the course; read the JSON the
    // compiler would have written from its model instead: the quiz has problems
    // too. So check the fixture's catalog carries the pre-check size.
    assert!(s.is_none());
    let pool = da.catalog.modules[0].items.iter().find(|i| i.id == "pool").unwrap();
    assert_eq!(pool.precheck, 4);
}

/// The storyboard holds every item of the course, every step, choice,
/// consequence, ending, question, option and segment, and prints.
#[test]
fn the_storyboard_holds_the_whole_course_and_prints() {
    let compiled = compile(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    for course in &compiled.courses {
        let html = kend_tegnene::views::storyboard::render(course);
        assert!(html.starts_with("<!doctype html><html lang=\"") && html.ends_with("</body></html>"));
        assert!(html.contains("@media print") && html.contains("@page") && html.contains("break-before:page"));
        assert!(!html.contains("<script") && !html.contains("<link"), "self-contained, nothing to fetch");
        for item in course.catalog.modules.iter().flat_map(|m| &m.items) {
            assert!(html.contains(&format!("id=\"{}-{}\"", item.kind.folder(), item.id)), "{}", item.id);
        }
        for l in course.lessons.values() {
            assert!(html.contains(&l.html), "lesson {}", l.id);
        }
        for s in course.scenarios.values() {
            for st in &s.steps {
                assert!(html.contains(&st.text), "{} {}", s.id, st.id);
                for c in &st.choices {
                    for part in [&c.text, &c.feedback, &c.consequence, &format!("&#39;{}&#39;", c.next)] {
                        assert!(html.contains(part.as_str()), "{} {}: {part}", s.id, st.id);
                    }
                }
            }
            for e in &s.endings {
                assert!(html.contains(&e.text), "{} {}", s.id, e.id);
            }
        }
        for q in course.quizzes.values() {
            for x in &q.questions {
                assert!(html.contains(&x.prompt) && html.contains(&x.explanation), "{} {}", q.id, x.id);
                for o in &x.options {
                    assert!(html.contains(&o.text) && html.contains(&o.feedback), "{} {}", q.id, x.id);
                }
                for s in &x.segments {
                    assert!(html.contains(&s.text) && html.contains(&s.feedback), "{} {}", q.id, x.id);
                }
                for t in &x.tags {
                    assert!(html.contains(t.as_str()));
                }
            }
        }
    }
    assert_eq!(compiled.courses.len(), 2);
}
