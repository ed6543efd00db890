//! Scenario files: steps with choices, and endings.

use serde::Deserialize;
use std::collections::BTreeMap;

use toml::Spanned;

use super::parse_item;
use super::report::FileReport;
use crate::content::markdown::Link;
use crate::content::model::{Choice, Ending, Quality, Scenario, Step};
use crate::quiz::scenario::{self, GraphIssue};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) id: Spanned<String>,
    pub(super) title: String,
    pub(super) minutes: u32,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    pub(super) intro: Spanned<String>,
    pub(super) start: Spanned<String>,
    #[serde(rename = "step")]
    pub(super) steps: Vec<RawStep>,
    #[serde(rename = "ending")]
    pub(super) endings: Vec<RawEnding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) id: Spanned<String>,
    pub(super) text: Spanned<String>,
    #[serde(rename = "choice", default)]
    pub(super) choices: Vec<RawChoice>,
    /// Two choices are defensible for different reasons (may have two `best`).
    #[serde(default)]
    pub(super) dilemma: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) text: Spanned<String>,
    pub(super) feedback: Spanned<String>,
    pub(super) quality: Quality,
    pub(super) next: Spanned<String>,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) learn_more: Option<Spanned<String>>,
    /// What a choice that is not the best cost, shown before the next step.
    #[serde(default)]
    pub(super) consequence: Option<Spanned<String>>,
    /// Keep this choice last when choices are shuffled.
    #[serde(default)]
    pub(super) pin_last: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnding {
    pub(super) id: Spanned<String>,
    pub(super) grade: Quality,
    pub(super) text: Spanned<String>,
}

pub(super) fn compile_scenario(
    id: &str,
    text: &str,
    report: &mut FileReport,
    links: &mut Vec<(String, Link)>,
) -> Option<Scenario> {
    let raw: RawScenario = parse_item(id, text, report, |r: &RawScenario| &r.id)?;
    let mut node_lines = BTreeMap::new();
    let mut choice_lines = BTreeMap::new();
    let tags = report.tags(&raw.tags);
    let intro = report.markdown(&raw.intro, false, links);
    let mut steps = Vec::new();
    for st in &raw.steps {
        node_lines.entry(st.id.get_ref().clone()).or_insert(report.line_of(&st.id));
        let mut choices = Vec::new();
        for (i, c) in st.choices.iter().enumerate() {
            choice_lines.insert((st.id.get_ref().clone(), i), report.line_of(&c.next));
            let learn_more = c.learn_more.as_ref().map(|l| report.learn_more(l, links));
            choices.push(Choice {
                text: report.markdown(&c.text, true, links),
                feedback: report.markdown(&c.feedback, false, links),
                quality: c.quality,
                next: c.next.get_ref().clone(),
                tags: report.tags(&c.tags),
                learn_more,
                consequence: c.consequence.as_ref().map_or_else(String::new, |t| report.markdown(t, false, links)),
                pin_last: c.pin_last,
            });
        }
        steps.push(Step {
            id: st.id.get_ref().clone(),
            text: report.markdown(&st.text, false, links),
            choices,
            dilemma: st.dilemma,
        });
    }
    let mut endings = Vec::new();
    for e in &raw.endings {
        node_lines.entry(e.id.get_ref().clone()).or_insert(report.line_of(&e.id));
        endings.push(Ending {
            id: e.id.get_ref().clone(),
            grade: e.grade,
            text: report.markdown(&e.text, false, links),
        });
    }
    let scenario = Scenario {
        id: id.to_string(),
        title: raw.title,
        minutes: raw.minutes,
        tags,
        intro,
        start: raw.start.get_ref().clone(),
        steps,
        endings,
    };
    for issue in scenario::validate(&scenario) {
        let line = match &issue {
            GraphIssue::UnknownStart(_) => report.line_of(&raw.start),
            GraphIssue::UnknownTarget(step, i, _) | GraphIssue::SilentChoice(step, i, _) => {
                choice_lines[&(step.clone(), *i)]
            }
            GraphIssue::ChoiceCount(id, _) | GraphIssue::SeveralBest(id, _) => node_lines.get(id).copied().unwrap_or(1),
            GraphIssue::DuplicateId(id)
            | GraphIssue::NoChoices(id)
            | GraphIssue::Unreachable(id)
            | GraphIssue::NeverEnds(id) => node_lines.get(id).copied().unwrap_or(1),
            GraphIssue::NoBestEnding => 1,
        };
        report.at_line(line, issue.to_string());
    }
    Some(scenario)
}
