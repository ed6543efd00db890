//! The content compiler: reads `content/`, checks everything, and produces
//! the JSON files the browser loads.
//!
//! It is also the content check: every [`Problem`] names a file and a line.
//! A file with problems is left out of the output and its catalog entry
//! carries the message instead, so the rest of the course still works.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::markdown::{self, LineIndex, Link, Rendered};
use super::model::*;
use crate::i18n::Lang;
use crate::quiz::check::{self as quiz_check, QuizProblem};
use crate::quiz::scenario::{self, GraphIssue};
use crate::route::is_id;

/// One thing wrong with the content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the folder that holds `content/`, e.g.
    /// `content/da/lessons/what-is-trafficking.md`.
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What compiling the content produced.
#[derive(Debug, Default)]
pub struct Compiled {
    /// (path below the output folder, JSON text)
    pub files: Vec<(String, String)>,
    pub problems: Vec<Problem>,
}

impl Compiled {
    /// Write every file below `out` (normally `<dist>/content`).
    pub fn write_to(&self, out: &Path) -> std::io::Result<()> {
        if out.exists() {
            fs::remove_dir_all(out)?;
        }
        for (rel, json) in &self.files {
            let path = out.join(rel);
            fs::create_dir_all(path.parent().expect("files are below a folder"))?;
            fs::write(path, json)?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    version: String,
    #[serde(rename = "module")]
    modules: Vec<ManifestModule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestModule {
    id: Spanned<String>,
    title: BTreeMap<String, String>,
    #[serde(default)]
    audience: Option<Audience>,
    items: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Spanned<String>,
    title: String,
    minutes: u32,
    updated: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Spanned<String>,
    title: String,
    minutes: u32,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    intro: Spanned<String>,
    start: Spanned<String>,
    #[serde(rename = "step")]
    steps: Vec<RawStep>,
    #[serde(rename = "ending")]
    endings: Vec<RawEnding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    text: Spanned<String>,
    #[serde(rename = "choice", default)]
    choices: Vec<RawChoice>,
    /// Two choices are defensible for different reasons (may have two `best`).
    #[serde(default)]
    #[allow(dead_code)]
    dilemma: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: Spanned<String>,
    feedback: Spanned<String>,
    quality: Quality,
    next: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    learn_more: Option<Spanned<String>>,
    /// What a choice that is not the best cost, shown before the next step.
    #[serde(default)]
    #[allow(dead_code)]
    consequence: Option<Spanned<String>>,
    /// Keep this choice last when choices are shuffled.
    #[serde(default)]
    #[allow(dead_code)]
    pin_last: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnding {
    id: Spanned<String>,
    grade: Quality,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    id: Spanned<String>,
    title: String,
    minutes: u32,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    intro: Spanned<String>,
    /// Questions drawn per round from the pool (all questions); none = all.
    #[serde(default)]
    #[allow(dead_code)]
    round: Option<Spanned<u32>>,
    /// Questions drawn for the module's pre-check; none = no pre-check.
    #[serde(default)]
    #[allow(dead_code)]
    precheck: Option<Spanned<u32>>,
    #[serde(rename = "question", default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Spanned<String>,
    prompt: Spanned<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    learn_more: Option<Spanned<String>>,
    explanation: Spanned<String>,
    /// single, multiple
    #[serde(rename = "option", default)]
    options: Vec<RawOption>,
    /// true-false
    #[serde(default)]
    answer: Option<Spanned<bool>>,
    #[serde(default)]
    feedback_true: Option<Spanned<String>>,
    #[serde(default)]
    feedback_false: Option<Spanned<String>>,
    /// order, in the right order
    #[serde(rename = "step", default)]
    steps: Vec<RawOrderStep>,
    /// spot
    #[serde(rename = "segment", default)]
    segments: Vec<RawSegment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Spanned<String>,
    #[serde(default)]
    correct: bool,
    feedback: Spanned<String>,
    /// Keep this option last when options are shuffled.
    #[serde(default)]
    #[allow(dead_code)]
    pin_last: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrderStep {
    text: Spanned<String>,
    #[serde(default)]
    feedback: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegment {
    text: Spanned<String>,
    #[serde(default)]
    sign: Option<Spanned<String>>,
    feedback: Spanned<String>,
}

/// Collects problems for one file, turning byte spans into lines.
struct FileReport<'a> {
    file: String,
    /// The language of the file: links between lessons point at pages in it.
    lang: Lang,
    lines: LineIndex,
    problems: &'a mut Vec<Problem>,
    count: usize,
}

impl<'a> FileReport<'a> {
    fn new(file: String, text: &str, problems: &'a mut Vec<Problem>) -> Self {
        FileReport { file, lang: Lang::Da, lines: LineIndex::new(text, 1), problems, count: 0 }
    }

    fn at_line(&mut self, line: usize, message: impl Into<String>) {
        self.count += 1;
        self.problems.push(Problem { file: self.file.clone(), line, message: message.into() });
    }

    fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        let line = self.lines.line(spanned.span().start);
        self.at_line(line, message);
    }

    fn line_of<T>(&self, spanned: &Spanned<T>) -> usize {
        self.lines.line(spanned.span().start)
    }

    fn toml_error(&mut self, err: toml::de::Error, first_line: usize) {
        let line = err.span().map_or(first_line, |s| first_line - 1 + self.lines.line(s.start));
        self.at_line(line, err.message().to_string());
    }

    /// The first message reported for this file, for the catalog entry.
    fn summary(&self) -> Option<String> {
        (self.count > 0).then(|| {
            let first = &self.problems[self.problems.len() - self.count];
            first.to_string()
        })
    }

    fn tags(&mut self, tags: &[Spanned<String>]) -> Vec<String> {
        for t in tags {
            if !INDICATOR_TAGS.contains(&t.get_ref().as_str()) {
                self.at(
                    t,
                    format!("unknown indicator tag '{}'; known tags: {}", t.get_ref(), INDICATOR_TAGS.join(", ")),
                );
            }
        }
        tags.iter().map(|t| t.get_ref().clone()).collect()
    }

    /// Render a markdown string found in a TOML file. The string starts on
    /// the line of its key; `"""` strings start one line later.
    fn markdown(&mut self, s: &Spanned<String>, inline: bool, links: &mut Vec<(String, Link)>) -> String {
        let first = self.line_of(s);
        let r: Rendered =
            if inline { markdown::render_inline(s.get_ref(), first) } else { markdown::render(s.get_ref(), first) };
        for (line, msg) in r.problems {
            self.at_line(line, msg);
        }
        links.extend(r.links.into_iter().map(|l| (self.file.clone(), l)));
        markdown::localize_links(self.lang, r.html)
    }

    /// A `learn_more = "lesson-id#section"` value: the in-app address, with
    /// the link recorded for the cross-check.
    fn learn_more(&mut self, l: &Spanned<String>, links: &mut Vec<(String, Link)>) -> String {
        let (lesson, section) = match l.get_ref().split_once('#') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (l.get_ref().clone(), None),
        };
        let href = self.lang.href(&markdown::lesson_href(&lesson, section.as_deref()));
        links.push((self.file.clone(), Link { lesson, section, line: self.line_of(l) }));
        href
    }
}

/// Everything compiled for one language, before cross-checks.
struct LangOutput {
    lessons: BTreeMap<String, (Lesson, Vec<String>)>,
    scenarios: BTreeMap<String, Scenario>,
    quizzes: BTreeMap<String, (Quiz, QuizShape)>,
    errors: BTreeMap<String, String>,
    /// Titles of items, even those with other errors, for the catalog.
    titles: BTreeMap<String, (ItemKind, String, u32)>,
    links: Vec<(String, Link)>,
}

/// Compile the content folder `root` (the folder named `content`).
pub fn compile(root: &Path) -> Compiled {
    let mut problems = Vec::new();
    let display_root = root.file_name().map_or_else(|| PathBuf::from("content"), PathBuf::from);
    let rel = |p: &Path| display_root.join(p.strip_prefix(root).unwrap_or(p)).to_string_lossy().replace('\\', "/");

    let manifest_path = root.join("course.toml");
    let manifest_text = match fs::read_to_string(&manifest_path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem { file: rel(&manifest_path), line: 1, message: format!("cannot read: {e}") });
            return Compiled { files: vec![], problems };
        }
    };
    let manifest: Manifest = {
        let mut report = FileReport::new(rel(&manifest_path), &manifest_text, &mut problems);
        match toml::from_str(&manifest_text) {
            Ok(m) => m,
            Err(e) => {
                report.toml_error(e, 1);
                return Compiled { files: vec![], problems };
            }
        }
    };

    // Check the manifest itself: unique ids, a title in every language.
    let mut listed = BTreeSet::new();
    {
        let mut report = FileReport::new(rel(&manifest_path), &manifest_text, &mut problems);
        let mut module_ids = BTreeSet::new();
        for m in &manifest.modules {
            if !module_ids.insert(m.id.get_ref().clone()) {
                report.at(&m.id, format!("module id '{}' is used twice", m.id.get_ref()));
            }
            for lang in Lang::ALL {
                if !m.title.contains_key(lang.code()) {
                    report
                        .at(&m.id, format!("module '{}' has no title for language '{}'", m.id.get_ref(), lang.code()));
                }
            }
            for item in &m.items {
                if !is_id(item.get_ref()) {
                    report.at(
                        item,
                        format!("item id '{}' may only use lowercase letters a-z, digits and hyphens", item.get_ref()),
                    );
                }
                if !listed.insert(item.get_ref().clone()) {
                    report.at(item, format!("item '{}' is listed twice", item.get_ref()));
                }
            }
        }
    }

    let mut files = Vec::new();
    let mut outputs = BTreeMap::new();
    for lang in Lang::ALL {
        let out = compile_lang(root, lang, &manifest, &listed, &rel, &mut problems);
        outputs.insert(lang, out);
    }

    // Cross-checks: links point to lessons and sections that exist.
    for (lang, out) in &outputs {
        let _ = lang;
        for (file, link) in &out.links {
            let message = match out.lessons.get(&link.lesson) {
                None => Some(format!("link to unknown lesson '{}'", link.lesson)),
                Some((_, ids)) => match &link.section {
                    Some(sec) if !ids.contains(sec) => {
                        Some(format!("lesson '{}' has no section '#{sec}'", link.lesson))
                    }
                    _ => None,
                },
            };
            if let Some(message) = message {
                problems.push(Problem { file: file.clone(), line: link.line, message });
            }
        }
    }

    // Cross-check: a quiz has the same questions in every language, because
    // progress and the review queue are keyed by question id.
    // The same for scenarios, whose saved attempts are choice positions.
    let reference = Lang::ALL[0];
    for lang in &Lang::ALL[1..] {
        for (id, (_, shape)) in &outputs[lang].quizzes {
            if let Some((_, base)) = outputs[&reference].quizzes.get(id) {
                problems.extend(shape.differences(base));
            }
        }
        for (id, s) in &outputs[lang].scenarios {
            if let Some(base) = outputs[&reference].scenarios.get(id) {
                let file = format!("content/{}/scenarios/{id}.toml", lang.code());
                for message in scenario::structure_differences(s, base) {
                    problems.push(Problem { file: file.clone(), line: 1, message });
                }
            }
        }
    }

    for (lang, out) in outputs {
        let modules = manifest
            .modules
            .iter()
            .map(|m| Module {
                id: m.id.get_ref().clone(),
                title: m.title.get(lang.code()).cloned().unwrap_or_else(|| m.id.get_ref().clone()),
                audience: m.audience,
                items: m
                    .items
                    .iter()
                    .map(|id| {
                        let id = id.get_ref();
                        let (kind, title, minutes) =
                            out.titles.get(id).cloned().unwrap_or((ItemKind::Lesson, id.clone(), 0));
                        Item { id: id.clone(), kind, title, minutes, error: out.errors.get(id).cloned() }
                    })
                    .collect(),
            })
            .collect();
        let catalog = Catalog { lang, content_version: manifest.version.clone(), modules };
        files.push((format!("{}/index.json", lang.code()), to_json(&catalog)));
        for (id, (lesson, _)) in &out.lessons {
            if !out.errors.contains_key(id) {
                files.push((format!("{}/lessons/{id}.json", lang.code()), to_json(lesson)));
            }
        }
        for (id, s) in &out.scenarios {
            if !out.errors.contains_key(id) {
                files.push((format!("{}/scenarios/{id}.json", lang.code()), to_json(s)));
            }
        }
        for (id, (q, _)) in &out.quizzes {
            if !out.errors.contains_key(id) {
                files.push((format!("{}/quizzes/{id}.json", lang.code()), to_json(q)));
            }
        }
    }
    problems.sort();
    problems.dedup();
    Compiled { files, problems }
}

fn to_json<T: miniserde::Serialize>(value: &T) -> String {
    miniserde::json::to_string(value)
}

fn compile_lang(
    root: &Path,
    lang: Lang,
    manifest: &Manifest,
    listed: &BTreeSet<String>,
    rel: &dyn Fn(&Path) -> String,
    problems: &mut Vec<Problem>,
) -> LangOutput {
    let mut out = LangOutput {
        lessons: BTreeMap::new(),
        scenarios: BTreeMap::new(),
        quizzes: BTreeMap::new(),
        errors: BTreeMap::new(),
        titles: BTreeMap::new(),
        links: Vec::new(),
    };
    let dir = root.join(lang.code());

    // Files present but not listed in course.toml.
    for kind in ItemKind::ALL {
        let ext = kind.extension();
        let Ok(entries) = fs::read_dir(dir.join(kind.folder())) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if path.extension().and_then(|e| e.to_str()) != Some(ext) {
                problems.push(Problem { file: rel(&path), line: 1, message: format!("expected a .{ext} file here") });
            } else if !listed.contains(stem) {
                problems.push(Problem {
                    file: rel(&path),
                    line: 1,
                    message: format!("'{stem}' is not listed in any module of course.toml"),
                });
            }
        }
    }

