//! Branching scenarios: where a learner is, how they did, and what the
//! recommended path would have been.
//!
//! A learner's path is stored as the list of choice indices they made from
//! the start step. Everything else (position, score, replay) is derived from
//! that list and the scenario, so there is one source of truth to save.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{Ending, Quality, Scenario, Step};

/// Where a path of choices leads.
#[derive(Debug, PartialEq)]
pub enum Position<'a> {
    /// At a step, after `decisions` choices.
    Step {
        step: &'a Step,
        decisions: usize,
    },
    Ending(&'a Ending),
}

/// A path that does not fit the scenario (content changed since it was
/// saved, or a bad import). The caller restarts the scenario.
#[derive(Debug, PartialEq, Eq)]
pub struct PathError;

/// One decision on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub step: String,
    pub choice: usize,
    pub quality: Quality,
}

/// Follow `choices` from the start.
pub fn position<'a>(s: &'a Scenario, choices: &[usize]) -> Result<Position<'a>, PathError> {
    let (decisions, at) = walk(s, choices)?;
    Ok(match at {
        Node::Step(step) => Position::Step { step, decisions: decisions.len() },
        Node::Ending(e) => Position::Ending(e),
    })
}

enum Node<'a> {
    Step(&'a Step),
    Ending(&'a Ending),
}

fn node<'a>(s: &'a Scenario, id: &str) -> Option<Node<'a>> {
    s.step(id).map(Node::Step).or_else(|| s.ending(id).map(Node::Ending))
}

fn walk<'a>(s: &'a Scenario, choices: &[usize]) -> Result<(Vec<Decision>, Node<'a>), PathError> {
    let mut at = node(s, &s.start).ok_or(PathError)?;
    let mut decisions = Vec::with_capacity(choices.len());
    for &c in choices {
        let Node::Step(step) = at else { return Err(PathError) };
        let choice = step.choices.get(c).ok_or(PathError)?;
        decisions.push(Decision { step: step.id.clone(), choice: c, quality: choice.quality });
        at = node(s, &choice.next).ok_or(PathError)?;
    }
    Ok((decisions, at))
}

/// The result of a finished path, judged on the whole path: an ending never
/// credits a choice the learner did not make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub ending: String,
    /// The worst of the ending's grade and every choice made: one harmful
    /// choice makes a harmful attempt, however the case ended.
    pub grade: Quality,
    pub decisions: Vec<Decision>,
    /// 0-100: points earned over points possible on this path (best = 2,
    /// acceptable = 1, harmful = 0 for each decision, and for the ending by
    /// its grade), capped at 50 when the attempt is harmful, so a harmful
    /// choice never looks like a pass.
    pub percent: u8,
}

impl Outcome {
    /// The decisions that were not the best, in the order made: each is
    /// shown on the result with its cost.
    pub fn costs(&self) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(|d| d.quality != Quality::Best)
    }
}

/// The outcome of `choices`, if they lead to an ending.
pub fn outcome(s: &Scenario, choices: &[usize]) -> Result<Option<Outcome>, PathError> {
    let (decisions, at) = walk(s, choices)?;
    let Node::Ending(ending) = at else { return Ok(None) };
    let grade = decisions.iter().map(|d| d.quality).fold(ending.grade, Ord::min);
    let points: u32 = decisions.iter().map(|d| d.quality.points()).sum::<u32>() + ending.grade.points();
    let max = (decisions.len() as u32 + 1) * Quality::Best.points();
    let mut percent = (points * 100 / max) as u8;
    if grade == Quality::Harmful {
        percent = percent.min(50);
    }
    Ok(Some(Outcome { ending: ending.id.clone(), grade, decisions, percent }))
}

/// The recommended path: the best choice at every step (the first one where
/// several are best). Stops at an ending, or after as many steps as the
/// scenario has, should the content loop.
pub fn recommended(s: &Scenario) -> Vec<usize> {
    let mut path = Vec::new();
    let mut at = s.start.as_str();
    for _ in 0..=s.steps.len() {
        let Some(step) = s.step(at) else { break };
        let Some((i, c)) = step.choices.iter().enumerate().max_by_key(|(i, c)| (c.quality, std::cmp::Reverse(*i)))
        else {
            break;
        };
        path.push(i);
        at = &c.next;
    }
    path
}

/// One row of the replay: at `step`, what the learner chose and what was
/// recommended there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayRow {
    pub step: String,
    pub chosen: usize,
    pub quality: Quality,
    /// Index of the best choice at this step.
    pub recommended: usize,
}

