//! Progress that is never lost: every stored version still loads, merging
//! two tabs' progress follows the laws of a join and drops nothing the
//! learner finished, and export/import round-trips and refuses bad files
//! without panicking.

use std::path::Path;

use kend_tegnene::progress::{
    export, item_key, parse_import, preview, Attempt, Current, DecodeError, ImportError, ItemRecord, LastAnswer,
    LessonRecord, Progress, QuizCurrent, QuizRecord, ScenarioRecord, CURRENT_VERSION, EXPORT_FORMAT, KEPT_ATTEMPTS,
    MAX_IMPORT_BYTES,
};
use kend_tegnene::quiz::review::Review;
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------------------
// Fixtures: one file per version that ever existed.

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress")
}

/// Every `v<N>.json` in the fixture directory, read at test time.
fn fixtures() -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture directory") {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(n) = name.strip_prefix('v').and_then(|r| r.strip_suffix(".json")) else { continue };
        let n: u32 = n.parse().unwrap_or_else(|_| panic!("fixture {name} is not named v<number>.json"));
        found.push((n, std::fs::read_to_string(fixture_dir().join(&name)).unwrap()));
    }
    found.sort();
    found
}

#[test]
fn there_is_a_fixture_for_every_version() {
    let versions: Vec<u32> = fixtures().iter().map(|(v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=CURRENT_VERSION).collect::<Vec<_>>(),
        "add tests/fixtures/progress/v{CURRENT_VERSION}.json"
    );
}

#[test]
fn every_fixture_loads_as_the_current_version_with_its_content() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty());
    for (v, raw) in fixtures {
        let p = Progress::decode(&raw).unwrap_or_else(|e| panic!("v{v}.json: {e}"));
        assert_eq!(p.version, CURRENT_VERSION, "v{v}.json");
        // Every fixture holds what v1.json holds.
        assert_eq!(p.lessons.get("what-is-trafficking"), Some(&LessonRecord { read_at: 1764320000000 }), "v{v}.json");
        let s = p.scenario("er-night-shift").unwrap_or_else(|| panic!("v{v}.json: scenario lost"));
        assert_eq!(s.best, Some(75), "v{v}.json");
        assert_eq!(s.attempts.len(), 1, "v{v}.json");
        assert_eq!(s.attempts[0].choices, vec![1, 0, 2], "v{v}.json");
        assert_eq!(p.current_choices("er-night-shift"), &[1], "v{v}.json");
        // What each version added.
        if v >= 2 {
            let q = p.quiz("signs-basics").unwrap_or_else(|| panic!("v{v}.json: quiz lost"));
            assert_eq!((q.best, q.rounds), (Some(80), 2), "v{v}.json");
            assert_eq!(q.current.as_ref().map(|c| c.retry), Some(true), "v{v}.json");
            let item = p.item("signs-basics", "passport-held").unwrap();
            assert_eq!((item.answered, item.correct), (2, 1), "v{v}.json");
            assert_eq!(item.last.as_ref().unwrap().tags, vec!["document-control", "debt-bondage"], "v{v}.json");
            assert_eq!(p.due_reviews(1764506400000), vec!["signs-basics/passport-held".to_string()], "v{v}.json");
        }
        // Loaded progress saves and loads back unchanged, and is already in
        // merged form.
        assert_eq!(Progress::decode(&p.encode()).as_ref(), Ok(&p), "v{v}.json");
        assert_eq!(p.merge(&p), p, "v{v}.json");
        // An export of that version imports the same.
        let file = format!("{{\"format\":\"{EXPORT_FORMAT}\",\"exported_at\":1,\"progress\":{raw}}}");
        assert_eq!(parse_import(&file), Ok(p), "v{v}.json as an export");
    }
}

// ---------------------------------------------------------------------------
// Strategies. Small alphabets for ids and times so that keys, attempts and
// times collide between the two sides of a merge.

fn id() -> impl Strategy<Value = String> {
    select(vec!["a", "b", "c", "d"]).prop_map(String::from)
}

fn time() -> impl Strategy<Value = u64> {
    prop_oneof![8 => 0u64..24, 1 => any::<u64>()]
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (time(), vec(0usize..3, 0..3), select(vec!["good", "bad"]), prop_oneof![0u8..=100, any::<u8>()]).prop_map(
        |(finished_at, choices, ending, percent)| Attempt {
            finished_at,
            choices,
            ending: ending.into(),
            percent,
            seed: finished_at / 2,
        },
    )
}

