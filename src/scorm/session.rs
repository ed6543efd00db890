//! One launch of the course by an LMS: the API state machine.
//!
//! The LMS's stored data is the source of truth: the launch reads entry,
//! mode, credit, status, `suspend_data` and location, and progress starts
//! from there. In review, browse or no-credit mode nothing is written. Every
//! change is set at once (SetValue is cheap and local to the LMS's page) and
//! committed after [`DEBOUNCE_MS`] of quiet, or at once when the course is
//! done. A failed commit is retried, and after [`SHOW_AFTER`] failures in a
//! row the learner is told while the retries go on. Finish is called exactly
//! once, whoever asks first (the "Save and close" button or `pagehide`).

use super::encode::{self, TooLarge};
use super::time::session_time;
use super::{El, Method, Report, Version};
use crate::progress::{Progress, Store, StoreError, KEY};

/// Quiet time before a change is committed.
pub const DEBOUNCE_MS: u64 = 2_000;
/// Waits before the first, second and later retries of a failed commit.
pub const RETRY_MS: [u64; 3] = [1_000, 4_000, 15_000];
/// Failed commits in a row before the learner is told.
pub const SHOW_AFTER: u32 = 3;

/// The LMS's API object, however it is reached. `call` runs one method with
/// string arguments and gives back its answer as a string ("true", "false",
/// a value or an error code).
pub trait Api {
    fn call(&self, method: &str, args: &[&str]) -> String;
}

/// What the LMS said at launch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    /// No earlier session (entry `ab-initio`).
    pub first: bool,
    /// Normal mode with credit: progress and results are recorded.
    pub writable: bool,
    pub suspend_data: String,
    /// The route the learner was on.
    pub location: String,
    /// The mastery score (0-100) the LMS sets, if any; it overrides the
    /// package's.
    pub mastery: Option<u8>,
}

/// How the connection stands, for the learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Everything written is committed.
    Saved,
    /// Changes wait for the debounced commit or a retry.
    Pending,
    /// Review, browse or no-credit: nothing is recorded.
    ReadOnly,
    /// Commits have failed [`SHOW_AFTER`] times in a row (still retried).
    Failing,
    /// Finished; the LMS may close the window.
    Closed,
}

pub struct Session<A: Api> {
    api: A,
    pub version: Version,
    pub launch: Launch,
    started_at: u64,
    /// The last value set per element (indexed by `El as usize`), so
    /// unchanged values are not sent. An array, not a map: smaller wasm.
    sent: [Option<String>; El::COUNT],
    /// The LMS had the course as done at launch: never set it back.
    done_at_launch: bool,
    done: bool,
    dirty: bool,
    /// Something was set since the last `changed`.
    touched: bool,
    commit_at: Option<u64>,
    /// A commit that must not be postponed by later changes.
    urgent: bool,
    failures: u32,
    closed: bool,
    /// The LMS's last error code after a failure.
    pub last_error: Option<String>,
}

impl<A: Api> Session<A> {
    /// Initialize and read the launch data. `Err` carries the LMS's error
    /// code when it refuses to initialize.
    pub fn start(api: A, version: Version, now: u64) -> Result<Session<A>, String> {
        let init = api.call(version.method(Method::Initialize), &[""]);
        if init != "true" {
            return Err(api.call(version.method(Method::LastError), &[]));
        }
        let get =
            |e: El| version.element(e).map(|name| api.call(version.method(Method::Get), &[name])).unwrap_or_default();
        let (mode, credit, status) = (get(El::Mode), get(El::Credit), get(El::Completion));
        let launch = Launch {
            first: get(El::Entry) == "ab-initio",
            writable: (mode.is_empty() || mode == "normal") && credit != "no-credit",
            suspend_data: get(El::SuspendData),
            location: get(El::Location),
            mastery: percent(&get(El::Mastery), version == Version::Scorm2004),
        };
        let mut s = Session {
            api,
            version,
            started_at: now,
            sent: Default::default(),
            done_at_launch: matches!(status.as_str(), "completed" | "passed"),
            done: false,
            dirty: false,
            touched: false,
            commit_at: None,
            urgent: false,
            failures: 0,
            closed: false,
            last_error: None,
            launch,
        };
        // What the LMS already holds need not be sent again.
        s.sent[El::SuspendData as usize] = Some(s.launch.suspend_data.clone());
        s.sent[El::Location as usize] = Some(s.launch.location.clone());
        if matches!(status.as_str(), "" | "not attempted" | "unknown") {
            s.sent[El::Completion as usize] = Some(status);
            let _ = s.set(El::Completion, "incomplete");
            s.urgent_commit(now);
        }
        Ok(s)
    }

