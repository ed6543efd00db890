//! The compiled content model: what the browser receives as JSON.
//!
//! Authors write markdown and TOML (see `content/README.md`); the native
//! compiler in [`super::compile`] checks it and turns it into these types,
//! with every markdown string already rendered to safe HTML. The browser only
//! deserialises them, so neither parser is shipped in the wasm.

use crate::i18n::Lang;

/// One language's table of contents: small, fetched at start-up.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Catalog {
    pub lang: Lang,
    /// Date-like version of the content set, printed on certificates.
    pub content_version: String,
    pub modules: Vec<Module>,
}

impl Catalog {
    /// The entry for `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.modules.iter().flat_map(|m| &m.items).find(|i| i.id == id)
    }

    /// The item after `id` in course order, for a "next" link.
    pub fn next_item(&self, id: &str) -> Option<&Item> {
        let mut items = self.modules.iter().flat_map(|m| &m.items);
        items.by_ref().find(|i| i.id == id)?;
        items.next()
    }
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    /// `None` for the core module every learner takes.
    pub audience: Option<Audience>,
    pub items: Vec<Item>,
}

/// A lesson or an activity as listed in the catalog.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    pub minutes: u32,
    /// Quizzes: how many questions the module's pre-check draws (0: none).
    pub precheck: u32,
    /// Set when the file could not be compiled: the message names the file
    /// and line, and the app shows it in place of the item.
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub enum ItemKind {
    #[serde(rename = "lesson")]
    Lesson,
    #[serde(rename = "scenario")]
    Scenario,
    #[serde(rename = "quiz")]
    Quiz,
}

impl ItemKind {
    /// The folder (in `content/<lang>/` and in the compiled output) and the
    /// route segment for this kind.
    pub fn folder(self) -> &'static str {
        match self {
            ItemKind::Lesson => "lessons",
            ItemKind::Scenario => "scenarios",
            ItemKind::Quiz => "quizzes",
        }
    }

    /// Every kind, in the order the compiler looks for an item's file.
    pub const ALL: [ItemKind; 3] = [ItemKind::Lesson, ItemKind::Scenario, ItemKind::Quiz];

    /// The extension of this kind's source files in `content/<lang>/<folder>/`.
    pub fn extension(self) -> &'static str {
        match self {
            ItemKind::Lesson => "md",
            ItemKind::Scenario | ItemKind::Quiz => "toml",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "authoring", derive(serde::Deserialize))]
pub enum Audience {
    #[serde(rename = "police")]
    Police,
    #[serde(rename = "health")]
    Health,
    #[serde(rename = "embassy")]
    Embassy,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Police, Audience::Health, Audience::Embassy];

    pub fn id(self) -> &'static str {
        match self {
            Audience::Police => "police",
            Audience::Health => "health",
            Audience::Embassy => "embassy",
        }
    }
}

/// The indicator taxonomy (content brief): stable tags for lessons and items.
pub const INDICATOR_TAGS: [&str; 8] = [
    "recruitment-deception",
    "recruitment-coercion",
    "recruitment-vulnerability",
    "exploitation",
    "coercion",
    "vulnerability",
    "behaviour",
    "child",
];

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// When the facts were last checked (YYYY-MM-DD).
    pub updated: String,
    pub tags: Vec<String>,
    /// Rendered HTML; raw HTML in the source is refused by the compiler.
    pub html: String,
    /// Plain text; `views::lesson` writes them as a list.
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "authoring", derive(serde::Deserialize))]
#[cfg_attr(feature = "authoring", serde(deny_unknown_fields))]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub year: Option<u32>,
    pub url: Option<String>,
}

