//! Drawing a round from a quiz's pool: questions the learner has not seen
//! come first, then those they missed, then the rest, so a retake is a
//! different test. Review and retry go by question id, as before.

use crate::content::Quiz;
use crate::quiz::shuffle::shuffle_in_place;

/// Where a learner stands with one question of the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seen {
    Unseen,
    Missed,
    Right,
}

/// `n` question ids drawn from `quiz` for a round with `seed` (all of them
/// when `n` is 0 or larger than the pool), in the order to ask them.
pub fn draw(quiz: &Quiz, n: usize, seed: u64, seen: impl Fn(&str) -> Seen) -> Vec<String> {
    let mut order: Vec<usize> = (0..quiz.questions.len()).collect();
    let n = if n == 0 { order.len() } else { n.min(order.len()) };
    shuffle_in_place(seed, &quiz.id, &mut order);
    // Unseen first, then missed, then the rest, random within each group
    // (three passes rather than a sort: no sort code in the app).
    let id = |i: &usize| quiz.questions[*i].id.as_str();
    let mut drawn: Vec<usize> = [Seen::Unseen, Seen::Missed, Seen::Right]
        .iter()
        .flat_map(|group| order.iter().filter(|i| seen(id(i)) == *group))
        .take(n)
        .copied()
        .collect();
    shuffle_in_place(seed, "order", &mut drawn);
    drawn.iter().map(|i| id(i).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Question, QuestionKind};

    fn pool(n: usize) -> Quiz {
        let q = |i: usize| Question {
            id: format!("q{i}"),
            kind: QuestionKind::TrueFalse,
            prompt: String::new(),
            tags: vec![],
            learn_more: None,
            explanation: String::new(),
            options: vec![],
            segments: vec![],
        };
        Quiz {
            id: "k".into(),
            title: String::new(),
            minutes: 1,
            tags: vec![],
            intro: String::new(),
            questions: (0..n).map(q).collect(),
            round: 3,
            precheck: 2,
        }
    }

    #[test]
    fn a_round_draws_its_size_without_repeats() {
        let d = draw(&pool(8), 3, 5, |_| Seen::Unseen);
        assert_eq!(d.len(), 3);
        let mut u = d.clone();
        u.sort();
        u.dedup();
        assert_eq!(u.len(), 3);
        assert_eq!(draw(&pool(8), 3, 5, |_| Seen::Unseen), d, "the same seed, the same round");
        assert_eq!(draw(&pool(2), 0, 5, |_| Seen::Unseen).len(), 2, "0 asks every question");
    }

    #[test]
    fn a_retake_prefers_unseen_then_missed_questions() {
        let quiz = pool(6);
        let first = draw(&quiz, 3, 1, |_| Seen::Unseen);
        let seen = |id: &str| if first.iter().any(|f| f == id) { Seen::Right } else { Seen::Unseen };
        let second = draw(&quiz, 3, 2, seen);
        assert!(second.iter().all(|id| !first.contains(id)), "{first:?} then {second:?}");
        // All seen: the missed ones come back first.
        let third = draw(&quiz, 1, 3, |id| if id == "q4" { Seen::Missed } else { Seen::Right });
        assert_eq!(third, vec!["q4".to_string()]);
    }
}