    fn call(&self, m: Method, args: &[&str]) -> String {
        self.api.call(self.version.method(m), args)
    }

    /// Set one element, unless unchanged, read-only, closed, or not in
    /// this version. `Err` carries the LMS's error code.
    pub fn set(&mut self, e: El, value: &str) -> Result<(), String> {
        let Some(name) = self.version.element(e) else { return Ok(()) };
        if !self.launch.writable || self.closed || self.sent[e as usize].as_deref() == Some(value) {
            return Ok(());
        }
        if self.call(Method::Set, &[name, value]) != "true" {
            return Err(self.call(Method::LastError, &[]));
        }
        self.sent[e as usize] = Some(value.to_string());
        self.dirty = true;
        self.touched = true;
        Ok(())
    }

    /// Schedule the commit after a change: [`DEBOUNCE_MS`] after the last
    /// one, unless a commit is already due sooner (urgent, or a retry).
    /// Calls that changed nothing move nothing.
    fn changed(&mut self, now: u64) {
        if !std::mem::take(&mut self.touched) {
            return;
        }
        if !self.urgent && self.failures == 0 {
            self.commit_at = Some(now + DEBOUNCE_MS);
        } else if self.commit_at.is_none() {
            self.commit_at = Some(now);
        }
    }

    fn urgent_commit(&mut self, now: u64) {
        if self.dirty {
            self.urgent = true;
            self.commit_at = Some(self.commit_at.map_or(now, |c| c.min(now)));
        }
    }

    /// Keep progress in `suspend_data` (history dropped if it must be, see
    /// `encode`).
    pub fn save_progress(&mut self, p: &Progress, now: u64) -> Result<(), String> {
        let text = encode::encode(p, self.version.suspend_limit())
            .map_err(|TooLarge(_)| "progress is too large for the learning platform".to_string())?;
        self.set(El::SuspendData, &text)?;
        self.changed(now);
        Ok(())
    }

    /// Where the learner is (a route), for resuming there.
    pub fn set_location(&mut self, location: &str, now: u64) {
        if self.set(El::Location, location).is_ok() {
            self.changed(now);
        }
    }

    /// Tell the LMS where the learner stands. Completion is committed at
    /// once. In 1.2 "passed"/"failed"/"completed" is only sent once every
    /// item, the checks included, is done: Moodle reopens a completed
    /// attempt in review mode.
    pub fn report(&mut self, r: &Report, now: u64) {
        let newly_done = r.done && !self.done;
        self.done = r.done;
        let keep = self.done_at_launch && !r.done;
        let v12 = self.version == Version::Scorm12;
        let completion = match (r.done, r.passed) {
            (false, _) => "incomplete",
            (true, Some(true)) if v12 => "passed",
            (true, Some(false)) if v12 => "failed",
            (true, _) => "completed",
        };
        if !keep {
            let _ = self.set(El::Completion, completion);
        }
        if let Some(passed) = r.passed {
            let _ = self.set(El::Success, if passed { "passed" } else { "failed" });
        }
        if let Some(score) = r.score {
            let _ = self.set(El::ScoreMin, "0");
            let _ = self.set(El::ScoreMax, "100");
            let _ = self.set(El::ScoreRaw, &score.to_string());
            let _ = self.set(El::ScoreScaled, &scaled(score));
        }
        self.changed(now);
        if newly_done {
            self.urgent_commit(now);
        }
    }

    /// Commit if one is due. Call it every second or so.
    pub fn tick(&mut self, now: u64) -> State {
        if self.commit_at.is_some_and(|at| at <= now) && !self.closed {
            self.commit(now);
        }
        self.state()
    }

