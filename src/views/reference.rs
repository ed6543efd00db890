//! The pages beside the course: the glossary, the "what to do now" guides
//! and search results, and the link from a case's ending to the guide.

#[cfg(feature = "authoring")]
use crate::content::Lesson;
use crate::content::{SearchEntry, SearchIndex};
use crate::html::Html;
#[cfg(feature = "authoring")]
use crate::i18n::Lang;
use crate::i18n::{fill, Ui};
use crate::route::Route;
#[cfg(feature = "authoring")]
use crate::{content::Glossary, route::GUIDES, views::shell::guide_name};

/// The glossary page. Written whole by the content compiler into
/// `pages/glossary.json`, so none of this is in the wasm.
#[cfg(feature = "authoring")]
pub fn glossary(lang: Lang, g: &Glossary) -> String {
    let (ui, words) = (lang.ui(), lang.authored());
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], ui.nav_glossary).el("p", &[("class", "lead")], words.glossary_intro);
    h.open("dl", &[("class", "glossary")]);
    for t in &g.terms {
        // Focusable so a link from a lesson lands on the term itself.
        h.el("dt", &[("id", &t.id), ("tabindex", "-1")], &t.term).open("dd", &[]).raw(&t.html);
        h.el("p", &[("class", "term-source")], &fill(words.glossary_source, &t.source)).close("dd");
    }
    h.close("dl");
    h.finish()
}

/// A "what to do now" guide: its steps, how to reach CMM, a print button,
/// and the guides for the other audiences. Written whole by the content
/// compiler into `guides/<id>.json`.
#[cfg(feature = "authoring")]
pub fn guide(lang: Lang, g: &Lesson) -> String {
    let (ui, words) = (lang.ui(), lang.authored());
    let mut h = Html::new();
    h.open("article", &[("class", "guide")]);
    h.el("h1", &[("id", "page-title")], &g.title).el_raw("div", &[("class", "prose")], &g.html);
    h.el(
        "button",
        &[("type", "button"), ("class", "button secondary no-print"), ("data-act", "print")],
        words.guide_print,
    );
    h.open("nav", &[("class", "other-guides no-print"), ("aria-label", words.guide_other)]);
    h.el("h2", &[], words.guide_other).open("ul", &[]);
    for id in GUIDES.into_iter().filter(|id| *id != g.id) {
        let href = Route::Guide(id.into()).href();
        h.open("li", &[]).el("a", &[("href", &href)], guide_name(lang, id)).close("li");
    }
    h.close("ul").close("nav");
    h.open("section", &[("class", "sources"), ("aria-labelledby", "sources-title")]);
    h.el("h2", &[("id", "sources-title")], ui.lesson_sources).open("ul", &[]);
    for s in &g.sources {
        crate::views::lesson::source(&mut h, s);
    }
    h.close("ul").close("section").close("article");
    h.finish()
}

/// The link from the end of a case to the guide for the learner's role.
pub fn guide_link(ui: &'static Ui, guide: &str) -> String {
    let mut h = Html::new();
    h.open("p", &[("class", "guide-link panel")]);
    h.el("a", &[("href", &Route::Guide(guide.into()).href()), ("id", "guide-link")], ui.guide_after_case);
    h.close("p");
    h.finish()
}

/// Text folded for matching: ASCII and the Danish letters in lower case,
/// byte for byte the same length (so offsets carry over to the text).
/// Not `to_lowercase`: its Unicode tables would cost more wasm than the
/// whole search; the course is in Danish and English.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'Æ' => 'æ',
            'Ø' => 'ø',
            'Å' => 'å',
            'É' => 'é',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Where `needle` first occurs in `hay` (bytes). A plain scan: `str::find`
/// brings in a string-search algorithm that costs more wasm than the index
/// is long.
fn position(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len().max(1);
    hay.as_bytes().windows(n).position(|w| w == needle.as_bytes())
}

fn words(query: &str) -> Vec<String> {
    query.split(' ').filter(|w| !w.is_empty()).map(fold).collect()
}

/// Entries holding every word of `query` (case-insensitive), those with a
/// word in the title first, at most 30.
pub fn find<'a>(index: &'a SearchIndex, query: &str) -> Vec<&'a SearchEntry> {
    let words = words(query);
    if words.is_empty() {
        return vec![];
    }
    let has = |text: &str| {
        let text = fold(text);
        words.iter().any(|w| position(&text, w).is_some())
    };
    let all: Vec<&SearchEntry> = index
        .entries
        .iter()
        .filter(|e| {
            let text = fold(&format!("{} {}", e.title, e.text));
            words.iter().all(|w| position(&text, w).is_some())
        })
        .collect();
    // Title hits first, then the rest, each in course order.
    let (titles, rest): (Vec<&SearchEntry>, Vec<&SearchEntry>) = all.into_iter().partition(|e| has(&e.title));
    titles.into_iter().chain(rest).take(30).collect()
}