fn current() -> impl Strategy<Value = Current> {
    (time(), vec(0usize..3, 0..3), time()).prop_map(|(updated_at, choices, seed)| Current { updated_at, choices, seed })
}

fn scenario() -> impl Strategy<Value = ScenarioRecord> {
    (option::of(0u8..=100), vec(attempt(), 0..(KEPT_ATTEMPTS + 4)), option::of(current()))
        .prop_map(|(best, attempts, current)| ScenarioRecord { best, attempts, current })
}

fn quiz_current() -> impl Strategy<Value = QuizCurrent> {
    (time(), vec(id(), 0..4), any::<bool>(), time(), vec(id(), 0..3), any::<bool>()).prop_map(
        |(updated_at, answered, retry, seed, drawn, pre)| QuizCurrent { updated_at, answered, retry, seed, drawn, pre },
    )
}

fn quiz() -> impl Strategy<Value = QuizRecord> {
    (option::of(any::<u8>()), prop_oneof![0u32..4, Just(u32::MAX)], option::of(time()), option::of(quiz_current()))
        .prop_map(|(best, rounds, last_finished_at, current)| QuizRecord { best, rounds, last_finished_at, current })
}

fn last_answer() -> impl Strategy<Value = LastAnswer> {
    (time(), any::<bool>(), 0u8..3, vec(select(vec!["debt", "documents", "coached"]).prop_map(String::from), 0..3))
        .prop_map(|(at, correct, confidence, tags)| LastAnswer { at, correct, confidence, tags })
}

fn review() -> impl Strategy<Value = Review> {
    (0u8..5, time()).prop_map(|(leitner_box, due_at)| Review { leitner_box, due_at })
}

fn item() -> impl Strategy<Value = ItemRecord> {
    (0u32..4, 0u32..4, option::of(last_answer()), option::of(review()))
        .prop_map(|(answered, correct, last, review)| ItemRecord { answered, correct, last, review })
}

fn item_id() -> impl Strategy<Value = String> {
    (id(), id()).prop_map(|(q, i)| item_key(&q, &i))
}

/// Any progress of the current version, including forms the methods would
/// not build (unsorted or too many attempts, stale rounds in progress).
fn any_progress() -> impl Strategy<Value = Progress> {
    (
        btree_map(id(), time().prop_map(|read_at| LessonRecord { read_at }), 0..4),
        btree_map(id(), scenario(), 0..3),
        btree_map(id(), quiz(), 0..3),
        btree_map(item_id(), item(), 0..5),
    )
        .prop_map(|(lessons, scenarios, quizzes, items)| Progress {
            version: CURRENT_VERSION,
            lessons,
            scenarios,
            quizzes,
            items,
        })
}

/// Progress in the form merging gives, as stored progress normally is.
fn normal_progress() -> impl Strategy<Value = Progress> {
    any_progress().prop_map(|p| p.normalized())
}

/// One thing the app does to progress.
#[derive(Clone, Debug)]
enum Op {
    Read(String, u64),
    Choose(String, usize, u64),
    Restart(String),
    Finish(String, u8, u64),
    Answer(String, String, LastAnswer, Option<Review>),
    StartRound(String, bool, u64),
    FinishRound(String, u8, u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (id(), time()).prop_map(|(a, t)| Op::Read(a, t)),
        (id(), 0usize..3, time()).prop_map(|(a, c, t)| Op::Choose(a, c, t)),
        id().prop_map(Op::Restart),
        (id(), 0u8..=100, time()).prop_map(|(a, p, t)| Op::Finish(a, p, t)),
        (id(), id(), last_answer(), option::of(review())).prop_map(|(q, i, l, r)| Op::Answer(q, i, l, r)),
        (id(), any::<bool>(), time()).prop_map(|(q, r, t)| Op::StartRound(q, r, t)),
        (id(), 0u8..=100, time()).prop_map(|(q, p, t)| Op::FinishRound(q, p, t)),
    ]
}