    fn commit(&mut self, now: u64) {
        let answer = self.call(Method::Commit, &[""]);
        let code = self.call(Method::LastError, &[]);
        if answer == "true" && matches!(code.as_str(), "" | "0") {
            self.dirty = false;
            self.urgent = false;
            self.failures = 0;
            self.commit_at = None;
            self.last_error = None;
        } else {
            let wait = RETRY_MS[(self.failures as usize).min(RETRY_MS.len() - 1)];
            self.failures += 1;
            self.commit_at = Some(now + wait);
            self.last_error = Some(code);
        }
    }

    pub fn state(&self) -> State {
        if self.closed {
            State::Closed
        } else if !self.launch.writable {
            State::ReadOnly
        } else if self.failures >= SHOW_AFTER {
            State::Failing
        } else if self.dirty {
            State::Pending
        } else {
            State::Saved
        }
    }

    /// Finish the session: session time, exit (`suspend` unless the course
    /// is done), then Finish/Terminate, which also commits. Only the first
    /// call does anything. `Err` carries the LMS's error code.
    pub fn finish(&mut self, now: u64) -> Result<(), String> {
        if self.closed {
            return Ok(());
        }
        let _ = self.set(El::SessionTime, &session_time(self.version, now.saturating_sub(self.started_at)));
        let exit = match (self.done, self.version) {
            (false, _) => "suspend",
            (true, Version::Scorm12) => "",
            (true, Version::Scorm2004) => "normal",
        };
        let _ = self.set(El::Exit, exit);
        self.closed = true;
        if self.call(Method::Finish, &[""]) == "true" {
            Ok(())
        } else {
            let code = self.call(Method::LastError, &[]);
            self.last_error = Some(code.clone());
            Err(code)
        }
    }
}

/// A percentage as a SCORM decimal from 0 to 1 ("0.85", "0.9", "1").
/// Written without floating point, which would cost size in the wasm.
pub fn scaled(percent: u8) -> String {
    if percent >= 100 {
        return "1".into();
    }
    let (tens, ones) = (b'0' + percent / 10, b'0' + percent % 10);
    let mut text = vec![b'0'];
    if percent > 0 {
        text.extend([b'.', tens]);
        if ones != b'0' {
            text.push(ones);
        }
    }
    String::from_utf8(text).unwrap_or_default()
}

/// A mastery score as the LMS gives it: a percentage in 1.2 ("80",
/// "80.0"), a decimal from 0 to 1 in 2004 ("0.8"). `None` when empty or
/// out of range.
pub fn percent(text: &str, scaled: bool) -> Option<u8> {
    // Thousandths of the value; the whole part is capped so nothing overflows.
    let (mut value, mut place, mut dot) = (0u32, 1000u32, false);
    for b in text.bytes() {
        match b {
            b'.' if !dot => dot = true,
            b'0'..=b'9' if !dot && value < 1_000_000 => value = value * 10 + u32::from(b - b'0') * 1000,
            b'0'..=b'9' if dot => {
                place /= 10;
                value += u32::from(b - b'0') * place;
            }
            _ => return None,
        }
    }
    if text.is_empty() || text.starts_with('.') {
        return None;
    }
    let hundredths = if scaled { value / 10 + u32::from(value % 10 >= 5) } else { (value + 500) / 1000 };
    u8::try_from(hundredths).ok().filter(|v| *v <= 100)
}

/// Progress kept in `suspend_data` through the [`Store`] trait, so loading
/// and saving are the website's own code. Other keys (the language, a
/// backup of unreadable data) go to `other`.
pub struct LmsStore<'a, A: Api> {
    pub session: &'a std::cell::RefCell<Session<A>>,
    pub other: &'a dyn Store,
    pub now: fn() -> u64,
}

impl<A: Api> Store for LmsStore<'_, A> {
    fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        if key != KEY {
            return self.other.read(key);
        }
        let s = self.session.borrow();
        let data = &s.launch.suspend_data;
        // As progress JSON for `progress::load`, which migrates it, or says
        // it is unreadable and backs it up as the LMS had it.
        Ok((!data.is_empty()).then(|| encode::to_json(data)))
    }

    fn write(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key != KEY {
            return self.other.write(key, value);
        }
        let p = Progress::decode(value).map_err(|e| StoreError(e.to_string()))?;
        self.session.borrow_mut().save_progress(&p, (self.now)()).map_err(StoreError)
    }
}

#[cfg(test)]
mod tests;
