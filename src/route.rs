//! The app's addresses. Pure, so parsing is tested natively; the browser
//! side (history, link clicks) is in `router`.

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
    /// The route for a URL path (without query or fragment).
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
