//! Progress as `suspend_data`: compact, versioned, and within the LMS's
//! limit (4,096 characters in SCORM 1.2, 64,000 in 2004).
//!
//! The encoding follows [`Progress`] generically: it is `Progress::encode`'s
//! JSON with its frequent tokens shortened, and decoding goes back through
//! `Progress::decode`, so new fields and version migrations keep working
//! without a change here. When the text would be too long, history is
//! dropped first, in this order, and never a completion or a best score:
//! 1. finished scenario attempts but the newest;
//! 2. the remaining attempts and the indicator tags of last answers;
//! 3. the per-question records (answer counts, review queue);
//! 4. rounds and attempts in progress.
//!
//! Format: `K1` then the shortened JSON. `~` followed by one character
//! stands for a token of [`TOKENS`]; `~~` is a literal `~`.

use crate::progress::{DecodeError, Progress};

/// The prefix of this encoding's first version.
pub const PREFIX: &str = "K1";

/// Tokens shortened to `~` + their letter. Append only: a stored value
/// must always decode with a later table.
const TOKENS: [(char, &str); 29] = [
    ('a', "\"version\":"),
    ('b', "\"lessons\":{"),
    ('c', "\"scenarios\":{"),
    ('d', "\"quizzes\":{"),
    ('e', "\"items\":{"),
    ('f', "{\"read_at\":"),
    ('g', "{\"best\":"),
    ('h', ",\"attempts\":["),
    ('i', ",\"current\":"),
    ('j', "{\"finished_at\":"),
    ('k', ",\"choices\":["),
    ('l', ",\"ending\":\""),
    ('m', ",\"percent\":"),
    ('n', "{\"updated_at\":"),
    ('o', ",\"rounds\":"),
    ('p', ",\"last_finished_at\":"),
    ('q', ",\"answered\":"),
    ('r', ",\"correct\":"),
    ('s', ",\"last\":{\"at\":"),
    ('t', ",\"review\":"),
    ('u', ",\"confidence\":"),
    ('v', ",\"tags\":["),
    ('w', "{\"leitner_box\":"),
    ('x', ",\"due_at\":"),
    ('y', ",\"retry\":"),
    ('z', "null"),
    ('A', ",\"seed\":"),
    ('B', ",\"drawn\":["),
    ('C', ",\"pre\":"),
];

/// The progress could not be made to fit even with all history dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge(pub usize);

/// Encode `p` for `suspend_data` in at most `limit` characters, dropping
/// history (see the module doc) only as far as needed.
pub fn encode(p: &Progress, limit: usize) -> Result<String, TooLarge> {
    let mut p = p.clone();
    let mut text = shorten(&p.encode());
    for level in 1..=4 {
        if text.len() <= limit {
            return Ok(text);
        }
        shed(&mut p, level);
        text = shorten(&p.encode());
    }
    if text.len() <= limit {
        Ok(text)
    } else {
        Err(TooLarge(text.len()))
    }
}

/// Read `suspend_data`: this encoding, or plain progress JSON. Empty data
/// is a first launch.
pub fn decode(data: &str) -> Result<Progress, DecodeError> {
    if data.is_empty() {
        return Ok(Progress::default());
    }
    Progress::decode(&to_json(data))
}

/// `suspend_data` as progress JSON, for `Progress::decode` (data that does
/// not expand is returned as it is, to be reported and backed up).
pub fn to_json(data: &str) -> String {
    data.strip_prefix(PREFIX).and_then(expand).unwrap_or_else(|| data.to_string())
}

/// Drop one level of history (see the module doc).
fn shed(p: &mut Progress, level: u8) {
    for s in p.scenarios.values_mut() {
        match level {
            1 => {
                let n = s.attempts.len();
                s.attempts.drain(..n.saturating_sub(1));
            }
            2 => s.attempts.clear(),
            4 => s.current = None,
            _ => {}
        }
    }
    match level {
        2 => p.items.values_mut().filter_map(|i| i.last.as_mut()).for_each(|l| l.tags.clear()),
        3 => p.items.clear(),
        4 => p.quizzes.values_mut().for_each(|q| q.current = None),
        _ => {}
    }
}

