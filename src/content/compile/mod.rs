//! The content compiler: reads `content/`, checks everything, and produces
//! the JSON files the browser loads.
//!
//! It is also the content check: every [`Problem`] names a file and a line.
//! A file with problems is left out of the output and its catalog entry
//! carries the message instead, so the rest of the course still works.

mod lesson;
mod manifest;
mod quiz;
mod report;
mod scenario;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use toml::Spanned;

use self::lesson::compile_lesson;
pub use self::lesson::is_date;
use self::manifest::Manifest;
use self::quiz::{compile_quiz, QuizShape};
use self::report::FileReport;
use self::scenario::compile_scenario;
use super::markdown::Link;
use super::model::*;
use super::reference;
use crate::i18n::Lang;
use crate::quiz::check::{guess_count_quiz, guess_count_scenario, Guess, MAX_GUESSABLE_PERCENT};
use crate::quiz::scenario as scenario_logic;
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
    /// The compiled model per language, for other consumers (the storyboard).
    pub courses: Vec<Course>,
    /// Per language: how often the longest option is a right one.
    pub guessability: Vec<(Lang, Guess)>,
}

/// One language's compiled course: the catalog and every item that compiled.
#[derive(Debug)]
pub struct Course {
    pub lang: Lang,
    pub catalog: Catalog,
    pub lessons: BTreeMap<String, Lesson>,
    pub scenarios: BTreeMap<String, Scenario>,
    pub quizzes: BTreeMap<String, Quiz>,
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

/// Everything compiled for one language, before cross-checks.
struct LangOutput {
    lessons: BTreeMap<String, (Lesson, Vec<String>)>,
    scenarios: BTreeMap<String, Scenario>,
    quizzes: BTreeMap<String, (Quiz, QuizShape)>,
    errors: BTreeMap<String, String>,
    /// Titles of items, even those with other errors, for the catalog.
    titles: BTreeMap<String, (ItemKind, String, u32)>,
    links: Vec<(String, Link)>,
    /// Glossary links: (file, term id, line).
    term_links: Vec<(String, String, usize)>,
    /// The "what to do now" guides, by id.
    guides: BTreeMap<String, Lesson>,
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
            return Compiled { problems, ..Compiled::default() };
        }
    };
    let manifest: Manifest = {
        let mut report = FileReport::new(rel(&manifest_path), &manifest_text, &mut problems);
        match toml::from_str(&manifest_text) {
            Ok(m) => m,
            Err(e) => {
                report.toml_error(e, 1);
                return Compiled { problems, ..Compiled::default() };
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
                for message in scenario_logic::structure_differences(s, base) {
                    problems.push(Problem { file: file.clone(), line: 1, message });
                }
            }
        }
    }

    // Guessability over the whole course, per language.
    let mut guessability = Vec::new();
    for (lang, out) in &outputs {
        let mut total = Guess::default();
        let mut per_file = Vec::new();
        let counts = out.scenarios.iter().map(|(id, s)| (format!("scenarios/{id}.toml"), guess_count_scenario(s)));
        let counts =
            counts.chain(out.quizzes.iter().map(|(id, (q, _))| (format!("quizzes/{id}.toml"), guess_count_quiz(q))));
        for (file, g) in counts {
            total.add(g);
            if g.longest_right > 0 {
                per_file.push((g.longest_right, g.counted, file));
            }
        }
        if total.too_guessable() {
            per_file.sort_by(|a, b| (b.0 * 100 / b.1.max(1)).cmp(&(a.0 * 100 / a.1.max(1))).then(a.2.cmp(&b.2)));
            let worst: Vec<String> = per_file.iter().take(6).map(|(n, of, f)| format!("{f} {n}/{of}")).collect();
            problems.push(Problem {
                file: format!("content/{}", lang.code()),
                line: 1,
                message: format!(
                    "the longest option is a best or correct one in {} of {} scenario steps and single-choice questions ({} %); at most {MAX_GUESSABLE_PERCENT} % is allowed, so the right answer cannot be guessed by its length. Most: {}",
                    total.longest_right,
                    total.counted,
                    total.percent(),
                    worst.join(", ")
                ),
            });
        }
        guessability.push((*lang, total));
    }

    // The glossary of each language, and the term links checked against it.
    let mut glossaries = BTreeMap::new();
    for (lang, out) in &outputs {
        let path = root.join(lang.code()).join("glossary.toml");
        let file = rel(&path);
        let mut glossary_problems = Vec::new();
        let (glossary, definition_links) = match reference::read_glossary(&root.join(lang.code())) {
            Some(text) => reference::glossary(&text, &mut glossary_problems),
            None => (Glossary { terms: vec![] }, vec![]),
        };
        for (line, message) in glossary_problems {
            problems.push(Problem { file: file.clone(), line, message });
        }
        let known: BTreeSet<&str> = glossary.terms.iter().map(|t| t.id.as_str()).collect();
        let links =
            out.term_links.iter().cloned().chain(definition_links.into_iter().map(|(t, l)| (file.clone(), t, l)));
        for (f, term, line) in links {
            if !known.contains(term.as_str()) {
                problems.push(Problem { file: f, line, message: format!("link to unknown glossary term '{term}'") });
            }
        }
        glossaries.insert(*lang, glossary);
    }
    // Lessons link to a term by one id in every language.
    let ids = |l: Lang| glossaries[&l].terms.iter().map(|t| t.id.clone()).collect::<BTreeSet<_>>();
    for lang in &Lang::ALL[1..] {
        for missing in ids(reference).symmetric_difference(&ids(*lang)) {
            let file = format!("content/{}/glossary.toml", lang.code());
            let message = format!("term '{missing}' must be in the glossary of every language");
            problems.push(Problem { file, line: 1, message });
        }
    }

    let mut courses = Vec::new();
    for (lang, out) in outputs {
        let glossary = &glossaries[&lang];
        let lessons: Vec<&Lesson> =
            out.lessons.iter().filter(|(id, _)| !out.errors.contains_key(*id)).map(|(_, (l, _))| l).collect();
        let scenarios: Vec<&Scenario> =
            out.scenarios.iter().filter(|(id, _)| !out.errors.contains_key(*id)).map(|(_, s)| s).collect();
        let guides: Vec<&Lesson> = out.guides.values().collect();
        let index = reference::search_index(lang, &lessons, &scenarios, glossary, &guides);
        // The glossary (as HTML) and the search index (as text) in a
        // lesson's shape: the browser loads them as it loads a lesson, and
        // needs no code of their own (see `pages::reference`).
        let page = |id: &str, title: &str, html: String| Lesson {
            id: id.into(),
            title: title.into(),
            minutes: 0,
            updated: String::new(),
            tags: vec![],
            html,
            sources: vec![],
        };
        let ui = lang.ui();
        let glossary = page("glossary", ui.nav_glossary, crate::views::reference::glossary(lang, glossary));
        files.push((format!("{}/pages/glossary.json", lang.code()), to_json(&glossary)));
        let search = page("search", ui.nav_search, index.to_text());
        files.push((format!("{}/pages/search.json", lang.code()), to_json(&search)));
        // Guides too are written whole here (see `views::reference::guide`).
        for (id, g) in &out.guides {
            let whole = page(id, &g.title, crate::views::reference::guide(lang, g));
            files.push((format!("{}/guides/{id}.json", lang.code()), to_json(&whole)));
        }
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
                        let precheck = out.quizzes.get(id).map_or(0, |(q, _)| q.precheck);
                        Item { id: id.clone(), kind, title, minutes, precheck, error: out.errors.get(id).cloned() }
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
        let ok = |id: &String| !out.errors.contains_key(id);
        courses.push(Course {
            lang,
            catalog,
            lessons: out.lessons.into_iter().filter(|(id, _)| ok(id)).map(|(id, (l, _))| (id, l)).collect(),
            scenarios: out.scenarios.into_iter().filter(|(id, _)| ok(id)).collect(),
            quizzes: out.quizzes.into_iter().filter(|(id, _)| ok(id)).map(|(id, (q, _))| (id, q)).collect(),
        });
    }
    problems.sort();
    problems.dedup();
    Compiled { files, problems, courses, guessability }
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
        term_links: Vec::new(),
        guides: BTreeMap::new(),
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
            out.term_links.extend(report.terms.drain(..).map(|(t, l)| (report.file.clone(), t, l)));
            if let Some(summary) = report.summary() {
                out.errors.insert(id.clone(), summary);
            }
        }
    }
    compile_guides(&dir, rel, problems, &mut out);
    out
}

/// The "what to do now" guides in `guides/`, written like lessons. When
/// the folder exists, every guide the app links to must be there.
fn compile_guides(dir: &Path, rel: &dyn Fn(&Path) -> String, problems: &mut Vec<Problem>, out: &mut LangOutput) {
    let folder = dir.join("guides");
    if !folder.exists() {
        return;
    }
    for id in crate::route::GUIDES {
        let path = folder.join(format!("{id}.md"));
        let file = rel(&path);
        let Ok(text) = fs::read_to_string(&path) else {
            problems.push(Problem { file, line: 1, message: format!("the guide '{id}' is missing") });
            continue;
        };
        let mut report = FileReport::new(file, &text, problems);
        if let Some((guide, _, links)) = compile_lesson(id, &text, &mut report) {
            out.links.extend(links);
            out.guides.insert(id.to_string(), guide);
        }
        out.term_links.extend(report.terms.drain(..).map(|(t, l)| (report.file.clone(), t, l)));
    }
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
