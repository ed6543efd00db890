//! A small HTML writer for the views that are plain markup.
//!
//! Most of a page is text and structure that only changes when the learner
//! moves to another step. Writing it as a string (and setting it with
//! `inner_html`) costs a fraction of the wasm that a tree of reactive view
//! nodes does (see ARCHITECTURE.md); the pure `views` functions that use it
//! are tested natively. Text and attribute values are always escaped;
//! [`Html::raw`] is only for content HTML made by the content compiler,
//! which refuses raw HTML in what authors write.

/// HTML being written. The methods are never inlined: they are called from
/// hundreds of places, and one copy of each keeps the wasm small.
#[derive(Default)]
pub struct Html(String);

impl Html {
    pub fn new() -> Self {
        Html(String::with_capacity(2048))
    }

    /// `<tag a="v" ...>`; an attribute with an empty name is skipped, so
    /// optional attributes can be written inline.
    #[inline(never)]
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            if !name.is_empty() {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                escape_into(&mut self.0, value);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    #[inline(never)]
    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Escaped text.
    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.0, text);
        self
    }

    /// An element holding only escaped text.
    #[inline(never)]
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// HTML made by the content compiler (already safe), written as it is.
    #[inline(never)]
    pub fn raw(&mut self, html: &str) -> &mut Self {
        self.0.push_str(html);
        self
    }

    /// An element holding compiled content HTML.
    #[inline(never)]
    pub fn el_raw(&mut self, tag: &str, attrs: &[(&str, &str)], html: &str) -> &mut Self {
        self.open(tag, attrs).raw(html).close(tag)
    }

    pub fn finish(self) -> String {
        self.0
    }
}

#[inline(never)]
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Text without markup, for labels read out by screen readers.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.el("p", &[("title", "\"a\" & <b>"), ("", "skipped")], "<script>x</script>");
        assert_eq!(h.finish(), "<p title=\"&quot;a&quot; &amp; &lt;b&gt;\">&lt;script&gt;x&lt;/script&gt;</p>");
    }

    #[test]
    fn raw_is_written_as_is() {
        let mut h = Html::new();
        h.el_raw("div", &[("class", "prose")], "<p>Hej</p>");
        assert_eq!(h.finish(), "<div class=\"prose\"><p>Hej</p></div>");
    }

    #[test]
    fn tags_are_stripped_for_labels() {
        assert_eq!(strip_tags("Ring <em>112</em>"), "Ring 112");
    }
}
