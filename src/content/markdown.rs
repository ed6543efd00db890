//! The one place that decides how course markdown becomes HTML.
//!
//! Options: tables, footnotes, strikethrough, GFM callouts (`> [!NOTE]`),
//! heading ids (`## Title {#id}`) and `+++` TOML front matter. Raw HTML and
//! images are refused, not rendered: content must never be able to run
//! script or make the browser fetch from another origin. Links written as
//! `lesson:<id>#<section>` become in-app links and are checked later; links
//! written `term:<id>` go to the glossary entry, also checked later.

use crate::i18n::Lang;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// What rendering one markdown text produced.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The `+++` block, if any, with the line its first line is on.
    pub front_matter: Option<(String, usize)>,
    /// Ids of all headings, for checking links into this text.
    pub heading_ids: Vec<String>,
    /// In-app links found: (lesson id, optional section id, line).
    pub links: Vec<Link>,
    /// Glossary terms linked (`term:<id>`): (term id, line), checked
    /// against the glossary later.
    pub terms: Vec<(String, usize)>,
    /// Problems as (line, message).
    pub problems: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub lesson: String,
    pub section: Option<String>,
    pub line: usize,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Render `text`, whose first line is line `first_line` of its file.
pub fn render(text: &str, first_line: usize) -> Rendered {
    let line_of = LineIndex::new(text, first_line);
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut in_metadata = false;
    let mut metadata_line = first_line;
    let mut metadata = String::new();

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let line = line_of.line(range.start);
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::PlusesStyle)) => {
                in_metadata = true;
                metadata_line = line + 1;
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                out.front_matter = Some((std::mem::take(&mut metadata), metadata_line));
            }
            Event::Text(t) if in_metadata => metadata.push_str(&t),
            Event::Html(_) | Event::InlineHtml(_) => {
                out.problems.push((line, "raw HTML is not allowed in course text; use markdown instead".into()))
            }
            Event::Start(Tag::Image { .. }) => {
                out.problems.push((line, "images are not supported in course text".into()));
                events.push(Event::Start(Tag::Emphasis));
            }
            Event::End(TagEnd::Image) => events.push(Event::End(TagEnd::Emphasis)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = match dest_url.strip_prefix("lesson:") {
                    None if dest_url.starts_with("term:") => {
                        let term = dest_url["term:".len()..].to_string();
                        let href = format!("/glossary#{term}");
                        out.terms.push((term, line));
                        CowStr::from(href)
                    }
                    Some(target) => {
                        let (lesson, section) = match target.split_once('#') {
                            Some((l, s)) => (l.to_string(), Some(s.to_string())),
                            None => (target.to_string(), None),
                        };
                        let href = lesson_href(&lesson, section.as_deref());
                        out.links.push(Link { lesson, section, line });
                        CowStr::from(href)
                    }
                    None => {
                        if !is_allowed_external(&dest_url) {
                            out.problems.push((
                                line,
                                format!("link '{dest_url}' must start with https://, mailto:, tel:, lesson: or term:"),
                            ));
                        }
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            other => events.push(other),
        }
    }

    assign_heading_ids(&mut events, &mut out.heading_ids);
    html::push_html(&mut out.html, events.into_iter());
    out
}

/// Render a short text (a choice, a feedback line) without the wrapping
/// paragraph when it is only one.
pub fn render_inline(text: &str, first_line: usize) -> Rendered {
    let mut r = render(text, first_line);
    let trimmed = r.html.trim_end();
    if let Some(inner) = trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        if !inner.contains("<p>") {
            r.html = inner.to_string();
        }
    }
    r
}

/// The in-app address of a lesson section.
pub fn lesson_href(lesson: &str, section: Option<&str>) -> String {
    match section {
        Some(s) => format!("/lesson/{lesson}#{s}"),
        None => format!("/lesson/{lesson}"),
    }
}

/// Point the lesson links in rendered `html` at pages in `lang` (the
/// renderer writes them without a language; see `lesson_href`).
pub fn localize_links(lang: Lang, html: String) -> String {
    match lang.prefix() {
        "" => html,
        prefix => html
            .replace("href=\"/lesson/", &format!("href=\"{prefix}/lesson/"))
            .replace("href=\"/glossary#", &format!("href=\"{prefix}/glossary#")),
    }
}

fn is_allowed_external(url: &str) -> bool {
    ["https://", "mailto:", "tel:", "#"].iter().any(|p| url.starts_with(p))
}