/// The first line or so of an entry's text (about 160 characters).
fn snippet(text: &str) -> &str {
    let end = text.char_indices().nth(160).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The search page: its heading, then for `query` how many were found and
/// each with where it is and a line of its text. No index: no query yet.
pub fn results(ui: &'static Ui, index: Option<&SearchIndex>, query: &str) -> String {
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], ui.nav_search);
    let Some(index) = index else { return h.finish() };
    let hits = find(index, query);
    if hits.is_empty() {
        h.el("p", &[], &fill(ui.search_none, query));
        return h.finish();
    }
    h.el("p", &[], &fill(ui.search_count, hits.len())).open("ol", &[("class", "results")]);
    for e in hits {
        h.open("li", &[]).el("a", &[("href", &e.href)], &e.title).text(" ");
        h.el("span", &[("class", "item-meta")], &e.within).el("p", &[], snippet(&e.text)).close("li");
    }
    h.close("ol");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Term;

    fn entry(title: &str, text: &str) -> SearchEntry {
        SearchEntry { title: title.into(), within: "Lektion".into(), href: format!("/x#{title}"), text: text.into() }
    }

    #[test]
    fn search_needs_every_word_and_ranks_titles_first() {
        let index = SearchIndex {
            entries: vec![
                entry("Støtte", "Under refleksionsperioden får ofre støtte."),
                entry("Refleksionsperiode", "30 dage."),
                entry("Andet", "Intet her."),
            ],
        };
        let hits: Vec<&str> = find(&index, "REFLEKSIONSPERIOD").iter().map(|e| e.title.as_str()).collect();
        assert_eq!(hits, vec!["Refleksionsperiode", "Støtte"]);
        assert_eq!(find(&index, "ofre dage").len(), 0);
        assert!(find(&index, "  ").is_empty());
        let html = results(Lang::Da.ui(), Some(&index), "ofre");
        assert!(html.contains("<a href=\"/x#Støtte\">Støtte</a>") && html.contains("1 fundet"), "{html}");
        assert!(results(Lang::En.ui(), Some(&index), "<nope>").contains("Nothing found for “&lt;nope&gt;”"));
        assert_eq!(results(Lang::En.ui(), None, ""), "<h1 id=\"page-title\">Search</h1>");
    }

    #[test]
    fn snippets_cut_on_character_boundaries() {
        let text = "æøå ".repeat(100);
        assert_eq!(snippet(&text).chars().count(), 160);
        assert_eq!(snippet("kort"), "kort");
    }

    #[test]
    fn glossary_terms_are_link_targets_with_their_source() {
        assert_eq!(position("abcabc", "ca"), Some(2));
        assert_eq!(position("ab", "abc"), None);
        let g = Glossary {
            terms: vec![Term {
                id: "cmm".into(),
                term: "CMM".into(),
                html: "<p>Centret.</p>".into(),
                source: "Plan (2026-12-03)".into(),
            }],
        };
        let html = glossary(Lang::Da, &g);
        assert!(html.starts_with("<h1 id=\"page-title\">Ordliste</h1><p class=\"lead\">"));
        assert!(html.contains("<dt id=\"cmm\" tabindex=\"-1\">CMM</dt><dd><p>Centret.</p><p class=\"term-source\">Kilde: Plan (2026-12-03)</p></dd>"), "{html}");
    }

    #[test]
    fn a_guide_links_the_others_and_prints() {
        let g = Lesson {
            id: "police".into(),
            title: "Hvad gør jeg nu?".into(),
            minutes: 2,
            updated: "2026-12-03".into(),
            tags: vec![],
            html: "<p>Trin</p>".into(),
            sources: vec![crate::content::Source { title: "Plan".into(), publisher: None, year: None, url: None }],
        };
        let html = guide(Lang::Da, &g);
        assert!(html.contains("data-act=\"print\""));
        assert!(html.contains("href=\"/what-to-do\"") && html.contains("href=\"/what-to-do/embassy\""));
        assert!(!html.contains("href=\"/what-to-do/police\""));
        assert!(guide_link(Lang::En.ui(), "health").contains("href=\"/what-to-do/health\""));
    }
}
