//! A lesson: its text, its sources, and the button that marks it read.

use crate::content::{Lesson, Source};
use crate::html::Html;
use crate::i18n::{fill, Ui};

/// The whole lesson. `read` is whether it has been marked read; `next` is
/// the next item's address and title.
pub fn page(ui: &'static Ui, l: &Lesson, read: bool, next: Option<(&str, &str)>) -> String {
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], &l.title);
    h.open("p", &[("class", "lesson-meta")]);
    h.text(&fill(ui.minutes, l.minutes)).text(" · ").text(&fill(ui.lesson_updated, &l.updated)).close("p");
    h.el_raw("div", &[("class", "prose")], &l.html);
    h.open("section", &[("class", "sources"), ("aria-labelledby", "sources-title")]);
    h.el("h2", &[("id", "sources-title")], ui.lesson_sources).open("ul", &[]);
    for s in &l.sources {
        source(&mut h, s);
    }
    h.close("ul").close("section").open("div", &[("class", "actions")]);
    let attrs = [
        ("type", "button"),
        ("id", "mark-read"),
        ("class", "button"),
        ("aria-pressed", if read { "true" } else { "false" }),
        ("data-act", "mark-read"),
    ];
    h.el("button", &attrs, if read { ui.marked_read } else { ui.mark_read });
    if let Some((href, title)) = next {
        h.open("a", &[("class", "button secondary"), ("href", &ui.lang.href(href))]).text(title).text(" →").close("a");
    }
    h.close("div");
    h.finish()
}

/// A source: linked when it has an address, with publisher and year.
pub fn source(h: &mut Html, s: &Source) {
    h.open("li", &[]);
    match &s.url {
        Some(url) => h.el("a", &[("href", url), ("rel", "noopener noreferrer")], &s.title),
        None => h.el("cite", &[], &s.title),
    };
    let mut detail = s.publisher.clone().unwrap_or_default();
    if let Some(y) = s.year {
        if !detail.is_empty() {
            detail.push_str(", ");
        }
        detail.push_str(&y.to_string());
    }
    if !detail.is_empty() {
        h.text(" (").text(&detail).text(")");
    }
    h.close("li");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn lesson() -> Lesson {
        Lesson {
            id: "l".into(),
            title: "What is <trafficking>?".into(),
            minutes: 7,
            updated: "2025-01-31".into(),
            tags: vec![],
            html: "<h2 id=\"means\">Means</h2><p>Text</p>".into(),
            sources: vec![
                Source {
                    title: "Protocol".into(),
                    publisher: Some("UN".into()),
                    year: Some(2000),
                    url: Some("https://un.org/p".into()),
                },
                Source { title: "Report".into(), publisher: None, year: None, url: None },
            ],
        }
    }

    #[test]
    fn the_lesson_has_its_title_meta_text_and_sources() {
        let html = page(Lang::En.ui(), &lesson(), false, None);
        assert!(html.starts_with("<h1 id=\"page-title\">What is &lt;trafficking&gt;?</h1>"), "{html}");
        assert!(html.contains("<p class=\"lesson-meta\">7 min · Facts last checked 2025-01-31</p>"));
        assert!(html.contains("<div class=\"prose\"><h2 id=\"means\">Means</h2><p>Text</p></div>"));
        assert!(html.contains("<h2 id=\"sources-title\">Sources</h2>"));
        assert!(
            html.contains("<li><a href=\"https://un.org/p\" rel=\"noopener noreferrer\">Protocol</a> (UN, 2000)</li>")
        );
        assert!(html.contains("<li><cite>Report</cite></li>"));
        assert!(!html.contains("secondary"));
    }

    #[test]
    fn the_mark_read_button_says_whether_it_is_read() {
        let ui = Lang::Da.ui();
        let unread = page(ui, &lesson(), false, None);
        assert!(unread.contains("id=\"mark-read\" class=\"button\" aria-pressed=\"false\" data-act=\"mark-read\">Markér som læst</button>"), "{unread}");
        let read = page(ui, &lesson(), true, Some(("/scenario/s", "Næste")));
        assert!(read.contains("aria-pressed=\"true\" data-act=\"mark-read\">Læst</button>"), "{read}");
        assert!(
            read.contains("<div class=\"actions\"><button")
                && read.contains("<a class=\"button secondary\" href=\"/scenario/s\">Næste →</a></div>")
        );
    }
}
