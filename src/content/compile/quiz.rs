//! Quiz files: the question pool and its five question types.

use serde::Deserialize;
use toml::Spanned;

use super::report::FileReport;
use super::{parse_item, Problem};
use crate::content::markdown::Link;
use crate::content::model::{AnswerOption, Question, QuestionKind, Quiz, Segment};
use crate::i18n::Lang;
use crate::quiz::check::{self as quiz_check, QuizProblem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuiz {
    pub(super) id: Spanned<String>,
    pub(super) title: String,
    pub(super) minutes: u32,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    pub(super) intro: Spanned<String>,
    /// Questions drawn per round from the pool (all questions); none = all.
    #[serde(default)]
    pub(super) round: Option<Spanned<u32>>,
    /// Questions drawn for the module's pre-check; none = no pre-check.
    #[serde(default)]
    pub(super) precheck: Option<Spanned<u32>>,
    #[serde(rename = "question", default)]
    pub(super) questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    #[serde(rename = "type")]
    pub(super) kind: Spanned<String>,
    pub(super) prompt: Spanned<String>,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) learn_more: Option<Spanned<String>>,
    pub(super) explanation: Spanned<String>,
    /// single, multiple
    #[serde(rename = "option", default)]
    pub(super) options: Vec<RawOption>,
    /// true-false
    #[serde(default)]
    pub(super) answer: Option<Spanned<bool>>,
    #[serde(default)]
    pub(super) feedback_true: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) feedback_false: Option<Spanned<String>>,
    /// order, in the right order
    #[serde(rename = "step", default)]
    pub(super) steps: Vec<RawOrderStep>,
    /// spot
    #[serde(rename = "segment", default)]
    pub(super) segments: Vec<RawSegment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) text: Spanned<String>,
    #[serde(default)]
    pub(super) correct: bool,
    pub(super) feedback: Spanned<String>,
    /// Keep this option last when options are shuffled.
    #[serde(default)]
    pub(super) pin_last: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOrderStep {
    pub(super) text: Spanned<String>,
    #[serde(default)]
    pub(super) feedback: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSegment {
    pub(super) text: Spanned<String>,
    #[serde(default)]
    pub(super) sign: Option<Spanned<String>>,
    pub(super) feedback: Spanned<String>,
}

/// A compiled quiz's question ids, types and lines, for the cross-language
/// check.
pub(super) struct QuizShape {
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) questions: Vec<(String, QuestionKind, usize)>,
}

impl QuizShape {
    /// How this language's quiz differs from the reference language's.
    pub(super) fn differences(&self, base: &QuizShape) -> Vec<Problem> {
        let mut out = Vec::new();
        let at = |line, message| Problem { file: self.file.clone(), line, message };
        for (id, kind, line) in &self.questions {
            match base.questions.iter().find(|(b, _, _)| b == id) {
                None => out.push(at(
                    *line,
                    format!("question '{id}' is not in {}; every language must have the same question ids", base.file),
                )),
                Some((_, b, _)) if b != kind => out.push(at(
                    *line,
                    format!("question '{id}' has type '{}' here but '{}' in {}", kind.id(), b.id(), base.file),
                )),
                Some(_) => {}
            }
        }
        for (id, _, _) in &base.questions {
            if !self.questions.iter().any(|(q, _, _)| q == id) {
                out.push(at(
                    self.line,
                    format!(
                        "question '{id}' of {} is missing here; every language must have the same question ids",
                        base.file
                    ),
                ));
            }
        }
        out
    }
}

/// The words for the two options of a true-false question.
pub(super) fn true_false_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Da => ["Sandt", "Falsk"],
        Lang::En => ["True", "False"],
    }
}

