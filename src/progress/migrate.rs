//! Reading stored progress of every version that ever existed.
//!
//! Stored JSON is first read as a [`Value`]; older versions are then
//! brought up to date one step at a time (`v1_to_v2`, and later `v2_to_v3`
//! and so on), each step a small function on the JSON, and only the
//! result is read as [`Progress`]. A new version adds one step to
//! [`STEPS`] and a fixture to `tests/fixtures/progress/`.

use miniserde::json::{self, Number, Object, Value};

use super::{DecodeError, Progress, CURRENT_VERSION};

/// The first version that was ever written.
const FIRST_VERSION: u32 = 1;

/// `STEPS[i]` turns version `FIRST_VERSION + i` into the next version.
const STEPS: [fn(&mut Object); (CURRENT_VERSION - FIRST_VERSION) as usize] = [v1_to_v2, v2_to_v3];

/// Version 2 added quiz rounds and per-question records; version 1
/// progress has none of either.
fn v1_to_v2(o: &mut Object) {
    o.entry("quizzes".to_string()).or_insert_with(|| Value::Object(Object::new()));
    o.entry("items".to_string()).or_insert_with(|| Value::Object(Object::new()));
}

/// Version 3 added shuffle seeds, drawn rounds and the pre-check (whose
/// answers are items under their own keys, so need nothing here). Seed 0
/// shows the authored order, which is what version 2 attempts saw; an empty
/// `drawn` asks every question, as version 2 rounds did. Anything that is
/// not an object is left alone for the final read to refuse.
fn v2_to_v3(o: &mut Object) {
    let zero = || Value::Number(Number::U64(0));
    if let Some(Value::Object(scenarios)) = o.get_mut("scenarios") {
        for record in scenarios.values_mut() {
            let Value::Object(record) = record else { continue };
            if let Some(Value::Object(current)) = record.get_mut("current") {
                current.entry("seed".to_string()).or_insert_with(zero);
            }
            if let Some(Value::Array(attempts)) = record.get_mut("attempts") {
                for attempt in attempts {
                    if let Value::Object(attempt) = attempt {
                        attempt.entry("seed".to_string()).or_insert_with(zero);
                    }
                }
            }
        }
    }
    if let Some(Value::Object(quizzes)) = o.get_mut("quizzes") {
        for record in quizzes.values_mut() {
            let Value::Object(record) = record else { continue };
            if let Some(Value::Object(current)) = record.get_mut("current") {
                current.entry("seed".to_string()).or_insert_with(zero);
                current.entry("drawn".to_string()).or_insert_with(|| Value::Array(Default::default()));
                current.entry("pre".to_string()).or_insert(Value::Bool(false));
            }
        }
    }
}

fn corrupt(reason: &str) -> DecodeError {
    DecodeError::Corrupt(reason.to_string())
}

pub(super) fn decode(raw: &str) -> Result<Progress, DecodeError> {
    let value: Value = json::from_str(raw).map_err(|_| corrupt("not valid JSON"))?;
    let version = version_of(&value)?;
    if version == CURRENT_VERSION {
        // Nothing to migrate: read the text directly.
        return json::from_str(raw).map_err(|_| corrupt("not in the format of saved progress"));
    }
    decode_value(value)
}

/// Read progress of any known version from JSON already parsed.
pub(super) fn decode_value(value: Value) -> Result<Progress, DecodeError> {
    let mut version = version_of(&value)?;
    let Value::Object(mut object) = value else { unreachable!("version_of accepts objects only") };
    while version < CURRENT_VERSION {
        STEPS[(version - FIRST_VERSION) as usize](&mut object);
        version += 1;
        object.insert("version".to_string(), Value::Number(Number::U64(version as u64)));
    }
    json::from_str(&json::to_string(&Value::Object(object))).map_err(|_| corrupt("not in the format of saved progress"))
}

/// The version of stored progress: one this build can migrate, or an error.
fn version_of(value: &Value) -> Result<u32, DecodeError> {
    let Value::Object(o) = value else { return Err(corrupt("not a JSON object")) };
    let version = match o.get("version") {
        Some(Value::Number(Number::U64(n))) => *n,
        _ => return Err(corrupt("no version number")),
    };
    if version > CURRENT_VERSION as u64 {
        return Err(DecodeError::Future(version.min(u32::MAX as u64) as u32));
    }
    if version < FIRST_VERSION as u64 {
        return Err(DecodeError::Corrupt(format!("unknown version {version}")));
    }
    Ok(version as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version() {
        assert_eq!(STEPS.len() as u32, CURRENT_VERSION - FIRST_VERSION);
    }

    #[test]
    fn v1_gains_empty_quizzes_and_items() {
        let p = decode("{\"version\":1,\"lessons\":{},\"scenarios\":{}}").unwrap();
        assert_eq!(p, Progress::default());
    }

    #[test]
    fn v1_is_still_checked_after_migration() {
        assert!(matches!(decode("{\"version\":1,\"lessons\":{}}"), Err(DecodeError::Corrupt(_))));
        assert!(matches!(decode("{\"version\":1,\"lessons\":[],\"scenarios\":{}}"), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn v2_must_have_its_own_fields() {
        assert!(matches!(decode("{\"version\":2,\"lessons\":{},\"scenarios\":{}}"), Err(DecodeError::Corrupt(_))));
    }

    #[test]
    fn odd_versions_are_corrupt() {
        for raw in
            ["{\"version\":0}", "{\"version\":-1}", "{\"version\":1.0}", "{\"version\":\"1\"}", "[1]", "2", "null"]
        {
            assert!(matches!(decode(raw), Err(DecodeError::Corrupt(_))), "{raw}");
        }
    }

    #[test]
    fn v2_gains_seeds_draws_and_an_empty_precheck() {
        let v2 = r#"{"version":2,"lessons":{},"scenarios":{"s":{"best":50,"attempts":[{"finished_at":2,"choices":[1],"ending":"e","percent":50}],"current":{"updated_at":3,"choices":[0]}}},"quizzes":{"q":{"best":null,"rounds":0,"last_finished_at":null,"current":{"updated_at":4,"answered":["a"],"retry":false}}},"items":{}}"#;
        let p = decode(v2).unwrap();
        let s = p.scenario("s").unwrap();
        assert_eq!((s.attempts[0].seed, s.current.as_ref().unwrap().seed), (0, 0));
        let q = p.quiz("q").unwrap();
        let cur = q.current.as_ref().unwrap();
        assert_eq!((cur.seed, cur.drawn.len(), cur.pre), (0, 0, false));
        assert_eq!(cur.answered, vec!["a".to_string()]);
    }

    #[test]
    fn huge_future_version_is_future() {
        assert_eq!(decode("{\"version\":4}"), Err(DecodeError::Future(4)));
        assert_eq!(decode("{\"version\":18446744073709551615}"), Err(DecodeError::Future(u32::MAX)));
    }
}