    for module in &manifest.modules {
        for item in &module.items {
            let id = item.get_ref();
            if !is_id(id) {
                // Reported with its line in course.toml; never used in a path.
                out.errors.insert(
                    id.clone(),
                    format!("item id '{id}' may only use lowercase letters a-z, digits and hyphens"),
                );
                continue;
            }
            let found: Vec<(ItemKind, PathBuf)> = ItemKind::ALL
                .into_iter()
                .map(|k| (k, dir.join(k.folder()).join(format!("{id}.{}", k.extension()))))
                .filter(|(_, p)| p.exists())
                .collect();
            let (kind, path) = match found.as_slice() {
                [one] => one.clone(),
                [] => {
                    let candidates: Vec<String> = ItemKind::ALL
                        .iter()
                        .map(|k| format!("content/{}/{}/{id}.{}", lang.code(), k.folder(), k.extension()))
                        .collect();
                    let msg = format!("'{id}' is listed in course.toml but none of {} exists", candidates.join(", "));
                    problems.push(Problem { file: format!("content/{}", lang.code()), line: 1, message: msg.clone() });
                    out.errors.insert(id.clone(), msg);
                    continue;
                }
                several => {
                    let kinds: Vec<&str> = several.iter().map(|(k, _)| k.folder()).collect();
                    let msg = format!("'{id}' is in more than one of {}; ids must be unique", kinds.join(", "));
                    for (_, p) in several {
                        problems.push(Problem { file: rel(p), line: 1, message: msg.clone() });
                    }
                    out.errors.insert(id.clone(), msg);
                    continue;
                }
            };
            let file = rel(&path);
            let text = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    let msg = format!("{file}:1: cannot read: {e}");
                    problems.push(Problem { file, line: 1, message: format!("cannot read: {e}") });
                    out.errors.insert(id.clone(), msg);
                    continue;
                }
            };
            let mut report = FileReport::new(file, &text, problems);
            report.lang = lang;
            match kind {
                ItemKind::Lesson => {
                    if let Some((lesson, heading_ids, links)) = compile_lesson(id, &text, &mut report) {
                        out.titles.insert(id.clone(), (kind, lesson.title.clone(), lesson.minutes));
                        out.links.extend(links);
                        out.lessons.insert(id.clone(), (lesson, heading_ids));
                    }
                }
                ItemKind::Scenario => {
                    if let Some(s) = compile_scenario(id, &text, &mut report, &mut out.links) {
                        out.titles.insert(id.clone(), (kind, s.title.clone(), s.minutes));
                        out.scenarios.insert(id.clone(), s);
                    }
                }
                ItemKind::Quiz => {
                    if let Some((q, shape)) = compile_quiz(id, lang, &text, &mut report, &mut out.links) {
                        out.titles.insert(id.clone(), (kind, q.title.clone(), q.minutes));
                        out.quizzes.insert(id.clone(), (q, shape));
                    }
                }
            }
            if let Some(summary) = report.summary() {
                out.errors.insert(id.clone(), summary);
            }
        }
    }
    out
}

