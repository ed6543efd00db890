//! The learner's role, and what it changes: which track the overview leads
//! with. A setting like the language, never part of progress, so choosing
//! another role hides nothing the learner has done.

use crate::content::{Audience, Catalog, Item, Module};
use crate::progress::Progress;
use crate::views::overview::{completion, Completion};

/// Where the learner's role is remembered (localStorage). A setting like the
/// language: never part of progress, so changing it hides nothing done.
/// (boot.js reads it too; a test in xtask checks the name.)
pub const ROLE_KEY: &str = "kend-tegnene.role";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Police,
    Health,
    Embassy,
    /// Another job, or just looking: the core module leads, every track is
    /// optional.
    Other,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Police, Role::Health, Role::Embassy, Role::Other];

    /// The word stored in the browser and used in `data-` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Role::Police => "police",
            Role::Health => "health",
            Role::Embassy => "embassy",
            Role::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The audience track this role follows, if any.
    pub fn track(self) -> Option<Audience> {
        match self {
            Role::Police => Some(Audience::Police),
            Role::Health => Some(Audience::Health),
            Role::Embassy => Some(Audience::Embassy),
            Role::Other => None,
        }
    }

    /// The "what to do now" guide for this role (see `route::GUIDES`).
    pub fn guide(self) -> &'static str {
        self.track().map_or("general", Audience::id)
    }
}

/// The modules the overview leads with for `role` (the core module and the
/// role's track, in course order), and the rest, shown folded as optional.
/// Without a role every module leads, as before one is chosen.
pub fn arrange(catalog: &Catalog, role: Option<Role>) -> (Vec<&Module>, Vec<&Module>) {
    catalog.modules.iter().partition(|m| match (role, m.audience) {
        (None, _) | (_, None) => true,
        (Some(r), Some(a)) => r.track() == Some(a),
    })
}

/// Where to continue: the first item begun and not finished in the leading
/// modules, else the first not yet done there, else the first not done in
/// the whole course. `None` when everything is done.
pub fn next_step<'a>(catalog: &'a Catalog, role: Option<Role>, p: &Progress) -> Option<&'a Item> {
    let (lead, rest) = arrange(catalog, role);
    let find = |ms: &[&'a Module], c: Completion| ms.iter().flat_map(|m| &m.items).find(|i| completion(p, i) == c);
    let begun = find(&lead, Completion::InProgress);
    begun.or_else(|| find(&lead, Completion::NotStarted)).or_else(|| find(&rest, Completion::NotStarted))
}

/// (done, total) over a set of modules, for the progress bars.
pub fn done_of(modules: &[&Module], p: &Progress) -> (usize, usize) {
    let items = modules.iter().flat_map(|m| m.items.iter());
    let done = items.clone().filter(|i| matches!(completion(p, i), Completion::Done(_))).count();
    (done, items.count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ItemKind;
    use crate::i18n::Lang;

    fn module(id: &str, audience: Option<Audience>, items: &[&str]) -> Module {
        let item = |i: &&str| Item {
            id: i.to_string(),
            kind: ItemKind::Lesson,
            title: i.to_string(),
            minutes: 5,
            precheck: 0,
            error: None,
        };
        Module { id: id.into(), title: id.into(), audience, items: items.iter().map(item).collect() }
    }

    fn catalog() -> Catalog {
        Catalog {
            lang: Lang::Da,
            content_version: "1".into(),
            modules: vec![
                module("core", None, &["a", "b"]),
                module("police", Some(Audience::Police), &["p"]),
                module("health", Some(Audience::Health), &["h"]),
            ],
        }
    }

    #[test]
    fn ids_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_id(r.id()), Some(r));
        }
        assert_eq!(Role::from_id("x"), None);
        assert_eq!(Role::Other.guide(), "general");
        assert_eq!(Role::Health.guide(), "health");
    }

    #[test]
    fn the_role_leads_with_core_and_its_track() {
        let c = catalog();
        let ids = |ms: Vec<&Module>| ms.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        let (lead, rest) = arrange(&c, Some(Role::Health));
        assert_eq!((ids(lead), ids(rest)), (vec!["core".to_string(), "health".into()], vec!["police".to_string()]));
        let (lead, rest) = arrange(&c, Some(Role::Other));
        assert_eq!((ids(lead), ids(rest).len()), (vec!["core".to_string()], 2));
        assert_eq!(arrange(&c, None).0.len(), 3);
    }

    #[test]
    fn continues_with_the_next_item_of_the_track_and_counts_done() {
        let c = catalog();
        let mut p = Progress::default();
        assert_eq!(next_step(&c, Some(Role::Police), &p).map(|i| i.id.as_str()), Some("a"));
        p.mark_read("a", 1);
        p.mark_read("b", 1);
        assert_eq!(next_step(&c, Some(Role::Police), &p).map(|i| i.id.as_str()), Some("p"));
        p.mark_read("p", 1);
        // The track is done: the optional tracks come next.
        assert_eq!(next_step(&c, Some(Role::Police), &p).map(|i| i.id.as_str()), Some("h"));
        // Changing role hides nothing done: the counts come from progress.
        let (lead, _) = arrange(&c, Some(Role::Health));
        assert_eq!(done_of(&lead, &p), (2, 3));
        p.mark_read("h", 1);
        assert_eq!(next_step(&c, None, &p), None);
    }
}