/// The learner's decisions beside the best choice at each step they saw.
pub fn replay(s: &Scenario, choices: &[usize]) -> Result<Vec<ReplayRow>, PathError> {
    let (decisions, _) = walk(s, choices)?;
    Ok(decisions
        .into_iter()
        .map(|d| {
            let step = s.step(&d.step).expect("walk only visits steps");
            let recommended = best_choice(step);
            ReplayRow { step: d.step, chosen: d.choice, quality: d.quality, recommended }
        })
        .collect())
}

fn best_choice(step: &Step) -> usize {
    step.choices.iter().enumerate().max_by_key(|(i, c)| (c.quality, std::cmp::Reverse(*i))).map_or(0, |(i, _)| i)
}

/// A flaw in a scenario's graph, naming the node it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphIssue {
    DuplicateId(String),
    UnknownStart(String),
    /// (step, choice index, target)
    UnknownTarget(String, usize, String),
    NoChoices(String),
    Unreachable(String),
    /// From this step no ending can be reached: the learner would loop forever.
    NeverEnds(String),
    NoBestEnding,
    /// (step, choice index, target): a choice that is not best leads where
    /// a best choice of its step leads, without a `consequence` to show
    /// what it cost.
    SilentChoice(String, usize, String),
    /// (step, number of choices): not within [`CHOICES`].
    ChoiceCount(String, usize),
    /// (step, number of best choices): more than one without `dilemma`,
    /// more than two with it.
    SeveralBest(String, usize),
}

/// How many choices a step may have.
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=5;

impl std::fmt::Display for GraphIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GraphIssue::DuplicateId(id) => write!(f, "the id '{id}' is used twice"),
            GraphIssue::UnknownStart(id) => write!(f, "start = '{id}' names no step"),
            GraphIssue::UnknownTarget(step, i, t) => {
                write!(f, "choice {} of step '{step}' leads to '{t}', which is no step or ending", i + 1)
            }
            GraphIssue::NoChoices(id) => write!(f, "step '{id}' has no choices"),
            GraphIssue::Unreachable(id) => write!(f, "'{id}' cannot be reached from the start"),
            GraphIssue::NeverEnds(id) => write!(f, "from step '{id}' no ending can be reached"),
            GraphIssue::NoBestEnding => write!(f, "no ending has grade = \"best\""),
            GraphIssue::SilentChoice(step, i, t) => write!(
                f,
                "choice {} of step '{step}' is not best but leads to '{t}' like a best choice: give it a consequence = \"\"\"…\"\"\" that shows what it cost, or lead it elsewhere",
                i + 1
            ),
            GraphIssue::ChoiceCount(step, n) => {
                write!(f, "step '{step}' has {n} choices; a step needs {} to {}", CHOICES.start(), CHOICES.end())
            }
            GraphIssue::SeveralBest(step, n) => write!(
                f,
                "step '{step}' has {n} best choices; one, or two in a step marked dilemma = true"
            ),
        }
    }
}

/// Every flaw in the graph, in a stable order.
pub fn validate(s: &Scenario) -> Vec<GraphIssue> {
    let mut issues = Vec::new();
    let mut seen = BTreeSet::new();
    for id in s.steps.iter().map(|x| &x.id).chain(s.endings.iter().map(|e| &e.id)) {
        if !seen.insert(id.as_str()) {
            issues.push(GraphIssue::DuplicateId(id.clone()));
        }
    }
    if node(s, &s.start).is_none() {
        issues.push(GraphIssue::UnknownStart(s.start.clone()));
    }
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for step in &s.steps {
        if step.choices.is_empty() {
            issues.push(GraphIssue::NoChoices(step.id.clone()));
        } else if !CHOICES.contains(&step.choices.len()) {
            issues.push(GraphIssue::ChoiceCount(step.id.clone(), step.choices.len()));
        }
        let best = step.choices.iter().filter(|c| c.quality == Quality::Best).count();
        if best > if step.dilemma { 2 } else { 1 } {
            issues.push(GraphIssue::SeveralBest(step.id.clone(), best));
        }
        for (i, c) in step.choices.iter().enumerate() {
            let silent = c.quality != Quality::Best
                && c.consequence.is_empty()
                && step.choices.iter().any(|b| b.quality == Quality::Best && b.next == c.next);
            if silent {
                issues.push(GraphIssue::SilentChoice(step.id.clone(), i, c.next.clone()));
            }
        }
        for (i, c) in step.choices.iter().enumerate() {
            if node(s, &c.next).is_none() {
                issues.push(GraphIssue::UnknownTarget(step.id.clone(), i, c.next.clone()));
            } else {
                edges.entry(&step.id).or_default().push(&c.next);
            }
        }
    }
    // Reachable from the start.
    let mut reached = BTreeSet::new();
    let mut stack = vec![s.start.as_str()];
    while let Some(id) = stack.pop() {
        if reached.insert(id) {
            stack.extend(edges.get(id).into_iter().flatten().copied());
        }
    }
    for id in s.steps.iter().map(|x| &x.id).chain(s.endings.iter().map(|e| &e.id)) {
        if !reached.contains(id.as_str()) {
            issues.push(GraphIssue::Unreachable(id.clone()));
        }
    }
    // Can reach an ending: grow the set backwards from the endings.
    let mut ends: BTreeSet<&str> = s.endings.iter().map(|e| e.id.as_str()).collect();
    loop {
        let before = ends.len();
        for (from, tos) in &edges {
            if tos.iter().any(|t| ends.contains(t)) {
                ends.insert(from);
            }
        }
        if ends.len() == before {
            break;
        }
    }
    for step in &s.steps {
        if !ends.contains(step.id.as_str()) && !step.choices.is_empty() {
            issues.push(GraphIssue::NeverEnds(step.id.clone()));
        }
    }
    if !s.endings.iter().any(|e| e.grade == Quality::Best) {
        issues.push(GraphIssue::NoBestEnding);
    }
    issues
}

