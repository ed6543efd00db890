//! Is a compiled quiz sound? The content compiler runs [`validate`] on every
//! quiz and reports each issue at the line it comes from.

use std::collections::BTreeSet;
use std::fmt;

use crate::content::{QuestionKind, Quiz, INDICATOR_TAGS};
use crate::route::is_id;

/// Fewest options for a single or multiple question.
pub const MIN_OPTIONS: usize = 2;
/// Fewest steps for an order question: with two, "swap them" is a coin toss.
pub const MIN_STEPS: usize = 3;
/// Fewest segments for a spot question.
pub const MIN_SEGMENTS: usize = 2;

/// One flaw in a quiz, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizIssue {
    /// The question it is in (index, id), `None` for the quiz itself.
    pub question: Option<(usize, String)>,
    /// Spot questions: the segment it is in.
    pub segment: Option<usize>,
    pub problem: QuizProblem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuizProblem {
    NoQuestions,
    /// The id is not lowercase letters, digits and hyphens.
    BadId,
    /// An earlier question has the same id.
    DuplicateId,
    UnknownTag(String),
    /// A segment's `sign` is not an indicator tag.
    UnknownSign(String),
    TooFewOptions {
        found: usize,
    },
    /// Single or multiple: no option is correct.
    NoCorrectOption,
    /// Single: more than one option is correct.
    SeveralCorrect(usize),
    /// True-false: not two options with exactly one correct.
    NotTrueFalse,
    TooFewSteps(usize),
    TooFewSegments(usize),
    /// Spot: no segment is a sign.
    NoSign,
}

impl fmt::Display for QuizIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((_, id)) = &self.question {
            write!(f, "question '{id}': ")?;
        }
        if let Some(s) = self.segment {
            write!(f, "segment {}: ", s + 1)?;
        }
        match &self.problem {
            QuizProblem::NoQuestions => write!(f, "the quiz has no [[question]]"),
            QuizProblem::BadId => write!(f, "a question id may only use lowercase letters a-z, digits and hyphens"),
            QuizProblem::DuplicateId => write!(f, "the id is used by an earlier question; question ids must be unique"),
            QuizProblem::UnknownTag(t) | QuizProblem::UnknownSign(t) => {
                write!(f, "unknown indicator tag '{t}'; known tags: {}", INDICATOR_TAGS.join(", "))
            }
            QuizProblem::TooFewOptions { found } => {
                write!(f, "has {found} [[question.option]], needs at least {MIN_OPTIONS}")
            }
            QuizProblem::NoCorrectOption => write!(f, "no option has correct = true"),
            QuizProblem::SeveralCorrect(n) => write!(
                f,
                "{n} options have correct = true, but a single-choice question has exactly one; use type = \"multiple\" if several are right"
            ),
            QuizProblem::NotTrueFalse => write!(f, "a true-false question needs answer = true or answer = false"),
            QuizProblem::TooFewSteps(n) => write!(f, "has {n} [[question.step]], an order question needs at least {MIN_STEPS}"),
            QuizProblem::TooFewSegments(n) => {
                write!(f, "has {n} [[question.segment]], a spot question needs at least {MIN_SEGMENTS}")
            }
            QuizProblem::NoSign => write!(f, "no [[question.segment]] has a sign = \"<indicator tag>\"; mark the pieces that are signs"),
        }
    }
}