type LessonParts = (Lesson, Vec<String>, Vec<(String, Link)>);

fn compile_lesson(id: &str, text: &str, report: &mut FileReport) -> Option<LessonParts> {
    let rendered = markdown::render(text, 1);
    for (line, msg) in &rendered.problems {
        report.at_line(*line, msg.clone());
    }
    let Some((fm_text, fm_line)) = &rendered.front_matter else {
        report.at_line(
            1,
            "a lesson must start with front matter between +++ lines (id, title, minutes, updated, sources)",
        );
        return None;
    };
    let fm: FrontMatter = match toml::from_str(fm_text) {
        Ok(fm) => fm,
        Err(e) => {
            let line = e.span().map_or(*fm_line, |s| fm_line + LineIndex::new(fm_text, 0).line(s.start));
            report.at_line(line, e.message().to_string());
            return None;
        }
    };
    let fm_line_of = |s: &Spanned<String>| fm_line + LineIndex::new(fm_text, 0).line(s.span().start);
    if fm.id.get_ref() != id {
        report.at_line(fm_line_of(&fm.id), format!("id '{}' does not match the file name '{id}'", fm.id.get_ref()));
    }
    if !is_date(fm.updated.get_ref()) {
        report.at_line(fm_line_of(&fm.updated), "updated must be a date written YYYY-MM-DD");
    }
    for t in &fm.tags {
        if !INDICATOR_TAGS.contains(&t.get_ref().as_str()) {
            report.at_line(
                fm_line_of(t),
                format!("unknown indicator tag '{}'; known tags: {}", t.get_ref(), INDICATOR_TAGS.join(", ")),
            );
        }
    }
    if fm.sources.is_empty() {
        report.at_line(*fm_line, "a lesson needs at least one [[sources]] entry: every fact must be traceable");
    }
    for s in &fm.sources {
        if let Some(url) = &s.url {
            if !url.starts_with("https://") {
                report.at_line(*fm_line, format!("source url '{url}' must start with https://"));
            }
        }
    }
    let links = rendered.links.iter().map(|l| (report.file.clone(), l.clone())).collect();
    let lesson = Lesson {
        id: id.to_string(),
        title: fm.title,
        minutes: fm.minutes,
        updated: fm.updated.into_inner(),
        tags: fm.tags.into_iter().map(Spanned::into_inner).collect(),
        html: markdown::localize_links(report.lang, rendered.html),
        sources: crate::views::lesson::sources_html(&fm.sources),
    };
    Some((lesson, rendered.heading_ids, links))
}

