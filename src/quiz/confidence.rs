//! Confidence calibration: how sure the learner was, beside whether they
//! were right, per indicator tag.
//!
//! Being sure and wrong is the result that matters most: it is the
//! misconception a learner would act on. The summary page shows it per tag.

use crate::content::INDICATOR_TAGS;

/// How sure the learner said they were, asked before the answer is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, miniserde::Serialize, miniserde::Deserialize)]
pub enum Confidence {
    #[serde(rename = "guess")]
    Guess,
    #[serde(rename = "fairly")]
    Fairly,
    #[serde(rename = "sure")]
    Sure,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::Guess, Confidence::Fairly, Confidence::Sure];

    /// 0 = guess, 1 = fairly sure, 2 = sure: the compact form for storage.
    pub fn to_u8(self) -> u8 {
        match self {
            Confidence::Guess => 0,
            Confidence::Fairly => 1,
            Confidence::Sure => 2,
        }
    }

    pub fn from_u8(n: u8) -> Option<Confidence> {
        Confidence::ALL.get(usize::from(n)).copied()
    }
}

/// Answers and correct answers at one confidence level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelCount {
    pub answered: u32,
    pub correct: u32,
}

impl LevelCount {
    pub fn wrong(&self) -> u32 {
        self.answered - self.correct
    }
}

/// Calibration for one indicator tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagCalibration {
    pub tag: &'static str,
    pub guess: LevelCount,
    pub fairly: LevelCount,
    pub sure: LevelCount,
    /// Answers given as "sure" that were wrong: the misconceptions.
    pub sure_and_wrong: u32,
}

impl TagCalibration {
    fn new(tag: &'static str) -> Self {
        TagCalibration {
            tag,
            guess: LevelCount::default(),
            fairly: LevelCount::default(),
            sure: LevelCount::default(),
            sure_and_wrong: 0,
        }
    }

    pub fn level(&self, c: Confidence) -> LevelCount {
        match c {
            Confidence::Guess => self.guess,
            Confidence::Fairly => self.fairly,
            Confidence::Sure => self.sure,
        }
    }

    fn level_mut(&mut self, c: Confidence) -> &mut LevelCount {
        match c {
            Confidence::Guess => &mut self.guess,
            Confidence::Fairly => &mut self.fairly,
            Confidence::Sure => &mut self.sure,
        }
    }

    pub fn answered(&self) -> u32 {
        self.guess.answered + self.fairly.answered + self.sure.answered
    }

    pub fn correct(&self) -> u32 {
        self.guess.correct + self.fairly.correct + self.sure.correct
    }
}

/// Calibration per indicator tag, from answers given as (the question's
/// tags, the confidence the learner gave, whether the answer was correct).
///
/// One entry per taxonomy tag that occurs in the answers, in taxonomy order
/// ([`INDICATOR_TAGS`]); tags outside the taxonomy are ignored, and a tag
/// listed twice on one question counts once.
pub fn calibration<'a>(answers: impl IntoIterator<Item = (&'a [String], Confidence, bool)>) -> Vec<TagCalibration> {
    let mut table: Vec<TagCalibration> = INDICATOR_TAGS.iter().map(|t| TagCalibration::new(t)).collect();
    let mut seen = [false; INDICATOR_TAGS.len()];
    for (tags, confidence, correct) in answers {
        for i in tag_indices(tags) {
            seen[i] = true;
            let row = &mut table[i];
            let level = row.level_mut(confidence);
            level.answered += 1;
            level.correct += u32::from(correct);
            if confidence == Confidence::Sure && !correct {
                row.sure_and_wrong += 1;
            }
        }
    }
    table.into_iter().zip(seen).filter_map(|(row, seen)| seen.then_some(row)).collect()
}

/// A tag's score: how many answers about it were correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagScore {
    pub tag: &'static str,
    pub correct: u32,
    pub answered: u32,
}

/// Correct and answered per indicator tag, from (the question's tags,
/// whether the answer was correct). Same rules as [`calibration`]: taxonomy
/// order, only tags that occur, unknown tags ignored.
pub fn tag_scores<'a>(answers: impl IntoIterator<Item = (&'a [String], bool)>) -> Vec<TagScore> {
    calibration(answers.into_iter().map(|(tags, correct)| (tags, Confidence::Guess, correct)))
        .into_iter()
        .map(|c| TagScore { tag: c.tag, correct: c.correct(), answered: c.answered() })
        .collect()
}

/// Indices into [`INDICATOR_TAGS`] of the known tags in `tags`, each once.
fn tag_indices(tags: &[String]) -> impl Iterator<Item = usize> + '_ {
    INDICATOR_TAGS.iter().enumerate().filter(move |(_, t)| tags.iter().any(|x| x == *t)).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn confidence_round_trips_through_u8() {
        for c in Confidence::ALL {
            assert_eq!(Confidence::from_u8(c.to_u8()), Some(c));
        }
        assert_eq!(Confidence::Guess.to_u8(), 0);
        assert_eq!(Confidence::Sure.to_u8(), 2);
        assert_eq!(Confidence::from_u8(3), None);
    }

    #[test]
    fn calibration_counts_per_tag_and_level_in_taxonomy_order() {
        let a = tags(&["coercion", "behaviour"]);
        let b = tags(&["behaviour"]);
        let c = tags(&["exploitation", "not-a-tag"]);
        let answers = vec![
            (a.as_slice(), Confidence::Sure, false),
            (a.as_slice(), Confidence::Sure, true),
            (b.as_slice(), Confidence::Guess, true),
            (b.as_slice(), Confidence::Fairly, false),
            (c.as_slice(), Confidence::Fairly, true),
        ];
        let cal = calibration(answers);
        let order: Vec<&str> = cal.iter().map(|c| c.tag).collect();
        assert_eq!(order, vec!["exploitation", "coercion", "behaviour"]);

        let behaviour = &cal[2];
        assert_eq!(behaviour.sure, LevelCount { answered: 2, correct: 1 });
        assert_eq!(behaviour.guess, LevelCount { answered: 1, correct: 1 });
        assert_eq!(behaviour.fairly, LevelCount { answered: 1, correct: 0 });
        assert_eq!(behaviour.sure_and_wrong, 1);
        assert_eq!((behaviour.answered(), behaviour.correct()), (4, 2));
        assert_eq!(behaviour.level(Confidence::Fairly).wrong(), 1);

        let coercion = &cal[1];
        assert_eq!((coercion.answered(), coercion.sure_and_wrong), (2, 1));
        let exploitation = &cal[0];
        assert_eq!((exploitation.fairly.correct, exploitation.sure_and_wrong), (1, 0));
    }

    #[test]
    fn calibration_of_nothing_is_empty_and_repeated_tags_count_once() {
        assert!(calibration(std::iter::empty()).is_empty());
        let t = tags(&["child", "child"]);
        let cal = calibration([(t.as_slice(), Confidence::Sure, false)]);
        assert_eq!(cal.len(), 1);
        assert_eq!((cal[0].sure.answered, cal[0].sure_and_wrong), (1, 1));
    }

    #[test]
    fn tag_scores_count_correct_over_answered() {
        let a = tags(&["vulnerability", "coercion"]);
        let b = tags(&["coercion"]);
        let scores = tag_scores([(a.as_slice(), true), (b.as_slice(), false), (b.as_slice(), true)]);
        assert_eq!(
            scores,
            vec![
                TagScore { tag: "coercion", correct: 2, answered: 3 },
                TagScore { tag: "vulnerability", correct: 1, answered: 1 },
            ]
        );
    }
}
