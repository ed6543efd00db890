//! The pages beside the course: the glossary, the "what to do now" guides
//! and search results, and the link from a case's ending to the guide.

#[cfg(feature = "authoring")]
use crate::content::Lesson;
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
        let href = Route::Guide(id.into()).address(lang);
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
    h.el("a", &[("href", &Route::Guide(guide.into()).address(ui.lang)), ("id", "guide-link")], ui.nav_now);
    h.close("p");
    h.finish()
}

/// The query folded as the index is (see `SearchIndex::to_text`): ASCII
/// and the Danish letters in lower case. Not `to_lowercase`: its Unicode
/// tables would cost more wasm than the whole search.
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

/// The search page: its heading, then for `query` how many entries of the
/// index (text, see `SearchIndex::to_text`) hold every word of it, and
/// each of them (those with a word in the title first, at most 30) with
/// where it is and the start of its text. No index: no query yet.
pub fn results(ui: &'static Ui, index: Option<&str>, query: &str) -> String {
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], ui.nav_search);
    let Some(index) = index else { return h.finish() };
    let words: Vec<String> = query.split(' ').filter(|w| !w.is_empty()).map(fold).collect();
    let (mut list, mut n) = (Html::new(), 0);
    for titles in [true, false] {
        for line in index.split('\n') {
            let mut f = line.splitn(5, '\t');
            let (Some(title), Some(within), Some(href), Some(start), Some(folded)) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            // `folded` is the folded title, a tab, the folded text.
            let title_end = folded.bytes().position(|b| b == b'\t').unwrap_or(0);
            let all = words.iter().all(|w| position(folded, w).is_some());
            let in_title = words.iter().any(|w| position(folded, w).is_some_and(|p| p < title_end));
            if all && in_title == titles && !words.is_empty() && n < 30 {
                n += 1;
                list.open("li", &[]).el("a", &[("href", &ui.lang.href(href))], title).text(" ");
                list.el("span", &[("class", "item-meta")], within).el("p", &[], start).close("li");
            }
        }
    }
    if n == 0 {
        h.el("p", &[], &fill(ui.search_none, query));
    } else {
        h.el("p", &[], &fill(ui.search_count, n)).el_raw("ol", &[("class", "results")], &list.finish());
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Term;
    use crate::content::{SearchEntry, SearchIndex};

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
        }
        .to_text();
        let html = results(Lang::Da.ui(), Some(&index), "REFLEKSIONSPERIOD");
        let first = html.find("/x#Refleksionsperiode").unwrap();
        assert!(first < html.find("/x#Støtte").unwrap(), "{html}");
        assert!(html.contains("2 fundet") && !html.contains("/x#Andet"));
        assert!(results(Lang::Da.ui(), Some(&index), "ofre dage").contains("Intet fundet"));
        assert!(results(Lang::Da.ui(), Some(&index), "  ").contains("Intet fundet"));
        let html = results(Lang::Da.ui(), Some(&index), "ofre");
        assert!(html.contains("<a href=\"/x#Støtte\">Støtte</a>") && html.contains("1 fundet"), "{html}");
        assert!(results(Lang::En.ui(), Some(&index), "<nope>").contains("Nothing found for “&lt;nope&gt;”"));
        assert_eq!(results(Lang::En.ui(), None, ""), "<h1 id=\"page-title\">Search</h1>");
        assert_eq!(position("abcabc", "ca"), Some(2));
        assert_eq!(position("ab", "abc"), None);
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
        assert!(guide_link(Lang::En.ui(), "health").contains("href=\"/en/what-to-do/health\""));
    }
}