/// Parse a scenario or quiz file, reporting a syntax error with its line,
/// and check that the `id` inside names the file.
fn parse_item<T: serde::de::DeserializeOwned>(
    id: &str,
    text: &str,
    report: &mut FileReport,
    id_of: impl Fn(&T) -> &Spanned<String>,
) -> Option<T> {
    let raw: T = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            report.toml_error(e, 1);
            return None;
        }
    };
    let raw_id = id_of(&raw);
    if raw_id.get_ref() != id {
        report.at(raw_id, format!("id '{}' does not match the file name '{id}'", raw_id.get_ref()));
    }
    Some(raw)
}

fn compile_scenario(
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
            });
        }
        steps.push(Step { id: st.id.get_ref().clone(), text: report.markdown(&st.text, false, links), choices });
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
            GraphIssue::UnknownTarget(step, i, _) => choice_lines[&(step.clone(), *i)],
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

/// A compiled quiz's question ids, types and lines, for the cross-language
/// check.
struct QuizShape {
    file: String,
    line: usize,
    questions: Vec<(String, QuestionKind, usize)>,
}

impl QuizShape {
    /// How this language's quiz differs from the reference language's.
    fn differences(&self, base: &QuizShape) -> Vec<Problem> {
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
fn true_false_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Da => ["Sandt", "Falsk"],
        Lang::En => ["True", "False"],
    }
}

fn compile_quiz(
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
                    options.push(AnswerOption { text: yes.into(), correct: answer, feedback: feedback_true });
                    options.push(AnswerOption { text: no.into(), correct: !answer, feedback: feedback_false });
                }
            }
            QuestionKind::Order => {
                for st in &rq.steps {
                    options.push(AnswerOption {
                        text: report.markdown(&st.text, true, links),
                        correct: true,
                        feedback: st.feedback.as_ref().map_or_else(String::new, |f| report.markdown(f, false, links)),
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
    };
    for issue in quiz_check::validate(&quiz) {
        let line = match (&issue.question, issue.segment, &issue.problem) {
            (None, _, QuizProblem::UnknownTag(t)) => {
                raw.tags.iter().find(|x| x.get_ref() == t).map(|x| report.line_of(x))
            }
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

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-11-28"));
        assert!(!is_date("28-11-2026"));
        assert!(!is_date("2026-1-28"));
    }
}
