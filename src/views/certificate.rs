//! A printable certificate for one module: the learner's name, the module,
//! each part with its result, the date and the content version. It says
//! plainly that it records self-study. Until every part is done, the page
//! lists what is still to do instead.
//!
//! The name field and the print button are not written here: the page keeps
//! them as live elements, so typing never loses focus when this re-renders.

use super::overview::{completion, item_href, Completion};
use crate::content::Module;
use crate::html::Html;
use crate::i18n::Ui;
use crate::progress::Progress;

/// Every part of the module is done, so the certificate can be shown.
pub fn is_complete(m: &Module, p: &Progress) -> bool {
    m.items.iter().all(|i| matches!(completion(p, i), Completion::Done(_)))
}

/// The certificate, or the list of what is missing. `name` is what the
/// learner typed (plain text, escaped); `today` and `version` are printed.
pub fn certificate(ui: &'static Ui, m: &Module, p: &Progress, name: &str, today: &str, version: &str) -> String {
    let mut h = Html::new();
    if !is_complete(m, p) {
        h.el("h1", &[("id", "page-title")], ui.certificate_title);
        h.el("p", &[], ui.certificate_incomplete);
        h.open("ul", &[("id", "certificate-missing")]);
        for i in m.items.iter().filter(|i| !matches!(completion(p, i), Completion::Done(_))) {
            h.open("li", &[]).el("a", &[("href", &ui.lang.href(&item_href(i)))], &i.title).close("li");
        }
        h.close("ul");
        return h.finish();
    }
    let label = |h: &mut Html, text: &str| {
        h.open("span", &[("class", "certificate-label")]).text(text).text(": ").close("span");
    };
    h.open("section", &[("class", "certificate"), ("aria-labelledby", "page-title")]);
    h.el("p", &[("class", "certificate-course")], ui.app_title);
    h.el("h1", &[("id", "page-title")], ui.certificate_title);
    h.el("p", &[("class", "certificate-label")], ui.certificate_completed_by);
    h.el("p", &[("class", "certificate-name"), ("id", "certificate-name")], name);
    h.open("p", &[]);
    label(&mut h, ui.certificate_module);
    h.el("strong", &[], &m.title).close("p");
    h.open("table", &[("class", "certificate-items")]).open("tbody", &[]);
    for i in &m.items {
        let result = match completion(p, i) {
            Completion::Done(Some(pct)) => format!("{pct} %"),
            _ => ui.status_done.to_string(),
        };
        h.open("tr", &[]).el("th", &[("scope", "row")], &i.title).el("td", &[], &result).close("tr");
    }
    h.close("tbody").close("table");
    h.open("p", &[]);
    label(&mut h, ui.certificate_date);
    h.text(today).close("p").open("p", &[]);
    label(&mut h, ui.certificate_version);
    h.text(version).close("p");
    h.el("p", &[("class", "certificate-statement")], ui.certificate_statement);
    h.close("section");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Item, ItemKind};
    use crate::i18n::Lang;

    fn module() -> Module {
        let item = |id: &str, kind| Item {
            id: id.into(),
            kind,
            title: format!("Part {id}"),
            minutes: 3,
            precheck: 0,
            error: None,
        };
        Module {
            id: "core".into(),
            title: "Core <module>".into(),
            audience: None,
            items: vec![item("read", ItemKind::Lesson), item("check", ItemKind::Quiz)],
        }
    }

    fn done() -> Progress {
        let mut p = Progress::default();
        p.mark_read("read", 1);
        p.start_round("check", false, 1);
        p.finish_round("check", 90, 2);
        p
    }

    #[test]
    fn lists_what_is_missing_until_complete() {
        let ui = Lang::En.ui();
        let mut p = Progress::default();
        p.mark_read("read", 1);
        assert!(!is_complete(&module(), &p));
        let html = certificate(ui, &module(), &p, "Ann", "2024-05-01", "v1");
        assert!(
            html.contains("<ul id=\"certificate-missing\"><li><a href=\"/en/quiz/check\">Part check</a></li></ul>"),
            "{html}"
        );
        assert!(html.contains("<h1 id=\"page-title\">Certificate of completion</h1>"));
        assert!(!html.contains("certificate-name") && !html.contains("Part read"));
    }

    #[test]
    fn shows_name_parts_results_date_and_version() {
        let ui = Lang::En.ui();
        assert!(is_complete(&module(), &done()));
        let html = certificate(ui, &module(), &done(), "Ann Berg", "2024-05-01", "2024.1");
        assert!(html.contains("<section class=\"certificate\" aria-labelledby=\"page-title\">"), "{html}");
        assert!(html.contains("<p class=\"certificate-name\" id=\"certificate-name\">Ann Berg</p>"));
        assert!(html.contains("<span class=\"certificate-label\">Module: </span><strong>Core &lt;module&gt;</strong>"));
        assert!(html.contains(
            "<table class=\"certificate-items\"><tbody><tr><th scope=\"row\">Part read</th><td>Completed</td></tr>"
        ));
        assert!(html.contains("<th scope=\"row\">Part check</th><td>90 %</td>"));
        assert!(html.contains("<span class=\"certificate-label\">Date: </span>2024-05-01</p>"));
        assert!(html.contains("<span class=\"certificate-label\">Content version: </span>2024.1</p>"));
        assert!(html.contains("class=\"certificate-statement\">This certificate records self-study"));
        assert!(!html.contains("certificate-missing"));
    }

    #[test]
    fn the_learners_name_is_escaped() {
        let html = certificate(Lang::Da.ui(), &module(), &done(), "<script>alert(1)</script>", "d", "v");
        assert!(html.contains("id=\"certificate-name\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"), "{html}");
        assert!(!html.contains("<script>"));
    }
}