fn apply(p: &mut Progress, op: &Op) {
    match op.clone() {
        Op::Read(a, t) => p.mark_read(&a, t),
        Op::Choose(a, c, t) => p.choose(&a, c, t),
        Op::Restart(a) => p.restart(&a),
        Op::Finish(a, pc, t) => p.finish(&a, "end", pc, t),
        Op::Answer(q, i, l, r) => p.record_answer(&q, &i, l, r),
        Op::StartRound(q, r, t) => p.start_round(&q, r, t),
        Op::FinishRound(q, pc, t) => p.finish_round(&q, pc, t),
    }
}

/// Everything `merged` must still hold of `side`.
fn keeps_everything_of(merged: &Progress, side: &Progress) -> Result<(), TestCaseError> {
    prop_assert_eq!(merged.version, CURRENT_VERSION);
    for (k, l) in &side.lessons {
        let m = merged.lessons.get(k);
        prop_assert!(m.is_some_and(|m| m.read_at <= l.read_at), "lesson {} lost", k);
    }
    for (k, s) in &side.scenarios {
        let m = merged.scenarios.get(k);
        prop_assert!(m.is_some(), "scenario {} lost", k);
        let m = m.unwrap();
        prop_assert!(m.best >= s.best, "scenario {} best lowered", k);
        for t in &s.attempts {
            prop_assert!(m.best >= Some(t.percent), "scenario {}: an attempt's score is lost", k);
            // An attempt is only dropped for KEPT_ATTEMPTS newer ones.
            prop_assert!(
                m.attempts.contains(t) || (m.attempts.len() == KEPT_ATTEMPTS && m.attempts.iter().all(|n| n > t)),
                "scenario {}: attempt {:?} lost",
                k,
                t
            );
        }
        prop_assert!(m.attempts.len() <= KEPT_ATTEMPTS);
        prop_assert!(m.attempts.windows(2).all(|w| w[0] < w[1]), "attempts sorted and unique");
    }
    for (k, q) in &side.quizzes {
        let m = merged.quizzes.get(k);
        prop_assert!(m.is_some(), "quiz {} lost", k);
        let m = m.unwrap();
        prop_assert!(m.best >= q.best && m.rounds >= q.rounds && m.last_finished_at >= q.last_finished_at);
    }
    for (k, i) in &side.items {
        let m = merged.items.get(k);
        prop_assert!(m.is_some(), "item {} lost", k);
        let m = m.unwrap();
        prop_assert!(m.answered >= i.answered && m.correct >= i.correct);
        prop_assert!(m.last >= i.last, "item {}: an older answer replaced a newer one", k);
    }
    prop_assert!(merged.completed_count() >= side.completed_count());
    Ok(())
}

// ---------------------------------------------------------------------------
// Merge laws.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn merge_is_commutative(a in any_progress(), b in any_progress()) {
        prop_assert_eq!(a.merge(&b), b.merge(&a));
    }

    #[test]
    fn merge_is_associative(a in any_progress(), b in any_progress(), c in any_progress()) {
        prop_assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
    }

    #[test]
    fn merge_is_idempotent(a in normal_progress()) {
        prop_assert_eq!(a.merge(&a), a);
    }

    #[test]
    fn merging_with_itself_or_nothing_normalizes(a in any_progress()) {
        let n = a.normalized();
        prop_assert_eq!(a.merge(&a), n.clone());
        prop_assert_eq!(a.merge(&Progress::default()), n.clone());
        prop_assert_eq!(n.normalized(), n);
    }

    #[test]
    fn merge_never_drops_anything_finished(a in any_progress(), b in any_progress()) {
        let m = a.merge(&b);
        keeps_everything_of(&m, &a)?;
        keeps_everything_of(&m, &b)?;
        let keys = |p: &Progress| p.items.keys().cloned().collect::<Vec<_>>();
        let mut expected = keys(&a);
        expected.extend(keys(&b));
        expected.sort();
        expected.dedup();
        prop_assert_eq!(keys(&m), expected);
    }

    #[test]
    fn two_tabs_working_on_the_same_progress_merge_without_loss(
        start in vec(op(), 0..8),
        left in vec(op(), 0..8),
        right in vec(op(), 0..8),
    ) {
        let mut base = Progress::default();
        start.iter().for_each(|o| apply(&mut base, o));
        let (mut a, mut b) = (base.clone(), base.clone());
        left.iter().for_each(|o| apply(&mut a, o));
        right.iter().for_each(|o| apply(&mut b, o));
        let m = a.merge(&b);
        keeps_everything_of(&m, &a)?;
        keeps_everything_of(&m, &b)?;
        prop_assert_eq!(m.clone(), b.merge(&a));
        prop_assert_eq!(m.merge(&a), m.clone());
        prop_assert_eq!(Progress::decode(&m.encode()), Ok(m));
    }
}

