//! Tests of `scorm::session`.

use super::*;
use crate::progress::{load, save, MemoryStore};
use std::cell::RefCell;

/// An LMS in memory: its data model, every call in order, and switches
/// for faults.
#[derive(Default)]
struct Fake {
    data: RefCell<std::collections::BTreeMap<String, String>>,
    calls: RefCell<Vec<String>>,
    fail_commits: std::cell::Cell<bool>,
    refuse_init: bool,
}

impl Api for &Fake {
    fn call(&self, method: &str, args: &[&str]) -> String {
        self.calls.borrow_mut().push(format!("{method}({})", args.join(",")));
        let mut data = self.data.borrow_mut();
        let failing = self.fail_commits.get();
        match method {
            "LMSInitialize" | "Initialize" => (!self.refuse_init).to_string(),
            "LMSGetValue" | "GetValue" => data.get(args[0]).cloned().unwrap_or_default(),
            "LMSSetValue" | "SetValue" => {
                data.insert(args[0].into(), args[1].into());
                "true".into()
            }
            "LMSCommit" | "Commit" => (!failing).to_string(),
            "LMSGetLastError" | "GetLastError" => if failing || self.refuse_init { "101" } else { "0" }.into(),
            _ => "true".into(),
        }
    }
}

impl Fake {
    fn with(values: &[(&str, &str)]) -> Fake {
        let f = Fake::default();
        for (k, v) in values {
            f.data.borrow_mut().insert(k.to_string(), v.to_string());
        }
        f
    }
    fn count(&self, prefix: &str) -> usize {
        self.calls.borrow().iter().filter(|c| c.starts_with(prefix)).count()
    }
    fn get(&self, k: &str) -> String {
        self.data.borrow().get(k).cloned().unwrap_or_default()
    }
}

const FIRST_12: [(&str, &str); 4] = [
    ("cmi.core.entry", "ab-initio"),
    ("cmi.core.lesson_mode", "normal"),
    ("cmi.core.credit", "credit"),
    ("cmi.core.lesson_status", "not attempted"),
];

#[test]
fn first_launch_sets_incomplete_and_commits_at_once() {
    let lms = Fake::with(&FIRST_12);
    let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
    assert!(s.launch.first && s.launch.writable);
    assert_eq!(lms.get("cmi.core.lesson_status"), "incomplete");
    assert_eq!(s.tick(0), State::Saved);
    assert_eq!(lms.count("LMSCommit"), 1);
}

#[test]
fn changes_are_debounced_and_completion_is_committed_at_once() {
    let lms = Fake::with(&FIRST_12);
    let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
    s.tick(0);
    let mut p = Progress::default();
    p.mark_read("a", 1);
    s.save_progress(&p, 1_000).unwrap();
    s.set_location("/lesson/a", 1_500);
    assert_eq!(s.tick(3_000), State::Pending, "still within the quiet time of the last change");
    assert_eq!(s.tick(3_500), State::Saved);
    assert_eq!(lms.count("LMSCommit"), 2);
    s.report(&Report { done: false, score: Some(90), passed: Some(true) }, 4_000);
    assert_eq!(lms.get("cmi.core.lesson_status"), "incomplete", "never completed before everything is done");
    assert_eq!(lms.get("cmi.core.score.raw"), "90");
    s.report(&Report { done: true, score: Some(90), passed: Some(true) }, 5_000);
    assert_eq!(lms.get("cmi.core.lesson_status"), "passed");
    s.tick(5_000);
    assert_eq!(lms.count("LMSCommit"), 3, "committed without waiting");
    s.tick(60_000);
    assert_eq!(lms.count("LMSCommit"), 3, "nothing new, no commit");
}