/// A branching case: steps with choices, each choice leading to another step
/// or to an ending.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub tags: Vec<String>,
    pub intro: String,
    pub start: String,
    pub steps: Vec<Step>,
    pub endings: Vec<Ending>,
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Step {
    pub id: String,
    pub text: String,
    pub choices: Vec<Choice>,
    /// Two choices are defensible for different reasons (two may be best):
    /// the step says so, and each one's feedback names its gain and risk.
    pub dilemma: bool,
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Choice {
    pub text: String,
    pub feedback: String,
    pub quality: Quality,
    /// Id of the step or ending this choice leads to.
    pub next: String,
    pub tags: Vec<String>,
    /// Where the point is taught: `/lesson/<id>#<section>`.
    pub learn_more: Option<String>,
    /// Rendered HTML, empty for none: what this choice cost, shown after
    /// its feedback and before the next step, and again in the result.
    pub consequence: String,
    /// Kept last when the choices are shuffled.
    pub pin_last: bool,
}

/// How good a choice is. Drives the score and the replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, miniserde::Serialize, miniserde::Deserialize)]
#[cfg_attr(feature = "authoring", derive(serde::Deserialize))]
pub enum Quality {
    #[serde(rename = "harmful")]
    Harmful,
    #[serde(rename = "acceptable")]
    Acceptable,
    #[serde(rename = "best")]
    Best,
}

impl Quality {
    /// The word used in content files and CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Quality::Best => "best",
            Quality::Acceptable => "acceptable",
            Quality::Harmful => "harmful",
        }
    }

    pub fn points(self) -> u32 {
        match self {
            Quality::Best => 2,
            Quality::Acceptable => 1,
            Quality::Harmful => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Ending {
    pub id: String,
    pub grade: Quality,
    pub text: String,
}

impl Scenario {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn ending(&self, id: &str) -> Option<&Ending> {
        self.endings.iter().find(|e| e.id == id)
    }
}

/// A knowledge check: questions of five kinds, each explained after it is
/// answered, whatever the answer.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub tags: Vec<String>,
    /// Rendered HTML.
    pub intro: String,
    /// The pool: every question of the quiz.
    pub questions: Vec<Question>,
    /// Questions drawn per round from the pool (the content check holds the
    /// pool at least twice as large); 0 asks every question.
    pub round: u32,
    /// Questions drawn for the module's pre-check; 0: no pre-check.
    pub precheck: u32,
}

impl Quiz {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// What kind of answer a question asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, miniserde::Serialize, miniserde::Deserialize)]
pub enum QuestionKind {
    /// Pick the one right option.
    #[serde(rename = "single")]
    Single,
    /// Pick every right option (at least one is right).
    #[serde(rename = "multiple")]
    Multiple,
    /// Is the statement true or false?
    #[serde(rename = "true-false")]
    TrueFalse,
    /// Put the steps in the right order.
    #[serde(rename = "order")]
    Order,
    /// Mark the pieces of a case text that are signs.
    #[serde(rename = "spot")]
    Spot,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 5] = [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::TrueFalse,
        QuestionKind::Order,
        QuestionKind::Spot,
    ];

    /// The word used in content files (`type = "..."`), in JSON and in CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::TrueFalse => "true-false",
            QuestionKind::Order => "order",
            QuestionKind::Spot => "spot",
        }
    }

    pub fn from_id(id: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Question {
    /// Unique within its quiz, the same in every language: progress and the
    /// review queue are keyed by it.
    pub id: String,
    pub kind: QuestionKind,
    /// Rendered HTML.
    pub prompt: String,
    pub tags: Vec<String>,
    /// Where the point is taught: `/lesson/<id>#<section>`.
    pub learn_more: Option<String>,
    /// Rendered HTML, shown after answering, whatever the answer.
    pub explanation: String,
    /// Single and multiple: the options. True-false: exactly two options
    /// made by the compiler, "true" first, then "false", with `correct` set.
    /// Order: the steps, in the correct order (present them shuffled, see
    /// [`crate::quiz::shuffle::presented_order`], by the round's seed). Spot: empty.
    pub options: Vec<AnswerOption>,
    /// Spot only: the case text in pieces, shown one after the other.
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct AnswerOption {
    /// Inline HTML.
    pub text: String,
    pub correct: bool,
    /// Rendered HTML; may be empty for order steps and true-false options.
    pub feedback: String,
    /// Kept last when the options are shuffled (e.g. "none of these").
    pub pin_last: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Segment {
    /// Inline HTML.
    pub text: String,
    /// The indicator tag when this piece is a sign, `None` when it is not.
    pub sign: Option<String>,
    /// Rendered HTML: why it is, or is not, a sign.
    pub feedback: String,
}

/// One language's glossary (`content/<lang>/glossary.toml`), fetched when
/// the glossary page opens. Lessons link to a term as `/glossary#<id>`.
#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
pub struct Term {
    /// The same in every language: lessons in both link to it.
    pub id: String,
    pub term: String,
    /// Rendered HTML.
    pub html: String,
    /// Where the definition comes from, with the date it was checked.
    pub source: String,
}

/// One language's search index, compiled at build time and fetched only
/// when the learner searches. Stored as text, one entry a line with its
/// four fields separated by tabs: reading it needs no JSON decoder in the
/// wasm. (No field holds a tab or a line break: the compiler collapses
/// white space.)
#[derive(Clone, Debug, PartialEq)]
pub struct SearchIndex {
    pub entries: Vec<SearchEntry>,
}

impl SearchIndex {
    /// One line per entry: title, where it is, address, the start of its
    /// text (about 160 characters), then the title and the text folded to
    /// lower case for matching, with tabs between. Folding here keeps the
    /// Unicode tables out of the wasm.
    #[cfg(feature = "authoring")]
    pub fn to_text(&self) -> String {
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = |e: &SearchEntry| {
            let text = clean(&e.text);
            let start: String = text.chars().take(160).collect();
            let folded = format!("{}\t{}", clean(&e.title).to_lowercase(), text.to_lowercase());
            [clean(&e.title), clean(&e.within), clean(&e.href), start, folded].join("\t")
        };
        self.entries.iter().map(line).collect::<Vec<_>>().join("\n")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchEntry {
    pub title: String,
    /// What it is part of: the lesson of a section, "Ordliste", a case.
    pub within: String,
    /// Where the result jumps to: a page, or a section in it.
    pub href: String,
    /// The plain text searched and quoted from.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "authoring")]
    fn the_search_index_is_text_with_folded_fields() {
        let e =
            SearchEntry {
                title: "Første".into(), within: "L".into(), href: "/a".into(), text: "Ære\tog\nmere".into()
            };
        let text = SearchIndex { entries: vec![e.clone(), e] }.to_text();
        assert_eq!(text.lines().next(), Some("Første\tL\t/a\tÆre og mere\tførste\tære og mere"));
        assert_eq!(text.lines().count(), 2);
    }
}