// ---------------------------------------------------------------------------
// Round trips and preview.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn decode_reads_what_encode_wrote(p in any_progress()) {
        prop_assert_eq!(Progress::decode(&p.encode()), Ok(p));
    }

    #[test]
    fn import_reads_what_export_wrote(p in any_progress(), now in any::<u64>()) {
        prop_assert_eq!(parse_import(&export(&p, now)), Ok(p));
    }

    #[test]
    fn preview_tells_what_merging_changes(a in any_progress(), b in any_progress()) {
        let pv = preview(&a, &b);
        let m = a.merge(&b);
        prop_assert_eq!(pv.unchanged, m == a.normalized());
        for k in &pv.lessons_added {
            prop_assert!(!a.is_read(k) && m.is_read(k));
        }
        prop_assert_eq!(pv.lessons_added.len(), m.lessons.len() - a.lessons.len());
        prop_assert_eq!(pv.items_added, m.items.len() - a.items.len());
        for k in &pv.quizzes_improved {
            prop_assert!(b.quizzes.contains_key(k));
        }
        for k in &pv.scenarios_improved {
            prop_assert!(b.scenarios.contains_key(k));
        }
        if pv.unchanged {
            prop_assert!(pv.lessons_added.is_empty() && pv.scenarios_improved.is_empty());
            prop_assert!(pv.quizzes_improved.is_empty() && pv.items_added == 0);
        }
        prop_assert!(preview(&m, &b).unchanged, "after importing, importing again changes nothing");
    }
}

// ---------------------------------------------------------------------------
// Malformed input: never a panic, always the right error.