pub(super) fn compile_quiz(
    id: &str,
    lang: Lang,
    text: &str,
    report: &mut FileReport,
    links: &mut Vec<(String, Link)>,
) -> Option<(Quiz, QuizShape)> {
    let raw: RawQuiz = parse_item(id, text, report, |r: &RawQuiz| &r.id)?;
    let intro = report.markdown(&raw.intro, false, links);
    let mut questions = Vec::new();
    // For each compiled question, the raw question it came from.
    let mut sources: Vec<&RawQuestion> = Vec::new();
    for rq in &raw.questions {
        let qid = rq.id.get_ref();
        let Some(kind) = QuestionKind::from_id(rq.kind.get_ref()) else {
            let known: Vec<&str> = QuestionKind::ALL.iter().map(|k| k.id()).collect();
            report.at(
                &rq.kind,
                format!("question '{qid}': unknown type '{}'; use one of: {}", rq.kind.get_ref(), known.join(", ")),
            );
            continue;
        };
        // Parts written for another type would silently be lost: refuse them.
        let unused = |report: &mut FileReport, line: usize, what: &str, used_by: &str| {
            report.at_line(
                line,
                format!("question '{qid}': {what} is not used by a {} question, only by {used_by}", kind.id()),
            );
        };
        if !matches!(kind, QuestionKind::Single | QuestionKind::Multiple) {
            if let Some(o) = rq.options.first() {
                unused(report, report.line_of(&o.text), "[[question.option]]", "single and multiple");
            }
        }
        if kind != QuestionKind::TrueFalse {
            for (name, v) in [("feedback_true", &rq.feedback_true), ("feedback_false", &rq.feedback_false)] {
                if let Some(v) = v {
                    unused(report, report.line_of(v), name, "true-false");
                }
            }
            if let Some(a) = &rq.answer {
                unused(report, report.line_of(a), "answer", "true-false");
            }
        }
        if kind != QuestionKind::Order {
            if let Some(st) = rq.steps.first() {
                unused(report, report.line_of(&st.text), "[[question.step]]", "order");
            }
        }
        if kind != QuestionKind::Spot {
            if let Some(sg) = rq.segments.first() {
                unused(report, report.line_of(&sg.text), "[[question.segment]]", "spot");
            }
        }

        let mut options = Vec::new();
        let mut segments = Vec::new();
        match kind {
            QuestionKind::Single | QuestionKind::Multiple => {
                for o in &rq.options {
                    options.push(AnswerOption {
                        text: report.markdown(&o.text, true, links),
                        correct: o.correct,
                        feedback: report.markdown(&o.feedback, false, links),
                        pin_last: o.pin_last,
                    });
                }
            }
            QuestionKind::TrueFalse => {
                // Without an answer no options are made, and the check
                // below reports it at the question.
                if let Some(answer) = &rq.answer {
                    let answer = *answer.get_ref();
                    let [yes, no] = true_false_words(lang);
                    let mut feedback = |f: &Option<Spanned<String>>| {
                        f.as_ref().map_or_else(String::new, |f| report.markdown(f, false, links))
                    };
                    let feedback_true = feedback(&rq.feedback_true);
                    let feedback_false = feedback(&rq.feedback_false);
                    options.push(AnswerOption {
                        text: yes.into(),
                        correct: answer,
                        feedback: feedback_true,
                        pin_last: false,
                    });
                    options.push(AnswerOption {
                        text: no.into(),
                        correct: !answer,
                        feedback: feedback_false,
                        pin_last: false,
                    });
                }
            }
            QuestionKind::Order => {
                for st in &rq.steps {
                    options.push(AnswerOption {
                        text: report.markdown(&st.text, true, links),
                        correct: true,
                        feedback: st.feedback.as_ref().map_or_else(String::new, |f| report.markdown(f, false, links)),
                        pin_last: false,
                    });
                }
            }
            QuestionKind::Spot => {
                for sg in &rq.segments {
                    segments.push(Segment {
                        text: report.markdown(&sg.text, true, links),
                        sign: sg.sign.as_ref().map(|s| s.get_ref().clone()),
                        feedback: report.markdown(&sg.feedback, false, links),
                    });
                }
            }
        }
        questions.push(Question {
            id: qid.clone(),
            kind,
            prompt: report.markdown(&rq.prompt, false, links),
            tags: rq.tags.iter().map(|t| t.get_ref().clone()).collect(),
            learn_more: rq.learn_more.as_ref().map(|l| report.learn_more(l, links)),
            explanation: report.markdown(&rq.explanation, false, links),
            options,
            segments,
        });
        sources.push(rq);
    }
    let quiz = Quiz {
        id: id.to_string(),
        title: raw.title,
        minutes: raw.minutes,
        tags: raw.tags.iter().map(|t| t.get_ref().clone()).collect(),
        intro,
        questions,
        round: raw.round.as_ref().map_or(0, |r| *r.get_ref()),
        precheck: raw.precheck.as_ref().map_or(0, |r| *r.get_ref()),
    };
    for issue in quiz_check::validate(&quiz) {
        let line = match (&issue.question, issue.segment, &issue.problem) {
            (None, _, QuizProblem::UnknownTag(t)) => {
                raw.tags.iter().find(|x| x.get_ref() == t).map(|x| report.line_of(x))
            }
            (None, _, QuizProblem::SmallPool { .. }) => raw.round.as_ref().map(|r| report.line_of(r)),
            (None, _, QuizProblem::LargePrecheck { .. }) => raw.precheck.as_ref().map(|r| report.line_of(r)),
            (None, _, _) => Some(report.line_of(&raw.id)),
            (Some((qi, _)), seg, problem) => {
                let rq = sources[*qi];
                match (seg, problem) {
                    (_, QuizProblem::UnknownTag(t)) => {
                        rq.tags.iter().find(|x| x.get_ref() == t).map(|x| report.line_of(x))
                    }
                    (Some(si), _) => rq.segments[si].sign.as_ref().map(|s| report.line_of(s)),
                    _ => Some(report.line_of(&rq.id)),
                }
            }
        };
        report.at_line(line.unwrap_or(1), issue.to_string());
    }
    let shape = QuizShape {
        file: report.file.clone(),
        line: report.line_of(&raw.id),
        questions: quiz
            .questions
            .iter()
            .zip(&sources)
            .map(|(q, rq)| (q.id.clone(), q.kind, report.line_of(&rq.id)))
            .collect(),
    };
    Some((quiz, shape))
}