#[test]
fn unchanged_values_do_not_postpone_the_commit() {
    let lms = Fake::with(&FIRST_12);
    let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
    s.tick(0);
    s.set_location("/lesson/a", 1_000);
    for t in 1..10 {
        // What the one-second timer does: the same values again.
        s.set_location("/lesson/a", t * 1_000);
        s.report(&Report { done: false, score: None, passed: None }, t * 1_000);
        s.tick(t * 1_000);
    }
    assert_eq!(lms.count("LMSCommit"), 2);
    assert_eq!(s.state(), State::Saved);
}

#[test]
fn scorm_2004_reports_completion_success_and_scaled_score() {
    let lms = Fake::with(&[("cmi.entry", "ab-initio"), ("cmi.mode", "normal"), ("cmi.completion_status", "unknown")]);
    let mut s = Session::start(&lms, Version::Scorm2004, 0).unwrap();
    assert_eq!(lms.get("cmi.completion_status"), "incomplete");
    s.report(&Report { done: true, score: Some(75), passed: Some(false) }, 1);
    assert_eq!(lms.get("cmi.completion_status"), "completed");
    assert_eq!(lms.get("cmi.success_status"), "failed");
    assert_eq!(lms.get("cmi.score.scaled"), "0.75");
    s.report(&Report { done: true, score: Some(90), passed: Some(true) }, 2);
    assert_eq!(lms.get("cmi.score.scaled"), "0.9");
    assert_eq!((lms.get("cmi.score.min"), lms.get("cmi.score.max")), ("0".into(), "100".into()));
    s.finish(10_000).unwrap();
    assert_eq!(lms.get("cmi.exit"), "normal");
    assert_eq!(lms.get("cmi.session_time"), "PT0H0M10.00S");
}

#[test]
fn review_and_no_credit_write_nothing() {
    for (mode, credit) in [("review", "credit"), ("browse", "credit"), ("normal", "no-credit")] {
        let lms = Fake::with(&[("cmi.core.lesson_mode", mode), ("cmi.core.credit", credit)]);
        let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
        let mut p = Progress::default();
        p.mark_read("a", 1);
        s.save_progress(&p, 1).unwrap();
        s.report(&Report { done: true, score: Some(100), passed: Some(true) }, 2);
        assert_eq!(s.tick(100_000), State::ReadOnly);
        s.finish(100_000).unwrap();
        assert_eq!(lms.count("LMSSetValue") + lms.count("LMSCommit"), 0, "{mode} {credit}");
        assert_eq!(lms.count("LMSFinish"), 1);
    }
}

#[test]
fn a_failing_commit_is_retried_then_shown_and_nothing_is_lost() {
    let lms = Fake::with(&FIRST_12);
    let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
    lms.fail_commits.set(true);
    let mut t = 0;
    let mut states = vec![];
    for _ in 0..40 {
        t += 1_000;
        states.push(s.tick(t));
    }
    assert!(lms.count("LMSCommit") > SHOW_AFTER as usize);
    assert_eq!(s.state(), State::Failing);
    assert_eq!(s.last_error.as_deref(), Some("101"));
    assert!(states.contains(&State::Pending), "retries before telling the learner");
    lms.fail_commits.set(false);
    t += 20_000;
    assert_eq!(s.tick(t), State::Saved);
    assert_eq!(lms.get("cmi.core.lesson_status"), "incomplete");
}

#[test]
fn finish_happens_once_with_session_time_and_suspend() {
    let lms = Fake::with(&FIRST_12);
    let mut s = Session::start(&lms, Version::Scorm12, 1_000).unwrap();
    s.finish(3_726_000).unwrap();
    s.finish(3_800_000).unwrap();
    assert_eq!(lms.count("LMSFinish"), 1);
    assert_eq!(lms.get("cmi.core.session_time"), "0001:02:05.00");
    assert_eq!(lms.get("cmi.core.exit"), "suspend");
    assert_eq!(s.tick(10_000_000), State::Closed);
    s.set_location("/x", 1);
    assert_eq!(lms.get("cmi.core.lesson_location"), "", "nothing written after Finish");
}