/// Every flaw in the quiz, in question order.
pub fn validate(quiz: &Quiz) -> Vec<QuizIssue> {
    let mut issues = Vec::new();
    let quiz_issue = |problem| QuizIssue { question: None, segment: None, problem };
    if quiz.questions.is_empty() {
        issues.push(quiz_issue(QuizProblem::NoQuestions));
    }
    for t in &quiz.tags {
        if !INDICATOR_TAGS.contains(&t.as_str()) {
            issues.push(quiz_issue(QuizProblem::UnknownTag(t.clone())));
        }
    }
    let mut ids = BTreeSet::new();
    for (qi, q) in quiz.questions.iter().enumerate() {
        let at = |problem| QuizIssue { question: Some((qi, q.id.clone())), segment: None, problem };
        if !is_id(&q.id) {
            issues.push(at(QuizProblem::BadId));
        }
        if !ids.insert(q.id.as_str()) {
            issues.push(at(QuizProblem::DuplicateId));
        }
        for t in &q.tags {
            if !INDICATOR_TAGS.contains(&t.as_str()) {
                issues.push(at(QuizProblem::UnknownTag(t.clone())));
            }
        }
        let correct = q.options.iter().filter(|o| o.correct).count();
        match q.kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                if q.options.len() < MIN_OPTIONS {
                    issues.push(at(QuizProblem::TooFewOptions { found: q.options.len() }));
                }
                if correct == 0 {
                    issues.push(at(QuizProblem::NoCorrectOption));
                } else if correct > 1 && q.kind == QuestionKind::Single {
                    issues.push(at(QuizProblem::SeveralCorrect(correct)));
                }
            }
            QuestionKind::TrueFalse => {
                if q.options.len() != 2 || correct != 1 {
                    issues.push(at(QuizProblem::NotTrueFalse));
                }
            }
            QuestionKind::Order => {
                if q.options.len() < MIN_STEPS {
                    issues.push(at(QuizProblem::TooFewSteps(q.options.len())));
                }
            }
            QuestionKind::Spot => {
                if q.segments.len() < MIN_SEGMENTS {
                    issues.push(at(QuizProblem::TooFewSegments(q.segments.len())));
                }
                for (si, s) in q.segments.iter().enumerate() {
                    if let Some(sign) = &s.sign {
                        if !INDICATOR_TAGS.contains(&sign.as_str()) {
                            issues.push(QuizIssue {
                                question: Some((qi, q.id.clone())),
                                segment: Some(si),
                                problem: QuizProblem::UnknownSign(sign.clone()),
                            });
                        }
                    }
                }
                if !q.segments.iter().any(|s| s.sign.is_some()) {
                    issues.push(at(QuizProblem::NoSign));
                }
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{AnswerOption, Question, Segment};

    fn opt(correct: bool) -> AnswerOption {
        AnswerOption { text: "x".into(), correct, feedback: "y".into() }
    }

    fn seg(sign: Option<&str>) -> Segment {
        Segment { text: "x".into(), sign: sign.map(String::from), feedback: "y".into() }
    }

    fn q(id: &str, kind: QuestionKind, options: Vec<AnswerOption>, segments: Vec<Segment>) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt: "p".into(),
            tags: vec!["behaviour".into()],
            learn_more: None,
            explanation: "e".into(),
            options,
            segments,
        }
    }

    fn sound() -> Quiz {
        Quiz {
            id: "quiz".into(),
            title: "Quiz".into(),
            minutes: 5,
            tags: vec!["coercion".into()],
            intro: String::new(),
            questions: vec![
                q("one", QuestionKind::Single, vec![opt(false), opt(true)], vec![]),
                q("many", QuestionKind::Multiple, vec![opt(true), opt(true), opt(false)], vec![]),
                q("tf", QuestionKind::TrueFalse, vec![opt(false), opt(true)], vec![]),
                q("steps", QuestionKind::Order, vec![opt(true), opt(true), opt(true)], vec![]),
                q("spot", QuestionKind::Spot, vec![], vec![seg(None), seg(Some("coercion")), seg(None)]),
            ],
        }
    }

    fn problems(quiz: &Quiz) -> Vec<(Option<usize>, QuizProblem)> {
        validate(quiz).into_iter().map(|i| (i.question.map(|(n, _)| n), i.problem)).collect()
    }

    #[test]
    fn a_sound_quiz_has_no_issues() {
        assert_eq!(validate(&sound()), vec![]);
    }

    #[test]
    fn questions_without_a_correct_answer_are_found() {
        let mut quiz = sound();
        quiz.questions[0].options[1].correct = false;
        quiz.questions[1].options.iter_mut().for_each(|o| o.correct = false);
        assert_eq!(
            problems(&quiz),
            vec![(Some(0), QuizProblem::NoCorrectOption), (Some(1), QuizProblem::NoCorrectOption)]
        );
    }

    #[test]
    fn single_needs_exactly_one_correct() {
        let mut quiz = sound();
        quiz.questions[0].options[0].correct = true;
        assert_eq!(problems(&quiz), vec![(Some(0), QuizProblem::SeveralCorrect(2))]);
    }

    #[test]
    fn spot_needs_a_sign_and_known_sign_tags() {
        let mut quiz = sound();
        quiz.questions[4].segments[1].sign = None;
        assert_eq!(problems(&quiz), vec![(Some(4), QuizProblem::NoSign)]);
        quiz.questions[4].segments[2].sign = Some("chains".into());
        let issues = validate(&quiz);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].segment, Some(2));
        assert_eq!(issues[0].problem, QuizProblem::UnknownSign("chains".into()));
        assert!(issues[0].to_string().starts_with("question 'spot': segment 3: unknown indicator tag 'chains'"));
    }

    #[test]
    fn order_needs_three_steps() {
        let mut quiz = sound();
        quiz.questions[3].options.pop();
        assert_eq!(problems(&quiz), vec![(Some(3), QuizProblem::TooFewSteps(2))]);
    }

    #[test]
    fn unknown_tags_on_quiz_and_question_are_found() {
        let mut quiz = sound();
        quiz.tags.push("trafficking".into());
        quiz.questions[2].tags.push("victim".into());
        assert_eq!(
            problems(&quiz),
            vec![
                (None, QuizProblem::UnknownTag("trafficking".into())),
                (Some(2), QuizProblem::UnknownTag("victim".into()))
            ]
        );
    }

    #[test]
    fn duplicate_and_bad_question_ids_are_found() {
        let mut quiz = sound();
        quiz.questions[3].id = "one".into();
        quiz.questions[4].id = "Spot it".into();
        assert_eq!(problems(&quiz), vec![(Some(3), QuizProblem::DuplicateId), (Some(4), QuizProblem::BadId)]);
    }

    #[test]
    fn true_false_shape_and_option_counts_are_checked() {
        let mut quiz = sound();
        quiz.questions[2].options[0].correct = true;
        quiz.questions[0].options.remove(0);
        quiz.questions[4].segments.truncate(1);
        assert_eq!(
            problems(&quiz),
            vec![
                (Some(0), QuizProblem::TooFewOptions { found: 1 }),
                (Some(2), QuizProblem::NotTrueFalse),
                (Some(4), QuizProblem::TooFewSegments(1)),
                (Some(4), QuizProblem::NoSign),
            ]
        );
    }

    #[test]
    fn an_empty_quiz_is_an_issue() {
        let mut quiz = sound();
        quiz.questions.clear();
        assert_eq!(problems(&quiz), vec![(None, QuizProblem::NoQuestions)]);
    }
}
