//! Grading quiz answers, with partial credit and the detail the page needs
//! to teach: which options were right, which were chosen, which signs were
//! missed.
//!
//! Pure and total: an answer of the wrong kind, or with indices that do not
//! fit the question (content changed since it was saved, a bad import),
//! grades as wrong and never panics.

use crate::content::{Question, QuestionKind};

/// A learner's answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// Index of the chosen option.
    Single(usize),
    /// Indices of the chosen options, in any order.
    Multiple(Vec<usize>),
    /// The learner said the statement is true (`true`) or false.
    TrueFalse(bool),
    /// Option indices in the order the learner put them (the question's
    /// options are stored in the correct order).
    Order(Vec<usize>),
    /// Indices of the segments the learner marked as signs.
    Spot(Vec<usize>),
}

impl Response {
    pub fn kind(&self) -> QuestionKind {
        match self {
            Response::Single(_) => QuestionKind::Single,
            Response::Multiple(_) => QuestionKind::Multiple,
            Response::TrueFalse(_) => QuestionKind::TrueFalse,
            Response::Order(_) => QuestionKind::Order,
            Response::Spot(_) => QuestionKind::Spot,
        }
    }
}

/// The result of grading one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graded {
    /// Everything right.
    pub correct: bool,
    /// Partial credit: one point per right decision (see [`grade`]).
    pub earned: u32,
    pub possible: u32,
    /// `false` when the response did not fit the question (wrong kind, an
    /// index out of range, an order that is not a permutation). Such a
    /// response earns nothing.
    pub fits: bool,
    /// One mark per option (single, multiple, true-false, order) or per
    /// segment (spot), in the question's order, for per-option feedback.
    pub marks: Vec<Mark>,
}

/// What happened to one option or segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Single, multiple, true-false: the learner chose this option. Spot:
    /// the learner marked this segment. Order: the learner put this step in
    /// its right position.
    pub chosen: bool,
    /// It should have been chosen: a correct option, a segment that is a
    /// sign. Order: always `true` (every step belongs in its place).
    pub expected: bool,
    /// Order only: the position (from 0) the learner put this step at.
    pub placed_at: Option<usize>,
}

impl Mark {
    /// The learner's decision on this option or segment was right.
    pub fn is_right(&self) -> bool {
        self.chosen == self.expected
    }

    /// Should have been chosen but was not: "missed sign: ...".
    pub fn missed(&self) -> bool {
        self.expected && !self.chosen
    }

    /// Chosen but should not have been.
    pub fn wrongly_chosen(&self) -> bool {
        self.chosen && !self.expected
    }
}

/// Grade `r` against `q`.
///
/// Points: single and true-false: 1 for the right answer, out of 1.
/// Multiple: 1 per option decided rightly (chosen if correct, left alone if
/// not), out of the number of options. Spot: the same per segment. Order:
/// 1 per step in its right position, out of the number of steps. `correct`
/// means every point was earned.
pub fn grade(q: &Question, r: &Response) -> Graded {
    let n = match q.kind {
        QuestionKind::Spot => q.segments.len(),
        _ => q.options.len(),
    };
    let expected: Vec<bool> = match q.kind {
        QuestionKind::Spot => q.segments.iter().map(|s| s.sign.is_some()).collect(),
        QuestionKind::Order => vec![true; n],
        _ => q.options.iter().map(|o| o.correct).collect(),
    };
    let possible = match q.kind {
        QuestionKind::Single | QuestionKind::TrueFalse => 1,
        _ => n as u32,
    };
    let unfit = || Graded {
        correct: false,
        earned: 0,
        possible,
        fits: false,
        marks: expected.iter().map(|&e| Mark { chosen: false, expected: e, placed_at: None }).collect(),
    };
    let marks_from = |chosen: &[bool]| -> Vec<Mark> {
        expected.iter().zip(chosen).map(|(&e, &c)| Mark { chosen: c, expected: e, placed_at: None }).collect()
    };

    match (q.kind, r) {
        (QuestionKind::Single, Response::Single(i)) if *i < n => {
            let chosen: Vec<bool> = (0..n).map(|k| k == *i).collect();
            let right = expected[*i];
            Graded { correct: right, earned: right as u32, possible, fits: true, marks: marks_from(&chosen) }
        }
        (QuestionKind::TrueFalse, Response::TrueFalse(said_true)) if n == 2 => {
            // Option 0 is "true", option 1 is "false".
            let i = if *said_true { 0 } else { 1 };
            let chosen = [i == 0, i == 1];
            let right = expected[i];
            Graded { correct: right, earned: right as u32, possible, fits: true, marks: marks_from(&chosen) }
        }
        (QuestionKind::Multiple, Response::Multiple(picked)) | (QuestionKind::Spot, Response::Spot(picked)) => {
            if picked.iter().any(|&i| i >= n) {
                return unfit();
            }
            let chosen: Vec<bool> = (0..n).map(|k| picked.contains(&k)).collect();
            let marks = marks_from(&chosen);
            let earned = marks.iter().filter(|m| m.is_right()).count() as u32;
            Graded { correct: earned == possible, earned, possible, fits: true, marks }
        }
        (QuestionKind::Order, Response::Order(order)) => {
            if !is_permutation(order, n) {
                return unfit();
            }
            let mut placed_at = vec![0; n];
            for (pos, &step) in order.iter().enumerate() {
                placed_at[step] = pos;
            }
            let marks: Vec<Mark> = (0..n)
                .map(|step| Mark { chosen: placed_at[step] == step, expected: true, placed_at: Some(placed_at[step]) })
                .collect();
            let earned = marks.iter().filter(|m| m.chosen).count() as u32;
            Graded { correct: earned == possible, earned, possible, fits: true, marks }
        }
        _ => unfit(),
    }
}

