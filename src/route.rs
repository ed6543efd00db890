//! The app's addresses. Pure, so parsing is tested natively; the browser
//! side (history, link clicks) is in `router`.
//!
//! An address carries its language: Danish at the root (`/lesson/x`),
//! English under `/en` (`/en/lesson/x`). [`all`] lists every page of the
//! course; the build writes a static HTML file for each one in each
//! language (see `crate::prerender`).

use crate::content::{Catalog, Item, ItemKind};
use crate::i18n::Lang;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Overview,
    Lesson(String),
    Scenario(String),
    Quiz(String),
    /// The certificate for one module (an audience track or the core).
    Certificate(String),
    /// "Your data": your role, export, import, reset.
    Settings,
    /// The glossary of terms lessons link to.
    Glossary,
    /// "What to do now" for one audience, or `general` (see [`GUIDES`]).
    Guide(String),
    /// Search over lessons, sections, cases and the glossary (the query is
    /// in `?q=`, read by the page).
    Search,
    NotFound,
}

impl Route {
    /// The page of a course item.
    pub fn of_item(item: &Item) -> Route {
        let id = item.id.clone();
        match item.kind {
            ItemKind::Lesson => Route::Lesson(id),
            ItemKind::Scenario => Route::Scenario(id),
            ItemKind::Quiz => Route::Quiz(id),
        }
    }

    /// The language and route of a URL path: `/en` or `/en/…` is English,
    /// anything else Danish (so addresses from before English had its own
    /// keep working).
    pub fn parse_address(path: &str) -> (Lang, Route) {
        match path.strip_prefix("/en") {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => (Lang::En, Route::parse(rest)),
            _ => (Lang::Da, Route::parse(path)),
        }
    }

    /// The address of this route in `lang`.
    pub fn address(&self, lang: Lang) -> String {
        lang.href(&self.href())
    }

    /// The route for a URL path without a language (without query or fragment).
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Overview,
            ["lesson", id] if is_id(id) => Route::Lesson(id.to_string()),
            ["scenario", id] if is_id(id) => Route::Scenario(id.to_string()),
            ["quiz", id] if is_id(id) => Route::Quiz(id.to_string()),
            ["certificate", id] if is_id(id) => Route::Certificate(id.to_string()),
            ["settings"] => Route::Settings,
            ["glossary"] => Route::Glossary,
            ["search"] => Route::Search,
            ["what-to-do"] => Route::Guide("general".into()),
            ["what-to-do", id] if GUIDES.contains(id) => Route::Guide(id.to_string()),
            _ => Route::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Overview => "/".into(),
            Route::Lesson(id) => format!("/lesson/{id}"),
            Route::Scenario(id) => format!("/scenario/{id}"),
            Route::Quiz(id) => format!("/quiz/{id}"),
            Route::Certificate(id) => format!("/certificate/{id}"),
            Route::Settings => "/settings".into(),
            Route::Glossary => "/glossary".into(),
            Route::Search => "/search".into(),
            Route::Guide(id) if id == "general" => "/what-to-do".into(),
            Route::Guide(id) => format!("/what-to-do/{id}"),
            Route::NotFound => "/not-found".into(),
        }
    }
}

/// Every page of the course, in course order: the overview, each item,
/// each module's certificate, the glossary, the guides, search, "your data",
/// and the not-found page. The build
/// writes a static page for each, in each language, so a page added to the
/// app is added here too.
pub fn all(catalog: &Catalog) -> Vec<Route> {
    let mut routes = vec![Route::Overview];
    routes.extend(catalog.modules.iter().flat_map(|m| &m.items).map(Route::of_item));
    routes.extend(catalog.modules.iter().map(|m| Route::Certificate(m.id.clone())));
    routes.push(Route::Glossary);
    routes.extend(GUIDES.iter().map(|g| Route::Guide(g.to_string())));
    routes.extend([Route::Search, Route::Settings, Route::NotFound]);
    routes
}

/// The "what to do now" guides: one per audience and a general one. Each
/// is `content/<lang>/guides/<id>.md`; the content check requires them all.
pub const GUIDES: [&str; 4] = ["general", "police", "health", "embassy"];

/// Content ids are lowercase ASCII words joined by hyphens; anything else in
/// an address cannot name content, and is never used to build a fetch URL.
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 80 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_page() {
        assert_eq!(Route::parse("/"), Route::Overview);
        assert_eq!(Route::parse(""), Route::Overview);
        assert_eq!(Route::parse("/lesson/what-is-trafficking"), Route::Lesson("what-is-trafficking".into()));
        assert_eq!(Route::parse("/scenario/er-night-shift/"), Route::Scenario("er-night-shift".into()));
        assert_eq!(Route::parse("/lesson"), Route::NotFound);
        assert_eq!(Route::parse("/lesson/a/b"), Route::NotFound);
        assert_eq!(Route::parse("/elsewhere"), Route::NotFound);
        assert_eq!(Route::parse("/what-to-do/police"), Route::Guide("police".into()));
        assert_eq!(Route::parse("/what-to-do/unknown"), Route::NotFound);
    }

    #[test]
    fn ids_that_could_escape_a_url_are_not_found() {
        assert_eq!(Route::parse("/lesson/..%2Fx"), Route::NotFound);
        assert_eq!(Route::parse("/lesson/Upper"), Route::NotFound);
    }

    #[test]
    fn english_lives_under_en_and_old_addresses_stay_danish() {
        assert_eq!(Route::parse_address("/"), (Lang::Da, Route::Overview));
        assert_eq!(Route::parse_address("/en"), (Lang::En, Route::Overview));
        assert_eq!(Route::parse_address("/en/"), (Lang::En, Route::Overview));
        assert_eq!(Route::parse_address("/en/lesson/a"), (Lang::En, Route::Lesson("a".into())));
        assert_eq!(Route::parse_address("/lesson/a"), (Lang::Da, Route::Lesson("a".into())));
        assert_eq!(Route::parse_address("/english"), (Lang::Da, Route::NotFound));
        assert_eq!(Route::Overview.address(Lang::En), "/en/");
        assert_eq!(Route::Settings.address(Lang::En), "/en/settings");
        assert_eq!(Route::Settings.address(Lang::Da), "/settings");
        assert_eq!(Lang::En.href("/lesson/a#b"), "/en/lesson/a#b");
        for lang in Lang::ALL {
            for r in [Route::Overview, Route::Quiz("q".into()), Route::NotFound] {
                assert_eq!(Route::parse_address(&r.address(lang)), (lang, r.clone()));
            }
        }
    }

    #[test]
    fn href_round_trips() {
        for r in [
            Route::Overview,
            Route::Lesson("a-1".into()),
            Route::Scenario("b".into()),
            Route::Quiz("c".into()),
            Route::Certificate("core".into()),
            Route::Settings,
            Route::Glossary,
            Route::Search,
            Route::Guide("general".into()),
            Route::Guide("embassy".into()),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
    }
}
