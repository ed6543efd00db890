//! Is a compiled quiz sound? The content compiler runs [`validate`] on every
//! quiz and reports each issue at the line it comes from.

use std::collections::BTreeSet;
use std::fmt;

use crate::content::{Quality, QuestionKind, Quiz, Scenario, INDICATOR_TAGS};
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
    /// The pool is smaller than twice the round (or the round is 0), so a
    /// retake could not be a different test.
    SmallPool {
        round: u32,
        pool: usize,
    },
    /// The pre-check asks for more questions than the pool has (or none).
    LargePrecheck {
        precheck: u32,
        pool: usize,
    },
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
            QuizProblem::SmallPool { round, pool } => write!(
                f,
                "round = {round} needs a pool of at least {} questions (twice the round, so a retake is a different test); the file has {pool}",
                2 * round
            ),
            QuizProblem::LargePrecheck { precheck, pool } => {
                write!(f, "precheck = {precheck} must be between 1 and the {pool} questions of the pool")
            }
        }
    }
}

/// How many steps and single-choice questions have their best or correct
/// option as the longest: a learner who picks the longest text should not
/// pass. The content check holds the share per language at
/// [`MAX_GUESSABLE_PERCENT`] or below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Guess {
    pub longest_right: usize,
    pub counted: usize,
}

impl Guess {
    pub fn add(&mut self, other: Guess) {
        self.longest_right += other.longest_right;
        self.counted += other.counted;
    }

    pub fn percent(&self) -> usize {
        self.longest_right * 100 / self.counted.max(1)
    }

    pub fn too_guessable(&self) -> bool {
        self.longest_right * 100 > MAX_GUESSABLE_PERCENT * self.counted
    }
}

/// The highest share of steps and single-choice questions, per language,
/// whose longest option may be a right one.
pub const MAX_GUESSABLE_PERCENT: usize = 40;

/// The length of the text a learner reads: characters outside tags, an
/// entity counting as one.
pub fn plain_len(html: &str) -> usize {
    let (mut n, mut in_tag, mut in_entity) = (0, false, false);
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                in_entity = true;
                n += 1;
            }
            ';' if in_entity => in_entity = false,
            _ if in_entity => {}
            _ => n += 1,
        }
    }
    n
}

/// Is a right option among the longest (ties count)? `options` gives each
/// option's length and whether it is right.
pub fn longest_is_right(options: impl IntoIterator<Item = (usize, bool)>) -> bool {
    let options: Vec<(usize, bool)> = options.into_iter().collect();
    let Some(max) = options.iter().map(|o| o.0).max() else { return false };
    options.iter().any(|&(len, right)| len == max && right)
}

/// [`Guess`] over a quiz's single-choice questions.
pub fn guess_count_quiz(quiz: &Quiz) -> Guess {
    let mut g = Guess::default();
    for q in quiz.questions.iter().filter(|q| q.kind == QuestionKind::Single) {
        g.counted += 1;
        g.longest_right += longest_is_right(q.options.iter().map(|o| (plain_len(&o.text), o.correct))) as usize;
    }
    g
}

/// [`Guess`] over a scenario's steps.
pub fn guess_count_scenario(s: &Scenario) -> Guess {
    let mut g = Guess::default();
    for st in &s.steps {
        g.counted += 1;
        g.longest_right +=
            longest_is_right(st.choices.iter().map(|c| (plain_len(&c.text), c.quality == Quality::Best))) as usize;
    }
    g
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
    let pool = quiz.questions.len();
    if quiz.round > 0 && pool < 2 * quiz.round as usize {
        issues.push(quiz_issue(QuizProblem::SmallPool { round: quiz.round, pool }));
    }
    if quiz.precheck as usize > pool {
        issues.push(quiz_issue(QuizProblem::LargePrecheck { precheck: quiz.precheck, pool }));
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
        AnswerOption { text: "x".into(), correct, feedback: "y".into(), pin_last: false }
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
            round: 0,
            precheck: 0,
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
    fn the_pool_must_be_twice_the_round_and_hold_the_precheck() {
        let mut quiz = sound();
        quiz.round = 2;
        quiz.precheck = 5;
        assert_eq!(validate(&quiz), vec![]);
        quiz.round = 3;
        quiz.precheck = 6;
        assert_eq!(
            problems(&quiz),
            vec![
                (None, QuizProblem::SmallPool { round: 3, pool: 5 }),
                (None, QuizProblem::LargePrecheck { precheck: 6, pool: 5 })
            ]
        );
    }

    #[test]
    fn the_longest_option_is_found_with_ties() {
        assert!(longest_is_right([(3, false), (5, true)]));
        assert!(!longest_is_right([(7, false), (5, true)]));
        assert!(longest_is_right([(5, false), (5, true)]), "a tie counts");
        assert!(!longest_is_right(std::iter::empty()));
        assert_eq!(plain_len("<em>a&amp;b</em> c"), 5);
        let quiz = sound();
        // Only single-choice questions count: "one" has two empty options, a tie.
        assert_eq!(guess_count_quiz(&quiz), Guess { longest_right: 1, counted: 1 });
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