fn is_permutation(order: &[usize], n: usize) -> bool {
    if order.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    for &i in order {
        if i >= n || std::mem::replace(&mut seen[i], true) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{AnswerOption, Segment};

    fn opt(correct: bool) -> AnswerOption {
        AnswerOption { text: String::new(), correct, feedback: String::new(), pin_last: false }
    }

    fn question(kind: QuestionKind, options: Vec<AnswerOption>, segments: Vec<Segment>) -> Question {
        Question {
            id: "q".into(),
            kind,
            prompt: String::new(),
            tags: vec![],
            learn_more: None,
            explanation: String::new(),
            options,
            segments,
        }
    }

    fn single() -> Question {
        question(QuestionKind::Single, vec![opt(false), opt(true), opt(false)], vec![])
    }

    fn multiple() -> Question {
        question(QuestionKind::Multiple, vec![opt(true), opt(false), opt(true), opt(false)], vec![])
    }

    fn true_false(answer: bool) -> Question {
        question(QuestionKind::TrueFalse, vec![opt(answer), opt(!answer)], vec![])
    }

    fn order(n: usize) -> Question {
        question(QuestionKind::Order, (0..n).map(|_| opt(true)).collect(), vec![])
    }

    fn spot() -> Question {
        let seg =
            |sign: Option<&str>| Segment { text: String::new(), sign: sign.map(String::from), feedback: String::new() };
        question(
            QuestionKind::Spot,
            vec![],
            vec![seg(None), seg(Some("coercion")), seg(None), seg(Some("exploitation")), seg(None)],
        )
    }

    fn all_responses() -> Vec<Response> {
        vec![
            Response::Single(0),
            Response::Multiple(vec![0]),
            Response::TrueFalse(true),
            Response::Order(vec![0, 1, 2]),
            Response::Spot(vec![1]),
        ]
    }

    #[test]
    fn single_right_and_wrong() {
        let g = grade(&single(), &Response::Single(1));
        assert_eq!((g.correct, g.earned, g.possible, g.fits), (true, 1, 1, true));
        let g = grade(&single(), &Response::Single(2));
        assert_eq!((g.correct, g.earned, g.possible, g.fits), (false, 0, 1, true));
        assert!(g.marks[2].wrongly_chosen());
        assert!(g.marks[1].missed());
        assert!(g.marks[0].is_right());
    }

    #[test]
    fn single_out_of_range_is_wrong() {
        let g = grade(&single(), &Response::Single(3));
        assert_eq!((g.correct, g.earned, g.fits), (false, 0, false));
        assert_eq!(g.marks.len(), 3);
        assert!(g.marks.iter().all(|m| !m.chosen));
    }

    #[test]
    fn multiple_right_partial_and_wrong() {
        let g = grade(&multiple(), &Response::Multiple(vec![2, 0]));
        assert_eq!((g.correct, g.earned, g.possible), (true, 4, 4));
        // One correct option missed, one wrong one chosen: 2 of 4 decisions right.
        let g = grade(&multiple(), &Response::Multiple(vec![0, 1]));
        assert_eq!((g.correct, g.earned, g.possible), (false, 2, 4));
        assert!(g.marks[2].missed());
        assert!(g.marks[1].wrongly_chosen());
        // Nothing chosen: the two wrong options were rightly left alone.
        let g = grade(&multiple(), &Response::Multiple(vec![]));
        assert_eq!((g.correct, g.earned), (false, 2));
        // Everything chosen.
        let g = grade(&multiple(), &Response::Multiple(vec![0, 1, 2, 3]));
        assert_eq!((g.correct, g.earned), (false, 2));
    }

    #[test]
    fn multiple_repeated_index_counts_once_and_out_of_range_is_wrong() {
        let g = grade(&multiple(), &Response::Multiple(vec![0, 0, 2]));
        assert!(g.correct);
        let g = grade(&multiple(), &Response::Multiple(vec![0, 2, 9]));
        assert_eq!((g.correct, g.earned, g.possible, g.fits), (false, 0, 4, false));
    }

    #[test]
    fn true_false_both_ways() {
        for answer in [true, false] {
            let q = true_false(answer);
            let g = grade(&q, &Response::TrueFalse(answer));
            assert_eq!((g.correct, g.earned, g.possible), (true, 1, 1));
            let g = grade(&q, &Response::TrueFalse(!answer));
            assert_eq!((g.correct, g.earned, g.possible), (false, 0, 1));
            assert!(g.fits);
        }
        let g = grade(&true_false(false), &Response::TrueFalse(true));
        assert!(g.marks[0].chosen && !g.marks[0].expected, "chose 'true', which is wrong");
        assert!(g.marks[1].missed());
    }

    #[test]
    fn true_false_with_malformed_options_does_not_panic() {
        let q = question(QuestionKind::TrueFalse, vec![opt(true)], vec![]);
        assert!(!grade(&q, &Response::TrueFalse(true)).correct);
    }

    #[test]
    fn order_right_partial_and_wrong() {
        let q = order(4);
        let g = grade(&q, &Response::Order(vec![0, 1, 2, 3]));
        assert_eq!((g.correct, g.earned, g.possible), (true, 4, 4));
        // First two swapped: the last two are still in place.
        let g = grade(&q, &Response::Order(vec![1, 0, 2, 3]));
        assert_eq!((g.correct, g.earned, g.possible), (false, 2, 4));
        assert_eq!(g.marks[0].placed_at, Some(1));
        assert_eq!(g.marks[1].placed_at, Some(0));
        assert!(g.marks[0].missed() && g.marks[2].is_right());
        // Reversed: nothing in place.
        let g = grade(&q, &Response::Order(vec![3, 2, 1, 0]));
        assert_eq!(g.earned, 0);
    }

    #[test]
    fn order_that_is_not_a_permutation_is_wrong() {
        let q = order(3);
        for bad in [vec![0, 1], vec![0, 1, 2, 3], vec![0, 0, 1], vec![0, 1, 5]] {
            let g = grade(&q, &Response::Order(bad.clone()));
            assert_eq!((g.correct, g.earned, g.fits), (false, 0, false), "{bad:?}");
        }
    }

    #[test]
    fn spot_right_partial_and_wrong() {
        let g = grade(&spot(), &Response::Spot(vec![3, 1]));
        assert_eq!((g.correct, g.earned, g.possible), (true, 5, 5));
        // Missed one sign, marked one harmless piece.
        let g = grade(&spot(), &Response::Spot(vec![1, 2]));
        assert_eq!((g.correct, g.earned, g.possible), (false, 3, 5));
        let missed: Vec<usize> = g.marks.iter().enumerate().filter(|(_, m)| m.missed()).map(|(i, _)| i).collect();
        assert_eq!(missed, vec![3]);
        assert!(g.marks[2].wrongly_chosen());
        let g = grade(&spot(), &Response::Spot(vec![7]));
        assert_eq!((g.correct, g.earned, g.fits), (false, 0, false));
    }

    #[test]
    fn a_response_of_the_wrong_kind_is_wrong() {
        let questions = [single(), multiple(), true_false(true), order(3), spot()];
        for q in &questions {
            for r in all_responses() {
                let g = grade(q, &r);
                if r.kind() == q.kind {
                    assert!(g.fits, "{:?} fits {:?}", r, q.kind);
                } else {
                    assert_eq!((g.correct, g.earned, g.fits), (false, 0, false), "{:?} on {:?}", r, q.kind);
                    assert_eq!(g.marks.len(), if q.kind == QuestionKind::Spot { 5 } else { q.options.len() });
                }
            }
        }
    }

    #[test]
    fn empty_questions_do_not_panic() {
        for kind in QuestionKind::ALL {
            let q = question(kind, vec![], vec![]);
            for r in all_responses() {
                let _ = grade(&q, &r);
            }
        }
    }
}
