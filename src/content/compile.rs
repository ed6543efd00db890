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
use crate::quiz::scenario::{self, GraphIssue};

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnding {
    id: Spanned<String>,
    grade: Quality,
    text: Spanned<String>,
}

/// Collects problems for one file, turning byte spans into lines.
struct FileReport<'a> {
    file: String,
    lines: LineIndex,
    problems: &'a mut Vec<Problem>,
    count: usize,
}

impl<'a> FileReport<'a> {
    fn new(file: String, text: &str, problems: &'a mut Vec<Problem>) -> Self {
        FileReport { file, lines: LineIndex::new(text, 1), problems, count: 0 }
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
                self.at(t, format!("unknown indicator tag '{}'; known tags: {}", t.get_ref(), INDICATOR_TAGS.join(", ")));
            }
        }
        tags.iter().map(|t| t.get_ref().clone()).collect()
    }

    /// Render a markdown string found in a TOML file. The string starts on
    /// the line of its key; `"""` strings start one line later.
    fn markdown(&mut self, s: &Spanned<String>, inline: bool, links: &mut Vec<(String, Link)>) -> String {
        let first = self.line_of(s);
        let r: Rendered = if inline { markdown::render_inline(s.get_ref(), first) } else { markdown::render(s.get_ref(), first) };
        for (line, msg) in r.problems {
            self.at_line(line, msg);
        }
        links.extend(r.links.into_iter().map(|l| (self.file.clone(), l)));
        r.html
    }
}

/// Everything compiled for one language, before cross-checks.
struct LangOutput {
    lessons: BTreeMap<String, (Lesson, Vec<String>)>,
    scenarios: BTreeMap<String, Scenario>,
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
                    report.at(&m.id, format!("module '{}' has no title for language '{}'", m.id.get_ref(), lang.code()));
                }
            }
            for item in &m.items {
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
        errors: BTreeMap::new(),
        titles: BTreeMap::new(),
        links: Vec::new(),
    };
    let dir = root.join(lang.code());

    // Files present but not listed in course.toml.
    for kind in [ItemKind::Lesson, ItemKind::Scenario] {
        let ext = if kind == ItemKind::Lesson { "md" } else { "toml" };
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
            let lesson_path = dir.join("lessons").join(format!("{id}.md"));
            let scenario_path = dir.join("scenarios").join(format!("{id}.toml"));
            let (kind, path) = match (lesson_path.exists(), scenario_path.exists()) {
                (true, false) => (ItemKind::Lesson, lesson_path),
                (false, true) => (ItemKind::Scenario, scenario_path),
                (true, true) => {
                    let msg = format!("'{id}' is both a lesson and a scenario; ids must be unique");
                    problems.push(Problem { file: rel(&scenario_path), line: 1, message: msg.clone() });
                    out.errors.insert(id.clone(), msg);
                    continue;
                }
                (false, false) => {
                    let msg = format!(
                        "'{id}' is listed in course.toml but content/{}/lessons/{id}.md or content/{}/scenarios/{id}.toml is missing",
                        lang.code(),
                        lang.code()
                    );
                    problems.push(Problem { file: format!("content/{}", lang.code()), line: 1, message: msg.clone() });
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
        report.at_line(1, "a lesson must start with front matter between +++ lines (id, title, minutes, updated, sources)");
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
            report.at_line(fm_line_of(t), format!("unknown indicator tag '{}'; known tags: {}", t.get_ref(), INDICATOR_TAGS.join(", ")));
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
        html: rendered.html,
        sources: fm.sources,
    };
    Some((lesson, rendered.heading_ids, links))
}

fn compile_scenario(id: &str, text: &str, report: &mut FileReport, links: &mut Vec<(String, Link)>) -> Option<Scenario> {
    let raw: RawScenario = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            report.toml_error(e, 1);
            return None;
        }
    };
    if raw.id.get_ref() != id {
        report.at(&raw.id, format!("id '{}' does not match the file name '{id}'", raw.id.get_ref()));
    }
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
            let learn_more = c.learn_more.as_ref().map(|l| {
                let (lesson, section) = match l.get_ref().split_once('#') {
                    Some((a, b)) => (a.to_string(), Some(b.to_string())),
                    None => (l.get_ref().clone(), None),
                };
                let href = markdown::lesson_href(&lesson, section.as_deref());
                links.push((report.file.clone(), Link { lesson, section, line: report.line_of(l) }));
                href
            });
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
        endings.push(Ending { id: e.id.get_ref().clone(), grade: e.grade, text: report.markdown(&e.text, false, links) });
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
