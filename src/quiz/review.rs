//! Spaced review of missed questions (Leitner boxes). Time is passed in.
//!
//! Knowledge from awareness training fades within months, so a question
//! answered wrongly comes back: after 1 day, then (each time it is answered
//! correctly) after 3, 7 and 16 days. A correct answer in the last box takes
//! it out of the queue; a wrong answer anywhere puts it back in box 0.

/// One day in milliseconds.
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// How long a question waits in each box before it is due again, in ms.
pub const BOX_INTERVALS_MS: [u64; 4] = [DAY_MS, 3 * DAY_MS, 7 * DAY_MS, 16 * DAY_MS];

/// The last box: a correct answer here graduates the question.
pub const LAST_BOX: u8 = (BOX_INTERVALS_MS.len() - 1) as u8;

/// A question's place in the review queue. Stored in progress; a question
/// enters the queue when it is answered wrongly and leaves it after enough
/// correct reviews.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
pub struct Review {
    /// 0 = missed most recently; higher boxes come back after longer gaps.
    pub leitner_box: u8,
    /// When the question is next due, in ms since the Unix epoch.
    pub due_at: u64,
}

/// How long a question in `leitner_box` waits. Boxes past the last (from
/// corrupt or future data) wait as long as the last.
pub fn interval_ms(leitner_box: u8) -> u64 {
    BOX_INTERVALS_MS[usize::from(leitner_box.min(LAST_BOX))]
}

/// The question's place after an answer at `now`.
///
/// - wrong: box 0, due in a day, whether it was queued or not;
/// - correct and not queued: stays out of the queue (`None`);
/// - correct in box `b` < last: box `b + 1`, due after that box's interval;
/// - correct in the last box: graduates (`None`).
pub fn after_answer(current: Option<Review>, correct: bool, now: u64) -> Option<Review> {
    if !correct {
        return Some(Review { leitner_box: 0, due_at: now.saturating_add(interval_ms(0)) });
    }
    let current = current?;
    if current.leitner_box >= LAST_BOX {
        return None;
    }
    let next = current.leitner_box + 1;
    Some(Review { leitner_box: next, due_at: now.saturating_add(interval_ms(next)) })
}

/// The question should be reviewed now.
pub fn is_due(r: &Review, now: u64) -> bool {
    now >= r.due_at
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_764_320_000_000;

    #[test]
    fn intervals_are_1_3_7_16_days() {
        assert_eq!(DAY_MS, 86_400_000);
        let days: Vec<u64> = (0..=LAST_BOX).map(|b| interval_ms(b) / DAY_MS).collect();
        assert_eq!(days, vec![1, 3, 7, 16]);
        assert_eq!(interval_ms(200), 16 * DAY_MS);
    }

    #[test]
    fn a_wrong_answer_enters_box_0_due_tomorrow() {
        assert_eq!(after_answer(None, false, NOW), Some(Review { leitner_box: 0, due_at: NOW + DAY_MS }));
        let queued = Some(Review { leitner_box: 2, due_at: NOW });
        assert_eq!(after_answer(queued, false, NOW), Some(Review { leitner_box: 0, due_at: NOW + DAY_MS }));
    }

    #[test]
    fn a_correct_answer_outside_the_queue_stays_out() {
        assert_eq!(after_answer(None, true, NOW), None);
    }

    #[test]
    fn correct_answers_climb_the_boxes_and_graduate() {
        let mut r = after_answer(None, false, NOW);
        let mut now = NOW;
        let mut due_in_days = vec![];
        while let Some(current) = r.clone() {
            due_in_days.push((current.leitner_box, (current.due_at - now) / DAY_MS));
            now = current.due_at;
            assert!(is_due(&current, now));
            r = after_answer(r, true, now);
        }
        assert_eq!(due_in_days, vec![(0, 1), (1, 3), (2, 7), (3, 16)]);
    }

    #[test]
    fn a_corrupt_box_graduates_on_a_correct_answer() {
        assert_eq!(after_answer(Some(Review { leitner_box: 9, due_at: 0 }), true, NOW), None);
    }

    #[test]
    fn due_from_the_due_time_on() {
        let r = Review { leitner_box: 1, due_at: NOW };
        assert!(!is_due(&r, NOW - 1));
        assert!(is_due(&r, NOW));
        assert!(is_due(&r, NOW + 1));
    }

    #[test]
    fn far_future_times_do_not_overflow() {
        let r = after_answer(None, false, u64::MAX).unwrap();
        assert_eq!(r.due_at, u64::MAX);
    }
}
