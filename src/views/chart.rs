//! Charts as inline SVG, written like the rest of the markup: a progress
//! bar, a bar chart of scores, and the calibration chart. No chart library:
//! a few rectangles and labels cost next to nothing in the wasm.
//!
//! Every chart is hidden from screen readers (`aria-hidden`): the page
//! always shows the same numbers as text or a table next to it, which is
//! the text alternative. Colours come from the stylesheet (classes `track`
//! and `fill`, text in `currentColor`), so dark mode and print follow it.

use crate::html::Html;

/// Width of every chart's drawing, in SVG units; the SVG scales to the
/// column's width.
const W: u32 = 320;

fn svg_open(h: &mut Html, class: &str, height: u32) {
    let view_box = format!("0 0 {W} {height}");
    h.open("svg", &[("class", class), ("viewBox", &view_box), ("aria-hidden", "true"), ("focusable", "false")]);
}

/// A bar of `done` out of `total` at height `y`: the track and its filled
/// part.
fn bar_at(h: &mut Html, y: u32, height: u32, done: u32, total: u32) {
    let (y, hh) = (y.to_string(), height.to_string());
    h.open("rect", &[("class", "track"), ("x", "0"), ("y", &y), ("width", &W.to_string()), ("height", &hh)]);
    h.close("rect");
    let filled = (W * done).checked_div(total).unwrap_or(0).min(W).to_string();
    h.open("rect", &[("class", "fill"), ("x", "0"), ("y", &y), ("width", &filled), ("height", &hh)]);
    h.close("rect");
}

/// A thin progress bar: `done` of `total`.
pub fn progress_bar(h: &mut Html, done: usize, total: usize) {
    svg_open(h, "chart meter", 10);
    bar_at(h, 0, 10, done as u32, total as u32);
    h.close("svg");
}

/// A bar per row: (label, right, out of). The label is written above its
/// bar and the count at the right.
pub fn bars(h: &mut Html, rows: &[(&str, u32, u32)]) {
    const ROW: u32 = 34;
    svg_open(h, "chart bars", ROW * rows.len() as u32);
    for (i, (label, right, of)) in rows.iter().enumerate() {
        let y = i as u32 * ROW;
        h.el("text", &[("x", "0"), ("y", &(y + 13).to_string())], label);
        let count = format!("{right} / {of}");
        h.el("text", &[("x", &W.to_string()), ("y", &(y + 13).to_string()), ("text-anchor", "end")], &count);
        bar_at(h, y + 18, 12, *right, *of);
    }
    h.close("svg");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_hidden_from_screen_readers() {
        let mut h = Html::new();
        bars(&mut h, &[("a & b", 1, 4), ("none", 0, 0)]);
        let svg = h.finish();
        assert!(svg.starts_with("<svg class=\"chart bars\" viewBox=\"0 0 320 68\" aria-hidden=\"true\""), "{svg}");
        assert!(svg.contains("<text x=\"0\" y=\"13\">a &amp; b</text>"));
        assert!(svg.contains(">1 / 4</text>"));
        assert!(svg.contains("class=\"fill\" x=\"0\" y=\"18\" width=\"80\""));
        // Nothing answered draws an empty bar, not a division by zero.
        assert!(svg.contains("class=\"fill\" x=\"0\" y=\"52\" width=\"0\""));
    }

    #[test]
    fn progress_bar_never_overflows() {
        let mut h = Html::new();
        progress_bar(&mut h, 5, 4);
        assert!(h.finish().contains("class=\"fill\" x=\"0\" y=\"0\" width=\"320\""));
    }
}
