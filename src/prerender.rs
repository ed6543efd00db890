//! Static pages: the build writes one HTML file for every page of the
//! course in every language ([`crate::route::all`]), with the same `views`
//! functions the app uses, so the first paint needs no WebAssembly and the
//! overview and lessons are readable without it.
//!
//! Each page is exactly what the app would show for that address to a
//! learner with no progress yet: the app renders the same markup into a
//! detached element and swaps it in once its content has loaded (see
//! `app::start`), so nothing moves. Until then `<html class="pre">` hides
//! what depends on progress or needs the app (see `style/main.css`).
//!
//! Native only (the `authoring` feature): the browser never prerenders.

use std::collections::BTreeMap;

use crate::content::{Catalog, ItemKind, Lesson, Quiz, Scenario};
use crate::html::Html;
use crate::i18n::{Lang, Ui};
use crate::progress::Progress;
use crate::route::{self, Route};
use crate::views;

/// The one inline script of every page. On a prerendered page
/// (`<html class="pre">`) it waits for the first contentful paint, then
/// requests the app's files all at once: what `<html data-preload>` lists
/// (the glue, the wasm, the content the page shows) as preloads, and the
/// loader, `boot.js`, named in `<html data-boot>`. On any other page
/// (the bare shell), in a hidden tab, or in a browser that does not report
/// paints, it does so at once. Inline, because the page must request
/// nothing of the app's before its first paint (a learner on a slow line is
/// waiting for the text), and a `<script src>` is requested as soon as the
/// page is read. Its hash is in the policy below; a test in xtask checks
/// that the two agree. It never changes with a build, so neither do the
/// policies in `deploy/`.
pub const LOADER: &str = "(()=>{const h=document.documentElement,add=(tag,props)=>document.head.append(Object.assign(document.createElement(tag),props)),go=()=>{for(const href of(h.dataset.preload||\"\").split(\" \").filter(Boolean))add(\"link\",href.endsWith(\".js\")?{rel:\"modulepreload\",href}:{rel:\"preload\",as:\"fetch\",crossOrigin:\"anonymous\",href});add(\"script\",{type:\"module\",src:h.dataset.boot})},t=(window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes)||[];if(!h.classList.contains(\"pre\")||document.visibilityState===\"hidden\"||!t.includes(\"paint\"))return go();new PerformanceObserver((l,o)=>{if(l.getEntriesByName(\"first-contentful-paint\").length){o.disconnect();go()}}).observe({type:\"paint\",buffered:true})})()";

/// The Content-Security-Policy of every page (a meta tag; the servers send
/// it as a header too, with `frame-ancestors`, which a meta tag cannot set).
/// Script only from the page's origin, and the one inline script `LOADER`,
/// by its hash.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'sha256-UWu1wAlBdLeI8bGB7kyWfbYucMpfsfQWchfsBuYIgDQ=' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'";

/// The app shell's files as pages link them: absolute paths whose names
/// carry a hash of their content, so they can be cached as immutable.
#[derive(Clone, Debug)]
pub struct Assets {
    pub boot: String,
    pub js: String,
    pub wasm: String,
    pub css: String,
    pub icon: String,
}

/// A page to write: its file below the site's root, and its HTML.
#[derive(Debug)]
pub struct Page {
    pub file: String,
    pub html: String,
}

/// The file a page is written to: `/` is `index.html`, `/en/` is
/// `en/index.html`, `/en/lesson/x` is `en/lesson/x.html`, and the not-found
/// page is `404.html` (`en/404.html`), which servers send for any address
/// they have no file for. Every server can map an address to these: try the
/// path, then the path with `.html`, then `index.html` in it.
pub fn file_for(lang: Lang, route: &Route) -> String {
    let dir = match lang {
        Lang::Da => String::new(),
        other => format!("{}/", other.code()),
    };
    match route {
        Route::Overview => format!("{dir}index.html"),
        Route::NotFound => format!("{dir}404.html"),
        other => format!("{dir}{}.html", other.href().trim_start_matches('/')),
    }
}

