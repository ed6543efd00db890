//! The storyboard: the whole course in one language as one self-contained,
//! printable HTML page, for the experts who review it on paper. Every
//! lesson; every case as its steps, with each choice's grade, feedback,
//! consequence and where it leads, and the endings; every question with its
//! answer, feedback, tags and where it is taught.
//!
//! It reads the compiled model (`content::compile::Course`), so what the
//! experts read is exactly what the app shows: there is no second parser.
//! Native only (`cargo xtask storyboard`); nothing of it is in the app.

use crate::content::compile::Course;
use crate::content::{Catalog, Item, ItemKind, Lesson, Question, QuestionKind, Quiz, Scenario};
use crate::html::Html;
use crate::i18n::{fill, Lang, Ui};
use crate::views::lesson::source;
use crate::views::scenario::quality_label;

/// Words only the storyboard uses (not part of the app's interface).
struct Words {
    title: &'static str,
    contents: &'static str,
    version: &'static str,
    lesson: &'static str,
    case: &'static str,
    quiz: &'static str,
    step: &'static str,
    start: &'static str,
    leads_to: &'static str,
    ending: &'static str,
    dilemma: &'static str,
    pinned: &'static str,
    tags: &'static str,
    correct: &'static str,
    wrong: &'static str,
    sign: &'static str,
    not_sign: &'static str,
    pool: &'static str,
    kind: [&'static str; 5],
}

const DA: Words = Words {
    title: "Kend tegnene: hele kurset til gennemsyn",
    contents: "Indhold",
    version: "Indholdsversion",
    lesson: "Lektion",
    case: "Case",
    quiz: "Videnstjek",
    step: "Trin",
    start: "første trin",
    leads_to: "fører til",
    ending: "Slutning",
    dilemma: "dilemma: to valg kan forsvares",
    pinned: "vises altid sidst",
    tags: "Tags",
    correct: "rigtigt",
    wrong: "forkert",
    sign: "tegn",
    not_sign: "ikke et tegn",
    pool: "Pulje: {} spørgsmål",
    kind: ["ét svar", "flere svar", "sandt eller falsk", "rækkefølge", "find tegnene"],
};

const EN: Words = Words {
    title: "Know the signs: the whole course for review",
    contents: "Contents",
    version: "Content version",
    lesson: "Lesson",
    case: "Case",
    quiz: "Knowledge check",
    step: "Step",
    start: "first step",
    leads_to: "leads to",
    ending: "Ending",
    dilemma: "dilemma: two choices can be defended",
    pinned: "always shown last",
    tags: "Tags",
    correct: "right",
    wrong: "wrong",
    sign: "sign",
    not_sign: "not a sign",
    pool: "Pool: {} questions",
    kind: ["one answer", "several answers", "true or false", "order", "spot the signs"],
};

/// A print stylesheet, inline so the file stands alone.
const STYLE: &str = "body{font:11pt/1.45 Georgia,serif;max-width:48em;margin:2em auto;padding:0 1em;color:#111}\
h1,h2,h3,h4{font-family:Helvetica,Arial,sans-serif;line-height:1.2}\
.meta,.tags,.next{font:9pt Helvetica,Arial,sans-serif;color:#444}\
.grade{font:bold 9pt Helvetica,Arial,sans-serif;text-transform:uppercase}\
.best{color:#075e2b}.acceptable{color:#6b4b00}.harmful{color:#9b1c1c}\
.step,.question,.ending{border-left:3px solid #bbb;padding-left:.8em;margin:1.2em 0}\
.choice,.option{margin:.6em 0}.feedback,.consequence{margin-left:1.2em}\
.consequence{border-left:2px dashed #999;padding-left:.6em}.error{color:#9b1c1c}\
@page{size:A4;margin:18mm 16mm}\
@media print{body{margin:0;max-width:none}article.item{break-before:page}\
.step,.question,.ending,.choice{break-inside:avoid}a{color:inherit;text-decoration:none}nav{break-after:page}}";

/// The storyboard of one language's course, as a whole HTML document.
pub fn render(course: &Course) -> String {
    let ui = course.lang.ui();
    let w = if course.lang == Lang::Da { &DA } else { &EN };
    let mut h = Html::new();
    h.raw("<!doctype html>").open("html", &[("lang", course.lang.code())]).open("head", &[]);
    h.open("meta", &[("charset", "utf-8")]).el("title", &[], w.title);
    h.el_raw("style", &[], STYLE).close("head").open("body", &[]);
    h.el("h1", &[], w.title);
    h.el("p", &[("class", "meta")], &format!("{}: {}", w.version, course.catalog.content_version));
    contents(&mut h, w, &course.catalog);
    for m in &course.catalog.modules {
        h.open("section", &[("class", "module"), ("id", &format!("module-{}", m.id))]);
        h.el("h2", &[], &m.title);
        for item in &m.items {
            h.open("article", &[("class", "item"), ("id", &anchor(item))]);
            match (&item.error, item.kind) {
                (Some(e), _) => {
                    h.el("h3", &[], &item.title).el("p", &[("class", "error")], e);
                }
                (None, ItemKind::Lesson) => {
                    if let Some(l) = course.lessons.get(&item.id) {
                        lesson(&mut h, ui, w, l);
                    }
                }
                (None, ItemKind::Scenario) => {
                    if let Some(s) = course.scenarios.get(&item.id) {
                        scenario(&mut h, ui, w, s);
                    }
                }
                (None, ItemKind::Quiz) => {
                    if let Some(q) = course.quizzes.get(&item.id) {
                        quiz(&mut h, ui, w, q);
                    }
                }
            }
            h.close("article");
        }
        h.close("section");
    }
    h.close("body").close("html");
    h.finish()
}

fn anchor(item: &Item) -> String {
    format!("{}-{}", item.kind.folder(), item.id)
}

fn contents(h: &mut Html, w: &Words, c: &Catalog) {
    h.open("nav", &[]).el("h2", &[], w.contents).open("ol", &[]);
    for m in &c.modules {
        h.open("li", &[]).text(&m.title).open("ol", &[]);
        for item in &m.items {
            let kind = match item.kind {
                ItemKind::Lesson => w.lesson,
                ItemKind::Scenario => w.case,
                ItemKind::Quiz => w.quiz,
            };
            h.open("li", &[]).text(kind).text(": ");
            h.el("a", &[("href", &format!("#{}", anchor(item)))], &item.title).close("li");
        }
        h.close("ol").close("li");
    }
    h.close("ol").close("nav");
}

fn tags(h: &mut Html, ui: &'static Ui, w: &Words, tags: &[String]) {
    if !tags.is_empty() {
        let names: Vec<&str> = tags.iter().map(|t| ui.tag(t)).collect();
        h.el("p", &[("class", "tags")], &format!("{}: {} ({})", w.tags, names.join(", "), tags.join(", ")));
    }
}

fn lesson(h: &mut Html, ui: &'static Ui, w: &Words, l: &Lesson) {
    h.el("h3", &[], &format!("{}: {}", w.lesson, l.title));
    let meta = format!("{} · {} · {}", l.id, fill(ui.minutes, l.minutes), fill(ui.lesson_updated, &l.updated));
    h.el("p", &[("class", "meta")], &meta);
    tags(h, ui, w, &l.tags);
    h.el_raw("div", &[("class", "prose")], &l.html);
    h.el("h4", &[], ui.lesson_sources).open("ul", &[]);
    for s in &l.sources {
        source(h, s);
    }
    h.close("ul");
}

fn scenario(h: &mut Html, ui: &'static Ui, w: &Words, s: &Scenario) {
    h.el("h3", &[], &format!("{}: {}", w.case, s.title));
    h.el("p", &[("class", "meta")], &format!("{} · {} · {}: {}", s.id, fill(ui.minutes, s.minutes), w.start, s.start));
    tags(h, ui, w, &s.tags);
    h.el_raw("div", &[("class", "prose")], &s.intro);
    for st in &s.steps {
        h.open("section", &[("class", "step"), ("id", &format!("{}-{}", s.id, st.id))]);
        let mut title = format!("{} '{}'", w.step, st.id);
        if st.dilemma {
            title = format!("{title} ({})", w.dilemma);
        }
        h.el("h4", &[], &title).el_raw("div", &[("class", "prose")], &st.text).open("ol", &[]);
        for c in &st.choices {
            h.open("li", &[("class", "choice")]).el_raw("strong", &[], &c.text).text(" ");
            h.el("span", &[("class", &format!("grade {}", c.quality.id()))], quality_label(ui, c.quality));
            let mut next = format!("→ {} '{}'", w.leads_to, c.next);
            if c.pin_last {
                next = format!("{next} · {}", w.pinned);
            }
            if let Some(l) = &c.learn_more {
                next = format!("{next} · {}: {l}", ui.learn_more);
            }
            h.el("p", &[("class", "next")], &next);
            tags(h, ui, w, &c.tags);
            h.el_raw("div", &[("class", "feedback")], &c.feedback);
            if !c.consequence.is_empty() {
                h.open("div", &[("class", "consequence")]).el("strong", &[], ui.scenario_consequence);
                h.raw(&c.consequence).close("div");
            }
            h.close("li");
        }
        h.close("ol").close("section");
    }
    for e in &s.endings {
        h.open("section", &[("class", "ending"), ("id", &format!("{}-{}", s.id, e.id))]);
        h.open("h4", &[]).text(&format!("{} '{}' ", w.ending, e.id));
        h.el("span", &[("class", &format!("grade {}", e.grade.id()))], e.grade.id()).close("h4");
        h.el_raw("div", &[("class", "prose")], &e.text).close("section");
    }
}

fn quiz(h: &mut Html, ui: &'static Ui, w: &Words, q: &Quiz) {
    h.el("h3", &[], &format!("{}: {}", w.quiz, q.title));
    let mut meta = format!("{} · {} · {}", q.id, fill(ui.minutes, q.minutes), fill(w.pool, q.questions.len()));
    if q.round > 0 {
        meta = format!("{meta} · round = {}", q.round);
    }
    if q.precheck > 0 {
        meta = format!("{meta} · precheck = {}", q.precheck);
    }
    h.el("p", &[("class", "meta")], &meta);
    tags(h, ui, w, &q.tags);
    h.el_raw("div", &[("class", "prose")], &q.intro);
    for (n, x) in q.questions.iter().enumerate() {
        question(h, ui, w, q, n, x);
    }
}

fn question(h: &mut Html, ui: &'static Ui, w: &Words, q: &Quiz, n: usize, x: &Question) {
    h.open("section", &[("class", "question"), ("id", &format!("{}-{}", q.id, x.id))]);
    let kind = w.kind[QuestionKind::ALL.iter().position(|k| *k == x.kind).unwrap_or(0)];
    h.el("h4", &[], &format!("{}. '{}' · {kind}", n + 1, x.id));
    tags(h, ui, w, &x.tags);
    h.el_raw("div", &[("class", "prose")], &x.prompt);
    let list = if x.kind == QuestionKind::Order { "ol" } else { "ul" };
    h.open(list, &[]);
    for o in &x.options {
        h.open("li", &[("class", "option")]).el_raw("span", &[], &o.text).text(" ");
        if x.kind != QuestionKind::Order {
            let (class, word) = if o.correct { ("best", w.correct) } else { ("harmful", w.wrong) };
            h.el("span", &[("class", &format!("grade {class}"))], word);
        }
        if o.pin_last {
            h.el("span", &[("class", "next")], &format!(" · {}", w.pinned));
        }
        h.el_raw("div", &[("class", "feedback")], &o.feedback).close("li");
    }
    for s in &x.segments {
        h.open("li", &[("class", "option")]).el_raw("span", &[], &s.text).text(" ");
        match &s.sign {
            Some(tag) => h.el("span", &[("class", "grade best")], &format!("{}: {}", w.sign, ui.tag(tag))),
            None => h.el("span", &[("class", "grade")], w.not_sign),
        };
        h.el_raw("div", &[("class", "feedback")], &s.feedback).close("li");
    }
    h.close(list).el_raw("div", &[("class", "prose")], &x.explanation);
    if let Some(l) = &x.learn_more {
        h.el("p", &[("class", "next")], &format!("{}: {l}", ui.learn_more));
    }
    h.close("section");
}