#[test]
fn decimals_without_floating_point() {
    assert_eq!(scaled(90), "0.9");
    assert_eq!(scaled(75), "0.75");
    assert_eq!(scaled(5), "0.05");
    assert_eq!(scaled(0), "0");
    assert_eq!(scaled(100), "1");
    assert_eq!(percent("80", false), Some(80));
    assert_eq!(percent("79.5", false), Some(80));
    assert_eq!(percent("0.8", true), Some(80));
    assert_eq!(percent("0.655", true), Some(66));
    assert_eq!(percent("1", true), Some(100));
    assert_eq!(percent("1.5", true), None);
    assert_eq!(percent("", false), None);
    assert_eq!(percent("-0.5", true), None);
    assert_eq!(percent("101", false), None);
}

#[test]
fn a_refused_initialize_is_an_error() {
    let lms = Fake { refuse_init: true, ..Fake::default() };
    assert_eq!(Session::start(&lms, Version::Scorm12, 0).err().as_deref(), Some("101"));
}

#[test]
fn a_completed_course_is_never_set_back_to_incomplete() {
    let lms = Fake::with(&[("cmi.core.lesson_status", "passed"), ("cmi.core.entry", "resume")]);
    let mut s = Session::start(&lms, Version::Scorm12, 0).unwrap();
    s.report(&Report { done: false, score: None, passed: None }, 1);
    assert_eq!(lms.get("cmi.core.lesson_status"), "passed");
}

#[test]
fn mastery_from_the_lms_in_both_versions() {
    let a = Fake::with(&[("cmi.student_data.mastery_score", "70")]);
    assert_eq!(Session::start(&a, Version::Scorm12, 0).unwrap().launch.mastery, Some(70));
    let b = Fake::with(&[("cmi.scaled_passing_score", "0.65")]);
    assert_eq!(Session::start(&b, Version::Scorm2004, 0).unwrap().launch.mastery, Some(65));
    let c = Fake::default();
    assert_eq!(Session::start(&c, Version::Scorm2004, 0).unwrap().launch.mastery, None);
}

fn zero() -> u64 {
    0
}

#[test]
fn progress_round_trips_through_the_store_and_resumes() {
    let lms = Fake::with(&FIRST_12);
    let session = RefCell::new(Session::start(&lms, Version::Scorm12, 0).unwrap());
    let other = MemoryStore::default();
    let store = LmsStore { session: &session, other: &other, now: zero };
    let loaded = load(&store);
    assert_eq!((loaded.progress.clone(), loaded.notice.clone()), (Progress::default(), None));
    let mut p = loaded.progress;
    p.mark_read("what-is-trafficking", 7);
    save(&store, &p.encode()).unwrap();
    assert!(lms.get("cmi.suspend_data").starts_with(encode::PREFIX));
    assert!(other.values.borrow().is_empty(), "progress is not in the browser");
    // Relaunch with what the LMS stored.
    let session2 = RefCell::new(Session::start(&lms, Version::Scorm12, 0).unwrap());
    let store2 = LmsStore { session: &session2, other: &other, now: zero };
    assert_eq!(load(&store2).progress, p);
}

#[test]
fn unreadable_suspend_data_is_backed_up_before_anything_is_written() {
    let lms = Fake::with(&[("cmi.suspend_data", "K1~#broken")]);
    let session = RefCell::new(Session::start(&lms, Version::Scorm12, 0).unwrap());
    let other = MemoryStore::default();
    let loaded = load(&LmsStore { session: &session, other: &other, now: zero });
    assert!(loaded.notice.is_some() && loaded.may_save);
    assert_eq!(other.read(crate::progress::BACKUP_KEY).unwrap().as_deref(), Some("K1~#broken"));
    let blocked = MemoryStore { failing: true, ..Default::default() };
    assert!(!load(&LmsStore { session: &session, other: &blocked, now: zero }).may_save);
}