// Both scan bytes and copy the text between matches as string slices:
// every token and `~` are ASCII, so each cut is at a character boundary
// (and the wasm needs no character decoding for it).
fn shorten(json: &str) -> String {
    let mut out = String::from(PREFIX);
    let (mut copied, mut i) = (0, 0);
    while i < json.len() {
        let rest = &json.as_bytes()[i..];
        let hit = if rest[0] == b'~' {
            Some(('~', 1))
        } else {
            TOKENS.iter().find(|(_, t)| rest.starts_with(t.as_bytes())).map(|(l, t)| (*l, t.len()))
        };
        match hit {
            Some((letter, len)) => {
                out.push_str(&json[copied..i]);
                out.push('~');
                out.push(letter);
                i += len;
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&json[copied..]);
    out
}

fn expand(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() * 2);
    let mut parts = text.split('~');
    out.push_str(parts.next()?);
    let mut escaped = false;
    for part in parts {
        // "~~" splits into an empty part: a literal "~"; the part after it
        // is plain text.
        if escaped {
            escaped = false;
            out.push_str(part);
            continue;
        }
        let Some(&letter) = part.as_bytes().first() else {
            out.push('~');
            escaped = true;
            continue;
        };
        out.push_str(TOKENS.iter().find(|(t, _)| *t as u8 == letter)?.1);
        out.push_str(&part[1..]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Attempt, ItemRecord, LastAnswer, QuizCurrent, QuizRecord, ScenarioRecord, KEPT_ATTEMPTS};
    use crate::quiz::review::Review;

    fn sample() -> Progress {
        let mut p = Progress::default();
        p.mark_read("what-is-trafficking", 1_764_000_000_000);
        p.choose("er-night-shift", 1, 1_764_000_000_100);
        p.finish("er-night-shift", "consulted-cmm", 88, 1_764_000_000_200);
        p.choose("er-night-shift", 0, 1_764_000_000_300);
        let answer = LastAnswer {
            at: 5,
            correct: true,
            confidence: 2,
            tags: vec!["debt~bondage".into(), "~~".into(), "~a~".into(), "æ~ø".into()],
        };
        p.record_answer("core-check", "q1", answer, Some(Review { leitner_box: 1, due_at: 9 }));
        p.finish_round("core-check", 90, 10);
        p
    }

    #[test]
    fn round_trips_and_is_shorter_than_json() {
        let p = sample();
        let text = encode(&p, 4096).unwrap();
        assert!(text.starts_with(PREFIX));
        assert!(text.len() * 10 < p.encode().len() * 7, "{text}");
        assert_eq!(decode(&text), Ok(p));
    }

    #[test]
    fn plain_json_and_empty_data_are_read() {
        let p = sample();
        assert_eq!(decode(&p.encode()), Ok(p));
        assert_eq!(decode(""), Ok(Progress::default()));
    }

    #[test]
    fn corrupt_and_future_data_are_refused() {
        assert!(matches!(decode("K1~"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(decode("K1~A"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(decode("garbage"), Err(DecodeError::Corrupt(_))));
        assert_eq!(decode("K1{~a99}"), Err(DecodeError::Future(99)));
    }

    /// A learner who has done everything in the whole course, many times
    /// over, with the largest numbers a record can hold.
    pub fn worst_case(catalog: &crate::content::Catalog) -> Progress {
        use crate::content::ItemKind;
        let big = u64::MAX / 2;
        let mut p = Progress::default();
        for item in catalog.modules.iter().flat_map(|m| &m.items) {
            match item.kind {
                ItemKind::Lesson => p.mark_read(&item.id, big),
                ItemKind::Scenario => {
                    let attempt = Attempt {
                        finished_at: big,
                        choices: vec![9; 12],
                        ending: "a-rather-long-ending-id-of-forty-letters".into(),
                        percent: 100,
                        seed: u64::MAX,
                    };
                    let current =
                        Some(crate::progress::Current { updated_at: big, choices: vec![9; 12], seed: u64::MAX });
                    p.scenarios.insert(
                        item.id.clone(),
                        ScenarioRecord { best: Some(100), attempts: vec![attempt; KEPT_ATTEMPTS], current },
                    );
                }
                ItemKind::Quiz => {
                    let answered: Vec<String> = (0..30).map(|i| format!("question-{i:02}")).collect();
                    p.quizzes.insert(
                        item.id.clone(),
                        QuizRecord {
                            best: Some(100),
                            rounds: u32::MAX,
                            last_finished_at: Some(big),
                            current: Some(QuizCurrent {
                                updated_at: big,
                                answered: answered.clone(),
                                retry: true,
                                seed: u64::MAX,
                                drawn: answered.clone(),
                                pre: true,
                            }),
                        },
                    );
                    for q in &answered {
                        let last = LastAnswer {
                            at: big,
                            correct: true,
                            confidence: 2,
                            tags: vec!["recruitment-vulnerability".into(), "exploitation".into()],
                        };
                        p.items.insert(
                            crate::progress::item_key(&item.id, q),
                            ItemRecord {
                                answered: u32::MAX,
                                correct: u32::MAX,
                                last: Some(last),
                                review: Some(Review { leitner_box: 3, due_at: big }),
                            },
                        );
                    }
                }
            }
        }
        p
    }

    #[test]
    fn history_goes_first_and_completions_and_best_scores_stay() {
        let catalog = crate::scorm::tests::catalog();
        let full = worst_case(&catalog);
        assert!(full.encode().len() > 4096, "the worst case must really be over the limit");
        let text = encode(&full, 4096).unwrap();
        assert!(text.len() <= 4096, "{}", text.len());
        println!("worst case: {} characters of JSON, {} as suspend_data", full.encode().len(), text.len());
        let back = decode(&text).unwrap();
        assert_eq!(back.lessons, full.lessons);
        for (id, s) in &full.scenarios {
            assert_eq!(back.scenarios[id].best, s.best, "{id}");
        }
        for (id, q) in &full.quizzes {
            let b = &back.quizzes[id];
            assert_eq!((b.best, b.rounds, b.last_finished_at), (q.best, q.rounds, q.last_finished_at), "{id}");
        }
        // Everything was finished at least once: done, with full marks,
        // whether or not the rounds begun again survive.
        let report = crate::scorm::report(&catalog, &[], &back, 80);
        assert_eq!(report, crate::scorm::Report { done: true, score: Some(100), passed: Some(true) });
        // With room to spare, nothing is dropped.
        assert_eq!(decode(&encode(&full, 64_000).unwrap()).unwrap(), full);
    }

    #[test]
    fn only_as_much_is_dropped_as_needed() {
        let mut p = sample();
        for t in 0..KEPT_ATTEMPTS as u64 {
            p.finish("er-night-shift", "ending", 50, t);
        }
        p.choose("er-night-shift", 2, 99);
        let full = encode(&p, 64_000).unwrap();
        let back = decode(&encode(&p, full.len() - 1).unwrap()).unwrap();
        assert_eq!(back.scenarios["er-night-shift"].attempts.len(), 1, "the newest attempt is kept");
        assert_eq!(back.items, p.items);
        assert!(back.scenarios["er-night-shift"].current.is_some());
    }

    #[test]
    fn too_large_even_without_history_is_an_error() {
        let mut p = Progress::default();
        for i in 0..200 {
            p.mark_read(&format!("lesson-{i}"), 1);
        }
        assert!(matches!(encode(&p, 100), Err(TooLarge(_))));
    }
}