/// An export of `p` damaged in one of the ways files get damaged.
fn damaged(p: Progress) -> impl Strategy<Value = String> {
    let text = export(&p, 1_764_320_000_000);
    let len = text.len();
    prop_oneof![
        // Truncated (export text is ASCII, any index is a char boundary).
        (0..len).prop_map({
            let t = text.clone();
            move |i| t[..i].to_string()
        }),
        // One byte replaced by something else.
        (
            0..len,
            select(vec![
                "",
                "[",
                "]",
                "{",
                "}",
                "\"",
                ",",
                ":",
                "-",
                "9",
                "99999999999999999999",
                "1e999",
                "null",
                "\u{0}",
                "\\u"
            ])
        )
            .prop_map({
                let t = text.clone();
                move |(i, s)| format!("{}{}{}", &t[..i], s, &t[i + 1..])
            }),
        // A number swapped for one out of range.
        select(vec!["-1", "256", "4294967296", "18446744073709551616", "1.5", "-0", "1e3", "true", "\"7\""]).prop_map(
            {
                let t = text.clone();
                move |n| t.replacen(":1764320000000", &format!(":{n}"), 1).replacen(":2,", &format!(":{n},"), 1)
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        let _ = Progress::decode(&s);
        let _ = parse_import(&s);
    }

    #[test]
    fn arbitrary_json_like_text_never_panics(s in "[\\[\\]{}\":,0-9a-z\\\\. -]{0,64}") {
        let _ = Progress::decode(&s);
        let _ = parse_import(&s);
    }

    #[test]
    fn damaged_exports_never_panic(text in any_progress().prop_flat_map(damaged)) {
        match parse_import(&text) {
            // A damage that still reads must read as progress of this version.
            Ok(p) => prop_assert_eq!(p.version, CURRENT_VERSION),
            Err(ImportError::TooLarge { .. }) => prop_assert!(false, "small text called too large"),
            Err(_) => {}
        }
        let _ = Progress::decode(&text);
    }

    #[test]
    fn any_future_version_is_told_apart(v in (CURRENT_VERSION as u64 + 1)..=u64::MAX) {
        let expected = v.min(u32::MAX as u64) as u32;
        let stored = format!("{{\"version\":{v},\"lessons\":\"the future\"}}");
        prop_assert_eq!(Progress::decode(&stored), Err(DecodeError::Future(expected)));
        let file = format!("{{\"format\":\"{EXPORT_FORMAT}\",\"exported_at\":1,\"progress\":{stored}}}");
        prop_assert_eq!(parse_import(&file), Err(ImportError::FromFuture(expected)));
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    assert!(matches!(Progress::decode(&deep), Err(DecodeError::Corrupt(_))));
    assert_eq!(parse_import(&deep), Err(ImportError::NotJson));
    let closed = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(Progress::decode(&closed), Err(DecodeError::Corrupt(_))));
    assert_eq!(parse_import(&closed), Err(ImportError::NotProgressFile));
    // Deep but well-formed JSON inside a file that is otherwise right.
    let inside = format!("{{\"version\":1,\"lessons\":{closed},\"scenarios\":{{}}}}");
    assert!(matches!(Progress::decode(&inside), Err(DecodeError::Corrupt(_))));
    let file = format!("{{\"format\":\"{EXPORT_FORMAT}\",\"progress\":{inside}}}");
    assert_eq!(parse_import(&file), Err(ImportError::Invalid));
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert!(matches!(Progress::decode(&objects), Err(DecodeError::Corrupt(_))));
    assert_eq!(parse_import(&objects), Err(ImportError::NotProgressFile));
}

#[test]
fn huge_input_is_refused_by_size() {
    let p = Progress::default();
    let mut text = export(&p, 1);
    text.push_str(&" ".repeat(MAX_IMPORT_BYTES));
    assert_eq!(parse_import(&text), Err(ImportError::TooLarge { bytes: text.len(), limit: MAX_IMPORT_BYTES }));
    // Big but within the limit: read normally.
    let mut big = Progress::default();
    for i in 0..5_000 {
        big.mark_read(&format!("lesson-{i:05}"), i);
    }
    let text = export(&big, 1);
    assert!(text.len() < MAX_IMPORT_BYTES);
    assert_eq!(parse_import(&text), Ok(big));
}

#[test]
fn numbers_out_of_range_are_invalid() {
    let mut p = Progress::default();
    p.record_answer(
        "q",
        "x",
        LastAnswer { at: 5, correct: true, confidence: 2, tags: vec![] },
        Some(Review { leitner_box: 1, due_at: 9 }),
    );
    p.finish("s", "end", 100, 7);
    let text = export(&p, 1);
    for (from, to) in [
        ("\"percent\":100", "\"percent\":256"),
        ("\"percent\":100", "\"percent\":-1"),
        ("\"percent\":100", "\"percent\":99.5"),
        ("\"answered\":1", "\"answered\":4294967296"),
        ("\"leitner_box\":1", "\"leitner_box\":1000"),
        ("\"due_at\":9", "\"due_at\":18446744073709551616"),
        ("\"finished_at\":7", "\"finished_at\":1e30"),
    ] {
        assert!(text.contains(from), "{from}");
        let bad = text.replacen(from, to, 1);
        assert_eq!(parse_import(&bad), Err(ImportError::Invalid), "{to}");
        let stored = p.encode().replacen(from, to, 1);
        assert!(matches!(Progress::decode(&stored), Err(DecodeError::Corrupt(_))), "{to}");
    }
}

#[test]
fn merge_of_many_tabs_is_the_same_in_any_order() {
    let mut tabs: Vec<Progress> = (0..4).map(|_| Progress::default()).collect();
    for (i, t) in tabs.iter_mut().enumerate() {
        let i = i as u64;
        t.mark_read("l", 10 - i);
        t.finish("s", "end", (i * 20) as u8, i);
        t.record_answer(
            "q",
            "x",
            LastAnswer { at: i, correct: i.is_multiple_of(2), confidence: 0, tags: vec![] },
            None,
        );
        t.finish_round("q", (i * 10) as u8, i);
    }
    let forward = tabs.iter().fold(Progress::default(), |m, t| m.merge(t));
    let backward = tabs.iter().rev().fold(Progress::default(), |m, t| m.merge(t));
    assert_eq!(forward, backward);
    assert_eq!(forward.lessons["l"].read_at, 7);
    assert_eq!(forward.scenario("s").unwrap().best, Some(60));
    assert_eq!(forward.scenario("s").unwrap().attempts.len(), 4);
    assert_eq!(forward.quiz("q").unwrap().best, Some(30));
    assert_eq!(forward.item("q", "x").unwrap().last.as_ref().unwrap().at, 3);
}