/// How `s` differs in structure from `base`, the same scenario in another
/// language: saved attempts store choice positions, so every language must
/// have the same steps, the same number of choices in the same order, each
/// leading to the same place with the same quality, and the same endings.
pub fn structure_differences(s: &Scenario, base: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    if s.start != base.start {
        out.push(format!("start is '{}' here but '{}' in the other language", s.start, base.start));
    }
    let ids = |steps: &[Step]| steps.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    if ids(&s.steps) != ids(&base.steps) {
        out.push(format!("the steps are {:?} here but {:?} in the other language", ids(&s.steps), ids(&base.steps)));
    }
    for (step, other) in s.steps.iter().filter_map(|x| Some((x, base.step(&x.id)?))) {
        let shape = |st: &Step| st.choices.iter().map(|c| (c.next.clone(), c.quality)).collect::<Vec<_>>();
        if shape(step) != shape(other) {
            out.push(format!(
                "the choices of step '{}' differ from the other language (same order, same next step and quality needed)",
                step.id
            ));
        }
    }
    let endings = |sc: &Scenario| sc.endings.iter().map(|e| (e.id.clone(), e.grade)).collect::<Vec<_>>();
    if endings(s) != endings(base) {
        out.push("the endings (ids and grades) differ from the other language".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Choice;

    fn choice(next: &str, quality: Quality) -> Choice {
        Choice {
            text: next.into(),
            feedback: String::new(),
            quality,
            next: next.into(),
            tags: vec![],
            learn_more: None,
            consequence: String::new(),
            pin_last: false,
        }
    }

    fn step(id: &str, choices: Vec<Choice>) -> Step {
        Step { id: id.into(), text: String::new(), choices, dilemma: false }
    }

    fn ending(id: &str, grade: Quality) -> Ending {
        Ending { id: id.into(), grade, text: String::new() }
    }

    /// a ─(harmful)→ bad
    ///   ─(best)→ b ─(acceptable)→ ok
    ///              ─(best)→ good
    fn sample() -> Scenario {
        Scenario {
            id: "s".into(),
            title: "S".into(),
            minutes: 5,
            tags: vec![],
            intro: String::new(),
            start: "a".into(),
            steps: vec![
                step("a", vec![choice("bad", Quality::Harmful), choice("b", Quality::Best)]),
                step("b", vec![choice("ok", Quality::Acceptable), choice("good", Quality::Best)]),
            ],
            endings: vec![
                ending("bad", Quality::Harmful),
                ending("ok", Quality::Acceptable),
                ending("good", Quality::Best),
            ],
        }
    }

    #[test]
    fn position_follows_choices() {
        let s = sample();
        assert!(matches!(position(&s, &[]), Ok(Position::Step { step, decisions: 0 }) if step.id == "a"));
        assert!(matches!(position(&s, &[1]), Ok(Position::Step { step, decisions: 1 }) if step.id == "b"));
        assert!(matches!(position(&s, &[1, 1]), Ok(Position::Ending(e)) if e.id == "good"));
    }

    #[test]
    fn a_path_that_does_not_fit_is_an_error() {
        let s = sample();
        assert_eq!(position(&s, &[7]), Err(PathError));
        assert_eq!(position(&s, &[0, 0]), Err(PathError), "no choice after an ending");
    }

    #[test]
    fn outcome_scores_points_over_possible() {
        let s = sample();
        assert_eq!(outcome(&s, &[1]).unwrap(), None, "not finished yet");
        let best = outcome(&s, &[1, 1]).unwrap().unwrap();
        assert_eq!((best.percent, best.grade, best.ending.as_str()), (100, Quality::Best, "good"));
        // best, acceptable, and an acceptable ending: 4 of 6.
        let ok = outcome(&s, &[1, 0]).unwrap().unwrap();
        assert_eq!((ok.percent, ok.grade), (66, Quality::Acceptable));
        let bad = outcome(&s, &[0]).unwrap().unwrap();
        assert_eq!((bad.percent, bad.grade), (0, Quality::Harmful));
    }

    #[test]
    fn a_good_ending_never_credits_a_choice_not_made() {
        let mut s = sample();
        // An acceptable choice at b that still reaches the best ending.
        s.steps[1].choices[0].next = "good".into();
        let o = outcome(&s, &[1, 0]).unwrap().unwrap();
        assert_eq!(o.ending, "good");
        assert_eq!((o.grade, o.percent), (Quality::Acceptable, 83), "5 of 6, graded by the worst choice");
        assert_eq!(o.costs().map(|d| (d.step.as_str(), d.choice)).collect::<Vec<_>>(), vec![("b", 0)]);
        // A harmful choice on the way to the best ending caps the score.
        s.steps[1].choices[0].quality = Quality::Harmful;
        let o = outcome(&s, &[1, 0]).unwrap().unwrap();
        assert_eq!((o.grade, o.percent), (Quality::Harmful, 50));
    }

    #[test]
    fn harmful_ending_caps_the_score() {
        let mut s = sample();
        s.steps[0].choices[0].quality = Quality::Best; // a best choice into a harmful ending
        assert_eq!(outcome(&s, &[0]).unwrap().unwrap().percent, 50);
    }

    #[test]
    fn recommended_path_takes_best_choices() {
        assert_eq!(recommended(&sample()), vec![1, 1]);
    }

    #[test]
    fn replay_pairs_each_decision_with_the_best() {
        let rows = replay(&sample(), &[1, 0]).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].chosen, rows[1].recommended, rows[1].quality), (0, 1, Quality::Acceptable));
    }

    #[test]
    fn sound_graph_has_no_issues() {
        assert_eq!(validate(&sample()), vec![]);
    }

    #[test]
    fn graph_flaws_are_all_found() {
        let mut s = sample();
        s.steps.push(step("orphan", vec![choice("good", Quality::Best)]));
        s.steps.push(step("loop", vec![choice("loop", Quality::Best)]));
        s.steps[0].choices.push(choice("loop", Quality::Acceptable));
        s.steps[1].choices.push(choice("nowhere", Quality::Best));
        s.endings.push(ending("good", Quality::Acceptable));
        let issues = validate(&s);
        assert!(issues.contains(&GraphIssue::DuplicateId("good".into())));
        assert!(issues.contains(&GraphIssue::Unreachable("orphan".into())));
        assert!(issues.contains(&GraphIssue::NeverEnds("loop".into())));
        assert!(issues.contains(&GraphIssue::UnknownTarget("b".into(), 2, "nowhere".into())));
    }

    #[test]
    fn missing_start_and_best_ending_are_found() {
        let mut s = sample();
        s.start = "zzz".into();
        s.endings.retain(|e| e.grade != Quality::Best);
        s.steps[1].choices.retain(|c| c.next != "good");
        let issues = validate(&s);
        assert!(issues.contains(&GraphIssue::UnknownStart("zzz".into())));
        assert!(issues.contains(&GraphIssue::NoBestEnding));
    }

    #[test]
    fn languages_must_share_the_structure() {
        let base = sample();
        assert_eq!(structure_differences(&base.clone(), &base), Vec::<String>::new());
        let mut swapped = base.clone();
        swapped.steps[0].choices.swap(0, 1);
        assert_eq!(structure_differences(&swapped, &base).len(), 1);
        let mut fewer = base.clone();
        fewer.endings.pop();
        fewer.steps.pop();
        assert!(structure_differences(&fewer, &base).len() >= 2);
    }

    #[test]
    fn recommended_stops_on_a_loop() {
        let mut s = sample();
        s.steps[0].choices = vec![choice("a", Quality::Best)];
        assert_eq!(recommended(&s).len(), s.steps.len() + 1);
    }
}
