//! Lessons: markdown with TOML front matter.

use serde::Deserialize;
use toml::Spanned;

use super::report::FileReport;
use crate::content::markdown::{self, LineIndex, Link};
use crate::content::model::{Lesson, Source, INDICATOR_TAGS};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FrontMatter {
    pub(super) id: Spanned<String>,
    pub(super) title: String,
    pub(super) minutes: u32,
    pub(super) updated: Spanned<String>,
    #[serde(default)]
    pub(super) tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) sources: Vec<Source>,
}

pub(super) type LessonParts = (Lesson, Vec<String>, Vec<(String, Link)>);

pub(super) fn compile_lesson(id: &str, text: &str, report: &mut FileReport) -> Option<LessonParts> {
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
    report.terms.extend(rendered.terms.iter().cloned());
    let lesson = Lesson {
        id: id.to_string(),
        title: fm.title,
        minutes: fm.minutes,
        updated: fm.updated.into_inner(),
        tags: fm.tags.into_iter().map(Spanned::into_inner).collect(),
        html: markdown::localize_links(report.lang, rendered.html),
        sources: fm.sources,
    };
    Some((lesson, rendered.heading_ids, links))
}

pub fn is_date(s: &str) -> bool {
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
    pub(super) fn dates_are_checked() {
        assert!(is_date("2026-11-28"));
        assert!(!is_date("28-11-2026"));
        assert!(!is_date("2026-1-28"));
    }
}
