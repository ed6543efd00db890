//! The parts of the course that are not items in `course.toml`: the
//! glossary, the "what to do now" guides, and the search index built from
//! everything. Compiled natively with the rest (see [`super::compile`]).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::markdown::{self, LineIndex};
use super::model::*;
use crate::i18n::Lang;
use crate::route::is_id;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(rename = "term", default)]
    terms: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Spanned<String>,
    term: String,
    definition: Spanned<String>,
    /// The action plan (with its page) or another public source.
    source: String,
    /// When the definition was last checked against its source.
    checked: Spanned<String>,
}

/// A glossary and the term links found in its definitions:
/// (term, links as (term id, line)). `problems` get (line, message).
pub fn glossary(text: &str, problems: &mut Vec<(usize, String)>) -> (Glossary, Vec<(String, usize)>) {
    let lines = LineIndex::new(text, 1);
    let raw: RawGlossary = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            problems.push((e.span().map_or(1, |s| lines.line(s.start)), e.message().to_string()));
            return (Glossary { terms: vec![] }, vec![]);
        }
    };
    let mut seen = BTreeSet::new();
    let mut links = Vec::new();
    let mut terms = Vec::new();
    for t in raw.terms {
        let line = lines.line(t.id.span().start);
        let id = t.id.get_ref().clone();
        if !is_id(&id) {
            problems.push((line, format!("term id '{id}' may only use lowercase letters a-z, digits and hyphens")));
        }
        if !seen.insert(id.clone()) {
            problems.push((line, format!("term id '{id}' is used twice")));
        }
        if t.source.trim().is_empty() {
            problems.push((line, format!("term '{id}' needs a source: every definition must be traceable")));
        }
        if !super::compile::is_date(t.checked.get_ref()) {
            problems.push((lines.line(t.checked.span().start), "checked must be a date written YYYY-MM-DD".into()));
        }
        let r = markdown::render(t.definition.get_ref(), lines.line(t.definition.span().start));
        problems.extend(r.problems);
        links.extend(r.terms);
        let source = format!("{} ({})", t.source.trim(), t.checked.get_ref());
        terms.push(Term { id, term: t.term, html: r.html, source });
    }
    (Glossary { terms }, links)
}

/// Text without markup or character references, whitespace collapsed: what
/// the search looks in and quotes from.
pub fn plain(html: &str) -> String {
    let text = crate::html::strip_tags(html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A lesson's HTML cut at its `h2` and `h3` headings: (section id, heading
/// text, the text up to the next heading). The text before the first
/// heading has no id.
pub fn sections(html: &str) -> Vec<(Option<String>, String, String)> {
    let mut out = Vec::new();
    let mut starts: Vec<usize> =
        html.match_indices("<h2 id=\"").chain(html.match_indices("<h3 id=\"")).map(|(i, _)| i).collect();
    starts.sort_unstable();
    let first = starts.first().copied().unwrap_or(html.len());
    out.push((None, String::new(), plain(&html[..first])));
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(html.len());
        let part = &html[start..end];
        let id = part[8..].split('"').next().unwrap_or_default().to_string();
        let close = part.find("</h").unwrap_or(part.len());
        let heading = plain(&part[..close]);
        out.push((Some(id), heading, plain(&part[close..])));
    }
    out
}

/// The search index of one language: every lesson and each of its
/// sections, every case, every glossary term, every guide.
pub fn search_index(
    lang: Lang,
    lessons: &[&Lesson],
    scenarios: &[&Scenario],
    glossary: &Glossary,
    guides: &[&Lesson],
) -> SearchIndex {
    let ui = lang.ui();
    let mut entries = Vec::new();
    let mut entry = |title: &str, within: &str, href: String, text: String| {
        entries.push(SearchEntry { title: title.to_string(), within: within.to_string(), href, text })
    };
    for l in lessons {
        for (id, heading, text) in sections(&l.html) {
            match id {
                None => entry(&l.title, ui.kind_lesson, format!("/lesson/{}", l.id), text),
                Some(id) => entry(&heading, &l.title, format!("/lesson/{}#{id}", l.id), text),
            }
        }
    }
    for s in scenarios {
        let steps = s.steps.iter().map(|st| plain(&st.text)).collect::<Vec<_>>().join(" ");
        entry(&s.title, ui.kind_scenario, format!("/scenario/{}", s.id), format!("{} {steps}", plain(&s.intro)));
    }
    for t in &glossary.terms {
        entry(&t.term, ui.nav_glossary, format!("/glossary#{}", t.id), plain(&t.html));
    }
    for g in guides {
        let href = crate::route::Route::Guide(g.id.clone()).href();
        entry(&g.title, ui.nav_now, href, plain(&g.html));
    }
    SearchIndex { entries }
}

/// Read `content/<lang>/glossary.toml` if there is one.
pub fn read_glossary(dir: &Path) -> Option<String> {
    fs::read_to_string(dir.join("glossary.toml")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glossary_entry_needs_a_dated_source_and_a_unique_id() {
        let text = "[[term]]\nid = \"cmm\"\nterm = \"CMM\"\ndefinition = \"Center mod [x](term:nope).\"\nsource = \"Handlingsplan\"\nchecked = \"2026-12-03\"\n\n[[term]]\nid = \"cmm\"\nterm = \"CMM\"\ndefinition = \"y\"\nsource = \"\"\nchecked = \"i går\"\n";
        let mut problems = vec![];
        let (g, links) = glossary(text, &mut problems);
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[0].source, "Handlingsplan (2026-12-03)");
        assert_eq!(links, vec![("nope".to_string(), 4)]);
        let lines: Vec<usize> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![9, 9, 13], "{problems:?}");
    }

    #[test]
    fn sections_are_cut_at_headings_with_plain_text() {
        let html = "<p>Intro &amp; mere</p><h2 id=\"a\">Første</h2><p>Tekst <em>her</em></p><h3 id=\"b\">Under</h3><p>Mere</p>";
        let s = sections(html);
        assert_eq!(s[0], (None, String::new(), "Intro & mere".to_string()));
        assert_eq!(s[1], (Some("a".into()), "Første".into(), "Tekst her".into()));
        assert_eq!(s[2], (Some("b".into()), "Under".into(), "Mere".into()));
    }
}