/// Every page of the course in every language, plus `shell.html`: the bare
/// app (it renders whatever the address says), which the service worker
/// shows offline for a page it has not kept. `content` is the compiled content (path below
/// `content/`, JSON), as `content::compile` returns it.
pub fn pages(content: &[(String, String)], assets: &Assets) -> Result<Vec<Page>, String> {
    let files: BTreeMap<&str, &str> = content.iter().map(|(p, j)| (p.as_str(), j.as_str())).collect();
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let index = format!("{}/index.json", lang.code());
        let catalog: Catalog = files
            .get(index.as_str())
            .and_then(|j| miniserde::json::from_str(j).ok())
            .ok_or_else(|| format!("no compiled catalog {index}"))?;
        for route in route::all(&catalog) {
            let (main, item) = main(lang, &route, &catalog, &files);
            // The app's files first, then the content the page shows.
            let mut preload = vec![assets.js.clone(), assets.wasm.clone(), content_url(lang, "index.json")];
            preload.extend(item);
            let html = document(lang, &route, Some(&catalog), Some(&main), assets, &preload);
            pages.push(Page { file: file_for(lang, &route), html });
        }
    }
    pages.push(Page { file: "shell.html".into(), html: document(Lang::Da, &Route::Overview, None, None, assets, &[]) });
    Ok(pages)
}

fn content_url(lang: Lang, path: &str) -> String {
    format!("/content/{}/{path}", lang.code())
}

/// The whole document: head (policy, title, description, icon, stylesheet,
/// the inline loader, and the files it requests after the first paint),
/// and the body the app takes over, around `main`; without `main`, an empty
/// body the app fills.
pub fn document(
    lang: Lang,
    route: &Route,
    catalog: Option<&Catalog>,
    main: Option<&str>,
    assets: &Assets,
    preload: &[String],
) -> String {
    let ui = lang.ui();
    let mut h = Html::new();
    let class = if main.is_some() { "pre" } else { "" };
    // What the inline loader requests once the page is painted (`LOADER`).
    let preload = preload.join(" ");
    h.raw("<!doctype html>").open(
        "html",
        &[
            ("lang", lang.code()),
            (if main.is_some() { "class" } else { "" }, class),
            (if preload.is_empty() { "" } else { "data-preload" }, &preload),
            ("data-boot", &assets.boot),
        ],
    );
    h.open("head", &[]);
    h.open("meta", &[("charset", "utf-8")]);
    h.open("meta", &[("name", "viewport"), ("content", "width=device-width, initial-scale=1")]);
    h.open("meta", &[("http-equiv", "Content-Security-Policy"), ("content", CSP)]);
    h.open("meta", &[("name", "referrer"), ("content", "no-referrer")]);
    h.el("title", &[], &views::shell::title(lang, route, catalog));
    h.open("meta", &[("name", "description"), ("content", ui.meta_description)]);
    h.open("meta", &[("name", "theme-color"), ("content", "#003d6b")]);
    h.open("link", &[("rel", "icon"), ("href", &assets.icon), ("type", "image/svg+xml")]);
    h.open("link", &[("rel", "stylesheet"), ("href", &assets.css)]);
    // (The web app manifest is linked by boot.js: it too would be
    // requested before the first paint.)
    h.open("script", &[]).raw(LOADER).close("script");
    // No `<link rel=alternate hreflang>`: it must name an absolute address,
    // and the site's origin is the host's to choose (the language switch
    // links the other language).
    h.close("head").open("body", &[]);
    if let Some(main) = main {
        h.raw(&body(lang, route, main));
    }
    h.close("body").close("html");
    h.finish()
}

