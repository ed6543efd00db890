//! Problems of one file, with lines.

use toml::Spanned;

use super::Problem;
use crate::content::markdown::{self, LineIndex, Link, Rendered};
use crate::content::model::INDICATOR_TAGS;
use crate::i18n::Lang;

/// Collects problems for one file, turning byte spans into lines.
pub(super) struct FileReport<'a> {
    pub(super) file: String,
    /// The language of the file: links between lessons point at pages in it.
    pub(super) lang: Lang,
    pub(super) lines: LineIndex,
    pub(super) problems: &'a mut Vec<Problem>,
    pub(super) count: usize,
    /// Glossary links found: (term id, line), checked once the glossary
    /// is read.
    pub(super) terms: Vec<(String, usize)>,
}

impl<'a> FileReport<'a> {
    pub(super) fn new(file: String, text: &str, problems: &'a mut Vec<Problem>) -> Self {
        FileReport { file, lang: Lang::Da, lines: LineIndex::new(text, 1), problems, count: 0, terms: vec![] }
    }

    pub(super) fn at_line(&mut self, line: usize, message: impl Into<String>) {
        self.count += 1;
        self.problems.push(Problem { file: self.file.clone(), line, message: message.into() });
    }

    pub(super) fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        let line = self.lines.line(spanned.span().start);
        self.at_line(line, message);
    }

    pub(super) fn line_of<T>(&self, spanned: &Spanned<T>) -> usize {
        self.lines.line(spanned.span().start)
    }

    pub(super) fn toml_error(&mut self, err: toml::de::Error, first_line: usize) {
        let line = err.span().map_or(first_line, |s| first_line - 1 + self.lines.line(s.start));
        self.at_line(line, err.message().to_string());
    }

    /// The first message reported for this file, for the catalog entry.
    pub(super) fn summary(&self) -> Option<String> {
        (self.count > 0).then(|| {
            let first = &self.problems[self.problems.len() - self.count];
            first.to_string()
        })
    }

    pub(super) fn tags(&mut self, tags: &[Spanned<String>]) -> Vec<String> {
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
    pub(super) fn markdown(&mut self, s: &Spanned<String>, inline: bool, links: &mut Vec<(String, Link)>) -> String {
        let first = self.line_of(s);
        let r: Rendered =
            if inline { markdown::render_inline(s.get_ref(), first) } else { markdown::render(s.get_ref(), first) };
        for (line, msg) in r.problems {
            self.at_line(line, msg);
        }
        links.extend(r.links.into_iter().map(|l| (self.file.clone(), l)));
        self.terms.extend(r.terms);
        markdown::localize_links(self.lang, r.html)
    }

    /// A `learn_more = "lesson-id#section"` value: the in-app address, with
    /// the link recorded for the cross-check.
    pub(super) fn learn_more(&mut self, l: &Spanned<String>, links: &mut Vec<(String, Link)>) -> String {
        let (lesson, section) = match l.get_ref().split_once('#') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (l.get_ref().clone(), None),
        };
        let href = self.lang.href(&markdown::lesson_href(&lesson, section.as_deref()));
        links.push((self.file.clone(), Link { lesson, section, line: self.line_of(l) }));
        href
    }
}