/// Give every heading an id: the author's `{#id}` if given, else a slug of
/// its text, made unique within the document.
fn assign_heading_ids(events: &mut [Event], ids: &mut Vec<String>) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[i] {
            let id = match id {
                Some(id) => id.to_string(),
                None => {
                    let mut text = String::new();
                    for e in &events[i + 1..] {
                        match e {
                            Event::End(TagEnd::Heading(_)) => break,
                            Event::Text(t) | Event::Code(t) => text.push_str(t),
                            _ => {}
                        }
                    }
                    unique(slug(&text), ids)
                }
            };
            ids.push(id.clone());
            let (level, classes, attrs): (HeadingLevel, _, _) = (*level, classes.clone(), attrs.clone());
            events[i] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs });
        }
        i += 1;
    }
}

fn unique(base: String, taken: &[String]) -> String {
    let base = if base.is_empty() { "section".to_string() } else { base };
    if !taken.contains(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken.contains(c)).expect("unbounded")
}

/// A URL-safe id from heading text; Danish letters are spelled out so the
/// id stays plain ASCII.
pub fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => s.push_str("ae"),
            'ø' => s.push_str("oe"),
            'å' => s.push_str("aa"),
            c if c.is_ascii_alphanumeric() => s.push(c),
            _ if !s.ends_with('-') => s.push('-'),
            _ => {}
        }
    }
    s.trim_matches('-').to_string()
}

/// Maps byte offsets in a text to line numbers in its file.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, first_line }
    }

    pub fn line(&self, offset: usize) -> usize {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        self.first_line + idx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_taken_out_with_its_line() {
        let r = render("+++\nid = \"a\"\n+++\n\n# Hej\n", 1);
        let (fm, line) = r.front_matter.unwrap();
        assert_eq!(fm.trim(), "id = \"a\"");
        assert_eq!(line, 2);
        assert!(!r.html.contains("id = "));
        assert!(r.html.contains("<h1 id=\"hej\">Hej</h1>"));
    }

    #[test]
    fn raw_html_is_refused_with_its_line() {
        let r = render("Tekst\n\n<script>alert(1)</script>\n", 10);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].0, 12);
        assert!(!r.html.contains("<script"));
    }

    #[test]
    fn lesson_links_are_rewritten_and_recorded() {
        let r = render("Se [midlerne](lesson:what-is-trafficking#means).", 1);
        assert!(r.html.contains("href=\"/lesson/what-is-trafficking#means\""));
        assert_eq!(
            r.links,
            vec![Link { lesson: "what-is-trafficking".into(), section: Some("means".into()), line: 1 }]
        );
    }

    #[test]
    fn term_links_go_to_the_glossary_and_are_recorded() {
        let r = render("Tekst\n\nEn [refleksionsperiode](term:refleksionsperiode).", 4);
        assert!(r.html.contains("<a href=\"/glossary#refleksionsperiode\">refleksionsperiode</a>"), "{}", r.html);
        assert_eq!(r.terms, vec![("refleksionsperiode".to_string(), 6)]);
    }

    #[test]
    fn insecure_or_unknown_links_are_problems() {
        assert_eq!(render("[x](http://example.org)", 1).problems.len(), 1);
        assert_eq!(render("[x](javascript:alert(1))", 1).problems.len(), 1);
        assert!(render("[x](https://example.org)", 1).problems.is_empty());
    }

    #[test]
    fn images_are_refused() {
        let r = render("![kæde](https://example.org/x.png)", 3);
        assert_eq!(r.problems[0].0, 3);
        assert!(!r.html.contains("<img"));
    }

    #[test]
    fn headings_get_explicit_or_unique_slug_ids() {
        let r = render("## Midlerne {#means}\n\n## Æble og øl\n\n## Æble og øl\n", 1);
        assert_eq!(r.heading_ids, vec!["means", "aeble-og-oel", "aeble-og-oel-2"]);
    }

    #[test]
    fn callouts_render_as_marked_blockquotes() {
        let r = render("> [!NOTE]\n> Fakta.\n", 1);
        assert!(r.html.contains("markdown-alert-note"), "{}", r.html);
    }

    #[test]
    fn inline_render_drops_single_paragraph() {
        assert_eq!(render_inline("Ring *112*.", 1).html, "Ring <em>112</em>.");
    }
}