/// The frame around the page, as the app writes it (`app::App`).
fn body(lang: Lang, route: &Route, main: &str) -> String {
    format!(
        "<div id=\"app\"><div>{}</div><div></div><main id=\"main\" tabindex=\"-1\">{main}</main><div>{}</div></div>",
        views::shell::header(lang, route),
        views::shell::footer(lang)
    )
}

/// Said where the page needs the app; shown only when scripts cannot run
/// (boot.js says so when the app fails to start).
fn needs_browser(ui: &Ui) -> String {
    let mut h = Html::new();
    h.open("noscript", &[]).el("p", &[("class", "needs-browser")], ui.needs_browser).close("noscript");
    h.finish()
}

/// What `<main>` holds at `route` for a learner without progress, as the
/// page components write it, and the content file it shows (to preload).
fn main(lang: Lang, route: &Route, catalog: &Catalog, files: &BTreeMap<&str, &str>) -> (String, Option<String>) {
    let ui = lang.ui();
    let none = Progress::default();
    let message = |html: String| format!("<div class=\"message\">{html}</div>");
    let item = |id: &str, kind: ItemKind| -> Result<(&str, String), String> {
        let entry = catalog.item(id).ok_or_else(|| views::shell::not_found(lang))?;
        if let Some(e) = &entry.error {
            return Err(views::shell::content_error(lang, e));
        }
        let path = format!("{}/{id}.json", kind.folder());
        let json = files.get(format!("{}/{path}", lang.code()).as_str()).copied().unwrap_or_default();
        Ok((json, content_url(lang, &path)))
    };
    let activity = |title: &str, class: &str, body: String| {
        let mut h = Html::new();
        h.raw(&needs_browser(ui)).open("article", &[("class", class)]);
        h.el("h1", &[("id", "page-title")], title);
        // Attributes in the order the page component's markup has them in
        // the browser (Leptos sets `class` first).
        h.el_raw("div", &[("class", &format!("{class}-body")), ("aria-live", "polite")], &body);
        h.close("article");
        h.finish()
    };
    let decoded = |id: &str, kind: ItemKind| match item(id, kind) {
        Ok((json, url)) => Ok((json.to_string(), url)),
        Err(html) => Err(message(html)),
    };
    match route {
        Route::Overview => {
            let mut h = Html::new();
            h.el("h1", &[("id", "page-title")], ui.app_title).el("p", &[("class", "lead")], ui.tagline);
            h.el_raw("div", &[("class", "overview-body")], &views::overview::catalog(ui, catalog, &none, 0, None));
            (h.finish(), None)
        }
        Route::Lesson(id) => match decoded(id, ItemKind::Lesson) {
            Ok((json, url)) => match miniserde::json::from_str::<Lesson>(&json) {
                Ok(l) => {
                    let next = catalog.next_item(id).map(|n| (views::overview::item_href(n), n.title.clone()));
                    let next = next.as_ref().map(|(h, t)| (h.as_str(), t.as_str()));
                    let page = views::lesson::page(ui, &l, false, next);
                    (format!("<article class=\"lesson\">{page}</article>"), Some(url))
                }
                Err(_) => (message(views::shell::load_error(lang, &url)), None),
            },
            Err(html) => (html, None),
        },
        Route::Scenario(id) => match decoded(id, ItemKind::Scenario) {
            Ok((json, url)) => match miniserde::json::from_str::<Scenario>(&json) {
                Ok(s) => (activity(&s.title, "scenario", views::scenario::intro(ui, &s)), Some(url)),
                Err(_) => (message(views::shell::load_error(lang, &url)), None),
            },
            Err(html) => (html, None),
        },
        Route::Quiz(id) => match decoded(id, ItemKind::Quiz) {
            Ok((json, url)) => match miniserde::json::from_str::<Quiz>(&json) {
                // A learner without progress has not taken the pre-check yet.
                Ok(q) => (activity(&q.title, "quiz", views::quiz::intro(ui, &q, q.precheck > 0)), Some(url)),
                Err(_) => (message(views::shell::load_error(lang, &url)), None),
            },
            Err(html) => (html, None),
        },
        Route::Certificate(id) => match catalog.modules.iter().find(|m| &m.id == id) {
            Some(m) => {
                let body = views::certificate::certificate(ui, m, &none, "", "", &catalog.content_version);
                (format!("{}<div class=\"certificate-body\">{body}</div>", needs_browser(ui)), None)
            }
            None => (message(views::shell::not_found(lang)), None),
        },
        Route::Settings => {
            let mut h = Html::new();
            h.el("h1", &[("id", "page-title")], ui.data_title).el("p", &[], ui.data_intro);
            h.raw(&needs_browser(ui));
            let status = [("class", "status-line"), ("id", "data-status"), ("tabindex", "-1"), ("role", "status")];
            h.el("p", &status, "");
            // As `pages::settings` writes it: the role choice (no role yet), then the rest.
            let body = views::overview::role_choice(ui, None) + &views::settings::body(ui, None, None, false, false);
            h.el_raw("div", &[("class", "data-body")], &body);
            (h.finish(), None)
        }
        Route::NotFound => (message(views::shell::not_found(lang)), None),
        // The glossary and the guides are compiled whole, in a lesson's
        // shape (see `pages::reference`).
        Route::Glossary | Route::Guide(_) => {
            let path = match route {
                Route::Guide(id) => format!("guides/{id}.json"),
                _ => "pages/glossary.json".into(),
            };
            let url = content_url(lang, &path);
            let json = files.get(format!("{}/{path}", lang.code()).as_str()).copied().unwrap_or_default();
            match miniserde::json::from_str::<Lesson>(json) {
                Ok(l) => (message(l.html), Some(url)),
                Err(_) => (message(views::shell::load_error(lang, &url)), None),
            }
        }
        // Search before a query (the results depend on the address's query).
        Route::Search => (message(views::reference::results(ui, None, "")), None),
        // A page without its own arm above (one added to `route::all`
        // before it is added here) is written as the app first shows it:
        // loading. It still has its address, title, header and footer, and
        // the app fills it in. Give it an arm to make it readable without
        // the app.
        #[allow(unreachable_patterns)]
        _ => (message(views::shell::loading(lang)), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::compile::compile;

    fn assets() -> Assets {
        Assets {
            boot: "/boot-1.js".into(),
            js: "/kend-tegnene-2.js".into(),
            wasm: "/kend-tegnene_bg-3.wasm".into(),
            css: "/main-4.css".into(),
            icon: "/favicon-5.svg".into(),
        }
    }

    fn course() -> Vec<Page> {
        let compiled = compile(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
        pages(&compiled.files, &assets()).unwrap()
    }

    fn page<'a>(pages: &'a [Page], file: &str) -> &'a str {
        &pages.iter().find(|p| p.file == file).unwrap_or_else(|| panic!("no page {file}")).html
    }

    #[test]
    fn files_follow_addresses() {
        assert_eq!(file_for(Lang::Da, &Route::Overview), "index.html");
        assert_eq!(file_for(Lang::En, &Route::Overview), "en/index.html");
        assert_eq!(file_for(Lang::Da, &Route::Lesson("a".into())), "lesson/a.html");
        assert_eq!(file_for(Lang::En, &Route::Certificate("core".into())), "en/certificate/core.html");
        assert_eq!(file_for(Lang::Da, &Route::Settings), "settings.html");
        assert_eq!(file_for(Lang::En, &Route::NotFound), "en/404.html");
    }

    #[test]
    fn every_route_in_every_language_has_a_page() {
        let pages = course();
        let compiled = compile(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
        for lang in Lang::ALL {
            let (_, json) = compiled.files.iter().find(|(p, _)| *p == format!("{}/index.json", lang.code())).unwrap();
            let catalog: Catalog = miniserde::json::from_str(json).unwrap();
            let routes = route::all(&catalog);
            assert!(routes.len() > 10);
            for r in routes {
                let html = page(&pages, &file_for(lang, &r));
                let head = format!(
                    "<!doctype html><html lang=\"{}\" class=\"pre\" data-preload=\"/kend-tegnene-2.js /kend-tegnene_bg-3.wasm /content/{0}/index.json",
                    lang.code()
                );
                assert!(html.starts_with(&head), "{html}");
                assert!(
                    html.contains(&format!("<meta name=\"description\" content=\"{}\">", lang.ui().meta_description))
                );
                assert!(html.contains("<link rel=\"icon\" href=\"/favicon-5.svg\""));
                assert!(html.contains("<main id=\"main\" tabindex=\"-1\">"), "{html}");
                assert!(html.contains("<h1"), "{:?} {:?} has a heading", lang, r);
            }
        }
        let shell = page(&pages, "shell.html");
        assert!(shell.contains("<html lang=\"da\" data-boot=\"/boot-1.js\"><head>"), "{shell}");
        assert!(shell.ends_with("<body></body></html>"), "{shell}");
    }

    #[test]
    fn the_page_names_its_content_for_the_loader_and_requests_nothing_else_before_it_is_painted() {
        let pages = course();
        let lesson = page(&pages, "en/lesson/what-is-trafficking.html");
        assert!(lesson.starts_with(
            "<!doctype html><html lang=\"en\" class=\"pre\" data-preload=\"/kend-tegnene-2.js /kend-tegnene_bg-3.wasm /content/en/index.json /content/en/lessons/what-is-trafficking.json\" data-boot=\"/boot-1.js\"><head>"
        ));
        // Before the first paint the page asks only for its stylesheet (and,
        // when the browser wants it, the icon): no script, no preload, no
        // manifest. The loader is the one inline script.
        let head = &lesson[..lesson.find("</head>").unwrap()];
        assert_eq!(head.matches("<link ").count(), 2, "{head}");
        assert!(head.contains("<link rel=\"icon\"") && head.contains("<link rel=\"stylesheet\""));
        assert_eq!(head.matches("<script").count(), 1);
        assert!(head.contains(&format!("<script>{LOADER}</script>")));
        assert!(!lesson.contains("src=\"/boot"));
    }

    #[test]
    fn lessons_are_readable_and_link_within_their_language() {
        let pages = course();
        let en = page(&pages, "en/lesson/what-is-trafficking.html");
        assert!(en.contains("<article class=\"lesson\"><h1 id=\"page-title\">"));
        assert!(en.contains("class=\"prose\""));
        assert!(en.contains("<a class=\"button secondary\" href=\"/en/lesson/"), "the next lesson, in English");
        // No Danish link but the language switch.
        assert_eq!(en.matches("href=\"/lesson/").count(), 1, "{en}");
        assert!(en.contains("id=\"lang-switch\" href=\"/lesson/what-is-trafficking\""));
        let da = page(&pages, "lesson/what-is-trafficking.html");
        assert!(da.contains("id=\"lang-switch\" href=\"/en/lesson/what-is-trafficking\""));
        assert!(!da.contains("noscript"), "a lesson needs no app");
    }

    #[test]
    fn cases_and_checks_say_they_need_a_current_browser() {
        let pages = course();
        for file in ["scenario/er-night-shift.html", "quiz/core-check.html", "settings.html", "certificate/core.html"] {
            let html = page(&pages, file);
            assert!(html.contains(&format!("<noscript><p class=\"needs-browser\">{}", Lang::Da.ui().needs_browser)));
        }
        let case = page(&pages, "en/scenario/er-night-shift.html");
        assert!(case.contains("<article class=\"scenario\"><h1 id=\"page-title\">"));
        assert!(case.contains("<div class=\"scenario-body\" aria-live=\"polite\"><div class=\"prose\">"));
        assert!(case.contains("id=\"start\""));
    }
}
